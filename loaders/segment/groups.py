"""What a sub-heading or a bold label groups: a practice level or a challenge category.

'At national level:', 'In countries', 'Across the region', 'Power of innovation' name a
practice level by the level scheme's labels and ``data/levels.*.tsv``; 'Rights and
protection', 'Economic factors' name a challenge category of the category scheme.
"""

from __future__ import annotations

from ..extract import categories
from ..text_utils import word_count
from . import lexicon


def _named_level(text: str, coverage: float) -> tuple[str, str] | None:
    """(level, wording) when a level phrase of the lexicon covers ``text`` enough."""
    words = lexicon.heading_words(text)
    if not words or len(words) > 7:
        return None
    phrases = [p for p in lexicon.level_phrases() if p.target != "filler"]
    found = [m for m in lexicon.matches(words, phrases, light=lexicon.level_fillers())
             if m.coverage >= coverage]
    if not found:
        return None
    best = max(found, key=lambda m: (m.coverage, len(m.phrase.words)))
    return best.phrase.target, text.strip().rstrip(":.").strip()


def heading_level(text: str) -> tuple[str, str] | None:
    """(level, wording) when ``text`` is a level sub-heading: it names a level and little
    else ('At national level:', 'Power of innovation', 'In countries', 'Across the region'),
    by the level scheme's labels and ``segment/data/levels.*.tsv``; a short title that only
    starts with a level word ('Global Skills Partnership:') is none."""
    if word_count(text) > 7:
        return None
    return _named_level(text, 0.6)


def lead_level(lead: str) -> tuple[str, str] | None:
    """(level, wording) when a practice's lead is only a level: '**National:** …'."""
    if word_count(lead) > 7:
        return None
    return _named_level(lead, 0.75)


def group_of(text: str) -> dict[str, str]:
    """What a sub-heading groups: {'level': key} for a practice-level heading,
    {'category': key} for a challenge-category one (both, or neither, may apply)."""
    found: dict[str, str] = {}
    if 0 < len(lexicon.heading_words(text)) <= 7:
        named = heading_level(text)
        if named:
            found["level"] = named[0]
    key = categories.match(text)
    if key:
        found["category"] = key
    return found
