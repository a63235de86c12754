"""Other SHACL engines on the validation benchmark's union graph (issue 12): pyrudof and
Apache Jena, beside plain pySHACL.

bench/bench_validate.py compares `migkg validate` with one plain pySHACL call on the union of
all report graphs and the vocabularies. This module runs the same union (written as
N-Triples) and the project's shapes (``migkg.validation.shapes_graph()`` written as Turtle)
through two other engines, each in a process of its own so that its time and peak RSS are
its own:

- pyrudof (rudof's SHACL engine in Rust, from PyPI), native mode. Its report is taken as RDF
  (``serialize_shacl_validation_results`` in N-Triples), so every key field of
  ``migkg.validation.report_keys`` (focus, path, value, source shape, component, severity)
  comes from the engine itself and all six are compared; nothing is mapped by hand.
- Apache Jena's SHACL engine (jena-shacl), through bench/jena/ShaclRunner.java, which
  times parsing and validation apart and writes the report as N-Triples. The jars are
  jena-shacl 5.6.0 and its dependencies, resolved with Maven at first use into
  ``~/.cache/migkg-bench/jena`` (``$XDG_CACHE_HOME`` if set); where Maven cannot resolve
  them, Debian's ``libapache-jena-java`` (Jena 4.5.0, ``apt-get install
  libapache-jena-java``) is used if installed, and the version printed says so.

Either function returns None, with one printed line saying why, when its engine is not
there. The keys are compared with pySHACL's as bench_validate compares the store engine's:
equal sets of (focus, path, value, shape, component, severity). Results nested in
``sh:detail`` (pyrudof gives them under sh:or results) are not top-level ``sh:result``
values and so are not keys, as in pySHACL's report. A path that is not an IRI (a sequence
or inverse path) is "" in every engine's key, so the engines' different ways of writing
such a path in the report (a copied list, fresh blank nodes) cannot differ there.

Times: "parsed" is pySHACL's parsing of each graph's N-Triples and the vocabularies' Turtle
(bench_validate.union_run), but for pyrudof and Jena the reading of the one prepared
N-Triples file and of the shapes (for Jena, also compiling them); "wall" is the whole child
process (interpreter or JVM start-up included).

Known differences in reading the shapes, found on deliberately damaged copies of the data
(none shows on the loader's output, where all three engines agree):

- pyrudof 0.3.35 evaluates no property shape on a literal focus node: a literal where a
  concept is expected (``mkg:level "national"``) passes ``sh:node mkgsh:LevelConcept``,
  whose ``sh:hasValue`` on ``skos:inScheme`` should fail (W3C data-shapes issue 88: a
  literal has no values, so minCount or hasValue fail). pySHACL and Jena report it.
- pySHACL 0.40 lets an ill-typed number (``"0.9"^^xsd:integer``) pass ``sh:minInclusive``;
  the comparison is an error, which SHACL counts as a result, and pyrudof and Jena report
  it (the same literal's ``sh:datatype`` result is reported by all three).

Not a test: timings depend on the machine.

Usage (from the repository root):
    python bench/other_engines.py [--reports 20] [--store DIR] [--engines pyshacl pyrudof jena]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

# Only the standard library at module level: the pyrudof child process imports this module,
# and rdflib or migkg loaded there would count in pyrudof's peak RSS.
if TYPE_CHECKING:
    from collections.abc import Mapping

    from rdflib import Graph

HERE = Path(__file__).resolve().parent
JENA_VERSION = "5.6.0"  # the newest Jena that runs on Java 17
JENA_RUNNER = HERE / "jena" / "ShaclRunner.java"
JENA_CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / \
    "migkg-bench" / "jena"
# Debian's libapache-jena-java and the jars of the packages it depends on: its jars carry no
# Class-Path, so the class path is spelled out (names without version, as Debian links them).
DEBIAN_JAVA = Path("/usr/share/java")
DEBIAN_JARS = (
    "jena-base", "jena-core", "jena-arq", "jena-iri", "jena-shacl", "commons-cli",
    "commons-codec", "commons-compress", "commons-csv", "commons-io", "commons-lang3",
    "dexx.collection", "gson", "guava", "httpclient", "httpcore", "jackson-core",
    "jackson-databind", "jackson-annotations", "jsonld-java", "jakarta.json-api", "protobuf",
    "slf4j-api", "slf4j-nop", "thrift", "titanium-json-ld")
_POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>migkg.bench</groupId>
  <artifactId>jena-shacl-runner</artifactId>
  <version>0</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.jena</groupId>
      <artifactId>jena-shacl</artifactId>
      <version>{version}</version>
    </dependency>
  </dependencies>
</project>
"""


