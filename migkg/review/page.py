"""The review page: one static HTML file, worked through offline from the file system.

Everything the page needs is inside it (no script, style or font is fetched): the items
as JSON in a ``<script type="application/json">`` block, the controlled lists, and the
page's own script (``data/page.html``). Decisions are saved as a CSV file of the queue's
columns (:data:`migkg.review.COLUMNS`), the browser's download, for ``migkg review
--apply``. The page counts the items that remain and the share accepted so far.
"""

from __future__ import annotations

import json
from importlib.resources import files

from . import COLUMNS, choices
from .items import Item

_MARK = "/*REVIEW-DATA*/"


def _safe_json(value: object) -> str:
    """JSON that cannot end its ``<script>`` block early (``</`` and ``<!--`` escaped)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render(items: list[Item], decided: dict[str, tuple[str, str]] | None = None, *,
           store: str = "", sources: dict[str, str] | None = None) -> str:
    """The page for ``items`` (in queue order); ``decided`` (item -> (decision, value))
    pre-fills decisions already recorded; ``sources`` maps report IRIs to file names."""
    decided = decided or {}
    sources = sources or {}
    kinds = sorted({i.kind for i in items}, key=choices.KINDS.index)
    data = {
        "columns": list(COLUMNS),
        "store": store,
        "choices": {k: [[v, choices.labels(k).get(v, "")] for v in choices.choices(k)]
                    for k in kinds},
        "items": [{
            "item": i.item, "kind": i.kind, "report": i.report,
            "source": sources.get(i.report, i.report.rsplit("/", 1)[-1]),
            "current": i.current, "confidence": i.confidence, "evidence": i.text,
            "reason": i.reason, "basis": i.basis, "start": i.start, "end": i.end,
            "decision": decided.get(i.item, ("", ""))[0],
            "value": decided.get(i.item, ("", ""))[1],
        } for i in items],
    }
    template = (files("migkg.review") / "data" / "page.html").read_text(encoding="utf-8")
    return template.replace(_MARK, _safe_json(data))
