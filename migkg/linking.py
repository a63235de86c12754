"""``migkg link wikidata``: look up Wikidata items for the countries and registry actors
that the shipped vocabularies give no confirmed Wikidata identifier.

The shipped vocabularies assert ``skos:exactMatch wd:Q…`` only where the reference data
confirms it. This module asks a SPARQL endpoint (the public Wikidata query service by
default; only when the user runs the command) for the rest: countries by their ISO 3166-1
alpha-3 code (``wdt:P298``), actors by their English name (``rdfs:label``), in batched
``VALUES`` queries sent with SPARQLWrapper.

What it finds is a *candidate*, never a confirmed identity: each link is written to a graph
of its own (:data:`~migkg.ontology.namespaces.WIKIDATA_LINKS_GRAPH`) as an annotated
mapping in SSSOM's RDF form (``owl:Axiom`` with ``owl:annotatedSource`` /
``owl:annotatedProperty skos:exactMatch`` / ``owl:annotatedTarget``,
``sssom:mapping_justification semapv:LexicalMatching``), so that no plain
``skos:exactMatch`` triple appears in the union graph and nothing reads it as confirmed.

Every answer is kept in an on-disk cache (one JSON file per query, named by the SHA-256 of
endpoint and query text), so a second run needs no network and ``offline=True`` uses the
cache only. An answer without a SPARQL results structure (an HTTP 200 with an HTML page, an
empty body, JSON of another shape) is an error, not "no match".
"""

from __future__ import annotations

import hashlib
import json
import time
import urllib.error
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, SKOS

from migkg.ontology import vocabulary
from migkg.ontology.iris import mapping_iri
from migkg.ontology.namespaces import SEMAPV, SSSOM, WD, WIKIDATA_LINKS_GRAPH

from .pushing import retrying
from .remote_store import RemoteError, check_url, timeout_seconds
from .store import Store, StoreError

DEFAULT_ENDPOINT = "https://query.wikidata.org/sparql"
BATCH = 50  # names or codes per VALUES query: well under the service's URL and time limits
_HOME = "https://w3id.org/migkg"


def user_agent() -> str:
    """The User-Agent the Wikimedia policy asks for: tool/version (URL) library/version."""
    import SPARQLWrapper

    return (f"migkg/{_version()} ({_HOME}; migration-policy knowledge graph) "
            f"SPARQLWrapper/{SPARQLWrapper.__version__}")


def _version() -> str:
    try:
        return version("migkg")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"


@dataclass(frozen=True)
class Candidate:
    """An entity without a confirmed Wikidata item: ``kind`` is country or actor, ``key``
    what the query matches (an ISO 3166-1 alpha-3 code, or an English name)."""

    iri: str
    kind: str
    key: str


@dataclass(frozen=True)
class Link:
    """A Wikidata item found for a candidate, and how (the matched key)."""

    candidate: Candidate
    qid: str


@dataclass
class LinkResult:
    """What a run did: ``links`` found, ``ambiguous`` keys (more than one item: none
    kept), ``queries`` sent over the network, ``cached`` answered from the cache and,
    offline, ``unanswered`` queries the cache lacks, with the candidates they ask for
    (``waiting``: their earlier links are kept)."""

    links: list[Link] = field(default_factory=list)
    ambiguous: list[Candidate] = field(default_factory=list)
    waiting: list[Candidate] = field(default_factory=list)
    candidates: int = 0
    queries: int = 0
    cached: int = 0
    unanswered: int = 0


def candidates() -> list[Candidate]:
    """Countries and registry actors the vocabularies give no confirmed Wikidata item."""
    found = [Candidate(c.iri, "country", c.iso3) for c in vocabulary.countries()
             if not c.wikidata]
    found += [Candidate(a.iri, "actor", a.names[0]) for a in vocabulary.actors()
              if not a.wikidata and a.names]
    return sorted(found, key=lambda c: (c.kind, c.key, c.iri))


