"""Score heading candidates and choose every label at once (one global assignment).

Each candidate gets a score for each label: the six template sections, ``sub`` (a heading
inside the current section), ``other`` (a heading that opens no template section) and
``preamble`` (before the first section: the title and header). A section's score adds
what the heading says (the lexicon), what follows it (content evidence) and how it is laid
out compared with the report's other section headings. A dynamic programme over the
candidates in reading order then picks the labels that together score best, with each
section used at most once and the template's order as a prior: 'What works' after 'What
stood in the way' is practices after challenges. Weights are in ``data/weights.json``.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from migkg.ontology import template

from ..model import Block
from . import evidence, lexicon
from .reading import OTHER, PREAMBLE, SUBHEADING, Candidate

MAX_CANDIDATES = 400  # beyond this many, only the most strongly marked are considered
BEAM = 48  # states kept per step of the dynamic programme


@lru_cache(maxsize=1)
def default_weights() -> dict[str, float]:
    """The shipped weights (``data/weights.json``)."""
    raw = json.loads((files("migkg.loaders.segment") / "data" / "weights.json").read_text())
    return {k: float(v) for k, v in raw.items() if not k.startswith("_")}


@dataclass(frozen=True)
class Options:
    """How to read: weights other than the shipped ones (for fitting them)."""

    weights: tuple[tuple[str, float], ...] = ()

    def weight(self, name: str) -> float:
        """A weight by name: the given one, else the shipped default."""
        return dict(self.weights).get(name, default_weights()[name])


def _keys() -> tuple[str, ...]:
    return template.section_keys()


def text_evidence(candidate: Candidate, options: Options) -> tuple[dict[str, float],
                                                                    dict[str, list[str]], float]:
    """Per section, the best phrase score of the heading's wording; and its title score."""
    best: dict[str, float] = {}
    why: dict[str, list[str]] = {}
    title = 0.0
    for match in lexicon.heading_matches(candidate.text):
        target = match.phrase.target
        if target == "title":
            title = max(title, match.score)
            continue
        if match.score > best.get(target, 0.0):
            best[target] = match.score
            why[target] = [f"wording '{' '.join(match.phrase.words)}' ({match.phrase.lang}, "
                           f"{match.phrase.origin}) covers {match.coverage:.0%} of the heading"]
    folded = " ".join(lexicon.heading_words(candidate.text))
    if lexicon.reference_count("title", folded):
        title = max(title, 0.9)
    return best, why, title


def merged_keys(candidate: Candidate, options: Options) -> tuple[str, ...]:
    """Two sections named in one heading ('Challenges and good practices'), else ()."""
    found = [m for m in lexicon.heading_matches(candidate.text)
             if m.phrase.target != "title" and m.score >= 0.5]
    for i, first in enumerate(found):
        for second in found[i + 1:]:
            if first.phrase.target == second.phrase.target:
                continue
            a = range(first.first, first.first + len(first.phrase.words))
            b = range(second.first, second.first + len(second.phrase.words))
            if set(a) & set(b) or first.coverage + second.coverage < 0.7:
                continue
            order = sorted((first.phrase.target, second.phrase.target),
                           key=_keys().index)
            return tuple(order)
    return ()


_TEMPLATE_NUMBER = re.compile(r"^\s*(?:section|partie|parte|part)?\s*\(?([1-6])\s*[.):-]\s")


def _template_number(text: str) -> int | None:
    """The template section number a heading carries ('4. Relevance ...'), or None."""
    found = _TEMPLATE_NUMBER.match(text + " ")
    return int(found.group(1)) if found else None


def _dominant_rank(candidates: list[Candidate], wording: list[dict[str, float]]) -> int | None:
    """The layout the report gives its section headings: the rank whose candidates' wording
    names template sections most strongly (ties: the stronger layout)."""
    totals: dict[int, float] = {}
    for candidate, best in zip(candidates, wording, strict=True):
        top = max(best.values(), default=0.0)
        if top >= 0.5:
            totals[candidate.rank] = totals.get(candidate.rank, 0.0) + top
    if not totals:
        return None
    return max(totals, key=lambda rank: (totals[rank], -rank))