# --------------------------------------------------------------------------------------
# The inputs.


def union_graph(graphs: Mapping[str, str]) -> Graph:
    """The data graph of bench_validate.union_run, built the same way.

    Takes {graph IRI: N-Triples} (report and entity graphs); gives one rdflib Graph with
    all of them, the validation vocabularies and each section node's template class.
    """
    from rdflib import Graph

    from migkg import validation

    union = Graph()
    for text in graphs.values():
        union.parse(data=text, format="nt")
    union += validation.vocabulary_graph()
    validation.add_section_classes(union)
    return union


def write_data(graph: Graph, path: Path) -> Path:
    """Write ``graph`` to ``path`` as N-Triples (UTF-8); gives ``path``."""
    graph.serialize(path, format="nt", encoding="utf-8")
    return path


def write_shapes(path: Path) -> Path:
    """Write the project's shapes (``migkg.validation.shapes_graph()``) to ``path`` as
    Turtle; gives ``path``."""
    from migkg import validation

    validation.shapes_graph().serialize(path, format="turtle", encoding="utf-8")
    return path


def store_graphs(store_dir: Path) -> dict[str, str]:
    """{graph IRI: N-Triples} of the report and entity graphs of the store at
    ``store_dir``, the graphs bench_validate.union_child validates."""
    from migkg.store import open_store

    store = open_store(str(store_dir), read_only=True)
    try:
        return {g: store.graph_ntriples(g) for g in
                store.report_graphs() + sorted(store.entity_graphs())}
    finally:
        store.close()


def write_inputs(store_dir: Path, folder: Path) -> tuple[Path, Path, int]:
    """Write the union of the store's graphs plus the vocabularies (``folder/data.nt``)
    and the shapes (``folder/shapes.ttl``); gives (data path, shapes path, triples)."""
    union = union_graph(store_graphs(store_dir))
    data = write_data(union, folder / "data.nt")
    return data, write_shapes(folder / "shapes.ttl"), len(union)


# --------------------------------------------------------------------------------------
# Child processes.


