"""The shapes in shapes/, one case per constraint, on a hand-written report graph.

``tests/data/shapes/clean.ttl`` is a complete report written after docs/data-model.md;
each case changes it with a SPARQL update and states exactly which findings it must give
(shape, severity, section). The clean report itself must give none.
"""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from migkg import resources
from migkg.validation import SECTIONS, Engine, Finding, shapes_graph

DATA = Path(__file__).parent / "data" / "shapes"
REPORT = "https://w3id.org/migkg/id/report/clean-report-md"
SH = "http://www.w3.org/ns/shacl#"
MKGSH = "https://w3id.org/migkg/shapes#"
CLASSES = {"summary": "SummarySection", "challenges": "ChallengesSection",
           "practices": "PracticesSection", "gcm": "GcmSection",
           "agenda2030": "Agenda2030Section", "quotes": "QuotesSection"}
PREFIXES = f"""
PREFIX mkg: <https://w3id.org/migkg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX section: <https://w3id.org/migkg/vocab/section/>
PREFIX status: <https://w3id.org/migkg/vocab/status/>
PREFIX basis: <https://w3id.org/migkg/vocab/basis/>
PREFIX attribution: <https://w3id.org/migkg/vocab/attribution/>
PREFIX level: <https://w3id.org/migkg/vocab/level/>
PREFIX objective: <https://w3id.org/migkg/gcm/objective/>
PREFIX principle: <https://w3id.org/migkg/gcm/principle/>
PREFIX sdg: <http://metadata.un.org/sdg/>
PREFIX report: <{REPORT}>
BASE <{REPORT}/>
"""


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def clean_graph() -> Graph:
    return Graph().parse(DATA / "clean.ttl", format="turtle")


def findings_after(engine: Engine, update: str | None = None) -> list[Finding]:
    graph = clean_graph()
    if update:
        graph.update(PREFIXES + update)
    return engine.validate_report(REPORT, graph)


def summary(findings: list[Finding]) -> set[tuple[str, str, str]]:
    return {(f.shape.removeprefix(MKGSH), f.severity, f.section) for f in findings}


def replace(subject: str, predicate: str, value: str) -> str:
    """An update giving ``subject`` the single value ``value`` for ``predicate``."""
    return (f"DELETE {{ {subject} {predicate} ?old }} INSERT {{ {subject} {predicate} {value} }}"
            f" WHERE {{ {subject} {predicate} ?old }}")


def drop(pattern: str, predicate: str) -> str:
    """An update removing ``predicate`` from the ``?s`` matched by ``pattern``."""
    return f"DELETE {{ ?s {predicate} ?old }} WHERE {{ {pattern} ; {predicate} ?old }}"


def empty_section(key: str) -> str:
    return f"""
    DELETE {{ <section/{key}> mkg:status ?s ; mkg:text ?t }}
    INSERT {{ <section/{key}> mkg:status status:empty }}
    WHERE {{ <section/{key}> mkg:status ?s OPTIONAL {{ <section/{key}> mkg:text ?t }} }} ;
    DELETE {{ ?i ?p ?o }} WHERE {{ ?i mkg:inSection <section/{key}> ; ?p ?o }}
    """


def missing_section(key: str) -> str:
    return f"""
    DELETE {{ <section/{key}> mkg:status ?s ; mkg:text ?t ; mkg:heading ?h }}
    INSERT {{ <section/{key}> mkg:status status:missing }}
    WHERE {{ <section/{key}> mkg:status ?s ; mkg:heading ?h
             OPTIONAL {{ <section/{key}> mkg:text ?t }} }} ;
    DELETE {{ ?i ?p ?o }} WHERE {{ ?i mkg:inSection <section/{key}> ; ?p ?o }}
    """


def test_clean_report_gives_no_finding(engine: Engine) -> None:
    assert findings_after(engine) == []


