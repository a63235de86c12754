"""One store interface with an embedded (pyoxigraph) and a remote (SPARQL 1.1) implementation.

Every report lives in its own named graph whose IRI is the report's IRI; the ontology and
each vocabulary have graphs of their own; queries see the union of all graphs.
Replacing a report is one SPARQL update (``DROP`` then ``INSERT DATA``), which both
implementations apply atomically, so a reader never sees a half-written report.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
from abc import ABC, abstractmethod
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from migkg.ontology.namespaces import GRAPH, ID, MKG, ONTOLOGY_GRAPH, vocab_graph

from . import resources

DEFAULT_LOCATION = "migkg-store"
REPORT_PREFIX = str(ID) + "report/"
_HASH_PREDICATE = f"<{MKG}sha256>"
# The object of an N-Triples line when it is an IRI (a literal's datatype matches too and is
# never an entity graph; an IRI quoted inside a literal does not end a line).
_OBJECT_IRI = re.compile(r"<([^<>]+)> \.$", re.MULTILINE)
# A report reaches its session's graph, and through it the event's: two steps.
_ENTITY_STEPS = 2
_QUAD_BATCH = 200  # nodes per query of Store.quads_about; keeps each query's text small
# Garbage collection of shared entity graphs, run inside the update that replaces or drops
# reports: an entity graph (neither a report's nor the ontology's or a vocabulary's) stays
# only while a report graph names it, directly or through one entity graph it names (a
# session's event). Mirrors what report_ntriples() follows. The candidates are the entity
# graphs that existed before the update (a graph the update adds is named by its report),
# listed in VALUES so that the engine reads those graphs only, not the whole store.
_GC_TEMPLATE = """DELETE {{ GRAPH ?g {{ ?s ?p ?o }} }}
WHERE {{
  VALUES ?g {{ {candidates} }}
  GRAPH ?g {{ ?s ?p ?o }}
  FILTER NOT EXISTS {{
    GRAPH ?r {{ ?x ?y ?g }}
    FILTER (STRSTARTS(STR(?r), "{reports}"))
  }}
  FILTER NOT EXISTS {{
    GRAPH ?h {{ ?a ?b ?g }}
    GRAPH ?r2 {{ ?x2 ?y2 ?h }}
    FILTER (STRSTARTS(STR(?r2), "{reports}"))
  }}
}}"""


def gc_update(candidates: Iterable[str]) -> str | None:
    """The SPARQL update that removes the unreached graphs among ``candidates``."""
    names = " ".join(f"<{g}>" for g in sorted(candidates))
    return _GC_TEMPLATE.format(candidates=names, reports=REPORT_PREFIX) if names else None


class StoreError(Exception):
    """The store could not be opened, read or written; the message is one plain line and
    ``code`` the exit code (1: the store failed; 2: the request was wrong)."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class QueryResult:
    """Rows of a SELECT: each cell is the term's value (IRI or lexical form) or None."""

    columns: list[str]
    rows: list[list[str | None]]
    more: bool = False  # a page was asked for and rows beyond it exist


def default_location() -> str:
    return os.environ.get("MIGKG_STORE") or DEFAULT_LOCATION


def open_store(location: str | None = None, *, read_only: bool = False) -> Store:
    """Open the store at ``location`` (a folder, or an http(s) SPARQL endpoint URL)."""
    location = location or default_location()
    if location.startswith(("http://", "https://")):
        from .remote_store import RemoteStore

        return RemoteStore(location)
    return EmbeddedStore(Path(location), read_only=read_only)


