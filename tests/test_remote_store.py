"""The remote store against a real Oxigraph server on 127.0.0.1, started by the test."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from helpers import EXAMPLES, rows, run

SERVER = shutil.which("oxigraph") or str(Path(__import__("sys").executable).parent / "oxigraph")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    if not Path(SERVER).exists():
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen([SERVER, "serve", "--location", str(location), "--bind",
                                f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1)  # noqa: S310 - our own loopback server
            break
        except OSError:
            time.sleep(0.1)
    yield f"{url}/query"
    process.terminate()
    process.wait(timeout=10)


SAMPLES = ["aprr2021_rt2_fair_recruitment.md", "imrf2026_rt3_inclusion_contributions.html",
           "session2_2_seasonal_agriculture.txt"]


def test_remote_and_embedded_stores_answer_alike(endpoint, tmp_path):
    files = [EXAMPLES / name for name in SAMPLES]
    assert run("ingest", *files, store=endpoint).exit_code == 0
    local = tmp_path / "local"
    assert run("ingest", *files, store=local).exit_code == 0
    for name in ("reports", "sections", "challenges", "practices", "quotes", "mentions",
                 "gcm-links", "figures"):
        remote_rows = rows(run("query", name, "-f", "csv", store=endpoint))
        local_rows = rows(run("query", name, "-f", "csv", store=local))
        assert remote_rows == local_rows, name
    compare = ["query", "compare-sessions", "-p", "a=2", "-p", "b=3", "-f", "csv"]
    assert rows(run(*compare, store=endpoint)) == rows(run(*compare, store=local))


def test_remote_reingest_replaces(endpoint, tmp_path):
    path = tmp_path / "r.md"
    text = (EXAMPLES / SAMPLES[0]).read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    run("ingest", path, store=endpoint)
    first = len(rows(run("query", "challenges", "-f", "csv", store=endpoint)))
    run("ingest", path, store=endpoint)
    assert len(rows(run("query", "challenges", "-f", "csv", store=endpoint))) == first


def test_unreachable_endpoint_is_one_line_error(tmp_path):
    url = f"http://127.0.0.1:{_free_port()}/query"
    result = run("query", "reports", store=url)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and len(result.stderr.strip().splitlines()) == 1