def test_every_result_comes_from_a_named_shape(engine: Engine) -> None:
    findings = findings_after(engine, empty_section("agenda2030") + " ; " + """
        DELETE WHERE { report: mkg:rapporteur ?p } ;
        DELETE WHERE { <quote/1> mkg:attribution ?a }""")
    assert findings
    assert all(f.shape.startswith(MKGSH) for f in findings)


# --- report header -------------------------------------------------------------------

HEADER_CASES = {
    "rapporteur absent": ("DELETE WHERE { report: mkg:rapporteur ?p }", "ReportShape-rapporteur"),
    "rapporteur blank": (
        'DELETE { ?p schema:name ?n } INSERT { ?p schema:name "  " } '
        "WHERE { report: mkg:rapporteur ?p . ?p schema:name ?n }", "ReportShape-rapporteur"),
    "no session": ("DELETE WHERE { report: mkg:aboutSession ?s }", "ReportShape-aboutSession"),
    "no session title": (drop("?s a mkg:Session", "dcterms:title"), "SessionShape-title"),
    "no event": ("DELETE WHERE { ?s schema:superEvent ?e }", "SessionShape-superEvent"),
    "unnamed event": (drop("?s a mkg:Event", "rdfs:label"), "EventShape-label"),
    "no date": ("DELETE WHERE { report: dcterms:date ?d }", "ReportShape-date"),
    "date not a date": ('DELETE { report: dcterms:date ?d } INSERT { report: dcterms:date "6 Dec" }'
                        " WHERE { report: dcterms:date ?d }", "ReportShape-date"),
}


def test_a_session_without_a_code_is_only_a_note(engine: Engine) -> None:
    """A single-session consultation has no session number: not a gap in the report."""
    update = drop("?s a mkg:Session", "dcterms:identifier")
    assert summary(findings_after(engine, update)) == {("SessionShape-identifier", "info", "")}


@pytest.mark.parametrize("case", sorted(HEADER_CASES))
def test_header_gaps_are_violations(engine: Engine, case: str) -> None:
    update, shape = HEADER_CASES[case]
    assert summary(findings_after(engine, update)) == {(shape, "violation", "")}


def test_a_known_event_is_named_by_the_events_vocabulary(engine: Engine) -> None:
    """The loader leaves a known event's name to ontology/vocab/events.ttl."""
    update = """DELETE { ?s schema:superEvent ?e . ?e ?p ?o }
        INSERT { ?s schema:superEvent <https://w3id.org/migkg/id/event/gfmd-2018> .
                 <https://w3id.org/migkg/id/event/gfmd-2018> a mkg:Event }
        WHERE { ?s schema:superEvent ?e . ?e ?p ?o }"""
    assert findings_after(engine, update) == []


def test_rapporteur_message_says_what_to_do(engine: Engine) -> None:
    [finding] = findings_after(engine, "DELETE WHERE { report: mkg:rapporteur ?p }")
    assert "Name of Rapporteur" in finding.message
    assert finding.focus == REPORT
    assert finding.path == "https://w3id.org/migkg/ontology#rapporteur"


# --- template sections ---------------------------------------------------------------


@pytest.mark.parametrize("key", SECTIONS)
def test_an_empty_section_is_reported_once(engine: Engine, key: str) -> None:
    severity = "warning" if key == "quotes" else "violation"
    found = summary(findings_after(engine, empty_section(key)))
    assert found == {(f"{CLASSES[key]}Shape-empty", severity, key)}


@pytest.mark.parametrize("key", SECTIONS)
def test_a_missing_section_is_reported_once(engine: Engine, key: str) -> None:
    severity = "warning" if key == "quotes" else "violation"
    found = summary(findings_after(engine, missing_section(key)))
    assert found == {(f"{CLASSES[key]}Shape-missing", severity, key)}


def test_a_report_without_a_section_node_is_a_violation(engine: Engine) -> None:
    update = "DELETE WHERE { report: mkg:hasSection <section/summary> }"
    found = summary(findings_after(engine, update))
    assert ("ReportSectionsShape-sectionType", "violation", "") in found


