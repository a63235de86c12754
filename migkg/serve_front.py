"""The HTTP front of ``migkg serve``: the one thing clients reach.

The Oxigraph server runs SERVICE clauses of the queries it is sent, so it listens only on
a private port of 127.0.0.1 and this front (the standard library's threading HTTP server)
listens on the user's address. Every SPARQL query (``/query`` and the UI's ``/sparql``:
GET ``?query=``, POST of a form or of ``application/sparql-query``) is parsed by
:func:`migkg.sparql_guard.check_query` first: a SERVICE (unless ``allow_network``), an
update, a LOAD, a query too large or too deep, or text that is not SPARQL is answered
``400`` with one plain-text line and never reaches the server. An accepted query is sent
on as the very text that was checked (re-encoded, so the server cannot read the request
differently), with the dataset its FROM / FROM NAMED clauses name as protocol parameters
(the server's union-default-graph setting would otherwise ignore FROM).

``/update``, updates sent to ``/sparql`` and writes to ``/store`` are refused with ``403``;
GETs of the UI, its scripts and ``/store`` reads pass as they are; anything else (another
path, another method) is refused here, so a route a newer server adds stays closed until
it is let through. Answers stream back with the server's status, content type and body;
``Accept`` is passed on, so content negotiation is the server's.
"""

from __future__ import annotations

import http.client
import socket
import socketserver
import sys
import threading
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .sparql_guard import GuardError, check_query, limits

CLIENT_SECONDS = 30.0  # a client that sends nothing for this long is dropped
MAX_CONNECTIONS = 64  # requests handled at once; more are answered 503
_CHUNK = 64 * 1024
_DATASET = ("default-graph-uri", "named-graph-uri")
_PASSED_PARAMS = frozenset({*_DATASET, "union-default-graph"})
_REQUEST_HEADERS = ("Accept", "Accept-Language", "Origin", "User-Agent",
                    "Access-Control-Request-Method", "Access-Control-Request-Headers",
                    "If-None-Match", "If-Modified-Since")
_HOP_HEADERS = frozenset({"connection", "keep-alive", "transfer-encoding", "te", "trailer",
                          "upgrade", "proxy-authenticate", "proxy-authorization", "server",
                          "date"})
QUERY_PATHS = frozenset({"/query", "/sparql"})  # the UI sends its queries to /sparql
UI_PATHS = frozenset({"/", "/yasgui.min.css", "/yasgui.min.js", "/logo.svg"})
READ_ONLY = ("read-only: this endpoint answers queries only (use 'migkg ingest' to change "
             "the store)")


@dataclass(frozen=True)
class Policy:
    """What the front lets through and where it sends it."""

    child_port: int
    allow_network: bool = False
    verbose: bool = False
    timeout: float = 70.0  # seconds to wait for the server (its own query timeout + margin)


