"""``migkg serve``: the store behind the Oxigraph server's SPARQL endpoint and web UI.

The server is the ``oxigraph`` binary from PyPI (``pip install "migkg[server]"``), run as a
child process in read-only mode with the union of the graphs as its default graph (as the
embedded store's queries see it). The child runs in its own session, so Ctrl-C reaches
this process only, which stops the child; the kernel kills the child if this process dies
(``PR_SET_PDEATHSIG``).

A store is never served while an ingest writes it (the server's read-only mode is
undefined over a database another process writes): serving takes the store's shared lock
(see :mod:`migkg.store_folder`), waiting for a running ingest up to ``$MIGKG_STORE_WAIT``
and then refusing. Without ``snapshot`` the lock is held while the server runs, so an
ingest into that store is refused as busy; with ``snapshot`` the server reads a copy taken
at start (:meth:`~migkg.store.EmbeddedStore.backup`, hard links where it can) and the store
stays free for ingests.

The Oxigraph server runs the SERVICE clauses of the queries it is sent, so it never faces
clients: it listens on a private port of 127.0.0.1, and the front of
:mod:`migkg.serve_front` listens on the user's address, checks every query on its parsed
form (no SERVICE unless ``allow_network``, no update, no LOAD, bounded size and nesting)
and forwards only what passed. This process connects to that one loopback port and to
nothing else (:func:`migkg.network_guard.only_loopback`); readiness is the server's own
"Listening" line.
"""

from __future__ import annotations

import collections
import contextlib
import errno
import functools
import html
import ipaddress
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import network_guard, store_folder
from .serve_front import FrontServer, Policy
from .store import EmbeddedStore, StoreError, substitute
from .workers import die_with_parent

DEFAULT_PORT = 7878
DEFAULT_BIND = "127.0.0.1"
INSTALL_HINT = 'pip install "migkg[server]"'
READY_LINE = "Listening for requests at"
_READY_SECONDS = 30.0
_STOP_SECONDS = 10.0
QUERY_SECONDS = 60  # the server's per-query timeout; $MIGKG_SERVE_TIMEOUT overrides
_CHILD_TRIES = 3  # a free loopback port can be taken between choosing and binding it


class ServeError(Exception):
    """Serving failed or was refused; the message is one plain line, ``code`` the exit
    code (1: failed; 2: the request was wrong)."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


class Stopped(Exception):
    """A stop signal (SIGINT, SIGTERM, SIGHUP) arrived (see :func:`trap_stop_signals`)."""


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


@dataclass
class Example:
    """A named query offered in the examples page: a link that runs it in the UI."""

    name: str
    summary: str
    text: str
    note: str = ""


@dataclass
class Running:
    """A started server: its URLs, the child process and what to clean up."""

    endpoint: str
    ui: str
    examples_page: Path
    process: subprocess.Popen
    reports: int
    snapshot: bool
    allow_network: bool = False
    child_port: int = 0
    _stderr: collections.deque = field(default_factory=lambda: collections.deque(maxlen=200))
    _cleanup: list[Callable[[], None]] = field(default_factory=list)

    def last_error(self) -> str:
        """The server's error line (why it stopped: its ``Error:`` line, else its last),
        or ''."""
        errors = [line for line in self._stderr if line.startswith("Error:")]
        return (errors or list(self._stderr) or [""])[-1].removeprefix("Error:").strip()


def server_binary() -> str:
    """The oxigraph server's path: beside this Python (the same environment) first, then
    on $PATH; raises :class:`ServeError` naming the install command when there is none."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise ServeError(f"the Oxigraph server is not installed (the 'oxigraph' program); "
                     f"install it with: {INSTALL_HINT}")


def check_bind(host: str) -> str:
    """``host`` as the server's bind address (IPv6 in brackets), or ServeError (code 2)."""
    name = host.strip().strip("[]")
    if name == "localhost":
        return name
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        raise ServeError(f"--bind takes an IP address such as 127.0.0.1, 0.0.0.0 or ::1 "
                         f"(got {host!r})", code=2) from None
    return f"[{address}]" if address.version == 6 else str(address)


def base_url(host: str, port: int) -> str:
    """The URL to reach a server bound to ``host``: the loopback address for a wildcard
    bind (0.0.0.0, ::), which listens there too."""
    name = host.strip("[]")
    if name == "0.0.0.0":
        name = "127.0.0.1"
    elif name == "::":
        name = "[::1]"
    elif ":" in name:
        name = f"[{name}]"
    return f"http://{name}:{port}"


def is_local(host: str) -> bool:
    """True if a server bound to ``host`` is reachable from this machine only."""
    name = host.strip("[]")
    return name == "localhost" or ipaddress.ip_address(name).is_loopback


