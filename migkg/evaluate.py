"""Extraction quality against gold annotations: precision, recall and F1 per field.

A gold file (``X.gold.json``, schema in the corpus's GOLD.md) names its report by source
file name; every report in the store whose source has that name is scored. What the
store holds is read through the named queries (reports, sections, challenges, practices,
quotes, mentions, figures, gcm-links, sdg-links, principles), so the evaluation sees
exactly what a user sees.

Matching rules, per field:

- ``sections``: each of the six sections counts once, right when its status (present,
  empty, missing) equals the gold status; precision = recall = accuracy.
- ``challenges`` / ``practices``: an extracted item matches a gold item when its text
  starts with the gold ``starts`` words (case, accents and punctuation ignored; a
  fuzzy prefix match of at least 90 absorbs a typo fix); one-to-one, in order.
  ``challenge_categories`` / ``practice_levels`` count a match as right only when the
  category (null = none) or level also agrees; their ``accuracy`` is right / matched.
- ``countries``: sets of ISO3 codes.
- ``actors``: an extracted actor (registry acronym, or name as written) is right when it
  names a ``core`` or ``acceptable`` gold actor (same acronym, or names that agree with a
  token-set similarity of at least 85); recall counts the ``core`` actors found.
- ``instruments``: one-to-one fuzzy matching of names (token-set similarity >= 80), each
  name counted once per report.
- ``figures``: same value (relative tolerance 1e-6) and, when the gold gives a country,
  the same country; one-to-one, each distinct (value, unit, country) counted once per
  report (a restated figure is one fact).
- ``gcm_objectives``, ``principles``, ``sdg_targets``: recall over ``core``, precision
  counting ``core`` plus ``acceptable`` as right; ``gcm_objectives_explicit`` and
  ``sdg_targets_explicit`` compare the explicit links with the gold ``explicit`` lists.
- ``quotes``: same attribution and speakers that agree (token-set similarity >= 80).

Overall scores are micro-averaged: counts are summed over reports before dividing.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .store import Store

FIELDS = (
    "sections",
    "challenges",
    "challenge_categories",
    "practices",
    "practice_levels",
    "countries",
    "actors",
    "instruments",
    "figures",
    "gcm_objectives",
    "gcm_objectives_explicit",
    "principles",
    "sdg_targets",
    "sdg_targets_explicit",
    "quotes",
)
SECTION_KEYS = ("summary", "challenges", "practices", "gcm", "agenda2030", "quotes")


class EvaluationError(Exception):
    """The gold folder or a gold file cannot be used; the message is one plain line."""


@dataclass
class FieldScore:
    """Counts behind one field's scores: precision = correct / predicted, recall =
    found / expected. ``matched`` and ``accuracy`` are set for category/level fields."""

    correct: int = 0
    predicted: int = 0
    found: int = 0
    expected: int = 0
    matched: int | None = None
    missing: list[str] = field(default_factory=list)  # expected items not found
    extra: list[str] = field(default_factory=list)  # predicted items judged wrong

    @property
    def precision(self) -> float:
        if self.predicted:
            return self.correct / self.predicted
        return 1.0 if not self.expected else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float | None:
        if self.matched is None:
            return None
        return self.correct / self.matched if self.matched else 1.0

    def add(self, other: FieldScore) -> None:
        self.correct += other.correct
        self.predicted += other.predicted
        self.found += other.found
        self.expected += other.expected
        if other.matched is not None:
            self.matched = (self.matched or 0) + other.matched

    def as_dict(self, *, details: bool = True) -> dict[str, object]:
        data: dict[str, object] = {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "correct": self.correct,
            "predicted": self.predicted,
            "found": self.found,
            "expected": self.expected,
        }
        if self.matched is not None:
            data["matched"] = self.matched
            data["accuracy"] = round(self.accuracy or 0.0, 4)
        if details:
            data["missing"] = list(self.missing)
            data["extra"] = list(self.extra)
        return data


@dataclass
class ReportScores:
    file: str
    report: str
    fields: dict[str, FieldScore]


@dataclass
class Evaluation:
    gold_dir: str
    reports: list[ReportScores]
    not_in_store: list[str]  # gold files whose report the store does not hold

    @property
    def overall(self) -> dict[str, FieldScore]:
        total = {name: FieldScore() for name in FIELDS}
        for report in self.reports:
            for name, score in report.fields.items():
                total[name].add(score)
        return total

    def as_dict(self) -> dict[str, object]:
        return {
            "gold_dir": self.gold_dir,
            "reports": [
                {"file": r.file, "report": r.report,
                 "fields": {n: s.as_dict() for n, s in r.fields.items()}}
                for r in self.reports
            ],
            "overall": {n: s.as_dict(details=False) for n, s in self.overall.items()},
            "not_in_store": list(self.not_in_store),
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- predictions


@dataclass
class Prediction:
    """What the store holds for one report, in the terms the gold uses."""

    sections: dict[str, str] = field(default_factory=dict)
    challenges: list[tuple[str, str | None]] = field(default_factory=list)  # text, category
    practices: list[tuple[str, str | None]] = field(default_factory=list)  # text, level
    countries: set[str] = field(default_factory=set)
    actors: list[tuple[str, str]] = field(default_factory=list)  # code, label
    instruments: list[str] = field(default_factory=list)
    figures: list[tuple[float, str | None, str | None]] = field(default_factory=list)
    objectives: dict[str, str] = field(default_factory=dict)  # number -> basis
    principles: dict[str, str] = field(default_factory=dict)
    targets: dict[str, str] = field(default_factory=dict)
    quotes: list[tuple[str, str]] = field(default_factory=list)  # attribution, speaker


def load_gold(gold_dir: Path) -> list[dict]:
    if not gold_dir.is_dir():
        raise EvaluationError(f"{gold_dir}: not a folder")
    golds = []
    for path in sorted(gold_dir.glob("*.gold.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise EvaluationError(f"{path.name}: not readable JSON ({exc})") from None
        if not isinstance(data, dict) or not isinstance(data.get("file"), str):
            raise EvaluationError(f"{path.name}: no 'file' naming its report")
        golds.append(data)
    if not golds:
        raise EvaluationError(f"{gold_dir}: no *.gold.json files")
    return golds


def predictions(store: Store) -> dict[str, tuple[str, Prediction]]:
    """source base name -> (report IRI, prediction), for every report in the store."""
    from .querying import run_named

    def rows(name: str) -> list[dict[str, str]]:
        # The loader's own output: reviewers' decisions are not the loader's work.
        result = run_named(store, name, {"reviewed": "false"})
        return [{c: (v or "") for c, v in zip(result.columns, row, strict=True)}
                for row in result.rows]

    by_report: dict[str, Prediction] = {}
    sources: dict[str, str] = {}
    for row in rows("reports"):
        sources[row["report"]] = row["source"]
        by_report.setdefault(row["report"], Prediction())

    def target(row: dict[str, str]) -> Prediction | None:
        return by_report.get(row["report"])

    for row in rows("sections"):
        if (p := target(row)) is not None:
            p.sections[row["section"]] = row["status"]
    for row in rows("challenges"):
        if (p := target(row)) is not None:
            p.challenges.append((row["text"], row["category"] or None))
    for row in rows("practices"):
        if (p := target(row)) is not None:
            p.practices.append((row["text"], row["level"] or None))
    for row in rows("quotes"):
        if (p := target(row)) is not None:
            p.quotes.append((row["attribution"], row["speaker"]))
    for row in rows("mentions"):
        if (p := target(row)) is None:
            continue
        if row["kind"] == "country" and row["code"]:
            p.countries.add(row["code"])
        elif row["kind"] in ("rec", "rcp", "organisation"):
            p.actors.append((row["code"], row["label"]))
        elif row["kind"] == "instrument":
            p.instruments.append(row["label"])
    for row in rows("figures"):
        if (p := target(row)) is not None:
            try:
                value = float(row["value"])
            except ValueError:
                continue
            p.figures.append((value, row["unit"] or None, row["country"] or None))
    for name, column, attribute in (("gcm-links", "objective", "objectives"),
                                    ("sdg-links", "target", "targets"),
                                    ("principles", "principle", "principles")):
        for row in rows(name):
            if (p := target(row)) is not None:
                links: dict[str, str] = getattr(p, attribute)
                if links.get(row[column]) != "explicit":
                    links[row[column]] = row["basis"]
    return {sources[iri]: (iri, p) for iri, p in by_report.items() if iri in sources}


def evaluate(store: Store, gold_dir: Path) -> Evaluation:
    golds = load_gold(gold_dir)
    held = predictions(store)
    reports, missing = [], []
    for gold in golds:
        name = Path(gold["file"]).name
        if name not in held:
            missing.append(name)
            continue
        iri, prediction = held[name]
        reports.append(ReportScores(name, iri, score_report(prediction, gold)))
    return Evaluation(str(gold_dir), reports, missing)


# --------------------------------------------------------------------------- scoring


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", " ", plain).strip()


def _similar(a: str, b: str, cutoff: float) -> bool:
    from rapidfuzz import fuzz

    fa, fb = _fold(a), _fold(b)
    return bool(fa and fb) and (fa == fb or fuzz.token_set_ratio(fa, fb) >= cutoff)


# 'Protection. People rescued …', 'Governance: migration policy …': a short label the
# item opens with (its category or level), which the gold's first words leave out.
_LEAD_LABEL = re.compile(r"^\W*(?:\w+\W+){0,3}?\w+\s*[:.]\s+(?=\S)")


def _starts(text: str, starts: str) -> bool:
    from rapidfuzz import fuzz

    s = _fold(starts)
    if not s:
        return False
    label = _LEAD_LABEL.match(text or "")
    for candidate in (text, text[label.end():] if label else None):
        if candidate is None:
            continue
        t = _fold(candidate)
        if t.startswith(s) or fuzz.ratio(t[: len(s)], s) >= 90:
            return True
    return False


def _one_to_one(
    predicted: Sequence, expected: Sequence, same: Callable[[object, object], bool]
) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (predicted index, expected index), in reading order."""
    used: set[int] = set()
    pairs = []
    for i, item in enumerate(predicted):
        for j, gold in enumerate(expected):
            if j not in used and same(item, gold):
                used.add(j)
                pairs.append((i, j))
                break
    return pairs


