"""Benchmark: `migkg report` on N reports (copies of the bundled examples).

Measures the time to read the store (SPARQL), render and write the dashboard, the size of
what it writes, and, when playwright and a Chromium are available, how long the overview,
compare and search pages take to become usable in a headless browser.

Usage: python bench/bench_dashboard.py [--reports 1000] [--out bench/out/dashboard]
       [--store STORE]   (read an existing store instead of ingesting copies)
Writes a Markdown summary to stdout; paste it into docs/issue9/dashboard.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest_query import make_corpus  # noqa: E402

from migkg.dashboard.folder import write_files  # noqa: E402
from migkg.dashboard.gather import gather  # noqa: E402
from migkg.dashboard.render import render  # noqa: E402
from migkg.ingest import ingest  # noqa: E402
from migkg.store import open_store  # noqa: E402


def browser_timings(folder: Path) -> dict[str, float] | None:
    """Seconds until each page is usable in headless Chromium, or None without one."""
    try:
        from playwright.sync_api import sync_playwright
    except ModuleNotFoundError:
        return None
    timings = {}
    with sync_playwright() as playwright:
        options = {"executable_path": "/usr/bin/chromium"} \
            if os.path.exists("/usr/bin/chromium") else {}
        try:
            browser = playwright.chromium.launch(args=["--no-sandbox"], **options)
        except Exception:  # noqa: BLE001 - no browser: no browser figures
            return None
        page = browser.new_page()
        start = time.perf_counter()
        page.goto((folder / "index.html").as_uri())
        page.wait_for_selector("#heatmap[data-ready='1']", timeout=120_000)
        timings["overview (heatmap drawn)"] = time.perf_counter() - start
        start = time.perf_counter()
        page.goto((folder / "compare.html").as_uri())
        page.wait_for_selector("#compare-result[data-a]", timeout=120_000)
        timings["compare (first pair shown)"] = time.perf_counter() - start
        start = time.perf_counter()
        page.goto((folder / "search.html").as_uri())
        page.wait_for_load_state("load")
        timings["search page loaded"] = time.perf_counter() - start
        start = time.perf_counter()
        page.fill("#search-box", "regularisation")
        page.wait_for_function("document.getElementById('search-count').textContent !== ''")
        timings["first search answered"] = time.perf_counter() - start
        browser.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=Path("bench/out/dashboard"))
    parser.add_argument("--store", type=Path, default=None,
                        help="an existing store to read instead of ingesting --reports copies")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="migkg-bench-dashboard-"))
    try:
        location = args.store or work / "store"
        if args.store is None:
            paths = make_corpus(work / "corpus", args.reports)
            store = open_store(str(location))
            ingest(store, paths, workers=2)
            store.close()
        store = open_store(str(location), read_only=True)
        start = time.perf_counter()
        data = gather(store)
        gathered = time.perf_counter() - start
        start = time.perf_counter()
        files = render(data)
        rendered = time.perf_counter() - start
        store.close()
        if args.out.exists() and (args.out / ".migkg-dashboard").is_file():
            shutil.rmtree(args.out)
        start = time.perf_counter()
        write_files(args.out, files)
        written = time.perf_counter() - start
        sizes: dict[str, int] = {}
        for name, content in files.items():
            group = name.split("/")[0] if "/" in name else "pages"
            sizes[group] = sizes.get(group, 0) + len(content)
        print(f"## Dashboard at {len(data.sessions)} reports\n")
        print("| step | seconds |\n|---|---:|")
        print(f"| read the store (SPARQL) | {gathered:.1f} |")
        print(f"| render pages and data | {rendered:.1f} |")
        print(f"| write files | {written:.1f} |")
        print(f"| total | {gathered + rendered + written:.1f} |\n")
        print("| part | files | MB |\n|---|---:|---:|")
        for group in sorted(sizes):
            count = sum(1 for n in files if (n.split("/")[0] if "/" in n else "pages") == group)
            print(f"| {group} | {count} | {sizes[group] / 1e6:.1f} |")
        print(f"| all | {len(files)} | {sum(sizes.values()) / 1e6:.1f} |\n")
        for name in ("data/search.js", "data/compare.js", "data/heatmap.js", "data/network.js"):
            print(f"- {name}: {len(files[name]) / 1e6:.2f} MB")
        timings = browser_timings(args.out)
        if timings:
            print("\n| in headless Chromium | seconds |\n|---|---:|")
            for step, seconds in timings.items():
                print(f"| {step} | {seconds:.2f} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
