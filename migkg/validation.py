"""SHACL completeness validation of report graphs, one report at a time.

Each report is validated on its own, never the whole store: the data graph is that
report's named graph (only the triples whose predicates the shapes read) plus the few
vocabulary triples its shapes look up (scheme membership of the concepts it uses, the name
of its event) and the template-section class of each section node. The shapes come only
from ``shapes/*.ttl``: nothing is taken from the data and no ``owl:imports`` is followed.
pySHACL runs without inference (the shapes target the concrete classes) and with warnings
and infos allowed, so a report *conforms* when it has no Violation. The results are
exactly those of one plain pySHACL run over the union of all reports and the whole
vocabularies (tests/test_validate_cli.py), while validating one report costs only that
report.

The shapes graph is parsed and harvested once per process and reused for every report;
many reports are spread over a process pool.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import PurePath

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from migkg.ontology import template
from migkg.ontology.iris import basis_iri
from migkg.ontology.namespaces import GCM, MKG, OA, SCHEMA, SDG, VOCAB

from . import resources

SEVERITIES = ("violation", "warning", "info")
SECTIONS = template.section_keys()
SHAPES = URIRef("https://w3id.org/migkg/shapes#")
# Findings about sections 4 and 5 that get the linker's suggestions appended, so that the
# rapporteur sees which objectives or targets the rest of the report points to.
_SUGGESTING = {
    **{URIRef(f"{SHAPES}GcmSectionShape-{k}"): "objectives"
       for k in ("objectives", "empty", "missing")},
    **{URIRef(f"{SHAPES}Agenda2030SectionShape-{k}"): "targets"
       for k in ("targets", "empty", "missing")},
}

# The class of each template section's node, which the section shapes target.
SECTION_CLASSES = {s.key: URIRef(s.class_iri) for s in template.sections()}
# Findings about the loader's reading, whose messages get the heading's own words.
_UNPLACED = URIRef(f"{SHAPES}UnassignedTextShape-heading")
_UNCERTAIN = URIRef(f"{SHAPES}SectionReadingShape-confidence")
# The shapes whose messages get the linker's suggestions, or the unplaced heading's words.
UNPLACED = _UNPLACED
SUGGESTING = frozenset(_SUGGESTING)

# Vocabularies the shapes read: scheme membership of concepts, and the names of known
# events (the loader leaves those to events.ttl). Actors and countries are matched by IRI
# pattern instead, so their (large) files are not needed.
VALIDATION_VOCABULARIES = ("schemes", "gcm", "sdg", "events")

_SH = "http://www.w3.org/ns/shacl#"
_SEVERITY_NAMES = {URIRef(_SH + "Violation"): "violation", URIRef(_SH + "Warning"): "warning",
                   URIRef(_SH + "Info"): "info"}
_SECTION_PREFIX = str(VOCAB) + "section/"
_OBJECTIVE_PREFIX = str(GCM) + "objective/"
_TARGET_PREFIX = str(SDG)
# Below this many reports a process pool (forking, passing graphs and findings between
# processes) saves too little to be worth it: on 2 cores it breaks even at about 8 reports
# and saves a third at 32 (bench/RESULTS.md).
PARALLEL_THRESHOLD = 16
_SUGGESTIONS = 5


@dataclass(frozen=True)
class Finding:
    """One validation result, in the terms a rapporteur reads.

    ``section`` is a template section key (see :data:`SECTIONS`) or ``""`` for the report
    header; ``path`` is ``""`` when the finding is about the node as a whole. ``shape``,
    ``component`` and ``value`` keep the SHACL detail for the Turtle report.
    """

    report: str
    source: str
    severity: str
    section: str
    focus: str
    path: str
    message: str
    shape: str = ""
    component: str = ""
    value: str = ""  # the value node in N-Triples syntax, or "" when there is none
    where: str = ""  # the focus node in words ("practice 3: 'National will ...'")

    def sort_key(self) -> tuple:
        section_rank = SECTIONS.index(self.section) + 1 if self.section in SECTIONS else 0
        return (self.report, section_rank, SEVERITIES.index(self.severity),
                _natural(self.focus), self.path, self.shape, self.value, self.message)


@dataclass(frozen=True)
class ReportInfo:
    """A validated report, so renderers can also list the ones with nothing to report."""

    iri: str
    source: str
    session: str = ""
    title: str = ""


@dataclass
class ValidationOutcome:
    conforms: bool
    findings: list[Finding]
    turtle_report: str
    reports: list[ReportInfo] = field(default_factory=list)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def fails(self, fail_on: str = "violation") -> bool:
        """True if any finding is at or above ``fail_on`` (violation > warning > info)."""
        limit = SEVERITIES.index(fail_on)
        return any(SEVERITIES.index(f.severity) <= limit for f in self.findings)


class ValidationError(Exception):
    """Validation could not run (for example an unknown ``--report``); one plain line."""


# --------------------------------------------------------------------------------------
# Shapes and vocabularies: loaded once per process.


def shapes_graph() -> Graph:
    """The shapes graph: exactly the project's ``shapes/*.ttl`` files."""
    graph = Graph()
    for entry in resources.shape_files():
        graph.parse(data=entry.read_text(encoding="utf-8"), format="turtle",
                    publicID=f"https://w3id.org/migkg/shapes/{entry.name}")
    return graph


