"""``migkg validate`` and ``migkg check-ontology`` as users run them.

Stores are built from the hand-written report of tests/data/shapes/ (a clean copy and a
copy with the seed report's two problems), the bundled examples, and, when it is on this
machine, the example corpus in ../shared/corpus with its gold files.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from helpers import CORPUS, need_corpus, report_files, run
from migkg import validation, validation_run
from migkg.commands.check_ontology import sample
from migkg.store import open_store

DATA = Path(__file__).parent / "data" / "shapes"
CLEAN = "https://w3id.org/migkg/id/report/clean-report-md"
SEEDLIKE = "https://w3id.org/migkg/id/report/seed-like-md"
WARNED = "https://w3id.org/migkg/id/report/warned-md"
SH = "http://www.w3.org/ns/shacl#"
CONTRACT_KEYS = {"report", "source", "severity", "section", "focus", "path", "message"}
SECTIONS = {"", "summary", "challenges", "practices", "gcm", "agenda2030", "quotes"}
PREFIXES = """PREFIX mkg: <https://w3id.org/migkg/ontology#>
PREFIX status: <https://w3id.org/migkg/vocab/status/>
PREFIX basis: <https://w3id.org/migkg/vocab/basis/>
"""


def variant(iri: str, source: str, update: str | None = None) -> str:
    """The clean report under another IRI and file name, changed by a SPARQL update."""
    text = (DATA / "clean.ttl").read_text(encoding="utf-8")
    text = text.replace("clean-report-md", iri.rsplit("/", 1)[-1])
    text = text.replace('"clean_report.md"', f'"{source}"')
    text = text.replace("source/0000", f"source/{iri.rsplit('/', 1)[-1]}")
    graph = Graph().parse(data=text, format="turtle")
    if update:
        graph.update(PREFIXES + update)
    return graph.serialize(format="nt")


SEED_PROBLEMS = f"""
    DELETE {{ ?s mkg:status ?st ; mkg:text ?t }} INSERT {{ ?s mkg:status status:empty }}
    WHERE {{ BIND(<{SEEDLIKE}/section/agenda2030> AS ?s) ?s mkg:status ?st ; mkg:text ?t }} ;
    DELETE {{ ?i ?p ?o }} WHERE {{ ?i mkg:inSection <{SEEDLIKE}/section/agenda2030> ; ?p ?o }} ;
    DELETE {{ <{SEEDLIKE}/section/gcm> mkg:text ?t }}
    INSERT {{ <{SEEDLIKE}/section/gcm> mkg:text
              "Although not directly discussed, the points are in line with the Compact." }}
    WHERE {{ <{SEEDLIKE}/section/gcm> mkg:text ?t }} ;
    DELETE {{ ?l mkg:basis basis:explicit }} INSERT {{ ?l mkg:basis basis:inferred }}
    WHERE {{ ?l mkg:basis basis:explicit }}
"""
# Only warnings and infos: section 6 empty, and a practice naming no one whose text
# carries markup that the HTML page must escape.
WARNING_ONLY = f"""
    DELETE {{ ?s mkg:status ?st ; mkg:text ?t }} INSERT {{ ?s mkg:status status:empty }}
    WHERE {{ BIND(<{WARNED}/section/quotes> AS ?s) ?s mkg:status ?st ; mkg:text ?t }} ;
    DELETE {{ ?i ?p ?o }} WHERE {{ ?i mkg:inSection <{WARNED}/section/quotes> ; ?p ?o }} ;
    DELETE {{ ?p mkg:mentions ?m ; mkg:text ?t }}
    INSERT {{ ?p mkg:text "Practice <script>alert('x')</script> & more" }}
    WHERE {{ ?p a mkg:Practice ; mkg:mentions ?m ; mkg:text ?t }}
