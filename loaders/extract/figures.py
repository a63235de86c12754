"""Figures: the numbers a report gives, with their unit, what they count and the place.

``find_figures`` reads English and French notation ('30,000', '30 000', '1,5 million',
'26.5 million', 'EUR 26 million', 'US$ 3 billion', '76%', '40 pour cent') and skips the
numbers that are not figures: years, dates and times, objective / target / indicator
numbers, list and section numbering, codes glued to words ('COVID-19', 'G20') and
anything inside a URL.

Decisions, so that downstream code and the evaluation agree:

- A range ('between 40 and 60 per cent', '40-60%', '2 to 3 million') gives two figures,
  one per bound (``bound`` 'lower' and 'upper'), each spanning its own number; a unit or
  scale written once applies to both ('2 to 3 million' is 2e6 and 3e6).
- Spelled-out amounts with a scale count ('a million people', 'deux millions'); other
  number words ('two campaigns', 'a ten-year permit') do not.
- A change ('from 15 million in 2000 to 26.5 million in 2019') is two figures: each end
  is a fact the report states.
- ``unit`` is '%' for percentages, an ISO 4217 code for money, else None (a count).
- ``counts`` is the noun phrase the number quantifies, as written ('applications',
  'African migrants', 'full-time jobs'), or None when the text leaves it implicit.
- ``country_iso3`` is the country the figure is about: the one its counted noun names
  ('280 Tuvaluans'), else one placed after it in the same clause ('30,000 in Morocco'),
  else the only country named before it in its clause or sentence, else - when the
  sentence names none - the only country named earlier in the text, or when several are,
  the one its lead sentence names. Countries inside an instrument's name do not count.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib.resources import files

from ..model import Annotator, FigureAnnotation, Report

__all__ = ["FIGURES", "FigureMatch", "find_figures"]


@dataclass(frozen=True)
class FigureMatch:
    """A figure found in a text (offsets into that text); see the module docstring."""
    start: int
    end: int
    value: float
    unit: str | None
    counts: str | None
    country_iso3: str | None
    bound: str | None = None  # 'lower' or 'upper' for the ends of a range, else None


def _words(name: str) -> list[tuple[str, str]]:
    """The entries (and values) of one list in ``data/figure_words.tsv``, in file order."""
    rows = []
    for line in _WORD_FILE.splitlines():
        if line.strip() and not line.startswith("#"):
            kind, entry, *value = line.split("\t")
            if kind == name:
                rows.append((entry, value[0] if value else ""))
    return rows


_WORD_FILE = files("migkg.loaders.extract").joinpath("data", "figure_words.tsv").read_text(
    encoding="utf-8")
_SCALES = {word: float(value) for word, value in _words("scale")}
_CURRENCY_WORDS = dict(_words("currency"))

# A number: grouped thousands (comma, dot, space, thin or no-break space) or plain digits
# with an optional decimal part (dot, or comma in French).
_NUM = r"\d{1,3}(?:(?:,|\.|[ \u00a0\u202f\u2009])\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_SCALE = (r"(?:thousands?|mille|millions?|mn|mio|billions?|bn|milliards?|trillion|mil millones"
          r"|millones|mill[oó]n|[kmMbB](?![\w]))")
_CUR_BEFORE = r"(?:US\$|USD|EUR|GBP|CHF|FCFA|XOF|XAF|MAD|ZAR|PHP|INR|JPY|\$|€|£)"
_CUR_AFTER = (
    r"(?:US\$|USD|EUR|GBP|CHF|FCFA|XOF|XAF|MAD|ZAR|PHP|INR|JPY|dollars?|euros?|pounds|francs"
    r"|€|\$)"
)
_PERCENT = r"(?:%|per\s?cent|percent|pour\s?cent|por\s?ciento|pct)"

_AMOUNT = rf"""
    (?:(?P<cur1>{_CUR_BEFORE})\s?)?
    (?P<num>{_NUM})
    (?:\s?(?P<scale>{_SCALE})\b)?
    (?:\s?(?P<pct>{_PERCENT}))?
    (?:\s(?P<cur2>{_CUR_AFTER})(?!\w))?
