"""The annotators and the writer take time in proportion to the report, not its square.

A report of 100,000 list items did not load in 600 s at 0.1.0 (every insight scanned
every block for its hyperlinks). These tests time the back half of the loader - the
annotators and the writer - on generated reports; the readers and the section stage are
timed by their own tests.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from migkg.loaders import readers
from migkg.loaders.extract import annotate
from migkg.loaders.extract.insights import extract_insights
from migkg.loaders.metadata import read_metadata
from migkg.loaders.model import Report
from migkg.loaders.rdf import write_report
from migkg.loaders.segment import segment


def _report(path: Path, items: int) -> Path:
    lines = ["# Roundtable report", "", "Rapporteur: Jane Doe", "", "## Summary", "",
             "- A summary point about Morocco.", "", "## Challenges", ""]
    lines += [f"- item {n} about Morocco" for n in range(items)]
    lines += ["", "## Good practices", "", "- A national programme in Senegal.", "",
              "## Relevance to the Global Compact for Migration", "",
              "- Objective 5 was discussed.", "", "## Contributions to the 2030 Agenda", "",
              "- SDG target 10.7.", "", "## Quotes", "",
              '- "We need more data," said a participant.', ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _back_half(path: Path) -> tuple[float, Report, str]:
    """Seconds the annotators and the writer take on ``path``, the record, its N-Triples."""
    document = readers.read(path)
    segmented = segment(document)
    record = Report(document, path.name, "md", "0", segmented=segmented,
                    metadata=read_metadata(segmented), insights=extract_insights(segmented),
                    language="en")
    started = time.process_time()
    annotate(record)
    _, ntriples, _ = write_report(record, ended_at="2023-11-14T22:13:20Z")
    return time.process_time() - started, record, ntriples


def test_a_thousand_items_each_get_their_mention(tmp_path: Path) -> None:
    _, record, ntriples = _back_half(_report(tmp_path / "r.md", 1000))
    challenges = [i for i, insight in enumerate(record.insights) if insight.kind == "challenge"]
    assert len(challenges) == 1000
    assert all([a.code for a in record.of("mentions", i)] == ["MAR"] for i in challenges)
    assert ntriples.count("/challenge/1000/mention/1> ") >= 1


@pytest.mark.slow
def test_a_hundred_thousand_items_in_well_under_a_minute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MIGKG_MAX_LINES", "1000000")  # past the default line limit
    small, _, _ = _back_half(_report(tmp_path / "small.md", 10_000))
    seconds, record, _ = _back_half(_report(tmp_path / "large.md", 100_000))
    assert len(record.insights) > 100_000
    # Generous: about 30 s of CPU on a shared 2-core machine; 0.1.0 did not finish.
    assert seconds < 90, f"annotators and writer took {seconds:.0f} s for 100,000 items"
    # Ten times the items, far less than a hundred times the time.
    assert seconds < 25 * max(small, 0.5), (small, seconds)
