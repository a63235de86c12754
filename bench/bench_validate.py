"""Benchmark: `migkg validate` (the store engine) against plain pySHACL on the union graph.

Target (issue 12): validation at least 10 times faster than one plain pySHACL run over the
union of all report graphs (parsing included for pySHACL, everything included for
`migkg validate`), with exactly the same results, at 200 and 1,000 reports; figures at
10,000 too. The reports are copies of the bundled example reports (ingested once, then
copied N times with renamed report, section, session and source IRIs), loaded into a fresh
store. Measured in the same run, for each size:

- `migkg validate --all --store DIR` as a user runs it (a process of its own: start-up,
  the checks, describing the findings, keeping them in the store, text output), with its
  peak RSS;
- `migkg validate --store DIR` again: nothing changed, so nothing is checked and the kept
  results are printed;
- the reference engine, `--engine pyshacl` (pySHACL on each report's graph, 2 worker
  processes), in process, with full-finding parity against the store engine;
- plain pySHACL: one `pyshacl.validate` call on the union of all report graphs and the
  vocabularies, in a process of its own (parse time apart, peak RSS), with parity on
  (focus, path, value, shape, component, severity);
- the other SHACL engines where they are installed (bench/other_engines.py): pyrudof and
  Apache Jena on the same union written as N-Triples, each in a process of its own, with
  the same parity.

Not a test: timings depend on the machine.

Usage: python bench/bench_validate.py [--reports 200 1000 10000] [--skip-union-above N]
       [--skip-reference-above N] [--skip-other-engines] [--write]
Prints a Markdown section; --write puts it into bench/RESULTS.md between the
validation markers (other sections are left alone).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from importlib.metadata import version
from pathlib import Path

from rdflib import Graph
from results_file import publish

from migkg import validation, validation_run
from migkg.demo import load_examples
from migkg.store import open_store

START, END = "<!-- validation:start -->", "<!-- validation:end -->"
SH = "http://www.w3.org/ns/shacl#"
NOTES = """Where the time goes (measured while building it): the store engine runs 76 SPARQL
queries, one per constraint of each shape, on 2 threads (pyoxigraph releases the GIL while
it evaluates). A join row costs the store about 5 µs, so the time is that of walking each
shape's path from each of its focus nodes: the three-step span path of the 19,000
statements at 1,000 reports alone is about 0.3 s. "Has no value" constraints (sh:minCount
1, sh:hasValue, qualified counts) run as MINUS over the whole store (one hash join) rather
than FILTER NOT EXISTS (a probe per focus node, kept for runs over a few reports). Then
describing the findings in a rapporteur's words reads only the triples around each focus
node and the links the linker inferred, a few queries per 200 findings; the same code
describes pySHACL's results, so both engines say the same words."""
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
    # As `migkg ingest` leaves a large load: compacted (at 10,000 reports an uncompacted
    # store answers the checks about twice as slowly).
    store.compact()
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


def _timed_command(args: list[str]) -> tuple[float, float, str]:
    """Run a command in a process of its own: (seconds, peak RSS MB, stdout)."""
    timer = shutil.which("time") or "/usr/bin/time"
    command = [timer, "-f", "%M", *args] if Path(timer).exists() else args
    start = time.perf_counter()
    run = subprocess.run(command, capture_output=True, check=False)
    seconds = time.perf_counter() - start
    if run.returncode not in (0, 1):
        raise SystemExit(run.stderr.decode())
    rss = int(run.stderr.decode().split()[-1]) / 1024 if command is not args else 0.0
    return seconds, rss, run.stdout.decode()


def union_child(store_dir: str, keys_file: str) -> None:
    """In a process of its own: the union run on the graphs of ``store_dir``; prints JSON
    timings and writes the result keys to ``keys_file``."""
    import json

    store = open_store(store_dir, read_only=True)
    graphs = {g: store.graph_ntriples(g) for g in
              store.report_graphs() + sorted(store.entity_graphs())}
    store.close()
    parsed, validated, keys, triples = union_run(graphs)
    Path(keys_file).write_text(json.dumps(sorted(keys)))
    print(json.dumps({"parsed": parsed, "validated": validated, "triples": triples}))