def test_section_classes_are_derived_when_the_loader_omits_them(engine: Engine) -> None:
    update = empty_section("agenda2030") + """ ;
        DELETE { ?s a ?c } WHERE { ?s a mkg:Section , ?c FILTER(?c != mkg:Section) }"""
    found = summary(findings_after(engine, update))
    assert found == {("Agenda2030SectionShape-empty", "violation", "agenda2030")}


def test_empty_section_messages_name_the_section(engine: Engine) -> None:
    [finding] = findings_after(engine, empty_section("agenda2030"))
    assert "Section 5" in finding.message and "Agenda 2030" in finding.message
    assert "SDG target" in finding.message  # says what to add
    assert finding.focus == f"{REPORT}/section/agenda2030"
    assert finding.path == "https://w3id.org/migkg/ontology#status"


def test_gcm_section_without_explicit_objective_is_a_warning(engine: Engine) -> None:
    update = "DELETE { ?l mkg:basis basis:explicit } INSERT { ?l mkg:basis basis:inferred } " \
             "WHERE { ?l mkg:linkedConcept objective:23 ; mkg:basis basis:explicit }"
    [finding] = findings_after(engine, update)
    assert (finding.severity, finding.section) == ("warning", "gcm")
    # the message passes on what the linker inferred, with the objective's short label
    assert "Objective 23 (International cooperation)" in finding.message


def test_gcm_section_saying_not_discussed_is_a_warning(engine: Engine) -> None:
    update = """DELETE { <section/gcm> mkg:text ?t } INSERT { <section/gcm> mkg:text
        "Although not directly discussed, the points above are in line with the Compact." }
        WHERE { <section/gcm> mkg:text ?t }"""
    found = summary(findings_after(engine, update))
    assert found == {("GcmSectionShape-objectives", "warning", "gcm")}


def test_gcm_warning_without_inferred_objectives_says_so(engine: Engine) -> None:
    update = "DELETE WHERE { ?l mkg:linkedConcept objective:23 ; ?p ?o }"
    [finding] = findings_after(engine, update)
    assert "could not infer any objectives" in finding.message


def test_agenda2030_naming_only_a_goal_is_a_warning(engine: Engine) -> None:
    update = """DELETE { ?l mkg:linkedConcept sdg:10.7 . ?i mkg:relatesToTarget sdg:10.7 }
        INSERT { ?l mkg:linkedConcept sdg:10 . ?i mkg:relatesToTarget sdg:10 }
        WHERE { ?i mkg:qualifiedLink ?l . ?l mkg:linkedConcept sdg:10.7 } ;
        INSERT DATA { <practice/1> mkg:qualifiedLink <practice/1/link/target-8-8> .
          <practice/1/link/target-8-8> a mkg:ConceptLink ; mkg:linkedConcept sdg:8.8 ;
            mkg:basis basis:inferred ; mkg:confidence 0.7 }"""
    [finding] = findings_after(engine, update)
    assert (finding.shape.removeprefix(MKGSH), finding.severity) == (
        "Agenda2030SectionShape-targets", "warning")
    assert "SDG target 8.8" in finding.message


def test_empty_agenda2030_is_not_also_warned_about_targets(engine: Engine) -> None:
    found = summary(findings_after(engine, empty_section("agenda2030")))
    assert ("Agenda2030SectionShape-targets", "warning", "agenda2030") not in found


def test_seed_report_pattern(engine: Engine) -> None:
    """The seed report: section 5 empty, section 4 says the Compact was not discussed."""
    update = empty_section("agenda2030") + """ ;
        DELETE { <section/gcm> mkg:text ?t } INSERT { <section/gcm> mkg:text
          '''Although not directly discussed, main above-mentioned points are completely
           in line with the content of the Compact.''' }
        WHERE { <section/gcm> mkg:text ?t } ;
        DELETE { ?l mkg:basis basis:explicit } INSERT { ?l mkg:basis basis:inferred }
        WHERE { ?l mkg:basis basis:explicit }"""
    found = summary(findings_after(engine, update))
    assert found == {("Agenda2030SectionShape-empty", "violation", "agenda2030"),
                     ("GcmSectionShape-objectives", "warning", "gcm")}


