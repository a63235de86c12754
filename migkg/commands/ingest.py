"""``migkg ingest PATH...``: load report files or folders into the store."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from migkg.loaders.dates import parse_date

from ..ingest import collect, ingest
from ._options import fail, open_or_fail, store_option


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)


def ingest_command(
    paths: list[Path] = typer.Argument(..., help="Report files or folders (.docx .pdf .html "
                                       ".htm .md .txt)."),
    event: str = typer.Option(None, "--event", help="Event name, where a file does not say."),
    date: str = typer.Option(None, "--date", help="Session date (e.g. 2018-12-06), where a "
                             "file does not say."),
    store: str = store_option(),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print errors and warnings only."),
    strict: bool = typer.Option(False, "--strict", help="A file with a heading the loader "
                                "could not place, or text outside any section, fails (exit 1) "
                                "and is not loaded."),
) -> None:
    """Load reports into the store; re-ingesting a file replaces its graph."""
    if date and parse_date(date) is None:
        fail(f"--date: cannot read {date!r} as a date (use e.g. 2018-12-06)", code=2)
    files, missing = collect(paths)
    if not files:
        # Nothing to load: say why, and leave no empty store behind.
        for path, reason in missing or [(", ".join(map(str, paths)), "no report files found")]:
            print(f"error: {path}: {reason}", file=sys.stderr)
        raise typer.Exit(1)
    target = open_or_fail(store)
    err = Console(stderr=True)
    show_bar = not quiet and err.is_terminal and len(paths) > 0
    with Progress(
        TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=not show_bar,
    ) as bar:
        task = bar.add_task("ingest", total=None)
        result = ingest(
            target, paths, event=event, when=date, strict=strict,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    target.close()
    for path, reason in result.errors:
        print(f"error: {path}: {reason}", file=sys.stderr)
    for loaded in result.loaded:
        for warning in loaded.warnings:
            print(f"warning: {loaded.path}: {warning}", file=sys.stderr)
    if not quiet:
        for loaded in result.loaded:
            counts = ", ".join(f"{n} {kind}" for kind, n in sorted(loaded.counts.items()))
            print(f"loaded {loaded.path} -> {loaded.iri} ({loaded.sections} sections; "
                  f"{counts})")
        print(f"{len(result.loaded)} loaded, {len(result.errors)} failed "
              f"(store: {target.location})")
    if result.errors:
        raise typer.Exit(1)
