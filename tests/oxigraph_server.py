"""A loopback Oxigraph server (the `oxigraph` package's binary) for tests: start, wait, stop."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

SERVER = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def oxigraph(location: Path, *, read_only: bool = False):
    """Serve ``location`` on 127.0.0.1; yields the base URL (…/query, /update, /store)."""
    if not Path(SERVER).exists():
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    port = free_port()
    mode = "serve-read-only" if read_only else "serve"
    process = subprocess.Popen([SERVER, mode, "--location", str(location), "--bind",
                                f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            if process.poll() is not None:
                pytest.fail(f"oxigraph {mode} did not start: {process.stderr.read()!r}")
            try:
                urllib.request.urlopen(url, timeout=1)  # noqa: S310 - our loopback server
                break
            except OSError:
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
