"""The one place that knows how to reach files shipped inside the package.

Data is addressed through its own subpackage (``files("migkg.ontology")``), which works
both from a wheel and from an editable install.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

from migkg.ontology.files import ontology_file, vocabulary_file, vocabulary_files

__all__ = ["ontology_file", "vocabulary_file", "vocabulary_files", "shape_files",
           "query_files", "example_files"]


def _folder(package: str) -> Traversable:
    return files(package)


def _listing(package: str, suffix: str) -> list[Traversable]:
    return sorted(
        (entry for entry in _folder(package).iterdir() if entry.name.endswith(suffix)),
        key=lambda entry: entry.name,
    )


def shape_files() -> list[Traversable]:
    return _listing("migkg.shapes", ".ttl")


def query_files() -> list[Traversable]:
    return _listing("migkg.queries", ".rq")


def example_files() -> list[Traversable]:
    return sorted(
        (e for e in _folder("migkg.examples").iterdir()
         if e.name.rsplit(".", 1)[-1] in {"md", "txt", "html", "htm", "docx", "pdf", "eml"}
         and e.name != "README.md"),
        key=lambda entry: entry.name,
    )
