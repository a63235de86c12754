"""``migkg evaluate GOLD_DIR``: extraction quality of the stored reports against gold files."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..store import StoreError
from ._options import check_choice, fail, open_or_fail, store_option

FORMATS = ("table", "json")


def register(app: typer.Typer) -> None:
    app.command("evaluate")(evaluate_command)


def evaluate_command(
    gold_dir: Path = typer.Argument(None, help="Folder of *.gold.json files (GOLD.md schema).",
                                    show_default=False),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
    reviewed: bool = typer.Option(False, "--reviewed", help="Score the loader against the "
                                  "decisions of 'migkg review' (accepted: right; corrected "
                                  "or rejected: wrong) instead of gold files."),
    store: str = store_option(),
    loo: bool = typer.Option(False, "--leave-one-out", help="Load each report beside its "
                             "gold file afresh, without the lexicon entries fitted on it, and "
                             "score that (the store is not used)."),
) -> None:
    """Precision, recall and F1 per field for every stored report that a gold file names."""
    import tempfile

    from .. import evaluate, querying

    fmt = check_choice("--format", fmt, FORMATS)
    if reviewed:
        if gold_dir is not None or loo:
            fail("--reviewed scores against review decisions: give no GOLD_DIR and no "
                 "--leave-one-out with it", code=2)
        _reviewed(store, fmt)
        return
    if gold_dir is None:
        fail("give GOLD_DIR (a folder of *.gold.json files), or --reviewed", code=2)
    if not gold_dir.is_dir():
        fail(f"{gold_dir}: not a folder", code=2)
    if loo:
        with tempfile.TemporaryDirectory(prefix="migkg-loo-") as work:
            try:
                result, failed = evaluate.leave_one_out(gold_dir, Path(work))
            except evaluate.EvaluationError as exc:
                fail(str(exc), code=2)
        for path, reason in failed:
            print(f"error: {path}: {reason}", file=sys.stderr)
        if not result.reports:
            fail("no report file found beside the gold files; nothing to score", code=1)
        _show(result, fmt)
        return
    target = open_or_fail(store, read_only=True)
    try:
        result = evaluate.evaluate(target, gold_dir)
    except evaluate.EvaluationError as exc:
        fail(str(exc), code=2)
    except (StoreError, querying.QueryError) as exc:
        fail(str(exc))
    if not result.reports:
        fail("no report in the store is named by a gold file "
             f"({len(result.not_in_store)} gold file(s) unmatched); nothing to score",
             code=1)
    _show(result, fmt)


def _show(result, fmt: str) -> None:
    from .. import evaluate

    if fmt == "json":
        typer.echo(result.to_json(), nl=False)
    else:
        typer.echo(evaluate.render_table(result), nl=False)


def _reviewed(store: str | None, fmt: str) -> None:
    from ..review import measure

    target = open_or_fail(store, read_only=True)
    try:
        scores, total, stale = measure.score(target)
    except StoreError as exc:
        fail(str(exc), code=exc.code)
    finally:
        target.close()
    if not any(s.decided for s in scores.values()):
        fail("no review decision applies to this store (run 'migkg review', then "
             "'migkg review --apply DECISIONS'); nothing to score", code=1)
    text = measure.as_json(scores, total, stale) if fmt == "json" else \
        measure.as_table(scores, total, stale)
    typer.echo(text, nl=False)
