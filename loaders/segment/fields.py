"""Header fields of the template (rapporteur, session, date, event) as written.

Header fields may sit on one line ('Rapporteur: A. Name', 'Rapporteur — A. Name'), in table
rows (a label cell and its value, or a row of labels above a row of values), or with the
value on the next line; a session may be named by a bare line ('Roundtable 1.2 – Title') or
inside a title line; the rapporteur may be named in a header line ('Notes taken by A. Name').
Word lists beyond the patterns below live in ``data/fields.LANG.tsv``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from ..model import Block
from ..session_line import SESSION_WORDS
from ..text_utils import fold, strip_wrapping, word_count
from .guidance import is_guidance
from .lexicon import LANGUAGES

# Kinds of session as templates name them; a label is one of these words followed by
# nothing but a number or a word such as 'title' ('Roundtable 3.2', 'Session title'), so
# that a title line such as 'Roundtable report: …' is not read as the session field.
_SESSION_KIND = rf"({SESSION_WORDS}|cluster)"
_FIELD_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("rapporteur", re.compile(
        r"^((full )?names?( and \w+)? of (the )?)?rapporteu(r|se)s?\b"
        # 'Rapporteur notes: Roundtable 2.2' is a title naming the document
        r"(?! (s )?(notes?|report|reporting|summary|template|form|write-?up)\b)"
        r"|^(nom|noms|nom et \w+) d[eu]s? (la )?rapporteu|^rapporteur name"
        r"|^(reported|prepared|written|compiled|drafted|submitted) by\b|^note ?takers?\b"
        r"|^(redige|prepare|etabli)e? par\b|^(nombre del? (la )?)?relator(a|es|as)?\b")),
    ("session", re.compile(
        rf"^{_SESSION_KIND}( ({_SESSION_KIND}|title|name|topic|theme|subject|titre|theme|tema|"
        rf"titulo|no|n|nr|number|code|\d{{1,2}}(\.\d{{1,2}})*[a-z]?|[ivx]{{1,4}}|[a-h]))*$"
        r"|^(title of (the )?(session|round ?table)|session title|titre de la (session|table ronde)"
        r"|titulo de la (sesion|mesa redonda))$")),
    ("date", re.compile(r"^(date|dates|fecha|fechas)\b")),
    ("event", re.compile(r"^(event|meeting|forum|evenement|reunion|conference|evento)$")),
)
_LABEL_VALUE = re.compile(r"^(?P<label>[^:]{2,60}?)\s*:\s*(?P<value>.*)$")
# A header line that names the session without a label: 'Roundtable 1.2 – Title'.
_SESSION_LINE = re.compile(
    rf"^(?:{SESSION_WORDS})\s*(?:n[o°º]\.?\s*)?\d{{1,2}}(?:\.\d{{1,2}})*[a-z]?\b", re.IGNORECASE)

_SESSION_IN_LINE = re.compile(r"(?<![\w-])" + _SESSION_LINE.pattern.lstrip("^"), re.IGNORECASE)


@dataclass
class Fields:
    """Label fields of the template header, as written."""

    rapporteur: str | None = None
    rapporteur_label: bool = False
    session: str | None = None
    date: str | None = None
    event: str | None = None


# 'Rapporteur's organisation' or 'Rapporteur e-mail' label something other than the name.
_NOT_THE_NAME = re.compile(r"\b(organi[sz]ations?|affiliations?|institutions?|email|e mail|"
                           r"contact|phone|telephone|position|function|agency|country|signature)\b")


_KINDS = ("label", "by", "stop", "filler")


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, tuple[str, ...]]:
    """The entries of ``data/fields.LANG.tsv`` by kind (label, by, stop, filler), all
    languages together; a ``by`` phrase is folded but keeps its ':'."""
    found: dict[str, list[str]] = {kind: [] for kind in _KINDS}
    for lang in LANGUAGES:
        name = f"fields.{lang}.tsv"
        text = (files("migkg.loaders.segment") / "data" / name).read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            kind, _, phrase = line.partition("\t")
            if kind not in found or not phrase.strip():
                raise ValueError(f"{name}:{number}: expected 'kind<TAB>phrase' with a kind "
                                 f"among {', '.join(_KINDS)}")
            words = " : ".join(fold(part) for part in phrase.split(":")) if kind == "by" \
                else fold(phrase)
            found[kind].append(words.strip())
    return {kind: tuple(entries) for kind, entries in found.items()}


def _field_of_label(label: str) -> str | None:
    words = fold(strip_wrapping(label))
    if words in _lexicon()["label"]:
        return "rapporteur"
    for name, rule in _FIELD_RULES:
        if rule.search(words):
            if name == "rapporteur" and _NOT_THE_NAME.search(words) and "name" not in words:
                return None
            return name
    return None


def _whole_label(text: str) -> str | None:
    """The field a line names when the line is nothing but a label ('Name of Rapporteur',
    'Reporter', 'Rapporteur(s)'), else None: 'Rapporteur's report' or 'Prepared by A. Name'
    start like a label but say more."""
    words = fold(strip_wrapping(text).rstrip(":"))
    if not words or re.search(r"\d", words):
        return None
    name = _field_of_label(words)
    if name is None or words in _lexicon()["label"]:
        return name
    rule = dict(_FIELD_RULES)[name]
    found = rule.match(words)
    rest = words[found.end():].split() if found else words.split()
    return name if all(word in _lexicon()["filler"] for word in rest) else None


# Labels that can start a "Label: value" pair inside a longer line, so that lines a
# reader joined ('Rapporteur: A. Name Session: 2.1 Title') still split into their fields.
_INLINE_LABEL = re.compile(
    r"(?:^|(?<=\s))(?:\*\*|__)?(?P<label>name of (?:the )?rapporteur|rapporteu(?:r|se)s?|"
    r"nom d[eu]s? (?:la )?rapporteu(?:r|se)|(?:reported|prepared|written|compiled|drafted) by|"
    r"(?:nombre del? (?:la )?)?relator(?:a|es|as)?|round ?table(?: session)?|session|"
    r"table ronde|mesa redonda|date|fecha|event|[ée]v[ée]nement|evento|"
    r"moderat(?:or|eur|rice|ora)|chairs?|co-chairs?|venue|lieu|lugar|th[eè]me|theme|tema)"
    r"(?:\*\*|__)?\s*:",
    re.IGNORECASE,
)


def read_fields(preamble: list[Block]) -> Fields:
    """The header fields written in ``preamble`` (the blocks before the first section).

    Labelled fields come first, in the order written (the first value of a field wins);
    then, for what is still missing, a session named by a bare or title line and a
    rapporteur named in a header line ('Notes taken by A. Name'). ``rapporteur_label`` is
    True whenever the header has a rapporteur label, even one left without a name.
    """
    fields = Fields()
    taken: set[int] = set()  # blocks read as the value of the label line before them
    for index, name, value in _label_rows(preamble):
        taken.add(index)
        if name == "rapporteur":
            fields.rapporteur_label = True
        if name and value and getattr(fields, name) is None:
            setattr(fields, name, value)
    for index, block in enumerate(preamble):
        if index in taken:
            continue
        pairs = _fields_in_block(block, preamble[index + 1:])
        if not pairs and (name := _bare_label(block)):
            pairs = [(name, None)]
        for name, value in pairs:
            if value is None and len(pairs) == 1 and block.kind != "label":
                # 'Name of Rapporteur:' alone on its line, the name on the next one.
                following = _value_line(preamble, index)
                if following is not None:
                    taken.add(index + 1)
                    value = _with_label(name, block.text, following.text)
            if name == "rapporteur":
                fields.rapporteur_label = True
            if value and getattr(fields, name) is None:
                setattr(fields, name, value)
    if fields.session is None:
        fields.session = next(
            (strip_wrapping(b.text) for b in preamble
             if b.kind != "label" and word_count(b.text) <= 30
             and _SESSION_LINE.match(strip_wrapping(b.text))),
            None,
        )
    if fields.session is None:
        # Named inside a title line instead: 'IMRF 2022 Round Table 4 - notes'.
        for block in preamble:
            text = strip_wrapping(block.text)
            found = _SESSION_IN_LINE.search(text)
            if block.kind != "label" and word_count(text) <= 30 and found:
                fields.session = text[found.start():]
                break
    if fields.rapporteur is None:
        for block in preamble:
            if (named := _named_by(block)) is not None:
                fields.rapporteur_label = True
                fields.rapporteur = fields.rapporteur or named or None
                if named:
                    break
    return fields


def _label_rows(preamble: list[Block]) -> list[tuple[int, str | None, str | None]]:
    """Fields of a horizontal header table: a row of labels ('Roundtable | Rapporteur |
    Date') above a row of values, read column by column. Gives (block index, field or
    None, value) for every block of both rows, so that none is read again."""
    rows: list[list[int]] = []
    for index, block in enumerate(preamble):
        if block.row is None:
            continue
        if rows and preamble[rows[-1][0]].row == block.row:
            rows[-1].append(index)
        else:
            rows.append([index])
    found: list[tuple[int, str | None, str | None]] = []
    read: set[int] = set()
    for labels, values in zip(rows, rows[1:], strict=False):
        if len(labels) < 2 or len(labels) != len(values) or read.intersection(labels):
            continue  # a row already read as values is not a row of labels
        names = [_whole_label(preamble[i].text) for i in labels]
        if sum(name is not None for name in names) < 2 or any(
                _whole_label(preamble[i].text) or _fields_in_block(preamble[i], [])
                for i in values):
            continue  # not a row of labels, or the next row is not their values
        for label, value, name in zip(labels, values, names, strict=True):
            text = strip_wrapping(preamble[value].text) or None
            found += [(label, name, None), (value, name, _with_label(
                name, preamble[label].text, text) if name else None)]
        read.update(labels + values)
    return found


def _bare_label(block: Block) -> str | None:
    """A line that is only a field label, without colon ('Name of Rapporteur')."""
    if block.kind not in ("paragraph", "heading") or word_count(block.text) > 4:
        return None
    return _whole_label(block.text)


def _value_line(preamble: list[Block], index: int) -> Block | None:
    if index + 1 >= len(preamble):
        return None
    block, following = preamble[index], preamble[index + 1]
    if (
        following.kind != "paragraph"
        or following.row != block.row
        or word_count(following.text) > 20
        or is_guidance(following)
        or _fields_in_block(following, [])
        or _bare_label(following)
    ):
        return None
    return following


def _with_label(name: str, label: str, value: str | None) -> str | None:
    """A session label may carry the code ('Table ronde 2 : Title'); keep it with the value."""
    if name != "session" or not value:
        return value
    label = strip_wrapping(label).rstrip(":").strip()
    return f"{label} {value}" if re.search(r"\d", label) else value


def _fields_in_block(block: Block, following: list[Block]) -> list[tuple[str, str | None]]:
    if block.kind != "label":
        starts = [m for m in _INLINE_LABEL.finditer(block.text)]
        if len(starts) > 1 and starts[0].start() == 0:
            pairs = []
            for match, nxt in zip(starts, [*starts[1:], None], strict=True):
                end = nxt.start() if nxt else len(block.text)
                name = _field_of_label(match.group("label"))
                if name:
                    value = block.text[match.end():end].strip() or None
                    pairs.append((name, _with_label(name, match.group(0), value)))
            return pairs
    name, value = _field_in_block(block, following)
    return [(name, value)] if name else []


def _field_in_block(block: Block, following: list[Block]) -> tuple[str | None, str | None]:
    if block.kind == "label":
        name = _field_of_label(block.text.rstrip(":").strip())
        if name is None:
            match = _LABEL_VALUE.match(block.text)
            if match and (name := _field_of_label(match.group("label"))):
                return name, match.group("value").strip() or None
            return None, None
        values = []
        for other in following:
            if other.row is None or other.row != block.row:
                break
            if _bare_label(other) or _LABEL_VALUE.match(other.text) and _field_in_block(
                    other, [])[0]:
                break  # a second label in the same row ('Rapporteur | A. Name | Date | …')
            values.append(other.text)
        return name, _with_label(name, block.text, " ".join(values).strip() or None)
    if block.kind not in ("paragraph", "heading", "item"):
        return None, None
    lead = (block.bold_lead or "").strip()
    if lead and lead.endswith(":") and (name := _field_of_label(lead.rstrip(":"))):
        value = block.text[len(lead):].strip() if block.text.startswith(lead) else None
        return name, _with_label(name, lead, value)
    match = _LABEL_VALUE.match(block.text)
    if match and word_count(match.group("label")) <= 5:
        name = _field_of_label(match.group("label"))
        if name:
            return name, _with_label(name, match.group("label"), match.group("value").strip()
                                     or None)
    match = _LABEL_DASH.match(strip_wrapping(block.text))
    if match and (name := _whole_label(match.group("label"))):
        # 'Rapporteur — A. Name'; a line such as 'Roundtable 3 – Title' is left to the
        # session-line reading, since its label carries a number (_whole_label says no).
        return name, match.group("value").strip() or None
    return None, None


# 'Label — value': a label of a few words, a dash (a hyphen only between spaces), the value.
_LABEL_DASH = re.compile(r"^(?P<label>[^\d:–—]{2,40}?)(?:\s+-\s+|\s*[–—]\s*)(?P<value>.*)$")


@lru_cache(maxsize=8192)
def is_field_line(block: Block) -> bool:
    """True when ``block`` is a header label line ('Date: 12 June 2019')."""
    return bool(_fields_in_block(block, []))


def _fold_in_place(text: str) -> str:
    """``text`` lowercased without accents, one character for each character of ``text``
    (anything but a letter, a digit or ':' becomes a space), so offsets carry over."""
    out = []
    for ch in text:
        base = "".join(c for c in unicodedata.normalize("NFKD", ch)
                       if not unicodedata.combining(c)).lower()
        out.append(base[0] if base and (base[0].isascii() and base[0].isalnum()
                                        or base[0] == ":") else " ")
    return "".join(out)


@lru_cache(maxsize=1)
def _by_phrase() -> re.Pattern[str]:
    phrases = sorted(_lexicon()["by"], key=len, reverse=True)
    alternatives = ("\\s*".join(r"\s+".join(map(re.escape, part.split()))
                                for part in phrase.split(":")) for phrase in phrases)
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(alternatives) + r")(?![a-z0-9])")


# A word of a name: capitalised, possibly hyphenated or with an apostrophe ('O'Neill').
_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.-]*$")
_INITIAL = re.compile(r"^[^\W\d_]\.$")
_HONORIFICS = frozenset({"mr", "mrs", "ms", "mx", "dr", "prof", "mme", "m", "sr", "sra", "dra"})
_PARTICLES = frozenset({"de", "da", "di", "del", "dos", "das", "van", "von", "der", "den",
                        "bin", "al"})


def _named_by(block: Block) -> str | None:
    """The rapporteur named in a header line by an explicit phrase ('Notes taken by A.
    Name', 'rédigé par A. Name', 'Relatoría: A. Name'): the name, '' when the phrase is
    there with nothing after it (a label left empty), None when the line has no such
    phrase or what follows it is not a name ('Notes taken by the rapporteur')."""
    if block.kind not in ("paragraph", "heading", "item", "label") or is_guidance(block) \
            or word_count(block.text) > 80:
        return None
    for found in _by_phrase().finditer(_fold_in_place(block.text)):
        rest = block.text[found.end():]
        if not rest.strip(" \t:_.-–—[]()"):
            return ""
        if name := _name_at(rest):
            return name
    return None


def _name_at(text: str) -> str | None:
    """The person's name ``text`` starts with: two to five capitalised words (initials,
    an honorific and particles such as 'van' allowed), up to a comma, a bracket or a word
    that cannot be part of it; None when ``text`` does not start with a name."""
    words: list[str] = []
    stops = _lexicon()["stop"]
    tokens = text.replace("(", " ( ").split()
    for position, token in enumerate(tokens[:8]):
        word = token.rstrip(",;:")
        folded = fold(word)
        ended = word != token or (word.endswith(".") and not _INITIAL.match(word)
                                  and folded not in _HONORIFICS)
        word = word.rstrip(".") if ended else word
        if not words and folded in _HONORIFICS:
            words.append(word)
            continue
        if folded in _PARTICLES and words and position + 1 < len(tokens) \
                and tokens[position + 1][:1].isupper():
            words.append(word)
            continue
        if not _NAME_WORD.match(word) or not word[:1].isupper() or folded in stops:
            break
        words.append(word)
        if ended:
            break
    named = [w for w in words if fold(w) not in _HONORIFICS]
    while named and fold(named[-1]) in _PARTICLES:
        named.pop()
        words.pop()
    # An acronym beside capitalised words names a body ('UN Network'), not a person.
    acronyms = [w for w in named if w.isupper() and len(w.rstrip(".")) > 1]
    if acronyms and len(acronyms) < len(named):
        return None
    return " ".join(words) if len(named) >= 2 else None
