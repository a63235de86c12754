"""A practice's level inferred from what it names, for practices no sub-heading placed.

A small ordered rule list over the practice's text and its mentions (the ``mentions``
annotator's, so entity matching runs once per insight), recorded as ``inferred`` so that
nobody mistakes it for the rapporteur's own grouping: a regional body or process is
regional; a new method or technology is innovation; a global forum or fund is global;
several countries acting together, or regional words, are regional; one state (or none)
is national.

The rules are those 0.1.0 applied after matching the text again; they now read the
mentions already found (the golden graphs of the examples hold the results steady).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..model import Annotator, LevelAnnotation, Report
from ..text_utils import fold

__all__ = ["LEVELS", "infer_level", "infer_level_why"]

METHOD = "level-rules/1"

_INNOVATION = re.compile(
    r"\b(innovat\w*|innova(cion|ciones)|digital\w*|numerique\w*|online|en ligne|en linea|"
    r"platforms?|plateformes?|plataformas?|apps?|applications? mobiles?|big data|technolog\w*|"
    r"tecnolog\w*|artificial intelligence|intelligence artificielle|pilot\w*|blockchain|"
    r"telecom\w*|mobile (phones?|money|wallets?|banking|payments?|transfers?|apps?)|"
    r"(telephones?|paiements?|portefeuilles?) mobiles?|(telefonos?|pagos?|billeteras?) "
    r"moviles?|e (visas?|services?|registration|wallets?)|electronic|text messages|sms|"
    r"predictive|satellite|biometric\w*|biometrique\w*|new (methods?|tools?))\b"
)
_GLOBAL = re.compile(
    r"\b(global (forum|fund|compact|level|network|programme|program)|gfmd|worldwide|"
    r"multilateral|un network|international community|world bank|forum mondial|"
    r"pacte mondial|pacto mundial)\b"
)
_REGIONAL = re.compile(r"\b(regional|regionale?s?|region|corridors?|corridos?|bilateral\w*|"
                       r"cross border|transfrontali\w+|transfronteriz\w+|free movement|"
                       r"libre circulation|libre circulacion)\b")
# A demonym before these words names who benefits, not a state that acts ('for Venezuelan
# migrants'), so it does not make a practice one of several countries.
_PEOPLE = re.compile(
    r"^[\s-]*(migrants?|workers?|nationals?|refugees?|citizens?|diaspora\w*|nurses?|students?|"
    r"returnees?|women|children|communities|families|travailleu\w+|ressortissant\w*|"
    r"refugie\w*|trabajador\w*|migrantes?|refugiad\w*|nacionales)\b",
    re.IGNORECASE,
)


def infer_level(text: str, mentions: Sequence[object]) -> str:
    """The level ('regional', 'innovation', 'global', 'national') of a practice's text.

    ``mentions`` are the mentions of ``text`` with offsets into it (objects with
    ``start``, ``end``, ``kind``, ``code`` and ``label``: the ``mentions`` annotator's
    made local with ``Annotation.local``, or ``entities.find_mentions(text)``).
    """
    return infer_level_why(text, mentions)[0]


def infer_level_why(text: str, mentions: Sequence[object]) -> tuple[str, str]:
    """(level, the rule that decided it in words); see :func:`infer_level`."""
    kinds = _mention_kinds(text, mentions)
    words = fold(text)
    if kinds.get("rec") or kinds.get("rcp"):
        return "regional", "names a regional economic community or consultative process"
    if match := _INNOVATION.search(words):
        return "innovation", f"innovation words: '{match.group()}'"
    if match := _GLOBAL.search(words):
        return "global", f"global words: '{match.group()}'"
    if kinds.get("country", 0) >= 2:
        return "regional", "names two or more countries acting"
    if match := _REGIONAL.search(words):
        return "regional", f"regional words: '{match.group()}'"
    return "national", "names one state or none, and no regional or global body"


def _mention_kinds(text: str, mentions: Sequence[object]) -> dict[str, int]:
    # A country named inside an instrument's name ('Statute for Venezuelan Migrants') is
    # not one of the states carrying the practice out.
    instruments = [(m.start, m.end) for m in mentions  # type: ignore[attr-defined]
                   if m.kind == "instrument"]  # type: ignore[attr-defined]
    counts: dict[str, int] = {}
    seen: set[tuple[str, str]] = set()
    for mention in mentions:
        kind, start, end = mention.kind, mention.start, mention.end  # type: ignore[attr-defined]
        if kind == "country" and (
            any(s <= start and end <= e for s, e in instruments) or _PEOPLE.match(text[end:])
        ):
            continue
        key = (kind, mention.code or mention.label)  # type: ignore[attr-defined]
        if key not in seen:
            seen.add(key)
            counts[kind] = counts.get(kind, 0) + 1
    return counts


def _annotate(report: Report) -> Iterator[LevelAnnotation]:
    """A level for every practice the insight stage left without one."""
    for index, insight in enumerate(report.insights):
        if insight.kind != "practice" or insight.level:
            continue
        mentions = [a.local(insight.start) for a in report.of("mentions", index)]
        level, why = infer_level_why(insight.text, mentions)
        yield LevelAnnotation("levels", "level", index, None, None, code=level, label=level,
                              basis="inferred", evidence=(why,), method=METHOD)


LEVELS = Annotator("levels", ("mentions",), METHOD, _annotate)