"""


def make_store(location: Path, graphs: dict[str, str]) -> Path:
    store = open_store(str(location))
    store.ensure_vocabularies()
    store.replace_graphs(graphs)
    store.close()
    return location


@pytest.fixture(scope="module")
def clean_store(tmp_path_factory) -> Path:
    return make_store(tmp_path_factory.mktemp("clean") / "store",
                      {CLEAN: variant(CLEAN, "clean_report.md")})


@pytest.fixture(scope="module")
def mixed_store(tmp_path_factory) -> Path:
    return make_store(tmp_path_factory.mktemp("mixed") / "store", {
        CLEAN: variant(CLEAN, "clean_report.md"),
        SEEDLIKE: variant(SEEDLIKE, "seed_like.md", SEED_PROBLEMS),
        WARNED: variant(WARNED, "warned.md", WARNING_ONLY),
    })


@pytest.fixture(scope="module")
def warned_store(tmp_path_factory) -> Path:
    return make_store(tmp_path_factory.mktemp("warned") / "store",
                      {WARNED: variant(WARNED, "warned.md", WARNING_ONLY)})


def as_json(*args: str, store: Path) -> tuple[int, dict]:
    result = run("validate", "--format", "json", *args, store=store)
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code, json.loads(result.stdout)


# --- exit codes and the contract -----------------------------------------------------


def test_a_complete_clean_report_conforms_with_exit_0(clean_store: Path) -> None:
    result = run("validate", store=clean_store)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "Complete: every check passed." in result.stdout
    assert "Conforms." in result.stdout
    code, data = as_json(store=clean_store)
    assert (code, data) == (0, {"conforms": True, "results": []})


def test_json_follows_the_contract(mixed_store: Path) -> None:
    code, data = as_json(store=mixed_store)
    assert code == 1
    assert set(data) == {"conforms", "results"}
    assert data["conforms"] is False
    assert data["results"]
    for result in data["results"]:
        assert set(result) == CONTRACT_KEYS | {"shape"}  # shape: an extension (0.2.0)
        assert result["shape"].startswith("https://w3id.org/migkg/shapes#")
        assert result["severity"] in {"violation", "warning", "info"}
        assert result["section"] in SECTIONS
        assert result["focus"].startswith("https://")
        assert all(isinstance(v, str) for v in result.values())


def test_seed_like_report_violation_and_warning(mixed_store: Path) -> None:
    _, data = as_json("--report", SEEDLIKE, store=mixed_store)
    found = [(r["severity"], r["section"]) for r in data["results"]]
    assert sorted(found) == [("violation", "agenda2030"), ("warning", "gcm")]
    assert {r["source"] for r in data["results"]} == {"seed_like.md"}


def test_text_is_grouped_by_report_and_section(mixed_store: Path) -> None:
    result = run("validate", "--report", "seed_like.md", store=mixed_store)
    assert result.exit_code == 1
    out = result.stdout
    assert out.startswith("seed_like.md (session 9.9: Regional mobility)")
    assert out.index("Section 4 - Relevance") < out.index("Section 5 - Contributions")
    words = " ".join(out.split())  # messages are wrapped
    assert "has a heading but nothing under it" in words
    assert "Not passed" in words
    assert max(len(line) for line in out.splitlines()) <= 100


def test_report_can_be_named_by_iri_file_name_or_path(mixed_store: Path) -> None:
    for name in (SEEDLIKE, "seed_like.md", "/some/folder/seed_like.md"):
        _, data = as_json("--report", name, store=mixed_store)
        assert {r["report"] for r in data["results"]} == {SEEDLIKE}, name


def test_unknown_report_is_a_usage_error(mixed_store: Path) -> None:
    result = run("validate", "--report", "nowhere.md", store=mixed_store)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: nowhere.md")


@pytest.mark.parametrize("args", [("--format", "xml"), ("--fail-on", "info"),
                                  ("--fail-on", "everything")])
def test_bad_options_are_usage_errors(clean_store: Path, args: tuple[str, str]) -> None:
    result = run("validate", *args, store=clean_store)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")


def test_fail_on_warning(warned_store: Path) -> None:
    assert run("validate", store=warned_store).exit_code == 0
    assert run("validate", "--fail-on", "warning", store=warned_store).exit_code == 1
    code, data = as_json(store=warned_store)
    assert code == 0 and data["conforms"] is True
    assert {r["severity"] for r in data["results"]} == {"warning", "info"}


def test_missing_store_is_an_error(tmp_path: Path) -> None:
    result = run("validate", store=tmp_path / "nothing-here")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ")


def test_empty_store_has_nothing_to_validate(tmp_path: Path) -> None:
    location = make_store(tmp_path / "store", {})
    result = run("validate", store=location)
    assert result.exit_code == 0
    assert "No reports in the store" in result.stdout


# --- Turtle and HTML -------------------------------------------------------------------


def test_turtle_is_a_standard_validation_report(mixed_store: Path) -> None:
    first = run("validate", "--format", "turtle", store=mixed_store)
    second = run("validate", "--format", "turtle", store=mixed_store)
    assert first.exit_code == 1
    assert first.stdout == second.stdout  # deterministic
    graph = Graph().parse(data=first.stdout, format="turtle")
    [report] = graph.subjects(RDF.type, URIRef(SH + "ValidationReport"))
    assert graph.value(report, URIRef(SH + "conforms")) == Literal(False)
    results = list(graph.objects(report, URIRef(SH + "result")))
    _, data = as_json(store=mixed_store)
    assert len(results) == len(data["results"])
    for result in results:
        assert (result, RDF.type, URIRef(SH + "ValidationResult")) in graph
        for prop in ("focusNode", "resultSeverity", "sourceShape", "sourceConstraintComponent",
                     "resultMessage"):
            assert graph.value(result, URIRef(SH + prop)) is not None, prop


def test_turtle_of_a_conforming_store(clean_store: Path) -> None:
    result = run("validate", "--format", "turtle", store=clean_store)
    graph = Graph().parse(data=result.stdout, format="turtle")
    [report] = graph.subjects(RDF.type, URIRef(SH + "ValidationReport"))
    assert graph.value(report, URIRef(SH + "conforms")) == Literal(True)
    assert not list(graph.objects(report, URIRef(SH + "result")))


def test_html_is_one_escaped_self_contained_page(mixed_store: Path) -> None:
    result = run("validate", "--format", "html", store=mixed_store)
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>")
    assert page.rstrip().endswith("</html>")
    assert "<script" not in page  # the practice's markup is shown, not run
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; more" in page
    assert not re.search(r"<(link|img|iframe)\b|\bsrc=|@import|url\(", page)
    assert "@media print" in page
    for source in ("clean_report.md", "seed_like.md", "warned.md"):
        assert source in page


# --- the example corpus and its gold files ---------------------------------------------


def _gold_section(about: str) -> str:
    """The template section a gold finding's free text is about ("" = report header)."""
    text = about.lower()
    for key in ("agenda2030", "gcm", "summary", "challenge", "practice"):
        if key in text:
            return {"challenge": "challenges", "practice": "practices"}.get(key, key)
    if "quote" in text:
        return "quotes"
    return ""


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory) -> Path:
    corpus = need_corpus()
    location = tmp_path_factory.mktemp("corpus") / "store"
    files = [p for p in report_files(corpus) if p.with_suffix(".gold.json").exists()]
    result = run("ingest", *files, store=location)
    assert result.exit_code == 0, result.stderr
    return location


