"""The report's own nodes: provenance, metadata, sections and insights.

Follows docs/data-model.md. Every IRI comes from ``migkg.ontology.iris``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from migkg.ontology import iris, template

from .graph import DCT, MKG, OA, PROV, RDF_TYPE, RDFS_LABEL, SCHEMA, Graph, literal

if TYPE_CHECKING:
    from ..extract.insights import Insight
    from ..metadata import Metadata
    from ..segment.reading import Segmented

KIND_CLASS = {
    "summary": "SummaryPoint",
    "challenge": "Challenge",
    "practice": "Practice",
    "quote": "Quote",
    "statement": "Insight",
}
_CONTEXT = 32  # characters of prefix/suffix kept in a TextQuoteSelector


def provenance(g: Graph, report: str, *, name: str, fmt: str, sha256: str, text: str,
               language: str, version: str, ended_at: str) -> str:
    """The report node, its source document, the ingest and the loader; gives the source."""
    source = iris.source_iri(report)  # one per report: equal bytes are still two documents
    activity = iris.ingest_iri(report)
    agent = iris.agent_iri(version)
    g.add(report, RDF_TYPE, MKG.Report)
    g.add(report, DCT + "language", literal(language))
    g.add(report, PROV + "wasDerivedFrom", source)
    g.add(report, PROV + "wasGeneratedBy", activity)
    g.add(source, RDF_TYPE, MKG.SourceDocument)
    g.add(source, SCHEMA.name, literal(name))
    g.add(source, DCT + "format", literal(fmt))
    g.add(source, MKG.sha256, literal(sha256))
    g.add(source, MKG.normalisedText, literal(text))
    g.add(activity, RDF_TYPE, PROV + "Activity")
    g.add(activity, PROV + "used", source)
    g.add(activity, PROV + "wasAssociatedWith", agent)
    g.add(activity, PROV + "endedAtTime", literal(ended_at, "dateTime"))
    g.add_shared(agent, RDF_TYPE, PROV + "SoftwareAgent")
    g.add_shared(agent, RDFS_LABEL, literal(f"migkg loader {version}"))
    g.add_shared(agent, SCHEMA.softwareVersion, literal(version))
    return source


def metadata(g: Graph, report: str, meta: Metadata) -> None:
    """Rapporteur, date, title, and the session and event the report is about."""
    if meta.rapporteur:
        person = iris.person_iri(meta.rapporteur)
        g.add(report, MKG.rapporteur, person)
        g.add_shared(person, RDF_TYPE, PROV + "Person")
        g.add_shared(person, SCHEMA.name, literal(meta.rapporteur))
    if meta.rapporteur_label:
        g.add(report, MKG.rapporteurLabelPresent, literal("true", "boolean"))
    if meta.date:
        g.add(report, DCT + "date", literal(meta.date.isoformat(), "date"))
    if meta.session_title:
        g.add(report, DCT + "title", literal(meta.session_title))
    event = None
    if meta.event:
        info = meta.event
        event = info.known_iri or iris.event_iri(info.key)
        if not info.known_iri:  # a catalogue event is described in its vocabulary graph
            # Only what the IRI already encodes, so every report says the same thing.
            g.add_shared(event, RDF_TYPE, MKG.Event)
            g.add_shared(event, RDFS_LABEL, literal(info.label))
            if info.series:
                g.add_shared(event, MKG.series, literal(info.series))
    if meta.session_code or meta.session_title:
        scope = meta.event.key if meta.event else iris.slug(report.rsplit("/", 1)[-1])
        session = iris.session_iri(scope, meta.session_code or meta.session_title or "")
        g.add(report, MKG.aboutSession, session)
        g.add_shared(session, RDF_TYPE, MKG.Session)
        if meta.session_code:
            g.add_shared(session, DCT + "identifier", literal(meta.session_code))
        if event:
            g.add_shared(session, SCHEMA.superEvent, event)
        # Title and date are this report's account of the session.
        if meta.session_title:
            g.add(session, DCT + "title", literal(meta.session_title))
        if meta.date:
            g.add(session, SCHEMA.startDate, literal(meta.date.isoformat(), "date"))
    elif event:
        g.add(report, MKG.aboutEvent, event)


def sections(g: Graph, report: str, segmented: Segmented, keys: tuple[str, ...]
             ) -> dict[str, str]:
    """The six sections (``keys`` in template order); gives section key -> node."""
    nodes = {}
    for order, key in enumerate(keys, start=1):
        section = segmented.sections[key]
        node = iris.report_section_iri(report, key)
        nodes[key] = node
        g.add(report, MKG.hasSection, node)
        g.add(node, RDF_TYPE, MKG.Section)
        g.add(node, RDF_TYPE, template.section(key).class_iri)
        g.add(node, DCT + "isPartOf", report)
        g.add(node, MKG.sectionType, iris.section_iri(key))
        g.add(node, MKG.position, literal(order, "integer"))
        g.add(node, MKG.status, iris.status_iri(section.status))
        if section.heading_text:
            g.add(node, MKG.heading, literal(section.heading_text))
        if section.blocks:
            g.add(node, MKG.text, literal("\n".join(b.text for b in section.blocks)))
    return nodes


def reading(g: Graph, report: str, nodes: dict[str, str], segmented: Segmented,
            source: str) -> None:
    """How the report was read: per section the confidence and evidence of its heading's
    assignment; the text left outside any section, each stretch anchored in the source."""
    for key, found in segmented.reading.sections.items():
        node = nodes[key]
        g.add(node, MKG.readingConfidence, literal(_decimal(found.confidence), "decimal"))
        if found.evidence:
            # One literal, the reasons in the order they were weighed.
            g.add(node, MKG.readingEvidence, literal("; ".join(found.evidence)))
    text = segmented.document.text
    for number, group in enumerate(segmented.reading.unassigned, start=1):
        node = iris.unassigned_iri(report, number)
        g.add(report, MKG.unassigned, node)
        g.add(node, RDF_TYPE, MKG.UnassignedText)
        g.add(node, MKG.reason, literal(group.reason))
        if group.heading:
            g.add(node, MKG.underHeading, literal(group.heading))
        g.add(node, MKG.blockCount, literal(len(group.blocks), "nonNegativeInteger"))
        if group.blocks:
            _anchor(g, node, group.blocks[0].start, group.blocks[-1].end, source, text)


def _decimal(value: float) -> str:
    # xsd:decimal printed the same way on every platform.
    return format(Decimal(repr(round(value, 3))).normalize(), "f")


def _anchor(g: Graph, node: str, start: int, end: int, source: str, text: str) -> None:
    """An insight's anchor: position and quote selectors (``oa:exact`` on the selector)."""
    anchor = iris.anchor_iri(node)
    g.add(node, MKG.anchor, anchor)
    g.add(anchor, RDF_TYPE, OA.SpecificResource)
    g.add(anchor, OA.hasSource, source)
    position, quote = iris.position_selector_iri(anchor), iris.quote_selector_iri(anchor)
    g.add(anchor, OA.hasSelector, position)
    g.add(anchor, OA.hasSelector, quote)
    g.add(position, RDF_TYPE, OA.TextPositionSelector)
    g.add(position, OA.start, literal(start, "nonNegativeInteger"))
    g.add(position, OA.end, literal(end, "nonNegativeInteger"))
    g.add(quote, RDF_TYPE, OA.TextQuoteSelector)
    g.add(quote, OA.exact, literal(text[start:end]))
    g.add(quote, OA.prefix, literal(text[max(0, start - _CONTEXT):start]))
    g.add(quote, OA.suffix, literal(text[end:end + _CONTEXT]))


