"""``migkg query NAME``: run a named query from queries/."""

from __future__ import annotations

import typer

from .. import output, querying
from ..store import StoreError
from ._options import check_choice, fail, open_or_fail, store_option


def register(app: typer.Typer) -> None:
    app.command("query")(query_command)


def _params(pairs: list[str]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            fail(f"--param takes key=value, got {pair!r}", code=2)
        values[key.strip()] = value
    return values


def query_command(
    name: str = typer.Argument(None, help="Query name (see --list)."),
    list_: bool = typer.Option(False, "--list", help="List the named queries and exit."),
    param: list[str] = typer.Option([], "--param", "-p", help="key=value, repeatable."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv, tsv, json or md."),
    store: str = store_option(),
) -> None:
    """Run a named query; columns are fixed per query (see --list)."""
    if list_:
        for query in querying.named_queries().values():
            params = " ".join(f"--param {p.name}=…" for p in query.params)
            typer.echo(f"{query.name:<18} {query.summary}{'  ' + params if params else ''}")
        return
    if not name:
        fail("give a query name, or --list to see them", code=2)
    fmt = check_choice("--format", fmt, output.FORMATS)
    try:
        query = querying.get(name)
        bindings = _params(param)
        querying.bind(query, bindings)
    except querying.QueryError as exc:
        fail(str(exc), code=2)
    target = open_or_fail(store, read_only=True)
    try:
        result = querying.run_named(target, name, bindings)
    except (StoreError, querying.QueryError) as exc:
        fail(str(exc))
    typer.echo(output.render(result, fmt), nl=False)
