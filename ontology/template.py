"""The report template's one definition: its six sections, their order, names and classes.

Read from the shipped data, not written in code: the sections, their labels in English,
French and Spanish, their definitions and the template order come from the section scheme
of ``vocab/schemes.ttl`` (a ``skos:OrderedCollection``, ``vocab:section-order``); the OWL
class of each section kind (``mkg:SummarySection`` ...) from ``core.ttl``, where each is the
class of sections whose ``mkg:sectionType`` has that value (an ``owl:hasValue``
restriction).

>>> [s.key for s in sections()]
['summary', 'challenges', 'practices', 'gcm', 'agenda2030', 'quotes']
>>> section("practices").number, section("practices").class_iri.rsplit("#", 1)[1]
(3, 'PracticesSection')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox

from .files import ontology_file, vocabulary_file
from .namespaces import VOCAB

_SKOS = "http://www.w3.org/2004/02/skos/core#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_OWL = "http://www.w3.org/2002/07/owl#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SECTION_TYPE = "https://w3id.org/migkg/ontology#sectionType"


@dataclass(frozen=True)
class TemplateSection:
    """One section of the report template.

    Attributes:
        key: the section's notation, as in the contract ('summary' ... 'quotes').
        number: its place in the template, 1 to 6.
        iri: the section concept (``vocab/section/KEY``).
        class_iri: the OWL class of report sections of this kind.
        labels: every preferred and alternative label, as (language, text) pairs.
        title: the English preferred label.
        definition: what the section holds, in English.
    """

    key: str
    number: int
    iri: str
    class_iri: str
    labels: tuple[tuple[str, str], ...]
    title: str
    definition: str

    def labels_in(self, language: str) -> list[str]:
        """The section's labels in one language ('en', 'fr', 'es')."""
        return [text for lang, text in self.labels if lang == language]


def _store(name: str) -> ox.Store:
    store = ox.Store()
    data = (ontology_file() if name == "core" else vocabulary_file(name)).read_bytes()
    store.load(data, format=ox.RdfFormat.TURTLE)
    return store


def _objects(store: ox.Store, subject: ox.NamedNode | ox.BlankNode, predicate: str) -> list:
    return [q.object for q in store.quads_for_pattern(subject, ox.NamedNode(predicate), None)]


def _list_members(store: ox.Store, head) -> list[str]:
    members: list[str] = []
    while isinstance(head, ox.BlankNode | ox.NamedNode) and str(head) != f"<{_RDF}nil>":
        first = _objects(store, head, _RDF + "first")
        if not first:
            break
        members.append(first[0].value)
        rest = _objects(store, head, _RDF + "rest")
        head = rest[0] if rest else None
    return members


def _classes(core: ox.Store) -> dict[str, str]:
    """Section concept IRI -> the OWL class defined as 'sectionType has that value'."""
    found: dict[str, str] = {}
    for quad in core.quads_for_pattern(None, ox.NamedNode(_OWL + "equivalentClass"), None):
        restriction = quad.object
        on = _objects(core, restriction, _OWL + "onProperty")
        value = _objects(core, restriction, _OWL + "hasValue")
        if on and value and on[0].value == _SECTION_TYPE:
            found[value[0].value] = quad.subject.value
    return found


@lru_cache(maxsize=1)
def sections() -> tuple[TemplateSection, ...]:
    """The six template sections in template order."""
    schemes = _store("schemes")
    order = ox.NamedNode(str(VOCAB["section-order"]))
    heads = _objects(schemes, order, _SKOS + "memberList")
    if not heads:
        raise RuntimeError("schemes.ttl has no section order (vocab:section-order)")
    classes = _classes(_store("core"))
    found = []
    for number, iri in enumerate(_list_members(schemes, heads[0]), start=1):
        node = ox.NamedNode(iri)
        labels = sorted(
            (lit.language or "", lit.value)
            for prop in ("prefLabel", "altLabel")
            for lit in _objects(schemes, node, _SKOS + prop)
        )
        pref_en = [lit.value for lit in _objects(schemes, node, _SKOS + "prefLabel")
                   if lit.language == "en"]
        definition = [lit.value for lit in _objects(schemes, node, _SKOS + "definition")]
        notation = _objects(schemes, node, _SKOS + "notation")
        if iri not in classes:
            raise RuntimeError(f"core.ttl defines no class for the section {iri}")
        found.append(TemplateSection(
            key=notation[0].value, number=number, iri=iri, class_iri=classes[iri],
            labels=tuple(labels), title=pref_en[0] if pref_en else notation[0].value,
            definition=definition[0] if definition else "",
        ))
    return tuple(found)


def section_keys() -> tuple[str, ...]:
    """The section keys in template order."""
    return tuple(s.key for s in sections())


def section(key: str) -> TemplateSection:
    """The template section with this key; KeyError for an unknown key."""
    for candidate in sections():
        if candidate.key == key:
            return candidate
    raise KeyError(key)
