"""Quotes of template section 6 and their Chatham House attribution.

A quote is quoted text; its attribution is the short line before it (ending with a colon),
the line after it (usually after a dash), or the words around it on the same line.
Attribution is ``anonymous`` unless a person is named; a named quote is approved only
where the report records the speaker's consent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Block
from ..text_utils import fold, word_count

_OPEN = "\"“«„‘'"
_CLOSE = "\"”»“’'"
_QUOTED = re.compile(r"[\"“«„‘](?P<inner>[^\"“”«»„]{3,}?)[\"”»“’]")
_ANONYMOUS = re.compile(r"\b(anonymous|anonyme|unnamed|non nomme)\b")
_APPROVED = re.compile(
    r"\b(with (his|her|their) (approval|consent|permission|agreement)|approved|agreed to be "
    r"(named|quoted)|consent(ed)? to be (named|quoted)|named with|avec (son|leur) "
    r"(accord|autorisation|consentement)|accepte d etre (cite|nomme)e?)\b"
)
_NOT_APPROVED = re.compile(
    r"\b(not approved|without (approval|consent)|approval (pending|not (yet )?given)|"
    r"sans (son|leur) accord)\b"
)
_CONSENT_NOTE = re.compile(
    r"\s*[(\[][^()\[\]]*(approv|consent|permission|accord|autoris|agreed)[^()\[\]]*[)\]]\s*$",
    re.IGNORECASE,
)
_PERSON = re.compile(
    r"^(mr|mrs|ms|miss|dr|prof|professor|h ?e|hon|sir|dame|mme|m|mlle|ambassador|minister)\b"
)
_NAME = re.compile(r"^[A-Z][a-zà-ÿ'’-]+(?:\s+[A-Z][a-zà-ÿ'’-]+)+(?:,|$)")


@dataclass
class FoundQuote:
    start: int
    end: int
    attribution: str
    speaker: str | None
    approved: bool | None


def find_quotes(blocks: list[Block], text: str) -> list[FoundQuote]:
    found: list[FoundQuote] = []
    used: set[int] = set()
    for index, block in enumerate(blocks):
        match = _quote_in(block)
        if match is None:
            continue
        attribution = _inline_attribution(block, match)
        if attribution is None and index > 0 and index - 1 not in used:
            previous = blocks[index - 1]
            if _is_attribution_line(previous) and previous.text.rstrip().endswith(":"):
                attribution = previous.text
                used.add(index - 1)
        if attribution is None and index + 1 < len(blocks):
            following = blocks[index + 1]
            if _is_attribution_line(following) and _quote_in(following) is None:
                attribution = following.text
                used.add(index + 1)
        used.add(index)
        kind, speaker, approved = parse_attribution(attribution or "")
        start = block.start + match.start("inner")
        found.append(FoundQuote(start, start + len(match.group("inner")), kind, speaker, approved))
    return found


def _quote_in(block: Block) -> re.Match[str] | None:
    text = block.text
    if block.kind == "quote" and not text.lstrip().startswith(tuple(_OPEN)):
        if _is_attribution_line(block) and text.lstrip().startswith(("-", "–", "—")):
            return None
        return re.match(r"(?P<inner>.+)", text)
    match = _QUOTED.search(text)
    if match is None or len(match.group("inner").split()) < 4:
        return None
    outside = (text[: match.start()] + text[match.end():]).strip()
    # A sentence that merely contains a quoted word is not a quote.
    return match if word_count(outside) <= 25 else None


def _inline_attribution(block: Block, match: re.Match[str]) -> str | None:
    before = block.text[: match.start()].strip(" :-–—")
    after = block.text[match.end():].strip(" -–—,.")
    candidate = after or before
    return candidate if candidate and word_count(candidate) <= 25 else None


def _is_attribution_line(block: Block) -> bool:
    text = block.text.strip()
    return 0 < word_count(text) <= 25 and not text.startswith(tuple(_OPEN))


def parse_attribution(text: str) -> tuple[str, str | None, bool | None]:
    """(anonymous|named, speaker as written, approved) from an attribution line."""
    cleaned = text.strip().lstrip("-–—").strip().rstrip(":").strip()
    words = fold(cleaned)
    if not cleaned or _ANONYMOUS.search(words):
        inner = re.search(r"\((?P<who>[^)]*)\)", cleaned)
        speaker = inner.group("who").strip() if inner else _after_anonymous(cleaned)
        return "anonymous", speaker or None, None
    named = bool(_PERSON.search(words) or _NAME.match(cleaned))
    if not named:
        return "anonymous", cleaned, None
    approved = bool(_APPROVED.search(words)) and not _NOT_APPROVED.search(words)
    speaker = _CONSENT_NOTE.sub("", cleaned).strip().rstrip(",;")
    return "named", speaker, approved


def _after_anonymous(text: str) -> str | None:
    rest = re.sub(r"(?i)^\s*(anonymous|anonyme)\s*[,:-]?\s*", "", text).strip()
    return rest or None
