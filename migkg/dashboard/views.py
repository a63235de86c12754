"""The data each page embeds: plain dicts and lists, ready for JSON."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

from .gather import ACTOR_KINDS, DashboardData, Session
from .layout import spring_layout

# The dimensions of the compare view, in the order the page shows them.
DIMENSIONS = (
    ("objective", "GCM objectives"),
    ("principle", "GCM guiding principles"),
    ("target", "SDG targets"),
    ("actor", "Actors"),
    ("country", "Countries"),
    ("category", "Challenge categories"),
    ("level", "Practice levels"),
)
EVIDENCE_PER_ITEM = 3
NETWORK_NODES = 60


def sessions_index(data: DashboardData) -> list[dict]:
    """Each session's page, code, event, year, title and label, in the dashboard's order."""
    return [{"key": s.key, "code": s.code, "event": s.event, "year": s.year,
             "title": s.title, "label": s.label, "source": s.source}
            for s in data.sessions]


def objective_counts(session: Session) -> dict[int, int]:
    """How many insights of ``session`` link to each objective number."""
    counts: Counter[int] = Counter()
    for insight in session.insights:
        numbers = {int(link.concept.rsplit("/", 1)[-1]) for link in insight.links
                   if link.dimension == "objective" and link.concept.rsplit("/", 1)[-1].isdigit()}
        counts.update(numbers)
    return dict(counts)


def heatmap(data: DashboardData) -> dict:
    """The sessions × objectives matrix: z[i][j] insights of session i on objective j+1."""
    z = []
    for session in data.sessions:
        counts = objective_counts(session)
        z.append([counts.get(o.number, 0) for o in data.objectives])
    return {
        "sessions": sessions_index(data),
        "objectives": [{"number": o.number, "title": o.title, "short": o.short}
                       for o in data.objectives],
        "z": z,
    }


def _items(session: Session, data: DashboardData) -> dict[str, dict[str, list]]:
    found: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))

    def add(dimension: str, item: str, anchor: str, evidence: str) -> None:
        if len(found[dimension][item]) < EVIDENCE_PER_ITEM:
            found[dimension][item].append([anchor, evidence])

    for insight in session.insights:
        for link in insight.links:
            add(link.dimension, link.concept, insight.anchor, link.evidence)
        for mention in insight.mentions:
            if mention.kind == "country":
                add("country", mention.entity, insight.anchor, mention.surface)
            elif mention.kind in ACTOR_KINDS:
                add("actor", mention.entity, insight.anchor, mention.surface)
        if insight.category:
            add("category", insight.category, insight.anchor,
                insight.category_evidence or insight.category_label)
        if insight.level:
            add("level", insight.level, insight.anchor,
                insight.level_evidence or insight.level_label)
    return {d: dict(sorted(items.items())) for d, items in sorted(found.items())}


def compare(data: DashboardData) -> dict:
    """Per session, per dimension: the items it has, each with up to three pieces of
    evidence ([anchor on the session page, words]); labels for every item."""
    sets = {s.key: _items(s, data) for s in data.sessions}
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for items in sets.values():
        for dimension, by_item in items.items():
            for item in by_item:
                labels[dimension][item] = item_label(data, dimension, item)
    return {
        "sessions": sessions_index(data),
        "dimensions": [{"key": k, "label": v} for k, v in DIMENSIONS],
        "labels": {d: dict(sorted(v.items())) for d, v in sorted(labels.items())},
        "sets": sets,
    }


def item_label(data: DashboardData, dimension: str, item: str) -> str:
    """How the compare view names an item: number and title for an objective or target,
    the label for anything else."""
    if dimension in ("objective", "target"):
        return f"{data.code(item)} · {data.label(item)}"
    if dimension == "level":
        return item
    if dimension == "category":
        return data.label(f"https://w3id.org/migkg/vocab/challenge-category/{item}")
    return data.label(item)


def search(data: DashboardData) -> dict:
    """Every insight's text, with its session (index), anchor, kind and source position."""
    rows = []
    for index, session in enumerate(data.sessions):
        for insight in session.insights:
            rows.append([index, insight.anchor, insight.kind, insight.text,
                         insight.start, insight.end])
    return {"sessions": sessions_index(data), "insights": rows}


def network(data: DashboardData) -> dict:
    """The actor network: the most-mentioned actors (organisations, RECs, RCPs) as nodes,
    an edge where two are named in the same session (weight: how many sessions)."""
    sessions_of: dict[str, set[int]] = defaultdict(set)
    kind_of: dict[str, str] = {}
    for index, session in enumerate(data.sessions):
        for insight in session.insights:
            for mention in insight.mentions:
                if mention.kind in ACTOR_KINDS:
                    sessions_of[mention.entity].add(index)
                    kind_of.setdefault(mention.entity, mention.kind)
    ranked = sorted(sessions_of, key=lambda e: (-len(sessions_of[e]), data.label(e), e))
    nodes = ranked[:NETWORK_NODES]
    position = {entity: i for i, entity in enumerate(nodes)}
    weights: Counter[tuple[int, int]] = Counter()
    for index in range(len(data.sessions)):
        present = sorted(position[e] for e in nodes if index in sessions_of[e])
        weights.update(combinations(present, 2))
    edges = sorted((i, j, w) for (i, j), w in weights.items())
    xy = spring_layout(len(nodes), [(i, j, float(w)) for i, j, w in edges])
    return {
        "sessions": sessions_index(data),
        "nodes": [{"id": e, "label": data.label(e), "short": _short(data, e),
                   "kind": kind_of[e],
                   "sessions": sorted(sessions_of[e]), "x": x, "y": y}
                  for e, (x, y) in zip(nodes, xy, strict=True)],
        "edges": [[i, j, w] for i, j, w in edges],
        "actors": [{"id": e, "label": data.label(e), "kind": kind_of[e],
                    "sessions": sorted(sessions_of[e])}
                   for e in sorted(sessions_of, key=lambda e: (data.label(e).lower(), e))],
    }


def _short(data: DashboardData, entity: str) -> str:
    """An actor's abbreviation (its notation) when it has one short enough, else its label."""
    code = data.labels.get(entity, ("", ""))[0]
    return code if code and len(code) <= 12 else data.label(entity)