def test_seed_report_acceptance(corpus_store: Path) -> None:
    """Issue 4: on the seed report validate exits 1, with the empty Agenda 2030 section as
    a violation and the GCM section as a warning."""
    result = run("validate", "--report", "gfmd2018_rt2_1_south_south_mobility.md",
                 store=corpus_store)
    assert result.exit_code == 1
    _, data = as_json("--report", "gfmd2018_rt2_1_south_south_mobility.md", store=corpus_store)
    found = {(r["severity"], r["section"]) for r in data["results"]}
    assert ("violation", "agenda2030") in found
    assert ("warning", "gcm") in found


# Findings about the loader's own reading (shapes/reading.ttl) say what to check in the
# loader's output, not what the report lacks, so the gold files do not list them.
_READING_SHAPES = ("UnassignedTextShape-heading", "SectionReadingShape-confidence")
# Where validate knowingly says more than the gold: the 2012 report's section 4 is about
# the 2013 High-level Dialogue (it predates the Compact), so it names no GCM objective,
# and validate says so with the objectives the linker infers.
_KNOWN = {"gfmd2012_rt2_2_south_south.html": Counter({("warning", "gcm"): 1})}


def test_each_gold_file_matches_what_validate_reports(corpus_store: Path) -> None:
    """Violations and warnings per report equal the gold file's expected_findings (infos
    are advice the gold files do not list)."""
    _, data = as_json(store=corpus_store)
    data["results"] = [r for r in data["results"]
                       if not r["shape"].endswith(_READING_SHAPES)]
    mismatches = {}
    for gold_file in sorted(CORPUS.glob("*.gold.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        expected = Counter((f["severity"], _gold_section(f["about"]))
                           for f in gold["expected_findings"] if f["severity"] != "info")
        got = Counter((r["severity"], r["section"]) for r in data["results"]
                      if r["source"] == gold["file"] and r["severity"] != "info")
        got -= _KNOWN.get(gold["file"], Counter())
        if got != expected:
            mismatches[gold["file"]] = {"expected": dict(expected), "got": dict(got)}
    assert not mismatches, mismatches


# --- the fast path reports what plain pySHACL reports ----------------------------------

_PLAIN = """
import sys
from pyshacl import validate
from rdflib import Graph
data = Graph().parse(sys.argv[1], format="nt")
shapes = Graph().parse(sys.argv[2], format="turtle")
conforms, report, text = validate(data, shacl_graph=shapes, inference="none",
                                  allow_warnings=True, allow_infos=True)
sys.stdout.write(report.serialize(format="nt"))
"""


def data_graphs(store) -> list[str]:
    """Report graphs and shared-entity graphs: every graph but the ontology's and the
    vocabularies' (the whole vocabularies are added from the files)."""
    return [g for g in store.named_graphs() if not g.startswith("https://w3id.org/migkg/graph/")]


def _parity(location: Path, scratch: Path) -> None:
    """The pySHACL engine (per report, shapes harvested once, vocabulary subsets, process
    pool, pySHACL's parameter list sped up) against one plain pySHACL run, in a fresh
    interpreter, on the union of every report graph and the whole vocabularies."""
    store = open_store(str(location), read_only=True)
    outcome, _ = validation_run.validate(store, engine="pyshacl", everything=True, keep=False,
                                         workers=2)
    union = Graph()
    for iri in data_graphs(store):
        union.parse(data=store.graph_ntriples(iri), format="nt")
    union += validation.vocabulary_graph()
    validation.add_section_classes(union)
    (scratch / "union.nt").write_text(union.serialize(format="nt"), encoding="utf-8")
    (scratch / "shapes.ttl").write_text(validation.shapes_graph().serialize(format="turtle"),
                                        encoding="utf-8")
    plain = subprocess.run([sys.executable, "-c", _PLAIN, str(scratch / "union.nt"),
                            str(scratch / "shapes.ttl")], capture_output=True, text=True,
                           check=True)
    theirs = validation.report_keys(Graph().parse(data=plain.stdout, format="nt"))
    ours = validation.finding_keys(outcome.findings)
    assert ours, "the corpus should give some findings"
    assert ours == theirs


def test_parity_with_plain_pyshacl_on_the_example_corpus(corpus_store: Path,
                                                         tmp_path: Path) -> None:
    _parity(corpus_store, tmp_path)


def test_parity_with_plain_pyshacl_on_the_bundled_examples(tmp_path: Path) -> None:
    from migkg.demo import load_examples

    store = open_store(str(tmp_path / "store"))
    load_examples(store)
    store.close()
    _parity(tmp_path / "store", tmp_path)


# --- check-ontology --------------------------------------------------------------------


def test_sample_is_spread_and_reproducible() -> None:
    reports = [f"r{i:02d}" for i in range(10)]
    assert sample(reports, 3) == ["r00", "r03", "r06"]
    assert sample(reports, 0) == []
    assert sample(reports, 50) == reports
    assert sample(list(reversed(reports)), 3) == sample(reports, 3)


def test_check_ontology_on_a_store(clean_store: Path) -> None:
    from migkg.ontology_check import java_available

    if not java_available():
        pytest.skip("HermiT needs a Java runtime")
    result = run("check-ontology", "--sample", "1", store=clean_store)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "1 of 1 report" in result.stdout
    assert "consistent: HermiT found no contradiction" in result.stdout


def test_check_ontology_without_the_store_given_is_an_error(tmp_path: Path) -> None:
    result = run("check-ontology", store=tmp_path / "absent")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ")


def test_cross_check_with_another_shacl_engine(tmp_path: Path) -> None:
    """The shapes give the same results in pyrudof (a SHACL engine in Rust) as in
    pySHACL, on the bundled examples; run where pyrudof is installed."""
    pyrudof = pytest.importorskip("pyrudof")
    from migkg.demo import load_examples

    store = open_store(str(tmp_path / "store"))
    load_examples(store)
    store.close()
    store = open_store(str(tmp_path / "store"), read_only=True)
    outcome, _ = validation_run.validate(store, engine="pyshacl", everything=True, keep=False,
                                         workers=1)
    union = Graph()
    for iri in data_graphs(store):
        union.parse(data=store.graph_ntriples(iri), format="nt")
    union += validation.vocabulary_graph()
    validation.add_section_classes(union)
    union.serialize(tmp_path / "union.nt", format="nt", encoding="utf-8")
    validation.shapes_graph().serialize(tmp_path / "shapes.ttl", format="turtle",
                                        encoding="utf-8")
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    rudof.read_data(str(tmp_path / "union.nt"), format=pyrudof.RDFFormat.NTriples)
    rudof.read_shacl(str(tmp_path / "shapes.ttl"), format=pyrudof.ShaclFormat.Turtle)
    report = rudof.validate_shacl(pyrudof.ShaclValidationMode.Native)
    entries = report.violations() if callable(report.violations) else report.violations
    theirs = {(str(e.focus_node), str(e.source_shape), str(e.severity).lower())
              for e in entries}
    ours = {(f.focus, f.shape, f.severity) for f in outcome.findings}
    assert ours and ours == theirs
