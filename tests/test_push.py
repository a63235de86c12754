"""``migkg push`` into real Oxigraph servers on 127.0.0.1 (and fake ones for failures)."""

from __future__ import annotations

import http.server
import urllib.request

import pytest
from http_fake import serving
from oxigraph_server import free_port, oxigraph
from SPARQLWrapper import JSON, SPARQLWrapper

from helpers import EXAMPLES, run

pytestmark = pytest.mark.server

SAMPLES = ["aprr2021_rt2_fair_recruitment.md", "imrf2026_rt3_inclusion_contributions.html",
           "session2_2_seasonal_agriculture.txt"]


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    store = tmp_path_factory.mktemp("push") / "local"
    result = run("ingest", *[EXAMPLES / name for name in SAMPLES], store=store)
    assert result.exit_code == 0, result.stderr
    return store


@pytest.fixture
def remote(tmp_path):
    with oxigraph(tmp_path / "remote") as url:
        yield url


def push(url, store, *, gsp=True, update=True):
    args = ["push", "--endpoint", f"{url}/query"]
    if update:
        args += ["--update", f"{url}/update"]
    if gsp:
        args += ["--graph-store", f"{url}/store"]
    return run(*args, store=store)


def nquads(store) -> str:
    result = run("export", "--format", "nquads", store=store)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def counts(result) -> tuple[int, int, int]:
    """(sent, unchanged, deleted) from push's summary line."""
    assert result.exit_code == 0, result.stderr
    words = result.stdout.split()
    return int(words[0]), int(words[3]), int(words[5])


