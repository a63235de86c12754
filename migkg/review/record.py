"""The review graph: every decision as a PROV activity (W3C PROV-O).

One ``mkg:ReviewDecision`` (a ``prov:Activity``) per decision, none ever removed: a
decision that changes an earlier one on the same item is a new activity
``prov:wasInformedBy`` the one it replaces, so the graph keeps every decision's history
and the current one is the decision no other replaces. Each has ``prov:used`` the item's
stable IRI, ``mkg:reviewedText`` the text it rests on,
``mkg:reviewedReport`` its report, ``mkg:itemKind``, ``mkg:reviewOutcome`` (accepted,
corrected or rejected), ``mkg:previousValue`` (what the loader had written), for a
correction ``mkg:reviewedValue`` (the concept chosen), ``prov:wasAssociatedWith`` the
reviewer (a ``prov:Person`` with a ``schema:name``) and ``prov:endedAtTime``. The graph
is :data:`migkg.review.DECISIONS_GRAPH`; the report graphs are never written.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from migkg.ontology import iris
from migkg.ontology.namespaces import ID, MKG

from ..store import Store
from . import DECISIONS_GRAPH, OUTCOMES, choices
from .decisions import Decision

PROV = "http://www.w3.org/ns/prov#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SCHEMA_NAME = "https://schema.org/name"
_XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class Recorded:
    """A decision as the review graph holds it."""

    node: str
    item: str
    kind: str
    report: str
    outcome: str  # accepted, corrected or rejected
    value: str  # the corrected concept's IRI ('' unless corrected)
    text: str
    previous: str
    reviewer: str
    when: str
    replaces: str = ""  # the earlier decision on the item this one replaces, if any

    @property
    def decision(self) -> str:
        """accept, correct or reject."""
        return {v: k for k, v in OUTCOMES.items()}[self.outcome]

    @property
    def value_key(self) -> str:
        """The corrected value as the kind's controlled list spells it."""
        return choices.value_of(self.kind, self.value)


def decision_iri(item: str, when: str, outcome: str, value: str = "") -> str:
    """The IRI of one decision: on ``item``, at ``when``, with its outcome and value (a
    later decision on the same item has an IRI of its own)."""
    key = "\n".join((item, when, outcome, value))
    return f"{ID}review/{hashlib.sha256(key.encode()).hexdigest()[:20]}"


_READ = f"""PREFIX prov: <{PROV}>
PREFIX mkg: <{MKG}>
PREFIX schema: <https://schema.org/>
SELECT ?node ?item ?kind ?report ?outcome ?value ?text ?previous ?reviewer ?when ?replaces
WHERE {{
  GRAPH <{DECISIONS_GRAPH}> {{
    ?node a mkg:ReviewDecision ; prov:used ?item ; mkg:itemKind ?kind ;
          mkg:reviewedReport ?report ; mkg:reviewOutcome ?outcome ;
          mkg:reviewedText ?text ; prov:endedAtTime ?when ;
          prov:wasAssociatedWith ?person .
    ?person schema:name ?reviewer .
    OPTIONAL {{ ?node mkg:reviewedValue ?value }}
    OPTIONAL {{ ?node mkg:previousValue ?previous }}
    OPTIONAL {{ ?node prov:wasInformedBy ?replaces }}
  }}
}} ORDER BY ?item ?when ?node"""


def history(store: Store) -> list[Recorded]:
    """Every decision the review graph holds, current or replaced, by item and time."""
    if DECISIONS_GRAPH not in store.named_graphs():
        return []
    result = store.select(_READ)
    found = []
    for row in result.rows:
        cell = {c: v or "" for c, v in zip(result.columns, row, strict=True)}
        found.append(Recorded(**{c: str(v) for c, v in cell.items()}))
    return found