class Store(ABC):
    """What every command needs from a store."""

    location: str

    @abstractmethod
    def select(
        self,
        query: str,
        bindings: Mapping[str, object] | None = None,
        *,
        dataset: tuple[list[str], list[str]] | None = None,
    ) -> QueryResult:
        """Run a SELECT over the union of all graphs; ``bindings`` map variable names to
        RDF terms and replace those variables' tokens as checked terms, never as text.
        ``dataset`` (FROM graphs, FROM NAMED graphs) restricts what the query sees."""

    @abstractmethod
    def ask(self, query: str, *, dataset: tuple[list[str], list[str]] | None = None
            ) -> bool:
        """Run an ASK over the union of all graphs (or the ``dataset`` it names)."""

    @abstractmethod
    def graph_query(self, query: str, *, dataset: tuple[list[str], list[str]] | None = None
                    ) -> str:
        """Run a CONSTRUCT or DESCRIBE; gives the triples as sorted N-Triples lines."""

    @abstractmethod
    def update(self, update: str) -> None:
        """Run one SPARQL update atomically."""

    @abstractmethod
    def graph_ntriples(self, graph: str) -> str:
        """The triples of one named graph as N-Triples text."""

    @abstractmethod
    def named_graphs(self) -> list[str]: ...

    @abstractmethod
    def dump_nquads(self) -> str:
        """Every quad of the store as N-Quads, one per line, sorted (byte-stable)."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the store (flushes the embedded database)."""

    def checkpoint(self) -> None:  # noqa: B027 - optional hook
        """Persist what was written so far and free the memory that held it."""

    def compact(self) -> None:  # noqa: B027 - optional hook
        """Reorganise storage after a large load so that queries read fewer files."""

    def entity_graphs(self) -> frozenset[str]:
        """Named graphs of shared entities (sessions, events, rapporteurs, the loader
        agent): neither report graphs nor the ontology's and vocabularies' own."""
        return frozenset(g for g in self.named_graphs()
                         if not g.startswith(REPORT_PREFIX) and not g.startswith(str(GRAPH)))

    def report_ntriples(self, report: str, entities: frozenset[str] | None = None) -> str:
        """A report's graph plus the shared entity graphs it reaches (its session, the
        session's event, its rapporteur, the loader agent): everything said about it.

        Found by following the IRIs of the report's own triples, so the cost is that of
        the report whatever the size of the store; pass ``entities`` (from
        :meth:`entity_graphs`) when calling this for many reports.
        """
        entities = self.entity_graphs() if entities is None else entities
        parts = [self.graph_ntriples(report)]
        seen = {report}
        frontier = parts[0]
        for _ in range(_ENTITY_STEPS):
            reached = sorted({iri for iri in _OBJECT_IRI.findall(frontier)
                              if iri in entities and iri not in seen})
            if not reached:
                break
            seen.update(reached)
            texts = [self.graph_ntriples(iri) for iri in reached]
            parts.extend(texts)
            frontier = "".join(texts)
        return "".join(parts)

    def report_graphs(self) -> list[str]:
        return sorted(g for g in self.named_graphs() if g.startswith(REPORT_PREFIX))

    def quads_about(self, nodes: Iterable[str], predicates: Collection[str], *,
                    incoming: bool = False, excluded: Collection[str] = ()
                    ) -> list[list[str | None]]:
        """The quads of named graphs (but those in ``excluded``) whose subject (object,
        when ``incoming``) is one of the IRIs ``nodes`` and whose predicate is one of
        ``predicates``. Each as a row: graph, subject, predicate, object's text, then
        what the object is (is an IRI, is a blank node: "true"/"false"; datatype;
        language), as a SELECT with those columns gives it. Rows in no set order."""
        ordered = sorted(set(nodes))
        if not ordered or not predicates:
            return []
        node = "?o" if incoming else "?s"
        # A FILTER, not a VALUES block on ?p: with VALUES the store scans every triple.
        allowed = ", ".join(f"<{p}>" for p in sorted(predicates))
        skip = f"FILTER(?g NOT IN ({', '.join(f'<{g}>' for g in sorted(excluded))}))" \
            if excluded else ""
        rows: list[list[str | None]] = []
        for start in range(0, len(ordered), _QUAD_BATCH):
            values = " ".join(f"<{n}>" for n in ordered[start:start + _QUAD_BATCH])
            rows += self.select(
                f"SELECT ?g ?s ?p ?o (isIRI(?o) AS ?oi) (isBLANK(?o) AS ?ob) "
                f"(DATATYPE(?o) AS ?od) (LANG(?o) AS ?ol) WHERE {{ VALUES {node} {{ {values} }} "
                f"GRAPH ?g {{ ?s ?p ?o }} {skip} FILTER(?p IN ({allowed})) }}").rows
        return rows

    def replace_graphs(
        self, graphs: Mapping[str, str], shared: Mapping[str, str] | None = None
    ) -> None:
        """Replace each named graph by the given N-Triples text and add the ``shared``
        entity triples to their graphs (idempotently), all in one update; the same
        update removes entity graphs no report reaches any more (see :func:`gc_update`),
        so a store's content depends on the files it holds, never on its history."""
        parts = []
        for graph, ntriples in graphs.items():
            parts.append(f"DROP SILENT GRAPH <{graph}>")
            if ntriples.strip():
                parts.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{ntriples}\n}} }}")
        for graph, ntriples in (shared or {}).items():
            if ntriples.strip():
                parts.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{ntriples}\n}} }}")
        if parts:
            gc = gc_update(self.entities_reached_by(graphs))
            self.update(" ;\n".join([*parts, gc] if gc else parts))
            self._drop_empty_graphs()

    def entities_reached_by(self, graphs: Iterable[str]) -> frozenset[str]:
        """The entity graphs that the stored versions of the report graphs among
        ``graphs`` reach (the only ones that replacing or dropping them can leave
        unreached): a new report costs nothing, an old one the size of that report."""
        existing = set(self.named_graphs())
        old = [g for g in graphs if g.startswith(REPORT_PREFIX) and g in existing]
        if not old:
            return frozenset()
        entities = self.entity_graphs()
        reached: set[str] = set()
        for report in old:
            text = self.report_ntriples(report, entities)
            reached.update(iri for iri in _OBJECT_IRI.findall(text) if iri in entities)
        return frozenset(reached)

    def drop_graphs(self, graphs: Iterable[str]) -> None:
        """Remove named graphs (and, in the same update, entity graphs left unreached)."""
        graphs = list(graphs)
        statements = [f"DROP SILENT GRAPH <{g}>" for g in graphs]
        if statements:
            gc = gc_update(self.entities_reached_by(graphs))
            self.update(" ;\n".join([*statements, gc] if gc else statements))
            self._drop_empty_graphs()

    def _drop_empty_graphs(self) -> None:  # noqa: B027 - optional hook
        """Forget named graphs the last update emptied (the embedded store lists them)."""

    def ensure_vocabularies(self) -> bool:
        """Load the shipped ontology and vocabularies where the store lacks the current ones.

        Each graph carries the SHA-256 of the file it came from, so an upgraded package
        refreshes exactly the graphs whose files changed. Returns True if anything changed.
        """
        wanted: dict[str, str] = {}
        for graph, text in _shipped_graphs():
            digest = hashlib.sha256(text.encode()).hexdigest()
            marker = f'<{graph}> {_HASH_PREDICATE} "{digest}"'
            if not self.ask(f"ASK {{ GRAPH <{graph}> {{ {marker} }} }}"):
                wanted[graph] = _turtle_to_ntriples(text, graph) + f"\n{marker} ."
        if wanted:
            self.replace_graphs(wanted)
        return bool(wanted)


