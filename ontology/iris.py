"""Every IRI the project mints, derived only from stable keys.

IRIs are deterministic: they come from file names, session codes and item positions, never
from time or randomness, so the same input gives the same graph on any machine.
"""

from __future__ import annotations

import re
import unicodedata

from .namespaces import GCM, ID, SDG, VOCAB

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o",
                            "Ø": "O", "đ": "d", "ł": "l", "Ł": "L"})


def slug(text: str) -> str:
    """A lowercase ASCII slug: 'Côte d'Ivoire 2.1' -> 'cote-d-ivoire-2-1'."""
    text = text.translate(_LIGATURES)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


# Controlled vocabularies of the project (SKOS concepts under VOCAB).
def section_iri(key: str):
    return VOCAB["section/" + key]


def level_iri(key: str):
    return VOCAB["level/" + key]


def challenge_category_iri(key: str):
    return VOCAB["challenge-category/" + key]


def status_iri(key: str):
    return VOCAB["status/" + key]


def attribution_iri(key: str):
    return VOCAB["attribution/" + key]


def basis_iri(key: str):
    return VOCAB["basis/" + key]


# External and reference concepts.
def gcm_objective_iri(number: int):
    return GCM[f"objective/{number}"]


def gcm_principle_iri(key: str):
    return GCM["principle/" + key]


def sdg_iri(code: str):
    """An SDG goal ('10') or target ('10.7') IRI in the UN's own namespace."""
    return SDG[code]


def country_iri(iso3: str):
    return ID["country/" + iso3.upper()]


def actor_iri(acronym: str):
    return ID["actor/" + slug(acronym)]


def region_iri(m49_code: str):
    return ID["region/m49-" + m49_code]
