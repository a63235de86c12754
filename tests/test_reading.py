"""The reading stage: the report template, sections by evidence, leave-one-out evaluation.

Documents are built block by block (loaders/model.py), so each test says exactly what the
reader would have produced.
"""

from __future__ import annotations

import doctest
import json
import time

import pytest

import migkg.ontology.template
from helpers import EXAMPLES, run
from migkg.loaders.extract.insights import extract_insights
from migkg.loaders.model import Block, Document
from migkg.loaders.segment import lexicon, segment
from migkg.loaders.segment import sections as sections_module
from migkg.loaders.segment.sections import section_of_heading
from migkg.ontology import template

UNECE = "unece2020_regional_review_stakeholders.docx"


def doc(*blocks: Block) -> Document:
    return Document.build("test", "test", list(blocks))


def H(text: str, level: int = 2) -> Block:  # noqa: N802 - reads like the block kind
    return Block("heading", text, level=level)


def P(text: str) -> Block:  # noqa: N802
    return Block("paragraph", text)


def item(text: str) -> Block:
    return Block("item", text)


SUMMARY = [H("Summary"), P("Participants discussed how labour mobility schemes could be "
                           "widened, and the session took stock of progress.")]
PROBLEMS = [P("There is a lack of reliable data on returning workers and recognition "
              "barriers remain."), P("Limited access to services hampers integration.")]
REMEDIES = [P("Ghana launched a pilot programme that helped returnees find jobs."),
            P("A regional platform was established to support skills partnerships.")]
QUOTES = [P("“We need to listen to migrants before we design anything for them.”"),
          P("– Anonymous, civil society")]


def headings(segmented) -> dict[str, str]:
    return {k: s.heading_text for k, s in segmented.sections.items() if s.heading is not None}


# --------------------------------------------------------------------------- template


def test_template_has_six_sections_in_order() -> None:
    found = template.sections()
    assert [s.key for s in found] == ["summary", "challenges", "practices", "gcm",
                                      "agenda2030", "quotes"]
    assert [s.number for s in found] == [1, 2, 3, 4, 5, 6]
    assert template.section_keys() == tuple(s.key for s in found)
    classes = [s.class_iri.rsplit("#", 1)[1] for s in found]
    assert classes == ["SummarySection", "ChallengesSection", "PracticesSection",
                       "GcmSection", "Agenda2030Section", "QuotesSection"]
    for s in found:
        assert s.class_iri.startswith("https://w3id.org/migkg/ontology#")
        assert s.iri == f"https://w3id.org/migkg/vocab/section/{s.key}"
        assert s.title and s.definition
        assert template.section(s.key) is s


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_every_section_has_labels_in_each_language(lang: str) -> None:
    for s in template.sections():
        assert s.labels_in(lang), f"{s.key} has no {lang} label"
    assert "Résumé" in template.section("summary").labels_in("fr")
    assert "Desafíos" in template.section("challenges").labels_in("es")


def test_unknown_section_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        template.section("conclusions")


def test_template_doctest_runs() -> None:
    result = doctest.testmod(migkg.ontology.template)
    assert result.attempted >= 2
    assert result.failed == 0


# --------------------------------------------------------------------------- sections by evidence


def test_free_form_headings_are_read_by_their_wording() -> None:
    segmented = segment(doc(H("Roundtable 2.1 report", 1), *SUMMARY,
                            H("What stood in the way"), *PROBLEMS, H("What works"), *REMEDIES,
                            H("Voices from the room"), *QUOTES))
    assert headings(segmented) == {"summary": "Summary", "challenges": "What stood in the way",
                                   "practices": "What works", "quotes": "Voices from the room"}
    assert segmented.reading.sections["practices"].confidence >= 0.6
    assert segmented.warnings() == []


def test_a_heading_without_wording_cues_is_read_by_its_content() -> None:
    assert section_of_heading("Looking closer") is None
    segmented = segment(doc(H("Roundtable 2.1 report", 1), *SUMMARY, H("Looking closer"),
                            *PROBLEMS, H("Good practices"), *REMEDIES))
    assert headings(segmented)["challenges"] == "Looking closer"
    evidence = segmented.reading.sections["challenges"].evidence
    assert any(e.startswith("content: ") and "problem words" in e for e in evidence), evidence
    assert len(segmented.sections["challenges"].blocks) == 2


def test_a_numbered_heading_with_odd_wording_is_read_by_its_template_number() -> None:
    odd = "4. Relevance to our work in the Compact era"
    segmented = segment(doc(*SUMMARY, H("2. Challenges"), *PROBLEMS, H("3. Good practices"),
                            *REMEDIES, H(odd),
                            P("The discussion relates to Objective 5 and Objective 18.")))
    assert headings(segmented)["gcm"] == odd
    evidence = segmented.reading.sections["gcm"].evidence
    assert "numbered 4, as section 4 of the template" in evidence


