"""A store behind a SPARQL 1.1 endpoint (Oxigraph server, Fuseki, GraphDB...).

``--store https://host/query`` points every command here. Updates go to the matching
update endpoint (``…/update`` next to ``…/query`` or ``…/sparql``, or $MIGKG_UPDATE_URL).
Queries ask for the union of all graphs as the default graph, as the embedded store does
(Oxigraph's ``union-default-graph`` parameter; configure Fuseki with
``tdb2:unionDefaultGraph true``).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping

from migkg.ontology.namespaces import BASE, GRAPH

from .store import QueryResult, Store, StoreError, _first_line, substitute

# Written by ``migkg push`` (see :mod:`migkg.pushing`): which graphs it sent, with their
# digests. Bookkeeping, not data: named_graphs() and dump_nquads() leave it out.
MANIFEST_GRAPH = str(GRAPH) + "push-manifest"
# The graphs migkg writes (reports, entities, ontology, vocabularies) all have IRIs under
# its base; a shared server holds other graphs too (Virtuoso its own system graphs), which
# named_graphs() and dump_nquads() leave out, as the embedded store has none of them.
_OWN_GRAPHS = (f'FILTER (STRSTARTS(STR(?g), "{BASE}") && ?g != <{MANIFEST_GRAPH}>)')
_BLANK_LABEL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")

_TIMEOUT = 60
_AGENT = "migkg (https://w3id.org/migkg)"
_MAX_ANSWER = 512 * 2**20  # bytes of one answer; a whole-store dump of a large store fits


def _update_url(query_url: str) -> str:
    explicit = os.environ.get("MIGKG_UPDATE_URL")
    if explicit:
        return explicit
    return re.sub(r"/(query|sparql)/?$", "/update", query_url)


def _term(binding: dict):
    """A SPARQL JSON result term as a pyoxigraph term (checked by its constructors)."""
    import pyoxigraph as ox

    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        # Labels are the server's own ('nodeID://b10001' in Virtuoso's answers); one that
        # N-Triples cannot spell becomes a stable label derived from it.
        if _BLANK_LABEL.fullmatch(value) and not value.endswith("."):
            return ox.BlankNode(value)
        return ox.BlankNode("b" + hashlib.sha256(value.encode()).hexdigest()[:24])
    if kind in ("literal", "typed-literal"):
        if binding.get("xml:lang"):
            return ox.Literal(value, language=binding["xml:lang"])
        if binding.get("datatype"):
            return ox.Literal(_canonical(value, binding["datatype"]),
                              datatype=ox.NamedNode(binding["datatype"]))
        return ox.Literal(value)
    raise ValueError(f"unknown term type {kind!r}")


_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


def _canonical(value: str, datatype: str | None) -> str:
    """A boolean's canonical form ('true', 'false'): Virtuoso answers '1' and '0'."""
    if datatype == _BOOLEAN and value in ("0", "1"):
        return "true" if value == "1" else "false"
    return value


