"""The one RDF builder: turns an extracted report into the triples of its named graph.

The output follows docs/data-model.md. IRIs come only from stable keys (file name, session
code, positions), and the N-Triples lines are sorted, so the same input always gives the
same bytes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal

import pyoxigraph as ox

from migkg import __version__
from migkg.ontology import template
from migkg.ontology.iris import (
    attribution_iri,
    basis_iri,
    challenge_category_iri,
    level_iri,
    section_iri,
    slug,
    status_iri,
)
from migkg.ontology.namespaces import ID, MKG, OA, SCHEMA

from .extract.insights import Insight
from .metadata import Metadata
from .segment.reading import Segmented

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_PROV = "http://www.w3.org/ns/prov#"
_DCT = "http://purl.org/dc/terms/"

_KIND_CLASS = {
    "summary": "SummaryPoint",
    "challenge": "Challenge",
    "practice": "Practice",
    "quote": "Quote",
    "statement": "Insight",
}
_SECTION_CLASS = {"summary": "SummarySection", "challenges": "ChallengesSection",
                  "practices": "PracticesSection", "gcm": "GcmSection",
                  "agenda2030": "Agenda2030Section", "quotes": "QuotesSection"}
_CONTEXT = 32  # characters of prefix/suffix kept in a TextQuoteSelector


def report_iri(source_name: str) -> str:
    return f"{ID}report/{slug(source_name)}"


@dataclass
class SourceInfo:
    name: str  # base name
    format: str
    sha256: str


@dataclass
class Extras:
    """Issue-3 extractions attached to insights: filled by the pipeline when available."""

    mentions: dict[int, list] = field(default_factory=dict)  # insight index -> mentions
    figures: dict[int, list] = field(default_factory=dict)
    links: dict[int, list] = field(default_factory=dict)
    instruments: dict[int, list] = field(default_factory=dict)
    references: dict[int, list] = field(default_factory=dict)


class _Graph:
    """The report's own triples, plus the identity of entities reports share.

    A session, an event outside the catalogue, a rapporteur and the loader agent can be
    named by many reports. Their identifying triples go to a graph of their own (named by
    the entity's IRI) instead of into every report graph: the store's union default graph
    does not merge equal triples of different graphs, so a session reported a hundred
    times would otherwise match a hundred times in every join through it.
    """

    def __init__(self) -> None:
        self.triples: set[ox.Triple] = set()
        self.entities: dict[str, set[ox.Triple]] = {}

    @staticmethod
    def _triple(s: str, p: str, o: ox.NamedNode | ox.Literal | str) -> ox.Triple:
        obj = ox.NamedNode(o) if isinstance(o, str) else o
        return ox.Triple(ox.NamedNode(s), ox.NamedNode(p), obj)

    def add(self, s: str, p: str, o: ox.NamedNode | ox.Literal | str) -> None:
        self.triples.add(self._triple(s, p, o))

    def add_shared(self, s: str, p: str, o: ox.NamedNode | ox.Literal | str) -> None:
        self.entities.setdefault(s, set()).add(self._triple(s, p, o))

    def ntriples(self) -> str:
        return _sorted_ntriples(self.triples)

    def shared_ntriples(self) -> dict[str, str]:
        return {graph: _sorted_ntriples(triples)
                for graph, triples in sorted(self.entities.items())}


def _sorted_ntriples(triples: set[ox.Triple]) -> str:
    text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode()
    return "\n".join(sorted(text.splitlines())) + "\n"


def _lit(value: object, datatype: str | None = None, lang: str | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(str(value), language=lang)
    if datatype:
        return ox.Literal(str(value), datatype=ox.NamedNode(_XSD + datatype))
    return ox.Literal(str(value))


def ingest_time() -> str:
    """When the ingest ran; ``SOURCE_DATE_EPOCH`` pins it for reproducible exports."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (
        datetime.fromtimestamp(int(epoch), tz=UTC)
        if epoch and epoch.isdigit()
        else datetime.now(UTC)
    )
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def build_report(
    source: SourceInfo,
    segmented: Segmented,
    metadata: Metadata,
    insights: list[Insight],
    language: str,
    extras: Extras | None = None,
    *,
    ended_at: str | None = None,
) -> tuple[str, str, dict[str, str]]:
    """Return (report IRI, N-Triples of its named graph, shared entity graphs)."""
    g = _Graph()
    report = report_iri(source.name)
    # One source node per report: two files with the same bytes are still two documents.
    source_iri = f"{report}/source"
    activity = f"{report}/ingest"
    agent = f"{ID}agent/migkg-{__version__}"
    text = segmented.document.text

    g.add(report, _RDF + "type", MKG.Report)
    g.add(report, _DCT + "language", _lit(language))
    g.add(report, _PROV + "wasDerivedFrom", source_iri)
    g.add(report, _PROV + "wasGeneratedBy", activity)
    g.add(source_iri, _RDF + "type", MKG.SourceDocument)
    g.add(source_iri, SCHEMA.name, _lit(source.name))
    g.add(source_iri, _DCT + "format", _lit(source.format))
    g.add(source_iri, MKG.sha256, _lit(source.sha256))
    g.add(source_iri, MKG.normalisedText, _lit(text))
    g.add(activity, _RDF + "type", _PROV + "Activity")
    g.add(activity, _PROV + "used", source_iri)
    g.add(activity, _PROV + "wasAssociatedWith", agent)
    g.add(activity, _PROV + "endedAtTime", _lit(ended_at or ingest_time(), "dateTime"))
    g.add_shared(agent, _RDF + "type", _PROV + "SoftwareAgent")
    g.add_shared(agent, _RDFS + "label", _lit(f"migkg loader {__version__}"))
    g.add_shared(agent, SCHEMA.softwareVersion, _lit(__version__))

    _metadata(g, report, metadata)
    section_nodes = _sections(g, report, segmented)
    _reading(g, report, section_nodes, segmented, source_iri)
    for index, insight in enumerate(insights):
        node = f"{report}/{insight.kind}/{insight.position}"
        _insight(g, node, insight, section_nodes[insight.section], source_iri, text)
        if extras:
            from . import extras_builder

            extras_builder.add(g, report, node, index, extras, source_iri, text, insight.start)
    return report, g.ntriples(), g.shared_ntriples()


