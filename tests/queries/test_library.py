"""The query library on the bundled examples, on an empty store and on the shared corpus.

Each query is checked for rows it must give (values read off the examples' reports) and
for what its selections leave out; the same queries on an empty store give their columns
and no rows; the issue's acceptance checks run on ../shared/corpus when it is there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import CORPUS, report_files
from migkg import querying, resources
from migkg.ingest import ingest
from migkg.store import open_store

NAMES = sorted(querying.named_queries())
SELECTING = [n for n in NAMES if querying.get(n).param("year")]


def _store(folder: Path, files: list[Path]):
    store = open_store(str(folder))
    result = ingest(store, files, workers=1)
    assert len(result.loaded) == len(files)
    return store


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory):
    store = _store(tmp_path_factory.mktemp("examples") / "s",
                   [Path(str(e)) for e in resources.example_files()])
    yield store
    store.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not on this machine")
    store = _store(tmp_path_factory.mktemp("corpus") / "s", report_files(CORPUS))
    yield store
    store.close()


def q(store, name: str, **values: object) -> list[dict[str, str]]:
    result = querying.run_named(store, name, {k: str(v) for k, v in values.items()})
    assert result.columns == querying.get(name).returns
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


def _example(name: str) -> dict:
    query = querying.get(name)
    return {p.name: p.example or "2.1" for p in query.params if p.required}


# --- an empty store --------------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_every_query_runs_on_an_empty_store(tmp_path: Path, name: str) -> None:
    store = open_store(str(tmp_path / "empty"))
    try:
        assert q(store, name, **_example(name)) == []
    finally:
        store.close()


# --- selections ------------------------------------------------------------------------

def _reports_of(examples, **selection) -> set[str]:
    return {r["report"] for r in q(examples, "reports", **selection)}


def test_selections_name_the_reports(examples) -> None:
    gfmd2018 = _reports_of(examples, event="GFMD 2018")
    assert {r.rsplit("/", 1)[1] for r in gfmd2018} == {"gfmd2018-rt3-1-children-on-the-move-docx"}
    # Its key, its label and another of its names say the same.
    assert _reports_of(examples, event="gfmd-2018") == gfmd2018
    assert _reports_of(examples, event="eleventh gfmd summit") == gfmd2018
    assert _reports_of(examples, event="11th GFMD Summit") == gfmd2018
    imrf = _reports_of(examples, series="imrf")
    assert len(imrf) == 4 and all("imrf" in r for r in imrf)
    assert _reports_of(examples, year=2022) == {r for r in imrf if "2022" in r}
    assert _reports_of(examples, series="IMRF", year=2026) == {r for r in imrf if "2026" in r}
    # A selection naming nothing in the store is a usage error listing what is there.
    with pytest.raises(querying.QueryError, match="is no event in the store.*Eleventh GFMD"):
        _reports_of(examples, event="no such event")
    with pytest.raises(querying.QueryError, match=r"is no series in the store \(known: .*IMRF"):
        _reports_of(examples, series="Davos")
    assert _reports_of(examples, year=1999) == set()  # a year is a number, not a name
    assert len(_reports_of(examples)) == 18


@pytest.mark.parametrize("name", SELECTING)
def test_a_selection_keeps_only_its_reports(examples, name: str) -> None:
    params = _example(name)
    everything = q(examples, name, **params)
    chosen = q(examples, name, **params, year=2022)
    if name == "gcm-gaps":  # the objectives a smaller selection leaves out can only grow
        assert len(chosen) >= len(everything)
        return
    assert len(chosen) <= len(everything)
    if "report" in querying.get(name).returns:
        allowed = _reports_of(examples, year=2022)
        assert {r["report"] for r in chosen} <= allowed
        assert len(chosen) < len(everything) or not everything
    assert q(examples, name, **params, year=1990) == []


# --- the library on the examples ------------------------------------------------------

def test_gcm_gaps(examples) -> None:
    gaps = q(examples, "gcm-gaps", event="GFMD 2018")
    numbers = [int(r["objective"]) for r in gaps]
    # The 2018 children session links objectives 1, 4, 7, 11, 13 and 17, and no others.
    assert numbers == [n for n in range(1, 24) if n not in {1, 4, 7, 11, 13, 17}]
    assert {r["reports"] for r in gaps} == {"1"}
    assert gaps[0]["label"].startswith("Minimize the adverse drivers")
    assert [int(r["objective"]) for r in q(examples, "gcm-gaps", year=2020)] == \
        [1, 2, 3, 4, 7, 8, 9, 10, 11, 12, 13, 14, 19, 20, 22]
    nothing = q(examples, "gcm-gaps", year=1990)
    assert len(nothing) == 23 and {r["reports"] for r in nothing} == {"0"}


def test_recurring_challenges(examples) -> None:
    rows = {(r["category"], r["objective"]): r for r in q(examples, "recurring-challenges")}
    data = rows[("technical-capacity", "1")]
    assert data["sessions"] == "3" and data["events"] == "3"
    assert "Eleventh GFMD Summit: 3.1" in data["sessionList"]
    assert "First International Migration Review Forum: 4" in data["sessionList"]
    assert data["evidence"].count("[") >= 3
    assert data["objectiveLabel"].startswith("Collect and utilize accurate")
    assert all(int(r["sessions"]) >= 2 for r in rows.values())
    three = q(examples, "recurring-challenges", minSessions=3)
    assert {(r["category"], r["objective"]) for r in three} == {
        ("technical-capacity", "1"), ("perceptions", "17")}
    assert [r["objective"] for r in q(examples, "recurring-challenges", objective=1)] == ["1"]


def test_practices_by_level(examples) -> None:
    rows = {r["level"]: r for r in q(examples, "practices-by-level")}
    assert {k: rows[k]["practices"] for k in rows} == {
        "national": "47", "regional": "32", "innovation": "28", "global": "9"}
    assert rows["national"]["label"] == "National level"
    total = sum(int(r["practices"]) for r in rows.values())
    assert total == len(q(examples, "practices"))


def test_practices_by_country(examples) -> None:
    rows = {r["country"]: r for r in q(examples, "practices-by-country")}
    assert rows["COL"]["practices"] == "5" and rows["COL"]["label"] == "Colombia"
    assert rows["COL"]["levels"] == "innovation: 1; national: 3; regional: 1"
    assert "Estatuto Temporal de Protección (Colombia)." in rows["COL"]["titles"]
    assert rows["MEX"]["levels"] == "national: 5"
    national = {r["country"]: r for r in q(examples, "practices-by-country", level="national")}
    assert national["COL"]["practices"] == "3" and national["COL"]["levels"] == "national: 3"


def test_practices_by_actor_type(examples) -> None:
    rows = {r["actorType"]: r for r in q(examples, "practices-by-actor-type", series="IMRF")}
    assert rows["State"]["practices"] == "11" and rows["State"]["actors"] == "11"
    assert rows["InternationalOrganisation"]["label"] == "international organisation"
    assert "Actor" in rows and "PolicyInstrument" not in rows


def test_actors_by_session(examples) -> None:
    rows = q(examples, "actors-by-session", event="GFMD 2018")
    assert {r["session"] for r in rows} == {"3.1"}
    assert {r["event"] for r in rows} == {"Eleventh GFMD Summit"}
    by_code = {r["code"]: r for r in rows}
    assert by_code["GTM"]["label"] == "Guatemala" and by_code["GTM"]["insights"] == "1"
    assert {r["kind"] for r in rows} <= {"country", "rec", "rcp", "organisation"}
    only = q(examples, "actors-by-session", event="GFMD 2018", kind="organisation")
    assert only and {r["kind"] for r in only} == {"organisation"}


def test_coverage_queries(examples) -> None:
    sdg = q(examples, "sdg-coverage", year=2018)
    assert {(r["session"], r["target"], r["label"]) for r in sdg} >= {
        ("3.1", "16.2", "Target 16.2"), ("3.1", "4.1", "Target 4.1")}
    principles = q(examples, "principles-coverage", year=2018)
    assert principles[0] == {"event": "Eleventh GFMD Summit", "session": "3.1",
                             "principle": "child-sensitive", "statements": "3",
                             "label": "Child-sensitive"}


def test_gcm_coverage_has_one_row_per_session_and_objective(examples) -> None:
    rows = q(examples, "gcm-coverage")
    keys = [(r["event"], r["session"], r["objective"]) for r in rows]
    assert len(keys) == len(set(keys))
    links = q(examples, "gcm-links")
    # Each report here is its own session: the pairs are those of gcm-links.
    assert len(rows) == len({(r["report"], r["objective"]) for r in links})
    children = [r for r in rows if r["event"] == "Eleventh GFMD Summit"]
    assert [r["objective"] for r in children] == ["1", "4", "7", "11", "13", "17"]


def test_objective_tallies_count_the_insights_linked(examples) -> None:
    """The tallies written at ingest (what gcm-coverage sums) hold, per report and
    objective, the number of its insights linked to the objective."""
    mkg = "https://w3id.org/migkg/ontology#"
    counted = examples.select(
        f"SELECT ?r ?o (COUNT(DISTINCT ?i) AS ?n) WHERE {{ GRAPH ?r {{ "
        f"?i <{mkg}relatesToObjective> ?o }} }} GROUP BY ?r ?o").rows
    tallies = examples.select(
        f"SELECT ?r ?t WHERE {{ GRAPH ?r {{ ?r <{mkg}objectiveTally> ?t }} }}").rows
    written = [(r, f"https://w3id.org/migkg/gcm/objective/{int(t) // 10**6}",
                str(int(t) % 10**6)) for r, t in tallies]
    assert len(counted) > 50
    assert sorted(written) == sorted(map(tuple, counted))


def test_completeness(examples) -> None:
    rows = q(examples, "completeness", event="GFMD 2018")
    assert [r["section"] for r in rows] == ["summary", "challenges", "practices", "gcm",
                                            "agenda2030", "quotes"]
    assert {r["status"] for r in rows} == {"present"} and {r["present"] for r in rows} == {"6"}
    assert rows[1]["confidence"] == "0.995"
    everything = q(examples, "completeness")
    assert len(everything) == 18 * 6
    assert all(0 <= float(r["confidence"]) <= 1 for r in everything if r["confidence"])
    assert {r["status"] for r in everything} <= {"present", "empty", "missing"}


def test_timeline(examples) -> None:
    rows = q(examples, "timeline", series="GFMD")
    assert [(r["year"], r["reports"], r["challenges"], r["practices"], r["objectives"])
            for r in rows] == [("2018", "1", "6", "6", "6"), ("2020", "2", "12", "14", "8"),
                               ("2021", "2", "11", "12", "8"), ("2024", "2", "10", "13", "8")]
    # (the 2021 Latin America and Caribbean review is no GFMD report: issue 7, events)
    assert rows[0]["event"] == "Eleventh GFMD Summit"
    every = q(examples, "timeline")
    assert sum(int(r["challenges"]) for r in every) == len(q(examples, "challenges"))


def test_search(examples) -> None:
    hits = q(examples, "search", text="REGULARISATION")
    assert hits and all("regularisation" in h["text"].lower() for h in hits)
    for hit in hits:
        start, end = int(hit["start"]), int(hit["end"])
        assert start <= int(hit["matchStart"]) < int(hit["matchEnd"]) <= end
        assert int(hit["matchEnd"]) - int(hit["matchStart"]) == len("regularisation")
    inclusion = [h for h in hits if h["source"] == "imrf2026_rt3_inclusion_contributions.html"]
    assert inclusion[0]["section"] == "practices" and inclusion[0]["start"] == "2620"
    assert q(examples, "search", text="regularisation", section="quotes") == []
    assert q(examples, "search", text="no such phrase at all") == []
    child = q(examples, "search", text="children", session="GFMD-2018:3.1")
    assert child and {h["session"] for h in child} == {"3.1"}


def test_search_needs_its_text() -> None:
    with pytest.raises(querying.QueryError, match="needs --param text"):
        querying.check(querying.get("search"), {})


def test_retrofitted_lists_keep_their_rows(examples) -> None:
    # Rows by year, session and report; each report's challenges in reading order.
    rows = q(examples, "challenges")
    counted = examples.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?c a "
                              "<https://w3id.org/migkg/ontology#Challenge> } }").rows[0][0]
    assert len(rows) == int(counted) > 90
    by_report: dict[str, list[str]] = {}
    for r in rows:
        by_report.setdefault(r["report"], []).append(r["challenge"])
    for challenges in by_report.values():
        numbers = [int(c.rsplit("/", 1)[1]) for c in challenges]
        assert numbers == sorted(numbers)
    assert len(q(examples, "challenges", event="GFMD 2018")) == 6


# --- the issue's acceptance on the shared corpus --------------------------------------

def test_recurring_challenges_find_the_data_gap(corpus) -> None:
    rows = {(r["category"], r["objective"]): r for r in q(corpus, "recurring-challenges")}
    gap = rows[("technical-capacity", "1")]
    assert int(gap["sessions"]) >= 3
    assert "labour migration data are scarce" in gap["evidence"].lower()
    assert "Cluster 4" in gap["sessionList"]


def test_search_finds_the_regularisations(corpus) -> None:
    hits = q(corpus, "search", text="regularisation")
    texts = {h["source"]: h for h in hits if "Morocco" in h["text"]}
    assert "gcm_rr_africa2021_cluster4_evidence_cooperation.txt" in texts
    south_africa = [h for h in hits if "South Africa" in h["text"]]
    assert south_africa
    for hit in [*texts.values(), *south_africa]:
        assert int(hit["start"]) < int(hit["end"])
        assert hit["matchStart"] and hit["matchEnd"]


def test_gcm_coverage_one_row_per_session_and_objective_on_the_corpus(corpus) -> None:
    rows = q(corpus, "gcm-coverage")
    keys = [(r["event"], r["session"], r["objective"]) for r in rows]
    assert len(keys) == len(set(keys))
    pairs = {(r["report"], r["objective"]) for r in q(corpus, "gcm-links")}
    assert len(rows) == len(pairs)


PAGED = sorted(name for name, query in querying.named_queries().items() if query.page_by_report)
# Every list query's rows come report by report in order-key order, so paging by report
# must give its rows too, whether or not its header asks for it (x-page-by is a speed
# choice per query): checked on all of them.
ORDERED = sorted(name for name, query in querying.named_queries().items()
                 if "\nORDER BY ?orderKey" in query.text)


def test_pages_by_report_equal_the_whole_result_cut(examples, monkeypatch) -> None:
    """Paging report by report gives exactly the rows of the whole query cut to the page,
    whatever the page, with and without a selection."""
    assert {"sections", "actors-by-session"} <= set(PAGED) and len(ORDERED) >= 10
    for name in ORDERED:
        query = querying.get(name)
        values = {p.name: p.example for p in query.params if p.required}
        for selection in ({}, {"series": "GFMD"}):
            if selection and not query.param("series"):
                continue
            monkeypatch.setattr(query, "page_by_report", False)
            whole = querying.run_named(examples, name, {**values, **selection})
            monkeypatch.setattr(query, "page_by_report", True)
            for limit, offset in ((1, 0), (7, 3), (40, 0), (25, 60), (1000, 0), (5, 10_000)):
                page = querying.run_named(examples, name, {**values, **selection},
                                          limit=limit, offset=offset)
                assert page.columns == whole.columns, name
                assert page.rows == whole.rows[offset:offset + limit], (name, limit, offset)
                assert page.more == (len(whole.rows) > offset + limit), (name, limit, offset)
