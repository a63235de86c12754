"""Sections by evidence: a document's blocks to the six template sections.

Steps: find heading candidates (:mod:`.candidates`), score each against every label
(:mod:`.assign`: wording, content, layout), choose all labels at once, then lay the
blocks out: every block ends in a section, in the preamble (title, header fields,
template guidance) or in the explicit list of unassigned blocks, and the reading record
says which heading opened each section, with what confidence and why.
"""

from __future__ import annotations

import re

from migkg.ontology import template

from ..model import Block, Document
from ..text_utils import word_count
from . import evidence
from .assign import MAX_CANDIDATES, Options, assign, score_candidates
from .candidates import find_candidates, segment_ends
from .fields import is_field_line, read_fields
from .groups import group_of
from .guidance import attributed, is_guidance
from .reading import (
    OTHER,
    PREAMBLE,
    SUBHEADING,
    Candidate,
    Reading,
    Section,
    SectionReading,
    Segmented,
    Unassigned,
)

_QUOTE_MARK = re.compile(r"[\"“”«»„]")

# Below this confidence an assignment is reported as uncertain (validate warns).
UNCERTAIN = 0.6
# A heading whose wording alone scores this much names its section.
WORDING_ENOUGH = 0.65


def _limit(candidates: list[Candidate], reading: Reading) -> list[Candidate]:
    if len(candidates) <= MAX_CANDIDATES:
        return candidates
    kept = sorted(sorted(candidates, key=lambda c: c.rank)[:MAX_CANDIDATES],
                  key=lambda c: c.index)
    reading.notes.append(f"{len(candidates)} heading candidates; only the "
                         f"{MAX_CANDIDATES} most strongly marked were considered")
    return kept


def segment(document: Document, options: Options | None = None) -> Segmented:
    """Read ``document`` into template sections; the result keeps the reading record."""
    options = options or Options()
    # The per-block caches serve one document (a block is looked at several times); a new
    # document starts them afresh, so memory stays bounded and no document reads faster
    # for resembling an earlier one.
    for cache in (evidence.block_counts_cache_clear, is_guidance.cache_clear,
                  is_field_line.cache_clear):
        cache()
    blocks = document.blocks
    reading = Reading()
    candidates = _limit(find_candidates(blocks), reading)
    ends = segment_ends(candidates, len(blocks))
    score_candidates(candidates, blocks, ends, options, group_of)
    assign(candidates, options)
    reading.candidates = candidates
    return _lay_out(document, candidates, reading)


def _lay_out(document: Document, candidates: list[Candidate], reading: Reading) -> Segmented:
    keys = template.section_keys()
    sections = {key: Section(key) for key in keys}
    preamble: list[Block] = []
    by_index = {c.index: c for c in candidates}
    target: str = PREAMBLE  # a section key, '+'-joined keys, PREAMBLE or OTHER
    open_group: Unassigned | None = None
    blocks = document.blocks
    for index, block in enumerate(blocks):
        candidate = by_index.get(index)
        label = candidate.label if candidate else None
        if candidate and label in keys:
            target = label
            _open(sections[label], candidate, reading)
            open_group = None
            continue
        if candidate and label and "+" in label:
            target = label
            for key in label.split("+"):
                _open(sections[key], candidate, reading)
            open_group = None
            continue
        if candidate and label == OTHER:
            target = OTHER
            open_group = Unassigned([], f"heading not recognised: {candidate.text!r}",
                                    candidate.text)
            reading.unassigned.append(open_group)
            continue
        if target == PREAMBLE or (candidate and label == PREAMBLE):
            preamble.append(block)
            continue
        if target == OTHER:
            if open_group is not None and not is_guidance(block):
                open_group.blocks.append(block)
            continue
        keep = label == SUBHEADING or not is_guidance(block) or (
            target == "quotes" and (attributed(blocks[index + 1:index + 2])
                                    or _after_quote(block, blocks[index - 1:index])))
        if not keep:
            continue
        if "+" in target:
            sections[_share(block, target.split("+"))].blocks.append(block)
        else:
            sections[target].blocks.append(block)
    return Segmented(document, sections, preamble, read_fields(preamble), reading)


def _open(section: Section, candidate: Candidate, reading: Reading) -> None:
    section.heading = candidate.block
    section.heading_text = candidate.text
    if candidate.inline is not None and not is_guidance(candidate.inline):
        section.inline = candidate.inline
        section.blocks.append(candidate.inline)
    merged = tuple(k for k in candidate.merged if k != section.key) if "+" in candidate.label \
        else ()
    reading.sections[section.key] = SectionReading(
        key=section.key, heading_text=candidate.text, confidence=candidate.confidence,
        evidence=[e for e in candidate.evidence.get(section.key, [])], merged_with=merged)


def _after_quote(block: Block, previous: list[Block]) -> bool:
    """'(Anonymous, civil society)' right after a quotation attributes it: not guidance."""
    return bool(previous) and word_count(block.text) <= 25 and (
        previous[0].kind == "quote" or bool(_QUOTE_MARK.search(previous[0].text)))


def _share(block: Block, keys: list[str]) -> str:
    """Which of two merged sections a block belongs to, by its own content."""
    content = evidence.scores(evidence.count([block]))
    return max(keys, key=lambda k: (content[k], -keys.index(k)))


def is_uncertain(section: SectionReading) -> bool:
    """Whether a section's heading was placed with low confidence."""
    return section.confidence < UNCERTAIN


def section_of_heading(text: str, options: Options | None = None) -> str | None:
    """The template section a heading names by its wording alone, or None (a title, a
    level or category sub-heading, or wording no lexicon entry covers well enough)."""
    from .assign import text_evidence

    candidate = Candidate(0, Block("heading", text), text, None, 0, "heading")
    best, _, title = text_evidence(candidate, options or Options())
    if not best:
        return None
    key = max(best, key=lambda k: (best[k], -template.section(k).number))
    if best[key] < WORDING_ENOUGH or (title and best[key] < 0.99):
        return None
    if best[key] < 0.99 and group_of(text).get("level"):
        return None
    return key
