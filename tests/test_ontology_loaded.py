"""HermiT finds the ontology, the vocabularies and reports the loader wrote consistent."""

from __future__ import annotations

import pytest
from rdflib import RDF, Graph, URIRef

from helpers import EXAMPLES, run
from migkg import ontology_check
from migkg.store import open_store

pytestmark = pytest.mark.skipif(not ontology_check.java_available(),
                                reason="java is needed for HermiT")


def test_loaded_reports_are_consistent_with_ontology_and_vocabularies(tmp_path):
    location = tmp_path / "store"
    files = [EXAMPLES / "aprr2021_rt2_fair_recruitment.md",
             EXAMPLES / "gfmd2020_rt1_2_skills_partnerships.docx"]
    assert run("ingest", *files, store=location).exit_code == 0
    store = open_store(str(location))
    data = []
    for report in store.report_graphs():
        graph = Graph()
        graph.parse(data=store.report_ntriples(report), format="nt")
        data.append(graph)
    store.close()
    assert len(data) == 2 and all(len(g) > 500 for g in data)
    result = ontology_check.check_consistency([*ontology_check.core_graphs(), *data])
    assert result.consistent, result.message


def test_a_loaded_report_made_contradictory_is_found_inconsistent(tmp_path):
    location = tmp_path / "store"
    assert run("ingest", EXAMPLES / "aprr2021_rt2_fair_recruitment.md",
               store=location).exit_code == 0
    store = open_store(str(location))
    (report,) = store.report_graphs()
    graph = Graph()
    graph.parse(data=store.report_ntriples(report), format="nt")
    store.close()
    # A challenge that is also a quote breaks the disjointness of insight kinds.
    graph.add((URIRef(f"{report}/challenge/1"), RDF.type,
               URIRef("https://w3id.org/migkg/ontology#Quote")))
    result = ontology_check.check_consistency([*ontology_check.core_graphs(), graph])
    assert not result.consistent
