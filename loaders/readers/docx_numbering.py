"""Word list numbering: the marker each numbered paragraph shows, as Word renders it.

A numbered paragraph names a numbering instance (``w:numId``) and a level (``w:ilvl``),
directly or through its paragraph style. The numbering part (``word/numbering.xml``) maps
the instance to an abstract definition whose level says how to number (``w:numFmt``:
bullet, decimal, lowerLetter, upperRoman, ...), what to show (``w:lvlText``, where ``%1``
to ``%9`` stand for the counters of levels 1 to 9, so '%1.%2.' shows '2.1.') and where to
start. An abstract definition may only point at a list style (``w:numStyleLink``), whose
own numbering then holds the levels. Counters run per abstract definition, as in Word:
instances that share one go on counting, unless an instance overrides a level's start,
which restarts it at its first use; a level that advances restarts the levels below it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

from ._common import roman

MAX_LEVELS = 9
MAX_STYLE_LINKS = 4  # numStyleLink hops followed (cycles exist in damaged files)
# Symbol and Wingdings bullets sit in the private-use area; show what they render as.
_GLYPHS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf0fc": "✓", "\uf076": "❖",
           "\uf0a8": "□", "\uf06e": "■", "\uf071": "❑", "·": "•", "§": "▪"}
_PLACEHOLDER = re.compile(r"%([1-9])")

@dataclass(frozen=True)
class Level:
    """One level of an abstract numbering definition."""

    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class _Instance:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # level -> startOverride
    levels: dict[int, Level] = field(default_factory=dict)  # level -> lvlOverride/lvl
    used: bool = False


class Numbering:
    """Renders list markers for the paragraphs of one document, in reading order."""

    def __init__(
        self, root: Any | None, style_numbering: Callable[[str], str | None] | None = None
    ) -> None:
        """``root`` is the numbering part's XML (None: no numbering); ``style_numbering``
        gives the numId a paragraph style numbers with, to follow ``w:numStyleLink``."""
        self._abstract: dict[str, dict[int, Level]] = {}
        self._links: dict[str, str] = {}
        self._instances: dict[str, _Instance] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._style_numbering = style_numbering
        if root is None:
            return
        for abstract in root.iterchildren(qn("w:abstractNum")):
            abstract_id = abstract.get(qn("w:abstractNumId"), "")
            self._abstract[abstract_id] = _levels(abstract)
            if (link := _val(abstract, "w:numStyleLink")) is not None:
                self._links[abstract_id] = link
        for num in root.iterchildren(qn("w:num")):
            abstract_id = _val(num, "w:abstractNumId")
            if abstract_id is None:
                continue
            instance = _Instance(abstract_id)
            for override in num.iterchildren(qn("w:lvlOverride")):
                level = _int(override.get(qn("w:ilvl")), 0)
                start = _val(override, "w:startOverride")
                if start is not None:
                    instance.starts[level] = _int(start, 1)
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    instance.levels[level] = _level(lvl)
            self._instances[num.get(qn("w:numId"), "")] = instance

    def known(self, num_id: str | None) -> bool:
        """Whether the numbering part defines instance ``num_id``."""
        return num_id in self._instances

    def marker(self, num_id: str, ilvl: int) -> str | None:
        """The marker of the next paragraph numbered ``num_id`` at level ``ilvl``; counts it."""
        instance = self._instances.get(num_id)
        if instance is None:
            return None
        ilvl = min(max(ilvl, 0), MAX_LEVELS - 1)
        levels = self._levels_of(instance.abstract)

        def level(n: int) -> Level:
            return instance.levels.get(n) or levels.get(n) or Level()

        if ilvl not in levels and ilvl not in instance.levels:
            return None  # a level the definition does not describe: no marker to name

        counters = self._counters.setdefault(instance.abstract, [None] * MAX_LEVELS)
        if not instance.used:
            instance.used = True
            for n, start in instance.starts.items():
                if 0 <= n < MAX_LEVELS:
                    counters[n] = start - 1  # restarts at its first use
                    counters[n + 1 :] = [None] * (MAX_LEVELS - n - 1)
        current = counters[ilvl]
        counters[ilvl] = level(ilvl).start if current is None else current + 1
        counters[ilvl + 1 :] = [None] * (MAX_LEVELS - ilvl - 1)
        this = level(ilvl)
        if this.fmt == "bullet":
            text = "".join(_GLYPHS.get(c, c) for c in this.text).strip()
            return text or "•"
        if this.fmt == "none":
            return None

        def counter(match: re.Match[str]) -> str:
            n = int(match.group(1)) - 1
            value = counters[n] if counters[n] is not None else level(n).start
            return render(level(n).fmt, value)

        return _PLACEHOLDER.sub(counter, this.text).strip() or None


    def _levels_of(self, abstract_id: str) -> dict[int, Level]:
        """The levels of an abstract definition, through list-style links."""
        for _ in range(MAX_STYLE_LINKS):
            levels = self._abstract.get(abstract_id, {})
            link = self._links.get(abstract_id)
            if levels or link is None or self._style_numbering is None:
                return levels
            num_id = self._style_numbering(link)
            instance = self._instances.get(num_id or "")
            if instance is None:
                return levels
            abstract_id = instance.abstract
        return {}


def render(fmt: str, value: int) -> str:
    """A counter ``value`` written in Word number format ``fmt`` ('lowerLetter', 3 -> 'c')."""
    if fmt in {"lowerLetter", "upperLetter"}:
        text = _letters(value)
        return text.upper() if fmt == "upperLetter" else text
    if fmt in {"lowerRoman", "upperRoman"}:
        text = roman(value)
        return text.upper() if fmt == "upperRoman" else text
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _letters(value: int) -> str:
    # Word repeats the letter past z: 27 -> 'aa', 28 -> 'bb'.
    if value < 1:
        return str(value)
    return chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)


def _levels(abstract: Any) -> dict[int, Level]:
    return {_int(lvl.get(qn("w:ilvl")), 0): _level(lvl)
            for lvl in abstract.iterchildren(qn("w:lvl"))}


def _level(lvl: Any) -> Level:
    text = _val(lvl, "w:lvlText")
    return Level(
        fmt=_val(lvl, "w:numFmt") or "decimal",
        text="" if text is None else text,
        start=_int(_val(lvl, "w:start"), 1),
    )


def _int(raw: str | None, default: int) -> int:
    return int(raw) if raw is not None and raw.lstrip("-").isdigit() and len(raw) < 7 else default


def _val(parent: Any, tag: str) -> str | None:
    child = parent.find(qn(tag))
    return None if child is None else child.get(qn("w:val"))
