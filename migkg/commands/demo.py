"""``migkg demo``: the bundled example reports in a fresh store, compared."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console

from ..dashboard import OutputError, check_writable
from ..output import escaped
from ..store import StoreError
from ._options import fail

DEMO_STORE = "migkg-demo-store"


def register(app: typer.Typer) -> None:
    app.command("demo")(demo_command)


def demo_command(
    store: Path = typer.Option(Path(DEMO_STORE), "--store",
                               help="Where to build the demo store (recreated each run)."),
) -> None:
    """Load the bundled example reports into a fresh store, compare their sessions and
    write a dashboard beside the store (STORE-dashboard/)."""
    # Imported here: the loaders are heavy, and every other command starts without them.
    from ..demo import (
        dashboard_beside,
        fresh_store,
        load_examples,
        print_comparison,
        write_dashboard,
    )

    dashboard = dashboard_beside(store)
    try:
        check_writable(dashboard)
    except OutputError as exc:
        fail(escaped(str(exc)), code=exc.code)
    try:
        target = fresh_store(store)
    except FileExistsError as exc:
        fail(str(exc), code=2)
    except StoreError as exc:
        fail(str(exc), code=exc.code)
    result = load_examples(target)
    for path, reason in result.errors:
        print(f"error: {escaped(path)}: {escaped(reason)}", file=sys.stderr)
    console = Console()
    console.print(f"Loaded {len(result.loaded)} example reports into {store}/\n")
    print_comparison(target, console)
    console.print(f"\nExplore further: migkg query --list; migkg query practices --store {store}")
    last = write_dashboard(target, dashboard)
    target.close()
    print(escaped(last), file=sys.stderr if last.startswith("warning:") else sys.stdout)
    if result.errors:
        raise typer.Exit(1)
