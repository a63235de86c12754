"""The sandboxed half of the PDF reader: parses untrusted PDF bytes into layout blocks.

Run only as a child process by :mod:`.pdf` (``python -I _pdf_child.py --memory-mb ...``):
it lowers its own resource limits before touching the input, reads the PDF from stdin and
writes one JSON object to stdout. Everything that looks at the document, layout heuristics
included, runs here, because a hostile file can make any of it slow or memory-hungry.

The module imports nothing from migkg (it runs as a plain script, outside the package) and
only the standard library at import time, so the parent can also import it to test the
layout heuristics in-process on hand-built lines.

Output: ``{"ok": true, "pages": N, "items": [...], "removed": [[reason, text], ...]}`` where
an item is a block ``{"t": "block", "kind", "level", "runs": [[text, bold, italic], ...],
"links", "row", "marker"}`` or a table row ``{"t": "row", "row": N, "cells": [[block, ...],
...]}`` and ``removed`` lists the page furniture dropped (running headers, footers, page
numbers); or
``{"ok": false, "error": CODE, "detail": TEXT}``.
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import logging
import math
import re
import signal
import sys
import warnings
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

# -- geometry records ------------------------------------------------------------------

# TeX's Computer Modern names bold "CMBX"/"CMB" and slanted/italic "CMSL"/"CMTI".
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|^cmbx?\d|^(?:sf|ec|tc)bx", re.IGNORECASE)
_ITALIC_FONT = re.compile(
    r"italic|oblique|(?<=[a-z-])it(?:mt)?$|^cm(?:ti|sl|bxti|bxsl)\d|^(?:sf|ec|tc)(?:ti|sl)",
    re.IGNORECASE,
)
# pdfminer's stand-in for a glyph it cannot map to Unicode.
_CID = re.compile(r"\(cid:\d+\)")
_SYMBOL_FONT = re.compile(r"symbol|wingding|dingbat|webding", re.IGNORECASE)
_MONO_FONT = re.compile(r"courier", re.IGNORECASE)


def font_flags(fontname: str) -> tuple[bool, bool]:
    """(bold, italic) from a PDF font name such as ``ABCDEF+Calibri-BoldItalic``."""
    name = fontname.rsplit("+", 1)[-1]
    return bool(_BOLD_FONT.search(name)), bool(_ITALIC_FONT.search(name))


def bullet_font(fontname: str, text: str) -> bool:
    """Whether a lone glyph is a bullet by its font: any glyph of a symbol font (its
    letters map to shapes), or the "o" word processors draw in Courier one level down."""
    name = fontname.rsplit("+", 1)[-1]
    return bool(_SYMBOL_FONT.search(name)) or (text == "o" and bool(_MONO_FONT.search(name)))


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    italic: bool = False
    symbol: bool = False  # a lone glyph drawn in a bullet font


@dataclass
class Line:
    """Words sharing a baseline, left to right, with the link targets they overlap."""

    words: list[Word]
    page: int
    links: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.words.sort(key=lambda w: w.x0)
        self.x0 = self.words[0].x0
        self.x1 = max(w.x1 for w in self.words)
        self.top = min(w.top for w in self.words)
        self.bottom = max(w.bottom for w in self.words)
        weights: Counter[float] = Counter()
        bold = italic = letters = 0
        for word in self.words:
            count = sum(c.isalnum() for c in word.text)
            weights[round(word.size * 2) / 2] += max(count, 1)
            letters += count
            bold += count if word.bold else 0
            italic += count if word.italic else 0
        self.size = weights.most_common(1)[0][0]
        # A stray regular comma inside a bold heading must not demote it.
        self.bold = letters > 0 and bold >= 0.95 * letters
        self.italic = letters > 0 and italic >= 0.95 * letters
        self.text = " ".join(w.text for w in self.words)

    def gap_after(self, index: int) -> float:
        return self.words[index + 1].x0 - self.words[index].x1


@dataclass
class Cell:
    x0: float
    lines: list[Line]


@dataclass
class Table:
    """A ruled table found on one page: rows of cells of lines."""

    page: int
    top: float
    columns: list[tuple[float, float]]
    rows: list[list[Cell]]


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]
    tables: list[Table] = field(default_factory=list)


def group_lines(words: list[Word], page: int) -> list[Line]:
    """Words into lines by vertical overlap, top to bottom."""
    lines: list[list[Word]] = []
    top = bottom = 0.0
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines:
            overlap = min(bottom, word.bottom) - max(top, word.top)
            if overlap >= 0.5 * min(bottom - top, word.bottom - word.top):
                lines[-1].append(word)
                top, bottom = min(top, word.top), max(bottom, word.bottom)
                continue
        lines.append([word])
        top, bottom = word.top, word.bottom
    return [Line(group, page) for group in lines]


def attach_links(lines: list[Line], links: list[tuple[str, float, float, float, float]]) -> None:
    """Give each line the URIs of link annotations that overlap it."""
    for uri, x0, top, x1, bottom in links:
        for line in lines:
            height = line.bottom - line.top
            overlap = min(bottom, line.bottom) - max(top, line.top)
            hit = overlap >= 0.3 * height and x0 < line.x1 and x1 > line.x0
            if hit and uri not in line.links:
                line.links.append(uri)


# -- running headers and footers ---------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^(?:page|p\.|seite|página|pagina)?\s*[-–(]?\s*(?:#+|[ivxlc]+)\s*[-–)]?"
    r"(?:\s*(?:of|/|de|sur|von)\s*#+)?$",
    re.IGNORECASE,
)
MARGIN_LINES = 3
MARGIN_SHARE = 0.12


def _running_key(text: str) -> str:
    key = re.sub(r"\s+", " ", re.sub(r"\d+", "#", text.lower())).strip()
    return "#page" if _PAGE_NUMBER.match(key) else key


def drop_running_lines(pages: list[Page]) -> list[str]:
    """Remove headers, footers and page numbers that repeat on at least half the pages,
    and bare page numbers in a page's margin; return the removed lines' texts in order.

    Only lines among the first or last few of a page and inside its top or bottom band
    count, so body text that happens to repeat stays. Lines that differ from page to page
    only in their numbers count when a number moves in step with the page ("Page 3 of 9"),
    not when it is content ("Session 2" at the top of one page, "Session 3" of another).
    """
    seen: dict[tuple[str, str], list[tuple[int, Line]]] = {}
    for page in pages:
        ordered = sorted(page.lines, key=lambda ln: ln.top)
        head, tail = ordered[:MARGIN_LINES], ordered[-MARGIN_LINES:]
        for zone, group in (("top", head), ("bottom", tail)):
            for line in group:
                in_band = (
                    line.bottom <= page.height * MARGIN_SHARE
                    if zone == "top"
                    else line.top >= page.height * (1 - MARGIN_SHARE)
                )
                if in_band:
                    seen.setdefault((zone, _running_key(line.text)), []).append((page.number, line))
    needed = max(2, math.ceil(len(pages) / 2))
    drop: set[int] = set()
    for (_, key), occurrences in seen.items():
        # A bare number in the margin is a page number once it recurs at all (front matter
        # numbered i, ii in the footer while later pages carry numbers in the header), or
        # when it is the number of the page it stands on.
        enough = 2 if key == "#page" else needed
        if len(pages) >= 2 and len({number for number, _ in occurrences}) >= enough and (
            _runs_with_pages(occurrences)
        ):
            drop.update(id(line) for _, line in occurrences)
        elif key == "#page":
            drop.update(id(line) for number, line in occurrences
                        if str(number) in re.findall(r"\d+", line.text)[:1])
    removed: list[str] = []
    for page in pages:
        removed += [line.text for line in sorted(page.lines, key=lambda ln: ln.top)
                    if id(line) in drop]
        page.lines = [line for line in page.lines if id(line) not in drop]
    return removed


def _runs_with_pages(occurrences: list[tuple[int, Line]]) -> bool:
    texts = {line.text for _, line in occurrences}
    if len(texts) == 1 or all(_running_key(text) == "#page" for text in texts):
        return True
    numbers = [(page, [int(n) for n in re.findall(r"\d{1,6}", line.text)])
               for page, line in occurrences]
    width = min(len(found) for _, found in numbers)
    return any(
        len({found[i] - page for page, found in numbers}) == 1 for i in range(width)
    )


# -- document statistics -------------------------------------------------------------------


@dataclass
class Stats:
    body_size: float
    pitch: dict[float, float]
    heading_sizes: list[float]
    vocabulary: set[str]

    def typical_pitch(self, size: float) -> float:
        return self.pitch.get(size, 1.2 * size)

    def pitch_limit(self, size: float, wrapped: bool = False) -> float:
        """Largest baseline distance of two lines of one paragraph.

        When most paragraphs are one line long, the measured pitch is really the space
        between paragraphs, so it is capped at 1.5 lines; a previous line that ran to the
        right edge (``wrapped``) is clearly continued and may use the measured value.
        """
        measured = self.typical_pitch(size)
        pitch = measured if wrapped else min(measured, 1.5 * size)
        return pitch + max(1.5, 0.2 * size)

    def is_large(self, size: float) -> bool:
        return size >= self.body_size + max(1.0, 0.12 * self.body_size)

    def heading_level(self, size: float) -> int:
        if self.is_large(size):
            return min(self.heading_sizes.index(size) + 1, 6)
        return min(len(self.heading_sizes) + 1, 6)


_WORD_EDGE = re.compile(r"^\W+|\W+$")


def collect_stats(sequences: Iterable[list[Line]]) -> Stats:
    sizes: Counter[float] = Counter()
    pitches: dict[float, list[float]] = {}
    vocabulary: set[str] = set()
    all_lines: list[Line] = []
    for lines in sequences:
        previous: Line | None = None
        for line in lines:
            all_lines.append(line)
            sizes[line.size] += len(line.text)
            for word in line.words:
                vocabulary.add(_WORD_EDGE.sub("", word.text.lower()))
            if previous is not None and previous.page == line.page:
                pitch = line.top - previous.top
                if previous.size == line.size and 0.8 * line.size <= pitch <= 3 * line.size:
                    pitches.setdefault(line.size, []).append(pitch)
            previous = line
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    # The lower fifth of the spacings is the line pitch inside paragraphs; larger ones
    # include the space between paragraphs.
    typical = {}
    for size, values in pitches.items():
        values.sort()
        typical[size] = values[len(values) // 5]
    probe = Stats(body, typical, [], vocabulary)
    probe.heading_sizes = sorted(
        {line.size for line in all_lines if probe.is_large(line.size)}, reverse=True
    )
    return probe


# -- line classification --------------------------------------------------------------------

BULLETS = set("•◦▪▫‣⁃●○■□◆◇►▸▹➢➤✓✔·*-–—") | {chr(c) for c in range(0xF000, 0xF100)}
# "1." "a)" "(b)" "iv." "C)": enumerations that open a list item.
_NUMBERED = re.compile(
    r"^(?:\(?(?:\d{1,2}|[a-z]|[ivx]{1,5})[.)]|\((?:\d{1,2}|[a-zA-Z])\)|[A-Z]\))$"
)
MAX_BOLD_HEADING_WORDS = 20
MAX_LARGE_HEADING_WORDS = 40
MAX_LABEL_WORDS = 8


@dataclass
class Marker:
    bullet: bool
    x0: float
    skip: int  # words (or leading characters of the first word, when glued) to drop


def list_marker(line: Line) -> Marker | None:
    words = line.words
    first = words[0].text
    if len(words) > 1:
        if _CID.fullmatch(first) or (len(first) == 1 and (first in BULLETS or words[0].symbol)):
            return Marker(True, words[0].x0, 1)
        if _NUMBERED.match(first):
            return Marker(False, words[0].x0, 1)
    if len(first) > 1 and first[0] in BULLETS - set("-–—*") and first[1].isalnum():
        return Marker(True, words[0].x0, -1)
    return None


def _marker_text(line: Line, marker: Marker) -> str:
    """The marker as written; symbol-font and undecodable bullets show as '•'."""
    first = line.words[0]
    text = first.text if marker.skip > 0 else first.text[:1]
    if marker.bullet and (first.symbol or _CID.fullmatch(text) or
                          any(0xF000 <= ord(c) < 0xF100 for c in text) or text == "·"):
        return "•"
    return text


@dataclass
class Kind:
    heading: int | None
    marker: Marker | None


def classify(line: Line, stats: Stats) -> Kind:
    marker = list_marker(line)
    if marker is not None and marker.bullet:
        return Kind(None, marker)
    words = len(line.text.split())
    if not any(c.isalpha() for c in line.text):
        return Kind(None, marker)
    if stats.is_large(line.size) and words <= MAX_LARGE_HEADING_WORDS:
        return Kind(stats.heading_level(line.size), None)
    if line.bold and words <= MAX_BOLD_HEADING_WORDS and line.size >= stats.body_size - 0.6:
        return Kind(stats.heading_level(line.size), None)
    return Kind(None, marker)


def level_map(xs: list[float], tolerance: float = 4.0) -> list[float]:
    """Left edges of the list levels found among marker positions, left to right."""
    edges: list[float] = []
    for x in sorted(xs):
        if not edges or x - edges[-1] > tolerance:
            edges.append(x)
    return edges


def level_of(edges: list[float], x: float, tolerance: float = 4.0) -> int:
    return max(bisect_right(edges, x + tolerance) - 1, 0)


# -- block assembly ---------------------------------------------------------------------------

_TERMINAL = tuple(".!?:;…\"”’)")
# Endings that never stand alone as words, so "migra-/tion" was split by hyphenation.
_SUFFIXES = {
    "tion", "tions", "sion", "sions", "ment", "ments", "ness", "ity", "ities", "ing", "ings",
    "ance", "ence", "ances", "ences", "ally", "ical", "ation", "ations", "ated", "ating",
}
_URL_START = re.compile(r"^(?:https?://|www\.)", re.IGNORECASE)
_URL_BREAKS = ("/", "-", "_", ".", "=", "?", "&", "#")


@dataclass
class Open:
    kind: str
    level: int
    lines: list[Line]
    runs: list[list[Any]]
    row: int | None
    x0: float  # where the text of following lines is expected to start
    marker_x0: float | None = None
    bold_heading: bool = False
    marker: str | None = None


class Builder:
    """Turns a sequence of lines (the page body, or one table cell) into blocks."""

    def __init__(self, stats: Stats, lines: list[Line], rows: Iterator[int] | None,
                 row: int | None = None, levels: list[float] | None = None) -> None:
        self.stats = stats
        self.rows = rows  # None inside table cells: no label splitting there
        self.row = row
        self.out: list[dict[str, Any]] = []
        self.open: Open | None = None
        self.kinds = {id(line): classify(line, stats) for line in lines}
        markers = [k.marker.x0 for k in self.kinds.values() if k.marker is not None]
        self.levels = levels if levels is not None else level_map(markers)
        rights = sorted(line.x1 for line in lines)
        self.right = rights[int(len(rights) * 0.9)] if rights else 0.0
        lefts = sorted(line.x0 for line in lines)
        self.width = (self.right - lefts[0]) if lefts else 0.0
        self.last_on_page: dict[int, int] = {}
        self.first_on_page: dict[int, int] = {}
        for line in lines:
            self.last_on_page[line.page] = id(line)
            self.first_on_page.setdefault(line.page, id(line))

    # public ------------------------------------------------------------------------------

    def feed(self, line: Line) -> None:
        kind = self.kinds.get(id(line)) or classify(line, self.stats)
        current = self.open
        if kind.heading is not None:
            if current and current.kind == "heading" and self._heading_wraps(current, line):
                self._append(current, line, 0)
                return
            if current and current.kind != "heading" and self._absorbs_bold(current, line):
                self._append(current, line, 0)
                return
            self.flush()
            self._start("heading", kind.heading, line, 0, line.x0, bold=not self.stats.is_large(
                line.size))
            return
        if kind.marker is not None:
            self.flush()
            marker = kind.marker
            text_x0 = line.words[marker.skip].x0 if marker.skip > 0 else line.x0
            self._start("item", level_of(self.levels, marker.x0), line, marker.skip, text_x0,
                        marker_x0=marker.x0)
            assert self.open is not None
            self.open.marker = _marker_text(line, marker)
            return
        if current and current.kind != "heading" and self._continues(current, line):
            self._append(current, line, 0)
            return
        self.flush()
        if self.rows is not None and self._split_label(line):
            return
        self._start("paragraph", 0, line, 0, line.x0)

    def flush(self) -> None:
        block, self.open = self.open, None
        if block is None:
            return
        kind, level = block.kind, block.level
        words = sum(len(str(run[0]).split()) for run in block.runs)
        if kind == "heading" and (
            (block.bold_heading and (words > MAX_BOLD_HEADING_WORDS or len(block.lines) > 3))
            or words > MAX_LARGE_HEADING_WORDS
        ):
            kind, level = "paragraph", 0
        links: list[str] = []
        for line in block.lines:
            links += [uri for uri in line.links if uri not in links]
        self.out.append({"t": "block", "kind": kind, "level": level, "runs": block.runs,
                         "links": links, "row": block.row, "marker": block.marker})

    def take(self, relative: bool = True) -> list[dict[str, Any]]:
        """The blocks built so far, each run of consecutive items starting at level 0.

        Indentation gives levels for the whole document, but a list typed with dashes at
        the margin in one place must not push every bulleted list elsewhere one level down.
        """
        self.flush()
        out, self.out = self.out, []
        start = 0 if relative else len(out)
        while start < len(out):
            if out[start]["kind"] != "item":
                start += 1
                continue
            end = start
            while end < len(out) and out[end]["kind"] == "item":
                end += 1
            base = min(block["level"] for block in out[start:end])
            for block in out[start:end]:
                block["level"] -= base
            start = end
        return out

    # helpers -------------------------------------------------------------------------------

    def _start(self, kind: str, level: int, line: Line, skip: int, x0: float,
               marker_x0: float | None = None, bold: bool = False) -> None:
        self.open = Open(kind, level, [line], _runs(line, skip), self.row, x0, marker_x0, bold)

    def _append(self, block: Open, line: Line, skip: int) -> None:
        joint = self._joint(block, line)
        runs = _runs(line, skip)
        if joint == "dehyphenate":
            last = block.runs[-1]
            last[0] = str(last[0])[:-1]
        elif joint == " ":
            block.runs.append([" ", False, False])
        block.runs.extend(runs)
        block.lines.append(line)

    def _joint(self, block: Open, line: Line) -> str:
        """How wrapped lines meet: a space, nothing (a URL, a kept hyphen) or a dropped hyphen."""
        prev = block.lines[-1].words[-1].text
        nxt = line.words[0].text
        joined = prev + nxt
        if len(joined) >= 8 and any(joined in uri for uri in block.lines[-1].links + line.links):
            return ""
        if _URL_START.match(prev) and prev.endswith(_URL_BREAKS) and not nxt[:1].isupper():
            return ""
        last_run = str(block.runs[-1][0]) if block.runs else ""
        if prev.endswith("\u00ad") and last_run.endswith("\u00ad"):
            return "dehyphenate"
        if len(prev) > 1 and prev[-1] in "-\u2010" and prev[-2].isalpha():
            # A hyphen glued to a word never stands before a space ("South-South").
            soft = nxt[:1].islower() and last_run.endswith(prev[-1])
            return "dehyphenate" if soft and self._soft_hyphen(prev[:-1], nxt) else ""
        return " "

    def _soft_hyphen(self, left: str, right: str) -> bool:
        """Whether a line-end hyphen was added by hyphenation rather than written."""
        left_part = _WORD_EDGE.sub("", left.lower())
        right_part = _WORD_EDGE.sub("", right.lower())
        vocabulary = self.stats.vocabulary
        if left_part + right_part in vocabulary:
            return True
        if "-" in left_part or f"{left_part}-{right_part}" in vocabulary:
            return False
        return right_part in _SUFFIXES

    def _pitch_ok(self, prev: Line, line: Line, full: bool) -> bool:
        if prev.page != line.page:
            return (
                self.last_on_page.get(prev.page) == id(prev)
                and self.first_on_page.get(line.page) == id(line)
            )
        limit = self.stats.pitch_limit(max(prev.size, line.size), wrapped=full)
        return 0 < line.top - prev.top <= limit

    def _continues(self, block: Open, line: Line) -> bool:
        prev = block.lines[-1]
        if abs(prev.size - line.size) > 0.6 or prev.italic != line.italic:
            return False
        full = prev.x1 >= self.right - 0.15 * self.width
        if not self._pitch_ok(prev, line, full):
            return False
        if prev.page != line.page and not (
            full and (not prev.text.endswith(_TERMINAL) or line.text[:1].islower())
        ):
            return False
        if block.kind == "item":
            assert block.marker_x0 is not None
            if line.x0 > block.marker_x0 + 2:
                return True  # hanging indent
            # Some writers wrap items back to the bullet's edge; only an unfinished
            # sentence at line spacing then says the item goes on.
            return line.x0 >= block.marker_x0 - 2 and not prev.text.endswith(_TERMINAL)
        if line.x0 > prev.x0 + 8 and line.x0 > block.x0 + 8:
            return False  # indented first line: a new paragraph
        if line.x0 < block.x0 - 8 and len(block.lines) == 1 and block.row is not None:
            return False  # back at the margin after a label's content column
        return full or not prev.text.endswith(_TERMINAL)

    def _heading_wraps(self, block: Open, line: Line) -> bool:
        prev = block.lines[-1]
        kind = self.kinds.get(id(line))
        return (
            prev.size == line.size
            and prev.bold == line.bold
            and prev.page == line.page
            and 0 < line.top - prev.top <= 1.6 * line.size
            and not prev.text.endswith(":")
            and not (kind and kind.marker)
            and not re.match(r"^\d{1,2}\.", line.text)
        )

    def _absorbs_bold(self, block: Open, line: Line) -> bool:
        """A bold body-size line inside a running paragraph is emphasis, not a heading."""
        if self.stats.is_large(line.size):
            return False
        prev = block.lines[-1]
        return (
            not prev.bold
            and not prev.text.endswith(_TERMINAL)
            and self._continues(block, line)
        )

    def _split_label(self, line: Line) -> bool:
        """``Label:<wide gap>content`` on one line is a borderless template row."""
        for index in range(min(len(line.words) - 1, MAX_LABEL_WORDS)):
            if not line.words[index].text.endswith(":"):
                continue
            if line.gap_after(index) < max(18.0, 2 * line.size):
                return False
            assert self.rows is not None
            row = next(self.rows)
            left = Line(line.words[: index + 1], line.page)
            right = Line(line.words[index + 1 :], line.page, list(line.links))
            self.out.append({"t": "block", "kind": "label", "level": 0, "runs": _runs(left, 0),
                             "links": [], "row": row})
            self.open = Open("paragraph", 0, [right], _runs(right, 0), row, right.x0)
            return True
        return False


def _runs(line: Line, skip: int) -> list[list[Any]]:
    words = line.words[skip:] if skip > 0 else line.words
    runs: list[list[Any]] = []
    previous: Word | None = None
    for index, word in enumerate(words):
        text = word.text
        if skip < 0 and index == 0:
            text = text[1:]  # bullet glued to its first word
        text = _CID.sub("", text)
        if previous is not None and word.x0 - previous.x1 > 0.1 * word.size:
            runs.append([" ", False, False])
        if text:
            runs.append([text, word.bold, word.italic])
        previous = word
    return runs


def layout(pages: list[Page], removed: list[list[str]] | None = None) -> list[dict[str, Any]]:
    """Blocks and table rows of a document, in reading order; the page furniture dropped
    is appended to ``removed`` as [reason, text] pairs."""
    furniture = drop_running_lines(pages)
    if removed is not None:
        removed += [["page furniture", text] for text in furniture]
    body = [line for page in pages for line in sorted(page.lines, key=lambda ln: ln.top)]
    cells = [cell for page in pages for table in page.tables for row in table.rows for cell in row]
    stats = collect_stats([body, *(cell.lines for cell in cells)])
    # List levels inside tables are measured per column over the whole document, so the
    # part of a cell continued on the next page keeps the levels of its first part.
    column_markers: dict[int, list[float]] = {}
    for cell in cells:
        for line in cell.lines:
            marker = classify(line, stats).marker
            if marker is not None:
                column_markers.setdefault(round(cell.x0), []).append(marker.x0)
    column_levels = {key: level_map(xs) for key, xs in column_markers.items()}
    rows = itertools.count()
    builder = Builder(stats, body, rows)
    out: list[dict[str, Any]] = []
    previous_table: Table | None = None
    previous_row = -1
    for page in pages:
        events: list[tuple[float, int, Line | Table]] = [
            (line.top, 0, line) for line in page.lines
        ] + [(table.top, 1, table) for table in page.tables]
        events.sort(key=lambda e: (e[0], e[1]))
        for position, (_, _, item) in enumerate(events):
            if isinstance(item, Line):
                builder.feed(item)
                previous_table = None
                continue
            out += builder.take()
            continues = (
                previous_table is not None
                and position == 0
                and _same_columns(previous_table, item)
            )
            previous_row = _emit_table(
                item, stats, rows, out, previous_row if continues else None, column_levels
            )
            previous_table = item
    out += builder.take()
    return out


def _same_columns(a: Table, b: Table) -> bool:
    return len(a.columns) == len(b.columns) and all(
        abs(x[0] - y[0]) <= 5 and abs(x[1] - y[1]) <= 5
        for x, y in zip(a.columns, b.columns, strict=True)
    )


def _emit_table(table: Table, stats: Stats, rows: Iterator[int], out: list[dict[str, Any]],
                continued_row: int | None, column_levels: dict[int, list[float]]) -> int:
    row = -1
    for index, cells in enumerate(table.rows):
        # A row broken by a page break goes on with an empty label cell on the next page.
        continued = index == 0 and continued_row is not None and not cells[0].lines
        row = continued_row if continued and continued_row is not None else next(rows)
        emitted: list[list[dict[str, Any]]] = []
        for cell in cells:
            builder = Builder(stats, cell.lines, None, row, column_levels.get(round(cell.x0)))
            for line in cell.lines:
                builder.feed(line)
            # The rest of a broken row may start inside a sub-list: keep its measured levels.
            emitted.append(builder.take(relative=not continued))
        out.append({"t": "row", "row": row, "cells": emitted})
    return row


# -- pdfplumber front end -----------------------------------------------------------------------


class ChildError(Exception):
    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, detail)
        self.code, self.detail = code, detail


# Values pdfplumber's resolve_all gives back unchanged: it is called on every attribute of
# every glyph (about 17 each) and recurses into each glyph's matrix, a third of the parse.
_PLAIN = frozenset({float, int, str, bool, type(None)})


def _speed_up_pdfplumber() -> None:
    """Have pdfplumber's page objects skip resolve_all for values it returns as they are
    (numbers, strings, tuples of them): the same objects, a fifth less parsing time.
    Anything else (object references, lists, dictionaries) still goes through it."""
    import pdfplumber.page

    resolve = pdfplumber.page.resolve_all
    if getattr(resolve, "migkg_plain_shortcut", False):
        return

    def resolve_all(value: Any) -> Any:
        kind = type(value)
        if kind in _PLAIN or kind is tuple and all(type(v) in _PLAIN for v in value):
            return value
        return resolve(value)

    resolve_all.migkg_plain_shortcut = True  # type: ignore[attr-defined]
    pdfplumber.page.resolve_all = resolve_all


def parse(data: bytes, max_pages: int) -> dict[str, Any]:
    import pdfplumber
    from pdfminer.pdfpage import PDFPage

    _speed_up_pdfplumber()

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        if getattr(pdf.doc, "encryption", None):
            raise ChildError("encrypted")
        count = sum(1 for _ in itertools.islice(PDFPage.create_pages(pdf.doc), max_pages + 1))
        if count > max_pages:
            raise ChildError("pages", str(max_pages))
        if count == 0:
            raise ChildError("damaged", "it has no pages")
        pages = [_read_page(page) for page in pdf.pages]
    letters = cids = 0
    for page in pages:
        for line in _all_lines(page):
            for word in line.words:
                cids += len(_CID.findall(word.text))
                letters += sum(c.isalnum() for c in _CID.sub("", word.text))
    if letters == 0 and cids == 0:
        raise ChildError("no_text")
    if cids > letters:
        raise ChildError("undecodable")
    removed: list[list[str]] = []
    items = layout(pages, removed)
    return {"pages": len(pages), "items": items, "removed": removed}


def _all_lines(page: Page) -> Iterator[Line]:
    yield from page.lines
    for table in page.tables:
        for row in table.rows:
            for cell in row:
                yield from cell.lines


MAX_LINKS_PER_PAGE = 2000


class _Dedupe:
    """Object filter that drops a glyph drawn again on top of itself (simulated bold draws
    each letter twice, slightly shifted), which would otherwise read "TThhee".

    pdfplumber's own ``dedupe_chars`` does the same but sorts every glyph several times;
    hashing positions into 1-point cells keeps this linear.
    """

    def __init__(self, tolerance: float = 1.0) -> None:
        self.tolerance = tolerance
        self.cells: dict[tuple[Any, ...], list[tuple[float, float]]] = {}

    def __call__(self, obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = float(obj["x0"]), float(obj["top"])
        size = float(obj.get("size") or 0)
        ident = (obj.get("text"), obj.get("fontname"), round(size, 1))
        # Narrow letters of tiny text ("ll" at 4 pt) sit closer than a point apart.
        tolerance = min(self.tolerance, 0.15 * size) if size > 0 else self.tolerance
        cx, cy = int(x // self.tolerance), int(y // self.tolerance)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for ox, oy in self.cells.get((*ident, cx + dx, cy + dy), ()):
                    if abs(ox - x) < tolerance and abs(oy - y) < tolerance:
                        return False
        self.cells.setdefault((*ident, cx, cy), []).append((x, y))
        return True


def _table_settings(page: Any) -> dict[str, Any]:
    """Default line-based detection, plus a horizontal rule where vertical rules end.

    A table row broken by a page break often has no border at the break, which leaves
    its cells open; closing them at the ends of the vertical rules keeps the row a row.
    """
    ends: list[float] = []
    for edge in page.edges:
        if edge.get("orientation") == "v" and edge["bottom"] - edge["top"] > 5:
            ends += [edge["top"], edge["bottom"]]
    closing: list[float] = []
    for y in sorted(ends):
        if not closing or y - closing[-1] > 1:
            closing.append(y)
    return {"explicit_horizontal_lines": closing[:200]}


def _read_page(page: Any) -> Page:
    number = page.page_number
    page = page.filter(_Dedupe())
    raw = page.extract_words(
        x_tolerance_ratio=0.15, y_tolerance=2, keep_blank_chars=False,
        extra_attrs=["fontname", "size", "upright"],
    )
    words = []
    for w in raw:
        if not w["upright"]:
            continue  # rotated watermarks and margin notes
        fontname, text = str(w["fontname"]), str(w["text"])
        bold, italic = font_flags(fontname)
        symbol = len(text) == 1 and bullet_font(fontname, text)
        words.append(Word(text, w["x0"], w["x1"], w["top"], w["bottom"], float(w["size"]),
                          bold, italic, symbol))
    links = []
    for link in page.hyperlinks[:MAX_LINKS_PER_PAGE]:
        uri = link.get("uri")
        if isinstance(uri, str) and 0 < len(uri) <= 2048:
            links.append((uri, link["x0"], link["top"], link["x1"], link["bottom"]))
    tables = []
    taken: set[int] = set()
    for found in page.find_tables(_table_settings(page)):
        cells = [c for row in found.rows for c in row.cells if c is not None]
        if len(cells) < 2:
            continue  # a frame around text is layout, not a table
        x0, top, x1, bottom = found.bbox
        inside = [i for i, w in enumerate(words) if i not in taken
                  and x0 <= (w.x0 + w.x1) / 2 <= x1 and top <= (w.top + w.bottom) / 2 <= bottom]
        rows: list[list[Cell]] = []
        for row in found.rows:
            row_cells: list[Cell] = []
            for cell in row.cells:
                if cell is None:
                    continue
                cx0, ctop, cx1, cbottom = cell
                mine = [i for i in inside if i not in taken
                        and cx0 <= (words[i].x0 + words[i].x1) / 2 <= cx1
                        and ctop <= (words[i].top + words[i].bottom) / 2 <= cbottom]
                taken.update(mine)
                lines = group_lines([words[i] for i in mine], number)
                attach_links(lines, links)
                row_cells.append(Cell(cx0, lines))
            if row_cells:
                rows.append(row_cells)
        columns = [(c[0], c[2]) for c in found.rows[0].cells if c is not None]
        tables.append(Table(number, top, columns, rows))
    body = group_lines([w for i, w in enumerate(words) if i not in taken], number)
    attach_links(body, links)
    return Page(number, float(page.width), float(page.height), body, tables)


# -- process entry point -----------------------------------------------------------------------


def _lower_limit(kind: int, soft: int, hard: int | None = None) -> None:
    import resource

    current_soft, current_hard = resource.getrlimit(kind)
    hard = soft if hard is None else hard
    if current_hard != resource.RLIM_INFINITY:
        hard = min(hard, current_hard)
        soft = min(soft, hard)
    resource.setrlimit(kind, (soft, hard))


def apply_limits(memory_mb: int, cpu_seconds: int, wall_seconds: int) -> None:
    try:
        import resource
    except ImportError:  # not POSIX: the parent's wall-clock timeout is the only guard
        return
    _lower_limit(resource.RLIMIT_AS, memory_mb * 1024 * 1024)
    # SIGXCPU at the soft limit ends the process; the hard limit is a backstop.
    _lower_limit(resource.RLIMIT_CPU, cpu_seconds, cpu_seconds + 2)
    _lower_limit(resource.RLIMIT_CORE, 0)
    if hasattr(signal, "alarm"):
        # Ends this process even if the parent died and nobody is left to kill it.
        signal.alarm(wall_seconds)


def _root_cause(exc: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer errors; look through the wrappers."""
    seen = 0
    while seen < 10:
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
        inner = inner or exc.__cause__ or exc.__context__
        if inner is None:
            return exc
        exc, seen = inner, seen + 1
    return exc


