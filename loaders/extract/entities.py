"""Entity recognition and linking: countries, regions, RECs, RCPs, organisations.

``find_mentions(text)`` returns every mention with its character span in ``text``.

Where the names come from:

- countries: pycountry (ISO 3166 names, official and common names, and the French and
  Spanish names of its gettext catalogues), country_converter's short and official names
  (read from its data file, so pandas is not imported), the labels of the shipped
  ``countries.ttl``, and two small tables in ``data/``: demonyms / adjectives in English,
  French and Spanish (``demonyms.tsv``) and abbreviations such as 'KSA' or 'UAE' (``aliases.tsv``);
- regions: ``data/regions.tsv`` (UN M49 codes where M49 defines the region);
- RECs, RCPs and organisations: the shipped actor registry (``actors.ttl``: acronym,
  alternative acronyms, English and French names), plus loose forms in ``aliases.tsv``.

Matching works on word tokens, so an acronym never matches inside a word ('AU' is not found
in 'AUC', 'EU' not in 'EUR'), a plural is not its singular ('RECs' is no REC) and a
possessive keeps its entity ('ECOWAS's'). Acronyms match case-sensitively; names match
without regard to case or accents but must start with a capital as written (so 'chad' or
'turkey' in running text are not countries), except French adjectives ('marocain',
'sénégalaises'). Hyphens and apostrophes separate words like spaces do ('South-Asian').

Overlaps: the entities above never overlap; the longest match wins ('African Union' over
'African', 'Economic Community of West African States' over 'West African'). Two kinds
are *containers* laid on top and may enclose entity mentions: organisations outside the
registry ('Moroccan Ministry of Foreign Affairs' encloses the country 'Moroccan') and
policy instruments ('AU Free Movement Protocol' encloses 'AU').
"""

from __future__ import annotations

import csv
import importlib.util
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import NamedTuple

from migkg.ontology.iris import actor_iri, country_iri, region_iri, unnamed_region_iri

from ..model import MENTION_KINDS, Annotation, Annotator, Report

__all__ = ["ENTITIES", "MENTIONS", "ORGANISATIONS", "Mention", "find_entities", "find_mentions"]

KINDS = MENTION_KINDS


@dataclass(frozen=True)
class Mention:
    """One mention of an entity in a text.

    ``code``: ISO 3166-1 alpha-3 for a country, the M49 code for a region, the registry
    acronym for a REC, RCP or organisation; empty outside the registries. ``label``: the
    registry's name, or the name as written for an entity outside the registries.
    ``iri``: the entity's IRI; None for instruments, which are report-local nodes.
    """

    start: int
    end: int
    kind: str
    code: str
    label: str
    iri: str | None


# --------------------------------------------------------------------------- tokens

# Words, and single punctuation marks; hyphens, apostrophes and spaces only separate.
_TOKEN = re.compile(r"[^\W_]+|[^\w\s'’‘`´\-‐‑–—]", re.UNICODE)
# British / American spellings and the like, so one registry name covers both.
_CANON = {
    "organisation": "organization", "organisations": "organizations", "labour": "labor",
    "programme": "program", "programmes": "programs", "centre": "center",
    "co": "co", "and": "and", "&": "and",
}


@lru_cache(maxsize=1 << 16)
def _fold(token: str) -> str:
    # Cached: a report repeats its words, and every insight's text is tokenised.
    if token.isascii():
        plain = token.casefold()
    else:
        decomposed = unicodedata.normalize("NFKD", token)
        plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return _CANON.get(plain, plain)


class _Token(NamedTuple):
    # A tuple, not a frozen dataclass: every insight's text is tokenised, and a tuple is
    # several times cheaper to build.
    text: str
    start: int
    end: int
    folded: str


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.group(), m.start(), m.end(), _fold(m.group())) for m in _TOKEN.finditer(text)]


