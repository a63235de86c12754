"""``migkg report``: a static HTML dashboard of the store that works offline.

Pages: an overview with a heatmap of sessions by the 23 GCM objectives (each cell links to
the evidence), a completeness table, one page per session with its statements, their
evidence and source positions, an actor network, a compare view for any two sessions and a
search box over the statements' text. Charts use plotly.js, copied from the installed
``plotly`` package together with its licence; nothing is fetched from the network.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..store import Store
from .folder import MARKER, OutputError, check_writable, is_dashboard, write_files
from .gather import gather
from .render import MissingDependency, render

__all__ = ["MARKER", "BuildResult", "MissingDependency", "OutputError", "build",
           "check_writable", "is_dashboard"]


@dataclass
class BuildResult:
    """What a build wrote: the folder, its index page, the number of sessions and files."""

    folder: Path
    index: Path
    sessions: int
    files: int
    bytes: int


def build(store: Store, out: Path) -> BuildResult:
    """Write the dashboard of ``store`` into ``out``.

    ``out`` must be new, empty or a dashboard an earlier build wrote (it holds the marker
    file); any other folder raises :class:`OutputError` before anything is read or written.
    Raises :class:`MissingDependency` when plotly or jinja2 is not installed. The same
    store gives byte-identical files.
    """
    check_writable(out)
    data = gather(store)
    files = render(data)
    write_files(out, files)
    return BuildResult(folder=out, index=out / "index.html", sessions=len(data.sessions),
                       files=len(files), bytes=sum(len(v) for v in files.values()))