def other_runs(where: Path, scratch: Path, findings) -> list[dict]:
    """pyrudof and Jena on the union of the store at ``where`` (those installed), each with
    ``same``: whether its result keys equal the store engine's."""
    import other_engines

    data, shapes, _triples = other_engines.write_inputs(where, scratch)
    ours = validation.finding_keys(findings)
    runs = []
    for run in (other_engines.pyrudof_run, other_engines.jena_run):
        result = run(data, shapes)
        if result is not None:
            runs.append({**result, "same": result["keys"] == ours})
    data.unlink()
    return runs


def measure(count: int, seeds, scratch: Path, *, union: bool, reference: bool,
            others: bool = True) -> dict:
    """Every figure for ``count`` reports (see the module docstring)."""
    import json

    reports, graphs = copies(seeds, count)
    where = scratch / f"store{count}"
    fill_store(where, graphs)
    del graphs
    figures: dict = {"count": count, "load_before": os.getloadavg()[0]}
    cli = [sys.executable, "-m", "migkg", "validate", "--store", str(where)]
    figures["cli"], figures["cli_rss"], _ = _timed_command([*cli, "--all"])
    figures["again"], _, _ = _timed_command(cli)
    store = open_store(str(where))
    start = time.perf_counter()
    outcome, _run = validation_run.validate(store, everything=True, keep=False)
    figures["engine"] = time.perf_counter() - start
    figures["findings"] = outcome.findings
    figures["reference"] = None
    if reference:
        start = time.perf_counter()
        theirs, _ = validation_run.validate(store, engine="pyshacl", everything=True,
                                            keep=False)
        figures["reference"] = time.perf_counter() - start
        figures["reference_same"] = theirs.findings == outcome.findings
    figures["triples"] = sum(int(row[0]) for row in store.select(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/migkg/id/')) }").rows)
    store.close()
    figures["union"] = None
    if union:
        keys_file = scratch / f"keys{count}.json"
        seconds, rss, out = _timed_command(
            [sys.executable, __file__, "--union-child", str(where), str(keys_file)])
        timings = json.loads(out.strip().splitlines()[-1])
        theirs = {tuple(k) for k in json.loads(keys_file.read_text())}
        figures["union"] = {**timings, "rss": rss, "wall": seconds,
                            "same": theirs == validation.finding_keys(outcome.findings),
                            "distinct": len(theirs)}
    figures["others"] = other_runs(where, scratch, outcome.findings) if union and others \
        else []
    shutil.rmtree(where, ignore_errors=True)
    figures["load_after"] = os.getloadavg()[0]
    return figures


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def table(figures: dict) -> list[str]:
    """The Markdown lines for one size."""
    count, findings = figures["count"], figures["findings"]
    severities = {k: sum(1 for f in findings if f.severity == k)
                  for k in ("violation", "warning", "info")}
    lines = [f"### {count:,} reports ({figures['triples']:,} triples in report and entity "
             f"graphs; load average {figures['load_before']:.2f} before, "
             f"{figures['load_after']:.2f} after)", "",
             f"Findings: {len(findings):,} ({severities['violation']} violations, "
             f"{severities['warning']} warnings, {severities['info']} infos).", "",
             "| run | seconds | peak RSS |", "| --- | ---: | ---: |",
             f"| `migkg validate --all` (the command: start-up, checks, findings, results "
             f"kept, text output) | {figures['cli']:.2f} | {figures['cli_rss']:.0f} MB |",
             f"| `migkg validate` again, nothing changed (kept results read) | "
             f"{figures['again']:.2f} | |",
             f"| store engine in process (`validation_run.validate(everything=True)`) | "
             f"{figures['engine']:.2f} | |"]
    if figures["reference"] is not None:
        lines.append(f"| reference engine `--engine pyshacl` (per report, 2 workers) | "
                     f"{figures['reference']:.2f} | |")
    union = figures["union"]
    if union is not None:
        total = union["parsed"] + union["validated"]
        lines += [f"| plain pySHACL on the union graph ({union['triples']:,} triples with "
                  f"vocabularies): parsing | {union['parsed']:.2f} | |",
                  f"| plain pySHACL on the union graph: validation | {union['validated']:.2f} "
                  f"| {union['rss']:.0f} MB |",
                  ]
        for other in figures["others"]:
            parsed = f"{other['parsed']:.2f}" if other["parsed"] is not None else "?"
            lines.append(f"| {other['engine']} {other['version']} on the same union "
                         f"(N-Triples): reading {parsed} s, validation "
                         f"{other['validated']:.2f} s; whole process | {other['wall']:.2f} | "
                         + (f"{other['rss']:.0f} MB |" if other["rss"] is not None else "|"))
        lines += ["", f"**Ratio: {total / figures['cli']:.1f}** (pySHACL parse and validate, "
                  f"{total:.1f} s, over the `migkg validate --all` command, "
                  f"{figures['cli']:.2f} s); same run."]
        for other in figures["others"]:
            lines.append(f"Against {other['engine']} (its whole process, {other['wall']:.2f} s, "
                         f"over the command): **{other['wall'] / figures['cli']:.1f}**.")
    lines.append("")
    if union is not None:
        lines.append(f"- Store engine against plain pySHACL on the union (focus, path, value, "
                     f"shape, component, severity; {union['distinct']:,} distinct): "
                     f"{'identical' if union['same'] else 'DIFFERENT'}.")
    for other in figures["others"]:
        lines.append(f"- Store engine against {other['engine']} (the same six fields; "
                     f"{len(other['keys']):,} distinct): "
                     f"{'identical' if other['same'] else 'DIFFERENT'}.")
    if figures["reference"] is not None:
        lines.append(f"- Store engine against `--engine pyshacl` (whole findings, messages "
                     f"and descriptions included): "
                     f"{'identical' if figures['reference_same'] else 'DIFFERENT'}.")
    return lines


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--union-child":
        union_child(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--skip-union-above", type=int, default=1000,
                        help="no plain pySHACL union run above this many reports (memory)")
    parser.add_argument("--skip-reference-above", type=int, default=1000,
                        help="no --engine pyshacl run above this many reports (time)")
    parser.add_argument("--skip-other-engines", action="store_true",
                        help="no pyrudof or Jena runs beside the pySHACL union run")
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="migkg-bench-validate-"))
    try:
        seeds = templates(scratch / "seeds")
        runs = [measure(n, seeds, scratch, union=n <= args.skip_union_above,
                        reference=n <= args.skip_reference_above,
                        others=not args.skip_other_engines) for n in args.reports]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    lines = [
        START,
        "## Validation (`migkg validate`, issue 12)",
        "",
        f"- Date: {date.today().isoformat()}; machine: {os.cpu_count()} CPUs ({cpu_model()}), "
        f"Python {platform.python_version()}, pySHACL {version('pyshacl')}, "
        f"rdflib {version('rdflib')}, pyoxigraph {version('pyoxigraph')}.",
        f"- Data: copies of the {len(seeds)} bundled examples with renamed IRIs (each with its "
        "own session graph, rapporteurs shared), loaded into a fresh store per size; shapes "
        "from `shapes/`.",
        "",
    ]
    for figures in runs:
        lines += table(figures)
        lines.append("")
    lines += [*NOTES.splitlines(), END]
    section = "\n".join(lines)
    publish(section, START, END, args.write)


if __name__ == "__main__":
    main()