class _Refused(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status


class FrontServer(ThreadingHTTPServer):
    """The listening front; :meth:`start` serves in a thread, :meth:`stop` ends it."""

    daemon_threads = True
    block_on_close = False
    request_queue_size = 64

    def __init__(self, host: str, port: int, policy: Policy) -> None:
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.policy = policy
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self.guard_lock = threading.Lock()  # the SPARQL parser's setup is process-wide
        self._thread: threading.Thread | None = None
        super().__init__((host, port), Handler)

    def server_bind(self) -> None:
        """Bind without the fully-qualified name lookup http.server does (a DNS query)."""
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def start(self) -> None:
        """Serve requests in a daemon thread."""
        self._thread = threading.Thread(target=self.serve_forever, kwargs={
            "poll_interval": 0.2}, daemon=True, name="migkg-serve-front")
        self._thread.start()

    def stop(self) -> None:
        """Stop accepting requests and close the listening socket."""
        if self._thread is not None:
            self.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self.server_close()

    def handle_error(self, request, client_address) -> None:
        """One line on stderr instead of a traceback; a client that went away is no error."""
        exc = sys.exc_info()[1]
        if isinstance(exc, ConnectionError | TimeoutError | socket.timeout):
            return
        _error(f"request from {client_address[0]} failed: {_one_line(exc)}")


class Handler(BaseHTTPRequestHandler):
    """One client connection (HTTP/1.0: one request, then the connection closes)."""

    server: FrontServer
    timeout = CLIENT_SECONDS
    server_version = "migkg-serve"
    sys_version = ""

    def do_GET(self) -> None:  # noqa: N802 - the names http.server dispatches to
        self._dispatch("GET")

    def do_HEAD(self) -> None:  # noqa: N802
        self._dispatch("HEAD")

    def do_POST(self) -> None:  # noqa: N802
        self._dispatch("POST")

    def do_OPTIONS(self) -> None:  # noqa: N802
        self._dispatch("OPTIONS")

    def do_PUT(self) -> None:  # noqa: N802
        self._dispatch("PUT")

    def do_DELETE(self) -> None:  # noqa: N802
        self._dispatch("DELETE")

    def do_PATCH(self) -> None:  # noqa: N802
        self._dispatch("PATCH")

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - http.server's name
        """A line per request on stdout with --verbose only."""
        if self.server.policy.verbose:
            print(f"{self.address_string()} {format % args}", file=sys.stdout, flush=True)

    def _dispatch(self, method: str) -> None:
        if not self.server.slots.acquire(blocking=False):
            self._answer(503, "too many requests at once; try again")
            return
        try:
            self._route(method)
        except _Refused as refused:
            self._answer(refused.status, str(refused))
        finally:
            self.server.slots.release()

    def _route(self, method: str) -> None:
        target = self.path
        if not target.startswith("/") or "#" in target:
            raise _Refused(400, "the request target must be a path (such as /query?query=…)")
        path, _, url_query = target.partition("?")
        reading = method in ("GET", "HEAD", "OPTIONS")
        if path == "/update" or (path.startswith("/store") and not reading):
            raise _Refused(403, READ_ONLY)
        if path in QUERY_PATHS and method in ("GET", "POST"):
            self._query(method, path, url_query)
        elif reading and (path in QUERY_PATHS or path in UI_PATHS or path.startswith("/store")):
            self._forward(method, target)
        elif reading:
            raise _Refused(404, f"{path} is not a page of this endpoint (the UI is at /, "
                           "the SPARQL endpoint at /query)")
        else:
            raise _Refused(405, f"{method} {path} is not supported here ({READ_ONLY})")

    def _query(self, method: str, path: str, url_query: str) -> None:
        pairs = _pairs(url_query)
        body_query: str | None = None
        if method == "POST":
            kind = self.headers.get_content_type()
            raw = self._body()
            if kind == "application/sparql-update":
                raise _Refused(403, READ_ONLY)
            if kind == "application/sparql-query":
                charset = (self.headers.get_param("charset") or "utf-8")
                if str(charset).lower().replace("_", "-") not in ("utf-8", "utf8"):
                    raise _Refused(415, f"a SPARQL query body must be UTF-8 (got {charset})")
                body_query = _utf8(raw)
            elif kind == "application/x-www-form-urlencoded":
                pairs += _pairs(_utf8(raw))
            else:
                raise _Refused(415, f"unsupported content type {kind}: send "
                               "application/sparql-query or application/x-www-form-urlencoded")
        if any(key == "update" for key, _ in pairs):
            raise _Refused(403, READ_ONLY)
        queries = [value for key, value in pairs if key == "query"]
        if body_query is not None:
            queries.append(body_query)
        if not queries and method == "GET":
            self._forward("GET", path)  # the service description
            return
        if len(queries) != 1:
            raise _Refused(400, "give exactly one query (the 'query' parameter or an "
                           "application/sparql-query body)")
        with self.server.guard_lock:
            try:
                checked = check_query(queries[0], allow_network=self.server.policy.allow_network)
            except GuardError as exc:
                raise _Refused(400, _one_line(exc)) from None
        params = [(k, v) for k, v in pairs if k in _PASSED_PARAMS]
        if checked.has_dataset and not any(k in _DATASET for k, _ in params):
            params += [("default-graph-uri", g) for g in checked.default_graphs]
            params += [("named-graph-uri", g) for g in checked.named_graphs]
        body = urllib.parse.urlencode([("query", checked.text), *params],
                                      quote_via=urllib.parse.quote).encode("ascii")
        self._forward("POST", "/query", body, "application/x-www-form-urlencoded")

    def _body(self) -> bytes:
        length = self.headers.get("Content-Length", "")
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            raise _Refused(411, "send the request body with a Content-Length")
        if not length.strip().isdigit():
            raise _Refused(411, "a POST needs a Content-Length")
        size, most = int(length), 12 * limits()[1] + 65536  # percent-encoded UTF-8
        if size > most:
            raise _Refused(413, f"request body too large ({size} bytes; limit {most}, "
                           "from $MIGKG_MAX_QUERY_CHARS)")
        data = self.rfile.read(size)
        if len(data) != size:
            raise _Refused(400, "the request body ended early")
        return data

    def _forward(self, method: str, target: str, body: bytes | None = None,
                 content_type: str | None = None) -> None:
        policy = self.server.policy
        headers = {name: self.headers[name] for name in _REQUEST_HEADERS if name in self.headers}
        headers["Host"] = self.headers.get("Host", f"127.0.0.1:{policy.child_port}")
        if content_type:
            headers["Content-Type"] = content_type
        connection = http.client.HTTPConnection("127.0.0.1", policy.child_port,
                                                timeout=policy.timeout)
        try:
            try:
                connection.request(method, target, body=body, headers=headers)
                answer = connection.getresponse()
            except (OSError, http.client.HTTPException) as exc:
                _error(f"the Oxigraph server did not answer {method} {target[:80]}: "
                       f"{_one_line(exc)}")
                self._answer(502, "the SPARQL server behind this endpoint did not answer")
                return
            self.send_response(answer.status, answer.reason)
            for name, value in answer.getheaders():
                if name.lower() not in _HOP_HEADERS:
                    self.send_header(name, value)
            self.end_headers()
            if method == "HEAD":
                return
            while chunk := answer.read1(_CHUNK):
                self.wfile.write(chunk)
        finally:
            connection.close()

    def _answer(self, status: int, reason: str) -> None:
        data = (reason + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)


def _pairs(encoded: str) -> list[tuple[str, str]]:
    try:
        return urllib.parse.parse_qsl(encoded, keep_blank_values=True, errors="strict",
                                      max_num_fields=1000)
    except (ValueError, UnicodeDecodeError) as exc:
        raise _Refused(400, f"bad form encoding: {_one_line(exc)}") from None


def _utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise _Refused(400, "the request body is not valid UTF-8") from None


def _one_line(exc: BaseException | None) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "..."


def _error(message: str) -> None:
    print(f"error: serve: {message}", file=sys.stderr, flush=True)
