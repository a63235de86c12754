"""``migkg review --apply FILE``: record a decisions file, all of it or nothing."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ..store import Store
from . import decisions, items, record, view

REVIEWER_ENV = "MIGKG_REVIEWER"


@dataclass
class Applied:
    """What applying a decisions file did."""

    decided: dict[str, int] = field(default_factory=dict)  # accept/correct/reject -> lines
    changed: int = 0  # decisions new or different from the ones recorded
    stale: list[view.Stale] = field(default_factory=list)


def reviewer_name(given: str | None) -> str:
    """Who decides: ``given`` (``--reviewer``), else ``$MIGKG_REVIEWER``, else the login
    name; ValueError when none is known."""
    for name in (given, os.environ.get(REVIEWER_ENV)):
        if name and name.strip():
            return " ".join(name.split())
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = ""
    if not name.strip():
        raise ValueError(f"who is reviewing? give --reviewer NAME or set ${REVIEWER_ENV}")
    return name.strip()


def apply_text(store: Store, text: str, reviewer: str, when: str | None = None) -> Applied:
    """Check every line of a decisions file's ``text`` against the store's items, then
    record them in the review graph and refresh the reviewed view. Raises
    decisions.DecisionsError (and records nothing) when any line is wrong."""
    current = {i.item: i for i in items.collect(store)}
    found = decisions.read(text, current)
    when = when or datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    before = record.stored(store)
    merged, changed = record.merge(before, found, reviewer, when)
    if changed:
        record.save(store, merged)
    # Only the reports whose decisions changed have their summaries counted again.
    touched = {rec.report for item, rec in merged.items() if before.get(item) != rec}
    result = Applied(changed=changed, stale=view.refresh(store, touched))
    for decision in found:
        result.decided[decision.decision] = result.decided.get(decision.decision, 0) + 1
    return result