def _metadata(g: _Graph, report: str, meta: Metadata) -> None:
    if meta.rapporteur:
        person = f"{ID}person/{slug(meta.rapporteur)}"
        g.add(report, MKG.rapporteur, person)
        g.add_shared(person, _RDF + "type", _PROV + "Person")
        g.add_shared(person, SCHEMA.name, _lit(meta.rapporteur))
    if meta.rapporteur_label:
        g.add(report, MKG.rapporteurLabelPresent, _lit("true", "boolean"))
    if meta.date:
        g.add(report, _DCT + "date", _lit(meta.date.isoformat(), "date"))
    if meta.session_title:
        g.add(report, _DCT + "title", _lit(meta.session_title))
    event = None
    if meta.event:
        info = meta.event
        event = info.known_iri or f"{ID}event/{info.key}"
        if not info.known_iri:  # a catalogue event is described in its vocabulary graph
            # Only what the IRI already encodes, so every report says the same thing.
            g.add_shared(event, _RDF + "type", MKG.Event)
            g.add_shared(event, _RDFS + "label", _lit(info.label))
            if info.series:
                g.add_shared(event, MKG.series, _lit(info.series))
    if meta.session_code or meta.session_title:
        scope = meta.event.key if meta.event else slug(report.rsplit("/", 1)[-1])
        session = f"{ID}session/{scope}/{slug(meta.session_code or meta.session_title or '')}"
        g.add(report, MKG.aboutSession, session)
        g.add_shared(session, _RDF + "type", MKG.Session)
        if meta.session_code:
            g.add_shared(session, _DCT + "identifier", _lit(meta.session_code))
        if event:
            g.add_shared(session, SCHEMA.superEvent, event)
        # Title and date are this report's account of the session.
        if meta.session_title:
            g.add(session, _DCT + "title", _lit(meta.session_title))
        if meta.date:
            g.add(session, SCHEMA.startDate, _lit(meta.date.isoformat(), "date"))
    elif event:
        g.add(report, MKG.aboutEvent, event)


def _sections(g: _Graph, report: str, segmented: Segmented) -> dict[str, str]:
    nodes = {}
    for order, key in enumerate(template.section_keys(), start=1):
        section = segmented.sections[key]
        node = f"{report}/section/{key}"
        nodes[key] = node
        g.add(report, MKG.hasSection, node)
        g.add(node, _RDF + "type", MKG.Section)
        g.add(node, _RDF + "type", MKG[_SECTION_CLASS[key]])
        g.add(node, _DCT + "isPartOf", report)
        g.add(node, MKG.sectionType, section_iri(key))
        g.add(node, MKG.position, _lit(order, "integer"))
        g.add(node, MKG.status, status_iri(section.status))
        if section.heading_text:
            g.add(node, MKG.heading, _lit(section.heading_text))
        if section.blocks:
            g.add(node, MKG.text, _lit("\n".join(b.text for b in section.blocks)))
    return nodes