"""
_FIGURE = re.compile(
    rf"""
    (?P<between>\b(?:between|entre)\s+)?
    (?P<a>{_AMOUNT.replace("?P<", "?P<a_")})
    (?:
        (?P<sep>\s*(?:-|–|—|\bto\b|\bà\b|\band\b|\bet\b)\s*)
        (?P<b>{_AMOUNT.replace("?P<", "?P<b_")})
    )?
    """,
    re.VERBOSE | re.IGNORECASE,
)

_WORD_NUMBERS = {word: float(value) for word, value in _words("number_word")}
_WORD_AMOUNT = re.compile(
    r"\b(?P<word>half a|an?|one|two|three|four|five|six|seven|eight|nine|ten|une?|deux|trois"
    r"|quatre|cinq|dix)\s+(?P<scale>million|millions|billion|billions|milliards?)\b",
    re.IGNORECASE,
)
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
_MONTHS = "|".join(word for word, _ in _words("month"))
_MONTH_AFTER = re.compile(rf"^\s*(?:-|–|—)?\s*(?:\d{{1,2}}\s*)?(?:{_MONTHS})\b", re.IGNORECASE)
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s*$", re.IGNORECASE)
# Words after which a number is a reference, not a quantity ('objectives 1, 3 and 23').
_REFERENCE_WORDS = "|".join(word for word, _ in _words("reference_word"))
_REFERENCE_BEFORE = re.compile(
    rf"\b(?:{_REFERENCE_WORDS})\s*(?:n[°o]\.?\s*)?"
    r"(?:[\d.a-c]+\s*(?:,|and|&|et|y|or|ou|-|–|to|à)\s*)*$",
    re.IGNORECASE,
)
# A time point counted from an event ('12 and 18 months after return', '6 mois après'):
# a moment, not a quantity (a length on its own, '90 days of stay', stays a figure).
_RELATIVE_TIME = re.compile(
    r"^\s*(?:(?:and|et|y|or|ou|o|to|à|-|–)\s*\d+\s*)?"
    r"(?:days?|weeks?|months?|years?|jours?|semaines?|mois|ans|années?|días?|semanas?"
    r"|meses|mes|años?)\s+(?:after|before|later|ago|après|avant|plus\s+tard|después|antes)\b",
    re.IGNORECASE)
_TIME = re.compile(r"^\s*(?:h\d{2}|:\d{2}|am\b|pm\b|a\.m\.|p\.m\.|hrs?\b)", re.IGNORECASE)
_LIST_START = re.compile(r"[ \t]*(?:[-*•·]\s*)?\(?")

# Noun-phrase reading: what a number counts.
_STOP_WORDS = frozenset(word for word, _ in _words("stop_word"))
_COUNT_STOP = frozenset(word for word, _ in _words("count_stop"))
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_YEAR = re.compile(r"^(?:1[89]\d\d|20\d\d)$")
_COUNTRY_PREPS = ("in", "of", "from", "to", "for", "au", "en", "du", "de", "aux", "des")


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with the overlapping ones joined, so that bisection finds the one."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def find_figures(text: str, mentions: Sequence[object],
                 references: Sequence[tuple[int, int]] = ()) -> list[FigureMatch]:
    """Figures in ``text`` in reading order; offsets index into ``text``.

    ``mentions`` are the mentions of the same text (objects with ``start``, ``end``,
    ``kind`` and ``code`` attributes: the ``mentions`` annotator's, or
    ``entities.find_mentions``); they give each figure its country. ``references`` are
    the spans of explicit GCM and SDG references ('objectives 14, 15 and 22'): their
    numbers are no figures.
    """
    # A country inside an instrument's name ('Temporary Protection Statute for Venezuelan
    # Migrants') qualifies the instrument, not a figure.
    inside = _within(sorted((m.start, m.end) for m in mentions
                            if getattr(m, "kind", None) == "instrument"))
    countries = _Countries(sorted(
        (m.start, m.end, m.code) for m in mentions
        if getattr(m, "kind", None) == "country" and getattr(m, "code", None)
        and not inside(m.start, m.end)
    ))
    urls = _merged(sorted([(m.start(), m.end()) for m in _URL.finditer(text)]
                          + list(references)))
    url_starts = [s for s, _ in urls]

    def blocked(index: int) -> bool:
        last = bisect_right(url_starts, index) - 1
        return last >= 0 and index < urls[last][1]

    figures: list[FigureMatch] = []
    for match in _FIGURE.finditer(text):
        if blocked(match.start()):
            continue
        figure = _figure(text, match, countries)
        if figure:
            figures.extend(figure)
    for match in _WORD_AMOUNT.finditer(text):
        if blocked(match.start()):
            continue
        value = _WORD_NUMBERS[match.group("word").lower()] * _SCALES[match.group("scale").lower()]
        end = match.end()
        figures.append(FigureMatch(match.start(), end, value, None, _counts(text, end, None),
                                   _country(text, match.start(), end, countries)))
    figures.sort(key=lambda f: f.start)
    referenced = {float(n) for s, e in references for n in re.findall(r"\d+", text[s:e])}
    # A bare number that repeats one the text cited as an objective or goal, with nothing
    # counted after it ('objectives 15, 19 and 20 ... most of the time went to 20
    # (remittances)'), refers to that objective: no figure.
    return [f for f in figures
            if not (f.unit is None and f.counts is None and f.value in referenced
                    and f.bound is None)]


def _amount(match: re.Match[str], side: str) -> tuple[float, str | None, bool] | None:
    """(value, unit, scaled) of one side of a match, or None when it is no quantity."""
    num = match.group(f"{side}_num")
    if num is None:
        return None
    scale = match.group(f"{side}_scale")
    currency = match.group(f"{side}_cur1") or match.group(f"{side}_cur2")
    value = _parse_number(num, bool(scale))
    if value is None:
        return None
    if scale:
        if len(scale) == 1 and not currency:
            return None  # '3 m' is a length, '$3m' is money
        value *= _SCALES[scale.lower()]
    unit = "%" if match.group(f"{side}_pct") else None
    if currency:
        unit = _CURRENCY_WORDS.get(currency.lower(), currency.upper())
    return value, unit, bool(scale)


def _parse_number(raw: str, scaled: bool) -> float | None:
    """'30,000' -> 30000; '30 000' -> 30000; '1,5' -> 1.5; '26.5' -> 26.5."""
    raw = re.sub(r"[\u00a0\u202f\u2009 ]", "", raw)
    grouped = re.fullmatch(r"(\d{1,3})((?:([,.])\d{3})+)(?:([.,])(\d+))?", raw)
    if grouped:
        head, groups, sep, decimal_sep, decimals = grouped.groups()
        if decimal_sep == sep:
            return None  # '1,234,5' is no number
        if scaled and decimal_sep is None and len(groups) == 4:
            # one group before a scale word: '1.500 million' / '1,500 million' are
            # ambiguous; a decimal reading keeps the order of magnitude of the prose.
            return float(f"{head}.{groups[1:]}") if sep == "." else float(head + groups[1:])
        whole = head + re.sub(r"[,.]", "", groups)
        return float(f"{whole}.{decimals}") if decimal_sep else float(whole)
    if re.fullmatch(r"\d+,\d+", raw):
        return float(raw.replace(",", "."))  # French decimal comma
    try:
        return float(raw)
    except ValueError:
        return None


_RANGE_SEPARATORS = ("-", "–", "—", "to", "à")


def _figure(
    text: str, match: re.Match[str], countries: list[tuple[int, int, str]]
) -> list[FigureMatch]:
    a = _amount(match, "a")
    a_ok = a is not None and not _skip(text, match.start("a"), match.end("a"), match, "a")
    has_b = match.group("b") is not None
    b = _amount(match, "b") if has_b else None
    b_ok = b is not None and not _skip(text, match.start("b"), match.end("b"), match, "b")
    sep = (match.group("sep") or "").strip().lower()
    is_range = (
        a_ok and b_ok and a is not None and b is not None
        and (bool(match.group("between")) if sep in ("and", "et")
             else sep in _RANGE_SEPARATORS and not _is_from_to(text, match.start("a")))
        and not (a[1] and b[1] and a[1] != b[1])
    )
    if is_range and a is not None and b is not None:
        low, unit_a, scaled_a = a
        high, unit_b, scaled_b = b
        if scaled_b and not scaled_a:
            low *= _SCALES[(match.group("b_scale") or "").lower()]
        if low <= high:
            unit = unit_a or unit_b
            end = match.end("b")
            counts = _counts(text, end, unit)
            country = _country(text, match.start("a"), end, countries)
            return [
                FigureMatch(match.start("a"), match.end("a"), low, unit, counts, country,
                            bound="lower"),
                FigureMatch(match.start("b"), end, high, unit, counts, country, bound="upper"),
            ]
    found = []
    if a_ok and a is not None:
        if b_ok and b is not None and sep in _RANGE_SEPARATORS:
            # 'from 2 to 3 million', 'from 10 to 15%': the scale and unit written once at
            # the end apply to both ends.
            value, unit, scaled = a
            if b[2] and not scaled:
                value *= _SCALES[(match.group("b_scale") or "").lower()]
            a = (value, unit or b[1], scaled or b[2])
        found.append(_single(text, match.start("a"), match.end("a"), a, countries))
    dash_joined = sep in ("-", "–", "—") and not (match.group("sep") or "").startswith(" ")
    if b_ok and b is not None and (a_ok or not dash_joined):
        # '2019-20', '17-20 May': a number glued to a skipped one shares its nature.
        found.append(_single(text, match.start("b"), match.end("b"), b, countries))
    return found


def _is_from_to(text: str, start: int) -> bool:
    before = text[max(0, start - 40):start].lower()
    return bool(re.search(r"\b(from|de|des|passant de)\s+(?:about |around |some |roughly )?$",
                          before))


def _single(
    text: str, start: int, end: int, amount: tuple[float, str | None, bool],
    countries: list[tuple[int, int, str]],
) -> FigureMatch:
    value, unit, _ = amount
    counts = _counts(text, end, unit)
    if counts is None and unit == "%":
        counts = _counts_before(text, start)
    return FigureMatch(start, end, value, unit, counts, _country(text, start, end, countries))


def _skip(text: str, start: int, end: int, match: re.Match[str], side: str) -> bool:
    """True for numbers that are not figures (years, dates, references, numbering)."""
    if side == "b" and match.group("sep") and match.group("sep").strip() in "-–—":
        start_check = False  # the dash belongs to the range, not to a code
    else:
        start_check = True
    num = match.group(f"{side}_num")
    scaled = bool(match.group(f"{side}_scale"))
    has_unit = bool(match.group(f"{side}_pct") or match.group(f"{side}_cur1")
                    or match.group(f"{side}_cur2"))
    before = text[max(0, start - 60):start]
    after = text[end:end + 30]
    # Glued to a word or code: 'COVID-19', 'G20', 'WCMS_652001', '10.7.1', '5+5'.
    prev = text[start - 1] if start > 0 else ""
    nxt = text[end] if end < len(text) else ""
    if start_check and prev and (prev.isalnum() or prev in "_/+.§#" or (prev in "-–" and start > 1
                                                       and text[start - 2].isalnum())):
        return True
    if nxt and (nxt.isalpha() and not has_unit and not scaled or nxt in "_/+"
                or (nxt == "." and end + 1 < len(text) and text[end + 1].isdigit())):
        return True
    if has_unit or scaled:
        return False
    if _YEAR.match(num):
        return True
    if _MONTH_AFTER.match(after) or _MONTH_BEFORE.search(before):
        return True
    if _TIME.match(after) or _RELATIVE_TIME.match(after):
        return True
    if _REFERENCE_BEFORE.search(before):
        return True
    # List or section numbering at the start of a line: '1. Summary', '2)', '2.1 Title'.
    line = text[text.rfind("\n", 0, start) + 1:start]
    if _LIST_START.fullmatch(line) and (
        re.match(r"^[.)]", after) or "." in num or re.match(r"^\s+[A-Z]", after)
    ):
        return True
    if re.match(r"^\s*(?:st|nd|rd|th|er|e|ème)\b", after):
        return True
    return bool(re.match(r"^(?:\.\d)", after))


def _counts(text: str, end: int, unit: str | None) -> str | None:
    """The noun phrase right after the number: '27,000 applications' -> 'applications'."""
    rest = text[end:end + 80]
    lead = r"\s+(?:of|des?|du|d['’])\s*(?:the\s+|les\s+)?"
    of = re.match(lead, rest, re.IGNORECASE)
    if unit == "%" and not of:
        return None
    if of:
        rest = rest[of.end():]
    words: list[str] = []
    position = 0
    while len(words) < 4:
        word_match = re.match(r"\s*([^\s,;:.()\[\]]+)", rest[position:])
        if not word_match or not _WORD.fullmatch(word_match.group(1)):
            break
        low = word_match.group(1).lower()
        if low in _STOP_WORDS or low in _COUNT_STOP:
            break
        words.append(word_match.group(1))
        position += word_match.end()
    return " ".join(words) or None


def _counts_before(text: str, start: int) -> str | None:
    """'an increase of 76%' -> 'increase'."""
    before = text[max(0, start - 60):start]
    found = re.search(r"(?:an?|the)\s+([a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+(?:of|de)\s+"
                      r"(?:about\s+|around\s+|some\s+|roughly\s+)?$", before, re.IGNORECASE)
    return found.group(1) if found else None


_LOCATION_PREPS = ("in", "within", "across", "au", "en", "aux", "dans")


def _within(spans: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A test of whether [start, end) lies inside one of ``spans`` (sorted by start)."""
    starts = [start for start, _ in spans]
    reach: list[int] = []  # reach[i]: the furthest end of spans[:i + 1]
    for _, end in spans:
        reach.append(max(end, reach[-1]) if reach else end)

    def inside(start: int, end: int) -> bool:
        last = bisect_right(starts, start) - 1
        return last >= 0 and reach[last] >= end

    return inside


