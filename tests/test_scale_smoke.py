"""The scale bench's smoke run: 50 synthetic reports (bench/synth) in every format, ingested,
queried, validated and pushed, and compared with what the generator planted.

Tolerance of the comparison: the generator writes some layouts today's loader is known to
misread (a French 'Niveau international' sub-heading, long unnumbered headings in an
e-mail, a tab-separated cell starting in lower case...; docs/session/scale.md lists them),
each in a few per cent of the reports. Each aspect must be read as planted in at least 90%
of the reports (levels: 80%), so that a reader or an extractor that breaks, which takes
a format (one report in seven) or a language with it, fails the test, while today's known
misreads do not pin it. Guiding principles are not compared: the loader links a principle
explicitly only by its distinctive wordings ('whole-of-society', 'rights-based approach'),
and the generator also names them plainly ('the guiding principle of human rights').
"""

from __future__ import annotations

import pytest
from bench_scale import query_values
from oxigraph_server import oxigraph
from synth import FORMATS, generate
from synth.check import differences, read_store

from helpers import run
from migkg import pushing, querying, validation_run
from migkg.store import open_store

COUNT, SEED = 50, 2026
# (aspect, the words that start its difference lines, share of reports that must match)
ASPECTS = [
    ("counts", ("challenges", "practices", "quotes"), 0.9),
    ("session and year", ("session", "year"), 0.9),
    ("explicit objectives and targets", ("objectives", "targets"), 0.9),
    ("countries and actors", ("countries", "actors"), 0.9),
    ("practice levels", ("levels",), 0.8),
]
# Named queries whose rows the generated data make certain.
NON_EMPTY = {"reports", "challenges", "practices", "quotes", "sections", "completeness",
             "timeline", "mentions", "figures", "gcm-links", "sdg-links", "gcm-coverage",
             "sdg-coverage", "practices-by-level", "practices-by-country",
             "actors-by-session", "compare-evidence", "compare-sessions"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(manifest, store folder, ingest result): the reports ingested by `migkg ingest`."""
    folder = tmp_path_factory.mktemp("synth")
    manifest = generate(COUNT, SEED, folder / "reports")
    store = folder / "store"
    result = run("ingest", folder / "reports", store=store)
    return manifest, store, result


def test_every_format_is_generated_and_every_file_loads(built):
    manifest, _store, result = built
    assert {entry["format"] for entry in manifest["reports"]} == set(FORMATS)
    assert result.exit_code == 0, result.stderr
    assert f"{COUNT} loaded, 0 failed" in result.stdout
    assert "error:" not in result.stderr


def test_the_store_holds_what_the_generator_planted(built):
    manifest, store_dir, _result = built
    store = open_store(str(store_dir), read_only=True)
    try:
        found = read_store(store)
    finally:
        store.close()
    diffs = {e["file"]: differences(e, found.get(e["file"])) for e in manifest["reports"]}
    problems = []
    for aspect, starts, share in ASPECTS:
        wrong = {f: [d for d in lines if d.startswith(starts)] for f, lines in diffs.items()}
        wrong = {f: lines for f, lines in wrong.items() if lines}
        if len(wrong) > COUNT * (1 - share):
            problems.append(f"{aspect}: {len(wrong)} of {COUNT} reports read otherwise "
                            f"(at most {int(COUNT * (1 - share))} may): "
                            + "; ".join(f"{f}: {', '.join(lines)}" for f, lines in wrong.items()))
    assert not problems, "\n".join(problems)


def test_every_named_query_runs_on_the_generated_store(built):
    _manifest, store_dir, _result = built
    store = open_store(str(store_dir), read_only=True)
    try:
        empty = []
        for name, query in sorted(querying.named_queries().items()):
            result = querying.run_named(store, name, query_values(store, query),
                                        limit=query.default_limit)
            if name in NON_EMPTY and not result.rows:
                empty.append(name)
    finally:
        store.close()
    assert not empty, f"no rows from {', '.join(empty)}"


def test_the_generated_store_validates(built):
    manifest, store_dir, _result = built
    store = open_store(str(store_dir), read_only=True)
    try:
        outcome, _ = validation_run.validate(store, everything=True, keep=False)
        reference, _ = validation_run.validate(store, engine="pyshacl", everything=True,
                                               keep=False)
    finally:
        store.close()
    assert len(outcome.reports) == COUNT
    # the synthetic reports, in every format and language, read alike by both engines
    assert outcome.findings == reference.findings
    # The violations come from the misreads the module docstring names (a session whose
    # event or title was not read); a quarter of the reports would be a new problem.
    assert outcome.count("violation") <= COUNT // 4, [
        f.message for f in outcome.findings if f.severity == "violation"][:5]


@pytest.mark.server
def test_pushing_the_generated_store_twice_sends_nothing_the_second_time(built, tmp_path):
    _manifest, store_dir, _result = built
    store = open_store(str(store_dir), read_only=True)
    try:
        with oxigraph(tmp_path / "remote") as url:
            targets = pushing.Targets(f"{url}/query", f"{url}/update", f"{url}/store")
            first = pushing.push(store, targets)
            second = pushing.push(store, targets)
        graphs = [g for g in store.named_graphs() if g != pushing.MANIFEST_GRAPH]
    finally:
        store.close()
    assert len(first.sent) == len(graphs)
    assert (second.sent, second.unchanged) == ([], len(graphs))
