"""The Python API (migkg.open) and output a researcher reads (issue 9, points 4 and 7)."""

from __future__ import annotations

import json
import re

import pytest

import migkg
from helpers import EXAMPLES, run
from migkg import querying
from migkg.store import QueryResult

FIRST = "https://w3id.org/migkg/id/report/aprr2021-rt2-fair-recruitment-md"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    location = tmp_path_factory.mktemp("api") / "store"
    with migkg.open(location) as db:
        result = db.ingest(EXAMPLES)
        assert result.loaded and not result.errors
    return location


# ------------------------------------------------------------------ API

def test_query_returns_dicts_keyed_by_the_contract_columns(store):
    with migkg.open(store, read_only=True) as db:
        rows = db.query("gcm-coverage")
        assert rows and list(rows[0]) == querying.get("gcm-coverage").returns
        assert all(isinstance(r["statements"], int) for r in rows)  # numbers are numbers
        assert db.query("reports", limit=3) == db.query("reports")[:3]


def test_query_parameters_are_python_values_checked_against_their_types(store):
    with migkg.open(store, read_only=True) as db:
        assert db.query("mentions", kind="rec")
        assert {r["kind"] for r in db.query("mentions", kind="rec")} == {"rec"}
        with pytest.raises(querying.QueryError, match="no parameter 'colour'"):
            db.query("reports", colour="red")


def test_frame_is_a_dataframe_in_column_order(store):
    pytest.importorskip("pandas")
    with migkg.open(store, read_only=True) as db:
        frame = db.frame("challenges")
        assert list(frame.columns) == querying.get("challenges").returns
        assert len(frame) == len(db.query("challenges"))


def test_sparql_forms(store):
    with migkg.open(store, read_only=True) as db:
        rows = db.sparql("SELECT * WHERE { BIND(1 AS ?z) BIND('x' AS ?a) }")
        assert list(rows[0]) == ["z", "a"] and rows[0]["z"] == 1
        assert db.sparql("ASK { ?s a <https://w3id.org/migkg/ontology#Report> }") is True
        text = db.sparql(f"DESCRIBE <{FIRST}>")
        assert f"<{FIRST}> <http://purl.org/dc/terms/date>" in text
        assert text.splitlines() == sorted(text.splitlines())
        from migkg.sparql_guard import GuardError

        with pytest.raises(GuardError, match="read-only"):
            db.sparql("DELETE WHERE { ?s ?p ?o }")


def test_validate_and_export_through_the_api(store):
    with migkg.open(store, read_only=True) as db:
        with pytest.warns(UserWarning, match="not kept in the store"):
            outcome = db.validate()  # validated all the same
        assert outcome.findings and not outcome.conforms
        assert db.export("nquads") == db.export("nquads")


def test_compare_through_the_api(store):
    from migkg.resolving import ReferenceError as UnknownReference

    with migkg.open(store, read_only=True) as db:
        result = db.compare("gfmd2021_rt2_1_future_of_work.docx",
                            "aprr2021_rt2_fair_recruitment.md")
        objectives = next(d for d in result["dimensions"] if d["dimension"] == "objective")
        assert {"6", "7"} <= {item["code"] for item in objectives["shared"]}
        with pytest.raises(UnknownReference, match="names no report"):
            db.compare("no-such-session", "2.1")
        with pytest.raises(UnknownReference, match="ambiguous"):
            db.compare("2.1", "3.1")


# ------------------------------------------------------------------ query command

def test_list_shows_names_summaries_and_typed_parameters():
    result = run("query", "--list")
    assert result.exit_code == 0
    assert re.search(r"^mentions\s+Countries", result.stdout, re.MULTILINE)
    assert "--param a=<" in result.stdout


def test_query_help_documents_one_query(store):
    result = run("query", "compare-sessions", "--help")
    assert result.exit_code == 0
    assert "Columns: dimension, item, label, in_a, in_b" in result.stdout
    assert "--param a=<" in result.stdout and "(required)" in result.stdout
    plain = run("query", "--help")
    assert plain.exit_code == 0 and "--list" in plain.stdout


@pytest.mark.parametrize("args", [
    ("--format", "CSV"), ("-f", "Json"), ("-f", "Md"),
])
def test_format_is_case_insensitive(store, args):
    assert run("query", "reports", *args, store=store).exit_code == 0


def test_unknown_format_names_the_choices(store):
    result = run("query", "reports", "-f", "xml", store=store)
    assert result.exit_code == 2
    assert "table, csv, tsv, json, md" in result.stderr


