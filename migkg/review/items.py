"""What a reviewer can decide on: every item the loader inferred, with its evidence.

Items, each named by the stable IRI the loader minted for it (see
:mod:`migkg.ontology.iris`: a report's nodes are numbered by kind and position, a link by
its insight and concept, so the same file gives the same IRIs on every ingest):

- ``level``: a practice's level (given by a sub-heading, or inferred: ``mkg:levelBasis``);
- ``category``: the challenge-category key a challenge's wording was mapped to;
- ``gcm-link``, ``principle-link``, ``sdg-link``: an inferred link of one insight to a
  GCM objective, guiding principle or SDG target (``mkg:basis`` inferred; explicit
  references, named in the text, are not listed);
- ``section``: a template section whose heading was read with a confidence below
  :data:`SECTION_THRESHOLD`;
- ``entity``: a mention of an actor or region outside the registry.

Each comes with the text it rests on (the insight's text, the heading, the name as
written), the loader's reason and confidence where it records one, and the characters
of the source's normalised text it covers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from migkg.ontology.namespaces import GCM, MKG, SDG

from ..store import REPORT_PREFIX, Store
from . import choices

SECTION_THRESHOLD = 0.9  # a heading read with less confidence is worth a look
KIND_ORDER = {kind: n for n, kind in enumerate(choices.KINDS)}

_PREFIXES = f"""PREFIX mkg: <{MKG}>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
_REPORTS = f'FILTER (STRSTARTS(STR(?report), "{REPORT_PREFIX}"))'
_POSITION = """OPTIONAL { GRAPH ?report { ?{node} mkg:anchor ?anchor . ?anchor oa:hasSelector ?sel .
              ?sel a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end } }"""

_QUERIES = {
    "level": f"""{_PREFIXES}
SELECT ?report ?item ?current ?basis ?reason ?text ?start ?end WHERE {{
  GRAPH ?report {{ ?item a mkg:Practice ; mkg:text ?text . }}
  {_REPORTS}
  OPTIONAL {{ GRAPH ?report {{ ?item mkg:level ?current }} }}
  OPTIONAL {{ GRAPH ?report {{ ?item mkg:levelBasis ?basis }} }}
  OPTIONAL {{ GRAPH ?report {{ ?item mkg:levelEvidence ?reason }} }}
  {_POSITION.replace("?{node}", "?item")}
}}""",
    "category": f"""{_PREFIXES}
SELECT ?report ?item ?current ?basis ?reason ?text ?start ?end WHERE {{
  GRAPH ?report {{ ?item a mkg:Challenge ; mkg:text ?text . }}
  {_REPORTS}
  OPTIONAL {{ GRAPH ?report {{ ?item mkg:category ?current }} }}
  OPTIONAL {{ GRAPH ?report {{ ?item mkg:categoryBasis ?basis }} }}
  OPTIONAL {{ GRAPH ?report {{ ?item mkg:categoryEvidence ?reason }} }}
  {_POSITION.replace("?{node}", "?item")}
}}""",
    "link": f"""{_PREFIXES}
SELECT ?report ?item ?current ?confidence ?text ?start ?end
       (GROUP_CONCAT(?e; SEPARATOR = "; ") AS ?reason) WHERE {{
  GRAPH ?report {{
    ?insight mkg:qualifiedLink ?item ; mkg:text ?text .
    ?item mkg:linkedConcept ?current ; mkg:confidence ?confidence ;
          mkg:basis <https://w3id.org/migkg/vocab/basis/inferred> .
  }}
  {_REPORTS}
  OPTIONAL {{ GRAPH ?report {{ ?item mkg:evidence ?e }} }}
  {_POSITION.replace("?{node}", "?insight")}
}} GROUP BY ?report ?item ?current ?confidence ?text ?start ?end""",
    "section": f"""{_PREFIXES}
SELECT ?report ?item ?current ?confidence ?reason ?text ?type WHERE {{
  GRAPH ?report {{
    ?item a mkg:Section ; mkg:readingConfidence ?confidence ; mkg:status ?current ;
          mkg:sectionType ?type .
  }}
  {_REPORTS}
  FILTER (?confidence < {SECTION_THRESHOLD})
  OPTIONAL {{ GRAPH ?report {{ ?item mkg:heading ?text }} }}
  OPTIONAL {{ GRAPH ?report {{ ?item mkg:readingEvidence ?reason }} }}
}}""",
    "entity": f"""{_PREFIXES}
SELECT ?report ?item ?current ?text ?reason ?start ?end WHERE {{
  GRAPH ?report {{
    ?item a mkg:Mention ; oa:hasBody ?body ; mkg:surfaceForm ?text ; mkg:mentionKind ?kind .
    ?body a ?class .
    FILTER (?class IN (mkg:Actor, mkg:Region))
  }}
  {_REPORTS}
  OPTIONAL {{ GRAPH ?report {{ ?body rdfs:label ?current }} }}
  OPTIONAL {{ GRAPH ?report {{ ?item oa:hasTarget ?anchor . ?anchor oa:hasSelector ?sel .
              ?sel oa:start ?start ; oa:end ?end }} }}
  BIND (CONCAT(STR(?kind), " outside the registry") AS ?reason)
}}""",
}


