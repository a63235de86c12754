"""What the reading stage decided, and why: sections, heading candidates, unassigned blocks.

The record is kept whole so that ``migkg explain`` can show it, the RDF writer can store it
(each section with the heading that opened it, the confidence of the assignment and the
evidence that decided it; the blocks left outside any section) and ingest can warn.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Block, Document
from .fields import Fields

# Labels a heading candidate can take besides the six template sections.
PREAMBLE = "preamble"  # the document's title, header fields and guidance, before section 1
SUBHEADING = "sub"  # a heading inside a section (a category or level group, a theme)
OTHER = "other"  # a heading that opens no template section: its content is unassigned


@dataclass
class Candidate:
    """A block that may be a heading, with its score for every label.

    Attributes:
        index: position of the block in ``Document.blocks``.
        block: the block.
        text: the heading's words as written (a bold lead without what follows it).
        inline: content written on the heading's own line, as a block of its own.
        rank: how strongly the layout marks it as a heading (lower is stronger).
        style: a short name of that layout ('heading 2', 'bold line', 'caps line' ...).
        scores: label -> combined score used by the assignment.
        evidence: label -> the reasons behind its score, in words.
        label: the label the assignment chose.
        confidence: how clearly the chosen label beat the others (0-1).
        merged: for a heading that names two sections at once, both keys.
        sub_scores: its score as a sub-heading, per section it would stand in.
    """

    index: int
    block: Block
    text: str
    inline: Block | None
    rank: int
    style: str
    scores: dict[str, float] = field(default_factory=dict)
    evidence: dict[str, list[str]] = field(default_factory=dict)
    label: str = OTHER
    confidence: float = 0.0
    merged: tuple[str, ...] = ()
    sub_scores: dict[str, float] = field(default_factory=dict)  # current section -> score


@dataclass
class Section:
    """One template section as found: its heading and its content blocks."""

    key: str
    heading: Block | None = None
    heading_text: str = ""
    blocks: list[Block] = field(default_factory=list)  # content, template guidance removed
    inline: Block | None = None  # content written on the heading's own line

    @property
    def status(self) -> str:
        """'missing' (no heading), 'empty' (heading, no content) or 'present'."""
        if self.heading is None:
            return "missing"
        return "present" if self.blocks else "empty"


@dataclass
class SectionReading:
    """How one section was read: the confidence of its heading's assignment and why."""

    key: str
    heading_text: str
    confidence: float
    evidence: list[str]
    merged_with: tuple[str, ...] = ()


@dataclass
class Unassigned:
    """Blocks that ended in no section, with the reason (usually the heading above them)."""

    blocks: list[Block]
    reason: str
    heading: str | None = None


@dataclass
class Reading:
    """The whole reading record of one document."""

    candidates: list[Candidate] = field(default_factory=list)
    sections: dict[str, SectionReading] = field(default_factory=dict)
    unassigned: list[Unassigned] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. candidates beyond the budget

    @property
    def unrecognised_headings(self) -> list[str]:
        """Headings that opened no section and were not read as sub-headings."""
        return [u.heading for u in self.unassigned if u.heading]

    @property
    def unassigned_blocks(self) -> int:
        """How many content blocks ended in no section."""
        return sum(len(u.blocks) for u in self.unassigned)


@dataclass
class Segmented:
    """A document split into the template's sections, its preamble and header fields."""

    document: Document
    sections: dict[str, Section]
    preamble: list[Block]
    fields: Fields
    reading: Reading = field(default_factory=Reading)

    @property
    def found_any(self) -> bool:
        """Whether any template section heading was found (else: not a report)."""
        return any(s.heading is not None for s in self.sections.values())

    def warnings(self) -> list[str]:
        """What a user should hear about how this document was read, one line each."""
        reading = self.reading
        parts = []
        headings = reading.unrecognised_headings
        if headings:
            shown = ", ".join(repr(h if len(h) <= 60 else h[:57] + "...") for h in headings[:4])
            more = f" and {len(headings) - 4} more" if len(headings) > 4 else ""
            noun = "heading" if len(headings) == 1 else "headings"
            parts.append(f"{len(headings)} {noun} not recognised ({shown}{more})")
        lines = reading.unassigned_blocks
        if lines:
            parts.append(f"{lines} {'line' if lines == 1 else 'lines'} outside any section")
        return ["; ".join(parts)] if parts else []
