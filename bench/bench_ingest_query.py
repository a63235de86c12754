"""Benchmark: ingest N mixed-format reports, then time every named query.

Targets (DEVELOPERS brief): 1,000 reports ingested in under 60 s on 2 cores with peak memory
under 1 GB; every named query under 100 ms at 1,000 reports. The alternatives are measured
in the same run: ingest with one worker instead of a process pool, and each named query on
rdflib's in-memory Dataset (the engine the user's stack started from) instead of pyoxigraph.

Each named query runs with its example parameters and its default page (the header's
``x-default-limit``), through ``migkg.querying.run_named`` as the CLI runs it; rdflib gets
the same query text with the same terms in place of the parameters.

Usage: python bench/bench_ingest_query.py [--reports 1000] [--skip-sequential]
Writes a Markdown summary to stdout; paste it into bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from migkg import querying, resources
from migkg.ingest import ingest
from migkg.store import REPORT_PREFIX, open_store

SUFFIXES = {".md", ".txt", ".html", ".docx", ".pdf"}


def make_corpus(folder: Path, count: int) -> list[Path]:
    """Copies of the bundled examples under distinct names (distinct reports in the store)."""
    seeds = [Path(str(e)) for e in resources.example_files()]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        seed = seeds[index % len(seeds)]
        target = folder / f"r{index:05d}_{seed.name}"
        shutil.copyfile(seed, target)
        paths.append(target)
    return paths


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def time_ingest(paths: list[Path], workers: int, where: Path) -> tuple[float, int]:
    store = open_store(str(where))
    start = time.perf_counter()
    result = ingest(store, paths, workers=workers)
    elapsed = time.perf_counter() - start
    store.close()
    return elapsed, len(result.loaded)


def default_limit(query: querying.NamedQuery) -> int | None:
    """The page size the query's header declares (``x-default-limit``), or None."""
    import yaml

    lines = [line[2:].removeprefix(" ") for line in query.text.splitlines()
             if line.startswith("#+")]
    header = yaml.safe_load("\n".join(lines)) or {}
    limit = header.get("x-default-limit")
    return int(limit) if limit else None


def example_values(query: querying.NamedQuery) -> dict[str, str]:
    """The values a user would try first: each required parameter's example (else 2.1)."""
    return {p.name: p.example or "2.1" for p in query.params if p.required}


def time_queries(location: Path, rdflib_reports: int, repeats: int = 5
                 ) -> dict[str, tuple[float, float | None, int, int | None]]:
    """Per named query, with its example parameters and its default page: median ms on
    pyoxigraph (through ``querying.run_named``, as the CLI runs it), ms on rdflib's
    Dataset holding the first ``rdflib_reports`` report graphs (rdflib needs minutes per
    query at full size), the number of rows, and the page size."""
    from rdflib import Dataset

    from migkg.store import substitute

    store = open_store(str(location), read_only=True)
    dataset = Dataset(default_union=True)
    keep = set(store.report_graphs()[:rdflib_reports])
    lines = [line for line in store.dump_nquads().splitlines()
             if not line.endswith(f"<{REPORT_PREFIX}") and (
                 "/id/report/" not in line.rsplit(" ", 2)[-2] or line.rsplit(" ", 2)[-2][1:-1]
                 in keep)]
    dataset.parse(data="\n".join(lines), format="nquads")
    timings = {}
    for name, query in sorted(querying.named_queries().items()):
        values = example_values(query)
        limit = default_limit(query)
        ox_runs = []
        rows = 0
        for _ in range(repeats):
            start = time.perf_counter()
            result = querying.run_named(store, name, values, limit=limit)
            ox_runs.append((time.perf_counter() - start) * 1000)
            rows = len(result.rows)
        # rdflib gets the same text: the same terms in place of the parameters, same page.
        text = substitute(query.text, querying.bind(query, values, store))
        if limit:
            text = f"{text.rstrip()}\nLIMIT {limit}\n"
        rdflib_ms = _rdflib_ms(dataset, text)
        timings[name] = (statistics.median(ox_runs), rdflib_ms, rows, limit)
        shown = f"{rdflib_ms:.0f} ms" if rdflib_ms is not None else f"> {RDFLIB_LIMIT_S} s"
        print(f"  {name}: {timings[name][0]:.1f} ms / rdflib {shown}, {rows} rows",
              file=sys.stderr, flush=True)
    store.close()
    return timings


# rdflib's time on some queries grows past any useful wait (several minutes for one of the
# South-South queries on a tenth of the data): each runs in a forked child, stopped here.
RDFLIB_LIMIT_S = 120


def _rdflib_ms(dataset, text: str) -> float | None:
    """rdflib's time for ``text`` over ``dataset`` in ms, or None past RDFLIB_LIMIT_S."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def run() -> None:
        start = time.perf_counter()
        list(dataset.query(text))
        send.send((time.perf_counter() - start) * 1000)

    child = context.Process(target=run)
    child.start()
    ready = receive.poll(RDFLIB_LIMIT_S)
    result = receive.recv() if ready else None
    if child.is_alive():
        child.kill()
    child.join()
    return result


def load_average() -> str:
    """The 1-, 5- and 15-minute load averages, for the record of what else ran."""
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--skip-sequential", action="store_true")
    parser.add_argument("--rdflib-reports", type=int, default=100,
                        help="report graphs given to rdflib for the query comparison")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="migkg-bench-"))
    load_before = load_average()
    try:
        paths = make_corpus(work / "reports", args.reports)
        formats = sorted({p.suffix for p in paths})
        parallel_s, loaded = time_ingest(paths, os.cpu_count() or 2, work / "store")
        peak = peak_rss_mb()
        print(f"ingest: {parallel_s:.1f} s, peak {peak:.0f} MB", file=sys.stderr, flush=True)
        sequential_s = None
        if not args.skip_sequential:
            sequential_s, _ = time_ingest(paths, 1, work / "store-seq")
        timings = time_queries(work / "store", args.rdflib_reports)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load_after = load_average()
    print(f"## Ingest and named queries, {args.reports} reports "
          f"({time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()})\n")
    print(f"Formats: {', '.join(formats)}; loaded {loaded} of {len(paths)}.\n")
    print("| ingest | seconds | reports/s |\n| --- | ---: | ---: |")
    print(f"| process pool ({os.cpu_count()} workers) | {parallel_s:.1f} | "
          f"{loaded / parallel_s:.0f} |")
    if sequential_s:
        print(f"| one worker (alternative) | {sequential_s:.1f} | {loaded / sequential_s:.0f} |")
    print(f"\nPeak RSS (largest of the main process and any worker): {peak:.0f} MB\n")
    print(f"Load average (1 / 5 / 15 min) before: {load_before}; after: {load_after}.\n")
    print(f"Named queries, each with its example parameters and its default page "
          f"(x-default-limit): pyoxigraph over all {loaded} reports (median of 5, through "
          f"run_named); rdflib's Dataset over the first {args.rdflib_reports} only, the "
          "same query text (at full size it needs minutes per query).\n")
    print(f"| named query | page | rows | pyoxigraph ms ({loaded}) | "
          f"rdflib ms ({args.rdflib_reports}) | meets 100 ms |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    for name, (ox_ms, rdf_ms, rows, limit) in timings.items():
        rdf = f"{rdf_ms:.0f}" if rdf_ms is not None else f"> {RDFLIB_LIMIT_S * 1000}"
        print(f"| {name} | {limit or 'all'} | {rows} | {ox_ms:.0f} | {rdf} | "
              f"{'yes' if ox_ms < 100 else 'no'} |")


if __name__ == "__main__":
    main()
