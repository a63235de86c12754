"""Content evidence: what the blocks under a heading say about the section they belong to.

Each template section has content of a recognisable kind: quotation marks and attribution
lines (quotes); the Compact's name or objective numbers (gcm); the 2030 Agenda, SDG goals
or targets (agenda2030); problem language such as lack, gap, barrier, risk (challenges);
remedy language such as programme, pilot, adopted, should (practices); accounts of the
discussion (summary). The cue words are in ``data/cues.*.tsv`` and ``data/references.tsv``.
Scores are 0-1 per section, with the counts behind them kept as evidence in words.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import Block
from ..text_utils import fold, word_count
from .lexicon import cues, reference_count

MAX_BLOCKS = 60  # a section's first blocks say enough about it; keeps the work bounded

_QUOTE_START = re.compile(r"^\s*[-–—]?\s*[\"“«„‘]")
_QUOTED_SPAN = re.compile(r"[\"“«„][^\"”»“]{20,}[\"”»]")
_ATTRIBUTION_LINE = re.compile(r"^\s*[-–—―]\s*\S|^\s*\(.*\)\s*:?\s*$|^[^\"“«]{2,90}:\s*$")


def _saturate(value: float) -> float:
    return 1.0 - math.exp(-value)


@dataclass(frozen=True)
class Counts:
    """The cue counts of some blocks."""

    blocks: int
    words: int
    problem: int
    remedy: int
    discussion: int
    gcm: int
    sdg: int
    quoted: int
    attributions: int
    items: int
    titled: int

    def describe(self, key: str) -> str:
        """The counts that speak for section ``key``, in words."""
        parts = {
            "quotes": f"{self.quoted} quoted passages, {self.attributions} attribution lines",
            "gcm": f"{self.gcm} references to the Compact or its objectives",
            "agenda2030": f"{self.sdg} references to the 2030 Agenda or SDGs",
            "challenges": f"{self.problem} problem words, {self.remedy} remedy words",
            "practices": f"{self.remedy} remedy words, {self.problem} problem words, "
                         f"{self.titled} titled items",
            "summary": f"{self.discussion} discussion words in {self.blocks} blocks",
        }
        return parts.get(key, "")


_ZERO = Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)


@lru_cache(maxsize=8192)
def _block_counts(block: Block) -> Counts:
    """The cue counts of one block (blocks are immutable, so this is computed once)."""
    table = cues()
    folded = fold(block.text)
    words = folded.split()
    quoted = block.kind == "quote" or bool(_QUOTE_START.match(block.text) or _QUOTED_SPAN.search(
        block.text))
    attribution = (not quoted and word_count(block.text) <= 20
                   and bool(_ATTRIBUTION_LINE.match(block.text)))
    lead = (block.bold_lead or "").strip()
    return Counts(
        blocks=1, words=len(words),
        problem=table["problem"].count(words, folded),
        remedy=table["remedy"].count(words, folded),
        discussion=table["discussion"].count(words, folded),
        gcm=reference_count("gcm", folded), sdg=reference_count("sdg", folded),
        quoted=int(quoted), attributions=int(attribution), items=int(block.kind == "item"),
        titled=int(bool(lead) and lead != block.text.strip()),
    )


def block_counts_cache_clear() -> None:
    """Forget the cue counts of the blocks seen so far (one document's)."""
    _block_counts.cache_clear()


def count(blocks: list[Block]) -> Counts:
    """Cue counts over (at most :data:`MAX_BLOCKS` of) ``blocks``."""
    total = [0] * 11
    for block in blocks[:MAX_BLOCKS]:
        for i, value in enumerate(astuple_counts(_block_counts(block))):
            total[i] += value
    return Counts(*total)


def astuple_counts(counts: Counts) -> tuple[int, ...]:
    """The counts as a tuple, in field order."""
    return (counts.blocks, counts.words, counts.problem, counts.remedy, counts.discussion,
            counts.gcm, counts.sdg, counts.quoted, counts.attributions, counts.items,
            counts.titled)


def scores(counts: Counts) -> dict[str, float]:
    """Section key -> how much the content looks like that section's (0-1)."""
    n = max(counts.blocks, 1)
    problem, remedy = counts.problem, counts.remedy
    balance = (problem - remedy) / (problem + remedy + 2)
    gcm, sdg = counts.gcm, counts.sdg
    quoted_share = (counts.quoted + 0.5 * counts.attributions) / n
    return {
        "quotes": min(1.0, 1.2 * quoted_share) if counts.quoted else 0.0,
        "gcm": _saturate(gcm / 1.5) * (1.0 if gcm >= sdg else 0.5),
        "agenda2030": _saturate(sdg / 1.5) * (1.0 if sdg >= gcm else 0.5),
        "challenges": min(1.0, _saturate(problem / n) * (0.5 + balance)),
        "practices": min(1.0, _saturate(remedy / n) * (0.5 - balance)
                         + 0.2 * counts.titled / n),
        "summary": 0.6 * _saturate(counts.discussion / n),
    }
