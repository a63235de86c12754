"""The controlled list a correction picks its value from, per kind of reviewed item.

Values are the keys the named queries show (a level 'regional', a category key, an
objective's number, a principle's key, an SDG target's code, a section status, a registry
acronym or ISO 3166 alpha-3 code), each standing for one concept IRI of the shipped
vocabularies (:mod:`migkg.ontology.vocabulary`).
"""

from __future__ import annotations

from functools import lru_cache

from migkg.ontology import iris, vocabulary

KINDS = ("level", "category", "gcm-link", "principle-link", "sdg-link", "section", "entity")


@lru_cache(maxsize=len(KINDS))
def choices(kind: str) -> dict[str, str]:
    """value -> concept IRI for the items of ``kind``, in the list's own order."""
    if kind == "level":
        return {key: str(iris.level_iri(key)) for key in vocabulary.scheme_labels("level")}
    if kind == "category":
        return {c.key: c.iri for c in vocabulary.challenge_categories()}
    if kind == "gcm-link":
        return {str(o.number): o.iri for o in vocabulary.objectives()}
    if kind == "principle-link":
        return {p.key: p.iri for p in vocabulary.principles()}
    if kind == "sdg-link":
        return {t.code: t.iri for t in vocabulary.sdg_targets()}
    if kind == "section":
        return {key: str(iris.status_iri(key)) for key in vocabulary.scheme_labels("status")}
    if kind == "entity":
        found = {a.acronym: a.iri for a in vocabulary.actors()}
        found.update({c.iso3: c.iri for c in vocabulary.countries()})
        return found
    raise KeyError(kind)


def value_of(kind: str, iri: str | None) -> str:
    """The list's value for a concept IRI ('' when none, or the IRI is not in the list)."""
    if not iri:
        return ""
    for value, concept in choices(kind).items():
        if concept == iri:
            return value
    return ""


def iri_of(kind: str, value: str) -> str | None:
    """The concept IRI of ``value`` in the list of ``kind`` (compared case-insensitively
    for registry codes), or None when the list has no such value."""
    listed = choices(kind)
    if value in listed:
        return listed[value]
    folded = value.strip().casefold()
    return next((iri for key, iri in listed.items() if key.casefold() == folded), None)


@lru_cache(maxsize=len(KINDS))
def labels(kind: str) -> dict[str, str]:
    """value -> a short label to show beside it (an objective's title, a category's
    name, a registry actor's full name)."""
    if kind in ("level", "section"):
        scheme = "level" if kind == "level" else "status"
        return {key: (names or [key])[0] for key, names in
                vocabulary.scheme_labels(scheme).items()}
    if kind == "category":
        return {c.key: c.label for c in vocabulary.challenge_categories()}
    if kind == "gcm-link":
        return {str(o.number): o.title for o in vocabulary.objectives()}
    if kind == "principle-link":
        return {p.key: p.label for p in vocabulary.principles()}
    if kind == "sdg-link":
        return {t.code: t.label for t in vocabulary.sdg_targets()}
    if kind == "entity":
        found = {a.acronym: (a.names or (a.acronym,))[0] for a in vocabulary.actors()}
        found.update({c.iso3: (c.names_en or (c.iso3,))[0] for c in vocabulary.countries()})
        return found
    raise KeyError(kind)