@pytest.mark.parametrize("gsp", [True, False], ids=["graph-store", "sparql-update"])
def test_pushing_twice_leaves_the_local_quads_and_sends_nothing_new(local, remote, gsp):
    first = push(remote, local, gsp=gsp)
    sent, unchanged, deleted = counts(first)
    graphs = run("sparql", "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                 "-f", "csv", store=local).stdout.split()[1]
    assert (sent, unchanged, deleted) == (int(graphs), 0, 0)
    assert nquads(f"{remote}/query") == nquads(local)
    assert counts(push(remote, local, gsp=gsp)) == (0, int(graphs), 0)
    assert nquads(f"{remote}/query") == nquads(local)
    # A plain SPARQL client sees the quads too (the manifest aside).
    client = SPARQLWrapper(f"{remote}/query")
    client.setQuery("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                    "FILTER (?g != <https://w3id.org/migkg/graph/push-manifest>) }")
    client.setReturnFormat(JSON)
    total = client.queryAndConvert()["results"]["bindings"][0]["n"]["value"]
    assert int(total) == len(nquads(local).splitlines())


def test_a_removed_report_is_deleted_and_a_changed_one_alone_is_sent(tmp_path, remote):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in SAMPLES:
        (folder / name).write_bytes((EXAMPLES / name).read_bytes())
    store = tmp_path / "store"
    assert run("ingest", folder, store=store).exit_code == 0
    assert counts(push(remote, store))[0] > 0
    # One report edited, one removed: the edit is sent, the removed one deleted there.
    edited = folder / SAMPLES[2]
    edited.write_text(edited.read_text(encoding="utf-8").replace(
        "agriculture", "horticulture"), encoding="utf-8")
    assert run("ingest", edited, store=store).exit_code == 0
    listed = run("query", "reports", "-f", "csv", store=store).stdout.splitlines()[1:]
    gone = next(line.split(",")[0] for line in listed if f",{SAMPLES[0]}," in line)
    from migkg.store import open_store

    db = open_store(str(store))
    try:
        db.drop_graphs([gone])
    finally:
        db.close()
    # A graph that is not migkg's is left alone.
    other = urllib.request.Request(f"{remote}/store?graph=http://example.org/other",
                                   data=b'<http://example.org/a> <http://example.org/b> "c" .',
                                   method="PUT", headers={"Content-Type": "application/n-triples"})
    urllib.request.urlopen(other, timeout=10)  # noqa: S310 - our loopback server
    second = push(remote, store)
    sent, _unchanged, deleted = counts(second)
    # The report, and the entity graphs (its session, event...) only it reached.
    assert f"deleted {gone} (no longer in the local store)" in second.stderr
    assert deleted == len(second.stderr.strip().splitlines()) >= 1
    assert 1 <= sent <= 3  # the edited report (and entity graphs it changed), nothing else
    assert nquads(f"{remote}/query") == nquads(store)
    assert counts(push(remote, store))[0:3:2] == (0, 0)
    kept = run("sparql", "ASK { GRAPH <http://example.org/other> { ?s ?p ?o } }", "-f", "csv",
               store=f"{remote}/query")
    assert kept.exit_code == 0 and "true" in kept.stdout


def test_a_read_only_store_refuses_in_one_line(local, tmp_path):
    copy = tmp_path / "copy"
    from migkg.store import open_store

    db = open_store(str(local), read_only=True)
    try:
        db.backup(copy)
    finally:
        db.close()
    with oxigraph(copy, read_only=True) as url:
        result = push(url, local)
        assert result.exit_code == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and "HTTP 403" in lines[0]
        assert "local store is unchanged" in lines[0]


class _Fake(http.server.BaseHTTPRequestHandler):
    status = 500
    seen: list[tuple[str, str]] = []

    def _answer(self):
        self.seen.append((self.command, self.headers.get("Authorization") or ""))
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        if self.command == "POST" and self.path.startswith("/query"):
            body = b'{"head": {"vars": ["g", "d"]}, "results": {"bindings": []}}'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
        else:
            body = b"no"
            self.send_response(self.status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_PUT = do_DELETE = _answer  # noqa: N815 - the http.server convention

    def log_message(self, *args):
        pass


@pytest.fixture
def fake():
    _Fake.seen.clear()
    with serving(_Fake) as url:
        yield url


# 5xx: three tries; 401: once more without Basic, for the store's own challenge (Digest).
@pytest.mark.parametrize("status, tries", [(500, 3), (503, 3), (401, 2), (403, 1), (400, 1)])
def test_retries_only_what_may_pass_and_stops_in_one_line(local, fake, monkeypatch,
                                                          status, tries):
    from migkg import pushing

    monkeypatch.setattr(pushing, "_BACKOFF", 0.01)
    monkeypatch.setenv("MIGKG_REMOTE_USER", "me")
    monkeypatch.setenv("MIGKG_REMOTE_PASSWORD", "pw")
    _Fake.status = status
    result = push(fake, local)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"HTTP {status}" in lines[0], lines
    assert "pw" not in result.stderr
    writes = [auth for method, auth in _Fake.seen if method == "PUT"]
    assert len(writes) == tries and writes[0].startswith("Basic ")


def test_an_unreachable_store_is_tried_three_times_then_one_line(local, monkeypatch):
    from migkg import pushing

    monkeypatch.setattr(pushing, "_BACKOFF", 0.01)
    url = f"http://127.0.0.1:{free_port()}"
    result = push(url, local)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "tried 3 times" in lines[0], lines


def test_usage_errors(local):
    assert run("push", "--endpoint", "http://127.0.0.1:1/query", store=local).exit_code == 2
    result = run("push", "--endpoint", "http://me:pw@127.0.0.1:1/query", "--update",
                 "http://127.0.0.1:1/update", store=local)
    assert result.exit_code == 2 and "pw" not in result.stderr
    result = run("push", "--endpoint", "http://127.0.0.1:1/query", "--update",
                 "http://127.0.0.1:1/update", store="http://127.0.0.1:1/query")
    assert result.exit_code == 2


def test_push_passes_the_network_guard_as_a_command(local, remote):
    """Through the real entry point (the audit hook installed): push may connect."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "migkg", "push", "--endpoint", f"{remote}/query",
         "--graph-store", f"{remote}/store", "--store", str(local)],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "graphs sent" in result.stdout


def test_a_store_without_reports_never_empties_the_remote(local, remote, tmp_path):
    assert push(remote, local).exit_code == 0
    empty = tmp_path / "empty"
    from migkg.store import open_store

    db = open_store(str(empty))
    try:
        db.ensure_vocabularies()  # a store, but no report in it
    finally:
        db.close()
    result = push(remote, empty)
    assert result.exit_code == 2 and "holds no reports" in result.stderr
    assert nquads(f"{remote}/query") == nquads(local)