def insight(g: Graph, node: str, insight: Insight, section: str, source: str, text: str,
            level: tuple[str, str, str] | None = None) -> None:
    """One insight: class, section, position, text, anchor and what the stage read.

    ``level`` is (level, basis, evidence) from the ``levels`` annotator, for a practice the insight
    stage left without one.
    """
    g.add(node, RDF_TYPE, MKG[KIND_CLASS[insight.kind]])
    g.add(node, MKG.inSection, section)
    g.add(node, MKG.position, literal(insight.position, "integer"))
    g.add(node, MKG.text, literal(insight.text))
    g.add(node, PROV + "wasDerivedFrom", source)
    _anchor(g, node, insight.start, insight.end, source, text)
    if insight.title:
        g.add(node, DCT + "title", literal(insight.title))
    if insight.category_label:
        g.add(node, MKG.categoryLabel, literal(insight.category_label))
    if insight.category:
        g.add(node, MKG.category, iris.challenge_category_iri(insight.category))
        g.add(node, MKG.categoryBasis, iris.basis_iri("explicit"))
    if insight.category_evidence:
        g.add(node, MKG.categoryEvidence, literal(insight.category_evidence))
    if insight.level:
        g.add(node, MKG.level, iris.level_iri(insight.level))
        g.add(node, MKG.levelBasis, iris.basis_iri(insight.level_basis or "inferred"))
        if insight.level_evidence:
            g.add(node, MKG.levelEvidence, literal(insight.level_evidence))
    elif level:
        g.add(node, MKG.level, iris.level_iri(level[0]))
        g.add(node, MKG.levelBasis, iris.basis_iri(level[1]))
        g.add(node, MKG.levelEvidence, literal(f"inferred: {level[2]}"))
    if insight.level_label:
        g.add(node, MKG.levelLabel, literal(insight.level_label))
    if insight.kind == "quote":
        g.add(node, MKG.attribution, iris.attribution_iri(insight.attribution or "anonymous"))
        if insight.speaker:
            g.add(node, MKG.speaker, literal(insight.speaker))
        if insight.approved is not None:
            g.add(node, MKG.approved, literal(str(insight.approved).lower(), "boolean"))
