"""Benchmark: `migkg validate` over N reports against one plain pySHACL run on the union.

Target (issue 4): 1,000 reports validated in under 20 s on this 2-core machine. The
reports are copies of the bundled example reports (ingested once, then copied N times with
renamed report, section, session and source IRIs), loaded into a fresh store. Measured in
the same run:

- migkg: ``validation.validate(store)``, i.e. reading each report graph from the store and
  validating it on its own (shapes harvested once per process, a process pool of one worker
  per CPU), findings and the merged Turtle report included;
- the same with one worker (no pool);
- plain pySHACL: one ``pyshacl.validate`` call on the union of all report graphs and the
  vocabularies, with the same shapes (parse time reported apart).

It also checks that both give the same results (focus, path, value, shape, component,
severity). Not a test: timings depend on the machine.

Usage: python bench/bench_validate.py [--reports 1000] [--skip-union] [--write]
Prints a Markdown section; --write puts it into bench/RESULTS.md between the
validation markers (other sections are left alone).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from importlib.metadata import version
from pathlib import Path

from rdflib import Graph
from results_file import write_section

from migkg import validation
from migkg.demo import load_examples
from migkg.store import open_store

START, END = "<!-- validation:start -->", "<!-- validation:end -->"
SH = "http://www.w3.org/ns/shacl#"
NOTES = """Where the time goes and what keeps it down (measured while building it): pySHACL pays per
node and per nested shape evaluation, so the shapes target each node they check directly
(section classes instead of qualified counts over the report's six sections; property paths
instead of nested shapes for scheme membership); each worker harvests the shapes once and
reuses them; only the triples whose predicates the shapes read are parsed (about 55% of a
report graph); pySHACL's list of constraint parameters gets set-speed membership tests
(about a quarter of its time on these shapes). Per report, about 6 ms go to reading the
graph from the store (one core, overlapping the workers), 6 ms to parsing it and 17 ms to
pySHACL. The pool pays from about 16 reports on (8 reports: no gain; 32: a third less)."""
# IRIs that belong to one report and must be distinct in each copy.
_OWN = re.compile(r"<(https://w3id\.org/migkg/id/(?:report|session|source)/[^>/]+)")


def templates(where: Path) -> list[tuple[str, dict[str, str]]]:
    """The bundled examples, ingested: for each report, its graph and the graphs of the
    shared entities it reaches (session, rapporteur, loader agent), {graph IRI: N-Triples}
    with the report's own graph first."""
    store = open_store(str(where))
    load_examples(store)
    entities = store.entity_graphs()
    seeds = []
    for iri in store.report_graphs():
        graphs = {iri: store.graph_ntriples(iri)}
        for line in store.report_ntriples(iri, entities).splitlines():
            subject = line.split(" ", 1)[0].strip("<>")
            if subject in entities and subject not in graphs:
                graphs[subject] = store.graph_ntriples(subject)
        seeds.append((iri, graphs))
    store.close()
    if not seeds:
        raise SystemExit("no example report could be ingested")
    return seeds


def copies(seeds: list[tuple[str, dict[str, str]]], count: int) -> tuple[list[str],
                                                                         dict[str, str]]:
    """``count`` reports laid out as the loader lays them out: each copy has its own report
    and session graphs (renamed IRIs); rapporteurs and the loader agent stay shared."""
    reports, graphs = [], {}
    for index in range(count):
        iri, seed = seeds[index % len(seeds)]
        suffix = f"-copy{index:05d}"
        for graph, text in seed.items():
            renamed = _OWN.sub(lambda m, s=suffix: f"<{m.group(1)}{s}", f"<{graph}>")[1:-1]
            graphs[renamed] = _OWN.sub(lambda m, s=suffix: f"<{m.group(1)}{s}", text)
        reports.append(iri + suffix)
    return reports, graphs


def fill_store(where: Path, graphs: dict[str, str]) -> None:
    store = open_store(str(where))
    store.ensure_vocabularies()
    items = list(graphs.items())
    for start in range(0, len(items), 50):
        store.replace_graphs(dict(items[start:start + 50]))
    store.close()


