"""Issue 2's acceptance, tried as a new user would, on the seed report of ../shared/corpus."""

from __future__ import annotations

from collections import Counter

import pytest

from helpers import SEED, need_corpus, rows, run


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    need_corpus()
    location = tmp_path_factory.mktemp("seed") / "store"
    result = run("ingest", SEED, store=location)
    assert result.exit_code == 0, result.stderr
    return location


def query(name: str, store):
    return rows(run("query", name, "--format", "csv", store=store))


def test_sections(store):
    status = {r["section"]: r["status"] for r in query("sections", store)}
    assert status == {"summary": "present", "challenges": "present", "practices": "present",
                      "gcm": "present", "agenda2030": "empty", "quotes": "present"}


def test_challenges(store):
    found = query("challenges", store)
    assert len(found) == 7
    assert Counter(r["category"] for r in found) == {"socio-economic": 4,
                                                      "technical-capacity": 3}


def test_practices(store):
    found = query("practices", store)
    assert len(found) == 9
    assert Counter(r["level"] for r in found) == {"national": 4, "regional": 2, "innovation": 3}
    assert found[0]["title"] == "National will"


def test_quotes(store):
    (quote,) = query("quotes", store)
    assert quote["attribution"] == "anonymous"
    assert quote["speaker"] == "South-Asian country"
    assert quote["approved"] == ""


def test_reports(store):
    (report,) = query("reports", store)
    assert report["rapporteur"] == "Guillaume Cassaigneau"
    assert report["session"] == "2.1"
    assert report["title"] == "South-South Mobility"
    assert report["date"] == "2018-12-06"
    assert report["year"] == "2018"
    assert report["source"] == SEED.name
    assert "GFMD" in report["event"]