def vocabulary_graph() -> Graph:
    """The vocabularies that the shapes' scheme checks and the messages need."""
    graph = Graph()
    for name in VALIDATION_VOCABULARIES:
        entry = resources.vocabulary_file(name)
        if entry.is_file():
            graph.parse(data=entry.read_text(encoding="utf-8"), format="turtle",
                        publicID=f"https://w3id.org/migkg/vocab/{name}.ttl")
    return graph


class _ParameterList(list):
    """pySHACL's list of constraint parameters with set-speed membership tests.

    For every shape it evaluates, pySHACL tests each predicate of the shape for membership
    in this list (``p in list``, i.e. dozens of rdflib ``__eq__`` calls); on our shapes
    that is a quarter of the validation time (bench/bench_validate.py). Only ``in``
    changes: it is still a list, so pySHACL's advanced mode can copy and extend it.
    """

    def __init__(self, items: Iterable[Node]) -> None:
        super().__init__(items)
        self._members = frozenset(self)

    def __contains__(self, item: object) -> bool:
        return item in self._members


def _speed_up_pyshacl() -> None:
    """Give pySHACL its parameter list as a :class:`_ParameterList` (same members, same
    results). pySHACL caches the list on its ``shape`` module itself; if a later version
    no longer does, this does nothing."""
    try:
        from pyshacl import shape
        from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP
    except ImportError:  # pragma: no cover - another pySHACL layout
        return
    current = getattr(shape, "CONSTRAINT_PARAMS", None)
    if current is None or not isinstance(current[0], _ParameterList):
        shape.CONSTRAINT_PARAMS = (_ParameterList(ALL_CONSTRAINT_PARAMETERS),
                                   CONSTRAINT_PARAMETERS_MAP)


