"""Practice levels: read from a sub-heading ('At national level:'), else inferred.

The inference is a small ordered rule list over what the practice names, recorded as
``inferred`` so that nobody mistakes it for the rapporteur's own grouping: a regional body
or process, or several countries acting together, is regional; a new method or technology
is innovation; a global forum or fund is global; one state (or none) is national.
"""

from __future__ import annotations

import re

from ..text_utils import fold, word_count

_HEADING_RULES = (
    ("innovation", re.compile(r"\binnovat\w*")),
    ("regional", re.compile(r"\b(sub ?)?regional\w*|\bcontinental\b|\bregionale?s?\b")),
    ("national", re.compile(r"\bnationale?s?\b|\bcountry level\b|\bdomestic\b")),
    ("global", re.compile(r"\bglobal\b|\binternational\b|\bmondial\w*|\bmultilateral\b")),
)

_INNOVATION = re.compile(
    r"\b(innovat\w*|digital\w*|online|platforms?|apps?|big data|technolog\w*|artificial "
    r"intelligence|pilot\w*|blockchain|telecom\w*|mobile phone\w*|new (methods?|tools?))\b",
    re.IGNORECASE,
)
_GLOBAL = re.compile(
    r"\b(global (forum|fund|compact|level|network)|GFMD|worldwide|multilateral|"
    r"UN Network|international community)\b",
    re.IGNORECASE,
)
_REGIONAL = re.compile(r"\b(regional|region|corridors?|bilateral|cross-border|free movement)\b",
                       re.IGNORECASE)


def heading_level(text: str) -> tuple[str, str] | None:
    """(level, wording) when ``text`` is a level sub-heading such as 'Regional level:'."""
    if word_count(text) > 7:
        return None
    words = fold(text)
    for level, rule in _HEADING_RULES:
        if rule.search(words):
            return level, text.strip().rstrip(":").strip()
    return None


def infer_level(text: str) -> str:
    kinds = _mention_kinds(text)
    if kinds.get("rec") or kinds.get("rcp"):
        return "regional"
    if _INNOVATION.search(text):
        return "innovation"
    if _GLOBAL.search(text):
        return "global"
    if kinds.get("country", 0) >= 2 or _REGIONAL.search(text):
        return "regional"
    return "national"


def _mention_kinds(text: str) -> dict[str, int]:
    try:
        from .entities import find_mentions
    except ImportError:  # entity linking not installed in this build
        return {}
    counts: dict[str, int] = {}
    seen: set[tuple[str, str]] = set()
    for mention in find_mentions(text):
        key = (mention.kind, mention.code or mention.label)
        if key not in seen:
            seen.add(key)
            counts[mention.kind] = counts.get(mention.kind, 0) + 1
    return counts
