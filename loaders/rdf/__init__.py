"""The one RDF writer: a filled :class:`~migkg.loaders.model.Report` -> its graphs.

``write_report`` gives the report's IRI, the N-Triples of its named graph and the shared
entity graphs (sessions, events outside the catalogue, rapporteurs, the loader agent).
IRIs come only from stable keys (``migkg.ontology.iris``), and the N-Triples lines are
sorted, so the same input always gives the same bytes.

Parts: :mod:`.graph` (triples, literals, N-Triples), :mod:`.report_nodes` (provenance,
metadata, sections, insights), :mod:`.annotation_nodes` (what the annotators found),
:mod:`.summary_nodes` (per-report summary triples that list queries read).
"""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import version

from migkg.ontology import iris, template

from ..model import Report
from . import annotation_nodes, report_nodes, summary_nodes
from .graph import Graph, ingest_time

__all__ = ["ingest_time", "report_iri", "write_report"]


@lru_cache(maxsize=1)
def _loader_version() -> str:
    # Read from the installed metadata once: it costs milliseconds per call.
    return version("migkg")


def report_iri(record: Report) -> str:
    """The report's IRI: by its identity when it has one, else by its file's base name."""
    if record.identity is not None:
        return iris.report_iri(record.identity)
    return iris.basename_report_iri(record.name)


def write_report(record: Report, *, ended_at: str | None = None) -> tuple[str, str, dict[str, str]]:
    """(report IRI, N-Triples of its named graph, shared entity graph IRI -> N-Triples).

    ``record`` has been through every stage (segmented, metadata, insights, annotators);
    ``ended_at`` pins the ingest time (else :func:`ingest_time`).
    """
    g = Graph()
    report = report_iri(record)
    text = record.document.text
    source = report_nodes.provenance(
        g, report, name=record.name, fmt=record.format, sha256=record.sha256, text=text,
        language=record.language, version=_loader_version(),
        ended_at=ended_at or ingest_time())
    if record.segmented is None or record.metadata is None:
        raise ValueError("write_report needs a report through the section and metadata stages")
    report_nodes.metadata(g, report, record.metadata)
    sections = report_nodes.sections(g, report, record.segmented, template.section_keys())
    report_nodes.reading(g, report, sections, record.segmented, source)
    levels = record.ran("levels")
    for index, insight in enumerate(record.insights):
        node = iris.insight_iri(report, insight.kind, insight.position)
        inferred = record.of("levels", index) if levels else []
        level = (inferred[0].code, "inferred", "; ".join(inferred[0].evidence)) \
            if inferred else None
        report_nodes.insight(g, node, insight, sections[insight.section], source, text, level)
        annotation_nodes.write(g, record, report, node, index, source)
    summary_nodes.summary(g, report, record.metadata)
    return report, g.ntriples(), g.shared_ntriples()
