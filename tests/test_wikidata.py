"""Wikidata against a loopback Oxigraph server holding a Wikidata-shaped fixture:
`migkg link wikidata` (batched queries, the cache, --offline, answers without results,
retries) and the federated example query (refused by default, run with --allow-network)."""

from __future__ import annotations

import http.server
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from http_fake import serving
from oxigraph_server import oxigraph

from helpers import EXAMPLES, REPO, run
from migkg import linking
from migkg.ontology.iris import actor_iri
from migkg.ontology.namespaces import WIKIDATA_LINKS_GRAPH
from migkg.remote_store import RemoteError
from migkg.store import open_store

FIXTURE = Path(__file__).parent / "data" / "wikidata_fixture.ttl"
FEDERATED = REPO / "queries" / "federated" / "wikidata-capitals.rq"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory):
    import pyoxigraph as ox

    location = tmp_path_factory.mktemp("wikidata") / "db"
    db = ox.Store(str(location))
    db.load(FIXTURE.read_bytes(), format=ox.RdfFormat.TURTLE)
    db.flush()
    del db
    with oxigraph(location, read_only=True) as url:
        yield f"{url}/query"


def _links(store_path: Path) -> set[tuple[str, str, str]]:
    store = open_store(str(store_path), read_only=True)
    try:
        result = store.select(
            "PREFIX owl: <http://www.w3.org/2002/07/owl#> "
            "PREFIX sssom: <https://w3id.org/sssom/> "
            f"SELECT ?s ?t ?j WHERE {{ GRAPH <{WIKIDATA_LINKS_GRAPH}> {{ "
            "?m owl:annotatedSource ?s ; owl:annotatedTarget ?t ; "
            "sssom:mapping_justification ?j } }")
        return {tuple(str(v) for v in row) for row in result.rows}
    finally:
        store.close()