class _Countries(list):
    """(start, end, ISO3) of a text's countries by start, indexed for :func:`_country`.

    A long paragraph names many countries and gives many figures: each figure looks up the
    countries near it by bisection instead of reading them all.
    """

    def __init__(self, items: list[tuple[int, int, str]]) -> None:
        super().__init__(items)
        self.starts = [start for start, _, _ in items]
        # earlier[i]: the one code of the first i countries, '' for none, None for several.
        self.earlier: list[str | None] = [""]
        for _, _, code in items:
            last = self.earlier[-1]
            self.earlier.append(code if last in ("", code) else None)

    def codes(self, low: int, high: int) -> set[str]:
        """The codes of the countries starting in [low, high)."""
        first, stop = bisect_left(self.starts, low), bisect_left(self.starts, high)
        return {code for _, _, code in self[first:stop]}

    def after(self, index: int) -> Iterable[tuple[int, int, str]]:
        """The countries starting at or after ``index``, by start (a view, not a copy)."""
        return _Tail(self, bisect_left(self.starts, index))


class _Tail:
    """Iterates ``items[first:]`` without copying."""

    def __init__(self, items: list, first: int) -> None:
        self.items, self.first = items, first

    def __iter__(self) -> Iterator[tuple[int, int, str]]:
        return (self.items[i] for i in range(self.first, len(self.items)))