def _term_text(binding: dict) -> str:
    """A SPARQL JSON result term in N-Triples syntax: one line whatever the literal holds
    (newlines, quotes and backslashes escaped as N-Triples requires)."""
    return str(_term(binding))


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to the same scheme, host and port; refuse any other."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        old, new = urllib.parse.urlsplit(req.full_url), urllib.parse.urlsplit(newurl)
        if (old.scheme, old.netloc) != (new.scheme, new.netloc):
            raise urllib.error.URLError(
                f"refused a redirect to another host ({new.scheme}://{new.netloc})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class RemoteError(StoreError):
    """A request to an endpoint failed: ``status`` is the HTTP status, or None when no
    answer came (connection refused or reset, timeout)."""

    def __init__(self, message: str, status: int | None) -> None:
        super().__init__(message)
        self.status = status


def timeout_seconds() -> float:
    """Seconds one request may take: $MIGKG_REMOTE_TIMEOUT, default 60."""
    try:
        return float(os.environ.get("MIGKG_REMOTE_TIMEOUT", _TIMEOUT))
    except ValueError:
        return float(_TIMEOUT)


def check_url(url: str) -> urllib.parse.SplitResult:
    """An http(s) endpoint URL without credentials in it (else a usage error)."""
    parts = urllib.parse.urlsplit(url)
    if parts.username or parts.password:
        raise StoreError(f"{parts.scheme}://{parts.hostname}: credentials in the store "
                         "URL are refused; set MIGKG_REMOTE_USER and "
                         "MIGKG_REMOTE_PASSWORD instead", code=2)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(f"{url}: not an http(s) endpoint URL", code=2)
    return parts


class Http:
    """HTTP for SPARQL endpoints: credentials only from $MIGKG_REMOTE_USER /
    $MIGKG_REMOTE_PASSWORD (HTTP Basic), a timeout on every request, redirects followed
    only to the same host, answers capped at 512 MB."""

    def __init__(self) -> None:
        self._user = os.environ.get("MIGKG_REMOTE_USER")
        self._password = os.environ.get("MIGKG_REMOTE_PASSWORD")
        self._timeout = timeout_seconds()
        self._opener = urllib.request.build_opener(_SameHostRedirects())
        self._openers: dict[str, urllib.request.OpenerDirector] = {}

    def _opener_for(self, url: str) -> urllib.request.OpenerDirector:
        """With credentials: an opener that answers the endpoint's own HTTP Digest (and
        Basic) challenges, for that scheme, host and port only."""
        if not self._user:
            return self._opener
        parts = urllib.parse.urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}/"
        if origin not in self._openers:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, origin, self._user, self._password or "")
            self._openers[origin] = urllib.request.build_opener(
                _SameHostRedirects(), urllib.request.HTTPDigestAuthHandler(passwords),
                urllib.request.HTTPBasicAuthHandler(passwords))
        return self._openers[origin]

    def request(self, method: str, url: str, data: bytes | None, headers: dict[str, str]
                ) -> bytes:
        """Send one request; gives the answer's body or raises :class:`RemoteError`."""
        try:
            try:
                body = self._send(method, url, data, headers, preemptive=bool(self._user))
            except urllib.error.HTTPError as exc:
                if exc.code != 401 or not self._user:
                    raise
                # Basic sent at once was refused: let the store's own challenge (HTTP
                # Digest for Virtuoso's /sparql-auth, which rejects Basic) say how.
                exc.close()
                body = self._send(method, url, data, headers, preemptive=False)
        except urllib.error.HTTPError as exc:
            raise RemoteError(f"{url}: the endpoint answered HTTP {exc.code} "
                              f"({_reason(exc)})", exc.code) from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            raise RemoteError(f"{url}: request failed ({_first_line(reason)})", None
                              ) from None
        if len(body) > _MAX_ANSWER:
            raise RemoteError(f"{url}: the answer is larger than {_MAX_ANSWER // 2**20} MB",
                              None)
        return body

    def _send(self, method: str, url: str, data: bytes | None, headers: dict[str, str], *,
              preemptive: bool) -> bytes:
        request = urllib.request.Request(url, data=data, method=method,
                                         headers={"User-Agent": _AGENT, **headers})
        if preemptive:
            # HTTP Basic, sent at once as most stores expect; never carried over a redirect.
            token = base64.b64encode(f"{self._user}:{self._password or ''}".encode()).decode()
            request.add_unredirected_header("Authorization", f"Basic {token}")
        with self._opener_for(url).open(request, timeout=self._timeout) as response:
            return response.read(_MAX_ANSWER + 1)


def _reason(exc: urllib.error.HTTPError) -> str:
    """The status's reason, and the first line of the answer's text where it has one
    (Virtuoso and Fuseki say there what went wrong), on one line of at most 300 chars."""
    reason = _first_line(exc.reason or exc) if exc.reason else str(exc.code)
    try:
        body = exc.read(4096).decode("utf-8", "replace")
    except (OSError, ValueError):
        body = ""
    detail = next((line.strip() for line in body.splitlines() if line.strip()), "")
    if detail and "<" not in detail[:1] and detail != reason:
        reason = f"{reason}: {detail}"
    reason = "".join(c if c.isprintable() else " " for c in reason)
    return reason[:300]


