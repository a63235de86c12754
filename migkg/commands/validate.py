"""``migkg validate``: SHACL completeness report on the reports in the store."""

from __future__ import annotations

import errno
from pathlib import Path

import typer

from .. import validation, validation_render
from ..api import Database
from ..exporting import write_atomically
from ..output import emit, escaped
from ..store import StoreError
from ._options import check_choice, fail, open_or_fail, store_option

FAIL_ON = ("violation", "warning")


def register(app: typer.Typer) -> None:
    app.command("validate")(validate_command)


def validate_command(
    fmt: str = typer.Option("text", "--format", "-f", help="text, json, turtle or html."),
    report: str = typer.Option(
        None, "--report", "-r", show_default=False,
        help="Only this report: its IRI, or the file name (or path) it was ingested from.",
    ),
    fail_on: str = typer.Option(
        "violation", "--fail-on",
        help="Exit 1 when a finding is at least this severe: violation or warning.",
    ),
    out: Path = typer.Option(None, "--output", "-o", show_default=False,
                             help="Write the report to this file (default stdout); replaced "
                                  "only once the new one is complete."),
    store: str = store_option(),
) -> None:
    """Check each report for completeness (template sections, rapporteur, Chatham House
    rule, links) and say what to add. Exit 1 on a violation (or a warning with
    --fail-on warning)."""
    fmt = check_choice("--format", fmt, validation_render.FORMATS)
    fail_on = check_choice("--fail-on", fail_on, FAIL_ON)
    target = open_or_fail(store, read_only=True)
    try:
        outcome = Database(target).validate(report)
    except validation.ValidationError as exc:
        fail(str(exc), code=2)
    except StoreError as exc:
        fail(str(exc))
    text = validation_render.render(outcome, fmt, fail_on=fail_on)
    if out:
        try:
            write_atomically(out, text.encode("utf-8"))
        except OSError as exc:
            reason = "disk full (no space left on device)" if exc.errno == errno.ENOSPC \
                else (exc.strerror or str(exc))
            fail(f"{escaped(out)}: cannot write the validation report ({reason}); any "
                 "earlier file there is unchanged")
    else:
        emit(text)
    if outcome.fails(fail_on):
        raise typer.Exit(1)