def _classify(exc: BaseException) -> tuple[str, str]:
    chain = [exc]
    while len(chain) < 10 and (nxt := _root_cause(chain[-1])) is not chain[-1]:
        chain.append(nxt)
    names = {type(e).__name__ for e in chain}
    if any(isinstance(e, MemoryError) for e in chain):
        return "memory", ""
    if names & {"PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning"} or any(
        "Encryption" in n for n in names
    ):
        return "encrypted", ""
    cause = chain[-1]
    if isinstance(cause, RecursionError):
        return "damaged", "objects nested too deeply"
    message = re.sub(r"\s+", " ", str(cause)).strip()[:160]
    if names & {"PSEOF", "PDFSyntaxError", "PDFNoValidXRef", "PSSyntaxError", "PDFTypeError",
                "PDFValueError", "PSTypeError", "PDFNotImplementedError", "PDFException"}:
        return "damaged", message or type(cause).__name__
    return "failed", f"{type(cause).__name__}: {message}" if message else type(cause).__name__


def answer(data: bytes, max_pages: int) -> str:
    """The JSON answer for one PDF's bytes: its blocks, or the error it ran into."""
    try:
        result = {"ok": True, **parse(data, max_pages)}
        return json.dumps(result, ensure_ascii=True, separators=(",", ":"))
    except ChildError as exc:
        return json.dumps({"ok": False, "error": exc.code, "detail": exc.detail})
    except MemoryError:
        return '{"ok": false, "error": "memory", "detail": ""}'
    except Exception as exc:  # any parser failure becomes one reported line
        code, detail = _classify(exc)
        return json.dumps({"ok": False, "error": code, "detail": detail})