class Engine:
    """pySHACL with the shapes harvested once, applied to one report graph at a time."""

    def __init__(self, shapes: Graph | None = None, vocabulary: Graph | None = None) -> None:
        from pyshacl.shapes_graph import ShapesGraph

        _speed_up_pyshacl()

        self.shapes = shapes if shapes is not None else shapes_graph()
        self._shapes_graph = ShapesGraph(self.shapes)
        # Harvest now so each report only pays for validation.
        _ = self._shapes_graph.shapes
        vocabulary = vocabulary if vocabulary is not None else vocabulary_graph()
        # Only triples whose predicate some shape (or this module, for its messages) reads:
        # pySHACL looks at nothing else, so the results are the same, and mentions,
        # quote selectors, labels and keywords would be copied and indexed for nothing.
        read = _predicates_read(self.shapes)
        if read:
            read |= _ALSO_READ
        self.predicates: frozenset[str] | None = (
            frozenset(str(p) for p in read) if read else None)
        self._concepts: dict[Node, list[tuple[Node, Node, Node]]] = {}
        for triple in vocabulary:
            if isinstance(triple[0], URIRef) and (not read or triple[1] in read):
                self._concepts.setdefault(triple[0], []).append(triple)
        self.describer = Describer(vocabulary)

    def prepare(self, data: Graph) -> Graph:
        """Add to a report graph, in place, what its shapes read beyond the report.

        That is the vocabulary triples of the concepts the report uses: the shapes only
        ever step from the data onto a concept and read its own triples (scheme
        membership, an event's name), so this gives the same results as the whole
        vocabularies. And each section node's template-section class, derived from its
        ``mkg:sectionType`` where the loader has not written it.
        """
        used = {o for o in data.objects() if isinstance(o, URIRef)}
        for concept in used & self._concepts.keys():
            for triple in self._concepts[concept]:
                data.add(triple)
        add_section_classes(data)
        return data

    def run(self, data: Graph) -> tuple[bool, Graph]:
        """Plain pySHACL on ``data`` with the harvested shapes: (conforms, report graph)."""
        from pyshacl import Validator
        from pyshacl.graph_abstraction import DataGraph

        validator = Validator(
            DataGraph.from_rdflib(data),
            shacl_graph=self.shapes,
            options={"inference": "none", "inplace": True, "allow_warnings": True,
                     "allow_infos": True, "advanced": False},
        )
        validator.shacl_graph = self._shapes_graph
        conforms, report, _text = validator.run()
        return bool(conforms), report

    def validate_report(self, report_iri: str, report_graph: Graph, *,
                        in_place: bool = False) -> list[Finding]:
        """The findings for one report graph (copied first unless ``in_place``)."""
        data = report_graph if in_place else _copy(report_graph)
        self.prepare(data)
        _conforms, report = self.run(data)
        report_node = URIRef(report_iri)
        source = _source_name(data, report_node)
        findings = []
        for result in report.objects(None, URIRef(_SH + "result")):
            findings.append(self._finding(report, result, data, report_iri, source))
        return sorted(findings, key=Finding.sort_key)

    def _finding(self, report: Graph, result: Node, data: Graph, report_iri: str,
                 source: str) -> Finding:
        def get(name: str) -> Node | None:
            return report.value(result, URIRef(_SH + name))

        messages = sorted(str(m) for m in report.objects(result, URIRef(_SH + "resultMessage")))
        shape = get("sourceShape")
        return self.describer.finding(
            data, report_iri, source, focus=get("focusNode"), path=get("resultPath"),
            value=get("value"), shape=shape, component=get("sourceConstraintComponent"),
            severity=_SEVERITY_NAMES.get(get("resultSeverity"), "violation"),
            message=messages[0] if messages else f"Does not conform to {_local(shape)}.")


