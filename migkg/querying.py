"""Named queries: ``.rq`` files in queries/ whose grlc-style header documents them.

A file starts with ``#+ key: value`` lines (valid YAML once the ``#+`` is removed):
``summary``, ``description``, ``tags``, ``x-returns`` (the projected columns, in order).
Parameters follow grlc's convention in the body: ``?_name`` is required, ``?__name``
optional; a name ending in ``_iri`` takes an IRI, any other a plain literal. Values are
bound as RDF terms (checked by pyoxigraph's constructors) that replace the variables'
tokens, never spliced into the query text as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from . import resources
from .store import QueryResult, Store

# An absolute IRI with a scheme and no character N-Triples forbids.
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\\x00-\x20]*")
_PARAM = re.compile(r"\?(?P<var>__?(?P<name>[A-Za-z][A-Za-z0-9]*(?:_iri)?))\b")


class QueryError(Exception):
    """A named query or its parameters are wrong; the message is one plain line."""


@dataclass(frozen=True)
class Param:
    name: str  # as the user gives it: --param name=value
    variable: str  # the SPARQL variable, without '?'
    required: bool
    is_iri: bool


@dataclass
class NamedQuery:
    name: str
    text: str
    summary: str
    description: str = ""
    tags: list[str] = field(default_factory=list)
    returns: list[str] = field(default_factory=list)
    params: list[Param] = field(default_factory=list)


def parse_query_file(name: str, text: str) -> NamedQuery:
    header_lines = []
    for line in text.splitlines():
        if not line.startswith("#+"):
            break
        header_lines.append(line[2:].removeprefix(" "))
    try:
        header = yaml.safe_load("\n".join(header_lines)) or {}
    except yaml.YAMLError as exc:
        raise QueryError(f"{name}.rq: header is not valid YAML ({exc})") from None
    body = "\n".join(text.splitlines()[len(header_lines):])
    params: dict[str, Param] = {}
    for match in _PARAM.finditer(body):
        variable, pname = match.group("var"), match.group("name")
        user_name = pname.removesuffix("_iri")
        params.setdefault(
            user_name,
            Param(user_name, variable, not variable.startswith("__"), pname.endswith("_iri")),
        )
    return NamedQuery(
        name=name,
        text=text,
        summary=str(header.get("summary", "")),
        description=str(header.get("description", "")).strip(),
        tags=list(header.get("tags") or []),
        returns=list(header.get("x-returns") or []),
        params=list(params.values()),
    )


@lru_cache(maxsize=1)
def named_queries() -> dict[str, NamedQuery]:
    queries = {}
    for entry in resources.query_files():
        name = entry.name.removesuffix(".rq")
        queries[name] = parse_query_file(name, entry.read_text(encoding="utf-8"))
    return queries


def get(name: str) -> NamedQuery:
    try:
        return named_queries()[name]
    except KeyError:
        known = ", ".join(sorted(named_queries()))
        raise QueryError(f"no named query {name!r} (known: {known})") from None


def bind(query: NamedQuery, values: dict[str, str]) -> dict[str, object]:
    """Check the user's --param values against the query and turn them into RDF terms."""
    by_name = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(by_name))
    if unknown:
        expected = ", ".join(sorted(by_name)) or "none"
        raise QueryError(f"query {query.name!r} has no parameter {unknown[0]!r} "
                         f"(parameters: {expected})")
    missing = [p.name for p in query.params if p.required and p.name not in values]
    if missing:
        raise QueryError(f"query {query.name!r} needs --param {missing[0]}=VALUE")
    import pyoxigraph as ox

    from .sparql_guard import limits

    max_chars = limits()[1]
    bindings: dict[str, object] = {}
    for name, value in values.items():
        param = by_name[name]
        if len(value) > max_chars:
            raise QueryError(f"--param {name}: value too long ({len(value)} characters; "
                             f"limit {max_chars})")
        if param.is_iri:
            # pyoxigraph's constructor is strict (rdflib's URIRef only logs a warning).
            if not _IRI.fullmatch(value):
                raise QueryError(f"--param {name}: {value!r} is not an IRI")
            try:
                bindings[param.variable] = ox.NamedNode(value)
            except ValueError:
                raise QueryError(f"--param {name}: {value!r} is not an IRI") from None
        else:
            bindings[param.variable] = ox.Literal(value)
    return bindings


def run_named(store: Store, name: str, values: dict[str, str] | None = None) -> QueryResult:
    query = get(name)
    result = store.select(query.text, bind(query, values or {}))
    if query.returns and result.columns != query.returns:
        # The header is the contract; a drifting projection is a bug in the .rq file.
        raise QueryError(f"{name}.rq returns {result.columns}, header says {query.returns}")
    return result


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
