"""`pip install .` ships every data file under migkg.* and squats no top-level name."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from helpers import REPO

DATA_FOLDERS = {"ontology": (".ttl",), "ontology/vocab": (".ttl",), "shapes": (".ttl",),
                "queries": (".rq",), "examples": (".md", ".txt", ".html", ".htm", ".docx", ".pdf",
                                                 ".eml")}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
         "-w", str(out), str(REPO)],
        check=True, capture_output=True,
    )
    (built,) = out.glob("migkg-*.whl")
    return built


def test_wheel_holds_every_data_file_under_migkg(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder, suffixes in DATA_FOLDERS.items():
        for path in (REPO / folder).iterdir():
            if path.is_file() and path.suffix in suffixes:
                assert f"migkg/{folder}/{path.name}" in names, path
    top_level = {name.split("/")[0] for name in names}
    assert top_level <= {"migkg", f"{wheel.name.split('-')[0]}-{wheel.name.split('-')[1]}"
                         ".dist-info"}


def test_installed_wheel_works_and_squats_nothing(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    assert not any((target / name).exists() for name in
                   ("loaders", "ontology", "queries", "shapes", "examples"))
    queries = "{'reports', 'sections', 'challenges', 'practices', 'quotes'}"
    probe = (
        "import importlib.util, migkg, migkg.resources as r, migkg.querying as q\n"
        f"assert migkg.__file__.startswith({str(target)!r}), migkg.__file__\n"
        "assert importlib.util.find_spec('loaders') is None\n"
        "assert r.ontology_file().is_file() and len(r.vocabulary_files()) >= 5\n"
        "assert len(r.shape_files()) >= 1 and len(r.example_files()) >= 4\n"
        f"assert {queries} <= set(q.named_queries())\n"
        "import migkg.loaders.readers.markdown\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    # -P keeps the repository off sys.path so the installed copy is what gets imported.
    subprocess.run([sys.executable, "-P", "-c", probe], check=True, env=env, cwd=tmp_path)
    result = subprocess.run([sys.executable, "-P", "-m", "migkg", "query", "--list"],
                            check=True, env=env, cwd=tmp_path, capture_output=True, text=True)
    assert "challenges" in result.stdout
    usage = subprocess.run([sys.executable, "-P", "-m", "migkg", "--help"], check=True,
                           env=env, cwd=tmp_path, capture_output=True, text=True).stdout
    for command in ("ingest", "query", "sparql", "export", "validate", "evaluate",
                    "check-ontology", "demo"):
        assert command in usage
