"""``migkg export``: the whole store as Turtle, TriG, N-Quads or JSON-LD, byte-stable."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..exporting import FORMATS, export
from ._options import check_choice, open_or_fail, store_option


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)


def export_command(
    fmt: str = typer.Option("trig", "--format", "-f", help="turtle, trig, nquads or jsonld."),
    out: Path = typer.Option(None, "--output", "-o", help="Write to this file (default stdout)."),
    store: str = store_option(),
) -> None:
    """Export the store; the same store always gives the same bytes."""
    check_choice("--format", fmt, FORMATS)
    target = open_or_fail(store, read_only=True)
    data = export(target, fmt)
    if out:
        out.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
