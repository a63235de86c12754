"""The annotator chain: its order, its declarations, its independence, the record it fills."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from helpers import EXAMPLES
from migkg.loaders import readers
from migkg.loaders.extract import ANNOTATORS, annotate, find_mentions, level_inference
from migkg.loaders.extract.insights import extract_insights
from migkg.loaders.metadata import read_metadata
from migkg.loaders.model import (
    Annotation,
    FigureAnnotation,
    InstrumentAnnotation,
    LevelAnnotation,
    Report,
)
from migkg.loaders.pipeline import load_file
from migkg.loaders.segment import segment

EXTRACT = Path(__file__).resolve().parents[2] / "loaders" / "extract"
# Annotator modules; levels.py imports entities for the old infer_level until the insight
# stage hands level inference to level_inference (then the exception goes).
MODULES = ("entities", "instruments", "figures", "links", "references", "level_inference")


def _example_record(path: Path) -> Report:
    document = readers.read(path)
    segmented = segment(document)
    return Report(document, path.name, path.suffix.lstrip("."), "0", segmented=segmented,
                  metadata=read_metadata(segmented), insights=extract_insights(segmented))


def test_every_annotator_requires_only_earlier_ones() -> None:
    seen: set[str] = set()
    for annotator in ANNOTATORS:
        assert annotator.name not in seen
        assert set(annotator.requires) <= seen, annotator.name
        assert "/" in annotator.method and annotator.method.split("/")[1].isdigit()
        seen.add(annotator.name)


def test_an_annotator_run_before_what_it_reads_is_refused() -> None:
    by_name = {a.name: a for a in ANNOTATORS}
    record = _example_record(EXAMPLES / "aprr2021_rt2_fair_recruitment.md")
    with pytest.raises(ValueError, match="needs entities"):
        annotate(record, (by_name["instruments"],))


@pytest.mark.parametrize("module", MODULES)
def test_annotator_modules_import_no_sibling(module: str) -> None:
    tree = ast.parse((EXTRACT / f"{module}.py").read_text(encoding="utf-8"))
    siblings = set(MODULES) | {"insights", "levels", "categories", "quotes"}
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            imported |= {node.module or ""} | {a.name for a in node.names if not node.module}
    allowed = {"instruments"} if module == "entities" else set()  # find_mentions' old path
    assert not (imported & siblings) - allowed, imported


def test_annotations_point_at_the_document_text() -> None:
    record = annotate(_example_record(EXAMPLES / "aprr2021_rt2_fair_recruitment.md"))
    text = record.document.text
    found = record.annotations()
    assert found and all(isinstance(a, Annotation) for a in found)
    spanned = [a for a in found if a.start is not None]
    assert spanned and all(text[a.start:a.end] == a.text for a in spanned)
    kinds = {type(a) for a in found}
    assert {InstrumentAnnotation, FigureAnnotation} <= kinds
    for annotation in found:
        insight = record.insights[annotation.insight]
        if annotation.start is not None:
            assert insight.start <= annotation.start <= annotation.end <= insight.end


def test_mentions_are_the_merged_entities_organisations_and_instruments() -> None:
    record = annotate(_example_record(EXAMPLES / "aprr2021_rt2_fair_recruitment.md"))
    for index, insight in enumerate(record.insights):
        got = [(a.kind, a.code, a.start - insight.start, a.end - insight.start)
               for a in record.of("mentions", index)]
        want = [(m.kind, m.code, m.start, m.end) for m in find_mentions(insight.text)]
        assert got == want, insight.text


def _practices() -> list[str]:
    texts = []
    for path in sorted(EXAMPLES.iterdir()):
        if path.suffix in (".md", ".txt", ".html", ".docx"):
            segmented = segment(readers.read(path))
            texts += [i.text for i in extract_insights(segmented) if i.kind == "practice"]
    return texts


def test_the_levels_annotator_fills_a_practice_left_without_a_level() -> None:
    record = _example_record(EXAMPLES / "aprr2021_rt2_fair_recruitment.md")
    practice = next(i for i in record.insights if i.kind == "practice")
    practice.level = practice.level_basis = None
    annotate(record)
    (level,) = record.of("levels", record.insights.index(practice))
    assert isinstance(level, LevelAnnotation) and level.basis == "inferred"
    assert level.code == level_inference.infer_level(practice.text,
                                                     find_mentions(practice.text))
    assert level.evidence and level.evidence[0]


def test_identity_names_the_report() -> None:
    path = EXAMPLES / "aprr2021_rt2_fair_recruitment.md"
    by_name = load_file(path)
    assert load_file(path, identity=path.name).iri == by_name.iri
    assert load_file(path, identity="a/" + path.name).iri != load_file(
        path, identity="b/" + path.name).iri
