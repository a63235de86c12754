"""Compare two sessions (or reports, or events): what they share, what only one has.

:func:`compare` resolves each reference with :mod:`migkg.resolving`, reads the items each
report touches with the named query ``compare-evidence`` (one run per report, the report's
IRI bound as a term, so each run reads one report graph) and sets the two sides against
each other along the dimensions of :data:`DIMENSIONS`. Every item keeps the evidence
behind it on each side: the insight's text, the words that carry the link, and where both
sit in the source. The renderers of
:mod:`migkg.comparing_render` turn a :class:`Comparison` into table, csv, json or md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import querying
from .resolving import ReferenceError, ReportRef, catalogue, resolve_one
from .store import Store

#: The dimensions compared, in the order they are shown, with their headings.
DIMENSIONS: tuple[tuple[str, str], ...] = (
    ("objective", "GCM objectives"),
    ("principle", "GCM guiding principles"),
    ("sdg-target", "SDG targets"),
    ("actor", "Actors"),
    ("country", "Countries"),
    ("region", "Regions"),
    ("challenge-category", "Challenge categories"),
    ("practice-level", "Practice levels"),
)
_ORDER = {name: i for i, (name, _title) in enumerate(DIMENSIONS)}
_QUERY = "compare-evidence"
_DIGITS = re.compile(r"(\d+)")

__all__ = ["DIMENSIONS", "Comparison", "CompareError", "Evidence", "Item", "Side",
           "compare", "ReferenceError", "touched"]


class CompareError(Exception):
    """The comparison cannot be made (an empty store); the message is one plain line."""


@dataclass(frozen=True)
class Evidence:
    """One insight that supports an item, with the words that carry it."""

    report: str
    source: str
    session: str  # EVENT-KEY:CODE as the resolver describes the report's session
    insight: str
    kind: str  # challenge, practice, quote, summary, statement
    text: str  # the insight's text, whole
    evidence: str  # the link's evidence, the name as written, the heading ('; '-joined)
    basis: str  # explicit, inferred or ''
    confidence: float | None
    start: int | None  # the insight's characters in the source's normalised text
    end: int | None
    span_start: int | None  # the evidence's own characters, where it has a position
    span_end: int | None

    @property
    def where(self) -> str:
        """``source, kind N, chars S-E`` for a reader."""
        return self.place(with_source=True)

    def place(self, *, with_source: bool) -> str:
        """``[source, ]kind N, chars S-E``: the evidence's span where it has one, else
        the insight's."""
        number = self.insight.rsplit("/", 1)[-1]
        place = f"{self.source}, {self.kind} {number}" if with_source \
            else f"{self.kind} {number}"
        if self.span_start is not None:
            return f"{place}, chars {self.span_start}-{self.span_end}"
        if self.start is not None:
            return f"{place}, chars {self.start}-{self.end}"
        return place


@dataclass(frozen=True)
class Item:
    """One concept of one dimension and the evidence on each side."""

    dimension: str
    iri: str
    code: str
    label: str
    a: tuple[Evidence, ...]
    b: tuple[Evidence, ...]

    @property
    def where(self) -> str:
        """``both``, ``a`` or ``b``."""
        return "both" if self.a and self.b else "a" if self.a else "b"


@dataclass(frozen=True)
class Side:
    """What one reference names: the user's text, a short name and the reports."""

    reference: str
    name: str
    reports: tuple[ReportRef, ...]


@dataclass(frozen=True)
class Comparison:
    """Two sides and every item either side touches, ordered by dimension, then shared
    before only-A before only-B, then by code (numbers in numeric order)."""

    a: Side
    b: Side
    items: tuple[Item, ...]

    def of(self, dimension: str, where: str | None = None) -> list[Item]:
        """The items of ``dimension``, optionally only those ``where`` is both, a or b."""
        return [i for i in self.items if i.dimension == dimension
                and (where is None or i.where == where)]

    def counts(self, dimension: str) -> dict[str, int]:
        """How many items of ``dimension`` are shared, only in A, only in B."""
        found = self.of(dimension)
        return {w: sum(1 for i in found if i.where == w) for w in ("both", "a", "b")}

    @property
    def same_reports(self) -> bool:
        """True when A and B name exactly the same reports."""
        return {r.report for r in self.a.reports} == {r.report for r in self.b.reports}


