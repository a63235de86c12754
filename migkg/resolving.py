"""Which reports a user means: session codes, event-scoped codes, IRIs, file names, events.

A reference is resolved against the reports in the store, in this order, and the first rule
that matches anything decides:

1. a report IRI (``https://w3id.org/migkg/id/report/...``);
2. a source file name (the report's ``source``, as ``migkg query reports`` lists it);
3. ``EVENT:CODE`` (``GFMD-2018:2.1``): the session with that code at that event;
4. a session code (``2.1``);
5. an event: its key (``gfmd-2018``), its label or another of its names (``GFMD 2018``).

Names are compared case-insensitively with runs of spaces, hyphens and underscores taken
as one separator. A reference that matches nothing, or (for :func:`resolve_one`) names
reports of more than one session, raises :class:`ReferenceError` whose message lists the
candidates, so a command can show it as a usage error.
"""

from __future__ import annotations

from dataclasses import dataclass

from migkg.ontology.iris import name_key

from .store import Store

_REPORTS = """
PREFIX mkg: <https://w3id.org/migkg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?report ?source ?sessionNode ?session ?event ?name WHERE {
  ?report a mkg:Report ; prov:wasDerivedFrom/schema:name ?source .
  OPTIONAL { ?report mkg:aboutSession ?sessionNode
             OPTIONAL { ?sessionNode dcterms:identifier ?session } }
  OPTIONAL {
    { ?report mkg:aboutSession/schema:superEvent ?event } UNION { ?report mkg:aboutEvent ?event }
    OPTIONAL { { ?event rdfs:label ?name } UNION { ?event skos:altLabel ?name } }
  }
}
"""


class ReferenceError(Exception):  # noqa: A001 - the module's own meaning, used qualified
    """A reference that names no report, or several sessions where one is wanted."""


@dataclass(frozen=True)
class ReportRef:
    """One report as the resolver sees it."""

    report: str
    source: str
    session: str  # the session code, or ''
    session_iri: str  # the session node, or ''
    event: str  # event IRI or ''
    event_names: frozenset[str]

    @property
    def target(self) -> str:
        """The IRI a ``session`` parameter binds: the session node, else the report."""
        return self.session_iri or self.report

    @property
    def event_key(self) -> str:
        return self.event.rsplit("/", 1)[-1] if self.event else ""

    def describe(self) -> str:
        """``EVENT-KEY:CODE (source)``, the way candidates are listed to a user."""
        scope = f"{self.event_key}:{self.session}" if self.event_key and self.session \
            else self.session or self.event_key or "?"
        return f"{scope} ({self.source})"


def catalogue(store: Store) -> list[ReportRef]:
    """Every report in ``store`` with its source, session code and event names."""
    rows: dict[str, dict] = {}
    for report, source, node, session, event, name in store.select(_REPORTS).rows:
        entry = rows.setdefault(report, {"source": source or "", "session": session or "",
                                         "node": node or "", "event": event or "",
                                         "names": set()})
        if session and not entry["session"]:
            entry["session"] = session
        if event and not entry["event"]:
            entry["event"] = event
        if name:
            entry["names"].add(name_key(name))
    refs = []
    for report, e in sorted(rows.items()):
        names = set(e["names"])
        if e["event"]:
            names.add(name_key(e["event"].rsplit("/", 1)[-1]))
        refs.append(ReportRef(report, e["source"], e["session"], e["node"], e["event"],
                              frozenset(names)))
    return refs


def resolve(store_or_refs: Store | list[ReportRef], reference: str) -> list[ReportRef]:
    """The reports ``reference`` names (rules in the module docstring), sorted by IRI.

    Takes a store (or an already read :func:`catalogue`) and the user's text; raises
    :class:`ReferenceError` when nothing matches.
    """
    refs = store_or_refs if isinstance(store_or_refs, list) else catalogue(store_or_refs)
    text = reference.strip()
    if not text:
        raise ReferenceError("an empty reference names no report")
    wanted = name_key(text)
    rules = (
        lambda r: r.report == text,
        lambda r: r.source == text or name_key(r.source) == wanted,
        lambda r: _event_code_match(r, text),
        lambda r: bool(r.session) and name_key(r.session) == wanted,
        lambda r: wanted in r.event_names,
    )
    for rule in rules:
        found = [r for r in refs if rule(r)]
        if found:
            return found
    raise ReferenceError(f"{text!r} names no report, session or event in the store "
                         f"(known: {_known(refs)})")


def resolve_one(store_or_refs: Store | list[ReportRef], reference: str) -> list[ReportRef]:
    """Like :func:`resolve`, but the reports must be one session (or one report): a code
    that several events use is ambiguous and raises :class:`ReferenceError` listing them."""
    found = resolve(store_or_refs, reference)
    sessions = {(r.event, r.session) if r.session else (r.event, r.report) for r in found}
    if len(sessions) > 1 and not _is_event_reference(found, reference):
        candidates = "; ".join(r.describe() for r in found[:12])
        more = f"; and {len(found) - 12} more" if len(found) > 12 else ""
        raise ReferenceError(f"{reference.strip()!r} is ambiguous: {len(found)} reports "
                             f"match ({candidates}{more}); give EVENT:CODE, the file name "
                             "or the report IRI")
    return found


def _is_event_reference(found: list[ReportRef], reference: str) -> bool:
    wanted = name_key(reference)
    return all(wanted in r.event_names for r in found) and not any(
        name_key(r.session) == wanted for r in found if r.session)


def _event_code_match(ref: ReportRef, text: str) -> bool:
    event, sep, code = text.rpartition(":")
    if not sep or not event or not code or "://" in text or not ref.session:
        return False
    return name_key(code) == name_key(ref.session) and name_key(event) in ref.event_names


def _known(refs: list[ReportRef]) -> str:
    if not refs:
        return "the store holds no report"
    listed = sorted({r.describe() for r in refs})
    more = f", and {len(listed) - 15} more (migkg query reports)" if len(listed) > 15 else ""
    return ", ".join(listed[:15]) + more