def _timed(args: list[str]) -> tuple[float, float | None, int, str, str]:
    """Run ``args`` in a process of its own: (wall seconds, peak RSS MB or None when
    /usr/bin/time is missing, exit code, stdout, stderr)."""
    # /usr/bin/time, as bench_validate._timed_command: the rusage of a child forked from
    # this process would count this process's own RSS (the kernel keeps the high-water
    # mark of the memory it had before exec), and this one holds the union graph.
    timer = shutil.which("time") or "/usr/bin/time"
    with tempfile.TemporaryDirectory(prefix="migkg-timed-") as tmp:
        rss_file = Path(tmp) / "rss"
        command = ([timer, "-f", "%M", "-o", str(rss_file), *args] if Path(timer).exists()
                   else args)
        start = time.perf_counter()
        run = subprocess.run(command, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - start
        rss = None
        if command is not args and rss_file.exists():
            # On failure time writes "Command exited with non-zero status N" first.
            words = rss_file.read_text().split()
            rss = int(words[-1]) / 1024 if words and words[-1].isdigit() else None
        return wall, rss, run.returncode, run.stdout, run.stderr


def _last_json(stdout: str) -> dict:
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    return json.loads(lines[-1])


def _report_keys(report_nt: Path) -> set[tuple]:
    from rdflib import Graph

    from migkg import validation

    report = Graph()
    report.parse(report_nt, format="nt")
    return validation.report_keys(report)


def _failed(engine: str, stderr: str) -> None:
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    print(f"{engine}: the run failed: {lines[-1] if lines else 'no message'}")


# --------------------------------------------------------------------------------------
# pySHACL, pyrudof, Jena.


def pyshacl_run(store_dir: Path) -> dict:
    """Plain pySHACL on the union of the store's graphs, exactly as bench_validate measures
    it (its ``--union-child``, in a process of its own).

    Takes a store folder; gives the same dict as :func:`pyrudof_run`.
    """
    from importlib.metadata import version

    with tempfile.TemporaryDirectory(prefix="migkg-pyshacl-") as tmp:
        keys_file = Path(tmp) / "keys.json"
        wall, rss, code, out, err = _timed(
            [sys.executable, str(HERE / "bench_validate.py"), "--union-child",
             str(store_dir), str(keys_file)])
        if code != 0:
            raise SystemExit(f"pySHACL union run failed:\n{err}")
        timings = _last_json(out)
        keys = {tuple(k) for k in json.loads(keys_file.read_text())}
    return {"engine": "pySHACL", "version": version("pyshacl"), "parsed": timings["parsed"],
            "validated": timings["validated"], "wall": wall, "rss": rss, "keys": keys}


def pyrudof_run(data_nt: Path, shapes_ttl: Path) -> dict | None:
    """pyrudof's native SHACL engine on ``data_nt`` (N-Triples) with ``shapes_ttl``
    (Turtle), in a process of its own.

    Gives {"engine", "version", "parsed" (data and shapes read, s), "validated" (s),
    "wall" (the whole child process, s), "rss" (its peak, MB), "keys" (as
    ``migkg.validation.report_keys``)}, or None (with a line saying why) when pyrudof is
    not installed or the run fails.
    """
    if find_spec("pyrudof") is None:
        print("pyrudof: not installed (pip install pyrudof==0.3.35)")
        return None
    with tempfile.TemporaryDirectory(prefix="migkg-pyrudof-") as tmp:
        report = Path(tmp) / "report.nt"
        wall, rss, code, out, err = _timed(
            [sys.executable, str(Path(__file__).resolve()), "--pyrudof-child",
             str(data_nt), str(shapes_ttl), str(report)])
        if code != 0:
            _failed("pyrudof", err)
            return None
        timings = _last_json(out)
        keys = _report_keys(report)
    return {"engine": "pyrudof", "version": timings["version"], "parsed": timings["parsed"],
            "validated": timings["validated"], "wall": wall, "rss": rss, "keys": keys}


def _pyrudof_child(data_nt: str, shapes_ttl: str, report_nt: str) -> None:
    """In the child process: one pyrudof validation; writes the report as N-Triples to
    ``report_nt`` and prints JSON timings."""
    from importlib.metadata import version

    import pyrudof

    start = time.perf_counter()
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    # Strict: the default (Lax) skips what it cannot read, which would validate other data.
    rudof.read_data(data_nt, format=pyrudof.RDFFormat.NTriples,
                    reader_mode=pyrudof.ReaderMode.Strict)
    rudof.read_shacl(shapes_ttl, format=pyrudof.ShaclFormat.Turtle,
                     reader_mode=pyrudof.ReaderMode.Strict)
    parsed = time.perf_counter() - start
    start = time.perf_counter()
    report = rudof.validate_shacl(pyrudof.ShaclValidationMode.Native)
    validated = time.perf_counter() - start
    Path(report_nt).write_text(rudof.serialize_shacl_validation_results(
        format=pyrudof.ResultShaclValidationFormat.NTriples), encoding="utf-8")
    print(json.dumps({"version": version("pyrudof"), "parsed": parsed,
                      "validated": validated, "results": len(report)}))


def _maven_jars() -> tuple[list[Path], str] | str:
    """Jena's jars from Maven (cached after the first resolution), or why not."""
    folder = JENA_CACHE / JENA_VERSION
    lib, done = folder / "lib", folder / "resolved"
    if not done.exists():
        mvn = shutil.which("mvn")
        if mvn is None:
            return "mvn not found"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "pom.xml").write_text(_POM.format(version=JENA_VERSION), encoding="utf-8")
        run = subprocess.run(
            [mvn, "-B", "-q", "-Dstyle.color=never", "-f", str(folder / "pom.xml"),
             "dependency:copy-dependencies", f"-DoutputDirectory={lib}",
             "-DincludeScope=runtime"],
            capture_output=True, text=True, check=False)
        if run.returncode != 0:
            errors = [line for line in (run.stdout + run.stderr).splitlines()
                      if "[ERROR]" in line]
            # Maven's first error line ends with the cause ("...: Unknown host H -> [Help 1]").
            cause = errors[0].split(" -> [Help")[0].rsplit(": ", 1)[-1] if errors \
                else f"exit code {run.returncode}"
            return f"Maven could not resolve jena-shacl {JENA_VERSION} ({cause[:200]})"
        # Written last, so an interrupted resolution is done again next time.
        done.write_text(JENA_VERSION, encoding="utf-8")
    return sorted(lib.glob("*.jar")), f"jena-shacl {JENA_VERSION} from Maven"


