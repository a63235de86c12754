"""Store integrity: history-free content, crash safety, atomic exports, one writer, faults."""

from __future__ import annotations

import contextlib
import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from test_cli import REPORT

from helpers import rows, run
from migkg.loaders.pipeline import load_file
from migkg.store import REPORT_PREFIX, StoreError, open_store

EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}


def _variant(index: int, version: int) -> str:
    """Report text for file ``index`` at ``version``: versions change the rapporteur and
    the session, so old person and session graphs must go when a file is re-ingested."""
    session = ["4.2", "4.3", "4.2"][index]  # files 0 and 2 share a session
    text = REPORT.replace("4.2", session if version == 0 else f"9.{index}")
    person = "Test Person" if version == 0 else f"Other Person {index}"
    text = text.replace("Rapporteur: Test Person", f"Rapporteur: {person}")
    if version:
        text = text.replace("- Fees are high.\n", "")
    return text


@pytest.fixture(scope="module")
def variants(tmp_path_factory):
    """Loaded reports for three files in two versions each: (file, version) -> report."""
    folder = tmp_path_factory.mktemp("variants")
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ.update(EPOCH)
    try:
        loaded = {}
        for index in range(3):
            for version in range(2):
                sub = folder / f"v{version}"
                sub.mkdir(exist_ok=True)
                path = sub / f"r{index}.md"
                path.write_text(_variant(index, version), encoding="utf-8")
                loaded[index, version] = load_file(path)
        # The graph as the store keeps it (it writes some literals in canonical form).
        canonical = open_store(str(folder / "canonical"))
        try:
            for report in loaded.values():
                canonical.replace_graphs({report.iri: report.ntriples})
                report.canonical = sorted(canonical.graph_ntriples(report.iri).splitlines())
        finally:
            canonical.close()
        return loaded
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH")
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def _write(store, reports) -> None:
    store.replace_graphs({r.iri: r.ntriples for r in reports},
                         _merge_shared(reports))


def _merge_shared(reports) -> dict[str, str]:
    shared: dict[str, str] = {}
    for report in reports:
        for graph, text in report.shared.items():
            shared[graph] = shared.get(graph, "") + text
    return shared


def _fresh_dump(reports, folder: Path) -> str:
    store = open_store(str(folder))
    try:
        store.ensure_vocabularies()
        if reports:
            _write(store, reports)
        return store.dump_nquads()
    finally:
        store.close()


class History(RuleBasedStateMachine):
    """Ingest, re-ingest another version and delete, in any order, against a model: the
    store must hold exactly what a fresh store built from the current files holds."""

    loaded: dict = {}

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="migkg-history-"))
        self.store = open_store(str(self.folder / "store"))
        self.store.ensure_vocabularies()
        self.model: dict[int, int] = {}  # file -> version in the store

    @rule(index=st.integers(0, 2), version=st.integers(0, 1))
    def ingest(self, index, version):
        _write(self.store, [self.loaded[index, version]])
        self.model[index] = version

    @rule(indexes=st.lists(st.integers(0, 2), min_size=2, max_size=3, unique=True),
          version=st.integers(0, 1))
    def ingest_batch(self, indexes, version):
        _write(self.store, [self.loaded[i, version] for i in indexes])
        self.model.update(dict.fromkeys(indexes, version))

    @rule(index=st.integers(0, 2))
    def delete(self, index):
        if index in self.model:
            self.store.drop_graphs([self.loaded[index, self.model.pop(index)].iri])

    @invariant()
    def report_graphs_match_the_model(self):
        expected = sorted(self.loaded[i, v].iri for i, v in self.model.items())
        assert self.store.report_graphs() == expected
        for index, version in self.model.items():
            report = self.loaded[index, version]
            assert sorted(self.store.graph_ntriples(report.iri).splitlines()) == \
                report.canonical

    @invariant()
    def shared_graphs_are_exactly_those_reached(self):
        wanted = set()
        for index, version in self.model.items():
            wanted |= set(self.loaded[index, version].shared)
        assert set(self.store.entity_graphs()) == wanted

    def teardown(self):
        reports = [self.loaded[i, v] for i, v in sorted(self.model.items())]
        dump = self.store.dump_nquads()
        self.store.close()
        try:
            # No duplicates, no leftovers: the same bytes as a store that never had a past.
            assert dump == _fresh_dump(reports, self.folder / "fresh")
            assert len(dump.splitlines()) == len(set(dump.splitlines()))
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def test_store_content_never_depends_on_history(variants):
    History.loaded = variants
    runner = History.TestCase
    runner.settings = settings(max_examples=10, stateful_step_count=6, deadline=None,
                               suppress_health_check=list(HealthCheck))
    runner().runTest()


