"""No silent network: a listener on 127.0.0.1 records every connection; none may arrive."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import zipfile

import pytest
from test_cli import REPORT

from migkg.network_guard import wants_network


class Listener:
    """A TCP socket on 127.0.0.1 that counts the connections it accepts."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.hits = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.hits += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture
def listener():
    canary = Listener()
    yield canary
    canary.close()


def migkg(*args, cwd=None) -> subprocess.CompletedProcess:
    """The real entry point (migkg.cli.main, with its guard) in a fresh interpreter."""
    return subprocess.run([sys.executable, "-P", "-m", "migkg", *map(str, args)],
                          capture_output=True, text=True, timeout=120, cwd=cwd,
                          env={**os.environ, "MIGKG_STORE_WAIT": "5"})


def test_guard_decides_which_commands_may_connect():
    assert not wants_network(["query", "reports"], {})
    assert wants_network(["sparql", "q", "--allow-network"], {})
    assert wants_network(["query", "reports", "--store", "https://h/query"], {})
    assert wants_network(["query", "reports", "--store=http://h/query"], {})
    assert wants_network(["query", "reports"], {"MIGKG_STORE": "http://h/query"})
    assert not wants_network(["query", "--store", "local", "x"],
                             {"MIGKG_STORE": "http://h/query"})


GUARD_PROBE = """
import socket, sys, urllib.request
sys.argv = ["migkg", *sys.argv[2:]]
from migkg import cli
try:
    cli.main()
except SystemExit:
    pass
port = int({port})
for attempt in ("socket", "urllib"):
    try:
        if attempt == "socket":
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
        else:
            urllib.request.urlopen(f"http://127.0.0.1:{{port}}/", timeout=2)
        print(attempt, "CONNECTED")
    except PermissionError:
        print(attempt, "REFUSED")
    except OSError as exc:
        print(attempt, "CONNECTED-ISH", exc)
"""


def test_main_installs_the_guard_for_every_command(listener):
    probe = GUARD_PROBE.format(port=listener.port)
    out = subprocess.run([sys.executable, "-P", "-c", probe, "x", "query", "--list"],
                         capture_output=True, text=True, timeout=60).stdout
    assert "socket REFUSED" in out and "urllib REFUSED" in out
    assert listener.hits == 0
    allowed = subprocess.run([sys.executable, "-P", "-c", probe, "x", "--version",
                              "--allow-network"], capture_output=True, text=True,
                             timeout=60).stdout
    assert "socket CONNECTED" in allowed  # the probe itself works when allowed


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "r.md"
    path.write_text(REPORT, encoding="utf-8")
    location = tmp_path / "store"
    assert migkg("ingest", path, "--store", location).returncode == 0
    return location


def test_no_service_spelling_reaches_the_listener(listener, store):
    url = listener.url + "/sparql"
    spellings = [
        f"SELECT * WHERE {{ FILTER(true)SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ # a comment ended by CR\rSERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND('''it's \"so\" long''' AS ?x) SERVICE <{url}> "
        "{ ?s ?p ?o } }",
        f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
    ]
    for query in spellings:
        result = migkg("sparql", query, "--store", store)
        assert result.returncode == 2, (query, result.stderr)
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    for update in (f"LOAD <{url}>", f"LOAD SILENT <{url}> INTO GRAPH <http://g>"):
        assert migkg("sparql", update, "--store", store).returncode == 2
    assert listener.hits == 0


def _docx(path, url: str) -> None:
    import docx

    document = docx.Document()
    for line in REPORT.splitlines():
        document.add_paragraph(line.lstrip("# "))
    part = document.part
    part.relate_to(url + "/image.png",
                   "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image",
                   is_external=True)
    part.relate_to(url + "/link", "http://schemas.openxmlformats.org/officeDocument/2006/"
                   "relationships/hyperlink", is_external=True)
    document.save(str(path))
    with zipfile.ZipFile(path) as archive:
        assert url in archive.read("word/_rels/document.xml.rels").decode()


def _pdf(path, url: str) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path), pagesize=A4)
    y = 800
    for line in REPORT.splitlines():
        page.drawString(50, y, line.lstrip("# "))
        y -= 14
    page.linkURL(url + "/pdf-link", (50, 50, 200, 70))
    page.save()


def test_documents_that_reference_the_listener_never_reach_it(listener, tmp_path):
    url = listener.url
    html = REPORT.replace("## 1. Summary", f'<img src="{url}/img.png">\n'
                          f'<link rel="stylesheet" href="{url}/style.css">\n'
                          f'<iframe src="{url}/frame"></iframe>\n'
                          f'<meta http-equiv="refresh" content="0; url={url}/refresh">\n'
                          "## 1. Summary")
    body = "".join(f"<p>{line}</p>\n" if not line.startswith("<") else line + "\n"
                   for line in html.splitlines())
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "page.html").write_text(f"<html><head><meta http-equiv='refresh' "
                                      f"content='0; url={url}/head'></head><body>{body}"
                                      "</body></html>", encoding="utf-8")
    _docx(folder / "linked.docx", url)
    _pdf(folder / "linked.pdf", url)
    result = migkg("ingest", folder, "--store", tmp_path / "store")
    assert "Traceback" not in result.stderr
    assert listener.hits == 0