def current(decisions: list[Recorded]) -> dict[str, Recorded]:
    """The decision in force on each item: the one no later decision replaces (of
    several, the latest; an item decided before decisions kept their history has one)."""
    replaced = {rec.replaces for rec in decisions if rec.replaces}
    found: dict[str, Recorded] = {}
    for rec in decisions:
        if rec.node in replaced:
            continue
        held = found.get(rec.item)
        if held is None or (rec.when, rec.node) > (held.when, held.node):
            found[rec.item] = rec
    return found


def stored(store: Store) -> dict[str, Recorded]:
    """The decisions in force, by item IRI (see :func:`current`)."""
    return current(history(store))


def merge(existing: dict[str, Recorded], decisions: list[Decision], reviewer: str,
          when: str) -> tuple[dict[str, Recorded], int]:
    """The recorded decisions with ``decisions`` in place of earlier ones on the same
    items; gives them and how many changed (a decision equal to the one recorded keeps
    its reviewer and time, so applying a file twice changes nothing)."""
    merged = dict(existing)
    changed = 0
    for decision in decisions:
        item = decision.item
        outcome = OUTCOMES[decision.decision]
        value = choices.iri_of(item.kind, decision.value) or "" if decision.value else ""
        old = existing.get(item.item)
        if old and (old.outcome, old.value, old.text, old.kind) == (
                outcome, value, item.text, item.kind):
            continue
        merged[item.item] = Recorded(
            node=decision_iri(item.item, when, outcome, value), item=item.item,
            kind=item.kind, report=item.report, outcome=outcome, value=value,
            text=item.text, previous=item.current, reviewer=reviewer, when=when,
            replaces=old.node if old else "")
        changed += 1
    return merged, changed


def ntriples(recorded: Iterable[Recorded]) -> str:
    """The review graph's triples as N-Triples (sorted: the same decisions, same bytes)."""
    triples: set[ox.Triple] = set()

    def add(s: str, p: str, o: ox.NamedNode | ox.Literal) -> None:
        triples.add(ox.Triple(ox.NamedNode(s), ox.NamedNode(p), o))

    for rec in recorded:
        person = iris.person_iri(rec.reviewer)
        add(rec.node, _RDF_TYPE, ox.NamedNode(PROV + "Activity"))
        add(rec.node, _RDF_TYPE, ox.NamedNode(MKG.ReviewDecision))
        add(rec.node, PROV + "used", ox.NamedNode(rec.item))
        add(rec.node, PROV + "wasAssociatedWith", ox.NamedNode(person))
        add(rec.node, PROV + "endedAtTime",
            ox.Literal(rec.when, datatype=ox.NamedNode(_XSD + "dateTime")))
        add(rec.node, MKG.itemKind, ox.Literal(rec.kind))
        add(rec.node, MKG.reviewedReport, ox.NamedNode(rec.report))
        add(rec.node, MKG.reviewedText, ox.Literal(rec.text))
        add(rec.node, MKG.reviewOutcome, ox.Literal(rec.outcome))
        add(rec.node, MKG.previousValue, ox.Literal(rec.previous))
        if rec.value:
            add(rec.node, MKG.reviewedValue, ox.NamedNode(rec.value))
        if rec.replaces:
            add(rec.node, PROV + "wasInformedBy", ox.NamedNode(rec.replaces))
        add(person, _RDF_TYPE, ox.NamedNode(PROV + "Person"))
        add(person, _SCHEMA_NAME, ox.Literal(rec.reviewer))
    text = ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.N_TRIPLES).decode()
    return text


def save(store: Store, recorded: dict[str, Recorded]) -> None:
    """Write the review graph in one atomic update: every decision it held, and those of
    ``recorded`` (decisions in force, by item) that it did not."""
    kept = {rec.node: rec for rec in history(store)}
    kept.update({rec.node: rec for rec in recorded.values()})
    store.replace_graphs({DECISIONS_GRAPH: ntriples(sorted(kept.values(),
                                                           key=lambda r: r.node))})
