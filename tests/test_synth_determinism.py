"""The synthetic report generator (bench/synth) is deterministic: the same seed gives the
same bytes in every format, also in another process and at another time (the .docx zip
timestamps have two-second steps, so the second run starts at least 2 s after the first);
another seed gives other reports."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from synth import FORMATS, generate

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_same_bytes_different_seed_other_reports(tmp_path):
    started = time.monotonic()
    first = generate(len(FORMATS), 11, tmp_path / "a")
    time.sleep(max(0.0, 2.1 - (time.monotonic() - started)))
    subprocess.run([sys.executable, "-m", "synth", "--count", str(len(FORMATS)), "--seed",
                    "11", "--out", str(tmp_path / "b")], cwd=BENCH, check=True,
                   capture_output=True)
    other = generate(len(FORMATS), 12, tmp_path / "c")

    a, b, c = _files(tmp_path / "a"), _files(tmp_path / "b"), _files(tmp_path / "c")
    assert {name.rsplit(".", 1)[1] for name in a} == {*FORMATS, "json"}
    assert a == b
    by_format = {e["format"]: e["file"] for e in first["reports"]}
    others = {e["format"]: e["file"] for e in other["reports"]}
    same = [fmt for fmt in FORMATS if c.get(others[fmt]) == a[by_format[fmt]]]
    assert not same, f"seeds 11 and 12 gave the same {', '.join(same)} report"