class Describer:
    """Turns a SHACL result into a :class:`Finding` in a rapporteur's words, whichever
    engine found it: the section it concerns, the focus node described ("practice 3:
    '...'"), and for some shapes the linker's suggestions or the heading's own words.

    It reads only the data graph it is given (the report's triples with the predicates
    in :data:`_ALSO_READ`) and the vocabularies' labels, built on first use.
    """

    def __init__(self, vocabulary: Graph | Callable[[], Graph] | None = None) -> None:
        # A graph, or what gives it when first needed (most runs name no concept).
        self._vocabulary = vocabulary
        self._labels_cache: dict[Node, tuple[str, str]] | None = None

    @property
    def _labels(self) -> dict[Node, tuple[str, str]]:
        if self._labels_cache is None:
            vocabulary = self._vocabulary
            if vocabulary is None:
                vocabulary = vocabulary_graph()
            elif callable(vocabulary):
                vocabulary = vocabulary()
            self._labels_cache = _concept_labels(vocabulary)
        return self._labels_cache

    def finding(self, data: Graph, report_iri: str, source: str, *, focus: Node | None,
                path: Node | None, value: Node | None, shape: Node | None,
                component: Node | None, severity: str, message: str,
                inferred: Iterable[tuple[Node, Node | None]] | None = None) -> Finding:
        """The finding for one result on report ``report_iri`` (``data``: its triples;
        ``inferred``: its inferred links as :func:`inferred_links` gives them, read from
        ``data`` when not given)."""
        section = _section_of(data, focus)
        kind = _SUGGESTING.get(shape)
        if kind is not None:
            links = inferred_links(data) if inferred is None else inferred
            prefix = _OBJECTIVE_PREFIX if kind == "objectives" else _TARGET_PREFIX
            message += " " + self._suggest(links, prefix, kind)
        if shape == _UNPLACED:
            message += " " + _unplaced(data, focus, value)
        elif shape == _UNCERTAIN:
            message += " " + _uncertain(data, focus, value)
        return Finding(
            report=report_iri,
            source=source,
            severity=severity,
            section=section,
            focus=_iri(focus),
            path=_iri(path),
            message=message,
            shape=_iri(shape),
            component=_iri(component),
            value=value.n3() if isinstance(value, (URIRef, Literal)) else "",
            where=_describe(data, focus, URIRef(report_iri)),
        )

    def _suggest(self, inferred: Iterable[tuple[Node, Node | None]], prefix: str,
                 kind: str) -> str:
        """Name the concepts the linker inferred for the report, most confident first
        (``inferred``: concept and confidence of each inferred link)."""
        best: dict[URIRef, float] = {}
        for concept, confidence in inferred:
            if not str(concept).startswith(prefix):
                continue
            if kind == "targets" and "." not in str(concept)[len(prefix):]:
                continue  # goals are not what section 5 asks for
            try:
                score = float(confidence) if confidence is not None else 0.0
            except ValueError:
                score = 0.0
            best[concept] = max(best.get(concept, 0.0), score)
        if not best:
            return f"migkg could not infer any {kind} from the report's text either."
        ranked = sorted(best, key=lambda c: (-best[c], _natural(str(c))))[:_SUGGESTIONS]
        names = "; ".join(self._concept_name(c, kind) for c in ranked)
        return f"From the rest of the report, migkg's linker suggests: {names}."

    def _concept_name(self, concept: URIRef, kind: str) -> str:
        notation, label = self._labels.get(concept, ("", ""))
        code = notation or str(concept).rsplit("/", 1)[-1]
        prefix = "Objective" if kind == "objectives" else "SDG target"
        return f"{prefix} {code} ({label})" if label else f"{prefix} {code}"


def _value(data: Graph, subject: Node | None, predicate: Node) -> Node | None:
    """The object of ``subject`` and ``predicate``; of several, the first in N-Triples
    order, so that a finding's words never depend on the order triples were read in."""
    return _first(data.objects(subject, predicate), None)


def _first(nodes: Iterable[Node], default: Node | None) -> Node | None:
    """The first of ``nodes`` in N-Triples order, or ``default`` when there is none."""
    return min(nodes, key=lambda node: node.n3(), default=default)


def inferred_links(data: Graph) -> list[tuple[Node, Node | None]]:
    """Concept and confidence of each link in ``data`` that the linker inferred."""
    return [(concept, _value(data, link, MKG.confidence))
            for link, concept in data.subject_objects(MKG.linkedConcept)
            if _value(data, link, MKG.basis) == basis_iri("inferred")]


def _unplaced(data: Graph, focus: Node | None, heading: Node | None) -> str:
    """The unplaced heading in words, with the template sections the report lacks."""
    report = _value(data, None, MKG.unassigned) if focus is None else _first(
        data.subjects(MKG.unassigned, focus), None)
    missing = []
    for section in data.objects(report, MKG.hasSection) if report is not None else ():
        if str(_value(data, section, MKG.status)).endswith("/missing"):
            key = str(_value(data, section, MKG.sectionType))[len(_SECTION_PREFIX):]
            if key in SECTIONS:
                missing.append(template.section(key))
    heading = _value(data, focus, MKG.underHeading) if focus is not None else heading
    text = f"The heading is {str(heading)!r}."
    if not missing:
        return text + " If its text belongs to the report, move it under a template section."
    names = "; ".join(f"section {s.number} '{s.title}'" for s in
                      sorted(missing, key=lambda s: s.number))
    return (text + f" The report has no {names}: if this heading opens one of them, word it "
            "as the template does so that it is read as such.")


