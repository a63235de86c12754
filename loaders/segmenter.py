"""The template segmenter: maps a document's blocks to the six template sections.

The rapporteur template has six sections (summary, challenges, practices, GCM relevance,
Agenda 2030, quotes) and a few label fields before them (rapporteur, session, date).
Reports number the headings or not, style them as headings, table labels, bold lines,
capitals or bare lines, and write them in English, French or Spanish; headings are
recognised by what they say (keyword rules with typo tolerance), not by where a particular
file puts them. Header fields may sit on one line, in table rows or with the value on the
next line, and a session may be named by a bare line ('Roundtable 1.2 – Title').
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
        re.compile(r"\b(summary|main discussion|discussion points|overview|key messages|"
                   r"highlights|key (points|takeaways)|main points)\b|^discussions?$"),
        re.compile(r"\b(resume|synthese|points? (principaux|de discussion)|principaux points|"
                   r"messages cles)\b"),
        re.compile(r"\b(resumen|sintesis|puntos (principales|de (la )?discusion)|"
                   r"principales puntos|mensajes clave)\b"),
    ),
    "challenges": (
        re.compile(r"^(key |main |major )?(challenges?|obstacles|difficulties|constraints|"
                   r"barriers)\b"),
        re.compile(r"^(principaux |principales )?(defis|enjeux|obstacles|difficultes|contraintes|"
                   r"desafios|retos|dificultades|obstaculos)\b"),
        re.compile(r"\b(challenges|defis|desafios|retos)\b"),
    ),
    "practices": (
        re.compile(r"\b(good|best|promising|successful) practices?\b|\bways? forward\b"
                   r"|\bopportunities\b|^(key |main )?recommendations\b"),
        re.compile(r"\b(bonnes|meilleures) pratiques\b|\bopportunites\b|\bpistes\b"
                   r"|^(principales )?recommandations\b"),
        re.compile(r"\b(buenas|mejores) practicas\b|\boportunidades\b"
                   r"|^(principales )?recomendaciones\b"),
        re.compile(r"\binnovations? for\b"),
    ),
    "gcm": (
        re.compile(r"\b(relevance|relevant|link|links|linked|relation|relationship|contribution|"
                   r"linkages?|connection|alignment)\b.*\b(compact|gcm)\b"),
        re.compile(r"\b(compact|gcm)\b.*\b(relevance|links?|linkages?|connection|alignment)\b"),
        re.compile(r"\b(pertinence|lien|liens|rapport|contribution)\b.*\b(pacte|pmm|gcm)\b"),
        re.compile(r"\b(pertinencia|relevancia|vinculos?|relacion|contribucion)\b.*"
                   r"\b(pacto|pmm|gcm)\b"),
        re.compile(r"^(the )?(global compact( for (safe orderly and regular )?migration)?|gcm"
                   r"|pacte mondial|pacto mundial)( objectives?( addressed| covered)?)?$"),
    ),
    "agenda2030": (
        re.compile(r"\b(agenda 2030|2030 agenda|sustainable development goals|sdgs?)\b"),
        re.compile(r"\b(programme|agenda) (de developpement durable )?(a l horizon )?2030\b"),
        re.compile(r"\bobjectifs de developpement durable\b|\bodd\b"),
        re.compile(r"\bobjetivos de desarrollo sostenible\b|\bods\b"),
    ),
    "quotes": (
        re.compile(r"\b(quotes?|quotations?|citations?|verbatim|citas?)\b"),
    ),
}

# A line that names the document or the session is its title, even when it says 'summary'
# or 'challenges' ('Summary report', 'Challenges of labour mobility – Roundtable 2.1').
_DOCUMENT_TITLE = re.compile(
    r"\b(report|reports|reporting|record|rapport|informe|compte rendu|template|form|minutes)\b"
    r"|\b(round ?table|session|table ronde|mesa redonda|panel|rt) \d"
)

# Words the rules look for; misspelt heading words are corrected towards these first. The
# French and Spanish forms are listed too, so that they are never 'corrected' into the
# English word they resemble ('developpement' is not a typo of 'development').
_KEYWORDS = sorted(
    {
        "summary", "discussion", "overview", "challenges", "obstacles", "difficulties",
        "practices", "opportunities", "innovations", "forward", "relevance", "compact",
        "contributions", "achievement", "agenda", "sustainable", "development", "quotes",
        "quotations", "inspiring", "resume", "synthese", "defis", "pratiques", "opportunites",
        "pertinence", "pacte", "programme", "citations", "migration", "global",
        "recommendations", "barriers", "highlights", "developpement", "durable", "horizon",
        "recommandations", "objectifs", "resumen", "sintesis", "desafios", "practicas",
        "oportunidades", "pertinencia", "relevancia", "desarrollo", "sostenible", "objetivos",
        "inspiradoras", "recomendaciones", "principales", "principaux",
    }
)

_GUIDANCE = re.compile(
    r"\bplease\b|\bif you (like|wish)\b|\bveuillez\b|\bmerci de\b|\bsi vous le souhaitez\b"
    r"|\bchatham house\b|\bpor favor\b|\bsirvase\b|\bsi lo desea\b"
    # Word's content-control placeholders, left in when a field was not filled in.
    r"|\bclick (or tap )?here to enter\b|\bcliquez (ou appuyez )?ici pour\b"
    r"|\bhaga clic (o pulse )?aqu[ií]\b|^\s*(insert|type|enter) (your )?text here\b",
    re.IGNORECASE,
)
# Content that stands for none: a section holding only this is empty.
_PLACEHOLDERS = frozenset({"", "n a", "na", "none", "nil", "tbd", "tbc", "aucun", "aucune",
                           "neant", "ninguno", "ninguna", "sans objet", "no aplica"})
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
    if not words or word_count(words) > 20 or _DOCUMENT_TITLE.search(words):
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
        tail = _tail(block, rest)
        # With text after it on the line, a bold lead heads a section only when it is set
        # off as a label ('**Challenges:** …'); '**Good practices in Ghana.** …' is a title.
        # In a list, '**Challenges:** …' is a summary point about them, not the section.
        if tail is None or (block.kind != "item" and (
            lead.endswith(":") or re.match(r"^\(?\d{1,2}[.)]\s", lead)
        )):
            return lead, tail
    text = block.text.strip()
    open_ended = not text.endswith((".", ";", ",", "?", "!"))
    if block.kind == "item" and block.level == 0 and word_count(text) <= 16 and open_ended:
        # Plain-text readers turn a numbered heading line ('2. Défis') into a list item.
        return text, None
    if block.kind != "paragraph":
        return None
    if word_count(text) <= 14 and (
        text.isupper() or text.endswith(":") or re.match(r"^\(?\d{1,2}[.)]\s", text)
    ):
        return text, None
    if word_count(text) <= 8 and open_ended:
        return text, None  # a bare heading line, unstyled and unnumbered ('Challenges')
    return None


def _tail(block: Block, rest: str) -> Block | None:
    stripped = rest.strip()
    if not stripped:
        return None
    from dataclasses import replace

    offset = block.text.index(stripped, len(block.text) - len(rest))
    return replace(block, text=stripped, start=block.start + offset, bold_lead=None)


_QUOTED_SPEECH = re.compile(r"^\s*[-–—]?\s*[\"“«„‘]|[\"“«„]\s*\w[^\"”»]{20,}")


def is_guidance(block: Block) -> bool:
    """Template instructions rather than the rapporteur's content."""
    quoted = bool(_QUOTED_SPEECH.search(block.text))
    # A short emphasised line is a sub-heading ('*At national level:*'), not guidance; and
    # quotations are often set in italics (Word's Quote style), so they are not either.
    if block.italic and word_count(block.text) > 8 and not quoted and block.kind != "quote":
        return True
    text = block.text
    if fold(text) in _PLACEHOLDERS:
        return True
    if _GUIDANCE.search(text) and not quoted:
        return True
    return bool(re.match(r"^\s*[\[(].*[\])]\s*$", text) and block.kind == "paragraph")


def segment(document: Document) -> Segmented:
    sections = {key: Section(key) for key in SECTION_KEYS}
    preamble: list[Block] = []
    current: Section | None = None
    blocks = document.blocks
    for index, block in enumerate(blocks):
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
        elif not is_guidance(block) or (
            current.key == "quotes" and _attributed(blocks[index + 1:index + 2])
        ):
            current.blocks.append(block)
    return Segmented(document, sections, preamble, _read_fields(preamble))


def _attributed(following: list[Block]) -> bool:
    """Whether the next line attributes the block ('– Anonymous, delegate'): then an
    emphasised block before it is a quotation set in italics, not template guidance."""
    return bool(following) and bool(
        re.match(r"^\s*[-–—]\s*\S", following[0].text) or following[0].kind == "item"
    ) and word_count(following[0].text) <= 20


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


def _read_fields(preamble: list[Block]) -> Fields:
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
