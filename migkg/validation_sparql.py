"""The store engine of ``migkg validate``: the shapes compiled to SPARQL, run on the store.

:mod:`migkg.shacl_sparql` compiles ``shapes/`` into one SELECT per constraint; this module
runs them on the store itself (a thread per CPU: pyoxigraph releases the GIL while it
evaluates a query), so nothing is copied or parsed, and turns their rows into the same
:class:`~migkg.validation.Finding` values pySHACL's results give (``--engine pyshacl``;
``tests/test_validate_engines.py`` proves the two agree).

Which report a result belongs to: the checks find each focus node in the graph that types
it. A report's own nodes are in its graph; a shared entity (a session, its event, a
rapporteur) is in an entity graph of its own, and its results count for every report that
reaches it, as when each report is validated with the entity graphs it reaches.

What a finding says about its focus node ("practice 3: '...'", the section, the linker's
suggestions) comes from the few triples around it, fetched in one query per batch of
results, never from the whole report.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from migkg.ontology.iris import basis_iri
from migkg.ontology.namespaces import MKG, OA, VOCAB, vocab_graph

from . import shacl_sparql, validation
from .shacl_sparql import EXCLUDED_GRAPHS, Check, term_columns
from .store import REPORT_PREFIX, Store

_ENTITY_STEPS = 2  # as Store.report_ntriples: session, then its event
_BATCH = 200  # focus nodes per context query; keeps each query's text small
_TRUE = ("true", "1")


@dataclass(frozen=True)
class Result:
    """One row of a check: the graph typing the focus node, the focus and the value."""

    check: Check
    graph: str
    focus: Node
    value: Node | None


def derived_classes() -> dict[URIRef, tuple[URIRef, URIRef]]:
    """Each template section's class and the ``mkg:sectionType`` triple that implies it
    (the loader does not write the class; see ``validation.add_section_classes``)."""
    return {cls: (MKG.sectionType, URIRef(f"{VOCAB}section/{key}"))
            for key, cls in validation.SECTION_CLASSES.items()}


@lru_cache(maxsize=1)
def checks() -> tuple[Check, ...]:
    """The compiled checks of the project's shapes (compiled once per process); raises
    :class:`~migkg.shacl_sparql.CompileError` for a shape the compiler cannot take."""
    return tuple(shacl_sparql.compile_shapes(validation.shapes_graph(), derived_classes()))


def term_from_row(value: str | None, iri: str | None, blank: str | None,
                  datatype: str | None, language: str | None) -> Node | None:
    """The RDF term a result row describes by its text and the flags selected beside it
    (is an IRI, is a blank node, datatype, language); None for an unbound cell."""
    if value is None:
        return None
    if iri in _TRUE:
        return URIRef(value)
    if blank in _TRUE:
        return BNode(value)
    if language:
        return Literal(value, lang=language)
    if datatype and datatype != str(XSD.string):
        return Literal(value, datatype=URIRef(datatype))
    return Literal(value)


def scope_block(graphs: Iterable[str] | None) -> str:
    """The VALUES block that limits the checks' focus nodes to ``graphs`` (None: all)."""
    if graphs is None:
        return ""
    names = " ".join(f"<{g}>" for g in sorted(set(graphs)))
    return f"VALUES ?g {{ {names} }}"


def run_checks(store: Store, graphs: Iterable[str] | None = None, *,
               workers: int | None = None) -> list[Result]:
    """Every compiled check on ``store``, the focus nodes limited to those typed in
    ``graphs`` (None: every graph); the rows as :class:`Result` values."""
    if graphs is not None:
        graphs = list(graphs)
        if not graphs:
            return []
    scope = scope_block(graphs)

    def run(check: Check) -> list[Result]:
        rows = store.select(check.query_for(scope)).rows
        out = []
        for row in rows:
            value = term_from_row(*row[2:7]) if check.has_value else None
            out.append(Result(check, row[0], URIRef(row[1]), value))
        return out

    workers = workers or os.cpu_count() or 1
    if workers <= 1:
        return [r for check in checks() for r in run(check)]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return [r for rows in pool.map(run, checks()) for r in rows]


