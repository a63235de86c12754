"""Benchmark: `migkg review` at scale (issue 13).

The reports are copies of the bundled examples (bench_validate's ``templates``, ``copies``
and ``fill_store``: renamed report, section, session and source IRIs, so every copy has
items of its own), loaded into one fresh store. Measured in one run:

- `migkg review --format csv` (the queue: every inferred item with its evidence) and
  `migkg review --format html` (the page), each as a user runs it, with peak RSS;
- `migkg review --apply FILE` of a decisions file with three decisions per report (one
  GCM link rejected, one practice level corrected, one entity outside the registry
  corrected to a country), as a command, with peak RSS;
- the reviewed view's upkeep that a later `migkg ingest` of one report pays
  (``migkg.review.view.refresh`` of that report), and the view counted again for every
  report;
- every named query that reads the reviewed view, on its default page, median of
  ``--repeats`` runs: with the decisions (the default) beside ``reviewed=false`` (the
  loader's own output, the alternative) on the same store in the same run.

Usage (from the repository root):

    python bench/bench_review.py [--reports 1000] [--repeats 5] [--write]

Prints a Markdown section (between ``<!-- review:start -->`` and ``<!-- review:end -->``);
--write puts it into bench/RESULTS.md in place of the previous one. Not a test: timings
depend on the machine; run it on an idle one.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from bench_ingest_query import default_limit, example_values
from bench_validate import copies, cpu_model, fill_store, templates
from results_file import publish

from migkg import querying
from migkg.review import REVIEWED_GRAPH, view
from migkg.store import open_store

START, END = "<!-- review:start -->", "<!-- review:end -->"


def _command(args: list[str]) -> tuple[float, float, str]:
    """Run ``migkg ARGS`` in a process of its own: (seconds, peak RSS MB, stdout)."""
    timer = "/usr/bin/time"
    command = [sys.executable, "-m", "migkg", *args]
    if Path(timer).exists():
        command = [timer, "-f", "%M", *command]
    started = time.perf_counter()
    run = subprocess.run(command, capture_output=True, check=False)
    seconds = time.perf_counter() - started
    if run.returncode != 0:
        raise SystemExit(f"migkg {' '.join(args)} failed: {run.stderr.decode()[-500:]}")
    rss = int(run.stderr.decode().split()[-1]) / 1024 if command[0] == timer else 0.0
    return seconds, rss, run.stdout.decode()


def decisions(queue: str) -> str:
    """A decisions file: per report, its first GCM link rejected, its first practice
    level corrected (to regional, or to national where it is regional) and its first
    entity outside the registry corrected to Iceland."""
    chosen: dict[tuple[str, str], tuple[str, str, str]] = {}
    for row in csv.DictReader(io.StringIO(queue)):
        key = (row["report"], row["kind"])
        if key in chosen:
            continue
        if row["kind"] == "gcm-link":
            chosen[key] = (row["item"], "reject", "")
        elif row["kind"] == "level" and "/practice/" in row["item"]:
            level = "national" if row["current"] == "regional" else "regional"
            chosen[key] = (row["item"], "correct", level)
        elif row["kind"] == "entity":
            chosen[key] = (row["item"], "correct", "ISL")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["item", "decision", "value"])
    writer.writerows(sorted(chosen.values()))
    return out.getvalue()


def reviewed_queries() -> list[str]:
    """The named queries whose text reads the reviewed graph."""
    return sorted(name for name, query in querying.named_queries().items()
                  if f"<{REVIEWED_GRAPH}>" in query.text)


def _median(store, name: str, values: dict[str, str], repeats: int) -> tuple[float, int]:
    query = querying.get(name)
    limit = default_limit(query)
    times, rows = [], 0
    for _ in range(repeats):
        started = time.perf_counter()
        result = querying.run_named(store, name, values, limit=limit)
        times.append(time.perf_counter() - started)
        rows = len(result.rows)
    return statistics.median(times) * 1000, rows


def main() -> None:
    """Build the store, measure, print (or --write) the section."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="migkg-bench-review-"))
    try:
        seeds = templates(scratch / "seeds")
        _reports, graphs = copies(seeds, args.reports)
        where = scratch / "store"
        fill_store(where, graphs)
        del graphs
        load_before = os.getloadavg()[0]
        store_args = ["--store", str(where)]
        queue_s, queue_rss, _ = _command(["review", "--format", "csv", "-o",
                                          str(scratch / "queue.csv"), *store_args])
        page_s, page_rss, _ = _command(["review", "--format", "html", "-o",
                                        str(scratch / "queue.html"), *store_args])
        queue = (scratch / "queue.csv").read_text(encoding="utf-8")
        items = max(0, len(queue.splitlines()) - 1)
        decided = decisions(queue)
        (scratch / "decisions.csv").write_text(decided, encoding="utf-8")
        count = len(decided.splitlines()) - 1
        apply_s, apply_rss, _ = _command(["review", "--apply", str(scratch / "decisions.csv"),
                                          "--reviewer", "bench", *store_args])
        store = open_store(str(where))
        started = time.perf_counter()
        view.refresh(store, store.report_graphs()[:1])
        refresh_s = time.perf_counter() - started
        started = time.perf_counter()
        view.refresh(store)
        recount_s = time.perf_counter() - started
        rows = []
        for name in reviewed_queries():
            values = example_values(querying.get(name))
            ours = _median(store, name, values, args.repeats)
            theirs = _median(store, name, {**values, "reviewed": "false"}, args.repeats)
            rows.append((name, ours, theirs))
        store.close()
        load_after = os.getloadavg()[0]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    lines = [
        START,
        f"## Review at scale (`bench/bench_review.py`, issue 13; {date.today()}, "
        f"{os.cpu_count()} cores, {cpu_model()}; load average {load_before:.2f} before, "
        f"{load_after:.2f} after)",
        "",
        f"{args.reports:,} reports (copies of the bundled examples), {items:,} items in the "
        f"queue, {count:,} decisions applied (three per report: a GCM link rejected, a "
        "practice level and an entity corrected).",
        "",
        "| run | seconds | peak RSS |",
        "| --- | ---: | ---: |",
        f"| `migkg review --format csv` (the queue) | {queue_s:.2f} | {queue_rss:.0f} MB |",
        f"| `migkg review --format html` (the page) | {page_s:.2f} | {page_rss:.0f} MB |",
        f"| `migkg review --apply` ({count:,} decisions) | {apply_s:.2f} | {apply_rss:.0f} MB |",
        f"| the reviewed view's upkeep when one report is ingested again "
        f"(`view.refresh` of that report) | {refresh_s:.2f} | |",
        f"| the reviewed view counted again for every report (`view.refresh()`) | "
        f"{recount_s:.2f} | |",
        "",
        f"Named queries that read the reviewed view, default page, median of {args.repeats}: "
        "with the decisions beside `reviewed=false` (the loader's output) on the same store.",
        "",
        "| query (its example parameters) | rows | reviewed ms | `reviewed=false` ms |",
        "| --- | ---: | ---: | ---: |",
        *(f"| `{name}` | {ours[1]:,} | {ours[0]:.0f} | {theirs[0]:.0f} |"
          for name, ours, theirs in rows),
        END,
    ]
    section = "\n".join(lines)
    publish(section, START, END, args.write)


if __name__ == "__main__":
    main()
