"""``migkg explain FILE``: how one file is read, without touching the store."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ._options import check_choice, fail

FORMATS = ("text", "json")
_SHORT = 70


def register(app: typer.Typer) -> None:
    app.command("explain")(explain_command)


def explain_command(
    path: Path = typer.Argument(..., help="One report file."),
    fmt: str = typer.Option("text", "--format", "-f", help="text or json."),
    show_blocks: bool = typer.Option(False, "--blocks", help="List every block (text format)."),
) -> None:
    """Show how a file is read: its blocks, each heading candidate's score per section and
    the winner, the sections, and each insight with its kind, category or level and why."""
    from ..explaining import ExplainError, explain

    fmt = check_choice("--format", fmt, FORMATS)
    if not path.is_file():
        fail(f"{path}: no such file", code=2)
    try:
        found = explain(path).data
    except ExplainError as exc:
        fail(f"{path}: {exc}")
    if fmt.lower() == "json":
        typer.echo(json.dumps(found, ensure_ascii=False, indent=2))
    else:
        typer.echo(render_text(found, show_blocks=show_blocks), nl=False)
    if not found["is_report"]:
        fail(f"{path}: no template section found (is this a rapporteur report?)")


def _short(text: str | None, width: int = _SHORT) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[:width - 1] + "…"


def render_text(found: dict, *, show_blocks: bool = False) -> str:
    """The explanation as plain text for a terminal."""
    lines = [f"{found['file']} ({found['format']}): {len(found['blocks'])} blocks"]
    if found["removed"]:
        kinds: dict[str, int] = {}
        for item in found["removed"]:
            kinds[item["why"]] = kinds.get(item["why"], 0) + 1
        lines.append("Removed by the reader: " + ", ".join(
            f"{n} {why}" for why, n in sorted(kinds.items())))
    lines += [f"Reader: {w}" for w in found["reader_warnings"]]
    if show_blocks:
        lines.append("")
        lines.append("Blocks (kind, where it ended, text):")
        for block in found["blocks"]:
            kind = block["kind"] + (f"/{block['level']}" if block["level"] else "")
            marker = f" {block['marker']}" if block["marker"] else ""
            lines.append(f"  {block['index']:>4} {kind:<11}{marker:<5} {block['ended_in']:<22} "
                         f"{_short(block['text'], 60)}")
    lines.append("")
    lines.append("Heading candidates (score per label; the winner in brackets):")
    for c in found["candidates"]:
        scores = " ".join(f"{k}={v:.2f}" for k, v in sorted(
            c["scores"].items(), key=lambda kv: -kv[1])[:4])
        lines.append(f"  [{c['label']}] {c['confidence']:.2f}  {_short(c['heading'], 48)!r}"
                     f"  ({c['style']})")
        lines.append(f"      {scores}")
        for reason in c["evidence"][:3]:
            lines.append(f"      - {reason}")
    lines.append("")
    lines.append("Sections:")
    for s in found["sections"]:
        heading = f" under {s['heading']!r}" if s["heading"] else ""
        conf = f", confidence {s['confidence']:.2f}" if s["confidence"] is not None else ""
        lines.append(f"  {s['section']:<11} {s['status']:<8}{heading}{conf}, {s['blocks']} blocks")
    if found["unassigned"]:
        lines.append("")
        lines.append("Outside any section:")
        for u in found["unassigned"]:
            lines.append(f"  {u['blocks']} blocks: {u['reason']}")
    lines += [f"Note: {n}" for n in found["notes"]]
    lines.append("")
    lines.append("Insights:")
    for i in found["insights"]:
        what = i["kind"]
        if i["kind"] == "challenge":
            what += f" [{i['category'] or 'no category'}]"
            reason = i["category_reason"]
        elif i["kind"] == "practice":
            what += f" [{i['level']}, {i['level_basis']}]"
            reason = i["level_reason"]
        elif i["kind"] == "quote":
            what += f" [{i['attribution']}]"
            reason = f"speaker: {i['speaker']}" if i["speaker"] else None
        else:
            reason = None
        lines.append(f"  {what:<36} {_short(i['text'], 60)}")
        if reason:
            lines.append(f"      because {reason}")
    lines.append("")
    lines += [f"warning: {w}" for w in found["warnings"]]
    return "\n".join(lines).rstrip("\n") + "\n"
