"""``migkg export --mappings FILE``: every cross-link of the store as an SSSOM table.

The links are read from the store: the ``skos:exactMatch`` links of the shipped
vocabularies (countries and registry actors to Wikidata, GCM principles to the Migration
Network Hub; confirmed by the reference data, so ``semapv:ManualMappingCuration``), their
``skos:closeMatch`` links to the alias items the reference names (Q55 for NLD), and the
candidate mappings ``migkg link wikidata`` found (``semapv:LexicalMatching``, with the
matched name). The table is built with the sssom library's own model (``sssom_schema``
``Mapping`` and ``MappingSet``, sssom's ``MappingSetDataFrame``), validated by sssom's
validator and written by its TSV writer, rows sorted: the same store gives the same bytes.

sssom is an optional dependency (extra ``mappings``): without it this export is one clear
error, and nothing else needs it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

from migkg.ontology.namespaces import BASE, GCM, GRAPH, ID, SDG, VOCAB, WD, WIKIDATA_LINKS_GRAPH

from .store import Store, StoreError

MAPPING_SET_ID = BASE + "mappings"
# The CURIE prefixes of the table (SSSOM requires every identifier to be a CURIE).
PREFIX_MAP: dict[str, str] = {
    "migkg": str(ID),
    "migkggcm": str(GCM),
    "migkgvocab": str(VOCAB),
    "sdg": str(SDG),
    "wikidata": str(WD),
    "unnethub": "https://migrationnetwork.un.org/taxonomy/term/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "semapv": "https://w3id.org/semapv/vocab/",
}
_QUERY = f"""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX sssom: <https://w3id.org/sssom/>
SELECT ?subject ?predicate ?object ?graph ?matched ?label
WHERE {{
  {{
    VALUES ?predicate {{ skos:exactMatch skos:closeMatch }}
    GRAPH ?graph {{ ?subject ?predicate ?object }}
    FILTER (STRSTARTS(STR(?graph), "{GRAPH}vocab/"))
  }} UNION {{
    GRAPH <{WIKIDATA_LINKS_GRAPH}> {{
      ?m owl:annotatedSource ?subject ;
         owl:annotatedProperty ?predicate ;
         owl:annotatedTarget ?object .
      OPTIONAL {{ ?m sssom:match_string ?matched }}
    }}
    BIND (<{WIKIDATA_LINKS_GRAPH}> AS ?graph)
  }}
  OPTIONAL {{
    SELECT ?subject (SAMPLE(?pref) AS ?label)
    WHERE {{ ?subject skos:prefLabel ?pref FILTER (LANGMATCHES(LANG(?pref), "en")) }}
    GROUP BY ?subject
  }}
}}"""


@dataclass(frozen=True)
class CrossLink:
    """One link of the store: subject, predicate (skos:exactMatch or skos:closeMatch)
    and object IRIs, the graph that states it, the name that was matched (candidates
    only) and the subject's English label."""

    subject: str
    predicate: str
    object: str
    graph: str
    matched: str | None
    label: str | None

    @property
    def confirmed(self) -> bool:
        return self.graph != str(WIKIDATA_LINKS_GRAPH)


def cross_links(store: Store) -> list[CrossLink]:
    """Every cross-link of the store, sorted by subject and object."""
    result = store.select(_QUERY)
    links = {CrossLink(*(None if v is None else str(v) for v in row)) for row in result.rows}
    return sorted(links, key=lambda link: (link.subject, link.predicate, link.object,
                                           link.graph))


def curie(iri: str) -> str:
    """``iri`` as a CURIE of :data:`PREFIX_MAP` (the longest namespace that fits)."""
    best = max((ns for ns in PREFIX_MAP.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        raise StoreError(f"{iri}: no CURIE prefix for this IRI in the SSSOM table")
    prefix = next(p for p, ns in PREFIX_MAP.items() if ns == best)
    return f"{prefix}:{iri[len(best):]}"


def _sssom():
    try:
        import sssom_schema
        from sssom.util import MappingSetDataFrame
        from sssom.validators import validate
        from sssom.writers import write_table
    except ImportError:
        raise StoreError('export --mappings needs the sssom library: pip install '
                         '"migkg[mappings]"', code=2) from None
    return sssom_schema, MappingSetDataFrame, validate, write_table


def mapping_set(store: Store, *, license_iri: str):
    """The store's cross-links as an sssom_schema ``MappingSet``."""
    schema, *_ = _sssom()
    mappings = []
    for link in cross_links(store):
        fields = {"subject_id": curie(link.subject), "predicate_id": curie(link.predicate),
                  "object_id": curie(link.object)}
        if link.label:
            fields["subject_label"] = link.label
        if link.confirmed:
            fields["mapping_justification"] = "semapv:ManualMappingCuration"
            what = "confirmed by the reference data" if link.predicate.endswith("exactMatch") \
                else "an alias item the reference data names (close, not the same entity)"
            fields["comment"] = f"{what}; stated in {link.graph.removeprefix(str(GRAPH))}"
        else:
            fields["mapping_justification"] = "semapv:LexicalMatching"
            fields["comment"] = "candidate found by migkg link wikidata; not confirmed"
            fields["mapping_tool"] = "migkg link wikidata"
            if link.matched:
                fields["match_string"] = [link.matched]
        mappings.append(schema.Mapping(**fields))
    return schema.MappingSet(mapping_set_id=MAPPING_SET_ID, license=license_iri,
                             mapping_set_version=_version(),
                             mapping_set_description="Cross-links of the migkg knowledge "
                             "graph: its countries, registry actors and vocabulary "
                             "concepts to external datasets.",
                             mappings=mappings)


def sssom_table(store: Store, *, license_iri: str) -> bytes:
    """The SSSOM TSV of the store's cross-links, validated by sssom (a StoreError lists
    the first problem it finds)."""
    _, frame_class, validate, write_table = _sssom()
    import curies

    converter = curies.Converter.from_prefix_map(PREFIX_MAP)
    frame = frame_class.from_mapping_set(mapping_set(store, license_iri=license_iri),
                                         converter=converter)
    problems = validation_problems(frame, validate)
    if problems:
        raise StoreError(f"the SSSOM table does not validate: {problems[0]}")
    out = io.StringIO()
    write_table(frame, out, sort=True)
    return out.getvalue().encode("utf-8")


def validation_problems(frame, validate=None) -> list[str]:
    """The messages of sssom's own validators (JSON schema, prefixes in the CURIE map,
    CURIE format) for a MappingSetDataFrame; empty when it validates."""
    if validate is None:
        validate = _sssom()[2]
    reports = validate(frame, fail_on_error=False)
    return [str(getattr(result, "message", result)) for report in reports.values()
            for result in getattr(report, "results", [])]


def _version() -> str:
    try:
        return version("migkg")
    except PackageNotFoundError:
        return "0+unknown"
