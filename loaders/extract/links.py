"""Links from an insight to GCM objectives, GCM guiding principles and SDG targets.

Two kinds of link, both explainable and computed offline:

**Explicit** (``basis='explicit'``, confidence 1.0, method ``explicit-reference/1``): the
text names the concept. Objectives: 'Objective 5', 'GCM objective 23', 'objectives 1, 3,
7, 17 and 23', 'objectives 2-4', 'Obj. 5', 'objectif 5'. SDG targets: 'SDG target 10.7',
'target 8.8', 'targets 8.8 and 10.7', 'SDG 10.7', 'cible 10.7', and an indicator names its
target ('indicator 10.7.1' -> 10.7); in the Agenda 2030 section a bare code ('8.8') is a
target too. Principles: their names ('whole-of-government approach', 'whole of society',
'people-centred', 'gender-responsive', 'child-sensitive', 'rights-based approach', 'rule
of law', 'due process', 'national sovereignty'), English and French. A sentence that says
the compact was *not* discussed names nothing.

**Inferred** (``basis='inferred'``, method ``keyword-match/1``): the insight shares
evidence terms with a concept's official wording (objective title, short label and the
key terms of its commitments; SDG target text; principle name and definition), plus a
small curated list of the words reports use for each concept (``data/concept_terms.tsv``).
Words are folded (case, accents), lightly stemmed ('recruiters' = 'recruiter',
'regularised' = 'regularized') and stripped of words every concept shares ('migration',
'policy'). Each term weighs its inverse document frequency over the concepts of its kind
(a term found in one objective says more than one found in nine), multi-word terms count
1.5 times. The score is the sum over distinct matched terms; the confidence is a logistic
map of it, ``1 / (1 + exp(-SLOPE * (score - MIDPOINT)))`` (capped at 0.99: certainty is
for explicit links), whose two parameters per kind (:data:`CALIBRATION`) were fitted by
logistic regression of "the gold lists the concept as core or acceptable for the report"
on the report's best insight score, over the ten example reports with gold files
(``../shared/corpus`` and ``examples/gold``). Only links at or above the threshold are
returned: ``threshold=`` argument, else ``MIGKG_LINK_THRESHOLD``, else
:data:`DEFAULT_THRESHOLD`. ``evidence`` lists the matched terms as written.

:func:`aggregate_links` turns per-insight links into report-level links (the gold, and a
reader, judge a report as a whole): explicit links stay; an inferred link's report
confidence is the noisy-OR of its insights' confidences, kept when it reaches the
threshold.
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from ..model import LINK_KINDS, Annotator, LinkAnnotation, Report

__all__ = [
    "DEFAULT_THRESHOLD",
    "METHOD_EXPLICIT",
    "METHOD_INFERRED",
    "Link",
    "EXPLICIT_LINKS",
    "INFERRED_LINKS",
    "aggregate_links",
    "find_explicit_links",
    "find_inferred_links",
    "find_links",
    "link_threshold",
]

METHOD_EXPLICIT = "explicit-reference/1"
METHOD_INFERRED = "keyword-match/1"
# Chosen by measuring report-level precision and recall at 0.5, 0.6 and 0.7 on the same
# reports: 0.7 keeps the recall of core concepts and gives the best precision.
DEFAULT_THRESHOLD = 0.7
ENV_THRESHOLD = "MIGKG_LINK_THRESHOLD"

# Logistic calibration of the keyword score per kind: (slope, midpoint).
CALIBRATION: dict[str, tuple[float, float]] = {
    "objective": (0.54, 4.57),
    "target": (0.71, 2.80),
    "principle": (0.98, 1.86),
}


@dataclass(frozen=True)
class Link:
    """A link from a text to a concept, with its basis, confidence, evidence and method."""
    kind: str  # objective | principle | target
    key: str  # "5" | "whole-of-government" | "10.7"
    basis: str  # explicit | inferred
    confidence: float
    evidence: tuple[str, ...]
    method: str
    start: int | None  # span of the explicit reference in the text; None when inferred
    end: int | None


def link_threshold(threshold: float | None = None) -> float:
    """The threshold in force: the argument, else $MIGKG_LINK_THRESHOLD, else the default."""
    if threshold is not None:
        return threshold
    raw = os.environ.get(ENV_THRESHOLD, "").strip()
    if raw:
        try:
            value = float(raw)
        except ValueError:
            return DEFAULT_THRESHOLD
        if 0.0 <= value <= 1.0:
            return value
    return DEFAULT_THRESHOLD


def find_links(text: str, *, section: str, threshold: float | None = None) -> list[Link]:
    """Explicit and inferred links of one insight's text, explicit first, then by key.

    ``section`` is the template section the text comes from (summary, challenges,
    practices, gcm, agenda2030, quotes): bare SDG codes count only in ``agenda2030``.
    """
    explicit = find_explicit_links(text, section=section)
    return explicit + find_inferred_links(text, named=explicit, threshold=threshold)


def find_explicit_links(text: str, *, section: str) -> list[Link]:
    """The concepts ``text`` names (one link each, by kind and key); see :func:`find_links`."""
    return _dedupe(_explicit(text, section))


def find_inferred_links(
    text: str, *, named: Iterable[Link] = (), threshold: float | None = None
) -> list[Link]:
    """Links inferred from shared terms, at or above the threshold, by kind and key.

    ``named`` are the explicit links of the same text: a concept named is not inferred.
    """
    limit = link_threshold(threshold)
    known = {(link.kind, link.key) for link in named}
    inferred = [
        link for link in _inferred(text)
        if link.confidence >= limit and (link.kind, link.key) not in known
    ]
    return sorted(inferred, key=_order)


def aggregate_links(
    per_insight: Iterable[Iterable[Link]], *, threshold: float | None = None
) -> list[Link]:
    """Report-level links from the links of its insights (see the module docstring)."""
    limit = link_threshold(threshold)
    explicit: dict[tuple[str, str], Link] = {}
    inferred: dict[tuple[str, str], list[Link]] = {}
    for links in per_insight:
        for link in links:
            key = (link.kind, link.key)
            if link.basis == "explicit":
                explicit.setdefault(key, link)
            else:
                inferred.setdefault(key, []).append(link)
    result = list(explicit.values())
    for key, links in inferred.items():
        if key in explicit:
            continue
        miss = 1.0
        for link in links:
            miss *= 1.0 - link.confidence
        confidence = min(0.99, round(1.0 - miss, 3))
        if confidence >= limit:
            evidence = tuple(dict.fromkeys(term for link in links for term in link.evidence))
            result.append(Link(key[0], key[1], "inferred", confidence, evidence,
                               METHOD_INFERRED, None, None))
    return sorted(result, key=lambda link: (link.basis != "explicit", _order(link)))


def _order(link: Link) -> tuple:
    kinds = ("objective", "principle", "target")
    if link.kind == "objective":
        key: tuple = (int(link.key),)
    elif link.kind == "target":
        goal, _, part = link.key.partition(".")
        key = (int(goal), int(part) if part.isdigit() else 100 + ord(part[:1] or "a"))
    else:
        key = (link.key,)
    return (kinds.index(link.kind), key)


def _dedupe(links: list[Link]) -> list[Link]:
    seen: set[tuple[str, str]] = set()
    kept = []
    for link in links:
        if (link.kind, link.key) not in seen:
            seen.add((link.kind, link.key))
            kept.append(link)
    return sorted(kept, key=_order)


# --------------------------------------------------------------------------- explicit

# A number may carry its title in brackets: 'objectifs 4 (identité juridique) et 21'.
_GLOSS = r"(?:\s*\([^()]{1,80}\))?"
_NUMBER_LIST = (
    rf"\d{{1,2}}(?![\d.,]\d){_GLOSS}(?:\s*(?:,|;|&|\band\b|\bet\b|\by\b|\bor\b|\bou\b|-|–|"
    rf"\bto\b|\bà\b)\s*\d{{1,2}}(?![\d.,]\d){_GLOSS})*"
)
_OBJECTIVE = re.compile(
    rf"\b(?:GCM\s+|PMM\s+|Compact\s+)?(?:objectives?|objectifs?|objetivos?|obj\.?)"
    # '… objectives of the round table: 14, 15 and 22': a few words, then the list.
    rf"(?:\s+[^\d:.;()]{{1,40}}?:)?"
    rf"\s*(?:n[°o]s?\.?\s*|#\s*)?(?P<list>{_NUMBER_LIST})",
    re.IGNORECASE,
)
_CODE = r"\d{1,2}\.(?:\d{1,2}|[a-g])(?:\.\d{1,2})?(?![\w.]*\d)"
_CODE_LIST = rf"{_CODE}(?:\s*(?:,|;|&|\band\b|\bet\b|\by\b|\bor\b|\bou\b)\s*{_CODE})*"
_TARGET = re.compile(
    rf"\b(?:(?:SDGs?|ODD|ODS)\s+)?(?:targets?|cibles?|metas?|indicators?|indicateurs?"
    rf"|indicadores?)\s+(?:n[°o]\.?\s*)?(?P<list>{_CODE_LIST})"
    rf"|\b(?:SDGs?|ODD|ODS)\s*(?P<single>{_CODE})",
    re.IGNORECASE,
)
_BARE_CODE = re.compile(rf"(?<![\w.]){_CODE}(?![\w])")
_NEGATED = re.compile(
    r"\b(?:not|never|no|nor|without|neither)\b[^.;:]{0,40}\b(?:discuss|address|mention|cover|"
    r"raise|refer)\w*|\bpas\b[^.;:]{0,30}\b(?:abord|discut|mentionn)\w*",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _principle_rows() -> dict[str, tuple[str, ...]]:
    """Key -> its patterns, as data/principle_wordings.tsv lists them."""
    data = files("migkg.loaders.extract").joinpath("data", "principle_wordings.tsv")
    patterns: dict[str, list[str]] = {}
    for line in data.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, pattern = line.split("\t")
            patterns.setdefault(key, []).append(pattern)
    return {key: tuple(found) for key, found in patterns.items()}


@lru_cache(maxsize=1)
def _principle_wordings() -> tuple[re.Pattern[str], tuple[tuple[str, re.Pattern[str]], ...]]:
    """(the words naming a principle as such, (key, distinctive wording) per principle)."""
    rows = _principle_rows()
    trigger = re.compile(r"\b(?:" + "|".join(rows["@principle"]) + r")\b", re.I)
    return trigger, tuple((key, re.compile(r"\b(?:" + "|".join(found) + r")\b", re.I))
                          for key, found in rows.items() if key[0] not in "@~")


@lru_cache(maxsize=1)
def _principle_labels() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(key, its labels as one pattern) per principle: the vocabulary's labels in every
    language, spaces, hyphens and apostrophes matched loosely."""
    from migkg.ontology import vocabulary

    found = []
    for principle in vocabulary.principles():
        labels = [principle.label, principle.label_fr or "", *principle.variants]
        spelled = sorted({_loose(label) for label in labels if label.strip()}, key=len,
                         reverse=True) + list(_principle_rows().get("~" + principle.key, ()))
        found.append((principle.key, re.compile(r"\b(?:" + "|".join(spelled) + r")\b", re.I)))
    return tuple(found)


