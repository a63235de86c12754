"""How a session is named: the words that introduce it ('Round table', 'Table ronde',
'Mesa') and the code after them ('2.1', 'Cluster 4'). One definition for the reader, which
keeps a session line apart from the line above it, and for the metadata, which reads it."""

from __future__ import annotations

import re

# The words a report names a session by, as one regular-expression alternation.
SESSION_WORDS = (r"round ?table(?: session)?|roundtable session|round table session|session|"
                 r"table ronde|rt|panel|atelier|workshop|breakout(?: session)?|mesa redonda|"
                 r"mesa|sesi[oó]n")
SESSION_PREFIX = re.compile(rf"^(?:{SESSION_WORDS})\s*(?:n[o°º]\.?\s*)?", re.IGNORECASE)
SESSION_CODE = re.compile(
    r"^(?P<code>(?:cluster|groupe|group|theme|thème|grupo)\s+\d+[a-z]?"
    r"|\d{1,2}(?:\.\d{1,2}){0,2}[a-z]?)"
    r"(?=$|[\s:.–—-])\s*[:.–—-]?\s*",
    re.IGNORECASE,
)
_SEPARATED = re.compile(r"[:–—-]\s*$")


def opens_with_session(line: str) -> bool:
    """True when ``line`` starts by naming a session: a session word, a code, a separator
    and a title ('Mesa 6 - Cambio climático', 'Session 4: Access to services'), as a
    report's header line does."""
    prefix = SESSION_PREFIX.match(line)
    if not prefix or not prefix.group().strip():
        return False
    rest = line[prefix.end():]
    code = SESSION_CODE.match(rest)
    return bool(code and _SEPARATED.search(code.group()) and rest[code.end():].strip())


_SESSION_MENTION = re.compile(
    rf"(?<![\w-])(?:{SESSION_WORDS})\s*(?:n[o°º]\.?\s*)?\d{{1,2}}(?:\.\d{{1,2}})*[a-z]?\b",
    re.IGNORECASE)


def mentions_session(text: str) -> bool:
    """True when ``text`` names a session anywhere ('Write-up RT 2.2', 'Fwd: notes from
    Roundtable 6'): such a line is about the session, not the meeting's name."""
    return bool(_SESSION_MENTION.search(text))
