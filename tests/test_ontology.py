"""The core ontology: well-formed, documented, covering the data model, and consistent
under HermiT together with the vocabularies and a hand-written report graph."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from migkg import resources
from migkg.ontology.namespaces import MKG, ONTOLOGY_GRAPH, ONTOLOGY_IRI
from migkg.ontology_check import (
    ReasonerError,
    check_consistency,
    core_graphs,
    explain,
    java_available,
)

# A plain string: pytest probes module attributes, and rdflib's XSD namespace warns.
XSD = "http://www.w3.org/2001/XMLSchema#"
ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
KINDS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
needs_java = pytest.mark.skipif(not java_available(), reason="HermiT needs java on PATH")


@pytest.fixture(scope="module")
def core() -> list[Graph]:
    return core_graphs()


@pytest.fixture(scope="module")
def ontology(core: list[Graph]) -> Graph:
    return core[0]


def kind_of(graph: Graph, term: URIRef) -> set[URIRef]:
    return set(graph.objects(term, RDF.type)) & KINDS


def mkg_terms(graph: Graph) -> set[URIRef]:
    return {s for kind in KINDS for s in graph.subjects(RDF.type, kind)
            if isinstance(s, URIRef) and str(s).startswith(str(MKG))}


def sample() -> Graph:
    return Graph().parse(DATA / "sample_report.ttl", format="turtle")


# --- structure and documentation ---------------------------------------------------------

def test_header(ontology: Graph) -> None:
    iri = URIRef(ONTOLOGY_IRI)
    assert (iri, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(iri, OWL.versionInfo) == Literal("0.1.0")
    assert ontology.value(iri, OWL.versionIRI) == URIRef(ONTOLOGY_IRI + "/0.1.0")
    for predicate in (DCTERMS.title, DCTERMS.description, DCTERMS.license):
        assert ontology.value(iri, predicate) is not None, predicate


def test_core_graphs_names(core: list[Graph]) -> None:
    assert core[0].identifier == ONTOLOGY_GRAPH
    names = [entry.name.removesuffix(".ttl") for entry in resources.vocabulary_files()]
    assert [str(g.identifier).rsplit("/", 1)[-1] for g in core[1:]] == names


def test_every_term_is_documented(ontology: Graph) -> None:
    terms = mkg_terms(ontology)
    assert len(terms) > 40
    for term in sorted(terms):
        labels = [v for v in ontology.objects(term, RDFS.label) if v.language == "en"]
        comments = [v for v in ontology.objects(term, RDFS.comment) if v.language == "en"]
        assert len(labels) == 1 and comments, f"{term}: needs one rdfs:label@en and a comment"
        assert ontology.value(term, RDFS.isDefinedBy) == URIRef(ONTOLOGY_IRI), term
        assert len(kind_of(ontology, term)) == 1, f"{term}: exactly one kind of term"


def test_terms_of_the_data_model_are_declared(ontology: Graph) -> None:
    text = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    used = {MKG[name] for name in re.findall(r"\bmkg:(\w+)", text)}
    assert used, "the data model names no mkg: term"
    assert sorted(used - mkg_terms(ontology)) == []


def test_terms_of_the_vocabularies_are_declared(core: list[Graph]) -> None:
    declared = mkg_terms(core[0])
    for graph in core[1:]:
        used = {t for triple in graph for t in triple
                if isinstance(t, URIRef) and str(t).startswith(str(MKG))}
        assert sorted(used - declared) == [], graph.identifier


@pytest.mark.parametrize("name", ["sample_report.ttl", "contradictory.ttl"])
def test_data_uses_declared_terms_of_the_right_kind(ontology: Graph, name: str) -> None:
    # Every predicate and class declared, and used as its kind says: the union stays OWL 2 DL.
    data = Graph().parse(DATA / name, format="turtle")
    for s, p, o in data:
        if p == RDF.type:
            assert OWL.Class in kind_of(ontology, o), f"class {o} is not declared"
        elif not str(p).startswith((str(RDFS), str(OWL))):
            kinds = kind_of(ontology, p)
            assert kinds, f"property {p} is not declared"
            if OWL.DatatypeProperty in kinds:
                assert isinstance(o, Literal), (s, p, o)
            if OWL.ObjectProperty in kinds:
                assert isinstance(o, URIRef), (s, p, o)


def test_axioms_name_declared_terms(ontology: Graph) -> None:
    for s, o in ontology.subject_objects(RDFS.subClassOf):
        assert OWL.Class in kind_of(ontology, o), (s, o)
    for s, o in ontology.subject_objects(RDFS.subPropertyOf):
        assert kind_of(ontology, s) == kind_of(ontology, o), f"{s} and {o} differ in kind"
    for predicate in (RDFS.domain, RDFS.range):
        for s, o in ontology.subject_objects(predicate):
            if isinstance(o, BNode) or str(o).startswith(XSD):
                continue
            assert OWL.Class in kind_of(ontology, o), (s, predicate, o)


def test_term_blocks_are_sorted() -> None:
    text = resources.ontology_file().read_text(encoding="utf-8")
    blocks = re.split(r"\n# -{20,}\n# .+\n# -{20,}\n", text)
    for block in blocks:
        names = re.findall(r"^(mkg:\w+)\n", block, re.MULTILINE)
        assert names == sorted(names)


# --- the explanation scan (no Java needed) -----------------------------------------------

def test_explain_names_the_clashing_individuals(ontology: Graph) -> None:
    lines = explain(ontology + Graph().parse(DATA / "contradictory.ttl", format="turtle"))
    assert any("challenge/1" in line and "mkg:Quote" in line for line in lines)
    assert any("actor/ecowas" in line and "mkg:State" in line for line in lines)


def test_explain_finds_range_and_functional_clashes(ontology: Graph) -> None:
    data = Graph().parse(data="""
        @prefix mkg: <https://w3id.org/migkg/ontology#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <urn:x:link> mkg:confidence "0.5"^^xsd:double .
        <urn:x:quote> mkg:approved true , false ; mkg:text "x"@en .
        """, format="turtle")
    text = "\n".join(explain(ontology + data))
    assert "mkg:confidence" in text and "xsd:decimal" in text
    assert "2 values of mkg:approved" in text
    assert "mkg:text" in text and "@en" in text


def test_explain_finds_nothing_in_the_sample(ontology: Graph) -> None:
    assert explain(ontology + sample()) == []


def test_no_java_is_a_readable_error(monkeypatch: pytest.MonkeyPatch, core) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(ReasonerError, match="no Java runtime"):
        check_consistency(core)


# --- HermiT ------------------------------------------------------------------------------

@needs_java
def test_ontology_alone_is_consistent_and_coherent(ontology: Graph) -> None:
    result = check_consistency([ontology])
    assert result.consistent, result.message
    assert result.unsatisfiable == () and result.warnings == ()
    assert result.classes > 30


@needs_java
def test_ontology_vocabularies_and_a_report_are_consistent(core: list[Graph]) -> None:
    result = check_consistency([*core, sample()])
    assert result.consistent, result.message
    assert result.unsatisfiable == () and result.warnings == (), result.message
    assert result.message.startswith("consistent")


@needs_java
def test_contradictory_data_is_inconsistent(core: list[Graph]) -> None:
    data = Graph().parse(DATA / "contradictory.ttl", format="turtle")
    result = check_consistency([*core, data.serialize(format="nt", encoding="utf-8")])
    assert not result.consistent
    assert result.message.startswith("inconsistent")
    assert "challenge/1" in result.message and "actor/ecowas" in result.message


@needs_java
def test_a_double_where_a_decimal_belongs_is_inconsistent(ontology: Graph) -> None:
    data = Graph()
    data.add((URIRef("urn:x:link"), MKG.confidence, Literal(0.5)))  # rdflib: xsd:double
    result = check_consistency([ontology, data])
    assert not result.consistent
    assert "xsd:decimal" in result.message


@needs_java
def test_ill_typed_literal_is_reported_without_reasoning(ontology: Graph) -> None:
    data = Graph()
    data.add((URIRef("urn:x:c"), MKG.position, Literal("three", datatype=XSD + "integer")))
    result = check_consistency([ontology, data])
    assert not result.consistent and result.reasoner_seconds == 0.0
    assert "not a valid xsd:integer" in result.message


@needs_java
def test_undeclared_terms_are_noted(ontology: Graph) -> None:
    data = Graph()
    data.add((URIRef("urn:x:c"), MKG.notATerm, Literal("x")))
    result = check_consistency([ontology, data])
    assert result.consistent
    assert result.warnings == ("mkg:notATerm is used but not declared in the ontology",)


@needs_java
def test_timeout_and_java_failure_are_readable_errors(ontology: Graph) -> None:
    with pytest.raises(ReasonerError, match="no verdict within"):
        check_consistency([ontology], timeout_s=0.05)
    with pytest.raises(ReasonerError, match=r"HermiT \(Java\) failed"):
        check_consistency([ontology], java_memory_mb=1)
