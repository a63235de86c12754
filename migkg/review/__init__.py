"""Human review of what the loader inferred (``migkg review``).

The loader's report graphs are never changed. A reviewer's decisions live in a review
graph of their own (:data:`DECISIONS_GRAPH`, PROV: who decided, when, on which item and
the text it rests on, with what outcome); the decisions that still apply to the store's
items are materialised in :data:`REVIEWED_GRAPH` (one ``mkg:reviewOutcome`` per item and,
for a correction, its ``mkg:reviewedValue``), which the named queries consult by default.

One module per concept: :mod:`.items` (what can be reviewed, the queue), :mod:`.choices`
(the controlled lists a correction picks from), :mod:`.decisions` (the decisions file:
read, check, write), :mod:`.record` (the review graph), :mod:`.view` (the reviewed
view), :mod:`.page` (the HTML page), :mod:`.measure` (the loader scored against them).
"""

from __future__ import annotations

from migkg.ontology.namespaces import GRAPH

DECISIONS_GRAPH = str(GRAPH) + "review"
REVIEWED_GRAPH = str(GRAPH) + "reviewed"
# What a query reads instead of REVIEWED_GRAPH with --param reviewed=false: no such graph.
UNREVIEWED_GRAPH = str(GRAPH) + "reviewed-off"

COLUMNS = ("item", "kind", "report", "current", "confidence", "evidence", "decision",
           "value")
DECISIONS = ("accept", "correct", "reject")
OUTCOMES = {"accept": "accepted", "correct": "corrected", "reject": "rejected"}
