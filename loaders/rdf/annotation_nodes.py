"""What the annotators found in an insight: mentions, figures, concept links, references.

Follows docs/data-model.md ("Mentions, figures…" and "Links"). Every node keeps its
evidence: mentions and figures carry a Web Annotation anchor into the normalised
document text; links carry basis, confidence, matched evidence and method.
"""

from __future__ import annotations

import pyoxigraph as ox

from migkg.ontology import iris

from ..model import (
    Annotation,
    FigureAnnotation,
    InstrumentAnnotation,
    LinkAnnotation,
    ReferenceAnnotation,
    Report,
)
from .graph import DCT, MKG, OA, RDF_TYPE, RDFS_LABEL, SCHEMA, Graph, decimal, literal

_KNOWN_ACTOR_KINDS = {"country", "region", "rec", "rcp"}
_SHORTCUT = {"objective": MKG.relatesToObjective, "principle": MKG.relatesToPrinciple,
             "target": MKG.relatesToTarget}
# The annotators whose findings are written, by what they are.
MENTIONS, INSTRUMENTS, FIGURES = "mentions", "instruments", "figures"
LINKS = ("explicit-links", "inferred-links")
REFERENCES = "references"


def _span(g: Graph, anchor: str, start: int, end: int, source: str, text: str) -> None:
    """A Web Annotation specific resource: these characters of the source's text."""
    selector = iris.position_selector_iri(anchor)
    g.add(anchor, RDF_TYPE, OA.SpecificResource)
    g.add(anchor, OA.hasSource, source)
    g.add(anchor, OA.hasSelector, selector)
    g.add(selector, RDF_TYPE, OA.TextPositionSelector)
    g.add(selector, OA.start, literal(start, "nonNegativeInteger"))
    g.add(selector, OA.end, literal(end, "nonNegativeInteger"))
    g.add(anchor, OA.exact, ox.Literal(text[start:end]))


def write(g: Graph, record: Report, report: str, node: str, index: int, source: str) -> None:
    """Write what the annotators found in insight ``index`` (whose node is ``node``)."""
    text = record.document.text
    mentions = record.of(MENTIONS, index)
    _mentions(g, report, node, mentions, record.of(INSTRUMENTS, index), source, text)
    for n, figure in enumerate(record.of(FIGURES, index), start=1):
        _figure(g, node, iris.figure_iri(node, n), figure, source, text)  # type: ignore[arg-type]
    for name in LINKS:
        for link in record.of(name, index):
            _link(g, node, link)  # type: ignore[arg-type]
    for n, reference in enumerate(record.of(REFERENCES, index), start=1):
        _reference(g, node, iris.reference_iri(node, n), reference)  # type: ignore[arg-type]


def _mentions(g: Graph, report: str, node: str, mentions: list[Annotation],
              instruments: list[Annotation], source: str, text: str) -> None:
    by_span = {(i.start, i.end): i for i in instruments}
    for n, mention in enumerate(mentions, start=1):
        body = mention.iri
        if mention.kind == "instrument" or not body:
            body = iris.instrument_iri(report, mention.label)
            g.add(body, RDF_TYPE, MKG.PolicyInstrument)
            g.add(body, RDFS_LABEL, ox.Literal(mention.label))
            instrument = by_span.get((mention.start, mention.end))
            if isinstance(instrument, InstrumentAnnotation):
                for issuer in instrument.issuers:
                    g.add(body, MKG.issuedBy, _issuer_iri(issuer, mentions))
                if instrument.year:
                    g.add(body, MKG.year, literal(instrument.year, "integer"))
        elif not mention.code and mention.kind == "region":
            # A region M49 does not define ('the Sahel', 'the Gulf'): name it here.
            g.add(body, RDF_TYPE, MKG.Region)
            g.add(body, RDFS_LABEL, ox.Literal(mention.label))
        elif not mention.code and mention.kind not in _KNOWN_ACTOR_KINDS:
            # An organisation outside the registry: name it here, the vocabulary can't.
            g.add(body, RDF_TYPE, MKG.Actor)
            g.add(body, RDFS_LABEL, ox.Literal(mention.label))
        mention_node = iris.mention_iri(node, n)
        anchor = iris.anchor_iri(mention_node)
        g.add(node, MKG.mentions, body)
        g.add(mention_node, RDF_TYPE, MKG.Mention)
        g.add(mention_node, OA.hasBody, body)
        g.add(mention_node, OA.hasTarget, anchor)
        g.add(mention_node, MKG.mentionKind, ox.Literal(mention.kind))
        g.add(mention_node, MKG.surfaceForm, ox.Literal(mention.text))
        _span(g, anchor, mention.start, mention.end, source, text)  # type: ignore[arg-type]


def _issuer_iri(code: str, mentions: list[Annotation]) -> str:
    for mention in mentions:
        if mention.code == code and mention.iri:
            return mention.iri
    return iris.country_iri(code) if len(code) == 3 and code.isupper() else iris.actor_iri(code)


def _figure(g: Graph, node: str, figure_node: str, figure: FigureAnnotation, source: str,
            text: str) -> None:
    anchor = iris.anchor_iri(figure_node)
    g.add(figure_node, RDF_TYPE, MKG.Figure)
    g.add(figure_node, MKG.value, decimal(figure.value))
    g.add(figure_node, MKG.inInsight, node)
    if figure.unit:
        g.add(figure_node, MKG.unit, ox.Literal(figure.unit))
    if figure.counts:
        g.add(figure_node, MKG.counts, ox.Literal(figure.counts))
    if figure.place:
        g.add(figure_node, MKG.place, iris.country_iri(figure.place))
    g.add(figure_node, MKG.anchor, anchor)
    _span(g, anchor, figure.start, figure.end, source, text)  # type: ignore[arg-type]


def _concept_iri(kind: str, key: str):
    if kind == "objective":
        return iris.gcm_objective_iri(int(key))
    if kind == "principle":
        return iris.gcm_principle_iri(key)
    return iris.sdg_iri(key)


def _link(g: Graph, node: str, link: LinkAnnotation) -> None:
    concept = _concept_iri(link.concept, link.code)
    link_node = iris.concept_link_iri(node, link.concept, link.code)
    g.add(node, _SHORTCUT[link.concept], concept)
    g.add(node, MKG.qualifiedLink, link_node)
    g.add(link_node, RDF_TYPE, MKG.ConceptLink)
    g.add(link_node, MKG.linkedConcept, concept)
    g.add(link_node, MKG.basis, iris.basis_iri(link.basis))
    g.add(link_node, MKG.confidence, decimal(round(link.confidence, 3)))
    g.add(link_node, MKG.method, ox.Literal(link.method))
    for evidence in link.evidence:
        g.add(link_node, MKG.evidence, ox.Literal(evidence))


def _reference(g: Graph, node: str, reference_node: str, reference: ReferenceAnnotation
               ) -> None:
    g.add(reference_node, RDF_TYPE, MKG.Reference)
    g.add(reference_node, SCHEMA.url, ox.Literal(reference.url))
    g.add(node, DCT + "references", reference_node)
    if reference.title:
        g.add(reference_node, RDFS_LABEL, ox.Literal(reference.title))
