"""The lexicons of the reading stage, read from ``data/`` and from the vocabularies' labels.

Every word list this stage uses lives in a data file (see ``data/README.md``) or comes from
the section and level schemes' own labels (``ontology/vocab/schemes.ttl``). Entries carry
their origin, so that leave-one-out evaluation can drop the entries a report motivated
while it scores that report (:func:`leaving_out`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from rapidfuzz import fuzz, process

from migkg.ontology import template, vocabulary

from ..text_utils import fold, strip_numbering, strip_wrapping

LANGUAGES = ("en", "fr", "es")

# Lexicon entries of these origins are left out (leave-one-out evaluation).
_EXCLUDED: ContextVar[frozenset[str]] = ContextVar("excluded_origins", default=frozenset())


@contextmanager
def leaving_out(origins: frozenset[str]) -> Iterator[None]:
    """Within the block, lexicon entries whose origin is one of ``origins`` do not match:
    a report is read as if the entries its own wording motivated had never been written."""
    token = _EXCLUDED.set(frozenset(origins))
    try:
        yield
    finally:
        _EXCLUDED.reset(token)


@dataclass(frozen=True)
class Phrase:
    """One lexicon entry: ``words`` (folded) name ``target`` (a section, level or 'title')."""

    target: str
    words: tuple[str, ...]
    lang: str
    origin: str


@dataclass(frozen=True)
class PhraseMatch:
    """A phrase found in a heading, with how much of the heading it covers (0-1)."""

    phrase: Phrase
    first: int  # token index in the heading
    coverage: float

    @property
    def score(self) -> float:
        # A phrase that is the whole heading is decisive; one that is a small part of a
        # long heading ('Review of the Global Compact ... in the region') much less so.
        return 0.35 + 0.65 * self.coverage


def stem(word: str) -> str:
    """A plural folded to its singular, crudely but alike on both sides of a comparison
    ('practices' -> 'practice', 'defis' -> 'defi'); short words and '-ss' are kept."""
    if len(word) <= 4 or not word.endswith("s") or word.endswith("ss"):
        return word
    if word.endswith("ies") and len(word) > 5:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    return word[:-1]


def _words(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in fold(text).split())


def _rows(name: str) -> Iterator[list[str]]:
    path = files("migkg.loaders.segment") / "data" / name
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Function words of the three languages, folded."""
    return frozenset(w for row in _rows("stopwords.tsv") for w in fold(row[1]).split())


def _phrases(kind: str, scheme_labels: dict[str, list[tuple[str, str]]]) -> tuple[Phrase, ...]:
    found: dict[tuple[str, tuple[str, ...]], Phrase] = {}
    for key, labels in scheme_labels.items():
        for lang, label in labels:
            # A template label such as 'Opportunities / good practices / innovations' also
            # names its section by each of its parts.
            for part in [label, *re.split(r"\s*/\s*", label)]:
                words = _words(part)
                if words:
                    found.setdefault((key, words), Phrase(key, words, lang or "en",
                                                          "vocabulary"))
    for lang in LANGUAGES:
        for row in _rows(f"{kind}.{lang}.tsv"):
            target, phrase, origin = (row + ["general"])[:3]
            words = _words(phrase)
            if words:
                found.setdefault((target, words), Phrase(target, words, lang, origin.strip()))
    return tuple(sorted(found.values(), key=lambda p: (p.target, p.words, p.lang)))


@lru_cache(maxsize=1)
def heading_phrases() -> tuple[Phrase, ...]:
    """Section (and title) phrases: the section scheme's labels plus ``headings.*.tsv``."""
    labels = {s.key: [(lang, text) for lang, text in s.labels] for s in template.sections()}
    return _phrases("headings", labels)


@lru_cache(maxsize=1)
def level_phrases() -> tuple[Phrase, ...]:
    """Practice-level phrases: the level scheme's labels plus ``levels.*.tsv``."""
    labels = {key: [("", text) for text in texts]
              for key, texts in vocabulary.level_labels().items()}
    return _phrases("levels", labels)


@lru_cache(maxsize=1)
def level_fillers() -> frozenset[str]:
    """Words a level sub-heading may add around the level ('Good practices at ...')."""
    return frozenset(p.words[0] for p in level_phrases() if p.target == "filler")


@lru_cache(maxsize=1)
def _vocabulary_words() -> tuple[str, ...]:
    words = {w for p in (*heading_phrases(), *level_phrases()) if p.target != "filler"
             for w in p.words}
    return tuple(sorted(words))