def score_candidates(candidates: list[Candidate], blocks: list[Block], ends: list[int],
                     options: Options,
                     group_of: Callable[[str], dict[str, str]]) -> None:
    """Fill every candidate's ``scores`` and ``evidence`` (labels -> score, reasons)."""
    w = options.weight
    wording = []
    titles = []
    for candidate in candidates:
        best, why, title = text_evidence(candidate, options)
        wording.append(best)
        titles.append(title)
        candidate.evidence = {k: list(v) for k, v in why.items()}
    dominant = _dominant_rank(candidates, wording)
    for position, candidate in enumerate(candidates):
        content = blocks[candidate.index + 1:ends[position]]
        if candidate.inline is not None:
            content = [candidate.inline, *content]
        counts = evidence.count(content)
        content_scores = evidence.scores(counts)
        # As a sub-heading, the line itself is part of the section's flow (an attribution
        # line under a quote, 'Background: <link>' in the GCM section).
        own_scores = evidence.scores(evidence.count([candidate.block, *content]))
        if dominant is None or candidate.rank == dominant:
            style, style_note = w("same_style"), "laid out like the other section headings"
        elif candidate.rank > dominant:
            style, style_note = w("weaker_style"), "laid out more weakly than section headings"
        else:
            style, style_note = w("stronger_style"), "laid out more strongly than sections"
        title = titles[position]
        # Only a heading laid out like the section headings can open a part of its own;
        # a weaker one belongs to the flow of the section it stands in.
        weak = dominant is not None and candidate.rank > dominant
        numbered = _template_number(candidate.text)
        for key in _keys():
            text_score = wording[position].get(key, 0.0)
            value = text_score + w("content") * content_scores[key] + style
            if numbered == template.section(key).number:
                value += w("template_number")
                candidate.evidence.setdefault(key, []).append(
                    f"numbered {numbered}, as section {numbered} of the template")
            if title and text_score < 0.99:
                value -= w("title_penalty") * title
            candidate.scores[key] = value
            notes = candidate.evidence.setdefault(key, [])
            if content_scores[key] > 0:
                notes.append(f"content: {counts.describe(key)}")
            notes.append(style_note)
            if title and text_score < 0.99:
                notes.append("reads like the document's title")
        groups = group_of(candidate.text)
        candidate.scores[SUBHEADING] = w("sub_base") + (
            w("sub_same_style") if dominant is None or candidate.rank <= dominant else 0.0)
        candidate.evidence[SUBHEADING] = [f"{kind} group '{value}'" for kind, value
                                          in sorted(groups.items())]
        candidate.scores[OTHER] = w("other") * (0.15 if weak else 1.0)
        candidate.evidence[OTHER] = ["no section's wording or content fits well"]
        # Before the first section, a line laid out more weakly than the section headings
        # gains nothing by keeping the reading in the preamble: it would be a sub-heading.
        candidate.scores[PREAMBLE] = (w("sub_base") if weak else w("preamble_base")) + w(
            "preamble_title") * max(title, 1.0 if dominant is not None
                                    and candidate.rank < dominant else 0.0)
        candidate.evidence[PREAMBLE] = ["before the first section"] + (
            ["reads like the document's title"] if title else [])
        # As a sub-heading, its score depends on the section it would stand in.
        for section in (*_keys(), OTHER):
            bonus = w("sub_group") if (section == "practices" and "level" in groups) or (
                section == "challenges" and "category" in groups) else 0.0
            candidate.sub_scores[section] = (candidate.scores[SUBHEADING] + bonus
                                             + w("sub_content") * own_scores.get(section, 0.0))
        candidate.merged = merged_keys(candidate, options)


def _sub_score(candidate: Candidate, current: str, options: Options) -> float:
    return candidate.sub_scores.get(current, candidate.scores[SUBHEADING])


