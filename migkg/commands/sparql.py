"""``migkg sparql QUERY-or-FILE``: an ad hoc SPARQL SELECT over the store."""

from __future__ import annotations

from pathlib import Path

import typer

from .. import output, querying
from ..store import StoreError
from ._options import check_choice, fail, open_or_fail, store_option


def register(app: typer.Typer) -> None:
    app.command("sparql")(sparql_command)


def sparql_command(
    query: str = typer.Argument(..., help="A SPARQL SELECT query, or a file holding one."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv, tsv, json or md."),
    allow_network: bool = typer.Option(
        False, "--allow-network", help="Allow SERVICE/LOAD (federated queries reach out)."
    ),
    store: str = store_option(),
) -> None:
    """Run your own SPARQL query over the union of all graphs."""
    check_choice("--format", fmt, output.FORMATS)
    text = query
    if len(query) < 4096 and "\n" not in query and Path(query).is_file():
        text = Path(query).read_text(encoding="utf-8")
    if not allow_network:
        try:
            querying.check_local_only(text)
        except querying.QueryError as exc:
            fail(str(exc), code=2)
    target = open_or_fail(store, read_only=True)
    try:
        result = target.select(text)
    except StoreError as exc:
        fail(str(exc), code=2 if "invalid SPARQL" in str(exc) or "only SELECT" in str(exc)
             else 1)
    typer.echo(output.render(result, fmt), nl=False)
