"""What the synthetic reports name, read from migkg's own vocabularies (ontology/vocab).

Countries (with a plain name in English, French and Spanish), actors (RECs, RCPs and
international organisations, not the global processes that are the events themselves),
GCM objectives, guiding principles, migration-related SDG targets and the catalogue's
events. Read once per process.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import lru_cache

import pycountry

from migkg.ontology import vocabulary


@dataclass(frozen=True)
class Country:
    iso3: str
    names: dict[str, str]  # language -> a plain name (no comma, no parenthesis)


@dataclass(frozen=True)
class Actor:
    code: str  # the registry acronym (the `code` column of the mentions query)
    kind: str
    name: str  # as a report writes it: the acronym, or a short full name


@dataclass(frozen=True)
class Pools:
    countries: tuple[Country, ...]
    actors: tuple[Actor, ...]
    objectives: tuple[int, ...]
    objective_titles: dict[int, dict[str, str]]  # number -> language -> short title
    principles: tuple[tuple[str, str, str | None], ...]  # key, English, French label
    targets: tuple[str, ...]
    events: tuple[vocabulary.Event, ...]


def _plain(names: tuple[str, ...] | list[str]) -> str | None:
    """The first name that reads as running text (no 'Korea, Republic of')."""
    for name in names:
        if "," not in name and "(" not in name and len(name) <= 30:
            return name
    return None


@lru_cache(maxsize=1)
def pools() -> Pools:
    """The vocabularies' entries a generated report may name."""
    spanish = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"])
    countries = []
    for country in vocabulary.countries():
        if not (country.m49 and country.income_group):
            continue  # territories and areas without a World Bank group read oddly
        record = pycountry.countries.get(alpha_3=country.iso3)
        names = {"en": _plain(country.names_en), "fr": _plain(country.names_fr),
                 "es": _plain([spanish.gettext(record.name)]) if record else None}
        if all(names.values()):
            countries.append(Country(country.iso3, names))
    actors = []
    for actor in vocabulary.actors():
        if actor.kind == "global-process":
            continue
        short = actor.acronym.isupper() and actor.acronym.isalpha()
        name = actor.acronym if short or "Process" in actor.acronym else _plain(actor.names)
        if name:
            actors.append(Actor(actor.acronym, actor.kind, name))
    principles = tuple((p.key, p.label, p.label_fr) for p in vocabulary.principles())
    targets = tuple(t.code for t in vocabulary.sdg_targets() if t.relevance)
    events = tuple(e for e in vocabulary.events() if 2012 <= e.year <= 2026)
    titles = {o.number: {lang: text for lang, text in (("en", o.short), ("fr", o.short_fr))
                         if text} for o in vocabulary.objectives()}
    return Pools(tuple(countries), tuple(actors),
                 tuple(o.number for o in vocabulary.objectives()), titles, principles,
                 targets, events)
