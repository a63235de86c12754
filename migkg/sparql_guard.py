"""Checks on SPARQL text before any engine sees it: size, nesting, form, network, dataset.

Decisions are taken on the parsed query (rdflib's SPARQL parser), never on a pattern over
the text, so no spelling of SERVICE escapes them. The one linear scan here (:func:`scan`)
only measures nesting (skipping string literals, IRIs and comments) and finds variable
tokens; it runs first because both parsers recurse per nesting level: rdflib gives up at
about 30 levels and pyoxigraph crashes the process at a few thousand.
"""

from __future__ import annotations

import os
import re
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field

MAX_DEPTH = 100  # nested (), {} and [] in one query; named queries use fewer than ten
MAX_CHARS = 1_000_000  # a query longer than this is data, not a question

# One token per alternative; the scan moves from match to match, so it is linear.
_TOKEN = re.compile(
    r"""(?P<comment>\#[^\n\r]*)
      | (?P<long>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\")
      | (?P<string>'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
      | (?P<open>[({\[])
      | (?P<close>[)}\]])
      | (?P<other>[^#'"<?${}()\[\]]+|.)""",
    re.VERBOSE | re.DOTALL,
)


class GuardError(Exception):
    """A query is refused before it runs; ``code`` is the exit code (2: the request is wrong).

    The message is one plain line.
    """

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Checked:
    """A query that passed the checks: its text and the dataset its FROM clauses name."""

    text: str
    default_graphs: list[str] = field(default_factory=list)  # FROM <g>
    named_graphs: list[str] = field(default_factory=list)  # FROM NAMED <g>
    form: str = "select"  # select, ask, construct or describe
    select_all: bool = False  # SELECT *: the columns are the query's variables

    @property
    def has_dataset(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


def limits() -> tuple[int, int]:
    """(max nesting depth, max characters); $MIGKG_MAX_QUERY_DEPTH / _CHARS override."""
    return (_env_int("MIGKG_MAX_QUERY_DEPTH", MAX_DEPTH),
            _env_int("MIGKG_MAX_QUERY_CHARS", MAX_CHARS))


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.isdigit() and int(value) > 0 else default


def scan(text: str) -> int:
    """The deepest nesting of brackets in ``text``, outside strings, IRIs and comments."""
    depth = deepest = 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "open":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "close":
            depth = max(depth - 1, 0)
    return deepest


def check_size(text: str) -> None:
    """Refuse a query too long or too deeply nested for the parsers to handle safely."""
    max_depth, max_chars = limits()
    if len(text) > max_chars:
        raise GuardError(f"query too large ({len(text)} characters; limit {max_chars}, "
                         "$MIGKG_MAX_QUERY_CHARS)")
    depth = scan(text)
    if depth > max_depth:
        raise GuardError(f"query nested too deeply ({depth} levels; limit {max_depth}, "
                         "$MIGKG_MAX_QUERY_DEPTH)")


def _parse_deep(function, text: str):
    """Run one of rdflib's recursive parsers with room for ``MAX_DEPTH`` levels.

    pyparsing needs about thirty frames per nesting level; a thread with its own large
    stack and a raised recursion limit gives it that without touching the main thread.
    """
    outcome: dict[str, object] = {}

    def work() -> None:
        try:
            outcome["value"] = function(text)
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller below
            outcome["error"] = exc

    old_limit = sys.getrecursionlimit()
    old_stack = threading.stack_size()
    try:
        sys.setrecursionlimit(max(old_limit, 400 * limits()[0]))
        threading.stack_size(512 * 1024 * 1024)
        worker = threading.Thread(target=work, name="sparql-parse")
        worker.start()
    finally:
        threading.stack_size(old_stack)
    worker.join()
    sys.setrecursionlimit(old_limit)
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]


