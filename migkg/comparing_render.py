"""A :class:`~migkg.comparing.Comparison` as table, csv, json or md.

The table is for a terminal: it fits the given width, puts labels before codes, shows at
most :data:`SHOWN` pieces of evidence per cell and cuts an insight's text at
:data:`TEXT_CHARS` characters, saying so in the cell and in a note below. csv, json and md
keep every piece of evidence and every text whole.
"""

from __future__ import annotations

import csv
import io
import json

from .comparing import DIMENSIONS, Comparison, Evidence, Item, Side

FORMATS = ("table", "csv", "json", "md")
SHOWN = 1  # evidence per cell in the table
TEXT_CHARS = 120  # insight text per piece of evidence in the table

CSV_COLUMNS = ("dimension", "item", "code", "label", "in_a", "in_b", "side", "report",
               "source", "session", "insight", "kind", "evidence", "basis", "confidence",
               "start", "end", "span_start", "span_end", "text")

_BY_CODE = frozenset({"objective", "sdg-target", "country", "actor"})
_WHERE_TITLE = {"both": "shared", "a": "only in A", "b": "only in B"}


def render(comparison: Comparison, fmt: str, width: int = 80) -> str:
    """``comparison`` in format ``fmt`` (one of :data:`FORMATS`, any case)."""
    fmt = fmt.casefold()
    if fmt == "csv":
        return _csv(comparison)
    if fmt == "json":
        return json.dumps(as_dict(comparison), ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        return _markdown(comparison)
    if fmt == "table":
        return _table(comparison, width)
    raise ValueError(f"unknown format {fmt!r} (formats: {', '.join(FORMATS)})")


def as_dict(comparison: Comparison) -> dict:
    """The comparison as plain data (what ``--format json`` prints)."""
    return {
        "a": _side_dict(comparison.a),
        "b": _side_dict(comparison.b),
        "dimensions": [
            {"dimension": name, "title": title, **{
                key: [_item_dict(i) for i in comparison.of(name, where)]
                for key, where in (("shared", "both"), ("only_a", "a"), ("only_b", "b"))}}
            for name, title in DIMENSIONS],
    }


def _side_dict(side: Side) -> dict:
    return {"reference": side.reference, "name": side.name,
            "reports": [{"report": r.report, "source": r.source, "session": r.session,
                         "event": r.event} for r in side.reports]}


def _item_dict(item: Item) -> dict:
    return {"item": item.iri, "code": item.code, "label": item.label,
            "a": [_evidence_dict(e) for e in item.a], "b": [_evidence_dict(e) for e in item.b]}


def _evidence_dict(e: Evidence) -> dict:
    return {"report": e.report, "source": e.source, "session": e.session,
            "insight": e.insight, "kind": e.kind, "evidence": e.evidence, "basis": e.basis,
            "confidence": e.confidence, "start": e.start, "end": e.end,
            "span_start": e.span_start, "span_end": e.span_end, "text": e.text}


def _csv(comparison: Comparison) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in comparison.items:
        for side, found in (("a", item.a), ("b", item.b)):
            for e in found:
                row = {**_evidence_dict(e), "dimension": item.dimension, "item": item.iri,
                       "code": item.code, "label": item.label,
                       "in_a": _flag(item.a), "in_b": _flag(item.b), "side": side}
                writer.writerow(["" if row[c] is None else row[c] for c in CSV_COLUMNS])
    return buffer.getvalue()


def _flag(found: tuple) -> str:
    return "true" if found else "false"


def _headline(comparison: Comparison) -> list[str]:
    lines = [f"A: {comparison.a.name}", f"B: {comparison.b.name}"]
    for letter, side in (("A", comparison.a), ("B", comparison.b)):
        if len(side.reports) > 1:
            listed = ", ".join(r.source for r in side.reports)
            lines.append(f"{letter} covers {len(side.reports)} reports: {listed}")
    if comparison.same_reports:
        lines.append("A and B name the same reports: everything is shared.")
    return lines


def _summary(comparison: Comparison, name: str) -> str:
    n = comparison.counts(name)
    return f"{n['both']} shared, {n['a']} only in A, {n['b']} only in B"


def _markdown(comparison: Comparison) -> str:
    out = [f"# Comparison of {_md(comparison.a.name)} and {_md(comparison.b.name)}", ""]
    out += [f"- {_md(line)}" for line in _headline(comparison)]
    for name, title in DIMENSIONS:
        found = comparison.of(name)
        out += ["", f"## {title}: {_summary(comparison, name)}", ""]
        if not found:
            out.append("Neither side has any.")
            continue
        out += ["| item | in | A | B |", "| --- | --- | --- | --- |"]
        for item in found:
            out.append(f"| {_md(_item_name(item))} | {_WHERE_TITLE[item.where]} | "
                       f"{_md_evidence(item.a)} | {_md_evidence(item.b)} |")
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _md_evidence(found: tuple[Evidence, ...]) -> str:
    if not found:
        return "-"
    return "<br>".join(f"{_md(_lead(e))} {_md(e.text)} ({_md(e.where)})" for e in found)


def _lead(e: Evidence) -> str:
    """The words that carry the link, as a quoted lead, or ''."""
    return f"“{e.evidence}”:" if e.evidence else ""


def _item_name(item: Item) -> str:
    if item.code and item.code.casefold() != item.label.casefold():
        return f"{item.label} ({item.code})"
    return item.label


def _table(comparison: Comparison, width: int) -> str:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=io.StringIO(), width=max(width, 40), force_terminal=False,
                      color_system=None, highlight=False, soft_wrap=False)
    for line in _headline(comparison):
        console.print(line, markup=False)
    console.print()
    console.print(_overview(comparison))
    sources = {"a": len(comparison.a.reports) > 1, "b": len(comparison.b.reports) > 1}
    cut = False
    for name, title in DIMENSIONS:
        found = comparison.of(name)
        if not found:
            continue
        console.print()
        table = Table(title=f"{title}: {_summary(comparison, name)}", title_justify="left",
                      header_style="bold", show_lines=True, expand=True)
        table.add_column("item", ratio=2, overflow="fold")
        table.add_column("evidence in A", ratio=3, overflow="fold")
        table.add_column("evidence in B", ratio=3, overflow="fold")
        for item in found:
            cell_a, cut_a = _cell(item.a, sources["a"])
            cell_b, cut_b = _cell(item.b, sources["b"])
            cut = cut or cut_a or cut_b
            table.add_row(_item_name(item), cell_a, cell_b)
        console.print(table)
    if cut:
        console.print(f"\n[cut: ...] marks a text longer than {TEXT_CHARS} characters or "
                      f"evidence beyond the {SHOWN} shown per cell; --format md, csv or json "
                      "give all of it, whole.", markup=False)
    return console.file.getvalue()


