"""Deterministic exports of the store.

Everything starts from the sorted N-Quads dump and is written by pyoxigraph's streaming
serialisers in that order, so the bytes depend only on the store's content. Turtle merges
all graphs into one (it has no graphs); TriG, N-Quads and JSON-LD keep them.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import pyoxigraph as ox

from migkg.ontology.namespaces import PREFIXES

from .review.view import reviewed_nquads
from .store import Store

FORMATS = ("turtle", "trig", "nquads", "jsonld")
_OX_FORMAT = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG,
              "jsonld": ox.RdfFormat.JSON_LD}


def export(store: Store, fmt: str, *, reviewed: bool = True) -> bytes:
    """The store as ``fmt``; ``reviewed`` (the default) gives the reviewed view, with the
    decisions of ``migkg review`` carried out (see :mod:`migkg.review.view`), False the
    triples as the loader wrote them (and the review graphs as they are)."""
    nquads = store.dump_nquads()
    if reviewed:
        nquads = reviewed_nquads(nquads)
    if fmt == "nquads":
        return nquads.encode()
    quads = list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    prefixes = {prefix: str(namespace) for prefix, namespace in sorted(PREFIXES.items())}
    if fmt == "turtle":
        triples = sorted({q.triple for q in quads}, key=str)
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    # Group by graph so that TriG writes each graph block once.
    quads.sort(key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate),
                              str(q.object)))
    if fmt == "trig":
        return ox.serialize(quads, format=_OX_FORMAT[fmt], prefixes=prefixes)
    return ox.serialize(quads, format=_OX_FORMAT[fmt])


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` so that it is either the old file or the new one.

    The bytes go to a temporary file in the target's folder, are flushed to disk, and
    the file is renamed over the target; a kill or a full disk leaves the old file (and
    no temporary file) behind. Raises OSError when the write fails.
    """
    folder = target.parent if str(target.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                         dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            # mkstemp makes the file private; an export keeps the old file's permissions.
            with contextlib.suppress(OSError):
                os.chmod(temporary, target.stat().st_mode & 0o777)
        else:
            with contextlib.suppress(OSError):
                mask = os.umask(0)
                os.umask(mask)
                os.chmod(temporary, 0o666 & ~mask)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
