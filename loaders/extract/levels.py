"""Practice levels inferred from content, for practices the report does not group by level.

Levels the report names (a sub-heading or a bold label) are read in
:mod:`migkg.loaders.segment.groups`.

The inference is a small ordered rule list over what the practice names, recorded as
``inferred`` so that nobody mistakes it for the rapporteur's own grouping: a regional body
or process, or several countries acting together, is regional; a new method or technology
is innovation; a global forum or fund is global; one state (or none) is national.
"""

from __future__ import annotations

import re

from ..text_utils import fold

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


def infer_level(text: str) -> tuple[str, str]:
    """(level, reason) for a practice whose report gives no level, from what it names."""
    kinds = _mention_kinds(text)
    words = fold(text)
    if kinds.get("rec") or kinds.get("rcp"):
        return "regional", "names a regional body or process"
    if found := _INNOVATION.search(words):
        return "innovation", f"names a new method or tool ('{found.group(0)}')"
    if found := _GLOBAL.search(words):
        return "global", f"names a global forum or actor ('{found.group(0)}')"
    if kinds.get("country", 0) >= 2:
        return "regional", f"names {kinds['country']} countries acting together"
    if found := _REGIONAL.search(words):
        return "regional", f"speaks of cooperation across borders ('{found.group(0)}')"
    return "national", "names one state or none"


def _mention_kinds(text: str) -> dict[str, int]:
    from .entities import find_mentions

    mentions = find_mentions(text)
    # A country named inside an instrument's name ('Statute for Venezuelan Migrants') is
    # not one of the states carrying the practice out.
    instruments = [(m.start, m.end) for m in mentions if m.kind == "instrument"]
    counts: dict[str, int] = {}
    seen: set[tuple[str, str]] = set()
    for mention in mentions:
        if mention.kind == "country" and (
            any(s <= mention.start and mention.end <= e for s, e in instruments)
            or _PEOPLE.match(text[mention.end:])
        ):
            continue
        key = (mention.kind, mention.code or mention.label)
        if key not in seen:
            seen.add(key)
            counts[mention.kind] = counts.get(mention.kind, 0) + 1
    return counts