def _one_to_one_score(predicted: Sequence, expected: Sequence, same: Callable,
                      show: Callable[[object], str] = str) -> FieldScore:
    pairs = _one_to_one(predicted, expected, same)
    hit_p = {i for i, _ in pairs}
    hit_e = {j for _, j in pairs}
    return FieldScore(
        correct=len(pairs), predicted=len(predicted), found=len(pairs), expected=len(expected),
        missing=[show(e) for j, e in enumerate(expected) if j not in hit_e],
        extra=[show(p) for i, p in enumerate(predicted) if i not in hit_p],
    )


def _items_with_label(
    predicted: list[tuple[str, str | None]], gold: list[dict], label_key: str
) -> tuple[FieldScore, FieldScore]:
    def same(item: object, g: object) -> bool:
        return _starts(item[0], g.get("starts", ""))  # type: ignore[index, union-attr]

    def show(item: object) -> str:
        if isinstance(item, dict):
            return f"{item.get('starts', '')} [{item.get(label_key)}]"
        return f"{item[0][:60]} [{item[1]}]"  # type: ignore[index]

    base = _one_to_one_score(predicted, gold, same, show)
    pairs = _one_to_one(predicted, gold, same)
    right = [(i, j) for i, j in pairs if (predicted[i][1] or None) == (gold[j].get(label_key)
                                                                     or None)]
    right_p = {i for i, _ in right}
    right_e = {j for _, j in right}
    labelled = FieldScore(
        correct=len(right), predicted=len(predicted), found=len(right), expected=len(gold),
        matched=len(pairs),
        missing=[show(g) for j, g in enumerate(gold) if j not in right_e],
        extra=[show(p) for i, p in enumerate(predicted) if i not in right_p],
    )
    return base, labelled


