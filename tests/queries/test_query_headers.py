"""Lint of the named queries' headers, in the manner of a query-collection lint script.

Every ``queries/*.rq`` file: a ``#+`` header that is valid YAML with the required keys,
tags from the controlled list ``queries/tags.yaml``, ``x-returns`` equal to what the query
really projects, parameter names in camelCase, every ``params`` entry used by the body
(and every body parameter of a selection described), and the selections ``event``,
``year`` and ``series`` written the same way wherever they appear.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from rdflib.plugins.sparql import prepareQuery

from migkg import querying

QUERIES = Path(__file__).resolve().parents[2] / "queries"
FILES = sorted(QUERIES.glob("*.rq"))
REQUIRED = ("summary", "description", "tags", "x-returns", "x-since")
KNOWN_KEYS = set(REQUIRED) | {"params", "x-default-limit", "x-page-by", "defaults", "enumerate"}
TAGS = set(yaml.safe_load((QUERIES / "tags.yaml").read_text(encoding="utf-8")))
CAMEL = re.compile(r"[a-z][a-zA-Z0-9]*")
SELECTION = {"event": "event", "year": "integer", "series": "series"}


def _header(path: Path) -> dict:
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#+"):
            break
        lines.append(line[2:].removeprefix(" "))
    header = yaml.safe_load("\n".join(lines))
    assert isinstance(header, dict), f"{path.name}: header is not a YAML mapping"
    return header


def _body(path: Path) -> str:
    return "\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                     if not line.startswith("#+"))


def test_there_are_queries_and_tags() -> None:
    assert len(FILES) >= 24
    assert {"list", "compare", "check"} <= TAGS


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_header_keys(path: Path) -> None:
    header = _header(path)
    missing = [key for key in REQUIRED if not header.get(key)]
    assert not missing, f"{path.name}: header lacks {missing}"
    assert set(header) <= KNOWN_KEYS, f"{path.name}: unknown keys {set(header) - KNOWN_KEYS}"
    assert isinstance(header["summary"], str) and len(header["summary"]) <= 80
    assert re.fullmatch(r"[0-9]+\.[0-9]+\.[0-9]+", str(header["x-since"]))
    limit = header.get("x-default-limit")
    assert limit is None or (isinstance(limit, int) and limit > 0)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_tags_are_from_the_controlled_list(path: Path) -> None:
    tags = _header(path)["tags"]
    assert isinstance(tags, list) and tags
    assert set(tags) <= TAGS, f"{path.name}: tags {set(tags) - TAGS} not in queries/tags.yaml"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_returns_equal_the_projection(path: Path) -> None:
    # rdflib parses the query independently of the store that runs it.
    projected = [str(v) for v in prepareQuery(path.read_text(encoding="utf-8")).algebra["PV"]]
    assert projected == _header(path)["x-returns"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_params_are_camel_case_described_and_used(path: Path) -> None:
    header = _header(path)
    declared = dict(header.get("params") or {})
    body = re.sub(r"(^|\s)#.*$", "", _body(path), flags=re.MULTILINE)
    used = {m.group(1) for m in re.finditer(r"\?__?([A-Za-z][A-Za-z0-9]*)\b", body)}
    for name, spec in declared.items():
        assert CAMEL.fullmatch(name), f"{path.name}: parameter {name!r} is not camelCase"
        assert name in used, f"{path.name}: params.{name} is not used by the query"
        assert isinstance(spec, dict) and spec.get("type"), f"{path.name}: params.{name}"
        assert spec.get("description"), f"{path.name}: params.{name} has no description"
    for name in used:
        assert CAMEL.fullmatch(name), f"{path.name}: parameter {name!r} is not camelCase"
        assert name in declared, f"{path.name}: ?_{name} is not described in params"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_selections_mean_the_same_everywhere(path: Path) -> None:
    declared = _header(path).get("params") or {}
    present = {name for name in SELECTION if name in declared}
    if not present:
        return
    assert present == set(SELECTION), f"{path.name}: a selection comes as all three"
    for name, kind in SELECTION.items():
        assert declared[name]["type"] == kind
    body = _body(path)
    # The one spelling of the selection (see queries/challenges.rq).
    assert "BIND (?__year AS ?wantYear)" in body
    assert "FILTER (!BOUND(?wantYear) || EXISTS { GRAPH ?report { ?report mkg:year ?wantYear } })" \
        in body
    assert "EXISTS { GRAPH ?report { ?report mkg:eventKey ?wantEvent } }" in body


def test_the_runner_reads_every_file() -> None:
    # The lead's parser agrees with this lint about every file's parameters.
    queries = querying.named_queries()
    assert sorted(queries) == sorted(p.stem for p in FILES)
    for name, query in queries.items():
        declared = set(_header(QUERIES / f"{name}.rq").get("params") or {})
        assert {p.name for p in query.params} == declared, name


def test_lint_catches_a_drifting_header(tmp_path: Path) -> None:
    # The lint can fail: a header whose columns differ from the projection is caught.
    bad = tmp_path / "bad.rq"
    bad.write_text("#+ summary: s\n#+ description: d\n#+ tags: [list]\n"
                   "#+ x-returns: [a, b]\n#+ x-since: \"0.3.0\"\n\n"
                   "SELECT ?a WHERE { BIND (1 AS ?a) }\n", encoding="utf-8")
    with pytest.raises(AssertionError):
        test_returns_equal_the_projection(bad)
    bad.write_text(bad.read_text().replace("[list]", "[lists]"), encoding="utf-8")
    with pytest.raises(AssertionError):
        test_tags_are_from_the_controlled_list(bad)


def test_window_marker_only_in_paged_queries() -> None:
    """The window marker (``# x-page-by: window``) means something only to a query that
    pages by report; every marker gets the window's VALUES, and a marked query gets it
    nowhere else."""
    for name, query in querying.named_queries().items():
        markers = [line for line in query.text.splitlines()
                   if line.strip() == querying.PAGE_WINDOW]
        if not markers:
            continue
        assert query.page_by_report, f"{name}.rq has a window marker but no x-page-by"
        text = querying._window_text(query.text, "<urn:x:r1> <urn:x:r2>")
        assert querying.PAGE_WINDOW not in text
        assert text.count("VALUES ?report { <urn:x:r1> <urn:x:r2> }") == len(markers)
        head = text.index("WHERE {") + len("WHERE {")
        assert not text[head:].lstrip().startswith("VALUES ?report"), name


def test_window_values_go_to_the_outer_where_without_a_marker() -> None:
    text = querying._window_text("SELECT ?report WHERE { ?report ?p ?o }", "<urn:x:r>")
    assert text == "SELECT ?report WHERE {\n  VALUES ?report { <urn:x:r> } ?report ?p ?o }"
