"""Validation results kept in the store: one standard ``sh:ValidationReport`` per report.

Each validated report gets a named graph ``graph/validation/<report id>`` holding a
``sh:ValidationReport`` (``prov:wasDerivedFrom`` the report, ``mkg:shapesDigest`` of the
shapes it was checked against) and its ``sh:ValidationResult`` nodes, with two words for
people beside the SHACL terms: ``mkg:resultSection`` (the template section concerned) and
``mkg:focusDescription`` (the focus node in a rapporteur's words). They are queried and
exported like any graph.

Results go stale when the report's data changes: ``migkg ingest`` drops the results graph
of every report it replaces, and of every report sharing an entity (session, event,
rapporteur) with it, in the same update that writes the new graphs
(:func:`stale_results`); and every result whose shapes digest is not that of the current
shapes is stale. ``migkg validate`` validates again exactly the reports without current
results (see :mod:`migkg.validation_run`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, SH

from migkg.ontology.namespaces import GRAPH, MKG, VOCAB

from . import validation
from .shacl_sparql import term_columns
from .store import REPORT_PREFIX, Store
from .validation_sparql import reports_reaching, term_from_row

PREFIX = f"{GRAPH}validation/"
_SECTION = f"{VOCAB}section/"
_SEVERITY_IRI = {"violation": SH.Violation, "warning": SH.Warning, "info": SH.Info}
_SEVERITY_NAME = {str(v): k for k, v in _SEVERITY_IRI.items()}


def results_graph(report: str) -> str:
    """The IRI of the graph (and of the ``sh:ValidationReport``) of ``report``'s results."""
    local = report[len(REPORT_PREFIX):] if report.startswith(REPORT_PREFIX) else report
    return PREFIX + local


def ntriples(report: str, findings: Sequence[validation.Finding], shapes_digest: str) -> str:
    """The N-Triples of ``report``'s results graph: one sh:ValidationReport, its results
    numbered in the findings' order (so the same findings give the same bytes)."""
    node = URIRef(results_graph(report))
    conforms = not any(f.severity == "violation" for f in findings)
    lines = [
        (node, RDF.type, SH.ValidationReport),
        (node, SH.conforms, Literal(conforms)),
        (node, PROV.wasDerivedFrom, URIRef(report)),
        (node, MKG.shapesDigest, Literal(shapes_digest)),
    ]
    for index, f in enumerate(sorted(findings, key=validation.Finding.sort_key), 1):
        result = URIRef(f"{node}#result-{index}")
        lines += [(node, SH.result, result), (result, RDF.type, SH.ValidationResult),
                  (result, SH.resultSeverity, _SEVERITY_IRI[f.severity]),
                  (result, SH.resultMessage, Literal(f.message))]
        if f.focus:
            lines.append((result, SH.focusNode, URIRef(f.focus)))
        if f.path:
            lines.append((result, SH.resultPath, URIRef(f.path)))
        if f.value:
            lines.append((result, SH.value, _from_n3(f.value)))
        if f.shape:
            lines.append((result, SH.sourceShape, URIRef(f.shape)))
        if f.component:
            lines.append((result, SH.sourceConstraintComponent, URIRef(f.component)))
        if f.section:
            lines.append((result, MKG.resultSection, URIRef(_SECTION + f.section)))
        if f.where:
            lines.append((result, MKG.focusDescription, Literal(f.where)))
    return "".join(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in lines)


def _from_n3(text: str):
    """A value kept in N-Triples syntax back as a term."""
    from rdflib.util import from_n3

    return from_n3(text)


def current(store: Store, shapes_digest: str) -> set[str]:
    """The reports whose kept results were checked against the shapes of
    ``shapes_digest`` (those need no new run)."""
    rows = store.select(
        f"SELECT ?r WHERE {{ GRAPH ?g {{ ?g <{PROV.wasDerivedFrom}> ?r ; "
        f"<{MKG.shapesDigest}> ?d }} FILTER(STRSTARTS(STR(?g), \"{PREFIX}\")) "
        f"FILTER(?d = {Literal(shapes_digest).n3()}) }}").rows
    return {row[0] for row in rows}


