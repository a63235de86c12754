"""bench/RESULTS.md: where each benchmark keeps its own section between its markers."""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")


def write_section(section: str, start: str, end: str, results: Path = RESULTS) -> None:
    """Put ``section`` (which begins with ``start`` and ends with ``end``) into ``results``:
    in place of the text between the markers where they are, else at the end."""
    text = results.read_text(encoding="utf-8") if results.exists() else "# Benchmarks\n"
    if start in text and end in text:
        text = text[:text.index(start)] + section + text[text.index(end) + len(end):]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    results.write_text(text, encoding="utf-8")


def publish(section: str, start: str, end: str, write: bool) -> None:
    """Print a benchmark's ``section`` and, when ``write``, put it into RESULTS.md."""
    print(section)
    if write:
        write_section(section, start, end)
