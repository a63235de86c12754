"""migkg: a knowledge graph of migration policy insights from rapporteur reports."""

__version__ = "0.1.0"
