"""The SHACL-to-SPARQL compiler (issue 12, step 1): every shape of shapes/ compiles into
queries the store parses, and a shape using a component it does not cover is refused by
name, never skipped. Not yet used by `migkg validate`; parity with pySHACL is step 2."""

from __future__ import annotations

import pyoxigraph
import pytest
from rdflib import Graph

from migkg.shacl_sparql import SCOPE, CompileError, compile_shapes
from migkg.validation import shapes_graph


def test_every_shape_compiles_into_queries_the_store_parses() -> None:
    checks = compile_shapes(shapes_graph())
    assert len(checks) > 50
    store = pyoxigraph.Store()
    for check in checks:
        list(store.query(check.query.replace(SCOPE, "")))  # parses and runs on an empty store
    assert {c.severity for c in checks} == {"violation", "warning", "info"}
    assert all(c.shape.startswith("https://w3id.org/migkg/shapes#") for c in checks)
    assert all(c.component.endswith("ConstraintComponent") for c in checks)


def test_a_component_it_does_not_cover_is_refused_by_name() -> None:
    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <http://example.org/> .
        ex:LabelShape a sh:NodeShape ; sh:targetClass ex:Thing ;
            sh:property [ sh:path ex:label ; sh:uniqueLang true ] .
    """, format="turtle")
    with pytest.raises(CompileError, match="uniqueLang"):
        compile_shapes(shapes)