def _core_acceptable(predicted: Iterable[str], core: Iterable, acceptable: Iterable,
                     same: Callable[[str, str], bool] | None = None) -> FieldScore:
    predicted = list(dict.fromkeys(predicted))
    core_items = [str(c) for c in core]
    right_items = core_items + [str(a) for a in acceptable]
    same = same or (lambda a, b: a == b)
    correct = [p for p in predicted if any(same(p, r) for r in right_items)]
    found = [c for c in core_items if any(same(p, c) for p in predicted)]
    return FieldScore(
        correct=len(correct), predicted=len(predicted), found=len(found),
        expected=len(core_items),
        missing=[c for c in core_items if c not in found],
        extra=[p for p in predicted if p not in correct],
    )


def _set_score(predicted: Iterable[str], expected: Iterable) -> FieldScore:
    p = set(predicted)
    e = {str(x) for x in expected}
    return FieldScore(correct=len(p & e), predicted=len(p), found=len(p & e), expected=len(e),
                      missing=sorted(e - p), extra=sorted(p - e))


def _actor_same(predicted: str, gold: str) -> bool:
    return predicted.casefold() == gold.casefold() or _similar(predicted, gold, 85)


def score_report(p: Prediction, gold: dict) -> dict[str, FieldScore]:
    scores: dict[str, FieldScore] = {}
    gold_sections = gold.get("sections") or {}
    agree = [k for k in SECTION_KEYS if p.sections.get(k, "missing") == gold_sections.get(k)]
    scores["sections"] = FieldScore(
        correct=len(agree), predicted=len(SECTION_KEYS), found=len(agree),
        expected=len(SECTION_KEYS),
        missing=[f"{k}: {gold_sections.get(k)}" for k in SECTION_KEYS if k not in agree],
        extra=[f"{k}: {p.sections.get(k, 'missing')}" for k in SECTION_KEYS if k not in agree],
    )
    scores["challenges"], scores["challenge_categories"] = _items_with_label(
        p.challenges, gold.get("challenges") or [], "category")
    scores["practices"], scores["practice_levels"] = _items_with_label(
        p.practices, gold.get("practices") or [], "level")
    scores["countries"] = _set_score(p.countries, gold.get("countries") or [])
    actors = gold.get("actors") or {}
    named = [code or label for code, label in p.actors]

    def actor_same(item: str, gold_name: str) -> bool:
        labels = [label for code, label in p.actors if (code or label) == item] + [item]
        return any(_actor_same(label, gold_name) for label in labels)

    scores["actors"] = _core_acceptable(named, actors.get("core") or [],
                                        actors.get("acceptable") or [], actor_same)
    instruments = list(dict.fromkeys(p.instruments, None))
    unique: list[str] = []
    for name in instruments:
        if not any(_fold(name) == _fold(u) for u in unique):
            unique.append(name)
    scores["instruments"] = _one_to_one_score(
        unique, gold.get("instruments") or [], lambda a, b: _similar(str(a), str(b), 80))
    # A figure the report restates (the same value, unit and place in the summary and in a
    # challenge) is one fact: counted once, as instruments are.
    scores["figures"] = _one_to_one_score(
        list(dict.fromkeys(p.figures)), gold.get("figures") or [], _figure_same,
        lambda f: (f"{f.get('value')} {f.get('what', '')} ({f.get('country')})"
                   if isinstance(f, dict) else f"{f[0]:g} {f[1] or ''} ({f[2]})"))
    for key, attribute, field_name in (("gcm_objectives", "objectives", "gcm_objectives"),
                                       ("gcm_principles", "principles", "principles"),
                                       ("sdg_targets", "targets", "sdg_targets")):
        block = gold.get(key) or {}
        links: dict[str, str] = getattr(p, attribute)
        scores[field_name] = _core_acceptable(links, block.get("core") or [],
                                              block.get("acceptable") or [])
        if field_name != "principles":
            explicit = [k for k, basis in links.items() if basis == "explicit"]
            scores[field_name + "_explicit"] = _set_score(explicit, block.get("explicit") or [])
    scores["quotes"] = _one_to_one_score(
        p.quotes, gold.get("quotes") or [], _quote_same,
        lambda q: (f"{q.get('attribution')}: {q.get('speaker')}" if isinstance(q, dict)
                   else f"{q[0]}: {q[1]}"))
    return {name: scores[name] for name in FIELDS}