def test_a_merged_heading_yields_both_sections() -> None:
    segmented = segment(doc(*SUMMARY, H("Challenges and good practices"),
                            item("Lack of data remains a barrier."),
                            item("Ghana launched a pilot programme.")))
    both = segmented.sections["challenges"], segmented.sections["practices"]
    assert [s.heading_text for s in both] == ["Challenges and good practices"] * 2
    assert segmented.reading.sections["challenges"].merged_with == ("practices",)
    assert [b.text for b in both[0].blocks] == ["Lack of data remains a barrier."]
    assert [b.text for b in both[1].blocks] == ["Ghana launched a pilot programme."]


def test_a_merged_heading_yields_both_sections_whatever_its_content() -> None:
    segmented = segment(doc(*SUMMARY, H("Challenges and good practices"), *PROBLEMS,
                            *REMEDIES))
    assert segmented.sections["challenges"].heading_text == "Challenges and good practices"
    assert segmented.sections["practices"].heading_text == "Challenges and good practices"


def test_sections_in_another_order_are_all_found() -> None:
    segmented = segment(doc(*SUMMARY, H("Good practices"), *REMEDIES, H("Challenges"),
                            *PROBLEMS))
    assert headings(segmented) == {"summary": "Summary", "challenges": "Challenges",
                                   "practices": "Good practices"}
    assert segmented.sections["challenges"].blocks[0].text.startswith("There is a lack")
    assert segmented.sections["practices"].blocks[0].text.startswith("Ghana launched")


def test_an_extra_heading_is_other_and_its_text_unassigned() -> None:
    remark = P("The venue was pleasant and lunch was served at noon.")
    segmented = segment(doc(*SUMMARY, H("Challenges"), *PROBLEMS,
                            H("Miscellaneous remarks"), remark, H("Good practices"),
                            *REMEDIES))
    labels = {c.text: c.label for c in segmented.reading.candidates}
    assert labels["Miscellaneous remarks"] == "other"
    [group] = segmented.reading.unassigned
    assert group.heading == "Miscellaneous remarks"
    assert [b.text for b in group.blocks] == [remark.text]
    assert all(remark.text not in [b.text for b in s.blocks]
               for s in segmented.sections.values())
    assert segmented.warnings() == [
        "1 heading not recognised ('Miscellaneous remarks'); 1 line outside any section"]


def test_level_sub_headings_give_explicit_practice_levels() -> None:
    segmented = segment(doc(
        *SUMMARY, H("Good practices"),
        H("In countries", 3), P("Ghana launched a pilot programme that helped returnees."),
        H("Across the region", 3), P("A regional platform was established for skills."),
        H("New approaches", 3), P("A mobile app offers migrants digital pay slips."),
    ))
    practices = [i for i in extract_insights(segmented) if i.kind == "practice"]
    assert [(p.level, p.level_basis, p.level_evidence) for p in practices] == [
        ("national", "explicit", "the sub-heading 'In countries'"),
        ("regional", "explicit", "the sub-heading 'Across the region'"),
        ("innovation", "explicit", "the sub-heading 'New approaches'"),
    ]
    labels = {c.text: c.label for c in segmented.reading.candidates}
    assert labels["In countries"] == labels["New approaches"] == "sub"


def test_challenge_group_headings_give_categories_with_their_evidence() -> None:
    segmented = segment(doc(*SUMMARY, H("Challenges"),
                            H("Economic factors", 3), item("Lack of decent jobs at home."),
                            H("Rights and protection", 3),
                            item("Limited access to justice for workers.")))
    challenges = [i for i in extract_insights(segmented) if i.kind == "challenge"]
    assert [(c.category, c.category_evidence) for c in challenges] == [
        ("socio-economic", "the group heading 'Economic factors'"),
        ("protection-rights", "the group heading 'Rights and protection'"),
    ]


def test_leaving_out_an_origin_drops_its_entries_inside_the_block_only() -> None:
    origins = {p.origin for p in lexicon.heading_phrases()}
    assert UNECE in origins
    assert section_of_heading("What works") == "practices"
    with lexicon.leaving_out(frozenset({UNECE})):
        assert section_of_heading("What works") is None
        assert section_of_heading("Good practices") == "practices"  # other origins stay
        segmented = segment(doc(*SUMMARY, H("What stood in the way"), *PROBLEMS))
        assert not any("(en, " + UNECE in e for c in segmented.reading.candidates
                       for notes in c.evidence.values() for e in notes)
    assert section_of_heading("What works") == "practices"
    with lexicon.leaving_out(frozenset({"somebody_else.docx"})):
        assert section_of_heading("What works") == "practices"


