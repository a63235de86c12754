"""The template segmenter on block streams written the many ways reports write them."""

from __future__ import annotations

import pytest

from helpers import insights_of
from migkg.loaders.extract import annotate
from migkg.loaders.extract.insights import extract_insights
from migkg.loaders.metadata import parse_session
from migkg.loaders.model import Block, Document, Report
from migkg.loaders.segment import segment
from migkg.loaders.segment.sections import section_of_heading


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
    insights = extract_insights(segmented)
    (practice,) = [i for i in insights if i.kind == "practice"]
    # The insight stage leaves it to the 'levels' annotator, which reads the mentions.
    assert (practice.level, practice.level_basis) == (None, None)
    record = annotate(Report(segmented.document, "t.md", "md", "", segmented=segmented,
                             insights=insights))
    (level,) = record.of("levels", insights.index(practice))
    assert (level.code, level.basis) == ("innovation", "inferred")
    assert "online" in level.evidence[0]


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


# -- wordings and layouts beyond the example reports ----------------------------------------


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("Key discussion points", "summary"),
        ("Resumen", "summary"),
        ("Key issues and challenges", "challenges"),
        ("Desafíos", "challenges"),
        ("Ways forward", "practices"),
        ("Buenas prácticas", "practices"),
        ("GCM relevance", "gcm"),
        ("GCM objectives addressed", "gcm"),
        ("Pertinencia para el Pacto Mundial", "gcm"),
        ("Contribution au Programme de développement durable à l'horizon 2030 :", "agenda2030"),
        ("Contribución a la Agenda 2030", "agenda2030"),
        ("Citas inspiradoras", "quotes"),
    ],
)
def test_more_section_wordings(heading, key):
    assert section_of_heading(heading) == key


def test_a_session_line_naming_objectives_is_not_the_gcm_section():
    assert section_of_heading("Round Table 1 - GCM objectives 2, 5 and 6") is None


def test_bare_heading_lines_and_italic_quotes():
    segmented = segment(doc(
        P("Summary"), P("Participants discussed labour mobility."),
        P("Challenges"), item("Fees are high."),
        P("Inspiring quotes"),
        P("“Fair recruitment is simply good business for all of us.” – Anonymous",
          italic=True),
    ))
    assert {k: s.status for k, s in segmented.sections.items()} == {
        "summary": "present", "challenges": "present", "practices": "missing",
        "gcm": "missing", "agenda2030": "missing", "quotes": "present"}
    (quote,) = [i for i in extract_insights(segmented) if i.kind == "quote"]
    assert quote.text.startswith("Fair recruitment")


def test_a_titled_paragraph_is_not_taken_for_a_section_heading():
    segmented = segment(doc(
        H("Summary"),
        P("Good practices in Ghana. The ministry presented its new labour migration policy.",
          bold_lead="Good practices in Ghana."),
    ))
    assert segmented.sections["practices"].status == "missing"


def test_field_value_on_the_next_line_and_session_line_without_label():
    segmented = segment(doc(
        Block("heading", "Roundtable report: diaspora investment", level=1),
        P("Name of Rapporteur:"), P("A. Person"),
        P("Roundtable 1.2 – Rights of migrants", bold_lead="Roundtable 1.2 – Rights of migrants"),
        H("Summary"), P("Text."),
    ))
    assert segmented.fields.rapporteur == "A. Person"
    assert segmented.fields.session == "Roundtable 1.2 – Rights of migrants"


def test_fields_of_a_row_with_two_labels_and_of_a_joined_line():
    segmented = segment(doc(
        Block("label", "Rapporteur", row=0), P("A. Person", row=0), P("Date", row=0),
        P("12 June 2019", row=0),
        P("Reported by: B. Person Roundtable: 2.3 Diaspora skills"),
        H("Summary"), P("Text."),
    ))
    assert segmented.fields.rapporteur == "A. Person"
    assert segmented.fields.date == "12 June 2019"
    assert segmented.fields.session == "2.3 Diaspora skills"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Session 2 (Panel B): Skills recognition", ("2", "Skills recognition")),
        ("RT 1.1 – Migration data", ("1.1", "Migration data")),
        ("Roundtable 3.2: Migrant health", ("3.2", "Migrant health")),
        ("Mesa redonda 2.1 – Trabajadores migrantes", ("2.1", "Trabajadores migrantes")),
        ("Session II: Return and reintegration", ("II", "Return and reintegration")),
        ("Roundtable 1.1 report", ("1.1", None)),
        ("Immigration and the labour market", (None, "Immigration and the labour market")),
    ],
)
def test_more_session_forms(value, expected):
    assert parse_session(value)[:2] == expected


