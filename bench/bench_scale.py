"""Benchmark: ingest, query, validate and push N synthetic reports (issue 10, scale).

The reports come from the seeded generator bench/synth (every format, English, French and
Spanish; see its docstring). They are ingested into one fresh on-disk store in steps (by
default 1,000, then 4,000 more, then 5,000 more: the store holds 1,000, 5,000 and 10,000
reports after each step), through ``migkg.ingest.ingest`` as ``migkg ingest`` runs it, the
store staying open across steps in this one process, so that memory that grew with the
reports would show. Measured:

- per step: wall and CPU time of the ingest (CPU of this process and of its reaped worker
  processes), the peak RSS of the whole process tree (this process, the ingest workers and
  their PDF children: VmRSS summed over /proc every 0.2 s by a thread), this process's own
  RSS after the step, and the store's size on disk (``du -sk`` of the store folder);
- per step: every named query with its example parameters and its default page, through
  ``migkg.querying.run_named`` as the CLI runs it, median of ``--repeats`` runs (the
  helpers of bench_ingest_query.py pick the parameters and the page);
- once all are in: ``migkg validate`` over the whole store (the store engine,
  ``validation_run.validate``, as bench_validate.py times it), and a push to an Oxigraph
  server started on 127.0.0.1 for
  the run (``migkg.pushing.push`` over the Graph Store Protocol): the first push, then a
  second one that must send nothing;
- what the loader read against what the generator planted (bench/synth/check.py), as a
  record of reading quality at scale, not a target.

Usage (from the repository root):

    python bench/bench_scale.py [--reports 10000] [--steps 1000,5000,10000] [--seed 1]
        [--workers N] [--repeats 3] [--skip-push] [--skip-validate] [--skip-check]
        [--formats md,txt,...] [--work DIR] [--write]

Prints a Markdown section (between the markers ``<!-- scale:start -->`` and
``<!-- scale:end -->``); --write puts it into bench/RESULTS.md in place of the previous one
(other sections are left alone). --work keeps the reports and the store in DIR (default:
a temporary folder, removed at the end). Not a test: timings depend on the machine; run it
on an idle one.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import date
from importlib.metadata import version
from pathlib import Path

from bench_ingest_query import default_limit, example_values, load_average
from bench_validate import cpu_model
from results_file import publish
from synth import FORMATS, generate
from synth.check import compare, summary

from migkg import pushing, querying, serving, validation_run
from migkg.ingest import ingest
from migkg.store import open_store

START, END = "<!-- scale:start -->", "<!-- scale:end -->"
TESTS = Path(__file__).resolve().parent.parent / "tests"


class TreeRss:
    """Peak RSS of this process and all its descendants, sampled every ``interval`` s by a
    daemon thread (VmRSS from /proc, summed over the tree at each sample)."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self._peak = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="tree-rss")

    @staticmethod
    def _children(pid: int) -> list[int]:
        found = []
        try:
            tasks = list(Path(f"/proc/{pid}/task").iterdir())
        except OSError:
            return found
        for task in tasks:  # a thread's children are listed under that thread's task
            try:
                found += [int(p) for p in (task / "children").read_text().split()]
            except OSError:
                continue
        return found

    @staticmethod
    def rss_kb(pid: int) -> int:
        """VmRSS of one process in kB (0 when it is gone)."""
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        except OSError:
            pass
        return 0

    def sample(self) -> int:
        """The tree's summed RSS now, in kB."""
        total, todo, seen = 0, [os.getpid()], set()
        while todo:
            pid = todo.pop()
            if pid in seen:
                continue
            seen.add(pid)
            total += self.rss_kb(pid)
            todo += self._children(pid)
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            value = self.sample()
            with self._lock:
                self._peak = max(self._peak, value)
            self._stop.wait(self.interval)

    def start(self) -> TreeRss:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def take_peak(self) -> float:
        """The peak since the last call, in MB; starts the next period afresh."""
        value = self.sample()
        with self._lock:
            peak, self._peak = max(self._peak, value), 0
        return peak / 1024


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have been waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def disk_mb(folder: Path) -> float:
    """Disk usage of ``folder`` in MB, as ``du -sk`` counts it."""
    out = subprocess.run(["du", "-sk", str(folder)], capture_output=True, text=True,
                         check=True).stdout
    return int(out.split()[0]) / 1024


