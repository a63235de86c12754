"""Injection is inert, the store is read-only to ad hoc SPARQL, oversized queries refused."""

from __future__ import annotations

import pytest
from test_cli import REPORT

from helpers import rows, run
from migkg import querying
from migkg.sparql_guard import GuardError, check_query, scan, substitute
from migkg.store import open_store

HOSTILE = ['"', "'", '\\', '"""', "}", "} ; DROP ALL", '" } ; DROP ALL #', "a\nb",
           "\\u0022", "#", "?_b", "<http://x/>", "') }", "x\r\ny"]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("q")
    path = folder / "r.md"
    path.write_text(REPORT, encoding="utf-8")
    location = folder / "store"
    assert run("ingest", path, store=location).exit_code == 0
    return location


def export(store):
    return run("export", "-f", "nquads", store=store).stdout


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_parameter_values_are_data(store, value):
    before = export(store)
    # A free-text parameter: the value is matched as text, and nothing contains it.
    result = run("query", "search", "-p", f"text={value}", "-f", "csv", store=store)
    assert result.exit_code == 0, result.stderr
    assert all(value.lower() in r["text"].lower() for r in rows(result))
    # A parameter the store must hold (a session code): refused as a usage error in one
    # line that shows the value escaped; the query never runs.
    refused = run("query", "compare-sessions", "-p", f"a={value}", "-p", "b=4.2", "-f", "csv",
                  store=store)
    assert refused.exit_code == 2 and refused.stdout == ""
    assert len(refused.stderr.strip().splitlines()) == 1 and "is no code" in refused.stderr
    assert export(store) == before


def test_a_value_equal_to_stored_data_matches_exactly(store):
    found = rows(run("query", "compare-sessions", "-p", "a=4.2", "-p", "b=4.2", "-f", "csv",
                     store=store))
    assert found and all(r["in_a"] == "true" for r in found)


IRI_QUERY = querying.parse_query_file("t", "SELECT ?s WHERE { ?s ?p ?o FILTER(?s = ?_target_iri) }")


@pytest.mark.parametrize("value", ["http://x/a b", "http://x/>} DROP ALL {<", "not an iri",
                                   "http://x/\n", 'http://x/"', "http://x/{}"])
def test_iri_parameters_are_strict(value):
    with pytest.raises(querying.QueryError):
        querying.bind(IRI_QUERY, {"target": value})


def test_substitution_touches_only_variable_tokens():
    text = 'SELECT ?x WHERE { ?x ?p "?_a" . # ?_a\n FILTER(?x = ?_a) }'
    assert substitute(text, {"_a": '"v"'}) == \
        'SELECT ?x WHERE { ?x ?p "?_a" . # ?_a\n FILTER(?x = "v") }'


def test_a_parameter_value_with_braces_cannot_change_the_structure(tmp_path):
    store = open_store(str(tmp_path / "s"))
    try:
        store.update('INSERT DATA { GRAPH <https://w3id.org/migkg/id/report/a> '
                     '{ <http://s> <http://p> "} ; DROP ALL #" } }')
        bound = querying.bind(querying.parse_query_file(
            "t", "SELECT ?s WHERE { ?s <http://p> ?o FILTER(?o = ?_v) }"),
            {"v": "} ; DROP ALL #"})
        result = store.select("SELECT ?s WHERE { ?s <http://p> ?o FILTER(?o = ?_v) }", bound)
        assert result.rows == [["http://s"]]
        assert len(store.named_graphs()) == 1
    finally:
        store.close()


@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "DELETE WHERE { ?s ?p ?o }", "DROP ALL", "CLEAR DEFAULT", "LOAD <http://127.0.0.1:9/x>",
    "CREATE GRAPH <http://g>", "PREFIX x: <http://x/> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
])
def test_updates_are_read_only(store, update):
    before = export(store)
    result = run("sparql", update, store=store)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: read-only:") and "ingest" in result.stderr
    assert export(store) == before


def test_deep_and_huge_queries_are_refused_before_the_engine(store):
    deep = "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000
    result = run("sparql", deep, store=store)
    assert result.exit_code == 2 and "nested too deeply" in result.stderr
    parens = "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"
    assert run("sparql", parens, store=store).exit_code == 2
    huge = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 1_100_000
    result = run("sparql", huge, store=store)
    assert result.exit_code == 2 and "too large" in result.stderr
    with pytest.raises(querying.QueryError):
        querying.bind(querying.get("compare-sessions"), {"a": "x" * 1_100_000, "b": "y"})


def test_nesting_scan_skips_literals_iris_and_comments():
    assert scan('SELECT * WHERE { ?s ?p "{{{{" . # ((((\n ?s <http://x/(> ?o }') == 1
    assert scan("SELECT * WHERE { { { ?s ?p ?o } } }") == 3


def test_depth_limit_queries_still_run(store):
    nested = "SELECT ?s WHERE " + "{" * 90 + " ?s ?p ?o " + "}" * 90 + " LIMIT 1"
    result = run("sparql", nested, "-f", "csv", store=store)
    assert result.exit_code == 0, result.stderr


def test_a_long_one_line_query_is_not_taken_for_a_file_name(store):
    query = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1 " + "#" + "x" * 5000
    result = run("sparql", query, "-f", "csv", store=store)
    assert result.exit_code == 0, result.stderr
    middling = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1 #" + "y" * 300
    assert run("sparql", middling, "-f", "csv", store=store).exit_code == 0


def test_a_query_file_is_read(store, tmp_path):
    path = tmp_path / "q.rq"
    path.write_text("SELECT ?s WHERE { ?s a <https://w3id.org/migkg/ontology#Report> }",
                    encoding="utf-8")
    assert len(rows(run("sparql", path, "-f", "csv", store=store))) == 1


def test_from_restricts_the_dataset(store):
    count = ("SELECT (COUNT(*) AS ?n) {from} WHERE {{ ?s ?p ?o }}")
    everything = rows(run("sparql", count.format(**{"from": ""}), "-f", "csv", store=store))
    nothing = rows(run("sparql", count.format(**{"from": "FROM <http://nowhere.example/g>"}),
                       "-f", "csv", store=store))
    assert int(everything[0]["n"]) > 0 and nothing[0]["n"] == "0"
    (report,) = rows(run("query", "reports", "-f", "csv", store=store))
    only = rows(run("sparql", count.format(**{"from": f"FROM <{report['report']}>"}),
                    "-f", "csv", store=store))
    assert 0 < int(only[0]["n"]) < int(everything[0]["n"])
    named = rows(run("sparql", "SELECT DISTINCT ?g FROM NAMED <http://nowhere.example/g> "
                     "WHERE { GRAPH ?g { ?s ?p ?o } }", "-f", "csv", store=store))
    assert named == []


def test_unknown_custom_function_is_one_line(store):
    result = run("sparql", "PREFIX f: <http://example.org/f#> SELECT (f:nope(1) AS ?x) "
                 "WHERE {}", store=store)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "custom function" in result.stderr


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { FILTER(true)SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { # note\rSERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { BIND('''it's \"quoted\"''' AS ?x) SERVICE <http://127.0.0.1:9/> "
    "{ ?s ?p ?o } }",
    "SELECT * WHERE { service SILENT <http://127.0.0.1:9/> { ?s ?p ?o } }",
])
def test_service_refused_in_every_spelling(text):
    with pytest.raises(GuardError, match="SERVICE"):
        check_query(text)
    assert check_query(text, allow_network=True).text == text
