"""``migkg push``: copy the local store's graphs to a SPARQL 1.1 store, graph by graph.

Every named graph of the local store (the report graphs, the shared entity graphs, the
ontology's and the vocabularies') is written to the remote store as an atomic replace: an
HTTP PUT of its N-Triples to the Graph Store Protocol endpoint, or, without one, one SPARQL
Update request ``DROP SILENT GRAPH`` + ``INSERT DATA``. Report graphs the remote holds but
the local store no longer does are deleted, and so is any other graph of migkg's (an IRI
under https://w3id.org/migkg/) the local store lacks: the remote's migkg graphs end up
those of the local store. Graphs that are not migkg's are never touched.

Only changed graphs are sent: the remote keeps a manifest graph (``MANIFEST_GRAPH``) with
one entry per pushed graph (``…#graph``: its IRI as a literal; ``…#sha256``: the SHA-256
of its sorted N-Triples). Before graphs are sent their manifest entries are removed, and written
anew once they are in place, so an interrupted push never leaves an entry that claims a
graph the remote does not hold: the next push sends it again. The local store is only read.

Requests that meet a 5xx answer or no answer at all are tried again (three tries, with a
back-off of 1 s then 2 s); a 4xx answer (401, 403: the store refuses) ends the push at once.
"""

from __future__ import annotations

import hashlib
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field

from migkg.ontology.namespaces import BASE

from .remote_store import MANIFEST_GRAPH, Http, RemoteError, RemoteStore, check_url
from .store import REPORT_PREFIX, Store, StoreError

# A manifest entry names its graph in a literal, so that the union of all graphs gains no
# triple about a report (a report graph's IRI is the report's IRI).
_ENTRY = MANIFEST_GRAPH + "#"
_NAMES = f"<{_ENTRY}graph>"
_DIGEST = f"<{_ENTRY}sha256>"
TRIES = 3
_BACKOFF = 1.0  # seconds before the second try; doubled before each further one
# Graphs of one SPARQL Update request when removing or writing manifest entries.
_BATCH = 500


def retrying(action: Callable[[], object], *,
             sleep: Callable[[float], None] = time.sleep) -> object:
    """Run ``action`` (a request to an endpoint); a :class:`RemoteError` with a 5xx
    status or no answer is tried again (three tries, 1 s then 2 s apart), any other is
    raised at once. Gives what ``action`` gave."""
    for attempt in range(1, TRIES + 1):
        try:
            return action()
        except RemoteError as exc:
            transient = exc.status is None or exc.status >= 500
            if not transient or attempt == TRIES:
                if transient:
                    raise RemoteError(f"{exc} (tried {TRIES} times)", exc.status
                                      ) from None
                raise
            sleep(_BACKOFF * 2 ** (attempt - 1))
    raise AssertionError("unreachable")


@dataclass
class Targets:
    """The remote store's endpoints: SPARQL query, SPARQL Update, Graph Store Protocol."""

    query: str
    update: str | None = None
    graph_store: str | None = None


@dataclass
class PushResult:
    """What a push did: graphs ``sent``, ``unchanged`` (by count) and ``deleted``."""

    sent: list[str] = field(default_factory=list)
    unchanged: int = 0
    deleted: list[str] = field(default_factory=list)


def digest(ntriples: str) -> str:
    """SHA-256 of a graph's N-Triples, lines sorted (the same graph, the same digest)."""
    lines = sorted(line for line in ntriples.splitlines() if line.strip())
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