@dataclass(frozen=True)
class Item:
    """One reviewable item: ``current`` is its value in the kind's controlled list ('' for
    none; for an entity, its name as written), ``text`` the text it rests on."""

    item: str
    kind: str
    report: str
    current: str
    confidence: str  # the loader's confidence (0-1) as written in the graph; '' if none
    text: str
    reason: str = ""  # why the loader decided so (its evidence)
    basis: str = ""  # explicit or inferred, where the graph says
    start: int | None = None  # characters of the source's normalised text
    end: int | None = None

    def sort_key(self) -> tuple:
        """Lowest confidence first: an inferred item the loader gives no number for
        (it knows least), then by confidence, then items read from the text's own words
        (explicit basis, no number); ties by report, kind and IRI."""
        if self.confidence:
            rank, value = 1, float(self.confidence)
        else:
            rank, value = (2, 0.0) if self.basis == "explicit" else (0, 0.0)
        return (rank, value, self.report, KIND_ORDER[self.kind], self.item)


def _link_kind(concept: str) -> str:
    if concept.startswith(str(GCM) + "objective/"):
        return "gcm-link"
    if concept.startswith(str(GCM) + "principle/"):
        return "principle-link"
    if concept.startswith(str(SDG)):
        return "sdg-link"
    return ""


def collect(store: Store, report: str | None = None,
            reports: Iterable[str] | None = None) -> list[Item]:
    """Every reviewable item of the store (or of one report IRI, or of the ``reports``
    named), lowest confidence first."""
    found: list[Item] = []
    dataset = None
    if reports is not None:
        wanted = sorted(set(reports))
        if not wanted:
            return []
        # Those reports' graphs as the only named graphs the queries see: the store then
        # never walks the others (a VALUES block on ?report does not stop it).
        dataset = ([], wanted)
    for name, query in _QUERIES.items():
        result = store.select(query, dataset=dataset)
        for row in result.rows:
            cell = dict(zip(result.columns, row, strict=True))
            if report and cell["report"] != report:
                continue
            kind = _link_kind(cell["current"] or "") if name == "link" else name
            if not kind:
                continue
            current = cell["current"] or ""
            if kind != "entity":
                current = choices.value_of(kind, current)
            basis = (cell.get("basis") or "").rsplit("/", 1)[-1]
            found.append(Item(
                item=cell["item"], kind=kind, report=cell["report"], current=current,
                confidence=str(cell.get("confidence") or ""), text=cell.get("text") or "",
                reason=cell.get("reason") or "",
                basis="inferred" if name in ("link", "entity") else basis,
                start=_int(cell.get("start")), end=_int(cell.get("end"))))
    unique = {(i.item, i.kind): i for i in found}  # an anchor with two selectors: once
    return sorted(unique.values(), key=Item.sort_key)


def _int(value: str | None) -> int | None:
    return int(value) if value not in (None, "") else None
