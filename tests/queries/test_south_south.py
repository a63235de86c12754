"""The South-South queries and mentions by income group, on the examples and the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import CORPUS, report_files
from migkg import querying, resources
from migkg.ingest import ingest
from migkg.store import open_store


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory):
    store = open_store(str(tmp_path_factory.mktemp("south") / "s"))
    ingest(store, [Path(str(e)) for e in resources.example_files()], workers=1)
    yield store
    store.close()


def q(store, name: str, **values: object) -> list[dict[str, str]]:
    result = querying.run_named(store, name, {k: str(v) for k, v in values.items()})
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


def test_south_south_practices_both_ways(examples) -> None:
    rows = q(examples, "south-south-practices", event="GFMD 2018")
    assert {r["definition"] for r in rows} == {"m49-developing", "wb-not-high-income"}
    by = {(r["practice"].rsplit("/", 1)[1], r["definition"]): r for r in rows}
    m49, income = by[("3", "m49-developing")], by[("3", "wb-not-high-income")]
    assert m49["countries"] == "GTM; HND; SLV"
    assert "HND: Developing" in m49["groups"] and m49["edition"] == "2019-2020"
    assert "HND: Lower middle income" in income["groups"] and income["edition"] == "FY2027"
    only = q(examples, "south-south-practices", definition="m49-developing")
    assert only and {r["definition"] for r in only} == {"m49-developing"}
    # Every row names two or more countries of the South, in code order, each with its group.
    for row in q(examples, "south-south-practices"):
        codes = row["countries"].split("; ")
        assert len(codes) >= 2 and codes == sorted(codes)
        assert [g.split(":")[0] for g in row["groups"].split("; ")] == codes


def test_the_definitions_disagree_where_the_sources_do(examples) -> None:
    rows = q(examples, "south-south-practices")
    m49 = {(r["practice"], r["countries"]) for r in rows if r["definition"] == "m49-developing"}
    income = {(r["practice"], r["countries"]) for r in rows
              if r["definition"] == "wb-not-high-income"}
    assert m49 and income  # each definition finds practices of its own in the examples
    for row in rows:
        expected = ": Developing" if row["definition"] == "m49-developing" else " income"
        assert all(g.endswith(expected) for g in row["groups"].split("; ")), row


def test_south_south_challenges_columns(examples) -> None:
    result = querying.run_named(examples, "south-south-challenges", {})
    assert result.columns == ["report", "session", "challenge", "category", "definition",
                              "countries", "groups", "edition"]
    for row in result.rows:
        assert len(str(row[5]).split("; ")) >= 2


def test_mentions_by_income_group_and_editions(examples) -> None:
    newest = q(examples, "mentions-by-income-group")
    assert [r["income_group"] for r in newest] == [
        "low-income", "lower-middle-income", "upper-middle-income", "high-income", ""]
    assert {r["edition"] for r in newest} == {"FY2027"}
    older = {r["income_group"]: r for r in q(examples, "mentions-by-income-group",
                                             edition="FY2026")}
    new = {r["income_group"]: r for r in newest}
    assert {r["edition"] for r in older.values()} == {"FY2026"}
    # The examples name the Philippines, Lower middle income in FY2026 and Upper in FY2027.
    assert int(new["upper-middle-income"]["countries"]) > \
        int(older["upper-middle-income"]["countries"])
    total = sum(int(r["mentions"]) for r in newest)
    assert total == sum(int(r["mentions"]) for r in older.values())
    assert q(examples, "mentions-by-income-group", year=1990) == []


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not on this machine")
    store = open_store(str(tmp_path_factory.mktemp("corpus") / "s"))
    ingest(store, report_files(CORPUS), workers=1)
    yield store
    store.close()


def test_acceptance_the_2018_south_south_session(corpus) -> None:
    rows = q(corpus, "south-south-practices", event="GFMD 2018")
    groups = {r["definition"]: r["groups"] for r in rows if r["countries"] == "MAR; ZAF"}
    assert "MAR: Developing" in groups["m49-developing"]
    assert "ZAF: Developing" in groups["m49-developing"]
    assert "MAR: Lower middle income" in groups["wb-not-high-income"]
    assert "ZAF: Upper middle income" in groups["wb-not-high-income"]


def test_acceptance_mentioned_entities_carry_codes_and_confirmed_links(corpus) -> None:
    from migkg.ontology import vocabulary

    confirmed = {c.iri: c.wikidata for c in vocabulary.countries()}
    confirmed |= {a.iri: a.wikidata for a in vocabulary.actors()}
    mentioned = q(corpus, "mentions")
    assert any(r["kind"] == "country" for r in mentioned)
    for row in mentioned:
        if row["kind"] not in ("country", "rec", "rcp", "organisation") or not row["code"]:
            continue
        entity = row["entity"]
        facts = corpus.select(
            "PREFIX mkg: <https://w3id.org/migkg/ontology#> "
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            f"SELECT ?m49 ?wd WHERE {{ OPTIONAL {{ <{entity}> mkg:m49 ?m49 }} "
            f"OPTIONAL {{ <{entity}> skos:exactMatch ?wd }} }}").rows
        m49 = {str(r[0]) for r in facts if r[0] is not None}
        links = {str(r[1]) for r in facts if r[1] is not None}
        if row["kind"] == "country":
            assert len(m49) == 1, entity
        expected = confirmed.get(entity)
        assert links == ({f"http://www.wikidata.org/entity/{expected}"} if expected else set()
                         ), entity
