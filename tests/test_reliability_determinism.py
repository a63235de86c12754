"""Determinism: the same files give the same export bytes whatever the hash seed, the
number of workers or the store's history."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from test_cli import REPORT

# One interpreter per hash seed runs its ingests and exports (starting one per command
# would cost more than the work).
SCRIPT = """
import hashlib, json, sys
from typer.testing import CliRunner
from migkg.cli import app
out = {}
for line in sys.stdin:
    args = json.loads(line)
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, (args, result.stderr)
    out[" ".join(args)] = hashlib.sha256(result.stdout_bytes).hexdigest()
print(json.dumps(out))
"""


def session(commands: list[list[str]], seed: str) -> dict[str, str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-P", "-c", SCRIPT], env=env, timeout=300,
                          input="".join(json.dumps(list(map(str, c))) + "\n" for c in commands),
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


FORMATS = ("nquads", "trig", "turtle", "jsonld")


def _corpus(folder, edited: bool = False):
    for index in range(9):
        text = REPORT.replace("4.2", f"{index // 3 + 1}.{index % 3 + 1}").replace(
            "Test Person", f"Person {index % 2}")
        if edited and index == 4:
            text = text.replace("Person 0", "Someone Else").replace("2.2", "7.7")
        path = folder / ("sub" if index % 2 else "") / f"r{index}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_exports_do_not_depend_on_seed_workers_or_history(tmp_path):
    corpus, edited = tmp_path / "corpus", tmp_path / "edited"
    _corpus(corpus)
    _corpus(edited, edited=True)
    exports: dict[str, set[str]] = {fmt: set() for fmt in FORMATS}
    runs = [("one", "1", ["--workers", "1"], []), ("four", "2", ["--workers", "4"], []),
            # A store with a past: an edited version first, then the files as they are.
            ("history", "3", ["--workers", "2"], [edited])]
    for name, seed, options, before in runs:
        store = str(tmp_path / name)
        commands = [["ingest", str(folder), "--store", store, "-q"] for folder in before]
        commands.append(["ingest", str(corpus), "--store", store, "-q", *options])
        commands += [["export", "-f", fmt, "--store", store] for fmt in FORMATS]
        hashes = session(commands, seed)
        for fmt in FORMATS:
            exports[fmt].add(hashes[f"export -f {fmt} --store {store}"])
    assert {fmt: len(found) for fmt, found in exports.items()} == dict.fromkeys(FORMATS, 1)
