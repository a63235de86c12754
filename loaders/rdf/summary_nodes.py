"""Per-report summary triples: what list and selection queries read without a join.

Written on the report node in the report's own graph at ingest, from what the other
writers already put there: the session code, the event's label, series and the names a
selection may give it (``mkg:eventKey``: key, label, other names and 'series year', each
normalised as the resolver compares names), the year (the report's date, else the
event's start), the number of challenges and practices, the GCM objectives any of its
insights relates to (``mkg:coversObjective``) with, per objective, a tally
(``mkg:objectiveTally``: the objective's number times 10^6 plus the number of the
report's insights related to it), and an order key (``mkg:orderKey``, an
integer: the year times 10^14 plus a number from the report's IRI) by which list
queries sort reports by year and keep a report's rows together.

Queries filter by ``event``, ``year`` and ``series`` on these few triples instead of
walking report -> session -> event in the union graph, and count without touching the
insights' text; they sort by the order key, a value the store keeps inline, instead of by
IRIs it must look up in every comparison.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from migkg.ontology.iris import name_key

from .graph import MKG, RDF_TYPE, Graph, literal

if TYPE_CHECKING:
    from ..metadata import Metadata

# mkg:objectiveTally = objective number x TALLY_BASE + insights (queries divide by it).
TALLY_BASE = 10**6

def objective_counts(lines: Iterable[str]) -> Counter[str]:
    """Per GCM objective, the number of insights relating to it, read from a report's
    N-Triples ``lines`` (one ``mkg:relatesToObjective`` line per insight and objective)."""
    covers = f"> <{MKG.relatesToObjective}> <"
    return Counter(line.rsplit(" <", 1)[1][:-3] for line in lines if covers in line)


def objective_tally(report: str, objective: str, count: int) -> int:
    """The ``mkg:objectiveTally`` value of ``count`` insights of ``report`` relating to
    ``objective`` (its number x TALLY_BASE + the count); raises ValueError when the count
    does not fit."""
    number = int(objective.rsplit("/", 1)[-1])
    if count >= TALLY_BASE:
        raise ValueError(f"{report}: {count} insights relate to objective {number}; "
                         f"a tally holds fewer than {TALLY_BASE}")
    return number * TALLY_BASE + count


def summary(g: Graph, report: str, meta: Metadata) -> None:
    """Add the summary triples of ``report`` (see the module docstring) to ``g``; call it
    after every other writer so that the counts and objectives are complete."""
    from migkg.ontology import vocabulary

    if meta.session_code:
        g.add(report, MKG.sessionCode, literal(meta.session_code))
    event = meta.event
    start = None
    if event:
        g.add(report, MKG.eventLabel, literal(event.label))
        names = {event.key, event.label}
        known = next((e for e in vocabulary.events() if e.iri == event.known_iri), None) \
            if event.known_iri else None
        if known:
            names.update((known.name, *known.alt))
        start = event.start or (known.start if known else None)
        year = meta.date.year if meta.date else start.year if start else None
        if event.series:
            g.add(report, MKG.eventSeries, literal(event.series))
            if year:
                names.add(f"{event.series} {year}")
        for name in sorted({name_key(n) for n in names if n and n.strip()}):
            g.add(report, MKG.eventKey, literal(name))
    year = meta.date.year if meta.date else start.year if start else None
    if year:
        g.add(report, MKG.year, literal(year, "integer"))
    # 11 hex digits (< 10^14) of the IRI's hash after the year: by year, then by report.
    digest = int(hashlib.sha256(report.encode("utf-8")).hexdigest()[:11], 16)
    g.add(report, MKG.orderKey, literal((year or 0) * 10**14 + digest, "integer"))
    challenge, practice = f"> <{RDF_TYPE}> <{MKG.Challenge}> .", \
        f"> <{RDF_TYPE}> <{MKG.Practice}> ."
    challenges = sum(1 for line in g.lines if line.endswith(challenge))
    practices = sum(1 for line in g.lines if line.endswith(practice))
    g.add(report, MKG.challengeCount, literal(challenges, "nonNegativeInteger"))
    g.add(report, MKG.practiceCount, literal(practices, "nonNegativeInteger"))
    for objective, count in sorted(objective_counts(g.lines).items()):
        g.add(report, MKG.coversObjective, objective)
        # One inline integer per objective: a join per row (a node with two values) cost
        # coverage tables as much as reading the links themselves.
        g.add(report, MKG.objectiveTally,
              literal(objective_tally(report, objective, count), "nonNegativeInteger"))
