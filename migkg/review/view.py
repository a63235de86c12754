"""The reviewed view: what the decisions that still apply change in the loader's output.

The decisions of the review graph are matched against the store's reviewable items; a
decision applies while its item exists with the same kind and the same text it was made
on. Those that apply are written to :data:`migkg.review.REVIEWED_GRAPH`, one
``mkg:reviewOutcome`` per item and a ``mkg:reviewedValue`` (the concept chosen) per
correction; the named queries read the loader's value unless that graph says otherwise
(a rejected link is gone, a corrected level replaces the inferred one), and
``--param reviewed=false`` points them at a graph that does not exist. Decisions that no
longer apply stay in the review graph and are listed (:func:`refresh`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from migkg.ontology.namespaces import MKG

from ..store import Store
from . import DECISIONS_GRAPH, REVIEWED_GRAPH, items, record


@dataclass(frozen=True)
class Stale:
    """A recorded decision whose item is gone or whose text changed."""

    item: str
    report: str
    reason: str


def effects(recorded: dict[str, record.Recorded], current: dict[str, items.Item]
            ) -> tuple[str, list[Stale]]:
    """The reviewed graph's N-Triples for the decisions that apply, and those that don't."""
    triples: set[ox.Triple] = set()
    stale: list[Stale] = []
    for rec in recorded.values():
        item = current.get(rec.item)
        if item is None or item.kind != rec.kind:
            stale.append(Stale(rec.item, rec.report, "the item is gone"))
            continue
        if item.text != rec.text:
            stale.append(Stale(rec.item, rec.report, "the text it rests on changed"))
            continue
        node = ox.NamedNode(rec.item)
        triples.add(ox.Triple(node, ox.NamedNode(MKG.reviewOutcome), ox.Literal(rec.outcome)))
        triples.add(ox.Triple(node, ox.NamedNode(MKG.reviewDecision), ox.NamedNode(rec.node)))
        if rec.value:
            triples.add(ox.Triple(node, ox.NamedNode(MKG.reviewedValue),
                                  ox.NamedNode(rec.value)))
    text = ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.N_TRIPLES).decode()
    return text, sorted(stale, key=lambda s: (s.report, s.item))


def summaries(store: Store, reviewed: str, reports: Iterable[str]) -> str:
    """The reviewed graph's summary triples: for each of ``reports``, what the queries
    read in place of walking its items, counted again with the decisions of ``reviewed``
    (the reviewed graph's N-Triples) carried out: the objective summary
    (``mkg:coversObjective``, ``mkg:objectiveTally``, as the loader writes them at
    ingest), every insight's ``mkg:mentions`` and its shortcuts to the concepts its links
    name (``mkg:relatesToObjective``, ``mkg:relatesToPrinciple``, ``mkg:relatesToTarget``);
    with ``mkg:reviewOutcome "corrected"``
    on the report node, which tells the queries that these replace the report's own."""
    # The loader's own counting rule; imported here, as only a review needs the loaders.
    from migkg.loaders.rdf.summary_nodes import objective_counts, objective_tally

    lines: list[str] = []
    for report in sorted(set(reports)):
        copy = ox.Store()
        graph = ox.NamedNode(report)
        copy.load(store.graph_ntriples(report).encode(), format=ox.RdfFormat.N_TRIPLES,
                  to_graph=graph)
        copy.load(reviewed.encode(), format=ox.RdfFormat.N_TRIPLES,
                  to_graph=ox.NamedNode(REVIEWED_GRAPH))
        copy.update(" ;\n".join((_LINK_UPDATES, _MENTION_UPDATES)))
        text = ox.serialize((q.triple for q in copy.quads_for_pattern(None, None, None, graph)),
                            format=ox.RdfFormat.N_TRIPLES).decode()
        lines.append(f'<{report}> <{_MKG}reviewOutcome> "corrected" .')
        for objective, count in sorted(objective_counts(text.splitlines()).items()):
            tally = objective_tally(report, objective, count)
            lines += [f"<{report}> <{_MKG}coversObjective> <{objective}> .",
                      f'<{report}> <{_MKG}objectiveTally> "{tally}"^^<{_XSD}nonNegativeInteger> .']
        # An insight mentions the body of each of its mentions (the loader writes one
        # mkg:mentions per mention, from the mention numbered under the insight's IRI).
        for row in copy.query(_REMAINING_MENTIONS, default_graph=[graph]):
            lines.append(f"<{row['insight'].value}> <{_MKG}mentions> {row['body']} .")
        # The insights' shortcuts to the concepts their links name, as the link
        # decisions leave them.
        shortcuts = tuple(f"> <{_MKG}{p}> <" for p in _SHORTCUTS)
        lines += [line for line in text.splitlines() if any(s in line for s in shortcuts)]
    return "".join(f"{line}\n" for line in sorted(set(lines)))


def refresh(store: Store) -> list[Stale]:
    """Rewrite the reviewed graph from the review graph and the store's items (nothing
    is written when it is unchanged); gives the decisions that no longer apply."""
    graphs = store.named_graphs()
    if DECISIONS_GRAPH not in graphs and REVIEWED_GRAPH not in graphs:
        return []  # nothing was ever decided: a store without review costs nothing
    recorded = record.stored(store)
    current = {i.item: i for i in items.collect(store)} if recorded else {}
    text, stale = effects(recorded, current)
    # Reports whose links or mentions a decision rejects or corrects: their
    # summary triples, which queries read instead of the links and mentions, are
    # counted again.
    changed = {rec.report for rec in recorded.values()
               if rec.kind in ("gcm-link", "principle-link", "sdg-link", "entity")
               and rec.outcome != "accepted" and f"<{rec.item}> " in text}
    text += summaries(store, text, changed)
    old = store.graph_ntriples(REVIEWED_GRAPH) if REVIEWED_GRAPH in graphs else ""
    if sorted(old.splitlines()) != sorted(text.splitlines()):
        store.replace_graphs({REVIEWED_GRAPH: text})
    return stale


_MKG = str(MKG)
_OA = "http://www.w3.org/ns/oa#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
# SPARQL updates that turn the loader's triples into the reviewed view, run on a copy of
# the store in memory (never on the store): per kind, a correction replaces the value
# and a rejection removes it (a rejected section heading leaves the section missing).
_VALUE_UPDATES = "\n;\n".join(f"""
DELETE {{ GRAPH ?g {{ ?item <{_MKG}{predicate}> ?old }} }}
INSERT {{ GRAPH ?g {{ ?item <{_MKG}{predicate}> ?new }} }}
WHERE {{
  GRAPH <{REVIEWED_GRAPH}> {{ ?item <{_MKG}reviewOutcome> ?outcome }}
  GRAPH ?g {{ ?item a <{_MKG}{cls}> }}
  OPTIONAL {{ GRAPH ?g {{ ?item <{_MKG}{predicate}> ?old }} }}
  OPTIONAL {{ GRAPH <{REVIEWED_GRAPH}> {{ ?item <{_MKG}reviewedValue> ?corrected }} }}
  FILTER (?outcome != "accepted")
  BIND (IF(?outcome = "rejected", {rejected}, ?corrected) AS ?new)
}}""" for cls, predicate, rejected in (
    ("Practice", "level", "?unset"), ("Challenge", "category", "?unset"),
    ("Section", "status", "<https://w3id.org/migkg/vocab/status/missing>")))
_LINK_UPDATES = f"""
DELETE {{ GRAPH ?g {{ ?insight ?shortcut ?old . ?link <{_MKG}linkedConcept> ?old }} }}
INSERT {{ GRAPH ?g {{ ?insight ?shortcut ?new . ?link <{_MKG}linkedConcept> ?new }} }}
WHERE {{
  GRAPH <{REVIEWED_GRAPH}> {{ ?link <{_MKG}reviewedValue> ?new }}
  GRAPH ?g {{ ?insight <{_MKG}qualifiedLink> ?link ; ?shortcut ?old .
             ?link <{_MKG}linkedConcept> ?old . }}
  FILTER (?shortcut IN (<{_MKG}relatesToObjective>, <{_MKG}relatesToPrinciple>,
                        <{_MKG}relatesToTarget>))
}} ;
DELETE {{ GRAPH ?g {{ ?insight ?shortcut ?concept . ?insight <{_MKG}qualifiedLink> ?link .
                     ?link ?p ?o }} }}
WHERE {{
  GRAPH <{REVIEWED_GRAPH}> {{ ?link <{_MKG}reviewOutcome> "rejected" }}
  GRAPH ?g {{ ?insight <{_MKG}qualifiedLink> ?link . ?link <{_MKG}linkedConcept> ?concept ;
                ?p ?o . ?insight ?shortcut ?concept . }}
  FILTER (?shortcut IN (<{_MKG}relatesToObjective>, <{_MKG}relatesToPrinciple>,
                        <{_MKG}relatesToTarget>))
}}"""
_MENTION_UPDATES = f"""
DELETE {{ GRAPH ?g {{ ?mention <{_OA}hasBody> ?old }} }}
INSERT {{ GRAPH ?g {{ ?mention <{_OA}hasBody> ?new }} }}
WHERE {{
  GRAPH <{REVIEWED_GRAPH}> {{ ?mention <{_MKG}reviewedValue> ?new }}
  GRAPH ?g {{ ?mention a <{_MKG}Mention> ; <{_OA}hasBody> ?old }}
}} ;
DELETE {{ GRAPH ?g {{ ?node ?p ?o }} }}
WHERE {{
  GRAPH <{REVIEWED_GRAPH}> {{ ?mention <{_MKG}reviewOutcome> "rejected" }}
  GRAPH ?g {{ ?mention a <{_MKG}Mention> ; <{_OA}hasTarget> ?anchor .
             ?anchor <{_OA}hasSelector> ?selector . }}
  VALUES ?which {{ 1 2 3 }}
  BIND (IF(?which = 1, ?mention, IF(?which = 2, ?anchor, ?selector)) AS ?node)
  GRAPH ?g {{ ?node ?p ?o }}
}}"""
_SHORTCUTS = ("relatesToObjective", "relatesToPrinciple", "relatesToTarget")
_REMAINING_MENTIONS = f"""
SELECT ?insight ?body WHERE {{
  ?mention a <{_MKG}Mention> ; <{_OA}hasBody> ?body .
  BIND (IRI(REPLACE(STR(?mention), "/mention/[0-9]+$", "")) AS ?insight)
}}"""
# A report whose summary the reviewed graph counts again: that summary (its objective
# summary, its insights' mentions) replaces the one the loader wrote.
_SUMMARY_UPDATES = "\n;\n".join([*(f"""
DELETE {{ GRAPH ?r {{ ?r <{_MKG}{p}> ?o }} }}
WHERE {{
  GRAPH <{REVIEWED_GRAPH}> {{ ?r <{_MKG}reviewOutcome> "corrected" }}
  GRAPH ?r {{ ?r <{_MKG}{p}> ?o }}
}}""" for p in ("coversObjective", "objectiveTally")), f"""
DELETE {{ GRAPH ?r {{ ?insight <{_MKG}mentions> ?o }} }}
WHERE {{
  GRAPH <{REVIEWED_GRAPH}> {{ ?r <{_MKG}reviewOutcome> "corrected" }}
  GRAPH ?r {{ ?insight <{_MKG}mentions> ?o }}
}}""", f"""
INSERT {{ GRAPH ?r {{ ?r ?p ?o }} }}
WHERE {{
  GRAPH <{REVIEWED_GRAPH}> {{ ?r <{_MKG}reviewOutcome> "corrected" ; ?p ?o }}
  FILTER (?p IN (<{_MKG}coversObjective>, <{_MKG}objectiveTally>))
}}""", f"""
INSERT {{ GRAPH ?r {{ ?insight <{_MKG}mentions> ?o }} }}
WHERE {{
  GRAPH <{REVIEWED_GRAPH}> {{ ?r <{_MKG}reviewOutcome> "corrected" .
                             ?insight <{_MKG}mentions> ?o }}
  FILTER (STRSTARTS(STR(?insight), CONCAT(STR(?r), "/")))
}}"""])


def reviewed_nquads(nquads: str) -> str:
    """A store's sorted N-Quads dump as the reviewed view: the reports' triples with the
    applying decisions (those in the reviewed graph) carried out, the review and
    reviewed graphs kept. A dump without a reviewed graph comes back unchanged."""
    marker = f"<{REVIEWED_GRAPH}> .\n"
    if marker not in nquads:
        return nquads
    copy = ox.Store()
    copy.bulk_load(nquads.encode(), format=ox.RdfFormat.N_QUADS)
    copy.update(" ;\n".join((_VALUE_UPDATES, _LINK_UPDATES, _MENTION_UPDATES,
                              _SUMMARY_UPDATES)))
    text = ox.serialize(iter(copy), format=ox.RdfFormat.N_QUADS).decode()
    lines = sorted(line for line in text.splitlines() if line)
    return "\n".join(lines) + ("\n" if lines else "")
