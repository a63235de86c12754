"""Deterministic exports of the store.

Everything starts from the sorted N-Quads dump, so the bytes depend only on the store's
content. Turtle merges all graphs into one (it has no graphs); TriG, N-Quads and JSON-LD
keep them.
"""

from __future__ import annotations

from .namespaces import PREFIXES
from .store import Store

FORMATS = ("turtle", "trig", "nquads", "jsonld")


def export(store: Store, fmt: str) -> bytes:
    nquads = store.dump_nquads()
    if fmt == "nquads":
        return nquads.encode()
    from rdflib import Dataset, Graph

    if fmt == "turtle":
        graph = Graph()
        _bind(graph)
        dataset = Dataset()
        dataset.parse(data=nquads, format="nquads")
        for triple in dataset.triples((None, None, None, None)):  # type: ignore[arg-type]
            graph.add(triple[:3])
        return graph.serialize(format="longturtle").encode()
    dataset = Dataset()
    _bind(dataset)
    dataset.parse(data=nquads, format="nquads")
    if fmt == "trig":
        return dataset.serialize(format="trig").encode()
    return dataset.serialize(format="json-ld", sort_keys=True, indent=1).encode()


def _bind(graph) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
