"""A remote store that answers badly: one error line, never a traceback or a wrong host."""

from __future__ import annotations

import http.server

import pytest
from http_fake import serving

from helpers import run


class _Handler(http.server.BaseHTTPRequestHandler):
    mode = "html"
    seen: list[str] = []

    def do_POST(self):  # noqa: N802 - the http.server convention
        self.seen.append(self.headers.get("Authorization") or "")
        if self.mode == "redirect":
            self.send_response(307)
            self.send_header("Location", f"http://localhost:{self.server.server_port}/query")
            self.end_headers()
            return
        body = {"html": b"<html><body>Service unavailable</body></html>",
                "badjson": b'{"head": {"vars": ["x"]}, "results": 7}',
                "error": b"boom"}[self.mode]
        self.send_response(500 if self.mode == "error" else 200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def endpoint():
    with serving(_Handler) as url:
        yield f"{url}/query"


@pytest.mark.parametrize("mode, words", [("html", "did not answer with SPARQL JSON"),
                                         ("badjson", "did not answer with SPARQL JSON"),
                                         ("error", "HTTP 500"),
                                         ("redirect", "refused a redirect to another host")])
def test_a_bad_remote_answer_is_one_line(endpoint, mode, words):
    _Handler.mode = mode
    result = run("query", "reports", store=endpoint)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], lines


def test_credentials_come_from_the_environment_only(endpoint, monkeypatch):
    _Handler.mode = "html"
    with_user = endpoint.replace("http://", "http://me:secret@")
    result = run("query", "reports", store=with_user)
    assert result.exit_code == 2 and "credentials in the store URL are refused" in result.stderr
    assert "secret" not in result.stderr
    monkeypatch.setenv("MIGKG_REMOTE_USER", "me")
    monkeypatch.setenv("MIGKG_REMOTE_PASSWORD", "pw")
    _Handler.seen.clear()
    run("query", "reports", store=endpoint)
    assert _Handler.seen and _Handler.seen[0].startswith("Basic ")


def test_a_silent_endpoint_times_out(monkeypatch):
    import socket

    quiet = socket.socket()
    quiet.bind(("127.0.0.1", 0))
    quiet.listen(1)  # accepts the connection, never answers
    monkeypatch.setenv("MIGKG_REMOTE_TIMEOUT", "0.5")
    try:
        result = run("query", "reports", store=f"http://127.0.0.1:{quiet.getsockname()[1]}/q")
    finally:
        quiet.close()
    assert result.exit_code == 1 and "timed out" in result.stderr
