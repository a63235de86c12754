"""Plain-Python lookup tables over the shipped vocabularies (``ontology/vocab/*.ttl``).

Extractors need labels, keywords and codes, not a triple store: each accessor parses the
vocabulary file it needs once (pyoxigraph, a few milliseconds), turns it into frozen
dataclasses and caches the result. Accessors return fresh lists and dicts, so callers may
sort or filter them without touching the cache; the records themselves are immutable.

Label lists put preferred labels first (English, then French, then others), then the
alternative and hidden labels, without duplicates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import NamedTuple

import pyoxigraph as ox

from .files import vocabulary_file

_SKOS = "http://www.w3.org/2004/02/skos/core#"
_MKG = "https://w3id.org/migkg/ontology#"
_SCHEMA = "https://schema.org/"
_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_VOCAB = "https://w3id.org/migkg/vocab/"
_GCM = "https://w3id.org/migkg/gcm/"
_SDG_SCHEME = "http://metadata.un.org/sdg"
_ORG_MEMBER = "http://www.w3.org/ns/org#hasMember"
_WD = "http://www.wikidata.org/entity/"

PREF, ALT, HIDDEN = _SKOS + "prefLabel", _SKOS + "altLabel", _SKOS + "hiddenLabel"
NOTATION, IN_SCHEME = _SKOS + "notation", _SKOS + "inScheme"

VOCABULARIES = ("gcm", "sdg", "actors", "countries", "schemes", "events")

# Actor kinds by class, most specific first: a body typed both REC and international
# organisation (AU, EU) reports "rec" as its kind.
ACTOR_KINDS: tuple[tuple[str, str], ...] = (
    ("global-process", _MKG + "GlobalProcess"),
    ("rcp", _MKG + "RegionalConsultativeProcess"),
    ("rec", _MKG + "RegionalEconomicCommunity"),
    ("organisation", _MKG + "InternationalOrganisation"),
)


class Text(NamedTuple):
    value: str
    lang: str | None


Term = str | Text  # an IRI, or a literal with its language (None when untagged or typed)
Index = dict[str, dict[str, list[Term]]]


@lru_cache(maxsize=len(VOCABULARIES))
def _index(name: str) -> Index:
    """subject IRI -> predicate IRI -> objects, for one shipped vocabulary file."""
    data = vocabulary_file(name).read_bytes()
    index: Index = {}
    for quad in ox.parse(data, format=ox.RdfFormat.TURTLE):
        obj = quad.object
        if isinstance(obj, ox.BlankNode) or isinstance(quad.subject, ox.BlankNode):
            continue  # RDF lists (the template order): read by migkg.ontology.template
        term: Term = obj.value if isinstance(obj, ox.NamedNode) else Text(obj.value, obj.language)
        index.setdefault(quad.subject.value, {}).setdefault(quad.predicate.value, []).append(term)
    return index


def _iris(values: list[Term] | None) -> list[str]:
    return sorted(v for v in values or [] if isinstance(v, str))


def _texts(values: list[Term] | None, lang: str | None = "*") -> list[str]:
    """Literal values, optionally only those in ``lang`` ('*' = any language)."""
    return sorted(v.value for v in values or []
                  if isinstance(v, Text) and (lang == "*" or v.lang == lang))


def _one(values: list[Term] | None, lang: str | None = "*") -> str | None:
    found = _texts(values, lang)
    return found[0] if found else None


def _lang_order(text: Text) -> tuple[int, str, str]:
    rank = {"en": 0, "fr": 1}.get(text.lang or "", 2)
    return rank, text.lang or "", text.value


def _labels(properties: dict[str, list[Term]], lang: str | None = "*",
            hidden: bool = True) -> tuple[str, ...]:
    out: dict[str, None] = {}
    for predicate in (PREF, ALT, HIDDEN) if hidden else (PREF, ALT):
        texts = [v for v in properties.get(predicate, []) if isinstance(v, Text)]
        for text in sorted(texts, key=_lang_order):
            if lang == "*" or text.lang == lang:
                out.setdefault(text.value)
    return tuple(out)


def _in_scheme(index: Index, scheme: str) -> list[tuple[str, dict[str, list[Term]]]]:
    return sorted((s, p) for s, p in index.items() if scheme in p.get(IN_SCHEME, []))


# ---------------------------------------------------------------- project schemes


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    label_fr: str | None
    wordings: tuple[str, ...]
    scope: str | None
    iri: str


@lru_cache(maxsize=1)
def _categories() -> tuple[Category, ...]:
    index = _index("schemes")
    return tuple(
        Category(
            key=_one(p[NOTATION]) or "",
            label=_one(p.get(PREF), "en") or "",
            label_fr=_one(p.get(PREF), "fr"),
            wordings=tuple(_texts(p.get(HIDDEN))),
            scope=_one(p.get(_SKOS + "scopeNote")),
            iri=iri,
        )
        for iri, p in _in_scheme(index, _VOCAB + "challenge-category")
    )


def challenge_categories() -> list[Category]:
    """The challenge-category scheme: key, English/French label and typical wordings."""
    return list(_categories())


@lru_cache(maxsize=16)
def _scheme_labels(name: str) -> dict[str, tuple[str, ...]]:
    index = _index("schemes")
    concepts = _in_scheme(index, _VOCAB + name)
    if not concepts:
        raise KeyError(f"no controlled list named {name!r} in schemes.ttl")
    return {_one(p[NOTATION]) or "": _labels(p) for _, p in concepts}


def scheme_labels(name: str) -> dict[str, list[str]]:
    """key -> labels for a controlled list: 'section', 'status', 'level', 'attribution',
    'basis' or 'challenge-category'."""
    return {key: list(labels) for key, labels in _scheme_labels(name).items()}


def section_labels() -> dict[str, list[str]]:
    """Template section key (summary, challenges, ...) -> headings in English, French, Spanish."""
    return scheme_labels("section")


def level_labels() -> dict[str, list[str]]:
    """Practice level key (national, regional, global, innovation) -> its wordings."""
    return scheme_labels("level")


# ---------------------------------------------------------------- GCM


@dataclass(frozen=True)
class Objective:
    number: int
    title: str
    title_fr: str | None
    short: str
    short_fr: str | None
    keywords: tuple[str, ...]
    suggested_targets: tuple[str, ...]  # SDG target codes; an editorial, unconfirmed mapping
    cluster: str | None  # e.g. "IMRF-RT1": IMRF 2022 round table / 2021 review cluster
    iri: str


@dataclass(frozen=True)
class Principle:
    key: str
    label: str
    label_fr: str | None
    definition: str | None
    variants: tuple[str, ...]  # spelling variants for matching
    iri: str


def _notation_of(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


@lru_cache(maxsize=1)
def _objectives() -> tuple[Objective, ...]:
    index = _index("gcm")
    clusters = {member: _one(p.get(NOTATION))
                for p in index.values() if _SKOS + "Collection" in p.get(_TYPE, [])
                for member in _iris(p.get(_SKOS + "member"))}
    result = []
    for iri, p in _in_scheme(index, _GCM + "objectives"):
        short = [t for t in _texts(p.get(ALT), "en") if not t.startswith("Objective ")]
        short_fr = [t for t in _texts(p.get(ALT), "fr") if not t.startswith("Objectif ")]
        result.append(Objective(
            number=int(_one(p[NOTATION]) or 0),
            title=_one(p.get(PREF), "en") or "",
            title_fr=_one(p.get(PREF), "fr"),
            short=short[0] if short else "",
            short_fr=short_fr[0] if short_fr else None,
            keywords=tuple(_texts(p.get(HIDDEN))),
            suggested_targets=tuple(sorted((_notation_of(t) for t in
                                            _iris(p.get(_MKG + "suggestedTarget"))),
                                           key=_target_order)),
            cluster=clusters.get(iri),
            iri=iri,
        ))
    return tuple(sorted(result, key=lambda o: o.number))


def objectives() -> list[Objective]:
    """The 23 GCM objectives in order."""
    return list(_objectives())


@lru_cache(maxsize=1)
def _principles() -> tuple[Principle, ...]:
    index = _index("gcm")
    return tuple(
        Principle(
            key=_one(p[NOTATION]) or "",
            label=_one(p.get(PREF), "en") or "",
            label_fr=_one(p.get(PREF), "fr"),
            definition=_one(p.get(_SKOS + "definition")),
            variants=tuple(_texts(p.get(HIDDEN))),
            iri=iri,
        )
        for iri, p in _in_scheme(index, _GCM + "principles")
    )


def principles() -> list[Principle]:
    """The ten GCM guiding principles, by key."""
    return list(_principles())


# ---------------------------------------------------------------- SDG


@dataclass(frozen=True)
class SdgGoal:
    code: str
    label: str
    iri: str


@dataclass(frozen=True)
class SdgTarget:
    code: str  # "10.7"
    goal: str  # "10"
    label: str  # "Target 10.7"; the UN's own wording is not shipped
    definition: str | None  # a paraphrase, not the official text
    relevance: str | None  # "core" / "related" migration relevance; None if only referenced
    note: str | None  # why the target matters for migration
    labels: tuple[str, ...]
    iri: str


def _target_order(code: str) -> tuple[int, int, str]:
    goal, _, part = code.partition(".")
    return int(goal), (int(part) if part.isdigit() else 1000), part


@lru_cache(maxsize=1)
def _sdg() -> tuple[tuple[SdgGoal, ...], tuple[SdgTarget, ...]]:
    index = _index("sdg")
    goals, targets = [], []
    for iri, p in _in_scheme(index, _SDG_SCHEME):
        code = _one(p[NOTATION]) or ""
        if "." not in code:
            goals.append(SdgGoal(code, _one(p.get(PREF), "en") or "", iri))
            continue
        targets.append(SdgTarget(
            code=code,
            goal=code.partition(".")[0],
            label=_one(p.get(PREF), "en") or "",
            definition=_one(p.get(_SKOS + "definition")),
            relevance=_one(p.get(_MKG + "migrationRelevance")),
            note=_one(p.get(_SKOS + "scopeNote")),
            labels=_labels(p),
            iri=iri,
        ))
    return (tuple(sorted(goals, key=lambda g: int(g.code))),
            tuple(sorted(targets, key=lambda t: _target_order(t.code))))


def sdg_goals() -> list[SdgGoal]:
    return list(_sdg()[0])


def sdg_targets() -> list[SdgTarget]:
    """The migration-related SDG targets (plus any the GCM mapping refers to), in UN order."""
    return list(_sdg()[1])


# ---------------------------------------------------------------- actors


@dataclass(frozen=True)
class Actor:
    iri: str
    acronym: str  # the registry acronym, exactly as in ../reference (the CONTRACT's `code`)
    kind: str  # "global-process" | "rcp" | "rec" | "organisation"
    names: tuple[str, ...]  # preferred names (English first, then French)
    alt: tuple[str, ...]  # other acronyms and names, any language
    kinds: tuple[str, ...]  # every kind the registries give
    interregional: bool  # an inter-regional forum (IRF) rather than a regional process
    members: tuple[str, ...]  # ISO3 codes of listed member States
    wikidata: str | None  # confirmed QID only


@lru_cache(maxsize=1)
def _actors() -> tuple[Actor, ...]:
    result = []
    for iri, p in sorted(_index("actors").items()):
        types = p.get(_TYPE, [])
        kinds = tuple(kind for kind, cls in ACTOR_KINDS if cls in types)
        if not kinds:
            continue
        names = tuple(t.value for t in sorted((v for v in p.get(PREF, []) if isinstance(v, Text)),
                                              key=_lang_order))
        qids = [q.removeprefix(_WD) for q in _iris(p.get(_SKOS + "exactMatch"))]
        result.append(Actor(
            iri=iri,
            acronym=_one(p.get(NOTATION)) or "",
            kind=kinds[0],
            names=names,
            alt=tuple(label for label in _labels(p) if label not in names),
            kinds=kinds,
            interregional=_MKG + "InterRegionalForum" in types,
            members=tuple(_notation_of(m) for m in _iris(p.get(_ORG_MEMBER))),
            wikidata=qids[0] if qids else None,
        ))
    return tuple(sorted(result, key=lambda a: a.acronym.casefold()))


def actors() -> list[Actor]:
    """RECs, regional consultative processes, global processes and international organisations."""
    return list(_actors())


# ---------------------------------------------------------------- countries and regions


@dataclass(frozen=True)
class Country:
    iri: str
    iso3: str
    iso2: str
    names_en: tuple[str, ...]  # ISO short name first, then common/official/UN names, aliases
    names_fr: tuple[str, ...]
    m49: str | None
    regions: tuple[str, ...]  # M49 codes of region, sub-region and intermediate region
    income_group: str | None  # e.g. "lower-middle-income" (newest World Bank edition)
    development: str | None  # "developed" | "developing" (historical M49 grouping)
    wikidata: str | None  # confirmed QID only


@dataclass(frozen=True)
class Region:
    iri: str
    code: str  # zero-padded M49 code
    name: str
    broader: str | None  # code of the enclosing region


def _key_of(values: list[Term] | None) -> str | None:
    iris = _iris(values)
    return _notation_of(iris[0]) if iris else None


_GRAPH_VOCAB = "https://w3id.org/migkg/graph/vocab/"
_CONFORMS_TO = "http://purl.org/dc/terms/conformsTo"
_TEMPORAL = "http://purl.org/dc/terms/temporal"
_START = "http://www.w3.org/ns/dcat#startDate"


def latest_classification(scheme: str) -> str:
    """The vocabulary file name (e.g. 'classification-wb-income-fy2027') of the newest
    edition of the classifications into scheme ``scheme`` ('income', 'development', 'm49'):
    the one whose validity starts last, as classifications.ttl describes them."""
    catalog = _index("classifications")
    editions = []
    for iri, p in catalog.items():
        if _VOCAB + scheme not in p.get(_CONFORMS_TO, []) or not iri.startswith(_GRAPH_VOCAB):
            continue
        periods = _iris(p.get(_TEMPORAL))
        start = _one(catalog.get(periods[0], {}).get(_START)) if periods else None
        editions.append((start or "", iri.removeprefix(_GRAPH_VOCAB)))
    if not editions:
        raise LookupError(f"no classification into scheme {scheme!r} in classifications.ttl")
    return max(editions)[1]


@lru_cache(maxsize=1)
def _countries() -> tuple[Country, ...]:
    result = []
    # Regions, development status and income group come from the classification graphs
    # (the newest edition of each); the countries file holds names and codes.
    facts: dict[str, dict[str, list[Term]]] = {}
    for scheme in ("m49", "development", "income"):
        for iri, p in _index(latest_classification(scheme)).items():
            for predicate, values in p.items():
                facts.setdefault(iri, {}).setdefault(predicate, []).extend(values)
    for iri, p in _index("countries").items():
        if _MKG + "State" not in p.get(_TYPE, []):
            continue
        p = {**p, **facts.get(iri, {})}
        qids = [q.removeprefix(_WD) for q in _iris(p.get(_SKOS + "exactMatch"))]
        result.append(Country(
            iri=iri,
            iso3=_one(p.get(NOTATION)) or "",
            iso2=_one(p.get(_MKG + "iso2")) or "",
            names_en=_labels(p, "en"),
            names_fr=_labels(p, "fr"),
            m49=_one(p.get(_MKG + "m49")),
            regions=tuple(sorted(_notation_of(r).removeprefix("m49-")
                                 for r in _iris(p.get(_MKG + "inRegion")))),
            income_group=_key_of(p.get(_MKG + "incomeGroup")),
            development=_key_of(p.get(_MKG + "developmentStatus")),
            wikidata=qids[0] if qids else None,
        ))
    return tuple(sorted(result, key=lambda c: c.iso3))


def countries() -> list[Country]:
    """All ISO 3166-1 countries and areas, by alpha-3 code."""
    return list(_countries())


@lru_cache(maxsize=1)
def _regions() -> tuple[Region, ...]:
    result = []
    for iri, p in _index("countries").items():
        if _MKG + "Region" not in p.get(_TYPE, []):
            continue
        broader = _iris(p.get(_SKOS + "broader"))
        result.append(Region(
            iri=iri,
            code=_one(p.get(_MKG + "m49")) or "",
            name=_one(p.get(PREF), "en") or "",
            broader=_notation_of(broader[0]).removeprefix("m49-") if broader else None,
        ))
    return tuple(sorted(result, key=lambda r: r.code))


def regions() -> list[Region]:
    """UN M49 regions, sub-regions and intermediate regions."""
    return list(_regions())


# ---------------------------------------------------------------- events


@dataclass(frozen=True)
class Event:
    iri: str
    key: str  # last IRI segment, e.g. "gfmd-2018"
    series: str
    name: str
    alt: tuple[str, ...]
    year: int  # from the IRI, which always ends in the year
    ordinal: int | None
    location: str | None  # city, or "virtual"
    host: str | None  # ISO3 of the host State
    start: date | None
    end: date | None


@lru_cache(maxsize=1)
def _events() -> tuple[Event, ...]:
    result = []
    for iri, p in _index("events").items():
        if _MKG + "Event" not in p.get(_TYPE, []):
            continue
        key = _notation_of(iri)
        match = re.search(r"-(\d{4})$", key)
        start, end = _one(p.get(_SCHEMA + "startDate")), _one(p.get(_SCHEMA + "endDate"))
        ordinal = _one(p.get(_MKG + "ordinal"))
        result.append(Event(
            iri=iri,
            key=key,
            series=_one(p.get(_MKG + "series")) or "",
            name=_one(p.get(_LABEL)) or "",
            alt=tuple(_texts(p.get(ALT))),
            year=int(match.group(1)) if match else 0,
            ordinal=int(ordinal) if ordinal else None,
            location=_one(p.get(_SCHEMA + "location")),
            host=_key_of(p.get(_MKG + "hostCountry")),
            start=date.fromisoformat(start) if start else None,
            end=date.fromisoformat(end) if end else None,
        ))
    return tuple(sorted(result, key=lambda e: (e.series, e.year, e.key)))


def events() -> list[Event]:
    """The catalogue of known events (GFMD summits, IMRF, GCM regional reviews)."""
    return list(_events())


# ---------------------------------------------------------------- cache control


_CACHED = (_index, _categories, _scheme_labels, _objectives, _principles, _sdg, _actors,
           _countries, _regions, _events)


def load_all() -> None:
    """Parse every vocabulary now (for example at start-up) so later lookups cost nothing."""
    challenge_categories()
    for name in ("section", "status", "level", "attribution", "basis"):
        scheme_labels(name)
    objectives()
    principles()
    sdg_targets()
    actors()
    countries()
    regions()
    events()


def cache_clear() -> None:
    """Forget everything parsed (tests; or after regenerating the vocabulary files)."""
    for function in _CACHED:
        function.cache_clear()
