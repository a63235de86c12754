"""Which event a report is about: the header matched against the shipped event catalogue.

A catalogue event (ontology/vocab/events.ttl) of the header's year is scored on the
evidence a careful reader would weigh: the series the header names (GFMD, IMRF, GCM
regional review, in English, French or Spanish), the event's name or an alternative label,
the region it names, the event's city, and the report's date falling within the event's
days. How a meeting was held ('virtual', 'en ligne', 'en línea') is never a place. An event
outside the catalogue is described from the header and gets a short key: the series' short
slug, the year and a few distinctive words of its name. The word lists are in
``data/events.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from migkg.ontology.iris import slug

from .text_utils import fold

if TYPE_CHECKING:
    from migkg.ontology.vocabulary import Event

KEY_LENGTH = 40  # the most characters of a key outside the catalogue
_WORDS_IN_KEY = 3


@dataclass
class EventInfo:
    """The event a report is about: key (for IRIs), label, series, place, start, catalogue IRI."""
    key: str  # slug used in IRIs
    label: str
    series: str | None = None
    place: str | None = None
    start: date | None = None
    known_iri: str | None = None  # IRI of a catalogue event


@dataclass(frozen=True)
class _Rules:
    series: tuple[tuple[str, re.Pattern[str]], ...]
    annual: frozenset[str]
    short: dict[str, str]
    not_a_place: tuple[str, ...]
    regions: dict[str, tuple[str, ...]]
    label_prefix: re.Pattern[str]
    not_distinctive: frozenset[str]
    series_words: frozenset[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    text = resources.files(__package__).joinpath("data/events.tsv").read_text("utf-8")
    series, annual, short, places, regions, common = [], set(), {}, [], {}, set()
    series_words: set[str] = set()
    prefixes: list[str] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, key, value = (line.split("\t") + ["", ""])[:3]
        if kind == "series":
            series.append((key, re.compile(value)))
        elif kind == "annual":
            annual.add(key)
        elif kind == "short":
            short[key] = value
        elif kind == "not_a_place":
            places.extend(fold(v) for v in value.split("|") if fold(v))
        elif kind == "region":
            regions[key] = tuple(fold(v) for v in value.split("|") if fold(v))
        elif kind == "label_prefix":
            prefixes.extend(re.escape(v.strip()) for v in value.split("|") if v.strip())
        elif kind == "not_distinctive":
            common.update(fold(value).split())
        elif kind == "series_words":
            series_words.update(fold(value).split())
        else:
            raise ValueError(f"data/events.tsv: unknown kind {kind!r}")
    prefix = re.compile(rf"^\s*(?:{'|'.join(prefixes) or '(?!)'})\s*[:—–-]\s*", re.I)
    return _Rules(tuple(series), frozenset(annual), short, tuple(places), regions, prefix,
                  frozenset(common), frozenset(series_words))


def _has(phrase: str, text: str) -> bool:
    """Whether folded ``phrase`` occurs in folded ``text`` as whole words."""
    return bool(phrase) and re.search(rf"\b{re.escape(phrase)}\b", text) is not None


def series_named(text: str) -> str | None:
    """The event series a text names ('Revisión regional del Pacto Mundial' -> 'GCM regional
    review'), or None."""
    folded = fold(text)
    return next((name for name, rule in _rules().series if rule.search(folded)), None)


def regions_named(text: str) -> frozenset[str]:
    """The regions (keys of data/events.tsv) a text names in English, French or Spanish."""
    folded = fold(text)
    return frozenset(key for key, words in _rules().regions.items()
                     if any(_has(w, folded) for w in words))


def is_a_place(location: str | None) -> bool:
    """False for a catalogue location that says how a meeting was held ('virtual')."""
    folded = fold(location or "")
    return bool(folded) and folded not in _rules().not_a_place


def _place_named(location: str | None, haystack: str) -> bool:
    if not is_a_place(location):
        return False
    place = fold(location or "")
    # 'Marrakech' for 'Marrakesh': a close spelling of a city name of some length
    return _has(place, haystack) or (len(place) >= 6 and fuzz.partial_ratio(place, haystack)
                                     >= 88)


def _within(when: date | None, start: date | None, end: date | None) -> bool:
    """The report's date falls in the event's days (a preparatory week before included)."""
    if when is None or start is None:
        return False
    return start - timedelta(days=7) <= when <= (end or start)


def _score(known: Event, haystack: str, series: str | None, regions: frozenset[str],
           when: date | None) -> int | None:
    """The evidence for catalogue event ``known``; None when it cannot be the event."""
    rules = _rules()
    same_series = series is not None and known.series.lower() == series.lower()
    if series and not same_series:
        return None  # the header names another series
    names = (known.name, *known.alt)
    score = 2 if same_series else 0
    if any(_has(fold(name), haystack) for name in names):
        score += 3
    if regions & regions_named(" ".join(names)):
        score += 2
    if _place_named(known.location, haystack):
        score += 2
    if _within(when, known.start, known.end):
        score += 2
    # A summit series meets once a year, so its name and the year identify the event; any
    # other needs two pieces of evidence (series and region, place or days; place and days).
    if same_series and known.series in rules.annual:
        return score
    return score if score >= 4 else None


def resolve_event(
    preamble: str, title_line: str | None, when: date | None, *, user_event: str | None = None,
    detail: str | None = None,
) -> EventInfo | None:
    """The catalogue event the header names (series, name, region, place, days, year), else
    one described from ``user_event`` or the title line; None when nothing names it.
    ``detail`` is the header's line with the date and place, whose words may finish the key
    of an event outside the catalogue ('Dakar (Sénégal), le 12 mars 2024')."""
    from migkg.ontology import vocabulary

    from .dates import find_year

    haystack = fold((user_event or "") + "\n" + preamble)
    year = when.year if when else find_year(user_event or "") or find_year(preamble)
    series = series_named((user_event or "") + "\n" + preamble)
    regions = regions_named(haystack)
    best: tuple[int, Event] | None = None
    for known in vocabulary.events():
        if year is None or known.year != year:
            continue
        score = _score(known, haystack, series, regions, when)
        if score is not None and (best is None or score > best[0]):
            best = (score, known)
    if best:
        known = best[1]
        return EventInfo(known.key, known.name, known.series, known.location, known.start,
                         known.iri)
    label = user_event or (_rules().label_prefix.sub("", title_line, count=1).strip()
                           if title_line else None)
    if not label or not (user_event or series or distinctive_words(series, label)):
        return None  # 'Compte rendu de table ronde' names the document, not a meeting
    words = label if user_event or not detail or detail == title_line else f"{label} {detail}"
    return EventInfo(event_key(series, year, words), label, series, None, when)


def distinctive_words(series: str | None, label: str) -> list[str]:
    """The folded words of ``label`` that may tell an event apart: no function, month or
    meeting word, no number, and no word of the series' wordings when a series is known."""
    rules = _rules()
    common = rules.not_distinctive | (rules.series_words if series else frozenset())
    return [w for w in fold(label).split() if w not in common and not w.isdigit() and len(w) > 1]


def event_key(series: str | None, year: int | None, label: str) -> str:
    """The short key of an event outside the catalogue: the series' short slug, the year and
    (unless the series meets once a year) up to three distinctive words of its name, at
    most :data:`KEY_LENGTH` characters, cut between words."""
    rules = _rules()
    head = [rules.short.get(series, slug(series)) if series else None,
            str(year) if year else None]
    parts = [p for p in head if p]
    if not (series in rules.annual and year):
        for word in distinctive_words(series, label)[:_WORDS_IN_KEY]:
            if len("-".join([*parts, word])) > KEY_LENGTH:
                break
            parts.append(word)
    if not parts:  # no series, year or distinctive word: the label's first words
        for word in slug(label).split("-"):
            if parts and len("-".join([*parts, word])) > KEY_LENGTH:
                break
            parts.append(word)
    return slug("-".join(parts))
