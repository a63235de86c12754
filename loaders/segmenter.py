"""The template segmenter: maps a document's blocks to the six template sections.

The rapporteur template has six sections (summary, challenges, practices, GCM relevance,
Agenda 2030, quotes) and a few label fields before them (rapporteur, session, date).
Reports number the headings or not, style them as headings, table labels, bold lines or
capitals, and write them in English or French; headings are recognised by what they say
(keyword rules with typo tolerance), not by where a particular file puts them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from .model import Block, Document
from .text_utils import fold, strip_numbering, strip_wrapping, word_count

SECTION_KEYS = ("summary", "challenges", "practices", "gcm", "agenda2030", "quotes")

# What a heading of each section says, on accent-free lowercase text. Kept specific
# enough that a report title such as "Review of the Global Compact for Migration" is
# not taken for the GCM section.
_SECTION_RULES: dict[str, tuple[re.Pattern[str], ...]] = {
    "summary": (
        re.compile(r"\b(summary|main discussion|discussion points|overview|key messages)\b"),
        re.compile(r"\b(resume|synthese|points? (principaux|de discussion)|principaux points)\b"),
    ),
    "challenges": (
        re.compile(r"^(key |main )?(challenges?|obstacles|difficulties|constraints)\b"),
        re.compile(r"^(principaux )?(defis|enjeux|obstacles|difficultes|contraintes)\b"),
        re.compile(r"\b(challenges|defis)\b"),
    ),
    "practices": (
        re.compile(r"\b(good|best|promising) practices?\b|\bway forward\b|\bopportunities\b"),
        re.compile(r"\b(bonnes|meilleures) pratiques\b|\bopportunites\b|\bpistes\b"),
        re.compile(r"\binnovations? for\b"),
    ),
    "gcm": (
        re.compile(r"\b(relevance|link|links|relation|contribution|linkages?)\b.*\b(compact|gcm)\b"),
        re.compile(r"\b(pertinence|lien|liens|rapport)\b.*\b(pacte|pmm|gcm)\b"),
        re.compile(r"^(the )?(global compact( for (safe orderly and regular )?migration)?|gcm)$"),
    ),
    "agenda2030": (
        re.compile(r"\b(agenda 2030|2030 agenda|sustainable development goals|sdgs?)\b"),
        re.compile(r"\b(programme|agenda) (de developpement durable )?(a l horizon )?2030\b"),
        re.compile(r"\bobjectifs de developpement durable\b|\bodd\b"),
    ),
    "quotes": (
        re.compile(r"\b(quotes?|quotations?|citations?|verbatim)\b"),
    ),
}

# Words the rules look for; misspelt heading words are corrected towards these first.
_KEYWORDS = sorted(
    {
        "summary", "discussion", "overview", "challenges", "obstacles", "difficulties",
        "practices", "opportunities", "innovations", "forward", "relevance", "compact",
        "contributions", "achievement", "agenda", "sustainable", "development", "quotes",
        "quotations", "inspiring", "resume", "synthese", "defis", "pratiques", "opportunites",
        "pertinence", "pacte", "programme", "citations", "migration", "global",
    }
)

_GUIDANCE = re.compile(
    r"\bplease\b|\bif you (like|wish)\b|\bveuillez\b|\bmerci de\b|\bsi vous le souhaitez\b"
    r"|\bchatham house\b",
    re.IGNORECASE,
)
_FIELD_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("rapporteur", re.compile(r"^(name of (the )?)?rapporteu(r|se)s?\b|^nom d[eu]s? (la )?rapporteu"
                              r"|^reported by\b|^rapporteur name")),
    ("session", re.compile(r"^(round ?table|roundtable session|session|table ronde|panel|"
                           r"breakout|atelier|workshop|cluster)\b")),
    ("date", re.compile(r"^(date|dates|date of (the )?session)$")),
    ("event", re.compile(r"^(event|meeting|forum|evenement|reunion|conference)$")),
)
_LABEL_VALUE = re.compile(r"^(?P<label>[^:]{2,60}?)\s*:\s*(?P<value>.*)$")


@dataclass
class Section:
    key: str
    heading: Block | None = None
    heading_text: str = ""
    blocks: list[Block] = field(default_factory=list)  # content, template guidance removed
    inline: Block | None = None  # content written on the heading's own line

    @property
    def status(self) -> str:
        if self.heading is None:
            return "missing"
        return "present" if self.blocks else "empty"


@dataclass
class Fields:
    """Label fields of the template header, as written."""

    rapporteur: str | None = None
    rapporteur_label: bool = False
    session: str | None = None
    date: str | None = None
    event: str | None = None


@dataclass
class Segmented:
    document: Document
    sections: dict[str, Section]
    preamble: list[Block]
    fields: Fields

    @property
    def found_any(self) -> bool:
        return any(s.heading is not None for s in self.sections.values())


def section_of_heading(text: str) -> str | None:
    """The template section a heading names, or None."""
    words = fold(strip_numbering(strip_wrapping(text)))
    if not words or word_count(words) > 20:
        return None
    words = _correct_typos(words)
    for key, rules in _SECTION_RULES.items():
        if any(rule.search(words) for rule in rules):
            return key
    return None


def _correct_typos(words: str) -> str:
    fixed = []
    for word in words.split():
        if len(word) >= 6 and word not in _KEYWORDS:
            match = process.extractOne(word, _KEYWORDS, scorer=fuzz.ratio, score_cutoff=87)
            word = match[0] if match else word
        fixed.append(word)
    return " ".join(fixed)


def _heading_candidate(block: Block) -> tuple[str, Block | None] | None:
    """If ``block`` looks like a heading, its heading text and any same-line content."""
    if block.kind in ("heading", "label"):
        return block.text, None
    if block.kind == "quote":
        return None
    lead = (block.bold_lead or "").strip()
    if lead and lead == block.text.strip():
        return block.text, None
    if lead and word_count(lead) <= 14:
        rest = block.text[block.text.index(lead) + len(lead):] if lead in block.text else ""
        return lead, _tail(block, rest)
    text = block.text.strip()
    if block.kind == "item" and block.level == 0 and word_count(text) <= 10 and not (
        text.endswith((".", ";", ","))
    ):
        # Plain-text readers turn a numbered heading line ('2. Défis') into a list item.
        return text, None
    if word_count(text) <= 14 and block.kind == "paragraph" and (
        text.isupper() or text.endswith(":") or re.match(r"^\(?\d{1,2}[.)]\s", text)
    ):
        return text, None
    return None


def _tail(block: Block, rest: str) -> Block | None:
    stripped = rest.strip()
    if not stripped:
        return None
    from dataclasses import replace

    offset = block.text.index(stripped, len(block.text) - len(rest))
    return replace(block, text=stripped, start=block.start + offset, bold_lead=None)


def is_guidance(block: Block) -> bool:
    """Template instructions rather than the rapporteur's content."""
    # A short emphasised line is a sub-heading ('*At national level:*'), not guidance.
    if block.italic and word_count(block.text) > 8:
        return True
    text = block.text
    if _GUIDANCE.search(text) and not re.search(r"[\"“«]\s*\w[^\"”»]{20,}", text):
        return True
    return bool(re.match(r"^\s*[\[(].*[\])]\s*$", text) and block.kind == "paragraph")


