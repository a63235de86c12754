"""``migkg export --void FILE``: a VoID and DCAT description of the store's dataset.

The dataset (``https://w3id.org/migkg/dataset``) is a ``void:Dataset`` and ``dcat:Dataset``
with its licence, its number of triples, and one ``void:subset`` per named graph with that
graph's triple count (reports, shared entities, the ontology, each vocabulary and
classification, the links found by ``migkg link``); the vocabularies its triples use
(``void:vocabulary``); its sources (the report files' names and the classifications' own
sources, ``dcterms:source``); the loader versions that wrote the reports
(``prov:wasGeneratedBy`` with ``prov:wasAssociatedWith`` the loader agents); and the
cross-links to Wikidata as a ``void:Linkset``. Nothing depends on the clock: the same store
gives the same bytes (sorted N-Triples through rdflib's Turtle writer).
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, SKOS, VOID, XSD

from migkg.ontology.namespaces import (
    BASE,
    GRAPH,
    MKG,
    OA,
    ONTOLOGY_IRI,
    ORG,
    PREFIXES,
    SCHEMA,
    WD,
    WIKIDATA_LINKS_GRAPH,
)

from .store import REPORT_PREFIX, Store

DATASET = URIRef(BASE + "dataset")
DEFAULT_LICENSE = "https://spdx.org/licenses/MIT"
VOCABULARIES = (ONTOLOGY_IRI, str(SKOS), str(PROV), str(OA), str(DCTERMS), str(SCHEMA),
                str(ORG), str(DCAT))


def void_graph(store: Store, *, license_iri: str = DEFAULT_LICENSE) -> Graph:
    """The description of ``store`` as an rdflib Graph."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph.add((DATASET, RDF.type, VOID.Dataset))
    graph.add((DATASET, RDF.type, DCAT.Dataset))
    graph.add((DATASET, DCTERMS.title, Literal(
        "migkg: a knowledge graph of migration policy insights from rapporteur reports",
        lang="en")))
    graph.add((DATASET, DCTERMS.license, URIRef(license_iri)))
    graph.add((DATASET, VOID.uriSpace, Literal(BASE + "id/")))
    for vocabulary in VOCABULARIES:
        graph.add((DATASET, VOID.vocabulary, URIRef(vocabulary)))

    counts = store.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
                          "GROUP BY ?g")
    total = 0
    for name, count in sorted((str(g), int(str(n))) for g, n in counts.rows):
        total += count
        subset = URIRef(name)
        graph.add((DATASET, VOID.subset, subset))
        graph.add((subset, RDF.type, VOID.Dataset))
        graph.add((subset, VOID.triples, Literal(count, datatype=XSD.integer)))
        if name.startswith(REPORT_PREFIX):
            graph.add((subset, DCTERMS.type, MKG.Report))
        elif name == str(WIKIDATA_LINKS_GRAPH):
            graph.add((subset, RDF.type, VOID.Linkset))
            graph.add((subset, VOID.linkPredicate, SKOS.exactMatch))
            graph.add((subset, VOID.target, DATASET))
            graph.add((subset, VOID.target, URIRef(str(WD))))
    graph.add((DATASET, VOID.triples, Literal(total, datatype=XSD.integer)))

    # Sources: the reports' files and what the classifications were derived from.
    sources = store.select(
        "PREFIX dcterms: <http://purl.org/dc/terms/> SELECT DISTINCT ?source WHERE { "
        f'GRAPH ?g {{ ?x dcterms:source ?source }} FILTER (STRSTARTS(STR(?g), "{GRAPH}vocab/")) '
        "FILTER (isIRI(?source)) }")
    for (source,) in sources.rows:
        graph.add((DATASET, DCTERMS.source, URIRef(str(source))))
    agents = store.select(
        "PREFIX prov: <http://www.w3.org/ns/prov#> SELECT DISTINCT ?agent WHERE { "
        "?agent a prov:SoftwareAgent }")
    if agents.rows:
        activity = URIRef(BASE + "dataset#loading")
        graph.add((DATASET, PROV.wasGeneratedBy, activity))
        graph.add((activity, RDF.type, PROV.Activity))
        for (agent,) in agents.rows:
            graph.add((activity, PROV.wasAssociatedWith, URIRef(str(agent))))
    reports = store.select(
        "PREFIX mkg: <https://w3id.org/migkg/ontology#> SELECT (COUNT(DISTINCT ?r) AS ?n) "
        "WHERE { GRAPH ?r { ?r mkg:orderKey ?k } }")
    graph.add((DATASET, VOID.documents, Literal(int(str(reports.rows[0][0])),
                                                datatype=XSD.integer)))
    return graph


def void_turtle(store: Store, *, license_iri: str = DEFAULT_LICENSE) -> bytes:
    """The description as Turtle, the same bytes for the same store."""
    text = void_graph(store, license_iri=license_iri).serialize(format="longturtle")
    return text.encode("utf-8")
