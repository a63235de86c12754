"""The command line: exit codes, one-line errors, replacement on re-ingest, stable exports."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from helpers import EXAMPLES, rows, run

REPORT = """# Roundtable 4.2 notes, Geneva, 3 March 2025

Rapporteur: Test Person
Session: 4.2 Labour mobility

## 1. Summary
Participants discussed labour mobility.

## 2. Challenges
- Fees are high.
- Skills are not recognised.

## 3. Good practices
At national level:
- **One-stop shops:** one country opened them.

## 4. Relevance to the Global Compact for Migration
Objective 6 was discussed.

## 5. Contributions to the achievement of the Agenda 2030
Target 10.7.

## 6. Inspiring quotes
Anonymous (delegate): "Mobility is part of development, not its failure."
"""


@pytest.fixture
def store(tmp_path):
    return tmp_path / "store"


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_ingest_then_reingest_replaces_the_graph(tmp_path, store):
    path = write(tmp_path, "r.md", REPORT)
    assert run("ingest", path, store=store).exit_code == 0
    path.write_text(REPORT.replace("- Skills are not recognised.\n", ""), encoding="utf-8")
    assert run("ingest", path, store=store).exit_code == 0
    challenges = rows(run("query", "challenges", "-f", "csv", store=store))
    assert [c["text"] for c in challenges] == ["Fees are high."]


def test_bad_files_get_one_line_and_cost_nothing(tmp_path, store):
    good = write(tmp_path, "good.md", REPORT)
    assert run("ingest", good, store=store).exit_code == 0
    before = run("export", "-f", "nquads", store=store).stdout
    not_report = write(tmp_path, "notes.txt", "Shopping list: milk, bread.\n")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"this is not a zip file")
    also_good = write(tmp_path, "other.md", REPORT.replace("4.2", "4.3"))
    result = run("ingest", not_report, broken, also_good, store=store)
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2
    assert errors[0].startswith(f"error: {not_report}: ")
    assert errors[1].startswith(f"error: {broken}: ")
    after = run("export", "-f", "nquads", store=store).stdout
    assert set(before.splitlines()) < set(after.splitlines())  # only other.md was added
    assert len(rows(run("query", "reports", "-f", "csv", store=store))) == 2


def test_a_bad_version_of_a_loaded_file_keeps_the_old_graph(tmp_path, store):
    path = write(tmp_path, "r.md", REPORT)
    run("ingest", path, store=store)
    before = run("export", "-f", "nquads", store=store).stdout
    path.write_text("nothing to see here", encoding="utf-8")
    assert run("ingest", path, store=store).exit_code == 1
    assert run("export", "-f", "nquads", store=store).stdout == before


def test_exports_are_byte_identical_across_stores_and_processes(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    path = write(tmp_path, "r.md", REPORT)
    outputs = {}
    for name in ("a", "b"):
        location = tmp_path / name
        run("ingest", path, store=location)
        for fmt in ("turtle", "trig", "nquads", "jsonld"):
            # A fresh interpreter each time, so hash seeds differ as they would for users.
            out = subprocess.run(
                # -P: the installed package, never the checkout's folders (see README).
                [sys.executable, "-P", "-m", "migkg", "export", "-f", fmt,
                 "--store", str(location)],
                capture_output=True, check=True, env={**__import__("os").environ,
                                                      "PYTHONHASHSEED": name == "a" and "1" or "2"},
            ).stdout
            outputs.setdefault(fmt, set()).add(out)
    assert all(len(v) == 1 for v in outputs.values())
    json.loads(outputs["jsonld"].pop())


def test_query_usage_errors_exit_2(store, tmp_path):
    run("ingest", write(tmp_path, "r.md", REPORT), store=store)
    assert run("query", "nosuch", store=store).exit_code == 2
    assert run("query", "reports", "-f", "xml", store=store).exit_code == 2
    assert run("query", "compare-sessions", "-p", "a=4.2", store=store).exit_code == 2
    assert run("query", "reports", "-p", "novalue", store=store).exit_code == 2


def test_query_formats(store, tmp_path):
    run("ingest", write(tmp_path, "r.md", REPORT), store=store)
    as_json = json.loads(run("query", "quotes", "-f", "json", store=store).stdout)
    assert as_json[0]["attribution"] == "anonymous"
    tsv = run("query", "sections", "-f", "tsv", store=store).stdout.splitlines()
    assert tsv[0] == "report\tsource\tsection\tstatus" and len(tsv) == 7
    md = run("query", "sections", "-f", "md", store=store).stdout.splitlines()
    assert md[0] == "| report | source | section | status |"
    assert "1 row" in run("query", "reports", store=store).stdout


def test_compare_sessions(store, tmp_path):
    run("ingest", write(tmp_path, "a.md", REPORT), store=store)
    run("ingest", write(tmp_path, "b.md", REPORT.replace("4.2", "4.3").replace(
        "At national level:", "Regional level:")), store=store)
    found = rows(run("query", "compare-sessions", "-p", "a=4.2", "-p", "b=4.3", "-f", "csv",
                     store=store))
    levels = {r["item"]: (r["in_a"], r["in_b"]) for r in found
              if r["dimension"] == "practice-level"}
    assert levels == {"national": ("true", "false"), "regional": ("false", "true")}


def test_sparql_adhoc_and_network_refused(store, tmp_path):
    run("ingest", write(tmp_path, "r.md", REPORT), store=store)
    query = ("PREFIX mkg: <https://w3id.org/migkg/ontology#> "
             "SELECT (COUNT(?c) AS ?n) WHERE { ?c a mkg:Challenge }")
    assert rows(run("sparql", query, "-f", "csv", store=store)) == [{"n": "2"}]
    fed = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    result = run("sparql", fed, store=store)
    assert result.exit_code == 2 and "SERVICE" in result.stderr
    assert run("sparql", "SELEKT", store=store).exit_code == 2


def test_event_and_date_options_fill_what_the_file_lacks(store, tmp_path):
    text = REPORT.replace("# Roundtable 4.2 notes, Geneva, 3 March 2025\n", "")
    path = write(tmp_path, "r.md", text)
    result = run("ingest", path, "--event", "Test Forum 2031", "--date", "2031-02-01",
                 store=store)
    assert result.exit_code == 0, result.stderr
    (report,) = rows(run("query", "reports", "-f", "csv", store=store))
    assert (report["event"], report["date"], report["year"]) == (
        "Test Forum 2031", "2031-02-01", "2031")
    assert run("ingest", path, "--date", "someday", store=store).exit_code == 2


def test_folders_are_walked(store):
    result = run("ingest", EXAMPLES, store=store)
    assert result.exit_code == 0, result.stderr
    assert len(rows(run("query", "reports", "-f", "csv", store=store))) == 18


def test_version_and_help():
    assert run("--version").stdout.startswith("migkg ")
    for command in ("ingest", "query", "sparql", "export", "demo"):
        assert run(command, "--help").exit_code == 0


def test_nothing_to_load_is_an_error_and_creates_no_store(tmp_path, store):
    result = run("ingest", tmp_path / "missing.md", store=store)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {tmp_path / 'missing.md'}: no such file or folder"
    assert not store.exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("ingest", empty, store=store).exit_code == 1
    assert not store.exists()
