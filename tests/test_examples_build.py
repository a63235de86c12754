"""The generated example reports rebuild byte for byte from their scripts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("script", ["make_examples.py", "make_more_examples.py"])
def test_generated_examples_are_reproducible(script: str, tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(ROOT / "scripts" / script), "--out", str(tmp_path)],
                   check=True, capture_output=True, cwd=tmp_path)
    built = sorted(tmp_path.iterdir())
    assert built, f"{script} built nothing"
    for path in built:
        assert path.read_bytes() == (ROOT / "examples" / path.name).read_bytes(), path.name