def _is_acronym_token(token: str) -> bool:
    letters = [ch for ch in token if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


# --------------------------------------------------------------------------- gazetteer


@dataclass(frozen=True)
class _Entry:
    kind: str
    code: str
    label: str
    iri: str | None
    priority: int  # lower wins when two sources give the same form
    lower_ok: bool = False  # may be written in lower case (French adjectives)
    language_word: bool = False  # also a language name ('French')
    caps: tuple[int, ...] = ()  # token positions that must keep their capitals


@dataclass
class _Gazetteer:
    exact: dict[tuple[str, ...], _Entry]  # case-sensitive forms (acronyms)
    folded: dict[tuple[str, ...], _Entry]  # case- and accent-insensitive forms
    longest: int
    # Every leading part of a form, so a scan stops as soon as no form can continue.
    exact_prefixes: frozenset[tuple[str, ...]] = frozenset()
    folded_prefixes: frozenset[tuple[str, ...]] = frozenset()

    def __post_init__(self) -> None:
        self.exact_prefixes = frozenset(k[:n] for k in self.exact for n in range(1, len(k) + 1))
        self.folded_prefixes = frozenset(k[:n] for k in self.folded
                                         for n in range(1, len(k) + 1))


_NEVER = _Entry("", "-", "", None, -2)

# Acronyms that are also ordinary words: in an all-capitals line they are words.
_WORDLIKE = frozenset(
    "us can add who it am an as at be by do go he if in is me my no of on or so to up we "
    "au aux de des du en et la le les un une ou".split()
)
# Capitalised words that start a sentence without naming anything.
_STOP_FORMS = frozenset({("the",), ("la",), ("le",), ("les",)})


def _country_iri(code: str) -> str:
    return str(country_iri(code))


def _region_iri(code: str, label: str) -> str:
    return str(region_iri(code)) if code else unnamed_region_iri(label)


def _actor_iri(code: str) -> str:
    return str(actor_iri(code))


class _Builder:
    def __init__(self) -> None:
        self.exact: dict[tuple[str, ...], _Entry] = {}
        self.folded: dict[tuple[str, ...], _Entry] = {}
        self.longest = 1

    def add(self, form: str, entry: _Entry, *, exact: bool | None = None) -> None:
        form = form.strip()
        if not form:
            return
        raw = [t.text for t in _tokens(form)]
        if not raw:
            return
        if exact is None:
            exact = all(_is_acronym_token(t) or not t.isalpha() for t in raw) and any(
                _is_acronym_token(t) for t in raw
            )
        if exact:
            key = tuple(raw)
            table = self.exact
        else:
            key = tuple(_fold(t) for t in raw)
            if key in _STOP_FORMS:
                return
            caps = tuple(i for i, t in enumerate(raw) if _is_acronym_token(t))
            if caps:
                entry = _Entry(entry.kind, entry.code, entry.label, entry.iri, entry.priority,
                               entry.lower_ok, entry.language_word, caps)
            table = self.folded
        self.longest = max(self.longest, len(key))
        current = table.get(key)
        if current is _NEVER:
            return
        if entry.code == "-":
            table[key] = _NEVER
        elif current is None or entry.priority < current.priority:
            table[key] = entry
        elif (entry.priority == current.priority and current.kind
              and (current.kind, current.code) == (entry.kind, entry.code)):
            if entry.lower_ok and not current.lower_ok:
                table[key] = entry  # 'burkinabè' is English and French: lower case is fine
        elif (entry.priority == current.priority and current.kind
              and (current.kind, current.code) != (entry.kind, entry.code)):
            # Two sources of equal standing disagree: the form names nothing, unless a
            # better source claims it later.
            table[key] = _Entry("", "", "", None, entry.priority)

    def build(self) -> _Gazetteer:
        return _Gazetteer(self.exact, self.folded, self.longest)


def _data_rows(name: str) -> Iterator[list[str]]:
    text = files("migkg.loaders.extract").joinpath("data", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def _french_forms(masculine: str) -> list[str]:
    """'marocain' -> marocain(e)(s); 'ivoirien' -> ivoirien(ne)(s); 'belge' -> belge(s)."""
    word = masculine
    if word.endswith("e"):
        feminine = word
    elif word.endswith(("en", "on")):
        feminine = word + "ne"
    elif word.endswith("grec"):
        feminine = word + "que"
    elif word.endswith("c"):
        feminine = word[:-1] + "que"
    else:
        feminine = word + "e"
    forms = {word, feminine, feminine + "s"}
    forms.add(word if word.endswith(("s", "x")) else word + "s")
    return sorted(forms)


_UNACCENTED = str.maketrans("áéíóú", "aeiou")


def _spanish_forms(masculine: str) -> list[str]:
    """'venezolano' -> venezolano/a(s); 'francés' -> francés, francesa(s), franceses;
    'alemán' -> alemán, alemana(s), alemanes; 'marroquí' -> marroquí(es); 'belga' -> belga(s);
    'costarricense' -> costarricense(s)."""
    word = masculine
    if word.endswith("o"):
        return sorted({word, word + "s", word[:-1] + "a", word[:-1] + "as"})
    if word.endswith(("a", "e")):
        return sorted({word, word + "s"})
    if word.endswith(("í", "ú")):
        return sorted({word, word + "es", word + "s"})
    if word[-2] in "áéíóú":
        # The stress mark goes when a syllable is added: 'francés' -> 'francesa'.
        stem = word[:-2] + word[-2].translate(_UNACCENTED) + word[-1]
        return sorted({word, stem + "a", stem + "as", stem + "es"})
    return sorted({word, word + "a", word + "as", word + "es"})


def _english_plural(word: str) -> str | None:
    if word.endswith(("ese", "ss", "sh", "ch", "ish", "x", "s")):
        return None
    if word[-1] in "aeinoy" or word.endswith(("an", "er", "ot")):
        return word + "s"
    return None


def _country_labels() -> Iterator[tuple[str, str, int]]:
    """(ISO3, form, priority) from pycountry, country_converter and countries.ttl."""
    import gettext

    import pycountry

    def catalogue(language: str) -> Callable[[str], str]:
        try:
            return gettext.translation("iso3166-1", pycountry.LOCALES_DIR,
                                       languages=[language]).gettext
        except OSError:  # a pycountry without catalogues still gives the English names
            return lambda name: name

    # The report languages (French and Spanish) besides English.
    translations = [catalogue("fr"), catalogue("es")]
    for country in pycountry.countries:
        code = country.alpha_3
        # The display label: the common name where ISO's is inverted ('Iran, Islamic
        # Republic of'), so the first form given for a code is the one people write.
        yield code, getattr(country, "common_name", None) or country.name, 3
        for attribute in ("name", "official_name", "common_name"):
            name = getattr(country, attribute, None)
            if not name:
                continue
            yield code, name, 3
            for translate in translations:
                yield code, translate(name), 3
            for base in _base_forms(name) + [
                    b for translate in translations for b in _base_forms(translate(name))]:
                yield code, base, 6
    for code, name in _country_converter_names():
        yield code, name, 4
        for base in _base_forms(name):
            yield code, base, 6
    for code, labels in _vocabulary_countries().items():
        for label in labels:
            yield code, label, 4
            for base in _base_forms(label):
                yield code, base, 6


def _base_forms(name: str) -> list[str]:
    """'Bolivia, Plurinational State of' -> ['Bolivia']; 'Holy See (Vatican City State)'."""
    forms = []
    if ", " in name:
        forms.append(name.split(", ")[0])
    if " (" in name:
        forms.append(name.split(" (")[0])
    return [f for f in forms if f != name]


def _country_converter_names() -> list[tuple[str, str]]:
    """Short and official names from country_converter's table, without importing it."""
    spec = importlib.util.find_spec("country_converter")
    if spec is None or not spec.submodule_search_locations:
        return []
    path = Path(next(iter(spec.submodule_search_locations))) / "country_data.tsv"
    if not path.is_file():
        return []
    names = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            code = (row.get("ISO3") or "").strip()
            if len(code) != 3:
                continue
            for column in ("name_short", "name_official"):
                if row.get(column):
                    names.append((code, row[column]))
    return names


def _vocabulary_countries() -> dict[str, list[str]]:
    from migkg.ontology import vocabulary

    return {c.iso3: list(c.names_en) + list(c.names_fr) for c in vocabulary.countries()}


# The CONTRACT's mention kinds: a global process (GFMD, IMRF) is a state-led consultative
# process like an RCP, so it is reported as one.
_ACTOR_KIND = {"rec": "rec", "rcp": "rcp", "global-process": "rcp", "organisation": "organisation"}


def _actor_records() -> Iterator[tuple[str, str, str, list[str]]]:
    """(kind, acronym, IRI, names) for every actor of the shipped registry."""
    from migkg.ontology import vocabulary

    for actor in vocabulary.actors():
        if actor.acronym:
            yield (_ACTOR_KIND.get(actor.kind, "organisation"), actor.acronym, actor.iri,
                   list(actor.names) + list(actor.alt))


def _actor_forms(label: str) -> list[str]:
    """A registry name and the forms reports use for it."""
    forms = [label]
    inner = re.search(r"\(([^)]*)\)\s*$", label)
    if inner:
        outer = label[: inner.start()].strip()
        forms.append(outer)
        content = re.sub(r"^(formerly|ex|anciennement)\s+", "", inner.group(1).strip())
        if len(content.split()) >= 2 or _is_acronym_token(content):
            forms.append(content)
    for form in list(forms):
        if form.startswith("United Nations "):
            forms.append("UN " + form[len("United Nations "):])
        if form.startswith("Office of the United Nations "):
            forms.append("UN " + form[len("Office of the United Nations "):])
    return forms


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    builder = _Builder()
    labels: dict[str, str] = {}
    for kind, code, iri, names in _actor_records():
        pref = names[0] if names else code
        labels[code] = pref
        entry = _Entry(kind, code, pref, iri, 1)
        builder.add(code, entry, exact=_is_acronym_token(code) or None)
        for name in names:
            for position, form in enumerate(_actor_forms(name)):
                # Forms derived from a name ('(IOM)' in 'International Dialogue on Migration
                # (IOM)') yield to any actor's own acronym or name.
                builder.add(form, entry if position == 0 else _Entry(kind, code, pref, iri, 2))
    for row in _data_rows("aliases.tsv"):
        kind, code, form = row[0], row[1], row[2]
        if kind == "country":
            entry = _Entry("country", code, code, _country_iri(code) if code != "-" else None, 0)
        else:
            entry = _Entry(kind, code, labels.get(code, code),
                           _actor_iri(code) if code != "-" else None, 0)
        builder.add(form, entry)
    country_names: dict[str, str] = {}
    for code, form, priority in _country_labels():
        country_names.setdefault(code, form)
        builder.add(form, _Entry("country", code, country_names[code], _country_iri(code),
                                 priority))
    for row in _data_rows("demonyms.tsv"):
        code = row[0]
        label = country_names.get(code, code)
        english = [f for f in row[1].split("|") if f] if len(row) > 1 else []
        french = [f for f in row[2].split("|") if f] if len(row) > 2 else []
        spanish = [f for f in row[3].split("|") if f] if len(row) > 3 else []
        for form in english:
            forms, entry = _marked(form, code, label, lower_ok=False)
            for variant in forms + [p for p in map(_english_plural, forms) if p]:
                builder.add(variant, entry, exact=False)
        for form in french:
            forms, entry = _marked(form, code, label, lower_ok=True)
            for variant in forms:
                for inflected in _french_forms(variant):
                    builder.add(inflected, entry, exact=False)
        for form in spanish:
            forms, entry = _marked(form, code, label, lower_ok=True)
            for variant in forms:
                for inflected in _spanish_forms(variant):
                    builder.add(inflected, entry, exact=False)
    from migkg.ontology import vocabulary

    m49_names = {region.code: region.name for region in vocabulary.regions()}
    for row in _data_rows("regions.tsv"):
        form, code, language = row[0], row[1] if len(row) > 1 else "", row[2] if len(row) > 2 \
            else "en"
        entry = _Entry("region", code, m49_names.get(code, form), _region_iri(code, form), 5,
                       lower_ok=language == "fr" and form[:1].islower())
        variants = _french_forms(form) if entry.lower_ok and " " not in form else [form]
        for variant in variants:
            builder.add(variant, entry, exact=False)
    return builder.build()


def _marked(form: str, code: str, label: str, *, lower_ok: bool) -> tuple[list[str], _Entry]:
    language_word = form.startswith("~")
    if form.startswith("!"):
        return [form[1:]], _Entry("country", "-", "", None, 0)
    form = form.lstrip("~")
    return [form], _Entry("country", code, label, _country_iri(code), 2, lower_ok=lower_ok,
                          language_word=language_word)


# --------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class _Candidate:
    first: int  # token index
    last: int  # token index, inclusive
    entry: _Entry


def find_entities(text: str) -> list[Mention]:
    """Countries, regions, RECs, RCPs and registry organisations: non-overlapping."""
    tokens = _tokens(text)
    gazetteer = _gazetteer()
    candidates = list(_candidates(text, tokens, gazetteer))
    # Longest match first; at equal length the earlier one, then the better source.
    candidates.sort(key=lambda c: (-(c.last - c.first), c.first, c.entry.priority))
    taken = [False] * len(tokens)
    chosen: list[_Candidate] = []
    for candidate in candidates:
        if any(taken[candidate.first:candidate.last + 1]):
            continue
        for index in range(candidate.first, candidate.last + 1):
            taken[index] = True
        chosen.append(candidate)
    chosen.sort(key=lambda c: c.first)
    return [
        Mention(tokens[c.first].start, tokens[c.last].end, c.entry.kind, c.entry.code,
                c.entry.label, c.entry.iri)
        for c in chosen
    ]


def _candidates(text: str, tokens: list[_Token], gazetteer: _Gazetteer) -> Iterator[_Candidate]:
    count = len(tokens)
    # run[i]: how many tokens from i on form one contiguous name-like run, so that every
    # window tried below is contiguous without re-checking its gaps (linear, not quadratic).
    run = [1] * count
    for index in range(count - 2, -1, -1):
        if _contiguous(text, tokens[index:index + 2]):
            run[index] = run[index + 1] + 1
    for first in range(count):
        if not tokens[first].text[0].isalnum():
            continue
        found: list[_Candidate] = []
        exact_key: tuple[str, ...] = ()
        folded_key: tuple[str, ...] = ()
        for length in range(1, min(gazetteer.longest, run[first]) + 1):
            token = tokens[first + length - 1]
            exact_key += (token.text,)
            folded_key += (token.folded,)
            exact_open = exact_key in gazetteer.exact_prefixes
            folded_open = folded_key in gazetteer.folded_prefixes
            if not exact_open and not folded_open:
                break
            last = first + length - 1
            entry = gazetteer.exact.get(exact_key) if exact_open else None
            if entry is not None and entry.kind and entry.code != "-" and _acronym_ok(
                text, tokens, first, last, entry
            ):
                found.append(_Candidate(first, last, entry))
                continue
            entry = gazetteer.folded.get(folded_key) if folded_open else None
            if entry is not None and entry.kind and entry.code != "-" and _name_ok(
                text, tokens, first, last, entry
            ):
                found.append(_Candidate(first, last, entry))
        yield from reversed(found)


def _contiguous(text: str, window: list[_Token]) -> bool:
    """Tokens of one name: separated by spaces, hyphens or apostrophes on one line."""
    for left, right in zip(window, window[1:], strict=False):
        gap = text[left.end:right.start]
        if len(gap) > 3 or "\n" in gap or any(ch.isalnum() for ch in gap):
            return False
    return True


def _line(text: str, index: int) -> str:
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    return text[start:end if end >= 0 else len(text)]


def _shouting(text: str, index: int) -> bool:
    """True inside an all-capitals line (a heading), where 'US' or 'ADD' are words."""
    return _shouting_line(_line(text, index))


@lru_cache(maxsize=64)
def _shouting_line(line: str) -> bool:
    # Cached: a long paragraph is one line, and every 'AU' in it would count it again.
    letters = [ch for ch in line if ch.isalpha()]
    words = re.findall(r"[^\W\d_]{2,}", line)
    return len(words) >= 3 and sum(ch.isupper() for ch in letters) >= 0.7 * len(letters)


_FUNCTION_WORDS = frozenset(
    "and or but in on at to of for from with by as is are was were the a an its their "
    "et ou de du des en au aux le la les".split()
)
_UMBRELLAS = frozenset({"UN"})  # 'UN agencies' are agencies, not the UN itself


def _acronym_ok(text: str, tokens: list[_Token], first: int, last: int, entry: _Entry) -> bool:
    form = " ".join(t.text for t in tokens[first:last + 1]).casefold()
    if form in _WORDLIKE and _shouting(text, tokens[first].start):
        return False
    if entry.code in _UMBRELLAS and last + 1 < len(tokens):
        following = tokens[last + 1].text
        gap = text[tokens[last].end:tokens[last + 1].start]
        if following.isalpha() and following.islower() and following not in _FUNCTION_WORDS \
                and gap.strip() == "":
            return False
    return True


# 'en español', 'idioma español', 'langue française': a language, not the country.
_LANGUAGE_CONTEXT_BEFORE = frozenset("in en idioma lengua langue".split())
_LANGUAGE_CONTEXT_AFTER = frozenset(
    "language languages version versions translation translated speaking speaker speakers "
    "text texte langue".split()
)


def _name_ok(text: str, tokens: list[_Token], first: int, last: int, entry: _Entry) -> bool:
    head = tokens[first].text
    if not entry.lower_ok and not head[0].isupper() and not head[0].isdigit():
        return False
    for position in entry.caps:
        if not _is_acronym_token(tokens[first + position].text):
            return False
    if entry.language_word:
        before = tokens[first - 1].folded if first > 0 else ""
        after = tokens[last + 1].folded if last + 1 < len(tokens) else ""
        if before in _LANGUAGE_CONTEXT_BEFORE or after in _LANGUAGE_CONTEXT_AFTER:
            return False
    return True


# --------------------------------------------------------------------------- organisations
# Organisations outside the registry, recognised by their head noun: 'Moroccan Ministry
# of Foreign Affairs', 'African Migration Observatory', 'Department of Labor and Employment'.

_ORG_HEADS = frozenset(
    """ministry ministries department observatory institute agency commission secretariat
    council authority organization organizations association federation confederation
    foundation network bank university center directorate parliament ombudsman alliance
    ministere observatoire institut agence secretariat conseil autorite association
    federation fondation reseau banque universite direction alliance""".split()
)
_ORG_JOINERS = frozenset("of for on and the de des du pour la le l d et".split())
_ORG_LEADING_SKIP = frozenset("the la le les l".split())


def _organisations(text: str, tokens: list[_Token], entities: list[Mention]) -> list[Mention]:
    found: list[Mention] = []
    registered = [(m.start, m.end) for m in entities if m.kind in ("rec", "rcp", "organisation")]
    index = 0
    count = len(tokens)
    while index < count:
        if not _capitalised(tokens[index].text) or tokens[index].folded in _ORG_LEADING_SKIP:
            index += 1
            continue
        end = index
        while end + 1 < count and _contiguous(text, tokens[end:end + 2]) and (
            _capitalised(tokens[end + 1].text)
            or (tokens[end + 1].folded in _ORG_JOINERS and end + 2 < count
                and _contiguous(text, tokens[end + 1:end + 3])
                and not (tokens[end + 1].folded in ("and", "et")
                         and tokens[end + 2].folded in _ORG_LEADING_SKIP))
        ):
            end += 1  # 'X and the Y' are two names, 'Labor and Employment' one
        while end > index and not _capitalised(tokens[end].text):
            end -= 1  # a name does not end on 'of' or 'and'
        phrase = tokens[index:end + 1]
        heads = [i for i, t in enumerate(phrase) if t.folded in _ORG_HEADS
                 and _capitalised(t.text)]
        if heads and len(phrase) >= 2:
            start, stop = phrase[0].start, phrase[-1].end
            if not any(s < stop and start < e for s, e in registered):
                found.append(_organisation(text, start, stop, entities))
        index = end + 1
    return found


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _organisation(text: str, start: int, end: int, entities: list[Mention]) -> Mention:
    """An organisation outside the registry, or the registry actor its acronym names."""
    after = re.match(r"\s*\(([^()]{2,15})\)", text[end:])
    if after:
        for mention in entities:
            if mention.start == end + after.start(1) and mention.kind != "country" \
                    and mention.kind != "region":
                return Mention(start, end, mention.kind, mention.code, mention.label,
                               mention.iri)
    label = text[start:end]
    return Mention(start, end, "organisation", "", label, _actor_iri(label))


# --------------------------------------------------------------------------- public


def find_organisations(text: str, entities: list[Mention]) -> list[Mention]:
    """Organisations outside the registry in ``text``, given its entities (find_entities).

    They may enclose entity mentions ('Moroccan Ministry of Foreign Affairs'); one followed
    by a registry acronym in brackets is that registry actor.
    """
    return _organisations(text, _tokens(text), entities)


def find_mentions(text: str, *, entities: list[Mention], instruments: list) -> list[Mention]:
    """Every entity and instrument mention in ``text``, ordered by position.

    Entity mentions (country, region, rec, rcp, organisation) never overlap each other;
    organisations outside the registry and instruments may enclose entity mentions.
    ``entities`` and ``instruments`` are the earlier annotators' results for ``text``
    (``migkg.loaders.extract.find_mentions`` runs the chain for one text). The loader
    itself reads mentions from the :data:`MENTIONS` annotator.
    """
    found = list(entities)
    found += find_organisations(text, entities)
    found += [Mention(i.start, i.end, "instrument", "", i.label, None) for i in instruments]
    return merge_mentions(found)


def merge_mentions(found: Iterable[Mention]) -> list[Mention]:
    """Entities, then organisations, then instruments -> the mentions, by position.

    An organisation outside the registry that spans exactly another mention adds nothing
    and is dropped; at one position the longer mention comes first, then by kind.
    """
    kept = _drop_enclosed_duplicates(found)
    kept.sort(key=lambda m: (m.start, -m.end, KINDS.index(m.kind)))
    return kept


def _drop_enclosed_duplicates(mentions: Iterable[Mention]) -> list[Mention]:
    """A container that is just one entity it encloses adds nothing: drop the container."""
    mentions = list(mentions)
    spans: dict[tuple[int, int], int] = {}
    for mention in mentions:
        spans[(mention.start, mention.end)] = spans.get((mention.start, mention.end), 0) + 1
    return [m for m in mentions
            if not (m.kind == "organisation" and not m.code and spans[(m.start, m.end)] > 1)]


# --------------------------------------------------------------------------- annotators
# Entities, then organisations (which read the entities), then - once the instruments
# annotator has run - the merged mentions every later annotator reads.


def _annotation(name: str, index: int, offset: int, text: str, m: Mention) -> Annotation:
    return Annotation(name, m.kind, index, offset + m.start, offset + m.end,
                      text[offset + m.start:offset + m.end], m.code, m.label, m.iri)


def _annotate_entities(report: Report) -> Iterator[Annotation]:
    text = report.document.text
    for index, insight in enumerate(report.insights):
        for mention in find_entities(insight.text):
            yield _annotation("entities", index, insight.start, text, mention)


def _annotate_organisations(report: Report) -> Iterator[Annotation]:
    text = report.document.text
    for index, insight in enumerate(report.insights):
        entities = [a.local(insight.start) for a in report.of("entities", index)]
        for mention in find_organisations(insight.text, entities):  # type: ignore[arg-type]
            yield _annotation("organisations", index, insight.start, text, mention)


def _annotate_mentions(report: Report) -> Iterator[Annotation]:
    for index in range(len(report.insights)):
        found = (report.of("entities", index) + report.of("organisations", index)
                 + report.of("instruments", index))
        for annotation in merge_mentions(found):  # type: ignore[arg-type]
            yield replace(annotation, annotator="mentions")


ENTITIES = Annotator("entities", (), "gazetteer/1", _annotate_entities)
ORGANISATIONS = Annotator("organisations", ("entities",), "head-noun/1",
                          _annotate_organisations)
MENTIONS = Annotator("mentions", ("entities", "organisations", "instruments"),
                     "mention-merge/1", _annotate_mentions)