# --- quotes and the Chatham House rule ----------------------------------------------

NAMED = """DELETE { <quote/1> mkg:attribution ?a ; mkg:speaker ?s }
    INSERT { <quote/1> mkg:attribution attribution:named ; mkg:speaker "Mr. Teodoro Villaflor" }
    WHERE { <quote/1> mkg:attribution ?a ; mkg:speaker ?s }"""


def test_named_quote_without_approval_is_a_violation(engine: Engine) -> None:
    [finding] = findings_after(engine, NAMED)
    assert (finding.shape.removeprefix(MKGSH), finding.severity, finding.section) == (
        "QuoteShape-chatham-house", "violation", "quotes")
    assert finding.focus == f"{REPORT}/quote/1"
    assert "Chatham House" in finding.message


def test_named_quote_with_approval_false_is_a_violation(engine: Engine) -> None:
    update = NAMED + " ; INSERT DATA { <quote/1> mkg:approved false }"
    found = summary(findings_after(engine, update))
    assert found == {("QuoteShape-chatham-house", "violation", "quotes")}


def test_named_quote_with_approval_conforms(engine: Engine) -> None:
    assert findings_after(engine, NAMED + " ; INSERT DATA { <quote/1> mkg:approved true }") == []


def test_quote_without_attribution_is_a_violation(engine: Engine) -> None:
    found = summary(findings_after(engine, "DELETE WHERE { <quote/1> mkg:attribution ?a }"))
    assert ("QuoteShape-attribution", "violation", "quotes") in found


def test_anonymous_quote_naming_an_organisation_is_a_warning(engine: Engine) -> None:
    update = "INSERT DATA { <quote/1> mkg:mentions <https://w3id.org/migkg/id/actor/iom> }"
    found = summary(findings_after(engine, update))
    assert found == {("QuoteShape-anonymous-organisation", "warning", "quotes")}


def test_anonymous_quote_naming_a_country_is_fine(engine: Engine) -> None:
    update = "INSERT DATA { <quote/1> mkg:mentions <https://w3id.org/migkg/id/country/MAR> }"
    assert findings_after(engine, update) == []


@pytest.mark.parametrize("where, text", [
    ("speaker", "Ms. Laila Verhoeven, employers' organisation"),
    ("speaker", "H.E. Ambassador Okafor"),
    ("text", "As Dr Amina Diallo put it, data is protection."),
    ("text", "M. Dupont a dit que les données protègent."),
])
def test_anonymous_quote_naming_a_person_is_a_warning(engine: Engine, where: str,
                                                      text: str) -> None:
    update = replace("<quote/1>", f"mkg:{where}", Literal(text).n3())
    found = summary(findings_after(engine, update))
    assert found == {("QuoteShape-anonymous-person", "warning", "quotes")}


@pytest.mark.parametrize("speaker", ["South-Asian country", "civil society, East Africa",
                                     "Minister of Labour of a West African country",
                                     "DR Congo delegation"])
def test_anonymous_descriptions_are_not_names(engine: Engine, speaker: str) -> None:
    update = replace("<quote/1>", "mkg:speaker", Literal(speaker).n3())
    assert findings_after(engine, update) == []


# --- insights ------------------------------------------------------------------------