def _quiet() -> None:
    # Library warnings about broken objects would only fill the stderr pipe.
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--serve", action="store_true",
                        help="read requests from stdin and parse each in a fresh fork")
    parser.add_argument("--memory-mb", type=int)
    parser.add_argument("--cpu-seconds", type=int)
    parser.add_argument("--wall-seconds", type=int)
    parser.add_argument("--max-pages", type=int)
    args = parser.parse_args(argv)
    if args.serve:
        return serve()
    if None in (args.memory_mb, args.cpu_seconds, args.wall_seconds, args.max_pages):
        parser.error("--memory-mb, --cpu-seconds, --wall-seconds and --max-pages are required")
    apply_limits(args.memory_mb, args.cpu_seconds, args.wall_seconds)
    _quiet()
    text = answer(sys.stdin.buffer.read(), args.max_pages)
    sys.stdout.write(text)
    sys.stdout.flush()
    return 0


# -- serving many files: one start, a fresh fork per file -------------------------------------
#
# Starting the interpreter and importing pdfplumber costs about as much as parsing a short
# report, so a reader of many PDFs keeps one server process. The server imports the parser
# but never parses: each request is parsed by a fork of it that lowers its limits first, so
# a hostile file still costs only that fork, and the next file starts from a clean copy.
# Protocol on stdin/stdout, one exchange per file:
#   request:  a JSON line {"memory_mb", "cpu_seconds", "wall_seconds", "max_pages", "size"}
#             followed by ``size`` bytes of PDF;
#   response: a JSON line {"code": exit status (negative: killed by that signal),
#             "out": N, "err": M} followed by N bytes of the fork's stdout and M of its stderr.

