"""Named queries: ``.rq`` files in queries/ whose grlc-style header documents them.

A file starts with ``#+ key: value`` lines (valid YAML once the ``#+`` is removed):
``summary``, ``description``, ``tags``, ``x-returns`` (the projected columns, in order),
``params`` (per parameter: type, description, example, default, values; see
:mod:`migkg.query_params`). Parameters follow grlc's convention in the body: ``?_name`` is
required, ``?__name`` optional (grlc's ``defaults`` and ``enumerate`` keys are read too).
Values are checked against their type and bound as RDF terms through pyoxigraph's
substitutions, never spliced into the query text as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

import yaml

from migkg.ontology.iris import name_key

from . import resources
from .query_params import Param, ParamError, convert, declare, normalise
from .review import REVIEWED_GRAPH, UNREVIEWED_GRAPH
from .store import QueryResult, Store

_OWN_PAGING = re.compile(r"\b(LIMIT|OFFSET)\s+[0-9]", re.IGNORECASE)
_PARAM = re.compile(r"\?(?P<var>__?(?P<name>[A-Za-z][A-Za-z0-9]*(?:_iri)?))\b")

__all__ = ["NamedQuery", "Param", "QueryError", "bind", "get", "named_queries",
           "parse_query_file", "run_named"]


class QueryError(Exception):
    """A named query or its parameters are wrong; the message is one plain line."""


@dataclass
class NamedQuery:
    """One named query: its text and what its header says about it."""

    name: str
    text: str
    summary: str
    description: str = ""
    tags: list[str] = field(default_factory=list)
    returns: list[str] = field(default_factory=list)
    params: list[Param] = field(default_factory=list)
    default_limit: int | None = None  # x-default-limit: the page the CLI shows by default
    page_by_report: bool = False  # x-page-by: report (see run_named)

    def param(self, name: str) -> Param | None:
        """The parameter called ``name``, or None."""
        return next((p for p in self.params if p.name == name), None)


def parse_query_file(name: str, text: str) -> NamedQuery:
    """Parse one ``.rq`` file's text (its header and parameters); raises QueryError."""
    header_lines = []
    for line in text.splitlines():
        if not line.startswith("#+"):
            break
        header_lines.append(line[2:].removeprefix(" "))
    try:
        header = yaml.safe_load("\n".join(header_lines)) or {}
    except yaml.YAMLError as exc:
        raise QueryError(f"{name}.rq: header is not valid YAML ({exc})") from None
    if not isinstance(header, dict):
        raise QueryError(f"{name}.rq: header is not a YAML mapping")
    specs = dict(header.get("params") or {})
    for pname, default in _pairs(header.get("defaults")):  # grlc's spelling
        specs.setdefault(pname, {}).setdefault("default", default)
    for pname, values in _pairs(header.get("enumerate")):
        spec = specs.setdefault(pname, {})
        spec.setdefault("type", "enum")
        spec.setdefault("values", values)
    body = "\n".join(text.splitlines()[len(header_lines):])
    params: dict[str, Param] = {}
    try:
        for match in _PARAM.finditer(_strip_comments(body)):
            variable = match.group("var")
            user_name = match.group("name").removesuffix("_iri")
            if user_name not in params:
                params[user_name] = declare(name, variable, specs.get(user_name))
    except ParamError as exc:
        raise QueryError(str(exc)) from None
    undeclared = sorted(set(specs) - set(params))
    if undeclared:
        raise QueryError(f"{name}.rq: header describes parameter {undeclared[0]!r}, "
                         "which the query does not use")
    return NamedQuery(
        name=name,
        text=text,
        summary=str(header.get("summary", "")),
        description=str(header.get("description", "")).strip(),
        tags=list(header.get("tags") or []),
        returns=list(header.get("x-returns") or []),
        params=list(params.values()),
        default_limit=_default_limit(name, header.get("x-default-limit")),
        page_by_report=_page_by(name, header.get("x-page-by")),
    )


def _page_by(name: str, value: object) -> bool:
    if value is None:
        return False
    if value != "report":
        raise QueryError(f"{name}.rq: x-page-by takes 'report' only")
    return True


