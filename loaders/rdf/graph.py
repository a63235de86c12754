"""The triples of one report graph and of the entity graphs reports share, as N-Triples.

The lines are sorted, so the same triples always give the same bytes.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from decimal import Decimal

import pyoxigraph as ox

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"

Object = ox.NamedNode | ox.Literal | str


class Graph:
    """The report's own triples, plus the identity of entities reports share.

    A session, an event outside the catalogue, a rapporteur and the loader agent can be
    named by many reports. Their identifying triples go to a graph of their own (named by
    the entity's IRI) instead of into every report graph: the store's union default graph
    does not merge equal triples of different graphs, so a session reported a hundred
    times would otherwise match a hundred times in every join through it.
    """

    def __init__(self) -> None:
        self.triples: set[ox.Triple] = set()
        self.entities: dict[str, set[ox.Triple]] = {}

    @staticmethod
    def _triple(s: str, p: str, o: Object) -> ox.Triple:
        obj = ox.NamedNode(o) if isinstance(o, str) else o
        return ox.Triple(ox.NamedNode(s), ox.NamedNode(p), obj)

    def add(self, s: str, p: str, o: Object) -> None:
        """Add a triple to the report's graph (a ``str`` object is an IRI)."""
        self.triples.add(self._triple(s, p, o))

    def add_shared(self, s: str, p: str, o: Object) -> None:
        """Add a triple to the shared graph of entity ``s``."""
        self.entities.setdefault(s, set()).add(self._triple(s, p, o))

    def ntriples(self) -> str:
        """The report graph as sorted N-Triples lines."""
        return _sorted_ntriples(self.triples)

    def shared_ntriples(self) -> dict[str, str]:
        """Entity graph IRI -> its sorted N-Triples, by IRI."""
        return {graph: _sorted_ntriples(triples)
                for graph, triples in sorted(self.entities.items())}


def _sorted_ntriples(triples: set[ox.Triple]) -> str:
    text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode()
    return "\n".join(sorted(text.splitlines())) + "\n"


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
