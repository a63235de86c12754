"""E-mailed notes in plain text: header lines, forwarded-message separators, signatures.

Rapporteurs often send their notes by e-mail, so a text file may start with the header
block an e-mail client prints (From:, Sent:, To:, Subject: ...), hold a forwarded message
introduced by a separator line, quote it with ``>`` and end with a sign-off and signature.
:func:`strip_email` takes all that off the lines before they are read as a report and
says what it took, so nothing is dropped silently. The words it looks for (header names,
separators, closings in English, French and Spanish) are in ``data/email.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from ..text_utils import fold

# A header block must name a sender or recipient and hold this many lines: a report that
# opens with "Date: 1 March" alone is not an e-mail.
MIN_HEADER_LINES = 2
# A sign-off ends the message when no more than this many short lines follow it.
MAX_SIGNATURE_LINES = 6
MAX_SIGNATURE_LINE = 80
_HEADER = re.compile(r"^(?P<name>[^\W\d_][\w .'-]{0,24}?)\s?:[ \t]*(?P<value>.*)$")
_QUOTE_PREFIX = re.compile(r"^(?:[ \t]*>)+[ \t]?")
_SIG_DASHES = {"--", "-- "}


@dataclass(frozen=True)
class Words:
    """The e-mail conventions of ``data/email.tsv``."""

    headers: frozenset[str]
    subjects: frozenset[str]
    separators: tuple[str, ...]
    closings: frozenset[str]


@cache
def words() -> Words:
    """The word lists, read once from the package data file."""
    kinds: dict[str, list[str]] = {"header": [], "subject": [], "separator": [], "closing": []}
    data = resources.files(__package__).joinpath("data/email.tsv").read_text("utf-8")
    for line in data.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, _language, text = line.split("\t")
        kinds[kind].append(text)
    return Words(
        headers=frozenset(h.casefold() for h in kinds["header"]),
        subjects=frozenset(s.casefold() for s in kinds["subject"]),
        separators=tuple(fold(s) for s in kinds["separator"]),
        closings=frozenset(fold(c) for c in kinds["closing"]),
    )


@dataclass
class Stripped:
    """Lines left to read as the report, its subject and what was taken off."""

    lines: list[str]
    subject: str | None = None
    removed: list[tuple[str, str]] = field(default_factory=list)


def header_name(line: str) -> str | None:
    """'header' or 'subject' when ``line`` is an e-mail header line, else None."""
    match = _HEADER.match(line.strip())
    if not match:
        return None
    name = match.group("name").strip().casefold()
    lexicon = words()
    if name in lexicon.subjects:
        return "subject"
    return "header" if name in lexicon.headers else None


def is_separator(line: str) -> bool:
    """A forwarded-message line such as '---------- Forwarded message ---------'.

    Clients write it between dashes, or as a line ending in a colon ('Begin forwarded
    message:'); a sentence that merely starts with the same words is not one.
    """
    folded = fold(line)
    if not folded or len(folded) > 80:
        return False
    stripped = line.strip()
    framed = "--" in stripped or stripped.endswith(":")
    return any(folded == sep or (framed and folded.startswith(sep))
               for sep in words().separators)


def strip_email(lines: list[str], *, headers_known: bool = False) -> Stripped:
    """The report inside e-mailed notes; ``lines`` unchanged when they are no e-mail.

    ``headers_known`` says the headers were already taken off (an .eml file), so only
    separators, quoting and the signature are looked for.
    """
    result = Stripped(list(lines))
    start = _skip_blank(lines, 0)
    end = _header_block(lines, start)
    is_email = headers_known
    if end > start:
        is_email = True
        for line in lines[start:end]:
            if header_name(line) == "subject" and result.subject is None:
                result.subject = _HEADER.match(line.strip()).group("value").strip() or None
            else:
                result.removed.append(("e-mail header", line.strip()))
        body = lines[end:]
    else:
        body = list(lines)
    if not is_email and not any(is_separator(line) for line in body):
        return result
    plain = [_QUOTE_PREFIX.sub("", line) for line in body]  # quoting stripped, once
    messages: list[list[str]] = []
    part: list[str] = []
    index = 0
    while index < len(plain):
        line = plain[index]
        if is_separator(line):
            messages.append(_drop_closing(part, result.removed))
            part = []
            result.removed.append(("forwarded-message separator", line.strip()))
            index = _take_headers(plain, index + 1, 1, result.removed)
            continue
        if header_name(line) is not None and _header_block(plain, index) > index:
            # A forwarded message's headers without a separator line (Outlook's layout).
            messages.append(_drop_closing(part, result.removed))
            part = []
            index = _take_headers(plain, index, MIN_HEADER_LINES, result.removed)
            continue
        if line.rstrip("\r") in _SIG_DASHES:
            tail = _signature_end(plain, index + 1)
            result.removed.append(("signature", _joined(plain[index:tail])))
            index = tail
            continue
        part.append(line)
        index += 1
    messages.append(_drop_closing(part, result.removed))
    result.lines = _the_report(messages, result.removed)
    return result


def _the_report(messages: list[list[str]], removed: list[tuple[str, str]]) -> list[str]:
    """Of the messages in a thread, the one that carries the write-up: the longest ('FYI,
    see below' above a forwarded report; a forwarded request below the rapporteur's
    notes). The others are kept in ``removed``, said, not lost."""
    sizes = [sum(len(line.split()) for line in message) for message in messages]
    if len([size for size in sizes if size]) <= 1:
        return [line for message in messages for line in [*message, ""]][:-1]
    keep = max(range(len(messages)), key=lambda i: (sizes[i], -i))
    for number, message in enumerate(messages):
        if number != keep and sizes[number]:
            removed.append(("other message of the thread", _joined(message)))
    return messages[keep]


def _take_headers(lines: list[str], index: int, minimum: int,
                  removed: list[tuple[str, str]]) -> int:
    """Move the header block at ``index`` into ``removed``; where the body goes on."""
    end = _header_block(lines, index, minimum)
    removed.extend(("e-mail header", line.strip()) for line in lines[index:end])
    return end


def _skip_blank(lines: list[str], index: int) -> int:
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index


def _header_block(lines: list[str], start: int, minimum: int = MIN_HEADER_LINES) -> int:
    """End of the header lines from ``start`` (``start`` when there is no header block)."""
    index, count, addressed = start, 0, False
    while index < len(lines):
        line = lines[index]
        kind = header_name(line) if line.strip() else None
        if kind is not None:
            count += 1
            name = _HEADER.match(line.strip()).group("name").strip().casefold()
            addressed = addressed or name not in {"date", "fecha"} and kind == "header"
        elif count and line[:1] in {" ", "\t"} and line.strip():
            pass  # a folded header value goes on on an indented line
        else:
            break
        index += 1
    return index if count >= minimum and (addressed or minimum == 1) else start


def _signature_end(lines: list[str], index: int) -> int:
    """Where a signature after a '-- ' line ends: at the next forwarded message, or the end."""
    while index < len(lines) and not is_separator(lines[index]):
        index += 1
    return index


def _drop_closing(lines: list[str], removed: list[tuple[str, str]]) -> list[str]:
    """``lines`` of one message without a sign-off followed by a few short lines at its end."""
    closings = words().closings
    out = lines
    last = len(out)
    while last and not out[last - 1].strip():
        last -= 1
    for position in range(last - 1, max(last - MAX_SIGNATURE_LINES - 2, -1), -1):
        if fold(out[position]) in closings and out[position].strip().rstrip(",!.") != "":
            tail = out[position + 1 : last]
            if all(len(x.strip()) <= MAX_SIGNATURE_LINE for x in tail):
                removed.append(("signature", _joined(out[position:last])))
                return out[:position]
    return out


def _joined(lines: list[str]) -> str:
    return " / ".join(line.strip() for line in lines if line.strip())
