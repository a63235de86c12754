"""Entity mentions, figures, instruments, references and concept links of each insight.

Runs the extractors of loaders/extract on every insight's text and writes what they find
into the report graph (docs/data-model.md, "Mentions, figures…" and "Links"). Every node
keeps its evidence: mentions and figures carry a Web Annotation anchor into the
normalised document text; links carry basis, confidence, matched evidence and method.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import pyoxigraph as ox

from migkg.ontology.iris import (
    actor_iri,
    basis_iri,
    country_iri,
    gcm_objective_iri,
    gcm_principle_iri,
    sdg_iri,
    slug,
)
from migkg.ontology.namespaces import MKG, OA, SCHEMA

from .builder import Extras
from .extract.entities import find_entities, find_mentions
from .extract.figures import find_figures
from .extract.instruments import find_instruments
from .extract.links import find_links
from .extract.references import find_references

if TYPE_CHECKING:
    from .builder import _Graph
    from .extract.insights import Insight
    from .model import Document

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_KNOWN_ACTOR_KINDS = {"country", "region", "rec", "rcp"}


def extract(insights: list[Insight], document: Document | None = None) -> Extras:
    extras = Extras()
    for index, insight in enumerate(insights):
        text = insight.text
        entities = find_entities(text)
        instruments = find_instruments(text, entities)
        mentions = find_mentions(text, entities=entities, instruments=instruments)
        extras.mentions[index] = mentions
        extras.instruments[index] = instruments
        extras.figures[index] = find_figures(text, mentions)
        extras.links[index] = find_links(text, section=insight.section)
        extras.references[index] = find_references(
            text, _links_within(document, insight) if document else (), instruments=instruments
        )
    return extras


def _links_within(document: Document, insight: Insight) -> tuple[str, ...]:
    """Hyperlink targets of the blocks an insight was read from (readers drop the URL)."""
    found: list[str] = []
    for block in document.blocks:
        if block.start < insight.end and block.end > insight.start:
            found += [link for link in block.links if link not in found]
    return tuple(found)


def _decimal(value: float) -> ox.Literal:
    # xsd:decimal, not double: the ontology types these as decimals, and a decimal prints
    # the same way on every platform.
    text = format(Decimal(repr(value)).normalize(), "f")
    return ox.Literal(text, datatype=ox.NamedNode(_XSD + "decimal"))


def _span(g: _Graph, anchor: str, start: int, end: int, source_iri: str, text: str) -> None:
    """A Web Annotation specific resource: these characters of the source's text."""
    selector = f"{anchor}/position"
    g.add(anchor, _RDF_TYPE, OA.SpecificResource)
    g.add(anchor, OA.hasSource, source_iri)
    g.add(anchor, OA.hasSelector, selector)
    g.add(selector, _RDF_TYPE, OA.TextPositionSelector)
    g.add(selector, OA.start, _integer(start))
    g.add(selector, OA.end, _integer(end))
    g.add(anchor, OA.exact, ox.Literal(text[start:end]))


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=ox.NamedNode(_XSD + "nonNegativeInteger"))


