"""``migkg compare A B``: what two sessions, reports or events share and what only one has."""

from __future__ import annotations

import shutil
import sys

import typer

from .. import comparing, comparing_render, querying
from ..output import emit, escaped
from ..querying import QueryError
from ..store import StoreError
from ._options import fail, open_or_fail, store_option
from .query import parse_params

HELP = ("Compare two sessions, reports or events side by side, with evidence.\n\n"
        "Lists the GCM objectives, guiding principles, SDG targets, actors, countries, "
        "regions, challenge categories and practice levels that both sides share and those "
        "only one has, each with the insight text and words behind it and where they sit "
        "in the source. An ambiguous or unknown reference is refused (exit 2) with the "
        "candidates.")


def register(app: typer.Typer) -> None:
    app.command("compare", help=HELP)(compare_command)


def compare_command(
    a: str = typer.Argument(..., help="Session code, EVENT:CODE (GFMD-2018:2.1), "
                            "report IRI, source file name or event."),
    b: str = typer.Argument(..., help="The other side, given the same way."),
    fmt: str = typer.Option("table", "--format", "-f", metavar="FORMAT",
                            help="table, csv, json or md (any case)."),
    param: list[str] = typer.Option([], "--param", "-p", metavar="reviewed=BOOL",
                                    help="reviewed=false: compare what the loader wrote, "
                                         "without the decisions of 'migkg review' carried "
                                         "out (default true)."),
    store: str = store_option(),
) -> None:
    """Compare references ``a`` and ``b`` and print the comparison (see :data:`HELP`)."""
    if fmt.casefold() not in comparing_render.FORMATS:
        fail(f"--format must be one of {', '.join(comparing_render.FORMATS)}", code=2)
    values = parse_params(param)
    if set(values) - {querying.REVIEWED}:
        fail(f"--param: compare takes only {querying.REVIEWED}=true|false", code=2)
    try:
        reviewed = querying.reviewed_view(values)
    except QueryError as exc:
        fail(str(exc), code=2)
    target = open_or_fail(store, read_only=True)
    try:
        result = comparing.compare(target, a, b, reviewed=reviewed)
    except comparing.ReferenceError as exc:
        fail(escaped(exc), code=2)
    except comparing.CompareError as exc:
        fail(str(exc))
    except (StoreError, QueryError) as exc:
        fail(str(exc), code=getattr(exc, "code", 1))
    finally:
        target.close()
    if result.same_reports:
        print(f"warning: {escaped(a)} and {escaped(b)} name the same reports",
              file=sys.stderr)
    width = shutil.get_terminal_size((80, 24)).columns
    emit(comparing_render.render(result, fmt, width=width))