def assign(candidates: list[Candidate], options: Options) -> None:
    """Choose every candidate's label by dynamic programming over reading order, then set
    each one's ``label`` and ``confidence``."""
    keys = _keys()
    number = {k: i for i, k in enumerate(keys)}
    # state: (used sections bitmask, current: -1 preamble, 0-5 a section, 6 other); each
    # step keeps, per state, its best score and a back-pointer (previous state, label).
    State = tuple[int, int]
    # The highest template number among the sections a mask has used (-1 for none).
    last_of = [max((i for i in range(len(keys)) if mask >> i & 1), default=-1)
               for mask in range(1 << len(keys))]
    states: dict[State, float] = {(0, -1): 0.0}
    steps: list[dict[State, tuple[float, State, str]]] = []
    # Looked up once: the loop below runs per candidate, state and section.
    out_of_order, merged_bonus = options.weight("out_of_order"), options.weight("merged_bonus")
    sections = [(key, number[key], 1 << number[key]) for key in keys]
    for candidate in candidates:
        following: dict[State, tuple[float, State, str]] = {}
        offer = _offerer(following)
        scores = candidate.scores
        for state, value in states.items():
            mask, current = state
            # Out of order: a section before the one open now (or, after an 'other' part,
            # before the last one opened); a section moved elsewhere costs once.
            last = current if 0 <= current < len(keys) else last_of[mask]
            for key, index, bit in sections:
                if mask & bit:
                    continue
                order = out_of_order if index < last else 0.0
                offer((mask | bit, index), value + scores[key] + order, state, key)
            if candidate.merged:
                bits = sum(1 << number[k] for k in candidate.merged)
                if not mask & bits:
                    first = number[candidate.merged[0]]
                    order = out_of_order if first < last else 0.0
                    # A heading naming both sections opens both, whichever its text leans to.
                    merged_score = max(scores[k] for k in candidate.merged)
                    offer((mask | bits, number[candidate.merged[-1]]),
                          value + merged_score + merged_bonus + order,
                          state, "+".join(candidate.merged))
            if current == -1:
                offer((mask, -1), value + candidate.scores[PREAMBLE], state, PREAMBLE)
            else:
                section = keys[current] if current < len(keys) else OTHER
                offer((mask, current), value + _sub_score(candidate, section, options),
                      state, SUBHEADING)
            offer((mask, len(keys)), value + candidate.scores[OTHER], state, OTHER)
        kept = sorted(following.items(), key=lambda kv: (-kv[1][0], kv[0]))[:BEAM]
        steps.append(dict(kept))
        states = {state: entry[0] for state, entry in kept}
    if not candidates:
        return
    state = max(states, key=lambda st: (states[st], st))
    labels: list[str] = []
    for step in reversed(steps):
        _, previous, label = step[state]
        labels.append(label)
        state = previous
    best_path = labels[::-1]
    current = "-"
    for candidate, label in zip(candidates, best_path, strict=True):
        candidate.label = label
        alternatives = {k: candidate.scores[k] for k in keys}
        alternatives[OTHER] = candidate.scores[OTHER]
        alternatives[SUBHEADING] = _sub_score(candidate, current, options)
        if label == PREAMBLE:
            alternatives[PREAMBLE] = candidate.scores[PREAMBLE]
        chosen = (max(candidate.scores[k] for k in candidate.merged)
                  + options.weight("merged_bonus")) if "+" in label else alternatives[label]
        alternatives[label] = chosen
        candidate.confidence = _softmax(alternatives, label, options.weight("temperature"))
        # Keep the scores as they were weighed here, for explain.
        candidate.scores[SUBHEADING] = alternatives[SUBHEADING]
        if label != PREAMBLE and current != "-":
            candidate.scores.pop(PREAMBLE, None)
        if label in keys or "+" in label:
            current = label.split("+")[-1]
        elif label == OTHER:
            current = OTHER


def _offerer(following: dict) -> Callable[..., None]:
    """Keep, per state, the best score that reaches it and where it came from."""
    def offer(state: tuple[int, int], value: float, previous: tuple[int, int],
              label: str) -> None:
        if state not in following or following[state][0] < value:
            following[state] = (value, previous, label)
    return offer


def _softmax(scores: dict[str, float], label: str, temperature: float) -> float:
    top = max(scores.values())
    exps = {k: math.exp((v - top) / temperature) for k, v in scores.items()}
    return round(exps[label] / sum(exps.values()), 3)