def segment(document: Document) -> Segmented:
    sections = {key: Section(key) for key in SECTION_KEYS}
    preamble: list[Block] = []
    current: Section | None = None
    for block in document.blocks:
        candidate = _heading_candidate(block)
        key = section_of_heading(candidate[0]) if candidate else None
        if key and sections[key].heading is None and (current is None or current.key != key):
            current = sections[key]
            current.heading = block
            current.heading_text = candidate[0]
            inline = candidate[1]
            if inline is not None and not is_guidance(inline):
                current.inline = inline
                current.blocks.append(inline)
            continue
        if current is None:
            preamble.append(block)
        elif not is_guidance(block):
            current.blocks.append(block)
    return Segmented(document, sections, preamble, _read_fields(preamble))


def _field_of_label(label: str) -> str | None:
    words = fold(strip_wrapping(label))
    for name, rule in _FIELD_RULES:
        if rule.search(words):
            return name
    return None


# Labels that can start a "Label: value" pair inside a longer line, so that lines a
# reader joined ('Rapporteur: A. Name Session: 2.1 Title') still split into their fields.
_INLINE_LABEL = re.compile(
    r"(?:^|(?<=\s))(?:\*\*|__)?(?P<label>name of (?:the )?rapporteur|rapporteu(?:r|se)s?|"
    r"nom d[eu]s? (?:la )?rapporteu(?:r|se)|round ?table(?: session)?|session|table ronde|"
    r"date|event|[ée]v[ée]nement|moderat(?:or|eur|rice)|chairs?|co-chairs?|venue|lieu|"
    r"th[eè]me|theme)(?:\*\*|__)?\s*:",
    re.IGNORECASE,
)


def _read_fields(preamble: list[Block]) -> Fields:
    fields = Fields()
    for index, block in enumerate(preamble):
        for name, value in _fields_in_block(block, preamble[index + 1:]):
            if name == "rapporteur":
                fields.rapporteur_label = True
            if value and getattr(fields, name) is None:
                setattr(fields, name, value)
    return fields


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
        values = [b.text for b in following if b.row is not None and b.row == block.row]
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