def union_run(graphs: dict[str, str]) -> tuple[float, float, set[tuple], int]:
    """One plain pySHACL call on the union graph: (parse s, validate s, results, triples)."""
    from pyshacl import validate

    start = time.perf_counter()
    union = Graph()
    for text in graphs.values():
        union.parse(data=text, format="nt")
    union += validation.vocabulary_graph()
    validation.add_section_classes(union)
    shapes = validation.shapes_graph()
    parsed = time.perf_counter() - start
    start = time.perf_counter()
    _conforms, report, _text = validate(union, shacl_graph=shapes, inference="none",
                                        allow_warnings=True, allow_infos=True, inplace=True)
    validated = time.perf_counter() - start
    return parsed, validated, validation.report_keys(report), len(union)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--skip-union", action="store_true",
                        help="leave out the plain pySHACL run on the union (slow)")
    parser.add_argument("--skip-serial", action="store_true",
                        help="leave out the one-worker run")
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="migkg-bench-validate-"))
    try:
        seeds = templates(scratch / "seeds")
        reports, graphs = copies(seeds, args.reports)
        fill_store(scratch / "store", graphs)
        triples = sum(text.count("\n") for text in graphs.values())

        load_before = os.getloadavg()[0]
        # As a user runs it: the command in a process of its own (start-up included).
        command = [sys.executable, "-m", "migkg", "validate", "--store", str(scratch / "store")]
        timer = shutil.which("time") or "/usr/bin/time"
        measured = Path(timer).exists()
        if measured:  # GNU time reports the peak RSS of the command alone
            command = [timer, "-f", "%M", *command]
        start = time.perf_counter()
        run = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             check=False)
        cli = time.perf_counter() - start
        if run.returncode not in (0, 1):
            raise SystemExit(run.stderr.decode())
        cli_rss = (int(run.stderr.decode().split()[-1]) / 1024 if measured
                   else resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)

        store = open_store(str(scratch / "store"), read_only=True)
        assert len(store.report_graphs()) == args.reports
        start = time.perf_counter()
        outcome = validation.validate(store)
        parallel = time.perf_counter() - start
        serial = None
        if not args.skip_serial:
            validation._ENGINE = None  # fair: the serial run builds its engine too
            start = time.perf_counter()
            serial_outcome = validation.validate(store, workers=1)
            serial = time.perf_counter() - start
            assert serial_outcome.findings == outcome.findings
        union = None if args.skip_union else union_run(graphs)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    ours = validation.finding_keys(outcome.findings)
    lines = [
        START,
        "## Validation (`migkg validate`, issue 4)",
        "",
        f"- Date: {date.today().isoformat()}; machine: {os.cpu_count()} CPUs ({cpu_model()}), "
        f"Python {platform.python_version()}, pySHACL {version('pyshacl')}, "
        f"rdflib {version('rdflib')}. Load average (1 min) before / after the runs: "
        f"{load_before:.2f} / {os.getloadavg()[0]:.2f} (other work on the machine slows "
        "every run alike).",
        f"- Data: {args.reports} reports (copies of the {len(seeds)} bundled examples with "
        f"renamed IRIs; each with its own session graph, rapporteurs shared), {triples:,} "
        "triples in report and entity graphs; shapes from `shapes/`.",
        f"- Findings: {len(outcome.findings):,} ({outcome.count('violation')} violations, "
        f"{outcome.count('warning')} warnings, {outcome.count('info')} infos).",
        "",
        "| run | seconds | per report |",
        "| --- | ---: | ---: |",
        f"| `migkg validate --store DIR` (the command, start-up and text output included; "
        f"{os.cpu_count()} worker processes) | {cli:.1f} | {cli / args.reports * 1000:.1f} ms |",
        f"| `validation.validate(store)`: per report, {os.cpu_count()} worker processes | "
        f"{parallel:.1f} | {parallel / args.reports * 1000:.1f} ms |",
    ]
    if serial is not None:
        lines.append(f"| `migkg validate`: per report, 1 process | {serial:.1f} | "
                     f"{serial / args.reports * 1000:.1f} ms |")
    if union is not None:
        parsed, validated, theirs, union_triples = union
        lines.append(f"| plain pySHACL on the union graph ({union_triples:,} triples with "
                     f"vocabularies): validation only | {validated:.1f} | "
                     f"{validated / args.reports * 1000:.1f} ms |")
        lines.append(f"| plain pySHACL on the union graph: parsing it first | {parsed:.1f} | |")
        same = "identical" if theirs == ours else (
            f"DIFFERENT: {len(ours - theirs)} only per report, {len(theirs - ours)} only in "
            "the union run")
        lines += ["", f"Results of the two approaches (focus, path, value, shape, component, "
                      f"severity; {len(ours):,} distinct): {same}."]
    lines += ["", *NOTES.splitlines()]
    lines += [
        "",
        f"Peak RSS of the `migkg validate` command (the largest of its processes): "
        f"{cli_rss:.0f} MB.",
        "Target: 1,000 reports in under 20 s on 2 cores.",
        END,
    ]
    section = "\n".join(lines)
    print(section)
    if args.write:
        write_section(section, START, END)


if __name__ == "__main__":
    main()
