"""OWL 2 consistency of the ontology, the vocabularies and report data, checked by HermiT.

The graphs are merged with rdflib and made safe for owlready2 (no ``owl:imports``, no
ontology headers, every predicate and class declared), then written as N-Triples, the one
owlready2 format rdflib also writes. owlready2's bundled HermiT reasons over them in a
child process. That process gives a hard timeout, turns a Java crash into a readable
error instead of a traceback, and keeps owlready2's global state out of the caller.
HermiT's "inconsistent" carries no reason, so :func:`explain` scans the merged graph for the
usual causes (disjoint types, literals outside a declared range, two values of a
functional property) and the result names the individuals involved.

Out of scope: repairing data, sampling a large store (the caller passes the sample), and
any inference beyond the yes/no verdict and those hints.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD

from migkg import resources
from migkg.ontology.namespaces import MKG, ONTOLOGY_GRAPH, PREFIXES, vocab_graph

__all__ = ["CheckResult", "ReasonerError", "check_consistency", "core_graphs", "explain",
           "java_available"]

DEFAULT_TIMEOUT_S = 300.0

_PROPERTY_TYPES = {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
_TERM_TYPES = _PROPERTY_TYPES | {OWL.Class, RDFS.Class, RDFS.Datatype, RDF.Property}
_BUILT_IN = (str(RDF), str(RDFS), str(OWL), str(XSD))
_INTEGERS = {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.byte, XSD.nonNegativeInteger,
             XSD.positiveInteger, XSD.nonPositiveInteger, XSD.negativeInteger,
             XSD.unsignedLong, XSD.unsignedInt, XSD.unsignedShort, XSD.unsignedByte}


@dataclass(frozen=True)
class CheckResult:
    """HermiT's verdict on a set of graphs.

    ``message`` is the readable account: verdict, counts, likely causes, notes.
    ``problems`` are the likely causes of an inconsistency. ``warnings`` are not
    contradictions but deserve a look (an undeclared ``mkg:`` term, a datatype property
    with a resource value). ``unsatisfiable`` lists classes that can have no member.
    ``seconds`` is the whole check, ``reasoner_seconds`` HermiT's part (JVM start included).
    """

    consistent: bool
    message: str
    classes: int
    individuals: int
    seconds: float
    reasoner_seconds: float = 0.0
    problems: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    unsatisfiable: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.message


class ReasonerError(RuntimeError):
    """HermiT gave no verdict: no Java runtime, a Java crash, or the timeout ran out."""


def java_available() -> bool:
    """True when a ``java`` executable is on PATH (HermiT needs Java 11 or later)."""
    return shutil.which("java") is not None


def core_graphs() -> list[Graph]:
    """The shipped ontology and every shipped vocabulary, one graph each.

    Works with the ontology alone while ``ontology/vocab/`` holds no ``.ttl`` file.
    """
    ontology = Graph(identifier=ONTOLOGY_GRAPH)
    ontology.parse(data=resources.ontology_file().read_text(encoding="utf-8"), format="turtle")
    graphs = [ontology]
    for entry in resources.vocabulary_files():
        graph = Graph(identifier=vocab_graph(entry.name.removesuffix(".ttl")))
        graph.parse(data=entry.read_text(encoding="utf-8"), format="turtle")
        graphs.append(graph)
    return graphs


def check_consistency(
    graphs: Iterable[Graph | bytes],
    *,
    timeout_s: float | None = DEFAULT_TIMEOUT_S,
    java_memory_mb: int = 2000,
) -> CheckResult:
    """Ask HermiT whether the union of ``graphs`` is consistent.

    Args:
        graphs: rdflib graphs (a Dataset counts as the union of its graphs) or N-Triples
            bytes; typically ``[*core_graphs(), report_graph]``.
        timeout_s: wall-clock limit for the reasoner, JVM start included; None waits.
        java_memory_mb: the JVM's maximum heap.

    Returns:
        The verdict. ``consistent`` is also False when a literal is ill-typed: OWL counts
        that as a contradiction, and owlready2 could not load the data anyway.

    Raises:
        ReasonerError: no Java on PATH, Java or owlready2 failed, or the timeout ran out.
    """
    started = time.perf_counter()
    java = shutil.which("java")
    if java is None:
        raise ReasonerError("no Java runtime on PATH; HermiT needs Java 11 or later "
                            "(OpenJDK 17 is known to work)")
    merged = _merge(graphs)
    warnings = _declare_missing(merged) + _kind_clashes(merged)
    counts = _count(merged)
    ill_typed = _ill_typed(merged)
    if ill_typed:
        return _result(False, counts, started, None, ill_typed, warnings, ())
    verdict = _run_hermit(merged, java, timeout_s, java_memory_mb)
    consistent = verdict["status"] == "consistent"
    problems = [] if consistent else explain(merged) or [
        "no simple cause found (disjoint types, datatype ranges, functional properties); "
        "check smaller parts of the data to locate it"]
    unsatisfiable = [_short(URIRef(iri)) for iri in verdict.get("unsatisfiable", [])]
    return _result(consistent, counts, started, verdict["seconds"], problems, warnings,
                   unsatisfiable)


def explain(graph: Graph) -> list[str]:
    """Likely causes of an inconsistency in ``graph``, one readable line each.

    A quick structural scan, not a proof: individuals whose asserted types, or types implied
    by property domains and ranges, include two disjoint classes; literals outside the
    declared range of their property; functional datatype properties with two values.
    """
    return _disjoint_clashes(graph) + _range_clashes(graph) + _functional_clashes(graph)


# --- preparing the graph -----------------------------------------------------------------

def _merge(graphs: Iterable[Graph | bytes]) -> Graph:
    merged = Graph()
    for item in graphs:
        if isinstance(item, bytes | bytearray):
            merged.parse(data=bytes(item).decode("utf-8"), format="nt")
        elif isinstance(item, Dataset):  # every graph's triples, not only the default's
            for s, p, o, _ in item.quads((None, None, None, None)):
                merged.add((s, p, o))
        else:
            merged += item
    # Several ontology headers in one file confuse owlready2, and owl:imports would make
    # it fetch from the network; the headers carry nothing the reasoner needs.
    for header in set(merged.subjects(RDF.type, OWL.Ontology)):
        merged.remove((header, None, None))
    merged.remove((None, OWL.imports, None))
    return merged


def _built_in(term: URIRef) -> bool:
    # str() first: rdflib's Identifier.startswith stringifies its argument, tuples included.
    return str(term).startswith(_BUILT_IN)


def _declared(graph: Graph, kinds: set[URIRef]) -> set[URIRef]:
    return {s for kind in kinds for s in graph.subjects(RDF.type, kind)
            if isinstance(s, URIRef)}


def _declare_missing(graph: Graph) -> list[str]:
    """Type every undeclared predicate and class, so that the OWL parser need not guess."""
    properties = _declared(graph, _PROPERTY_TYPES)
    classes = _declared(graph, {OWL.Class, RDFS.Class})
    literal_values: dict[URIRef, set[bool]] = defaultdict(set)
    new_classes: set[URIRef] = set()
    for _, p, o in graph:
        if p == RDF.type:
            if isinstance(o, URIRef) and o not in classes and not _built_in(o):
                new_classes.add(o)
        elif p not in properties and not _built_in(p):
            literal_values[p].add(isinstance(o, Literal))
    for cls in new_classes:
        graph.add((cls, RDF.type, OWL.Class))
    for prop, kinds in literal_values.items():
        kind = (OWL.AnnotationProperty if len(kinds) == 2
                else OWL.DatatypeProperty if True in kinds else OWL.ObjectProperty)
        graph.add((prop, RDF.type, kind))
    declared = _declared(graph, _TERM_TYPES) - new_classes - set(literal_values)
    used = {t for triple in graph for t in triple
            if isinstance(t, URIRef) and str(t).startswith(str(MKG))}
    return [f"{_short(term)} is used but not declared in the ontology"
            for term in sorted(used - declared)]


def _kind_clashes(graph: Graph) -> list[str]:
    notes = []
    for prop in sorted(_declared(graph, {OWL.DatatypeProperty})):
        if any(not isinstance(o, Literal) for o in graph.objects(None, prop)):
            notes.append(f"{_short(prop)} is a datatype property but has a resource as value")
    for prop in sorted(_declared(graph, {OWL.ObjectProperty})):
        if any(isinstance(o, Literal) for o in graph.objects(None, prop)):
            notes.append(f"{_short(prop)} is an object property but has a literal as value")
    return notes


def _ill_typed(graph: Graph) -> list[str]:
    return sorted(f"{_short(s)} {_short(p)} {_show(o)}: not a valid {_short(o.datatype)}"
                  for s, p, o in graph
                  if isinstance(o, Literal) and o.datatype is not None and o.ill_typed)


def _count(graph: Graph) -> tuple[int, int]:
    """Named classes and named individuals, as the reasoner sees them."""
    terms = _declared(graph, _TERM_TYPES)
    objects = _declared(graph, {OWL.ObjectProperty})
    individuals: set[URIRef] = set()
    for s, p, o in graph:
        if _built_in(p) and p != RDF.type:
            continue
        if isinstance(s, URIRef):
            individuals.add(s)
        if p in objects and isinstance(o, URIRef):
            individuals.add(o)
    classes = {c for c in _declared(graph, {OWL.Class}) if not _built_in(c)}
    return len(classes), len(individuals - terms)


# --- running HermiT in a child process ---------------------------------------------------

def _run_hermit(graph: Graph, java: str, timeout_s: float | None, memory_mb: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="migkg-hermit-") as folder:
        data, answer = Path(folder, "data.nt"), Path(folder, "answer.json")
        graph.serialize(destination=str(data), format="nt", encoding="utf-8")
        # -P: the child imports the installed package, never folders of the working
        # directory that happen to be called migkg (a source checkout, for one).
        command = [sys.executable, "-P", "-c",
                   "from migkg.ontology_check import _child; _child()",
                   str(data), str(answer), java, str(memory_mb)]
        env = dict(os.environ)
        # A session of its own, so that a timeout kills the JVM along with the child.
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                 env=env, start_new_session=True)
        try:
            output, _ = child.communicate(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            _kill(child)
            raise ReasonerError(f"HermiT gave no verdict within {timeout_s:g} s; check a "
                                "sample of the data or allow more time") from None
        if not answer.exists():
            tail = " | ".join(output.decode("utf-8", "replace").strip().splitlines()[-3:])
            raise ReasonerError(f"the reasoner process failed (exit {child.returncode}): "
                                f"{tail or 'no output'}")
        verdict = json.loads(answer.read_text(encoding="utf-8"))
    if verdict["status"] == "error":
        raise ReasonerError(verdict["error"])
    return verdict


def _kill(child: subprocess.Popen) -> None:
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except (AttributeError, ProcessLookupError):  # no process groups on Windows
        child.kill()
    child.communicate()


def _child() -> None:
    """Entry point of the child process; argv: data, answer, java, memory in MB."""
    data, answer, java, memory = sys.argv[1:5]
    try:
        verdict = _reason(Path(data), java, int(memory))
    except Exception as error:  # every failure must reach the parent as a readable answer
        verdict = {"status": "error", "error": _describe_failure(error)}
    Path(answer).write_text(json.dumps(verdict), encoding="utf-8")


def _reason(data: Path, java: str, memory_mb: int) -> dict:
    import owlready2
    from owlready2 import reasoning

    owlready2.JAVA_EXE = java
    reasoning.JAVA_MEMORY = memory_mb
    # Nothing may be looked up outside the folder of the data itself.
    owlready2.onto_path[:] = [str(data.parent)]
    world = owlready2.World()
    with data.open("rb") as stream:
        ontology = world.get_ontology("urn:migkg:check").load(fileobj=stream,
                                                                format="ntriples")
    started = time.perf_counter()
    try:
        with ontology:
            # xsd:date is outside the OWL 2 datatype map; HermiT would reject the data.
            owlready2.sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=True)
    except owlready2.OwlReadyInconsistentOntologyError:
        return {"status": "inconsistent", "seconds": time.perf_counter() - started}
    unsatisfiable = sorted({cls.iri for cls in world.inconsistent_classes()
                            if cls is not owlready2.Nothing})
    return {"status": "consistent", "seconds": time.perf_counter() - started,
            "unsatisfiable": unsatisfiable}


def _describe_failure(error: Exception) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    if type(error).__name__ != "OwlReadyJavaError":
        return f"the ontology tools failed: {type(error).__name__}: {lines[0] if lines else ''}"
    # Java names the cause on the first lines after owlready2's own; the rest is a trace.
    detail = "; ".join(line for line in lines[1:3] if not line.startswith("at "))
    return f"HermiT (Java) failed: {detail or 'no message'}"


# --- explaining an inconsistency ---------------------------------------------------------

def _closure(edges: dict[URIRef, set[URIRef]], start: URIRef) -> Iterator[URIRef]:
    seen, todo = {start}, [start]
    while todo:
        current = todo.pop()
        yield current
        for parent in edges.get(current, ()):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)


def _named_edges(graph: Graph, predicate: URIRef) -> dict[URIRef, set[URIRef]]:
    edges: dict[URIRef, set[URIRef]] = defaultdict(set)
    for a, b in graph.subject_objects(predicate):
        if isinstance(a, URIRef) and isinstance(b, URIRef):
            edges[a].add(b)
    return edges


def _disjoint_pairs(graph: Graph) -> set[frozenset[URIRef]]:
    pairs = {frozenset((a, b)) for a, bs in _named_edges(graph, OWL.disjointWith).items()
             for b in bs}
    for axiom in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        for members in graph.objects(axiom, OWL.members):
            named = [m for m in Collection(graph, members) if isinstance(m, URIRef)]
            pairs |= {frozenset((a, b)) for a in named for b in named if a != b}
    return pairs


def _disjoint_clashes(graph: Graph) -> list[str]:
    pairs = _disjoint_pairs(graph)
    if not pairs:
        return []
    parents = _named_edges(graph, RDFS.subClassOf)
    super_properties = _named_edges(graph, RDFS.subPropertyOf)
    domains, ranges = _named_edges(graph, RDFS.domain), _named_edges(graph, RDFS.range)
    implied: dict[URIRef, tuple[set[URIRef], set[URIRef]]] = {}
    for prop in _declared(graph, {OWL.ObjectProperty, OWL.DatatypeProperty}):
        chain = list(_closure(super_properties, prop))
        implied[prop] = ({c for p in chain for c in domains.get(p, ())},
                         {c for p in chain for c in ranges.get(p, ())})
    why: dict[URIRef, dict[URIRef, str]] = defaultdict(dict)  # individual -> class -> reason
    for s, p, o in graph:
        if not isinstance(s, URIRef):
            continue
        if p == RDF.type and isinstance(o, URIRef) and not _built_in(o):
            why[s].setdefault(o, f"typed {_short(o)}")
        domain, range_ = implied.get(p, ((), ()))
        for cls in domain:
            why[s].setdefault(cls, f"subject of {_short(p)}")
        if isinstance(o, URIRef):
            for cls in range_:
                why[o].setdefault(cls, f"value of {_short(p)}")
    found = []
    for individual in sorted(why):
        classes: dict[URIRef, str] = {}
        for cls, reason in why[individual].items():
            for ancestor in _closure(parents, cls):
                classes.setdefault(ancestor, reason)
        for a, b in sorted(tuple(sorted(pair)) for pair in pairs if pair <= classes.keys()):
            found.append(f"{_short(individual)} is both {_short(a)} ({classes[a]}) and "
                         f"{_short(b)} ({classes[b]}), which are disjoint")
    return found


def _fits(value: Literal, datatype: URIRef) -> bool | None:
    """Whether a literal lies in a datatype; None when this scan does not know the type."""
    given = value.datatype
    if datatype == XSD.string:
        return value.language is None and given in (None, XSD.string)
    if datatype == XSD.boolean:
        return given == XSD.boolean
    if datatype == XSD.decimal or datatype in _INTEGERS:
        if given != XSD.decimal and given not in _INTEGERS:
            return False
        return datatype == XSD.decimal or Decimal(str(value.toPython())) % 1 == 0
    return None


def _range_clashes(graph: Graph) -> list[str]:
    ranges = _named_edges(graph, RDFS.range)
    found = []
    for prop in _declared(graph, {OWL.DatatypeProperty}):
        for s, value in graph.subject_objects(prop):
            if isinstance(value, Literal):
                found += [f"{_short(s)} {_short(prop)} {_show(value)}: outside the range "
                          f"{_short(datatype)}"
                          for datatype in ranges.get(prop, ()) if _fits(value, datatype) is False]
    return sorted(found)


def _functional_clashes(graph: Graph) -> list[str]:
    found = []
    functional = _declared(graph, {OWL.FunctionalProperty}) & _declared(
        graph, {OWL.DatatypeProperty})
    for prop in sorted(functional):
        values: dict[URIRef, set[object]] = defaultdict(set)
        for s, value in graph.subject_objects(prop):
            if isinstance(value, Literal):
                values[s].add((value.datatype, value.toPython()))
        found += [f"{_short(s)} has {len(v)} values of {_short(prop)}, which allows one"
                  for s, v in sorted(values.items()) if len(v) > 1]
    return found


# --- wording -----------------------------------------------------------------------------

def _short(term: URIRef | BNode | None) -> str:
    if term is None:
        return "?"
    if isinstance(term, BNode):
        return "_:" + str(term)
    text = str(term)
    matches = [(prefix, str(ns)) for prefix, ns in PREFIXES.items() if text.startswith(str(ns))]
    if not matches:
        return f"<{text}>"
    prefix, namespace = max(matches, key=lambda match: len(match[1]))
    return f"{prefix}:{text[len(namespace):]}"


def _show(value: Literal) -> str:
    text = str(value) if len(str(value)) <= 60 else str(value)[:57] + "..."
    quoted = json.dumps(text, ensure_ascii=False)
    if value.language:
        return f"{quoted}@{value.language}"
    return f"{quoted}^^{_short(value.datatype)}" if value.datatype else quoted


def _result(consistent: bool, counts: tuple[int, int], started: float,
            reasoner_seconds: float | None, problems: Iterable[str], warnings: Iterable[str],
            unsatisfiable: Iterable[str]) -> CheckResult:
    problems, warnings, unsatisfiable = tuple(problems), tuple(warnings), tuple(unsatisfiable)
    seconds = time.perf_counter() - started
    classes, individuals = counts
    scope = (f"{classes} class{'es' * (classes != 1)} and "
             f"{individuals} individual{'s' * (individuals != 1)}, {seconds:.1f} s")
    if consistent:
        lines = [f"consistent: HermiT found no contradiction ({scope})"]
    elif reasoner_seconds is None:
        lines = [f"inconsistent: ill-typed literals, so HermiT was not run ({scope})"]
    else:
        lines = [f"inconsistent: HermiT found a contradiction ({scope})",
                 "likely cause:" if len(problems) == 1 else "likely causes:"]
    lines += [f"  - {problem}" for problem in problems]
    if unsatisfiable:
        lines.append("classes that can have no member: " + ", ".join(unsatisfiable))
    lines += [f"note: {warning}" for warning in warnings]
    return CheckResult(consistent, "\n".join(lines), classes, individuals, seconds,
                       reasoner_seconds or 0.0, problems, warnings, unsatisfiable)