class RemoteStore(Store):
    """Credentials come only from $MIGKG_REMOTE_USER / $MIGKG_REMOTE_PASSWORD (never from
    the URL); every request has a timeout ($MIGKG_REMOTE_TIMEOUT, default 60 s); a
    redirect to another host is refused; an answer that is not SPARQL JSON is one error."""

    def __init__(self, url: str) -> None:
        check_url(url)
        self.location = url
        self._update_url = _update_url(url)
        self._http = Http()

    def _post(self, url: str, form: dict[str, str], accept: str) -> bytes:
        return self._http.request(
            "POST", url, urllib.parse.urlencode(form).encode(),
            {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})

    def _json(self, query: str, *, union: bool = True) -> dict:
        form = {"query": query}
        if union:
            form["union-default-graph"] = ""
        body = self._post(self.location, form, "application/sparql-results+json")
        try:
            result = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise StoreError(f"{self.location}: the endpoint did not answer with SPARQL JSON"
                             ) from None
        if not isinstance(result, dict) or not (
                isinstance(result.get("results"), dict) or "boolean" in result):
            raise StoreError(f"{self.location}: the endpoint did not answer with SPARQL JSON")
        return result

    def select(
        self,
        query: str,
        bindings: Mapping[str, object] | None = None,
        *,
        dataset: tuple[list[str], list[str]] | None = None,
    ) -> QueryResult:
        # A query with FROM / FROM NAMED names its own dataset; the union is for the rest.
        union = not (dataset and (dataset[0] or dataset[1]))
        result = self._json(substitute(query, bindings), union=union)
        try:
            columns = list(result["head"].get("vars", []))
            rows = [[_cell(b.get(c)) for c in columns]
                    for b in result["results"]["bindings"]]
        except (KeyError, AttributeError, TypeError):
            raise StoreError(f"{self.location}: the endpoint's SPARQL JSON is malformed"
                             ) from None
        return QueryResult(columns, rows)

    def ask(self, query: str, *, dataset: tuple[list[str], list[str]] | None = None
            ) -> bool:
        union = not (dataset and (dataset[0] or dataset[1]))
        return bool(self._json(query, union=union).get("boolean"))

    def graph_query(self, query: str, *, dataset: tuple[list[str], list[str]] | None = None
                    ) -> str:
        form = {"query": query}
        if not (dataset and (dataset[0] or dataset[1])):
            form["union-default-graph"] = ""
        body = self._post(self.location, form, "application/n-triples")
        import pyoxigraph as ox

        try:
            triples = list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
        except (SyntaxError, ValueError):
            raise StoreError(f"{self.location}: the endpoint did not answer with N-Triples"
                             ) from None
        text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode()
        return "".join(sorted(set(text.splitlines(keepends=True))))

    def update(self, update: str) -> None:
        try:
            self._post(self._update_url, {"update": update}, "*/*")
        except RemoteError as exc:
            if exc.status in (401, 403, 405):
                raise RemoteError(
                    f"{self._update_url}: the endpoint refused the update (HTTP "
                    f"{exc.status}): it is read-only, or needs MIGKG_REMOTE_USER and "
                    "MIGKG_REMOTE_PASSWORD; nothing was written", exc.status) from None
            raise

    def _rows(self, query: str) -> list[dict]:
        try:
            return list(self._json(query)["results"]["bindings"])
        except (KeyError, TypeError):
            raise StoreError(f"{self.location}: the endpoint's SPARQL JSON is malformed"
                             ) from None

    def graph_ntriples(self, graph: str) -> str:
        rows = self._rows(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        lines = sorted(self._lines(rows, ("s", "p", "o")))
        return "\n".join(lines) + ("\n" if lines else "")

    def _lines(self, rows: list[dict], names: tuple[str, ...]) -> list[str]:
        """N-Triples (or N-Quads) lines of result rows; a malformed term is one error."""
        try:
            return [" ".join(_term_text(r[n]) for n in names) + " ." for r in rows]
        except (KeyError, TypeError, ValueError):
            raise StoreError(f"{self.location}: the endpoint's SPARQL JSON is malformed"
                             ) from None

    def named_graphs(self) -> list[str]:
        rows = self._rows(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_OWN_GRAPHS} }}")
        return sorted(r["g"]["value"] for r in rows)

    def dump_nquads(self) -> str:
        rows = self._rows(f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_OWN_GRAPHS} }}")
        lines = sorted(self._lines(rows, ("s", "p", "o", "g")))
        return "\n".join(lines) + ("\n" if lines else "")


def _cell(binding: dict | None) -> str | None:
    """One SPARQL JSON result cell as the embedded store gives it (typed where numeric)."""
    if not binding:
        return None
    from .store import typed_cell

    datatype = binding.get("datatype")
    return typed_cell(_canonical(binding.get("value"), datatype), datatype)