def _debian_jars() -> tuple[list[Path], str] | str:
    """Debian's libapache-jena-java jars, with the resource fix they need, or why not."""
    if not (DEBIAN_JAVA / "jena-shacl.jar").exists():
        return "libapache-jena-java is not installed"
    jars = [DEBIAN_JAVA / f"{name}.jar" for name in DEBIAN_JARS
            if (DEBIAN_JAVA / f"{name}.jar").exists()]
    # Debian's jena-core moves Xerces' classes to the package `xerces` but leaves their
    # message files under org/apache/jena/ext/xerces, so the first xsd datatype fails
    # ("internal error" in XSSimpleTypeDecl.applyFacets1). A folder with the files copied
    # where the classes look for them, put on the class path, mends that.
    shim = JENA_CACHE / "debian-xerces-messages"
    with zipfile.ZipFile(DEBIAN_JAVA / "jena-core.jar") as jar:
        names = jar.namelist()
        if any(n.startswith("xerces/") for n in names) and not (shim / "xerces").exists():
            prefix = "org/apache/jena/ext/xerces/"
            for name in names:
                if name.startswith(prefix) and name.endswith(".properties"):
                    target = shim / "xerces" / name[len(prefix):]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(jar.read(name))
    if shim.exists():
        jars.append(shim)
    return jars, "Debian libapache-jena-java"


@cache
def jena_classpath() -> tuple[str, str, str] | None:
    """What runs bench/jena/ShaclRunner.java: (the java command, the class path of the
    jars and the compiled runner, where the jars came from); None, with a line saying why,
    when there is no Java or no Jena."""
    java, javac = shutil.which("java"), shutil.which("javac")
    if java is None or javac is None:
        print("jena: no Java (java and javac are needed)")
        return None
    found = _maven_jars()
    if isinstance(found, str):
        fallback = _debian_jars()
        if isinstance(fallback, str):
            print(f"jena: {found}; and {fallback}")
            return None
        print(f"jena: {found}; using Debian's libapache-jena-java instead")
        found = fallback
    jars, origin = found
    classes = JENA_CACHE / ("classes-" + ("debian" if origin.startswith("Debian")
                                          else JENA_VERSION))
    compiled = classes / "ShaclRunner.class"
    path = os.pathsep.join(str(j) for j in jars)
    if not compiled.exists() or compiled.stat().st_mtime < JENA_RUNNER.stat().st_mtime:
        classes.mkdir(parents=True, exist_ok=True)
        run = subprocess.run([javac, "-d", str(classes), "-cp", path, str(JENA_RUNNER)],
                             capture_output=True, text=True, check=False)
        if run.returncode != 0:
            print(f"jena: ShaclRunner.java does not compile against {origin}: "
                  f"{run.stderr.strip().splitlines()[0] if run.stderr.strip() else ''}")
            return None
    return java, path + os.pathsep + str(classes), origin


def jena_run(data_nt: Path, shapes_ttl: Path) -> dict | None:
    """Apache Jena's SHACL engine on ``data_nt`` (N-Triples) with ``shapes_ttl`` (Turtle),
    in a JVM of its own (bench/jena/ShaclRunner.java).

    Gives the dict of :func:`pyrudof_run` ("parsed": data read and shapes parsed and
    compiled; "wall" includes the JVM's start), or None (with a line saying why) when
    there is no Java, no Jena jars can be had, or the run fails.
    """
    found = jena_classpath()
    if found is None:
        return None
    java, path, origin = found
    with tempfile.TemporaryDirectory(prefix="migkg-jena-") as tmp:
        report = Path(tmp) / "report.nt"
        wall, rss, code, out, err = _timed(
            [java, "-cp", path, "ShaclRunner", str(data_nt), str(shapes_ttl), str(report)])
        if code != 0:
            _failed("jena", err)
            return None
        timings = _last_json(out)
        keys = _report_keys(report)
    suffix = " (Debian)" if origin.startswith("Debian") else ""
    return {"engine": "Apache Jena", "version": timings["version"] + suffix,
            "parsed": timings["parsed"], "validated": timings["validated"], "wall": wall,
            "rss": rss, "keys": keys}


