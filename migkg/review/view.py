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

from collections.abc import Collection, Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from migkg.ontology.namespaces import MKG

from ..store import REPORT_PREFIX, Store
from . import DECISIONS_GRAPH, REVIEWED_GRAPH, items, record


@dataclass(frozen=True)
class Stale:
    """A recorded decision whose item is gone or whose text changed."""

    item: str
    report: str
    reason: str


def effects(recorded: dict[str, record.Recorded], current: dict[str, items.Item],
            applying: Collection[str] = ()) -> tuple[str, list[Stale]]:
    """The reviewed graph's N-Triples for the decisions that apply, and those that don't
    (``applying``: decisions' IRIs known to apply without looking at their items)."""
    triples: set[ox.Triple] = set()
    stale: list[Stale] = []
    for rec in recorded.values():
        item = current.get(rec.item)
        if rec.node not in applying:
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
    wanted = set(reports)
    # Each report's copy holds only the decisions on its own items.
    by_report: dict[str, list[str]] = {}
    for line in reviewed.splitlines():
        owner = _owner(line)
        if owner in wanted:
            by_report.setdefault(owner, []).append(line)
    for report in sorted(wanted):
        copy = ox.Store()
        graph = ox.NamedNode(report)
        copy.load(store.graph_ntriples(report).encode(), format=ox.RdfFormat.N_TRIPLES,
                  to_graph=graph)
        copy.load("\n".join(by_report.get(report, [])).encode(),
                  format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(REVIEWED_GRAPH))
        copy.update(" ;\n".join((_LINK_UPDATES, _MENTION_UPDATES)))
        text = ox.serialize((q.triple for q in copy.quads_for_pattern(None, None, None, graph)),
                            format=ox.RdfFormat.N_TRIPLES).decode()
        lines.append(f'<{report}> <{_MKG}reviewOutcome> "corrected" .')
        for objective, count in sorted(objective_counts(text.splitlines()).items()):
            tally = objective_tally(report, objective, count)
            # xsd:integer, as the embedded store reads any integer back (so that an
            # unchanged view compares equal and is not written again).
            lines += [f"<{report}> <{_MKG}coversObjective> <{objective}> .",
                      f'<{report}> <{_MKG}objectiveTally> "{tally}"^^<{_XSD}integer> .']
        # An insight mentions the body of each of its mentions (the loader writes one
        # mkg:mentions per mention, from the mention numbered under the insight's IRI).
        for row in copy.query(_REMAINING_MENTIONS, default_graph=[graph]):
            lines.append(f"<{row['insight'].value}> <{_MKG}mentions> {row['body']} .")
        # The insights' shortcuts to the concepts their links name, as the link
        # decisions leave them.
        lines += [line for line in text.splitlines()
                  if any(f"> <{_MKG}{p}> <" in line for p in _SHORTCUTS)]
    return "".join(f"{line}\n" for line in sorted(set(lines)))


def _owner(line: str) -> str:
    """The report an N-Triples line's subject belongs to (the report itself or an IRI
    under it), or "" for any other subject."""
    subject = line[1:line.find(">")]
    if not subject.startswith(REPORT_PREFIX):
        return ""
    return REPORT_PREFIX + subject[len(REPORT_PREFIX):].split("/", 1)[0]


def _summary_lines(reviewed: str, reports: set[str]) -> list[str]:
    """The summary lines of ``reports`` in the reviewed graph's N-Triples ``reviewed``:
    each report's marker and the summary triples about it or its insights."""
    predicates = [f"> <{_MKG}{p}> " for p in
                  ("coversObjective", "objectiveTally", "mentions", *_SHORTCUTS)]
    found = []
    for line in reviewed.splitlines():
        owner = _owner(line)
        if owner not in reports:
            continue
        if line.startswith(f"<{owner}> <{_MKG}reviewOutcome> ") \
                or any(p in line for p in predicates):
            found.append(line)
    return found


def refresh(store: Store, reports: Iterable[str] | None = None) -> list[Stale]:
    """Rewrite the reviewed graph from the review graph and the store's items (nothing
    is written when it is unchanged); gives the decisions that no longer apply.

    ``reports``: the reports whose graphs or decisions changed since the last refresh
    (an ingest's, an applied file's); the summaries of the others are kept as the
    reviewed graph holds them (counting them again reads each report's graph: about
    15 ms a report). None counts every report again."""
    graphs = store.named_graphs()
    if DECISIONS_GRAPH not in graphs and REVIEWED_GRAPH not in graphs:
        return []  # nothing was ever decided: a store without review costs nothing
    recorded = record.stored(store)
    old = store.graph_ntriples(REVIEWED_GRAPH) if REVIEWED_GRAPH in graphs else ""
    held = set(old.splitlines())
    if reports is None:
        current = {i.item: i for i in items.collect(store)} if recorded else {}
        text, stale = effects(recorded, current)
    else:
        # A decision on a report whose graph did not change still applies if it did at
        # the last refresh; only the items of the reports named (and of decisions that
        # did not apply) are read again.
        named = set(reports)
        applying = {rec.node for rec in recorded.values() if rec.report not in named
                    and f"<{rec.item}> <{MKG}reviewDecision> <{rec.node}> ." in held}
        scope = {rec.report for rec in recorded.values() if rec.node not in applying}
        current = {i.item: i for i in items.collect(store, reports=scope)}
        text, stale = effects(recorded, current, applying)
    # Reports whose links or mentions a decision rejects or corrects: their
    # summary triples, which queries read instead of the links and mentions, are
    # counted again.
    changed = {rec.report for rec in recorded.values()
               if rec.kind in ("gcm-link", "principle-link", "sdg-link", "entity")
               and rec.outcome != "accepted" and f"<{rec.item}> " in text}
    again = changed if reports is None else changed & set(reports)
    # A report whose summary the reviewed graph lacks (written by an older migkg) is
    # counted again too.
    again |= {r for r in changed - again
              if f'<{r}> <{MKG}reviewOutcome> "corrected" .' not in held}
    kept = _summary_lines(old, changed - again)
    fresh = summaries(store, text, again).splitlines()
    text += "".join(f"{line}\n" for line in sorted(set(kept + fresh)))
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
  # The reviewed graph holds insights' mentions only for the reports it marks; the
  # report is bound from the insight's IRI (a join with every marker would multiply).
  GRAPH <{REVIEWED_GRAPH}> {{ ?insight <{_MKG}mentions> ?o }}
  BIND (IRI(REPLACE(STR(?insight), "^({REPORT_PREFIX}[^/]+)/.*$", "$1")) AS ?r)
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