_COUNTED_GAP = re.compile(r"\s*(?:(?:more|other|young|new)\s+)?")
# One noun between a number and its country adjective: 'millones de personas venezolanas'.
_NOUN_GAP = re.compile(r"\s+(?:(?:de|of|d['’])\s*)?[^\W\d_]+\s+")
_CLAUSE_JOINT = re.compile(
    r",\s+(?:and|but|while|whereas|et|mais|alors que|tandis que|y|pero|mientras que)\s+",
    re.IGNORECASE)
_COUNTED_GAP_LETTERS = 5  # what the gap may hold besides white space: one of those words


def _country(
    text: str, start: int, end: int, countries: _Countries
) -> str | None:
    """The country a figure is about (see the module docstring)."""
    if not countries:
        return None
    for c_start, c_end, code in countries.after(end):
        # What is counted names the country: '280 Tuvaluans', '5,000 Filipino workers',
        # and, an adjective after its noun, '50 000 personas venezolanas'.
        gap = text[end:c_start]
        if _COUNTED_GAP.fullmatch(gap) or (
                text[c_start:c_end][:1].islower() and _NOUN_GAP.fullmatch(gap)):
            return code
        if len(gap) - sum(ch.isspace() for ch in gap) > _COUNTED_GAP_LETTERS:
            break  # a later country's gap holds this one: it cannot match either
    clause_end = _boundary_after(text, end, ";")
    for c_start, _c_end, code in countries.after(end):
        if c_start >= clause_end:
            break
        gap_words = text[end:c_start].lower().split()
        if gap_words and gap_words[-1] in _LOCATION_PREPS:
            return code
    sentence_start = _boundary_before(text, start)
    before = countries.codes(sentence_start, start)
    if len(before) == 1:
        return before.pop()
    if before:
        # Several countries earlier in the sentence: the one of the figure's own clause
        # ('..., and New Zealand set the cap at 19,000 places').
        clause = countries.codes(_clause_start(text, sentence_start, start), start)
        return clause.pop() if len(clause) == 1 else None
    sentence_end = _boundary_after(text, end, None)
    if countries.codes(end, sentence_end):
        return None  # named after the number: origins, partners, not the figure's place
    earlier = countries.earlier[bisect_left(countries.starts, start)]
    if earlier is None:
        # Several countries earlier: the one the text's lead sentence names, when it names
        # one ('Primero la Niñez (Colombia). ... 45 000 niñas y niños').
        lead_end = _boundary_after(text, 0, None)
        lead = countries.codes(0, lead_end) if lead_end <= start else set()
        return lead.pop() if len(lead) == 1 else None
    return earlier or None


