"""migkg.ontology, the bottom layer: namespaces, minted IRIs, vocabulary lookups, the report
template, and the shipped ontology and vocabulary files. Imports rdflib and pyoxigraph only."""
