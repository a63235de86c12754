"""One long-lived PDF parser process per reading process, a fresh fork of it per file.

Starting the interpreter and importing pdfplumber costs about as much as parsing a short
report (0.15 s of CPU against 0.18 s on this project's example PDFs), so a batch of PDFs
goes to one server process started with ``_pdf_child.py --serve``. The server never parses:
each file is parsed by a fork of it that first lowers its own memory, CPU and wall-clock
limits, so the sandbox of :mod:`.pdf` holds file by file as before (a hostile file costs
its fork and one error line; the next file starts from a clean copy).

The server is private to the process that started it: a process forked from that one
(an ingest worker) starts its own. It dies with its parent (``PR_SET_PDEATHSIG`` on Linux)
and when its stdin closes. A request that times out kills the server's whole process
group; the next request starts a new server.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from . import ReaderError

_CHILD = Path(__file__).with_name("_pdf_child.py")
MAX_REPLY_LINE = 4096


def server_command() -> list[str]:
    """The server's command line (``-I``: see :func:`.pdf.child_command`)."""
    return [sys.executable, "-I", str(_CHILD), "--serve"]


class ParserServer:
    """The running server of this process; :meth:`parse` sends it one file."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen[bytes] | None = None
        self._owner = os.getpid()
        self._lock = threading.Lock()

    def parse(self, data: bytes, *, memory_mb: int, cpu_seconds: int, wall_seconds: int,
              max_pages: int, timeout: float) -> tuple[int, bytes, bytes]:
        """Have a fork of the server parse ``data``; give its exit status (negative: the
        signal that ended it), stdout and stderr, as a one-shot child's would be.

        Raises ReaderError when the server cannot be started, answers out of protocol,
        or the answer takes longer than ``timeout`` seconds (the server is then killed).
        """
        request = json.dumps({"memory_mb": memory_mb, "cpu_seconds": cpu_seconds,
                              "wall_seconds": wall_seconds, "max_pages": max_pages,
                              "size": len(data)}).encode() + b"\n"
        with self._lock:
            proc = self._running()
            deadline = time.monotonic() + timeout
            try:
                assert proc.stdin is not None and proc.stdout is not None
                _write_all(proc.stdin, request + data, deadline)
                header = _read_line(proc.stdout, deadline)
                reply = json.loads(header)
                code, out_size, err_size = (int(reply[key]) for key in ("code", "out", "err"))
                if out_size < 0 or err_size < 0:
                    raise ValueError("negative size")
                body = _read_exactly(proc.stdout, out_size + err_size, deadline)
            except TimeoutError:
                self._stop()
                raise ReaderError(f"PDF parsing timed out after {timeout:g} s") from None
            except (OSError, ValueError, KeyError, TypeError, EOFError) as exc:
                self._stop()
                raise ReaderError(f"PDF parsing failed: the parser process {_why(exc)}") from None
        return code, body[:out_size], body[out_size:]

    def _running(self) -> subprocess.Popen[bytes]:
        if self._owner != os.getpid():
            # Inherited through fork: the pipes belong to the parent's server. Let go of
            # our copies without touching that server, and start our own.
            self._release_inherited()
        if self._proc is not None and self._proc.poll() is None:
            return self._proc
        if self._proc is not None:
            self._stop()
        try:
            self._proc = subprocess.Popen(
                server_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, close_fds=True, bufsize=0,
                # Its own session: a terminal's Ctrl-C reaches only us, and a timeout
                # kills the server and the fork at work together.
                start_new_session=True,
            )
        except OSError as exc:
            raise ReaderError(f"cannot start the PDF parser: {exc.strerror or exc}") from None
        return self._proc

    def _release_inherited(self) -> None:
        proc, self._proc = self._proc, None
        self._owner = os.getpid()
        self._lock = threading.Lock()
        if proc is not None:
            for stream in (proc.stdin, proc.stdout):
                if stream is not None:
                    with contextlib.suppress(OSError, ValueError):
                        os.close(stream.fileno())
            proc.returncode = 0  # not ours to wait for; keeps Popen from trying

    def _stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        proc.wait()

    def close(self) -> None:
        """End the server (it also ends by itself when this process exits)."""
        with self._lock:
            if self._owner == os.getpid():
                self._stop()

    @property
    def pid(self) -> int | None:
        """The server's process id while it runs in this process, else None."""
        if self._owner == os.getpid() and self._proc is not None and self._proc.poll() is None:
            return self._proc.pid
        return None


def _why(exc: BaseException) -> str:
    if isinstance(exc, (EOFError, BrokenPipeError)):
        return "ended unexpectedly"
    return "answered out of protocol"


def _wait_readable(stream: object, deadline: float) -> None:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError
    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)  # type: ignore[arg-type]
        if not selector.select(timeout=remaining):
            raise TimeoutError


def _write_all(stream: object, data: bytes, deadline: float) -> None:
    fd = stream.fileno()  # type: ignore[attr-defined]
    os.set_blocking(fd, False)  # a server that stops reading must not block us forever
    view = memoryview(data)
    while view:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_WRITE)
            if not selector.select(timeout=remaining):
                raise TimeoutError
        try:
            view = view[os.write(fd, view):]
        except BlockingIOError:
            continue


def _read_line(stream: object, deadline: float) -> bytes:
    line = b""
    while not line.endswith(b"\n"):
        if len(line) > MAX_REPLY_LINE:
            raise ValueError("reply line too long")
        _wait_readable(stream, deadline)
        chunk = os.read(stream.fileno(), 1)  # type: ignore[attr-defined]
        if not chunk:
            raise EOFError
        line += chunk
    return line


def _read_exactly(stream: object, size: int, deadline: float) -> bytes:
    parts: list[bytes] = []
    left = size
    while left:
        _wait_readable(stream, deadline)
        chunk = os.read(stream.fileno(), min(left, 1 << 20))  # type: ignore[attr-defined]
        if not chunk:
            raise EOFError
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


_SERVER = ParserServer()


def shared_server() -> ParserServer:
    """This process's server (started on first use)."""
    return _SERVER