INSIGHT_CASES = {
    "no text": ("DELETE WHERE { <challenge/1> mkg:text ?t }", "InsightShape-text", "violation"),
    "blank text": ('DELETE { <challenge/1> mkg:text ?t } INSERT { <challenge/1> mkg:text " " }'
                   " WHERE { <challenge/1> mkg:text ?t }", "InsightShape-text", "violation"),
    "no anchor": ("DELETE WHERE { <challenge/1> mkg:anchor ?a }", "InsightShape-anchor",
                  "violation"),
    "no position": ("DELETE WHERE { <challenge/1/anchor> oa:hasSelector ?s }",
                    "InsightShape-anchor", "violation"),
    "offset not a number": (replace("<challenge/1/anchor/position>", "oa:start", '"x"'),
                            "InsightShape-anchor", "violation"),
    "no category": ("DELETE WHERE { <challenge/1> mkg:category ?c }",
                    "ChallengeShape-category", "info"),
    "unknown category": ("DELETE { <challenge/1> mkg:category ?c } INSERT { <challenge/1> "
                         "mkg:category <https://w3id.org/migkg/vocab/challenge-category/luck> }"
                         " WHERE { <challenge/1> mkg:category ?c }",
                         "ChallengeShape-category-concept", "violation"),
}


@pytest.mark.parametrize("case", sorted(INSIGHT_CASES))
def test_insight_constraints(engine: Engine, case: str) -> None:
    update, shape, severity = INSIGHT_CASES[case]
    assert summary(findings_after(engine, update)) == {(shape, severity, "challenges")}


def test_statements_of_sections_4_and_5_are_checked_too(engine: Engine) -> None:
    update = """DELETE { <summary/2> a mkg:SummaryPoint } INSERT { <summary/2> a mkg:Insight }
        WHERE { <summary/2> a mkg:SummaryPoint } ;
        DELETE WHERE { <summary/2> mkg:anchor ?a }"""
    assert summary(findings_after(engine, update)) == {("InsightShape-anchor", "violation", "gcm")}


def test_practice_without_level_is_a_warning(engine: Engine) -> None:
    found = summary(findings_after(engine, "DELETE WHERE { <practice/1> mkg:level ?l }"))
    assert found == {("PracticeShape-level", "warning", "practices")}


def test_practice_with_unknown_level_is_a_violation(engine: Engine) -> None:
    update = ("DELETE { <practice/1> mkg:level ?l } INSERT { <practice/1> mkg:level "
              "<https://w3id.org/migkg/vocab/level/galactic> } WHERE { <practice/1> mkg:level ?l }")
    found = summary(findings_after(engine, update))
    assert found == {("PracticeShape-level-concept", "violation", "practices")}


def test_practice_naming_no_actor_is_info(engine: Engine) -> None:
    found = summary(findings_after(engine, "DELETE WHERE { <practice/1> mkg:mentions ?m }"))
    assert found == {("PracticeShape-actor", "info", "practices")}


def test_practice_naming_an_organisation_is_enough(engine: Engine) -> None:
    update = """DELETE WHERE { <practice/1> mkg:mentions ?m } ;
        INSERT DATA { <practice/1> mkg:mentions <https://w3id.org/migkg/id/actor/sadc> }"""
    assert findings_after(engine, update) == []


def test_insight_findings_say_where(engine: Engine) -> None:
    [finding] = findings_after(engine, "DELETE WHERE { <practice/1> mkg:level ?l }")
    assert finding.where == 'practice 1: "Practice text."'


# --- links ---------------------------------------------------------------------------

