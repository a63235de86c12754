"""``migkg explain``: how one file is read, without touching any store.

Runs the reader, the reading stage and the insight stage on one file and returns what
each decided and why, as plain data: the blocks with their kinds and where each ended;
every heading candidate with its score per label and the winner; the sections with their
confidence and evidence; each insight with its kind, category or level and the reason.
This is what a user runs when a report loads wrongly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from migkg.loaders import readers
from migkg.loaders.extract import annotate, with_levels
from migkg.loaders.extract.insights import extract_insights
from migkg.loaders.model import Report
from migkg.loaders.segment import segment
from migkg.loaders.segment.reading import Segmented
from migkg.loaders.text_utils import detect_language
from migkg.ontology import template

LABELS_SHOWN = (*template.section_keys(), "sub", "other", "preamble")


class ExplainError(Exception):
    """The file could not be read at all; the message is one plain line."""


@dataclass
class Explanation:
    """What ``explain`` found, as JSON-ready data (see :func:`explain`)."""

    data: dict[str, Any]


def _where(segmented: Segmented) -> dict[int, str]:
    """Block start offset -> where the block ended: a section key, 'preamble', 'heading',
    'unassigned' or 'dropped' (template guidance inside a section)."""
    where: dict[int, str] = {b.start: "preamble" for b in segmented.preamble}
    for key, section in segmented.sections.items():
        if section.heading is not None:
            where[section.heading.start] = f"heading of {key}"
        for block in section.blocks:
            where.setdefault(block.start, key)
    for group in segmented.reading.unassigned:
        for block in group.blocks:
            where[block.start] = "unassigned"
    return where


def explain(path: Path) -> Explanation:
    """Read ``path`` and explain every decision; raises :class:`ExplainError`."""
    try:
        document = readers.read(path)
    except readers.ReaderError as exc:
        raise ExplainError(str(exc)) from None
    except OSError as exc:
        raise ExplainError(f"cannot read the file ({exc.strerror or exc})") from None
    segmented = segment(document)
    insights = extract_insights(segmented)
    if segmented.found_any:
        # The annotators, as ingest runs them, give the levels the report does not state.
        insights = with_levels(annotate(Report(
            document, path.name, path.suffix.lower().lstrip("."), "", segmented=segmented,
            insights=insights, language=detect_language(document.text))))
    where = _where(segmented)
    for candidate in segmented.reading.candidates:
        if candidate.label in ("other",):
            where[candidate.block.start] = "unrecognised heading"
    blocks = [{
        "index": i, "kind": b.kind, "level": b.level, "marker": b.marker, "bold": b.bold,
        "start": b.start, "end": b.end, "ended_in": where.get(b.start, "dropped"),
        "text": b.text,
    } for i, b in enumerate(document.blocks)]
    candidates = [{
        "block": c.index, "heading": c.text, "style": c.style, "rank": c.rank,
        "label": c.label, "confidence": c.confidence,
        "scores": {k: round(c.scores[k], 3) for k in LABELS_SHOWN if k in c.scores},
        "evidence": [e for e in c.evidence.get(c.label.split("+")[0], [])],
        "merged": list(c.merged),
    } for c in segmented.reading.candidates]
    sections = []
    for key, section in segmented.sections.items():
        reading = segmented.reading.sections.get(key)
        sections.append({
            "section": key, "status": section.status, "heading": section.heading_text or None,
            "confidence": reading.confidence if reading else None,
            "evidence": reading.evidence if reading else [],
            "blocks": len(section.blocks),
        })
    found = [{
        "kind": i.kind, "section": i.section, "start": i.start, "end": i.end,
        "category": i.category, "category_wording": i.category_label,
        "category_reason": i.category_evidence,
        "level": i.level, "level_basis": i.level_basis, "level_reason": i.level_evidence,
        "title": i.title, "attribution": i.attribution, "speaker": i.speaker, "text": i.text,
    } for i in insights]
    data = {
        "file": str(path), "format": document.format,
        "blocks": blocks,
        "removed": [{"why": why, "text": text} for why, text in document.removed],
        "reader_warnings": list(document.warnings),
        "candidates": candidates, "sections": sections,
        "unassigned": [{"heading": u.heading, "reason": u.reason, "blocks": len(u.blocks)}
                       for u in segmented.reading.unassigned],
        "notes": list(segmented.reading.notes),
        "insights": found,
        "warnings": segmented.warnings(),
        "is_report": segmented.found_any,
    }
    return Explanation(data)
