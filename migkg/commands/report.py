"""``migkg report``: write the store's static HTML dashboard into a folder."""

from __future__ import annotations

from pathlib import Path

import typer

from ..output import escaped
from ._options import fail, open_or_fail, store_option


def register(app: typer.Typer) -> None:
    app.command("report")(report_command)


def report_command(
    out: Path = typer.Option(..., "--out", "-o", metavar="DIR",
                             help="Folder for the dashboard: new, empty or an earlier "
                                  "dashboard (never another folder)."),
    store: str | None = store_option(),
) -> None:
    """Write a static HTML dashboard of the store that works offline: GCM heatmap,
    completeness, a page per session, actor network, compare view and search."""
    from ..dashboard import MissingDependency, OutputError, build, check_writable

    try:
        check_writable(out)
    except OutputError as exc:
        fail(escaped(str(exc)), code=exc.code)
    target = open_or_fail(store, read_only=True)
    try:
        result = build(target, out)
    except MissingDependency as exc:
        fail(str(exc), code=1)
    except OutputError as exc:
        fail(escaped(str(exc)), code=exc.code)
    finally:
        target.close()
    print(f"wrote {result.files} files ({result.bytes / 1e6:.1f} MB) for {result.sessions} "
          f"sessions into {escaped(str(out))}/")
    print(f"dashboard: {escaped(str(result.index))}")
