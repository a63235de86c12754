"""The dashboard's output folder: which folders it may write, and what it may delete there.

Ownership rule: a dashboard folder holds a marker file (``.migkg-dashboard``) that lists,
one per line, every file the last build wrote. A build writes only into a new or empty
folder or one holding that marker; rebuilding deletes the files the old list names that
the new build does not write again, and nothing else (a file the user added stays).
"""

from __future__ import annotations

import os
from pathlib import Path

MARKER = ".migkg-dashboard"
_HEADER = "migkg dashboard: this folder is written by 'migkg report'; files it wrote:\n"


class OutputError(Exception):
    """The folder may not be written as a dashboard; ``code`` is the exit code."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def is_dashboard(path: Path) -> bool:
    """True if ``path`` is a folder a dashboard build wrote (it holds the marker)."""
    return path.is_dir() and (path / MARKER).is_file()


def check_writable(path: Path) -> None:
    """Raise :class:`OutputError` unless ``path`` is new, empty or one of our dashboards."""
    if path.exists() and not path.is_dir():
        raise OutputError(f"{path}: is a file, not a folder; not writing the dashboard there")
    if path.is_dir() and not is_dashboard(path) and any(path.iterdir()):
        raise OutputError(f"{path}: folder holds other files and is not a migkg dashboard; "
                          "not writing there (give a new or empty folder)")


def previous_files(path: Path) -> list[str]:
    """The files (relative paths) the last build into ``path`` wrote, from its marker."""
    if not is_dashboard(path):
        return []
    lines = (path / MARKER).read_text(encoding="utf-8").splitlines()[1:]
    return [line for line in lines if line and _inside(line)]


def write_files(path: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` (relative path -> content) into ``path`` and record them in the
    marker; delete the files of the previous build that this one no longer writes."""
    check_writable(path)
    old = previous_files(path)
    path.mkdir(parents=True, exist_ok=True)
    # The marker first: an interrupted build still leaves a folder we recognise as ours.
    (path / MARKER).write_text(_HEADER + "".join(f"{name}\n" for name in
                                                 sorted(set(files) | set(old))),
                               encoding="utf-8")
    for name in sorted(files):
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(target.name + ".tmp")
        temporary.write_bytes(files[name])
        os.replace(temporary, target)
    for name in sorted(set(old) - set(files)):
        stale = path / name
        if stale.is_file():
            stale.unlink()
        _prune_empty(stale.parent, path)
    (path / MARKER).write_text(_HEADER + "".join(f"{name}\n" for name in sorted(files)),
                               encoding="utf-8")


def _inside(name: str) -> bool:
    parts = Path(name).parts
    return bool(parts) and not Path(name).is_absolute() and ".." not in parts \
        and name != MARKER


def _prune_empty(folder: Path, root: Path) -> None:
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
