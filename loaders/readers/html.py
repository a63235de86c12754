"""HTML reports: headings, paragraphs, nested lists, label tables and block quotes.

:func:`html_blocks` is also the back end of the Markdown reader, which renders to HTML.
Parsing never touches the network; DTD entity declarations are refused outright because
a report has no use for them and they are the classic XML-bomb vehicle. Embedded content
(``<embed>``, ``<object>``, ``<iframe>``, media) is never fetched and, left unclosed, never
swallows the text after it.

A page read by :class:`HtmlReader` is narrowed to its main content: ``<main>``, else a
single ``<article>``, else ``role="main"``, else the body without navigation, banners,
footers, sidebars and elements whose id or class names such furniture
(``data/html_boilerplate.tsv``). Whatever is dropped is listed in ``Document.removed``; an
element holding most of the page's text is never dropped, whatever its name.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import lxml.html
from lxml import etree

from ..model import Block, BlockKind, Document
from . import ReaderError
from ._common import (
    Decoded,
    Run,
    allowed_link,
    check_units,
    decode,
    drop_prefix,
    make_block,
    merge_label,
    read_limited,
    roman,
    row_blocks,
)
from .text import ListNesting, typed_marker

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
_WEIGHT = re.compile(r"(?<![\w-])font-weight\s*:\s*([a-z0-9]+)", re.I)
_STYLE = re.compile(r"(?<![\w-])font-style\s*:\s*([a-z]+)", re.I)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_MSO_LEVEL = re.compile(r"mso-list\s*:[^;\"]{0,200}?level(\d+)", re.I)
_GDOCS_LEVEL = re.compile(r"\blst-kix_\w+-(\d)\b")
_MSO_MARKER = re.compile(r"^\s*(\S{1,2}|\(?[0-9A-Za-z]{1,4}[.)])[ \t\u00a0]+")
_MSO_IGNORE = re.compile(r"mso-list\s*:\s*ignore", re.I)
# Elements that never hold text. libxml2 lets an unclosed <embed> (or <object>, <iframe>,
# media) contain everything after it, so their tags are neutralised before parsing.
# A tag's attributes, quoted values may hold '>'. Atomic and bounded, so a file of
# unterminated '<embed "' cannot make matching quadratic.
_ATTRS = r"""(?>[^<>"']{1,4000}|"[^"]{0,4000}"|'[^']{0,4000}'){0,64}"""
_VOID = re.compile(rf"</?(?:embed|source|track|param|keygen)\b{_ATTRS}>", re.I)
_CONTAINING = ("object", "iframe", "video", "audio", "applet", "noembed", "frameset")
_OPEN_CLOSE = {
    tag: re.compile(rf"<(/?){tag}\b{_ATTRS}>", re.I) for tag in _CONTAINING
}
# Symbol-font bullets as Word writes them in HTML, and what they render as.
_MARKER_GLYPHS = {"·": "•", "\uf0b7": "•", "§": "▪", "Ø": "➢", "ü": "✓"}
_OL_TYPES = {"1", "a", "A", "i", "I"}
# Landmarks that are site furniture when they are not inside the report's own article.
_FURNITURE_TAGS = {"nav": "navigation", "header": "banner", "footer": "footer",
                   "aside": "sidebar"}
_FURNITURE_ROLES = {"navigation": "navigation", "banner": "banner",
                    "contentinfo": "footer", "complementary": "sidebar"}
_CLASS_WORDS = re.compile(r"[\s_]+")
# An element holding more than this share of the page's text is the report, not furniture.
MAX_FURNITURE_SHARE = 0.5
REMOVED_CHARS = 80

Fmt = tuple[bool, bool]  # (bold, italic)
Declared = tuple[bool | None, bool | None]  # what CSS sets; None leaves it inherited


class HtmlReader:
    name = "html"
    suffixes = (".html", ".htm")

    def read(self, path: Path) -> Document:
        decoded = decode_html(check_units(read_limited(path)))
        removed: list[tuple[str, str]] = []
        blocks = html_blocks(decoded.text, removed=removed)
        return Document.build(
            str(path), self.name, blocks, removed=removed, warnings=list(decoded.warnings)
        )


_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)")


def decode_html(data: bytes) -> Decoded:
    """Text of an HTML file, honouring ``<meta charset>`` or the XML declaration the way
    browsers do, when the bytes agree with it (see :func:`._common.decode`)."""
    match = _XML_ENCODING.search(data[:1024]) or _META_CHARSET.search(data[:4096])
    declared = match.group(1).decode("ascii").lower() if match else None
    if declared in {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"}:
        declared = "cp1252"  # browsers read these labels as Windows-1252
    return decode(data, declared)


@cache
def furniture_words() -> dict[str, str]:
    """Id/class words that mark site furniture, each with what it marks."""
    data = resources.files(__package__).joinpath("data/html_boilerplate.tsv").read_text("utf-8")
    words: dict[str, str] = {}
    for line in data.splitlines():
        if line.strip() and not line.startswith("#"):
            kind, word = line.split("\t")
            words[word.casefold()] = kind
    return words


def neutralise_embeds(text: str) -> str:
    """``text`` with void embed tags removed and unclosed object/iframe/media tags dropped,
    so none of them can take the text after it as its content. Linear in the text."""
    text = _VOID.sub("", text)
    for tag, pattern in _OPEN_CLOSE.items():
        if f"<{tag}" not in text.lower():
            continue
        matches = list(pattern.finditer(text))
        unclosed: list[re.Match[str]] = []
        for index, this in enumerate(matches):
            after = matches[index + 1] if index + 1 < len(matches) else None
            if not this.group(1) and (after is None or not after.group(1)):
                unclosed.append(this)  # an opening tag not followed by its closing tag
        if unclosed:
            parts, pos = [], 0
            for match in unclosed:
                parts += [text[pos : match.start()]]
                pos = match.end()
            text = "".join([*parts, text[pos:]])
    return text


def html_blocks(
    text: str,
    *,
    find_urls: bool = False,
    removed: list[tuple[str, str]] | None = None,
    typed_lists: bool = False,
) -> list[Block]:
    """Blocks of an HTML document or fragment, in reading order.

    With ``typed_lists`` a paragraph that starts with a typed marker ('a) ', '(iv) ',
    '2.1 ', '◦ ') is a list item nested by its marker family, as in plain text (Markdown
    has list syntax only for bullets and numbers, so rapporteurs type the others).

    With ``removed`` (a list to fill) the page is narrowed to its main content and the
    dropped furniture is appended to it as (reason, text) pairs; without it everything
    visible is read (Markdown renders to a fragment that has no furniture).
    """
    if _ENTITY_DECL.search(text):
        raise ReaderError("refusing HTML that declares DTD entities (<!ENTITY> / internal DOCTYPE)")
    parser = lxml.html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, huge_tree=False
    )
    try:
        source = neutralise_embeds(_XML_DECL.sub("", text, count=1))
        root = lxml.html.document_fromstring(source, parser=parser)
    except etree.ParserError:
        return []  # nothing but comments or whitespace
    except (etree.LxmlError, ValueError) as exc:
        raise ReaderError(f"unreadable HTML: {str(exc).splitlines()[0]}") from None
    walker = _Walker(_css_classes(root), find_urls=find_urls)
    walker.typed = typed_lists
    if removed is not None:
        dropped = main_content(root)
        walker.dropped = {id(el) for _, el in dropped}
        removed.extend((reason, _excerpt(el)) for reason, el in dropped)
        walker.removed = removed
    try:
        walker.walk(root, (False, False), 0)
    except RecursionError:  # a deep mix of lists and tables uses several frames per level
        raise ReaderError(f"HTML nested too deeply (more than {MAX_DEPTH} levels)") from None
    walker.flush()
    return walker.out


def main_content(root: Any) -> list[tuple[str, Any]]:
    """What of a page is not the report, as (reason, element) pairs in document order.

    The report is ``<main>``, else a single ``<article>``, else ``role="main"`` (when it
    holds most of the page's text), else the whole body; around it, and inside it,
    furniture is dropped. A page header that holds the report's title or its metadata
    table (a ``<h1>``, a table or a definition list) is kept: templates put them there.
    """
    body = root.find("body")
    body = root if body is None else body
    total = len(_visible_text(body))
    start = body
    for candidate in (
        body.find(".//main"),
        _single(body.findall(".//article")),
        next((el for el in body.iter() if _role(el) == "main"), None),
    ):
        # A landmark holding little of the page is a widget, not the report.
        if candidate is not None and len(_visible_text(candidate)) > MAX_FURNITURE_SHARE * total:
            start = candidate
            break
    outside: list[tuple[str, Any]] = []
    node = start
    while node is not body and node.getparent() is not None:
        before = [("outside main content", el) for el in node.itersiblings(preceding=True)]
        after = [("outside main content", el) for el in node.itersiblings()]
        outside = before[::-1] + outside + after
        node = node.getparent()
    words = furniture_words()
    dropped: list[tuple[str, Any]] = []
    for reason, el in outside:
        if not isinstance(el.tag, str) or el.tag.lower() in _SKIP - set(_FURNITURE_TAGS):
            continue
        if _report_header(el) and _furniture_reason(el, words) in (None, "banner"):
            # A page header (or a bare block) with the report's title or metadata: keep it,
            # minus its own furniture. A sidebar's headings ('Related reports') are no such.
            dropped += _furniture(el, total, words)
        elif _visible_text(el):
            dropped.append((_furniture_reason(el, words) or reason, el))
    inside = _furniture(start, total, words)
    return _in_document_order(root, dropped + inside)


_REPORT_HEADER_TAGS = ("h1", "h2", "table", "dl")


def _report_header(el: Any) -> bool:
    """Whether a page header holds the report's own title or metadata table."""
    return el.tag.lower() in _REPORT_HEADER_TAGS or any(
        el.find(f".//{tag}") is not None for tag in _REPORT_HEADER_TAGS
    )


def _in_document_order(root: Any, found: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    order = {id(el): index for index, el in enumerate(root.iter())}
    return sorted(found, key=lambda pair: order.get(id(pair[1]), 0))


def _single(elements: list[Any]) -> Any:
    return elements[0] if len(elements) == 1 else None


def _role(el: Any) -> str:
    return el.get("role", "").strip().lower() if isinstance(el.tag, str) else ""


def _furniture(start: Any, total: int, words: dict[str, str]) -> list[tuple[str, Any]]:
    """Furniture elements under ``start``, outermost only, with what they are."""
    found: list[tuple[str, Any]] = []
    skip_until: Any = None
    for el in start.iterdescendants():
        if not isinstance(el.tag, str):
            continue
        if skip_until is not None and _inside(el, skip_until):
            continue
        reason = _furniture_reason(el, words)
        if reason is None:
            continue
        if el.tag.lower() in {"header", "footer"} and _in_section(el, start):
            continue  # an article's own header or footer is part of it
        if reason == "banner" and _report_header(el):
            continue  # the report's title and metadata often sit in the page header
        if len(_visible_text(el)) > MAX_FURNITURE_SHARE * total:
            continue
        if _visible_text(el):
            found.append((reason, el))
        skip_until = el
    return found


def _furniture_reason(el: Any, words: dict[str, str]) -> str | None:
    tag = el.tag.lower()
    if tag in _FURNITURE_TAGS:
        return _FURNITURE_TAGS[tag]
    if (role := _role(el)) in _FURNITURE_ROLES:
        return _FURNITURE_ROLES[role]
    names = f"{el.get('id', '')} {el.get('class', '')}".casefold()
    for word in _CLASS_WORDS.split(names):
        if not word:
            continue
        if word in words:
            return words[word]
        for part in word.split("-"):
            if part in words:
                return words[part]
    return None


def _inside(el: Any, ancestor: Any) -> bool:
    return any(parent is ancestor for parent in el.iterancestors())


_SECTIONING = {"article", "section", "main"}


def _in_section(el: Any, start: Any) -> bool:
    """Whether ``el`` sits in a sectioning element (``start`` included), whose header or
    footer belongs to the report rather than to the site."""
    for parent in el.iterancestors():
        if isinstance(parent.tag, str) and (
            parent.tag.lower() in _SECTIONING or _role(parent) == "main"
        ):
            return True
        if parent is start:
            return False
    return False


def _visible_text(el: Any) -> str:
    parts: list[str] = []
    _collect_text(el, parts, 0)
    return " ".join("".join(parts).split())


def _collect_text(el: Any, parts: list[str], depth: int) -> None:
    if depth > MAX_DEPTH:
        raise ReaderError(f"HTML nested too deeply (more than {MAX_DEPTH} levels)")
    # The element itself may be skipped furniture (<nav>); what it says is still reported.
    if isinstance(el.tag, str) and (depth == 0 or el.tag.lower() not in _SKIP):
        parts.append(el.text or "")
        for child in el:
            _collect_text(child, parts, depth + 1)
            parts.append(child.tail or "")


def _excerpt(el: Any) -> str:
    text = _visible_text(el)
    return text if len(text) <= REMOVED_CHARS else text[: REMOVED_CHARS - 1] + "…"


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
    marker: str | None = None


@dataclass
class _List:
    """An open ``<ol>``/``<ul>``: its numbering style and the next number."""

    style: str  # "•" for unordered lists, else an <ol type>: 1 a A i I
    next: int = 1


def list_marker(style: str, number: int) -> str:
    """The marker an item numbered ``number`` shows in a list of ``style``: '3.', 'c.', 'iv.'."""
    if style == "•":
        return "•"
    if style in {"a", "A"}:
        text = _letters(number)
    elif style in {"i", "I"}:
        text = roman(number)
    else:
        return f"{number}."
    return f"{text.upper() if style.isupper() else text}."


def _letters(number: int) -> str:
    text = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        text = chr(ord("a") + rest) + text
    return text or "0"


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
        self.lists: list[_List] = []
        self.dropped: set[int] = set()
        self.mso_marker: str | None = None
        self.typed = False
        self.nesting = ListNesting()
        self.removed: list[tuple[str, str]] | None = None  # where hidden elements are listed

    # -- emitting --------------------------------------------------------------------

    def flush(self) -> None:
        runs, links, ctx = self.runs, self.links, self.ctx
        self.runs, self.links = [], []
        marker, self.mso_marker = ctx.marker or self.mso_marker, None
        if ctx.strip_marker and marker is None and (
            match := _MSO_MARKER.match("".join(r.text for r in runs))
        ):
            runs, marker = drop_prefix(runs, match.end()), match.group(1)
        if marker is not None:
            marker = _MARKER_GLYPHS.get(marker, marker)
        kind, level = ctx.kind, ctx.level
        if self.typed and kind == "paragraph" and not ctx.soft and ctx.row is None:
            raw = "".join(r.text for r in runs)
            # Typed numbers ('2. Challenges', '2.1 Session') are Markdown lists or titles.
            if (typed := typed_marker(raw.lstrip())) and not typed.group("m")[:1].isdigit():
                runs = drop_prefix(runs, len(raw) - len(raw.lstrip()) + typed.end())
                kind, marker = "item", typed.group("m")
                level = self.nesting.level(marker)
        block = make_block(
            kind, runs, links, level=level, row=ctx.row,
            find_urls=self.find_urls, glyph_bullets=not ctx.soft, marker=marker,
        )
        if block is None:
            return
        if self.typed and (block.kind != "item" or block.marker is None or kind != "item"):
            self.nesting.reset()
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
        if tag and _MSO_IGNORE.search(el.get("style", "")):
            # Word's HTML writes the rendered list marker in a span browsers skip.
            self.mso_marker = _visible_text(el) or None
            return
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
        if tag in _SKIP or id(el) in self.dropped:
            return True
        hidden = (
            el.get("role", "").lower() in _SKIP_ROLES
            or el.get("hidden") is not None
            or el.get("aria-hidden", "").lower() == "true"
            or bool(_HIDDEN.search(el.get("style", "")))
        )
        if hidden and self.removed is not None and (text := _excerpt(el)):
            self.removed.append(("hidden element", text))
        return hidden

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
            self.lists.append(_List(*_list_style(el, tag)))
            self._scoped(_Ctx(row=row), el, fmt, depth)
            self.lists.pop()
            self.list_depth = saved
        elif tag == "li":
            marker = self._item_marker(el)
            item = _Ctx("item", max(self.list_depth - 1, 0), row, soft=True, marker=marker)
            self._scoped(item, el, fmt, depth)
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

    def _item_marker(self, li: Any) -> str | None:
        if not self.lists:
            return None
        current = self.lists[-1]
        value = (li.get("value") or "").strip()
        if value.lstrip("-").isdigit() and current.style != "•":
            current.next = int(value)
        number, current.next = current.next, current.next + 1
        return list_marker(current.style, number)

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


def _list_style(el: Any, tag: str) -> tuple[str, int]:
    """(style, first number) of a list element from its ``type`` and ``start``."""
    if tag != "ol":
        return "•", 1
    style = (el.get("type") or "1").strip()
    start = (el.get("start") or "").strip()
    return (style if style in _OL_TYPES else "1"), int(start) if start.lstrip("-").isdigit() else 1


def _dl_items(dl: Any) -> list[Any]:
    items = []
    for child in dl:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag in {"dt", "dd"}:
            items.append(child)
        elif tag == "div":  # HTML allows grouping dt/dd pairs in divs
            items.extend(_dl_items(child))
    return items
