"""Helpers every reader shares: limits, decoding, text normalisation and block assembly.

Decoding policy (:func:`decode`): a BOM decides; UTF-16 without a BOM is recognised by
its NUL pattern; a declared charset is honoured when the bytes agree; otherwise strict
UTF-8, with a few stray invalid bytes replaced by U+FFFD and reported; Windows-1252 only
when UTF-8 fails broadly, reported too. Line ends become LF, C0 controls other than tab
and newline are removed and counted, and the text is put in NFC once before any offset
is computed. Every repair is a warning on the :class:`~migkg.loaders.model.Document`,
never silent.

Readers describe inline content as :class:`Run` pieces (text plus bold/italic flags) and
let :func:`make_block` derive the normalised text, the bold lead and whole-block italics,
so the conventions in :mod:`migkg.loaders.model` are applied the same way for every format.
"""

from __future__ import annotations

import codecs
import math
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..model import Block, BlockKind
from . import ReaderError

DEFAULT_MAX_FILE_MB = 50.0
MAX_FILE_ENV = "MIGKG_MAX_FILE_MB"

# Invisible characters that only steer rendering; they must not split or pad words.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"), None)
# C0/C1 controls other than whitespace carry no text and break RDF serialisers downstream.
_CONTROLS = {c: None for c in [*range(0x20), *range(0x7F, 0xA0)] if not chr(c).isspace()}
_SPACES = re.compile(r"\s+")  # str patterns match every Unicode space, NBSP included
# Lone surrogates cannot be encoded, so no serialiser downstream could write them.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

URL_SCHEMES = ("http://", "https://", "mailto:")
_BARE_URL = re.compile(r"(?:https?://|mailto:)[^\s<>\"'\u201c\u201d]+", re.IGNORECASE)
_OPENER = {")": "(", "]": "[", "}": "{"}

# Bullet glyphs, including the private-use ones Word's Symbol/Wingdings fonts produce.
BULLET_GLYPHS = "•◦▪▫‣⁃●○■□◆◇►▸▹➢➤✓✔·\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8"
_GLYPH_BULLET = re.compile(rf"^\s*([{BULLET_GLYPHS}]|[-–*])[ \t\u00a0]+(?=\S)")


@dataclass(frozen=True)
class Run:
    """A piece of inline text with the emphasis it was written with."""

    text: str
    bold: bool = False
    italic: bool = False


def normalise(text: str) -> str:
    """NFC, every Unicode space as one plain space, invisible characters dropped."""
    text = _LONE_SURROGATE.sub("\ufffd", text)
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE).translate(_CONTROLS)
    return _SPACES.sub(" ", text).strip()


def word_count(text: str) -> int:
    return len(text.split())


def interrupted_sentence(label: str, content: str) -> bool:
    """True when a tab merely interrupts prose: the left part runs on into lower case."""
    return bool(content) and content[0].islower() and label[-1:].isalnum()


def allowed_link(href: str | None) -> str | None:
    """``href`` if it is an absolute http(s)/mailto URL (others never leave the document)."""
    if not href:
        return None
    href = normalise(href)
    return href if href.lower().startswith(URL_SCHEMES) else None


def bare_urls(text: str) -> list[str]:
    """URLs written out in plain text, without the sentence punctuation that follows them."""
    found = []
    for match in _BARE_URL.finditer(text):
        url = match.group(0)
        surplus = {c: url.count(c) - url.count(o) for c, o in _OPENER.items()}
        end = len(url)
        # Trailing punctuation ends the sentence; a closing bracket stays only when the URL
        # opened one. Counting once and moving an index keeps this linear on hostile input.
        while end and (url[end - 1] in ".,;:!?" or surplus.get(url[end - 1], 0) > 0):
            if url[end - 1] in surplus:
                surplus[url[end - 1]] -= 1
            end -= 1
        url = url[:end]
        if _BARE_URL.fullmatch(url) and not url.endswith(("://", ":")):
            found.append(url)
    return found


# -- limits and decoding ---------------------------------------------------------------


