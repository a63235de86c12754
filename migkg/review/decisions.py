"""The decisions file: the review queue as CSV, and a reviewer's decisions read back.

Columns (:data:`migkg.review.COLUMNS`): item, kind, report, current, confidence,
evidence, decision, value; ``decision`` is accept, correct or reject (empty: not decided
yet) and ``value`` the corrected value, from the kind's controlled list. The HTML page
saves the same columns. Reading checks every line before anything is used: an unknown
item, a value outside the list or an item whose text changed since the queue was written
is an error for that line, and one wrong line stops the whole file.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from . import COLUMNS, DECISIONS, choices
from .items import Item


@dataclass(frozen=True)
class Decision:
    """A reviewer's decision on one item, before it is recorded."""

    item: Item
    decision: str  # accept, correct or reject
    value: str = ""  # the corrected value (correct only), as the controlled list spells it


class DecisionsError(Exception):
    """A decisions file that cannot be applied; ``problems`` are (line, reason) pairs."""

    def __init__(self, problems: list[tuple[int, str]]) -> None:
        super().__init__(f"{len(problems)} line(s) cannot be applied")
        self.problems = problems


def queue_csv(items: list[Item], decided: dict[str, tuple[str, str]] | None = None) -> str:
    """The queue as CSV text; ``decided`` (item -> (decision, value)) fills the decisions
    already recorded, so that the file can be worked on and applied again."""
    decided = decided or {}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for item in items:
        decision, value = decided.get(item.item, ("", ""))
        writer.writerow([item.item, item.kind, item.report, item.current, item.confidence,
                         item.text, decision, value])
    return out.getvalue()


def read(text: str, items: dict[str, Item]) -> list[Decision]:
    """The decisions of a CSV file's ``text``, checked against the store's reviewable
    ``items`` (by IRI); raises DecisionsError listing every line that is wrong."""
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    missing = [c for c in ("item", "decision", "value") if c not in (reader.fieldnames or [])]
    if missing:
        raise DecisionsError([(1, f"no column {missing[0]!r} (columns: {', '.join(COLUMNS)})")])
    found: list[Decision] = []
    problems: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        try:
            decision = _check(row, items)
        except ValueError as exc:
            problems.append((line, str(exc)))
            continue
        if decision is None:
            continue
        if decision.item.item in seen:
            problems.append((line, f"item {decision.item.item} already decided on line "
                                   f"{seen[decision.item.item]}"))
            continue
        seen[decision.item.item] = line
        found.append(decision)
    if problems:
        raise DecisionsError(problems)
    return found


def _check(row: dict[str, str | None], items: dict[str, Item]) -> Decision | None:
    """One line as a Decision (None when it decides nothing); ValueError says why not."""
    cell = {key: (value or "").strip() for key, value in row.items() if key}
    decision = cell.get("decision", "").casefold()
    if not decision:
        return None
    iri = cell.get("item", "")
    item = items.get(iri)
    if item is None:
        raise ValueError(f"unknown item {iri!r} (not an inferred item of this store; "
                         "write a new queue with 'migkg review')")
    if decision not in DECISIONS:
        raise ValueError(f"decision {cell['decision']!r} is none of {', '.join(DECISIONS)}")
    if cell.get("kind") and cell["kind"] != item.kind:
        raise ValueError(f"item {iri} is a {item.kind}, not a {cell['kind']}")
    evidence = row.get("evidence")
    if evidence is not None and evidence.strip() and evidence.strip() != item.text.strip():
        raise ValueError(f"the text of item {iri} changed since the queue was written "
                         "(re-ingested?); write a new queue with 'migkg review'")
    value = cell.get("value", "")
    if decision == "correct":
        if not value:
            raise ValueError(f"decision correct needs a value (one of {_listed(item.kind)})")
        if choices.iri_of(item.kind, value) is None:
            raise ValueError(f"value {value!r} is not in the list for {item.kind} "
                             f"(allowed: {_listed(item.kind)})")
        value = choices.value_of(item.kind, choices.iri_of(item.kind, value))
        if value == item.current:
            raise ValueError(f"value {value!r} is the current value; decide accept instead")
    elif value and value != item.current:
        raise ValueError(f"a value is only for decision correct (got {value!r} with "
                         f"{decision})")
    else:
        value = ""
    return Decision(item, decision, value)


def _listed(kind: str) -> str:
    values = list(choices.choices(kind))
    shown = ", ".join(values[:25])
    return shown + (f", … ({len(values)} values)" if len(values) > 25 else "")