@pytest.mark.heavy
def test_store_content_never_depends_on_history_long(variants):
    History.loaded = variants
    runner = History.TestCase
    runner.settings = settings(max_examples=60, stateful_step_count=10, deadline=None,
                               suppress_health_check=list(HealthCheck))
    runner().runTest()


def test_reingest_of_an_edited_file_leaves_nothing_of_the_old_version(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    path = tmp_path / "in" / "r0.md"
    path.parent.mkdir()
    path.write_text(_variant(0, 0), encoding="utf-8")
    history = tmp_path / "history"
    assert run("ingest", path, store=history).exit_code == 0
    path.write_text(_variant(0, 1), encoding="utf-8")
    assert run("ingest", path, store=history).exit_code == 0
    fresh = tmp_path / "fresh"
    assert run("ingest", path, store=fresh).exit_code == 0
    for fmt in ("nquads", "trig"):
        assert run("export", "-f", fmt, store=history).stdout == \
            run("export", "-f", fmt, store=fresh).stdout


# --- crashes -------------------------------------------------------------------------------

def _corpus(folder: Path, count: int) -> Path:
    folder.mkdir()
    for index in range(count):
        text = REPORT.replace("4.2", f"{index // 3 + 1}.{index % 3 + 1}").replace(
            "Test Person", f"Person {index % 4}")
        (folder / f"report{index:02d}.md").write_text(text, encoding="utf-8")
    return folder


def _migkg(*args, env=None, **kwargs):
    return subprocess.Popen([sys.executable, "-P", "-m", "migkg", *map(str, args)],
                            env={**os.environ, **EPOCH, **(env or {})},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)


def _graphs(location: Path) -> dict[str, str]:
    try:
        store = open_store(str(location), read_only=True)
    except StoreError as exc:
        if "no store here yet" in str(exc):
            return {}  # killed before the store was created: nothing was written
        # Killed while creating the store: readers say so; the next writer completes it.
        assert "store is incomplete" in str(exc)
        open_store(str(location)).close()
        store = open_store(str(location), read_only=True)
    try:
        return {g: store.graph_ntriples(g) for g in store.named_graphs()}
    finally:
        store.close()


def _kill_rounds(tmp_path: Path, rounds: int, files: int) -> None:
    corpus = _corpus(tmp_path / "corpus", files)
    reference = tmp_path / "reference"
    assert _migkg("ingest", corpus, "--store", reference).wait(timeout=300) == 0
    expected = _graphs(reference)
    store = tmp_path / "store"
    rng = random.Random(8)
    started = time.monotonic()
    clean = _migkg("ingest", corpus, "--store", reference)
    clean.wait(timeout=300)
    full_run = time.monotonic() - started
    for _round in range(rounds):
        process = _migkg("ingest", corpus, "--store", store)
        time.sleep(rng.uniform(0.05, max(0.2, full_run * 1.1)))
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGKILL)
        process.wait()
        found = _graphs(store)  # the store opens after every kill
        for graph, text in found.items():
            if graph.startswith(REPORT_PREFIX):
                assert text == expected[graph], f"partial report graph {graph}"
    assert _migkg("ingest", corpus, "--store", store).wait(timeout=300) == 0
    assert _graphs(store) == expected  # and nothing doubled or left over


def test_sigkill_during_ingest_leaves_every_report_absent_or_complete(tmp_path):
    _kill_rounds(tmp_path, rounds=5, files=10)


@pytest.mark.heavy
def test_sigkill_during_ingest_many_times(tmp_path):
    _kill_rounds(tmp_path, rounds=20, files=40)


# --- exports -------------------------------------------------------------------------------

@pytest.fixture
def small_store(tmp_path):
    path = tmp_path / "r.md"
    path.write_text(REPORT, encoding="utf-8")
    location = tmp_path / "store"
    assert run("ingest", path, store=location).exit_code == 0
    return location


def test_export_replaces_the_target_only_when_complete(small_store, tmp_path, monkeypatch):
    target = tmp_path / "out.trig"
    target.write_text("old export", encoding="utf-8")

    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = run("export", "-o", target, store=small_store)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"error: {target}: cannot write the export (disk full (no space left on device)); "
        "any earlier file there is unchanged"]
    assert target.read_text(encoding="utf-8") == "old export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.trig", "r.md", "store"]
    monkeypatch.undo()
    assert run("export", "-o", target, store=small_store).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("@prefix")


def test_killed_exports_leave_the_old_file_or_the_new_one(small_store, tmp_path):
    target = tmp_path / "out.nq"
    assert run("export", "-f", "nquads", "-o", target, store=small_store).exit_code == 0
    complete = target.read_bytes()
    rng = random.Random(3)
    for _ in range(3):
        process = _migkg("export", "-f", "nquads", "-o", target, "--store", small_store)
        time.sleep(rng.uniform(0.05, 1.0))
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGKILL)
        process.wait()
        assert target.read_bytes() == complete