def _figure_same(predicted: object, gold: object) -> bool:
    value, _unit, country = predicted  # type: ignore[misc]
    expected = float(gold.get("value"))  # type: ignore[union-attr]
    if abs(value - expected) > 1e-6 * max(1.0, abs(expected)):
        return False
    gold_country = gold.get("country")  # type: ignore[union-attr]
    return gold_country is None or gold_country == country


def _quote_same(predicted: object, gold: object) -> bool:
    attribution, speaker = predicted  # type: ignore[misc]
    if attribution != gold.get("attribution"):  # type: ignore[union-attr]
        return False
    return _similar(speaker, gold.get("speaker") or "", 80)  # type: ignore[union-attr]


# --------------------------------------------------------------------------- rendering


def render_table(evaluation: Evaluation) -> str:
    """A rich table of the overall scores and each report's F1, as plain text."""
    from io import StringIO

    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Extraction quality against {evaluation.gold_dir}", title_justify="left")
    table.add_column("field", no_wrap=True)
    for column in ("P", "R", "F1", "acc", "right/pred", "found/exp"):
        table.add_column(column, justify="right", no_wrap=True)
    for number, _report in enumerate(evaluation.reports, 1):
        table.add_column(f"F1 r{number}", justify="right", no_wrap=True)
    overall = evaluation.overall
    for name in FIELDS:
        score = overall[name]
        accuracy = score.accuracy
        cells = [
            name, f"{score.precision:.2f}", f"{score.recall:.2f}", f"{score.f1:.2f}",
            "" if accuracy is None else f"{accuracy:.2f}",
            f"{score.correct}/{score.predicted}", f"{score.found}/{score.expected}",
        ]
        cells += [f"{r.fields[name].f1:.2f}" for r in evaluation.reports]
        table.add_row(*cells)
    buffer = StringIO()
    console = Console(file=buffer, width=200, color_system=None)
    console.print(table)
    for number, report in enumerate(evaluation.reports, 1):
        console.print(f"r{number}: {report.file}")
    for file in evaluation.not_in_store:
        console.print(f"not in the store: {file}")
    return buffer.getvalue()