_PR_SET_PDEATHSIG = 1
MAX_REQUEST_LINE = 4096
ERR_TAIL = 4096  # bytes of a fork's stderr passed on; the parent reads only the last line


def _die_with_parent() -> None:
    """Ask Linux to kill this server when the process that started it dies: forked
    siblings may hold our stdin open, so its end of file alone is not enough."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def serve() -> int:
    """Answer requests until stdin ends (see the protocol above); returns the exit code."""
    import os

    _die_with_parent()
    _quiet()
    # Imported once here, so every fork starts with the parser loaded.
    import pdfplumber  # noqa: F401
    from pdfminer.pdfpage import PDFPage  # noqa: F401

    _speed_up_pdfplumber()

    requests, replies = sys.stdin.buffer, sys.stdout.buffer
    while True:
        line = requests.readline(MAX_REQUEST_LINE)
        if not line:
            return 0
        try:
            request = json.loads(line)
            limits = [int(request[key]) for key in
                      ("memory_mb", "cpu_seconds", "wall_seconds", "max_pages", "size")]
        except (ValueError, KeyError, TypeError):
            return 2  # the parent speaks the protocol; anything else ends the server
        *budget, max_pages, size = limits
        data = requests.read(size)
        if len(data) != size:
            return 0
        code, out, err = _parse_in_fork(data, budget, max_pages, os)
        err = err[-ERR_TAIL:]
        replies.write(json.dumps({"code": code, "out": len(out), "err": len(err)}).encode()
                      + b"\n" + out + err)
        replies.flush()


def _parse_in_fork(data: bytes, budget: list[int], max_pages: int,
                   os: Any) -> tuple[int, bytes, bytes]:
    """Parse ``data`` in a forked child under ``budget`` (memory MB, CPU s, wall s);
    give its exit status and what it wrote to stdout and stderr."""
    import selectors

    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: limits first, then the untrusted bytes
        try:
            os.close(out_r)
            os.close(err_r)
            os.dup2(out_w, 1)
            os.dup2(err_w, 2)
            os.close(0)
            apply_limits(*budget)
            text = answer(data, max_pages)
            with open(1, "w", closefd=False, encoding="ascii") as stdout:
                stdout.write(text)
        except BaseException:  # noqa: BLE001 - the exit status says it failed
            os._exit(1)
        os._exit(0)
    os.close(out_w)
    os.close(err_w)
    chunks: dict[int, list[bytes]] = {out_r: [], err_r: []}
    with selectors.DefaultSelector() as selector:
        for fd in chunks:
            selector.register(fd, selectors.EVENT_READ)
        # The child's own alarm ends it at the wall limit; this is the backstop.
        deadline = budget[2] + 5
        open_fds = set(chunks)
        while open_fds:
            ready = selector.select(timeout=deadline)
            if not ready:
                os.kill(pid, signal.SIGKILL)
                break
            for key, _ in ready:
                chunk = os.read(key.fd, 1 << 16)
                if chunk:
                    chunks[key.fd].append(chunk)
                else:
                    selector.unregister(key.fd)
                    open_fds.discard(key.fd)
    for fd in chunks:
        os.close(fd)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    return code, b"".join(chunks[out_r]), b"".join(chunks[err_r])


if __name__ == "__main__":
    sys.exit(main())