def test_candidates_beyond_the_budget_are_cut_with_a_note(monkeypatch) -> None:
    monkeypatch.setattr(sections_module, "MAX_CANDIDATES", 20)
    lines = [P(f"Lack of data {i}") for i in range(40)]
    segmented = segment(doc(H("Summary", 1), P("Participants discussed."),
                            H("Challenges", 1), *PROBLEMS, *lines,
                            H("Good practices", 1), *REMEDIES))
    candidates = segmented.reading.candidates
    assert len(candidates) == 20
    assert segmented.reading.notes == [
        "43 heading candidates; only the 20 most strongly marked were considered"]
    # The strongly marked headings are the ones kept, the last one too.
    assert {"Summary", "Challenges", "Good practices"} <= {c.text for c in candidates}
    assert headings(segmented) == {"summary": "Summary", "challenges": "Challenges",
                                   "practices": "Good practices"}


def test_the_shipped_budget_is_the_one_the_reading_uses() -> None:
    from migkg.loaders.segment.assign import MAX_CANDIDATES

    assert sections_module.MAX_CANDIDATES == MAX_CANDIDATES == 400


@pytest.mark.slow
def test_a_document_of_twenty_thousand_short_lines_reads_in_bounded_time() -> None:
    lines = [P(f"Lack of data {i}") for i in range(20_000)]
    started = time.perf_counter()
    segmented = segment(doc(H("Summary", 1), P("Participants discussed."),
                            H("Challenges", 1), *PROBLEMS, *lines,
                            H("Good practices", 1), *REMEDIES))
    elapsed = time.perf_counter() - started
    assert elapsed < 30, f"{elapsed:.1f} s"
    assert len(segmented.reading.candidates) == 400
    assert segmented.reading.notes
    assert headings(segmented) == {"summary": "Summary", "challenges": "Challenges",
                                   "practices": "Good practices"}


def test_short_lines_under_the_first_heading_do_not_hide_it() -> None:
    lines = [P(f"Short line {i}") for i in range(6)]
    segmented = segment(doc(H("Summary", 1), P("Participants discussed."), *lines,
                            H("Challenges", 1), *PROBLEMS))
    assert headings(segmented) == {"summary": "Summary", "challenges": "Challenges"}


# --------------------------------------------------------------------------- leave-one-out


def _overall(result) -> dict:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_evaluate_leave_one_out_needs_no_store(tmp_path, monkeypatch) -> None:
    nowhere = tmp_path / "no-store"
    monkeypatch.setenv("MIGKG_STORE", str(nowhere))
    data = _overall(run("evaluate", "--leave-one-out", "--format", "json",
                        str(EXAMPLES / "gold")))
    assert not nowhere.exists()
    golds = list((EXAMPLES / "gold").glob("*.gold.json"))
    assert len(data["reports"]) == len(golds)
    assert data["not_in_store"] == []
    for name in ("sections", "challenges", "practices"):
        score = data["overall"][name]
        assert 0.0 <= score["f1"] <= 1.0 and score["expected"] > 0, name
    table = run("evaluate", "--leave-one-out", str(EXAMPLES / "gold"))
    assert table.exit_code == 0 and "practices" in table.stdout


def test_leave_one_out_scores_the_unece_report_without_its_own_entries(shared_corpus,
                                                                       tmp_path) -> None:
    import shutil

    from migkg import evaluate
    from migkg.ingest import ingest
    from migkg.store import open_store

    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    stem = UNECE.rsplit(".", 1)[0]
    shutil.copy(shared_corpus / UNECE, tmp_path / UNECE)
    shutil.copy(shared_corpus / f"{stem}.gold.json", gold_dir)
    loo, failed = evaluate.leave_one_out(gold_dir, tmp_path)
    assert failed == []
    store = open_store(str(tmp_path / "in-sample"))
    ingest(store, [tmp_path / UNECE], workers=1)
    try:
        inside = evaluate.evaluate(store, gold_dir)
    finally:
        store.close()
    [left_out], [in_sample] = loo.reports, inside.reports
    practices_loo = left_out.fields["practices"]
    practices_in = in_sample.fields["practices"]
    assert practices_loo.f1 <= practices_in.f1
    # Something really was left out: the report reads differently without its entries.
    differs = {name for name in left_out.fields
               if left_out.fields[name].as_dict() != in_sample.fields[name].as_dict()}
    assert differs, "leave-one-out scored the report exactly as in-sample"
