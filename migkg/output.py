"""Render query results as table, csv, tsv, json or md."""

from __future__ import annotations

import csv
import io
import json
import sys

from .store import QueryResult

FORMATS = ("table", "csv", "tsv", "json", "md")


def escaped(text: object) -> str:
    """``text`` on one line: control characters (a newline in a file name, say) and
    undecodable bytes written as Python escapes, everything else as it is."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(text))


def emit(text: str | bytes) -> None:
    """Write command output to stdout and flush it, so a full or closed stdout fails
    inside the command (where migkg.cli turns it into one line) and not at exit."""
    if isinstance(text, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(text)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def render(result: QueryResult, fmt: str) -> str:
    if fmt == "csv":
        return _delimited(result, ",")
    if fmt == "tsv":
        return _delimited(result, "\t")
    if fmt == "json":
        rows = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        return _markdown(result)
    return _table(result)


def _delimited(result: QueryResult, delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue()


def _markdown(result: QueryResult) -> str:
    def cell(value: str | None) -> str:
        return ("" if value is None else value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(result.columns) + " |",
             "|" + "|".join(" --- " for _ in result.columns) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in result.rows]
    return "\n".join(lines) + "\n"


def _table(result: QueryResult) -> str:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    for column in result.columns:
        table.add_column(column, overflow="fold")
    for row in result.rows:
        table.add_row(*("" if v is None else _short(v) for v in row))
    console = Console(file=io.StringIO(), width=160, force_terminal=False)
    console.print(table)
    console.print(f"{len(result.rows)} row{'s' if len(result.rows) != 1 else ''}")
    return console.file.getvalue()


def _short(value: str) -> str:
    """Compact IRIs for a human-read table; csv/json keep them whole."""
    for prefix, short in (("https://w3id.org/migkg/id/", "id:"),
                          ("https://w3id.org/migkg/", "mkg:")):
        if value.startswith(prefix):
            return short + value[len(prefix):]
    return value if len(value) <= 200 else value[:197] + "..."
