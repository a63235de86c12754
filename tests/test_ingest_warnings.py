"""How a report was read, as the user hears it: ingest warnings and --strict, the `reading`
named query, and validate's findings on headings it could not place or placed weakly.

The fixtures are in tests/data/reading/: a complete report with an extra heading
'Miscellaneous remarks' and one whose practices heading ('Further points') is placed only by
order and content, with low confidence.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers import rows, run
from migkg.store import open_store

DATA = Path(__file__).parent / "data" / "reading"
MISC = DATA / "misc_remarks.md"
WEAK = DATA / "weak_heading.md"
MISC_HEADING = "## Miscellaneous remarks\n\n"
MISC_TEXT = "The venue changed twice before the meeting and lunch was served late.\n\n"
AGENDA = ("## 5. Contributions to the achievement of the 2030 Agenda\n\nThe practices contribute "
          "to SDG target 10.7 on orderly migration and target 8.8 on labour rights.\n\n")
WARNING = ("1 heading not recognised ('Miscellaneous remarks'); 1 line outside any section")


def without_misc(text: str) -> str:
    out = text.replace(MISC_HEADING + MISC_TEXT, "")
    assert out != text
    return out


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def sources(store: Path) -> list[str]:
    return sorted(r["source"] for r in rows(run("query", "reports", "-f", "csv", store=store)))


def export(store: Path) -> str:
    result = run("export", "-f", "nquads", store=store)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def empty_store(location: Path) -> Path:
    store = open_store(str(location))
    store.ensure_vocabularies()
    store.close()
    return location


# --------------------------------------------------------------------------- ingest


def test_an_extra_heading_loads_with_one_warning_line(tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = run("ingest", str(MISC), store=store)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [f"warning: {MISC}: {WARNING}"]
    assert sources(store) == ["misc_remarks.md"]
    assert f"loaded {MISC} -> " in result.stdout


def test_quiet_still_prints_the_warning(tmp_path: Path) -> None:
    result = run("ingest", "--quiet", str(MISC), store=tmp_path / "store")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"warning: {MISC}: {WARNING}"]


def test_a_report_read_cleanly_loads_without_warning(tmp_path: Path) -> None:
    clean = write(tmp_path, "clean.md", without_misc(MISC.read_text(encoding="utf-8")))
    result = run("ingest", str(clean), store=tmp_path / "store")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""


def test_strict_fails_the_file_and_stores_nothing_for_it(tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = run("ingest", "--strict", str(MISC), store=store)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {MISC}: --strict: {WARNING}"]
    assert sources(store) == []


def test_strict_keeps_the_earlier_version_of_the_file(tmp_path: Path) -> None:
    store = tmp_path / "store"
    report = write(tmp_path, "misc_remarks.md", without_misc(MISC.read_text(encoding="utf-8")))
    assert run("ingest", str(report), store=store).exit_code == 0
    before = export(store)
    shutil.copy(MISC, report)  # the new version has a heading the loader cannot place
    result = run("ingest", "--strict", str(report), store=store)
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"error: {report}: --strict: ")
    assert export(store) == before
    # Without --strict the new version replaces the old one.
    assert run("ingest", str(report), store=store).exit_code == 0
    assert export(store) != before


def test_strict_still_loads_the_other_files_of_the_batch(tmp_path: Path) -> None:
    store = tmp_path / "store"
    clean = write(tmp_path, "clean.md", without_misc(MISC.read_text(encoding="utf-8")))
    result = run("ingest", "--strict", str(MISC), str(clean), store=store)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {MISC}: --strict: {WARNING}"]
    assert sources(store) == ["clean.md"]
    assert "1 loaded, 1 failed" in result.stdout


# --------------------------------------------------------------------------- reading query


@pytest.fixture(scope="module")
def misc_store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("misc") / "store"
    assert run("ingest", str(MISC), str(WEAK), store=store).exit_code == 0
    return store


def test_reading_query_has_a_row_per_section_and_per_unplaced_heading(misc_store) -> None:
    found = [r for r in rows(run("query", "reading", "-f", "csv", store=misc_store))
             if r["source"] == "misc_remarks.md"]
    sections = [r for r in found if r["status"] != "unassigned"]
    assert [r["section"] for r in sections] == ["summary", "challenges", "practices", "gcm",
                                                "agenda2030", "quotes"]
    assert sections[1]["heading"] == "2. Challenges"
    for row in sections:
        assert row["status"] == "present"
        assert row["heading"]
        assert 0.0 <= float(row["confidence"]) <= 1.0
        assert row["evidence"]
    assert "numbered 2, as section 2 of the template" in sections[1]["evidence"]
    [unplaced] = [r for r in found if r["status"] == "unassigned"]
    assert unplaced["section"] == ""
    assert unplaced["heading"] == "Miscellaneous remarks"
    assert "Miscellaneous remarks" in unplaced["evidence"]
    assert unplaced["confidence"] == ""


def test_reading_query_shows_a_weak_placement(misc_store) -> None:
    found = [r for r in rows(run("query", "reading", "-f", "csv", store=misc_store))
             if r["source"] == "weak_heading.md"]
    practices = next(r for r in found if r["section"] == "practices")
    assert practices["heading"] == "Further points"
    assert float(practices["confidence"]) < 0.6
    assert not any(r["status"] == "unassigned" for r in found)


def test_reading_query_on_an_empty_store_gives_the_header_only(tmp_path: Path) -> None:
    store = empty_store(tmp_path / "store")
    result = run("query", "reading", "-f", "csv", store=store)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "report,source,section,status,heading,confidence,evidence"]


# --------------------------------------------------------------------------- validate


def findings(store: Path, source: str) -> list[dict]:
    result = run("validate", "--format", "json", "--report", source, store=store)
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)["results"]


def shape(finding: dict) -> str:
    return finding["shape"].rsplit("#", 1)[1]


@pytest.fixture(scope="module")
def gap_store(tmp_path_factory) -> Path:
    """Two reports without section 5: one with the unplaced heading, one without."""
    folder = tmp_path_factory.mktemp("gap")
    text = MISC.read_text(encoding="utf-8")
    assert AGENDA in text
    write(folder, "unplaced.md", text.replace(AGENDA, ""))
    write(folder, "plain_gap.md", without_misc(text).replace(AGENDA, ""))
    store = folder / "store"
    assert run("ingest", str(folder / "unplaced.md"), str(folder / "plain_gap.md"),
               store=store).exit_code == 0
    return store


def test_validate_names_the_unplaced_heading(misc_store) -> None:
    found = findings(misc_store, "misc_remarks.md")
    unplaced = [f for f in found if shape(f) == "UnassignedTextShape-heading"]
    assert len(unplaced) == 1
    assert unplaced[0]["severity"] == "warning"
    assert "'Miscellaneous remarks'" in unplaced[0]["message"]
    assert not any(shape(f).endswith("-missing") for f in found)


def test_an_unplaced_heading_is_named_instead_of_a_missing_section(gap_store) -> None:
    control = findings(gap_store, "plain_gap.md")
    assert "Agenda2030SectionShape-missing" in {shape(f) for f in control}
    found = findings(gap_store, "unplaced.md")
    shapes = {shape(f) for f in found}
    assert not any(s.endswith("-missing") for s in shapes), shapes
    [unplaced] = [f for f in found if shape(f) == "UnassignedTextShape-heading"]
    assert unplaced["severity"] == "warning"
    assert "'Miscellaneous remarks'" in unplaced["message"]


def test_a_weakly_placed_heading_is_a_confidence_warning(misc_store) -> None:
    found = findings(misc_store, "weak_heading.md")
    weak = [f for f in found if shape(f) == "SectionReadingShape-confidence"]
    assert len(weak) == 1
    assert weak[0]["severity"] == "warning"
    assert weak[0]["section"] == "practices"
    assert "'Further points'" in weak[0]["message"]
    # The strongly placed headings of the same report raise no such warning.
    assert not [f for f in findings(misc_store, "misc_remarks.md")
                if shape(f) == "SectionReadingShape-confidence"]
