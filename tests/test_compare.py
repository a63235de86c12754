"""``migkg compare A B`` and :mod:`migkg.comparing`: on the shared corpus, on the bundled
examples and on an empty store. Each store is ingested once per module."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from helpers import CORPUS, EXAMPLES, need_corpus, report_files, run
from migkg.cli import app
from migkg.comparing import DIMENSIONS, compare
from migkg.comparing_render import CSV_COLUMNS, render
from migkg.store import open_store

SOUTH_SOUTH = "gfmd2018_rt2_1_south_south_mobility.md"
REGIONAL = "gfmd2018_rt2_2_regional_mobility.docx"
FUTURE_OF_WORK = "gfmd2021_rt2_1_future_of_work.docx"
FAIR_RECRUITMENT = "aprr2021_rt2_fair_recruitment.md"


def _ingest(paths, store):
    result = run("ingest", *paths, store=store)
    assert result.exit_code == 0, result.stderr
    return store


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    need_corpus()
    # GOLD.md is no report: ingest the corpus's report files.
    return _ingest(report_files(CORPUS), tmp_path_factory.mktemp("corpus") / "store")


@pytest.fixture(scope="module")
def examples_store(tmp_path_factory):
    return _ingest([EXAMPLES], tmp_path_factory.mktemp("examples") / "store")


def _compare(store, *args, env=None):
    argv = ["compare", *map(str, args), "--store", str(store)]
    return CliRunner().invoke(app, argv, env=env or {"COLUMNS": "80"})


def _csv_rows(result) -> list[dict[str, str]]:
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


def _shared(rows, dimension) -> set[str]:
    return {r["code"] or r["label"] for r in rows
            if r["dimension"] == dimension and r["in_a"] == r["in_b"] == "true"}


# --- the acceptance case: the two 2018 sessions of the corpus -------------------------

def test_the_two_2018_sessions_share_objectives_and_actors_with_evidence(corpus_store):
    rows = _csv_rows(_compare(corpus_store, SOUTH_SOUTH, REGIONAL, "-f", "csv"))
    assert {"1", "22", "23"} <= _shared(rows, "objective")
    assert {"ILO", "SADC", "ASEAN"} <= _shared(rows, "actor")
    for row in rows:
        # every item carries its evidence: the insight's text, from the side's own report
        assert row["text"].strip() and row["insight"].startswith(row["report"])
        assert row["source"] == (SOUTH_SOUTH if row["side"] == "a" else REGIONAL)
        assert row["start"].isdigit() and int(row["end"]) > int(row["start"])
    shared_ilo = [r for r in rows if r["code"] == "ILO"]
    assert {r["side"] for r in shared_ilo} == {"a", "b"}
    assert all("ILO" in r["evidence"] for r in shared_ilo)


def test_countries_are_compared_and_none_is_shared_by_the_2018_sessions(corpus_store):
    # The gold files: MAR and ZAF in 2.1, PHL, EGY and ZMB in 2.2; no country in both.
    rows = _csv_rows(_compare(corpus_store, SOUTH_SOUTH, REGIONAL, "-f", "csv"))
    countries = {(r["code"], r["in_a"], r["in_b"]) for r in rows if r["dimension"] == "country"}
    assert ("MAR", "true", "false") in countries and ("PHL", "false", "true") in countries
    assert not _shared(rows, "country")
    table = _compare(corpus_store, SOUTH_SOUTH, REGIONAL)
    assert table.exit_code == 0, table.stderr
    assert "Countries: 0 shared, 2 only in A, 3 only in B" in table.stdout


def test_the_table_fits_80_columns_puts_labels_first_and_says_where_it_cuts(corpus_store):
    result = _compare(corpus_store, SOUTH_SOUTH, REGIONAL, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    text = result.stdout
    assert "https://" not in text.split("Overview")[1]  # labels, not IRIs
    assert "(ILO)" in text and "Organization" in text  # the name, then the acronym
    if "[cut:" in text:
        assert "--format md, csv or json give all of it, whole." in " ".join(text.split())
    wide = _compare(corpus_store, SOUTH_SOUTH, REGIONAL, env={"COLUMNS": "132"})
    assert max(len(line) for line in wide.stdout.splitlines()) > 80


def test_event_code_and_event_references(corpus_store):
    rows = _csv_rows(_compare(corpus_store, "GFMD-2018:2.1", "gfmd-2018:2.2", "-f", "csv"))
    assert {r["source"] for r in rows} == {SOUTH_SOUTH, REGIONAL}
    data = json.loads(_compare(corpus_store, "GFMD 2018", "imrf-2022", "-f", "json").stdout)
    assert sorted(r["source"] for r in data["a"]["reports"]) == [SOUTH_SOUTH, REGIONAL]
    assert "2 reports" in data["a"]["name"]


def test_an_ambiguous_code_is_a_usage_error_listing_the_candidates(corpus_store):
    result = _compare(corpus_store, "2.2", SOUTH_SOUTH)
    assert result.exit_code == 2
    assert result.stdout == ""
    message = result.stderr
    assert message.startswith("error: ") and "ambiguous" in message
    assert "gfmd-2012:2.2" in message and "gfmd-2018:2.2" in message


def test_an_unknown_reference_is_a_usage_error_listing_what_is_known(corpus_store):
    result = _compare(corpus_store, SOUTH_SOUTH, "no-such-session.md")
    assert result.exit_code == 2
    assert "names no report" in result.stderr and SOUTH_SOUTH in result.stderr


@pytest.mark.parametrize("fmt", ["csv", "json", "md", "table", "CSV", "Json"])
def test_each_format_is_deterministic(corpus_store, fmt):
    first = _compare(corpus_store, SOUTH_SOUTH, REGIONAL, "--format", fmt)
    second = _compare(corpus_store, SOUTH_SOUTH, REGIONAL, "--format", fmt)
    assert first.exit_code == 0, first.stderr
    assert first.stdout == second.stdout and first.stdout.strip()


def test_json_parses_with_every_dimension_and_numbers_as_numbers(corpus_store):
    data = json.loads(_compare(corpus_store, SOUTH_SOUTH, REGIONAL, "-f", "json").stdout)
    assert [d["dimension"] for d in data["dimensions"]] == [name for name, _ in DIMENSIONS]
    objectives = data["dimensions"][0]
    shared = {i["code"] for i in objectives["shared"]}
    assert {"1", "22", "23"} <= shared
    for item in objectives["shared"]:
        assert item["a"] and item["b"] and item["label"]
        for evidence in item["a"] + item["b"]:
            assert isinstance(evidence["start"], int) and evidence["text"]
            assert evidence["confidence"] is None or isinstance(evidence["confidence"], float)
    assert all(i["b"] == [] for i in objectives["only_a"])
    assert all(i["a"] == [] for i in objectives["only_b"])


def test_csv_has_its_columns_and_md_one_section_per_dimension(corpus_store):
    result = _compare(corpus_store, SOUTH_SOUTH, REGIONAL, "-f", "csv")
    header = next(csv.reader(io.StringIO(result.stdout)))
    assert tuple(header) == CSV_COLUMNS
    md = _compare(corpus_store, SOUTH_SOUTH, REGIONAL, "-f", "md").stdout
    assert md.count("\n## ") == len(DIMENSIONS)
    assert "| item | in | A | B |" in md


def test_an_unknown_format_is_a_usage_error(corpus_store):
    result = _compare(corpus_store, SOUTH_SOUTH, REGIONAL, "-f", "xml")
    assert result.exit_code == 2 and "table, csv, json, md" in result.stderr


def test_the_same_reports_on_both_sides_warn(corpus_store):
    result = _compare(corpus_store, SOUTH_SOUTH, "GFMD-2018:2.1", "-f", "csv")
    assert result.exit_code == 0
    assert "warning:" in result.stderr and "same reports" in result.stderr
    rows = _csv_rows(result)
    assert rows and all(r["in_a"] == r["in_b"] == "true" for r in rows)


def test_compare_sessions_keeps_its_columns(corpus_store):
    result = run("query", "compare-sessions", "--param", "a=2.1", "--param", "b=2.1",
                 "-f", "csv", store=corpus_store)
    assert result.exit_code == 0, result.stderr
    header = result.stdout.splitlines()[0]
    assert header == "dimension,item,label,in_a,in_b"


def test_the_evidence_query_runs_on_its_own(corpus_store):
    report = "https://w3id.org/migkg/id/report/gfmd2018-rt2-1-south-south-mobility-md"
    result = run("query", "compare-evidence", "--param", f"report={report}", "-f", "csv",
                 store=corpus_store)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert result.exit_code == 0 and rows
    assert {r["dimension"] for r in rows} >= {"objective", "actor", "country",
                                              "challenge-category", "practice-level"}
    assert {r["report"] for r in rows} == {report}


# --- the bundled examples: sessions of different events ------------------------------

def test_examples_share_themes_across_events(examples_store):
    store = open_store(str(examples_store), read_only=True)
    try:
        comparison = compare(store, FUTURE_OF_WORK, FAIR_RECRUITMENT)
    finally:
        store.close()
    assert comparison.a.reports[0].event != comparison.b.reports[0].event
    shared = {d: {i.code for i in comparison.of(d, "both")} for d, _ in DIMENSIONS}
    assert {"6", "7", "21", "22"} <= shared["objective"]
    assert {"ARE", "PHL", "QAT"} <= shared["country"]
    assert {"ILO", "IOM"} <= shared["actor"]
    assert "protection-rights" in shared["challenge-category"]
    for item in comparison.of("country", "both"):
        assert all(e.source == FUTURE_OF_WORK for e in item.a)
        assert all(e.source == FAIR_RECRUITMENT for e in item.b)
        assert all(e.evidence and e.span_start is not None for e in item.a + item.b)


def test_examples_share_themes_between_gfmd_and_imrf(examples_store):
    # The gold files agree: objectives 14, 19, 20 and MEX, NGA, USA in both reports.
    rows = _csv_rows(_compare(examples_store, "gfmd2021_rt3_1_diaspora_engagement.txt",
                              "IMRF-2022:3", "-f", "csv"))
    assert {"14", "19", "20"} <= _shared(rows, "objective")
    assert {"MEX", "NGA", "USA"} <= _shared(rows, "country")
    assert {"socio-economic", "political-institutional"} <= _shared(rows, "challenge-category")


def test_examples_compare_two_events(examples_store):
    rows = _csv_rows(_compare(examples_store, "gfmd-2024", "IMRF 2022", "-f", "csv"))
    assert {r["source"] for r in rows if r["side"] == "a"} == {
        "gfmd2024_rt2_1_pacific_labour_mobility.md", "gfmd2024_rt3_1_climate_mobility.pdf"}
    assert "23" in _shared(rows, "objective")


def test_render_rejects_an_unknown_format(examples_store):
    store = open_store(str(examples_store), read_only=True)
    try:
        comparison = compare(store, FUTURE_OF_WORK, FAIR_RECRUITMENT)
    finally:
        store.close()
    with pytest.raises(ValueError):
        render(comparison, "xml")
    assert render(comparison, "TABLE", width=60).splitlines()[0].startswith("A: ")


def test_demo_prints_a_cross_event_comparison_before_its_last_line(tmp_path):
    result = run("demo", "--store", tmp_path / "demo")
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "Across events:" in text
    assert f"migkg compare {FAIR_RECRUITMENT} {FUTURE_OF_WORK}" in text
    assert "GCM objectives (4): 6, 7, 21, 22" in text
    assert text.index("Across events:") < text.index("Explore further:")


# --- an empty store ------------------------------------------------------------------

def test_an_empty_store_gives_a_clear_error(tmp_path):
    location = tmp_path / "empty"
    open_store(str(location)).close()
    result = _compare(location, "2.1", "2.2")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: the store holds no report to compare")
    assert "migkg ingest" in result.stderr and result.stdout == ""


# --- the table's cuts ---------------------------------------------------------------

def test_a_cut_text_says_how_much_was_left_out_and_keeps_the_evidence_in_view():
    from migkg.comparing_render import _clip

    text = " ".join(f"word{i}" for i in range(100)) + " ECOWAS closes the text"
    clipped, cut = _clip(text, 60, focus=text.index("ECOWAS"))
    assert cut and "ECOWAS" in clipped
    before = int(clipped.split("[cut: ")[1].split(" chars before]")[0])
    assert clipped.startswith("[cut: ") and text[before:].startswith(clipped.split("] ", 1)[1][:20])
    short, cut = _clip("a short\ntext", 60)
    assert (short, cut) == ("a short text", False)
    head, cut = _clip(text, 60)
    assert cut and head.endswith("more chars]") and head.startswith("word0 ")
    left = int(head.rsplit("[cut: ", 1)[1].split()[0])
    assert len(text) - left == len(head.rsplit(" [cut: ", 1)[0])
