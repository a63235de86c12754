"""The loader scored against reviewed decisions (``migkg evaluate --reviewed``).

Each decision that still applies is one judgement of one thing the loader wrote: an
accepted item counts as right, a corrected or rejected one as wrong. Per kind of item:
how many were decided, accepted, corrected and rejected, the loader's precision on them
(accepted / decided) and the mean confidence it gave them (where it records one), so
that review work becomes measurement data. Recall cannot be read from a review, which
sees only what the loader found.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..store import Store
from . import choices, items, record


@dataclass
class KindScore:
    """Counts of the decisions on one kind of item."""

    accepted: int = 0
    corrected: int = 0
    rejected: int = 0
    confidences: list[float] = field(default_factory=list)

    @property
    def decided(self) -> int:
        """Decisions that apply."""
        return self.accepted + self.corrected + self.rejected

    @property
    def precision(self) -> float | None:
        """Share of the decided items the reviewer accepted (None when none decided)."""
        return self.accepted / self.decided if self.decided else None

    def as_dict(self) -> dict[str, object]:
        """The counts and scores as JSON-ready values."""
        mean = sum(self.confidences) / len(self.confidences) if self.confidences else None
        return {"decided": self.decided, "accepted": self.accepted,
                "corrected": self.corrected, "rejected": self.rejected,
                "precision": None if self.precision is None else round(self.precision, 4),
                "mean_confidence": None if mean is None else round(mean, 4)}


def score(store: Store) -> tuple[dict[str, KindScore], int, int]:
    """Per kind, the decisions that apply; with the number of reviewable items and of
    recorded decisions that no longer apply."""
    current = {i.item: i for i in items.collect(store)}
    scores = {kind: KindScore() for kind in choices.KINDS}
    stale = 0
    for rec in record.stored(store).values():
        item = current.get(rec.item)
        if item is None or item.kind != rec.kind or item.text != rec.text:
            stale += 1
            continue
        kind = scores[rec.kind]
        setattr(kind, rec.outcome, getattr(kind, rec.outcome) + 1)
        if item.confidence:
            kind.confidences.append(float(item.confidence))
    return scores, len(current), stale


def as_json(scores: dict[str, KindScore], total: int, stale: int) -> str:
    """``migkg evaluate --reviewed --format json``."""
    decided = sum(s.decided for s in scores.values())
    return json.dumps({"items": total, "decided": decided, "remaining": total - decided,
                       "stale": stale,
                       "kinds": {k: s.as_dict() for k, s in scores.items()}},
                      indent=2) + "\n"


def as_table(scores: dict[str, KindScore], total: int, stale: int) -> str:
    """A plain-text table of :func:`score`."""
    header = ("kind", "decided", "accepted", "corrected", "rejected", "precision",
              "mean conf.")
    lines = [header]
    for kind, s in scores.items():
        data = s.as_dict()
        lines.append((kind, str(s.decided), str(s.accepted), str(s.corrected),
                      str(s.rejected),
                      "" if data["precision"] is None else f"{data['precision']:.2f}",
                      "" if data["mean_confidence"] is None
                      else f"{data['mean_confidence']:.2f}"))
    widths = [max(len(row[i]) for row in lines) for i in range(len(header))]
    text = "\n".join("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                               for i, (cell, w) in enumerate(zip(row, widths, strict=True)))
                     for row in lines)
    decided = sum(s.decided for s in scores.values())
    return (f"Loader against reviewed decisions: {decided} of {total} items decided"
            f"{f', {stale} decision(s) no longer apply' if stale else ''}\n{text}\n"
            "precision: the share the reviewer accepted (corrected and rejected count as "
            "wrong)\n")
