"""Word .docx reports: template tables, Heading-styled sections, numbered and bulleted lists.

A .docx is an untrusted zip of XML parts, so the archive is checked (entry count, sizes,
compression ratio, paths, DTDs) before python-docx sees it. The body is then read from the
XML in document order, which keeps tracked insertions, content controls and hyperlinks
that python-docx's paragraph API would skip or flatten.
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile
import zlib
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn

from ..model import Block, BlockKind, Document
from . import ReaderError
from ._common import (
    BULLET_GLYPHS,
    Run,
    allowed_link,
    drop_prefix,
    make_block,
    read_limited,
    row_blocks,
)
from .docx_numbering import Numbering

MAX_ENTRIES = 2_000
MAX_TOTAL_MB = 200
MAX_RATIO = 200
RATIO_MIN_BYTES = 1024 * 1024  # tiny parts compress absurdly well and are harmless
MAX_NESTING = 32  # tables and content controls inside each other
REMOVED_CHARS = 80  # how much of a dropped piece Document.removed shows

_HEADING_NAME = re.compile(
    r"^(?:heading|titre|t[ií]tulo|encabezado|[üu]berschrift|kop|titolo|rubrik)\s*([1-9])$"
)
_TITLE_NAMES = {"title", "titre", "título", "titulo", "titel", "titolo"}
_LIST_NAME = re.compile(
    r"^(?:list\s*(?:bullet|number)?|liste\s*(?:à puces|numéros)|lista con (?:viñetas|números)"
    r"|list paragraph|paragraphe de liste|párrafo de lista|listenabsatz)\s*([1-9])?$"
)
_QUOTE_NAMES = {"quote", "intensequote", "intense quote", "citation", "citation intense",
                "cita", "cita destacada", "zitat", "block text", "blocktext"}

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_XML_PART = re.compile(r"\.(?:xml|rels|vml)$", re.I)
_HYPERLINK_FIELD = re.compile(r'HYPERLINK\s+"([^"]{1,4096})"')
_SOFT_BREAK = object()
# A list marker typed by hand at the start of a paragraph: a bullet glyph or a letter or
# roman enumeration ('a)', '(b)', 'iv.'). Typed numbers ('2. Challenges') are left alone:
# templates number their section titles that way.
_TYPED_MARKER = re.compile(
    rf"^\s*(?P<m>[{BULLET_GLYPHS}]|[-–*]|\([a-z]\)|[a-z]\)|\((?:[ivx]{{1,5}})\)|[ivx]{{1,5}}[.)])"
    r"[ \t\u00a0]+(?=\S)"
)
_TWIPS_PER_LEVEL = 720  # Word indents each list level by half an inch

_RECURSE = {qn(t) for t in ("w:ins", "w:smartTag", "w:customXml", "w:moveTo", "w:dir", "w:bdo")}
_CONTAINERS = {qn("w:sdt"), qn("w:customXml"), qn("w:ins"), qn("w:moveTo")}


class DocxReader:
    name = "docx"
    suffixes = (".docx",)

    def read(self, path: Path) -> Document:
        data = read_limited(path)
        check_package(data)
        try:
            document = docx.Document(io.BytesIO(data))
            body = _Body(document)
            blocks = body.read()
        except ReaderError:
            raise
        except Exception as exc:  # noqa: BLE001 - any parser failure on untrusted input
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ReaderError(f"not a readable Word document: {reason}") from None
        return Document.build(str(path), self.name, blocks, removed=body.removed)


def check_package(data: bytes) -> None:
    """Refuse anything that is not a plausible, bounded OOXML zip."""
    if data.startswith(_OLE):
        raise ReaderError("not a Word .docx file (legacy .doc or encrypted)")
    if not data.startswith(b"PK"):
        raise ReaderError("not a Word .docx file (not a zip archive)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise ReaderError("not a Word .docx file (damaged zip archive)") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise ReaderError(f"docx archive has too many entries ({len(entries)} > {MAX_ENTRIES})")
        names: set[str] = set()
        total = 0
        for entry in entries:
            _check_entry(entry, names)
            total += entry.file_size
            if total > MAX_TOTAL_MB * 1024 * 1024:
                raise ReaderError(f"docx archive unpacks to more than {MAX_TOTAL_MB} MB")
        for entry in entries:
            _check_xml(archive, entry)


def _check_entry(entry: zipfile.ZipInfo, seen: set[str]) -> None:
    name = entry.filename
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or ".." in parts or re.match(r"^[A-Za-z]:", name):
        raise ReaderError(f"docx archive has an unsafe path: {name!r}")
    if name.lower() in seen:
        raise ReaderError(f"docx archive has a duplicate entry: {name!r}")
    seen.add(name.lower())
    if entry.flag_bits & 0x1:
        raise ReaderError("not a Word .docx file (legacy .doc or encrypted)")
    ratio = entry.file_size / max(entry.compress_size, 1)
    if entry.file_size > RATIO_MIN_BYTES and ratio > MAX_RATIO:
        raise ReaderError(
            f"docx archive entry {name!r} is compressed {ratio:.0f}:1 (zip bomb?); "
            f"limit is {MAX_RATIO}:1"
        )


def _check_xml(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> None:
    """Refuse DTDs in any part that is XML by name or by content (names can lie)."""
    tail = b""
    try:
        with archive.open(entry) as handle:
            chunk = handle.read(1 << 16)
            start = chunk.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")
            if not _XML_PART.search(entry.filename) and not start.startswith(b"<"):
                return  # media and other binary parts
            while chunk:
                window = (tail + chunk).lower().replace(b"\x00", b"")  # UTF-16 parts too
                if b"<!doctype" in window or b"<!entity" in window:
                    raise ReaderError(
                        f"docx part {entry.filename!r} contains a DOCTYPE/ENTITY declaration"
                    )
                tail, chunk = chunk[-32:], handle.read(1 << 16)
    except (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, OSError,
            EOFError) as exc:
        reason = f"damaged entry {entry.filename!r}: {exc}"
        raise ReaderError(f"not a Word .docx file ({reason})") from None


def toggle(parent: Any, tag: str) -> bool | None:
    """An OOXML on/off property: absent (None), bare or "1"/"true"/"on" (True), else False."""
    element = None if parent is None else parent.find(qn(tag))
    if element is None:
        return None
    return element.get(qn("w:val"), "true").lower() not in {"0", "false", "off", "none"}


class Styles:
    """What a paragraph or character style (and the styles it is based on) implies."""

    def __init__(self, root: Any) -> None:
        self._by_id = {s.get(qn("w:styleId")): s for s in root.iterchildren(qn("w:style"))}
        self.default_paragraph = next(
            (sid for sid, s in self._by_id.items()
             if s.get(qn("w:type")) == "paragraph"
             and s.get(qn("w:default"), "").lower() in {"1", "true", "on"}),
            None,
        )

    def _chain(self, style_id: str | None) -> list[Any]:
        chain: list[Any] = []
        while style_id in self._by_id and len(chain) < 16:
            style = self._by_id[style_id]
            if any(style is seen for seen in chain):
                break  # basedOn cycles exist in the wild
            chain.append(style)
            style_id = _val(style, "w:basedOn")
        return chain

    def _names(self, style_id: str | None) -> list[str]:
        style = self._by_id.get(style_id)
        name = _val(style, "w:name") if style is not None else None
        return [n.strip().lower() for n in (name, style_id) if n]

    def _first(self, style_id: str | None, path: str) -> Any:
        for style in self._chain(style_id):
            found = style.find(path)
            if found is not None:
                return found
        return None

    def heading_level(self, style_id: str | None) -> int | None:
        for name in self._names(style_id):
            if match := _HEADING_NAME.match(name):
                return int(match.group(1))
            if name in _TITLE_NAMES:
                return 1
        outline = self._first(style_id, f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        value = outline.get(qn("w:val"), "") if outline is not None else ""
        return int(value) + 1 if value.isdigit() and int(value) < 9 else None

    def list_level(self, style_id: str | None) -> int | None:
        for name in self._names(style_id):
            if match := _LIST_NAME.match(name):
                return int(match.group(1) or 1) - 1
        num_id = self._first(style_id, f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if num_id is None or num_id.get(qn("w:val")) == "0":
            return None
        ilvl = self._first(style_id, f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:ilvl')}")
        value = ilvl.get(qn("w:val"), "0") if ilvl is not None else "0"
        return int(value) if value.isdigit() else 0

    def numbering(self, style_id: str | None) -> tuple[str | None, str | None]:
        """(numId, ilvl) a paragraph style numbers its paragraphs with, each None if unset."""
        num_pr = f"{qn('w:pPr')}/{qn('w:numPr')}"
        num_id = self._first(style_id, f"{num_pr}/{qn('w:numId')}")
        ilvl = self._first(style_id, f"{num_pr}/{qn('w:ilvl')}")
        return (None if num_id is None else num_id.get(qn("w:val")),
                None if ilvl is None else ilvl.get(qn("w:val")))

    def is_quote(self, style_id: str | None) -> bool:
        return any(name in _QUOTE_NAMES for name in self._names(style_id))

    def run_property(self, style_id: str | None, prop: str) -> bool | None:
        for style in self._chain(style_id):
            value = toggle(style.find(qn("w:rPr")), prop)
            if value is not None:
                return value
        return None


class _Body:
    """Reads the document body into blocks, tables included, in reading order."""

    def __init__(self, document: Any) -> None:
        self.part = document.part
        self.body = document.element.body
        self.styles = Styles(document.styles.element)
        self.numbering = Numbering(
            _numbering_root(document), lambda style_id: self.styles.numbering(style_id)[0]
        )
        self.rows = itertools.count()
        self.out: list[Block] = []
        self.removed: list[tuple[str, str]] = []  # hidden text, one entry a paragraph
        self.hidden: list[str] = []

    def read(self) -> list[Block]:
        self._container(self.body, None, 0)
        return self.out

    def _container(self, element: Any, row: int | None, depth: int) -> None:
        if depth > MAX_NESTING:
            raise ReaderError(f"docx content nested too deeply (more than {MAX_NESTING} levels)")
        for child in element.iterchildren():
            if child.tag == qn("w:p"):
                self._paragraph(child, row)
            elif child.tag == qn("w:tbl"):
                self._table(child, depth + 1)
            elif child.tag in _CONTAINERS:
                content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
                if content is not None:
                    self._container(content, row, depth + 1)

    def _table(self, table: Any, depth: int) -> None:
        label_row: int | None = None
        for tr in _flatten(table, qn("w:tr")):
            cells: list[list[Block]] = []
            row = next(self.rows)
            for position, tc in enumerate(_flatten(tr, qn("w:tc"))):
                merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
                if merge is not None and merge.get(qn("w:val"), "continue") == "continue":
                    # The cell above spans into this row; its text was read there.
                    if position == 0 and label_row is not None:
                        row = label_row
                    cells.append([])
                    continue
                saved, self.out = self.out, []
                self._container(tc, row, depth)
                cells.append(self.out)
                self.out = saved
                if position == 0:
                    label_row = row
            self.out.extend(row_blocks(cells, row))

    def _paragraph(self, p: Any, row: int | None) -> None:
        p_pr = p.find(qn("w:pPr"))
        style_id = _val(p_pr, "w:pStyle") or self.styles.default_paragraph
        kind, level, marker = self._kind(p_pr, style_id)
        pieces: list[Any] = []
        self._inline(p, style_id, pieces)
        if hidden := " ".join(" ".join(self.hidden).split()):
            self.removed.append(("hidden text", hidden[:REMOVED_CHARS]))
        self.hidden = []
        segments: list[tuple[list[Run], list[str]]] = [([], [])]
        for piece in pieces:
            if piece is _SOFT_BREAK:
                if kind in {"paragraph", "quote"}:  # line breaks separate template entries
                    segments.append(([], []))
                else:
                    segments[-1][0].append(Run(" "))
            elif isinstance(piece, Run):
                segments[-1][0].append(piece)
            else:
                segments[-1][1].append(piece)
        for runs, links in segments:
            this_kind, this_level, this_marker = kind, level, marker
            if kind == "paragraph" and (typed := _TYPED_MARKER.match(_plain(runs))):
                runs, this_kind = drop_prefix(runs, typed.end()), "item"
                this_marker = typed.group("m")
                this_level = self._typed_level(p_pr, this_marker)
            block = make_block(
                this_kind, runs, links, level=this_level, row=row, marker=this_marker
            )
            if block is not None:
                self.out.append(block)

    def _typed_level(self, p_pr: Any, marker: str) -> int:
        """Depth of a hand-typed list item: by its indentation, else by its marker."""
        ind = None if p_pr is None else p_pr.find(qn("w:ind"))
        left = None if ind is None else ind.get(qn("w:left")) or ind.get(qn("w:start"))
        if left is not None and left.lstrip("-").isdigit() and len(left) < 7:
            # Half a level or more counts as the next level (round() would round half even).
            return max(0, (int(left) + _TWIPS_PER_LEVEL // 2) // _TWIPS_PER_LEVEL - 1)
        previous = self.out[-1] if self.out else None
        if previous is None or previous.kind != "item" or not previous.marker:
            return 0
        core = marker.strip("().")
        before = previous.marker.strip("().")
        if core.isalpha() and before[:1].isdigit() and not set(core) <= set("ivx"):
            return previous.level + 1  # "a)" under "1."
        if set(core) <= set("ivx") and before.isalpha() and not set(before) <= set("ivx"):
            return previous.level + 1  # "i." under "a)"
        return previous.level if core[:1].isalnum() == before[:1].isalnum() else 0

    def _kind(self, p_pr: Any, style_id: str | None) -> tuple[BlockKind, int, str | None]:
        styles = self.styles
        outline = _val(p_pr, "w:outlineLvl") or ""
        heading = styles.heading_level(style_id)
        if heading is None and outline.isdigit() and int(outline) < 9:
            heading = int(outline) + 1
        if heading is not None:
            return "heading", heading, None
        num_pr = None if p_pr is None else p_pr.find(qn("w:numPr"))
        num_id, ilvl = _val(num_pr, "w:numId"), _val(num_pr, "w:ilvl") or ""
        style_level = styles.list_level(style_id)
        # numId 0 is Word's way of switching a list style's numbering off.
        if num_id != "0" and (num_id is not None or style_level is not None):
            level = int(ilvl) if ilvl.isdigit() else style_level or 0
            style_num, style_ilvl = styles.numbering(style_id)
            effective = num_id or style_num
            number_level = ilvl or style_ilvl or "0"
            marker = None
            if effective and effective != "0" and self.numbering.known(effective):
                marker = self.numbering.marker(
                    effective, int(number_level) if number_level.isdigit() else 0
                )
            return "item", level, marker
        return ("quote" if styles.is_quote(style_id) else "paragraph"), 0, None

    def _inline(self, element: Any, style_id: str | None, pieces: list[Any]) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if tag == qn("w:r"):
                self._run(child, style_id, pieces)
            elif tag == qn("w:hyperlink"):
                rel_id = child.get(qn("r:id"))
                rel = self.part.rels.get(rel_id) if rel_id else None
                if rel is not None and rel.is_external and (url := allowed_link(rel.target_ref)):
                    pieces.append(url)
                self._inline(child, style_id, pieces)
            elif tag == qn("w:fldSimple"):
                pieces.extend(_field_links(child.get(qn("w:instr"), "")))
                self._inline(child, style_id, pieces)
            elif tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self._inline(content, style_id, pieces)
            elif tag in _RECURSE:
                self._inline(child, style_id, pieces)

    def _run(self, r: Any, style_id: str | None, pieces: list[Any]) -> None:
        r_pr = r.find(qn("w:rPr"))
        if toggle(r_pr, "w:vanish"):
            # Hidden text is not read, but listed as removed.
            self.hidden += [t.text or "" for t in r.iterchildren(qn("w:t"))]
            return
        char_style = _val(r_pr, "w:rStyle")
        bold = self._emphasis(r_pr, "w:b", char_style, style_id)
        italic = self._emphasis(r_pr, "w:i", char_style, style_id)
        for child in r.iterchildren():
            tag = child.tag
            if tag == qn("w:t"):
                pieces.append(Run(child.text or "", bold, italic))
            elif tag in (qn("w:tab"), qn("w:ptab")):
                pieces.append(Run(" ", bold, italic))
            elif tag == qn("w:noBreakHyphen"):
                pieces.append(Run("-", bold, italic))
            elif tag in (qn("w:br"), qn("w:cr")):
                pieces.append(_SOFT_BREAK)
            elif tag == qn("w:instrText"):
                pieces.extend(_field_links(child.text or ""))

    def _emphasis(self, r_pr: Any, prop: str, char_style: str | None, style_id: str | None) -> bool:
        direct = toggle(r_pr, prop)
        if direct is not None:
            return direct
        for sid in (char_style, style_id):
            inherited = self.styles.run_property(sid, prop)
            if inherited is not None:
                return inherited
        return False


def _numbering_root(document: Any) -> Any:
    """The numbering part's XML, or None when the document has none."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    for rel in document.part.rels.values():
        if rel.reltype == RT.NUMBERING and not rel.is_external:
            return getattr(rel.target_part, "element", None)
    return None


def _plain(runs: list[Run]) -> str:
    return "".join(run.text for run in runs)


def _field_links(instruction: str) -> list[str]:
    """The URL of a HYPERLINK field (how older Word versions store links)."""
    match = _HYPERLINK_FIELD.search(instruction)
    url = allowed_link(match.group(1)) if match else None
    return [url] if url else []


def _flatten(parent: Any, tag: str) -> list[Any]:
    """``tag`` children of ``parent``, looking through content controls and custom XML."""
    found = []
    for child in parent.iterchildren():
        if child.tag == tag:
            found.append(child)
        elif child.tag in _CONTAINERS:
            content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
            if content is not None:
                found.extend(_flatten(content, tag))
    return found


def _val(parent: Any, tag: str) -> str | None:
    if parent is None:
        return None
    child = parent.find(qn(tag))
    return None if child is None else child.get(qn("w:val"))