LINK = "<summary/2/link/objective-23>"
LINK_CASES = {
    "confidence above 1": (replace(LINK, "mkg:confidence", "1.5"),
                           {"ConceptLinkShape-confidence"}),
    "confidence below 0": (replace(LINK, "mkg:confidence", '"-0.1"^^xsd:decimal'),
                           {"ConceptLinkShape-confidence"}),
    "no confidence": (f"DELETE WHERE {{ {LINK} mkg:confidence ?c }}",
                      {"ConceptLinkShape-confidence"}),
    "no basis": (f"DELETE WHERE {{ {LINK} mkg:basis ?b }}",
                 # without a basis it is no longer an explicit mention either
                 {"ConceptLinkShape-basis", "GcmSectionShape-objectives"}),
    "odd basis": (replace(LINK, "mkg:basis", "level:national"),
                  {"ConceptLinkShape-basis", "GcmSectionShape-objectives"}),
    "objective 24": ("DELETE { ?l mkg:linkedConcept objective:23 . ?i mkg:relatesToObjective"
                     " objective:23 } INSERT { ?l mkg:linkedConcept objective:24 . "
                     "?i mkg:relatesToObjective objective:24 } WHERE { ?i mkg:qualifiedLink"
                     " ?l . ?l mkg:linkedConcept objective:23 }",
                     {"ConceptLinkShape-scheme"}),
    "two concepts": (f"INSERT DATA {{ {LINK} mkg:linkedConcept objective:22 }}",
                     {"ConceptLinkShape-linkedConcept"}),
    "no concept": (f"DELETE WHERE {{ {LINK} mkg:linkedConcept ?c }}",
                   {"ConceptLinkShape-scheme", "GcmSectionShape-objectives"}),
    "principle of another list": (replace("<practice/1>", "mkg:relatesToPrinciple",
                                          "objective:5"),
                                  {"LinkShortcutShape-relatesToPrinciple"}),
    "target of another list": ("DELETE { ?i mkg:relatesToTarget ?t } INSERT { ?i "
                               "mkg:relatesToTarget principle:whole-of-society } "
                               "WHERE { ?i mkg:relatesToTarget ?t }",
                               {"LinkShortcutShape-relatesToTarget"}),
    "objective as target": ("DELETE { ?i mkg:relatesToTarget ?t } INSERT { ?i mkg:relatesToTarget"
                            " objective:5 } WHERE { ?i mkg:relatesToTarget ?t }",
                            {"LinkShortcutShape-relatesToTarget"}),
    "target as objective": ("INSERT DATA { <summary/2> mkg:relatesToObjective sdg:10.7 }",
                            {"LinkShortcutShape-relatesToObjective"}),
}


@pytest.mark.parametrize("case", sorted(LINK_CASES))
def test_link_constraints(engine: Engine, case: str) -> None:
    update, shapes = LINK_CASES[case]
    found = findings_after(engine, update)
    assert {f.shape.removeprefix(MKGSH) for f in found} == shapes
    link_findings = [f for f in found if not f.shape.endswith("GcmSectionShape-objectives")]
    assert all(f.severity == "violation" for f in link_findings)
    # a link is filed under the section of the statement it comes from
    assert {f.section for f in link_findings} <= {"gcm", "agenda2030", "practices"}


# --- the shapes files themselves -----------------------------------------------------

SHACL_CORE_AND_SPARQL = {
    # targets
    "targetClass", "targetNode", "targetObjectsOf", "targetSubjectsOf",
    # shape characteristics and non-validating properties
    "property", "path", "severity", "message", "name", "description", "deactivated",
    "order", "group", "defaultValue",
    # paths
    "inversePath", "alternativePath", "zeroOrMorePath", "oneOrMorePath", "zeroOrOnePath",
    # core constraint parameters
    "class", "datatype", "nodeKind", "minCount", "maxCount", "minExclusive", "minInclusive",
    "maxExclusive", "maxInclusive", "minLength", "maxLength", "pattern", "flags",
    "languageIn", "uniqueLang", "equals", "disjoint", "lessThan", "lessThanOrEquals", "not",
    "and", "or", "xone", "node", "qualifiedValueShape", "qualifiedMinCount",
    "qualifiedMaxCount", "qualifiedValueShapesDisjoint", "closed", "ignoredProperties",
    "hasValue", "in",
    # SHACL-SPARQL
    "sparql", "select", "ask", "prefixes", "declare", "prefix", "namespace",
}


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return shapes_graph()


def test_shapes_use_only_core_and_sparql(shapes: Graph) -> None:
    used = {str(p)[len(SH):] for p in shapes.predicates() if str(p).startswith(SH)}
    assert used <= SHACL_CORE_AND_SPARQL, used - SHACL_CORE_AND_SPARQL
    classes = {str(o)[len(SH):] for o in shapes.objects(None, RDF.type) if str(o).startswith(SH)}
    assert classes <= {"NodeShape", "PropertyShape"}


