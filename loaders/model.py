"""The one document model every reader produces.

A reader turns a file into a flat list of :class:`Block` objects in reading order. The
normalised document text is the block texts joined by newlines; each block knows its
offset into it, so extractors can point any statement back to exact characters
(Web Annotation ``TextPositionSelector``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "label", "paragraph", "item", "quote"]


@dataclass(frozen=True)
class Block:
    """One unit of text as the author laid it out.

    Attributes:
        kind: ``heading`` (a styled or marked-up heading), ``label`` (the left cell of a
            two-column template row), ``paragraph``, ``item`` (a list item) or ``quote``
            (a block quotation).
        text: the block's text, whitespace-normalised (runs of spaces and line breaks become
            one space; readers split tab-separated template cells into blocks).
        level: heading level (1-6) for headings, list depth (0 = top) for items, else 0.
        bold_lead: the bold run(s) the block starts with, as written, or None.
        italic: True when the whole block is emphasised (template guidance usually is).
        links: URLs of hyperlinks in the block, in order.
        row: index of the table row the block came from (label and content cells of one row
            share it), or None outside tables.
        marker: for list items, the marker as written or rendered ('•', 'o', '-', '1.',
            '2.1.', 'a)', 'i.'); None for other blocks and for items whose marker is unknown.
        bold: True when the whole block is bold (then ``bold_lead == text`` as well).
        start: offset of ``text`` in :attr:`Document.text`; set by :meth:`Document.build`.
    """

    kind: BlockKind
    text: str
    level: int = 0
    bold_lead: str | None = None
    italic: bool = False
    links: tuple[str, ...] = ()
    row: int | None = None
    marker: str | None = None
    bold: bool = False
    start: int = 0

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class Document:
    """A read report: its blocks and the normalised text they index into.

    ``removed`` lists what the reader dropped on purpose, as (reason, text) pairs such as
    ("page furniture", "Page 3 of 7") or ("e-mail header", "From: ..."), so nothing is
    dropped silently; ``warnings`` lists what the reader repaired (invalid bytes, control
    characters, a fallback encoding), one plain sentence each.
    """

    source: str
    format: str
    blocks: list[Block] = field(default_factory=list)
    text: str = ""
    removed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def build(
        cls,
        source: str,
        fmt: str,
        blocks: list[Block],
        *,
        removed: list[tuple[str, str]] | None = None,
        warnings: list[str] | None = None,
    ) -> Document:
        """A document from ``blocks`` in reading order: empty blocks dropped, offsets and the
        normalised text computed; ``removed`` and ``warnings`` are kept as given."""
        placed: list[Block] = []
        parts: list[str] = []
        offset = 0
        for block in blocks:
            if not block.text.strip():
                continue
            placed.append(_with_start(block, offset))
            parts.append(block.text)
            offset += len(block.text) + 1
        return cls(
            source=source, format=fmt, blocks=placed, text="\n".join(parts),
            removed=list(removed or []), warnings=list(warnings or []),
        )


def _with_start(block: Block, start: int) -> Block:
    from dataclasses import replace

    return replace(block, start=start)