def _shipped_graphs() -> list[tuple[str, str]]:
    shipped = []
    ontology = resources.ontology_file()
    if ontology.is_file():
        shipped.append((str(ONTOLOGY_GRAPH), ontology.read_text(encoding="utf-8")))
    for entry in resources.vocabulary_files():
        name = entry.name.rsplit(".", 1)[0]
        shipped.append((str(vocab_graph(name)), entry.read_text(encoding="utf-8")))
    return shipped


def _turtle_to_ntriples(turtle: str, graph: str) -> str:
    """N-Triples of a shipped file, blank nodes skolemised to stable IRIs.

    A store gives blank nodes fresh labels on every load, which would make two stores
    with the same content export different bytes; RDF 1.1 skolem IRIs (``.well-known/
    genid/``) numbered in parse order are the same on every machine.
    """
    import pyoxigraph as ox

    labels: dict[str, ox.NamedNode] = {}

    def stable(term):
        if isinstance(term, ox.BlankNode):
            if term.value not in labels:
                labels[term.value] = ox.NamedNode(f"{graph}/.well-known/genid/{len(labels) + 1}")
            return labels[term.value]
        return term

    triples = [
        ox.Triple(stable(t.subject), t.predicate, stable(t.object))
        for t in ox.parse(turtle, format=ox.RdfFormat.TURTLE, base_iri=graph)
    ]
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode()


