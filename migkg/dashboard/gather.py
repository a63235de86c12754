"""What the dashboard shows, read from the store with SPARQL.

The named queries (``reports``, ``challenges``, ``practices``, ``sections``) give the list
views; the queries in ``migkg/dashboard/sparql/`` give what the library has no query for
(every insight with its source position, concept links with their evidence, mentions,
labels). Everything is sorted here, so the same store gives the same data.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from importlib.resources import files

from .. import querying
from ..store import Store

OBJECTIVE_COUNT = 23
KIND_ORDER = ("summary", "challenge", "practice", "statement", "quote")
SECTIONS = ("summary", "challenges", "practices", "gcm", "agenda2030", "quotes")
_OBJECTIVE = "https://w3id.org/migkg/gcm/objective/"
_PRINCIPLE = "https://w3id.org/migkg/gcm/principle/"
_TARGET = "http://metadata.un.org/sdg/"
ACTOR_KINDS = ("organisation", "rec", "rcp")


@dataclass
class Link:
    """An insight's link to a GCM objective, principle or SDG target."""

    concept: str
    dimension: str  # objective, principle, target
    basis: str
    confidence: str
    evidence: str


@dataclass
class Mention:
    """An entity an insight names, with the words that name it."""

    entity: str
    kind: str
    surface: str
    start: int | None
    end: int | None


@dataclass
class Insight:
    """One statement of a report (summary point, challenge, practice, statement, quote)."""

    iri: str
    anchor: str
    kind: str
    section: str
    position: int
    text: str
    start: int | None = None
    end: int | None = None
    speaker: str = ""
    title: str = ""
    category: str = ""
    category_label: str = ""
    category_evidence: str = ""
    level: str = ""
    level_label: str = ""
    level_evidence: str = ""
    links: list[Link] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Session:
    """One report and the session it records."""

    key: str
    report: str
    source: str
    event: str
    year: str
    code: str
    title: str
    date: str
    rapporteur: str
    insights: list[Insight] = field(default_factory=list)
    sections: dict[str, tuple[str, str]] = field(default_factory=dict)  # status, confidence

    @property
    def label(self) -> str:
        """Session code, event and year: how a reader tells sessions apart."""
        code = self.code or "?"
        event = self.event or "event unknown"
        return f"{code} · {event} ({self.year or 'n.d.'})"


@dataclass
class Objective:
    """A GCM objective: number, IRI, title and short name."""

    number: int
    iri: str
    title: str
    short: str


@dataclass
class DashboardData:
    """Everything the pages show."""

    sessions: list[Session]
    objectives: list[Objective]
    labels: dict[str, tuple[str, str]]  # IRI -> (notation, label)

    def label(self, iri: str) -> str:
        """The concept's label, else its notation, else the IRI's last segment."""
        code, label = self.labels.get(iri, ("", ""))
        return label or code or re.sub(r"^.*[/#]", "", iri)

    def code(self, iri: str) -> str:
        """The concept's notation, else the IRI's last segment."""
        return self.labels.get(iri, ("", ""))[0] or re.sub(r"^.*[/#]", "", iri)


def _text(name: str) -> str:
    return files("migkg.dashboard").joinpath("sparql", f"{name}.rq").read_text("utf-8")


def _rows(store: Store, name: str) -> list[dict[str, str]]:
    result = store.select(_text(name))
    return [{c: v or "" for c, v in zip(result.columns, row, strict=True)}
            for row in result.rows]


def _named(store: Store, name: str) -> list[dict[str, str]]:
    result = querying.run_named(store, name)
    return [{c: v or "" for c, v in zip(result.columns, row, strict=True)}
            for row in result.rows]


def _int(value: str) -> int | None:
    try:
        return int(value)
    except ValueError:
        return None


def natural(text: str) -> tuple:
    """Sort key that orders '2.10' after '2.9'."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in re.findall(r"\d+|\D+", text))


def session_key(report: str) -> str:
    """The file name (without .html) of a report's session page."""
    tail = report.rstrip("/").rsplit("/", 1)[-1].lower()
    return re.sub(r"[^a-z0-9-]+", "-", tail).strip("-") or "report"


def anchor_of(insight: str) -> str:
    """The HTML id of an insight on its session page: 'challenge-4' for .../challenge/4."""
    parts = insight.rstrip("/").split("/")
    return re.sub(r"[^A-Za-z0-9-]+", "-", "-".join(parts[-2:]))


def gather(store: Store) -> DashboardData:
    """Read the dashboard's data from ``store``."""
    sessions = _sessions(store)
    by_report = {s.report: s for s in sessions}
    insights = _insights(store, by_report)
    _add_categories(store, insights)
    _add_links(store, insights)
    _add_mentions(store, insights)
    for session in sessions:
        session.insights.sort(key=lambda i: (KIND_ORDER.index(i.kind), i.position, i.iri))
    _add_sections(store, by_report)
    labels = {r["concept"]: (r["code"], _label(r)) for r in _rows(store, "labels")}
    return DashboardData(sessions=sessions, objectives=_objectives(store), labels=labels)


