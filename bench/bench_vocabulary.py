"""Benchmark: reading the shipped vocabularies (``migkg.ontology.vocabulary.load_all``).

Every command that reads reports or answers about objectives, actors or countries first
parses the generated vocabulary files (``ontology/vocab/*.ttl``). Measured, in one run on
the same files, median of ``--repeats`` cold loads (caches cleared before each):

- ``vocabulary.load_all()``: the product's reader (pyoxigraph's Turtle parser into plain
  dictionaries, then the typed records);
- the alternative: ``rdflib.Graph().parse()`` of the same files, which is what reading
  them with the stack's general RDF library costs before any lookup.

Usage (from the repository root):

    python bench/bench_vocabulary.py [--repeats 7] [--write]

Prints a Markdown section (between ``<!-- vocabulary:start -->`` and
``<!-- vocabulary:end -->``); --write puts it into bench/RESULTS.md in place of the
previous one. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from datetime import date

from bench_validate import cpu_model
from rdflib import Graph
from results_file import publish

from migkg.ontology import vocabulary
from migkg.ontology.files import vocabulary_file

START, END = "<!-- vocabulary:start -->", "<!-- vocabulary:end -->"
TARGET = 0.5  # seconds: the start-up budget the vocabularies may take


def _median(run, repeats: int) -> float:
    """Median wall time in seconds of ``repeats`` calls of ``run``."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _cold_load() -> None:
    vocabulary.cache_clear()
    vocabulary.load_all()


def _files() -> list:
    """The vocabulary files ``load_all`` reads (recorded while it runs once)."""
    names: list[str] = []

    def recording(name: str):
        names.append(name)
        return vocabulary_file(name)

    vocabulary.cache_clear()
    vocabulary.vocabulary_file = recording
    try:
        vocabulary.load_all()
    finally:
        vocabulary.vocabulary_file = vocabulary_file
    return [vocabulary_file(name) for name in sorted(set(names))]


def _rdflib_parse(entries: list) -> None:
    graph = Graph()
    for entry in entries:
        graph.parse(data=entry.read_bytes(), format="turtle")


def main() -> None:
    """Time both readers and print (or --write) the section."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    entries = _files()
    ours = _median(_cold_load, args.repeats)
    theirs = _median(lambda: _rdflib_parse(entries), args.repeats)
    size = sum(len(entry.read_bytes()) for entry in entries)
    load = os.getloadavg()[0]
    verdict = "met" if ours < TARGET else "not met"
    section = "\n".join([
        START,
        f"## Vocabularies at start-up (`bench/bench_vocabulary.py`, {date.today()}, "
        f"{platform.machine()}, {os.cpu_count()} cores, {cpu_model()}, load average "
        f"{load:.2f})",
        "",
        f"{len(entries)} files, {size / 1024:.0f} KiB of Turtle; median of "
        f"{args.repeats} cold loads.",
        "",
        "| reader | seconds |",
        "|---|---|",
        f"| `vocabulary.load_all()` (the product) | {ours:.3f} |",
        f"| `rdflib.Graph().parse()` of the same files (the alternative) | {theirs:.3f} |",
        "",
        f"Target: under {TARGET} s ({verdict}); {theirs / ours:.1f} times faster than "
        "parsing with rdflib.",
        END,
    ])
    publish(section, START, END, args.write)


if __name__ == "__main__":
    main()
