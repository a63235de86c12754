"""The reading stage's lexicons: the schemes' own labels are read, and every data file parses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import CORPUS, EXAMPLES, REPO
from migkg.loaders.segment.groups import heading_level
from migkg.loaders.segment.sections import section_of_heading
from migkg.ontology import template, vocabulary

DATA = REPO / "loaders" / "segment" / "data"

# Labels of the section scheme that section_of_heading may leave unread, each with why.
# Empty today: every label is read. A label added here must still fail to read (see
# test_excluded_labels_are_still_unread), so the list cannot go stale silently.
SECTION_EXCLUDED: dict[tuple[str, str], str] = {}
# Likewise for the level scheme's labels and heading_level.
LEVEL_EXCLUDED: dict[tuple[str, str], str] = {}

SECTION_LABELS = [(s.key, lang, text) for s in template.sections() for lang, text in s.labels]
LEVEL_LABELS = [(key, text) for key, texts in sorted(vocabulary.level_labels().items())
                for text in texts]


def test_the_schemes_have_labels_in_every_language() -> None:
    assert {lang for _, lang, _ in SECTION_LABELS} >= {"en", "fr", "es"}
    assert {key for key, _ in LEVEL_LABELS} == {"national", "regional", "global", "innovation"}


@pytest.mark.parametrize(("key", "lang", "text"), SECTION_LABELS,
                         ids=[f"{k}-{lang}-{t}" for k, lang, t in SECTION_LABELS])
def test_every_section_label_names_its_section(key: str, lang: str, text: str) -> None:
    if (key, text) in SECTION_EXCLUDED:
        pytest.skip(SECTION_EXCLUDED[(key, text)])
    assert section_of_heading(text) == key, f"{lang} label {text!r} of {key}"


@pytest.mark.parametrize(("key", "text"), LEVEL_LABELS, ids=[f"{k}-{t}" for k, t in LEVEL_LABELS])
def test_every_level_label_names_its_level(key: str, text: str) -> None:
    if (key, text) in LEVEL_EXCLUDED:
        pytest.skip(LEVEL_EXCLUDED[(key, text)])
    found = heading_level(text)
    assert found is not None and found[0] == key, f"level label {text!r} of {key}: {found}"


def test_excluded_labels_are_still_unread() -> None:
    for (key, text) in SECTION_EXCLUDED:
        assert section_of_heading(text) != key, f"{text!r} is read now: drop its exclusion"
    for (key, text) in LEVEL_EXCLUDED:
        found = heading_level(text)
        assert not found or found[0] != key, f"{text!r} is read now: drop its exclusion"


def test_perspectives_in_french_reads_as_practices() -> None:
    assert ("fr", "Perspectives") in template.section("practices").labels
    assert section_of_heading("Perspectives") == "practices"


# --------------------------------------------------------------------------- data files

SECTIONS = set(template.section_keys())
LEVELS = set(vocabulary.level_labels())
CUES = {"problem", "remedy", "discussion", "attribution"}
REFERENCES = {"gcm", "sdg", "title"}
LANGUAGES = ("en", "fr", "es")


def _rows(path: Path) -> list[tuple[int, list[str]]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(n, line.split("\t")) for n, line in enumerate(lines, start=1)
            if line.strip() and not line.startswith("#")]


def _report_names() -> set[str]:
    names = {p.name for p in EXAMPLES.iterdir() if p.is_file()}
    if CORPUS.is_dir():
        names |= {p.name for p in CORPUS.iterdir() if p.is_file()}
    return names


def test_the_data_folder_holds_the_files_the_lexicon_reads() -> None:
    expected = {f"{kind}.{lang}.tsv" for kind in ("headings", "cues", "levels")
                for lang in LANGUAGES} | {"references.tsv", "stopwords.tsv", "weights.json"}
    assert expected <= {p.name for p in DATA.iterdir()}


@pytest.mark.parametrize("kind", ["headings", "levels"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_phrase_files_parse(kind: str, lang: str) -> None:
    targets = SECTIONS | {"title"} if kind == "headings" else LEVELS | {"filler"}
    known = _report_names()
    rows = _rows(DATA / f"{kind}.{lang}.tsv")
    assert rows
    for number, row in rows:
        where = f"{kind}.{lang}.tsv:{number}"
        assert len(row) == 3, f"{where}: {len(row)} columns, expected 3: {row}"
        target, phrase, origin = row
        assert target in targets, f"{where}: unknown target {target!r}"
        assert phrase.strip(), f"{where}: empty phrase"
        if origin in ("general", "vocabulary"):
            continue
        assert origin.endswith((".md", ".txt", ".html", ".htm", ".docx", ".pdf", ".eml")), \
            f"{where}: origin {origin!r} is neither general nor a report file"
        if CORPUS.is_dir():
            assert origin in known, f"{where}: origin {origin!r} names no report"


def test_report_origins_name_reports_of_the_corpus(shared_corpus: Path) -> None:
    known = _report_names()
    origins = {row[2] for kind in ("headings", "levels") for lang in LANGUAGES
               for _, row in _rows(DATA / f"{kind}.{lang}.tsv") if len(row) == 3}
    reports = origins - {"general", "vocabulary"}
    assert reports, "no entry names the report it came from"
    assert reports <= known, reports - known


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cue_files_parse(lang: str) -> None:
    rows = _rows(DATA / f"cues.{lang}.tsv")
    assert {row[0] for _, row in rows} == CUES
    for number, row in rows:
        assert len(row) == 2, f"cues.{lang}.tsv:{number}: {row}"
        assert row[0] in CUES and row[1].strip()


def test_references_parse_and_compile() -> None:
    import re

    rows = _rows(DATA / "references.tsv")
    assert {row[0] for _, row in rows} == REFERENCES
    for number, row in rows:
        assert len(row) == 2, f"references.tsv:{number}: {row}"
        re.compile(row[1])


def test_stopwords_parse() -> None:
    rows = _rows(DATA / "stopwords.tsv")
    assert sorted(row[0] for _, row in rows) == sorted(LANGUAGES)
    assert all(len(row) == 2 and row[1].split() for _, row in rows)


def test_weights_are_numbers_the_assignment_uses() -> None:
    from migkg.loaders.segment.assign import Options

    raw = json.loads((DATA / "weights.json").read_text(encoding="utf-8"))
    weights = {k: v for k, v in raw.items() if not k.startswith("_")}
    assert all(isinstance(v, int | float) for v in weights.values())
    assert weights["temperature"] > 0
    options = Options()
    for name, value in weights.items():
        assert options.weight(name) == value