# --------------------------------------------------------------------------- leave-one-out


def report_file(gold: dict, gold_dir: Path) -> Path | None:
    """The report a gold file describes: beside it, or one folder up (examples/gold)."""
    for folder in (gold_dir, gold_dir.parent):
        candidate = folder / Path(gold["file"]).name
        if candidate.is_file():
            return candidate
    return None


def leave_one_out(gold_dir: Path, workdir: Path) -> tuple[Evaluation, list[tuple[str, str]]]:
    """Score every report that a gold file names, each read without what was fitted on it.

    What the loader fitted to particular reports is their wording in the heading lexicon
    (entries whose origin is a report's file name, ``loaders/segment/data``): each report
    is loaded with its own entries left out, into a fresh store in ``workdir``, and then
    scored as :func:`evaluate` scores it. Returns the evaluation and (file, reason) for
    the reports that could not be loaded.
    """
    from migkg.loaders.pipeline import LoadError, load_file

    from .store import open_store

    store = open_store(str(workdir / "loo-store"))
    store.ensure_vocabularies()
    failed: list[tuple[str, str]] = []
    for gold in load_gold(gold_dir):
        path = report_file(gold, gold_dir)
        if path is None:
            continue
        try:
            loaded = load_file(path, exclude_origins=frozenset({path.name}))
        except LoadError as exc:
            failed.append((str(path), str(exc)))
            continue
        store.replace_graphs({loaded.iri: loaded.ntriples}, loaded.shared)
    try:
        return evaluate(store, gold_dir), failed
    finally:
        store.close()
