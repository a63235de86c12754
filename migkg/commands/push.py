"""``migkg push``: copy the store's graphs to a SPARQL 1.1 store (Oxigraph, Fuseki...)."""

from __future__ import annotations

import sys

import typer

from .. import pushing
from ..output import escaped
from ..store import StoreError, default_location
from ._options import fail, open_or_fail


def register(app: typer.Typer) -> None:
    app.command("push")(push_command)


def push_command(
    endpoint: str = typer.Option(..., "--endpoint", metavar="QUERY_URL",
                                 help="The remote store's SPARQL query endpoint "
                                 "(Oxigraph: /query; Fuseki: /ds/sparql)."),
    update: str = typer.Option(None, "--update", metavar="UPDATE_URL", show_default=False,
                               help="Its SPARQL Update endpoint (Oxigraph: /update; "
                               "Fuseki: /ds/update)."),
    graph_store: str = typer.Option(None, "--graph-store", metavar="GSP_URL",
                                    show_default=False,
                                    help="Its Graph Store Protocol endpoint (Oxigraph: "
                                    "/store; Fuseki: /ds/data); without it, graphs are "
                                    "written by SPARQL Update."),
    store: str = typer.Option(None, "--store", show_default=False,
                              help="Store folder to push (default ./migkg-store or "
                              "$MIGKG_STORE)."),
) -> None:
    """Copy every report graph, the shared entity graphs, the ontology and the
    vocabularies to a SPARQL 1.1 store, each graph replaced atomically; report graphs the
    local store no longer holds are deleted there. Only changed graphs are sent, so a
    second push sends nothing. Credentials come from $MIGKG_REMOTE_USER and
    $MIGKG_REMOTE_PASSWORD only. The local store is only read."""
    location = store or default_location()
    if location.startswith(("http://", "https://")):
        fail(f"{location}: push reads a store folder; give the remote store as --endpoint",
             code=2)
    if not (update or graph_store):
        fail("push needs --update or --graph-store (or both)", code=2)
    local = open_or_fail(location, read_only=True)

    def said(action: str, graph: str) -> None:
        if action == "deleted":
            print(f"deleted {escaped(graph)} (no longer in the local store)",
                  file=sys.stderr)

    try:
        result = pushing.push(local, pushing.Targets(endpoint, update, graph_store),
                              progress=said)
    except StoreError as exc:
        fail(f"{exc}; the local store is unchanged, and the next push completes what "
             "this one did not send", code=exc.code)
    finally:
        local.close()
    typer.echo(f"{len(result.sent)} graphs sent, {result.unchanged} unchanged, "
               f"{len(result.deleted)} deleted (remote: {escaped(endpoint)})")
