"""Every named query documents itself and returns exactly the contract's columns."""

from __future__ import annotations

import pytest
from rdflib.plugins.sparql import prepareQuery

from migkg import querying

CONTRACT = {
    "reading": "report, source, section, status, heading, confidence, evidence",
    "reports": "report, source, event, year, session, title, date, rapporteur",
    "sections": "report, source, section, status",
    "challenges": "report, session, challenge, category, text",
    "practices": "report, session, practice, level, title, text",
    "mentions": "report, session, kind, entity, label, code",
    "gcm-links": "report, session, objective, basis, confidence, evidence",
    "sdg-links": "report, session, target, basis, confidence, evidence",
    "principles": "report, session, principle, basis, confidence, evidence",
    "quotes": "report, session, attribution, speaker, approved, text",
    "figures": "report, session, value, unit, subject, country",
    "gcm-coverage": "event, session, objective, statements",
    "compare-sessions": "dimension, item, label, in_a, in_b",
}
QUERIES = querying.named_queries()


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_header_is_complete(name):
    query = QUERIES[name]
    assert query.summary and len(query.summary) <= 80
    assert query.description
    assert query.tags
    assert query.returns


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_projection_matches_header(name):
    query = QUERIES[name]
    parsed = prepareQuery(query.text)
    projected = [str(v) for v in parsed.algebra["PV"]]
    assert projected == query.returns


@pytest.mark.parametrize("name", sorted(set(CONTRACT) & set(QUERIES)))
def test_contract_columns(name):
    assert QUERIES[name].returns == CONTRACT[name].split(", ")


def test_issue_two_queries_exist():
    assert {"reports", "sections", "challenges", "practices", "quotes"} <= set(QUERIES)


def test_compare_sessions_declares_its_parameters():
    params = {p.name: p for p in QUERIES["compare-sessions"].params}
    assert set(params) == {"a", "b"} and all(p.required for p in params.values())


def test_binding_rejects_unknown_and_missing_parameters():
    query = QUERIES["compare-sessions"]
    with pytest.raises(querying.QueryError, match="needs --param"):
        querying.bind(query, {"a": "2.1"})
    with pytest.raises(querying.QueryError, match="no parameter"):
        querying.bind(query, {"a": "1", "b": "2", "c": "3"})
