"""Header fields of the template (rapporteur, session, date, event) as written.

Header fields may sit on one line, in table rows or with the value on the next line, and a
session may be named by a bare line ('Roundtable 1.2 – Title') or inside a title line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Block
from ..text_utils import fold, strip_wrapping, word_count
from .guidance import is_guidance

# Kinds of session as templates name them; a label is one of these words followed by
# nothing but a number or a word such as 'title' ('Roundtable 3.2', 'Session title'), so
# that a title line such as 'Roundtable report: …' is not read as the session field.
_SESSION_KIND = (r"(round ?table|roundtable session|round table session|session|table ronde|"
                 r"panel|breakout( session)?|atelier|workshop|cluster|rt|mesa redonda|mesa|sesion)")
_FIELD_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("rapporteur", re.compile(
        r"^((full )?names?( and \w+)? of (the )?)?rapporteu(r|se)s?\b"
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
    r"^(?:round ?table(?: session)?|session|table ronde|panel|breakout(?: session)?|atelier|"
    r"workshop|rt|mesa redonda|sesi[oó]n)\s*(?:n[o°º]\.?\s*)?\d{1,2}(?:\.\d{1,2})*[a-z]?\b",
    re.IGNORECASE,
)

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


def _field_of_label(label: str) -> str | None:
    words = fold(strip_wrapping(label))
    for name, rule in _FIELD_RULES:
        if rule.search(words):
            if name == "rapporteur" and _NOT_THE_NAME.search(words) and "name" not in words:
                return None
            return name
    return None


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
    fields = Fields()
    taken: set[int] = set()  # blocks read as the value of the label line before them
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
    return fields


def _bare_label(block: Block) -> str | None:
    """A line that is only a field label, without colon ('Name of Rapporteur')."""
    if block.kind not in ("paragraph", "heading") or word_count(block.text) > 4:
        return None
    return _field_of_label(block.text) if not re.search(r"\d", block.text) else None


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
    return None, None


def is_field_line(block: Block) -> bool:
    """True when ``block`` is a header label line ('Date: 12 June 2019')."""
    return bool(_fields_in_block(block, []))