def _default_limit(name: str, value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise QueryError(f"{name}.rq: x-default-limit must be a whole number of 1 or more")
    return value


def _pairs(value: object) -> list[tuple[str, object]]:
    """grlc writes ``defaults``/``enumerate`` as a list of one-key mappings; a plain
    mapping is read the same way."""
    if isinstance(value, dict):
        return list(value.items())
    if isinstance(value, list):
        return [item for entry in value if isinstance(entry, dict) for item in entry.items()]
    return []


def _strip_comments(body: str) -> str:
    # A '#' outside an IRI or string starts a comment; parameters named there don't count.
    return "\n".join(re.sub(r"(^|\s)#.*$", "", line) for line in body.splitlines())


@lru_cache(maxsize=1)
def named_queries() -> dict[str, NamedQuery]:
    """Every named query shipped in queries/, by name."""
    queries = {}
    for entry in resources.query_files():
        name = entry.name.removesuffix(".rq")
        queries[name] = parse_query_file(name, entry.read_text(encoding="utf-8"))
    return dict(sorted(queries.items()))


def get(name: str) -> NamedQuery:
    """The named query ``name``; raises QueryError naming the known ones."""
    try:
        return named_queries()[name]
    except KeyError:
        known = ", ".join(sorted(named_queries()))
        raise QueryError(f"no named query {name!r} (known: {known})") from None


def check(query: NamedQuery, values: dict[str, str]) -> dict[str, str]:
    """The user's values checked against the query's parameters without a store: unknown
    names, missing required ones and values of the wrong type raise QueryError. Gives the
    values in canonical spelling with defaults filled in."""
    from .sparql_guard import limits

    by_name = {p.name: p for p in query.params}
    reviewed_view(values)  # every query takes it; checked here, used by run_named
    unknown = sorted(set(values) - set(by_name) - {REVIEWED})
    if unknown:
        expected = ", ".join(p.usage() for p in query.params) or "none"
        raise QueryError(f"query {query.name!r} has no parameter {unknown[0]!r} "
                         f"(parameters: {expected})")
    missing = [p for p in query.params if p.required and p.name not in values]
    if missing:
        raise QueryError(f"query {query.name!r} needs --param {missing[0].usage()}")
    max_chars = limits()[1]
    checked: dict[str, str] = {}
    for param in query.params:
        value = values.get(param.name, param.default)
        if value is None:
            continue
        if len(value) > max_chars:
            raise QueryError(f"--param {param.name}: value too long ({len(value)} "
                             f"characters; limit {max_chars})")
        try:
            checked[param.name] = normalise(param, value)
        except ParamError as exc:
            raise QueryError(str(exc)) from None
    return checked


def bind(query: NamedQuery, values: dict[str, str], store: Store | None = None
         ) -> dict[str, object]:
    """Check the user's ``--param`` values (see :func:`check`) and turn them into RDF
    terms keyed by variable. A ``session`` parameter is resolved against ``store`` (without
    one it is only checked for shape) to the session's IRI, else the report's."""
    checked = check(query, values)
    bindings: dict[str, object] = {}
    for name, value in checked.items():
        param = query.param(name)
        assert param is not None
        if param.type == "session":
            if store is None:
                continue
            bindings[param.variable] = _session_term(store, param, value)
            continue
        if param.type in ("event", "series", "code") and store is not None:
            _check_stored(store, param, value)
        try:
            bindings[param.variable] = convert(param, value)
        except ParamError as exc:
            raise QueryError(str(exc)) from None
    return bindings


def _session_term(store: Store, param: Param, value: str) -> object:
    import pyoxigraph as ox

    from .resolving import ReferenceError, resolve_one

    try:
        found = resolve_one(store, value)
    except ReferenceError as exc:
        raise QueryError(f"--param {param.name}: {exc}") from None
    targets = sorted({r.target for r in found})
    if len(targets) > 1:
        listed = ", ".join(r.describe() for r in found[:10])
        raise QueryError(f"--param {param.name}: {value!r} names {len(targets)} sessions "
                         f"({listed}); name one session")
    return ox.NamedNode(targets[0])


_STORED = {
    # What the reports' summary triples hold for each store-checked type, normalised as
    # the queries' selection blocks normalise the user's value.
    "event": ("SELECT DISTINCT ?v ?label WHERE { GRAPH ?r { ?r <https://w3id.org/migkg/"
              "ontology#eventKey> ?v OPTIONAL { ?r <https://w3id.org/migkg/ontology#"
              "eventLabel> ?label } } }"),
    "series": ("SELECT DISTINCT ?v ?label WHERE { GRAPH ?r { ?r <https://w3id.org/migkg/"
               "ontology#eventSeries> ?v } }"),
    "code": ("SELECT DISTINCT ?v ?label WHERE { GRAPH ?label { ?label a <https://w3id.org/"
             "migkg/ontology#Report> OPTIONAL { ?label <https://w3id.org/migkg/ontology#"
             "sessionCode> ?v } } }"),
}


def _check_stored(store: Store, param: Param, value: str) -> None:
    """A selection value that names nothing in the store is a usage error naming the
    values the store has (an empty store has none, and any value gives no rows)."""
    rows = store.select(_STORED[param.type]).rows
    if not rows:
        return
    if param.type == "event":
        rows = [(v, label) for v, label in rows if v]
        if name_key(value) in {v for v, _ in rows}:
            return
        names = sorted({label or v for v, label in rows if label} or {v for v, _ in rows})
    elif param.type == "code":
        if value in {v for v, _ in rows if v} | {report for _, report in rows}:
            return
        names = sorted({v for v, _ in rows if v}, key=lambda c: [int(p) if p.isdigit() else p
                                                                 for p in re.split(r"(\d+)", c)])
    else:
        if value.lower() in {v.lower() for v, _ in rows}:
            return
        names = sorted({v for v, _ in rows})
    shown = "; ".join(names[:12]) + (f"; and {len(names) - 12} more" if len(names) > 12 else "")
    raise QueryError(f"--param {param.name}: {value!r} is no {param.type} in the store "
                     f"(known: {shown})")


REVIEWED = "reviewed"
_TRUE, _FALSE = ("true", "yes", "1"), ("false", "no", "0")


def reviewed_view(values: dict[str, str]) -> bool:
    """Whether a query reads the reviewed view (``--param reviewed``, default true: the
    reviewers' decisions applied, see :mod:`migkg.review.view`) or the loader's own
    output (``reviewed=false``); raises QueryError for a value that is no boolean."""
    value = values.get(REVIEWED)
    if value is None:
        return True
    if value.strip().casefold() in _TRUE:
        return True
    if value.strip().casefold() in _FALSE:
        return False
    raise QueryError(f"--param {REVIEWED}: {value!r} is not true or false")


def in_view(query: NamedQuery, reviewed: bool) -> NamedQuery:
    """``query`` as it reads the reviewed view (``reviewed`` true: unchanged) or the
    loader's own output (the reviewed graph's IRI swapped for one that holds nothing)."""
    if reviewed:
        return query
    return replace(query, text=query.text.replace(f"<{REVIEWED_GRAPH}>",
                                                  f"<{UNREVIEWED_GRAPH}>"))


def run_named(store: Store, name: str, values: dict[str, str] | None = None, *,
              limit: int | None = None, offset: int = 0) -> QueryResult:
    """Run named query ``name`` on ``store`` with the user's parameter ``values``; gives
    the rows in the header's column order. ``limit``/``offset`` page the result (the
    query's own ORDER BY decides the order); the result's ``more`` is True when rows
    beyond the page exist. Raises QueryError on a bad parameter."""
    query = get(name)
    if limit is not None and limit < 0 or offset < 0:
        raise QueryError("--limit and --offset take numbers of 0 or more")
    values = dict(values or {})
    query = in_view(query, reviewed_view(values))
    values.pop(REVIEWED, None)
    bindings = bind(query, values, store)
    if limit is not None and query.page_by_report:
        result = _page_by_reports(store, query, bindings, limit, offset)
    else:
        text = query.text
        if limit is not None or offset:
            if _OWN_PAGING.search(_strip_comments(text)):
                raise QueryError(f"query {name!r} pages its own result; --limit/--offset "
                                 "do not apply")
            # Whole numbers appended as the query's last solution modifiers, after its
            # ORDER BY; fetching one row more tells whether a next page exists.
            page = "" if limit is None else f"LIMIT {int(limit) + 1} "
            text = f"{text.rstrip()}\n{page}OFFSET {int(offset)}\n"
        result = store.select(text, bindings)
    if query.returns and result.columns != query.returns:
        # The header is the contract; a drifting projection is a bug in the .rq file.
        raise QueryError(f"{name}.rq returns {result.columns}, header says {query.returns}")
    if limit is not None and len(result.rows) > limit:
        result.rows = result.rows[:limit]
        result.more = True
    return result


_REPORT_ORDER = ("SELECT ?report ?key WHERE { GRAPH ?report { ?report "
                 "<https://w3id.org/migkg/ontology#orderKey> ?key } } ORDER BY ?key ?report")
_FIRST_WINDOW = 16
# The line of a paged-by-report query where the window's VALUES goes (else right after
# the first 'WHERE {'): inside the subquery that groups, so that it groups one window.
PAGE_WINDOW = "# x-page-by: window"


def _window_text(text: str, reports: str) -> str:
    """``text`` with ``VALUES ?report { reports }`` at its window marker (or at the head
    of its outer WHERE)."""
    values = f"VALUES ?report {{ {reports} }}"
    lines = text.split("\n")
    marked = [i for i, line in enumerate(lines) if line.strip() == PAGE_WINDOW]
    if marked:
        for i in marked:
            lines[i] = lines[i].replace(PAGE_WINDOW, values)
        return "\n".join(lines)
    head = text.index("WHERE {") + len("WHERE {")
    return f"{text[:head]}\n  {values}{text[head:]}"


def _page_by_reports(store: Store, query: NamedQuery, bindings: dict[str, object],
                     limit: int, offset: int) -> QueryResult:
    """A page of a query whose rows come report by report in order-key order
    (``x-page-by: report``: its ORDER BY starts with ``?orderKey`` and ``?report`` names
    each row's report). The store sorts every row of the selection before it cuts a page,
    so the query runs instead on windows of reports, in that order (each given as a
    VALUES row of store IRIs, never user text), until the rows up to ``offset + limit``
    and one more are in hand: the same rows as the whole query cut to the page, at the
    cost of the reports the page reaches. The first window has 16 reports; each next one
    is sized from the rows per report seen so far (twice the reports read when none gave
    a row), so that a page usually takes one or two windows."""
    import pyoxigraph as ox

    order = store.select(_REPORT_ORDER).rows
    wanted = offset + limit + 1
    rows: list[list[str | None]] = []
    columns: list[str] | None = None
    start, size = 0, _FIRST_WINDOW
    while start < len(order) and len(rows) < wanted:
        end = min(start + size, len(order))
        while end < len(order) and order[end][1] == order[end - 1][1]:
            end += 1  # reports with one order key stay in one window (rows interleave)
        reports = " ".join(str(ox.NamedNode(r)) for r, _ in order[start:end])
        part = store.select(_window_text(query.text, reports), bindings)
        columns = part.columns
        rows.extend(part.rows)
        start = end
        # A quarter more reports than the rows per report so far say are needed.
        size = -(-(wanted - len(rows)) * 5 * start // (4 * len(rows))) if rows else 2 * start
    if columns is None:  # no report at all: the whole (empty) query gives the columns
        return store.select(f"{query.text.rstrip()}\nLIMIT 1\n", bindings)
    return QueryResult(columns, rows[offset:offset + limit + 1])


def check_local_only(text: str):
    """Refuse a query that is an update, too large or deep, or reaches the network.

    Takes SPARQL text; gives the :class:`~migkg.sparql_guard.Checked` query. Decided on
    the parsed query (see :mod:`migkg.sparql_guard`); raises :class:`QueryError`.
    """
    from .sparql_guard import GuardError, check_query

    try:
        return check_query(text)
    except GuardError as exc:
        raise QueryError(str(exc)) from None
