"""migkg review (issue 13): the queue of inferred items, decisions applied all or nothing,
the review graph in PROV, the reviewed view of queries and exports, re-ingest, and the
page worked through with the keyboard in a real browser."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from helpers import SEED, launch_chromium, need_corpus, rows, run
from migkg.review import COLUMNS, DECISIONS_GRAPH, REVIEWED_GRAPH
from migkg.store import open_store

REPORT = "https://w3id.org/migkg/id/report/gfmd2018-rt2-1-south-south-mobility-md"
LINK_22 = f"{REPORT}/practice/5/link/objective-22"  # objective 22 rests on this link alone
PRACTICE_4 = f"{REPORT}/practice/4"  # 'At national level' in the report


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    """A store holding the seed report, loaded from a copy that tests may edit."""
    need_corpus()
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    store = tmp_path / "store"
    result = run("ingest", folder / SEED.name, "--quiet", store=store)
    assert result.exit_code == 0, result.stderr
    return store


def _queue(store: Path) -> list[dict[str, str]]:
    return rows(run("review", "--format", "csv", store=store))


def _decide(path: Path, lines: list[tuple[str, str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["item", "decision", "value"])
        writer.writerows(lines)
    return path


def _objectives(store: Path, *extra: str) -> list[str]:
    found = rows(run("query", "gcm-links", "--format", "csv", *extra, store=store))
    return [r["objective"] for r in found if r["report"] == REPORT]


def _level(store: Path, practice: str, *extra: str) -> str:
    found = rows(run("query", "practices", "--format", "csv", "--limit", "0", *extra,
                     store=store))
    return next(r["level"] for r in found if r["practice"] == practice)


def _levels(store: Path, *extra: str) -> dict[str, int]:
    found = rows(run("query", "practices-by-level", "--format", "csv", *extra, store=store))
    return {r["level"]: int(r["practices"]) for r in found}


def test_queue_lists_levels_and_inferred_links_lowest_confidence_first(seed: Path) -> None:
    result = run("review", "--format", "csv", store=seed)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == ",".join(COLUMNS)
    queue = _queue(seed)
    kinds = {r["kind"] for r in queue}
    assert {"level", "gcm-link", "sdg-link", "principle-link", "category"} <= kinds
    link = next(r for r in queue if r["item"] == LINK_22)
    assert (link["current"], link["confidence"]) == ("22", "0.944")
    assert link["evidence"].startswith("RECs and RCPs are key actors")
    level = next(r for r in queue if r["item"] == PRACTICE_4)
    assert level["current"] == "national" and level["decision"] == ""
    # Inferred links carry a number: lowest first; explicit-basis levels (no number) last.
    numbers = [float(r["confidence"]) for r in queue if r["confidence"]]
    assert numbers == sorted(numbers)
    assert queue[-1]["kind"] in ("level", "category") and not queue[-1]["confidence"]
    assert all(r["kind"] != "gcm-link" or r["item"].split("/link/")[1].startswith("objective-")
               for r in queue)


def test_rejected_link_and_corrected_level_change_the_queries(seed: Path,
                                                              tmp_path: Path) -> None:
    assert "22" in _objectives(seed) and _level(seed, PRACTICE_4) == "national"
    before = _levels(seed)
    decisions = _decide(tmp_path / "d.csv", [(LINK_22, "reject", ""),
                                             (PRACTICE_4, "correct", "regional")])
    result = run("review", "--apply", decisions, "--reviewer", "Ada Lovelace", store=seed)
    assert result.exit_code == 0, result.stderr
    assert "2 decisions (0 accept, 1 correct, 1 reject)" in result.stdout
    assert "22" not in _objectives(seed)
    assert _level(seed, PRACTICE_4) == "regional"
    # The loader's own output is one parameter away, and the report graph is unchanged.
    assert "22" in _objectives(seed, "--param", "reviewed=false")
    assert _level(seed, PRACTICE_4, "--param", "reviewed=false") == "national"
    # The count by level reads the reviewed view too.
    after = _levels(seed)
    assert after["regional"] == before.get("regional", 0) + 1
    assert after["national"] == before["national"] - 1
    assert _levels(seed, "--param", "reviewed=false") == before
    store = open_store(str(seed), read_only=True)
    try:
        assert "vocab/level/national" in next(
            line for line in store.graph_ntriples(REPORT).splitlines()
            if line.startswith(f"<{PRACTICE_4}> <https://w3id.org/migkg/ontology#level>"))
        review = store.graph_ntriples(DECISIONS_GRAPH)
    finally:
        store.close()
    # PROV: who, when, on what (the item and its text), what.
    assert '"Ada Lovelace"' in review and "prov#endedAtTime" in review
    assert f"<http://www.w3.org/ns/prov#used> <{LINK_22}>" in review
    assert '"rejected"' in review and "<https://w3id.org/migkg/vocab/level/regional>" in review
    assert '"RECs and RCPs are key actors' in review
    # The queue shows the decisions recorded.
    queue = {r["item"]: r for r in _queue(seed)}
    assert (queue[PRACTICE_4]["decision"], queue[PRACTICE_4]["value"]) == ("correct",
                                                                           "regional")
    assert queue[LINK_22]["decision"] == "reject"


def test_one_wrong_line_applies_nothing(seed: Path, tmp_path: Path) -> None:
    decisions = _decide(tmp_path / "d.csv", [
        (LINK_22, "reject", ""),
        (PRACTICE_4, "correct", "planetary"),
        (f"{REPORT}/practice/99", "accept", ""),
        (f"{REPORT}/practice/3", "maybe", ""),
    ])
    result = run("review", "--apply", decisions, "--reviewer", "x", store=seed)
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert errors[0].startswith(f"error: {decisions}:3: value 'planetary' is not in the list")
    assert "national, regional" in errors[0] or "regional" in errors[0]
    assert errors[1].startswith(f"error: {decisions}:4: unknown item")
    assert errors[2].startswith(f"error: {decisions}:5: decision 'maybe'")
    assert errors[-1] == f"error: {decisions}: nothing applied (3 line(s) wrong)"
    assert "22" in _objectives(seed)  # the valid first line was not applied either
    store = open_store(str(seed), read_only=True)
    try:
        assert DECISIONS_GRAPH not in store.named_graphs()
    finally:
        store.close()


def test_decisions_survive_reingest_and_stale_ones_are_listed(seed: Path,
                                                              tmp_path: Path) -> None:
    decisions = _decide(tmp_path / "d.csv", [(LINK_22, "reject", ""),
                                             (PRACTICE_4, "correct", "regional")])
    assert run("review", "--apply", decisions, "--reviewer", "x", store=seed).exit_code == 0
    copy = tmp_path / "reports" / SEED.name
    again = run("ingest", copy, "--quiet", store=seed)
    assert again.exit_code == 0 and "no longer applies" not in again.stderr
    assert "22" not in _objectives(seed) and _level(seed, PRACTICE_4) == "regional"
    # Practice 4's text changes: its decision no longer applies, and says so; the link's
    # text is unchanged and its decision stays.
    text = copy.read_text(encoding="utf-8")
    old = "Existing international standards and cooperation agencies"
    assert old in text
    copy.write_text(text.replace(old, "Existing global standards and cooperation agencies"),
                    encoding="utf-8")
    changed = run("ingest", copy, "--quiet", store=seed)
    assert changed.exit_code == 0, changed.stderr
    assert (f"warning: {PRACTICE_4}: review decision no longer applies (the text it rests "
            "on changed") in changed.stderr
    assert _level(seed, PRACTICE_4) == "national"
    assert "22" not in _objectives(seed)


def test_applying_twice_changes_nothing(seed: Path, tmp_path: Path) -> None:
    decisions = _decide(tmp_path / "d.csv", [(PRACTICE_4, "accept", "")])
    assert run("review", "--apply", decisions, "--reviewer", "x", store=seed).exit_code == 0
    first = run("export", "--format", "nquads", store=seed).stdout
    second = run("review", "--apply", decisions, "--reviewer", "y", store=seed)
    assert second.exit_code == 0 and "0 new or changed" in second.stdout
    assert run("export", "--format", "nquads", store=seed).stdout == first
    assert f'<{PRACTICE_4}> <https://w3id.org/migkg/ontology#reviewOutcome> "accepted" ' \
           f"<{REVIEWED_GRAPH}>" in first


def test_export_is_the_reviewed_view_unless_asked(seed: Path, tmp_path: Path) -> None:
    before = run("export", "--format", "nquads", store=seed).stdout
    decisions = _decide(tmp_path / "d.csv", [(LINK_22, "reject", "")])
    assert run("review", "--apply", decisions, "--reviewer", "x", store=seed).exit_code == 0
    reviewed = run("export", "--format", "nquads", store=seed).stdout
    raw = run("export", "--format", "nquads", "--param", "reviewed=false", store=seed).stdout
    assert f"<{LINK_22}> <https://w3id.org/migkg/ontology#linkedConcept>" not in reviewed
    assert f"<{LINK_22}> <https://w3id.org/migkg/ontology#linkedConcept>" in raw
    assert set(before.splitlines()) <= set(raw.splitlines())
    bad = run("export", "--param", "threshold=1", store=seed)
    assert bad.exit_code == 2 and bad.stderr.startswith("error: --param: export takes only")


def test_queue_file_is_not_overwritten_without_force(seed: Path, tmp_path: Path) -> None:
    target = tmp_path / "review.html"
    target.write_text("mine", encoding="utf-8")
    refused = run("review", "-o", target, store=seed)
    assert refused.exit_code == 2 and "exists; give --force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "mine"
    assert run("review", "-o", target, "--force", store=seed).exit_code == 0
    page = target.read_text(encoding="utf-8")
    assert "<script src" not in page and "<link " not in page and "http://" not in page.split(
        '<script type="application/json"')[0]


def test_every_query_takes_reviewed(seed: Path) -> None:
    bad = run("query", "reports", "--param", "reviewed=perhaps", store=seed)
    assert bad.exit_code == 2 and "'perhaps' is not true or false" in bad.stderr
    assert run("query", "reports", "--param", "reviewed=false", store=seed).exit_code == 0


# A real browser --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        if chromium is None:
            pytest.skip("no Chromium for playwright (apt-get install chromium, or "
                        "python -m playwright install chromium)")
        yield chromium
        chromium.close()


def test_page_decisions_made_with_the_keyboard_are_applied(seed: Path, tmp_path: Path,
                                                           browser) -> None:
    page_file = tmp_path / "review.html"
    assert run("review", "-o", page_file, store=seed).exit_code == 0
    context = browser.new_context(accept_downloads=True)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda e: problems.append(str(e)))
    tab.on("request", lambda r: problems.append(r.url) if not r.url.startswith(
        ("file:", "blob:", "data:")) else None)
    try:
        tab.goto(page_file.as_uri())
        order = tab.eval_on_selector_all("li.item", "els => els.map(e => e.dataset.item)")
        total = len(order)
        assert tab.text_content("#progress").startswith(f"{total} of {total} items remain")

        def go_to(item: str) -> None:
            while tab.evaluate("document.activeElement.dataset.item") != item:
                tab.keyboard.press("j")

        go_to(LINK_22)
        tab.keyboard.press("r")  # reject; focus moves on
        go_to(PRACTICE_4)
        tab.keyboard.press("c")  # the level list: national -> regional, confirmed
        tab.keyboard.press("ArrowDown")
        tab.keyboard.press("Enter")
        progress = tab.text_content("#progress")
        assert progress.startswith(f"{total - 2} of {total} items remain")
        assert "0 accepted so far (0% of 2 decided)" in progress
        with tab.expect_download() as download:
            tab.keyboard.press("s")
        saved = tmp_path / "decisions.csv"
        download.value.save_as(saved)
    finally:
        context.close()
    assert problems == []
    decided = {r["item"]: r for r in csv.DictReader(io.StringIO(saved.read_text("utf-8")))
               if r["decision"]}
    assert list(next(csv.reader(io.StringIO(saved.read_text("utf-8"))))) == list(COLUMNS)
    assert {k: (v["decision"], v["value"]) for k, v in decided.items()} == {
        LINK_22: ("reject", ""), PRACTICE_4: ("correct", "regional")}
    applied = run("review", "--apply", saved, "--reviewer", "browser", store=seed)
    assert applied.exit_code == 0, applied.stderr
    assert _level(seed, PRACTICE_4) == "regional"
    assert "22" not in _objectives(seed)


def test_evaluate_scores_the_loader_against_the_decisions(seed: Path, tmp_path: Path) -> None:
    nothing = run("evaluate", "--reviewed", store=seed)
    assert nothing.exit_code == 1 and "no review decision applies" in nothing.stderr
    decisions = _decide(tmp_path / "d.csv", [(LINK_22, "reject", ""),
                                             (PRACTICE_4, "correct", "regional"),
                                             (f"{REPORT}/practice/1", "accept", "")])
    assert run("review", "--apply", decisions, "--reviewer", "x", store=seed).exit_code == 0
    import json

    scored = run("evaluate", "--reviewed", "--format", "json", store=seed)
    assert scored.exit_code == 0, scored.stderr
    data = json.loads(scored.stdout)
    assert data["decided"] == 3 and data["remaining"] == data["items"] - 3
    assert data["kinds"]["level"] == {"decided": 2, "accepted": 1, "corrected": 1,
                                      "rejected": 0, "precision": 0.5,
                                      "mean_confidence": None}
    assert data["kinds"]["gcm-link"]["precision"] == 0.0
    assert data["kinds"]["gcm-link"]["mean_confidence"] == 0.944
    # Gold-file scores measure the loader's own output, not the reviewers' corrections.
    from migkg.evaluate import predictions

    store = open_store(str(seed), read_only=True)
    try:
        _, prediction = predictions(store)[SEED.name]
    finally:
        store.close()
    assert "22" in prediction.objectives


def test_report_narrows_the_queue_and_an_unknown_one_is_refused(seed: Path) -> None:
    narrowed = rows(run("review", "--format", "csv", "--report", REPORT, store=seed))
    assert narrowed and {r["report"] for r in narrowed} == {REPORT}
    refused = run("review", "--format", "csv", "--report", "nope", store=seed)
    assert refused.exit_code == 2 and "'nope' is no report in the store" in refused.stderr


def test_a_rejected_objective_link_leaves_the_coverage_queries_and_the_export(
        seed: Path, tmp_path: Path) -> None:
    objective_22 = "https://w3id.org/migkg/gcm/objective/22"

    def coverage(*extra: str) -> set[str]:
        found = rows(run("query", "gcm-coverage", "--format", "csv", *extra, store=seed))
        return {r["objective"] for r in found}

    def gaps(*extra: str) -> set[str]:
        found = rows(run("query", "gcm-gaps", "--format", "csv", *extra, store=seed))
        return {r["objective"] for r in found}

    def objectives_in_timeline(*extra: str) -> int:
        found = rows(run("query", "timeline", "--format", "csv", *extra, store=seed))
        return sum(int(r["objectives"]) for r in found)

    before = (coverage(), gaps(), objectives_in_timeline())
    assert "22" in before[0] and "22" not in before[1]
    decisions = _decide(tmp_path / "d.csv", [(LINK_22, "reject", "")])
    assert run("review", "--apply", decisions, "--reviewer", "x", store=seed).exit_code == 0
    assert coverage() == before[0] - {"22"}
    assert gaps() == before[1] | {"22"}
    assert objectives_in_timeline() == before[2] - 1
    raw = ("--param", "reviewed=false")
    assert (coverage(*raw), gaps(*raw), objectives_in_timeline(*raw)) == before
    covers = f"<{REPORT}> <https://w3id.org/migkg/ontology#coversObjective> <{objective_22}>"
    tally = f"<{REPORT}> <https://w3id.org/migkg/ontology#objectiveTally> \"22"
    reviewed = run("export", "--format", "nquads", store=seed).stdout
    assert covers not in reviewed and tally not in reviewed
    exported = run("export", "--format", "nquads", *raw, store=seed).stdout
    assert covers in exported and tally in exported
    # The other objectives' tallies are the loader's, in the report graph and in the view.
    own = {line for line in exported.splitlines()
           if "objectiveTally" in line and line.endswith(f"<{REPORT}> .")}
    seen = {line for line in reviewed.splitlines()
            if "objectiveTally" in line and line.endswith(f"<{REPORT}> .")}
    assert seen == {line for line in own if tally not in line}
    # Re-ingesting the same file keeps the reviewed summary.
    result = run("ingest", seed.parent / "reports" / SEED.name, "--quiet", store=seed)
    assert result.exit_code == 0, result.stderr
    assert coverage() == before[0] - {"22"}


def test_reviewed_mentions_and_levels_reach_the_practice_summaries(tmp_path: Path) -> None:
    # A bundled example (no corpus needed): a practice naming an actor outside the
    # registry, whose mention a reviewer corrects to a country, and whose level they
    # correct too.
    from migkg.resources import example_files

    source = next(Path(str(p)) for p in example_files()
                  if Path(str(p)).name == "aprr2021_rt2_fair_recruitment.md")
    store = tmp_path / "store"
    assert run("ingest", source, "--quiet", store=store).exit_code == 0
    report = "https://w3id.org/migkg/id/report/aprr2021-rt2-fair-recruitment-md"
    practice = f"{report}/practice/3"
    mention = f"{practice}/mention/2"
    queue = {r["item"]: r for r in _queue(store)}
    assert queue[mention]["kind"] == "entity"
    assert queue[mention]["current"] == "Department of Labor and Employment"
    assert queue[practice]["current"] == "national"
    iceland = "https://w3id.org/migkg/id/country/ISL"

    def countries(*extra: str) -> dict[str, dict[str, str]]:
        found = rows(run("query", "practices-by-country", "--format", "csv", *extra,
                         store=store))
        return {r["country"]: r for r in found}

    def actor_names(*extra: str) -> str:
        found = rows(run("query", "practices-by-actor-type", "--format", "csv", *extra,
                         store=store))
        return next((r["names"] for r in found if r["actorType"] == "Actor"), "")

    before = (countries(), actor_names())
    assert "ISL" not in before[0] and "Department of Labor and Employment" in before[1]
    decisions = _decide(tmp_path / "d.csv", [(mention, "correct", "ISL"),
                                             (practice, "correct", "regional")])
    assert run("review", "--apply", decisions, "--reviewer", "x", store=store).exit_code == 0
    after = countries()
    assert after["ISL"]["practices"] == "1" and after["ISL"]["levels"] == "regional: 1"
    assert {k: v for k, v in after.items() if k != "ISL"}.keys() == before[0].keys()
    assert "Department of Labor and Employment" not in actor_names()
    raw = ("--param", "reviewed=false")
    assert (countries(*raw), actor_names(*raw)) == before
    # actors-by-session names the country the reviewer chose, counted in its insight.
    def actors(*extra: str) -> dict[str, str]:
        found = rows(run("query", "actors-by-session", "--format", "csv", "--limit", "0",
                         *extra, store=store))
        return {r["label"]: r["insights"] for r in found if r["report"] == report}

    assert actors()["Iceland"] == "1" and "Iceland" not in actors(*raw)
    assert "Department of Labor and Employment" in actors(*raw)
    assert "Department of Labor and Employment" not in actors()
    # search's country filter reads the reviewed mentions too.
    def searched(*extra: str) -> list[str]:
        found = rows(run("query", "search", "--format", "csv", "--param", "text=return",
                         "--param", "country=ISL", *extra, store=store))
        return [r["insight"] for r in found]

    assert searched() == [practice] and searched(*raw) == []
    # The export's practice names the country, not the actor, unless asked otherwise.
    line = f"<{practice}> <https://w3id.org/migkg/ontology#mentions> <{iceland}> <{report}> ."
    assert line in run("export", "--format", "nquads", store=store).stdout
    assert line not in run("export", "--format", "nquads", *raw, store=store).stdout


def test_a_rejected_section_heading_leaves_the_section_missing_in_completeness(
        tmp_path: Path) -> None:
    from migkg.resources import example_files

    source = next(Path(str(p)) for p in example_files()
                  if Path(str(p)).name == "imrf2022_rt4_data_discrimination.html")
    store = tmp_path / "store"
    assert run("ingest", source, "--quiet", store=store).exit_code == 0
    section = "https://w3id.org/migkg/id/report/imrf2022-rt4-data-discrimination-html/" \
        "section/agenda2030"
    assert _queue(store) and any(r["item"] == section for r in _queue(store))

    def completeness(*extra: str) -> dict[str, tuple[str, str]]:
        found = rows(run("query", "completeness", "--format", "csv", "--limit", "0", *extra,
                         store=store))
        return {r["section"]: (r["status"], r["present"]) for r in found}

    before = completeness()
    assert before["agenda2030"][0] == "present"
    decisions = _decide(tmp_path / "d.csv", [(section, "reject", "")])
    assert run("review", "--apply", decisions, "--reviewer", "x", store=store).exit_code == 0
    after = completeness()
    present = str(int(before["agenda2030"][1]) - 1)
    assert after["agenda2030"] == ("missing", present)
    assert all(after[k] == (status, present) for k, (status, _n) in before.items()
               if k != "agenda2030")
    assert completeness("--param", "reviewed=false") == before


def test_search_filters_by_the_reviewed_objectives(seed: Path, tmp_path: Path) -> None:
    def hits(*extra: str) -> list[str]:
        found = rows(run("query", "search", "--format", "csv", "--param",
                         "text=RECs and RCPs are key actors", "--param", "objective=22",
                         *extra, store=seed))
        return [r["insight"] for r in found]

    assert hits() == [f"{REPORT}/practice/5"]
    decisions = _decide(tmp_path / "d.csv", [(LINK_22, "reject", "")])
    assert run("review", "--apply", decisions, "--reviewer", "x", store=seed).exit_code == 0
    assert hits() == []
    assert hits("--param", "reviewed=false") == [f"{REPORT}/practice/5"]


def test_the_dashboard_shows_the_reviewed_links_and_mentions(tmp_path: Path) -> None:
    pytest.importorskip("jinja2", reason="the dashboard extra is not installed")
    from migkg.dashboard.gather import gather
    from migkg.resources import example_files

    source = next(Path(str(p)) for p in example_files()
                  if Path(str(p)).name == "aprr2021_rt2_fair_recruitment.md")
    where = tmp_path / "store"
    assert run("ingest", source, "--quiet", store=where).exit_code == 0
    queue = _queue(where)
    link = next(r for r in queue if r["kind"] == "gcm-link")
    insight, concept = link["item"].split("/link/")[0], link["current"]
    mention = "https://w3id.org/migkg/id/report/aprr2021-rt2-fair-recruitment-md/" \
        "practice/3/mention/2"

    def seen() -> tuple[set[str], set[str]]:
        store = open_store(str(where), read_only=True)
        try:
            data = gather(store)
        finally:
            store.close()
        found = {i.iri: i for s in data.sessions for i in s.insights}
        links = {lk.concept.rsplit("/", 1)[-1] for lk in found[insight].links
                 if lk.dimension == "objective"}
        named = {m.entity.rsplit("/", 1)[-1] for m in found[mention.split("/mention/")[0]]
                 .mentions}
        return links, named

    links, named = seen()
    assert concept in links and "ISL" not in named
    decisions = _decide(tmp_path / "d.csv", [(link["item"], "reject", ""),
                                             (mention, "correct", "ISL")])
    assert run("review", "--apply", decisions, "--reviewer", "x", store=where).exit_code == 0
    links, named = seen()
    assert concept not in links and "ISL" in named


def test_a_later_decision_replaces_an_earlier_one_and_both_stay_recorded(
        seed: Path, tmp_path: Path) -> None:
    from migkg.review import apply, record

    store = open_store(str(seed))
    try:
        first = apply.apply_text(store, f"item,decision,value\n{PRACTICE_4},reject,\n",
                                 "Ada", when="2026-12-01T10:00:00Z")
        second = apply.apply_text(store, f"item,decision,value\n{PRACTICE_4},correct,regional\n",
                                  "Grace", when="2026-12-02T10:00:00Z")
        # The same decision again changes nothing.
        again = apply.apply_text(store, f"item,decision,value\n{PRACTICE_4},correct,regional\n",
                                 "Grace", when="2026-12-03T10:00:00Z")
        assert (first.changed, second.changed, again.changed) == (1, 1, 0)
        decisions = [r for r in record.history(store) if r.item == PRACTICE_4]
        assert [(r.outcome, r.reviewer) for r in decisions] == [("rejected", "Ada"),
                                                                ("corrected", "Grace")]
        assert decisions[1].replaces == decisions[0].node != decisions[1].node
        assert record.stored(store)[PRACTICE_4].outcome == "corrected"
        review = store.graph_ntriples(DECISIONS_GRAPH)
    finally:
        store.close()
    assert f"<{decisions[1].node}> <http://www.w3.org/ns/prov#wasInformedBy> " \
        f"<{decisions[0].node}>" in review
    assert _level(seed, PRACTICE_4) == "regional"


def test_the_view_counted_report_by_report_equals_the_view_counted_at_once(
        tmp_path: Path) -> None:
    from migkg.resources import example_files
    from migkg.review import view

    names = ("aprr2021_rt2_fair_recruitment.md", "imrf2022_rt4_data_discrimination.html")
    sources = [Path(str(p)) for p in example_files() if Path(str(p)).name in names]
    where = tmp_path / "store"
    assert run("ingest", *sources, "--quiet", store=where).exit_code == 0
    queue = _queue(where)
    first = {}
    for row in queue:  # each report's first GCM link and first entity
        first.setdefault((row["report"], row["kind"]), row["item"])
    picked = [item for (report, kind), item in sorted(first.items())
              if kind in ("gcm-link", "entity")]
    assert len({item.split("/")[6] for item in picked}) == 2  # both reports
    for item in picked:  # one decision file each: each refresh counts one report again
        value = "ISL" if "/mention/" in item else ""
        decided = _decide(tmp_path / "d.csv", [(item, "correct" if value else "reject",
                                                value)])
        assert run("review", "--apply", decided, "--reviewer", "x", store=where).exit_code == 0
    # Re-ingesting one of them counts it again.
    assert run("ingest", sources[0], "--quiet", store=where).exit_code == 0
    store = open_store(str(where))
    try:
        step_by_step = store.graph_ntriples(REVIEWED_GRAPH)
        assert step_by_step.count('> <https://w3id.org/migkg/ontology#reviewOutcome> '
                                  '"corrected" .') >= 2
        store.drop_graphs([REVIEWED_GRAPH])
        view.refresh(store)
        assert sorted(store.graph_ntriples(REVIEWED_GRAPH).splitlines()) == \
            sorted(step_by_step.splitlines())
    finally:
        store.close()


@pytest.mark.parametrize(("kind", "query", "column"), [
    ("sdg-link", "sdg-coverage", "target"), ("principle-link", "principles-coverage",
                                              "principle")])
def test_a_rejected_link_leaves_the_sdg_and_principle_coverage(
        seed: Path, tmp_path: Path, kind: str, query: str, column: str) -> None:
    def coverage(*extra: str) -> dict[str, int]:
        found = rows(run("query", query, "--format", "csv", *extra, store=seed))
        return {r[column]: int(r["statements"]) for r in found}

    link = next(r for r in _queue(seed) if r["kind"] == kind)
    before = coverage()
    concept = link["current"]
    assert before[concept] >= 1
    decisions = _decide(tmp_path / "d.csv", [(link["item"], "reject", "")])
    assert run("review", "--apply", decisions, "--reviewer", "x", store=seed).exit_code == 0
    after = coverage()
    assert after.get(concept, 0) == before[concept] - 1
    assert {k: v for k, v in after.items() if k != concept} == \
        {k: v for k, v in before.items() if k != concept}
    assert coverage("--param", "reviewed=false") == before


def test_recurring_challenges_read_the_reviewed_categories_and_links(
        seed: Path, tmp_path: Path) -> None:
    def groups(*extra: str) -> set[tuple[str, str]]:
        found = rows(run("query", "recurring-challenges", "--format", "csv", "--param",
                         "minSessions=1", *extra, store=seed))
        return {(r["category"], r["objective"]) for r in found}

    before = groups()
    queue = _queue(seed)
    challenge = next(r for r in queue if r["kind"] == "category")
    link = next(r for r in queue if r["kind"] == "gcm-link"
                and r["item"].startswith(challenge["item"] + "/"))
    category, objective = challenge["current"], link["current"]
    assert (category, objective) in before
    other = "perceptions" if category != "perceptions" else "socio-economic"
    target = "1" if objective != "1" else "2"
    decisions = _decide(tmp_path / "d.csv", [(challenge["item"], "correct", other),
                                             (link["item"], "correct", target)])
    result = run("review", "--apply", decisions, "--reviewer", "x", store=seed)
    assert result.exit_code == 0, result.stderr
    assert (other, target) in groups() and (other, target) not in before
    assert groups("--param", "reviewed=false") == before


def test_decisions_lists_the_decisions_in_force(seed: Path, tmp_path: Path) -> None:
    def decided(*extra: str) -> list[tuple[str, str, str, str, str]]:
        found = rows(run("query", "decisions", "--format", "csv", *extra, store=seed))
        return [(r["item"], r["kind"], r["outcome"], r["value"], r["previous"])
                for r in found]

    assert decided() == []
    first = _decide(tmp_path / "a.csv", [(LINK_22, "accept", ""),
                                         (PRACTICE_4, "correct", "regional")])
    assert run("review", "--apply", first, "--reviewer", "Ada", store=seed).exit_code == 0
    later = _decide(tmp_path / "b.csv", [(LINK_22, "reject", "")])
    assert run("review", "--apply", later, "--reviewer", "Grace", store=seed).exit_code == 0
    # The later decision on the link replaces the earlier; both stay in the review graph.
    assert decided() == [(PRACTICE_4, "level", "corrected", "regional", "national"),
                         (LINK_22, "gcm-link", "rejected", "", "22")]
    found = rows(run("query", "decisions", "--format", "csv", store=seed))
    assert [r["reviewer"] for r in found] == ["Ada", "Grace"]
    assert found[0]["session"] == "2.1" and found[0]["report"] == REPORT
    assert found[1]["text"].startswith("RECs and RCPs are key actors")
    assert decided("--param", "outcome=rejected") == [decided()[1]]
    assert decided("--param", "year=2019") == []
    bad = run("query", "decisions", "--param", "outcome=maybe", store=seed)
    assert bad.exit_code == 2 and "accepted, corrected, rejected" in bad.stderr
