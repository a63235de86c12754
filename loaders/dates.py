"""Dates as rapporteurs write them, in English, French and Spanish.

Only the forms that occur in meeting reports are understood ('6 December 2018',
'December 6, 2018', '17/05/2022', '2022-05-17', 'le 1er septembre 2021', '17-20 May 2022',
'31 August - 1 September 2021', '12 de junio de 2019'); for a range the first day is
taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    "janvier": 1, "fevrier": 2, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "aout": 8, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "decembre": 12, "décembre": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
}
_MONTH = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_DAY = r"(?P<day>[0-3]?\d)(?:er|st|nd|rd|th)?"

_PATTERNS = (
    # 6 December 2018 / 17-20 May 2022 / 31 August - 1 September 2021 / 1er septembre 2021
    # / 12 de junio de 2019
    re.compile(
        rf"\b{_DAY}(?:\s*(?:[-–]|to|au|al|y)\s*[0-3]?\d(?:er|st|nd|rd|th)?)?\.?\s+(?:de\s+)?"
        rf"(?P<month>{_MONTH})\.?"
        rf"(?:\s*(?:[-–]|to|au|al)\s*[0-3]?\d(?:er)?\s+(?:de\s+)?(?:{_MONTH}))?,?"
        rf"\s+(?:de\s+)?(?P<year>(?:19|20)\d\d)\b",
        re.IGNORECASE,
    ),
    # December 6, 2018
    re.compile(
        rf"\b(?P<month>{_MONTH})\.?\s+{_DAY}(?:\s*[-–]\s*[0-3]?\d)?,?\s+(?P<year>(?:19|20)\d\d)\b",
        re.IGNORECASE,
    ),
    # 2022-05-17
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)\b"),
    # 17/05/2022 or 17.05.2022 (day first, as in these languages' usage; month first only
    # where day first is impossible, '05/17/2022')
    re.compile(r"\b(?P<day>[0-3]?\d)[/.](?P<month>[0-3]?\d)[/.](?P<year>(?:19|20)\d\d)\b"),
)
_MONTH_YEAR = re.compile(
    rf"\b(?P<month>{_MONTH})\s+(?:de\s+)?(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE
)
_YEAR = re.compile(r"\b(?P<year>(?:19|20)\d\d)\b")


def find_date(text: str) -> tuple[date, str] | None:
    """The first full date in ``text`` and the words it was read from."""
    best: tuple[int, date, str] | None = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            parsed = _to_date(match)
            if parsed and (best is None or match.start() < best[0]):
                best = (match.start(), parsed, match.group(0))
            if parsed:
                break
    return (best[1], best[2]) if best else None


def find_year(text: str) -> int | None:
    """The year of the first 'May 2026' in ``text``, else its first year, else None."""
    match = _MONTH_YEAR.search(text) or _YEAR.search(text)
    return int(match.group("year")) if match else None


@dataclass(frozen=True)
class MonthYear:
    """A month of a year, as a header writes it without a day."""
    month: int
    year: int


def month_years(text: str) -> list[MonthYear]:
    """Every 'May 2026' / 'mai 2026' written in ``text`` (without a day)."""
    found = []
    for match in _MONTH_YEAR.finditer(text):
        month = _MONTHS.get(match.group("month").lower())
        if month:
            found.append(MonthYear(month, int(match.group("year"))))
    return found


def parse_date(text: str) -> date | None:
    """Parse a user-given date (ISO or any form :func:`find_date` knows)."""
    found = find_date(text)
    return found[0] if found else None


def _to_date(match: re.Match[str]) -> date | None:
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower())
    day, year = int(match.group("day")), int(match.group("year"))
    try:
        return date(year, month or 0, day)
    except ValueError:
        pass
    if month_text.isdigit() and "-" not in match.group(0):
        try:
            return date(year, day, month or 0)
        except ValueError:
            return None
    return None
