"""Acceptance as a new user would try it: a folder of hostile files next to one good report."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import zipfile

from test_cli import REPORT
from test_reliability_network import Listener

from helpers import rows, run


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<" + b"a" * (60 * 2**20))
    return buffer.getvalue()


def test_hostile_folder_next_to_a_good_report(tmp_path):
    canary = Listener()
    try:
        folder = tmp_path / "in"
        folder.mkdir()
        (folder / "good.md").write_text(REPORT, encoding="utf-8")
        bad = {
            "notes.txt": b"Shopping list: milk, bread.\n",
            "broken.docx": b"this is not a zip file",
            "empty.pdf": b"",
            "bomb.docx": _bomb(),
            "entities.html": (b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
                              b"<html><body><p>&b;</p><img src='" + canary.url.encode()
                              + b"/x.png'></body></html>"),
        }
        for name, data in bad.items():
            (folder / name).write_bytes(data)
        store = tmp_path / "store"
        started = time.monotonic()
        done = subprocess.run([sys.executable, "-P", "-m", "migkg", "ingest", str(folder),
                               "--store", str(store)], capture_output=True, text=True,
                              timeout=300, env={**os.environ, "MIGKG_FILE_TIMEOUT": "60"})
        assert time.monotonic() - started < 120
        assert done.returncode == 1
        errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
        assert "Traceback" not in done.stderr
        assert sorted(line.split(": ")[1].rsplit("/", 1)[-1] for line in errors) == sorted(bad)
        assert [r["source"] for r in rows(run("query", "reports", "-f", "csv", store=store))] \
            == ["good.md"]
        assert canary.hits == 0
    finally:
        canary.close()