def _clause_start(text: str, sentence_start: int, index: int) -> int:
    """Where the clause holding ``index`` starts: after the last clause joint (', and',
    ', but', ', while', ', whereas' and their French and Spanish kin) of its sentence."""
    joints = list(_CLAUSE_JOINT.finditer(text, sentence_start, index))
    return joints[-1].end() if joints else sentence_start


def _boundary_before(text: str, index: int) -> int:
    found = max(text.rfind(". ", 0, index), text.rfind("\n", 0, index),
                text.rfind("; ", 0, index))
    return found + 1 if found >= 0 else 0


def _boundary_after(text: str, index: int, extra: str | None) -> int:
    ends = [text.find(". ", index), text.find("\n", index)]
    if extra:
        ends.append(text.find(extra, index))
    ends = [e for e in ends if e >= 0]
    return min(ends) if ends else len(text)


def _annotate(report: Report) -> Iterator[FigureAnnotation]:
    text = report.document.text
    for index, insight in enumerate(report.insights):
        mentions = [a.local(insight.start) for a in report.of("mentions", index)]
        references = [(a.start - insight.start, a.end - insight.start)
                      for a in report.of("explicit-links", index) if a.start is not None]
        for found in find_figures(insight.text, mentions, references):
            start, end = insight.start + found.start, insight.start + found.end
            yield FigureAnnotation(
                "figures", "figure", index, start, end, text[start:end], value=found.value,
                unit=found.unit, counts=found.counts, place=found.country_iso3,
                bound=found.bound)


FIGURES = Annotator("figures", ("mentions", "explicit-links"), "figure-patterns/2", _annotate)