def _reading(g: _Graph, report: str, nodes: dict[str, str], segmented: Segmented,
             source_iri: str) -> None:
    """How the report was read: per section the confidence and evidence of its heading's
    assignment; the blocks left outside any section, each anchored in the source text."""
    for key, reading in segmented.reading.sections.items():
        node = nodes[key]
        g.add(node, MKG.readingConfidence, _decimal(reading.confidence))
        if reading.evidence:
            # One literal, the reasons in the order they were weighed.
            g.add(node, MKG.readingEvidence, _lit("; ".join(reading.evidence)))
    text = segmented.document.text
    for number, group in enumerate(segmented.reading.unassigned, start=1):
        node = f"{report}/unassigned/{number}"
        g.add(report, MKG.unassigned, node)
        g.add(node, _RDF + "type", MKG.UnassignedText)
        g.add(node, MKG.reason, _lit(group.reason))
        if group.heading:
            g.add(node, MKG.underHeading, _lit(group.heading))
        g.add(node, MKG.blockCount, _lit(len(group.blocks), "nonNegativeInteger"))
        first = group.blocks[0] if group.blocks else None
        if first is not None:
            _anchor(g, node, first.start, group.blocks[-1].end, source_iri, text)


def _decimal(value: float) -> ox.Literal:
    # xsd:decimal printed the same way on every platform.
    return _lit(format(Decimal(repr(round(value, 3))).normalize(), "f"), "decimal")


def _anchor(g: _Graph, node: str, start: int, end: int, source_iri: str, text: str) -> None:
    anchor = f"{node}/anchor"
    g.add(node, MKG.anchor, anchor)
    g.add(anchor, _RDF + "type", OA.SpecificResource)
    g.add(anchor, OA.hasSource, source_iri)
    position, quote = f"{anchor}/position", f"{anchor}/quote"
    g.add(anchor, OA.hasSelector, position)
    g.add(anchor, OA.hasSelector, quote)
    g.add(position, _RDF + "type", OA.TextPositionSelector)
    g.add(position, OA.start, _lit(start, "nonNegativeInteger"))
    g.add(position, OA.end, _lit(end, "nonNegativeInteger"))
    g.add(quote, _RDF + "type", OA.TextQuoteSelector)
    g.add(quote, OA.exact, _lit(text[start:end]))
    g.add(quote, OA.prefix, _lit(text[max(0, start - _CONTEXT):start]))
    g.add(quote, OA.suffix, _lit(text[end:end + _CONTEXT]))


def _insight(
    g: _Graph, node: str, insight: Insight, section: str, source_iri: str, text: str
) -> None:
    g.add(node, _RDF + "type", MKG[_KIND_CLASS[insight.kind]])
    g.add(node, MKG.inSection, section)
    g.add(node, MKG.position, _lit(insight.position, "integer"))
    g.add(node, MKG.text, _lit(insight.text))
    g.add(node, _PROV + "wasDerivedFrom", source_iri)
    _anchor(g, node, insight.start, insight.end, source_iri, text)
    if insight.title:
        g.add(node, _DCT + "title", _lit(insight.title))
    if insight.category_label:
        g.add(node, MKG.categoryLabel, _lit(insight.category_label))
    if insight.category:
        g.add(node, MKG.category, challenge_category_iri(insight.category))
        g.add(node, MKG.categoryBasis, basis_iri("explicit"))
    if insight.category_evidence:
        g.add(node, MKG.categoryEvidence, _lit(insight.category_evidence))
    if insight.level:
        g.add(node, MKG.level, level_iri(insight.level))
        g.add(node, MKG.levelBasis, basis_iri(insight.level_basis or "inferred"))
    if insight.level_label:
        g.add(node, MKG.levelLabel, _lit(insight.level_label))
    if insight.level_evidence:
        g.add(node, MKG.levelEvidence, _lit(insight.level_evidence))
    if insight.kind == "quote":
        g.add(node, MKG.attribution, attribution_iri(insight.attribution or "anonymous"))
        if insight.speaker:
            g.add(node, MKG.speaker, _lit(insight.speaker))
        if insight.approved is not None:
            g.add(node, MKG.approved, _lit(str(insight.approved).lower(), "boolean"))
