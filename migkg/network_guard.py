"""No silent network: an audit hook that refuses every connection a command was not asked
to make.

Installed by :func:`migkg.cli.main` before any command runs, so it covers every entry
point and every library in the process (rdflib SERVICE or ``FROM`` fetches, JSON-LD
contexts, owl:imports, urllib, SPARQLWrapper) and the worker processes forked from it.
A command may reach the network only when asked to: a remote ``--store http(s)://…`` (or
``$MIGKG_STORE``), ``--allow-network``, or a command whose job is to connect (``link``,
``push``; ``link --offline`` is not one). pyoxigraph's own HTTP client is native code the
hook cannot see; SPARQL that could use it (SERVICE, LOAD) is refused on the parsed query
(:mod:`migkg.sparql_guard`).

One exception is made, and only by the code that needs it: ``migkg serve`` forwards
requests to the Oxigraph server it started on a private port of 127.0.0.1, so it allows
exactly that address and port (:func:`only_loopback`), nothing else, not even with
``--allow-network`` (which is the child server's permission to run SERVICE, not this
process's).
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Sequence

NETWORK_COMMANDS = frozenset({"link", "push"})
_EVENTS = frozenset({"socket.connect", "socket.getaddrinfo", "socket.sendto",
                     "socket.sendmsg", "urllib.Request", "http.client.connect"})
_LOOPBACK = "127.0.0.1"
_state: dict = {"installed": False, "allowed": False, "loopback": frozenset()}


class NetworkRefused(PermissionError):
    """A connection was attempted by a command that may not use the network."""


def wants_network(argv: Sequence[str], environ: dict[str, str] | None = None) -> bool:
    """True if the command line (without the program name) asks to reach the network."""
    environ = os.environ if environ is None else environ
    args = list(argv)
    if "--allow-network" in args:
        return True
    # `link ... --offline` answers from its cache: it gets no network, so the guard
    # proves the promise.
    if any(a in NETWORK_COMMANDS for a in args if not a.startswith("-")) \
            and "--offline" not in args:
        return True
    for index, arg in enumerate(args):
        value = None
        if arg == "--store" and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--store="):
            value = arg.split("=", 1)[1]
        if value and value.startswith(("http://", "https://")):
            return True
    has_store = any(a == "--store" or a.startswith("--store=") for a in args)
    store = environ.get("MIGKG_STORE", "")
    return not has_store and store.startswith(("http://", "https://"))


def install(allowed: bool) -> None:
    """Install the hook (once per process) and set whether connections are allowed."""
    _state["allowed"] = allowed
    if not _state["installed"]:
        sys.addaudithook(_hook)
        _state["installed"] = True


def allowed() -> bool:
    """True if this process may open connections to any host."""
    return bool(_state["allowed"])


def only_loopback(port: int) -> None:
    """Refuse every connection except to 127.0.0.1 on ``port`` (a server this process
    started there), whatever the command line allowed before."""
    _state["allowed"] = False
    _state["loopback"] = _state["loopback"] | {int(port)}


def _loopback_target(event: str, args: tuple) -> bool:
    """True if the event is a step of a TCP connection to 127.0.0.1 on an allowed port
    (the name lookup of the literal address, the connection itself)."""
    ports = _state["loopback"]
    if not ports:
        return False
    if event == "http.client.connect" and len(args) > 2:
        host, port = args[1], args[2]
    elif event == "socket.getaddrinfo" and len(args) > 1:
        host, port = args[0], args[1]
    elif event == "socket.connect" and len(args) > 1:
        sock, address = args[0], args[1]
        if getattr(sock, "family", None) != socket.AF_INET or not isinstance(address, tuple) \
                or len(address) != 2:
            return False
        host, port = address
    else:
        return False
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    try:
        return host == _LOOPBACK and int(port) in ports
    except (TypeError, ValueError):
        return False


def _local_socket(args: tuple) -> bool:
    """A Unix-domain socket (a local process, never the network)."""
    sock = args[0] if args else None
    family = getattr(sock, "family", None)
    return family == getattr(socket, "AF_UNIX", object())


def _hook(event: str, args: tuple) -> None:
    if event not in _EVENTS or _state["allowed"]:
        return
    if event in ("socket.connect", "socket.sendto", "socket.sendmsg") and _local_socket(args):
        return
    if _loopback_target(event, args):
        return
    target = args[1] if event.startswith("socket.") and len(args) > 1 else \
        (args[0] if args else "")
    if event == "socket.getaddrinfo":
        target = f"{args[0]}:{args[1]}" if len(args) > 1 else args[0]
    if event == "urllib.Request":
        target = args[0] if args else ""
    raise NetworkRefused(f"network disabled: refused a connection to {target} (this "
                         "command may not reach the network; see 'Reliability' in the README)")