def examples(store: EmbeddedStore) -> list[Example]:
    """Every named query as SPARQL text ready to run: required parameters bound to the
    example their header gives, optional ones to their default or left unbound; a required
    one without an example (or whose example this store lacks) stays a variable to edit."""
    from .querying import QueryError, bind, named_queries

    found = []
    for query in named_queries().values():
        values = {p.name: p.example for p in query.params if p.required and p.example}
        missing = [p.name for p in query.params if p.required and not p.example]
        note = ""
        try:
            bindings = _defaults(query) if missing else bind(query, values, store)
        except (QueryError, StoreError) as exc:
            bindings, note = _defaults(query), f"its example does not run here ({exc})"
        if missing:
            note = "edit " + ", ".join(f"?_{name}" for name in missing) + \
                " in the editor (a value in quotes) before running it"
        found.append(Example(query.name, query.summary, substitute(query.text, bindings),
                             note))
    return found


def _defaults(query) -> dict[str, object]:
    """Bindings of the optional parameters' defaults only."""
    from .query_params import ParamError, convert, normalise

    bindings: dict[str, object] = {}
    for param in query.params:
        if param.required or param.default is None or param.type == "session":
            continue
        with contextlib.suppress(ParamError):
            bindings[param.variable] = convert(param, normalise(param, param.default))
    return bindings


def ui_link(base: str, text: str) -> str:
    """A URL of the UI (YASGUI) that opens ``text`` in its editor and runs it."""
    fragment = urllib.parse.urlencode({"query": text, "endpoint": f"{base}/query"},
                                      quote_via=urllib.parse.quote)
    return f"{base}/#{fragment}"


def result_link(base: str, text: str) -> str:
    """A SPARQL 1.1 Protocol GET URL of the endpoint that gives ``text``'s results."""
    return f"{base}/query?" + urllib.parse.urlencode({"query": text},
                                                     quote_via=urllib.parse.quote)


def examples_html(base: str, found: list[Example], location: str) -> str:
    """The examples page: per named query its summary, a link that runs it in the UI and
    one that gives its results straight from the endpoint."""
    items = []
    for example in found:
        note = f'<br><small>{html.escape(example.note)}</small>' if example.note else ""
        items.append(
            f'<li><b>{html.escape(example.name)}</b>: {html.escape(example.summary)}<br>'
            f'<a href="{html.escape(ui_link(base, example.text))}">run in the UI</a> · '
            f'<a href="{html.escape(result_link(base, example.text))}">results</a>'
            f'{note}</li>')
    body = "\n".join(items)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>migkg named queries</title></head><body>\n"
        f"<h1>migkg named queries</h1>\n<p>Store {html.escape(location)}, served at "
        f'<a href="{html.escape(base)}/">{html.escape(base)}/</a> (SPARQL endpoint '
        f"{html.escape(base)}/query). Each link opens the query in the server's UI and runs "
        "it there.</p>\n<ul>\n" + body + "\n</ul>\n</body></html>\n")


def start(location: Path, *, host: str = DEFAULT_BIND, port: int = DEFAULT_PORT,
          snapshot: bool = False, allow_network: bool = False,
          verbose: bool = False) -> Running:
    """Start the front on ``host``:``port`` and the server over the store folder
    ``location`` behind it; gives when both listen. ``allow_network`` lets SERVICE queries
    through (the server then reaches the endpoints they name); ``verbose`` prints a line
    per request.

    Raises :class:`ServeError`: code 2 when ``location`` is no store or ``host`` no
    address, 1 when the server is missing, the store is busy, the address is taken or the
    server fails to start.
    """
    bind_host = check_bind(host)
    if location.exists() and not location.is_dir():
        raise ServeError(f"{location}: is a file, not a store folder", code=2)
    if not store_folder.is_store(location):
        raise ServeError(f"{location}: not a migkg store (run 'migkg ingest' first)", code=2)
    binary = server_binary()
    cleanup: list[Callable[[], None]] = []
    try:
        front = _listen(bind_host, port)
        cleanup.append(front.stop)
        try:
            store = EmbeddedStore(location, read_only=True)  # the shared lock, waiting
        except StoreError as exc:
            raise ServeError(str(exc), exc.code) from None
        cleanup.append(store.close)  # closing the store drops its lock
        work = Path(tempfile.mkdtemp(prefix="migkg-serve-"))
        cleanup.append(lambda: shutil.rmtree(work, ignore_errors=True))
        served = location
        if snapshot:
            served = _snapshot(store, location, cleanup)
        base = base_url(bind_host, port)
        page = work / "examples.html"
        page.write_text(examples_html(base, examples(store), str(location)), encoding="utf-8")
        reports = len(store.report_graphs())
        if snapshot:
            store.close()  # the copy is taken: the store is free for ingests
        timeout = _query_seconds()
        process, lines, child_port = _start_child(binary, served, timeout, cleanup)
        cleanup.append(front.stop)  # stopped before the server (cleanup runs backwards)
        network_guard.only_loopback(child_port)
        front.policy = Policy(child_port, allow_network, verbose, timeout + 10.0)
        front.start()
        return Running(f"{base}/query", f"{base}/", page, process, reports, snapshot,
                       allow_network, child_port, _stderr=lines, _cleanup=cleanup)
    except BaseException:
        _run_cleanup(cleanup)
        raise


def _query_seconds() -> int:
    value = os.environ.get("MIGKG_SERVE_TIMEOUT", "")
    return int(value) if value.isdigit() and int(value) > 0 else QUERY_SECONDS