@lru_cache(maxsize=4096)
def _corrected(word: str) -> str:
    """A misspelt lexicon word corrected ('challanges' -> 'challenges'); others unchanged."""
    if len(word) < 6 or word in _vocabulary_set():
        return word
    match = process.extractOne(word, _vocabulary_words(), scorer=fuzz.ratio, score_cutoff=87)
    return match[0] if match else word


@lru_cache(maxsize=1)
def _vocabulary_set() -> frozenset[str]:
    return frozenset(_vocabulary_words())


def heading_words(text: str) -> tuple[str, ...]:
    """A heading's folded words, numbering and wrapping removed, misspellings corrected."""
    return tuple(stem(_corrected(w)) for w in fold(strip_numbering(strip_wrapping(text))).split())


def matches(words: tuple[str, ...], phrases: Iterable[Phrase],
            light: frozenset[str] = frozenset()) -> list[PhraseMatch]:
    """Every phrase occurring in ``words`` (in order, side by side), with its coverage:
    the share of the heading's words it accounts for, function words (and ``light``
    words outside the phrase) counting for less."""
    if not words:
        return []

    def _own_weight(word: str) -> float:  # as part of a phrase
        return 0.3 if word in stopwords() else 1.0

    def _weight(word: str) -> float:  # around a phrase
        return 0.3 if word in stopwords() or word in light else 1.0

    total = sum(_weight(w) for w in words)
    exclude = _EXCLUDED.get()
    found = []
    for phrase in phrases:
        if phrase.origin in exclude:
            continue
        size = len(phrase.words)
        for first in range(len(words) - size + 1):
            if words[first:first + size] == phrase.words:
                # A light word the phrase itself holds ('échelle nationale') is part of
                # what it names, not filler around it: it counts in full on both sides.
                covered = sum(_own_weight(w) for w in phrase.words)
                held = covered - sum(_weight(w) for w in phrase.words)
                found.append(PhraseMatch(phrase, first, min(1.0, covered / (total + held))))
                break
    return found


@lru_cache(maxsize=1)
def _phrases_by_first_word() -> dict[str, tuple[Phrase, ...]]:
    index: dict[str, list[Phrase]] = {}
    for phrase in heading_phrases():
        index.setdefault(phrase.words[0], []).append(phrase)
    return {k: tuple(v) for k, v in index.items()}


def heading_matches(text: str) -> list[PhraseMatch]:
    """The section and title phrases a heading contains."""
    words = heading_words(text)
    index = _phrases_by_first_word()
    candidates = {p for w in set(words) for p in index.get(w, ())}
    return matches(words, sorted(candidates, key=lambda p: (p.target, p.words)))


@dataclass(frozen=True)
class Cues:
    """Content cues of one kind: single words, word prefixes and phrases, all folded."""

    words: frozenset[str]
    prefixes: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]

    def count(self, words: list[str], text: str) -> int:
        """How many cue occurrences ``words`` (the folded text split) holds."""
        hits = sum(1 for w in words if w in self.words or w.startswith(self.prefixes))
        padded = f" {text} "
        return hits + sum(padded.count(f" {' '.join(p)} ") for p in self.phrases)


@lru_cache(maxsize=1)
def cues() -> dict[str, Cues]:
    """Cue kind ('problem', 'remedy', 'discussion', 'attribution') -> its cues, all languages."""
    raw: dict[str, list[str]] = {}
    for lang in LANGUAGES:
        for row in _rows(f"cues.{lang}.tsv"):
            raw.setdefault(row[0], []).append(row[1].strip())
    found = {}
    for kind, terms in raw.items():
        words = frozenset(fold(t) for t in terms if " " not in t.strip() and not t.endswith("*"))
        prefixes = tuple(sorted({fold(t[:-1]) for t in terms if t.endswith("*")}))
        phrases = tuple(sorted({tuple(fold(t).split()) for t in terms
                                if " " in t.strip() and not t.endswith("*")}))
        found[kind] = Cues(words, prefixes, phrases)
    return found


@lru_cache(maxsize=1)
def references() -> dict[str, tuple[re.Pattern[str], ...]]:
    """Reference cue ('gcm', 'sdg', 'title') -> patterns over folded text."""
    found: dict[str, list[re.Pattern[str]]] = {}
    for row in _rows("references.tsv"):
        found.setdefault(row[0], []).append(re.compile(row[1]))
    return {k: tuple(v) for k, v in found.items()}


def reference_count(kind: str, folded: str) -> int:
    """How many references of ``kind`` a folded text holds."""
    return sum(len(p.findall(folded)) for p in references().get(kind, ()))
