"""``migkg demo``: load the bundled example reports and compare their sessions."""

from __future__ import annotations

from collections import Counter, defaultdict
from importlib.resources import as_file
from pathlib import Path

from rich.console import Console
from rich.table import Table

from . import querying, resources, store_folder
from .comparing_summary import print_cross_event
from .ingest import IngestResult, ingest
from .store import Store, open_store

LEVELS = ("national", "regional", "global", "innovation")


def fresh_store(location: Path) -> Store:
    """Recreate ``location`` as an empty store.

    Deletes only a store migkg made (its marker or database files and nothing else, see
    :mod:`migkg.store_folder`); any other folder or a file raises FileExistsError and
    nothing is deleted.
    """
    try:
        store_folder.remove(location)
    except store_folder.FolderError as exc:
        raise FileExistsError(str(exc)) from None
    return open_store(str(location))


def load_examples(store: Store) -> IngestResult:
    paths = []
    contexts = []
    for entry in resources.example_files():
        context = as_file(entry)
        contexts.append(context)
        paths.append(context.__enter__())
    try:
        return ingest(store, paths)
    finally:
        for context in contexts:
            context.__exit__(None, None, None)


def print_comparison(store: Store, console: Console) -> None:
    reports = querying.run_named(store, "reports")
    idx = {c: i for i, c in enumerate(reports.columns)}
    table = Table(title="Sessions in the store", header_style="bold")
    for column in ("session", "event", "title", "rapporteur", "source"):
        table.add_column(column, overflow="fold", max_width=40)
    session_of = {}
    for row in reports.rows:
        value = {c: row[i] or "" for c, i in idx.items()}
        label = f"{value['session'] or '?'} ({value['year'] or 'n.d.'})"
        session_of[value["report"]] = label
        table.add_row(label, value["event"], value["title"], value["rapporteur"],
                      value["source"])
    console.print(table)

    _matrix(console, store, "practices", "level", LEVELS, session_of,
            "Good practices by level")
    categories = sorted({r[3] or "(none)" for r in querying.run_named(store, "challenges").rows})
    _matrix(console, store, "challenges", "category", categories, session_of,
            "Challenges by category")
    sections = querying.run_named(store, "sections")
    gaps = [f"{session_of.get(r[0], r[1])} {r[2]} {r[3]}" for r in sections.rows
            if r[3] != "present"]
    console.print("[bold]Template gaps[/bold]: " + ("; ".join(gaps) if gaps else "none"))
    if "gcm-coverage" in querying.named_queries():
        coverage = querying.run_named(store, "gcm-coverage")
        by_objective: dict[int, set[str]] = defaultdict(set)
        for event, session, objective, _n in coverage.rows:
            by_objective[int(objective)].add(f"{event} {session}")
        shared = {o: s for o, s in by_objective.items() if len(s) > 1}
        line = ", ".join(f"{o} ({len(s)} sessions)" for o, s in sorted(shared.items()))
        console.print(f"[bold]GCM objectives raised in several sessions[/bold]: {line or 'none'}")
    print_cross_event(store, console)


def _matrix(console: Console, store: Store, query: str, column: str, values, session_of,
            title: str) -> None:
    result = querying.run_named(store, query)
    col = result.columns.index(column)
    counts: dict[str, Counter] = defaultdict(Counter)
    for row in result.rows:
        counts[session_of.get(row[0], row[0])][row[col] or "(none)"] += 1
    table = Table(title=title, header_style="bold")
    table.add_column("session", no_wrap=True)
    for value in values:
        table.add_column(value, justify="right", overflow="fold")
    for session in sorted(counts):
        table.add_row(session, *(str(counts[session][v]) for v in values))
    console.print(table)


def dashboard_beside(location: Path) -> Path:
    """Where the demo writes its dashboard: ``STORE-dashboard`` beside the store folder."""
    folder = location if location.name else location.resolve()
    return folder.with_name(f"{folder.name}-dashboard")


def write_dashboard(store: Store, folder: Path) -> str:
    """Write the dashboard of ``store`` into ``folder`` (new, empty or an earlier dashboard;
    nothing else is touched) and give the line that says where it is; without plotly or
    jinja2 installed, a warning line instead."""
    from .dashboard import MissingDependency, build

    try:
        return f"dashboard: {build(store, folder).index}"
    except MissingDependency as exc:
        return f"warning: no dashboard written: {exc}"