def _listen(bind_host: str, port: int) -> FrontServer:
    """The front's listening socket on the user's address (requests wait until it starts)."""
    name = bind_host.strip("[]")
    try:
        return FrontServer("127.0.0.1" if name == "localhost" else name, port, Policy(0))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise ServeError(f"cannot listen on {bind_host}:{port}: the address is in use "
                             "(give another --port)") from None
        raise ServeError(f"cannot listen on {bind_host}:{port}: "
                         f"{exc.strerror or exc}") from None


def _free_loopback_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_child(binary: str, served: Path, timeout: int,
                 cleanup: list) -> tuple[subprocess.Popen, collections.deque, int]:
    """The Oxigraph server over ``served`` on a free port of 127.0.0.1 (another port if
    that one is taken meanwhile); gives it with its output lines and port once it listens."""
    for attempt in range(_CHILD_TRIES):
        port = _free_loopback_port()
        process = subprocess.Popen(
            [binary, "serve-read-only", "--location", str(served), "--bind",
             f"127.0.0.1:{port}", "--union-default-graph", "--timeout-s", str(timeout)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True, errors="replace", start_new_session=True,
            preexec_fn=functools.partial(die_with_parent, os.getpid()))
        cleanup.append(lambda process=process: _terminate(process))
        lines: collections.deque = collections.deque(maxlen=200)
        reason = _wait_ready(process, lines)
        if reason is None:
            return process, lines, port
        if "in use" not in reason.lower() or attempt == _CHILD_TRIES - 1:
            raise ServeError(f"the Oxigraph server did not start: {reason}")
    raise AssertionError("unreachable")


def _snapshot(store: EmbeddedStore, location: Path, cleanup: list) -> Path:
    """A copy of the store beside it (hard links on the same file system), removed at
    stop; in the temporary folder when the store's parent folder is not writable."""
    try:
        holder = Path(tempfile.mkdtemp(prefix=".migkg-serve-snapshot-",
                                       dir=location.resolve().parent))
    except OSError:
        holder = Path(tempfile.mkdtemp(prefix="migkg-serve-snapshot-"))
    cleanup.append(lambda: shutil.rmtree(holder, ignore_errors=True))
    target = holder / "store"
    try:
        store.backup(target)
    except StoreError as exc:
        raise ServeError(f"{location}: cannot take a snapshot ({exc})") from None
    return target


def _wait_ready(process: subprocess.Popen, lines: collections.deque) -> str | None:
    """Read the server's output until it says it listens (None); if it stops first, the
    reason it gave."""
    stream = process.stderr
    assert stream is not None
    seen = threading.Event()  # the server's output ended or said it listens
    listening: list[bool] = []

    def drain() -> None:
        for line in stream:
            line = line.strip()
            if line:
                lines.append(line)
            if READY_LINE in line:
                listening.append(True)
                seen.set()
        seen.set()  # the server stopped

    threading.Thread(target=drain, daemon=True, name="oxigraph-output").start()
    seen.wait(_READY_SECONDS)
    if listening and process.poll() is None:
        return None
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=2)
    if not seen.is_set():
        return f"it did not start listening within {_READY_SECONDS:g} s"
    errors = [line for line in lines if line.startswith("Error:")]
    reason = (errors or list(lines) or [""])[-1].removeprefix("Error:").strip()
    return reason or f"exit status {process.returncode}"


def _terminate(process: subprocess.Popen) -> None:
    if process.poll() is None:
        with contextlib.suppress(OSError):
            process.terminate()
        try:
            process.wait(timeout=_STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _run_cleanup(cleanup: list[Callable[[], None]]) -> None:
    for action in reversed(cleanup):
        with contextlib.suppress(Exception):
            action()
    cleanup.clear()


def stop(running: Running) -> None:
    """Stop the server (SIGTERM, then SIGKILL after 10 s), release the store and remove
    the examples page and snapshot."""
    _run_cleanup(running._cleanup)


def trap_stop_signals() -> dict[int, object]:
    """Make SIGINT, SIGTERM and SIGHUP raise :class:`Stopped` (so that a start, or the wait,
    is cut short cleanly); gives the previous handlers for :func:`restore_signals`."""
    def on_signal(signum, frame) -> None:
        raise Stopped

    return {sig: signal.signal(sig, on_signal) for sig in STOP_SIGNALS}


def restore_signals(previous: dict[int, object]) -> None:
    """Put back the handlers :func:`trap_stop_signals` replaced."""
    for sig, handler in previous.items():
        signal.signal(sig, handler)


def wait(running: Running, announce: Callable[[], None] | None = None) -> int:
    """Call ``announce`` (say where the server is), then block until a stop signal (0;
    call :func:`trap_stop_signals` first) or until the server stops by itself (1, its
    reason in :meth:`Running.last_error`); the server is stopped and cleaned up either
    way, a further signal during the stop being ignored."""
    try:
        if announce is not None:
            announce()
        running.process.wait()
        return 1
    except Stopped:
        return 0
    finally:
        for sig in STOP_SIGNALS:
            signal.signal(sig, signal.SIG_IGN)  # a second Ctrl-C does not cut the stop short
        stop(running)
