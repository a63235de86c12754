"""Bounded work: a per-file time and memory budget, and workers that die with their parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_cli import REPORT

from helpers import rows, run
from migkg import ingest as ingest_module
from migkg.loaders.pipeline import load_file


def _hostile_loader(path, **options):
    """The real loader, except for files whose names ask to hang or to eat memory."""
    if "slow" in path.name:
        time.sleep(60)
    if "hungry" in path.name:
        hoard = [bytearray(64 * 2**20) for _ in range(64)]  # 4 GB, far over the budget
        return hoard
    return load_file(path, **options)


def _files(tmp_path, *names):
    paths = []
    for index, name in enumerate(names):
        path = tmp_path / name
        path.write_text(REPORT.replace("4.2", f"4.{index + 2}"), encoding="utf-8")
        paths.append(path)
    return paths


def test_a_file_over_its_time_budget_is_stopped_and_named(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_module, "load_file", _hostile_loader)
    good, slow, other = _files(tmp_path, "good.md", "slow.md", "other.md")
    started = time.monotonic()
    result = run("ingest", good, slow, other, "--file-timeout", "1.5",
                 store=tmp_path / "store")
    assert time.monotonic() - started < 30
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"error: {slow}: took longer than 1.5 s (limit: --file-timeout / MIGKG_FILE_TIMEOUT)"]
    assert len(rows(run("query", "reports", "-f", "csv", store=tmp_path / "store"))) == 2


def test_a_file_over_its_memory_budget_is_stopped_and_named(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_module, "load_file", _hostile_loader)
    good, hungry = _files(tmp_path, "good.md", "hungry.md")
    result = run("ingest", good, hungry, "--worker-memory", "256", store=tmp_path / "store")
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"error: {hungry}: needed more memory than the 256 MB")
    assert len(rows(run("query", "reports", "-f", "csv", store=tmp_path / "store"))) == 1


def test_the_environment_sets_the_budget(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_module, "load_file", _hostile_loader)
    monkeypatch.setenv("MIGKG_FILE_TIMEOUT", "1")
    (slow,) = _files(tmp_path, "slow.md")
    result = run("ingest", slow, store=tmp_path / "store")
    assert "took longer than 1 s" in result.stderr


KILLED_INGEST = """
import sys, time
from migkg import cli, ingest
def hang(path, **options):
    time.sleep(600)
ingest.load_file = hang
sys.argv = ["migkg", "ingest", *sys.argv[1:]]
cli.main()
"""


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc")
def test_workers_die_with_a_killed_ingest(tmp_path):
    files = _files(tmp_path, "a.md", "b.md", "c.md")
    parent = subprocess.Popen([sys.executable, "-P", "-c", KILLED_INGEST, *map(str, files),
                               "--store", str(tmp_path / "store")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not workers:
        time.sleep(0.2)
        workers = _children(parent.pid)
    assert workers, "the ingest started no worker"
    time.sleep(0.5)  # the other workers start right after the first
    workers = _children(parent.pid)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)