def _loose(label: str) -> str:
    return r"[\s'’-]+".join(re.escape(word) for word in re.split(r"[\s'’-]+", label.strip()))


# How far a principle's label may stand from the word 'principle': the rest of its clause
# after it ('the guiding principles of human rights and sustainable development'), a few
# words before it ('the human rights principle'); a colon may introduce it ('the following
# principle: human rights').
_CLAUSE_END = re.compile(r"[.;!?\n]")
MAX_AFTER_PRINCIPLE = 120
MAX_BEFORE_PRINCIPLE = 40


def _named_principles(text: str) -> Iterator[tuple[str, re.Match[str]]]:
    """(key, match of its label) for each principle named as one: its label in the clause
    after a word naming principles, or right before it."""
    trigger, _ = _principle_wordings()
    for word in trigger.finditer(text):
        after_end = word.end() + MAX_AFTER_PRINCIPLE
        stop = _CLAUSE_END.search(text, word.end(), after_end)
        after_end = stop.start() if stop else min(after_end, len(text))
        before_start = max(0, word.start() - MAX_BEFORE_PRINCIPLE)
        for key, label in _principle_labels():
            for match in label.finditer(text, word.end(), after_end):
                yield key, match
            for match in label.finditer(text, before_start, word.start()):
                if not text[match.end():word.start()].strip(" -"):  # right before it
                    yield key, match


