"""PDF reports: text PDFs read into blocks by pdfplumber in a sandboxed child process.

PDF parsers have a long record of decompression bombs, infinite loops and memory blow-ups
on crafted files, so the parsing and all layout heuristics run in a separate Python
process (:mod:`._pdf_child`) under an address-space and CPU limit, killed after a
wall-clock timeout. A hostile file then costs one ``ReaderError`` line, never the batch.

Limits, each overridable by environment variable or constructor argument:

- ``MIGKG_PDF_TIMEOUT``: wall-clock seconds per file (default 30);
- ``MIGKG_PDF_MEMORY_MB``: address-space limit of the child (default 1024);
- ``MIGKG_PDF_MAX_PAGES``: pages per file (default 500);
- ``MIGKG_MAX_FILE_MB``: file size, shared with the other readers.

Layout recovery (headings by font size or whole-line bold, list items and their levels by
indentation, wrapped lines, bold leads, ruled two-column template tables, link
annotations, running headers and footers) is described in :mod:`._pdf_child`.
"""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Block, Document
from . import ReaderError
from ._common import Run, allowed_link, make_block, read_limited, row_blocks
from .pdf_server import shared_server

TIMEOUT_ENV = "MIGKG_PDF_TIMEOUT"
MEMORY_ENV = "MIGKG_PDF_MEMORY_MB"
PAGES_ENV = "MIGKG_PDF_MAX_PAGES"
DEFAULT_TIMEOUT = 30.0
DEFAULT_MEMORY_MB = 1024
DEFAULT_MAX_PAGES = 500
# Below this the interpreter and pdfplumber cannot even start, so every file would fail.
MIN_MEMORY_MB = 128
MAX_SECONDS = 7 * 24 * 3600
MAX_MEMORY_MB = 1 << 24
MAX_PAGES = 1_000_000

_CHILD = Path(__file__).with_name("_pdf_child.py")
_KINDS = {"heading", "label", "paragraph", "item", "quote"}


@dataclass(frozen=True)
class Limits:
    timeout: float
    memory_mb: int
    max_pages: int

    @classmethod
    def resolve(
        cls, timeout: float | None, memory_mb: int | None, max_pages: int | None
    ) -> Limits:
        if timeout is None:
            timeout = _env_number(TIMEOUT_ENV, DEFAULT_TIMEOUT)
        if memory_mb is None:
            memory_mb = int(_env_number(MEMORY_ENV, DEFAULT_MEMORY_MB, minimum=MIN_MEMORY_MB))
        if max_pages is None:
            max_pages = int(_env_number(PAGES_ENV, DEFAULT_MAX_PAGES, minimum=1))
        # Bounded so absurd settings cannot overflow poll(), alarm() or setrlimit().
        return cls(
            min(timeout, MAX_SECONDS), min(memory_mb, MAX_MEMORY_MB), min(max_pages, MAX_PAGES)
        )


def _env_number(name: str, default: float, minimum: float = 0.0) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not (value > 0 and value >= minimum and math.isfinite(value)):
        floor = f" of at least {minimum:g}" if minimum else ""
        raise ReaderError(f"{name} must be a positive number{floor}, got {raw!r}")
    return value


class PdfReader:
    name = "pdf"
    suffixes = (".pdf",)

    def __init__(
        self,
        *,
        timeout: float | None = None,
        memory_mb: int | None = None,
        max_pages: int | None = None,
    ) -> None:
        floors = {"timeout": (timeout, 0), "memory_mb": (memory_mb, MIN_MEMORY_MB - 1),
                  "max_pages": (max_pages, 0)}
        for name, (value, floor) in floors.items():
            if value is not None and not value > floor:
                raise ValueError(f"{name} must be greater than {floor}, got {value!r}")
        self._overrides = (timeout, memory_mb, max_pages)

    def read(self, path: Path) -> Document:
        # Environment is read per call so a long-running process picks up changes.
        limits = Limits.resolve(*self._overrides)
        data = read_limited(path)
        if b"%PDF-" not in data[:1024]:
            raise ReaderError("not a PDF file")
        if b"%%EOF" not in data[-4096:]:
            # A cut-off download still parses in part; reading it would report sections
            # as missing that are only lost, so refuse it outright.
            raise ReaderError("truncated PDF (no end-of-file marker)")
        result = parse_pdf(data, limits)
        return Document.build(
            str(path), self.name, _blocks(result.get("items")),
            removed=_removed(result.get("removed")),
        )


# A server process per reading process where fork exists (see .pdf_server); a fresh
# interpreter per file elsewhere.
SERVE = hasattr(os, "fork")


def parse_pdf(data: bytes, limits: Limits) -> dict[str, Any]:
    """The child's answer for ``data``: through this process's parser server where it can
    run, else a one-shot child; every failure is one ReaderError line."""
    if not SERVE:
        return run_child(data, limits)
    wall = math.ceil(limits.timeout)
    code, out, err = shared_server().parse(
        data, memory_mb=limits.memory_mb, cpu_seconds=wall + 1, wall_seconds=wall + 5,
        max_pages=limits.max_pages, timeout=limits.timeout,
    )
    return _result(code, out, err, limits)