def _literal(text: str, lang: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"' + (f"@{lang}" if lang else "")


def build_queries(items: Iterable[Candidate], batch: int = BATCH) -> list[str]:
    """The SELECT queries (``?key ?item``) for ``items``, ``batch`` keys per query, in a
    stable order (the cache is keyed by the query text)."""
    return [query for query, _ in batches(items, batch)]


def batches(items: Iterable[Candidate], batch: int = BATCH) -> list[tuple[str, list[str]]]:
    """Each query of :func:`build_queries` with the keys it asks for."""
    countries = sorted({c.key for c in items if c.kind == "country"})
    names = sorted({c.key for c in items if c.kind == "actor"})
    result = []
    for start in range(0, len(countries), batch):
        keys = countries[start:start + batch]
        values = " ".join(_literal(k) for k in keys)
        result.append(("PREFIX wdt: <http://www.wikidata.org/prop/direct/>\n"
                       f"SELECT ?key ?item WHERE {{ VALUES ?key {{ {values} }} "
                       "?item wdt:P298 ?key . }", keys))
    for start in range(0, len(names), batch):
        keys = names[start:start + batch]
        values = " ".join(_literal(k, "en") for k in keys)
        result.append(("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                       f"SELECT ?key ?item WHERE {{ VALUES ?key {{ {values} }} "
                       "?item rdfs:label ?key . }", keys))
    return result


class Cache:
    """Answers of an endpoint on disk, one JSON file per (endpoint, query)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, endpoint: str, query: str) -> Path:
        key = hashlib.sha256(f"{endpoint}\n{query}".encode()).hexdigest()
        return self.folder / f"{key}.json"

    def get(self, endpoint: str, query: str) -> dict | None:
        path = self._path(endpoint, query)
        if not path.is_file():
            return None
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
            return check_results(entry["answer"], str(path))
        except (ValueError, KeyError, TypeError, StoreError):
            return None  # a damaged entry is asked again, not trusted

    def put(self, endpoint: str, query: str, answer: dict) -> None:
        from .exporting import write_atomically

        self.folder.mkdir(parents=True, exist_ok=True)
        entry = {"endpoint": endpoint, "query": query, "answer": answer}
        text = json.dumps(entry, sort_keys=True, ensure_ascii=False, indent=1) + "\n"
        write_atomically(self._path(endpoint, query), text.encode("utf-8"))


def check_results(answer: object, where: str) -> dict:
    """``answer`` if it is a SPARQL 1.1 JSON SELECT result (``head.vars`` and
    ``results.bindings``), else a StoreError: an answer without that structure is a
    failure of the endpoint, never "no match"."""
    if not isinstance(answer, dict) or not isinstance(answer.get("head"), dict) or \
            not isinstance(answer.get("results"), dict) or \
            not isinstance(answer["results"].get("bindings"), list):
        raise StoreError(f"{where}: the endpoint's answer has no SPARQL results structure")
    return answer


def ask_endpoint(endpoint: str, query: str) -> dict:
    """Send one SELECT with SPARQLWrapper (POST, JSON results, timeout, our User-Agent);
    gives the parsed SPARQL JSON or raises RemoteError (``status`` None when no answer)."""
    from SPARQLWrapper import JSON, POST, SPARQLWrapper
    from SPARQLWrapper import SPARQLExceptions as errors

    # SPARQLWrapper turns these HTTP statuses into exceptions of its own.
    statuses = {errors.QueryBadFormed: 400, errors.Unauthorized: 401,
                errors.EndPointNotFound: 404, errors.URITooLong: 414,
                errors.EndPointInternalError: 500}

    client = SPARQLWrapper(endpoint, agent=user_agent())
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    client.setTimeout(int(timeout_seconds()))
    client.setQuery(query)
    try:
        response = client.query()
        body = response.response.read()
    except urllib.error.HTTPError as exc:
        raise RemoteError(f"{endpoint}: the endpoint answered HTTP {exc.code}", exc.code
                          ) from None
    except errors.SPARQLWrapperException as exc:
        status = statuses.get(type(exc))
        raise RemoteError(f"{endpoint}: the endpoint answered HTTP {status or '?'} "
                          f"({type(exc).__name__})", status) from None
    except (urllib.error.URLError, OSError) as exc:  # timeouts are OSErrors too
        reason = getattr(exc, "reason", exc)
        raise RemoteError(f"{endpoint}: request failed ({reason})", None) from None
    try:
        answer = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise StoreError(f"{endpoint}: the endpoint did not answer with SPARQL JSON "
                         "(no results structure)") from None
    return check_results(answer, endpoint)


def find_links(items: list[Candidate], endpoint: str, cache: Cache, *, offline: bool = False,
               ask: Callable[[str, str], dict] = ask_endpoint,
               sleep: Callable[[float], None] = time.sleep) -> LinkResult:
    """Look up Wikidata items for ``items``: from ``cache`` where it has the answer, else
    from ``endpoint`` (retried on 5xx and on no answer); ``offline``, a query the cache
    lacks is counted in ``unanswered``, never sent. A key that matches several items gives
    no link."""
    check_url(endpoint)
    result = LinkResult(candidates=len(items))
    by_key: dict[str, list[Candidate]] = {}
    for item in items:
        by_key.setdefault(item.key, []).append(item)
    found: dict[str, set[str]] = {}
    for query, keys in batches(items):
        answer = cache.get(endpoint, query)
        if answer is not None:
            result.cached += 1
        elif offline:
            # Offline, a question never asked is not an error: its entities keep what
            # an earlier run found, and the caller says how many wait for the network.
            result.unanswered += 1
            result.waiting += [c for key in keys for c in by_key[key]]
            continue
        else:
            answer = retrying(lambda q=query: ask(endpoint, q), sleep=sleep)
            cache.put(endpoint, query, answer)
            result.queries += 1
        for row in answer["results"]["bindings"]:
            key, item = (row.get("key") or {}).get("value"), (row.get("item") or {}).get("value")
            if key in by_key and isinstance(item, str) and item.startswith(str(WD)):
                found.setdefault(key, set()).add(item.removeprefix(str(WD)))
    for key, qids in sorted(found.items()):
        for candidate in by_key[key]:
            if len(qids) == 1:
                result.links.append(Link(candidate, next(iter(qids))))
            else:
                result.ambiguous.append(candidate)
    return result


def links_ntriples(result: LinkResult, endpoint: str) -> str:
    """The links graph as N-Triples: one annotated mapping per link and the graph's own
    description (what made it, from where; no time stamp, so the same answers give the
    same bytes)."""
    from rdflib import Graph, Literal, URIRef

    graph = Graph()
    me = WIKIDATA_LINKS_GRAPH
    graph.add((me, RDF.type, DCAT.Dataset))
    graph.add((me, RDF.type, PROV.Entity))
    graph.add((me, DCTERMS.title, Literal(
        "Wikidata links found by 'migkg link wikidata' (candidates, not confirmed)", lang="en")))
    graph.add((me, DCTERMS.source, URIRef(endpoint)))
    for link in result.links:
        node = mapping_iri(link.candidate.iri, str(WD[link.qid]))
        graph.add((node, RDF.type, OWL.Axiom))
        graph.add((node, OWL.annotatedSource, URIRef(link.candidate.iri)))
        graph.add((node, OWL.annotatedProperty, SKOS.exactMatch))
        graph.add((node, OWL.annotatedTarget, WD[link.qid]))
        graph.add((node, SSSOM.mapping_justification, SEMAPV.LexicalMatching))
        graph.add((node, SSSOM.match_string, Literal(link.candidate.key)))
        graph.add((node, SSSOM.mapping_tool, Literal("migkg link wikidata")))
        graph.add((node, SSSOM.mapping_tool_version, Literal(_version())))
        graph.add((node, DCTERMS.source, URIRef(endpoint)))
        graph.add((node, PROV.wasDerivedFrom, me))
    lines = graph.serialize(format="nt").splitlines()
    return "\n".join(sorted(line for line in lines if line.strip())) + "\n"


def default_cache(store: Store) -> Path:
    """The cache folder for a store: beside an embedded store's folder
    (``STORE.wikidata-cache``; the store folder holds the database only), or
    ``./migkg-wikidata-cache`` for a remote store."""
    location = str(store.location)
    if location.startswith(("http://", "https://")):
        return Path("migkg-wikidata-cache")
    folder = Path(location)
    return folder.with_name(folder.name + ".wikidata-cache")


def link_wikidata(store: Store, *, endpoint: str = DEFAULT_ENDPOINT,
                  cache: Path | None = None, offline: bool = False,
                  ask: Callable[[str, str], dict] = ask_endpoint,
                  sleep: Callable[[float], None] = time.sleep) -> LinkResult:
    """Find Wikidata items for the entities without a confirmed one and replace the
    store's links graph with them. Gives the LinkResult; raises StoreError (exit code in
    ``code``) when the endpoint fails or answers without results; nothing is written to
    the store then. Offline, entities whose query the cache lacks keep their earlier
    links (``result.waiting``)."""
    folder = cache if cache is not None else default_cache(store)
    result = find_links(candidates(), endpoint, Cache(folder), offline=offline, ask=ask,
                        sleep=sleep)
    if result.waiting:
        waiting = {c.iri: c for c in result.waiting}
        kept = [Link(waiting[s], q) for s, q in stored_links(store) if s in waiting]
        result.links = sorted(result.links + kept,
                              key=lambda link: (link.candidate.iri, link.qid))
    store.replace_graphs({str(WIKIDATA_LINKS_GRAPH): links_ntriples(result, endpoint)})
    return result


def stored_links(store: Store) -> list[tuple[str, str]]:
    """The (entity IRI, QID) pairs the store's links graph holds now."""
    rows = store.select(
        "PREFIX owl: <http://www.w3.org/2002/07/owl#> SELECT ?s ?t WHERE { "
        f"GRAPH <{WIKIDATA_LINKS_GRAPH}> {{ ?m owl:annotatedSource ?s ; "
        "owl:annotatedTarget ?t } }").rows
    return sorted((str(s), str(t).removeprefix(str(WD))) for s, t in rows
                  if str(t).startswith(str(WD)))
