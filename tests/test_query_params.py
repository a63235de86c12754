"""Typed query parameters: declaration in the header, checking, binding as RDF terms."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from migkg import querying
from migkg.query_params import ParamError, convert, declare, normalise

XSD = "http://www.w3.org/2001/XMLSchema#"

TYPED = """#+ summary: test
#+ params:
#+   year: {type: integer, example: 2018, description: Year of the session}
#+   share: {type: decimal}
#+   strict: {type: boolean, default: false}
#+   kind: {type: enum, values: [country, region]}
#+   day: {type: date}
#+   target: {type: iri}
#+ x-returns: [x]
SELECT ?x WHERE {
  BIND (?__year AS ?y) BIND (?__share AS ?s) BIND (?__strict AS ?b)
  BIND (?__kind AS ?k) BIND (?__day AS ?d) BIND (?__target AS ?t)
  # ?__commented is no parameter
  BIND (1 AS ?x)
}
"""


def typed():
    return querying.parse_query_file("typed", TYPED)


def test_header_declares_types_defaults_examples():
    query = typed()
    by_name = {p.name: p for p in query.params}
    assert set(by_name) == {"year", "share", "strict", "kind", "day", "target"}
    assert by_name["year"].type == "integer" and by_name["year"].example == "2018"
    assert by_name["year"].description == "Year of the session"
    assert by_name["strict"].default == "false" and not by_name["strict"].required
    assert by_name["kind"].values == ("country", "region")
    assert by_name["kind"].usage() == "kind=<country|region> (optional)"


@pytest.mark.parametrize(("name", "value", "datatype", "lexical"), [
    ("year", "2018", "integer", "2018"),
    ("year", " 07 ", "integer", "7"),
    ("share", "0.5", "decimal", "0.5"),
    ("strict", "YES", "boolean", "true"),
    ("day", "2018-12-06", "date", "2018-12-06"),
])
def test_values_become_typed_literals(name, value, datatype, lexical):
    term = querying.bind(typed(), {name: value})[f"__{name}"]
    assert isinstance(term, ox.Literal)
    assert term.value == lexical and term.datatype.value == XSD + datatype


def test_enum_is_case_insensitive_and_canonical():
    term = querying.bind(typed(), {"kind": "Country"})["__kind"]
    assert term.value == "country"


def test_default_is_bound_when_absent():
    term = querying.bind(typed(), {})["__strict"]
    assert term.value == "false" and term.datatype.value == XSD + "boolean"


@pytest.mark.parametrize(("name", "value", "needle"), [
    ("year", "abc", "not a whole number"),
    ("year", "2018; DROP ALL", "not a whole number"),
    ("share", "1e999x", "not a number"),
    ("strict", "maybe", "not true or false"),
    ("kind", "countries", "allowed: country, region"),
    ("day", "12/06/2018", "not a date"),
    ("target", "http://x/a b", "not an absolute IRI"),
    ("target", "<http://x/>", "not an absolute IRI"),
    ("target", "http://x/}", "not an absolute IRI"),
])
def test_bad_values_are_usage_errors_naming_what_is_allowed(name, value, needle):
    with pytest.raises(querying.QueryError, match=needle):
        querying.bind(typed(), {name: value})


def test_header_mistakes_are_reported():
    with pytest.raises(querying.QueryError, match="unknown type"):
        querying.parse_query_file("bad", "#+ params:\n#+   a: {type: colour}\n"
                                  "SELECT ?x WHERE { BIND(?_a AS ?x) }")
    with pytest.raises(querying.QueryError, match="enum without values"):
        querying.parse_query_file("bad", "#+ params:\n#+   a: {type: enum}\n"
                                  "SELECT ?x WHERE { BIND(?_a AS ?x) }")
    with pytest.raises(querying.QueryError, match="does not use"):
        querying.parse_query_file("bad", "#+ params:\n#+   ghost: {type: string}\n"
                                  "SELECT ?x WHERE { BIND(1 AS ?x) }")
    with pytest.raises(querying.QueryError, match="not a whole number"):
        querying.parse_query_file("bad", "#+ params:\n#+   a: {type: integer, default: x}\n"
                                  "SELECT ?x WHERE { BIND(?__a AS ?x) }")


def test_grlc_defaults_and_enumerate_keys_are_read():
    query = querying.parse_query_file(
        "grlc", "#+ defaults:\n#+   - n: 3\n#+ enumerate:\n#+   - k: [a, b]\n"
        "SELECT ?x WHERE { BIND(?__n AS ?x) BIND(?__k AS ?y) }")
    # grlc writes lists of one-key mappings
    assert query.param("n").default == "3"
    assert query.param("k").type == "enum" and query.param("k").values == ("a", "b")


def test_convert_and_normalise_directly():
    param = declare("q", "_year", {"type": "integer"})
    assert normalise(param, "+12") == "12"
    assert convert(param, "12").datatype.value == XSD + "integer"
    with pytest.raises(ParamError):
        normalise(param, "12.5")


HOSTILE = ['"', "'", '"} ; DROP ALL ; SELECT * WHERE {"', "} ; DROP ALL", "a\nb",
           "{{{", "\\", "?_a", "#", "<http://evil/>"]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_string_values_only_ever_match_as_text(value, tmp_path):
    from migkg.store import open_store

    store = open_store(str(tmp_path / "s"))
    query = querying.parse_query_file(
        "echo", "#+ summary: echo\n#+ x-returns: [v]\nSELECT ?v WHERE { BIND(STR(?_v) AS ?v) }")
    result = store.select(query.text, querying.bind(query, {"v": value}, store))
    assert result.rows == [[value]]
    assert store.named_graphs() == []  # nothing was written
    store.close()