def max_file_bytes() -> int:
    raw = os.environ.get(MAX_FILE_ENV, "").strip()
    if not raw:
        return int(DEFAULT_MAX_FILE_MB * 1024 * 1024)
    try:
        megabytes = float(raw)
    except ValueError:
        megabytes = -1.0
    if not (megabytes > 0 and math.isfinite(megabytes)):
        raise ReaderError(f"{MAX_FILE_ENV} must be a positive number of megabytes, got {raw!r}")
    return int(megabytes * 1024 * 1024)


DEFAULT_MAX_UNITS = 20000
MAX_UNITS_ENV = "MIGKG_MAX_LINES"
# What makes one block of a text-like file: a line, or an HTML paragraph, item, row or break.
_UNIT_MARKS = (b"\n", b"<li", b"<LI", b"<p", b"<P", b"<tr", b"<TR", b"<br", b"<BR")


def max_units() -> int:
    """How many lines (or HTML paragraphs, items, rows) one file may have."""
    try:
        return max(1, int(os.environ.get(MAX_UNITS_ENV, DEFAULT_MAX_UNITS)))
    except ValueError:
        return DEFAULT_MAX_UNITS


def check_units(data: bytes) -> bytes:
    """``data`` unchanged, or a :class:`ReaderError` when it holds more lines (HTML
    paragraphs, items, rows, breaks) than a report has: counted in one linear pass
    before anything is parsed, so a hostile 100,000-item list is refused in a moment."""
    cap = max_units()
    units = sum(data.count(mark) for mark in _UNIT_MARKS)
    if units > cap:
        raise ReaderError(f"too many lines for a report: {units:,} (limit {cap:,}; set "
                          f"{MAX_UNITS_ENV} to change it)")
    return data


def read_limited(path: Path) -> bytes:
    """The file's bytes, refusing non-regular, empty and over-cap files before parsing."""
    cap = max_file_bytes()
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ReaderError(f"not a regular file: {path.name}")
        if info.st_size > cap:
            raise ReaderError(_too_large(info.st_size, cap))
        with path.open("rb") as handle:
            data = handle.read(cap + 1)  # the file may have grown since stat()
    except OSError as exc:
        raise ReaderError(f"cannot read {path.name}: {exc.strerror or exc}") from None
    if len(data) > cap:
        raise ReaderError(_too_large(len(data), cap))
    if not data:
        raise ReaderError("empty file")
    return data


def _too_large(size: int, cap: int) -> str:
    mb = 1024 * 1024
    return (
        f"file too large: {size / mb:.1f} MB exceeds the {cap / mb:g} MB limit "
        f"(set {MAX_FILE_ENV} to change it)"
    )


_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
# Invalid UTF-8 bytes up to this share of the file are stray damage, replaced by U+FFFD;
# beyond it the file was written in another encoding.
MAX_INVALID_UTF8 = 0.01
# A text file may carry a stray NUL; more than this share of NULs means binary data.
MAX_NUL_SHARE = 0.001
# In UTF-16 without a BOM, ASCII text puts a NUL in every other byte.
UTF16_NUL_SHARE = 0.3
UTF16_SAMPLE = 4096
_UTF8_LABELS = {"utf-8", "utf8", "utf_8"}
_C0 = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SURROGATE_BYTES = re.compile(r"[\udc80-\udcff]")