# --------------------------------------------------------------------------------------
# Trying it alone.


def _build_store(count: int, scratch: Path) -> Path:
    """A store of ``count`` copies of the bundled examples, as bench_validate.measure
    builds it."""
    import bench_validate

    seeds = bench_validate.templates(scratch / "seeds")
    _reports, graphs = bench_validate.copies(seeds, count)
    where = scratch / f"store{count}"
    bench_validate.fill_store(where, graphs)
    return where


def _short(key: tuple) -> str:
    """A key with the shared IRI prefixes cut, for the sample of differences."""
    text = " | ".join(str(part) for part in key)
    for prefix in ("https://w3id.org/migkg/id/", "https://w3id.org/migkg/shapes#",
                   "http://www.w3.org/ns/shacl#", "https://w3id.org/migkg/ontology#"):
        text = text.replace(prefix, "")
    return text


def print_comparison(runs: list[dict], reference: dict | None, sample: int = 5) -> None:
    """Print, for each run (dicts as :func:`pyrudof_run` gives them), its figures and
    whether its keys equal ``reference``'s, with up to ``sample`` differences each way."""
    def seconds(value: float | None) -> str:
        return f"{value:8.2f}" if value is not None else "       -"

    print(f"{'engine':<28} {'parse s':>8} {'valid. s':>8} {'wall s':>8} {'peak RSS':>9} "
          f"{'results':>7}  same as pySHACL")
    for run in runs:
        name = f"{run['engine']} {run['version']}"
        rss = f"{run['rss']:.0f} MB" if run["rss"] is not None else "-"
        same = "-" if reference is None or run is reference else \
            ("yes" if run["keys"] == reference["keys"] else "NO")
        print(f"{name:<28} {seconds(run['parsed'])} {seconds(run['validated'])} "
              f"{seconds(run['wall'])} {rss:>9} {len(run['keys']):7d}  {same}")
    for run in runs:
        if reference is None or run is reference or run["keys"] == reference["keys"]:
            continue
        only_theirs = sorted(run["keys"] - reference["keys"])
        only_ours = sorted(reference["keys"] - run["keys"])
        print(f"\n{run['engine']}: {len(only_theirs)} keys only in {run['engine']}, "
              f"{len(only_ours)} only in pySHACL "
              "(focus | path | value | shape | component | severity)")
        for label, keys in ((f"only {run['engine']}", only_theirs), ("only pySHACL", only_ours)):
            for key in keys[:sample]:
                print(f"  {label}: {_short(key)}")


def main() -> None:
    """Command line: see the module docstring."""
    if len(sys.argv) == 5 and sys.argv[1] == "--pyrudof-child":
        _pyrudof_child(*sys.argv[2:5])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=20,
                        help="build a store of this many copies of the examples")
    parser.add_argument("--store", type=Path, help="an existing store folder instead")
    parser.add_argument("--engines", nargs="+", default=["pyshacl", "pyrudof", "jena"],
                        choices=["pyshacl", "pyrudof", "jena"])
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="migkg-bench-engines-"))
    try:
        where = args.store if args.store is not None else _build_store(args.reports, scratch)
        data, shapes, triples = write_inputs(where, scratch)
        print(f"Union of {where}: {triples:,} triples with vocabularies "
              f"({data.stat().st_size / 1e6:.1f} MB of N-Triples); "
              f"load average {os.getloadavg()[0]:.2f}")
        runs: list[dict] = []
        reference = None
        if "pyshacl" in args.engines:
            reference = pyshacl_run(where)
            runs.append(reference)
        for name, run in (("pyrudof", pyrudof_run), ("jena", jena_run)):
            if name in args.engines:
                result = run(data, shapes)
                if result is not None:
                    runs.append(result)
        print()
        print_comparison(runs, reference)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
