"""Which folders are migkg stores, and the lock that lets one writer or many readers in.

Ownership rule: a store folder holds a marker file (``.migkg-store``) and the database's
own files, nothing else. migkg writes a store only into a new or empty folder or one that
already is a store (a 0.1.0 store, recognised by the database's files, gets its marker
on first write); it deletes a store only when every entry in the folder is one of those.

Locking: the marker file carries a POSIX lock, exclusive for a writer and shared for
readers; a second process waits up to ``$MIGKG_STORE_WAIT`` seconds (default 10) and is
then refused with one line. POSIX locks belong to a process, so worker processes forked
by an ingest do not inherit them and a killed ingest never leaves one behind.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import time
from pathlib import Path

MARKER = ".migkg-store"
_MARKER_TEXT = "migkg store: this folder is managed by migkg; 'migkg demo' may recreate it\n"
# Files RocksDB (pyoxigraph's storage) keeps in its folder.
_DATABASE_FILE = re.compile(
    r"CURRENT|IDENTITY|LOCK|LOG(\.old\.\d+)?|MANIFEST-\d+|OPTIONS-\d+(\.dbtmp)?"
    r"|\d+\.(sst|log|blob)|\d+\.dbtmp"
)
_DEFAULT_WAIT = 10.0


class FolderError(Exception):
    """A folder may not be used or removed as a store; ``code`` is the exit code."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def is_database_file(name: str) -> bool:
    return bool(_DATABASE_FILE.fullmatch(name))


def looks_like_database(path: Path) -> bool:
    """True if ``path`` holds pyoxigraph's files (a store, with or without marker)."""
    return (path / "CURRENT").is_file() and any(
        p.name.startswith("MANIFEST-") for p in path.iterdir()
    )


def is_store(path: Path) -> bool:
    """True if ``path`` is a folder migkg made a store of (marker or 0.1.0 database)."""
    return path.is_dir() and ((path / MARKER).is_file() or looks_like_database(path))


def only_store_files(path: Path) -> bool:
    """True if every entry of ``path`` is the marker or a database file."""
    return all(entry.name == MARKER or (entry.is_file() and is_database_file(entry.name))
               for entry in path.iterdir())


def claim(path: Path) -> None:
    """Make ``path`` ready to be written as a store, or raise :class:`FolderError`.

    A new or empty folder becomes a store; an existing store (marker, or a 0.1.0
    database without one) gets its marker; anything else is refused untouched.
    """
    if path.exists() and not path.is_dir():
        raise FolderError(f"{path}: is a file, not a store folder")
    try:
        if not path.exists():
            path.mkdir(parents=True)
        elif not (path / MARKER).is_file() and not looks_like_database(path) \
                and any(path.iterdir()):
            raise FolderError(f"{path}: folder holds other files and is not a migkg store; "
                              "not writing there (give a new or empty folder)")
        if not (path / MARKER).is_file():
            (path / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
    except PermissionError:
        raise FolderError(f"{path}: cannot write the store here (permission denied)",
                          code=1) from None
    except OSError as exc:
        raise FolderError(f"{path}: cannot create the store ({_reason(exc)})", code=1) from None


def remove(path: Path) -> None:
    """Delete a store folder migkg made; refuse (deleting nothing) for any other folder."""
    if not path.exists():
        return
    if not path.is_dir():
        raise FolderError(f"{path}: is a file, not a store folder; not touching it")
    if not is_store(path) or not only_store_files(path):
        raise FolderError(f"{path}: folder holds files that are not a migkg store; "
                          "not deleting it (give a new folder or remove it yourself)")
    for entry in path.iterdir():
        if entry.name != MARKER:
            entry.unlink()
    (path / MARKER).unlink(missing_ok=True)
    path.rmdir()


class Lock:
    """The process's lock on one store folder; :meth:`release` or process exit frees it."""

    def __init__(self, path: Path, *, exclusive: bool) -> None:
        self._handle = None
        marker = path / MARKER
        if not marker.is_file():
            return  # a read-only look at a 0.1.0 store: nothing to lock on
        try:
            self._handle = marker.open("r+" if exclusive else "r")
        except PermissionError:
            if exclusive:
                raise FolderError(f"{path}: cannot write the store (permission denied)",
                                  code=1) from None
            return
        mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        deadline = time.monotonic() + wait_seconds()
        while True:
            try:
                fcntl.lockf(self._handle, mode | fcntl.LOCK_NB)
                return
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    self.release()
                    doing = "written" if exclusive else "read"
                    raise FolderError(
                        f"{path}: store is busy (another migkg process is using it); "
                        f"waited {wait_seconds():g} s ($MIGKG_STORE_WAIT) to have it {doing}",
                        code=1) from None
                time.sleep(0.05)

    def release(self) -> None:
        if self._handle is not None:
            with contextlib.suppress(OSError):
                self._handle.close()  # closing the file drops the POSIX lock
            self._handle = None


def wait_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get("MIGKG_STORE_WAIT", _DEFAULT_WAIT)))
    except ValueError:
        return _DEFAULT_WAIT


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
