"""``migkg review``: the review queue (HTML page or CSV), and ``--apply`` its decisions."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..exporting import write_atomically
from ..output import emit, escaped
from ..review import apply as applying
from ..review import decisions, items, page, record, view
from ..store import StoreError
from ._options import check_choice, fail, open_or_fail, store_option

FORMATS = ("html", "csv")
DEFAULT_PAGE = "review.html"


def register(app: typer.Typer) -> None:
    app.command("review")(review_command)


def review_command(
    fmt: str = typer.Option("html", "--format", "-f", help="html (a page to work through "
                            "in a browser) or csv (for a spreadsheet)."),
    out: Path = typer.Option(None, "--output", "-o", show_default=False,
                             help=f"Write the queue here (default {DEFAULT_PAGE} for html, "
                                  "stdout for csv)."),
    force: bool = typer.Option(False, "--force", help="Replace an existing output file."),
    report: str = typer.Option(None, "--report", metavar="IRI", show_default=False,
                               help="Only the items of this report."),
    apply_file: Path = typer.Option(None, "--apply", metavar="DECISIONS", show_default=False,
                                    help="Record the decisions of this CSV file (the "
                                         "page's or a spreadsheet's): every line is "
                                         "checked first, and nothing is recorded unless "
                                         "all are valid."),
    reviewer: str = typer.Option(None, "--reviewer", metavar="NAME", show_default=False,
                                 help="Who decided (default $MIGKG_REVIEWER, else the "
                                      "login name)."),
    store: str = store_option(),
) -> None:
    """Review what the loader inferred: levels, categories, inferred links, sections read
    with low confidence, entities outside the registry, lowest confidence first.

    Queries and exports show the reviewed view (`--param reviewed=false`: the loader's
    own output); the report graphs stay as the loader wrote them."""
    if apply_file is not None:
        _apply(apply_file, reviewer, store)
        return
    fmt = check_choice("--format", fmt, FORMATS)
    target = out if out is not None else (Path(DEFAULT_PAGE) if fmt == "html" else None)
    if target is not None and target.exists() and not force:
        fail(f"{escaped(target)}: exists; give --force to replace it, or -o another file",
             code=2)
    opened = open_or_fail(store, read_only=True)
    try:
        if report is not None and report not in opened.report_graphs():
            fail(f"--report: {report!r} is no report in the store (give a report IRI, as "
                 "'migkg query reports' lists them)", code=2)
        every = items.collect(opened)
        queue = [i for i in every if report is None or i.report == report]
        recorded = record.stored(opened)
        _, stale = view.effects(recorded, {i.item: i for i in every})
        decided = {i: (r.decision, r.value_key) for i, r in recorded.items()
                   if i not in {s.item for s in stale}}
        if fmt == "csv":
            data = decisions.queue_csv(queue, decided).encode()
        else:
            sources = _sources(opened)
            data = page.render(queue, decided, store=opened.location,
                               sources=sources).encode()
    except StoreError as exc:
        fail(str(exc), code=exc.code)
    finally:
        opened.close()
    for gone in stale:
        print(f"warning: {gone.item}: review decision no longer applies ({gone.reason})",
              file=sys.stderr)
    if target is None:
        emit(data)
        return
    try:
        write_atomically(target, data)
    except OSError as exc:
        fail(f"{escaped(target)}: cannot write the queue ({exc.strerror or exc})")
    remaining = sum(1 for i in queue if i.item not in decided)
    print(f"wrote {escaped(target)}: {len(queue)} items, {remaining} not decided yet",
          file=sys.stderr)


def _sources(store) -> dict[str, str]:
    result = store.select(
        "SELECT ?r ?name WHERE { GRAPH ?r { ?r <http://www.w3.org/ns/prov#wasDerivedFrom> "
        "?s . ?s <https://schema.org/name> ?name } }")
    return {r: name for r, name in result.rows if r and name}


def _apply(path: Path, reviewer: str | None, store: str | None) -> None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        fail(f"{escaped(path)}: cannot read the decisions ({reason})")
    try:
        name = applying.reviewer_name(reviewer)
    except ValueError as exc:
        fail(str(exc), code=2)
    opened = open_or_fail(store)
    try:
        result = applying.apply_text(opened, text, name)
    except decisions.DecisionsError as exc:
        for line, reason in exc.problems:
            print(f"error: {escaped(path)}:{line}: {escaped(reason)}", file=sys.stderr)
        print(f"error: {escaped(path)}: nothing applied ({len(exc.problems)} line(s) wrong)",
              file=sys.stderr)
        raise typer.Exit(1) from None
    except StoreError as exc:
        fail(str(exc), code=exc.code)
    finally:
        opened.close()
    for stale in result.stale:
        print(f"warning: {stale.item}: review decision no longer applies ({stale.reason})",
              file=sys.stderr)
    counts = ", ".join(f"{result.decided.get(k, 0)} {k}" for k in ("accept", "correct",
                                                                 "reject"))
    print(f"applied {escaped(path)}: {sum(result.decided.values())} decisions ({counts}); "
          f"{result.changed} new or changed, recorded by {name}")