def _explicit(text: str, section: str) -> list[Link]:
    links: list[Link] = []
    for match in _OBJECTIVE.finditer(text):
        if _negated(text, match.start(), match.end()):
            continue
        for number in _expand_numbers(match.group("list")):
            if 1 <= number <= 23:
                links.append(_explicit_link("objective", str(number), text, match))
    for match in _TARGET.finditer(text):
        codes = match.group("list") or match.group("single") or ""
        for code in re.findall(_CODE, codes):
            target = _target_of(code)
            if target:
                links.append(_explicit_link("target", target, text, match))
    if section == "agenda2030":
        covered = [(m.start(), m.end()) for m in _TARGET.finditer(text)]
        for match in _BARE_CODE.finditer(text):
            if any(s <= match.start() < e for s, e in covered):
                continue
            target = _target_of(match.group())
            if target:
                links.append(_explicit_link("target", target, text, match))
    for key, pattern in _principle_wordings()[1]:
        for match in pattern.finditer(text):
            links.append(_explicit_link("principle", key, text, match))
    for key, match in _named_principles(text):
        links.append(_explicit_link("principle", key, text, match))
    return links


def _explicit_link(kind: str, key: str, text: str, match: re.Match[str]) -> Link:
    return Link(kind, key, "explicit", 1.0, (text[match.start():match.end()],),
                METHOD_EXPLICIT, match.start(), match.end())


