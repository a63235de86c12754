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


def terminal_width() -> int:
    """Columns to lay text out in: the terminal's (or $COLUMNS), 80 when neither says."""
    import shutil

    return max(40, shutil.get_terminal_size((80, 24)).columns)


def note(text: str) -> None:
    """One line for the reader on stderr (so csv/json on stdout stay clean)."""
    print(escaped(text), file=sys.stderr)


def render(result: QueryResult, fmt: str) -> str:
    """``result`` as ``fmt`` (table, csv, tsv, json or md). JSON keeps numbers and
    booleans as JSON values; a table fits the terminal, shows labels beside codes and
    says when it shortened a cell."""
    if fmt == "csv":
        return _delimited(result, ",")
    if fmt == "tsv":
        return _delimited(result, "\t")
    if fmt == "json":
        rows = [{c: json_value(v) for c, v in zip(result.columns, row, strict=True)}
                for row in result.rows]
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        return _markdown(result)
    return _table(result)


def render_boolean(answer: bool, fmt: str) -> str:
    """An ASK answer: SPARQL JSON (``{"head": {}, "boolean": ...}``) for json, else the
    word true or false (csv/tsv/md under a ``boolean`` header)."""
    word = "true" if answer else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": answer}) + "\n"
    if fmt in ("csv", "tsv"):
        return f"boolean\n{word}\n"
    if fmt == "md":
        return f"| boolean |\n| --- |\n| {word} |\n"
    return word + "\n"


def render_graph(ntriples: str, fmt: str) -> str:
    """CONSTRUCT / DESCRIBE triples (sorted N-Triples) as turtle, ntriples or jsonld."""
    if fmt == "ntriples":
        return ntriples
    from rdflib import Graph

    from migkg.ontology.namespaces import PREFIXES

    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph.parse(data=ntriples, format="nt")
    if fmt == "jsonld":
        return graph.serialize(format="json-ld", indent=2, sort_keys=True) + "\n"
    return graph.serialize(format="turtle")


def reorder(result: QueryResult, order: list[str]) -> QueryResult:
    """``result`` with its columns in ``order`` (names not in it keep their place after)."""
    rank = {name: index for index, name in enumerate(order)}
    columns = sorted(result.columns, key=lambda c: (rank.get(c, len(rank)),
                                                     result.columns.index(c)))
    if columns == result.columns:
        return result
    where = [result.columns.index(c) for c in columns]
    return QueryResult(columns, [[row[i] for i in where] for row in result.rows], result.more)


def json_value(value: object) -> object:
    """A cell as JSON wants it: a typed number or boolean as such, anything else as is."""
    as_json = getattr(value, "json", None)
    return as_json() if callable(as_json) else value


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


# A table cell longer than this is shortened (and the table says so); csv/json never are.
TABLE_CELL_LIMIT = 300


def _table(result: QueryResult, width: int | None = None) -> str:
    from rich.console import Console
    from rich.table import Table

    labels = _labellers(result.columns)
    cut = 0
    rows: list[list[str]] = []
    report_at = result.columns.index("report") if "report" in result.columns else None
    for row in result.rows:
        cells = []
        owner = str(row[report_at] or "") if report_at is not None else ""
        for column, value in zip(result.columns, row, strict=True):
            text = "" if value is None else str(value)
            if owner and text.startswith(owner + "/"):
                text = "…/" + text[len(owner) + 1:]  # a part of the row's report
            else:
                text = _short(text)
            label = labels[column](text) if column in labels and text else None
            if label:
                text = f"{text} {label}"
            if len(text) > TABLE_CELL_LIMIT:
                text, cut = text[:TABLE_CELL_LIMIT - 1] + "…", cut + 1
            cells.append(text)
        rows.append(cells)
    widest = [max([len(c) for c in column] + [len(name)])
              for name, column in zip(result.columns, zip(*rows, strict=True) if rows
                                      else [()] * len(result.columns), strict=True)]
    table = Table(show_lines=False, header_style="bold")
    for name, size in zip(result.columns, _widths(widest, width or terminal_width()),
                          strict=True):
        table.add_column(name, overflow="fold", width=size)
    for cells in rows:
        table.add_row(*cells)
    console = Console(file=io.StringIO(), width=width or terminal_width(),
                      force_terminal=False, highlight=False, markup=False)
    console.print(table)
    footer = f"{len(result.rows)} row{'s' if len(result.rows) != 1 else ''}"
    if cut:
        footer += (f"; {cut} cell{'s' if cut != 1 else ''} shortened to {TABLE_CELL_LIMIT} "
                   "characters (…): --format csv or json gives the whole text")
    console.print(footer)
    return console.file.getvalue()


def _widths(widest: list[int], room: int) -> list[int | None]:
    """Column widths for a table ``room`` characters wide: every column at its natural
    width when they fit; else the widest column gives up a character at a time (short
    columns such as codes and counts keep theirs), down to a floor of 6."""
    overhead = 3 * len(widest) + 1
    if sum(widest) + overhead <= room:
        return [None] * len(widest)
    widths = list(widest)
    budget = max(room - overhead, 6 * len(widths))
    excess = sum(widths) - budget
    while excess > 0:
        top = max(widths)
        if top <= 6:
            break
        second = max((w for w in widths if w < top), default=6)
        at_top = [i for i, w in enumerate(widths) if w == top]
        step = min(top - max(second, 6), -(-excess // len(at_top)))
        for i in at_top:
            cut = min(step, excess)
            if cut <= 0:
                break
            widths[i] -= cut
            excess -= cut
    return widths


def _labellers(columns: list[str]) -> dict[str, object]:
    """For columns holding a vocabulary code (objective number, SDG target, principle
    key), a lookup that gives the code's label in brackets."""
    from migkg.ontology import vocabulary

    wanted = set(columns)
    lookups: dict[str, object] = {}
    if "objective" in wanted:
        titles = {str(o.number): o.short or o.title for o in vocabulary.objectives()}
        lookups["objective"] = lambda code: f"({titles[code]})" if code in titles else None
    if "target" in wanted:
        targets = {t.code: t.definition for t in vocabulary.sdg_targets() if t.definition}
        lookups["target"] = lambda code: (f"({_clip(targets[code])})" if code in targets
                                          else None)
    if "principle" in wanted:
        names = {p.key: p.label for p in vocabulary.principles()}
        lookups["principle"] = lambda key: f"({names[key]})" if key in names else None
    return lookups


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _short(value: str) -> str:
    """Compact IRIs for a human-read table; csv/json keep them whole."""
    for prefix, short in (("https://w3id.org/migkg/id/report/", ""),
                          ("https://w3id.org/migkg/id/", "id:"),
                          ("https://w3id.org/migkg/", "mkg:"),
                          ("http://metadata.un.org/sdg/", "sdg:")):
        if value.startswith(prefix):
            return short + value[len(prefix):]
    return value
