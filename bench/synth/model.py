"""The abstract content of one synthetic report, before any file format is chosen.

compose.py fills a :class:`Report`; each renderer writes it as one file. What a report
plants (counts, references, names) is recorded in :attr:`Report.planted` as it is written,
so the manifest says exactly what went into the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Practice:
    """One good practice: a short lead (title) and its text."""

    lead: str
    text: str


@dataclass
class LevelGroup:
    """Practices of one level; ``level`` is None when the report names no level."""

    level: str | None  # national, regional, global, innovation
    wording: str | None  # the sub-heading or inline label as written
    items: list[Practice] = field(default_factory=list)


@dataclass
class ChallengeGroup:
    """Challenges under one category parent; ``wording`` None for a flat list."""

    category: str | None
    wording: str | None
    items: list[str] = field(default_factory=list)


@dataclass
class Quote:
    text: str
    attribution: str


@dataclass
class Report:
    """Everything a renderer needs to write one report."""

    index: int
    stem: str  # file name without suffix
    fmt: str  # md, txt, html, htm, docx, pdf, eml
    variant: str  # layout within the format (e.g. 'tabbed' for a .txt)
    lang: str  # en, fr, es
    event: str
    series: str
    year: int
    city: str
    when: date
    date_text: str
    session_code: str
    session_label: str  # "Roundtable 2.1"
    topic: str
    doc_title: str
    rapporteur: str
    field_labels: dict[str, str]  # rapporteur, session, date, event -> label as written
    order: list[str]  # the section keys present, in the order written
    headings: dict[str, str]  # section key -> heading as written
    numbered: bool  # headings carry the template's numbers
    summary: list[str]
    challenges: list[ChallengeGroup]
    practice_style: str  # subheading, label, none
    practices: list[LevelGroup]
    gcm: list[str]
    agenda2030: list[str]
    quotes: list[Quote]
    reminder: str | None  # the Chatham House reminder, when the report carries one
    disclaimer: str
    extras: dict[str, str] = field(default_factory=dict)  # format-specific picks
    planted: dict = field(default_factory=dict)

    @property
    def filename(self) -> str:
        return f"{self.stem}.{self.fmt}"

    def level_label(self, group: LevelGroup) -> str | None:
        """The inline level label a practice of ``group`` starts with, if the style has one."""
        return group.wording if self.practice_style.startswith("label") else None

    @property
    def bold_lead(self) -> bool:
        """Whether a practice's lead is set in bold (all styles but plain 'label')."""
        return self.practice_style != "label"

    def heading(self, key: str) -> str:
        """The heading of section ``key`` as the report writes it (numbered or not)."""
        text = self.headings[key]
        return f"{self.order.index(key) + 1}. {text}" if self.numbered else text