def _negated(text: str, start: int, end: int) -> bool:
    """'Objective 5 was not discussed', 'not discussed: objective 5': the clause denies it."""
    clause_start = max(text.rfind(ch, 0, start) for ch in ".;,:\n") + 1
    stops = [i for i in (text.find(ch, end) for ch in ".;,:\n") if i >= 0]
    clause_end = min(stops) if stops else len(text)
    return bool(_NEGATED.search(text[clause_start:start])
                or _NEGATED.search(text[start:clause_end]))


def _expand_numbers(listing: str) -> list[int]:
    numbers: list[int] = []
    listing = re.sub(r"\s*\([^()]*\)", "", listing)  # the titles in brackets
    parts = re.split(r"\s*(,|;|&|\band\b|\bet\b|\by\b|\bor\b|\bou\b|-|–|\bto\b|\bà\b)\s*",
                     listing, flags=re.IGNORECASE)
    previous_sep = None
    for part in parts:
        if part.isdigit():
            value = int(part)
            if previous_sep in ("-", "–", "to", "à") and numbers and numbers[-1] < value <= 23:
                numbers.extend(range(numbers[-1] + 1, value + 1))
            else:
                numbers.append(value)
        elif part:
            previous_sep = part.lower()
    return list(dict.fromkeys(numbers))


def _target_of(code: str) -> str | None:
    """'10.7' -> '10.7'; '10.7.1' (an indicator) -> '10.7'; None when no SDG target."""
    parts = code.lower().split(".")
    if len(parts) < 2 or not parts[0].isdigit() or not 1 <= int(parts[0]) <= 17:
        return None
    target = parts[1]
    if target.isdigit():
        if not 1 <= int(target) <= 19 or target.startswith("0"):
            return None
    elif target not in "abcdefg":
        return None
    code = f"{int(parts[0])}.{target}"
    # The shipped scheme holds all 169 official targets: '7.9' is a number, not a target.
    return code if code in _target_codes() else None


@lru_cache(maxsize=1)
def _target_codes() -> frozenset[str]:
    from migkg.ontology import vocabulary

    return frozenset(target.code for target in vocabulary.sdg_targets())


# --------------------------------------------------------------------------- inferred

_STOP = frozenset(
    """a an the of in on at by for to from with and or but as per into within across over
    under than which who whom whose that this these those it its their his her our is are
    was were be been being has have had do does did will would shall should can could may
    might must not no all any each every both other such so very also only just still more
    most less well e g eg etc incl including including via through throughout toward towards
    among between about against up out new ensure enhance strengthen promote provide
    facilitate establish create use utilize support address reduce work make take basis
    appropriate adequate full fully certain level levels stage stages context way ways
    migration migrations migrant migrants migratory international national regional global
    local policy policies country countries state states people persons person government
    governments approach approaches measure measures mechanism mechanisms system systems
    programme programmes program programs area areas issue issues case cases term terms
    first second one two three four five several many various whole due need needs linked
    office offices status network forum origin destination destinations practice practices
    legal non part parts age income process processes target targets goal goals objective
    objectives plan plans protocol protocols ratification good better best key main major
    current existing
    common related relevant specific particular general overall others
    le la les des du de d l un une et ou en dans pour par sur au aux avec que qui ses son
    sa leur leurs est sont ont été migration migrations migrants pays politique
    politiques""".split()
)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _stem(word: str) -> str:
    """A light English stemmer: plurals, -ing/-ed, British -is- spellings."""
    w = word
    w = re.sub(r"is(ation|e|ed|es|ing)$", r"iz\1", w) if len(w) > 6 else w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        w = w[:-1]
    if w.endswith("ing") and len(w) > 6:
        w = w[:-3]
    elif w.endswith("ed") and len(w) > 5:
        w = w[:-2]
        if w.endswith("iz"):
            w += "e"
    return w


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


