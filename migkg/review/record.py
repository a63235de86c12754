"""The review graph: every decision as a PROV activity (W3C PROV-O).

One ``mkg:ReviewDecision`` (a ``prov:Activity``) per item, with the latest decision on
it: ``prov:used`` the item's stable IRI, ``mkg:reviewedText`` the text it rests on,
``mkg:reviewedReport`` its report, ``mkg:itemKind``, ``mkg:reviewOutcome`` (accepted,
corrected or rejected), ``mkg:previousValue`` (what the loader had written), for a
correction ``mkg:reviewedValue`` (the concept chosen), ``prov:wasAssociatedWith`` the
reviewer (a ``prov:Person`` with a ``schema:name``) and ``prov:endedAtTime``. The graph
is :data:`migkg.review.DECISIONS_GRAPH`; the report graphs are never written.
"""

from __future__ import annotations

import hashlib
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

    @property
    def decision(self) -> str:
        """accept, correct or reject."""
        return {v: k for k, v in OUTCOMES.items()}[self.outcome]

    @property
    def value_key(self) -> str:
        """The corrected value as the kind's controlled list spells it."""
        return choices.value_of(self.kind, self.value)


def decision_iri(item: str) -> str:
    """The IRI of the decision on ``item`` (one per item: a new one replaces it)."""
    return f"{ID}review/{hashlib.sha256(item.encode()).hexdigest()[:20]}"


_READ = f"""PREFIX prov: <{PROV}>
PREFIX mkg: <{MKG}>
PREFIX schema: <https://schema.org/>
SELECT ?node ?item ?kind ?report ?outcome ?value ?text ?previous ?reviewer ?when WHERE {{
  GRAPH <{DECISIONS_GRAPH}> {{
    ?node a mkg:ReviewDecision ; prov:used ?item ; mkg:itemKind ?kind ;
          mkg:reviewedReport ?report ; mkg:reviewOutcome ?outcome ;
          mkg:reviewedText ?text ; prov:endedAtTime ?when ;
          prov:wasAssociatedWith ?person .
    ?person schema:name ?reviewer .
    OPTIONAL {{ ?node mkg:reviewedValue ?value }}
    OPTIONAL {{ ?node mkg:previousValue ?previous }}
  }}
}} ORDER BY ?item"""


def stored(store: Store) -> dict[str, Recorded]:
    """The decisions the review graph holds, by item IRI."""
    if DECISIONS_GRAPH not in store.named_graphs():
        return {}
    result = store.select(_READ)
    found = {}
    for row in result.rows:
        cell = {c: v or "" for c, v in zip(result.columns, row, strict=True)}
        found[cell["item"]] = Recorded(**{c: str(v) for c, v in cell.items()})
    return found


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
            node=decision_iri(item.item), item=item.item, kind=item.kind, report=item.report,
            outcome=outcome, value=value, text=item.text, previous=item.current,
            reviewer=reviewer, when=when)
        changed += 1
    return merged, changed


def ntriples(recorded: dict[str, Recorded]) -> str:
    """The review graph's triples as N-Triples (sorted: the same decisions, same bytes)."""
    triples: set[ox.Triple] = set()

    def add(s: str, p: str, o: ox.NamedNode | ox.Literal) -> None:
        triples.add(ox.Triple(ox.NamedNode(s), ox.NamedNode(p), o))

    for rec in recorded.values():
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
        add(person, _RDF_TYPE, ox.NamedNode(PROV + "Person"))
        add(person, _SCHEMA_NAME, ox.Literal(rec.reviewer))
    text = ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.N_TRIPLES).decode()
    return text


def save(store: Store, recorded: dict[str, Recorded]) -> None:
    """Replace the review graph by ``recorded`` in one atomic update."""
    store.replace_graphs({DECISIONS_GRAPH: ntriples(recorded)})
