"""The reviewed view (issue 13) in the comparing and South-South queries, in
``migkg compare`` and in ``reading``: a corrected category or mention, a rejected mention
or heading, and the loader's own output one parameter away. No corpus needed: a report
written here and a bundled example."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from helpers import EXAMPLES, rows, run

REPORT = "https://w3id.org/migkg/id/report/gfmd2019-rt1-2-corridors-md"
OTHER = "https://w3id.org/migkg/id/report/aprr2021-rt2-fair-recruitment-md"
CHALLENGE = f"{REPORT}/challenge/1"  # Morocco and Senegal; no category read
PRACTICE = f"{REPORT}/practice/1"  # Ghana, 'the Sahel Alliance' and 'the Sahel'
ALLIANCE, SAHEL = f"{PRACTICE}/mention/2", f"{PRACTICE}/mention/3"
NIGER = "https://w3id.org/migkg/id/country/NER"
RAW = ("--param", "reviewed=false")

TEXT = """# GFMD 2019 Roundtable 1.2: Labour corridors in West Africa

Session 1.2, Quito, 22 January 2019.

## 1. Summary of the discussion

Delegates compared seasonal labour corridors and the data they keep.

## 2. Challenges

- Labour migration data are not shared between Morocco and Senegal, so recruiters go
  unchecked.

## 3. Good practices

- At national level, Ghana and the Sahel Alliance run a joint registry of recruitment
  agencies.

## 4. Relevance to the GCM

The registry serves fair and ethical recruitment.

## 5. Contributions to the 2030 Agenda

Decent work for migrant workers.

## 6. Quotes

"Data we do not share is data we do not have."
"""


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A store of the report above and one bundled example, with the loader's output
    checked to be what the tests below change."""
    source = tmp_path / "gfmd2019_rt1_2_corridors.md"
    source.write_text(TEXT, encoding="utf-8")
    target = tmp_path / "store"
    result = run("ingest", source, EXAMPLES / "aprr2021_rt2_fair_recruitment.md", "--quiet",
                 store=target)
    assert result.exit_code == 0, result.stderr
    queue = {r["item"]: r for r in rows(run("review", "--format", "csv", store=target))}
    assert queue[CHALLENGE]["kind"] == "category" and queue[CHALLENGE]["current"] == ""
    assert queue[SAHEL]["current"] == "Sahel" and queue[ALLIANCE]["kind"] == "entity"
    return target


def _apply(store: Path, tmp_path: Path, lines: list[tuple[str, str, str]]) -> None:
    path = tmp_path / "decisions.csv"
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["item", "decision", "value"])
        writer.writerows(lines)
    result = run("review", "--apply", path, "--reviewer", "x", store=store)
    assert result.exit_code == 0, result.stderr


def _decide_all(store: Path, tmp_path: Path) -> None:
    _apply(store, tmp_path, [(CHALLENGE, "correct", "technical-capacity"),
                             (SAHEL, "correct", "NER"), (ALLIANCE, "reject", "")])


def _query(store: Path, name: str, *extra: str) -> list[dict[str, str]]:
    return rows(run("query", name, "--format", "csv", "--limit", "0", *extra, store=store))


def test_south_south_queries_read_the_reviewed_categories_and_mentions(
        store: Path, tmp_path: Path) -> None:
    def challenges(*extra: str) -> set[tuple[str, str, str]]:
        return {(r["challenge"], r["definition"], r["category"])
                for r in _query(store, "south-south-challenges", *extra)}

    def practices(*extra: str) -> set[tuple[str, str, str]]:
        return {(r["practice"], r["definition"], r["countries"])
                for r in _query(store, "south-south-practices", *extra)
                if r["report"] == REPORT}

    before = (challenges(), practices())
    assert before[0] == {(CHALLENGE, "m49-developing", ""),
                         (CHALLENGE, "wb-not-high-income", "")}
    assert before[1] == set()  # Ghana alone is no South-South practice
    _decide_all(store, tmp_path)
    assert challenges() == {(CHALLENGE, "m49-developing", "technical-capacity"),
                            (CHALLENGE, "wb-not-high-income", "technical-capacity")}
    assert practices() == {(PRACTICE, "m49-developing", "GHA; NER"),
                           (PRACTICE, "wb-not-high-income", "GHA; NER")}
    assert (challenges(*RAW), practices(*RAW)) == before
    # A rejected category leaves none.
    _apply(store, tmp_path, [(CHALLENGE, "reject", "")])
    assert {c for _i, _d, c in challenges()} == {""}


