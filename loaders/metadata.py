"""Report metadata: rapporteur, session code and title, date and event.

Read from the template's label fields and title lines; the event is resolved by
:mod:`.events` against the shipped catalogue of known events (ontology/vocab/events.ttl),
and otherwise described from the document's own title line or the user's ``--event``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .dates import find_date, find_year, month_years, parse_date
from .events import EventInfo, resolve_event, series_named
from .segment import lexicon
from .segment.fields import is_field_line
from .segment.reading import Segmented
from .session_line import SESSION_CODE, SESSION_PREFIX, mentions_session
from .text_utils import fold, word_count


@dataclass
class Metadata:
    """What a report's header says: rapporteur, session code and title, date, event."""
    rapporteur: str | None
    rapporteur_label: bool
    session_code: str | None
    session_title: str | None
    date: date | None
    event: EventInfo | None
    title_line: str | None


# After a session word only: 'Session II', 'Panel B' (elsewhere a title may start so).
_NAMED_CODE = re.compile(r"^(?P<code>[IVX]{1,4}|[A-H])(?=$|[\s:.–—-])\s*[:.–—-]?\s*")
# A sub-label right after the code ('Session 2 (Panel B): Title') is not the title.
_SUB_LABEL = re.compile(r"^\([^()]{1,30}\)\s*[:.–—-]?\s*")
_NOT_A_TITLE = frozenset({"report", "rapport", "informe", "summary", "notes", "reporting template",
                          "template", "compte rendu", "reporting form"})
_TRAILING_NOTE = re.compile(r"\s*\((?P<note>[^()]*)\)\s*$")


def parse_session(value: str) -> tuple[str | None, str | None, date | None]:
    """'2.1 South-South Mobility' -> ('2.1', 'South-South Mobility', None)."""
    text = value.strip()
    when = None
    note = _TRAILING_NOTE.search(text)
    if note:
        found = find_date(note.group("note"))
        if found or re.search(r"\b(gcm|objectives?|sdg)\b", note.group("note"), re.I):
            when = found[0] if found else None
            text = text[: note.start()].strip()
    prefixed = False
    while (stripped := SESSION_PREFIX.sub("", text, count=1).strip()) != text:
        text, prefixed = stripped, True  # 'Round table: Round Table 1 - …' names it twice
    match = SESSION_CODE.match(text) or (_NAMED_CODE.match(text) if prefixed else None)
    if not match:
        return None, text or None, when
    code = match.group("code")
    rest = text[match.end():]
    title = _SUB_LABEL.sub("", rest, count=1).strip(" -–—:") or None
    if title and fold(title) in _NOT_A_TITLE:
        title = None  # 'Roundtable 1.1 report' names the document, not the session's theme
    return code, title, when


def _event_heading(segmented: Segmented) -> str | None:
    """The preamble's first heading that reads like a meeting's name (a session's heading,
    'Roundtable 3: Saving lives', names the session, not the meeting)."""
    for block in segmented.preamble:
        if (block.kind == "heading" and not block.italic and word_count(block.text) <= 25
                and not re.search(r"\b(template|reporting notes?|mod[eè]le)\b", block.text,
                                  re.I)
                and not mentions_session(block.text)):
            return block.text
    return None


def _title_line(segmented: Segmented) -> str | None:
    """The preamble line that names the meeting: the first with a date or a place."""
    for block in segmented.preamble:
        if block.kind == "label" or block.row is not None or block.italic:
            continue
        if is_field_line(block):
            continue  # 'Date: 12 June 2019' is a field, not the meeting's name
        if word_count(block.text) <= 25 and (find_date(block.text) or find_year(block.text)):
            return block.text
    return None


def _series_line(segmented: Segmented) -> str | None:
    """The first header line that names a series of meetings ('Second International Migration
    Review Forum', a table's title row 'GFMD Summit 2025 – Rapporteur reporting form'), for a
    header that has neither a heading nor a dated line naming the meeting; a trailing part
    naming the document ('– Rapporteur reporting form') is left off."""
    for block in segmented.preamble:
        if block.italic or is_field_line(block) or word_count(block.text) > 25:
            continue
        if series_named(block.text) and parse_session(block.text)[0] is None:
            dash = _LAST_DASH.search(block.text)
            if dash and _names_the_document(block.text[dash.end():]):
                return block.text[:dash.start()].strip()
            return block.text
    return None


