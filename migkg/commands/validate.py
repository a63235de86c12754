"""``migkg validate``: SHACL completeness report on the reports in the store."""

from __future__ import annotations

import errno
import sys
from pathlib import Path

import typer

from .. import validation, validation_render
from ..api import Database
from ..exporting import write_atomically
from ..output import emit, escaped
from ..shacl_sparql import CompileError
from ..store import Store, StoreError, default_location, open_store
from ..validation_run import ENGINES
from ._options import check_choice, fail, open_or_fail, store_option

FAIL_ON = ("violation", "warning")


def _open(location: str | None) -> tuple[Store, bool]:
    """The store, writable where it can be (to keep the results), else read-only; a
    folder that holds no store is an error, never a new empty store."""
    location = location or default_location()
    if not location.startswith(("http://", "https://")) and not Path(location).exists():
        return open_or_fail(location, read_only=True), False
    try:
        return open_store(location or default_location()), True
    except StoreError as exc:
        if exc.code == 2:
            fail(str(exc), code=2)
    return open_or_fail(location, read_only=True), False


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
    engine: str = typer.Option(
        "sparql", "--engine",
        help="sparql (the shapes compiled to SPARQL, run on the store) or pyshacl (the "
             "reference engine); both give the same findings."),
    everything: bool = typer.Option(
        False, "--all", help="Check every report again, not only those whose graph changed "
                             "since the last run (or never checked)."),
    store: str = store_option(),
) -> None:
    """Check each report for completeness (template sections, rapporteur, Chatham House
    rule, links) and say what to add. Exit 1 on a violation (or a warning with
    --fail-on warning). Results are kept in the store, so a run checks again only the
    reports ingested since the last one (all of them with --all)."""
    fmt = check_choice("--format", fmt, validation_render.FORMATS)
    fail_on = check_choice("--fail-on", fail_on, FAIL_ON)
    engine = check_choice("--engine", engine, ENGINES)
    target, keep = _open(store)
    try:
        outcome, run = Database(target).validation(report, engine=engine,
                                                   everything=everything, keep=keep)
    except validation.ValidationError as exc:
        fail(str(exc), code=2)
    except (StoreError, CompileError) as exc:
        fail(str(exc))
    finally:
        target.close()
    if not keep or run.not_kept:
        reason = run.not_kept or "the store is open elsewhere or read-only"
        print(f"warning: {escaped(target.location)}: the results could not be kept in the "
              f"store ({reason}); the next run checks these reports again", file=sys.stderr)
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