@lru_cache(maxsize=65536)
def _content_stem(part: str) -> str | None:
    """A word's stem, or None for a function word or a single letter (cached: the same
    words recur in every insight)."""
    low = _fold(part)
    return _stem(low) if len(low) >= 2 and low not in _STOP else None


def _content_words(text: str) -> list[tuple[str, tuple[int, int]]]:
    """(stem, span in the text) of each content word, hyphenated parts split."""
    words = []
    for match in _WORD.finditer(text):
        offset = match.start()
        for part in match.group().split("-"):
            stem = _content_stem(part)
            if stem is not None:
                words.append((stem, (offset, offset + len(part))))
            offset += len(part) + 1
    return words


def _term_keys(phrase: str) -> list[tuple[str, ...]]:
    """A phrase's terms: each content word, and each pair of adjacent content words."""
    stems = [stem for stem, _ in _content_words(phrase)]
    keys: list[tuple[str, ...]] = [(s,) for s in stems]
    keys += [(a, b) for a, b in zip(stems, stems[1:], strict=False)]
    return keys


@dataclass(frozen=True)
class _Concept:
    kind: str
    key: str
    terms: dict[tuple[str, ...], float]  # term -> field weight


@dataclass(frozen=True)
class _Model:
    concepts: tuple[_Concept, ...]
    idf: dict[str, dict[tuple[str, ...], float]]  # kind -> term -> idf
    # term -> (index of a concept that has it, its place among that concept's terms), so a
    # text is scored against the concepts it shares a term with, not against all of them.
    index: dict[tuple[str, ...], list[tuple[int, int]]]


def _split_phrases(text: str) -> list[str]:
    return [p for p in re.split(r"[,;/()]|\bvs\b|\be\.g\.", text) if p.strip()]


def _extra_terms() -> dict[tuple[str, str], list[str]]:
    table: dict[tuple[str, str], list[str]] = {}
    data = files("migkg.loaders.extract").joinpath("data", "concept_terms.tsv")
    for line in data.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, key, terms = line.split("\t")
        table.setdefault((kind, key), []).extend(t for t in terms.split("|") if t)
    return table


@lru_cache(maxsize=1)
def _model() -> _Model:
    from migkg.ontology import vocabulary

    extra = _extra_terms()
    concepts: list[_Concept] = []

    def concept(kind: str, key: str, fields: list[tuple[str, float, bool]]) -> None:
        # (text, weight, single words count): paraphrased commitments and definitions give
        # only phrases, since a single word of theirs ('ratification', 'age') says little.
        terms: dict[tuple[str, ...], float] = {}
        # A curated term of one word counts alone; a longer one only as a phrase.
        curated = [(t, 1.0, " " not in t.strip()) for t in extra.get((kind, key), [])]
        for text, weight, single in fields + curated:
            for phrase in _split_phrases(text):
                stems = tuple(stem for stem, _ in _content_words(phrase))
                keys: list[tuple[str, ...]] = list(zip(stems, stems[1:], strict=False))
                if single:
                    keys += [(stem,) for stem in stems]
                if 2 <= len(stems) <= 4:
                    keys.append(stems)
                for term in keys:
                    terms[term] = max(terms.get(term, 0.0), weight)
        concepts.append(_Concept(kind, key, terms))

    for objective in vocabulary.objectives():
        concept("objective", str(objective.number),
                [(objective.title, 1.0, True), (objective.short, 1.0, True),
                 (objective.title_fr or "", 1.0, True), (objective.short_fr or "", 1.0, True)]
                + [(k, 0.8, False) for k in objective.keywords])
    for target in vocabulary.sdg_targets():
        if not target.definition:
            continue
        concept("target", target.code,
                [(target.definition, 1.0, False), (target.note or "", 0.8, False)])
    for principle in vocabulary.principles():
        concept("principle", principle.key,
                [(principle.label, 1.0, True), (principle.definition or "", 0.5, False)])
    idf: dict[str, dict[tuple[str, ...], float]] = {}
    for kind in ("objective", "target", "principle"):
        members = [c for c in concepts if c.kind == kind]
        counts: dict[tuple[str, ...], int] = {}
        for member in members:
            for term in member.terms:
                counts[term] = counts.get(term, 0) + 1
        idf[kind] = {term: math.log(1 + len(members) / n) for term, n in counts.items()}
    index: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for number, member in enumerate(concepts):
        for place, term in enumerate(member.terms):
            index.setdefault(term, []).append((number, place))
    return _Model(tuple(concepts), idf, index)


