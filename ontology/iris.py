"""Every IRI the project mints, derived only from stable keys.

IRIs are deterministic: they come from file names, session codes and item positions, never
from time or randomness, so the same input gives the same graph on any machine.

Two families: concept IRIs (vocabularies, countries, actors; rdflib ``URIRef``) and the
IRIs of a report's own nodes (report, source, sections, insights and what hangs off them;
plain ``str``, as the loader's writer takes them), each node's IRI a path under its
parent's.
"""

from __future__ import annotations

import hashlib
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


def name_key(text: str) -> str:
    """A name as selections and references compare it: case folded, each run of spaces,
    hyphens and underscores one hyphen, none at the ends ('GFMD 2018' -> 'gfmd-2018').
    The named queries' selection blocks apply the same rule in SPARQL."""
    return _NAME_SEPARATORS.sub("-", text.strip().casefold()).strip("-")


_NAME_SEPARATORS = re.compile(r"[\s_-]+")


# Controlled vocabularies of the project (SKOS concepts under VOCAB).
def section_iri(key: str):
    """The template section concept ``key`` ('summary', 'challenges', ...)."""
    return VOCAB["section/" + key]


def level_iri(key: str):
    """The practice level concept ``key`` ('national', 'regional', ...)."""
    return VOCAB["level/" + key]


def challenge_category_iri(key: str):
    """The challenge category concept ``key``."""
    return VOCAB["challenge-category/" + key]


def status_iri(key: str):
    """The section status concept ``key`` (whether a section was found, empty...)."""
    return VOCAB["status/" + key]


def attribution_iri(key: str):
    """The quote attribution concept ``key`` ('anonymous', ...)."""
    return VOCAB["attribution/" + key]


def basis_iri(key: str):
    """The basis concept ``key`` ('explicit' or 'inferred')."""
    return VOCAB["basis/" + key]


# External and reference concepts.
def gcm_objective_iri(number: int):
    """GCM objective ``number`` (1-23)."""
    return GCM[f"objective/{number}"]


def gcm_principle_iri(key: str):
    """The GCM guiding principle ``key`` ('whole-of-government', ...)."""
    return GCM["principle/" + key]


def sdg_iri(code: str):
    """An SDG goal ('10') or target ('10.7') IRI in the UN's own namespace."""
    return SDG[code]


def country_iri(iso3: str):
    """A country by its ISO 3166-1 alpha-3 code."""
    return ID["country/" + iso3.upper()]


def actor_iri(acronym: str):
    """An actor (REC, RCP, organisation) by its acronym or name, slugged."""
    return ID["actor/" + slug(acronym)]


def region_iri(m49_code: str):
    """A region by its UN M49 code."""
    return ID["region/m49-" + m49_code]


def unnamed_region_iri(label: str) -> str:
    """A region M49 does not define ('the Sahel'), named by its label's slug."""
    return f"{ID}region/{slug(label)}"


# A report and the nodes of its graph.
_PLAIN_IDENTITY = re.compile(r"[a-z0-9._/-]+")


def report_iri(identity: str) -> str:
    """The IRI of the report whose identity is ``identity``.

    ``identity`` is the report file's path relative to the ingest root ('a/report.md'), or
    its base name. The IRI is ``id/report/`` + :func:`slug` of it, so a base name such as
    'gfmd2018_rt2_1_south_south_mobility.md' gives the IRI it always had. :func:`slug`
    folds case, drops accents and non-Latin letters and turns every other character into
    '-'; whenever the identity holds a character outside ``[a-z0-9._/-]`` (capitals, spaces,
    accents, any other script), the slug may render two identities alike
    ('報告.txt' and 'تقرير.txt' both slug to 'txt'), so the first 8 hex digits of the
    identity's SHA-256 are appended: 'id/report/txt-1a2b3c4d'. Identities that differ only
    in their separators ('a_b.md', 'a-b.md', 'a/b.md') still slug alike.
    """
    iri = basename_report_iri(identity)
    if not _PLAIN_IDENTITY.fullmatch(identity):
        iri += "-" + hashlib.sha256(identity.encode("utf-8")).hexdigest()[:8]
    return iri


def basename_report_iri(name: str) -> str:
    """The IRI of a report loaded without an identity: the slug of its file's base name.

    The rule before identities existed, kept so such a load gives the IRI it always gave;
    it may render two names alike ('Report.md', 'report.md').
    """
    return f"{ID}report/{slug(name)}"


def source_iri(report: str) -> str:
    """The source document a report was read from (one per report, whatever its bytes)."""
    return f"{report}/source"


def ingest_iri(report: str) -> str:
    """The ingest activity that made a report's graph."""
    return f"{report}/ingest"


def agent_iri(version: str) -> str:
    """The loader, as a software agent of one version."""
    return f"{ID}agent/migkg-{version}"


def person_iri(name: str) -> str:
    """A person (a rapporteur) by name."""
    return f"{ID}person/{slug(name)}"


def event_iri(key: str) -> str:
    """An event outside the catalogue, by its key (a slug of series, year and name)."""
    return f"{ID}event/{key}"


def session_iri(scope: str, name: str) -> str:
    """A session of an event (``scope`` the event's key, else the report's) by code or title."""
    return f"{ID}session/{scope}/{slug(name)}"


def report_section_iri(report: str, key: str) -> str:
    """A report's section of the template section ``key``."""
    return f"{report}/section/{key}"


def unassigned_iri(report: str, number: int) -> str:
    """A report's ``number``-th stretch of text outside every section (1-based)."""
    return f"{report}/unassigned/{number}"


def insight_iri(report: str, kind: str, position: int) -> str:
    """A report's insight: the ``position``-th of its ``kind`` (1-based)."""
    return f"{report}/{kind}/{position}"


def anchor_iri(node: str) -> str:
    """The Web Annotation specific resource anchoring ``node`` in the source text."""
    return f"{node}/anchor"


def position_selector_iri(anchor: str) -> str:
    """The text position selector of an anchor."""
    return f"{anchor}/position"


def quote_selector_iri(anchor: str) -> str:
    """The text quote selector of an anchor."""
    return f"{anchor}/quote"


def mention_iri(insight: str, number: int) -> str:
    """The ``number``-th mention (1-based) in an insight."""
    return f"{insight}/mention/{number}"


def instrument_iri(report: str, label: str) -> str:
    """A policy instrument a report names, local to the report."""
    return f"{report}/instrument/{slug(label)}"


def figure_iri(insight: str, number: int) -> str:
    """The ``number``-th figure (1-based) in an insight."""
    return f"{insight}/figure/{number}"


def concept_link_iri(insight: str, kind: str, key: str) -> str:
    """An insight's qualified link to a concept (kind objective, principle or target)."""
    return f"{insight}/link/{kind}-{slug(key)}"


def reference_iri(insight: str, number: int) -> str:
    """The ``number``-th reference (1-based) an insight cites."""
    return f"{insight}/reference/{number}"


def mapping_iri(subject: str, target: str):
    """A mapping found between a migkg entity and an external item (``migkg link``): the
    same pair gives the same IRI."""
    return ID["mapping/" + hashlib.sha256(f"{subject}\n{target}".encode()).hexdigest()[:20]]
