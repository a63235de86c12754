"""``migkg query NAME``: run a named query from queries/."""

from __future__ import annotations

import textwrap

import typer

from .. import output, querying
from ..api import Database
from ..store import StoreError
from ._options import check_choice, fail, open_or_fail, store_option


def register(app: typer.Typer) -> None:
    # --help is ours: with a query name it documents that query, without one the command.
    app.command("query", context_settings={"help_option_names": []})(query_command)


def parse_params(pairs: list[str]) -> dict[str, str]:
    """``key=value`` strings as a dict; exits 2 on a pair without '='."""
    values = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            fail(f"--param takes key=value, got {pair!r}", code=2)
        values[key.strip()] = value
    return values


def listing() -> str:
    """Every named query: its name, summary and parameters, wrapped to the terminal."""
    width = output.terminal_width()
    queries = querying.named_queries().values()
    name_width = max(len(q.name) for q in queries) + 2
    lines = []
    for query in queries:
        lines += textwrap.wrap(query.summary, width, initial_indent=query.name.ljust(name_width),
                               subsequent_indent=" " * name_width) or [query.name]
        if query.params:
            usage = ", ".join(p.usage().replace(" (optional)", "").join("[]")
                              if not p.required else p.usage() for p in query.params)
            lines += textwrap.wrap(f"--param {usage}", width,
                                   initial_indent=" " * (name_width + 2),
                                   subsequent_indent=" " * (name_width + 4))
    lines.append("")
    lines.append("[...]: optional. migkg query NAME --help shows one query's parameters, "
                 "with examples, and its columns.")
    return "\n".join(lines) + "\n"


def query_help(query: querying.NamedQuery) -> str:
    """One query's summary, description, parameters (type, default, example) and columns."""
    width = output.terminal_width()
    wrap = lambda text, indent="": textwrap.fill(  # noqa: E731
        " ".join(text.split()), width, initial_indent=indent, subsequent_indent=indent)
    parts = [f"migkg query {query.name}: {query.summary}", ""]
    if query.description:
        parts += [wrap(query.description), ""]
    parts.append("Parameters:" if query.params else "Parameters: none")
    for param in query.params:
        parts.append(f"  --param {param.usage()}{'  (required)' if param.required else ''}")
        if param.description:
            parts.append(wrap(param.description, "      "))
        if param.example:
            parts.append(f"      example: --param {param.name}={param.example}")
    parts += ["", "Columns: " + ", ".join(query.returns)]
    if query.default_limit:
        parts.append(f"Shows the first {query.default_limit} rows unless --limit says "
                     "otherwise (--limit 0: all), and says when more follow.")
    parts += ["",
              "Options: --format table|csv|tsv|json|md, --limit N, --offset N, --store DIR",
              wrap("Every query takes --param reviewed=false: the loader's own output, "
                   "without the decisions of 'migkg review'.")]
    return "\n".join(parts) + "\n"


def query_command(
    ctx: typer.Context,
    name: str = typer.Argument(None, help="Query name (see --list).", show_default=False),
    list_: bool = typer.Option(False, "--list", help="List the named queries and exit."),
    param: list[str] = typer.Option([], "--param", "-p", metavar="KEY=VALUE",
                                    help="A parameter of the query; repeatable."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv, tsv, json or md."),
    limit: int = typer.Option(None, "--limit", min=0, show_default=False,
                              help="At most this many rows (the query's order decides); 0 "
                                   "for every row. Long lists show a first page by default "
                                   "(see NAME --help) and say so."),
    offset: int = typer.Option(0, "--offset", min=0, help="Skip this many rows first."),
    store: str = store_option(),
    help_: bool = typer.Option(False, "--help", "-h", is_eager=False,
                               help="Show this help, or with a NAME that query's parameters "
                                    "and columns."),
) -> None:
    """Run a named query; columns are fixed per query (see --list)."""
    if help_ and not name:
        typer.echo(ctx.get_help())
        return
    if list_:
        output.emit(listing())
        return
    if not name:
        fail("give a query name, or --list to see them", code=2)
    try:
        query = querying.get(name)
    except querying.QueryError as exc:
        fail(str(exc), code=2)
    if help_:
        output.emit(query_help(query))
        return
    fmt = check_choice("--format", fmt, output.FORMATS)
    values = parse_params(param)
    try:
        querying.check(query, values)
    except querying.QueryError as exc:
        fail(str(exc), code=2)
    target = open_or_fail(store, read_only=True)
    try:
        page = query.default_limit if limit is None else (limit or None)
        result = Database(target).result(name, limit=page, offset=offset, **values)
    except querying.QueryError as exc:
        fail(str(exc), code=2)
    except StoreError as exc:
        fail(str(exc), code=exc.code)
    output.emit(output.render(result, fmt))
    if result.more:
        shown = f"rows {offset + 1}-{offset + len(result.rows)}" if result.rows else "no rows"
        output.note(f"showing {shown}; more rows follow: --offset "
                    f"{offset + len(result.rows)} for the next page, --limit 0 for all")
