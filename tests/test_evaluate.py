"""``migkg evaluate``: scoring rules, the named queries it reads, and end-to-end runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import CORPUS, EXAMPLES, run
from migkg.evaluate import FIELDS, FieldScore, Prediction, evaluate, score_report
from migkg.store import open_store

GOLD = {
    "file": "toy.md",
    "sections": {"summary": "present", "challenges": "present", "practices": "present",
                 "gcm": "present", "agenda2030": "empty", "quotes": "missing"},
    "challenges": [{"starts": "Lack of decent jobs", "category": "socio-economic"},
                   {"starts": "Lack of data", "category": "technical-capacity"}],
    "practices": [{"starts": "National will", "level": "national"}],
    "countries": ["MAR", "ZAF"],
    "actors": {"core": ["ILO", "Quito Process"], "acceptable": ["GFMD"]},
    "instruments": ["South Africa 2017 White Paper"],
    "figures": [{"value": 30000, "what": "regularised migrants", "country": "MAR"},
                {"value": 76, "what": "% increase", "country": None}],
    "gcm_objectives": {"explicit": [5], "core": [5, 23], "acceptable": [1]},
    "gcm_principles": {"core": ["whole-of-government"], "acceptable": []},
    "sdg_targets": {"explicit": ["10.7"], "core": ["10.7"], "acceptable": ["8.8"]},
    "quotes": [{"attribution": "anonymous", "speaker": "South-Asian country", "approved": None}],
}


def toy_prediction() -> Prediction:
    return Prediction(
        sections={"summary": "present", "challenges": "present", "practices": "present",
                  "gcm": "present", "agenda2030": "present", "quotes": "missing"},
        challenges=[("Lack of decent jobs and employment;", "socio-economic"),
                    ("Lack of data and capacity;", "socio-economic"),
                    ("An extra item", None)],
        practices=[("National will to change policy", "national")],
        countries={"MAR", "ZAF", "FRA"},
        actors=[("ILO", "International Labour Organization"), ("GFMD", "Global Forum"),
                ("", "Chatham House")],
        instruments=["2017 White Paper", "2017 White Paper"],
        figures=[(30000.0, None, "MAR"), (76.0, "%", "MAR"), (12.0, None, None)],
        objectives={"5": "explicit", "1": "inferred", "9": "inferred"},
        principles={"whole-of-government": "explicit"},
        targets={"10.7": "explicit", "8.8": "inferred"},
        quotes=[("anonymous", "South Asian country")],
    )


def test_scoring_rules() -> None:
    scores = score_report(toy_prediction(), GOLD)
    assert list(scores) == list(FIELDS)

    def counts(name: str) -> tuple[int, int, int, int]:
        s = scores[name]
        return s.correct, s.predicted, s.found, s.expected

    assert counts("sections") == (5, 6, 5, 6)
    assert counts("challenges") == (2, 3, 2, 2)
    assert counts("challenge_categories") == (1, 3, 1, 2)
    assert scores["challenge_categories"].accuracy == 0.5
    assert counts("practice_levels") == (1, 1, 1, 1)
    assert counts("countries") == (2, 3, 2, 2)
    # Actors: ILO and GFMD are right (core, acceptable), Chatham House is not; the Quito
    # Process was not found.
    assert counts("actors") == (2, 3, 1, 2)
    assert scores["actors"].missing == ["Quito Process"]
    assert counts("instruments") == (1, 1, 1, 1)  # a name counts once per report
    # 76 % matches whatever the country, since the gold gives none.
    assert counts("figures") == (2, 3, 2, 2)
    assert counts("gcm_objectives") == (2, 3, 1, 2)  # 9 wrong; 23 missed
    assert counts("gcm_objectives_explicit") == (1, 1, 1, 1)
    assert counts("principles") == (1, 1, 1, 1)
    assert counts("sdg_targets") == (2, 2, 1, 1)
    assert counts("quotes") == (1, 1, 1, 1)


def test_field_score_arithmetic() -> None:
    score = FieldScore(correct=3, predicted=4, found=3, expected=6)
    assert score.precision == 0.75 and score.recall == 0.5
    assert score.f1 == pytest.approx(0.6)
    assert FieldScore().precision == 1.0 and FieldScore().recall == 1.0
    assert FieldScore(expected=2).precision == 0.0


TOY_GRAPH = """
@prefix mkg: <https://w3id.org/migkg/ontology#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@base <https://w3id.org/migkg/id/report/toy-md> .

<https://w3id.org/migkg/id/report/toy-md> a mkg:Report ;
    mkg:orderKey 1 ;
    mkg:sessionCode "2.1" ;
    prov:wasDerivedFrom <https://w3id.org/migkg/id/source/abc> ;
    mkg:aboutSession <https://w3id.org/migkg/id/session/toy/2-1> ;
    mkg:hasSection <toy-md/section/summary> .
