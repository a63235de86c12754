"""Format readers: each turns one kind of file into a :class:`~migkg.loaders.model.Document`.

Built-in readers register here by name with a lazy ``module:Class`` string (as rdflib's
plugin registry does), so importing the package stays cheap and a reader's heavy
dependencies (python-docx, pdfplumber) load only when a file of that format is read.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Protocol

from ..model import Document


class ReaderError(Exception):
    """A file could not be read as a report; the message is one plain line."""


class Reader(Protocol):
    name: str
    suffixes: tuple[str, ...]

    def read(self, path: Path) -> Document:  # pragma: no cover - protocol
        ...


_BUILTIN: dict[str, str] = {
    "markdown": "migkg.loaders.readers.markdown:MarkdownReader",
    "text": "migkg.loaders.readers.text:TextReader",
    "html": "migkg.loaders.readers.html:HtmlReader",
    "docx": "migkg.loaders.readers.docx:DocxReader",
    "pdf": "migkg.loaders.readers.pdf:PdfReader",
    "eml": "migkg.loaders.readers.eml:EmlReader",
}

_SUFFIXES: dict[str, str] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",
    ".eml": "eml",
}

SUPPORTED_SUFFIXES = tuple(sorted(_SUFFIXES))


def names() -> list[str]:
    return sorted(_BUILTIN)


def get(name: str) -> Reader:
    """The reader registered under ``name``."""
    try:
        target = _BUILTIN[name]
    except KeyError:
        raise ReaderError(f"no reader named {name!r} (available: {', '.join(names())})") from None
    module_name, class_name = target.split(":")
    return getattr(importlib.import_module(module_name), class_name)()


def for_path(path: Path) -> Reader:
    """The reader for a file, chosen by its suffix."""
    try:
        return get(_SUFFIXES[path.suffix.lower()])
    except KeyError:
        raise ReaderError(
            f"unsupported file type {path.suffix or '(none)'!r} "
            f"(supported: {', '.join(SUPPORTED_SUFFIXES)})"
        ) from None


def read(path: Path) -> Document:
    """Read ``path`` with the reader for its suffix; raises :class:`ReaderError`."""
    return for_path(path).read(path)
