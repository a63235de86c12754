"""Every command against a SPARQL endpoint gives what it gives against the embedded store.

The same reports are ingested into an embedded store and (for ``ingest``) into a writable
Oxigraph server; the read commands run against a read-only Oxigraph server over a copy of
the embedded store. Outputs are compared byte for byte, after replacing only what must
differ: the store's location, and the seconds HermiT took. ``validate`` keeps its results
in the store, so it runs on a copy of each side, the endpoint writable; both must then
hold the same results.
"""

from __future__ import annotations

import re

import pytest
from oxigraph_server import oxigraph

from helpers import EXAMPLES, run

pytestmark = pytest.mark.server

SAMPLES = ["aprr2021_rt2_fair_recruitment.md", "imrf2026_rt3_inclusion_contributions.html",
           "session2_2_seasonal_agriculture.txt"]
FILES = [EXAMPLES / name for name in SAMPLES]

COMMANDS = {
    "query-reports": ["query", "reports", "-f", "csv"],
    "query-practices": ["query", "practices", "-f", "json"],
    "query-challenges": ["query", "challenges"],
    "query-quotes": ["query", "quotes", "-f", "csv"],
    "query-figures": ["query", "figures", "-f", "csv"],
    "query-mentions": ["query", "mentions", "-f", "md"],
    "query-compare-sessions": ["query", "compare-sessions", "-p", "a=2", "-p", "b=3", "-f",
                               "csv"],
    "sparql-select": ["sparql", "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/"
                      "rdf-schema#label> ?label } ORDER BY ?s ?label", "-f", "tsv"],
    "sparql-ask": ["sparql", "ASK { ?s a <https://w3id.org/migkg/ontology#Report> }"],
    "sparql-construct": ["sparql", "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } "
                         "FILTER (STRSTARTS(STR(?g), 'https://w3id.org/migkg/id/report/')) }",
                         "-f", "ntriples"],
    "export-nquads": ["export", "--format", "nquads"],
    "export-trig": ["export", "--format", "trig"],
    "export-jsonld": ["export", "--format", "jsonld"],
    "compare": ["compare", SAMPLES[0], SAMPLES[2], "-f", "md"],
    "compare-unknown": ["compare", "nowhere.md", SAMPLES[2]],
    "check-ontology": pytest.param(["check-ontology", "-n", "3"], marks=pytest.mark.slow),
}


def normalised(text: str, location: str) -> str:
    text = text.replace(location, "STORE")
    return re.sub(r"\b\d+(\.\d+)? s\b", "N s", text)


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """(embedded store folder, read-only endpoint URL over a copy of it)."""
    from migkg.store import open_store

    root = tmp_path_factory.mktemp("parity")
    local = root / "local"
    result = run("ingest", *FILES, store=local)
    assert result.exit_code == 0, result.stderr
    db = open_store(str(local), read_only=True)
    try:
        db.backup(root / "copy")
    finally:
        db.close()
    with oxigraph(root / "copy", read_only=True) as url:
        yield local, f"{url}/query"


@pytest.mark.parametrize("args", list(COMMANDS.values()), ids=list(COMMANDS))
def test_a_command_answers_alike_on_both_stores(stores, args):
    local, endpoint = stores
    embedded, remote = run(*args, store=local), run(*args, store=endpoint)
    assert remote.exit_code == embedded.exit_code, remote.stderr
    assert "Traceback" not in remote.stderr
    assert normalised(remote.stdout, endpoint) == normalised(embedded.stdout, str(local))
    assert normalised(remote.stderr, endpoint) == normalised(embedded.stderr, str(local))


def test_report_dashboards_are_alike(stores, tmp_path):
    local, endpoint = stores
    pytest.importorskip("plotly")
    for name, store in (("embedded", local), ("remote", endpoint)):
        result = run("report", "--out", tmp_path / name, store=store)
        assert result.exit_code == 0, result.stderr
    embedded = sorted(p.relative_to(tmp_path / "embedded")
                      for p in (tmp_path / "embedded").rglob("*") if p.is_file())
    remote = sorted(p.relative_to(tmp_path / "remote")
                    for p in (tmp_path / "remote").rglob("*") if p.is_file())
    assert embedded == remote
    for path in embedded:
        left = (tmp_path / "embedded" / path).read_bytes().replace(str(local).encode(), b"S")
        right = (tmp_path / "remote" / path).read_bytes().replace(endpoint.encode(), b"S")
        assert left == right, path


def test_ingest_into_a_writable_endpoint_is_the_embedded_ingest(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the ingest time, pinned
    local = tmp_path / "local"
    with oxigraph(tmp_path / "server") as url:
        endpoint = f"{url}/query"
        embedded, remote = run("ingest", *FILES, store=local), run("ingest", *FILES,
                                                                   store=endpoint)
        assert remote.exit_code == embedded.exit_code == 0, remote.stderr
        assert normalised(remote.stdout, endpoint) == normalised(embedded.stdout, str(local))
        assert normalised(remote.stderr, endpoint) == normalised(embedded.stderr, str(local))
        export = ["export", "--format", "nquads"]
        assert run(*export, store=endpoint).stdout == run(*export, store=local).stdout
        # Ingesting again changes nothing on either side.
        run("ingest", *FILES, store=endpoint)
        assert run(*export, store=endpoint).stdout == run(*export, store=local).stdout


def test_ingest_into_a_read_only_endpoint_is_one_error_line(stores):
    _local, endpoint = stores
    result = run("ingest", FILES[0], store=endpoint)
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and "refused the update (HTTP 403)" in errors[0], result.stderr


def test_validate_answers_and_keeps_alike_on_both_stores(stores, tmp_path):
    from migkg.store import open_store

    local, _endpoint = stores
    source = open_store(str(local), read_only=True)
    try:
        source.backup(tmp_path / "embedded")
        source.backup(tmp_path / "served")
    finally:
        source.close()
    embedded_store = tmp_path / "embedded"
    with oxigraph(tmp_path / "served") as url:
        endpoint = f"{url}/query"
        for args in (["validate"], ["validate", "-f", "json"], ["validate", "--all"],
                     ["export", "--format", "nquads"]):
            embedded, remote = run(*args, store=embedded_store), run(*args, store=endpoint)
            assert remote.exit_code == embedded.exit_code, remote.stderr
            assert "could not be kept" not in embedded.stderr + remote.stderr
            assert normalised(remote.stdout, endpoint) == \
                normalised(embedded.stdout, str(embedded_store))
            assert normalised(remote.stderr, endpoint) == \
                normalised(embedded.stderr, str(embedded_store))
        assert "graph/validation/" in embedded.stdout