def _kind(segmented, kind):
    return [i for i in insights_of(segmented) if i.kind == kind]


def test_groups_on_the_level_of_their_members_and_in_leads():
    flat = segment(doc(
        H("Challenges"), item("Socio-economic reasons:"), item("Lack of decent jobs."),
        item("Technical / capacity reasons:"), item("No reliable data."),
    ))
    assert [(c.text, c.category) for c in _kind(flat, "challenge")] == [
        ("Lack of decent jobs.", "socio-economic"), ("No reliable data.", "technical-capacity")]
    leads = segment(doc(
        H("Challenges"),
        item("Economic: migrants rarely get bank loans.", bold_lead="Economic:"),
        item("Lack of data: few surveys count migrants.", bold_lead="Lack of data:"),
    ))
    assert [c.category for c in _kind(leads, "challenge")] == ["socio-economic", None]


def test_levels_from_leads_and_flat_level_lines():
    segmented = segment(doc(
        H("Good practices"),
        item("National: Germany's chambers run start-up counselling.", bold_lead="National:"),
        item("At regional level:"),
        item("Regional guidelines: the RCM adopted guidelines on protection."),
    ))
    assert [(p.level, p.level_basis, p.title) for p in _kind(segmented, "practice")] == [
        ("national", "explicit", None),
        ("regional", "explicit", "Regional guidelines"),
    ]


def test_inferred_levels_look_past_beneficiaries_and_name_new_tools():
    segmented = segment(doc(
        H("Good practices"),
        P("Colombia gave a ten-year permit to Venezuelan migrants, opening formal jobs."),
        P("Kenyan and Philippine participants described transfers into mobile wallets."),
    ))
    assert [p.level for p in _kind(segmented, "practice")] == ["national", "innovation"]


def test_quotes_in_the_forms_rapporteurs_use():
    segmented = segment(doc(
        H("Citations"),
        P("« Un travailleur qui part garde ses droits », a dit un délégué (anonyme). "
          "« La protection sociale unit la région entière. » – Mme A. Exemple (avec son accord)"),
        P("Quote: “A child on the move is a child first.” — Minister B. Example "
          "(approved for attribution)"),
        P("“We ask people to wait at the border for months."),
        P("Then we are surprised when they try another way.”"),
        P("— Anonymous, border official"),
        P("Mr. C. Example said: \"Labour mobility is a bridge between shores.\" "
          "(named with permission)"),
        P("Name withheld: \"We need data that people can trust.\""),
    ))
    quotes = _kind(segmented, "quote")
    assert [(q.attribution, q.speaker, q.approved) for q in quotes] == [
        ("anonymous", "un délégué", None),
        ("named", "Mme A. Exemple", True),
        ("named", "Minister B. Example", True),
        ("anonymous", "border official", None),
        ("named", "Mr. C. Example", True),
        ("anonymous", None, None),
    ]
    assert quotes[0].text == "Un travailleur qui part garde ses droits"
    assert quotes[3].text.startswith("We ask") and quotes[3].text.endswith("another way.")


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("12 de junio de 2019", "2019-06-12"),
        ("12-13 June 2019", "2019-06-12"),
        ("June 12, 2019", "2019-06-12"),
        ("05/17/2022", "2022-05-17"),  # day first is impossible, so month first
        ("17/05/2022", "2022-05-17"),
    ],
)
def test_dates(written, iso):
    from migkg.loaders.dates import parse_date

    assert parse_date(written).isoformat() == iso


def test_numeric_date_follows_the_month_the_header_states():
    from migkg.loaders.metadata import read_metadata

    segmented = segment(doc(
        Block("heading", "Regional review, June 2019", level=1), P("Date: 06/12/2019"),
        H("Summary"), P("Text."),
    ))
    assert read_metadata(segmented).date.isoformat() == "2019-06-12"


def test_quotes_without_quotation_marks():
    segmented = segment(doc(
        H("Inspiring quotes"),
        P("Migration is a reality to be governed, not a problem to be solved. – Anonymous, "
          "delegate"),
        P("Our workers are not a commodity to be traded between states.", italic=True),
        P("– Anonymous, trade unionist"),
        P("N/A"),
    ))
    assert [(q.text[:12], q.speaker) for q in _kind(segmented, "quote")] == [
        ("Migration is", "delegate"), ("Our workers ", "trade unionist")]