def compare(store: Store, a: str, b: str, *, reviewed: bool = True) -> Comparison:
    """Compare references ``a`` and ``b`` (each a session code, EVENT:CODE, a report IRI,
    a source file name or an event) in ``store``: in the reviewed view (reviewers'
    decisions applied, the default) or, with ``reviewed`` false, the loader's own output.

    Raises :class:`CompareError` when the store holds no report and
    :class:`~migkg.resolving.ReferenceError` (its message lists the candidates) when a
    reference is unknown or ambiguous.
    """
    refs = catalogue(store)
    if not refs:
        raise CompareError("the store holds no report to compare; load reports first "
                           "(migkg ingest FILE...)")
    side_a = _side(refs, a)
    side_b = _side(refs, b)
    evidence_a = _evidence(store, side_a, reviewed)
    evidence_b = _evidence(store, side_b, reviewed)
    heads = {**evidence_a[0], **evidence_b[0]}
    items = []
    for key in set(evidence_a[1]) | set(evidence_b[1]):
        dimension, iri = key
        code, label = heads[key]
        items.append(Item(dimension, iri, code, label,
                          tuple(evidence_a[1].get(key, ())), tuple(evidence_b[1].get(key, ()))))
    items.sort(key=_item_order)
    return Comparison(side_a, side_b, tuple(items))


def touched(store: Store, refs: list[ReportRef], *,
            reviewed: bool = True) -> dict[str, set[tuple[str, str]]]:
    """Per report IRI, the (dimension, item IRI) pairs its insights touch (in the
    reviewed view unless ``reviewed`` is false)."""
    found = {}
    for ref in refs:
        _heads, evidence = _evidence(store, Side(ref.source, ref.describe(), (ref,)),
                                     reviewed)
        found[ref.report] = set(evidence)
    return found


def _side(refs: list[ReportRef], reference: str) -> Side:
    found = tuple(resolve_one(refs, reference))
    if len(found) == 1:
        return Side(reference, found[0].describe(), found)
    events = sorted({r.event_key for r in found if r.event_key})
    sessions = {(r.event, r.session) for r in found}
    if len(sessions) == 1 and found[0].session:
        name = f"{found[0].event_key}:{found[0].session}" if found[0].event_key \
            else found[0].session
    else:
        name = ", ".join(events) or reference.strip()
    return Side(reference, f"{name} ({len(found)} reports)", found)


def _evidence(store: Store, side: Side, reviewed: bool):
    import pyoxigraph as ox

    query = querying.in_view(querying.get(_QUERY), reviewed)
    heads: dict[tuple[str, str], tuple[str, str]] = {}
    merged: dict[tuple[str, str], dict[str, dict]] = {}
    for ref in side.reports:
        result = store.select(query.text, {"_report": ox.NamedNode(ref.report)})
        if result.columns != query.returns:
            raise querying.QueryError(f"{_QUERY}.rq returns {result.columns}, header says "
                                      f"{query.returns}")
        for row in result.rows:
            value = dict(zip(result.columns, row, strict=True))
            if value["dimension"] not in _ORDER:
                continue
            key = (value["dimension"], value["item"])
            heads.setdefault(key, (value["code"] or "", _one_line(value["label"] or "")))
            per_insight = merged.setdefault(key, {})
            entry = per_insight.setdefault(value["insight"], {"ref": ref, "rows": []})
            entry["rows"].append(value)
    evidence = {key: sorted((_merge(e["ref"], e["rows"]) for e in per_insight.values()),
                            key=_evidence_order)
                for key, per_insight in merged.items()}
    return heads, evidence


def _merge(ref: ReportRef, rows: list[dict]) -> Evidence:
    """The rows of one insight and item as one piece of evidence."""
    first = rows[0]
    words = sorted({r["evidence"] for r in rows if r["evidence"]})
    bases = {r["basis"] for r in rows if r["basis"]}
    confidences = [float(r["confidence"]) for r in rows if r["confidence"] is not None]
    spans = sorted((_int(r["span_start"]), _int(r["span_end"])) for r in rows
                   if r["span_start"] is not None)
    insight = first["insight"]
    return Evidence(
        report=ref.report, source=ref.source, session=ref.describe(), insight=insight,
        kind=insight.rsplit("/", 2)[-2] if insight.count("/") >= 2 else "insight",
        text=first["text"] or "", evidence="; ".join(words),
        basis="explicit" if "explicit" in bases else min(bases, default=""),
        confidence=max(confidences) if confidences else None,
        start=_int(first["start"]), end=_int(first["end"]),
        span_start=spans[0][0] if spans else None, span_end=spans[0][1] if spans else None)


def _int(value: str | None) -> int | None:
    return None if value is None else int(value)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def natural_key(code: str) -> tuple:
    """A sort key that puts '2' before '10' and '8.5' before '17.18'."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p.casefold())
                 for p in _DIGITS.split(code) if p)


def _item_order(item: Item) -> tuple:
    return (_ORDER[item.dimension], ("both", "a", "b").index(item.where),
            natural_key(item.code or item.label), item.label, item.iri)


def _evidence_order(evidence: Evidence) -> tuple:
    return (evidence.source, evidence.start if evidence.start is not None else -1,
            evidence.insight)