def test_shapes_are_well_formed_shacl(shapes: Graph) -> None:
    from pyshacl import validate

    conforms, _graph, text = validate(shapes, shacl_graph=None, meta_shacl=True,
                                      inference="none")
    assert conforms, text


def test_no_owl_imports(shapes: Graph) -> None:
    assert not list(shapes.triples((None, URIRef("http://www.w3.org/2002/07/owl#imports"), None)))


def test_reporting_shapes_are_named_with_message_and_severity(shapes: Graph) -> None:
    """Every shape that can produce a result is an IRI with a name and a message."""
    severity = URIRef(SH + "severity")
    reporting = set(shapes.subjects(severity, None))
    assert reporting
    for shape in reporting:
        assert isinstance(shape, URIRef), shape
        assert str(shape).startswith(MKGSH)
        assert shapes.value(shape, URIRef(SH + "message")) is not None, shape
        assert (shapes.value(shape, URIRef(SH + "name")) or shapes.value(shape, RDFS.label)), shape
    # shapes with a target but no severity would report as Violations by default
    for target in ("targetClass", "targetSubjectsOf", "targetObjectsOf", "targetNode"):
        for shape in shapes.subjects(URIRef(SH + target), None):
            for prop in shapes.objects(shape, URIRef(SH + "property")):
                assert (prop, severity, None) in shapes, prop


def test_readme_table_matches_the_shapes(shapes: Graph) -> None:
    readme = (files("migkg.shapes") / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\|[^|]*\|\s*`([\w-]+)`\s*\|\s*(Violation|Warning|Info)\s*\|\s*(.*?)\s*\|$",
                      readme, flags=re.MULTILINE)
    listed = {shape: (severity, message) for shape, severity, message in rows}
    actual = {
        str(s).removeprefix(MKGSH): (str(o).removeprefix(SH),
                                     str(shapes.value(s, URIRef(SH + "message"))))
        for s, o in shapes.subject_objects(URIRef(SH + "severity"))
    }
    assert listed == actual


def test_shape_files_are_one_per_concern() -> None:
    names = {entry.name for entry in resources.shape_files()}
    assert {"report.ttl", "sections.ttl", "quotes.ttl", "insights.ttl", "links.ttl"} <= names


# --- the loader's reading (shapes/reading.ttl) --------------------------------------------

UNPLACED = ('INSERT DATA { report: mkg:unassigned <unassigned/1> . '
            '<unassigned/1> a mkg:UnassignedText ; mkg:underHeading "Things that worked" ; '
            'mkg:reason "heading not recognised" }')
PRACTICES_MISSING = replace("<section/practices>", "mkg:status",
                            "<https://w3id.org/migkg/vocab/status/missing>")


def test_a_heading_the_loader_could_not_place_is_named(engine: Engine) -> None:
    findings = findings_after(engine, UNPLACED)
    assert summary(findings) == {("UnassignedTextShape-heading", "warning", "")}
    assert "'Things that worked'" in findings[0].message


def test_no_section_is_called_missing_when_a_heading_was_not_placed(engine: Engine) -> None:
    without = summary(findings_after(engine, PRACTICES_MISSING))
    assert ("PracticesSectionShape-missing", "violation", "practices") in without
    findings = findings_after(engine, PRACTICES_MISSING + " ; " + UNPLACED)
    assert summary(findings) == {("UnassignedTextShape-heading", "warning", "")}
    assert "section 3" in findings[0].message and "'Things that worked'" in findings[0].message


def test_an_uncertain_heading_is_a_warning_naming_it(engine: Engine) -> None:
    update = ('INSERT DATA { <section/practices> mkg:readingConfidence "0.41"^^xsd:decimal }')
    findings = findings_after(engine, update)
    assert summary(findings) == {("SectionReadingShape-confidence", "warning", "practices")}
    assert "was read as section 3" in findings[0].message
