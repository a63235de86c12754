"""Shared test helpers: locating ../shared, running the CLI in-process."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migkg.cli import app

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
EXAMPLES = REPO / "examples"
SEED = CORPUS / "gfmd2018_rt2_1_south_south_mobility.md"


def need_corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not on this machine")
    return CORPUS


def run(*args: str, store: Path | None = None):
    argv = [str(a) for a in args]
    if store is not None:
        argv += ["--store", str(store)]
    return CliRunner().invoke(app, argv)


def rows(result) -> list[dict[str, str]]:
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


def report_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir()
                  if p.suffix in {".md", ".txt", ".html", ".docx", ".pdf"}
                  and p.name not in {"README.md", "GOLD.md"})


def insights_of(segmented):
    """The insights of a segmented document as ingest sees them: with the levels the
    ``levels`` annotator infers for practices the report does not place."""
    from migkg.loaders.extract import annotate, with_levels
    from migkg.loaders.extract.insights import extract_insights
    from migkg.loaders.model import Report

    record = Report(segmented.document, "test", "test", "", segmented=segmented,
                    insights=extract_insights(segmented))
    return with_levels(annotate(record))


def launch_chromium(playwright):
    """Debian's chromium when installed, else playwright's own Chromium; None if neither."""
    candidates = [{"executable_path": path} for path in ("/usr/bin/chromium",
                                                         "/usr/bin/chromium-browser")
                  if os.path.exists(path)] + [{}]
    for options in candidates:
        try:
            return playwright.chromium.launch(headless=True, args=["--no-sandbox"],
                                              **options)
        except Exception:  # noqa: BLE001 - any launch failure means: try the next one
            continue
    return None
