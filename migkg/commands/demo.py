"""``migkg demo``: the bundled example reports in a fresh store, compared."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console

from ..demo import fresh_store, load_examples, print_comparison
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
    """Load the bundled example reports into a fresh store and compare their sessions."""
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
    target.close()
    if result.errors:
        raise typer.Exit(1)