# The last spaced dash or bar of a line: 'GFMD Summit 2025 – Rapporteur reporting form'.
_LAST_DASH = re.compile(r"\s[-–—|]\s(?!.*\s[-–—|]\s)")


def _names_the_document(text: str) -> bool:
    """'Rapporteur reporting form', 'Compte rendu de session': words the heading lexicon
    lists as a document's title words."""
    return any(m.phrase.target == "title" for m in lexicon.heading_matches(text))


def _preamble_date(segmented: Segmented) -> date | None:
    """The first full date written anywhere in the header, template guidance aside."""
    for block in segmented.preamble:
        if not block.italic and (found := find_date(block.text)):
            return found[0]
    return None


_NUMERIC_DATE = re.compile(r"^\s*\d{1,2}[/.]\d{1,2}[/.]\d{4}\s*$")


def _settle_day_month(written: str, when: date | None, context: str) -> date | None:
    """'06/12/2019' is read day first; a header that says 'June 2019' means month first."""
    if when is None or not _NUMERIC_DATE.match(written) or when.day > 12:
        return when
    stated = {(m.month, m.year) for m in month_years(context)}
    swapped = date(when.year, when.day, when.month)
    if stated and (when.month, when.year) not in stated and (swapped.month,
                                                              swapped.year) in stated:
        return swapped
    return when


def read_metadata(
    segmented: Segmented, *, event: str | None = None, when: str | None = None
) -> Metadata:
    """The metadata of a segmented report; ``event`` and ``when`` are the user's fallbacks."""
    fields = segmented.fields
    code, title, session_date = parse_session(fields.session) if fields.session else (None,) * 3
    title_line = _title_line(segmented)
    preamble_text = "\n".join(b.text for b in segmented.preamble)
    field_date = parse_date(fields.date) if fields.date else None
    if fields.date:
        field_date = _settle_day_month(fields.date, field_date, preamble_text)
    report_date = (
        session_date
        or field_date
        or (find_date(title_line)[0] if title_line and find_date(title_line) else None)
        or (parse_date(when) if when else None)
        or _preamble_date(segmented)
    )
    # A line that opens with a session ('Roundtable 4.2 notes, Geneva') names the session.
    place_line = title_line if title_line and parse_session(title_line)[0] is None else None
    named = _event_heading(segmented) or place_line or _series_line(segmented)
    info = resolve_event(preamble_text, named, report_date,
                         user_event=event or fields.event, detail=place_line)
    return Metadata(
        rapporteur=_clean_name(fields.rapporteur),
        rapporteur_label=fields.rapporteur_label,
        session_code=code,
        session_title=title,
        date=report_date,
        event=info,
        title_line=title_line,
    )


# What may follow the name in a rapporteur field: '(IOM)', ', Policy Officer', ' – ILO'.
_AFTER_NAME = re.compile(r"\s*(?:\(|\[|\s[-–—/|]\s|,\s|;\s).*$")
_HONORIFIC = re.compile(r"^(?:mr|mrs|ms|miss|mx|dr|prof|h\.?\s?e|mme|mlle|m|sr|sra|srta|dra)\.?\s+",
                        re.IGNORECASE)


def _clean_name(value: str | None) -> str | None:
    """The rapporteur's name as written, without an honorific or an affiliation after it."""
    if not value:
        return None
    name = value.strip().strip("*_").strip()
    if re.fullmatch(r"[-–—_.\s]*|n/?a|tbc|tbd", name, re.I):
        return None
    shorter = _AFTER_NAME.sub("", name).strip()
    if word_count(shorter) >= 2:
        name = shorter  # 'Doe, Jane' keeps its comma: one word is not a full name
    name = _HONORIFIC.sub("", name).strip()
    return name or None
