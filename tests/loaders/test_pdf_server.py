"""The PDF parser server: one process per reader process, a fresh fork per file, the same
answers as a one-shot child, and every failure of its own one error line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from migkg.loaders.readers import ReaderError, pdf_server
from migkg.loaders.readers import pdf as pdf_reader
from migkg.loaders.readers.pdf import Limits, PdfReader

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the server needs fork")

DATA = Path(__file__).resolve().parents[1] / "data" / "pdf"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still answers kill(0); it has ended all the same.
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(") ", 1)[1][0] != "Z"
    except OSError:
        return True


def wait_gone(pid: int, seconds: float = 5.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if not alive(pid):
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def server() -> pdf_server.ParserServer:
    own = pdf_server.ParserServer()
    yield own
    own.close()


def test_answers_equal_a_one_shot_child(monkeypatch: pytest.MonkeyPatch) -> None:
    limits = Limits.resolve(None, None, None)
    files = sorted(EXAMPLES.glob("*.pdf")) + sorted(DATA.glob("*.pdf"))
    assert len(files) >= 4
    for path in files:
        answers = []
        for serve in (True, False):
            monkeypatch.setattr(pdf_reader, "SERVE", serve)
            try:
                answers.append(pdf_reader.parse_pdf(path.read_bytes(), limits))
            except ReaderError as exc:
                answers.append(str(exc))
        assert answers[0] == answers[1], path.name


def test_one_server_serves_many_files(server: pdf_server.ParserServer) -> None:
    data = (DATA / "template_report.pdf").read_bytes()
    pids = set()
    for _ in range(3):
        code, out, _ = server.parse(data, memory_mb=1024, cpu_seconds=20, wall_seconds=25,
                                    max_pages=50, timeout=20)
        assert code == 0 and out.startswith(b'{"ok":true')
        pids.add(server.pid)
    assert len(pids) == 1 and None not in pids


def test_a_hostile_file_costs_only_its_fork(server: pdf_server.ParserServer) -> None:
    bomb = (DATA / "bomb.pdf").read_bytes()
    good = (DATA / "template_report.pdf").read_bytes()
    code, out, _ = server.parse(bomb, memory_mb=256, cpu_seconds=10, wall_seconds=15,
                                max_pages=50, timeout=10)
    first = server.pid
    assert b'"memory"' in out or code != 0
    code, out, _ = server.parse(good, memory_mb=1024, cpu_seconds=20, wall_seconds=25,
                                max_pages=50, timeout=20)
    assert code == 0 and out.startswith(b'{"ok":true')
    assert server.pid == first  # the server itself was untouched


def fake_server(monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    """Replace the server by a script that reads one request and then does ``body``."""
    script = textwrap.dedent("""
        import json, sys, time
        request = json.loads(sys.stdin.buffer.readline())
        sys.stdin.buffer.read(request["size"])
        out = sys.stdout.buffer
    """) + textwrap.dedent(body)
    monkeypatch.setattr(pdf_server, "server_command", lambda: [sys.executable, "-c", script])


def test_a_hanging_server_is_killed_at_the_timeout(
    monkeypatch: pytest.MonkeyPatch, server: pdf_server.ParserServer
) -> None:
    fake_server(monkeypatch, "time.sleep(60)")
    data = (DATA / "template_report.pdf").read_bytes()
    started = time.monotonic()
    with pytest.raises(ReaderError, match=r"^PDF parsing timed out after 1 s$"):
        server.parse(data, memory_mb=512, cpu_seconds=2, wall_seconds=6, max_pages=5, timeout=1)
    assert time.monotonic() - started < 5
    assert server.pid is None  # killed, and the next request starts a new one


def test_a_server_that_stops_reading_still_times_out(
    monkeypatch: pytest.MonkeyPatch, server: pdf_server.ParserServer
) -> None:
    # The request is larger than a pipe holds: writing it must not block past the timeout.
    monkeypatch.setattr(pdf_server, "server_command",
                        lambda: [sys.executable, "-c", "import time; time.sleep(60)"])
    started = time.monotonic()
    with pytest.raises(ReaderError, match="timed out after 1 s"):
        server.parse(b"%PDF-" + b"x" * (4 << 20), memory_mb=512, cpu_seconds=2,
                     wall_seconds=6, max_pages=5, timeout=1)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("out.write(b'not json\\n'); out.flush()",
         "PDF parsing failed: the parser process answered out of protocol"),
        ("sys.exit(0)", "PDF parsing failed: the parser process ended unexpectedly"),
        ("out.write(b'{\"code\": 0, \"out\": 100, \"err\": 0}\\n'); out.flush()",
         "PDF parsing failed: the parser process ended unexpectedly"),
    ],
)
def test_a_broken_server_is_one_line(
    monkeypatch: pytest.MonkeyPatch, server: pdf_server.ParserServer, body: str, message: str
) -> None:
    fake_server(monkeypatch, body)
    with pytest.raises(ReaderError) as caught:
        server.parse(b"%PDF-1.7", memory_mb=512, cpu_seconds=2, wall_seconds=6, max_pages=5,
                     timeout=5)
    assert str(caught.value) == message


def test_a_crashed_fork_reads_as_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    reply = "out.write(b'{\"code\": -11, \"out\": 0, \"err\": 0}\\n'); out.flush(); time.sleep(5)"
    fake_server(monkeypatch, reply)
    monkeypatch.setattr(pdf_reader, "SERVE", True)
    monkeypatch.setattr(pdf_server, "_SERVER", pdf_server.ParserServer())
    try:
        with pytest.raises(ReaderError, match=r"^PDF parsing crashed \(SIGSEGV\)$"):
            PdfReader().read(DATA / "template_report.pdf")
    finally:
        pdf_server.shared_server().close()


def test_a_forked_process_starts_its_own_server(server: pdf_server.ParserServer) -> None:
    data = (DATA / "template_report.pdf").read_bytes()
    server.parse(data, memory_mb=1024, cpu_seconds=20, wall_seconds=25, max_pages=50,
                 timeout=20)
    parent_server = server.pid
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the forked child
        try:
            code, _, _ = server.parse(data, memory_mb=1024, cpu_seconds=20, wall_seconds=25,
                                      max_pages=50, timeout=20)
            os.write(write, f"{code} {server.pid}".encode())
            server.close()
        finally:
            os._exit(0)
    os.close(write)
    answer = os.read(read, 100).decode()
    os.close(read)
    os.waitpid(pid, 0)
    code, child_server = answer.split()
    assert code == "0" and int(child_server) != parent_server
    assert server.pid == parent_server and alive(parent_server)  # ours is untouched


def test_the_server_dies_with_the_process_that_started_it(tmp_path: Path) -> None:
    script = textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from migkg.loaders.readers.pdf import PdfReader
        from migkg.loaders.readers.pdf_server import shared_server
        PdfReader().read(Path({str(DATA / "template_report.pdf")!r}))
        print(shared_server().pid, flush=True)
        time.sleep(60)
    """)
    reader = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        server_pid = int(reader.stdout.readline())
        assert alive(server_pid)
        reader.send_signal(signal.SIGKILL)
        reader.wait()
        assert wait_gone(server_pid), "the parser server outlived its parent"
    finally:
        if reader.poll() is None:
            reader.kill()
        reader.stdout.close()


def test_the_server_dies_with_its_parent_even_when_a_fork_holds_its_pipe() -> None:
    # A process forked from the reader (an ingest worker, say) inherits the pipe to the
    # server, so the server's stdin does not end when the reader dies; the kernel's
    # parent-death signal ends it all the same.
    script = textwrap.dedent(f"""
        import os, sys, time
        from pathlib import Path
        from migkg.loaders.readers.pdf import PdfReader
        from migkg.loaders.readers.pdf_server import shared_server
        PdfReader().read(Path({str(DATA / "template_report.pdf")!r}))
        sibling = os.fork()
        if sibling == 0:
            time.sleep(30)
            os._exit(0)
        print(shared_server().pid, sibling, flush=True)
        time.sleep(60)
    """)
    reader = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    sibling = None
    try:
        server_pid, sibling = map(int, reader.stdout.readline().split())
        reader.send_signal(signal.SIGKILL)
        reader.wait()
        assert alive(sibling)
        assert wait_gone(server_pid), "the parser server outlived its parent"
    finally:
        if sibling is not None and alive(sibling):
            os.kill(sibling, signal.SIGKILL)
        if reader.poll() is None:
            reader.kill()
        reader.stdout.close()
