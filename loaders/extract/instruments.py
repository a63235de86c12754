"""Policy instruments: white papers, national policies and strategies, frameworks,
guidelines, conventions, protocols, programmes, plans, declarations, and the named
publications a report cites (reports, notes, estimates).

An instrument is found from its head noun ('Framework', 'policies', 'Protocol') and the
words before it that belong to its name ('IGAD Regional Migration Policy', 'national
migration'), plus a proper-name tail ('Convention *on Social Security*', 'Strategy *on
Immigration and Asylum (SNIA)*'). A lower-case instrument needs a subject word
('national *migration* policies', 'national *adaptation* plans'), so that 'foreign and trade
policies' or 'regional policies' are not taken for instruments.

The issuer is an entity inside the name ('*SADC* Labour Migration Policy Framework'), else
one right after it ('… framework in *SADC*'), else the entity that owns it in the same
sentence ('*South Africa* with its 2017 White Paper'). The year is a year inside the name,
or one just before it ('its *2016* adoption of migration policy').
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..model import Annotator, InstrumentAnnotation, Report

__all__ = ["INSTRUMENTS", "Instrument", "find_instruments"]


@dataclass(frozen=True)
class Instrument:
    """An instrument or publication found in a text (offsets into that text)."""
    start: int
    end: int
    label: str  # the instrument's name as written (the span's text)
    kind: str  # policy | strategy | framework | guidelines | convention | protocol | ...
    issuers: tuple[str, ...]  # codes of issuing states or bodies (ISO3 / registry acronym)
    year: int | None
    publication: bool = False  # a cited publication rather than a policy instrument

    @property
    def issuer(self) -> str | None:
        return self.issuers[0] if self.issuers else None


_HEADS: dict[str, str] = {
    "policy": "policy", "policies": "policy", "politique": "policy", "politiques": "policy",
    "strategy": "strategy", "strategies": "strategy", "stratégie": "strategy",
    "strategie": "strategy", "framework": "framework", "frameworks": "framework",
    "cadre": "framework", "guidelines": "guidelines", "guideline": "guidelines",
    "convention": "convention", "conventions": "convention", "protocol": "protocol",
    "protocols": "protocol", "protocole": "protocol", "protocoles": "protocol",
    "declaration": "declaration", "déclaration": "declaration", "programme": "programme",
    "program": "programme", "programmes": "programme", "project": "project",
    "projet": "project", "plan": "plan", "plans": "plan", "agreement": "agreement",
    "agreements": "agreement", "accord": "agreement", "accords": "agreement",
    "charter": "charter", "charte": "charter", "act": "law", "law": "law", "laws": "law",
    "loi": "law", "regime": "regime", "regimes": "regime", "régime": "regime",
    "roadmap": "plan", "treaty": "treaty", "traité": "treaty", "directive": "law",
    "regulation": "law", "pact": "pact", "pacte": "pact", "compact": "compact",
    "paper": "white-paper", "estimates": "publication", "report": "publication",
    "rapport": "publication", "note": "publication", "study": "publication",
    "étude": "publication", "survey": "publication", "handbook": "publication",
    "guide": "publication", "toolkit": "publication", "database": "publication",
    "projects": "project", "projets": "project", "scheme": "programme", "schemes": "programme",
    "arrangement": "agreement", "arrangements": "agreement", "statute": "law",
    "statut": "law", "decision": "law", "décision": "law", "instrument": "instrument",
    "consensus": "declaration", "standard": "standard", "standards": "standard",
    "initiative": "programme", "partnership": "programme", "system": "programme",
    "mechanism": "programme", "mécanisme": "programme",
}
# Heads that name an instrument only as part of a proper name ('Global Skills Partnership',
# 'Temporary Protection Statute'), never in lower case ('a partnership', 'the system').
_PROPER_ONLY = frozenset(
    "instrument decision décision statute statut consensus standard standards initiative "
    "partnership system mechanism mécanisme database".split()
)
# French names run on in lower case after the head: 'Protocole de la CEDEAO sur la libre
# circulation des personnes'.
_FRENCH_TAIL_START = frozenset("de du des d sur relatif relative relatifs portant pour".split())
_FRENCH_TAIL_STOP = frozenset(
    """a ont est sont été était étaient sera seront reste restent permet permettent prévoit
    vise visent doit doivent peut peuvent qui que qu dont mais afin lors alors comme ainsi
    notamment également aussi déjà encore toujours""".split()
)
_PUBLICATION_KINDS = frozenset({"publication"})
# Lower-case words that can be part of an instrument's name.
_MODIFIERS = frozenset(
    """national regional continental global international joint bilateral multilateral
    subregional sub-regional comprehensive general sectoral new revised first second
    labour labor migration migrant mobility free movement social security protection
    adaptation integration diaspora return reintegration recruitment employment asylum
    immigration emigration border management development action key findings background
    statistical data skills gender child climate health education remittances trafficking
    relocation displacement resettlement visa insurance planned humanitarian
    smuggling refugee humanitarian decent work fair ethical white policy technical
    nationale régionale migratoire migration mobilité libre circulation sociale
    protection adaptation intégration emploi asile""".split()
)
# ...and of those, the ones that say what a lower-case instrument is about.
_SUBJECTS = frozenset(
    """migration migrant mobility movement labour labor adaptation asylum immigration
    emigration diaspora recruitment reintegration integration return border remittances
    trafficking smuggling refugee findings background skills relocation displacement
    resettlement visa insurance migratoire mobilité circulation asile emploi""".split()
)
_TAIL_JOINERS = frozenset("on concerning for of relating to sur relative relatif de du des".split())
_NAME_JOINERS = frozenset("and of on for the et de du des la".split())
_POSSESSIVES = frozenset("its their his her ses son sa leur leurs".split())
_YEAR = re.compile(r"^(?:19[5-9]\d|20\d\d)$")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|[^\w\s]", re.UNICODE)
# The compact itself and the 2030 Agenda frame every report; they are not cited instruments.
_FRAME = re.compile(
    r"^(?:the\s+)?(?:global\s+)?compact(?:\s+for\s+(?:safe,?\s+orderly\s+and\s+regular\s+)?"
    r"migration)?$|^gcm$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def capital(self) -> bool:
        return self.text[:1].isupper()


def find_instruments(text: str, entities: Sequence[object]) -> list[Instrument]:
    """Instruments and named publications in ``text``, in reading order.

    ``entities`` are the text's entity mentions (``entities.find_entities``: objects with
    ``start``, ``end``, ``kind`` and ``code``); they give an instrument its issuers.
    """
    spans = [(m.start, m.end, m.kind, m.code) for m in entities  # type: ignore[attr-defined]
             if m.kind in ("country", "rec", "rcp", "organisation") and m.code]
    words = [_Word(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
    found: list[Instrument] = []
    used_until = -1
    for index, word in enumerate(words):
        kind = _HEADS.get(word.low)
        if kind is None or word.start < used_until:
            continue
        if word.low == "paper" and not (index > 0 and words[index - 1].low == "white"):
            continue
        if word.low == "plan" and index > 0 and words[index - 1].low == "action":
            pass
        nxt = words[index + 1] if index + 1 < len(words) else None
        if word.capital and nxt and nxt.capital and _HEADS.get(nxt.low) is None \
                and _same_line(text, word, nxt) and nxt.text.isalpha():
            continue  # 'Migration Policy Institute': part of a larger name
        if nxt and _HEADS.get(nxt.low) and _same_line(text, word, nxt) \
                and nxt.capital == word.capital:
            continue  # 'Policy Framework': the last head names the instrument
        first = _extend_left(text, words, index, spans)
        last = _extend_right(text, words, index, kind)
        name = words[first:last + 1]
        if not _acceptable(text, name, index - first):
            continue
        start, end = name[0].start, name[-1].end
        start, end = _cover_entities(start, end, spans)
        label = text[start:end]
        if _FRAME.match(label):
            continue
        year = _year(text, words, first, last)
        issuers = _issuers(text, start, end, spans)
        found.append(Instrument(start, end, label, kind, issuers, year,
                                publication=kind in _PUBLICATION_KINDS))
        used_until = end
    return found


def _same_line(text: str, left: _Word, right: _Word) -> bool:
    gap = text[left.end:right.start]
    return "\n" not in gap and len(gap) <= 2 and not any(ch in ",;:.()" for ch in gap)


def _extend_left(text: str, words: list[_Word], index: int, spans: list) -> int:
    first = index
    while first > 0:
        previous = words[first - 1]
        if not _same_line(text, previous, words[first]):
            break
        if previous.capital and previous.text.isalpha() and previous.low not in ("the", "la",
                                                                                  "le", "les"):
            if first - 1 == 0 or _sentence_start(text, previous):
                if previous.low in _MODIFIERS or _is_entity(previous, spans):
                    first -= 1
                break
            first -= 1
        elif (_YEAR.match(previous.text) or previous.low in _MODIFIERS
              or (previous.text.isupper() and previous.text.isalpha())):
            first -= 1
        else:
            break
    return first


def _sentence_start(text: str, word: _Word) -> bool:
    # The last character before the word that is not white space (text[:start].rstrip()
    # without copying the text before it: a paragraph can be long).
    index = word.start
    while index > 0 and text[index - 1].isspace():
        index -= 1
    return index == 0 or text[index - 1] in ".:;!?\n-*"


def _is_entity(word: _Word, spans: list) -> bool:
    return any(s <= word.start < e for s, e, _, _ in spans)


def _extend_right(text: str, words: list[_Word], index: int, kind: str) -> int:
    last = index
    head = words[index]
    cursor = index + 1
    if cursor < len(words) and words[cursor].low in _FRENCH_TAIL_START \
            and _french(words[index:index + 3]):
        probe = cursor
        while probe < len(words) and probe - cursor < 12 \
                and _same_line(text, words[probe - 1], words[probe]) \
                and words[probe].text[0].isalpha() and words[probe].low not in _FRENCH_TAIL_STOP:
            probe += 1
        while probe - 1 > index and words[probe - 1].low in _FRENCH_TAIL_START | {"la", "le",
                                                                                 "les", "l"}:
            probe -= 1
        return max(last, probe - 1)
    if cursor < len(words) and words[cursor].low in _TAIL_JOINERS and (
        head.capital or kind in _PUBLICATION_KINDS
    ):
        probe = cursor + 1
        tail_end = None
        while probe < len(words) and _same_line(text, words[probe - 1], words[probe]):
            word = words[probe]
            if word.capital and word.text.isalpha() or word.text.isupper() and word.text.isalpha():
                tail_end = probe
            elif word.low in _NAME_JOINERS and tail_end is not None:
                pass
            elif (kind in _PUBLICATION_KINDS and not head.capital and word.text.isalpha()
                  and word.low not in ("the", "a", "an", "and", "which", "that", "in", "to")
                  and probe - cursor <= 3):
                tail_end = probe
            else:
                break
            probe += 1
        if tail_end is not None:
            last = tail_end
    acronym = re.match(r"\s*\(([A-Z][A-Za-z]{1,9})\)", text[words[last].end:])
    if acronym:
        limit = words[last].end + acronym.end()
        while last + 1 < len(words) and words[last + 1].end <= limit:
            last += 1
    return last


def _french(words: list[_Word]) -> bool:
    return any(w.low in ("de", "du", "des", "d", "sur", "relatif", "relative", "portant")
               for w in words[1:]) and not any(w.low in ("of", "on", "for", "the")
                                               for w in words[1:])


def _acceptable(text: str, name: list[_Word], head_index: int) -> bool:
    if len(name) < 2:
        return False
    head = name[head_index]
    words_before = name[:head_index]
    # A capital at the start of a sentence says nothing about a proper name.
    named = [w for w in words_before if w.text.isalpha() and (
        (w.capital and not _sentence_start(text, w)) or (w.text.isupper() and len(w.text) >= 2))]
    tail = name[head_index + 1:]
    proper = bool(named) or (head.capital and bool(tail)) or (
        _french(name[head_index:]) and any(w.text.isupper() and len(w.text) >= 2 or w.capital
                                           for w in tail))
    if proper:
        return True
    if head.low in _PROPER_ONLY:
        return False
    return any(w.low in _SUBJECTS for w in words_before)


def _cover_entities(start: int, end: int, spans: list) -> tuple[int, int]:
    """Never cut an entity in half: widen the span over one it partly covers."""
    for s, e, _, _ in spans:
        if s < start < e:
            start = s
        if s < end < e:
            end = e
    return start, end


def _year(text: str, words: list[_Word], first: int, last: int) -> int | None:
    for word in words[first:last + 1]:
        if _YEAR.match(word.text):
            return int(word.text)
    # 'its 2016 adoption of migration policy': a year a few words before, same clause.
    for word in reversed(words[max(0, first - 5):first]):
        if word.text in ",;:.()":
            break
        if _YEAR.match(word.text):
            return int(word.text)
    return None


def _issuers(text: str, start: int, end: int, spans: list) -> tuple[str, ...]:
    inside = [code for s, e, _, code in spans if start <= s and e <= end]
    if inside:
        return tuple(dict.fromkeys(inside))
    after = re.match(r"\s+(?:in|of|by|from|du|de|des|au|en)\s+(?:the\s+)?", text[end:])
    if after:
        for s, _e, _, code in spans:
            if s == end + after.end():
                return (code,)
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start),
                         text.rfind(": ", 0, start)) + 1
    before = [(s, e, code) for s, e, _, code in spans if sentence_start <= s and e <= start]
    if before:
        gap = text[before[-1][1]:start].lower()
        words = re.findall(r"[^\W\d_]+", gap)
        if any(w in _POSSESSIVES for w in words) and len(words) <= 8:
            return (before[-1][2],)
        if len(words) <= 3 and words and words[-1] in ("described", "presented", "adopted"):
            return tuple(dict.fromkeys(code for _, _, code in before))
        lead = re.findall(r"[^\W\d_]+", text[sentence_start:before[0][0]].lower())
        if not lead and len(words) <= 3:
            return tuple(dict.fromkeys(code for _, _, code in before))
    return ()


def _annotate(report: Report) -> Iterator[InstrumentAnnotation]:
    text = report.document.text
    for index, insight in enumerate(report.insights):
        entities = [a.local(insight.start) for a in report.of("entities", index)]
        for found in find_instruments(insight.text, entities):
            start, end = insight.start + found.start, insight.start + found.end
            yield InstrumentAnnotation(
                "instruments", "instrument", index, start, end, text[start:end], "",
                found.label, None, instrument_kind=found.kind, issuers=found.issuers,
                year=found.year, publication=found.publication)


INSTRUMENTS = Annotator("instruments", ("entities",), "instrument-heads/1", _annotate)
