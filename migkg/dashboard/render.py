"""Render the dashboard's files (HTML from Jinja templates, data as JavaScript, assets)."""

from __future__ import annotations

import json
from collections import defaultdict
from importlib import metadata
from importlib.resources import files

from . import views
from .gather import SECTIONS, DashboardData, Insight, Link, Session

ASSETS = ("dashboard.css", "heatmap.js", "network.js", "compare.js", "search.js")
GROUPS = (("summary", "Summary"), ("challenge", "Challenges"), ("practice", "Good practices"),
          ("statement", "GCM and Agenda 2030 statements"), ("quote", "Quotes"))


class MissingDependency(Exception):
    """The dashboard needs an optional package that is not installed."""


def plotly_files() -> dict[str, bytes]:
    """plotly.js and its licence, copied from the installed ``plotly`` package."""
    try:
        source = files("plotly").joinpath("package_data", "plotly.min.js")
        script = source.read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        raise MissingDependency("the dashboard needs plotly (pip install 'migkg[dashboard]')"
                                ) from None
    licence = b""
    try:
        distribution = metadata.distribution("plotly")
        for entry in distribution.files or ():
            if entry.name.upper().startswith(("LICENSE", "LICENCE", "COPYING")):
                licence = entry.read_binary() if hasattr(entry, "read_binary") else \
                    entry.locate().read_bytes()
                break
        version = distribution.version
    except metadata.PackageNotFoundError:
        version = "unknown"
    header = (f"plotly.js as shipped in the plotly Python package {version}; its licence "
              "follows.\n\n").encode()
    first_lines = script[:300].decode("utf-8", "replace")
    if not licence and "MIT" in first_lines:
        licence = b"plotly.js: MIT license (see the header of plotly.min.js).\n"
    return {"assets/plotly.min.js": script, "assets/plotly-LICENSE.txt": header + licence}


def _version() -> str:
    # From the installed distribution: importing the ``migkg`` package object here would
    # make the dashboard depend on the API layer above it.
    try:
        return metadata.version("migkg")
    except metadata.PackageNotFoundError:
        return "(version unknown)"


def _environment():
    try:
        import jinja2
    except ModuleNotFoundError:
        raise MissingDependency("the dashboard needs jinja2 (pip install 'migkg[dashboard]')"
                                ) from None
    return jinja2.Environment(
        loader=jinja2.PackageLoader("migkg.dashboard", "templates"),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined)


def _script(name: str, payload: object) -> bytes:
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return f"window.{name} = {text};\n".encode()


class _Labels:
    """Label helpers the session template calls."""

    def __init__(self, data: DashboardData) -> None:
        self.data = data

    def category(self, key: str) -> str:
        return self.data.label(f"https://w3id.org/migkg/vocab/challenge-category/{key}")

    def concept(self, link: Link) -> str:
        kind = {"objective": "Objective", "principle": "Principle", "target": "SDG target"}
        code = self.data.code(link.concept)
        label = self.data.label(link.concept)
        if link.dimension == "principle":  # its notation is a key, its label says it all
            return f"Principle: {label}"
        return f"{kind[link.dimension]} {code}: {label}" if label != code else \
            f"{kind[link.dimension]} {code}"

    def entity(self, iri: str) -> str:
        return self.data.label(iri)


def render(data: DashboardData) -> dict[str, bytes]:
    """Every file of the dashboard, by relative path."""
    plotly = plotly_files()
    env = _environment()
    common = {"version": _version(), "session_count": len(data.sessions)}
    out: dict[str, bytes] = {}

    def page(path: str, template: str, **context) -> None:
        root = "../" * path.count("/")
        context.setdefault("heading", None)
        html = env.get_template(template).render(root=root, **common, **context)
        out[path] = html.encode()

    heat = views.heatmap(data)
    touched = [sum(1 for row in heat["z"] if row[j]) for j in range(len(data.objectives))]
    summaries = []
    for session, row in zip(data.sessions, heat["z"], strict=True):
        kinds = [i.kind for i in session.insights]
        summaries.append({"key": session.key, "code": session.code, "event": session.event,
                          "year": session.year, "title": session.title,
                          "challenges": kinds.count("challenge"),
                          "practices": kinds.count("practice"),
                          "objectives": sum(1 for v in row if v)})
    page("index.html", "index.html.j2", title="Overview",
         heading="Sessions by GCM objective", sessions=summaries,
         event_count=len({s.event for s in data.sessions if s.event}),
         objectives=[{"number": o.number, "short": o.short, "title": o.title, "sessions": n}
                     for o, n in zip(data.objectives, touched, strict=True)])
    out["data/heatmap.js"] = _script("MIGKG_HEATMAP", heat)

    page("completeness.html", "completeness.html.j2", title="Completeness",
         heading="Completeness of the reports", sections=SECTIONS,
         rows=[{"key": s.key, "code": s.code, "event": s.event, "source": s.source,
                "cells": [s.sections.get(name, ("missing", "")) for name in SECTIONS]}
               for s in data.sessions])

    net = views.network(data)
    index = views.sessions_index(data)
    page("actors.html", "actors.html.j2", title="Actor network", shown=len(net["nodes"]),
         total=len(net["actors"]),
         actors=[{"label": a["label"], "kind": a["kind"],
                  "sessions": [index[i] for i in a["sessions"]]} for a in net["actors"]])
    out["data/network.js"] = _script("MIGKG_NETWORK", {k: v for k, v in net.items()
                                                       if k != "actors"})

    page("compare.html", "compare.html.j2", title="Compare two sessions")
    out["data/compare.js"] = _script("MIGKG_COMPARE", views.compare(data))
    page("search.html", "search.html.j2", title="Search")
    out["data/search.js"] = _script("MIGKG_SEARCH", views.search(data))

    labels = _Labels(data)
    by_number = {o.number: o for o in data.objectives}
    for session in data.sessions:
        page(f"sessions/{session.key}.html", "session.html.j2",
             title=f"{session.code or '?'} {session.event}".strip(),
             heading=session.label, s=session, labels=labels,
             groups=[(kind, heading, [i for i in session.insights if i.kind == kind])
                     for kind, heading in GROUPS],
             objectives=[(by_number[n], entries)
                         for n, entries in _objective_entries(session).items()
                         if n in by_number])

    for name in ASSETS:
        out[f"assets/{name}"] = files("migkg.dashboard").joinpath("assets", name).read_bytes()
    out.update(plotly)
    return out


def _objective_entries(session: Session) -> dict[int, list[tuple[Insight, Link]]]:
    entries: dict[int, list[tuple[Insight, Link]]] = defaultdict(list)
    for insight in session.insights:
        for link in insight.links:
            number = link.concept.rsplit("/", 1)[-1]
            if link.dimension == "objective" and number.isdigit():
                entries[int(number)].append((insight, link))
    return dict(sorted(entries.items()))
