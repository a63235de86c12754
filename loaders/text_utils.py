"""Small text helpers shared by the segmenter and the extractors."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NUMBERING = re.compile(
    r"""^\s*(?:
        (?:section|partie|part)\s+\d+\s*[:.)-]?     # "Section 2:"
      | \(?\d{1,2}(?:\.\d{1,2})*\s*[.)]?(?=\s)       # "2." "2)" "(2)" "2.1"
      | \(?[ivx]{1,4}[.)]                             # "iv." "(ii)"
      | \(?[a-h][.)]                                  # "a)" "b."
    )\s*""",
    re.IGNORECASE | re.VERBOSE,
)
_QUOTE_CHARS = "\"“”«»„‟'‘’"


@lru_cache(maxsize=1 << 14)
def fold(text: str) -> str:
    """Lowercase, accent-free, punctuation-free text for matching: 'Défis :' -> 'defis'."""
    if text.isascii():
        return _NOT_WORD.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", ascii_text.lower()).strip()


_NOT_WORD = re.compile(r"[^a-z0-9]+")


def strip_numbering(text: str) -> str:
    """Drop a leading section or list number: '3. Opportunities' -> 'Opportunities'."""
    return _NUMBERING.sub("", text, count=1).strip()


def word_count(text: str) -> int:
    return len(text.split())


def strip_wrapping(text: str) -> str:
    """Drop markup-like wrapping a reader may leave around a label: '**x:**' -> 'x:'."""
    return text.strip().strip("*_").strip()


def is_quote_char(ch: str) -> bool:
    return ch in _QUOTE_CHARS


def detect_language(text: str) -> str:
    """'fr' or 'en' from function-word frequencies (reports here are one or the other)."""
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿœ']+", text.lower())
    french = sum(w in _FR for w in words)
    english = sum(w in _EN for w in words)
    return "fr" if french > english else "en"


_FR = frozenset(
    "le la les des du de et est une un dans pour sur au aux qui que avec par pas ont sont "
    "été cette ces leur leurs plus entre ainsi".split()
)
_EN = frozenset(
    "the and of to in is are for on with that by this was were from as be an or their "
    "which have has".split()
)
