"""The import layers of pyproject.toml's [tool.importlinter] contracts hold (lint-imports).

The installed package maps three folders into ``migkg`` (migkg/, loaders/ -> migkg.loaders,
ontology/ -> migkg.ontology), which lint-imports cannot follow: it reads a package from one
folder. So the Python files are laid out as the installed package in a temporary folder,
and lint-imports reads that one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LAYOUT = {"migkg": "migkg", "loaders": "migkg/loaders", "ontology": "migkg/ontology"}


def _lay_out(target: Path) -> Path:
    for source, place in LAYOUT.items():
        shutil.copytree(REPO / source, target / place, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.ttl", "*.tsv", "*.md"))
    return target


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if command is None:
        pytest.skip("lint-imports is not installed (pip install -e '.[test]')")
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([command, str(REPO / "pyproject.toml"), "--no-cache"],
                          cwd=root, env=env, capture_output=True, text=True, timeout=300)


def test_the_import_contracts_hold(tmp_path: Path) -> None:
    result = _lint(_lay_out(tmp_path))
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "Contracts: 2 kept, 0 broken" in result.stdout


def test_a_loader_importing_the_kernel_breaks_the_contract(tmp_path: Path) -> None:
    root = _lay_out(tmp_path)
    (root / "migkg" / "loaders" / "intruder.py").write_text("import migkg.store\n")
    result = _lint(root)
    assert result.returncode != 0
    assert "migkg.loaders.intruder -> migkg.store" in result.stdout