def _uncertain(data: Graph, focus: Node | None, confidence: Node | None) -> str:
    """The uncertain heading in words: what it says and which section it was read as."""
    heading = _value(data, focus, MKG.heading) if focus is not None else None
    kind = _value(data, focus, MKG.sectionType) if focus is not None else None
    key = str(kind)[len(_SECTION_PREFIX):] if kind is not None else ""
    if key not in SECTIONS:
        return ""
    section = template.section(key)
    return (f"The heading {str(heading or '')!r} was read as section {section.number} "
            f"'{section.title}' (confidence {confidence}); if that is wrong, word the heading "
            "as the template does.")


# What the describer reads, by the role of the node read (the store engine fetches only
# these): the focus node's own triples; the edges that lead to it (from the statement
# whose span or link it is, from the report); the triples of that statement and of a
# section; the concepts' names.
FOCUS_READS = frozenset({RDF.type, MKG.position, MKG.text, MKG.linkedConcept, MKG.inSection,
                         DCTERMS.identifier, RDFS.label, MKG.underHeading, MKG.heading,
                         MKG.sectionType, MKG.status})
EDGE_READS = frozenset({OA.hasSelector, MKG.anchor, MKG.qualifiedLink, MKG.unassigned,
                        MKG.rapporteur})
OWNER_READS = frozenset({RDF.type, MKG.position, MKG.text, MKG.inSection})
SECTION_READS = frozenset({RDF.type, MKG.sectionType, MKG.status})
# All of it, with the report's sections, the inferred links' basis and confidence and the
# source file's name: what pySHACL's data graph keeps beyond the shapes' own predicates.
_ALSO_READ = FOCUS_READS | EDGE_READS | OWNER_READS | SECTION_READS | frozenset(
    {MKG.hasSection, MKG.basis, MKG.confidence, PROV.wasDerivedFrom, SCHEMA.name})
# Parameters whose value is a predicate that pySHACL reads on the focus node.
_PREDICATE_PARAMETERS = ("path", "targetSubjectsOf", "targetObjectsOf", "equals",
                         "disjoint", "lessThan", "lessThanOrEquals")


def _predicates_read(shapes: Graph) -> set[Node]:
    """Every predicate the shapes can read in the data: those in paths (inverse and
    sequence paths included) and in property-pair parameters and targets, plus rdf:type
    and rdfs:subClassOf for targets and sh:class. Empty when a shape is closed (a closed
    shape reads every predicate), meaning "keep everything"."""
    if (None, URIRef(_SH + "closed"), Literal(True)) in shapes:
        return set()
    read: set[Node] = {RDF.type, RDFS.subClassOf}
    pending = [o for name in _PREDICATE_PARAMETERS
               for o in shapes.objects(None, URIRef(_SH + name))]
    seen: set[Node] = set()
    while pending:
        node = pending.pop()
        if node in seen:
            continue
        seen.add(node)
        if isinstance(node, URIRef):
            if node != RDF.nil:
                read.add(node)
            continue
        # a blank node: an RDF list (sequence path) or a complex path; walk every object
        pending.extend(o for p, o in shapes.predicate_objects(node) if p != RDF.type)
    return read


def add_section_classes(data: Graph) -> None:
    """Type each section node with its template section's class (a no-op where the
    loader already did)."""
    for node, kind in list(data.subject_objects(MKG.sectionType)):
        cls = SECTION_CLASSES.get(str(kind)[len(_SECTION_PREFIX):])
        if cls is not None:
            data.add((node, RDF.type, cls))


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return copy


# What the concepts' names in messages are made of (see _concept_labels).
LABEL_READS = (SKOS.inScheme, SKOS.notation, SKOS.altLabel, SKOS.prefLabel, SKOS.definition)


