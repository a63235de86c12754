"""``migkg serve``: the Oxigraph server over a store built from the bundled examples,
queried with SPARQLWrapper and a headless Chromium, stopped by signals."""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from test_reliability_network import Listener

from helpers import EXAMPLES, run
from migkg import network_guard, serving, store_folder
from migkg.querying import named_queries, run_named
from migkg.store import REPORT_PREFIX, EmbeddedStore

pytestmark = pytest.mark.server
SERVER = Path(sys.executable).parent / "oxigraph"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
REPORT_GRAPHS = ("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                 f'FILTER (STRSTARTS(STR(?g), "{REPORT_PREFIX}")) }}')


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Served:
    """A ``migkg serve`` subprocess and the lines it printed before serving."""

    def __init__(self, store: Path, *args: str, env: dict | None = None) -> None:
        self.port = _free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "migkg", "serve", "--store", str(store), "--port",
             str(self.port), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, env={**os.environ, **(env or {})})
        self.lines: list[str] = []
        done = threading.Event()

        def read() -> None:
            for line in self.process.stdout:
                self.lines.append(line.rstrip("\n"))
                if line.startswith("Ctrl-C"):
                    done.set()
            done.set()

        self._reader = threading.Thread(target=read, daemon=True)
        self._reader.start()
        done.wait(60)

    @property
    def ready(self) -> bool:
        return any(line.startswith("Ctrl-C") for line in self.lines)

    def value(self, key: str) -> str:
        return next(line.split(": ", 1)[1] for line in self.lines if line.startswith(key))

    def child(self) -> int:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        pids = children.read_text().split()
        assert len(pids) == 1, pids
        return int(pids[0])

    def stop(self, sig: int = signal.SIGINT) -> tuple[int, str, str]:
        self.process.send_signal(sig)
        self.process.wait(timeout=30)
        self._reader.join(timeout=10)
        err = self.process.stderr.read()
        return self.process.returncode, "\n".join(self.lines), err


