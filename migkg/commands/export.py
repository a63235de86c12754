"""``migkg export``: the whole store as Turtle, TriG, N-Quads or JSON-LD, byte-stable."""

from __future__ import annotations

from pathlib import Path

import typer

from ..exporting import FORMATS, export, write_atomically
from ..output import emit, escaped
from ..store import StoreError
from ._options import check_choice, fail, open_or_fail, store_option


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)


def export_command(
    fmt: str = typer.Option("trig", "--format", "-f", help="turtle, trig, nquads or jsonld."),
    out: Path = typer.Option(None, "--output", "-o", help="Write to this file (default stdout); "
                             "replaced only once the new export is complete."),
    store: str = store_option(),
) -> None:
    """Export the store; the same store always gives the same bytes."""
    fmt = check_choice("--format", fmt, FORMATS)
    target = open_or_fail(store, read_only=True)
    try:
        data = export(target, fmt)
    except StoreError as exc:
        fail(str(exc), code=exc.code)
    finally:
        target.close()
    if out:
        try:
            write_atomically(out, data)
        except OSError as exc:
            reason = "disk full (no space left on device)" if exc.errno == 28 else \
                (exc.strerror or str(exc))
            fail(f"{escaped(out)}: cannot write the export ({reason}); any earlier file "
                 "there is unchanged")
    else:
        emit(data)
