"""Insights from the template sections: summary points, challenges, practices, quotes.

Template sections 1-3 and 6 (summary, challenges, practices by level, quotes). Sections 4
and 5 (GCM relevance, Agenda 2030) yield plain statements that the linker reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Block
from ..segment import groups
from ..segment.reading import Section, Segmented
from ..text_utils import fold, strip_numbering, word_count
from . import categories, quotes


@dataclass
class Insight:
    kind: str  # summary | challenge | practice | quote | statement
    section: str
    start: int
    end: int
    text: str
    position: int = 0
    title: str | None = None
    category: str | None = None
    category_label: str | None = None
    level: str | None = None
    level_label: str | None = None
    level_basis: str | None = None
    level_evidence: str | None = None  # why the level: its sub-heading, label or content
    category_evidence: str | None = None  # why the category: its group heading or lead
    attribution: str | None = None
    speaker: str | None = None
    approved: bool | None = None


def extract_insights(segmented: Segmented) -> list[Insight]:
    text = segmented.document.text
    found: list[Insight] = []
    sections = segmented.sections
    found += _points(sections["summary"], "summary", text)
    found += _challenges(sections["challenges"], text)
    found += _practices(sections["practices"], text)
    found += _points(sections["gcm"], "statement", text)
    found += _points(sections["agenda2030"], "statement", text)
    found += [
        Insight("quote", "quotes", q.start, q.end, text[q.start:q.end], attribution=q.attribution,
                speaker=q.speaker, approved=q.approved)
        for q in quotes.find_quotes(sections["quotes"].blocks, text)
    ]
    counters: dict[str, int] = {}
    for insight in found:
        counters[insight.kind] = counters.get(insight.kind, 0) + 1
        insight.position = counters[insight.kind]
    return found


def _span(kind: str, section: str, first: Block, last: Block, text: str) -> Insight:
    return Insight(kind, section, first.start, last.end, text[first.start:last.end])


def _points(section: Section, kind: str, text: str) -> list[Insight]:
    return [_span(kind, section.key, b, b, text) for b in section.blocks]


def _has_children(blocks: list[Block], index: int) -> bool:
    block = blocks[index]
    return (
        block.kind == "item"
        and index + 1 < len(blocks)
        and blocks[index + 1].kind == "item"
        and blocks[index + 1].level > block.level
    )


def _is_lead_in(block: Block) -> bool:
    """'Key challenges identified were:' — introduces a list, says nothing itself."""
    return block.text.rstrip().endswith(":") and word_count(block.text) <= 20


def _challenges(section: Section, text: str) -> list[Insight]:
    blocks = section.blocks
    has_items = any(b.kind == "item" for b in blocks)
    parents: dict[int, str] = {}  # list depth -> category wording of the open parent item
    heading_category: str | None = None
    found: list[Insight] = []
    inside_until = -1  # sub-points of a challenge belong to it
    for index, block in enumerate(blocks):
        if index <= inside_until:
            continue
        if block.kind == "item":
            parents = {lvl: w for lvl, w in parents.items() if lvl < block.level}
            if _has_children(blocks, index) and _names_a_group(block):
                parents[block.level] = _wording(block.text)
                continue
            if _has_children(blocks, index):
                # '1. Sudden job losses …:' with 'a) …', 'b) …' under it is one challenge.
                inside_until = _last_descendant(blocks, index)
                wording = next((parents[lvl] for lvl in sorted(parents, reverse=True)), None)
                insight = _challenge(block, wording or heading_category
                                     or _lead_category(block), text)
                last = blocks[inside_until]
                insight.end, insight.text = last.end, text[block.start:last.end]
                found.append(insight)
                continue
            if _flat_group(blocks, index):
                # Bullets typed by hand or flattened lists put the group on the same level
                # as its members: '- Socio-economic reasons:' then '- Lack of jobs'.
                heading_category = _wording(block.text)
                continue
            wording = next((parents[lvl] for lvl in sorted(parents, reverse=True)), None)
            found.append(_challenge(block, wording or heading_category or _lead_category(block),
                                    text))
            continue
        if _category_heading(block, has_items):
            heading_category = _wording(block.text) if categories.match(block.text) else None
            continue
        if has_items:
            # Between bulleted challenges a paragraph is a lead-in or a comment on them.
            if _is_lead_in(block):
                heading_category = None
            continue
        if not _is_lead_in(block):
            found.append(_challenge(block, heading_category or _lead_category(block), text))
    return found


def _names_a_group(block: Block) -> bool:
    """A parent item that names a group of challenges ('Socio-economic reasons', 'Rights and
    protection') rather than being a challenge with sub-points of its own."""
    return word_count(block.text) <= 6 or bool(categories.match(block.text)) or (
        block.text.rstrip().endswith(":") and word_count(block.text) <= 8)


def _last_descendant(blocks: list[Block], index: int) -> int:
    last = index
    while last + 1 < len(blocks) and blocks[last + 1].kind == "item" and (
            blocks[last + 1].level > blocks[index].level):
        last += 1
    return last


def _flat_group(blocks: list[Block], index: int) -> bool:
    block = blocks[index]
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return (
        following is not None
        and following.kind == "item"
        and following.level == block.level
        and word_count(block.text) <= 6
        and block.text.rstrip().endswith(":")
    )


def _lead_category(block: Block) -> str | None:
    """A challenge that names its own group in its lead: '**Economic:** few jobs …'."""
    lead = _title(block)
    if not lead or word_count(lead) > 4:
        return None
    # A lead of three words or fewer set off by a colon is a label ('Housing and jobs:'),
    # so the scheme's scope notes may decide its kind; a longer one must name it.
    label = word_count(lead) <= 3 and block.text[len(lead):].lstrip().startswith(":")
    return _wording(lead) if categories.match(lead, strict=not label) else None


def _category_heading(block: Block, has_items: bool) -> bool:
    if block.kind in ("heading", "label") or (block.bold_lead or "") == block.text:
        return True
    short = word_count(block.text) <= 6
    if has_items:
        return short and (block.text.endswith(":") or bool(categories.match(block.text)))
    # Among paragraph challenges, a short line without a full stop that is one of the
    # scheme's own group names ('Economic factors') heads the paragraphs under it.
    return short and not block.text.rstrip().endswith((".", ";")) and bool(
        categories.match(block.text, strict=True))


def _wording(text: str) -> str:
    return strip_numbering(text).rstrip(":;. ").strip()


# 'Small ministries lack staff. *[capacity]*': a challenge tagged with its kind at the end.
_TAG = re.compile(r"[*_]*\[(?P<tag>[^\[\]]{2,40})\][*_]*\s*$")


def _challenge(block: Block, wording: str | None, text: str) -> Insight:
    insight = _span("challenge", "challenges", block, block, text)
    tag = _TAG.search(block.text)
    if wording is None and tag and categories.match(tag.group("tag")):
        insight.category_label = tag.group("tag").strip()
        insight.category = categories.match(insight.category_label)
        insight.category_evidence = f"its tag '[{insight.category_label}]'"
        return insight
    if wording:
        insight.category_label = wording
        insight.category = categories.match(wording)
        own = _lead_category(block) == wording
        where = "its own lead" if own else "the group heading"
        insight.category_evidence = (f"{where} '{wording}'" + (
            "" if insight.category else ", which names no category of the scheme"))
    return insight


def _practices(section: Section, text: str) -> list[Insight]:
    blocks = section.blocks
    has_items = any(b.kind == "item" for b in blocks)
    level: tuple[str, str] | None = None
    found: list[Insight] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        heading_level = _level_heading(block, blocks, index)
        if heading_level:
            level = heading_level
            index += 1
            continue
        if _title_line(blocks, index):
            # '**Diaspora bonds**' on its own line, the description in the next paragraph.
            practice = _practice(block, blocks[index + 1], level, text)
            practice.title = block.text.strip()
            found.append(practice)
            index += 2
            continue
        if block.kind != "item" and (
            _is_lead_in(block) or (has_items and not _bold_titled(block))
        ):
            index += 1  # lead-in or commentary between the lists
            continue
        last = index
        while (
            block.kind == "item"
            and last + 1 < len(blocks)
            and blocks[last + 1].kind == "item"
            and blocks[last + 1].level > block.level
        ):
            last += 1
        found.append(_practice(blocks[index], blocks[last], level, text))
        index = last + 1
    return found


def _title_line(blocks: list[Block], index: int) -> bool:
    block = blocks[index]
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return (
        block.kind == "paragraph"
        and (block.bold_lead or "").strip() == block.text.strip()
        and word_count(block.text) <= 8
        and following is not None
        and following.kind == "paragraph"
        and not following.bold_lead
        and not following.italic
        and word_count(following.text) > 5
    )


def _bold_titled(block: Block) -> bool:
    """A paragraph that opens with a bold title and goes on: a practice even among lists."""
    lead = (block.bold_lead or "").strip()
    return bool(lead) and lead != block.text.strip() and word_count(block.text) > word_count(
        lead) + 5


def _level_heading(block: Block, blocks: list[Block], index: int) -> tuple[str, str] | None:
    if block.kind == "item" and not _has_children(blocks, index):
        # A flat bullet is a level line only when it says nothing else ('- At national
        # level:'), never a practice that starts with a level word ('- Regional guidelines:').
        if not block.text.rstrip().endswith(":"):
            return None
        return groups.heading_level(block.text)
    if not _set_apart(block):
        return None
    return groups.heading_level(block.text)


def _set_apart(block: Block) -> bool:
    """Laid out as a sub-heading: styled, wholly bold or italic, ending in a colon, or short."""
    text = block.text.strip()
    return (
        block.kind in ("heading", "label", "item")
        or (block.bold_lead or "").strip() == text
        or block.italic
        or text.endswith(":")
        or word_count(text) <= 3
    )


def _practice(first: Block, last: Block, level: tuple[str, str] | None, text: str) -> Insight:
    insight = _span("practice", "practices", first, last, text)
    insight.title = _title(first)
    where = "the sub-heading"
    label, colon, rest = (insight.title or "").partition(":")
    if insight.title and (own := groups.lead_level(insight.title)):
        # '**Regional:** …' gives the practice's level, not its title.
        insight.title = None
        level = own
        where = "its own label"
    elif colon and rest.strip() and (own := groups.lead_level(label)):
        # '**At national level:** **Skills recognition.** …': the level, then the title.
        insight.title = rest.strip()
        level = own
        where = "its own label"
    elif insight.title and (named := _LEVEL_IN_TITLE.search(insight.title)) and (
            own := groups.lead_level(named.group("level"))):
        # '**Migration Data Portal (global).**': the title names the level in brackets.
        level = own
        where = "its title"
    if level:
        insight.level, insight.level_label = level
        insight.level_basis = "explicit"
        insight.level_evidence = f"{where} '{insight.level_label}'"
    # Otherwise the level is left to the 'levels' annotator, which infers it from what the
    # practice names once its mentions are known (extract/level_inference.py).
    return insight


_LEVEL_IN_TITLE = re.compile(r"\((?P<level>[^()]{3,30})\)[.:]?\s*$")
_COLON_LEAD = re.compile(r"^(?P<lead>[^:.;]{3,120}?)\s*:\s+\S")


def _title(block: Block) -> str | None:
    lead = (block.bold_lead or "").strip()
    if lead:
        return lead
    match = _COLON_LEAD.match(block.text)
    if match and word_count(match.group("lead")) <= 12 and not fold(match.group("lead")).startswith(
        ("http", "www")
    ):
        return match.group("lead").strip()
    return None
