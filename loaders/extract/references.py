"""References: the URLs a report cites and the publication each one points to.

A URL is taken as written, without the punctuation that closes the sentence or the
parenthesis around it. Its ``title`` is the named publication right before it when the
text gives one ('the ICLS Guidelines concerning … (https://…)'). Hyperlinks whose URL is
not in the text (a reader keeps only the visible words) are passed as ``links`` and come
back without a span.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..model import Annotator, Block, ReferenceAnnotation, Report

__all__ = ["REFERENCES", "Reference", "find_references", "hyperlinks_within"]


@dataclass(frozen=True)
class Reference:
    """A URL a text cites, and the publication it names for it."""
    url: str
    title: str | None  # the publication the text names for it, if any
    start: int | None  # span of the URL in the text; None for a hyperlink-only reference
    end: int | None


_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'«»]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}»”’'\""


def find_references(
    text: str, links: Sequence[str] = (), *, instruments: Sequence
) -> list[Reference]:
    """URLs in ``text`` (with the publication named before each), then ``links`` not in it.

    ``instruments`` are the text's instruments and publications (objects with ``end`` and
    ``label``: ``instruments.find_instruments`` or the ``instruments`` annotator's); the
    one that ends right before a URL titles it.
    """
    publications = instruments
    found: list[Reference] = []
    for match in _URL.finditer(text):
        url = match.group()
        while url and url[-1] in _TRAILING:
            if url[-1] == ")" and url.count("(") >= url.count(")"):
                break  # a parenthesis that belongs to the URL ('…/Foo_(bar)')
            url = url[:-1]
        if not url:
            continue
        start = match.start()
        found.append(Reference(url, _title(text, start, publications), start, start + len(url)))
    seen = {r.url for r in found}
    for link in links:
        if link and link not in seen and link.rstrip("/") not in {u.rstrip("/") for u in seen}:
            seen.add(link)
            found.append(Reference(link, None, None, None))
    return found


_GAP = re.compile(r"\s*(?:\(|:|,|-|–)?\s*$")
_WINDOW = 200


def _gap_start(text: str, start: int) -> int:
    """Where the white space and the one bracket or colon before ``start`` begin."""
    # Searched in the characters just before ``start`` (the whole text before it when the
    # gap reaches the window's edge), so a long paragraph of URLs is not read again per URL.
    low = max(0, start - _WINDOW)
    gap = _GAP.search(text[low:start])
    if gap and gap.start() == 0 and low > 0:
        gap, low = _GAP.search(text[:start]), 0
    return low + gap.start() if gap else start


def _title(text: str, start: int, publications: Sequence[object]) -> str | None:
    """The instrument or publication that ends right before '(URL' or 'title: URL'."""
    cut = _gap_start(text, start)
    for item in publications:
        if item.end == cut:  # type: ignore[attr-defined]
            return item.label  # type: ignore[attr-defined]
    return None


def hyperlinks_within(blocks: Sequence[Block], spans: Sequence[tuple[int, int]]
                      ) -> list[tuple[str, ...]]:
    """The hyperlink targets of the blocks each ``(start, end)`` span overlaps, in order.

    ``blocks`` are a document's blocks (in reading order, so sorted by start and not
    overlapping); a span's blocks are found by bisection, so the cost grows with the
    blocks and spans, not with their product. Readers keep only a link's visible words,
    so its URL is known from the block alone.
    """
    ends = [block.end for block in blocks]
    found: list[tuple[str, ...]] = []
    for start, end in spans:
        links: list[str] = []
        index = bisect_left(ends, start + 1)  # the first block ending after ``start``
        while index < len(blocks) and blocks[index].start < end:
            links += [link for link in blocks[index].links if link not in links]
            index += 1
        found.append(tuple(links))
    return found


def _annotate(report: Report) -> Iterator[ReferenceAnnotation]:
    text = report.document.text
    spans = [(insight.start, insight.end) for insight in report.insights]
    hyperlinks = hyperlinks_within(report.document.blocks, spans)
    for index, insight in enumerate(report.insights):
        instruments = [a.local(insight.start) for a in report.of("instruments", index)]
        for found in find_references(insight.text, hyperlinks[index], instruments=instruments):
            if found.start is None or found.end is None:
                start = end = None
                written = ""
            else:
                start, end = insight.start + found.start, insight.start + found.end
                written = text[start:end]
            yield ReferenceAnnotation("references", "reference", index, start, end, written,
                                      label=found.title or "", url=found.url,
                                      title=found.title)


REFERENCES = Annotator("references", ("instruments",), "urls-and-hyperlinks/1", _annotate)