<https://w3id.org/migkg/id/session/toy/2-1> dcterms:identifier "2.1" .
<https://w3id.org/migkg/id/source/abc> schema:name "toy.md" .
<toy-md/section/summary> dcterms:isPartOf <https://w3id.org/migkg/id/report/toy-md> ;
    mkg:sectionType <https://w3id.org/migkg/vocab/section/summary> ;
    mkg:status <https://w3id.org/migkg/vocab/status/present> ;
    mkg:position 1 .
<toy-md/practice/1> a mkg:Practice ; mkg:inSection <toy-md/section/summary> ;
    mkg:position 1 ; mkg:text "National will to change policy" ;
    mkg:level <https://w3id.org/migkg/vocab/level/national> ;
    mkg:mentions <https://w3id.org/migkg/id/country/MAR> ;
    mkg:qualifiedLink <toy-md/practice/1/link/objective-5> ,
                      <toy-md/practice/1/link/objective-9> .
<toy-md/practice/1/mention/1> a mkg:Mention ; oa:hasBody <https://w3id.org/migkg/id/country/MAR> ;
    mkg:mentionKind "country" ; mkg:surfaceForm "Moroccan" .
<toy-md/practice/1/mention/2> a mkg:Mention ; oa:hasBody <https://w3id.org/migkg/id/actor/ilo> ;
    mkg:mentionKind "organisation" ; mkg:surfaceForm "ILO" .
<toy-md/practice/1/mention/3> a mkg:Mention ; oa:hasBody <toy-md/instrument/1> ;
    mkg:mentionKind "instrument" ; mkg:surfaceForm "2017 White Paper" .
<toy-md/instrument/1> a mkg:PolicyInstrument ; rdfs:label "2017 White Paper" .
<toy-md/figure/1> a mkg:Figure ; mkg:value 30000 ; mkg:counts "migrants" ;
    mkg:place <https://w3id.org/migkg/id/country/MAR> ; mkg:inInsight <toy-md/practice/1> .
<toy-md/figure/2> a mkg:Figure ; mkg:value 76 ; mkg:unit "%" ;
    mkg:inInsight <toy-md/practice/1> .
<toy-md/practice/1/link/objective-5> a mkg:ConceptLink ;
    mkg:linkedConcept <https://w3id.org/migkg/gcm/objective/5> ;
    mkg:basis <https://w3id.org/migkg/vocab/basis/explicit> ;
    mkg:confidence 1.0 ; mkg:evidence "Objective 5" ; mkg:method "explicit-reference/1" .
<toy-md/practice/1/link/objective-9> a mkg:ConceptLink ;
    mkg:linkedConcept <https://w3id.org/migkg/gcm/objective/9> ;
    mkg:basis <https://w3id.org/migkg/vocab/basis/inferred> ;
    mkg:confidence 0.55 ; mkg:evidence "smuggling" ; mkg:method "keyword-match/1" .
<toy-md/practice/1/link/target-10.7> a mkg:ConceptLink ;
    mkg:linkedConcept <http://metadata.un.org/sdg/10.7> ;
    mkg:basis <https://w3id.org/migkg/vocab/basis/explicit> ;
    mkg:confidence 1.0 ; mkg:evidence "target 10.7" .
<toy-md/practice/1/link/principle-whole-of-government> a mkg:ConceptLink ;
    mkg:linkedConcept <https://w3id.org/migkg/gcm/principle/whole-of-government> ;
    mkg:basis <https://w3id.org/migkg/vocab/basis/inferred> ;
    mkg:confidence 0.8 ; mkg:evidence "inter-ministerial" .