def substitute(query: str, bindings: Mapping[str, object] | None) -> str:
    """Put bound values in place of their variables' tokens, as checked RDF terms.

    pyoxigraph's own substitution only reaches projected variables, and remote endpoints
    have none. Each value becomes one complete term token (built by pyoxigraph's strict
    constructors) that replaces exactly the variable's tokens, never text inside
    literals, IRIs or comments, so a value can never change the query's structure.
    """
    from .sparql_guard import substitute as substitute_tokens
    from .sparql_guard import term_text

    if not bindings:
        return query
    try:
        terms = {name: term_text(term) for name, term in bindings.items()}
    except ValueError as exc:
        raise StoreError(f"bad parameter value ({_first_line(exc)})", code=2) from None
    return substitute_tokens(query, terms)


def to_rdflib(term: object):
    from rdflib import Literal
    from rdflib.term import Identifier

    return term if isinstance(term, Identifier) else Literal(str(term))


_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMERIC_TYPES = frozenset(_XSD + t for t in (
    "integer", "decimal", "double", "float", "int", "long", "short", "byte",
    "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger",
    "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte"))


class TypedValue(str):
    """A cell that is a number or a boolean in RDF: still its lexical form as a string
    (csv, tables and comparisons see the text), with :meth:`json` giving the JSON value."""

    __slots__ = ("datatype",)

    def __new__(cls, lexical: str, datatype: str) -> TypedValue:
        value = super().__new__(cls, lexical)
        value.datatype = datatype
        return value

    def json(self) -> object:
        """The value as a JSON number or boolean (the text when it does not parse)."""
        text = str(self).strip()
        try:
            if self.datatype == _XSD + "boolean":
                return text in ("true", "1")
            if self.datatype in (_XSD + "decimal", _XSD + "double", _XSD + "float"):
                number = float(text)
                return number if number == number and abs(number) != float("inf") else text
            return int(text)
        except ValueError:
            return text


def typed_cell(lexical: str, datatype: str | None) -> str:
    """``lexical`` as a :class:`TypedValue` when ``datatype`` is numeric or boolean."""
    if datatype in _NUMERIC_TYPES or datatype == _XSD + "boolean":
        return TypedValue(lexical, datatype)
    return lexical


def _value(term: object | None) -> str | None:
    if term is None:
        return None
    datatype = getattr(term, "datatype", None)
    value = getattr(term, "value", str(term))
    return typed_cell(value, datatype.value) if datatype is not None else value


