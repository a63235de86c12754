"""Heading candidates: the blocks whose layout or shape makes them possible headings.

A candidate carries a rank, how strongly the layout marks it (a styled heading of level 1 is
strongest, a short bare line weakest), so that the assignment can tell the report's
section headings from the sub-headings inside a section: section headings share a style.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Block
from ..text_utils import word_count
from .fields import is_field_line
from .guidance import is_guidance
from .reading import Candidate

_NUMBERED = re.compile(r"^\(?(\d{1,2}(\.\d{1,2})*|[ivx]{1,4}|[A-H])[.)]\s")
_NUMERIC_MARKER = re.compile(r"^\(?(\d{1,2}(\.\d{1,2})*|[ivxIVX]{1,4})[.)]?$")
_LEAD_NUMBER = re.compile(r"^\(?\d{1,2}[.)]\s")
_CLOSED = (".", ";", ",", "?", "!")


def _rank_of_heading(level: int) -> tuple[int, str]:
    return min(max(level, 1), 4) - 1, f"heading {level}"


def _whole_bold(block: Block) -> bool:
    lead = (block.bold_lead or "").strip()
    return block.bold or bool(lead and lead == block.text.strip())


def _caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


_ATTRIBUTION = re.compile(r"^(?:--|[–—])\s")
# A template heading typed out in full runs to this many words (the French GCM heading,
# "Pertinence pour le Pacte mondial sur les migrations et son suivi, sa mise en œuvre et
# son examen", to 18).
MAX_TITLE_LINE_WORDS = 20


def candidate_of(index: int, block: Block) -> Candidate | None:
    """The block as a heading candidate, or None when it cannot be a heading."""
    if block.kind == "quote":
        return None
    if block.kind != "heading" and is_field_line(block):
        return None  # 'Rapporteur: A. Name' is a header field, read by .fields
    text = block.text.strip()
    words = word_count(text)
    lead = (block.bold_lead or "").strip()
    if block.kind == "paragraph" and lead and lead != text and word_count(lead) <= 14:
        # '**6. Inspiring quotes:** If you like, please …': a label, then guidance.
        labelled = _bold_label(index, block, lead)
        if labelled:
            return labelled
    if block.kind != "heading" and is_guidance(block):
        return None
    if block.kind == "heading":
        rank, style = _rank_of_heading(block.level)
        return Candidate(index, block, text, None, rank, style)
    if block.kind == "label":
        return Candidate(index, block, text, None, 4, "table label")
    if words > 20 or _ATTRIBUTION.match(text):
        return None  # '-- anonymous, trade union' attributes the quote above it
    if _whole_bold(block):
        return Candidate(index, block, text, None, 5, "bold line")
    open_ended = not text.endswith(_CLOSED)
    if block.kind == "item":
        if block.level != 0 or words > 16 or not open_ended:
            return None
        numbered = block.marker is None or bool(_NUMERIC_MARKER.match(block.marker))
        return Candidate(index, block, text, None, 7 if numbered else 9,
                         "numbered line" if numbered else "list item")
    if block.kind != "paragraph":
        return None
    if words <= 14 and _caps(text):
        return Candidate(index, block, text, None, 6, "caps line")
    if words <= 14 and _NUMBERED.match(text):
        return Candidate(index, block, text, None, 7, "numbered line")
    if words <= 14 and text.endswith(":"):
        return Candidate(index, block, text, None, 8, "colon line")
    if words <= 8 and open_ended:
        return Candidate(index, block, text, None, 9, "short line")
    if words <= MAX_TITLE_LINE_WORDS and open_ended and _title_cased(text):
        # 'Relevance to the Global Compact for Migration and its follow-up and review':
        # a template heading typed out in full, on a line of its own with no full stop.
        return Candidate(index, block, text, None, 9, "short line")
    return None


def _title_cased(text: str) -> bool:
    """Starts with a capital and has no sentence inside ('. ' or '; ')."""
    return text[:1].isupper() and ". " not in text and "; " not in text


def _bold_label(index: int, block: Block, lead: str) -> Candidate | None:
    """'**Challenges:** text …' names its section in a bold lead set off as a label; a
    bold lead followed by a sentence ('**Good practices in Ghana.** …') is a title, and
    in a list a bold lead is an item's own title, not a section."""
    if block.kind == "item" or lead not in block.text:
        return None
    if not (lead.endswith(":") or _LEAD_NUMBER.match(lead)):
        return None
    rest = block.text[block.text.index(lead) + len(lead):]
    stripped = rest.strip()
    if not stripped:
        return Candidate(index, block, lead, None, 5, "bold line")
    offset = block.text.index(stripped, len(block.text) - len(rest))
    inline = replace(block, text=stripped, start=block.start + offset, bold_lead=None,
                     bold=False)
    return Candidate(index, block, lead, inline, 8, "bold label")


def find_candidates(blocks: list[Block]) -> list[Candidate]:
    """Every heading candidate of a document, in reading order."""
    return [c for i, b in enumerate(blocks) if (c := candidate_of(i, b)) is not None]


def segment_ends(candidates: list[Candidate], total: int) -> list[int]:
    """For each candidate, the index of the block where what it heads ends: the next
    candidate marked at least as strongly (linear, with a monotonic stack)."""
    ends = [total] * len(candidates)
    stack: list[int] = []
    for position, candidate in enumerate(candidates):
        while stack and candidates[stack[-1]].rank >= candidate.rank:
            ends[stack.pop()] = candidate.index
        stack.append(position)
    return ends