def reports_reaching(store: Store, entities: Iterable[str]) -> dict[str, set[str]]:
    """For each entity graph, the report graphs that reach it (directly, or through
    another entity graph), as :meth:`Store.report_ntriples` follows them."""
    wanted = sorted(set(entities))
    reached: dict[str, set[str]] = {e: set() for e in wanted}
    frontier = {e: {e} for e in wanted}  # graph to look for -> entities it stands for
    for _ in range(_ENTITY_STEPS):
        if not frontier:
            break
        values = " ".join(f"<{g}>" for g in sorted(frontier))
        rows = store.select(
            f"SELECT DISTINCT ?r ?e WHERE {{ VALUES ?e {{ {values} }} "
            f"GRAPH ?r {{ ?s ?p ?e }} FILTER(?r != ?e) }}").rows
        following: dict[str, set[str]] = defaultdict(set)
        for graph, entity in rows:
            for original in frontier[entity]:
                if graph.startswith(REPORT_PREFIX):
                    reached[original].add(graph)
                elif graph not in EXCLUDED_GRAPHS:
                    following[graph].add(original)
        frontier = dict(following)
    return reached


def entities_of(store: Store, reports: Sequence[str]) -> set[str]:
    """The entity graphs the report graphs ``reports`` reach."""
    if not reports:
        return set()
    entities = store.entity_graphs()
    found: set[str] = set()
    frontier = set(reports)
    for _ in range(_ENTITY_STEPS):
        values = " ".join(f"<{g}>" for g in sorted(frontier))
        rows = store.select(f"SELECT DISTINCT ?e WHERE {{ VALUES ?r {{ {values} }} "
                            "GRAPH ?r { ?s ?p ?e } FILTER(isIRI(?e)) }").rows
        frontier = {row[0] for row in rows if row[0] in entities} - found
        if not frontier:
            break
        found |= frontier
    return found


_OBJECT_KIND = term_columns("?o")
# The links the suggestions are made of: those the linker inferred. (Their confidence is
# read apart: an OPTIONAL here would make the store match the links of every report.)
_INFERRED = f"""SELECT ?r ?s ?c WHERE {{
  VALUES ?r {{ #REPORTS# }}
  GRAPH ?r {{ ?s <{MKG.linkedConcept}> ?c ; <{MKG.basis}> <{basis_iri('inferred')}> }}
}}"""


def _excluded(var: str) -> str:
    return f"FILTER({var} NOT IN ({', '.join(f'<{g}>' for g in EXCLUDED_GRAPHS)}))"


def _select_all(store: Store, queries: Sequence[str]) -> list[list]:
    """The rows of each query, the queries spread over a thread per CPU."""
    workers = min(len(queries), os.cpu_count() or 1)
    if workers <= 1:
        return [store.select(query).rows for query in queries]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda query: store.select(query).rows, queries))


def _triples(store: Store, wanted: Sequence[tuple[Iterable[tuple[str, str]], Iterable[URIRef],
                                                  bool]]) -> list[tuple[str, Node, Node, Node]]:
    """For each (nodes, predicates, incoming) in ``wanted``: the triples of those nodes
    (report, node in N-Triples) with those predicates, as subject (or as object when
    ``incoming``), each with its report: (report, subject, predicate, object)."""
    found: list[tuple[str, Node, Node, Node]] = []
    for nodes, predicates, incoming in wanted:
        # Only IRIs can be asked about by name (a blank node's label is the store's own).
        reports: dict[str, list[str]] = defaultdict(list)
        for report, node in sorted(set(nodes)):
            if node.startswith("<"):
                reports[node[1:-1]].append(report)
        rows = store.quads_about(reports, {str(p) for p in predicates}, incoming=incoming,
                                 excluded=EXCLUDED_GRAPHS)
        for _graph, subject, predicate, obj, *kind in rows:
            key = obj if incoming else subject
            triple = (URIRef(subject), URIRef(predicate), term_from_row(obj, *kind))
            found.extend((report, *triple) for report in reports[key])
    return found


def context_graphs(store: Store, pairs: Iterable[tuple[str, Node]],
                   unplaced: Iterable[str] = ()) -> dict[str, Graph]:
    """For each report, a graph of the triples its findings are described from (see
    ``validation.FOCUS_READS`` and its neighbours): each focus node's own (``pairs``:
    report, focus), the edges that lead to it and to its span's anchor, the triples of
    the statement those edges come from and of the sections named, and, for the reports
    in ``unplaced``, their sections'."""
    focus = sorted({(r, f.n3()) for r, f in pairs})
    reports = sorted((r, f"<{r}>") for r in set(unplaced))
    found = _triples(store, [(focus, validation.FOCUS_READS, False),
                             (focus, validation.EDGE_READS, True),
                             (reports, {MKG.hasSection}, False)])
    # One step further back: the anchors that hold a focus selector, and the statements
    # that hold an anchor or a link; then every section named so far.
    anchors = {(r, s.n3()) for r, s, p, _o in found if p == OA.hasSelector}
    found += _triples(store, [(anchors, {MKG.anchor}, True)])
    owners = {(r, s.n3()) for r, s, p, _o in found if p in (MKG.anchor, MKG.qualifiedLink)}
    found += _triples(store, [(owners, validation.OWNER_READS, False)])
    sections = {(r, o.n3()) for r, _s, p, o in found
                if p in (MKG.inSection, MKG.hasSection) and isinstance(o, URIRef)}
    found += _triples(store, [(sections, validation.SECTION_READS, False)])
    graphs: dict[str, Graph] = defaultdict(Graph)
    for report, subject, predicate, obj in found:
        graphs[report].add((subject, predicate, obj))
    return graphs