def _overview(comparison: Comparison):
    """One row per dimension: the codes shared, only in A, only in B."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title="Overview (codes; labels and evidence below)", title_justify="left",
                  header_style="bold", expand=True)
    table.add_column("dimension", ratio=2, overflow="fold")
    for header in ("shared", "only in A", "only in B"):
        table.add_column(header, ratio=3, overflow="fold")
    for name, title in DIMENSIONS:
        cells = [", ".join(_short(i) for i in comparison.of(name, where)) or "—"
                 for where in ("both", "a", "b")]
        table.add_row(Text(title), *(Text(c) for c in cells))
    return table


def _short(item: Item) -> str:
    """An item as the overview names it: its code where codes are what readers know."""
    return item.code if item.code and item.dimension in _BY_CODE else item.label


def _clip(text: str, limit: int, focus: int = 0) -> tuple[str, bool]:
    """``text`` cut at word boundaries to about ``limit`` characters around character
    ``focus`` (where the evidence sits), each cut noted in the text."""
    if len(text) <= limit:
        return " ".join(text.split()), False
    begin = 0 if focus < limit * 2 // 3 else min(focus - limit // 3, len(text) - limit)
    if begin and " " in text[begin:begin + limit // 4]:
        begin = text.index(" ", begin) + 1
    end = begin + limit
    if end < len(text) and " " in text[begin + limit // 2:end]:
        end = text.rindex(" ", begin, end)
    head = f"[cut: {begin} chars before] " if begin else ""
    tail = f" [cut: {len(text) - end} more chars]" if end < len(text) else ""
    return f"{head}{' '.join(text[begin:end].split())}{tail}", True


def _focus(e: Evidence) -> int:
    """Where in the insight's text its evidence sits (0 when unknown)."""
    if e.span_start is None or e.start is None:
        return 0
    return max(0, min(e.span_start - e.start, len(e.text)))


def _cell(found: tuple[Evidence, ...], with_source: bool) -> tuple[object, bool]:
    from rich.text import Text

    if not found:
        return Text("—"), False
    cut = len(found) > SHOWN
    parts = []
    for e in found[:SHOWN]:
        text, clipped = _clip(e.text, TEXT_CHARS, _focus(e))
        cut = cut or clipped
        lead = f"{_lead(e)} " if e.evidence else ""
        parts.append(f"{lead}{text} ({e.place(with_source=with_source)})")
    if len(found) > SHOWN:
        parts.append(f"[cut: {len(found) - SHOWN} more]")
    return Text("\n".join(parts)), cut
