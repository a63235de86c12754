"""``migkg explain FILE``: how one file is read, in text and JSON, without any store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import run
from migkg.ontology import template

DATA = Path(__file__).parent / "data" / "reading"
MISC = DATA / "misc_remarks.md"
UNECE = "unece2020_regional_review_stakeholders.docx"


@pytest.fixture(autouse=True)
def no_store(tmp_path: Path, monkeypatch) -> Path:
    """MIGKG_STORE names a folder that does not exist; explain must leave it so."""
    location = tmp_path / "never-created"
    monkeypatch.setenv("MIGKG_STORE", str(location))
    monkeypatch.chdir(tmp_path)  # and no ./migkg-store either
    yield location
    assert not location.exists(), "explain created a store"
    assert not (tmp_path / "migkg-store").exists(), "explain created the default store"


def explain_json(path: Path) -> dict:
    result = run("explain", "--format", "json", str(path))
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_text_names_each_section_and_each_candidates_winner() -> None:
    result = run("explain", str(MISC))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    sections = out[out.index("\nSections:\n"):out.index("\nInsights:\n")]
    for key in template.section_keys():
        assert f"\n  {key} " in sections, key
    assert "under '2. Challenges', confidence 1.00" in sections
    candidates = out[out.index("Heading candidates"):out.index("\nSections:\n")]
    assert "[other] " in candidates and "'Miscellaneous remarks'" in candidates
    assert "[challenges] " in candidates and "'2. Challenges'" in candidates
    assert "[preamble] " in candidates
    for candidate in explain_json(MISC)["candidates"]:
        assert f"[{candidate['label']}] {candidate['confidence']:.2f}" in candidates
    assert "Outside any section:" in out
    assert out.rstrip().endswith("warning: 1 heading not recognised ('Miscellaneous remarks'); "
                                 "1 line outside any section")


def test_blocks_option_lists_where_each_block_ended() -> None:
    out = run("explain", "--blocks", str(MISC)).stdout
    assert "Blocks (kind, where it ended, text):" in out
    assert "unrecognised heading" in out and "unassigned" in out


def test_json_has_the_documented_keys() -> None:
    data = explain_json(MISC)
    assert {"file", "blocks", "candidates", "sections", "insights", "warnings"} <= set(data)
    assert data["file"] == str(MISC)
    assert data["is_report"] is True
    assert all({"index", "kind", "text", "ended_in"} <= set(b) for b in data["blocks"])
    labels = set(template.section_keys()) | {"sub", "other", "preamble"}
    for candidate in data["candidates"]:
        assert {"heading", "label", "confidence", "scores", "evidence"} <= set(candidate)
        assert candidate["label"] in labels or "+" in candidate["label"]
        assert set(template.section_keys()) <= set(candidate["scores"])
        assert set(candidate["scores"]) <= labels
        assert 0.0 <= candidate["confidence"] <= 1.0
    by_heading = {c["heading"]: c for c in data["candidates"]}
    assert by_heading["Miscellaneous remarks"]["label"] == "other"
    assert by_heading["2. Challenges"]["label"] == "challenges"
    assert [s["section"] for s in data["sections"]] == list(template.section_keys())
    challenges = data["sections"][1]
    assert challenges["status"] == "present" and challenges["heading"] == "2. Challenges"
    assert challenges["evidence"]
    assert data["unassigned"] == [{"heading": "Miscellaneous remarks", "blocks": 1,
                                   "reason": "heading not recognised: 'Miscellaneous remarks'"}]
    assert data["warnings"] == ["1 heading not recognised ('Miscellaneous remarks'); "
                                "1 line outside any section"]
    for insight in data["insights"]:
        assert {"kind", "level_reason", "category_reason"} <= set(insight)
    practices = [i for i in data["insights"] if i["kind"] == "practice"]
    assert practices and all(i["level_reason"] for i in practices)
    assert all(i["level_basis"] in ("explicit", "inferred") for i in practices)


def test_json_gives_category_and_level_reasons(tmp_path: Path) -> None:
    report = tmp_path / "grouped.md"
    report.write_text(
        "# A round table\n\n## Summary\n\nParticipants discussed recruitment.\n\n"
        "## Challenges\n\n### Economic factors\n\n- Lack of decent jobs at home.\n\n"
        "## Good practices\n\n### At national level\n\n"
        "- Ghana launched a programme for returning workers.\n",
        encoding="utf-8")
    insights = explain_json(report)["insights"]
    challenge = next(i for i in insights if i["kind"] == "challenge")
    practice = next(i for i in insights if i["kind"] == "practice")
    assert challenge["category_reason"] == "the group heading 'Economic factors'"
    assert (practice["level"], practice["level_basis"], practice["level_reason"]) == (
        "national", "explicit", "the sub-heading 'At national level'")


def test_a_file_that_is_no_report_exits_1_with_one_error_line(tmp_path: Path) -> None:
    notes = tmp_path / "garden.txt"
    notes.write_text("Minutes of the garden club.\nWe planted tomatoes.\n", encoding="utf-8")
    result = run("explain", str(notes))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {notes}: no template section found (is this a rapporteur report?)"]


def test_an_unreadable_file_exits_1_with_one_error_line(tmp_path: Path) -> None:
    picture = tmp_path / "photo.png"
    picture.write_bytes(b"\x89PNG\r\n")
    result = run("explain", str(picture))
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {picture}: ")


def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    result = run("explain", str(tmp_path / "nowhere.md"))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"error: {tmp_path / 'nowhere.md'}: no such file"]


def test_a_bad_format_is_a_usage_error() -> None:
    result = run("explain", "--format", "xml", str(MISC))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --format")


def test_what_works_becomes_practices_with_evidence(shared_corpus: Path) -> None:
    data = explain_json(shared_corpus / UNECE)
    works = [c for c in data["candidates"] if c["heading"].strip().lower() == "what works"]
    assert works, [c["heading"] for c in data["candidates"]]
    [candidate] = works
    assert candidate["label"] == "practices"
    assert any("wording 'what work'" in e for e in candidate["evidence"]), candidate["evidence"]
    practices = next(s for s in data["sections"] if s["section"] == "practices")
    assert practices["status"] == "present" and practices["heading"] == candidate["heading"]
    assert practices["evidence"]
    text = run("explain", str(shared_corpus / UNECE)).stdout
    assert "[practices]" in text and "'What works'" in text