def _concept_labels(vocabulary: Graph) -> dict[Node, tuple[str, str]]:
    """Notation and the shortest English label of each concept, for messages."""
    labels: dict[Node, tuple[str, str]] = {}
    for concept in set(vocabulary.subjects(SKOS.inScheme)):
        notation = str(vocabulary.value(concept, SKOS.notation) or "")
        # A label that only repeats the code ("Objective 1", "SDG target 10.7") says
        # nothing; the short label ("Data") or else the definition does.
        names = [str(lit) for p in (SKOS.altLabel, SKOS.prefLabel)
                 for lit in vocabulary.objects(concept, p)
                 if isinstance(lit, Literal) and lit.language in (None, "en")
                 and not (notation and notation in str(lit))]
        if names:
            label = min(names, key=lambda n: (len(n), n))
        else:
            definition = vocabulary.value(concept, SKOS.definition)
            label = _shorten(str(definition)) if definition is not None else ""
        labels[concept] = (notation, label)
    return labels


def _shorten(text: str, limit: int = 70) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "..."


def _natural(text: str) -> tuple:
    """Sort key that puts practice/2 before practice/10 and target 8.8 before 10.7."""
    parts = text.replace(".", "/").split("/")
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)


def _iri(node: Node | None) -> str:
    return str(node) if isinstance(node, URIRef) else ""


def _local(node: Node | None) -> str:
    return str(node).rsplit("#", 1)[-1] if node is not None else "a shape"


def _source_name(data: Graph, report: URIRef) -> str:
    for source in sorted(data.objects(report, PROV.wasDerivedFrom), key=lambda n: n.n3()):
        name = _value(data, source, SCHEMA.name)
        if name is not None:
            return str(name)
    return ""


_KINDS = ((MKG.SummaryPoint, "summary point"), (MKG.Challenge, "challenge"),
          (MKG.Practice, "practice"), (MKG.Quote, "quote"), (MKG.Insight, "statement"))


def _owner(data: Graph, node: Node) -> Node:
    """The statement a span or text selector belongs to, or the node itself."""
    anchor = _first(data.subjects(OA.hasSelector, node), node)
    return _first(data.subjects(MKG.anchor, anchor), node)


def _describe(data: Graph, focus: Node | None, report: URIRef) -> str:
    """The focus node in a rapporteur's words, for the text and HTML renderings."""
    if focus is None or focus == report:
        return ""
    owner = _owner(data, focus)
    if owner != focus:
        return "the span of " + _describe(data, owner, report)
    if (focus, RDF.type, MKG.ConceptLink) in data:
        concept = _value(data, focus, MKG.linkedConcept)
        owner = _first(data.subjects(MKG.qualifiedLink, focus), None)
        target = str(concept).rsplit("/", 1)[-1] if concept is not None else "?"
        return f"link to {target}" + (f" from {_describe(data, owner, report)}" if owner else "")
    for kind, word in _KINDS:
        if (focus, RDF.type, kind) in data:
            position = _value(data, focus, MKG.position)
            text = _value(data, focus, MKG.text)
            label = f"{word} {position}" if position is not None else word
            return f"{label}: \"{_shorten(' '.join(str(text).split()), 60)}\"" if text else label
    if (focus, RDF.type, MKG.Section) in data:
        return ""  # the message names the section
    if (focus, RDF.type, MKG.Session) in data:
        code = _value(data, focus, DCTERMS.identifier)
        return f"session {code}" if code else "session"
    if (focus, RDF.type, MKG.Event) in data:
        label = _value(data, focus, RDFS.label)
        return f"event \"{label}\"" if label else "event"
    if (report, MKG.rapporteur, focus) in data:
        return "rapporteur"
    return ""


def _section_of(data: Graph, focus: Node | None) -> str:
    """The template section a focus node belongs to, or "" (report header, session...)."""
    if focus is None:
        return ""
    node = _owner(data, focus)
    if (node, RDF.type, MKG.ConceptLink) in data:
        node = _first(data.subjects(MKG.qualifiedLink, node), node)
    section = node if (node, RDF.type, MKG.Section) in data \
        else _value(data, node, MKG.inSection)
    if section is None:
        return ""
    kind = _value(data, section, MKG.sectionType)
    key = str(kind)[len(_SECTION_PREFIX):] if kind is not None else ""
    return key if key in SECTIONS else ""