def _object_columns(term: object) -> list[str | None]:
    """An object term as :meth:`Store.quads_about` rows give it: text, is an IRI, is a
    blank node, datatype, language (as SPARQL's isIRI, isBLANK, DATATYPE and LANG)."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return [term.value, "true", "false", None, None]
    if isinstance(term, ox.BlankNode):
        return [term.value, "false", "true", None, None]
    language = getattr(term, "language", None)
    return [term.value, "false", "false", term.datatype.value, language or ""]


def _dataset_options(dataset: tuple[list[str], list[str]] | None) -> dict[str, object]:
    """pyoxigraph's query options: the union of all graphs, or the FROM / FROM NAMED
    graphs a query names (the dataset as SPARQL defines it)."""
    import pyoxigraph as ox

    if dataset and (dataset[0] or dataset[1]):
        return {"default_graph": [ox.NamedNode(g) for g in dataset[0]],
                "named_graphs": [ox.NamedNode(g) for g in dataset[1]]}
    return {"use_default_graph_as_union": True}


class EmbeddedStore(Store):
    """The default on-disk store (pyoxigraph, RocksDB); no server needed.

    A writer claims the folder (see :mod:`migkg.store_folder`: only a new or empty folder
    or an existing store) and holds its exclusive lock; readers share a lock, so a query
    never reads a store while an ingest writes it: it waits, then says the store is busy.
    """

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        import pyoxigraph as ox

        from . import store_folder

        self.location = str(path)
        self._read_only = read_only
        self._lock: store_folder.Lock | None = None
        try:
            if read_only:
                if path.exists() and not path.is_dir():
                    raise StoreError(f"{path}: is a file, not a store folder")
                if not store_folder.is_store(path):
                    raise StoreError(f"{path}: no store here yet (run 'migkg ingest' first)")
                self._lock = store_folder.Lock(path, exclusive=False)
                self._store = ox.Store.read_only(str(path))
            else:
                store_folder.claim(path)
                self._lock = store_folder.Lock(path, exclusive=True)
                self._store = ox.Store(str(path))
        except store_folder.FolderError as exc:
            self._release()
            raise StoreError(str(exc), code=exc.code) from None
        except (OSError, RuntimeError) as exc:
            self._release()
            raise StoreError(f"{path}: {_open_failure(exc)}") from None

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def _guarded(self, action, *args, **kwargs):
        """Run a pyoxigraph call, turning its failures into one-line StoreErrors."""
        try:
            return action(*args, **kwargs)
        except SyntaxError as exc:
            raise StoreError(f"invalid SPARQL: {_first_line(exc)}", code=2) from None
        except OSError as exc:
            raise StoreError(f"{self.location}: {_io_failure(exc)}") from None
        except RuntimeError as exc:
            text = _first_line(exc)
            if "Corruption" in text:
                raise StoreError(f"{self.location}: {_open_failure(exc)}") from None
            if "custom function" in text:
                raise StoreError(f"query failed: {text}", code=2) from None
            raise StoreError(f"query failed: {text}") from None

    def select(
        self,
        query: str,
        bindings: Mapping[str, object] | None = None,
        *,
        dataset: tuple[list[str], list[str]] | None = None,
    ) -> QueryResult:
        import pyoxigraph as ox

        options = _dataset_options(dataset)

        def run() -> QueryResult:
            solutions = self._store.query(substitute(query, bindings), **options)
            if not isinstance(solutions, ox.QuerySolutions):
                raise StoreError("only SELECT queries are supported here", code=2)
            columns = [v.value for v in solutions.variables]
            rows = [[_value(solution[c]) for c in columns] for solution in solutions]
            return QueryResult(columns, rows)

        return self._guarded(run)

    def ask(self, query: str, *, dataset: tuple[list[str], list[str]] | None = None
            ) -> bool:
        return bool(self._guarded(self._store.query, query, **_dataset_options(dataset)))

    def graph_query(self, query: str, *, dataset: tuple[list[str], list[str]] | None = None
                    ) -> str:
        import pyoxigraph as ox

        def run() -> str:
            triples = self._store.query(query, **_dataset_options(dataset))
            if not isinstance(triples, ox.QueryTriples):
                raise StoreError("only CONSTRUCT and DESCRIBE queries give a graph", code=2)
            text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode()
            return "".join(sorted(set(text.splitlines(keepends=True))))

        return self._guarded(run)

    def _writable(self) -> None:
        if self._read_only:
            raise StoreError(f"{self.location}: the store is open read-only")

    def update(self, update: str) -> None:
        self._writable()
        try:
            self._store.update(update)
        except SyntaxError as exc:
            raise StoreError(f"store update failed: {_first_line(exc)}") from None
        except OSError as exc:
            raise StoreError(f"{self.location}: store update failed ({_io_failure(exc)})"
                             ) from None
        except RuntimeError as exc:
            raise StoreError(f"{self.location}: store update failed ({_first_line(exc)})"
                             ) from None

    def replace_graphs(
        self, graphs: Mapping[str, str], shared: Mapping[str, str] | None = None
    ) -> None:
        """As :meth:`Store.replace_graphs`; a batch of graphs the store does not hold yet
        (a first ingest) is added in one transaction of parsed quads, without the SPARQL
        update parser (the update path costs about four times as much)."""
        import pyoxigraph as ox

        self._writable()
        if any(self._has_quads(ox.NamedNode(g)) for g in graphs):
            super().replace_graphs(graphs, shared)
            return

        def quads():
            for source in (graphs, shared or {}):
                for graph, ntriples in source.items():
                    if not ntriples.strip():
                        continue
                    name = ox.NamedNode(graph)
                    for triple in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES):
                        yield ox.Quad(triple.subject, triple.predicate, triple.object, name)

        try:
            self._store.extend(quads())  # one transaction: all of the batch or nothing
        except SyntaxError as exc:
            raise StoreError(f"store update failed: {_first_line(exc)}") from None
        except OSError as exc:
            raise StoreError(f"{self.location}: store update failed ({_io_failure(exc)})"
                             ) from None

    def _drop_empty_graphs(self) -> None:
        import pyoxigraph as ox

        # Only entity graphs empty through GC; a dropped report graph is gone already.
        empty = [g for g in self._store.named_graphs()
                 if isinstance(g, ox.NamedNode) and not g.value.startswith(REPORT_PREFIX)
                 and not self._has_quads(g)]
        if empty:
            self.update(" ;\n".join(f"DROP SILENT GRAPH <{g.value}>" for g in empty))

    def _has_quads(self, graph) -> bool:
        return next(iter(self._store.quads_for_pattern(None, None, None, graph)), None) \
            is not None

    def quads_about(self, nodes: Iterable[str], predicates: Collection[str], *,
                    incoming: bool = False, excluded: Collection[str] = ()
                    ) -> list[list[str | None]]:
        import pyoxigraph as ox

        # Index lookups, one per node: a few microseconds each, where a query joining
        # the same nodes costs the store tens (the describer of validation findings
        # asks about thousands of nodes at once).
        wanted = {ox.NamedNode(p) for p in predicates}
        skip = {ox.NamedNode(g) for g in excluded}

        def run() -> list[list[str | None]]:
            rows: list[list[str | None]] = []
            for iri in sorted(set(nodes)):
                node = ox.NamedNode(iri)
                found = self._store.quads_for_pattern(None, None, node) if incoming \
                    else self._store.quads_for_pattern(node, None, None)
                for quad in found:
                    graph = quad.graph_name
                    if quad.predicate not in wanted or isinstance(graph, ox.DefaultGraph) \
                            or graph in skip:
                        continue
                    rows.append([graph.value, quad.subject.value, quad.predicate.value,
                                 *_object_columns(quad.object)])
            return rows

        return self._guarded(run)

    def graph_ntriples(self, graph: str) -> str:
        import pyoxigraph as ox

        def run() -> str:
            triples = (q.triple for q in self._store.quads_for_pattern(
                None, None, None, ox.NamedNode(graph)))
            return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode()

        return self._guarded(run)

    def named_graphs(self) -> list[str]:
        return self._guarded(lambda: sorted(g.value for g in self._store.named_graphs()
                                            if self._has_quads(g)))

    def dump_nquads(self) -> str:
        import pyoxigraph as ox

        def run() -> str:
            text = ox.serialize(iter(self._store), format=ox.RdfFormat.N_QUADS).decode()
            lines = sorted(line for line in text.splitlines() if line)
            return "\n".join(lines) + ("\n" if lines else "")

        return self._guarded(run)

    def backup(self, target: Path) -> None:
        """Copy the store as it is now into the new folder ``target`` (hard links to the
        database's immutable files where ``target`` is on the same file system)."""
        self._guarded(self._store.backup, str(target))

    def checkpoint(self) -> None:
        # RocksDB keeps recent writes in one memory table per index (about ten of them);
        # flushing them to disk after each batch keeps a large ingest within memory.
        if not self._read_only:
            self._guarded(self._store.flush)

    def compact(self) -> None:
        if not self._read_only:
            self._guarded(self._store.optimize)

    def close(self) -> None:
        if hasattr(self, "_store"):
            if not self._read_only:  # a read-only instance has nothing to flush
                with contextlib.suppress(OSError, RuntimeError):
                    self._store.flush()
            del self._store
        self._release()


def _io_failure(exc: OSError) -> str:
    """One line for an I/O failure, naming the cause a user can act on."""
    text = _first_line(exc)
    if getattr(exc, "errno", None) == errno.ENOSPC or "No space left" in text:
        return "disk full (no space left on device)"
    if getattr(exc, "errno", None) in (errno.EROFS, errno.EACCES, errno.EPERM) \
            or "Read-only file system" in text or "Permission denied" in text:
        return f"cannot write the store ({text})"
    return text


def _open_failure(exc: BaseException) -> str:
    text = _first_line(exc)
    if "Corruption" in text:
        return ("store is damaged (" + text[:160] + "); rebuild it by ingesting the reports "
                "into a new store")
    if "Column family not found" in text:
        return ("store is incomplete (its first ingest was stopped before it had written "
                "anything); run 'migkg ingest' again")
    if "lock" in text.lower():
        return "store is in use by another process"
    if "not a directory" in text:
        return "is a file, not a store folder"
    if isinstance(exc, OSError):
        return f"cannot open the store ({_io_failure(exc)})"
    return f"cannot open the store ({text})"


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


__all__ = [
    "GRAPH",
    "DEFAULT_LOCATION",
    "EmbeddedStore",
    "QueryResult",
    "Store",
    "StoreError",
    "default_location",
    "open_store",
]
