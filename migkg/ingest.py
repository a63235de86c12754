"""Batch ingest: load many report files (in worker processes) and replace their graphs.

A file that fails costs one error line and nothing else: its graph in the store, if any,
stays as it was, and the other files still load. Every file is read within a time and
memory budget (:mod:`migkg.workers`). Which report a file is follows the identity rule of
:mod:`migkg.identity`; two files that would become one report are an error for the
second, never a silent replacement.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from migkg.loaders.pipeline import LoadedReport, LoadError, load_file
from migkg.loaders.readers import SUPPORTED_SUFFIXES
from migkg.ontology.namespaces import MKG, SCHEMA

from . import validation_store
from . import workers as pool
from .identity import relative_name, report_key
from .review import view as review_view
from .review.view import Stale
from .store import Store

_BATCH = 32  # reports written per store update
_DEFAULT_WORKERS = 4  # enough to keep the store writes busy; each worker holds one file
# The loader takes the identity key once it supports the identity rule (see identity.py).


@dataclass(frozen=True)
class Source:
    """One file to load: where it is and the identity key its report IRI is minted from."""

    path: Path
    relative: str
    key: str


@dataclass
class IngestResult:
    loaded: list[LoadedReport] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (file, text)
    # Review decisions (migkg review) whose item is gone or whose text changed.
    stale_reviews: list[Stale] = field(default_factory=list)


def sources(paths: Iterable[Path]) -> tuple[list[Source], list[tuple[str, str]],
                                           list[tuple[str, str]]]:
    """Expand folders into the report files they hold, each with its identity.

    Gives (sources, missing, warnings): paths that don't exist are ``missing``; a
    symbolic link inside a folder that leads outside it is not followed (a warning).
    """
    found: list[Source] = []
    missing: list[tuple[str, str]] = []
    warnings: list[tuple[str, str]] = []
    for path in paths:
        if path.is_dir():
            root = path.resolve()
            for entry in sorted(path.rglob("*")):
                if not (entry.is_file() and entry.suffix.lower() in SUPPORTED_SUFFIXES
                        and not entry.name.startswith((".", "~$"))
                        # A folder's README describes the folder; name it to load it.
                        and entry.stem.upper() != "README"):
                    continue
                if not entry.resolve().is_relative_to(root):
                    warnings.append((str(entry), f"links to a file outside {path}; "
                                     "not followed (give the target itself to load it)"))
                    continue
                relative = relative_name(entry, path)
                found.append(Source(entry, relative, report_key(relative)))
        elif path.is_file():
            relative = relative_name(path, None)
            found.append(Source(path, relative, report_key(relative)))
        else:
            missing.append((str(path), "no such file or folder"))
    return found, missing, warnings


def collect(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Expand folders into the report files they hold; report paths that don't exist."""
    found, missing, _warnings = sources(paths)
    return [s.path for s in found], missing


@dataclass
class _Read:
    """What a worker hands back for one file."""

    report: LoadedReport | None = None
    error: str | None = None


