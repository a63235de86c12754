"""``migkg check-ontology``: OWL consistency (HermiT) of the ontology, vocabularies and data."""

from __future__ import annotations

from pathlib import Path

import typer

from ..store import StoreError, default_location
from ._options import fail, open_or_fail, store_option

DEFAULT_SAMPLE = 50


def register(app: typer.Typer) -> None:
    app.command("check-ontology")(check_ontology_command)


def sample(reports: list[str], size: int) -> list[str]:
    """``size`` reports spread evenly over the sorted list, so a sample is reproducible
    and not just the alphabetically first ones."""
    reports = sorted(reports)
    if size >= len(reports):
        return reports
    if size <= 0:
        return []
    step = len(reports) / size
    return [reports[int(i * step)] for i in range(size)]


def check_ontology_command(
    sample_size: int = typer.Option(
        DEFAULT_SAMPLE, "--sample", "-n", min=0,
        help="How many of the stored reports to reason over with the ontology "
             "(spread evenly; 0 = ontology and vocabularies only).",
    ),
    timeout: float = typer.Option(300.0, "--timeout", min=1.0,
                                  help="Seconds HermiT may take, JVM start included."),
    store: str = store_option(),
) -> None:
    """Check that the ontology, the vocabularies and the stored reports (or a sample) are
    logically consistent, with owlready2 and HermiT. Exit 1 if they are not."""
    from .. import ontology_check

    report_graphs: list[bytes] = []
    chosen: list[str] = []
    total = 0
    location = store or default_location()
    remote = location.startswith(("http://", "https://"))
    if remote or Path(location).exists():
        target = open_or_fail(location, read_only=True)
        try:
            reports = target.report_graphs()
            total = len(reports)
            chosen = sample(reports, sample_size)
            entities = target.entity_graphs()
            report_graphs = [target.report_ntriples(iri, entities).encode("utf-8")
                             for iri in chosen]
        except StoreError as exc:
            fail(str(exc))
    elif store:
        fail(f"{location}: no store here (run 'migkg ingest' first, or leave out --store "
             "to check the ontology and vocabularies alone)")

    core = ontology_check.core_graphs()
    scope = f"the ontology, {len(core) - 1} vocabularies"
    if total:
        scope += f" and {len(chosen)} of {total} report{'s' if total != 1 else ''}"
    else:
        scope += " (no reports in the store)" if (remote or Path(location).exists()) \
            else " (no store, so no reports)"
    typer.echo(f"Checking {scope} with HermiT...")
    try:
        result = ontology_check.check_consistency([*core, *report_graphs], timeout_s=timeout)
    except ontology_check.ReasonerError as exc:
        fail(f"the reasoner gave no verdict: {exc}")
    typer.echo(result.message)
    if not result.consistent:
        raise typer.Exit(1)
