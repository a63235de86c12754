"""The template segmenter on block streams written the many ways reports write them."""

from __future__ import annotations

import pytest

from migkg.loaders.extract.insights import extract_insights
from migkg.loaders.metadata import parse_session
from migkg.loaders.model import Block, Document
from migkg.loaders.segmenter import section_of_heading, segment


def doc(*blocks: Block) -> Document:
    return Document.build("test", "test", list(blocks))


def P(text: str, **kw) -> Block:  # noqa: N802 - reads like the block kind
    return Block("paragraph", text, **kw)


def H(text: str, level: int = 2) -> Block:  # noqa: N802
    return Block("heading", text, level=level)


def item(text: str, level: int = 0, **kw) -> Block:
    return Block("item", text, level=level, **kw)


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("1. Summary/Main discussion points", "summary"),
        ("SUMMARY / MAIN DISCUSSION POINTS", "summary"),
        ("Résumé / principaux points de discussion", "summary"),
        ("2) Challenges", "challenges"),
        ("Défis", "challenges"),
        ("Chalenges", "challenges"),
        ("3. Opportunities / good practices / innovations for the way forward", "practices"),
        ("Bonnes pratiques et opportunités", "practices"),
        ("IV. Relevance to the Global Compact for Migration and its follow-up", "gcm"),
        ("Pertinence pour le Pacte mondial sur les migrations", "gcm"),
        ("5. Contributions to the achievement of the Agenda 2030", "agenda2030"),
        ("Contribution à la réalisation du Programme 2030", "agenda2030"),
        ("6. Inspiring quotes:", "quotes"),
        ("Citations inspirantes", "quotes"),
    ],
)
def test_section_headings_in_many_forms(heading, key):
    assert section_of_heading(heading) == key


@pytest.mark.parametrize(
    "text",
    [
        "Africa Regional Review of the Implementation of the Global Compact for Migration",
        "Power of innovation:",
        "At national level:",
        "Reporting Template",
        "Name of Rapporteur:",
    ],
)
def test_titles_and_sub_headings_are_not_sections(text):
    assert section_of_heading(text) is None


def test_status_present_empty_missing_and_guidance_is_not_content():
    segmented = segment(doc(
        H("Summary"), P("Participants discussed labour mobility."),
        H("Challenges"), P("Please list the challenges here.", italic=True),
        H("Inspiring quotes"),
        P("If you like, please give one or two quotes that inspired you."),
    ))
    status = {k: s.status for k, s in segmented.sections.items()}
    assert status == {"summary": "present", "challenges": "empty", "practices": "missing",
                      "gcm": "missing", "agenda2030": "missing", "quotes": "empty"}


def test_no_section_at_all_is_detectable():
    assert not segment(doc(P("Minutes of a meeting about something else."))).found_any


def test_fields_from_labels_rows_and_joined_lines():
    segmented = segment(doc(
        Block("label", "Name of Rapporteur:", row=0), P("A. Person", row=0),
        P("Session: 3.2 Diaspora engagement Date: 4 May 2019"),
        H("Summary"), P("Text."),
    ))
    assert segmented.fields.rapporteur == "A. Person"
    assert segmented.fields.session == "3.2 Diaspora engagement"
    assert segmented.fields.date == "4 May 2019"


def test_empty_rapporteur_field_is_seen_as_present_but_empty():
    segmented = segment(doc(Block("label", "Rapporteur:", row=0), H("Summary"), P("Text.")))
    assert segmented.fields.rapporteur_label and segmented.fields.rapporteur is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2.1 South-South Mobility", ("2.1", "South-South Mobility")),
        ("Round Table 1 - GCM objectives 2, 5 and 6 (17 May 2022, morning)",
         ("1", "GCM objectives 2, 5 and 6")),
        ("Cluster 4 - Evidence-based policymaking (GCM objectives 1 and 17)",
         ("Cluster 4", "Evidence-based policymaking")),
        ("Table ronde 2 : Mobilité de la main-d'oeuvre", ("2", "Mobilité de la main-d'oeuvre")),
        ("Labour mobility in West Africa", (None, "Labour mobility in West Africa")),
    ],
)
def test_session_code_and_title(value, expected):
    assert parse_session(value)[:2] == expected


def test_challenges_take_their_parent_as_category_and_keep_wording():
    segmented = segment(doc(
        H("Challenges"), P("Key challenges identified were:"),
        item("Socio-economic reasons:"), item("Lack of decent jobs;", 1),
        item("Informal work dominates.", 1),
        item("Technical / capacity reasons:"), item("No reliable data.", 1),
    ))
    challenges = [i for i in extract_insights(segmented) if i.kind == "challenge"]
    assert [(c.text, c.category, c.category_label) for c in challenges] == [
        ("Lack of decent jobs;", "socio-economic", "Socio-economic reasons"),
        ("Informal work dominates.", "socio-economic", "Socio-economic reasons"),
        ("No reliable data.", "technical-capacity", "Technical / capacity reasons"),
    ]


def test_flat_challenges_have_no_category():
    segmented = segment(doc(H("Challenges"), item("Fees are high."), item("Skills unrecognised.")))
    assert [i.category for i in extract_insights(segmented) if i.kind == "challenge"] == [
        None, None]


def test_practices_levels_titles_and_offsets():
    segmented = segment(doc(
        H("Good practices"),
        P("At national level:"), item("National will to reform, as shown by Ghana.",
                                      bold_lead="National will"),
        P("Regional level:"), item("Corridor approach: agreed between two RECs."),
        P("Power of innovation:"), item("Telecom data for statistics."),
    ))
    practices = [i for i in extract_insights(segmented) if i.kind == "practice"]
    assert [(p.level, p.level_basis, p.title) for p in practices] == [
        ("national", "explicit", "National will"),
        ("regional", "explicit", "Corridor approach"),
        ("innovation", "explicit", None),
    ]
    text = segmented.document.text
    assert all(text[p.start:p.end] == p.text for p in practices)


def test_level_is_inferred_and_marked_when_report_gives_none():
    segmented = segment(doc(
        H("Good practices"),
        P("An online platform matches diaspora experts with hospitals at home."),
    ))
    (practice,) = [i for i in extract_insights(segmented) if i.kind == "practice"]
    assert (practice.level, practice.level_basis) == ("innovation", "inferred")


def test_quotes_attribution_before_after_and_approval():
    segmented = segment(doc(
        H("Inspiring quotes"),
        P("Anonymous (South-Asian country):"), P('"Mobility will keep growing with the south."'),
        Block("quote", "“Fair recruitment is simply good business for all of us.”"),
        Block("quote", "- Ms. Ana Example, employers' body (named with her approval)"),
        P("Mr. John Example, Ministry of Labour:"), P('"Agreements matter only when applied."'),
    ))
    quotes = [i for i in extract_insights(segmented) if i.kind == "quote"]
    assert [(q.attribution, q.speaker, q.approved) for q in quotes] == [
        ("anonymous", "South-Asian country", None),
        ("named", "Ms. Ana Example, employers' body", True),
        ("named", "Mr. John Example, Ministry of Labour", False),
    ]
    assert quotes[0].text == "Mobility will keep growing with the south."
