#!/usr/bin/env python3
"""Generate the shipped vocabularies in ``ontology/vocab/`` from the shared reference data.

Usage::

    python scripts/build_vocab.py [--reference DIR] [--out DIR] [--check]

``--reference`` defaults to ``../shared/reference`` next to the repository root, ``--out`` to
``ontology/vocab``. ``--check`` writes nothing and exits 1 when a shipped file is out of date.

Inputs: the JSON/CSV files of the reference folder, the ISO 3166-1 table and its French
gettext catalogue from ``pycountry`` (both shipped inside the package, so no network), and
the project's own data in ``scripts/data/`` (controlled lists, verified French GCM titles,
name aliases, the event catalogue). Outputs: ``gcm.ttl``, ``sdg.ttl``, ``actors.ttl``,
``countries.ttl``, ``schemes.ttl``, ``events.ttl``.

Rules this generator enforces:

* Wikidata links (``skos:exactMatch wd:Q...``) only where the reference confirms them.
  - Actors (recs.json, rcps.json, orgs.json): ``wikidata.status == "confirmed"`` with a QID.
    "conflicting" (UNHCR) and "unconfirmed" give no link; QIDs under ``related`` are not
    attached to the parent body.
  - Countries (country_wikidata.csv): a row counts as confirmed when its ``confirmed_by``
    column is non-empty, i.e. at least one source other than ``source_url`` gives the same
    QID (two of the three independent sources agree). Single-source rows (only ``CHI``,
    which is not ISO 3166-1 anyway) get no link. The README's alias QIDs (Q55 for NLD...)
    are matching hints, not identities: ``skos:closeMatch``
    (``scripts/data/country_wikidata_aliases.csv``), never ``skos:exactMatch``.
* GCM objectives and principles carry ``skos:exactMatch`` to the Migration Network Hub's
  taxonomy terms only where the reference gives a ``hub_iri`` (so far the principle
  People-centred); SDG goals and targets are the UN's own IRIs.
* Nothing marked unconfirmed becomes an assertion of fact: the editorial GCM-to-SDG mapping
  is written as ``mkg:suggestedTarget`` (a candidate for linking, not a claim); paraphrases
  are ``skos:definition``, never ``skos:prefLabel``; free-text membership strings of
  processes ("approx. 50 states (general knowledge)") give no ``org:hasMember``; French GCM
  titles are included only where ``scripts/data/gcm_fr.csv`` records a source for them.
* Actor classes: AU-recognised RECs and the other regional organisations are
  ``mkg:RegionalEconomicCommunity`` (core.ttl widens it to comparable regional bodies),
  except where the registry says "not a REC" (OIC, OSCE); RCPs and inter-regional forums are
  ``mkg:RegionalConsultativeProcess`` and IRFs also ``mkg:InterRegionalForum``; the entries of
  ``global_processes`` are ``mkg:GlobalProcess``; orgs.json entries are
  ``mkg:InternationalOrganisation`` unless already a process (GFMD). A body in two registries
  (AU, EU) keeps both classes and merges its names.
* The labels of guiding principles (e)-(j), flagged "not re-read" in gcm_principles.json,
  are asserted because the UN Network on Migration Hub lists exactly these ten English labels.
* Determinism: graphs are serialised with rdflib's sorted "longturtle" writer, prefixes come
  from ``migkg.ontology.namespaces.PREFIXES``, headers carry no time stamp or absolute path, so the
  same inputs give byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import gettext
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pycountry
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from migkg.ontology.iris import (
    actor_iri,
    attribution_iri,
    basis_iri,
    challenge_category_iri,
    country_iri,
    gcm_objective_iri,
    gcm_principle_iri,
    level_iri,
    region_iri,
    sdg_iri,
    section_iri,
    slug,
    status_iri,
)
from migkg.ontology.namespaces import (
    GCM,
    ID,
    MKG,
    ORG,
    PREFIXES,
    SCHEMA,
    VOCAB,
    WD,
    vocab_graph,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = REPO_ROOT.parent / "shared" / "reference"
DEFAULT_OUT = REPO_ROOT / "ontology" / "vocab"
DATA = Path(__file__).resolve().parent / "data"

SDG_SCHEME = URIRef("http://metadata.un.org/sdg")
M49_SCHEME = VOCAB["m49"]
INCOME_SCHEME = VOCAB["income"]
DEVELOPMENT_SCHEME = VOCAB["development"]

# World Bank FY2026 thresholds (2024 GNI per capita, Atlas method), from
# README_classifications.md section 1; the labels are the Bank's exact wording.
INCOME_GROUPS: dict[str, str] = {
    "Low income": "FY2026 threshold: GNI per capita (Atlas method, 2024) of US$1,135 or less.",
    "Lower middle income": "FY2026 thresholds: GNI per capita (Atlas method, 2024) of "
                           "US$1,136 to 4,495.",
    "Upper middle income": "FY2026 thresholds: GNI per capita (Atlas method, 2024) of "
                           "US$4,496 to 13,935.",
    "High income": "FY2026 threshold: GNI per capita (Atlas method, 2024) above US$13,935.",
}

ORDINAL_WORDS = ("First Second Third Fourth Fifth Sixth Seventh Eighth Ninth Tenth Eleventh "
                 "Twelfth Thirteenth Fourteenth Fifteenth Sixteenth").split()

# Words that mark the Spanish alternative names in the registries; the registries give no
# language, and tagging "Mercado Común del Sur" as English would be wrong.
SPANISH_MARKERS = frozenset(
    "del sobre comunidad conferencia sistema mercado común integración suramericana "
    "migraciones migración proceso".split()
)


def log(message: str) -> None:
    print(f"build_vocab: {message}", file=sys.stderr)


# ---------------------------------------------------------------- reading inputs


def read_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def read_csv(path: Path) -> list[dict[str, str]]:
    # keep_default_na matters for pandas, not csv; plain csv keeps Namibia's "NA" as text.
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


# ---------------------------------------------------------------- graph helpers


def new_graph() -> Graph:
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def is_acronym(text: str) -> bool:
    """'UN DESA', 'CEN-SAD', 'PAFoM' are acronyms; 'UN Women', '5+5 Dialogue' are names."""
    tokens = text.split()
    if not tokens:
        return False
    for token in tokens:
        letters = [c for c in token if c.isalpha()]
        if not letters or sum(c.isupper() for c in letters) * 2 < len(letters):
            return False
    return True


def name_literal(text: str, default_lang: str = "en") -> Literal:
    """Acronyms carry no language; names get Spanish or the default language."""
    if is_acronym(text):
        return Literal(text)
    words = {w.casefold() for w in re.findall(r"\w+", text)}
    return Literal(text, lang="es" if words & SPANISH_MARKERS else default_lang)


def add_labels(
    graph: Graph,
    subject: Node,
    pref: Iterable[Literal] = (),
    alt: Iterable[Literal] = (),
    hidden: Iterable[Literal] = (),
) -> None:
    """Add SKOS labels keeping pref, alt and hidden disjoint and one prefLabel per language."""
    seen: set[Literal] = set()
    languages: set[str | None] = set()
    for literal in pref:
        if literal.language in languages:
            raise ValueError(f"{subject}: two prefLabels in language {literal.language!r}")
        languages.add(literal.language)
        seen.add(literal)
        graph.add((subject, SKOS.prefLabel, literal))
    for predicate, literals in ((SKOS.altLabel, alt), (SKOS.hiddenLabel, hidden)):
        for literal in literals:
            if str(literal) and literal not in seen:
                seen.add(literal)
                graph.add((subject, predicate, literal))


def add_concept(graph: Graph, iri: URIRef, scheme: URIRef, notation: str, top: bool = True) -> None:
    graph.add((iri, RDF.type, SKOS.Concept))
    graph.add((iri, SKOS.notation, Literal(notation)))
    graph.add((iri, SKOS.inScheme, scheme))
    if top:
        graph.add((iri, SKOS.topConceptOf, scheme))
        graph.add((scheme, SKOS.hasTopConcept, iri))


def add_scheme(graph: Graph, iri: URIRef, labels: dict[str, str], definition: str = "") -> None:
    graph.add((iri, RDF.type, SKOS.ConceptScheme))
    add_labels(graph, iri, pref=[Literal(text, lang=lang) for lang, text in labels.items()])
    if definition:
        graph.add((iri, SKOS.definition, Literal(definition, lang="en")))


def render(graph: Graph, sources: Iterable[str]) -> bytes:
    header = [
        "# Generated by scripts/build_vocab.py - do not edit by hand; change the inputs and",
        "# regenerate: python scripts/build_vocab.py --reference ../shared/reference",
        "# Inputs:",
        *(f"#   {source}" for source in sorted(set(sources))),
        "",
    ]
    body = graph.serialize(format="longturtle")
    return ("\n".join(header) + body.rstrip("\n") + "\n").encode("utf-8")


@dataclass
class Output:
    graph: Graph
    sources: list[str]


# ---------------------------------------------------------------- gcm.ttl


def variants(label: str) -> set[str]:
    """Spelling variants of a principle label for matching (hyphens, US spelling)."""
    forms = {label, re.sub(r"\s+approach$", "", label)}
    forms |= {f.replace("-", " ") for f in forms}
    forms |= {f.replace("centred", "centered") for f in forms}
    return forms


def build_gcm(reference: Path) -> Output:
    objectives = read_json(reference / "gcm_objectives.json")
    principles = read_json(reference / "gcm_principles.json")
    french = {int(row["number"]): row for row in read_csv(DATA / "gcm_fr.csv")}
    french_principles = {row["key"]: row for row in read_csv(DATA / "gcm_principles_fr.csv")}
    graph = new_graph()

    scheme = GCM["objectives"]
    add_scheme(
        graph, scheme,
        {"en": "Objectives of the Global Compact for Safe, Orderly and Regular Migration",
         "fr": "Objectifs du Pacte mondial pour des migrations sûres, ordonnées et régulières"},
        "The 23 objectives of the Compact (A/RES/73/195, paragraphs 17-39).",
    )
    numbers = sorted(int(o["number"]) for o in objectives["objectives"])
    if numbers != list(range(1, 24)):
        raise ValueError(f"gcm_objectives.json: expected objectives 1-23, got {numbers}")

    clusters: dict[str, list[int]] = {}
    for objective in objectives["objectives"]:
        number = int(objective["number"])
        iri = gcm_objective_iri(number)
        add_concept(graph, iri, scheme, str(number))
        fr = french.get(number, {})
        pref = [Literal(objective["official_title"], lang="en")]
        if fr.get("title_fr"):
            pref.append(Literal(fr["title_fr"], lang="fr"))
        alt = [Literal(objective["short_label"], lang="en")]
        if fr.get("short_fr"):
            alt.append(Literal(fr["short_fr"], lang="fr"))
        alt.append(Literal(f"Objective {number}", lang="en"))
        alt.append(Literal(f"Objectif {number}", lang="fr"))
        hidden = [Literal(k, lang="en") for k in objective["keywords_paraphrased"]]
        add_labels(graph, iri, pref, alt, hidden)
        for target in objective["suggested_sdg_targets"]:
            graph.add((iri, MKG.suggestedTarget, sdg_iri(target)))
        if objective.get("imrf2022_roundtable_cluster"):
            clusters.setdefault(objective["imrf2022_roundtable_cluster"], []).append(number)

    # IMRF 2022 round tables and the 2021 regional reviews grouped the objectives the same way;
    # a skos:Collection keeps the grouping without making clusters concepts of the scheme.
    for key, description in sorted(objectives.get("imrf_clusters", {}).items()):
        match = re.fullmatch(r"IMRF-RT(\d+)", key)
        if not match:
            raise ValueError(f"gcm_objectives.json: unexpected cluster key {key!r}")
        n = match.group(1)
        collection = GCM[f"cluster/{slug(key)}"]
        title, _, note = description.partition(" (")
        graph.add((collection, RDF.type, SKOS.Collection))
        graph.add((collection, SKOS.notation, Literal(key)))
        add_labels(
            graph, collection,
            pref=[Literal(title, lang="en")],
            hidden=[Literal(f"IMRF round table {n}", lang="en"),
                    Literal(f"Cluster {n}", lang="en")],
        )
        if note:
            graph.add((collection, SKOS.scopeNote, Literal(note.rstrip(")"), lang="en")))
        for number in clusters.get(key, []):
            graph.add((collection, SKOS.member, gcm_objective_iri(number)))

    scheme = GCM["principles"]
    add_scheme(
        graph, scheme,
        {"en": "Guiding principles of the Global Compact for Safe, Orderly and Regular Migration",
         "fr": "Principes directeurs du Pacte mondial pour des migrations sûres, ordonnées et "
               "régulières"},
        "The ten cross-cutting and interdependent guiding principles (A/RES/73/195, "
        "paragraph 15 (a)-(j)).",
    )
    keys = [p["key"] for p in principles["principles"]]
    if len(keys) != 10 or len(set(keys)) != 10:
        raise ValueError(f"gcm_principles.json: expected 10 distinct keys, got {keys}")
    for principle in principles["principles"]:
        iri = gcm_principle_iri(principle["key"])
        add_concept(graph, iri, scheme, principle["key"])
        # The Migration Network Hub's taxonomy term, only where the reference gives one
        # (People-centred); objectives and the other principles have none confirmed.
        if principle.get("hub_iri"):
            graph.add((iri, SKOS.exactMatch, URIRef(principle["hub_iri"])))
        pref = [Literal(principle["label"], lang="en")]
        if french_principles.get(principle["key"], {}).get("label_fr"):
            pref.append(Literal(french_principles[principle["key"]]["label_fr"], lang="fr"))
        hidden = [Literal(v, lang="en") for v in sorted(variants(principle["label"]))]
        add_labels(graph, iri, pref, hidden=hidden)
        graph.add((iri, SKOS.definition, Literal(principle["paraphrase"], lang="en")))
    return Output(graph, ["reference/gcm_objectives.json", "reference/gcm_principles.json",
                          "scripts/data/gcm_fr.csv", "scripts/data/gcm_principles_fr.csv"])


# ---------------------------------------------------------------- sdg.ttl


def target_goal(code: str) -> str:
    goal, _, part = code.partition(".")
    if not goal.isdigit() or not re.fullmatch(r"\d{1,2}|[a-z]", part):
        raise ValueError(f"not an SDG target code: {code!r}")
    return goal


def build_sdg(reference: Path) -> Output:
    data = read_json(reference / "sdg_targets.json")
    objectives = read_json(reference / "gcm_objectives.json")
    graph = new_graph()
    add_scheme(graph, SDG_SCHEME, {"en": "Sustainable Development Goals"},
               "Goals and targets of the 2030 Agenda; only the migration-related targets and the "
               "targets the GCM mapping refers to are described here.")
    for goal in data["goals"]:
        code = str(goal["goal"])
        iri = sdg_iri(code)
        if str(iri) != goal["iri"]:
            raise ValueError(f"sdg_targets.json: goal {code} IRI {goal['iri']} != {iri}")
        add_concept(graph, iri, SDG_SCHEME, code)
        add_labels(graph, iri, pref=[Literal(goal["short_name"], lang="en")],
                   alt=[Literal(f"SDG {code}", lang="en"), Literal(f"Goal {code}", lang="en")])

    def add_target(code: str) -> URIRef:
        goal = target_goal(code)
        iri = sdg_iri(code)
        add_concept(graph, iri, SDG_SCHEME, code, top=False)
        graph.add((iri, SKOS.broader, sdg_iri(goal)))
        graph.add((sdg_iri(goal), SKOS.narrower, iri))
        add_labels(graph, iri, pref=[Literal(f"Target {code}", lang="en")],
                   alt=[Literal(f"SDG target {code}", lang="en"),
                        Literal(f"SDG {code}", lang="en")])
        return iri

    listed: set[str] = set()
    for target in data["targets"]:
        code = target["target"]
        if str(sdg_iri(code)) != target["iri"] or str(target["goal"]) != target_goal(code):
            raise ValueError(f"sdg_targets.json: inconsistent entry for target {code}")
        iri = add_target(code)
        listed.add(code)
        graph.add((iri, SKOS.definition, Literal(target["paraphrase"], lang="en")))
        if target.get("migration_link"):
            graph.add((iri, SKOS.scopeNote, Literal(target["migration_link"], lang="en")))
        if target.get("group"):
            graph.add((iri, MKG.migrationRelevance, Literal(target["group"])))

    # Targets the GCM mapping points at but the reference does not describe still get a node,
    # so every mkg:suggestedTarget in gcm.ttl resolves.
    referenced = {t for o in objectives["objectives"] for t in o["suggested_sdg_targets"]}
    for code in sorted(referenced - listed):
        log(f"sdg: target {code} is suggested by the GCM mapping but not in sdg_targets.json; "
            "writing a label-only node")
        iri = add_target(code)
        graph.add((iri, SKOS.editorialNote, Literal(
            "Referenced by the GCM-SDG candidate mapping; not in the migration-related list.",
            lang="en")))
    # Every other official target gets a node too, so that a report naming any target of the
    # 2030 Agenda links to a concept of the scheme (and validation does not take it for an
    # invented one). The codes are the Agenda's own numbering (A/RES/70/1); the reference
    # describes only the migration-related targets, so these carry no text of their own.
    for code in all_target_codes():
        if code in listed or code in referenced:
            continue
        iri = add_target(code)
        graph.add((iri, SKOS.editorialNote, Literal(
            "Official target code; its text is not part of the migration-related reference.",
            lang="en")))
    return Output(graph, ["reference/sdg_targets.json", "reference/gcm_objectives.json"])


# Number of numbered targets and the letters of the means-of-implementation targets, per goal.
_SDG_TARGETS = {
    1: (5, "ab"), 2: (5, "abc"), 3: (9, "abcd"), 4: (7, "abc"), 5: (6, "abc"), 6: (6, "ab"),
    7: (3, "ab"), 8: (10, "ab"), 9: (5, "abc"), 10: (7, "abc"), 11: (7, "abc"),
    12: (8, "abc"), 13: (3, "ab"), 14: (7, "abc"), 15: (9, "abc"), 16: (10, "ab"),
    17: (19, ""),
}


def all_target_codes() -> list[str]:
    """The 169 target codes of the 2030 Agenda, in order."""
    codes = []
    for goal, (numbered, lettered) in _SDG_TARGETS.items():
        codes += [f"{goal}.{n}" for n in range(1, numbered + 1)]
        codes += [f"{goal}.{letter}" for letter in lettered]
    return codes


# ---------------------------------------------------------------- countries.ttl


def normalise(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


@dataclass
class CountryIndex:
    """English names (all label forms) to ISO3, for mapping member lists."""

    names: dict[str, str] = field(default_factory=dict)
    ambiguous: set[str] = field(default_factory=set)

    def add(self, name: str, iso3: str) -> None:
        key = normalise(name)
        if key in self.names and self.names[key] != iso3:
            self.ambiguous.add(key)
        self.names.setdefault(key, iso3)

    def lookup(self, name: str) -> str | None:
        key = normalise(name)
        return None if key in self.ambiguous else self.names.get(key)


def french_catalogue() -> gettext.GNUTranslations:
    # No fallback on purpose: English names silently tagged @fr would be wrong data.
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])


def build_countries(reference: Path) -> tuple[Output, CountryIndex]:
    m49_rows = read_csv(reference / "m49_regions.csv")
    m49 = {row["iso3"]: row for row in m49_rows if row["iso3"]}
    development = {row["iso3"]: row["developed_or_developing"]
                   for row in read_csv(reference / "developing_m49.csv")}
    income = {row["iso3"]: row["income_group"] for row in read_csv(reference / "income_groups.csv")}
    for iso3, group in income.items():
        if group and group not in INCOME_GROUPS:
            raise ValueError(f"income_groups.csv: unknown income group {group!r} for {iso3}")
    for iso3, status in development.items():
        if status and status not in ("Developed", "Developing"):
            raise ValueError(f"developing_m49.csv: unknown value {status!r} for {iso3}")
    wikidata = {row["iso3"]: row for row in read_csv(reference / "country_wikidata.csv")}
    wikidata_aliases: dict[str, list[str]] = {}
    for row in read_csv(DATA / "country_wikidata_aliases.csv"):
        wikidata_aliases.setdefault(row["iso3"], []).append(row["qid"])
    aliases: dict[str, list[tuple[str, str]]] = {}
    for row in read_csv(DATA / "country_aliases.csv"):
        aliases.setdefault(row["iso3"], []).append((row["lang"], row["alias"]))
    fr = french_catalogue()
    graph = new_graph()
    index = CountryIndex()

    iso3s = {c.alpha_3 for c in pycountry.countries}
    for name, table in (("m49_regions.csv", m49), ("developing_m49.csv", development),
                        ("income_groups.csv", income), ("country_wikidata.csv", wikidata),
                        ("country_aliases.csv", aliases)):
        for code in sorted(set(table) - iso3s):
            log(f"countries: {name} code {code} is not ISO 3166-1 alpha-3; skipped")

    def translated(text: str | None) -> str | None:
        if not text:
            return None
        result = fr.gettext(text)
        return result if result != text else None

    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        iso3 = country.alpha_3
        iri = country_iri(iso3)
        graph.add((iri, RDF.type, MKG.State))
        graph.add((iri, SKOS.notation, Literal(iso3)))
        graph.add((iri, MKG.iso2, Literal(country.alpha_2)))
        graph.add((iri, MKG.isoNumeric, Literal(country.numeric)))

        english = [getattr(country, "common_name", None), getattr(country, "official_name", None)]
        row = m49.get(iso3)
        if row and row["name"]:
            english.append(row["name"])
        english += [alias for lang, alias in aliases.get(iso3, []) if lang == "en"]
        french_alt = [translated(getattr(country, attribute, None))
                      for attribute in ("common_name", "official_name")]
        french_alt += [alias for lang, alias in aliases.get(iso3, []) if lang == "fr"]
        add_labels(
            graph, iri,
            pref=[Literal(country.name, lang="en"), Literal(fr.gettext(country.name), lang="fr")],
            alt=[Literal(n, lang="en") for n in english if n]
            + [Literal(n, lang="fr") for n in french_alt if n],
        )
        for name in [country.name, *(n for n in english if n)]:
            index.add(name, iso3)

        # Region, income group and development status are classifications with a source
        # and an edition each: they live in the classification graphs (build_classifications).
        if row:
            graph.add((iri, MKG.m49, Literal(row["m49_code"])))
        wd = wikidata.get(iso3)
        if wd and wd["iso2"] != country.alpha_2:
            raise ValueError(f"country_wikidata.csv: {iso3} iso2 {wd['iso2']} != {country.alpha_2}")
        if wd and wd["wikidata"] and wd["confirmed_by"]:
            graph.add((iri, SKOS.exactMatch, WD[wd["wikidata"]]))
        # The items the reference says to accept as aliases: close, not the same entity,
        # so a join on Wikidata's own "country" statements (Q55 for NLD) can still find them.
        for qid in wikidata_aliases.get(iso3, []):
            graph.add((iri, SKOS.closeMatch, WD[qid]))

    build_regions(graph, m49_rows)

    add_scheme(graph, INCOME_SCHEME,
               {"en": "World Bank income groups"},
               "The four income groups of the World Bank's classification of economies; each "
               "fiscal year's classification is a graph of its own (classifications.ttl). "
               "Economies the Bank left unclassified have no group.")
    for label, definition in INCOME_GROUPS.items():
        concept = VOCAB["income/" + slug(label)]
        add_concept(graph, concept, INCOME_SCHEME, slug(label))
        add_labels(graph, concept, pref=[Literal(label, lang="en")])
        graph.add((concept, SKOS.definition, Literal(definition, lang="en")))

    add_scheme(graph, DEVELOPMENT_SCHEME,
               {"en": "UN M49 developed / developing grouping"},
               "Historical grouping from the UNSD M49 table of 2019-2020; UNSD no longer "
               "publishes it and notes there is no UN-wide convention for these terms.")
    for label in ("Developed", "Developing"):
        concept = VOCAB["development/" + slug(label)]
        add_concept(graph, concept, DEVELOPMENT_SCHEME, slug(label))
        add_labels(graph, concept, pref=[Literal(label, lang="en")])

    sources = ["reference/m49_regions.csv", "reference/developing_m49.csv",
               "reference/income_groups.csv", "reference/country_wikidata.csv",
               "scripts/data/country_aliases.csv", "scripts/data/country_wikidata_aliases.csv",
               f"pycountry {pycountry_version()} (ISO 3166-1 and its French catalogue)"]
    return Output(graph, sources), index


def pycountry_version() -> str:
    from importlib.metadata import version

    return version("pycountry")


def build_regions(graph: Graph, rows: list[dict[str, str]]) -> None:
    regions: dict[str, tuple[str, str | None]] = {}
    for row in rows:
        parent: str | None = None
        for level in ("region", "sub_region", "intermediate_region"):
            code, name = row[f"{level}_code"], row[level]
            if not code:
                continue
            known = regions.setdefault(code, (name, parent))
            if known != (name, parent):
                raise ValueError(f"m49_regions.csv: region {code} has two names or parents: "
                                 f"{known} and {(name, parent)}")
            parent = code
    add_scheme(graph, M49_SCHEME, {"en": "UN M49 geographic regions"},
               "Regions, sub-regions and intermediate regions of the UNSD M49 standard.")
    for code, (name, parent) in sorted(regions.items()):
        iri = region_iri(code)
        graph.add((iri, RDF.type, MKG.Region))
        add_concept(graph, iri, M49_SCHEME, code, top=parent is None)
        graph.add((iri, MKG.m49, Literal(code)))
        add_labels(graph, iri, pref=[Literal(name, lang="en")])
        if parent:
            graph.add((iri, SKOS.broader, region_iri(parent)))
            graph.add((region_iri(parent), SKOS.narrower, iri))


# ---------------------------------------------------------------- actors.ttl

# Classes follow ontology/core.ttl: a REC there also covers comparable regional organisations
# (ASEAN, EU), an RCP also covers inter-regional forums, and a body listed both as a regional
# organisation and as an international one (AU, EU) gets both classes.
KIND_CLASSES: dict[str, URIRef] = {
    "rec": MKG.RegionalEconomicCommunity,
    "rcp": MKG.RegionalConsultativeProcess,
    "global-process": MKG.GlobalProcess,
    "organisation": MKG.InternationalOrganisation,
}
PROCESS_KINDS = frozenset({"rcp", "global-process"})


@dataclass
class ActorRecord:
    acronym: str
    kinds: list[str] = field(default_factory=list)
    interregional: bool = False
    names: list[str] = field(default_factory=list)
    names_fr: list[str] = field(default_factory=list)
    alt: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    qids: set[str] = field(default_factory=set)
    homepages: set[str] = field(default_factory=set)


def name_parts(name: str, acronyms: set[str]) -> list[str]:
    """Alternative forms hidden in a registry name: 'X (Y)' gives X and Y.

    Qualifiers are dropped ('(former)'), 'formerly Z' gives Z, and a parenthesised registry
    acronym ('(IOM)') is an affiliation rather than a name, so it is not kept.
    """
    match = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
    if not match:
        return [name]
    outer, inner = match.group(1).strip(), match.group(2).strip()
    if inner.casefold() in {"former", "former name"}:
        return [outer]
    if inner.casefold().startswith("formerly "):
        return [outer, inner[len("formerly "):]]
    if inner in acronyms:
        return [outer]
    return [outer, inner]


def build_actors(reference: Path, countries: CountryIndex) -> Output:
    recs = read_json(reference / "recs.json")
    rcps = read_json(reference / "rcps.json")
    orgs = read_json(reference / "orgs.json")
    entries: list[tuple[str, dict[str, Any]]] = (
        [("rec", e) for e in recs["au_recognised_recs"]]
        # The registry says of OIC and OSCE "not a REC": they stay international organisations.
        + [("organisation" if "not a REC" in e.get("region", "") else "rec", e)
           for e in recs["other_regional_organisations"]]
        + [("rcp", e) for e in rcps["processes"]]
        + [("global-process", e) for e in rcps["global_processes"]]
        + [("organisation", e) for e in orgs["organisations"]]
    )
    acronyms = {entry["acronym"] for _, entry in entries}
    records: dict[str, ActorRecord] = {}
    for kind, entry in entries:
        acronym = entry["acronym"]
        record = records.setdefault(acronym, ActorRecord(acronym))
        # orgs.json also lists GFMD, a state-led process rather than an organisation of States.
        redundant = kind == "organisation" and bool(PROCESS_KINDS & set(record.kinds))
        if not redundant and kind not in record.kinds:
            record.kinds.append(kind)
        if kind == "rcp" and str(entry.get("type", "")).startswith("IRF"):
            record.interregional = True
        record.names.append(entry["name"])
        if entry.get("name_fr"):
            record.names_fr.append(entry["name_fr"])
        record.alt += entry.get("alt_acronyms", []) + entry.get("alt_names", [])
        members = entry.get("members")
        if isinstance(members, list):
            record.members += members
        wikidata = entry.get("wikidata") or {}
        if wikidata.get("status") == "confirmed" and wikidata.get("qid"):
            record.qids.add(wikidata["qid"])
        if entry.get("homepage"):
            record.homepages.add(entry["homepage"])
    for row in read_csv(DATA / "actor_aliases.csv"):
        if row["acronym"] not in records:
            raise ValueError(f"actor_aliases.csv: unknown acronym {row['acronym']!r}")
        records[row["acronym"]].alt.append(row["alias"] if not row["lang"] else
                                           f"{row['lang']}\t{row['alias']}")

    slugs: dict[str, str] = {}
    for acronym in records:
        other = slugs.setdefault(slug(acronym), acronym)
        if other != acronym:
            raise ValueError(f"acronyms {other!r} and {acronym!r} give the same IRI")

    graph = new_graph()
    for acronym, record in sorted(records.items()):
        iri = actor_iri(acronym)
        if len(record.qids) > 1:
            raise ValueError(f"{acronym}: registries confirm different QIDs {sorted(record.qids)}")
        for kind in record.kinds:
            graph.add((iri, RDF.type, KIND_CLASSES[kind]))
        if record.interregional:
            graph.add((iri, RDF.type, MKG.InterRegionalForum))
        graph.add((iri, SKOS.notation, Literal(acronym)))

        pref = [Literal(record.names[0], lang="en")]
        if record.names_fr:
            pref.append(Literal(record.names_fr[0], lang="fr"))
        alt: list[Literal] = []
        if acronym != record.names[0]:
            alt.append(name_literal(acronym))
        for position, name in enumerate(record.names):
            if position and name != record.names[0]:
                alt.append(Literal(name, lang="en"))
            alt += [name_literal(part) for part in name_parts(name, acronyms) if part != name]
        alt += [Literal(name, lang="fr") for name in record.names_fr[1:]]
        for item in record.alt:
            lang, tab, text = item.partition("\t")
            if tab:
                alt.append(Literal(text, lang=lang))
                continue
            alt += [name_literal(part) for part in name_parts(item, acronyms)]
        add_labels(graph, iri, pref, alt)

        for member in record.members:
            iso3 = countries.lookup(member)
            if iso3 is None:
                log(f"actors: {acronym} member {member!r} not mapped to ISO 3166-1; left out")
                continue
            graph.add((iri, ORG.hasMember, country_iri(iso3)))
        for qid in record.qids:
            graph.add((iri, SKOS.exactMatch, WD[qid]))
        for homepage in record.homepages:
            graph.add((iri, SCHEMA.url, URIRef(homepage)))
    return Output(graph, ["reference/recs.json", "reference/rcps.json", "reference/orgs.json",
                          "scripts/data/actor_aliases.csv",
                          "scripts/data/country_aliases.csv and pycountry (member names)"])


# ---------------------------------------------------------------- schemes.ttl

SCHEME_IRIS: dict[str, Callable[[str], URIRef]] = {
    "section": section_iri,
    "status": status_iri,
    "level": level_iri,
    "attribution": attribution_iri,
    "basis": basis_iri,
}


def build_schemes(reference: Path) -> Output:
    lists = read_json(DATA / "controlled_lists.json")
    categories = read_json(reference / "challenge_categories.json")
    graph = new_graph()
    for scheme_data in lists["schemes"]:
        name = scheme_data["name"]
        scheme = VOCAB[name]
        add_scheme(graph, scheme, scheme_data["label"], scheme_data.get("definition", ""))
        for concept_data in scheme_data["concepts"]:
            key = concept_data["key"]
            iri = SCHEME_IRIS[name](key)
            if str(iri) != f"{scheme}/{key}":
                raise ValueError(f"{iri} is not inside scheme {scheme}")
            add_concept(graph, iri, scheme, key)
            add_labels(
                graph, iri,
                pref=[Literal(text, lang=lang) for lang, text in concept_data["pref"].items()],
                alt=[Literal(text, lang=lang)
                     for lang, texts in concept_data.get("alt", {}).items() for text in texts],
            )
            if concept_data.get("definition"):
                graph.add((iri, SKOS.definition, Literal(concept_data["definition"], lang="en")))
        if scheme_data.get("ordered"):
            # The template's own order (section 1 to 6) as a SKOS ordered collection, read
            # by migkg.ontology.template; the JSON lists the concepts in that order.
            order = VOCAB[name + "-order"]
            graph.add((order, RDF.type, SKOS.OrderedCollection))
            add_labels(graph, order, pref=[Literal(t, lang=lang)
                                           for lang, t in scheme_data["order_label"].items()])
            members = [SCHEME_IRIS[name](c["key"]) for c in scheme_data["concepts"]]
            head = BNode()
            Collection(graph, head, members)
            graph.add((order, SKOS.memberList, head))

    scheme = VOCAB["challenge-category"]
    add_scheme(graph, scheme, {"en": "Challenge categories", "fr": "Catégories de défis"},
               "A small scheme that makes challenges from different reports comparable; a "
               "report's own parent wording is mapped to one of these keys.")
    keys = [c["key"] for c in categories["categories"]]
    if len(set(keys)) != len(keys):
        raise ValueError(f"challenge_categories.json: duplicate keys in {keys}")
    for category in categories["categories"]:
        iri = challenge_category_iri(category["key"])
        add_concept(graph, iri, scheme, category["key"])
        add_labels(
            graph, iri,
            pref=[Literal(category["label"], lang="en"), Literal(category["label_fr"], lang="fr")],
            # The wordings mix languages and the reference does not say which is which.
            hidden=[Literal(w) for w in category.get("example_wordings", [])],
        )
        graph.add((iri, SKOS.scopeNote, Literal(category["scope"], lang="en")))
    return Output(graph, ["reference/challenge_categories.json",
                          "scripts/data/controlled_lists.json"])


# ---------------------------------------------------------------- events.ttl


def build_events() -> Output:
    graph = new_graph()
    iso3s = {c.alpha_3 for c in pycountry.countries}
    seen: set[URIRef] = set()
    for row in read_csv(DATA / "events.csv"):
        year = int(row["year"])
        iri = ID[f"event/{slug(row['key'])}-{year}"]
        if iri in seen:
            raise ValueError(f"events.csv: duplicate event {iri}")
        seen.add(iri)
        graph.add((iri, RDF.type, MKG.Event))
        graph.add((iri, RDFS.label, Literal(row["name"], lang="en")))
        graph.add((iri, MKG.series, Literal(row["series"])))
        if row["ordinal"]:
            ordinal = int(row["ordinal"])
            graph.add((iri, MKG.ordinal, Literal(ordinal, datatype=XSD.integer)))
            if not row["name"].startswith(ORDINAL_WORDS[ordinal - 1] + " "):
                raise ValueError(f"events.csv: {row['name']!r} does not match ordinal {ordinal}")
        if row["location"]:
            graph.add((iri, SCHEMA.location, Literal(row["location"])))
        if row["host_iso3"]:
            if row["host_iso3"] not in iso3s:
                raise ValueError(f"events.csv: unknown host country {row['host_iso3']!r}")
            graph.add((iri, MKG.hostCountry, country_iri(row["host_iso3"])))
        start = date.fromisoformat(row["start_date"]) if row["start_date"] else None
        end = date.fromisoformat(row["end_date"]) if row["end_date"] else None
        for predicate, day in ((SCHEMA.startDate, start), (SCHEMA.endDate, end)):
            if day:
                if day.year != year:
                    raise ValueError(f"events.csv: {iri} date {day} outside {year}")
                graph.add((iri, predicate, Literal(day.isoformat(), datatype=XSD.date)))
        if start and end and end < start:
            raise ValueError(f"events.csv: {iri} ends before it starts")
        add_labels(graph, iri, alt=[Literal(a, lang="en") for a in row["alt_labels"].split("|")
                                    if a])
    return Output(graph, ["scripts/data/events.csv"])


# ---------------------------------------------------------------- classification-*.ttl

GLOBAL_SOUTH_SCHEME = VOCAB["global-south"]
DCAT_VERSION = URIRef(str(DCAT) + "version")  # DCAT 3; rdflib's DCAT namespace predates it


def global_south_iri(key: str) -> URIRef:
    return VOCAB["global-south/" + key]


def _assignments(reference: Path, entry: dict[str, Any],
                 built: dict[str, dict[str, list[URIRef]]]) -> dict[str, list[URIRef]]:
    """ISO3 -> the concepts one classification assigns (kind says which reference file)."""
    kind = entry["kind"]
    iso3s = {c.alpha_3 for c in pycountry.countries}
    result: dict[str, list[URIRef]] = {}
    if kind == "m49-regions":
        for row in read_csv(reference / "m49_regions.csv"):
            codes = [row[f"{level}_code"] for level in ("region", "sub_region",
                                                        "intermediate_region")]
            result[row["iso3"]] = [region_iri(code) for code in codes if code]
    elif kind == "m49-development":
        for row in read_csv(reference / "developing_m49.csv"):
            if row["developed_or_developing"]:
                result[row["iso3"]] = [VOCAB["development/" + slug(row["developed_or_developing"])]]
    elif kind == "wb-income":
        for row in read_csv(reference / "income_groups.csv"):
            if row["income_group"]:
                result[row["iso3"]] = [VOCAB["income/" + slug(row["income_group"])]]
    elif kind == "wb-income-changes":
        result = dict(built[entry["revision_of"]])
        for row in read_csv(reference / "income_groups_fy2027_changes.csv"):
            before = VOCAB["income/" + slug(row["income_group_fy2026"])]
            if result.get(row["iso3"]) != [before]:
                raise ValueError(f"income_groups_fy2027_changes.csv: {row['iso3']} was not "
                                 f"{row['income_group_fy2026']!r} in FY2026")
            if row["income_group_fy2027"] not in INCOME_GROUPS:
                raise ValueError(f"income_groups_fy2027_changes.csv: unknown group "
                                 f"{row['income_group_fy2027']!r}")
            result[row["iso3"]] = [VOCAB["income/" + slug(row["income_group_fy2027"])]]
        # FY2026 left Ethiopia unclassified "temporarily" and the FY2027 change list does
        # not cover it: carrying FY2026's silence over is all the sources allow.
    elif kind == "global-south":
        south = {VOCAB["development/developing"], VOCAB["income/low-income"],
                 VOCAB["income/lower-middle-income"], VOCAB["income/upper-middle-income"]}
        concept = global_south_iri(entry["concept"])
        result = {iso3: [concept] for iso3, values in built[entry["from"]].items()
                  if south & set(values)}
    else:
        raise ValueError(f"classifications.json: unknown kind {kind!r}")
    for code in sorted(set(result) - iso3s):
        del result[code]  # XKX, CHI, TWN-like codes: the countries vocabulary has no node
    return result


CLASSIFICATION_PROPERTIES: dict[str, URIRef] = {
    "m49": MKG.inRegion,
    "development": MKG.developmentStatus,
    "income": MKG.incomeGroup,
    "global-south": MKG.inGlobalSouth,
}


def build_classifications(reference: Path) -> dict[str, Output]:
    """One graph per classification edition, and classifications.ttl describing them all
    (DCAT datasets with their source, edition, period and PROV derivation) together with
    the Global South scheme and its two definitions."""
    data = read_json(DATA / "classifications.json")
    outputs: dict[str, Output] = {}
    built: dict[str, dict[str, list[URIRef]]] = {}
    catalog = new_graph()
    catalog_iri = vocab_graph("classifications")
    catalog.add((catalog_iri, RDF.type, DCAT.Catalog))
    catalog.add((catalog_iri, DCTERMS.title, Literal(data["catalog"]["title"], lang="en")))
    catalog.add((catalog_iri, DCTERMS.description,
                 Literal(data["catalog"]["description"], lang="en")))
    for entry in data["classifications"]:
        name = entry["name"]
        iri = vocab_graph(name)
        catalog.add((catalog_iri, DCAT.dataset, iri))
        catalog.add((iri, RDF.type, DCAT.Dataset))
        catalog.add((iri, RDF.type, PROV.Entity))
        catalog.add((iri, DCTERMS.title, Literal(entry["title"], lang="en")))
        catalog.add((iri, DCTERMS.description, Literal(entry["description"], lang="en")))
        catalog.add((iri, DCAT_VERSION, Literal(entry["version"])))
        catalog.add((iri, DCTERMS.source, URIRef(entry["source"])))
        for origin in entry["derived_from"]:
            catalog.add((iri, PROV.wasDerivedFrom, URIRef(origin)))
        if entry.get("issued"):
            catalog.add((iri, DCTERMS.issued, Literal(entry["issued"], datatype=XSD.date)))
        if entry.get("start"):
            # The validity of an edition, as DCAT describes a dataset's temporal coverage.
            period = URIRef(f"{iri}#validity")
            catalog.add((iri, DCTERMS.temporal, period))
            catalog.add((period, RDF.type, DCTERMS.PeriodOfTime))
            catalog.add((period, DCAT.startDate, Literal(entry["start"], datatype=XSD.date)))
            catalog.add((period, DCAT.endDate, Literal(entry["end"], datatype=XSD.date)))
        if entry.get("revision_of"):
            catalog.add((iri, PROV.wasRevisionOf, vocab_graph(entry["revision_of"])))
        if entry.get("from"):
            catalog.add((iri, PROV.wasDerivedFrom, vocab_graph(entry["from"])))
        if entry["kind"] == "registry":
            continue  # the graph exists already (actors.ttl); only its description is new
        catalog.add((iri, DCTERMS.conformsTo, VOCAB[entry["scheme"]]))
        assigned = _assignments(reference, entry, built)
        built[name] = assigned
        graph = new_graph()
        predicate = CLASSIFICATION_PROPERTIES[entry["scheme"]]
        for iso3, concepts in sorted(assigned.items()):
            for concept in concepts:
                graph.add((country_iri(iso3), predicate, concept))
        sources = [entry["input"], "scripts/data/classifications.json"]
        outputs[name] = Output(graph, sources)

    south = data["global_south"]
    add_scheme(catalog, GLOBAL_SOUTH_SCHEME, {"en": south["label"]}, south["definition"])
    for concept_data in south["concepts"]:
        concept = global_south_iri(concept_data["key"])
        add_concept(catalog, concept, GLOBAL_SOUTH_SCHEME, concept_data["key"])
        add_labels(catalog, concept, pref=[Literal(concept_data["label"], lang="en")])
        catalog.add((concept, SKOS.definition, Literal(concept_data["definition"], lang="en")))
        catalog.add((concept, DCTERMS.source, URIRef(concept_data["source"])))
    outputs["classifications"] = Output(catalog, ["scripts/data/classifications.json"])
    return outputs


# ---------------------------------------------------------------- main


def build_all(reference: Path) -> dict[str, bytes]:
    countries, index = build_countries(reference)
    outputs = {
        **build_classifications(reference),
        "gcm": build_gcm(reference),
        "sdg": build_sdg(reference),
        "countries": countries,
        "actors": build_actors(reference, index),
        "schemes": build_schemes(reference),
        "events": build_events(),
    }
    return {name: render(o.graph, o.sources) for name, o in outputs.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE,
                        help="folder with the shared reference data (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="folder to write the .ttl files into (default: %(default)s)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a file in --out differs")
    args = parser.parse_args(argv)
    if not args.reference.is_dir():
        parser.error(f"reference folder not found: {args.reference}")
    files = build_all(args.reference)
    stale = []
    for name, content in sorted(files.items()):
        path = args.out / f"{name}.ttl"
        if args.check:
            if not path.is_file() or path.read_bytes() != content:
                stale.append(path.name)
            continue
        args.out.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    if stale:
        log("out of date: " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