def _label(row: dict[str, str]) -> str:
    if row["concept"].startswith(_TARGET) and row["definition"]:
        return row["definition"]
    return row["en"] or row["plain"] or row["other"]


def _sessions(store: Store) -> list[Session]:
    sessions: dict[str, Session] = {}
    for row in _named(store, "reports"):
        if row["report"] in sessions:  # several rapporteurs or dates: keep the first
            continue
        sessions[row["report"]] = Session(
            key=session_key(row["report"]), report=row["report"], source=row["source"],
            event=row["event"], year=row["year"], code=row["session"], title=row["title"],
            date=row["date"], rapporteur=row["rapporteur"])
    ordered = sorted(sessions.values(), key=lambda s: (
        s.year or "9999", s.event, natural(s.code), s.source, s.report))
    used: set[str] = set()
    for session in ordered:  # two report IRIs that slug alike still get two pages
        key, n = session.key, 2
        while key in used:
            key, n = f"{session.key}-{n}", n + 1
        session.key = key
        used.add(key)
    return ordered


def _insights(store: Store, by_report: dict[str, Session]) -> dict[str, Insight]:
    insights: dict[str, Insight] = {}
    for row in _rows(store, "insights"):
        session = by_report.get(row["report"])
        if session is None or row["insight"] in insights:
            continue
        insight = Insight(
            iri=row["insight"], anchor=anchor_of(row["insight"]), kind=row["kind"],
            section=row["section"], position=_int(row["position"]) or 0, text=row["text"],
            start=_int(row["start"]), end=_int(row["end"]), speaker=row["speaker"])
        insights[insight.iri] = insight
        session.insights.append(insight)
    return insights


def _add_categories(store: Store, insights: dict[str, Insight]) -> None:
    for row in _named(store, "challenges"):
        if row["challenge"] in insights:
            insights[row["challenge"]].category = row["category"]
    for row in _named(store, "practices"):
        if row["practice"] in insights:
            insights[row["practice"]].level = row["level"]
            insights[row["practice"]].title = row["title"]
    for row in _rows(store, "evidence"):
        insight = insights.get(row["insight"])
        if insight is None:
            continue
        if row["categoryEvidence"]:
            insight.category_evidence = row["categoryEvidence"]
            insight.category_label = row["categoryLabel"]
        if row["levelEvidence"]:
            insight.level_evidence = row["levelEvidence"]
            insight.level_label = row["levelLabel"]


def _dimension(concept: str) -> str | None:
    if concept.startswith(_OBJECTIVE):
        return "objective"
    if concept.startswith(_PRINCIPLE):
        return "principle"
    if concept.startswith(_TARGET):
        return "target"
    return None


def _add_links(store: Store, insights: dict[str, Insight]) -> None:
    seen = set()
    for row in sorted(_rows(store, "links"), key=lambda r: tuple(r.values())):
        insight = insights.get(row["insight"])
        dimension = _dimension(row["concept"])
        if insight is None or dimension is None or (row["insight"], row["concept"]) in seen:
            continue
        seen.add((row["insight"], row["concept"]))
        insight.links.append(Link(concept=row["concept"], dimension=dimension,
                                  basis=row["basis"], confidence=row["confidence"],
                                  evidence=row["evidence"]))


def _add_mentions(store: Store, insights: dict[str, Insight]) -> None:
    found: dict[str, dict[str, Mention]] = defaultdict(dict)
    for row in sorted(_rows(store, "mentions"), key=lambda r: tuple(r.values())):
        owner = row["mention"].rsplit("/mention/", 1)[0]
        if owner not in insights or row["entity"] in found[owner]:
            continue  # one entry per entity and insight: its first mention
        found[owner][row["entity"]] = Mention(
            entity=row["entity"], kind=row["kind"], surface=row["surface"],
            start=_int(row["start"]), end=_int(row["end"]))
    for owner, mentions in found.items():
        insights[owner].mentions = sorted(
            mentions.values(), key=lambda m: (m.start if m.start is not None else -1, m.entity))


def _add_sections(store: Store, by_report: dict[str, Session]) -> None:
    confidence = {(r["report"], r["section"]): r["confidence"]
                  for r in _rows(store, "confidence")}
    for row in _named(store, "sections"):
        session = by_report.get(row["report"])
        if session is not None:
            session.sections[row["section"]] = (
                row["status"], confidence.get((row["report"], row["section"]), ""))


def _objectives(store: Store) -> list[Objective]:
    known = {}
    for row in _rows(store, "objectives"):
        number = _int(row["number"])
        if number is not None and 1 <= number <= OBJECTIVE_COUNT:
            known[number] = Objective(number, row["objective"], row["name"], row["short"])
    return [known.get(n) or Objective(n, f"{_OBJECTIVE}{n}", f"Objective {n}", "")
            for n in range(1, OBJECTIVE_COUNT + 1)]