def test_mentions_by_income_group_count_a_mention_corrected_to_a_country(
        store: Path, tmp_path: Path) -> None:
    def groups(*extra: str) -> dict[str, tuple[str, str]]:
        return {r["income_group"]: (r["countries"], r["mentions"])
                for r in _query(store, "mentions-by-income-group", *extra)}

    before = groups()
    assert "low-income" not in before
    _decide_all(store, tmp_path)
    after = groups()
    assert after["low-income"] == ("1", "1")
    assert {k: v for k, v in after.items() if k != "low-income"} == before
    assert groups(*RAW) == before


def test_compare_and_compare_sessions_read_the_reviewed_view(store: Path,
                                                             tmp_path: Path) -> None:
    def compared(*extra: str) -> dict[str, set[str]]:
        result = run("compare", REPORT, OTHER, "--format", "json", *extra, store=store)
        assert result.exit_code == 0, result.stderr
        found: dict[str, set[str]] = {}
        for dimension in json.loads(result.stdout)["dimensions"]:
            for part in ("shared", "only_a"):
                found.setdefault(dimension["dimension"], set()).update(
                    item["item"] for item in dimension[part])
        return found

    def sessions(*extra: str) -> set[tuple[str, str, str]]:
        found = _query(store, "compare-sessions", "--param", f"a={REPORT}",
                       "--param", f"b={OTHER}", *extra)
        return {(r["dimension"], r["item"], r["in_a"]) for r in found}

    before = (compared(), sessions())
    categories = "https://w3id.org/migkg/vocab/challenge-category/technical-capacity"
    assert NIGER not in before[0].get("country", set())
    assert categories not in before[0].get("challenge-category", set())
    _decide_all(store, tmp_path)
    after = compared()
    assert NIGER in after["country"] and categories in after["challenge-category"]
    assert after["actor"] == before[0]["actor"] - {
        next(i for i in before[0]["actor"] if "sahel-alliance" in i.casefold())}
    rows_after = sessions()
    assert ("country", "NER", "true") in rows_after
    assert ("challenge-category", "technical-capacity", "true") in rows_after
    assert not any("Sahel" in item for _d, item, _a in rows_after)
    assert (compared(*RAW), sessions(*RAW)) == before
    refused = run("compare", REPORT, OTHER, "--param", "event=x", store=store)
    assert refused.exit_code == 2 and "compare takes only reviewed" in refused.stderr


def test_reading_shows_a_rejected_heading_as_missing(tmp_path: Path) -> None:
    # A bundled example whose 2030 Agenda heading was read with low confidence.
    store = tmp_path / "reading"
    result = run("ingest", EXAMPLES / "imrf2022_rt4_data_discrimination.html", "--quiet",
                 store=store)
    assert result.exit_code == 0, result.stderr
    report = "https://w3id.org/migkg/id/report/imrf2022-rt4-data-discrimination-html"

    def reading(*extra: str) -> dict[str, str]:
        return {r["section"]: r["status"] for r in _query(store, "reading", *extra)
                if r["section"]}

    before = reading()
    assert before["agenda2030"] == "present"
    _apply(store, tmp_path, [(f"{report}/section/agenda2030", "reject", "")])
    assert reading() == {**before, "agenda2030": "missing"}
    assert reading(*RAW) == before
    # The stretches outside any section keep their own status.
    assert {r["status"] for r in _query(store, "reading") if not r["section"]} <= \
        {"unassigned"}