def _inferred(text: str) -> list[Link]:
    return [link for link, _ in _scored(text)]


def _scored(text: str) -> list[tuple[Link, float]]:
    model = _model()
    words = _content_words(text)
    if not words:
        return []
    stems = [stem for stem, _ in words]
    present: dict[tuple[str, ...], str] = {}
    for size in (1, 2, 3, 4):
        for index in range(len(stems) - size + 1):
            key = tuple(stems[index:index + size])
            if key in present or key not in model.index:
                continue  # only terms some concept has can score
            # Evidence as written, words in between included ('access to health care').
            first, last = words[index][1][0], words[index + size - 1][1][1]
            present[key] = " ".join(text[first:last].split())
    hits: dict[int, list[tuple[int, tuple[str, ...]]]] = {}
    for term in present:
        for number, place in model.index.get(term, ()):
            hits.setdefault(number, []).append((place, term))
    links = []
    for number in sorted(hits):
        concept = model.concepts[number]
        idf = model.idf[concept.kind]
        score = 0.0
        evidence: list[str] = []
        # The concept's terms in their own order, so the sum is the same float every time.
        matched = [term for _, term in sorted(hits[number])]
        for term in matched:
            score += idf[term] * concept.terms[term] * (1.5 if len(term) > 1 else 1.0)
        # A word already counted inside a matched phrase adds its phrase, not itself again.
        longest = [t for t in matched
                   if not any(len(o) > len(t) and _inside(t, o) for o in matched)]
        evidence = [present[t] for t in sorted(longest, key=lambda t: (-len(t), t))]
        slope, midpoint = CALIBRATION[concept.kind]
        # 1.0 is kept for explicit links: an inference is never certain.
        confidence = min(0.99, 1.0 / (1.0 + math.exp(-slope * (score - midpoint))))
        links.append((Link(concept.kind, concept.key, "inferred", round(confidence, 3),
                           tuple(dict.fromkeys(evidence)), METHOD_INFERRED, None, None), score))
    return links


def _inside(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    size = len(short)
    return any(long[i:i + size] == short for i in range(len(long) - size + 1))


def scores(text: str) -> list[tuple[str, str, float, tuple[str, ...]]]:
    """(kind, key, raw keyword score, evidence) of every concept the text touches.

    For calibrating :data:`CALIBRATION` and explaining a link; not used by the linker.
    """
    return [(link.kind, link.key, round(score, 3), link.evidence) for link, score in _scored(text)]



# --------------------------------------------------------------------------- annotators
# Explicit links first; the inferred ones read them, so a concept named is not inferred.


def _annotation(name: str, index: int, offset: int, text: str, link: Link) -> LinkAnnotation:
    if link.start is None or link.end is None:
        start = end = None
        written = ""
    else:
        start, end = offset + link.start, offset + link.end
        written = text[start:end]
    return LinkAnnotation(name, LINK_KINDS[link.kind], index, start, end, written, link.key,
                          concept=link.kind, basis=link.basis, confidence=link.confidence,
                          evidence=link.evidence, method=link.method)


def _as_link(annotation: LinkAnnotation) -> Link:
    return Link(annotation.concept, annotation.code, annotation.basis, annotation.confidence,
                annotation.evidence, annotation.method, None, None)


def _annotate_explicit(report: Report) -> Iterator[LinkAnnotation]:
    text = report.document.text
    for index, insight in enumerate(report.insights):
        for link in find_explicit_links(insight.text, section=insight.section):
            yield _annotation("explicit-links", index, insight.start, text, link)


def _annotate_inferred(report: Report) -> Iterator[LinkAnnotation]:
    text = report.document.text
    for index, insight in enumerate(report.insights):
        named = [_as_link(a) for a in report.of("explicit-links", index)]  # type: ignore[arg-type]
        for link in find_inferred_links(insight.text, named=named):
            yield _annotation("inferred-links", index, insight.start, text, link)


EXPLICIT_LINKS = Annotator("explicit-links", (), METHOD_EXPLICIT, _annotate_explicit)
INFERRED_LINKS = Annotator("inferred-links", ("explicit-links",), METHOD_INFERRED,
                           _annotate_inferred)
