"""The embedded store: graph replacement, union queries, binding, byte-stable dumps."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from migkg.store import EmbeddedStore, StoreError, open_store

G1 = "https://w3id.org/migkg/id/report/a"
G2 = "https://w3id.org/migkg/id/report/b"


def nt(s: str, o: str) -> str:
    return f'<{s}> <https://example.org/p> "{o}" .'


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "store"))
    yield s
    s.close()


def test_replace_graph_replaces_never_appends(store):
    store.replace_graphs({G1: nt(G1, "one") + "\n" + nt(G1, "two")})
    store.replace_graphs({G1: nt(G1, "three")})
    result = store.select("SELECT ?o WHERE { ?s <https://example.org/p> ?o }")
    assert result.rows == [["three"]]


def test_union_default_graph_and_report_graphs(store):
    store.replace_graphs({G1: nt(G1, "x"), G2: nt(G2, "y")})
    result = store.select("SELECT ?o WHERE { ?s <https://example.org/p> ?o } ORDER BY ?o")
    assert [r[0] for r in result.rows] == ["x", "y"]
    assert store.report_graphs() == [G1, G2]


def test_bindings_are_terms_not_text(store):
    store.replace_graphs({G1: nt(G1, "x")})
    query = "SELECT ?s WHERE { ?s <https://example.org/p> ?_v }"
    assert store.select(query, {"_v": Literal("x")}).rows == [[G1]]
    # An injection attempt stays a literal value and matches nothing.
    assert store.select(query, {"_v": Literal('x" } UNION { ?s ?p ?o')}).rows == []
    assert store.select("SELECT ?o WHERE { ?_s <https://example.org/p> ?o }",
                        {"_s": URIRef(G1)}).rows == [["x"]]


def test_failed_update_leaves_store_unchanged(store):
    store.replace_graphs({G1: nt(G1, "kept")})
    with pytest.raises(StoreError):
        store.replace_graphs({G1: "this is not N-Triples"})
    assert store.select("SELECT ?o WHERE { ?s ?p ?o }").rows == [["kept"]]


def test_dump_is_sorted_and_stable(tmp_path):
    first = open_store(str(tmp_path / "one"))
    second = open_store(str(tmp_path / "two"))
    first.replace_graphs({G1: nt(G1, "x"), G2: nt(G2, "y")})
    second.replace_graphs({G2: nt(G2, "y")})
    second.replace_graphs({G1: nt(G1, "x")})
    assert first.dump_nquads() == second.dump_nquads()
    lines = first.dump_nquads().splitlines()
    assert lines == sorted(lines) and len(lines) == 2


def test_vocabularies_loaded_once(store):
    assert store.ensure_vocabularies() is True
    assert store.ensure_vocabularies() is False
    assert "https://w3id.org/migkg/graph/ontology" in store.named_graphs()


def test_read_only_open_of_missing_store_is_one_line_error(tmp_path):
    with pytest.raises(StoreError, match="no store here yet"):
        EmbeddedStore(tmp_path / "nothing", read_only=True)


def test_invalid_sparql_is_a_store_error(store):
    with pytest.raises(StoreError, match="invalid SPARQL"):
        store.select("SELEKT nothing")


def test_quads_about_reads_the_same_rows_by_index_as_by_query(store):
    from migkg.store import Store

    p, q, other = "https://example.org/p", "https://example.org/q", "https://example.org/r"
    x, y = "https://example.org/x", "https://example.org/y"
    store.replace_graphs({
        G1: "\n".join([f'<{x}> <{p}> "plain" .', f'<{x}> <{p}> "en"@en .',
                       f'<{x}> <{q}> "3"^^<http://www.w3.org/2001/XMLSchema#integer> .',
                       f"<{x}> <{q}> <{y}> .", f"<{x}> <{q}> _:b .", f'<{x}> <{other}> "no" .',
                       f"<{y}> <{p}> <{x}> ."]),
        G2: f'<{x}> <{p}> "also in b" .',
    })
    store.update(f'INSERT DATA {{ <{x}> <{p}> "default graph" }}')
    for incoming in (False, True):
        for excluded in ((), (G2,)):
            by_index = store.quads_about([x, "https://example.org/none"], {p, q},
                                         incoming=incoming, excluded=excluded)
            by_query = Store.quads_about(store, [x, "https://example.org/none"], {p, q},
                                         incoming=incoming, excluded=excluded)
            assert sorted(map(tuple, by_index)) == sorted(map(tuple, by_query))
    rows = sorted(map(tuple, store.quads_about([x], {p, q})))
    assert len(rows) == 6  # not the other predicate, not the default graph
    assert (G1, x, p, "en", "false", "false",
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString", "en") in rows
    assert (G1, x, q, y, "true", "false", None, None) in rows
    assert store.quads_about([x], {p}, incoming=True) == [[G1, y, p, x, "true", "false",
                                                          None, None]]
    assert {r[0] for r in store.quads_about([x], {p}, excluded=(G2,))} == {G1}
