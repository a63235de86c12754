"""`migkg report`: the static dashboard built from the bundled examples, its files,
determinism, folder ownership, and a real headless browser (Chromium) reading it."""

from __future__ import annotations

import filecmp
import json
import re
import shutil
from collections import Counter
from html import unescape
from importlib.resources import files
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from helpers import REPO, launch_chromium, run
from migkg import querying
from migkg.dashboard import MARKER, build
from migkg.dashboard.gather import OBJECTIVE_COUNT, gather
from migkg.demo import load_examples
from migkg.store import open_store

pytest.importorskip("plotly", reason="the dashboard extra (plotly) is not installed")
pytest.importorskip("jinja2", reason="the dashboard extra (jinja2) is not installed")

PAGES = ("index.html", "completeness.html", "actors.html", "compare.html", "search.html")
ARTIFACTS = REPO / "tests" / "artifacts"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The examples ingested once, and their dashboard: (store path, dashboard folder)."""
    root = tmp_path_factory.mktemp("dashboard")
    store_path = root / "store"
    store = open_store(str(store_path))
    result = load_examples(store)
    assert not result.errors
    out = root / "dashboard"
    build(store, out)
    store.close()
    return store_path, out


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _data(folder: Path, name: str) -> dict:
    text = (folder / "data" / f"{name}.js").read_text(encoding="utf-8")
    return json.loads(text.split(" = ", 1)[1].rstrip().removesuffix(";"))


def test_package_ships_templates_assets_and_queries():
    package = files("migkg.dashboard")
    for folder, names in {"templates": ("base.html.j2", "session.html.j2"),
                          "assets": ("dashboard.css", "compare.js", "search.js"),
                          "sparql": ("insights.rq", "links.rq")}.items():
        for name in names:
            assert package.joinpath(folder, name).is_file(), (folder, name)


def test_files_pages_and_offline_assets(built):
    _store, out = built
    for page in PAGES:
        assert (out / page).is_file(), page
    sessions = sorted((out / "sessions").glob("*.html"))
    assert len(sessions) == 18
    assert (out / "assets" / "plotly.min.js").stat().st_size > 1_000_000
    licence = (out / "assets" / "plotly-LICENSE.txt").read_text(encoding="utf-8")
    assert "MIT" in licence and "Permission is hereby granted" in licence
    listed = (out / MARKER).read_text(encoding="utf-8").splitlines()[1:]
    assert sorted(listed) == sorted(n for n in _tree(out) if n != MARKER)
    for path in [*(out / p for p in PAGES), *sessions]:
        html = path.read_text(encoding="utf-8")
        # Offline: nothing is loaded from elsewhere (links to other sites would be fine,
        # but the dashboard has none either).
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), path


def test_labels_before_iris_and_evidence_on_session_pages(built):
    store_path, out = built
    store = open_store(str(store_path), read_only=True)
    try:
        data = gather(store)
        challenges = querying.run_named(store, "challenges")
    finally:
        store.close()
    page = (out / "sessions" / "aprr2021-rt2-fair-recruitment-md.html").read_text("utf-8")
    assert "Asia-Pacific Regional Review" in page  # the event's name beside the code
    assert 'id="objective-6"' in page
    assert "Objective 6: Facilitate fair and ethical recruitment" in page
    assert re.search(r"aprr2021_rt2_fair_recruitment\.md, characters \d+–\d+", page)
    # Every challenge's text is on its session's page, under the challenge's anchor.
    key = {s.report: s.key for s in data.sessions}
    column = challenges.columns.index
    for row in challenges.rows:
        html = unescape((out / "sessions" / f"{key[row[0]]}.html").read_text("utf-8"))
        number = row[column("challenge")].rsplit("/", 1)[-1]
        assert f'id="challenge-{number}"' in html
        assert row[column("text")] in html
    index = (out / "index.html").read_text("utf-8")
    assert "Collect and utilize accurate and disaggregated data" in index


def test_heatmap_counts_agree_with_gcm_coverage(built):
    store_path, out = built
    heat = _data(out, "heatmap")
    assert len(heat["z"]) == len(heat["sessions"]) == 18
    assert all(len(row) == OBJECTIVE_COUNT for row in heat["z"])
    store = open_store(str(store_path), read_only=True)
    try:
        coverage = querying.run_named(store, "gcm-coverage")
    finally:
        store.close()
    expected = Counter()
    for event, session, objective, statements in coverage.rows:
        expected[(event or "", session or "", int(objective))] += int(statements)
    found = Counter()
    for session, row in zip(heat["sessions"], heat["z"], strict=True):
        for number, count in enumerate(row, start=1):
            if count:
                found[(session["event"], session["code"], number)] += count
    assert found == expected


def test_same_store_gives_byte_identical_files(built, tmp_path):
    store_path, out = built
    store = open_store(str(store_path), read_only=True)
    try:
        build(store, tmp_path / "again")
    finally:
        store.close()
    comparison = filecmp.dircmp(out, tmp_path / "again")
    assert _tree(out) == _tree(tmp_path / "again"), comparison.diff_files


def test_rebuild_keeps_user_files_and_drops_only_its_own_stale_files(built, tmp_path):
    store_path, out = built
    target = tmp_path / "mine"
    shutil.copytree(out, target)
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    (target / "sessions" / "gone.html").write_text("old page", encoding="utf-8")
    with (target / MARKER).open("a", encoding="utf-8") as marker:
        marker.write("sessions/gone.html\n")
    result = run("report", "--out", str(target), store=store_path)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == f"dashboard: {target / 'index.html'}"
    assert (target / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert not (target / "sessions" / "gone.html").exists()
    assert _tree(target) == {**_tree(out), "notes.txt": b"mine"}


@pytest.mark.parametrize("kind", ["folder", "file"])
def test_foreign_folder_or_file_is_refused_untouched(built, tmp_path, kind):
    store_path, _out = built
    target = tmp_path / "theirs"
    if kind == "folder":
        target.mkdir()
        (target / "thesis.docx").write_text("precious", encoding="utf-8")
    else:
        target.write_text("precious", encoding="utf-8")
    before = _tree(target) if kind == "folder" else target.read_bytes()
    result = run("report", "--out", str(target), store=store_path)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "theirs" in lines[0]
    assert (_tree(target) if kind == "folder" else target.read_bytes()) == before


def test_demo_ends_with_the_dashboard_and_refuses_a_foreign_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("demo", "--store", "demo-store")
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip("\n").splitlines()[-1] == \
        "dashboard: demo-store-dashboard/index.html"
    assert (tmp_path / "demo-store-dashboard" / MARKER).is_file()
    assert len(list((tmp_path / "demo-store-dashboard" / "sessions").glob("*.html"))) == 18
    again = run("demo", "--store", "demo-store")  # our own dashboard: rewritten
    assert again.exit_code == 0, again.output
    other = tmp_path / "other-dashboard"
    other.mkdir()
    (other / "keep.txt").write_text("keep", encoding="utf-8")
    refused = run("demo", "--store", "other")
    assert refused.exit_code == 2
    assert refused.stderr.startswith("error: ") and "other-dashboard" in refused.stderr
    assert not (tmp_path / "other").exists()  # refused before the store was made
    assert [p.name for p in other.iterdir()] == ["keep.txt"]


# A real browser --------------------------------------------------------------------------

def _browser(playwright):
    """Debian's chromium when installed, else playwright's own Chromium; None if neither."""
    return launch_chromium(playwright)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        chromium = _browser(playwright)
        if chromium is None:
            pytest.skip("no Chromium for playwright (apt-get install chromium, or "
                        "python -m playwright install chromium)")
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    tab.problems = []
    tab.on("console", lambda m: tab.problems.append(f"console {m.type}: {m.text}")
           if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.problems.append(f"page error: {e}"))
    tab.on("requestfailed", lambda r: tab.problems.append(f"request failed: {r.url}"))
    yield tab
    context.close()


def _target_ok(url: str, out: Path) -> str | None:
    """None if ``url`` (a file:// URL inside ``out``) names an existing file and anchor."""
    parts = urlsplit(url)
    if parts.scheme != "file":
        return f"{url}: not a file in the dashboard"
    path = Path(unquote(parts.path))
    if not path.is_file() or out.resolve() not in path.resolve().parents:
        return f"{url}: no such file in the dashboard"
    fragment = unquote(parts.fragment)
    if fragment and path.suffix == ".html" and "=" not in fragment \
            and f'id="{fragment}"' not in path.read_text(encoding="utf-8"):
        return f"{url}: no anchor {fragment!r}"
    return None


def test_pages_load_without_console_errors_and_every_link_resolves(built, page):
    _store, out = built
    pages = [out / p for p in PAGES] + sorted((out / "sessions").glob("*.html"))
    broken = []
    for path in pages:
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        if path.name in ("index.html", "actors.html"):
            page.wait_for_selector(".chart[data-ready='1']", timeout=20_000)
        hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        assert hrefs, path
        broken += [problem for href in hrefs if (problem := _target_ok(href, out))]
    assert not page.problems, page.problems
    assert not broken, broken[:10]


def test_heatmap_has_one_cell_per_session_and_objective(built, page):
    _store, out = built
    page.goto((out / "index.html").as_uri())
    page.wait_for_selector("#heatmap[data-ready='1']", timeout=20_000)
    shape = page.evaluate("""() => {
        const z = document.getElementById('heatmap').data[0].z;
        return [z.length, Math.min(...z.map(r => r.length)), Math.max(...z.map(r => r.length))];
    }""")
    assert shape == [18, OBJECTIVE_COUNT, OBJECTIVE_COUNT]
    assert page.locator("#heatmap .hm, #heatmap .heatmaplayer").count() >= 1
    links = page.evaluate("() => window.MIGKG_HEATMAP_LINKS.flat().filter(Boolean)")
    assert links
    base = (out / "index.html").as_uri()
    broken = [p for link in links if (p := _target_ok(base.rsplit("/", 1)[0] + "/" + link,
                                                       out))]
    assert not broken, broken[:5]
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "dashboard-index.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"screenshot: {shot}")
    assert shot.stat().st_size > 10_000
    # A real mouse click on the first non-empty cell opens that session's evidence.
    heat = _data(out, "heatmap")
    row, column = next((i, j) for i, values in enumerate(heat["z"])
                       for j, value in enumerate(values) if value)
    x, y = page.evaluate("""([i, j]) => {
        const gd = document.getElementById('heatmap'), L = gd._fullLayout;
        const box = gd.getBoundingClientRect();
        return [box.left + L._size.l + L.xaxis.l2p(j), box.top + L._size.t + L.yaxis.l2p(i)];
    }""", [row, column])
    page.mouse.click(x, y)
    key, number = heat["sessions"][row]["key"], heat["objectives"][column]["number"]
    page.wait_for_url(f"**/sessions/{key}.html#objective-{number}")
    assert page.locator(f"#objective-{number}").is_visible()
    assert not page.problems, page.problems


def test_compare_view_for_two_picked_sessions(built, page):
    _store, out = built
    compare = _data(out, "compare")
    a, b = "gfmd2020-rt1-2-skills-partnerships-docx", "gfmd2021-rt2-1-future-of-work-docx"
    page.goto((out / "compare.html").as_uri())
    page.select_option("#session-a", a)
    page.select_option("#session-b", b)
    page.wait_for_selector(f"#compare-result[data-a='{a}'][data-b='{b}']")
    for dimension in ("objective", "actor", "country", "level"):
        set_a = set(compare["sets"][a].get(dimension, {}))
        set_b = set(compare["sets"][b].get(dimension, {}))
        row = page.locator(f"#compare-result tr[data-dimension='{dimension}']")
        assert row.get_attribute("data-shared") == str(len(set_a & set_b)), dimension
        assert row.get_attribute("data-only-a") == str(len(set_a - set_b)), dimension
        assert row.get_attribute("data-only-b") == str(len(set_b - set_a)), dimension
    shared_objectives = set(compare["sets"][a]["objective"]) & set(compare["sets"][b]["objective"])
    assert shared_objectives  # two labour-mobility sessions share GCM objectives
    cell = page.locator("#compare-result tr[data-dimension='objective'] td").first
    assert "Facilitate fair and ethical recruitment" in cell.inner_text()
    hrefs = page.eval_on_selector_all("#compare-result a[href]", "l => l.map(a => a.href)")
    assert hrefs and not [p for h in hrefs if (p := _target_ok(h, out))]
    assert page.url.endswith(f"#a={a}&b={b}")
    assert not page.problems, page.problems


def test_search_box_finds_a_known_phrase(built, page):
    _store, out = built
    page.goto((out / "search.html").as_uri())
    page.fill("#search-box", "Free visa, FREE ticket")
    page.wait_for_selector("#search-results li.hit")
    hits = page.locator("#search-results li.hit")
    assert hits.count() >= 1
    first = hits.first
    assert "free visa, free ticket" in first.inner_text().lower()
    href = first.locator("a").get_attribute("href")
    assert href.startswith("sessions/aprr2021-rt2-fair-recruitment-md.html#")
    assert _target_ok(page.url.rsplit("/", 1)[0] + "/" + href, out) is None
    page.fill("#search-box", "régularisation")  # accents do not matter
    page.wait_for_function("document.getElementById('search-count').textContent.length > 0")
    assert not page.locator("#search-count").inner_text().startswith("0 ")
    page.fill("#search-box", "zzzz-nothing-matches")
    page.wait_for_function(
        "document.getElementById('search-count').textContent.startsWith('0 ')")
    assert not page.problems, page.problems


def test_an_empty_store_gives_a_dashboard_that_loads(tmp_path, page):
    store = open_store(str(tmp_path / "store"))
    store.ensure_vocabularies()
    try:
        result = build(store, tmp_path / "dashboard")
    finally:
        store.close()
    assert result.sessions == 0
    assert not list((tmp_path / "dashboard" / "sessions").glob("*.html"))
    for name in PAGES:
        page.goto((tmp_path / "dashboard" / name).as_uri())
        page.wait_for_load_state("load")
    page.goto((tmp_path / "dashboard" / "index.html").as_uri())
    page.wait_for_selector("#heatmap[data-ready='1']", timeout=20_000)
    assert not page.problems, page.problems