"""


@pytest.fixture
def toy_store(tmp_path: Path):
    import pyoxigraph as ox

    report = "https://w3id.org/migkg/id/report/toy-md"
    triples = ox.parse(TOY_GRAPH, format=ox.RdfFormat.TURTLE)
    store = open_store(str(tmp_path / "store"))
    store.ensure_vocabularies()
    store.replace_graphs({report: ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
                          .decode()})
    yield store
    store.close()


def test_named_queries_read_the_data_model(toy_store) -> None:
    from migkg.querying import run_named

    mentions = run_named(toy_store, "mentions")
    assert [row[2:] for row in mentions.rows] == [
        ["country", "https://w3id.org/migkg/id/country/MAR", "Morocco", "MAR"],
        ["instrument", "https://w3id.org/migkg/id/report/toy-md/instrument/1",
         "2017 White Paper", ""],
        ["organisation", "https://w3id.org/migkg/id/actor/ilo",
         "International Labour Organization", "ILO"],
    ]
    assert run_named(toy_store, "mentions", {"kind": "country"}).rows[0][5] == "MAR"
    figures = run_named(toy_store, "figures")
    assert sorted((row[2], row[3], row[5]) for row in figures.rows) == [
        ("30000", "", "MAR"), ("76", "%", "")]
    objectives = run_named(toy_store, "gcm-links")
    assert [(row[1], row[2], row[3]) for row in objectives.rows] == [
        ("2.1", "5", "explicit"), ("2.1", "9", "inferred")]
    assert [row[2] for row in run_named(toy_store, "gcm-links", {"threshold": "0.6"}).rows] \
        == ["5"]
    assert [row[2:4] for row in run_named(toy_store, "sdg-links").rows] == [["10.7",
                                                                             "explicit"]]
    assert [row[2:5] for row in run_named(toy_store, "principles").rows] == [
        ["whole-of-government", "inferred", "0.8"]]


def test_evaluate_on_a_store(toy_store, tmp_path: Path) -> None:
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "toy.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    (gold_dir / "absent.gold.json").write_text(json.dumps({"file": "absent.md"}),
                                               encoding="utf-8")
    result = evaluate(toy_store, gold_dir)
    assert result.not_in_store == ["absent.md"]
    (report,) = result.reports
    assert report.file == "toy.md"
    fields = report.fields
    assert (fields["countries"].correct, fields["countries"].expected) == (1, 2)
    assert (fields["figures"].correct, fields["figures"].predicted) == (2, 2)
    assert (fields["gcm_objectives"].correct, fields["gcm_objectives"].predicted) == (1, 2)
    assert fields["gcm_objectives_explicit"].f1 == 1.0
    assert fields["instruments"].found == 1
    data = result.as_dict()
    assert set(data["overall"]) == set(FIELDS)


def test_evaluate_command_usage(tmp_path: Path) -> None:
    result = run("evaluate", str(tmp_path / "nowhere"), store=tmp_path / "s")
    assert result.exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("evaluate", str(empty), "--format", "yaml", store=tmp_path / "s")
    assert result.exit_code == 2


def _ingest_and_evaluate(folder: Path, gold: Path, store: Path) -> dict:
    loaded = run("ingest", str(folder), store=store)
    assert "loaded" in loaded.stdout
    result = run("evaluate", str(gold), "--format", "json", store=store)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    table = run("evaluate", str(gold), store=store)
    assert table.exit_code == 0 and "gcm_objectives" in table.stdout
    return data


def _extras_stored(store: Path) -> bool:
    from migkg.querying import run_named

    target = open_store(str(store), read_only=True)
    try:
        return bool(run_named(target, "mentions").rows)
    finally:
        target.close()


@pytest.mark.slow
def test_evaluate_example_reports(tmp_path: Path) -> None:
    gold = EXAMPLES / "gold"
    if not gold.is_dir() or not list(gold.glob("*.gold.json")):
        pytest.skip("the example reports have no gold files yet")
    data = _ingest_and_evaluate(EXAMPLES, gold, tmp_path / "store")
    assert data["reports"], "no example report was matched to its gold file"
    overall = data["overall"]
    assert overall["sections"]["f1"] >= 0.9
    assert _extras_stored(tmp_path / "store")
    assert overall["countries"]["f1"] >= 0.9
    assert overall["gcm_objectives_explicit"]["recall"] == 1.0
    assert overall["sdg_targets_explicit"]["recall"] == 1.0


@pytest.mark.slow
def test_evaluate_shared_corpus_meets_the_targets(tmp_path: Path) -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not on this machine")
    data = _ingest_and_evaluate(CORPUS, CORPUS, tmp_path / "store")
    overall = data["overall"]
    assert len(data["reports"]) == len(list(CORPUS.glob("*.gold.json")))
    assert overall["sections"]["f1"] == 1.0
    assert _extras_stored(tmp_path / "store")
    # Targets of issue 7 (reading any rapporteur report).
    for field in ("challenges", "practices"):
        assert overall[field]["precision"] == overall[field]["recall"] == 1.0, field
    assert overall["challenge_categories"]["accuracy"] >= 0.90
    assert overall["practice_levels"]["accuracy"] >= 0.90
    assert overall["countries"]["f1"] >= 0.95
    assert overall["actors"]["f1"] >= 0.90
    assert overall["figures"]["f1"] >= 0.85
    assert overall["quotes"]["f1"] >= 0.95
    assert overall["gcm_objectives"]["recall"] >= 0.80
    assert overall["gcm_objectives"]["precision"] >= 0.75
    assert overall["principles"]["recall"] >= 0.75
    assert overall["gcm_objectives_explicit"]["recall"] == 1.0
    # No field below what 0.1.0 measured on these seven reports (its exports re-scored):
    # SDG targets recall 0.727; instruments F1 0.769, now 0.758 (bold leads the readers now
    # see as bold add 'free movement regimes' as an instrument: noted in the README).
    assert overall["sdg_targets"]["recall"] >= 0.727
    assert overall["instruments"]["f1"] >= 0.75
    assert overall["sdg_targets_explicit"]["recall"] == 1.0
