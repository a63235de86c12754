"""Extractors: turn segmented sections into insights, and insights into annotations.

The insight stage (``insights.extract_insights``) gives the report's insights; then the
annotators of :data:`ANNOTATORS` run in that order, each once over the whole report,
each reading what earlier ones found from the :class:`~migkg.loaders.model.Report` and
adding its own :class:`~migkg.loaders.model.Annotation` records:

==============  ==========================================  ================================
annotator       finds                                       reads
==============  ==========================================  ================================
entities        countries, regions, RECs, RCPs, registry    -
                organisations (gazetteer; entities.py)
organisations   organisations outside the registry          entities
instruments     policy instruments, cited publications      entities
mentions        the merged, ordered mentions                entities, organisations,
                                                            instruments
figures         figures, with unit, what they count, place  mentions
explicit-links  GCM objectives, principles, SDG targets     -
                the text names
inferred-links  links inferred from shared terms            explicit-links
references      URLs in the text and hyperlinks of blocks   instruments
levels          the level of a practice no heading placed   mentions
==============  ==========================================  ================================

No annotator module imports another: what one needs from another it reads from the
report, so the order here is the only place the chain is written.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..model import Annotator, Report
from . import entities as _entities
from . import figures as _figures
from . import instruments as _instruments
from . import level_inference as _levels
from . import links as _links
from . import references as _references

if TYPE_CHECKING:
    from .insights import Insight

ANNOTATORS: tuple[Annotator, ...] = (
    _entities.ENTITIES,
    _entities.ORGANISATIONS,
    _instruments.INSTRUMENTS,
    _entities.MENTIONS,
    _links.EXPLICIT_LINKS,
    _figures.FIGURES,
    _links.INFERRED_LINKS,
    _references.REFERENCES,
    _levels.LEVELS,
)


def annotate(report: Report, annotators: tuple[Annotator, ...] = ANNOTATORS) -> Report:
    """Run ``annotators`` in order over ``report`` (its insights set); gives it back.

    Raises ValueError when an annotator requires one that has not run before it.
    """
    for annotator in annotators:
        missing = [name for name in annotator.requires if not report.ran(name)]
        if missing:
            raise ValueError(f"annotator {annotator.name!r} needs {', '.join(missing)} first")
        report.add(annotator.name, annotator.run(report))
    return report


# One text at a time, for tests and exploration: the same chain as the annotators.


def find_mentions(text: str) -> list[_entities.Mention]:
    """Every entity and instrument mention in ``text``, ordered by position."""
    return _entities.find_mentions(text, entities=(found := _entities.find_entities(text)),
                                   instruments=_instruments.find_instruments(text, found))


def find_instruments(text: str) -> list[_instruments.Instrument]:
    """The policy instruments and publications in ``text``, with issuers and year."""
    return _instruments.find_instruments(text, _entities.find_entities(text))


def find_figures(text: str) -> list[_figures.FigureMatch]:
    """The figures in ``text``, with the countries its mentions give them (numbers inside
    explicit GCM and SDG references left out)."""
    references = [(link.start, link.end) for link in _links.find_links(text, section="")
                  if link.basis == "explicit" and link.start is not None]
    return _figures.find_figures(text, find_mentions(text), references)


def find_references(text: str, links: tuple[str, ...] = ()) -> list[_references.Reference]:
    """The URLs in ``text`` titled by the publications it names, then ``links`` not in it."""
    return _references.find_references(text, links, instruments=find_instruments(text))


def with_levels(report: Report) -> list[Insight]:
    """The report's insights with the levels the ``levels`` annotator inferred filled in
    (copies; the record keeps them apart), for readers of one report such as ``explain``."""
    found = []
    for index, insight in enumerate(report.insights):
        inferred = report.of("levels", index) if report.ran("levels") else []
        if insight.kind == "practice" and not insight.level and inferred:
            level = inferred[0]
            insight = replace(insight, level=level.code, level_basis=level.basis,
                              level_evidence="inferred: " + "; ".join(level.evidence))
        found.append(insight)
    return found