def test_placeholders_leave_a_section_empty():
    segmented = segment(doc(H("Agenda 2030"), P("Click or tap here to enter text."), P("N/A")))
    assert segmented.sections["agenda2030"].status == "empty"


def test_a_bold_title_line_and_its_description_are_one_practice():
    segmented = segment(doc(
        H("Good practices"),
        P("At national level:", italic=True),
        P("Diaspora bonds", bold_lead="Diaspora bonds"),
        P("Nigeria issued a bond sold to its citizens abroad to finance roads."),
        P("Global Skills Partnership:", bold_lead="Global Skills Partnership:"),
        P("Germany finances training in Kosovo for those who leave and those who stay."),
    ))
    practices = _kind(segmented, "practice")
    assert [(p.title, p.level, p.level_basis, p.text[:7]) for p in practices] == [
        ("Diaspora bonds", "national", "explicit", "Diaspor"),
        ("Global Skills Partnership:", "national", "explicit", "Global "),
    ]


@pytest.mark.parametrize(
    "text",
    ["Roundtable Summary Report", "Challenges of labour mobility – Roundtable 2.1",
     "Compte rendu de synthèse", "Summary record of session 3"],
)
def test_document_titles_are_not_sections(text):
    assert section_of_heading(text) is None


def test_a_title_saying_summary_leaves_the_header_fields_in_place():
    segmented = segment(doc(
        P("Summary Report"), P("Rapporteur: A. Person"), H("1. Summary"), P("Text."),
    ))
    assert segmented.fields.rapporteur == "A. Person"
    assert segmented.sections["summary"].heading_text == "1. Summary"


def test_session_named_inside_a_title_line():
    segmented = segment(doc(P("IMRF 2022 Round Table 4 - notes"), H("Summary"), P("Text.")))
    assert segmented.fields.session == "Round Table 4 - notes"
    assert parse_session(segmented.fields.session)[0] == "4"


def test_plain_text_item_broken_after_a_short_line_stays_one_item(tmp_path):
    from migkg.loaders.readers import read

    path = tmp_path / "r.txt"
    path.write_text(
        "Challenges:\n1. Data on returns is scattered across agencies and ministries here.\n"
        "2. Public narratives remain hostile\n   in several destination countries.\n",
        encoding="utf-8",
    )
    items = [b.text for b in read(path).blocks if b.kind == "item"]
    assert items[-1] == "Public narratives remain hostile in several destination countries."


def test_a_template_heading_typed_out_in_full_on_its_own_line():
    segmented = segment(doc(
        P("Summary"), P("Delegates compared seasonal schemes."),
        P("Relevance to the Global Compact for Migration and its follow-up and review"),
        P("The session served Objective 5."),
        P("Contributions to the achievement of the 2030 Agenda for Sustainable Development"),
        P("It supports SDG target 10.7."),
    ))
    present = {k for k, s in segmented.sections.items() if s.status == "present"}
    assert present == {"summary", "gcm", "agenda2030"}
    # a line of the same length holding a sentence is not a heading
    segmented = segment(doc(
        P("Summary"), P("Delegates compared seasonal schemes."),
        P("Relevance to the Global Compact. It was discussed at length by the delegates"),
    ))
    assert segmented.sections["gcm"].status == "missing"


def test_a_bold_level_label_then_a_bold_title(tmp_path):
    from migkg.loaders.readers import read

    path = tmp_path / "r.md"
    path.write_text(
        "## Good practices\n\n"
        "**At national level:** **Skills recognition.** Morocco recognises skills "
        "learnt abroad.\n\n"
        "**At regional level:** **Shared pension rules.** ECOWAS states pool entitlements.\n",
        encoding="utf-8",
    )
    practices = [i for i in insights_of(segment(read(path))) if i.kind == "practice"]
    assert [(p.level, p.title) for p in practices] == [
        ("national", "Skills recognition."), ("regional", "Shared pension rules.")]


def test_form_fields_on_consecutive_bold_label_lines_stay_apart(tmp_path):
    from migkg.loaders.readers import read

    path = tmp_path / "r.md"
    path.write_text("**Rapporteur:** Ana Diaz\n**Session:** Round table 2 - Remittances\n"
                    "**Date**: 3 May 2022\n\n## Summary\n\nText.\n", encoding="utf-8")
    document = read(path)
    assert [b.text for b in document.blocks][:3] == [
        "Rapporteur: Ana Diaz", "Session: Round table 2 - Remittances", "Date: 3 May 2022"]
    fields = segment(document).fields
    assert (fields.rapporteur, fields.date) == ("Ana Diaz", "3 May 2022")