def test_links_cache_and_offline(endpoint: str, tmp_path: Path) -> None:
    store, cache = tmp_path / "store", tmp_path / "cache"
    first = run("link", "wikidata", "--endpoint", endpoint, "--cache", cache, store=store)
    assert first.exit_code == 0, first.stderr
    assert "1 candidate links" in first.stdout and "0 answered from the cache" in first.stdout
    # The ambiguous name is said, once, and gives no link.
    assert first.stderr.count("warning: Budapest Process: several Wikidata items") == 1
    cen_sad = str(actor_iri("CEN-SAD"))
    assert _links(store) == {(cen_sad, "http://www.wikidata.org/entity/Q9990001",
                              "https://w3id.org/semapv/vocab/LexicalMatching")}
    # A found link is a candidate mapping, never a plain (confirmed) skos:exactMatch.
    db = open_store(str(store), read_only=True)
    try:
        assert not db.ask("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
                          f"ASK {{ <{cen_sad}> skos:exactMatch ?x }}")
        before = db.graph_ntriples(str(WIKIDATA_LINKS_GRAPH))
    finally:
        db.close()
    # A second run answers from the cache; --offline uses nothing else, the same bytes.
    again = run("link", "wikidata", "--endpoint", endpoint, "--cache", cache, store=store)
    assert again.exit_code == 0 and "0 queries sent" in again.stdout
    offline = subprocess.run(
        [sys.executable, "-m", "migkg", "link", "wikidata", "--offline", "--endpoint",
         "https://query.wikidata.invalid/sparql", "--cache", str(cache), "--store",
         str(store)], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    # Another endpoint's answers are not in the cache: offline, that is said, nothing is
    # sent, and the links found before stay.
    assert offline.returncode == 0, offline.stderr
    assert offline.stderr.startswith("warning: ") and "no cached answer" in offline.stderr
    assert _links(store) == {(cen_sad, "http://www.wikidata.org/entity/Q9990001",
                              "https://w3id.org/semapv/vocab/LexicalMatching")}
    offline = subprocess.run(
        [sys.executable, "-m", "migkg", "link", "wikidata", "--offline", "--endpoint",
         endpoint, "--cache", str(cache), "--store", str(store)],
        capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert offline.returncode == 0, offline.stderr
    db = open_store(str(store), read_only=True)
    try:
        assert db.graph_ntriples(str(WIKIDATA_LINKS_GRAPH)) == before
    finally:
        db.close()


def test_the_default_cache_is_beside_the_store_folder(endpoint: str, tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert run("link", "wikidata", "--endpoint", endpoint, store=store).exit_code == 0
    assert list((tmp_path / "store.wikidata-cache").glob("*.json"))
    offline = run("link", "wikidata", "--offline", "--endpoint", endpoint, store=store)
    assert offline.exit_code == 0 and "0 queries sent" in offline.stdout


@contextmanager
def answering(status: int, body: bytes, content_type: str):
    """A loopback HTTP server that answers every request with ``body``; yields its
    SPARQL endpoint URL."""
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - the http.server API
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    with serving(Handler) as url:
        yield f"{url}/sparql"


@pytest.mark.parametrize("body, content_type", [
    (b"<html><body>Service maintenance</body></html>", "text/html"),
    (b'{"head": {"vars": ["key", "item"]}}', "application/sparql-results+json"),
    (b"", "application/sparql-results+json"),
])
def test_an_answer_without_results_is_an_error(tmp_path: Path, body: bytes,
                                               content_type: str) -> None:
    with answering(200, body, content_type) as url:
        result = run("link", "wikidata", "--endpoint", url, "--cache", tmp_path / "c",
                     store=tmp_path / "s")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "results structure" in result.stderr or "SPARQL JSON" in result.stderr
    assert not list((tmp_path / "c").glob("*.json")), "a bad answer is never cached"


def test_the_user_agent_names_the_project() -> None:
    agent = linking.user_agent()
    assert agent.startswith("migkg/") and "https://w3id.org/migkg" in agent
    assert "SPARQLWrapper/" in agent


def test_queries_are_batched_and_stable() -> None:
    items = [linking.Candidate(f"urn:x:{n}", "actor", f"Name {n:03d}") for n in range(120)]
    items.append(linking.Candidate("urn:c", "country", "CHI"))
    queries = linking.build_queries(items, batch=50)
    assert len(queries) == 4  # one for the code, three for 120 names
    assert "wdt:P298" in queries[0] and queries[1].count('"@en') == 50
    assert queries == linking.build_queries(list(reversed(items)), batch=50)


def test_retries_with_back_off_then_gives_up(tmp_path: Path) -> None:
    items = [linking.Candidate("urn:x", "actor", "Some Body")]
    calls, slept = [], []

    def flaky(endpoint: str, query: str) -> dict:
        calls.append(query)
        if len(calls) < 3:
            raise RemoteError(f"{endpoint}: request failed (timed out)", None)
        return {"head": {"vars": ["key", "item"]}, "results": {"bindings": [
            {"key": {"type": "literal", "value": "Some Body", "xml:lang": "en"},
             "item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q42"}}]}}

    cache = linking.Cache(tmp_path / "cache")
    result = linking.find_links(items, "http://127.0.0.1:9/sparql", cache, ask=flaky,
                                sleep=slept.append)
    assert [link.qid for link in result.links] == ["Q42"] and slept == [1.0, 2.0]

    def refused(endpoint: str, query: str) -> dict:
        raise RemoteError(f"{endpoint}: the endpoint answered HTTP 403", 403)

    slept.clear()
    with pytest.raises(RemoteError, match="403"):
        linking.find_links(items, "http://127.0.0.1:9/other", cache, ask=refused,
                           sleep=slept.append)
    assert slept == []  # a refusal is not tried again
    offline = linking.find_links(items, "http://127.0.0.1:9/third", cache, offline=True,
                                 ask=refused)
    assert offline.unanswered == 1 and offline.waiting == items and not offline.links


def test_offline_with_no_cache_at_all_succeeds(tmp_path: Path) -> None:
    """A new user's first `--offline` run: nothing cached, nothing sent, one warning; the
    network guard gives `link --offline` no network at all."""
    from migkg.network_guard import wants_network

    assert wants_network(["link", "wikidata"], {})
    assert not wants_network(["link", "wikidata", "--offline"], {})
    result = subprocess.run(
        [sys.executable, "-m", "migkg", "link", "wikidata", "--offline",
         "--store", str(tmp_path / "s")], capture_output=True, text=True, timeout=120,
        cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("warning: ") and result.stderr.count("\n") == 1
    assert "0 queries sent" in result.stdout


def test_the_federated_example_needs_allow_network(endpoint: str, tmp_path: Path) -> None:
    store = tmp_path / "store"
    from migkg.ingest import ingest

    db = open_store(str(store))
    try:
        ingest(db, [EXAMPLES / "gfmd2018_rt3_1_children_on_the_move.docx"], workers=1)
    finally:
        db.close()
    text = FEDERATED.read_text(encoding="utf-8")
    assert "SERVICE <https://query.wikidata.org/sparql>" in text
    local = tmp_path / "local.rq"
    local.write_text(text.replace("https://query.wikidata.org/sparql", endpoint),
                     encoding="utf-8")
    refused = run("sparql", local, store=store)
    assert refused.exit_code == 2 and "--allow-network" in refused.stderr
    assert refused.stderr.count("\n") == 1
    # Through the real entry point, with the network guard installed.
    result = subprocess.run(
        [sys.executable, "-m", "migkg", "sparql", "--allow-network", str(local),
         "--format", "csv", "--store", str(store)],
        capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "country,label,item,capital,capitalLabel"
    assert "GTM,Guatemala,http://www.wikidata.org/entity/Q774," \
           "http://www.wikidata.org/entity/Q1555,Guatemala City" in lines
    assert any(line.startswith("HND,Honduras,") and line.endswith(",Tegucigalpa")
               for line in lines)


@pytest.mark.parametrize("status, tries", [(500, 3), (503, 3), (400, 1), (404, 1)])
def test_http_failures_through_sparqlwrapper(tmp_path: Path, status: int, tries: int) -> None:
    """A 5xx answer is tried three times (1 s, then 2 s apart); a 4xx one ends at once."""
    items = [linking.Candidate("urn:x", "actor", "Some Body")]
    slept: list[float] = []
    with answering(status, b"failure", "text/plain") as url, \
            pytest.raises(RemoteError) as caught:
        linking.find_links(items, url, linking.Cache(tmp_path / "c"), sleep=slept.append)
    assert caught.value.status == status
    assert len(slept) == tries - 1
    assert ("tried 3 times" in str(caught.value)) == (tries == 3)
