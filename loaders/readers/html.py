"""HTML reports: headings, paragraphs, nested lists, label tables and block quotes.

:func:`html_blocks` is also the back end of the Markdown reader, which renders to HTML.
Parsing never touches the network; DTD entity declarations are refused outright because
a report has no use for them and they are the classic XML-bomb vehicle.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html
from lxml import etree

from ..model import Block, BlockKind, Document
from . import ReaderError
from ._common import (
    Run,
    allowed_link,
    decode_text,
    drop_prefix,
    make_block,
    merge_label,
    read_limited,
    row_blocks,
)

MAX_DEPTH = 200  # element nesting; real pages stay far below, libxml2 itself stops at 255

_SKIP = {
    "script", "style", "template", "noscript", "head", "title", "meta", "link", "base",
    "nav", "iframe", "object", "embed", "svg", "math", "canvas", "button", "select",
    "textarea", "input", "audio", "video", "map", "img", "picture", "source",
}
_SKIP_ROLES = {"navigation", "banner", "contentinfo", "search", "menu", "menubar", "toolbar"}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_LISTS = {"ul", "ol", "menu", "dir"}
_BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "header", "hgroup", "hr", "html", "legend", "li", "main", "p", "pre", "section",
    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", *_HEADINGS, *_LISTS,
}
_BOLD_TAGS = {"b", "strong"}
_ITALIC_TAGS = {"i", "em"}

_ENTITY_DECL = re.compile(r"<!ENTITY|<!DOCTYPE[^>\[]{0,1000}\[", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
_WEIGHT = re.compile(r"font-weight\s*:\s*([a-z0-9]+)", re.I)
_STYLE = re.compile(r"font-style\s*:\s*([a-z]+)", re.I)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_MSO_LEVEL = re.compile(r"mso-list\s*:[^;\"]{0,200}?level(\d+)", re.I)
_GDOCS_LEVEL = re.compile(r"\blst-kix_\w+-(\d)\b")
_MSO_MARKER = re.compile(r"^\s*(?:\S{1,2}|\(?[0-9A-Za-z]{1,4}[.)])[ \t\u00a0]+")

Fmt = tuple[bool, bool]  # (bold, italic)
Declared = tuple[bool | None, bool | None]  # what CSS sets; None leaves it inherited


class HtmlReader:
    name = "html"
    suffixes = (".html", ".htm")

    def read(self, path: Path) -> Document:
        text = decode_html(read_limited(path))
        return Document.build(str(path), self.name, html_blocks(text))


def decode_html(data: bytes) -> str:
    """Text of an HTML file, honouring a ``<meta charset>`` the way browsers do."""
    match = _META_CHARSET.search(data[:4096])
    declared = match.group(1).decode("ascii").lower() if match else None
    if declared in {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"}:
        declared = "cp1252"  # browsers read these labels as Windows-1252
    return decode_text(data, declared)


def html_blocks(text: str, *, find_urls: bool = False) -> list[Block]:
    """Blocks of an HTML document or fragment, in reading order."""
    if _ENTITY_DECL.search(text):
        raise ReaderError("refusing HTML that declares DTD entities (<!ENTITY> / internal DOCTYPE)")
    parser = lxml.html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, huge_tree=False
    )
    try:
        root = lxml.html.document_fromstring(_XML_DECL.sub("", text, count=1), parser=parser)
    except etree.ParserError:
        return []  # nothing but comments or whitespace
    except (etree.LxmlError, ValueError) as exc:
        raise ReaderError(f"unreadable HTML: {str(exc).splitlines()[0]}") from None
    walker = _Walker(_css_classes(root), find_urls=find_urls)
    try:
        walker.walk(root, (False, False), 0)
    except RecursionError:  # a deep mix of lists and tables uses several frames per level
        raise ReaderError(f"HTML nested too deeply (more than {MAX_DEPTH} levels)") from None
    walker.flush()
    return walker.out


def _css_classes(root: Any) -> dict[str, Declared]:
    """Emphasis set by simple ``.class`` rules (Google Docs and Word exports use them)."""
    classes: dict[str, Declared] = {}
    for style in root.iter("style"):
        for rule in (style.text or "").split("}"):
            selectors, _, body = rule.rpartition("{")
            fmt = _declared_fmt(body)
            if fmt == (None, None):
                continue
            for selector in selectors.split(","):
                selector = selector.strip()
                if re.fullmatch(r"\.[\w-]+", selector):
                    classes[selector[1:]] = fmt
    return classes


def _declared_fmt(css: str) -> Declared:
    bold = italic = None
    if weight := _WEIGHT.search(css):
        value = weight.group(1).lower()
        bold = value in {"bold", "bolder"} or (value.isdigit() and int(value) >= 600)
    if style := _STYLE.search(css):
        italic = style.group(1).lower() in {"italic", "oblique"}
    return bold, italic


@dataclass
class _Ctx:
    """Where inline text currently goes."""

    kind: BlockKind = "paragraph"
    level: int = 0
    row: int | None = None
    # Items and headings absorb inner paragraphs and line breaks as wrapped continuation.
    soft: bool = False
    strip_marker: bool = False


class _Walker:
    def __init__(self, classes: dict[str, Declared], *, find_urls: bool) -> None:
        self.classes = classes
        self.find_urls = find_urls
        self.rows = itertools.count()
        self.out: list[Block] = []
        self.ctx = _Ctx()
        self.list_depth = 0
        self.runs: list[Run] = []
        self.links: list[str] = []

    # -- emitting --------------------------------------------------------------------

    def flush(self) -> None:
        runs, links, ctx = self.runs, self.links, self.ctx
        self.runs, self.links = [], []
        if ctx.strip_marker and (match := _MSO_MARKER.match("".join(r.text for r in runs))):
            runs = drop_prefix(runs, match.end())
        block = make_block(
            ctx.kind, runs, links, level=ctx.level, row=ctx.row,
            find_urls=self.find_urls, glyph_bullets=not ctx.soft,
        )
        if block is None:
            return
        self.out.append(block)
        if ctx.kind == "item":
            # Text after a nested list inside the same <li> is no longer the item itself.
            ctx.kind, ctx.level, ctx.soft = "paragraph", 0, False

    def _boundary(self) -> None:
        if self.ctx.soft:
            self.runs.append(Run(" "))
        else:
            self.flush()

    def _text(self, text: str | None, fmt: Fmt) -> None:
        if text:
            self.runs.append(Run(text, *fmt))

    # -- walking ---------------------------------------------------------------------

    def walk(self, el: Any, fmt: Fmt, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise ReaderError(f"HTML nested too deeply (more than {MAX_DEPTH} levels)")
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag and not self._hidden(el, tag):
            fmt = self._fmt(el, tag, fmt)
            if tag == "br":
                self._boundary()
            elif tag in _BLOCKS:
                self._block(el, tag, fmt, depth)
            else:
                if tag == "a" and (href := allowed_link(el.get("href"))):
                    self.links.append(href)
                self._children(el, fmt, depth)

    def _children(self, el: Any, fmt: Fmt, depth: int) -> None:
        self._text(el.text, fmt)
        for child in el:
            self.walk(child, fmt, depth + 1)
            self._text(child.tail, fmt)

    def _hidden(self, el: Any, tag: str) -> bool:
        return (
            tag in _SKIP
            or el.get("role", "").lower() in _SKIP_ROLES
            or el.get("hidden") is not None
            or el.get("aria-hidden", "").lower() == "true"
            or bool(_HIDDEN.search(el.get("style", "")))
        )

    def _fmt(self, el: Any, tag: str, fmt: Fmt) -> Fmt:
        bold, italic = fmt
        bold = bold or tag in _BOLD_TAGS
        italic = italic or tag in _ITALIC_TAGS
        for declared in [*(self.classes.get(c) for c in el.get("class", "").split()),
                         _declared_fmt(el.get("style", ""))]:
            if declared:
                bold = bold if declared[0] is None else declared[0]
                italic = italic if declared[1] is None else declared[1]
        return bold, italic

    def _block(self, el: Any, tag: str, fmt: Fmt, depth: int) -> None:
        row = self.ctx.row
        if tag in _LISTS:
            self.flush()
            saved = self.list_depth
            # Google Docs exports every list level as a separate flat list whose class
            # carries the level ('lst-kix_ab12-1'); nesting elements would never show it.
            flat_level = _GDOCS_LEVEL.search(el.get("class", ""))
            self.list_depth = int(flat_level.group(1)) + 1 if flat_level else saved + 1
            self._scoped(_Ctx(row=row), el, fmt, depth)
            self.list_depth = saved
        elif tag == "li":
            self._scoped(_Ctx("item", max(self.list_depth - 1, 0), row, soft=True), el, fmt, depth)
        elif tag in _HEADINGS:
            self._scoped(_Ctx("heading", _HEADINGS[tag], row, soft=True), el, fmt, depth)
        elif tag == "blockquote":
            self._scoped(_Ctx("quote", row=row), el, fmt, depth)
        elif tag == "table":
            self.flush()
            self._table(el, fmt, depth)
        elif tag == "dl":
            self.flush()
            self._definitions(el, fmt, depth)
        elif tag == "p" and (level := _MSO_LEVEL.search(el.get("style", ""))):
            item = _Ctx("item", max(int(level.group(1)) - 1, 0), row, soft=True, strip_marker=True)
            self._scoped(item, el, fmt, depth)
        else:
            self._boundary()
            self._children(el, fmt, depth)
            self._boundary()

    def _scoped(self, ctx: _Ctx, el: Any, fmt: Fmt, depth: int) -> None:
        self.flush()
        saved, self.ctx = self.ctx, ctx
        self._children(el, fmt, depth)
        self.flush()
        self.ctx = saved

    def _cell(self, el: Any, fmt: Fmt, depth: int, row: int) -> list[Block]:
        """Blocks of one table cell or definition, read on their own."""
        saved = self.out, self.ctx, self.list_depth
        self.out, self.ctx, self.list_depth = [], _Ctx(row=row), 0
        self._children(el, fmt, depth)
        self.flush()
        blocks = self.out
        self.out, self.ctx, self.list_depth = saved
        return blocks

    def _table(self, table: Any, fmt: Fmt, depth: int) -> None:
        for child in table:
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if tag in {"thead", "tbody", "tfoot"}:
                for tr in child:
                    if isinstance(tr.tag, str) and tr.tag.lower() == "tr":
                        self._row(tr, fmt, depth + 2)
            elif tag == "tr":
                self._row(child, fmt, depth + 1)
            elif tag not in {"colgroup", "col"}:
                self.walk(child, fmt, depth + 1)
                self.flush()

    def _row(self, tr: Any, fmt: Fmt, depth: int) -> None:
        row = next(self.rows)
        cells = [
            self._cell(td, self._fmt(td, "td", fmt), depth + 1, row)
            for td in tr
            if isinstance(td.tag, str) and td.tag.lower() in {"td", "th"}
            and not self._hidden(td, "td")
        ]
        self.out.extend(row_blocks(cells, row))

    def _definitions(self, dl: Any, fmt: Fmt, depth: int) -> None:
        """``<dt>`` terms become labels; the ``<dd>`` after them share the term's row."""
        row: int | None = None
        for el in _dl_items(dl):
            if el.tag.lower() == "dt":
                row = next(self.rows)
                term = self._cell(el, self._fmt(el, "dt", fmt), depth + 1, row)
                if term:
                    self.out.append(merge_label(term, row))
            else:
                if row is None:
                    row = next(self.rows)
                self.out.extend(self._cell(el, self._fmt(el, "dd", fmt), depth + 1, row))


def _dl_items(dl: Any) -> list[Any]:
    items = []
    for child in dl:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag in {"dt", "dd"}:
            items.append(child)
        elif tag == "div":  # HTML allows grouping dt/dd pairs in divs
            items.extend(_dl_items(child))
    return items
