"""The one document model every reader produces.

A reader turns a file into a flat list of :class:`Block` objects in reading order. The
normalised document text is the block texts joined by newlines; each block knows its
offset into it, so extractors can point any statement back to exact characters
(Web Annotation ``TextPositionSelector``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # the stages' own types; the record only holds them
    from .extract.insights import Insight
    from .metadata import Metadata
    from .segment.reading import Segmented

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


# --------------------------------------------------------------------------- annotations
# What the annotators find, and the record of a report the loader's stages fill in order.
# One record type for every finding (as OAK's TextAnnotation): the base class carries what
# every finding has; a few kinds carry a payload of their own in a subclass.

MENTION_KINDS = ("country", "region", "rec", "rcp", "organisation", "instrument")
LINK_KINDS = {"objective": "gcm-link", "principle": "principle-link", "target": "sdg-link"}


@dataclass(frozen=True)
class Annotation:
    """One finding of an annotator in one insight's text.

    Attributes:
        annotator: the name of the annotator that made it (``loaders.extract.ANNOTATORS``).
        kind: what it is: a mention kind (:data:`MENTION_KINDS`), 'figure', 'reference',
            a link kind (:data:`LINK_KINDS`: 'gcm-link', 'principle-link', 'sdg-link') or
            'level'.
        insight: the index, in :attr:`Report.insights`, of the insight it was found in.
        start: where it starts in :attr:`Document.text`; None when it has no span (an
            inferred link or level, a hyperlink whose URL the text does not show).
        end: where it ends in :attr:`Document.text`; None with ``start``.
        text: ``Document.text[start:end]``, '' without a span.
        code: the registry key: ISO 3166 alpha-3 for a country, M49 for a region, the
            acronym of a registry actor, a concept key for a link ('5', '10.7',
            'whole-of-government'), a level key; '' when the finding has none.
        label: the name to show (the registry's name, or the words as written).
        iri: the IRI of what it names, where a vocabulary or registry gives one; None where
            the writer mints a report-local node (instruments).
    """

    annotator: str
    kind: str
    insight: int
    start: int | None
    end: int | None
    text: str = ""
    code: str = ""
    label: str = ""
    iri: str | None = None

    def local(self, offset: int) -> Annotation:
        """The same finding with its span counted from ``offset`` (an insight's start)."""
        if self.start is None or self.end is None:
            return self
        return replace(self, start=self.start - offset, end=self.end - offset)


@dataclass(frozen=True, kw_only=True)
class InstrumentAnnotation(Annotation):
    """A policy instrument or cited publication: its kind, issuers and year."""

    instrument_kind: str  # policy | strategy | framework | ... | publication
    issuers: tuple[str, ...]  # codes of issuing states or bodies (ISO3 / registry acronym)
    year: int | None
    publication: bool


@dataclass(frozen=True, kw_only=True)
class FigureAnnotation(Annotation):
    """A figure: its value, unit ('%', ISO 4217 or None), what it counts, place, bound."""

    value: float
    unit: str | None
    counts: str | None
    place: str | None  # ISO 3166 alpha-3 of the country it is about
    bound: str | None  # 'lower' / 'upper' for the ends of a range


@dataclass(frozen=True, kw_only=True)
class LinkAnnotation(Annotation):
    """A link to a GCM objective or principle or an SDG target, with its evidence."""

    concept: str  # objective | principle | target
    basis: str  # explicit | inferred
    confidence: float
    evidence: tuple[str, ...]
    method: str  # name/version of the method, as the graph records it


@dataclass(frozen=True, kw_only=True)
class ReferenceAnnotation(Annotation):
    """A URL the insight cites (in its text or as a hyperlink), and what it names."""

    url: str
    title: str | None


@dataclass(frozen=True, kw_only=True)
class LevelAnnotation(Annotation):
    """A practice's level inferred from what it names (``code`` is the level key)."""

    basis: str  # inferred
    evidence: tuple[str, ...]  # the rule that decided, in words
    method: str


@dataclass
class Report:
    """The record of one report, filled by the loader's stages in order.

    read -> :attr:`document`; sections and fields -> :attr:`segmented`; metadata ->
    :attr:`metadata`; insights -> :attr:`insights` and :attr:`language`; the annotators
    -> annotations (:meth:`add`, :meth:`of`); the writer reads it all.

    Attributes:
        document: the read document.
        name: the file's base name; format: its format ('md', 'docx', ...); sha256: of its
            bytes.
        identity: the file's path relative to the ingest root, when the caller gives one
            (it names the report: ``ontology.iris.report_iri``); None names it by ``name``.
    """

    document: Document
    name: str
    format: str
    sha256: str
    identity: str | None = None
    segmented: Segmented | None = None
    metadata: Metadata | None = None
    insights: list[Insight] = field(default_factory=list)
    language: str = ""
    _found: dict[str, dict[int, list[Annotation]]] = field(default_factory=dict, repr=False)

    def add(self, annotator: str, found: Iterable[Annotation]) -> None:
        """Record what ``annotator`` found (once per annotator), grouped by insight."""
        if annotator in self._found:
            raise ValueError(f"annotator {annotator!r} already ran on this report")
        groups: dict[int, list[Annotation]] = {}
        for annotation in found:
            groups.setdefault(annotation.insight, []).append(annotation)
        self._found[annotator] = groups

    def ran(self, annotator: str) -> bool:
        """Whether ``annotator`` has added its findings."""
        return annotator in self._found

    def of(self, annotator: str, insight: int) -> list[Annotation]:
        """What ``annotator`` found in insight ``insight``, in its order ([] when nothing).

        Raises KeyError when the annotator has not run: reading a result that is not there
        yet is an ordering mistake, not an empty result.
        """
        return self._found[annotator].get(insight, [])

    def annotations(self) -> list[Annotation]:
        """Every annotation, by annotator in the order they ran, then by insight."""
        return [a for groups in self._found.values() for index in sorted(groups)
                for a in groups[index]]


@dataclass(frozen=True)
class Annotator:
    """One step of annotation: what it is called, what it reads, how it works.

    Attributes:
        name: its name, which its annotations carry and later annotators require.
        requires: names of earlier annotators whose results it reads from the report.
        method: name/version of its method ('gazetteer/1'); where the graph records a
            method (concept links) it records this one.
        run: takes the :class:`Report`, gives its annotations (each naming its insight).
    """

    name: str
    requires: tuple[str, ...]
    method: str
    run: Callable[[Report], Iterable[Annotation]]
