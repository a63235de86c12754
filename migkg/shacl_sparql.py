"""Compile the SHACL Core shapes of ``shapes/`` into SPARQL SELECT queries over the store.

The shapes stay the one source of truth: this module reads them (rdflib) and turns each
constraint of each shape that can produce a result into one query that returns exactly the
results pySHACL gives for it (focus node, value node where pySHACL gives one), with the
result's path, source shape, constraint component, severity and message taken from the
shapes. It covers exactly the constraint components the shapes use, listed in
:data:`SUPPORTED`; a shape that uses anything else is refused with a
:class:`CompileError` naming the shape and the component, never skipped.

Where the data lives: the focus nodes are found with ``GRAPH ?g`` (the graph that types
them, so each result knows its report graph); every other step of a path is matched in
whichever graph holds it (``GRAPH ?hN``), except the graphs that a per-report data graph
never contains (:data:`EXCLUDED_GRAPHS`: the ontology, and the vocabularies the shapes do
not read), so the data is the same as pySHACL's.

Derived types: the section shapes target the template-section classes, which
``migkg validate`` derives from ``mkg:sectionType`` (see ``validation.add_section_classes``);
``derived`` maps such a class to the (predicate, object) pair that implies it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

# Components this compiler turns into SPARQL; any other sh: predicate on a shape is refused.
SUPPORTED = frozenset(SH[n] for n in (
    "targetClass", "targetSubjectsOf", "property", "path", "minCount", "maxCount",
    "datatype", "class", "in", "pattern", "flags", "hasValue", "node", "or", "not",
    "qualifiedValueShape", "qualifiedMinCount", "minInclusive", "maxInclusive",
    "severity", "message", "name", "description"))
# Shape metadata that never changes a result.
_METADATA = frozenset({RDF.type, RDFS.label, RDFS.comment})
# Datatypes whose well-formed lexical forms SPARQL can test with a cast.
_CASTABLE = frozenset(XSD[n] for n in ("integer", "decimal", "date", "dateTime", "boolean",
                                       "double", "float"))
_COMPONENT = {
    "minCount": "MinCountConstraintComponent", "maxCount": "MaxCountConstraintComponent",
    "datatype": "DatatypeConstraintComponent", "class": "ClassConstraintComponent",
    "in": "InConstraintComponent", "pattern": "PatternConstraintComponent",
    "hasValue": "HasValueConstraintComponent", "node": "NodeConstraintComponent",
    "or": "OrConstraintComponent", "not": "NotConstraintComponent",
    "qualifiedMinCount": "QualifiedMinCountConstraintComponent",
    "minInclusive": "MinInclusiveConstraintComponent",
    "maxInclusive": "MaxInclusiveConstraintComponent",
}
# Per value node: the value is reported (sh:value).
_VALUE_COMPONENTS = ("datatype", "class", "in", "pattern", "node", "not", "or",
                     "minInclusive", "maxInclusive")
# What a value node is, since store rows give only its text: IRI or not, datatype, language.
def term_columns(var: str) -> str:
    """The columns that say what the term in ``var`` is (is an IRI, is a blank node,
    datatype, language), since store rows give only its text."""
    return (f"(isIRI({var}) AS {var}i) (isBLANK({var}) AS {var}b) (DATATYPE({var}) AS {var}d) "
            f"(LANG({var}) AS {var}l)")


_TERM_KIND = term_columns("?v")
_SEVERITY = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}
EXCLUDED_GRAPHS = ("https://w3id.org/migkg/graph/ontology",
                   "https://w3id.org/migkg/graph/vocab/actors",
                   "https://w3id.org/migkg/graph/vocab/countries")


# Replaced by a VALUES block on ?g (the graphs to validate) or by nothing (every graph).
SCOPE = "#SCOPE#"


class CompileError(Exception):
    """A shape uses something this compiler cannot turn into SPARQL; one plain line."""


@dataclass(frozen=True)
class Check:
    """One query giving the results of one constraint component of one shape.

    ``query`` selects ``?g`` (the graph typing the focus node), ``?f`` and, when
    ``has_value``, ``?v`` (the value node pySHACL reports).
    """

    shape: str
    component: str
    severity: str
    message: str
    path: str  # the result path when it is an IRI, else ""
    query: str
    has_value: bool
    # The same results for a run over every graph, where it is cheaper: "lacks a value"
    # as MINUS (the store joins two whole sets) rather than FILTER NOT EXISTS (a probe per
    # focus node, which is what a run over a few reports wants). "" when no such form.
    full_query: str = ""

    def query_for(self, scope: str) -> str:
        """The query to run with ``scope`` (a VALUES block on ?g, or "" for all graphs)."""
        if not scope and self.full_query:
            return self.full_query.replace(SCOPE, "")
        return self.query.replace(SCOPE, scope)


def shapes_digest(shapes_text: Iterable[str]) -> str:
    """SHA-256 of the shapes files' text, in the order given: what results were checked
    against."""
    digest = hashlib.sha256()
    for text in shapes_text:
        digest.update(text.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def _name(node: Node) -> str:
    return str(node) if isinstance(node, URIRef) else f"a blank-node shape ({node.n3()[:20]})"


class Compiler:
    """Reads a shapes graph and gives the :class:`Check` list of its result-producing
    shapes (see :meth:`checks`)."""

    def __init__(self, shapes: Graph,
                 derived: Mapping[URIRef, tuple[URIRef, URIRef]] | None = None) -> None:
        self.g = shapes
        self.derived = dict(derived or {})
        self._fresh = 0
        self._checked: set[Node] = set()

    # -- helpers ------------------------------------------------------------------------

    def _var(self, stem: str) -> str:
        self._fresh += 1
        return f"?{stem}{self._fresh}"

    def _one(self, shape: Node, name: str) -> Node | None:
        values = list(self.g.objects(shape, SH[name]))
        if len(values) > 1 and name not in ("property", "targetClass", "targetSubjectsOf",
                                            "hasValue", "message", "name"):
            raise CompileError(f"{_name(shape)}: more than one sh:{name}, not supported")
        return values[0] if values else None

    def _list(self, node: Node) -> list[Node]:
        return list(Collection(self.g, node))

    def _check_supported(self, shape: Node) -> None:
        if shape in self._checked:
            return
        self._checked.add(shape)
        for p in set(self.g.predicates(shape)):
            if p in _METADATA or p in SUPPORTED:
                continue
            raise CompileError(f"{_name(shape)}: constraint component {p} is not supported by "
                               "the store engine (use --engine pyshacl)")
        if (shape, SH.qualifiedValueShape, None) in self.g and \
                (shape, SH.qualifiedMinCount, None) not in self.g:
            raise CompileError(f"{_name(shape)}: sh:qualifiedValueShape without "
                               "sh:qualifiedMinCount is not supported by the store engine")

    @staticmethod
    def _graph_filter(var: str) -> str:
        names = ", ".join(f"<{g}>" for g in EXCLUDED_GRAPHS)
        return f"FILTER({var} NOT IN ({names}))"

    def _walk(self, subject: str, path: Node, obj: str) -> list[tuple[str, str, str, str]]:
        """The steps of ``path`` from ``subject`` to ``obj``, in order: for each, the graph
        variable it is matched in, its triple pattern, and its start and end nodes."""
        steps = self._steps(path)
        nodes = [subject] + [self._var("m") for _ in steps[:-1]] + [obj]
        out = []
        for index, (predicate, inverse) in enumerate(steps):
            start, end = nodes[index], nodes[index + 1]
            triple = (f"{end} <{predicate}> {start}" if inverse
                      else f"{start} <{predicate}> {end}")
            out.append((self._var("h"), triple, start, end))
        return out

    def _in_graph(self, graph: str, triple: str) -> str:
        return f"GRAPH {graph} {{ {triple} }} {self._graph_filter(graph)}"

    def _path(self, subject: str, path: Node, obj: str) -> str:
        """Graph patterns binding ``obj`` to the values of ``path`` from ``subject``; each
        step in the graph that holds it."""
        return " ".join(self._in_graph(g, t) for g, t, _s, _e in self._walk(subject, path, obj))

    def _path_joined(self, subject: str, path: Node, obj: str) -> str:
        """As :meth:`_path`, each step a subquery of its own: the store then joins whole
        steps by hash (about three times faster over every graph than looking each row
        up), which suits a run over the whole store."""
        walk = self._walk(subject, path, obj)
        if len(walk) == 1:
            return self._in_graph(walk[0][0], walk[0][1])
        parts = []
        for graph, triple, start, end in walk:
            names = " ".join(n for n in (start, end) if n.startswith("?"))
            parts.append(f"{{ SELECT {names} WHERE {{ {self._in_graph(graph, triple)} }} }}")
        return " ".join(parts)

    def _path_from_values(self, subject: str, path: Node, obj: str, condition: str) -> str:
        """As :meth:`_path`, the steps from the last to the first and ``condition`` on
        ``obj`` right after the last: the store scans the last predicate (cheap), keeps
        the few values that fail, and only walks back from those."""
        walk = list(reversed(self._walk(subject, path, obj)))
        parts = [self._in_graph(walk[0][0], walk[0][1])]
        if condition:
            parts.append(f"FILTER({condition})")
        parts += [self._in_graph(graph, triple) for graph, triple, _s, _e in walk[1:]]
        return " ".join(parts)

    def _exists(self, subject: str, path: Node, obj: str, condition: str = "") -> str:
        """An EXISTS expression: some value ``obj`` of ``path`` from ``subject`` (for which
        ``condition`` holds). Each step is an EXISTS of its own inside the previous one, so
        the store walks the path from the bound subject instead of choosing a join order
        that scans a whole predicate first."""
        inner = f" FILTER({condition})" if condition else ""
        walk = self._walk(subject, path, obj)
        for index in range(len(walk) - 1, -1, -1):
            graph, triple, _start, _end = walk[index]
            inner = f"EXISTS {{ {self._in_graph(graph, triple)}{inner} }}"
            if index:
                inner = f" FILTER({inner})"
        return inner

    def _steps(self, path: Node) -> list[tuple[URIRef, bool]]:
        if isinstance(path, URIRef):
            return [(path, False)]
        inverse = self.g.value(path, SH.inversePath)
        if isinstance(inverse, URIRef):
            return [(inverse, True)]
        if (path, RDF.first, None) in self.g:
            steps = []
            for member in self._list(path):
                steps.extend(self._steps(member))
            return steps
        raise CompileError(f"path {path.n3()}: only predicate, sequence and inverse paths are "
                           "supported by the store engine")

    def _term(self, node: Node) -> str:
        if isinstance(node, BNode):
            raise CompileError(f"a blank node {node.n3()} as a constraint value is not supported")
        return node.n3()

    # -- conditions on one node -----------------------------------------------------------

    def _value_condition(self, shape: Node, name: str, x: str) -> str:
        """The SPARQL expression that is true when ``x`` satisfies component ``name``."""
        value = self._one(shape, name)
        if name == "datatype":
            if value == RDF.langString:
                return f"(isLITERAL({x}) && LANG({x}) != \"\")"
            cast = f" && COALESCE(BOUND({x}) && <{value}>(STR({x})) = <{value}>(STR({x})), " \
                   "false)" if value in _CASTABLE else ""
            if value not in _CASTABLE and value != XSD.string:
                raise CompileError(f"{_name(shape)}: sh:datatype {value} is not supported")
            return f"(isLITERAL({x}) && sameTerm(DATATYPE({x}), <{value}>){cast})"
        if name == "class":
            graph = self._var("h")
            typed = (f"EXISTS {{ GRAPH {graph} {{ {x} a <{value}> }} "
                     f"{self._graph_filter(graph)} }}")
            if value in self.derived:
                predicate, obj = self.derived[value]
                graph = self._var("h")
                typed = (f"({typed} || EXISTS {{ GRAPH {graph} {{ {x} <{predicate}> <{obj}> }} "
                         f"{self._graph_filter(graph)} }})")
            return typed
        if name == "in":
            members = self._list(value)
            if not members:
                return "false"
            return "(" + " || ".join(f"sameTerm({x}, {self._term(m)})" for m in members) + ")"
        if name == "pattern":
            flags = self._one(shape, "flags")
            args = f", {Literal(str(flags)).n3()}" if flags is not None else ""
            return (f"(!isBLANK({x}) && COALESCE(REGEX(STR({x}), "
                    f"{Literal(str(value)).n3()}{args}), false))")
        if name == "minInclusive":
            return f"COALESCE({x} >= {self._term(value)}, false)"
        if name == "maxInclusive":
            return f"COALESCE({x} <= {self._term(value)}, false)"
        if name == "node":
            return self.conforms(value, x)
        if name == "not":
            return f"!({self.conforms(value, x)})"
        if name == "or":
            members = self._list(value)
            return "(" + " || ".join(self.conforms(m, x) for m in members) + ")" \
                if members else "false"
        raise CompileError(f"{_name(shape)}: sh:{name} not supported here")

    def conforms(self, shape: Node, x: str) -> str:
        """The SPARQL expression that is true when node ``x`` conforms to ``shape``."""
        self._check_supported(shape)
        parts = []
        if (shape, SH.path, None) in self.g:
            parts.append(self._property_condition(shape, x))
        else:
            for name in _VALUE_COMPONENTS:
                if self._one(shape, name) is not None:
                    parts.append(self._value_condition(shape, name, x))
        for prop in self.g.objects(shape, SH.property):
            parts.append(self.conforms(prop, x))
        if (shape, SH.hasValue, None) in self.g and (shape, SH.path, None) not in self.g:
            parts.extend(f"sameTerm({x}, {self._term(v)})"
                         for v in self.g.objects(shape, SH.hasValue))
        return "(" + " && ".join(parts) + ")" if parts else "true"

    def _property_condition(self, shape: Node, x: str) -> str:
        path = self._one(shape, "path")
        parts = []
        minimum = self._one(shape, "minCount")
        if minimum is not None and int(minimum) > 0:
            if int(minimum) != 1:
                raise CompileError(f"{_name(shape)}: sh:minCount above 1 inside a nested shape "
                                   "is not supported")
            parts.append(self._exists(x, path, self._var("y")))
        maximum = self._one(shape, "maxCount")
        if maximum is not None:
            if int(maximum) != 0:
                raise CompileError(f"{_name(shape)}: sh:maxCount above 0 inside a nested shape "
                                   "is not supported")
            parts.append("!" + self._exists(x, path, self._var("y")))
        for value in self.g.objects(shape, SH.hasValue):
            parts.append(self._exists(x, path, self._term(value)))
        for name in _VALUE_COMPONENTS:
            if self._one(shape, name) is not None:
                y = self._var("y")
                condition = self._value_condition(shape, name, y)
                parts.append("!" + self._exists(x, path, y, f"!{condition}"))
        qualified = self._one(shape, "qualifiedValueShape")
        if qualified is not None:
            count = int(self._one(shape, "qualifiedMinCount"))
            if count != 1:
                raise CompileError(f"{_name(shape)}: sh:qualifiedMinCount other than 1 inside "
                                   "a nested shape is not supported")
            y = self._var("y")
            parts.append(self._exists(x, path, y, self.conforms(qualified, y)))
        return "(" + " && ".join(parts) + ")" if parts else "true"

    # -- targets and result-producing checks ----------------------------------------------

    def _targets(self, shape: Node) -> str | None:
        branches = []
        for cls in sorted(self.g.objects(shape, SH.targetClass)):
            branches.append(f"{{ GRAPH ?g {{ ?f a <{cls}> }} }}")
            if cls in self.derived:
                predicate, obj = self.derived[cls]
                branches.append(f"{{ GRAPH ?g {{ ?f <{predicate}> <{obj}> }} }}")
        for predicate in sorted(self.g.objects(shape, SH.targetSubjectsOf)):
            branches.append(f"{{ GRAPH ?g {{ ?f <{predicate}> ?target }} }}")
        if not branches:
            return None
        return ("{ SELECT DISTINCT ?g ?f WHERE { " + SCOPE + " "
                + " UNION ".join(branches) + " } }")

    def _meta(self, shape: Node) -> tuple[str, str]:
        severity = self._one(shape, "severity") or SH.Violation
        if severity not in _SEVERITY:
            raise CompileError(f"{_name(shape)}: sh:severity {severity} is not supported")
        messages = sorted(str(m) for m in self.g.objects(shape, SH.message))
        if not messages:
            raise CompileError(f"{_name(shape)}: a shape that can produce a result needs an "
                               "sh:message for the store engine")
        return _SEVERITY[severity], messages[0]

    def checks(self) -> list[Check]:
        """Every result-producing shape's checks, in a stable order."""
        out: list[Check] = []
        done: set[tuple[Node, str]] = set()
        roots = sorted({s for p in (SH.targetClass, SH.targetSubjectsOf)
                        for s in self.g.subjects(p, None)})
        for root in roots:
            self._check_supported(root)
            targets = self._targets(root)
            if (root, SH.path, None) in self.g:
                out.extend(self._property_checks(root, targets, done))
            else:
                out.extend(self._node_checks(root, targets, done))
            for prop in sorted(self.g.objects(root, SH.property)):
                self._check_supported(prop)
                out.extend(self._property_checks(prop, targets, done))
        return out

    def _node_checks(self, shape: Node, targets: str, done: set) -> list[Check]:
        out = []
        for name in _VALUE_COMPONENTS:
            if self._one(shape, name) is None or (shape, targets + name) in done:
                continue
            done.add((shape, targets + name))
            severity, message = self._meta(shape)
            condition = self._value_condition(shape, name, "?f")
            query = (f"SELECT DISTINCT ?g ?f ?v {_TERM_KIND} WHERE {{ {targets} "
                     f"FILTER(!{condition}) BIND(?f AS ?v) }}")
            out.append(Check(str(shape), str(SH[_COMPONENT[name]]), severity, message, "",
                             query, True))
        if (shape, SH.hasValue, None) in self.g:
            raise CompileError(f"{_name(shape)}: sh:hasValue on a node shape with targets is "
                               "not supported")
        return out

    def _property_checks(self, shape: Node, targets: str, done: set) -> list[Check]:
        path = self._one(shape, "path")
        if path is None:
            raise CompileError(f"{_name(shape)}: a property shape needs sh:path")
        result_path = str(path) if isinstance(path, URIRef) else ""
        out = []

        def add(component: str, query: str, has_value: bool, detail: str = "",
                full: str = "") -> None:
            # ``detail`` tells apart the checks of one component (each sh:hasValue).
            key = (shape, targets + component + detail)
            if key in done:
                return
            done.add(key)
            severity, message = self._meta(shape)
            out.append(Check(str(shape), str(SH[_COMPONENT[component]]), severity, message,
                             result_path, query, has_value, full))

        def lacking(pattern: str) -> str:
            # Focus nodes for which ``pattern`` (binding ?f) has no solution. The pattern
            # shares only ?f with the targets, so MINUS removes exactly those it matches.
            return f"SELECT ?g ?f WHERE {{ {targets} MINUS {{ {pattern} }} }}"

        minimum = self._one(shape, "minCount")
        if minimum is not None and int(minimum) > 0:
            v = self._var("v")
            add("minCount", f"SELECT ?g ?f WHERE {{ {{ SELECT ?g ?f (COUNT(DISTINCT {v}) AS ?n) "
                f"WHERE {{ {targets} OPTIONAL {{ {self._path('?f', path, v)} }} }} "
                f"GROUP BY ?g ?f }} FILTER(?n < {int(minimum)}) }}"
                if int(minimum) > 1 else
                f"SELECT ?g ?f WHERE {{ {targets} FILTER(!{self._exists('?f', path, v)}) }}",
                False, full=lacking(self._path_joined("?f", path, v)) if int(minimum) == 1
                else "")
        maximum = self._one(shape, "maxCount")
        if maximum is not None:
            v = self._var("v")
            # Over every graph: count the values of every subject of the path first (one
            # scan), then keep the targets among the few with too many.
            add("maxCount", f"SELECT ?g ?f WHERE {{ {{ SELECT ?g ?f (COUNT(DISTINCT {v}) AS ?n) "
                f"WHERE {{ {targets} {self._path('?f', path, v)} }} GROUP BY ?g ?f }} "
                f"FILTER(?n > {int(maximum)}) }}", False,
                full=f"SELECT ?g ?f WHERE {{ {{ SELECT ?f WHERE {{ {self._path('?f', path, v)} }} "
                     f"GROUP BY ?f HAVING (COUNT(DISTINCT {v}) > {int(maximum)}) }} {targets} }}")
        for value in self.g.objects(shape, SH.hasValue):
            exists = self._exists("?f", path, self._term(value))
            add("hasValue", f"SELECT ?g ?f WHERE {{ {targets} FILTER(!{exists}) }}", False,
                value.n3(), full=lacking(self._path_joined("?f", path, self._term(value))))
        for name in _VALUE_COMPONENTS:
            if self._one(shape, name) is None:
                continue
            condition = self._value_condition(shape, name, "?v")
            failing = self._path_from_values("?f", path, "?v", f"!{condition}")
            add(name, f"SELECT DISTINCT ?g ?f ?v {_TERM_KIND} WHERE {{ {targets} "
                f"{self._path('?f', path, '?v')} FILTER(!{condition}) }}", True,
                full=f"SELECT DISTINCT ?g ?f ?v {_TERM_KIND} WHERE {{ "
                     f"{{ SELECT DISTINCT ?f ?v WHERE {{ {failing} }} }} {targets} }}")
        qualified = self._one(shape, "qualifiedValueShape")
        if qualified is not None:
            count = int(self._one(shape, "qualifiedMinCount"))
            y = self._var("y")
            full = ""
            if count == 1:
                exists = self._exists("?f", path, y, self.conforms(qualified, y))
                query = f"SELECT ?g ?f WHERE {{ {targets} FILTER(!{exists}) }}"
                full = lacking(f"{self._path_joined('?f', path, y)} "
                               f"FILTER({self.conforms(qualified, y)})")
            else:
                query = (f"SELECT ?g ?f WHERE {{ {{ SELECT ?g ?f (COUNT(DISTINCT {y}) AS ?n) "
                         f"WHERE {{ {targets} OPTIONAL {{ {self._path('?f', path, y)} "
                         f"FILTER({self.conforms(qualified, y)}) }} }} GROUP BY ?g ?f }} "
                         f"FILTER(?n < {count}) }}")
            add("qualifiedMinCount", query, False, full=full)
        return out


def compile_shapes(shapes: Graph,
                   derived: Mapping[URIRef, tuple[URIRef, URIRef]] | None = None) -> list[Check]:
    """The checks of every result-producing shape of ``shapes`` (see :class:`Compiler`);
    raises :class:`CompileError` for a shape it cannot compile."""
    return Compiler(shapes, derived).checks()


__all__ = ["EXCLUDED_GRAPHS", "SCOPE", "SUPPORTED", "Check", "CompileError", "Compiler",
           "compile_shapes", "shapes_digest", "term_columns"]
