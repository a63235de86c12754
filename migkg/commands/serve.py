"""``migkg serve``: a read-only SPARQL endpoint and web UI over the store (Oxigraph)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from .. import serving
from ..store import default_location
from ._options import fail


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)


def serve_command(
    port: int = typer.Option(serving.DEFAULT_PORT, "--port", min=1, max=65535,
                             help="Port to listen on."),
    bind: str = typer.Option(serving.DEFAULT_BIND, "--bind", metavar="ADDRESS",
                             help="Address to listen on; anything but a loopback address "
                             "makes the endpoint reachable from other machines."),
    snapshot: bool = typer.Option(False, "--snapshot", help="Serve a copy of the store taken "
                                  "now, so that ingests into the store can go on meanwhile."),
    allow_network: bool = typer.Option(
        False, "--allow-network", help="Let SERVICE queries through: the server then "
        "connects to the endpoints they name. Refused (HTTP 400) without it."),
    verbose: bool = typer.Option(False, "--verbose", "-v",
                                 help="Print a line per request on stdout."),
    store: str = typer.Option(None, "--store", show_default=False,
                              help="Store folder (default ./migkg-store or $MIGKG_STORE)."),
) -> None:
    """Serve the store read-only as a SPARQL 1.1 endpoint with the Oxigraph web UI, until
    Ctrl-C. The default graph is the union of all graphs, as for 'migkg query'. Every
    query is checked first: no update, no LOAD, no SERVICE without --allow-network. Needs
    the Oxigraph server: pip install "migkg[server]"."""
    location = store or default_location()
    if location.startswith(("http://", "https://")):
        fail(f"{location}: serve needs a store folder; an endpoint URL is served already",
             code=2)
    try:
        host = serving.check_bind(bind)
    except serving.ServeError as exc:
        fail(str(exc), code=exc.code)
    if not serving.is_local(host):
        print(f"warning: --bind {bind}: the endpoint is reachable from other machines "
              "(read-only, without authentication)", file=sys.stderr)
    previous = serving.trap_stop_signals()
    try:
        code = _serve(Path(location), location, host, port, snapshot, allow_network,
                      verbose)
    except serving.Stopped:  # stopped while starting; start() cleaned up
        code = 0
    finally:
        serving.restore_signals(previous)
    if code == 0:
        typer.echo("stopped")


def _serve(path: Path, location: str, host: str, port: int, snapshot: bool,
           allow_network: bool, verbose: bool) -> int:
    try:
        running = serving.start(path, host=host, port=port, snapshot=snapshot,
                                allow_network=allow_network, verbose=verbose)
    except serving.ServeError as exc:
        fail(str(exc), code=exc.code)

    def announce() -> None:
        copy = ", from a snapshot taken now" if running.snapshot else ""
        reports = f"{running.reports} report{'s' if running.reports != 1 else ''}"
        typer.echo(f"serving {location} read-only ({reports}{copy})")
        typer.echo(f"endpoint: {running.endpoint}")
        typer.echo(f"UI: {running.ui}")
        if running.allow_network:
            typer.echo("network: SERVICE queries are let through (--allow-network); the "
                       "server connects to the endpoints they name")
        typer.echo(f"examples: {running.examples_page.as_uri()} (the named queries, each a "
                   "link that runs it in the UI)")
        typer.echo("Ctrl-C stops the server")
        sys.stdout.flush()

    if serving.wait(running, announce) == 0:
        return 0
    fail(f"the Oxigraph server stopped by itself ({running.last_error() or 'no reason given'})")
