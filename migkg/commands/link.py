"""``migkg link wikidata``: candidate Wikidata items for entities without a confirmed one."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..api import Database
from ..output import escaped
from ..store import StoreError
from ._options import fail, open_or_fail, store_option

link_app = typer.Typer(help="Link the graph's entities to external datasets.",
                       no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(link_app, name="link")


@link_app.command("wikidata")
def wikidata_command(
    endpoint: str = typer.Option(
        "https://query.wikidata.org/sparql", "--endpoint", metavar="URL",
        help="SPARQL endpoint to ask (default: the public Wikidata query service)."),
    cache: Path = typer.Option(
        None, "--cache", show_default=False,
        help="Folder of cached answers (default: STORE.wikidata-cache beside the store "
        "folder); a second run answers from it without the network."),
    offline: bool = typer.Option(
        False, "--offline", help="Use the cache only; never reach the network."),
    store: str = store_option(),
) -> None:
    """Look up Wikidata items for the countries and registry actors that have no
    confirmed Wikidata identifier (countries by ISO 3166-1 alpha-3 code, actors by English
    name), in batched queries. What is found goes to a graph of its own as candidate
    mappings (SSSOM justification semapv:LexicalMatching), never as confirmed links.
    An answer without a SPARQL results structure is an error (exit 1). With --offline, a
    question the cache cannot answer is said in a warning and its entities keep the links
    found before."""
    target = open_or_fail(store)
    try:
        result = Database(target).link_wikidata(endpoint=endpoint, cache=cache,
                                                offline=offline)
    except StoreError as exc:
        fail(f"{exc}; the store is unchanged", code=exc.code)
    finally:
        target.close()
    for candidate in result.ambiguous:
        print(f"warning: {escaped(candidate.key)}: several Wikidata items match; none kept",
              file=sys.stderr)
    if result.unanswered:
        print(f"warning: {result.unanswered} queries have no cached answer (--offline): "
              f"{len(result.waiting)} entities keep the links found before; run without "
              "--offline to ask", file=sys.stderr)
    typer.echo(f"{len(result.links)} candidate links for {result.candidates} entities "
               f"without a confirmed Wikidata item ({result.queries} queries sent, "
               f"{result.cached} answered from the cache)")