def test_spreadsheet_cells_opening_in_lower_case_keep_their_label(tmp_path):
    from migkg.loaders.readers import read

    path = tmp_path / "sheet.txt"
    path.write_text('Field\tText\nSummary\t"The delegates met in Rabat.\nSecond line."\n'
                    'Challenges\t"high fees and few pathways"\n', encoding="utf-8")
    blocks = [(b.kind, b.text) for b in read(path).blocks]
    assert blocks[-2:] == [("label", "Challenges"), ("paragraph", "high fees and few pathways")]


@pytest.mark.parametrize(
    ("lead", "level"),
    [
        ("At national scale", "national"),
        ("At the global scale", "global"),
        ("À l'échelle nationale", "national"),  # the filler word inside a phrase is no filler
        ("À l'échelle mondiale", "global"),
        ("En el ámbito regional", "regional"),
        ("A escala mundial", "global"),
        ("Au niveau régional", "regional"),
    ],
)
def test_level_leads_with_level_and_scale_words(lead, level):
    from migkg.loaders.segment.groups import lead_level

    assert lead_level(lead)[0] == level


def test_hard_wrapped_header_lines_the_next_word_would_have_fitted_stay_apart(tmp_path):
    from migkg.loaders.readers import read

    body = ("Participants from countries of origin, transit and destination took stock of\n"
            "the situation and compared the schemes their governments run at present.\n") * 6
    path = tmp_path / "r.txt"
    path.write_text(
        "Second International Migration Review Forum\n"
        "Mesa 6 - Cambio climático y movilidad humana\n"
        "Relatora: Ana Diaz\n\nSummary\n\n" + body, encoding="utf-8")
    document = read(path)
    texts = [b.text for b in document.blocks]
    assert texts[:2] == ["Second International Migration Review Forum",
                         "Mesa 6 - Cambio climático y movilidad humana"]
    assert segment(document).fields.session == "Mesa 6 - Cambio climático y movilidad humana"
    # the wrapped prose itself is still one paragraph
    assert texts[-1].startswith("Participants") and texts[-1].count("Participants") == 6


@pytest.mark.parametrize(
    ("line", "opens"),
    [("Mesa 6 - Cambio climático", True), ("Session 4: Access to services", True),
     ("Round table 2.1 – Skills", True), ("Mesa redonda 2: Retorno", True),
     ("Session 4 of the forum was short", False), ("Sessions were held online", False),
     ("Session 4. The delegates met", False)],
)
def test_a_session_named_at_the_start_of_a_line(line, opens):
    from migkg.loaders.session_line import opens_with_session

    assert opens_with_session(line) is opens


def test_a_section_moved_out_of_the_template_order_is_read_and_attributions_are_no_headings():
    segmented = segment(doc(
        H("Summary", 1), P("Delegates compared seasonal schemes."),
        H("Voices from the room", 1), Block("quote", "“Rules make migrants irregular.”"),
        P("— Anonymous (civil society organisation)"),
        Block("quote", "“Data must be shared.”"), P("— Anonymous (national institution)"),
        H("Challenges", 1), item("Fees remain high."),
        H("Good practices", 1), item("Ghana opened a one-stop centre."),
        H("Relevance to the Global Compact", 1), P("The session served Objective 5."),
        H("SDG relevance", 1), P("It supports SDG target 10.7."),
    ))
    assert {k: s.status for k, s in segmented.sections.items()} == dict.fromkeys(
        ("summary", "challenges", "practices", "gcm", "agenda2030", "quotes"), "present")
    assert not segmented.reading.unrecognised_headings and not segmented.warnings()


def test_a_quotes_section_right_after_the_summary_is_read():
    segmented = segment(doc(
        H("Summary", 1), P("Delegates compared seasonal schemes."),
        H("Voices from the room", 1), Block("quote", "“Rules make migrants irregular.”"),
        H("Challenges", 1), item("Fees remain high."),
        H("Good practices", 1), item("Ghana opened a one-stop centre."),
        H("Relevance to the Global Compact", 1), P("The session served Objective 5."),
        H("SDG relevance", 1), P("It supports SDG target 10.7."),
    ))
    assert segmented.sections["quotes"].status == "present"