def _digest(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _load(job: tuple[Source, str | None, str | None, bool]) -> _Read:
    source, event, when, strict = job
    try:
        return _Read(report=load_file(source.path, event=event, date=when, strict=strict,
                                      identity=source.key))
    except LoadError as exc:
        return _Read(error=str(exc))
    except MemoryError:
        raise  # the worker reports it against the memory budget
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop the batch
        return _Read(error=f"unexpected loader failure ({type(exc).__name__}: {exc})")


def ingest(
    store: Store,
    paths: Iterable[Path],
    *,
    event: str | None = None,
    when: str | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    budget: pool.Budget | None = None,
    strict: bool = False,
) -> IngestResult:
    """Load report files and folders into ``store``; gives what loaded, failed and warned.

    With ``strict`` a file read with a heading the loader could not place, or with text
    outside every section, fails instead of loading with a warning.

    Reports are written in batches, each batch one atomic update (see
    :meth:`Store.replace_graphs`), so a crash leaves every report absent or complete.
    """
    found, missing, warnings = sources(paths)
    result = IngestResult(errors=list(missing), warnings=list(warnings))
    store.ensure_vocabularies()
    budget = budget or pool.Budget.from_env()
    workers = max(1, min(workers or min(os.cpu_count() or 1, _DEFAULT_WORKERS),
                         len(found) or 1))
    claimed: dict[str, str] = {}  # report IRI -> file that made it in this run
    # Decided in the order the files were given, before any is read, so which of two
    # clashing files wins never depends on which worker finishes first.
    to_read: list[Source] = []
    for source in found:
        iri = expected_iri(source)
        if iri in claimed:
            result.errors.append((str(source.path), f"would become the same report as "
                                  f"{claimed[iri]} ({iri}); rename one of them"))
        else:
            claimed[iri] = str(source.path)
            to_read.append(source)
    digests = _same_content(to_read, result)
    pending: dict[str, str] = {}
    shared: dict[str, str] = {}
    jobs = ((source, event, when, strict) for source in to_read)
    for done, (job, outcome) in enumerate(pool.run(jobs, _load, workers=workers,
                                                   budget=budget), start=1):
        source = job[0]
        name = str(source.path)
        if isinstance(outcome, pool.Failure):
            result.errors.append((name, outcome.reason))
        elif outcome.report is None:
            result.errors.append((name, outcome.error or "not loaded"))
        else:
            report = outcome.report
            clash = claimed.get(report.iri) if claimed.get(report.iri) != name else None
            clash = clash or _stored_other_source(store, report.iri, source.path.name)
            if clash:
                result.errors.append((name, f"would become the same report as {clash} "
                                      f"({report.iri}); rename one of them"))
            else:
                claimed[report.iri] = name
                _stored_same_content(store, digests.get(name), report.iri, name, result)
                pending[report.iri] = report.ntriples
                for graph, ntriples in report.shared.items():
                    shared[graph] = shared.get(graph, "") + ntriples
                # The triples live in the store from here on; keeping them would grow
                # memory with the batch.
                report.ntriples, report.shared = "", {}
                result.loaded.append(report)
                result.warnings += [(name, text) for text in report.warnings]
                if len(pending) >= _BATCH:
                    store.replace_graphs(_with_results_dropped(store, pending, shared),
                                         shared)
                    store.checkpoint()
                    pending, shared = {}, {}
        if progress:
            progress(done, len(to_read))
    if pending:
        store.replace_graphs(_with_results_dropped(store, pending, shared), shared)
    if result.loaded:
        # Decisions on items that still exist with the same text keep applying; the
        # others stay recorded, leave the reviewed view and are listed.
        result.stale_reviews = review_view.refresh(store, [r.iri for r in result.loaded])
    store.checkpoint()  # durable before the command says 'loaded'
    if len(result.loaded) > _BATCH:
        # Per-batch flushes leave many small files behind; merging them speeds up queries.
        store.compact()
    # Workers finish in any order; report in the order the files were given.
    order = {str(s.path): index for index, s in enumerate(found)}
    result.loaded.sort(key=lambda loaded: order.get(loaded.path, -1))
    result.errors.sort(key=lambda error: order.get(error[0], -1))
    result.warnings.sort(key=lambda warning: order.get(warning[0], -1))
    return result


def _with_results_dropped(store: Store, pending: dict[str, str], shared: dict[str, str]
                          ) -> dict[str, str]:
    """``pending`` and, as empty graphs (dropped in the same update), the kept validation
    results that writing it makes stale (see ``validation_store.stale_results``)."""
    stale = validation_store.stale_results(store, pending, shared)
    return {**pending, **dict.fromkeys(stale, "")}


def _stored_other_source(store: Store, iri: str, base_name: str) -> str | None:
    """The source name of a stored report with this IRI made from another file, if any.

    The same relative path re-ingested is a replacement; a report whose source has
    another base name (``Report.md`` where ``report.md`` is stored) is another document.
    """
    found = store.select(
        f"SELECT ?name WHERE {{ GRAPH <{iri}> {{ <{iri}/source> <{SCHEMA.name}> ?name }} }}")
    names = sorted({row[0] for row in found.rows if row[0]})
    if names and base_name not in names:
        return f"{names[0]} (already in the store)"
    return None


def expected_iri(source: Source) -> str:
    """The report IRI the loader will mint for ``source`` (see :mod:`migkg.identity`)."""
    from migkg.ontology.iris import report_iri

    return report_iri(source.key)


def _same_content(found: list[Source], result: IngestResult) -> dict[str, str]:
    """Hash every file (in the given order); warn for bytes equal to an earlier file's.

    Rule: a file with the same bytes as another is still a document of its own and
    loads as its own report; the warning says so. Gives file -> SHA-256.
    """
    digests: dict[str, str] = {}
    first: dict[str, str] = {}
    for source in found:
        digest = _digest(source.path)
        if digest is None:
            continue
        name = str(source.path)
        digests[name] = digest
        other = first.setdefault(digest, name)
        if other != name:
            result.warnings.append((name, f"same content as {other}; loaded as its own "
                                    "report"))
    return digests


def _stored_same_content(store: Store, digest: str | None, iri: str, name: str,
                         result: IngestResult) -> None:
    """Warn when a stored report (another one) came from the same bytes."""
    if not digest:
        return
    found = store.select(
        f'SELECT ?g ?name WHERE {{ GRAPH ?g {{ ?s <{MKG.sha256}> "{digest}" . '
        f'OPTIONAL {{ ?s <{SCHEMA.name}> ?name }} }} }} ORDER BY ?g')
    for graph, stored_name in found.rows:
        if graph != iri:
            result.warnings.append((name, f"same content as {stored_name or graph} (already "
                                    "in the store); loaded as its own report"))
            return
