"""Batch ingest: load many report files (in parallel) and replace their graphs in the store.

A file that fails costs one error line and nothing else: its graph in the store, if any,
stays as it was, and the other files still load.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from migkg.loaders.pipeline import LoadedReport, LoadError, load_file
from migkg.loaders.readers import SUPPORTED_SUFFIXES

from .store import Store

_BATCH = 32  # reports written per store update
_PARALLEL_FROM = 8  # below this many files a process pool costs more than it saves
_IN_FLIGHT = 16  # files handed to the workers and not yet written


@dataclass
class IngestResult:
    loaded: list[LoadedReport] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)


def collect(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Expand folders into the report files they hold; report paths that don't exist."""
    files: list[Path] = []
    missing: list[tuple[str, str]] = []
    for path in paths:
        if path.is_dir():
            files += sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not p.name.startswith((".", "~$"))
                # A folder's README describes the folder; name it explicitly to load it.
                and p.stem.upper() != "README"
            )
        elif path.is_file():
            files.append(path)
        else:
            missing.append((str(path), "no such file or folder"))
    return files, missing


def _load(args: tuple[Path, str | None, str | None, bool]) -> LoadedReport | tuple[str, str]:
    path, event, when, strict = args
    try:
        return load_file(path, event=event, date=when, strict=strict)
    except LoadError as exc:
        return (str(path), str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop the batch
        return (str(path), f"unexpected loader failure ({type(exc).__name__}: {exc})")


def _results(
    files: list[Path], event: str | None, when: str | None, workers: int, strict: bool
) -> Iterator[LoadedReport | tuple[str, str]]:
    jobs = iter([(path, event, when, strict) for path in files])
    if workers <= 1 or len(files) < _PARALLEL_FROM:
        yield from map(_load, jobs)
        return
    # A bounded number of files in flight: the store writes in this process are slower
    # than the workers, and finished reports waiting to be written would pile up in memory.
    with ProcessPoolExecutor(max_workers=workers) as pool:
        running = {pool.submit(_load, job) for job in itertools.islice(jobs, _IN_FLIGHT)}
        while running:
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
            running |= {pool.submit(_load, job) for job in itertools.islice(jobs, len(done))}


def ingest(
    store: Store,
    paths: Iterable[Path],
    *,
    event: str | None = None,
    when: str | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    strict: bool = False,
) -> IngestResult:
    """Load ``paths`` into ``store``; with ``strict`` a file read with warnings fails."""
    files, missing = collect(paths)
    result = IngestResult(errors=list(missing))
    store.ensure_vocabularies()
    workers = workers or os.cpu_count() or 1
    pending: dict[str, str] = {}
    shared: dict[str, str] = {}
    for done, outcome in enumerate(_results(files, event, when, workers, strict), start=1):
        if isinstance(outcome, LoadedReport):
            pending[outcome.iri] = outcome.ntriples
            for graph, ntriples in outcome.shared.items():
                shared[graph] = shared.get(graph, "") + ntriples
            # The triples live in the store from here on; keeping them would grow memory
            # with the batch.
            outcome.ntriples, outcome.shared = "", {}
            result.loaded.append(outcome)
            if len(pending) >= _BATCH:
                store.replace_graphs(pending, shared)
                store.checkpoint()
                pending, shared = {}, {}
        else:
            result.errors.append(outcome)
        if progress:
            progress(done, len(files))
    if pending:
        store.replace_graphs(pending, shared)
    if len(result.loaded) > _BATCH:
        # Per-batch flushes leave many small files behind; merging them speeds up queries.
        store.compact()
    # Workers finish in any order; report in the order the files were given.
    order = {str(path): index for index, path in enumerate(files)}
    result.loaded.sort(key=lambda loaded: order.get(loaded.path, -1))
    result.errors.sort(key=lambda error: order.get(error[0], -1))
    return result
