"""Read -> segment -> metadata -> insights -> annotate -> write: one report file to the
N-Triples of its graph.

Pure and side-effect free (the caller owns the store), so files can be loaded in worker
processes and a failure costs only that file. The stages fill one
:class:`~migkg.loaders.model.Report` record in order.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from . import readers
from .extract import annotate
from .extract.insights import extract_insights
from .metadata import read_metadata
from .model import Report
from .rdf import write_report
from .segment import lexicon, segment
from .text_utils import detect_language


class LoadError(Exception):
    """A file is not a loadable report; the message is one plain line."""


@dataclass
class LoadedReport:
    """One loaded report: its path, IRI, graph as N-Triples, insight counts, shared graphs,
    and how it was read (warnings, sections found)."""

    path: str
    iri: str
    ntriples: str
    counts: dict[str, int]
    shared: dict[str, str]  # entity graph IRI -> N-Triples (sessions, events, people)
    warnings: list[str] = field(default_factory=list)  # how the file was read, one line each
    sections: int = 0  # template sections found (heading present)


def load_file(
    path: Path, *, event: str | None = None, date: str | None = None,
    identity: str | None = None, strict: bool = False,
    exclude_origins: frozenset[str] = frozenset(),
) -> LoadedReport:
    """Load one report; raises :class:`LoadError` with a one-line reason.

    ``event`` and ``date`` are the user's, used where the report does not say.
    ``identity`` names the report: its path relative to the ingest root ('a/report.md'),
    which gives its IRI (``ontology.iris.report_iri``); None names it by the file's base
    name. The result carries warnings on how the file was read (headings not recognised,
    text left outside any section, text the reader had to repair); with ``strict`` a
    reading warning makes the file fail instead. ``exclude_origins`` leaves out the
    lexicon entries that came from those reports (leave-one-out evaluation).
    """
    try:
        document = readers.read(path)
        digest = _sha256(path)
    except readers.ReaderError as exc:
        raise LoadError(str(exc)) from None
    except OSError as exc:
        raise LoadError(f"cannot read the file ({exc.strerror or exc})") from None
    with lexicon.leaving_out(exclude_origins):
        segmented = segment(document)
        insights = extract_insights(segmented)
    if not segmented.found_any:
        raise LoadError("no template section found (is this a rapporteur report?)")
    reading_warnings = segmented.warnings()
    if strict and reading_warnings:
        raise LoadError(f"--strict: {reading_warnings[0]}")
    metadata = read_metadata(segmented, event=event, when=date)
    report = Report(document, path.name, path.suffix.lower().lstrip("."), digest,
                    identity=identity, segmented=segmented, metadata=metadata,
                    insights=insights, language=detect_language(document.text))
    loaded = _write(annotate(report), str(path))
    loaded.warnings = [*document.warnings, *reading_warnings]
    loaded.sections = sum(1 for s in segmented.sections.values() if s.heading is not None)
    return loaded


# The back half: from the insights on, everything reads the record.


def _write(report: Report, path: str) -> LoadedReport:
    iri, ntriples, shared = write_report(report)
    counts: dict[str, int] = {}
    for insight in report.insights:
        counts[insight.kind] = counts.get(insight.kind, 0) + 1
    return LoadedReport(path, iri, ntriples, counts, shared)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