def add(g: _Graph, report: str, node: str, index: int, extras: Extras, source_iri: str,
        text: str, offset: int) -> None:
    """Write the extractions of insight ``index`` (whose text starts at ``offset``)."""
    instruments = {(i.start, i.end): i for i in extras.instruments.get(index, [])}
    for n, mention in enumerate(extras.mentions.get(index, []), start=1):
        body = mention.iri
        if mention.kind == "instrument" or not body:
            body = f"{report}/instrument/{slug(mention.label)}"
            g.add(body, _RDF_TYPE, MKG.PolicyInstrument)
            g.add(body, _RDFS_LABEL, ox.Literal(mention.label))
            instrument = instruments.get((mention.start, mention.end))
            if instrument:
                for issuer in instrument.issuers:
                    g.add(body, MKG.issuedBy, _issuer_iri(issuer, extras, index))
                if instrument.year:
                    g.add(body, MKG.year, ox.Literal(str(instrument.year),
                                                    datatype=ox.NamedNode(_XSD + "integer")))
        elif not mention.code and mention.kind == "region":
            # A region M49 does not define ('the Sahel', 'the Gulf'): name it here.
            g.add(body, _RDF_TYPE, MKG.Region)
            g.add(body, _RDFS_LABEL, ox.Literal(mention.label))
        elif not mention.code and mention.kind not in _KNOWN_ACTOR_KINDS:
            # An organisation outside the registry: name it here, the vocabulary can't.
            g.add(body, _RDF_TYPE, MKG.Actor)
            g.add(body, _RDFS_LABEL, ox.Literal(mention.label))
        mention_node = f"{node}/mention/{n}"
        g.add(node, MKG.mentions, body)
        g.add(mention_node, _RDF_TYPE, MKG.Mention)
        g.add(mention_node, OA.hasBody, body)
        g.add(mention_node, OA.hasTarget, f"{mention_node}/anchor")
        g.add(mention_node, MKG.mentionKind, ox.Literal(mention.kind))
        g.add(mention_node, MKG.surfaceForm,
              ox.Literal(text[offset + mention.start:offset + mention.end]))
        _span(g, f"{mention_node}/anchor", offset + mention.start, offset + mention.end,
              source_iri, text)

    for n, figure in enumerate(extras.figures.get(index, []), start=1):
        figure_node = f"{node}/figure/{n}"
        g.add(figure_node, _RDF_TYPE, MKG.Figure)
        g.add(figure_node, MKG.value, _decimal(figure.value))
        g.add(figure_node, MKG.inInsight, node)
        if figure.unit:
            g.add(figure_node, MKG.unit, ox.Literal(figure.unit))
        if figure.counts:
            g.add(figure_node, MKG.counts, ox.Literal(figure.counts))
        if figure.country_iso3:
            g.add(figure_node, MKG.place, country_iri(figure.country_iso3))
        g.add(figure_node, MKG.anchor, f"{figure_node}/anchor")
        _span(g, f"{figure_node}/anchor", offset + figure.start, offset + figure.end,
              source_iri, text)

    for link in extras.links.get(index, []):
        concept = _concept_iri(link.kind, link.key)
        link_node = f"{node}/link/{link.kind}-{slug(link.key)}"
        g.add(node, _SHORTCUT[link.kind], concept)
        g.add(node, MKG.qualifiedLink, link_node)
        g.add(link_node, _RDF_TYPE, MKG.ConceptLink)
        g.add(link_node, MKG.linkedConcept, concept)
        g.add(link_node, MKG.basis, basis_iri(link.basis))
        g.add(link_node, MKG.confidence, _decimal(round(link.confidence, 3)))
        g.add(link_node, MKG.method, ox.Literal(link.method))
        for evidence in link.evidence:
            g.add(link_node, MKG.evidence, ox.Literal(evidence))

    for n, reference in enumerate(extras.references.get(index, []), start=1):
        reference_node = f"{node}/reference/{n}"
        g.add(reference_node, _RDF_TYPE, MKG.Reference)
        g.add(reference_node, SCHEMA.url, ox.Literal(reference.url))
        g.add(node, "http://purl.org/dc/terms/references", reference_node)
        if reference.title:
            g.add(reference_node, _RDFS_LABEL, ox.Literal(reference.title))


_SHORTCUT = {"objective": MKG.relatesToObjective, "principle": MKG.relatesToPrinciple,
             "target": MKG.relatesToTarget}


def _concept_iri(kind: str, key: str):
    if kind == "objective":
        return gcm_objective_iri(int(key))
    if kind == "principle":
        return gcm_principle_iri(key)
    return sdg_iri(key)


def _issuer_iri(code: str, extras: Extras, index: int) -> str:
    for mention in extras.mentions.get(index, []):
        if mention.code == code and mention.iri:
            return mention.iri
    return country_iri(code) if len(code) == 3 and code.isupper() else actor_iri(code)
