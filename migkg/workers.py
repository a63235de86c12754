"""Bounded work: each file is read in a worker process with a time and a memory budget.

A small pool of our own (not concurrent.futures) because a hung or runaway file must be
stoppable on its own: the parent gives each worker one file at a time, waits on all of
them with a deadline, kills a worker whose file takes longer than the time budget, and
starts a fresh one. Each worker caps its address space (``RLIMIT_AS``) and asks the kernel
to kill it when its parent dies (``PR_SET_PDEATHSIG``), so a killed ingest leaves no
worker behind. The work in flight is one file per worker.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import resource
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait

DEFAULT_TIMEOUT = 120.0  # seconds per file
DEFAULT_MEMORY_MB = 768  # address space a worker may add to what it starts with
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Budget:
    """Per-file limits: wall-clock seconds and megabytes of extra address space."""

    timeout: float = DEFAULT_TIMEOUT
    memory_mb: int = DEFAULT_MEMORY_MB

    @classmethod
    def from_env(cls, timeout: float | None = None, memory_mb: int | None = None) -> Budget:
        """Explicit values first, then $MIGKG_FILE_TIMEOUT / $MIGKG_WORKER_MEMORY (MB)."""
        return cls(
            timeout=timeout if timeout else _env_number("MIGKG_FILE_TIMEOUT", DEFAULT_TIMEOUT),
            memory_mb=memory_mb if memory_mb else int(
                _env_number("MIGKG_WORKER_MEMORY", DEFAULT_MEMORY_MB)),
        )


def _env_number(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value > 0 else default


def timeout_message(budget: Budget) -> str:
    return (f"took longer than {budget.timeout:g} s "
            "(limit: --file-timeout / MIGKG_FILE_TIMEOUT)")


def memory_message(budget: Budget) -> str:
    return (f"needed more memory than the {budget.memory_mb} MB a file may use "
            "(limit: --worker-memory / MIGKG_WORKER_MEMORY)")


def die_with_parent(parent: int) -> None:
    """In a child process: ask the kernel to kill us when ``parent`` dies (Linux), and
    exit at once if it already has."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _limit_memory(memory_mb: int) -> None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            size_kb = next(int(line.split()[1]) for line in status if line.startswith("VmSize"))
    except (OSError, StopIteration, ValueError):
        size_kb = 0
    limit = size_kb * 1024 + memory_mb * 1024 * 1024
    with contextlib.suppress(ValueError, OSError):
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _serve(conn: Connection, parent: int, memory_mb: int, work: Callable) -> None:
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides about Ctrl-C
    from . import network_guard

    network_guard.install(False)  # reading a document never needs the network
    _limit_memory(memory_mb)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            os._exit(0)
        if job is None:
            os._exit(0)
        try:
            result = ("ok", work(job))
        except MemoryError:
            result = ("memory", None)
        except BaseException as exc:  # noqa: BLE001 - reported by the parent, per file
            result = ("error", f"{type(exc).__name__}: {exc}")
        try:
            conn.send(result)
        except MemoryError:
            conn.send(("memory", None))


class _Worker:
    def __init__(self, context, budget: Budget, work: Callable) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_serve, args=(child, os.getpid(), budget.memory_mb, work), daemon=True)
        self.process.start()
        child.close()
        self.job: object = None
        self.started = 0.0

    def give(self, job: object) -> None:
        self.job, self.started = job, time.monotonic()
        self.conn.send(job)

    def stop(self, *, kill: bool = False) -> None:
        with contextlib.suppress(OSError, ValueError):
            if kill:
                self.process.kill()
            else:
                self.conn.send(None)
        self.process.join(timeout=None if kill else 5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


@dataclass
class Failure:
    """A job that did not finish: ``reason`` is the one-line cause."""

    job: object
    reason: str


def run(
    jobs: Iterable[object], work: Callable, *, workers: int, budget: Budget
) -> Iterator[tuple[object, object]]:
    """Yield ``(job, result)`` for every job, in completion order.

    ``result`` is what ``work(job)`` returned in a worker process, or a :class:`Failure`
    when the job raised, ran out of time (the worker is killed and replaced) or memory,
    or its worker died. ``work`` must be a module-level function (it is forked, not
    pickled); jobs and results cross a pipe, so they must pickle.
    """
    context = multiprocessing.get_context("fork")
    pending = iter(jobs)
    pool: list[_Worker] = []
    try:
        for _ in range(max(1, workers)):
            job = next(pending, None)
            if job is None:
                break
            worker = _Worker(context, budget, work)
            worker.give(job)
            pool.append(worker)
        while pool:
            now = time.monotonic()
            deadline = min(w.started for w in pool) + budget.timeout
            ready = wait([w.conn for w in pool], timeout=max(0.0, deadline - now))
            finished: list[tuple[_Worker, object]] = []
            for worker in list(pool):
                if worker.conn in ready:
                    try:
                        kind, value = worker.conn.recv()
                    except (EOFError, OSError):
                        worker.process.join(timeout=5)
                        code = worker.process.exitcode
                        reason = (memory_message(budget) if code == -signal.SIGKILL
                                  else f"the worker reading it died (signal {-code})"
                                  if code is not None and code < 0
                                  else f"the worker reading it died (exit status {code})")
                        finished.append((worker, Failure(worker.job, reason)))
                        continue
                    if kind == "ok":
                        finished.append((worker, value))
                    else:
                        reason = memory_message(budget) if kind == "memory" else value
                        finished.append((worker, Failure(worker.job, reason)))
                elif time.monotonic() - worker.started >= budget.timeout:
                    finished.append((worker, Failure(worker.job, timeout_message(budget))))
            for worker, outcome in finished:
                yield worker.job, outcome
                failed_hard = isinstance(outcome, Failure) and not worker.process.is_alive() \
                    or (isinstance(outcome, Failure) and outcome.reason ==
                        timeout_message(budget))
                job = next(pending, None)
                if failed_hard:
                    worker.stop(kill=True)
                    pool.remove(worker)
                    if job is not None:
                        worker = _Worker(context, budget, work)
                        pool.append(worker)
                if job is None:
                    if worker in pool:
                        worker.stop()
                        pool.remove(worker)
                else:
                    worker.give(job)
    finally:
        for worker in pool:
            worker.stop(kill=True)