# --- concurrency ---------------------------------------------------------------------------

HOLD = """
import sys, time
from migkg.store import open_store
store = open_store(sys.argv[1])
print("held", flush=True)
time.sleep(30)
"""


def test_a_second_writer_and_a_reader_are_told_the_store_is_busy(small_store, tmp_path):
    holder = subprocess.Popen([sys.executable, "-P", "-c", HOLD, str(small_store)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        env = {"MIGKG_STORE_WAIT": "0.3"}
        writer = _migkg("ingest", tmp_path / "r.md", "--store", small_store, env=env)
        reader = _migkg("query", "reports", "--store", small_store, env=env)
        for process in (writer, reader):
            assert process.wait(timeout=60) == 1
            message = process.stderr.read().decode()
            assert message.count("\n") == 1 and "store is busy" in message
    finally:
        holder.kill()
        holder.wait()
    assert len(rows(run("query", "reports", "-f", "csv", store=small_store))) == 1


def test_a_waiting_writer_goes_on_when_the_first_one_ends(small_store, tmp_path):
    holder = subprocess.Popen([sys.executable, "-P", "-c", HOLD.replace("30", "1"),
                               str(small_store)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    writer = _migkg("ingest", tmp_path / "r.md", "--store", small_store,
                    env={"MIGKG_STORE_WAIT": "20"})
    assert writer.wait(timeout=60) == 0
    holder.wait()


# --- faults --------------------------------------------------------------------------------

def _one_line(process) -> str:
    message = process.stderr.read().decode()
    assert message.count("\n") == 1 and "Traceback" not in message, message
    return message


def test_a_corrupted_store_is_one_line(small_store):
    (small_store / "CURRENT").write_text("garbage\n", encoding="utf-8")
    for args in (("query", "reports"), ("export",), ("ingest", small_store.parent / "r.md")):
        process = _migkg(*args, "--store", small_store)
        assert process.wait(timeout=60) == 1
        assert "store is damaged" in _one_line(process)


def _mount_tmpfs(folder: Path, size: str) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True)
    return done.returncode == 0


@pytest.fixture
def tiny_disk(tmp_path):
    folder = tmp_path / "disk"
    if not _mount_tmpfs(folder, "400k"):
        pytest.skip("needs root to mount a small tmpfs")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_disk_is_one_line_and_the_store_reopens(tiny_disk, tmp_path):
    corpus = _corpus(tmp_path / "corpus", 12)
    process = _migkg("ingest", corpus, "--store", tiny_disk / "store")
    assert process.wait(timeout=120) == 1
    assert "disk full" in _one_line(process) or "no space" in _one_line(process).lower()


def test_a_full_stdout_is_one_line(small_store):
    with open("/dev/full", "wb") as full:
        process = subprocess.run([sys.executable, "-P", "-m", "migkg", "export", "--store",
                                  str(small_store)], stdout=full, stderr=subprocess.PIPE,
                                 timeout=60)
    assert process.returncode == 1
    message = process.stderr.decode()
    assert message.count("\n") == 1 and "no space left" in message and "Traceback" not in message


def test_a_closed_stdout_is_quiet(small_store):
    # `migkg export | head -c 10`: the reader goes away; no traceback, a non-zero exit.
    process = subprocess.Popen([sys.executable, "-P", "-m", "migkg", "export", "--store",
                                str(small_store)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    process.stdout.read(10)
    process.stdout.close()
    process.wait(timeout=60)
    assert "Traceback" not in process.stderr.read().decode()
    assert process.returncode in (0, 1, 141)


def test_a_read_only_store_is_one_line(tmp_path):
    folder = tmp_path / "ro"
    if not _mount_tmpfs(folder, "20m"):
        pytest.skip("needs root to mount a tmpfs")
    try:
        (tmp_path / "r.md").write_text(REPORT, encoding="utf-8")
        assert run("ingest", tmp_path / "r.md", store=folder / "store").exit_code == 0
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        process = _migkg("ingest", tmp_path / "r.md", "--store", folder / "store")
        assert process.wait(timeout=60) == 1
        _one_line(process)
        reader = subprocess.run([sys.executable, "-P", "-m", "migkg", "query", "reports",
                                 "-f", "csv", "--store", str(folder / "store")],
                                capture_output=True, text=True, timeout=60)
        assert reader.returncode == 0, reader.stderr
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_store_errors_carry_one_line(tmp_path):
    with pytest.raises(StoreError) as caught:
        open_store(str(tmp_path / "nothing"), read_only=True)
    assert "\n" not in str(caught.value)
