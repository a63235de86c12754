"""The ontology and vocabulary files shipped inside this package.

Addressed through the package itself (``files("migkg.ontology")``), which works both from a
wheel and from an editable install.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def ontology_file() -> Traversable:
    """The OWL ontology, ``core.ttl``."""
    return files("migkg.ontology") / "core.ttl"


def vocabulary_files() -> list[Traversable]:
    """Every generated vocabulary file (``vocab/*.ttl``), sorted by name."""
    folder = files("migkg.ontology.vocab")
    return sorted((e for e in folder.iterdir() if e.name.endswith(".ttl")),
                  key=lambda entry: entry.name)


def vocabulary_file(name: str) -> Traversable:
    """The vocabulary file ``vocab/NAME.ttl``."""
    return files("migkg.ontology.vocab") / f"{name}.ttl"