# --------------------------------------------------------------------------------------
# Many reports: one engine per process.

_ENGINE: Engine | None = None


def _engine() -> Engine:
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = Engine()
    return _ENGINE


_IRIS: dict[str, URIRef] = {}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def graph_from_ntriples(text: str, predicates: Set[str] | None = None) -> Graph:
    """Parse N-Triples into an rdflib graph, about twice as fast as rdflib's own parser
    (pyoxigraph parses; IRIs repeated across reports are made once per process).

    With ``predicates``, only triples with one of these predicates are kept.
    """
    import pyoxigraph as ox

    if len(_IRIS) > 200_000:  # a long run sees many one-report IRIs; start afresh
        _IRIS.clear()

    def term(node):
        kind = type(node)
        if kind is ox.NamedNode:
            value = node.value
            iri = _IRIS.get(value)
            if iri is None:
                iri = _IRIS[value] = URIRef(value)
            return iri
        if kind is ox.BlankNode:
            return BNode(node.value)
        if node.language:
            return Literal(node.value, lang=node.language)
        datatype = node.datatype.value
        if datatype == _XSD_STRING:
            return Literal(node.value)
        return Literal(node.value, datatype=term(node.datatype))

    graph = Graph()
    add = graph.add
    for triple in ox.parse(text, format=ox.RdfFormat.N_TRIPLES):
        if predicates is None or triple.predicate.value in predicates:
            add((term(triple.subject), term(triple.predicate), term(triple.object)))
    return graph


def _validate_ntriples(item: tuple[str, str]) -> list[Finding]:
    report_iri, ntriples = item
    engine = _engine()
    graph = graph_from_ntriples(ntriples, engine.predicates)
    return engine.validate_report(report_iri, graph, in_place=True)


