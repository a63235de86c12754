"""Plain-text reports: paragraphs, ALL-CAPS or underlined headings, indented lists.

Plain text has no markup, so structure comes from layout conventions: blank lines end
paragraphs, list markers start items whose depth follows the indentation (and the
marker style, so "a) Topic" with "- point" under it nests even when both sit at the same
indent), ``label<TAB>content`` lines are template rows, ``>`` lines are quotations, and a
line wholly in (parentheses) or [brackets] is template guidance, flagged as italic.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..model import Block, BlockKind, Document
from ..session_line import opens_with_session
from ._common import (
    BULLET_GLYPHS,
    Run,
    check_units,
    decode,
    interrupted_sentence,
    make_block,
    read_limited,
    word_count,
)
from .email_text import strip_email

MAX_HEADING_WORDS = 15
MAX_LABEL_WORDS = 8

_ROMAN = "ivxlcdm"
_MARKER = re.compile(
    rf"^(?P<m>[{BULLET_GLYPHS}\-*+–—]"
    rf"|\((?:\d{{1,3}}|[A-Za-z]|[{_ROMAN}]{{1,6}}|[{_ROMAN.upper()}]{{1,6}})\)"
    r"|\d{1,3}(?:\.\d{1,3}){1,3}\.?"
    rf"|(?:\d{{1,3}}|[a-z]|[{_ROMAN}]{{2,6}}|[{_ROMAN.upper()}]{{2,6}})[.)]|[A-Z]\))"
    r"[ \t]+(?=\S)"
)
# Word's plain-text export writes second- and third-level bullets as "o" and "§".
_INDENTED_MARKER = re.compile(r"^(?P<m>[o§])[ \t]+(?=\S)")
# Nesting order of enumeration styles, outermost first ("I." > "A)" > "1." > "a)" > "i.").
# "2.1" sits under "2." and "2.1.3" under "2.1", so dotted numbers rank by their depth.
_RANK = {"ROMAN": 0, "LETTER": 1, "digit": 2, "digit.2": 2.1, "digit.3": 2.2, "digit.4": 2.3,
         "letter": 3, "roman": 4, "bullet": 5, "bullet.2": 5.1, "bullet.3": 5.2}
_ATX = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?$")
_RULE = re.compile(r"^([-=_*~])(?:[ \t]*\1){2,}$")
_LABEL_LINE = re.compile(r"^(?P<label>[^\W_][^:]{0,80}?)\s?:(?:\s+\S|$)")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.{1,300}?)(?<=\S)\1")  # bounded: no quadratic scans
_EMPHASIS = re.compile(r"^([*_])(?=[^*_\s])(.+)(?<=[^*_\s])\1$")


class TextReader:
    name = "text"
    suffixes = (".txt",)

    def read(self, path: Path) -> Document:
        decoded = decode(check_units(read_limited(path)))
        rows = spreadsheet_rows(decoded.text)
        stripped = strip_email(rows.splitlines())
        # Cells the csv module parsed are cells, even when one runs on in lower case.
        blocks = text_blocks("\n".join(stripped.lines), cells=rows != decoded.text)
        if stripped.subject:
            blocks.insert(0, Block("heading", stripped.subject, level=1))
        return Document.build(
            str(path), self.name, blocks,
            removed=stripped.removed, warnings=list(decoded.warnings),
        )


# 'Key challenges<TAB>"- Governance: …': a row whose cell is quoted, as spreadsheets export
# cells holding line breaks or quotation marks.
_QUOTED_CELL = re.compile(r'^[^\t"\n]{1,80}\t"', re.MULTILINE)


def spreadsheet_rows(text: str) -> str:
    """Tab-separated rows exported with quoted cells (a cell over several lines, quotation
    marks doubled inside) rewritten as the template rows the reader knows: the label, a tab,
    the cell's first line; each further line of the cell after a tab. Parsed by the csv
    module; other text is returned unchanged."""
    if len(_QUOTED_CELL.findall(text)) < 2:
        return text
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter="\t", strict=True))
    except csv.Error:
        return text
    out: list[str] = []
    for row in rows:
        if not any(cell.strip() for cell in row):
            out.append("")
            continue
        label, cells = row[0], [c for c in row[1:] if c.strip()]
        lines = [line for cell in cells for line in cell.splitlines()] or [""]
        out.append(f"{label}\t{lines[0]}" if label else f"\t{lines[0]}")
        out += [f"\t{line}" for line in lines[1:]]
    return "\n".join(out)


def text_blocks(text: str, *, cells: bool = False) -> list[Block]:
    """Blocks of plain text (already decoded, e-mail furniture already taken off);
    ``cells``: every tab separates template cells (the text is a spreadsheet export), so a
    tab is never read as one interrupting a sentence."""
    lines = text.splitlines()
    width, unwrapped = _wrapping(lines)
    raw_width = _typical_width([len(line.rstrip().expandtabs(4)) for line in lines
                                if line.strip()]) if width else None
    parser = _Parser(width, unwrapped, cells=cells, raw_wrap_width=raw_width)
    for line in lines:
        parser.feed(line)
    parser.flush()
    return parser.blocks


def _family(
    marker: str, stack: list[tuple[int, str]], indent: int, previous: str | None = None
) -> str:
    if marker in {"o", "◦", "§", "▪"}:
        # Word's text export writes list levels 2 and 3 as "o" and "§" under "•"; typed
        # lists use hollow and square bullets the same way.
        return "bullet.2" if marker in {"o", "◦"} else "bullet.3"
    core = marker.strip("().")
    if core.isdigit():
        return "digit"
    if "." in core and core.replace(".", "").isdigit():
        return f"digit.{min(core.count('.') + 1, 4)}"
    if len(core) > 1:
        return "roman" if core.islower() else "ROMAN"
    if not core.isalpha():
        return "bullet"
    letter = "letter" if core.islower() else "LETTER"
    # "i." is a roman numeral unless it continues a lettered list ("h)", "i)"); when the
    # previous item at that indent is known, only an "h" before it makes it a letter.
    after_h = previous is None or previous.strip("().").lower() == "h"
    if core in "iI" and ((indent, letter) not in stack or not after_h):
        return "roman" if core.islower() else "ROMAN"
    return letter


def _level(stack: list[tuple[int, str]], indent: int, family: str) -> int:
    """List depth of an item; ``stack`` holds (indent, family) of the open levels."""
    while stack and stack[-1][0] > indent:
        stack.pop()
    for depth in range(len(stack) - 1, -1, -1):
        if stack[depth][0] != indent:
            break
        if stack[depth][1] == family:
            del stack[depth + 1 :]
            return depth
    if stack and stack[-1][0] == indent and _RANK[family] <= _RANK[stack[-1][1]]:
        stack[-1] = (indent, family)  # a sibling in another style, not a sub-list
    else:
        stack.append((indent, family))
    return len(stack) - 1


def typed_marker(text: str) -> re.Match[str] | None:
    """The list marker ``text`` starts with ('• ', 'a) ', '(iv) ', '2.1 '), group 'm'."""
    return _MARKER.match(text)


class ListNesting:
    """Depth of typed list items from their indentation and marker family, in order."""

    def __init__(self) -> None:
        self.stack: list[tuple[int, str]] = []
        self.previous: dict[int, str] = {}  # the last marker seen at each indent

    def level(self, marker: str, indent: int = 0) -> int:
        """The depth of the next item with ``marker`` at ``indent``."""
        family = _family(marker, self.stack, indent, self.previous.get(indent))
        self.previous[indent] = marker
        return _level(self.stack, indent, family)

    def reset(self) -> None:
        """Forget the open lists: a block that is no list item ended them."""
        self.stack.clear()
        self.previous.clear()


def is_caps_heading(line: str) -> bool:
    cased = [c for c in line if c.isupper() or c.islower()]
    return (
        len(cased) >= 3
        and all(c.isupper() for c in cased)
        and word_count(line) <= MAX_HEADING_WORDS
    )


def _split_prose(line: str) -> bool:
    label, _, rest = line.partition("\t")
    return interrupted_sentence(label.strip(), rest.strip())


# 'Diaspora trust fund -- Ethiopia's fund …': a short title, a spaced dash, then the text.
_TITLE_LEAD = re.compile(r"^[A-Z][^.!?:;]{1,60}?\s(?:--|–|—)\s\S")


def _titled_after_sentence(previous: str, line: str) -> bool:
    """A finished sentence, then a line opening with a short title and a spaced dash: a
    new item of a list typed without bullets, not the paragraph going on."""
    return previous.endswith((".", "!", "?")) and bool(_TITLE_LEAD.match(line))


def _is_label_line(line: str) -> bool:
    match = _LABEL_LINE.match(line)
    return bool(match) and word_count(match.group("label")) <= MAX_LABEL_WORDS


# A line shorter than this share of the wrap width ended its paragraph: hard-wrapped prose
# fills every line but the last, so what follows a short line is a new block (a heading
# line written directly above its text, 'Resumen' then the summary, is the usual case).
SHORT_LINE = 0.6
MIN_WRAP = 50
# Past this, lines were not wrapped by hand (one paragraph a line); nobody wraps prose
# shorter than the width taken for such text, so its short lines end paragraphs too.
MAX_WRAP = 120
UNWRAPPED_WIDTH = 100


def _wrapping(lines: list[str]) -> tuple[int | None, bool]:
    """(the width the text was hard-wrapped at, whether it was not wrapped at all)."""
    lengths = [len(line.strip()) for line in lines if line.strip()]
    if not lengths:
        return None, False
    width = _typical_width(lengths)
    if width > MAX_WRAP:
        return UNWRAPPED_WIDTH, True
    return (width if width >= MIN_WRAP else None), False


def _typical_width(lengths: list[int]) -> int:
    """The width lines of these (non-empty) lengths were wrapped at: the 90th percentile,
    which resists a long URL line; a short text has too few lines for it, its longest."""
    ordered = sorted(lengths)
    return ordered[int(0.9 * (len(ordered) - 1))] if len(ordered) >= 10 else ordered[-1]


@dataclass
class _Pending:
    kind: BlockKind
    lines: list[str] = field(default_factory=list)
    level: int = 0
    row: int | None = None
    marker: str | None = None


class _Parser:
    def __init__(self, wrap_width: int | None = None, unwrapped: bool = False, *,
                 cells: bool = False, raw_wrap_width: int | None = None) -> None:
        self.wrap_width = wrap_width
        self.unwrapped = unwrapped
        self.cells = cells
        self.blocks: list[Block] = []
        self.pending: _Pending | None = None
        self.nesting = ListNesting()
        self.rows = itertools.count()
        self.row: int | None = None  # template row that indented lines still belong to
        self.after_blank = True
        # Wrapping counts a line's indent: the width of the previous line as typed, and
        # the width the text was wrapped at, measured the same way.
        self.previous_width = 0
        self.raw_wrap_width = raw_wrap_width

    def _split_prose(self, line: str) -> bool:
        return not self.cells and _split_prose(line)

    def feed(self, line: str) -> None:
        content = line.strip()
        if not content:
            self.flush()
            self.after_blank, self.row = True, None
            return
        indent = len(line[: len(line) - len(line.lstrip())].expandtabs(4))
        if indent == 0:
            self.row = None
        # A table row whose other cells are empty ("Title<TAB>") stands alone: it neither
        # continues the line before it nor takes the next one in.
        standalone = line.rstrip(" ").endswith("\t") and "\t" not in content
        if standalone:
            self.after_blank = True
        self._line(content, indent)
        if standalone and self.pending is not None and self.pending.kind == "paragraph":
            self.flush()
        self.after_blank = False
        self.previous_width = len(line.rstrip().expandtabs(4))

    def _line(self, content: str, indent: int) -> None:
        marker = _MARKER.match(content) or (indent and _INDENTED_MARKER.match(content))
        if marker and "\t" in content[marker.end() :] and not self._split_prose(content):
            marker = None  # "1. Challenges<TAB>content": a numbered label cell of a row
        if marker and self._number_in_sentence(content[marker.end():]):
            marker = None  # '… at USD' then '8.1 million a year.': the sentence goes on
        if rule := _RULE.match(content):
            self._rule(rule.group(1))
        elif atx := _ATX.match(content):
            # Markdown-style "## Challenges" in a .txt file is a heading of that level.
            self._start(_Pending("heading", [atx.group(2)], len(atx.group(1))))
            self.flush()
            self.nesting.reset()
        elif content.startswith(">"):
            self._quote(content.lstrip("> \t"))
        elif marker and not (marker.group("m")[-1] in ".)" and is_caps_heading(content)):
            level = self.nesting.level(marker.group("m"), indent)
            text = content[marker.end() :]
            if "\t" in text:
                text = " ".join(text.split("\t"))  # a tab inside the item's own text
            self._start(_Pending("item", [text], level, self.row, marker.group("m")))
        elif is_caps_heading(content) and not self._caps_in_sentence(content):
            self._start(_Pending("heading", [content], 1))
            self.flush()
            self.nesting.reset()
        elif "\t" in content and not self._split_prose(content):
            self._tab_row(content)
        elif self.row is not None:
            self._start(_Pending("paragraph", [content], row=self.row))
        elif content[0] + content[-1] in {"()", "[]"}:
            self._start(_Pending("paragraph", [content]))  # guidance stands on its own
            self.flush()
        elif self._continues(content):
            assert self.pending is not None
            self.pending.lines.append(content)
        else:
            self._start(_Pending("paragraph", [content]))
            self.nesting.reset()

    def _caps_in_sentence(self, content: str) -> bool:
        """A capitalised name the wrapping put on a line of its own ('… con el apoyo de' /
        'MERCOSUR.'): right under an unfinished line of prose, and ending as a sentence or
        clause does, where a heading has no punctuation."""
        pending = self.pending
        return (
            pending is not None and pending.kind == "paragraph" and not self.after_blank
            and pending.lines[-1][-1:].isalpha() and pending.lines[-1][-1:].islower()
            and content.endswith((".", ",", ";", "!", "?"))
        )

    def _number_in_sentence(self, after_marker: str) -> bool:
        """A line opening with a number, then lower case, right under an unfinished line of
        prose: a figure the wrapping put first, not a list item."""
        pending = self.pending
        return (
            pending is not None and pending.kind == "paragraph" and not self.after_blank
            and not pending.lines[-1].endswith((".", ":", ";", "!", "?"))
            and after_marker[:1].islower()
        )

    def _continues(self, content: str) -> bool:
        pending = self.pending
        if (
            pending is None
            or pending.kind not in {"paragraph", "item"}
            or self.after_blank
            or pending.lines[-1].endswith(":")
        ):
            return False
        if content[:1].islower() and not pending.lines[-1].endswith((".", "!", "?", ";")):
            # A sentence that goes on in lower case is one item or paragraph, however
            # short the line it was broken after.
            return True
        if content.endswith(":") and word_count(content) <= MAX_LABEL_WORDS:
            return False  # "At national level:" introduces what follows; it joins nothing
        return (
            not _is_label_line(content)
            and not self._ended_short(pending.lines[-1])
            and not self._next_word_fitted(content)
            and not opens_with_session(content)
            and not self._heading_after_sentence(pending.lines[-1], content)
            and not _titled_after_sentence(pending.lines[-1], content)
        )

    def _heading_after_sentence(self, previous: str, line: str) -> bool:
        """'…during the season.' then 'Challenges': a short unpunctuated line after a
        finished sentence starts a block (a paragraph's last line ends with punctuation)."""
        width = self.wrap_width or UNWRAPPED_WIDTH
        return (
            previous.endswith((".", "!", "?"))
            and len(line) < SHORT_LINE * width
            and line[:1].isupper()
            and not line.endswith((".", ",", ";", "!", "?"))
        )

    def _next_word_fitted(self, line: str) -> bool:
        """The next line's first word would have fitted on the line before: whoever wrapped
        the text ended that line on purpose ('Second International Migration Review Forum'
        above 'Session 4 - …'). Only in hard-wrapped text, whose width is known."""
        if self.raw_wrap_width is None or self.unwrapped:
            return False
        first = line.split(maxsplit=1)[0]
        return self.previous_width + 1 + len(first) <= self.raw_wrap_width

    def _ended_short(self, line: str) -> bool:
        if self.wrap_width is None:
            return False
        if self.unwrapped and line.endswith((".", "!", "?", ";")):
            return True  # one paragraph a line: a finished sentence ends the paragraph
        return len(line) < SHORT_LINE * self.wrap_width

    def _rule(self, char: str) -> None:
        pending = self.pending
        if (
            char in "=-" and pending is not None and pending.kind == "paragraph"
            and len(pending.lines) == 1 and pending.row is None and not self.after_blank
        ):
            pending.kind, pending.level = "heading", 1 if char == "=" else 2
        self.flush()
        self.nesting.reset()

    def _quote(self, content: str) -> None:
        if self.pending is None or self.pending.kind != "quote":
            self._start(_Pending("quote"))
        if content:
            assert self.pending is not None
            self.pending.lines.append(content)
        else:
            self.flush()  # an empty ">" line separates quoted paragraphs

    def _tab_row(self, content: str) -> None:
        self.flush()
        self.nesting.reset()
        row = next(self.rows)
        label, *cells = (cell.strip() for cell in content.split("\t"))
        self._emit(_Pending("label", [label], row=row))
        for cell in filter(None, cells):
            for kind, text, marker in _cell_parts(cell):
                self._emit(_Pending(kind, [text], row=row, marker=marker))
        self.row = row

    def _start(self, pending: _Pending) -> None:
        self.flush()
        self.pending = pending

    def flush(self) -> None:
        if self.pending is not None:
            self._emit(self.pending)
            self.pending = None

    def _emit(self, pending: _Pending) -> None:
        text = " ".join(pending.lines)
        italic = False
        if emphasis := _EMPHASIS.match(text):
            text, italic = emphasis.group(2), True
        block = make_block(
            pending.kind, _bold_runs(text), level=pending.level, row=pending.row, find_urls=True,
            marker=pending.marker,
        )
        if block is None:
            return
        guidance = pending.kind == "paragraph" and block.text[0] + block.text[-1] in {"()", "[]"}
        if italic or guidance:
            block = replace(block, italic=True)
        self.blocks.append(block)


_CELL_BULLET = re.compile(rf"(?:^|\s)[{BULLET_GLYPHS}]\s+")


def _cell_parts(cell: str) -> list[tuple[BlockKind, str, str | None]]:
    """(kind, text, marker) of one template cell: bullets written inside it are items."""
    bullets = list(_CELL_BULLET.finditer(cell))
    if not bullets:
        marker = _MARKER.match(cell)
        if marker:
            return [("item", cell[marker.end() :], marker.group("m"))]
        return [("paragraph", cell, None)]
    parts: list[tuple[BlockKind, str, str | None]] = []
    lead = cell[: bullets[0].start()].strip()
    if lead:
        parts.append(("paragraph", lead, None))
    for this, after in zip(bullets, [*bullets[1:], None], strict=True):
        text = cell[this.end() : after.start() if after else len(cell)].strip()
        if text:
            parts.append(("item", text, this.group(0).strip()))
    return parts


def _bold_runs(text: str) -> list[Run]:
    """Runs of a line where ``**x**`` / ``__x__`` marks bold, markers removed."""
    runs, pos = [], 0
    for match in _BOLD.finditer(text):
        runs += [Run(text[pos : match.start()]), Run(match.group(2), bold=True)]
        pos = match.end()
    runs.append(Run(text[pos:]))
    return runs
