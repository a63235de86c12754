"""Template guidance: the template's own instructions and placeholders, not content.

A rapporteur often leaves the template's italic instructions ('Please list...') or Word's
content-control placeholders in the file; they belong to no section.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Block
from ..text_utils import fold, word_count

_GUIDANCE = re.compile(
    r"\bplease\b|\bif you (like|wish)\b|\bveuillez\b|\bmerci de\b|\bsi vous le souhaitez\b"
    r"|\bchatham house\b|\bpor favor\b|\bsirvase\b|\bsi lo desea\b"
    # Word's content-control placeholders, left in when a field was not filled in.
    r"|\bclick (or tap )?here to enter\b|\bcliquez (ou appuyez )?ici pour\b"
    r"|\bhaga clic (o pulse )?aqu[ií]\b|^\s*(insert|type|enter) (your )?text here\b",
    re.IGNORECASE,
)
# Content that stands for none: a section holding only this is empty.
_PLACEHOLDERS = frozenset({"", "n a", "na", "none", "nil", "tbd", "tbc", "aucun", "aucune",
                           "neant", "ninguno", "ninguna", "sans objet", "no aplica"})
_QUOTED_SPEECH = re.compile(r"^\s*[-–—]?\s*[\"“«„‘]|[\"“«„]\s*\w[^\"”»]{20,}")


@lru_cache(maxsize=8192)
def is_guidance(block: Block) -> bool:
    """Template instructions rather than the rapporteur's content."""
    quoted = bool(_QUOTED_SPEECH.search(block.text))
    # A short emphasised line is a sub-heading ('*At national level:*'), not guidance; and
    # quotations are often set in italics (Word's Quote style), so they are not either.
    if block.italic and word_count(block.text) > 8 and not quoted and block.kind != "quote":
        return True
    text = block.text
    if fold(text) in _PLACEHOLDERS:
        return True
    if _GUIDANCE.search(text) and not quoted:
        return True
    return bool(re.match(r"^\s*[\[(].*[\])]\s*$", text) and block.kind == "paragraph")



def attributed(following: list[Block]) -> bool:
    """Whether the next line attributes the block ('– Anonymous, delegate'): then an
    emphasised block before it is a quotation set in italics, not template guidance."""
    return bool(following) and bool(
        re.match(r"^\s*[-–—]\s*\S", following[0].text) or following[0].kind == "item"
    ) and word_count(following[0].text) <= 20


