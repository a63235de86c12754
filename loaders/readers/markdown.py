"""Markdown reports, rendered with markdown-it-py and read by the HTML block extractor.

Rapporteur templates pasted into Markdown keep Word's table rows as
``label<TAB>content`` lines (often with inline HTML on either side). Those lines are
turned into one-row HTML tables before rendering, so they come out exactly like a
two-column template table in HTML or Word: a label block plus content blocks sharing a row.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt

from ..model import Document
from . import ReaderError
from ._common import check_units, decode, interrupted_sentence, read_limited, word_count
from .html import html_blocks
from .text import typed_marker

MAX_LABEL_WORDS = 25
# Reference links are copied into every use, so "[a]" repeated a million times after a
# long definition is Markdown's billion laughs; cap the expansion relative to the input.
EXPANSION_FACTOR = 4
EXPANSION_FLOOR = 2 * 1024 * 1024
# Backstop on the rendered HTML, generous because tables and links legitimately grow.
RENDER_FACTOR = 10
RENDER_FLOOR = 16 * 1024 * 1024

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_MD_LIST = re.compile(r"^(?:[-*+]|\d{1,9}[.)])[ \t]")  # what Markdown itself reads as a list
# A line that opens with a bold label ("**Date of the session:** ..." or "**National**: ...").
# Consecutive ones are a form's fields, one per line, which Markdown would join into one
# paragraph.
_BOLD_LABEL_LINE = re.compile(r"^ {0,3}(\*\*|__)[^*_\n]{1,80}?(?::[ \t]*\1|\1[ \t]*:)")
# Block syntax a label cell cannot start with (headings, quotes, bullets, pipe tables).
_NOT_A_LABEL = re.compile(r"^(?:#{1,6}(?:\s|$)|>|\||[-*+](?:\s|$))")
_INLINE_TAGS = re.compile(
    r"</?(?:b|strong|i|em|u|span|a|font|code|sup|sub|mark|small|s)(?:\s[^<>]*)?/?>", re.I
)
_ANY_TAG = re.compile(r"<[^<>]*>")
_REF_DEF = re.compile(
    r"^ {0,3}\[([^\]\n]{1,999})\]:[ \t]*\n?[ \t]*(\S+)"
    r"(?:[ \t]*\n?[ \t]*(\"[^\"]*\"|'[^']*'|\([^)]*\)))?",
    re.M,
)
_REF_USE = re.compile(r"\[([^\[\]\n]{1,999})\]")


class MarkdownReader:
    name = "markdown"
    suffixes = (".md", ".markdown")

    def read(self, path: Path) -> Document:
        decoded = decode(check_units(read_limited(path)))
        return Document.build(
            str(path), self.name, markdown_blocks(decoded.text), warnings=list(decoded.warnings)
        )


def markdown_blocks(text: str) -> list:
    _check_reference_expansion(text)
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    html = md.render(_tab_rows_to_tables(text, md))
    if len(html) > max(RENDER_FLOOR, RENDER_FACTOR * len(text)):
        raise ReaderError("markdown expands to too much HTML (repeated references?)")
    return html_blocks(html, find_urls=True, typed_lists=True)


def _tab_rows_to_tables(text: str, md: MarkdownIt) -> str:
    lines: list[str] = []
    fence = ""
    for line in text.split("\n"):
        opener = _FENCE.match(line)
        if fence:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = ""
            lines.append(line)
        elif opener:
            fence = opener.group(1)
            lines.append(line)
        elif _is_tab_row(line):
            lines.extend(["", _row_html(line, md), ""])
        elif lines and lines[-1].strip() and (_typed_item(line) or _BOLD_LABEL_LINE.match(line)):
            lines.extend(["", line])  # a typed item or a labelled field starts its own paragraph
        else:
            lines.append(line)
    return "\n".join(lines)


def _typed_item(line: str) -> bool:
    """A line at the margin typed as a list item that Markdown has no syntax for."""
    typed = typed_marker(line)
    return (
        typed is not None and not line[:1].isspace() and not _MD_LIST.match(line)
        and not typed.group("m")[:1].isdigit()
    )


def _is_tab_row(line: str) -> bool:
    label, tab, content = line.partition("\t")
    if not tab or not label.strip() or line[0].isspace() or _NOT_A_LABEL.match(label):
        return False
    bare = _INLINE_TAGS.sub("", label).strip("*_ ")
    content = _ANY_TAG.sub("", content).strip("*_ \t")
    return (
        "<" not in bare
        and word_count(bare) <= MAX_LABEL_WORDS
        and not interrupted_sentence(bare, content)
    )


def _row_html(line: str, md: MarkdownIt) -> str:
    label, *cells = (cell.strip() for cell in line.split("\t"))
    # A blank line would end the HTML block early, so the row stays on one line.
    parts = [f"<td>{md.renderInline(label)}</td>"]
    parts += [f"<td>{md.render(cell)}</td>".replace("\n", " ") for cell in cells if cell]
    return f"<table><tr>{''.join(parts)}</tr></table>"


def _check_reference_expansion(text: str) -> None:
    """Refuse documents whose reference links would be copied into an oversized output."""
    sizes: dict[str, int] = {}
    for match in _REF_DEF.finditer(text):
        key = " ".join(match.group(1).split()).casefold()
        sizes.setdefault(key, len(match.group(2)) + len(match.group(3) or ""))
    if not sizes:
        return
    budget = max(EXPANSION_FLOOR, EXPANSION_FACTOR * len(text))
    total = 0
    for use in _REF_USE.finditer(text):
        total += sizes.get(" ".join(use.group(1).split()).casefold(), 0)
        if total > budget:
            raise ReaderError(
                "markdown reference links expand beyond the size limit "
                "(billion-laughs-like repetition)"
            )
