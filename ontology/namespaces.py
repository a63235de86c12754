"""Every namespace the project writes or reads, its prefixes, and the graphs of shipped data.

The bottom layer: imports rdflib only. IRIs minted from these live in :mod:`.iris`.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD

BASE = "https://w3id.org/migkg/"
MKG = Namespace(BASE + "ontology#")
ONTOLOGY_IRI = BASE + "ontology"
ID = Namespace(BASE + "id/")
GCM = Namespace(BASE + "gcm/")
VOCAB = Namespace(BASE + "vocab/")
GRAPH = Namespace(BASE + "graph/")
SDG = Namespace("http://metadata.un.org/sdg/")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
# SSSOM's RDF terms and the Semantic Mapping Vocabulary its justifications come from.
SSSOM = Namespace("https://w3id.org/sssom/")
SEMAPV = Namespace("https://w3id.org/semapv/vocab/")

PREFIXES: dict[str, Namespace] = {
    "mkg": MKG,
    "id": ID,
    "gcm": GCM,
    "vocab": VOCAB,
    "sdg": SDG,
    "oa": OA,
    "schema": SCHEMA,
    "org": ORG,
    "prov": PROV,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "rdfs": RDFS,
    "rdf": RDF,
    "owl": OWL,
    "xsd": XSD,
    "wd": WD,
    "wdt": WDT,
    "dcat": DCAT,
    "void": VOID,
    "sssom": SSSOM,
    "semapv": SEMAPV,
}

# Named graphs that hold shipped data rather than reports.
ONTOLOGY_GRAPH = GRAPH["ontology"]


def vocab_graph(name: str):
    """The named graph holding the shipped vocabulary file ``name`` (without suffix)."""
    return GRAPH["vocab/" + name]


# Links that ``migkg link wikidata`` found, kept apart from the shipped (confirmed) ones.
WIKIDATA_LINKS_GRAPH = GRAPH["links/wikidata"]
