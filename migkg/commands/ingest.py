"""``migkg ingest PATH...``: load report files or folders into the store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .. import validation_render
from ..api import Database
from ..output import emit, escaped
from ..shacl_sparql import CompileError
from ..store import StoreError
from ..workers import Budget

if TYPE_CHECKING:
    from ..ingest import IngestResult
from ._options import fail, open_or_fail, store_option


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)


def ingest_command(
    paths: list[Path] = typer.Argument(..., help="Report files or folders (.docx .pdf .html "
                                       ".htm .md .txt .eml)."),
    event: str = typer.Option(None, "--event", help="Event name, where a file does not say."),
    date: str = typer.Option(None, "--date", help="Session date (e.g. 2018-12-06), where a "
                             "file does not say."),
    store: str = store_option(),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print errors and warnings only."),
    strict: bool = typer.Option(False, "--strict", help="A file with a heading the loader "
                                "could not place, or text outside any section, fails (exit 1) "
                                "and is not loaded."),
    file_timeout: float = typer.Option(
        None, "--file-timeout", min=0.1, show_default=False,
        help="Seconds one file may take (default 120 or $MIGKG_FILE_TIMEOUT)."),
    workers: int = typer.Option(
        None, "--workers", min=1, show_default=False,
        help="Worker processes reading files (default: CPUs, at most 4)."),
    worker_memory: int = typer.Option(
        None, "--worker-memory", min=64, show_default=False,
        help="Megabytes one file's reading may use (default 768 or $MIGKG_WORKER_MEMORY)."),
    validate: bool = typer.Option(
        False, "--validate", help="Then validate the reports just loaded (as 'migkg validate' "
                                  "does; its results kept in the store) and print the "
                                  "findings; exit 1 on a violation."),
) -> None:
    """Load reports into the store; re-ingesting a file replaces its graph.

    A report is identified by its path relative to the folder given (for a file given
    directly: its name), so files with one name in two subfolders are two reports.
    """
    # Imported here: the loaders are heavy, and every other command starts without them.
    from migkg.loaders.dates import parse_date

    from ..ingest import collect

    if date and parse_date(date) is None:
        fail(f"--date: cannot read {date!r} as a date (use e.g. 2018-12-06)", code=2)
    files, missing = collect(paths)
    if not files:
        # Nothing to load: say why, and leave no empty store behind.
        for path, reason in missing or [(", ".join(map(str, paths)), "no report files found")]:
            print(f"error: {escaped(path)}: {reason}", file=sys.stderr)
        raise typer.Exit(1)
    target = open_or_fail(store)
    err = Console(stderr=True)
    show_bar = not quiet and err.is_terminal and len(paths) > 0
    try:
        with Progress(
            TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=err, transient=True, disable=not show_bar,
        ) as bar:
            task = bar.add_task("ingest", total=None)
            result = Database(target).ingest(
                *paths, event=event, date=date, workers=workers, strict=strict,
                budget=Budget.from_env(file_timeout, worker_memory),
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
        outcome = None
        if validate and result.loaded:
            outcome = Database(target).validate(only=[r.iri for r in result.loaded])
    except (StoreError, CompileError) as exc:
        fail(str(exc), code=getattr(exc, "code", 1))
    finally:
        target.close()
    report(result, target.location, quiet=quiet)
    if outcome is not None:
        emit(validation_render.render(outcome, "text", fail_on="violation"))
    if result.errors or (outcome is not None and outcome.fails("violation")):
        raise typer.Exit(1)


def report(result: IngestResult, location: str, *, quiet: bool) -> None:
    """The per-file lines of an ingest: ``error:`` and ``warning:`` lines on stderr (file
    names escaped onto one line), then, unless quiet, one ``loaded`` line per report and
    the totals on stdout."""
    for path, reason in result.errors:
        print(f"error: {escaped(path)}: {escaped(reason)}", file=sys.stderr)
    for path, text in result.warnings:
        print(f"warning: {escaped(path)}: {escaped(text)}", file=sys.stderr)
    for stale in result.stale_reviews:
        print(f"warning: {stale.item}: review decision no longer applies ({stale.reason}; "
              "it stays recorded, see 'migkg review')", file=sys.stderr)
    if not quiet:
        for loaded in result.loaded:
            counts = ", ".join(f"{n} {kind}" for kind, n in sorted(loaded.counts.items()))
            print(f"loaded {escaped(loaded.path)} -> {loaded.iri} ({loaded.sections} sections; "
                  f"{counts})")
        print(f"{len(result.loaded)} loaded, {len(result.errors)} failed "
              f"(store: {escaped(location)})")
