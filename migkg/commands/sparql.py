"""``migkg sparql QUERY-or-FILE``: an ad hoc SPARQL query over the store (read-only)."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from .. import output
from ..api import Database
from ..sparql_guard import GuardError, check_query
from ..store import StoreError
from ._options import check_choice, fail, open_or_fail, store_option

_PATH_MAX = 4096  # longer text is never a file name on Linux


def register(app: typer.Typer) -> None:
    app.command("sparql")(sparql_command)


def query_text(argument: str) -> str:
    """The query an argument means: the file's text when it names an existing file (a
    path has no line break, fits the system's limits), else the argument itself."""
    if len(argument) >= _PATH_MAX or "\n" in argument or "\r" in argument or "\0" in argument:
        return argument
    if any(len(part.encode()) > 255 for part in argument.split(os.sep)):
        return argument  # no file system allows a name this long ('File name too long')
    path = Path(argument)
    try:
        if not path.is_file():
            return argument
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        fail(f"{output.escaped(argument)}: query file is not UTF-8 text", code=2)
    except OSError as exc:
        fail(f"{output.escaped(argument)}: cannot read the query file "
             f"({exc.strerror or exc})", code=2)


GRAPH_FORMATS = ("turtle", "ntriples", "jsonld")


def sparql_command(
    query: str = typer.Argument(..., help="A SPARQL query (SELECT, ASK, CONSTRUCT or "
                                "DESCRIBE), or a file holding one."),
    fmt: str = typer.Option(None, "--format", "-f", show_default=False,
                            help="SELECT and ASK: table (default), csv, tsv, json or md; "
                                 "CONSTRUCT and DESCRIBE: turtle (default), ntriples or "
                                 "jsonld."),
    allow_network: bool = typer.Option(
        False, "--allow-network", help="Allow SERVICE (federated queries reach out)."
    ),
    store: str = store_option(),
) -> None:
    """Run your own SPARQL query over the union of all graphs (FROM / FROM NAMED narrow it).

    The store is read-only here: an update is refused ('read-only: use ingest', exit 2).
    """
    text = query_text(query)
    try:
        checked = check_query(text, allow_network=allow_network)
    except GuardError as exc:
        fail(str(exc), code=exc.code)
    graph_result = checked.form in ("construct", "describe")
    choices = GRAPH_FORMATS if graph_result else output.FORMATS
    fmt = check_choice("--format", fmt or choices[0], choices)
    target = open_or_fail(store, read_only=True)
    try:
        answer = Database(target).answer(text, allow_network=allow_network)
    except GuardError as exc:
        fail(str(exc), code=exc.code)
    except StoreError as exc:
        fail(str(exc), code=exc.code)
    finally:
        target.close()
    if answer.form == "ask":
        output.emit(output.render_boolean(bool(answer.boolean), fmt))
    elif graph_result:
        output.emit(output.render_graph(answer.ntriples or "", fmt))
    else:
        output.emit(output.render(answer.result, fmt))
