"""Golden graphs: what the loader writes for every example and variant, kept in the repo.

Each report in examples/ and tests/data/variants/ is loaded in-process (the ingest time
pinned by SOURCE_DATE_EPOCH) and its graphs - the report's named graph and the shared
entity graphs - are compared, graph by graph and by isomorphism, with
``tests/golden/<file name>.nq``. A failure prints the triples only one side has. After a
deliberate change to the output, regenerate with ``pytest tests/test_golden.py
--update-golden`` and review the diff of tests/golden in the commit.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import graph_diff, to_isomorphic

from helpers import EXAMPLES
from migkg.loaders.pipeline import load_file
from migkg.loaders.readers import SUPPORTED_SUFFIXES

GOLDEN = Path(__file__).resolve().parent / "golden"
VARIANTS = Path(__file__).resolve().parent / "data" / "variants"
EPOCH = "1700000000"
_SHOWN = 40  # triples listed per side of a diff


def _reports() -> list[Path]:
    found = [p for folder in (EXAMPLES, VARIANTS) for p in sorted(folder.iterdir())
             if p.suffix.lower() in SUPPORTED_SUFFIXES and p.name != "README.md"]
    return found


def _nquads(path: Path) -> str:
    """The loader's graphs for ``path`` as N-Quads: report graph first, then shared ones."""
    loaded = load_file(path)
    lines = [_quad(line, loaded.iri) for line in loaded.ntriples.splitlines() if line]
    for graph, ntriples in loaded.shared.items():
        lines += [_quad(line, graph) for line in ntriples.splitlines() if line]
    return "\n".join(lines) + "\n"


def _quad(triple_line: str, graph: str) -> str:
    assert triple_line.endswith(" ."), triple_line
    return f"{triple_line[:-2]} <{graph}> ."


def _graphs(nquads: str) -> dict[str, Graph]:
    dataset = Dataset()
    dataset.parse(data=nquads, format="nquads")
    graphs = {}
    # Dataset.graphs is rdflib 7.2's name for contexts.
    contexts = dataset.graphs() if hasattr(dataset, "graphs") else dataset.contexts()
    for context in contexts:
        if isinstance(context.identifier, URIRef) and len(context):
            graph = Graph()
            for triple in context:
                graph.add(triple)
            graphs[str(context.identifier)] = graph
    return graphs


def _diff(name: str, got: Graph, want: Graph) -> str:
    _, only_got, only_want = graph_diff(to_isomorphic(got), to_isomorphic(want))
    lines = [f"graph {name}: {len(only_got)} triples only in the output, "
             f"{len(only_want)} only in the golden file"]
    for label, part in (("+ output", only_got), ("- golden", only_want)):
        text = sorted(part.serialize(format="nt").splitlines())
        lines += [f"  {label}: {line}" for line in text[:_SHOWN] if line]
        if len(text) > _SHOWN:
            lines.append(f"  {label}: ... {len(text) - _SHOWN} more")
    return "\n".join(lines)


def test_there_are_reports_to_compare() -> None:
    names = [p.name for p in _reports()]
    assert len(names) >= 20 and "aprr2021_rt2_fair_recruitment.md" in names


@pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")
@pytest.mark.parametrize("path", _reports(), ids=lambda p: p.name)
def test_loader_output_matches_golden(path: Path, update_golden: bool,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    golden = GOLDEN / f"{path.name}.nq"
    output = _nquads(path)
    if update_golden:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(output, encoding="utf-8")
        return
    if not golden.is_file():
        pytest.fail(f"no golden file {golden.name}: run pytest --update-golden and review it")
    got, want = _graphs(output), _graphs(golden.read_text(encoding="utf-8"))
    problems = [f"graph {name} only in the output" for name in sorted(set(got) - set(want))]
    problems += [f"graph {name} only in the golden file" for name in sorted(set(want) - set(got))]
    for name in sorted(set(got) & set(want)):
        if to_isomorphic(got[name]) != to_isomorphic(want[name]):
            problems.append(_diff(name, got[name], want[name]))
    assert not problems, f"{path.name} differs from {golden.name}:\n" + "\n".join(problems)


@pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")
def test_a_changed_graph_is_reported() -> None:
    """The comparison fails on one changed literal and names the triple on each side."""
    line = '<https://e.org/s> <https://e.org/p> "a" <https://e.org/g> .'
    got, want = _graphs(line + "\n"), _graphs(line.replace('"a"', '"b"') + "\n")
    assert to_isomorphic(got["https://e.org/g"]) != to_isomorphic(want["https://e.org/g"])
    shown = _diff("https://e.org/g", got["https://e.org/g"], want["https://e.org/g"])
    assert '"a"' in shown and '"b"' in shown and "1 triples only in the output" in shown
