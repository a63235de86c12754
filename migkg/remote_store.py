"""A store behind a SPARQL 1.1 endpoint (Oxigraph server, Fuseki, GraphDB...).

``--store https://host/query`` points every command here. Updates go to the matching
update endpoint (``…/update`` next to ``…/query`` or ``…/sparql``, or $MIGKG_UPDATE_URL).
Queries ask for the union of all graphs as the default graph, as the embedded store does
(Oxigraph's ``union-default-graph`` parameter; configure Fuseki with
``tdb2:unionDefaultGraph true``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

from .store import QueryResult, Store, StoreError, _first_line, substitute

_TIMEOUT = 60


def _update_url(query_url: str) -> str:
    explicit = os.environ.get("MIGKG_UPDATE_URL")
    if explicit:
        return explicit
    return re.sub(r"/(query|sparql)/?$", "/update", query_url)


def _term_text(binding: dict) -> str:
    """A SPARQL JSON result term in N-Triples syntax."""
    from rdflib import BNode, Literal, URIRef

    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return URIRef(value).n3()
    if kind == "bnode":
        return BNode(value).n3()
    return Literal(value, lang=binding.get("xml:lang"),
                   datatype=binding.get("datatype")).n3()


class RemoteStore(Store):
    def __init__(self, url: str) -> None:
        self.location = url
        self._update_url = _update_url(url)
        self._user = os.environ.get("MIGKG_REMOTE_USER")
        self._password = os.environ.get("MIGKG_REMOTE_PASSWORD")

    def _client(self, url: str):
        from SPARQLWrapper import JSON, POST, SPARQLWrapper

        client = SPARQLWrapper(url, agent="migkg (https://w3id.org/migkg)")
        client.setTimeout(_TIMEOUT)
        client.setMethod(POST)
        client.setReturnFormat(JSON)
        if self._user:
            client.setCredentials(self._user, self._password or "")
        return client

    def _json(self, query: str) -> dict:
        client = self._client(self.location)
        client.addParameter("union-default-graph", "")
        # SPARQLWrapper guesses the query form from the text; a header comment such as
        # '#+ description:' would make it guess DESCRIBE.
        client.setQuery(re.sub(r"(?m)^\s*#.*$", "", query))
        try:
            result = client.queryAndConvert()
        except Exception as exc:  # noqa: BLE001 - SPARQLWrapper raises many kinds
            raise StoreError(f"{self.location}: query failed ({_first_line(exc)})") from None
        if not isinstance(result, dict) or not ("results" in result or "boolean" in result):
            raise StoreError(f"{self.location}: the endpoint did not answer with SPARQL JSON")
        return result

    def select(self, query: str, bindings: Mapping[str, object] | None = None) -> QueryResult:
        result = self._json(substitute(query, bindings))
        columns = result["head"].get("vars", [])
        rows = [[(b.get(c) or {}).get("value") for c in columns]
                for b in result["results"]["bindings"]]
        return QueryResult(columns, rows)

    def ask(self, query: str) -> bool:
        return bool(self._json(query).get("boolean"))

    def update(self, update: str) -> None:
        client = self._client(self._update_url)
        client.setQuery(update)
        try:
            client.query()
        except Exception as exc:  # noqa: BLE001
            raise StoreError(f"{self._update_url}: update failed ({_first_line(exc)})") from None

    def _rows(self, query: str) -> list[dict]:
        return self._json(query)["results"]["bindings"]

    def graph_ntriples(self, graph: str) -> str:
        rows = self._rows(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        lines = sorted(f"{_term_text(r['s'])} {_term_text(r['p'])} {_term_text(r['o'])} ."
                       for r in rows)
        return "\n".join(lines) + ("\n" if lines else "")

    def named_graphs(self) -> list[str]:
        rows = self._rows("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(r["g"]["value"] for r in rows)

    def dump_nquads(self) -> str:
        rows = self._rows("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        lines = sorted(
            f"{_term_text(r['s'])} {_term_text(r['p'])} {_term_text(r['o'])} "
            f"{_term_text(r['g'])} ."
            for r in rows
        )
        return "\n".join(lines) + ("\n" if lines else "")
