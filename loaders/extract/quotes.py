"""Quotes of template section 6 and their Chatham House attribution.

A quote is quoted text; its attribution is the short line before it (ending with a colon),
the line after it (usually after a dash), or the words around it on the same line. A quote
may run over several paragraphs, and one line may hold several quotes, each followed by
its own attribution. Attribution is ``anonymous`` unless a person is named; a named quote
is approved only where the report records the speaker's consent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from ..model import Block
from ..text_utils import fold, word_count

_OPEN = "\"“«„‘"
# Each opening mark with the marks that close it; straight and curly quotes get mixed up
# by word processors, so either closes the other. A single closing quote only counts when
# no letter follows it, which leaves apostrophes ('don’t') inside the quote.
_QUOTED = re.compile(
    r"“(?P<a>[^“”\"]{3,}?)[”\"]"
    r"|«(?P<b>[^«»]{3,}?)»"
    r"|\"(?P<c>[^\"“”]{3,}?)[\"”]"
    r"|„(?P<d>[^„“”]{3,}?)[“”]"
    r"|‘(?P<e>[^‘]{3,}?)’(?!\w)"
)
_CLOSERS = {"“": "”\"", "«": "»", "\"": "\"”", "„": "“”", "‘": "’"}
_MAX_SPREAD = 4  # paragraphs one quote may run over

_ANONYMOUS_WORD = re.compile(
    r"\b((speaking )?anonymous(ly)?|anonyme|an[oó]nim[oa]s?|unnamed|non[- ]nomm[ée]e?|sin nombre|"
    r"(name|identity) withheld|not named)\b",
    re.IGNORECASE,
)
_ANONYMOUS = re.compile(r"\b(anonymous|anonymously|anonyme|anonim[oa]s?|unnamed|non nommee?|"
                        r"sin nombre|(name|identity) withheld|not named)\b")
_APPROVED = re.compile(
    r"\b(with (his|her|their) (approval|consent|permission|agreement)|with (approval|consent|"
    r"permission)|approved|agreed to be (named|quoted)|consent(ed)? to be (named|quoted)|"
    r"named with|on the record|avec (son|leur) (accord|autorisation|consentement)|"
    r"accepte d etre (cite|nomme)e?|(citation|nom) autorisee?|"
    r"(happy|glad|willing|agreed) to be (quoted|named)|quoted by name|"
    r"con (su|sus) (autorizacion|aprobacion|consentimiento|permiso)|aprobad[oa])\b"
)
_NOT_APPROVED = re.compile(
    r"\b(not approved|without (approval|consent)|approval (pending|not (yet )?given)|"
    r"sans (son|leur) accord|sin (su|sus) (autorizacion|aprobacion|consentimiento))\b"
)
_CONSENT_NOTE = re.compile(
    r"\s*[(\[][^()\[\]]*(approv|consent|permission|accord|autoris|autoriz|aprob|agree|"
    r"record|quoted|named|by name)[^()\[\]]*[)\]]\s*$"
    r"|\s+[—–-]\s+[^—–]*(approv|consent|permission|accord|autoris|autoriz|aprob|agree|"
    r"record)[^—–]*$",
    re.IGNORECASE,
)
_PERSON = re.compile(
    r"^(mr|mrs|ms|miss|dr|prof|professor|h ?e|hon|sir|dame|mme|m|mlle|ambassador|minister|"
    r"ministre|ambassadeur|ambassadrice|sr|sra|srta|dra|don|dona|ministra|ministro|"
    r"embajador|embajadora)\b"
)
_NAME = re.compile(r"^[A-Z][a-zà-ÿ'’-]+(?:\s+[A-Z][a-zà-ÿ'’-]+)+(?:,|$)")
# Reporting verbs around an attribution: '«…», a dit un délégué', 'Mr X said: "…"'.
_SPEECH_BEFORE = re.compile(
    r"^(?:as\s+)?(?:said|says|stated|noted|added|remarked|observed|explained|recalled|"
    r"according to|in the words of|a (?:dit|d[ée]clar[ée]|soulign[ée]|rappel[ée]|affirm[ée]|"
    r"ajout[ée]|expliqu[ée])|selon|dijo|afirm[oó]|declar[oó]|señal[oó]|seg[uú]n)\s+",
    re.IGNORECASE,
)
_SPEECH_AFTER = re.compile(
    r"\s+(?:said|says|stated|noted|added|remarked|observed|explained|recalled|put it|"
    r"a (?:dit|d[ée]clar[ée]|soulign[ée])|dijo|afirm[oó]|declar[oó])$",
    re.IGNORECASE,
)
_QUOTE_LABEL = re.compile(r"^(quotes?|quotations?|citations?|citas?|verbatim)( \d+)?$")


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
    index = 0
    while index < len(blocks):
        if index in used:  # an attribution line already read with the quote before it
            index += 1
            continue
        block = blocks[index]
        spans = _quotes_in(block)
        last = index
        if not spans and index not in used:
            spread = _spread_quote(blocks, index)
            if spread is not None:
                spans, last = spread
            elif _emphasised_quote(block, blocks[index + 1:index + 2]):
                spans = [(block.start, block.end, None)]
        if not spans:
            index += 1
            continue
        for number, (start, end, inline) in enumerate(spans):
            attribution = inline
            if attribution is None and number == 0 and index > 0 and index - 1 not in used:
                previous = blocks[index - 1]
                if _is_attribution_line(previous) and (
                        previous.text.rstrip().endswith(":") or _labelled(previous.text)):
                    attribution = previous.text
                    used.add(index - 1)
            if attribution is None and number == len(spans) - 1 and last + 1 < len(blocks):
                following = blocks[last + 1]
                if (
                    _is_attribution_line(following)
                    and not _marked(following)
                    and not following.text.rstrip().endswith(":")
                    # 'Speaker: …' names who says the next quote, not the one before it.
                    and not (_labelled(following.text) and last + 2 < len(blocks))
                ):
                    attribution = following.text
                    used.add(last + 1)
            kind, speaker, approved = parse_attribution(attribution or "")
            start, end = _trimmed(text, start, end)
            found.append(FoundQuote(start, end, kind, speaker, approved))
        used.update(range(index, last + 1))
        index = last + 1
    return found


def _marked(block: Block) -> bool:
    """Whether the block holds quotation marks around some words (a quote, not a name)."""
    return bool(_QUOTED.search(block.text)) or block.text.lstrip().startswith(tuple(_OPEN))


@lru_cache(maxsize=1)
def _labels() -> re.Pattern[str]:
    path = files("migkg.loaders.extract") / "data" / "attribution_labels.tsv"
    labels = [fold(line.split("\t")[0]) for line in path.read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#")]
    alternatives = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    return re.compile(rf"^\s*(?:{alternatives})\s*:\s*", re.IGNORECASE)


def _labelled(text: str) -> bool:
    """'Speaker: Ms. A. Name, ministry': an attribution line opened by a label."""
    return bool(_labels().match(fold(text.split(":", 1)[0]) + ":" if ":" in text else ""))


def _without_label(text: str) -> str:
    """The attribution without its label ('Speaker: Ms. A' -> 'Ms. A')."""
    return text.split(":", 1)[1].strip() if _labelled(text) else text


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without the spaces French typography puts inside « », nor the comma that
    English puts inside the closing mark ('"…," said a delegate')."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def _inner(match: re.Match[str]) -> tuple[int, int]:
    group = next(name for name in "abcde" if match.group(name) is not None)
    return match.start(group), match.end(group)


def _quotes_in(block: Block) -> list[tuple[int, int, str | None]]:
    """(start, end, attribution on the same line) of each quote in ``block``."""
    text = block.text
    if block.kind == "quote" and not text.lstrip().startswith(tuple(_OPEN)):
        if _is_attribution_line(block) and text.lstrip().startswith(("-", "–", "—")):
            return []
        return [(block.start, block.end, None)]
    matches = [m for m in _QUOTED.finditer(text) if word_count(text[slice(*_inner(m))]) >= 4]
    if not matches:
        return _unmarked_quote(block)
    # The words between, before and after the quotes: attributions, or else the quotes are
    # only words quoted inside a longer sentence.
    gaps = [text[: matches[0].start()]]
    gaps += [text[a.end(): b.start()] for a, b in zip(matches, matches[1:], strict=False)]
    gaps.append(text[matches[-1].end():])
    if any(word_count(gap) > 25 for gap in gaps) or word_count("".join(gaps)) > 25 * len(
        matches
    ):
        return []
    spans = []
    for number, match in enumerate(matches):
        after = _attribution_text(gaps[number + 1])
        before = _attribution_text(gaps[number]) if number == 0 else None
        if before and _QUOTE_LABEL.match(fold(before)):
            before = None  # 'Quote: "…"' labels the quote, it does not attribute it
        if before and after and after[0] + after[-1] in ("()", "[]"):
            # 'Mr X said: "…" (with his approval)': the note qualifies the name before.
            after, before = f"{before} {after}", None
        start, end = _inner(match)
        spans.append((block.start + start, block.start + end, after or before))
    return spans


# 'Migration is a reality to be governed. – Anonymous, delegate': a quote typed without
# quotation marks, its speaker after a spaced dash at the end of the line.
_DASH_ATTRIBUTED = re.compile(r"^(?P<quote>\S.{15,}?[.!?…])\s+[–—-]\s*(?P<who>[^–—.!?]{2,100})$")


def _unmarked_quote(block: Block) -> list[tuple[int, int, str | None]]:
    if block.kind not in ("paragraph", "item"):
        return []
    match = _DASH_ATTRIBUTED.match(block.text)
    if match is None or word_count(match.group("who")) > 12 or word_count(
            match.group("quote")) < 4:
        return []
    start = block.start + match.start("quote")
    return [(start, start + len(match.group("quote")), match.group("who"))]


def _emphasised_quote(block: Block, following: list[Block]) -> bool:
    """An italic line without quotation marks, a dashed attribution line after it."""
    return (
        block.italic
        and word_count(block.text) >= 4
        and bool(following)
        and bool(re.match(r"^\s*[-–—]\s*\S", following[0].text) or following[0].kind == "item")
        and _is_attribution_line(following[0])
    )


def _attribution_text(gap: str) -> str | None:
    candidate = gap.strip(" \t:-–—,.;")
    return candidate if candidate and word_count(candidate) <= 25 else None


def _spread_quote(blocks: list[Block], index: int) -> tuple[list, int] | None:
    """A quote opened in ``blocks[index]`` and closed in one of the next paragraphs."""
    first = blocks[index]
    opened = re.match(r"^\s*[-–—]?\s*([\"“«„‘])", first.text)
    if not opened:
        return None
    closers = _CLOSERS[opened.group(1)]
    if any(c in first.text[opened.end():] for c in closers if c != "’"):
        return None
    for last in range(index + 1, min(index + _MAX_SPREAD, len(blocks))):
        block = blocks[last]
        if re.match(r"^\s*[\"“«„]", block.text):
            return None  # another quote starts before this one closed
        close = next((m for m in re.finditer(f"[{re.escape(closers)}]", block.text)
                      if closers != "’" or not block.text[m.end():m.end() + 1].isalpha()),
                     None)
        if close is None:
            continue
        start, end = first.start + opened.end(), block.start + close.start()
        tail = _attribution_text(block.text[close.end():])
        return [(start, end, tail)], last
    return None


def _is_attribution_line(block: Block) -> bool:
    text = block.text.strip()
    return 0 < word_count(text) <= 25 and not text.startswith(tuple(_OPEN))


def parse_attribution(text: str) -> tuple[str, str | None, bool | None]:
    """(anonymous|named, speaker as written, approved) from an attribution line."""
    cleaned = _without_label(text.strip().lstrip("-–—").strip()).rstrip(":").strip()
    cleaned = _unwrapped(cleaned)
    words = fold(cleaned)
    if not cleaned or _ANONYMOUS.search(words):
        return "anonymous", _without_anonymous(_without_speech(cleaned)), None
    who = _without_speech(_CONSENT_NOTE.sub("", cleaned))
    named = bool(_PERSON.search(fold(who)) or _NAME.match(who))
    if not named:
        return "anonymous", _unwrapped(_without_speech(cleaned)) or None, None
    approved = bool(_APPROVED.search(words)) and not _NOT_APPROVED.search(words)
    return "named", who, approved


def _without_speech(text: str) -> str:
    """'a dit un délégué' -> 'un délégué'; 'Mr X said' -> 'Mr X'."""
    text = _SPEECH_BEFORE.sub("", text.strip())
    return _SPEECH_AFTER.sub("", text).strip(" ,;:")


def _without_anonymous(text: str) -> str | None:
    """The speaker's description once the word 'anonymous' is taken out of it."""
    rest = _ANONYMOUS_WORD.sub("", text)
    rest = re.sub(r"\(\s*[,;:]?\s*", "(", rest)
    rest = re.sub(r"\s*[,;:]?\s*\)", ")", rest)
    rest = re.sub(r"\(\s*\)|\[\s*\]", "", rest)
    rest = re.sub(r"\s+([,;:])", r"\1", rest)
    return _unwrapped(rest.strip(" ,;:-–—")) or None


def _unwrapped(text: str) -> str:
    """'(civil society)' -> 'civil society': brackets around the whole description go."""
    text = text.strip()
    while len(text) > 2 and text[0] + text[-1] in ("()", "[]") and text.count("(") <= 1:
        text = text[1:-1].strip()
    return text
