"""A short cross-event comparison for ``migkg demo``: the two sessions of different events
that share the most, and what they share, with one piece of evidence per side."""

from __future__ import annotations

from itertools import combinations

from rich.console import Console

from .comparing import DIMENSIONS, Comparison, Item, compare, touched
from .resolving import ReportRef, catalogue
from .store import Store

#: The dimensions that make two sessions' overlap meaningful, and that the summary lists.
THEMES = ("objective", "sdg-target", "actor", "country", "challenge-category")
_TITLES = dict(DIMENSIONS)
_LISTED = 6  # items per dimension named in a summary line


def best_cross_event_pair(store: Store) -> tuple[ReportRef, ReportRef] | None:
    """The two reports of different events (and sessions) sharing the most items of
    :data:`THEMES`; ties go to the pair first in source-name order. None when no two
    reports of different events share anything."""
    refs = [r for r in catalogue(store) if r.event_key]
    items = touched(store, refs)
    best: tuple[int, str, str] | None = None
    pairs = {}
    for x, y in combinations(sorted(refs, key=lambda r: r.source), 2):
        if x.event == y.event:
            continue
        shared = {k for k in items[x.report] & items[y.report] if k[0] in THEMES}
        key = (-len(shared), x.source, y.source)
        if shared and (best is None or key < best):
            best = key
            pairs[key] = (x, y)
    return pairs[best] if best else None


def summary_lines(comparison: Comparison) -> list[str]:
    """One line per theme the two sides share, naming the items (code and label)."""
    lines = []
    for dimension in THEMES:
        shared = comparison.of(dimension, "both")
        if not shared:
            continue
        named = ", ".join(_name(i) for i in shared[:_LISTED])
        more = f" and {len(shared) - _LISTED} more" if len(shared) > _LISTED else ""
        lines.append(f"  {_TITLES[dimension]} ({len(shared)}): {named}{more}")
    return lines


def _name(item: Item) -> str:
    """Codes where readers know them (objective and target numbers, acronyms), names
    otherwise; ``migkg compare`` shows the titles."""
    if item.code and item.dimension in ("objective", "sdg-target", "actor"):
        return item.code
    return item.label


def print_cross_event(store: Store, console: Console) -> None:
    """Print the cross-event comparison of :func:`best_cross_event_pair`, with the
    evidence for the first shared objective and the command that shows everything."""
    pair = best_cross_event_pair(store)
    console.print()
    if pair is None:
        console.print("[bold]Across events[/bold]: no two sessions of different events "
                      "share a theme")
        return
    a, b = pair
    comparison = compare(store, a.source, b.source)
    console.print(f"[bold]Across events[/bold]: {a.describe()} and {b.describe()} share",
                  highlight=False)
    for line in summary_lines(comparison):
        console.print(line, markup=False, highlight=False)
    example = next(iter(comparison.of("objective", "both")), None)
    if example is not None:
        console.print(f"  Evidence for objective {example.code}:", markup=False)
        for side in (example.a[0], example.b[0]):
            lead = f"“{side.evidence}” in " if side.evidence else ""
            console.print(f"    {lead}{side.source}, {side.place(with_source=False)}",
                          markup=False, highlight=False)
    console.print(f"  Side by side, with all evidence: migkg compare {a.source} {b.source} "
                  f"--store {store.location}", markup=False, highlight=False)
