"""Compare what the generator planted (manifest.json) with what the store holds.

Read through the named queries (``migkg.querying.run_named``, every row), as a user would
see the reports: per report its session code and year (``reports``), the number of
challenges, practices and quotes, the practice levels when the report names them, the GCM
objectives, SDG targets and guiding principles linked with basis ``explicit``, and the
countries and actors mentioned. A planted name or reference the store lacks is a miss;
what the loader finds beyond what was planted (an objective inferred, a country read from
an actor's name) is not counted against it, except for counts, which must be equal.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from migkg import querying

ACTOR_KINDS = {"rec", "rcp", "organisation"}


@dataclass
class Read:
    """What the store holds for one report."""

    iri: str
    session: str = ""
    year: int | None = None
    challenges: int = 0
    practices: int = 0
    quotes: int = 0
    levels: Counter = field(default_factory=Counter)
    objectives: set[int] = field(default_factory=set)
    targets: set[str] = field(default_factory=set)
    principles: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)


def _rows(store, name: str, values: dict[str, str] | None = None) -> list[dict]:
    result = querying.run_named(store, name, values or {})
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


def read_store(store) -> dict[str, Read]:
    """What the store holds, per source file name."""
    by_iri: dict[str, Read] = {}
    names: dict[str, str] = {}
    for row in _rows(store, "reports"):
        read = by_iri.setdefault(row["report"], Read(row["report"]))
        read.session = str(row["session"] or "")
        read.year = int(row["year"]) if row["year"] not in (None, "") else None
        names[row["report"]] = row["source"]
    for row in _rows(store, "challenges"):
        by_iri[row["report"]].challenges += 1
    for row in _rows(store, "practices"):
        by_iri[row["report"]].practices += 1
        by_iri[row["report"]].levels[row["level"]] += 1
    for row in _rows(store, "quotes"):
        by_iri[row["report"]].quotes += 1
    for name, column, attr in (("gcm-links", "objective", "objectives"),
                               ("sdg-links", "target", "targets"),
                               ("principles", "principle", "principles")):
        for row in _rows(store, name):
            if row["basis"] == "explicit":
                value = int(row[column]) if attr == "objectives" else str(row[column])
                getattr(by_iri[row["report"]], attr).add(value)
    for row in _rows(store, "mentions"):
        read = by_iri[row["report"]]
        if row["kind"] == "country":
            read.countries.add(row["code"])
        elif row["kind"] in ACTOR_KINDS:
            read.actors.add(row["code"])
    return {names[iri]: read for iri, read in by_iri.items()}


def differences(planted: dict, read: Read | None) -> list[str]:
    """What the store lacks or counts otherwise than ``planted`` (one manifest entry)."""
    if read is None:
        return ["not in the store"]
    out = []
    if read.session != planted["session"]:
        out.append(f"session {read.session!r}, planted {planted['session']!r}")
    if read.year != planted["year"]:
        out.append(f"year {read.year}, planted {planted['year']}")
    for what in ("challenges", "practices", "quotes"):
        if getattr(read, what) != planted[what]:
            out.append(f"{what} {getattr(read, what)}, planted {planted[what]}")
    if planted["practice_style"] != "none" and read.practices == planted["practices"]:
        levels = {k: v for k, v in read.levels.items() if k}
        if levels != planted["levels"]:
            out.append(f"levels {dict(sorted(levels.items()))}, planted "
                       f"{dict(sorted(planted['levels'].items()))}")
    for what in ("objectives", "targets", "principles", "countries", "actors"):
        missing = sorted(set(planted[what]) - getattr(read, what), key=str)
        if missing:
            out.append(f"{what} missing {', '.join(map(str, missing))}")
    return out


def compare(store, manifest: dict) -> dict[str, list[str]]:
    """{file: differences} for every report of ``manifest`` that the store reads otherwise."""
    found = read_store(store)
    result = {}
    for planted in manifest["reports"]:
        diff = differences(planted, found.get(planted["file"]))
        if diff:
            result[planted["file"]] = diff
    return result


def summary(diffs: dict[str, list[str]]) -> dict[str, int]:
    """How many reports differ in each respect ('challenges', 'countries missing', ...)."""
    kinds: defaultdict[str, int] = defaultdict(int)
    for lines in diffs.values():
        for kind in {" ".join(line.split()[:2]) if "missing" in line else line.split()[0]
                     for line in lines}:
            kinds[kind] += 1
    return dict(sorted(kinds.items()))
