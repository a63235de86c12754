"""References: the URLs a report cites and the publication each one points to.

A URL is taken as written, without the punctuation that closes the sentence or the
parenthesis around it. Its ``title`` is the named publication right before it when the
text gives one ('the ICLS Guidelines concerning … (https://…)'). Hyperlinks whose URL is
not in the text (a reader keeps only the visible words) are passed as ``links`` and come
back without a span.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Reference", "find_references"]


@dataclass(frozen=True)
class Reference:
    url: str
    title: str | None  # the publication the text names for it, if any
    start: int | None  # span of the URL in the text; None for a hyperlink-only reference
    end: int | None


_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'«»]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}»”’'\""


def find_references(
    text: str, links: Sequence[str] = (), *, instruments: Sequence | None = None
) -> list[Reference]:
    """URLs in ``text`` (with the publication named before each), then ``links`` not in it.

    ``instruments`` (from :func:`find_instruments`), when the caller has them, save a pass.
    """
    if instruments is None:
        from .instruments import find_instruments

        instruments = find_instruments(text)
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


def _title(text: str, start: int, publications: Sequence[object]) -> str | None:
    """The instrument or publication that ends right before '(URL' or 'title: URL'."""
    before = text[:start]
    gap = re.search(r"\s*(?:\(|:|,|-|–)?\s*$", before)
    cut = gap.start() if gap else len(before)
    for item in publications:
        if item.end == cut:  # type: ignore[attr-defined]
            return item.label  # type: ignore[attr-defined]
    return None
