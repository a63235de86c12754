"""``migkg validate`` as a whole: which reports to check, with which engine, and the
results kept in the store.

Two engines give the same findings: ``sparql`` (the default; the shapes compiled to SPARQL
and run on the store, :mod:`migkg.validation_sparql`) and ``pyshacl`` (the reference: each
report's graph validated by pySHACL, :mod:`migkg.validation`). A run checks only the
reports without current kept results (new, re-ingested, or checked against other shapes)
unless ``everything``; it keeps the new results in the store
(:mod:`migkg.validation_store`) and answers with the findings of every selected report,
new and kept alike, so an incremental run says exactly what a full one says.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from . import resources, shacl_sparql, validation, validation_sparql, validation_store
from .store import Store, StoreError

ENGINES = ("sparql", "pyshacl")


@dataclass
class Run:
    """What a run did beside its findings: the reports it checked (the others' findings
    were kept from earlier runs), those whose kept results it rewrote (a report checked
    again with the same findings is left as it was), and why the results could not be
    kept, if so."""

    checked: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # reports whose results were rewritten
    not_kept: str = ""


def shapes_digest() -> str:
    """The digest of the shapes files kept results are checked against."""
    return shacl_sparql.shapes_digest(
        entry.read_text(encoding="utf-8") for entry in resources.shape_files())


def validate(store: Store, report: str | None = None, *, engine: str = "sparql",
             everything: bool = False, keep: bool = True, workers: int | None = None,
             only: Iterable[str] | None = None) -> tuple[validation.ValidationOutcome, Run]:
    """Validate the reports of ``store`` (or the one ``report`` names: IRI or source file
    name; or those whose IRIs are in ``only``) that lack current results, or all with
    ``everything``; keep the new results unless ``keep`` is False. Gives the outcome over
    every selected report and the :class:`Run`. Raises ``ValidationError`` for an unknown
    report or engine."""
    if engine not in ENGINES:
        raise validation.ValidationError(
            f"--engine must be one of {', '.join(ENGINES)} (got {engine!r})")
    infos = validation.list_reports(store)
    if report is not None:
        infos = validation.select_reports(infos, report)
    if only is not None:
        wanted = set(only)
        infos = [info for info in infos if info.iri in wanted]
    digest = shapes_digest()
    current = validation_store.current(store, digest)
    todo = infos if everything else [info for info in infos if info.iri not in current]
    kept = [info for info in infos if info.iri in current]
    # Needed for the answer, or, with --all, to leave unchanged results as they are.
    kept_findings = validation_store.read_findings(store, kept) \
        if keep or not everything else []
    new = _run(store, todo, engine, workers)
    run = Run(checked=[info.iri for info in todo])
    if keep and todo:
        changed = _changed(todo, new, current, kept_findings)
        run.not_kept = _keep(store, changed, new, digest)
        run.written = [] if run.not_kept else [info.iri for info in changed]
    checked = {info.iri for info in todo}
    findings = sorted(new + [f for f in kept_findings if f.report not in checked],
                      key=validation.Finding.sort_key)
    conforms = not any(f.severity == "violation" for f in findings)
    outcome = validation.ValidationOutcome(
        conforms, findings, validation.turtle_report(conforms, findings), infos)
    return outcome, run


def _run(store: Store, infos: list[validation.ReportInfo], engine: str,
         workers: int | None) -> list[validation.Finding]:
    if not infos:
        return []
    if engine == "pyshacl":
        entities = store.entity_graphs()
        graphs = ((info.iri, store.report_ntriples(info.iri, entities)) for info in infos)
        found = validation.validate_graphs(graphs, count=len(infos), workers=workers)
        # Each report's source file name as the store lists it, whichever engine ran.
        sources = {info.iri: info.source for info in infos}
        return [replace(f, source=sources[f.report]) for f in found]
    everything = len(infos) == len(store.report_graphs())
    reports = [info.iri for info in infos]
    scope = None if everything else \
        reports + sorted(validation_sparql.entities_of(store, reports))
    results = validation_sparql.run_checks(store, scope, workers=workers)
    describer = validation.Describer(lambda: validation_sparql.label_graph(store))
    return validation_sparql.findings(store, infos, results, describer)


def _changed(todo: list[validation.ReportInfo], new: list[validation.Finding],
             current: set[str], kept: list[validation.Finding]) -> list[validation.ReportInfo]:
    """The checked reports whose results differ from the current kept ones (those whose
    results are the same need no rewriting: a run with --all over an unchanged store
    writes nothing)."""
    def by_report(findings: list[validation.Finding]) -> dict[str, list]:
        grouped: dict[str, list] = {}
        for finding in findings:
            grouped.setdefault(finding.report, []).append(finding)
        return grouped

    before, after = by_report(kept), by_report(new)
    return [info for info in todo if info.iri not in current
            or sorted(before.get(info.iri, []), key=validation.Finding.sort_key)
            != sorted(after.get(info.iri, []), key=validation.Finding.sort_key)]


def _keep(store: Store, infos: list[validation.ReportInfo],
          findings: list[validation.Finding], digest: str) -> str:
    """Write each checked report's results graph (and drop those of reports gone);
    gives "" or the reason they could not be kept."""
    by_report: dict[str, list[validation.Finding]] = {info.iri: [] for info in infos}
    for finding in findings:
        if finding.report in by_report:
            by_report[finding.report].append(finding)
    graphs = {validation_store.results_graph(iri): validation_store.ntriples(iri, items, digest)
              for iri, items in by_report.items()}
    try:
        # Old results dropped first, in one update, so that the new ones are added to
        # graphs the store does not hold (the embedded store's fast path). Results are
        # a record of runs: a crash in between leaves reports without results, which
        # the next run checks again.
        held = {g for g in store.named_graphs() if g.startswith(validation_store.PREFIX)}
        old = sorted((held & graphs.keys()) | set(validation_store.dropped_results(store)))
        if old:
            store.drop_graphs(old)
        items = sorted(graphs.items())
        for start in range(0, len(items), 500):
            store.replace_graphs(dict(items[start:start + 500]))
    except StoreError as exc:
        return str(exc)
    return ""


__all__ = ["ENGINES", "Run", "shapes_digest", "validate"]