_READ = f"""
SELECT ?r ?sev ?msg ?focus ?path ?shape ?component ?section ?where
       ?v {term_columns("?v")}
WHERE {{
  VALUES ?r {{ #REPORTS# }}
  GRAPH ?g {{
    ?g <{PROV.wasDerivedFrom}> ?r ; <{SH.result}> ?x .
    ?x <{SH.resultSeverity}> ?sev ; <{SH.resultMessage}> ?msg .
    OPTIONAL {{ ?x <{SH.focusNode}> ?focus }}
    OPTIONAL {{ ?x <{SH.resultPath}> ?path }}
    OPTIONAL {{ ?x <{SH.value}> ?v }}
    OPTIONAL {{ ?x <{SH.sourceShape}> ?shape }}
    OPTIONAL {{ ?x <{SH.sourceConstraintComponent}> ?component }}
    OPTIONAL {{ ?x <{MKG.resultSection}> ?section }}
    OPTIONAL {{ ?x <{MKG.focusDescription}> ?where }}
  }}
}}"""


def read_findings(store: Store, infos: Iterable[validation.ReportInfo]
                  ) -> list[validation.Finding]:
    """The kept findings of the reports ``infos``, as the run that made them gave them."""
    sources = {info.iri: info.source for info in infos}
    out: list[validation.Finding] = []
    reports = sorted(sources)
    for start in range(0, len(reports), 500):
        values = " ".join(f"<{r}>" for r in reports[start:start + 500])
        for row in store.select(_READ.replace("#REPORTS#", values)).rows:
            report, severity, message, focus, path, shape, component, section, where = row[:9]
            value = term_from_row(*row[9:14])
            out.append(validation.Finding(
                report=report, source=sources[report], severity=_SEVERITY_NAME[severity],
                section=(section or "")[len(_SECTION):], focus=focus or "", path=path or "",
                message=message, shape=shape or "", component=component or "",
                value=value.n3() if value is not None else "", where=where or ""))
    return sorted(out, key=validation.Finding.sort_key)


def stale_results(store: Store, reports: Iterable[str],
                  shared: Mapping[str, str] | None = None) -> list[str]:
    """The results graphs that writing ``reports`` again, and adding the ``shared``
    entity triples ({entity graph: N-Triples}), makes stale: the reports' own, and those
    of every report that reaches an entity graph those triples change (a shared
    session's results depend on it; an entity graph that already holds them, such as
    the loader's, changes nothing). Only graphs the store holds are named."""
    held = {g for g in store.named_graphs() if g.startswith(PREFIX)}
    if not held:
        return []
    affected = set(reports)
    changed = [graph for graph, text in (shared or {}).items()
               if not _holds(store, graph, text)]
    for reaching in reports_reaching(store, changed).values():
        affected |= reaching
    return sorted(g for g in map(results_graph, affected) if g in held)


def _holds(store: Store, graph: str, ntriples: str) -> bool:
    """True if the entity graph ``graph`` already holds every triple of ``ntriples``
    (compared as N-Triples lines: a line written otherwise than the store writes it counts
    as new, which only makes more results stale, never fewer)."""
    wanted = {line.strip() for line in ntriples.splitlines() if line.strip()}
    if not wanted:
        return True
    held = {line.strip() for line in store.graph_ntriples(graph).splitlines()}
    return wanted <= held


def dropped_results(store: Store) -> list[str]:
    """Results graphs whose report the store no longer holds."""
    reports = set(store.report_graphs())
    rows = store.select(
        f"SELECT ?g ?r WHERE {{ GRAPH ?g {{ ?g <{PROV.wasDerivedFrom}> ?r ; "
        f"a <{SH.ValidationReport}> }} "
        f"FILTER(STRSTARTS(STR(?g), \"{PREFIX}\")) }}").rows
    return sorted({g for g, r in rows if r not in reports})


__all__ = ["PREFIX", "current", "dropped_results", "ntriples", "read_findings",
           "results_graph", "stale_results"]