class Remote:
    """The remote store's endpoints, with retries around every request."""

    def __init__(self, targets: Targets, *, sleep: Callable[[float], None] = time.sleep
                 ) -> None:
        for url in (targets.query, targets.update, targets.graph_store):
            if url:
                check_url(url)
        if not (targets.update or targets.graph_store):
            raise StoreError("push needs --update or --graph-store (or both)", code=2)
        self.targets = targets
        self._store = RemoteStore(targets.query)
        self._http = Http()
        self._sleep = sleep

    def _retrying(self, action: Callable[[], object]) -> object:
        return retrying(action, sleep=self._sleep)

    def select_column(self, query: str, columns: tuple[str, ...]) -> list[tuple[str, ...]]:
        """The values of ``columns`` in each row of a SELECT sent to the query endpoint."""
        result = self._retrying(lambda: self._store.select(query))
        index = [result.columns.index(c) for c in columns]
        return [tuple(str(row[i]) for i in index) for row in result.rows
                if all(row[i] is not None for i in index)]

    def update(self, text: str) -> None:
        url = self.targets.update
        if not url:
            raise StoreError("no --update endpoint for a SPARQL update", code=2)
        body = urllib.parse.urlencode({"update": text}).encode()
        self._retrying(lambda: self._http.request(
            "POST", url, body, {"Content-Type": "application/x-www-form-urlencoded",
                                "Accept": "*/*"}))

    def _graph_url(self, graph: str) -> str:
        base = self.targets.graph_store or ""
        joiner = "&" if "?" in base else "?"
        return f"{base}{joiner}{urllib.parse.urlencode({'graph': graph})}"

    def put_graph(self, graph: str, ntriples: str) -> None:
        """Replace one remote graph by ``ntriples`` in one atomic request."""
        if self.targets.graph_store:
            url, body = self._graph_url(graph), ntriples.encode()
            self._retrying(lambda: self._http.request(
                "PUT", url, body, {"Content-Type": "application/n-triples", "Accept": "*/*"}))
        else:
            self.update(f"DROP SILENT GRAPH <{graph}> ;\n"
                        f"INSERT DATA {{ GRAPH <{graph}> {{\n{ntriples}\n}} }}")

    def delete_graph(self, graph: str) -> None:
        if self.targets.graph_store:
            url = self._graph_url(graph)
            try:
                self._retrying(lambda: self._http.request("DELETE", url, None,
                                                          {"Accept": "*/*"}))
            except RemoteError as exc:
                if exc.status != 404:  # already gone: what we wanted
                    raise
        else:
            self.update(f"DROP SILENT GRAPH <{graph}>")

    def manifest(self) -> dict[str, str]:
        """The remote's manifest: pushed graph -> digest."""
        rows = self.select_column(
            f"SELECT ?g ?d WHERE {{ GRAPH <{MANIFEST_GRAPH}> "
            f"{{ ?e {_NAMES} ?g ; {_DIGEST} ?d }} }}",
            ("g", "d"))
        return dict(rows)

    def migkg_graphs(self) -> set[str]:
        """The remote's non-empty named graphs that are migkg's (IRIs under its base),
        the manifest aside."""
        rows = self.select_column(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER (STRSTARTS(STR(?g), "{BASE}")) }}', ("g",))
        return {g for (g,) in rows if g != MANIFEST_GRAPH}

    def write_manifest(self, manifest: dict[str, str]) -> None:
        import pyoxigraph as ox

        lines = []
        for graph, value in sorted(manifest.items()):
            entry = f"<{_ENTRY}{hashlib.sha256(graph.encode()).hexdigest()[:32]}>"
            name = ox.Literal(graph)
            lines += [f"{entry} {_NAMES} {name} .", f'{entry} {_DIGEST} "{value}" .']
        self.put_graph(MANIFEST_GRAPH, "\n".join(lines) + "\n")

    def forget(self, graphs: list[str], manifest: dict[str, str]) -> None:
        """Remove the manifest entries of ``graphs`` before they are changed."""
        remaining = {g: d for g, d in manifest.items() if g not in set(graphs)}
        if len(remaining) != len(manifest):
            self.write_manifest(remaining)


def push(local: Store, targets: Targets, *,
         progress: Callable[[str, str], None] | None = None,
         sleep: Callable[[float], None] = time.sleep) -> PushResult:
    """Push every graph of ``local`` to the remote store at ``targets``.

    ``progress(action, graph)`` is called after each graph sent ('sent') or deleted
    ('deleted'). Raises :class:`StoreError` (exit code in ``code``) when the remote store
    fails or refuses; what was sent before stays sent and the next push completes it.
    """
    remote = Remote(targets, sleep=sleep)
    manifest = remote.manifest()
    remote_graphs = remote.migkg_graphs()
    graphs = [g for g in local.named_graphs() if g != MANIFEST_GRAPH]
    if remote_graphs and not any(g.startswith(REPORT_PREFIX) for g in graphs):
        raise StoreError(f"{local.location}: holds no reports; pushing it would delete the "
                         f"remote's {len(remote_graphs)} migkg graphs (ingest first, or "
                         "drop them on the remote yourself)", code=2)
    wanted: dict[str, str] = {}
    result = PushResult()
    for graph in graphs:
        value = digest(local.graph_ntriples(graph))
        # A graph the remote lacks is sent whatever the manifest says.
        if manifest.get(graph) == value and graph in remote_graphs:
            result.unchanged += 1
            continue
        wanted[graph] = value
    gone = sorted((remote_graphs | set(manifest)) - set(graphs))
    changing = sorted(set(wanted) | set(gone))
    if changing:
        remote.forget(changing, manifest)
    current = {g: d for g, d in manifest.items() if g not in set(changing)}
    for graph in sorted(wanted):
        remote.put_graph(graph, local.graph_ntriples(graph))
        result.sent.append(graph)
        current[graph] = wanted[graph]
        if progress:
            progress("sent", graph)
    for graph in gone:
        remote.delete_graph(graph)
        result.deleted.append(graph)
        if progress:
            progress("deleted", graph)
    if changing:
        remote.write_manifest(current)
    return result