def child_command(limits: Limits) -> list[str]:
    """The child's command line; ``-I`` keeps the working directory and PYTHON* variables
    from steering what it imports (the child's own folder holds modules named like stdlib
    ones, such as ``html.py``)."""
    wall = math.ceil(limits.timeout)
    return [
        sys.executable, "-I", str(_CHILD),
        "--memory-mb", str(limits.memory_mb),
        "--cpu-seconds", str(wall + 1),
        "--wall-seconds", str(wall + 5),
        "--max-pages", str(limits.max_pages),
    ]


def run_child(data: bytes, limits: Limits) -> dict[str, Any]:
    """Parse ``data`` in a limited child process; every failure is one ReaderError line."""
    if not sys.executable:
        raise ReaderError("cannot start the PDF parser: no Python interpreter path")
    try:
        proc = subprocess.Popen(
            child_command(limits),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            close_fds=True,
            # Its own session: a terminal's Ctrl-C reaches only us, and we clean up.
            start_new_session=True,
        )
    except OSError as exc:
        raise ReaderError(f"cannot start the PDF parser: {exc.strerror or exc}") from None
    try:
        out, err = proc.communicate(data, timeout=limits.timeout)
    except subprocess.TimeoutExpired:
        raise ReaderError(f"PDF parsing timed out after {limits.timeout:g} s") from None
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()  # reap it and close the pipes
    return _result(proc.returncode, out, err, limits)


def _result(code: int, out: bytes, err: bytes, limits: Limits) -> dict[str, Any]:
    if code < 0:
        sig = -code
        if sig in (getattr(signal, "SIGXCPU", -1), getattr(signal, "SIGALRM", -1)):
            raise ReaderError(f"PDF parsing timed out after {limits.timeout:g} s")
        if sig == getattr(signal, "SIGKILL", -1):
            # Not ours (we only kill after a timeout): the kernel's out-of-memory killer.
            raise ReaderError("PDF parsing exceeded the memory limit")
        raise ReaderError(f"PDF parsing crashed ({_signal_name(sig)})")
    try:
        result = json.loads(out) if out else None
    except (ValueError, RecursionError):
        result = None
    if not isinstance(result, dict):
        tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        if "MemoryError" in tail[0]:
            raise ReaderError("PDF parsing exceeded the memory limit")
        detail = f": {tail[0][:160]}" if tail[0] else ""
        raise ReaderError(f"PDF parsing failed (exit code {code}){detail}")
    if result.get("ok") is True:
        return result
    raise ReaderError(_message(str(result.get("error")), str(result.get("detail") or ""), limits))


def _signal_name(sig: int) -> str:
    try:
        return signal.Signals(sig).name
    except ValueError:
        return f"signal {sig}"


def _message(code: str, detail: str, limits: Limits) -> str:
    fixed = {
        "memory": "PDF parsing exceeded the memory limit",
        "encrypted": "encrypted PDF is not supported",
        "no_text": "PDF has no extractable text (scanned image?)",
        "undecodable": "PDF text cannot be decoded (its fonts have no Unicode mapping)",
        "pages": f"PDF has more than {limits.max_pages} page{'s' if limits.max_pages != 1 else ''}"
        f" (set {PAGES_ENV} to raise the limit)",
    }
    if code in fixed:
        return fixed[code]
    if code == "damaged":
        return f"damaged PDF: {detail}" if detail else "damaged PDF"
    return f"PDF parsing failed: {detail}" if detail else "PDF parsing failed"


# -- child output to blocks ----------------------------------------------------------------


def _blocks(items: Any) -> list[Block]:
    try:
        blocks: list[Block] = []
        for item in items:
            if item["t"] == "row":
                row = int(item["row"])
                cells = [[b for b in map(_block, cell) if b is not None] for cell in item["cells"]]
                blocks.extend(row_blocks(cells, row))
            else:
                block = _block(item)
                if block is not None:
                    blocks.append(block)
        return blocks
    except (KeyError, TypeError, ValueError):
        raise ReaderError("PDF parsing failed: the parser returned malformed output") from None


def _removed(pairs: Any) -> list[tuple[str, str]]:
    """What the child dropped, as (reason, text) pairs (older output has none)."""
    try:
        return [(str(reason), str(text)) for reason, text in pairs or []]
    except (TypeError, ValueError):
        raise ReaderError("PDF parsing failed: the parser returned malformed output") from None


def _block(item: dict[str, Any]) -> Block | None:
    kind = item["kind"]
    if kind not in _KINDS:
        raise ValueError(kind)
    runs = [Run(str(text), bool(bold), bool(italic)) for text, bold, italic in item["runs"]]
    links = [url for url in map(allowed_link, item.get("links") or []) if url]
    row = item.get("row")
    marker = item.get("marker")
    return make_block(
        kind, runs, list(dict.fromkeys(links)), level=int(item.get("level") or 0),
        row=None if row is None else int(row), marker=None if marker is None else str(marker),
    )