def inferred_links(store: Store, reports: Iterable[str]
                   ) -> dict[str, list[tuple[Node, Node | None]]]:
    """For each of ``reports``, concept and confidence of each link the linker inferred
    (as :func:`migkg.validation.inferred_links` reads them from a report graph)."""
    ordered = sorted(set(reports))
    queries = [_INFERRED.replace("#REPORTS#", " ".join(f"<{r}>" for r in
                                                       ordered[start:start + _BATCH]))
               for start in range(0, len(ordered), _BATCH)]
    links = [row for rows in _select_all(store, queries) for row in rows]
    confidence: dict[tuple[str, Node], list[Node]] = defaultdict(list)
    for report, link, _p, value in _triples(
            store, [({(r, f"<{s}>") for r, s, _c in links}, {MKG.confidence}, False)]):
        confidence[(report, link)].append(value)
    found: dict[str, list[tuple[Node, Node | None]]] = defaultdict(list)
    for report, link, concept in links:
        values = confidence.get((report, URIRef(link)), [])
        # of several, the first in N-Triples order, as validation.inferred_links takes it
        first = min(values, key=lambda v: v.n3()) if values else None
        found[report].append((URIRef(concept), first))
    return found


def label_graph(store: Store) -> Graph:
    """The triples the concepts' names in messages come from (``validation.LABEL_READS``),
    read from the GCM and SDG vocabulary graphs of the store."""
    allowed = ", ".join(f"<{p}>" for p in validation.LABEL_READS)
    names = " ".join(f"<{vocab_graph(name)}>" for name in ("gcm", "sdg"))
    rows = store.select(f"SELECT ?s ?p ?o {_OBJECT_KIND} WHERE {{ VALUES ?g {{ {names} }} "
                        f"GRAPH ?g {{ ?s ?p ?o }} FILTER(?p IN ({allowed})) }}").rows
    graph = Graph()
    for subject, predicate, obj, *kind in rows:
        graph.add((URIRef(subject), URIRef(predicate), term_from_row(obj, *kind)))
    return graph


def findings(store: Store, infos: Sequence[validation.ReportInfo],
             results: Sequence[Result], describer: validation.Describer
             ) -> list[validation.Finding]:
    """The results of :func:`run_checks` as findings of the reports ``infos`` (a result
    on a shared entity counts for each of these reports that reaches it)."""
    wanted = {info.iri: info for info in infos}
    entity_results = {r.graph for r in results if not r.graph.startswith(REPORT_PREFIX)}
    reaching = reports_reaching(store, entity_results) if entity_results else {}
    owned: list[tuple[str, Result]] = []
    for result in results:
        owners = [result.graph] if result.graph.startswith(REPORT_PREFIX) \
            else sorted(reaching.get(result.graph, ()))
        owned.extend((owner, result) for owner in owners if owner in wanted)
    suggesting = {owner for owner, r in owned if URIRef(r.check.shape) in validation.SUGGESTING}
    unplaced = {owner for owner, r in owned if URIRef(r.check.shape) == validation.UNPLACED}
    context = context_graphs(store, ((owner, r.focus) for owner, r in owned), unplaced)
    inferred = inferred_links(store, suggesting)
    out = []
    for owner, result in owned:
        check = result.check
        out.append(describer.finding(
            context.get(owner, Graph()), owner, wanted[owner].source, focus=result.focus,
            path=URIRef(check.path) if check.path else None, value=result.value,
            shape=URIRef(check.shape), component=URIRef(check.component),
            severity=check.severity, message=check.message,
            inferred=inferred.get(owner, [])))
    return sorted(out, key=validation.Finding.sort_key)


__all__ = ["Result", "checks", "context_graphs", "derived_classes", "entities_of", "findings",
           "inferred_links", "label_graph", "reports_reaching", "run_checks", "scope_block",
           "term_from_row"]