def _walk(node, names: set[str]) -> bool:
    """True if the parse tree under ``node`` holds a part named in ``names``."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            if item.name in names:
                return True
            stack.extend(item.values())
        elif isinstance(item, ParseResults | list | tuple):
            stack.extend(item)
    return False


def _dataset(tree) -> tuple[list[str], list[str]]:
    from rdflib.plugins.sparql.parserutils import CompValue

    defaults: list[str] = []
    named: list[str] = []
    query = tree[1] if len(tree) > 1 else None
    clauses = dict.get(query, "datasetClause") if isinstance(query, CompValue) else None
    for clause in clauses or []:
        if not isinstance(clause, CompValue):
            continue
        # CompValue.get resolves names; the plain dict lookup reads the parsed part.
        if dict.get(clause, "default") is not None:
            defaults.append(str(dict.get(clause, "default")))
        if dict.get(clause, "named") is not None:
            named.append(str(dict.get(clause, "named")))
    return defaults, named


def check_query(text: str, *, allow_network: bool = False) -> Checked:
    """Parse ``text`` and decide whether it may run as a read-only, local query.

    Takes the SPARQL text; gives a :class:`Checked` with the FROM / FROM NAMED graphs to
    restrict the dataset to. Raises :class:`GuardError` for a query too large or too deep,
    an update ('read-only: use ingest'), a text that is not SPARQL, or a SERVICE clause
    without ``allow_network``.
    """
    check_size(text)
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    # SPARQL ends a comment at CR or LF; rdflib's grammar only at LF. CR -> LF changes
    # nothing else (outside long strings CR is only white space), so the copy parses to
    # the structure the engine will see, and the engine still runs the original text.
    parsed_text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        tree = _parse_deep(parseQuery, parsed_text)
    except ParseException as exc:
        try:
            _parse_deep(parseUpdate, parsed_text)
        except (ParseException, RecursionError):
            raise GuardError(f"invalid SPARQL: {_one_line(exc)}") from None
        raise GuardError("read-only: this is a SPARQL update; use 'migkg ingest' to change "
                         "the store") from None
    except RecursionError:
        raise GuardError("query nested too deeply to check") from None
    if not allow_network and _walk(tree, {"ServiceGraphPattern"}):
        raise GuardError("SERVICE reaches other servers; pass --allow-network to run a "
                         "federated query")
    defaults, named = _dataset(tree)
    form = getattr(tree[1], "name", "SelectQuery").removesuffix("Query").lower()
    return Checked(text, defaults, named, form,
                   select_all=form == "select" and "projection" not in tree[1])


def variables_in_order(text: str) -> list[str]:
    """The variables of ``text`` (without '?' or '$') in the order they first appear,
    outside strings, IRIs and comments: the column order a ``SELECT *`` reader expects."""
    seen: dict[str, None] = {}
    for match in _TOKEN.finditer(text):
        if match.lastgroup == "var":
            seen.setdefault(match.group()[1:], None)
    return list(seen)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 300 else text[:297] + "..."


def substitute(text: str, terms: Mapping[str, str]) -> str:
    """Replace each variable token named in ``terms`` by that term's SPARQL text.

    ``terms`` maps a variable name (without '?') to the N-Triples form of a term built
    by a strict constructor (see :func:`term_text`): one complete token that cannot end a
    string or an IRI. Only variable tokens are replaced, never text inside literals, IRIs
    or comments, so the query keeps the structure it was written with.
    """
    if not terms:
        return text
    parts: list[str] = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        if match.lastgroup == "var" and token[1:] in terms:
            parts.append(terms[token[1:]])
        else:
            parts.append(token)
    return "".join(parts)


def term_text(term: object) -> str:
    """The SPARQL/N-Triples text of an RDF term, checked by pyoxigraph's constructors.

    Takes an rdflib or pyoxigraph term or a plain string (read as a plain literal); gives
    one token. Raises ValueError for an IRI that is not a valid IRI.
    """
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode | ox.Literal):
        return str(term)
    if isinstance(term, URIRef):
        return str(ox.NamedNode(str(term)))
    if isinstance(term, BNode):
        raise ValueError("a blank node cannot be a query parameter")
    if isinstance(term, Literal):
        if term.language:
            return str(ox.Literal(str(term), language=term.language))
        if term.datatype:
            return str(ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype))))
        return str(ox.Literal(str(term)))
    return str(ox.Literal(str(term)))