def test_limit_and_offset_page_and_say_more_follows(store):
    first = run("query", "challenges", "-f", "csv", "--limit", "2", store=store)
    second = run("query", "challenges", "-f", "csv", "--limit", "2", "--offset", "2",
                 store=store)
    whole = run("query", "challenges", "-f", "csv", store=store)
    lines = whole.stdout.splitlines()
    assert first.stdout.splitlines() == lines[:3]
    assert second.stdout.splitlines()[1:] == lines[3:5]
    assert "more rows follow: --offset 2" in first.stderr


def test_json_numbers_are_numbers(store):
    rows = json.loads(run("query", "gcm-coverage", "-f", "json", store=store).stdout)
    assert rows and all(isinstance(r["statements"], int) for r in rows)


def test_table_fits_the_terminal_and_labels_objectives(store, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = run("query", "gcm-coverage", store=store)
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "(Regular pathways)" in result.stdout or "(Fair recruitment" in result.stdout


def test_a_shortened_table_cell_is_announced():
    from migkg.output import TABLE_CELL_LIMIT, _table

    text = _table(QueryResult(["text"], [["word " * 200]]), width=80)
    assert f"1 cell shortened to {TABLE_CELL_LIMIT} characters" in text
    assert "--format csv or json" in text


# ------------------------------------------------------------------ sparql command

def test_sparql_select_star_keeps_the_variable_order(store):
    result = run("sparql", "SELECT * WHERE { BIND(1 AS ?zeta) BIND(2 AS ?alpha) }", "-f",
                 "csv", store=store)
    assert result.stdout.splitlines()[0] == "zeta,alpha"


def test_sparql_ask_construct_describe(store):
    ask = run("sparql", "ASK { ?s ?p ?o }", "-f", "json", store=store)
    assert json.loads(ask.stdout) == {"head": {}, "boolean": True}
    construct = run("sparql", f"CONSTRUCT {{ <{FIRST}> ?p ?o }} WHERE {{ <{FIRST}> ?p ?o }}",
                    "-f", "ntriples", store=store)
    assert construct.exit_code == 0 and construct.stdout.startswith(f"<{FIRST}>")
    turtle = run("sparql", f"DESCRIBE <{FIRST}>", store=store)
    assert "@prefix mkg:" in turtle.stdout and "mkg:Report" in turtle.stdout
    jsonld = run("sparql", f"DESCRIBE <{FIRST}>", "-f", "JSONLD", store=store)
    assert any(node.get("@id") == FIRST for node in json.loads(jsonld.stdout))
    wrong = run("sparql", f"DESCRIBE <{FIRST}>", "-f", "csv", store=store)
    assert wrong.exit_code == 2 and "turtle, ntriples, jsonld" in wrong.stderr


def test_sparql_update_is_read_only(store):
    result = run("sparql", "INSERT DATA { <a:b> <a:c> <a:d> }", store=store)
    assert result.exit_code == 2 and "read-only" in result.stderr
    assert "expected" not in result.stderr  # no parser message


# ------------------------------------------------------------------ help, evaluate, validate

@pytest.mark.parametrize("command", ["ingest", "query", "sparql", "export", "validate",
                                     "evaluate", "demo", "explain", "check-ontology"])
def test_help_has_no_python_type_names(command, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = run(command, "--help")
    assert result.exit_code == 0
    assert not re.search(r"<(bool|str|int|float|path|list\[[^\]]*\])>", result.stdout), \
        result.stdout


def test_docstring_line_breaks_are_rewrapped(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    text = run("ingest", "--help").stdout
    # the docstring's hard break after 'given' must not survive as a short line
    assert not re.search(r"│?\s*given\s*│?\s*$", text, re.MULTILINE)


def test_evaluate_without_any_matching_report_says_so_first(store, tmp_path):
    (tmp_path / "x.gold.json").write_text('{"file": "nothing-like-it.md"}', encoding="utf-8")
    result = run("evaluate", tmp_path, store=store)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no report in the store is named by a gold file" in result.stderr


def test_validate_writes_to_a_file(store, tmp_path):
    target = tmp_path / "findings.json"
    result = run("validate", "-f", "json", "-o", target, store=store)
    assert result.exit_code in (0, 1)
    assert result.stdout == ""
    assert "results" in json.loads(target.read_text(encoding="utf-8"))


def test_table_shows_parts_of_the_row_report_relatively_and_keeps_short_columns():
    from migkg.output import _table, _widths

    report = "https://w3id.org/migkg/id/report/some-report-md"
    text = _table(QueryResult(["report", "challenge", "text"],
                              [[report, report + "/challenge/1", "word " * 40]]), width=80)
    assert "…/challenge/1" in text and "https://" not in text
    assert max(len(line) for line in text.splitlines()) <= 80
    assert _widths([4, 7, 200], 60) == [4, 7, 60 - 10 - 11]
    assert _widths([4, 7, 20], 80) == [None, None, None]