@dataclass(frozen=True)
class Decoded:
    """Text decoded under the policy of :func:`decode`, with what was repaired."""

    text: str
    warnings: tuple[str, ...] = ()


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode a text file's bytes into normalised text, saying what had to be repaired.

    The policy, in order:

    1. A byte-order mark (UTF-8, UTF-16 LE/BE) decides the encoding.
    2. UTF-16 without a BOM is recognised by NULs in most odd (LE) or even (BE) bytes.
    3. Otherwise NUL bytes beyond a stray few mean binary data, which is refused.
    4. ``declared`` (an HTML ``<meta charset>``) is honoured when the bytes agree with it:
       they decode under it, and they are not valid non-ASCII UTF-8 (a page re-saved as
       UTF-8 that kept its old declaration).
    5. Strict UTF-8; when it fails on fewer than 1 % of the bytes, those bytes become
       U+FFFD and a warning says how many and where the first was.
    6. Only when UTF-8 fails broadly, Windows-1252 (with a warning); else the file is
       refused as undecodable.

    The decoded text then has CRLF and CR turned into LF, NUL and the other C0 controls
    except tab and newline removed (counted in a warning) and is put in NFC once, so the
    offsets readers compute index exactly into the text that is stored.
    """
    warnings: list[str] = []
    text = _decode_bytes(data, declared, warnings)
    return clean_text(text, warnings)


def clean_text(text: str, warnings: list[str] | None = None) -> Decoded:
    """Decoded text made ready for reading: LF line ends, C0 controls other than tab and
    newline removed (counted in a warning after ``warnings``), NFC; empty text refused."""
    warnings = list(warnings or [])
    text = _LONE_SURROGATE.sub("\ufffd", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = len(_C0.findall(text))
    if controls:
        text = _C0.sub("", text)
        warnings.append(f"{controls} control character{'s' if controls != 1 else ''} removed")
    text = unicodedata.normalize("NFC", text)
    return Decoded(_non_empty(text), tuple(warnings))


def _decode_bytes(data: bytes, declared: str | None, warnings: list[str]) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            if encoding == "utf-8":
                return _utf8(body, warnings, offset=len(bom))
            return _utf16(body, encoding, warnings)
    sample = data[:UTF16_SAMPLE]
    half = max(len(sample) // 2, 1)
    odd_nuls, even_nuls = sample[1::2].count(0), sample[0::2].count(0)
    if odd_nuls > UTF16_NUL_SHARE * half and even_nuls < odd_nuls / 4:
        return _utf16(data, "utf-16-le", warnings)
    if even_nuls > UTF16_NUL_SHARE * half and odd_nuls < even_nuls / 4:
        return _utf16(data, "utf-16-be", warnings)
    if data.count(0) > MAX_NUL_SHARE * len(data):
        raise ReaderError("binary file: contains NUL bytes, not text")
    # A declared UTF-16/32 without a BOM is what browsers ignore too: the bytes say otherwise.
    if declared and codecs_name(declared) not in _UTF8_LABELS and not codecs_name(
        declared
    ).startswith(("utf-16", "utf-32")):
        try:
            text = data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            text = None
        if text is not None:
            if not (data.isascii() or _valid_utf8(data)):
                return text
            if not data.isascii():
                warnings.append(f"declared {declared} but the bytes are UTF-8; read as UTF-8")
    return _utf8(data, warnings)


def codecs_name(label: str) -> str:
    """The canonical codec name for an encoding label ('UTF8' -> 'utf-8'), else the label."""
    try:
        return codecs.lookup(label).name
    except LookupError:
        return label.lower()


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _utf16(data: bytes, encoding: str, warnings: list[str]) -> str:
    if len(data) % 2:
        raise ReaderError(f"undecodable text: {encoding.upper()} with an odd number of bytes")
    text = data.decode(encoding, "replace")
    # Lone surrogates are the only invalid UTF-16; each becomes one U+FFFD.
    invalid = text.count("\ufffd") - data.decode(encoding, "ignore").count("\ufffd")
    if invalid:
        warnings.append(f"{invalid} invalid {encoding.upper()} code unit"
                        f"{'s' if invalid != 1 else ''} replaced")
    return text


def _utf8(data: bytes, warnings: list[str], offset: int = 0) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first = exc.start
    # Each invalid byte becomes one lone surrogate, so counting and replacing stay linear.
    escaped = data.decode("utf-8", "surrogateescape")
    invalid = len(_SURROGATE_BYTES.findall(escaped))
    if invalid < MAX_INVALID_UTF8 * len(data):
        warnings.append(
            f"{invalid} invalid UTF-8 byte{'s' if invalid != 1 else ''} replaced "
            f"(first at byte {first + offset})"
        )
        return _SURROGATE_BYTES.sub("\ufffd", escaped)
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise ReaderError("undecodable text: neither UTF-8 nor Windows-1252") from None
    warnings.append("decoded as cp1252 (not valid UTF-8)")
    return text


def _non_empty(text: str) -> str:
    if not normalise(text):
        raise ReaderError("empty file")
    return text


# -- blocks ----------------------------------------------------------------------------


def make_block(
    kind: BlockKind,
    runs: list[Run],
    links: list[str] | tuple[str, ...] = (),
    *,
    level: int = 0,
    row: int | None = None,
    find_urls: bool = False,
    glyph_bullets: bool = False,
    marker: str | None = None,
) -> Block | None:
    """A block from inline runs, or None when they hold no text.

    ``glyph_bullets`` turns a paragraph typed as "• text" or "- text" into a level-0 item
    with the glyph as its ``marker`` (manual bullets in Word and HTML); ``find_urls`` adds
    URLs written out in the text to ``links`` (plain text and Markdown have no other way to
    link). ``marker`` is the list marker of an item, kept only on items.
    """
    raw = "".join(run.text for run in runs)
    if glyph_bullets and kind == "paragraph":
        match = _GLYPH_BULLET.match(raw)
        if match:
            runs, kind, level = drop_prefix(runs, match.end()), "item", 0
            marker = match.group(1)
    text = normalise("".join(run.text for run in runs))
    if not text:
        return None
    links = list(links)
    if find_urls:
        links += [url for url in bare_urls(text) if url not in links]
    bold_lead = _bold_lead(runs, text)
    return Block(
        kind=kind,
        text=text,
        level=level,
        bold_lead=bold_lead,
        italic=all(run.italic for run in runs if run.text.strip()),
        links=tuple(links),
        row=row,
        marker=marker if kind == "item" else None,
        bold=bold_lead == text,
    )


def drop_prefix(runs: list[Run], count: int) -> list[Run]:
    """``runs`` without their first ``count`` characters."""
    kept: list[Run] = []
    for run in runs:
        if count >= len(run.text):
            count -= len(run.text)
            continue
        kept.append(Run(run.text[count:], run.bold, run.italic) if count else run)
        count = 0
    return kept


def _bold_lead(runs: list[Run], text: str) -> str | None:
    lead, gap = "", ""
    for run in runs:
        if not run.text.strip():
            gap += run.text  # spaces between two bold runs belong to the lead
            continue
        if not run.bold:
            break
        lead, gap = lead + gap + run.text, ""
    lead = normalise(lead)
    # Normalising the lead alone can differ from the text in rare NFC edge cases.
    return lead if lead and text.startswith(lead) else None


def row_blocks(cells: list[list[Block]], row: int) -> list[Block]:
    """Blocks of one table row: the first cell as a single label, the rest as they are.

    A one-cell row becomes a label only when it holds a short caption-like line, so a
    layout table wrapping a whole page is not squashed into one label. A first cell that
    holds a nested table, or a wall of text, is content rather than a label.
    """
    if not cells:
        return []
    first, rest = cells[0], [block for cell in cells[1:] for block in cell]
    words = sum(word_count(block.text) for block in first)
    nested = any(block.row != row for block in first)
    if len(cells) == 1:
        is_label = len(first) == 1 and first[0].kind != "item" and words <= 12
    else:
        is_label = bool(first) and not nested and words <= 60
    if not is_label:
        return first + rest
    return [merge_label(first, row), *rest]


def merge_label(blocks: list[Block], row: int | None) -> Block:
    """One label block from the blocks of a label cell (lines and paragraphs joined)."""
    text = " ".join(block.text for block in blocks)
    lead_parts: list[str] = []
    for block in blocks:
        if block.bold_lead is None:
            break
        lead_parts.append(block.bold_lead)
        if block.bold_lead != block.text:
            break
    links = tuple(link for block in blocks for link in block.links)
    lead = " ".join(lead_parts) or None
    return Block(
        kind="label",
        text=text,
        bold_lead=lead,
        bold=lead == text,
        italic=all(block.italic for block in blocks),
        links=links,
        row=row,
    )


_ROMAN_DIGITS = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                 (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def roman(number: int) -> str:
    """A list counter as a lower-case roman numeral (4 -> 'iv'); other numbers as digits."""
    if not 0 < number < 4000:
        return str(number)
    text = ""
    for value, digits in _ROMAN_DIGITS:
        count, number = divmod(number, value)
        text += digits * count
    return text
