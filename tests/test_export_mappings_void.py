"""`migkg export --mappings` (SSSOM, validated by sssom) and `--void` (VoID + DCAT)."""

from __future__ import annotations

import builtins
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, VOID

from helpers import EXAMPLES, run
from migkg import linking
from migkg.ingest import ingest
from migkg.store import open_store

pytest.importorskip("sssom")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export") / "s"
    db = open_store(str(folder))
    try:
        ingest(db, [EXAMPLES / "gfmd2018_rt3_1_children_on_the_move.docx"], workers=1)
        # One candidate link, as `migkg link wikidata` would find it.
        answer = {"head": {"vars": ["key", "item"]}, "results": {"bindings": [
            {"key": {"type": "literal", "value": "Community of Sahel-Saharan States",
                     "xml:lang": "en"},
             "item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q9990001"}}]}}
        linking.link_wikidata(db, endpoint="http://127.0.0.1:9/sparql",
                              cache=folder.parent / "cache", ask=lambda e, q: answer)
    finally:
        db.close()
    return folder


def test_mappings_validate_with_sssom(store: Path, tmp_path: Path) -> None:
    from sssom.parsers import parse_sssom_table
    from sssom.validators import validate

    out = tmp_path / "links.sssom.tsv"
    result = run("export", "--mappings", out, store=store)
    assert result.exit_code == 0, result.stderr
    frame = parse_sssom_table(out)
    reports = validate(frame, fail_on_error=False)
    assert all(not report.results for report in reports.values())
    rows = {(r.subject_id, r.object_id): r for r in frame.df.itertuples()}
    assert rows[("migkg:country/MAR", "wikidata:Q1028")].mapping_justification == \
        "semapv:ManualMappingCuration"
    assert ("migkggcm:principle/people-centred", "unnethub:738") in rows
    # The Netherlands' alias item is close, not the same entity.
    assert rows[("migkg:country/NLD", "wikidata:Q29999")].predicate_id == "skos:exactMatch"
    assert rows[("migkg:country/NLD", "wikidata:Q55")].predicate_id == "skos:closeMatch"
    candidate = rows[("migkg:actor/cen-sad", "wikidata:Q9990001")]
    assert candidate.mapping_justification == "semapv:LexicalMatching"
    assert "not confirmed" in candidate.comment
    # The registry marks UNHCR's QID as conflicting: no row for it.
    assert not [k for k in rows if k[0] == "migkg:actor/unhcr"]
    again = tmp_path / "again.tsv"
    assert run("export", "--mappings", again, store=store).exit_code == 0
    assert again.read_bytes() == out.read_bytes()


def test_a_broken_table_fails_sssom_validation(store: Path, tmp_path: Path) -> None:
    from sssom.parsers import parse_sssom_table

    from migkg.mappings import validation_problems

    out = tmp_path / "links.tsv"
    assert run("export", "--mappings", out, store=store).exit_code == 0
    broken = tmp_path / "broken.tsv"
    broken.write_text(out.read_text().replace("semapv:ManualMappingCuration",
                                              "semapv:GuessedIt", 1))
    assert validation_problems(parse_sssom_table(broken))


def test_without_sssom_the_export_says_what_to_install(store: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    real = builtins.__import__

    def no_sssom(name, *args, **kwargs):
        if name.split(".")[0] in ("sssom", "sssom_schema"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_sssom)
    result = run("export", "--mappings", tmp_path / "m.tsv", store=store)
    assert result.exit_code == 2 and "migkg[mappings]" in result.stderr
    assert not (tmp_path / "m.tsv").exists()


def test_void_counts_every_graph(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "void.ttl"
    result = run("export", "--void", out, store=store)
    assert result.exit_code == 0, result.stderr
    graph = Graph().parse(out)
    dataset = URIRef("https://w3id.org/migkg/dataset")
    db = open_store(str(store), read_only=True)
    try:
        named = db.named_graphs()
        counts = {g: len(db.graph_ntriples(g).splitlines()) for g in named}
    finally:
        db.close()
    subsets = set(graph.objects(dataset, VOID.subset))
    assert {str(s) for s in subsets} == set(named)
    for subset in subsets:
        assert int(graph.value(subset, VOID.triples)) == counts[str(subset)], subset
    assert int(graph.value(dataset, VOID.triples)) == sum(counts.values())
    assert (dataset, DCTERMS.license, None) in graph
    assert (URIRef("https://w3id.org/migkg/graph/links/wikidata"), VOID.linkPredicate,
            None) in graph
    assert (dataset, VOID.vocabulary, URIRef("https://w3id.org/migkg/ontology")) in graph
    loaders = list(graph.objects(None, URIRef("http://www.w3.org/ns/prov#wasAssociatedWith")))
    assert loaders and all("/agent/migkg-" in str(a) for a in loaders)
    again = tmp_path / "again.ttl"
    assert run("export", "--void", again, store=store).exit_code == 0
    assert again.read_bytes() == out.read_bytes()