def _gone(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "State:\tZ" in status


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    if not SERVER.exists():
        pytest.skip(f"the oxigraph server is not installed ({serving.INSTALL_HINT})")
    store = tmp_path_factory.mktemp("serve") / "store"
    assert run("ingest", EXAMPLES, store=store).exit_code == 0
    return store


@pytest.fixture(scope="module")
def served(built):
    server = Served(built)
    assert server.ready, server.process.stderr.read() if server.process.poll() else ""
    yield server
    server.stop()


def _sparql(endpoint: str, query: str) -> list[list[str | None]]:
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(endpoint)
    # Without the header's comments, in which SPARQLWrapper would look for the query form.
    client.setQuery("\n".join(line for line in query.splitlines() if not line.startswith("#")))
    client.setReturnFormat(JSON)
    answer = client.query().convert()
    names = answer["head"]["vars"]
    return [[row[n]["value"] if n in row else None for n in names]
            for row in answer["results"]["bindings"]]


def test_a_sparql_client_sees_what_the_embedded_store_holds(built, served):
    endpoint = served.value("endpoint")
    assert endpoint == f"http://127.0.0.1:{served.port}/query"
    reports = run("query", "reports", "-f", "csv", store=built)
    report_rows = len(reports.stdout.strip().splitlines()) - 1
    assert report_rows == 18
    assert _sparql(endpoint, REPORT_GRAPHS) == [[str(report_rows)]]
    # The default graph is the union of the graphs, as for the embedded store's queries.
    local = EmbeddedStore(built, read_only=True)
    try:
        everything = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        assert _sparql(endpoint, everything) == local.select(everything).rows
        for name in ("reports", "challenges", "practices", "quotes", "mentions", "figures"):
            query = named_queries()[name]
            expected = run_named(local, name).rows
            assert expected, name
            assert _sparql(endpoint, query.text) == [[None if c is None else str(c)
                                                      for c in row] for row in expected], name
    finally:
        local.close()


def _tcp(pid: int) -> list[tuple[str, str, str]]:
    """(local, remote, state) of every TCP socket process ``pid`` holds (hex, as /proc)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(fd)
            if target.startswith("socket:"):
                inodes.add(target[8:-1])
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[9] in inodes:
                found.append((fields[1], fields[2], fields[3]))
    return found


def test_it_listens_on_127_0_0_1_only_and_connects_only_to_its_server(served):
    port = f"{served.port:04X}"
    front = _tcp(served.process.pid)
    assert ("0100007F:" + port, "00000000:0000", "0A") in front
    child = _tcp(served.child())
    listening = [local for local, _, state in child if state == "0A"]
    assert len(listening) == 1 and listening[0].startswith("0100007F:")
    assert listening[0] != "0100007F:" + port  # the server is not what clients reach
    assert _sparql(served.value("endpoint"), REPORT_GRAPHS) == [["18"]]
    # The migkg process listens on the user's port and connects to its server only.
    for local, remote, state in _tcp(served.process.pid):
        assert (state == "0A" and local == "0100007F:" + port) or remote == listening[0] \
            or local.endswith(":" + port), (local, remote, state)
    assert not network_guard.wants_network(["serve", "--port", "7878"])


def test_the_guard_lets_the_front_reach_its_server_port_only():
    with socket.socket() as allowed, socket.socket() as other:
        for sock in (allowed, other):
            sock.bind(("127.0.0.1", 0))
            sock.listen(4)
        probe = (
            "import socket, sys\n"
            "from migkg import network_guard as g\n"
            "g.install(True); g.only_loopback(int(sys.argv[1]))\n"
            "def attempt(host, port):\n"
            "    try:\n"
            "        socket.create_connection((host, port), timeout=2).close(); return 'ok'\n"
            "    except g.NetworkRefused: return 'refused'\n"
            "print(attempt('127.0.0.1', int(sys.argv[1])), attempt('127.0.0.1', "
            "int(sys.argv[2])), attempt('localhost', int(sys.argv[1])), "
            "attempt('example.org', 80))\n")
        out = subprocess.run([sys.executable, "-c", probe, str(allowed.getsockname()[1]),
                              str(other.getsockname()[1])], capture_output=True, text=True,
                             timeout=60)
        assert out.stdout.split() == ["ok", "refused", "refused", "refused"], out.stderr


def _post(url: str, body: bytes, content_type: str,
          accept: str = "text/csv") -> tuple[int, str]:
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": content_type, "Accept": accept})
    return _open(request)


def _open(request) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310 - loopback
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def _ask(base: str, query: str, path: str = "/query") -> list[tuple[int, str]]:
    """``query`` sent the three ways of the SPARQL Protocol: GET, POST form, POST body."""
    encoded = urllib.parse.urlencode({"query": query})
    return [_open(urllib.request.Request(f"{base}{path}?{encoded}",
                                         headers={"Accept": "text/csv"})),
            _post(f"{base}{path}", encoded.encode(), "application/x-www-form-urlencoded"),
            _post(f"{base}{path}", query.encode(), "application/sparql-query")]


def _spellings(url: str) -> list[str]:
    """The SERVICE spellings that passed a pattern-based guard (issue 8), and plain ones."""
    return [f"SELECT * WHERE {{ FILTER(true)SERVICE <{url}> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ # a comment ended by CR\rSERVICE <{url}> {{ ?s ?p ?o }} }}",
            "SELECT * WHERE { BIND('''it's \"so\" long''' AS ?x) SERVICE <" + url + "> "
            "{ ?s ?p ?o } }",
            f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
            f"ASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"]


def test_no_service_spelling_reaches_a_listener_through_the_endpoint(served):
    base = f"http://127.0.0.1:{served.port}"
    canary = Listener()
    try:
        for query, path in itertools.product(_spellings(canary.url + "/sparql"),
                                             ("/query", "/sparql")):  # /sparql: the UI's
            for status, text in _ask(base, query, path):
                assert status == 400, (query, status, text)
                assert text.startswith("SERVICE reaches other servers") and \
                    text.count("\n") == 1, text
        for update in (f"LOAD <{canary.url}>", "INSERT DATA { <x:a> <x:b> <x:c> }",
                       "DROP ALL"):
            for status, text in _ask(base, update):
                assert status == 400 and text.startswith("read-only"), (update, text)
        time.sleep(0.3)
    finally:
        canary.close()
    assert canary.hits == 0


def test_writes_are_refused_and_bad_requests_are_400(served):
    base = f"http://127.0.0.1:{served.port}"
    form = "application/x-www-form-urlencoded"
    assert _post(f"{base}/update", b"update=DROP%20ALL", form)[0] == 403
    assert _post(f"{base}/update", b"DROP ALL", "application/sparql-update")[0] == 403
    assert _post(f"{base}/sparql", b"update=DROP%20ALL", form)[0] == 403
    assert _post(f"{base}/sparql", b"DROP ALL", "application/sparql-update")[0] == 403
    assert _open(urllib.request.Request(f"{base}/elsewhere"))[0] == 404
    assert _open(urllib.request.Request(f"{base}/query", data=b"ASK {}", method="QUERY",
                                        headers={"Content-Type": "application/sparql-query"})
                 )[0] == 501  # a method the front does not know never reaches the server
    for method in ("PUT", "POST", "DELETE"):
        request = urllib.request.Request(f"{base}/store?default", data=b"<x:a> <x:b> <x:c> .",
                                         method=method, headers={"Content-Type": "text/turtle"})
        status, text = _open(request)
        assert status == 403 and text.startswith("read-only"), (method, status, text)
    deep = "SELECT * WHERE " + "{" * 150 + " ?s ?p ?o " + "}" * 150
    assert {status for status, _ in _ask(base, deep)} == {400}
    status, text = _ask(base, "SELECT WHERE nonsense")[0]
    assert status == 400 and text.startswith("invalid SPARQL")
    two = urllib.parse.urlencode([("query", "ASK {}"), ("query", "ASK {}")]).encode()
    assert _post(f"{base}/query", two, form)[0] == 400
    assert _post(f"{base}/query", b"ASK {}", "text/plain")[0] == 415
    assert _sparql(served.value("endpoint"), REPORT_GRAPHS) == [["18"]]  # still all there


def test_from_and_from_named_are_honoured(served, built):
    local = EmbeddedStore(built, read_only=True)
    graph = local.report_graphs()[0]
    local.close()
    base = f"http://127.0.0.1:{served.port}"
    counts = set()
    for query in (f"SELECT (COUNT(*) AS ?n) FROM <{graph}> WHERE {{ ?s ?p ?o }}",
                  f"SELECT (COUNT(*) AS ?n) FROM NAMED <{graph}> WHERE {{ GRAPH ?g "
                  "{ ?s ?p ?o } }",
                  f"SELECT (COUNT(*) AS ?n) FROM NAMED <{graph}> WHERE {{ ?s ?p ?o }}",
                  "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"):
        embedded = run("sparql", query, "-f", "csv", store=built)
        assert embedded.exit_code == 0, embedded.stderr
        expected = embedded.stdout.replace("\r", "").splitlines()
        for _, text in _ask(base, query):
            assert text.replace("\r", "").splitlines() == expected, query
        counts.add(expected[1])
    assert len(counts) == 3  # the graph alone twice, nothing, everything


def test_allow_network_lets_service_reach_the_listener_and_limits_hold(built):
    canary = Listener()
    server = Served(built, "--allow-network", env={"MIGKG_MAX_QUERY_CHARS": "5000"})
    try:
        assert server.ready
        assert any(line.startswith("network: SERVICE queries are let through")
                   for line in server.lines)
        base = f"http://127.0.0.1:{server.port}"
        query = f"SELECT * WHERE {{ FILTER(true)SERVICE <{canary.url}/sparql> {{ ?s ?p ?o }} }}"
        status, _ = _ask(base, query)[0]
        assert status != 400
        deadline = time.monotonic() + 10
        while canary.hits == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert canary.hits >= 1
        big = "SELECT * WHERE { ?s ?p ?o } # " + "x" * 6000
        status, text = _ask(base, big)[0]
        assert status == 400 and text.startswith("query too large")
        huge = b"query=" + b"x" * (12 * 5000 + 70000)
        assert _post(f"{base}/query", huge, "application/x-www-form-urlencoded")[0] == 413
    finally:
        code, _, err = server.stop()
        canary.close()
    assert code == 0
    assert "Traceback" not in err


def test_the_examples_page_runs_every_named_query(built, served):
    page = Path(served.value("examples").split(" ")[0].removeprefix("file://"))
    text = page.read_text(encoding="utf-8")
    for name in named_queries():
        assert f"<b>{name}</b>" in text
    local = EmbeddedStore(built, read_only=True)
    try:
        found = {e.name: e for e in serving.examples(local)}
    finally:
        local.close()
    link = serving.result_link(f"http://127.0.0.1:{served.port}", found["reports"].text)
    assert link.replace("&", "&amp;") in text
    request = urllib.request.Request(link, headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 - loopback
        assert len(answer.read().decode().strip().splitlines()) == 19  # header + 18


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_stops_it_and_leaves_no_child(built, sig):
    server = Served(built)
    assert server.ready
    child = server.child()
    page = Path(server.value("examples").split(" ")[0].removeprefix("file://"))
    assert _sparql(server.value("endpoint"), REPORT_GRAPHS) == [["18"]]
    code, out, err = server.stop(sig)
    assert code == 0, err
    assert out.splitlines()[-1] == "stopped" and err == ""
    assert len(out.splitlines()) == 6  # the five lines at start, 'stopped': quiet per request
    assert _gone(child)
    assert not page.exists()


def test_the_server_dies_with_migkg(built):
    server = Served(built)
    child = server.child()
    server.process.kill()
    server.process.wait()
    deadline = time.monotonic() + 10
    while not _gone(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(child)


def test_a_store_being_written_is_refused(built, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(built, store)
    lock = store_folder.Lock(store, exclusive=True)  # what an ingest holds
    try:
        for extra in ([], ["--snapshot"]):
            server = Served(store, *extra, env={"MIGKG_STORE_WAIT": "0.2"})
            code = server.process.wait(timeout=30)
            err = server.process.stderr.read()
            assert code == 1, err
            assert err.startswith("error: ") and "busy" in err
            assert len(err.strip().splitlines()) == 1
    finally:
        lock.release()


def test_an_ingest_into_a_served_store_is_refused_unless_snapshot(built, tmp_path,
                                                                   monkeypatch):
    monkeypatch.setenv("MIGKG_STORE_WAIT", "0.2")
    store = tmp_path / "store"
    shutil.copytree(built, store)
    extra = tmp_path / "extra_copy.md"
    shutil.copy(EXAMPLES / "aprr2021_rt2_fair_recruitment.md", extra)
    server = Served(store)
    refused = run("ingest", extra, store=store)
    assert refused.exit_code == 1 and "busy" in refused.stderr
    assert server.stop()[0] == 0

    server = Served(store, "--snapshot")
    assert "from a snapshot" in server.lines[0]
    assert run("ingest", extra, store=store).exit_code == 0
    assert _sparql(server.value("endpoint"), REPORT_GRAPHS) == [["18"]]  # the copy
    local = EmbeddedStore(store, read_only=True)
    assert len(run_named(local, "reports").rows) == 19
    local.close()
    assert server.stop()[0] == 0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".migkg-serve")] == []


def test_binding_elsewhere_warns(built):
    server = Served(built, "--bind", "0.0.0.0")
    assert server.ready
    assert server.value("endpoint") == f"http://127.0.0.1:{server.port}/query"
    code, _, err = server.stop()
    assert code == 0
    assert err.startswith("warning: --bind 0.0.0.0: the endpoint is reachable from other "
                          "machines")


def test_a_folder_that_is_no_store_is_refused(tmp_path):
    (tmp_path / "other.txt").write_text("x")
    for location in (tmp_path, tmp_path / "missing", tmp_path / "other.txt"):
        result = run("serve", store=location)
        assert result.exit_code == 2, result.stderr
        assert result.stderr.startswith("error: ") and len(result.stderr.splitlines()) == 1
    bad = run("serve", "--bind", "example.org", store=tmp_path)
    assert bad.exit_code == 2 and "--bind takes an IP address" in bad.stderr


def test_a_missing_server_names_the_install_command(built, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    result = run("serve", store=built)
    assert result.exit_code == 1
    assert result.stderr == f"error: the Oxigraph server is not installed (the 'oxigraph' " \
        f"program); install it with: {serving.INSTALL_HINT}\n"


def test_the_ui_runs_a_query_in_chromium(served):
    playwright = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium)")
    base = f"http://127.0.0.1:{served.port}"
    ARTIFACTS.mkdir(exist_ok=True)
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM),
                                         args=["--no-sandbox"], timeout=60000)
        try:
            page = browser.new_page()
            page.set_default_timeout(60000)
            page.goto(f"{base}/")
            page.wait_for_selector(".yasqe .CodeMirror")
            page.evaluate("q => document.querySelector('.yasqe .CodeMirror')"
                          ".CodeMirror.setValue(q)", REPORT_GRAPHS)
            page.click(".yasqe_queryButton")
            page.wait_for_function(
                "() => document.querySelector('.yasr table td') && "
                "/\\b18\\b/.test(document.querySelector('.yasr table').innerText)")
            page.screenshot(path=str(ARTIFACTS / "serve-ui.png"))
        finally:
            browser.close()
    assert (ARTIFACTS / "serve-ui.png").stat().st_size > 0


def test_a_port_in_use_is_one_line(built):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = run("serve", "--port", str(port), store=built)
    assert result.exit_code == 1
    assert result.stderr == (f"error: cannot listen on 127.0.0.1:{port}: the address is in "
                             "use (give another --port)\n")