def memory_gib() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024 / 1024
    return 0.0


def query_values(store, query: querying.NamedQuery) -> dict[str, str]:
    """The query's example parameters (bench_ingest_query.example_values), except where
    they name what this store lacks (the examples name the bundled reports): a report IRI
    becomes the store's first report, session codes the store's most frequent ones."""
    values = example_values(query)
    reports = querying.run_named(store, "reports", {}).rows
    codes = [code for code, _ in Counter(row[4] for row in reports if row[4]).most_common()]
    for index, param in enumerate(p for p in query.params if p.required):
        if param.type == "iri" and reports and values[param.name] not in {
                row[0] for row in reports}:
            values[param.name] = reports[0][0]
        elif param.type in ("code", "session") and codes:
            try:
                querying.bind(query, {param.name: values[param.name]}, store)
            except querying.QueryError:
                values[param.name] = codes[index % len(codes)]
    return values


def time_queries(store, repeats: int) -> dict[str, tuple[float, int, int | None]]:
    """Per named query: (median ms of ``repeats`` runs, rows, page) with its parameters
    (:func:`query_values`) and its default page, through ``querying.run_named``."""
    timings = {}
    for name, query in sorted(querying.named_queries().items()):
        values, limit = query_values(store, query), default_limit(query)
        runs, rows = [], 0
        for _ in range(repeats):
            start = time.perf_counter()
            result = querying.run_named(store, name, values, limit=limit)
            runs.append((time.perf_counter() - start) * 1000)
            rows = len(result.rows)
        timings[name] = (statistics.median(runs), rows, limit)
    return timings


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def push_twice(location: Path, scratch: Path) -> tuple[float, int, float, int, int]:
    """(first s, graphs sent, second s, graphs sent, unchanged) pushing the store at
    ``location`` into an empty Oxigraph server on 127.0.0.1 (started as the tests do)."""
    sys.path.insert(0, str(TESTS))
    from oxigraph_server import oxigraph

    store = open_store(str(location), read_only=True)
    try:
        with oxigraph(scratch) as url:
            targets = pushing.Targets(f"{url}/query", f"{url}/update", f"{url}/store")
            start = time.perf_counter()
            first = pushing.push(store, targets)
            first_s = time.perf_counter() - start
            start = time.perf_counter()
            second = pushing.push(store, targets)
            second_s = time.perf_counter() - start
    finally:
        store.close()
    return first_s, len(first.sent), second_s, len(second.sent), second.unchanged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--steps", default="1000,5000,10000",
                        help="store sizes after each ingest step, comma-separated")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=None,
                        help="ingest worker processes (default: as migkg ingest)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per named query")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--skip-push", action="store_true")
    parser.add_argument("--skip-validate", action="store_true")
    parser.add_argument("--skip-check", action="store_true",
                        help="leave out the comparison with what the generator planted")
    parser.add_argument("--work", type=Path, help="keep reports and store here")
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = parser.parse_args()
    steps = sorted({int(s) for s in args.steps.split(",") if s.strip()} | {args.reports})
    steps = [s for s in steps if s <= args.reports]
    if not args.skip_push:
        try:
            serving.server_binary()
        except serving.ServeError as exc:
            parser.error(f"{exc}; or give --skip-push")

    work = args.work or Path(tempfile.mkdtemp(prefix="migkg-bench-scale-"))
    if args.work and (work / "store").exists():
        parser.error(f"{work / 'store'} exists; give an empty --work folder")
    load_before = load_average()
    sampler = TreeRss().start()
    try:
        start = time.perf_counter()
        manifest = generate(args.reports, args.seed, work / "reports",
                            [f.strip() for f in args.formats.split(",") if f.strip()])
        generated_s = time.perf_counter() - start
        log(f"generated {args.reports} reports in {generated_s:.0f} s")
        paths = [work / "reports" / entry["file"] for entry in manifest["reports"]]
        store = open_store(str(work / "store"))
        sampler.take_peak()
        rows, timings, failures = [], {}, []
        done = 0
        for step in steps:
            batch = paths[done:step]
            cpu, start = cpu_seconds(), time.perf_counter()
            result = ingest(store, batch, workers=args.workers)
            wall = time.perf_counter() - start
            cpu = cpu_seconds() - cpu
            peak = sampler.take_peak()
            failures += result.errors
            rows.append({"reports": step, "added": len(batch), "loaded": len(result.loaded),
                         "failed": len(result.errors), "wall": wall, "cpu": cpu,
                         "peak": peak, "main": TreeRss.rss_kb(os.getpid()) / 1024,
                         "disk": disk_mb(work / "store")})
            log(f"step {step}: {wall:.1f} s, peak tree RSS {peak:.0f} MB")
            timings[step] = time_queries(store, args.repeats)
            rows[-1]["query_peak"] = sampler.take_peak()
            log(f"  queries: slowest {max(t[0] for t in timings[step].values()):.0f} ms")
            done = step
        store.close()

        diffs = None
        if not args.skip_check:
            store = open_store(str(work / "store"), read_only=True)
            start = time.perf_counter()
            diffs = compare(store, manifest)
            check_s = time.perf_counter() - start
            store.close()
            log(f"check: {len(diffs)} reports read otherwise than planted ({check_s:.0f} s)")
        validated = None
        if not args.skip_validate:
            store = open_store(str(work / "store"), read_only=True)
            sampler.take_peak()
            start = time.perf_counter()
            outcome, _run = validation_run.validate(store, everything=True, keep=False)
            validated = (time.perf_counter() - start, outcome, sampler.take_peak())
            store.close()
            log(f"validate: {validated[0]:.1f} s")
        pushed = None
        if not args.skip_push:
            sampler.take_peak()
            pushed = (*push_twice(work / "store", work / "remote"), sampler.take_peak())
            log(f"push: {pushed[0]:.1f} s, then {pushed[2]:.1f} s")
    finally:
        sampler.stop()
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    load_after = load_average()

    formats = Counter(e["format"] for e in manifest["reports"])
    languages = Counter(e["language"] for e in manifest["reports"])
    planted = {k: sum(e[k] for e in manifest["reports"])
               for k in ("challenges", "practices", "quotes")}
    last = steps[-1]
    lines = [
        START,
        f"## Scale: {args.reports:,} synthetic reports (`bench/bench_scale.py`, issue 10)",
        "",
        f"- Date: {date.today().isoformat()}; machine: {os.cpu_count()} CPUs ({cpu_model()}), "
        f"{memory_gib():.0f} GiB, {platform.machine()}, Python {platform.python_version()}, "
        f"pyoxigraph {version('pyoxigraph')}, pySHACL {version('pyshacl')}. Load average "
        f"(1 / 5 / 15 min) before: {load_before}; after: {load_after}.",
        f"- Command: `python bench/bench_scale.py {' '.join(sys.argv[1:])}`".rstrip() + ".",
        f"- Data: {args.reports:,} reports from `bench/synth` (seed {args.seed}): "
        + ", ".join(f"{n:,} .{f}" for f, n in sorted(formats.items())) + "; "
        + ", ".join(f"{n:,} {lang}" for lang, n in sorted(languages.items()))
        + f"; {planted['challenges']:,} challenges, {planted['practices']:,} practices and "
        f"{planted['quotes']:,} quotes planted. Generated in {generated_s:.0f} s (not "
        "counted below).",
        f"- Ingest workers: {args.workers or 'the default of migkg ingest'}; one store, open "
        "across the steps in one process.",
        "",
        "| store holds | added | ingest s | reports/s | CPU s | peak tree RSS MB (ingest) "
        "| main RSS after MB | peak tree RSS MB (queries) | store on disk MB | failed |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(f"| {row['reports']:,} | {row['added']:,} | {row['wall']:.1f} | "
                     f"{row['loaded'] / row['wall']:.1f} | {row['cpu']:.0f} | "
                     f"{row['peak']:.0f} | {row['main']:.0f} | {row['query_peak']:.0f} | "
                     f"{row['disk']:.0f} | {row['failed']} |")
    total_wall = sum(r["wall"] for r in rows)
    lines += ["", f"Total ingest: {total_wall:.1f} s for {sum(r['loaded'] for r in rows):,} "
              f"reports ({sum(r['loaded'] for r in rows) / total_wall:.1f} reports/s)."]
    if len(rows) > 1:
        first, end = rows[0], rows[-1]
        span = end["reports"] - first["reports"]
        lines.append(
            f"Memory growth from {first['reports']:,} to {end['reports']:,} reports: peak "
            f"tree RSS {end['peak'] - first['peak']:+.0f} MB "
            f"({(end['peak'] - first['peak']) * 1024 / span:+.1f} kB per report), main "
            f"process after the step {end['main'] - first['main']:+.0f} MB "
            f"({(end['main'] - first['main']) * 1024 / span:+.1f} kB per report); store on "
            f"disk {(end['disk'] - first['disk']) * 1024 / span:.1f} kB per report.")
    if failures:
        lines += ["", f"Failed files ({len(failures)}): "
                  + "; ".join(f"{Path(f).name}: {r}" for f, r in failures[:5])]
    header = " | ".join(f"ms at {s:,}" for s in steps)
    lines += ["", f"Named queries: each with its example parameters and its default page "
              f"(x-default-limit), through `querying.run_named`, median of {args.repeats} "
              "runs after each step.", "",
              f"| named query | page | rows at {last:,} | {header} | under 1 s at {last:,} |",
              "| --- | ---: | ---: | " + " | ".join("---:" for _ in steps) + " | --- |"]
    met = 0
    for name in sorted(timings[last]):
        ms, count, limit = timings[last][name]
        met += ms < 1000
        cells = " | ".join(f"{timings[s][name][0]:.0f}" for s in steps)
        lines.append(f"| {name} | {limit or 'all'} | {count:,} | {cells} | "
                     f"{'yes' if ms < 1000 else 'no'} |")
    lines += ["", f"Target: every named query under 1 s at {last:,} reports — met by {met} of "
              f"{len(timings[last])}."]
    if validated:
        seconds, outcome, peak = validated
        lines += ["", f"Validation (the store engine, `validation_run.validate`, "
                  f"{os.cpu_count()} threads) of all {last:,} reports: {seconds:.1f} s "
                  f"({seconds / last * 1000:.1f} ms per report), {len(outcome.findings):,} "
                  f"findings ({outcome.count('violation'):,} violations, "
                  f"{outcome.count('warning'):,} warnings, {outcome.count('info'):,} infos); "
                  f"peak tree RSS {peak:.0f} MB."]
    if pushed:
        first_s, sent, second_s, resent, unchanged, peak = pushed
        lines += ["", f"Push to an Oxigraph server on 127.0.0.1 (`oxigraph` "
                  f"{version('oxigraph')}, empty at first; Graph Store Protocol PUT per "
                  f"graph): first push {first_s:.1f} s ({sent:,} graphs sent), second push "
                  f"{second_s:.1f} s ({resent} sent, {unchanged:,} unchanged); peak tree RSS "
                  f"{peak:.0f} MB (the server's process included: it is a child of this "
                  "one)."]
    if diffs is not None:
        kinds = summary(diffs)
        lines += ["", f"Read as planted (bench/synth/check.py: counts of challenges, "
                  f"practices and quotes, levels, session, year, explicit objectives, "
                  f"targets and principles, countries and actors): "
                  f"{last - len(diffs):,} of {last:,} reports; the others differ in "
                  + (", ".join(f"{kind} ({n:,})" for kind, n in kinds.items()) or "nothing")
                  + " (a record of reading quality, not a target)."]
    lines.append(END)
    section = "\n".join(lines)
    publish(section, START, END, args.write)


if __name__ == "__main__":
    main()
