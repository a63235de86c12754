"""Map a report's own wording of a challenge group to the controlled category scheme.

The report's wording ('Socio-economic reasons:', 'Data and capacity') is kept as written;
this only chooses the scheme key it corresponds to, from the scheme's labels, its example
wordings and its scope notes (ontology/vocab/schemes.ttl, generated from the reference).
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from rapidfuzz import fuzz

from ..text_utils import fold, strip_numbering

_GENERIC = {"reasons", "reason", "factors", "issues", "related", "aspects", "gaps", "raisons",
            "facteurs", "and", "et", "the", "of", "de", "des", "du", "la", "le", "les"}
_THRESHOLD = 85


def _core(text: str) -> str:
    return " ".join(w for w in fold(strip_numbering(text)).split() if w not in _GENERIC)


@lru_cache(maxsize=1)
def _targets() -> tuple[tuple[str, tuple[str, ...], frozenset[str]], ...]:
    from migkg.ontology import vocabulary

    extra: dict[str, list[str]] = {}
    path = files("migkg.loaders.extract") / "data" / "category_wordings.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, wording = line.split("\t")[:2]
            extra.setdefault(key, []).append(wording)
    targets = []
    for category in vocabulary.challenge_categories():
        names = [category.label, getattr(category, "label_fr", None), *category.wordings,
                 *extra.get(category.key, [])]
        phrases = tuple(sorted({_core(n) for n in names if n and _core(n)}))
        scope = frozenset(w for w in fold(getattr(category, "scope", "") or "").split()
                          if len(w) > 3 and w not in _GENERIC)
        targets.append((category.key, phrases, scope))
    return tuple(targets)


def _prefixes(words) -> frozenset[str]:
    return frozenset(w[:6] for w in words if len(w) > 3)


@lru_cache(maxsize=1)
def _word_targets() -> tuple[tuple[str, frozenset[str], frozenset[str]], ...]:
    """Per category: the word stems of its names and wordings, and of its scope note."""
    return tuple((key, _prefixes(w for p in phrases for w in p.split()), _prefixes(scope))
                 for key, phrases, scope in _targets())


@lru_cache(maxsize=1024)
def match(wording: str, *, strict: bool = False) -> str | None:
    """The category key for a group wording, or None when nothing fits well.

    First the scheme's names and example wordings, compared as word sets; failing that,
    word by word: a word sharing its stem with a category's name counts 1, with its scope
    note 0.5, and the best category wins if it clearly beats the others ('Policy and
    institutions' is political-institutional by 'institutional').

    ``strict`` accepts only the scheme's own names and wordings, not a word of its scope
    note: for text whose role is uncertain (a lead that may be a title, a short line that
    may be a challenge), where 'Lack of data' must not pass for a group name.
    """
    core = _core(wording)
    if not core or len(core.split()) > 8:
        return None
    best_key, best_score = None, 0.0
    for key, phrases, _ in _targets():
        score = max((fuzz.token_set_ratio(core, p) for p in phrases), default=0.0)
        if score > best_score:
            best_key, best_score = key, score
    if best_score >= _THRESHOLD:
        return best_key
    stems = _prefixes(core.split())
    ranked = sorted(
        ((sum(1.0 if s in names else (0.0 if strict else 0.5 if s in scope else 0.0)
              for s in stems), key)
         for key, names, scope in _word_targets()),
        reverse=True,
    )
    (top, key), (second, _) = ranked[0], ranked[1]
    if top > second and (top >= len(stems) if strict else top >= 0.5):
        return key
    return None
