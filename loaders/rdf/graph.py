"""The triples of one report graph and of the entity graphs reports share, as N-Triples.

The lines are sorted, so the same triples always give the same bytes.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from decimal import Decimal

import pyoxigraph as ox
from rdflib import Namespace

from migkg.ontology import namespaces

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"

Object = ox.NamedNode | ox.Literal | str


class _Terms:
    """A namespace whose terms are looked up once: ``MKG.Report`` costs an attribute read.

    (rdflib's ``Namespace`` builds and validates a new ``URIRef`` on every access, which
    for a report of 100,000 items is seconds.)
    """

    def __init__(self, namespace: Namespace) -> None:
        self._namespace = namespace
        self._items: dict[str, str] = {}

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        term = self._namespace[name]
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> str:
        term = self._items.get(name)
        if term is None:
            term = self._items[name] = self._namespace[name]
        return term


MKG = _Terms(namespaces.MKG)
OA = _Terms(namespaces.OA)
SCHEMA = _Terms(namespaces.SCHEMA)


class Graph:
    """The report's own triples, plus the identity of entities reports share.

    A session, an event outside the catalogue, a rapporteur and the loader agent can be
    named by many reports. Their identifying triples go to a graph of their own (named by
    the entity's IRI) instead of into every report graph: the store's union default graph
    does not merge equal triples of different graphs, so a session reported a hundred
    times would otherwise match a hundred times in every join through it.
    """

    def __init__(self) -> None:
        self.lines: set[str] = set()
        self.entities: dict[str, set[str]] = {}
        # A node names several triples: its IRI is checked and written once.
        self._nodes: dict[str, str] = {}

    def _node(self, iri: str) -> str:
        written = self._nodes.get(iri)
        if written is None:
            written = self._nodes[iri] = str(ox.NamedNode(iri))  # raises on a bad IRI
        return written

    def _line(self, s: str, p: str, o: Object) -> str:
        # pyoxigraph writes terms in N-Triples syntax, exactly as its N-Triples serializer
        # does; one line per triple, so equal triples are one line. (The lookups are
        # inlined: a report of 100,000 items writes 3 million lines.)
        nodes = self._nodes
        obj = (nodes.get(o) or self._node(o)) if isinstance(o, str) else str(o)
        return f"{nodes.get(s) or self._node(s)} {nodes.get(p) or self._node(p)} {obj} ."

    def add(self, s: str, p: str, o: Object) -> None:
        """Add a triple to the report's graph (a ``str`` object is an IRI)."""
        self.lines.add(self._line(s, p, o))

    def add_shared(self, s: str, p: str, o: Object) -> None:
        """Add a triple to the shared graph of entity ``s``."""
        self.entities.setdefault(s, set()).add(self._line(s, p, o))

    def ntriples(self) -> str:
        """The report graph as sorted N-Triples lines."""
        return _sorted_ntriples(self.lines)

    def shared_ntriples(self) -> dict[str, str]:
        """Entity graph IRI -> its sorted N-Triples, by IRI."""
        return {graph: _sorted_ntriples(lines)
                for graph, lines in sorted(self.entities.items())}


def _sorted_ntriples(lines: set[str]) -> str:
    return "\n".join(sorted(lines)) + "\n"


def literal(value: object, datatype: str | None = None, lang: str | None = None) -> ox.Literal:
    """A literal of ``value``'s text, typed ``xsd:datatype`` or tagged ``lang`` if given."""
    if lang:
        return ox.Literal(str(value), language=lang)
    if datatype:
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + datatype))
    return ox.Literal(str(value))


def decimal(value: float) -> ox.Literal:
    """An ``xsd:decimal`` of ``value``, printed the same on every platform."""
    # Not double: the ontology types these as decimals.
    text = format(Decimal(repr(value)).normalize(), "f")
    return ox.Literal(text, datatype=ox.NamedNode(XSD + "decimal"))


def ingest_time() -> str:
    """When the ingest ran; ``SOURCE_DATE_EPOCH`` pins it for reproducible exports."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (
        datetime.fromtimestamp(int(epoch), tz=UTC)
        if epoch and epoch.isdigit()
        else datetime.now(UTC)
    )
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")