def validate_graphs(graphs: Mapping[str, str] | Iterable[tuple[str, str]], *,
                    count: int | None = None, workers: int | None = None) -> list[Finding]:
    """Validate report graphs given as ``{report IRI: N-Triples}`` (or an iterable of
    such pairs, read lazily so reading overlaps validating); findings sorted.

    With ``workers`` > 1 (default: one per CPU once there are enough reports to pay for
    it) the reports are shared out over a process pool. ``count`` is the number of
    reports when ``graphs`` is an iterable.
    """
    items = graphs.items() if isinstance(graphs, Mapping) else graphs
    total = len(graphs) if isinstance(graphs, Mapping) else (count or 0)
    if workers is None:
        workers = (os.cpu_count() or 1) if total >= PARALLEL_THRESHOLD else 1
    _engine()  # built once here, inherited by forked workers
    findings: list[Finding] = []
    if workers <= 1 or total < 2:
        for item in items:
            findings.extend(_validate_ntriples(item))
    else:
        chunk = max(1, min(16, total // (workers * 4)))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for result in pool.map(_validate_ntriples, items, chunksize=chunk):
                findings.extend(result)
    return sorted(findings, key=Finding.sort_key)


# --------------------------------------------------------------------------------------
# The store.

_REPORTS_QUERY = """
PREFIX mkg: <https://w3id.org/migkg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?report (SAMPLE(?name) AS ?source) (SAMPLE(?code) AS ?session) (SAMPLE(?t) AS ?title)
WHERE {
  GRAPH ?report { ?report a mkg:Report }
  OPTIONAL { GRAPH ?report { ?report prov:wasDerivedFrom/schema:name ?name } }
  OPTIONAL { GRAPH ?report { ?report mkg:aboutSession/dcterms:title ?t } }
  OPTIONAL { ?report mkg:aboutSession/dcterms:identifier ?code }
}
GROUP BY ?report
"""


def list_reports(store) -> list[ReportInfo]:
    """Every report in the store (those with a graph of their own), sorted by IRI."""
    graphs = set(store.report_graphs())
    rows = store.select(_REPORTS_QUERY).rows
    infos = {row[0]: ReportInfo(row[0], row[1] or "", row[2] or "", row[3] or "")
             for row in rows if row[0] in graphs}
    for graph in graphs - infos.keys():
        infos[graph] = ReportInfo(graph, "")
    return [infos[k] for k in sorted(infos)]


def select_reports(reports: Sequence[ReportInfo], wanted: str) -> list[ReportInfo]:
    """Narrow to one report given as its IRI, or a file name or path of its source."""
    by_iri = [r for r in reports if r.iri == wanted]
    if by_iri:
        return by_iri
    name = PurePath(wanted).name
    by_source = [r for r in reports if r.source and r.source == name]
    if by_source:
        return by_source
    raise ValidationError(f"{wanted}: no report in the store has this IRI or source file name")


# --------------------------------------------------------------------------------------
# The standard report.


def turtle_report(conforms: bool, findings: Iterable[Finding]) -> str:
    """One ``sh:ValidationReport`` over all validated reports, in a stable order."""
    severities = {v: k for k, v in _SEVERITY_NAMES.items()}
    lines = [
        "@prefix sh: <http://www.w3.org/ns/shacl#> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
        "",
        "[] a sh:ValidationReport ;",
        f"    sh:conforms {'true' if conforms else 'false'}"
    ]
    # A session or event shared by several reports gives the same result in each of them;
    # the merged report states it once.
    unique = {_result_key(f): f for f in sorted(findings, key=Finding.sort_key, reverse=True)}
    results = sorted(unique.values(), key=Finding.sort_key)
    if not results:
        lines[-1] += " ."
        return "\n".join(lines) + "\n"
    lines[-1] += " ;"
    lines.append("    sh:result")
    for index, f in enumerate(results):
        body = [
            "a sh:ValidationResult",
            f"sh:focusNode <{f.focus}>" if f.focus else None,
            f"sh:resultPath <{f.path}>" if f.path else None,
            f"sh:value {f.value}" if f.value else None,
            f"sh:resultSeverity {severities[f.severity].n3()}",
            f"sh:sourceConstraintComponent <{f.component}>" if f.component else None,
            f"sh:sourceShape <{f.shape}>" if f.shape else None,
            f"sh:resultMessage {Literal(f.message).n3()}",
        ]
        inner = " ;\n            ".join(part for part in body if part)
        end = " ." if index == len(results) - 1 else " ,"
        lines.append(f"        [ {inner} ]{end}")
    return "\n".join(lines) + "\n"


def _result_key(f: Finding) -> tuple:
    return (f.focus, f.path, f.value, f.severity, f.component, f.shape, f.message)



def finding_keys(findings: Iterable[Finding]) -> set[tuple]:
    """What identifies each finding, comparable with :func:`report_keys`."""
    return {(f.focus, f.path, f.value, f.shape, f.component, f.severity) for f in findings}


def report_keys(report: Graph) -> set[tuple]:
    """The same keys read from any engine's sh:ValidationReport, for parity checks."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import SH

    severities = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}
    keys = set()
    for result in report.objects(None, SH.result):
        value, path = report.value(result, SH.value), report.value(result, SH.resultPath)
        keys.add((
            str(report.value(result, SH.focusNode)),
            str(path) if isinstance(path, URIRef) else "",
            value.n3() if isinstance(value, (URIRef, Literal)) else "",
            str(report.value(result, SH.sourceShape)),
            str(report.value(result, SH.sourceConstraintComponent)),
            severities[report.value(result, SH.resultSeverity)],
        ))
    return keys

__all__ = [
    "EDGE_READS",
    "LABEL_READS",
    "FOCUS_READS",
    "OWNER_READS",
    "SECTION_READS",
    "SUGGESTING",
    "UNPLACED",
    "Describer",
    "inferred_links",
    "finding_keys",
    "report_keys",
    "SECTIONS",
    "SEVERITIES",
    "Engine",
    "Finding",
    "ReportInfo",
    "ValidationError",
    "ValidationOutcome",
    "list_reports",
    "select_reports",
    "turtle_report",
    "validate_graphs",
]
