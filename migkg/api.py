"""The Python API for notebooks and scripts: ``db = migkg.open(store)``.

One :class:`Database` object ingests, validates, runs SPARQL and named queries; the
command line uses the same object, so a notebook and ``migkg query`` give the same rows.
Errors are the kernel's own exceptions: :class:`~migkg.querying.QueryError` for a wrong
query or parameter, :class:`~migkg.store.StoreError` for a store that cannot be used,
:class:`~migkg.sparql_guard.GuardError` for a query refused before it runs.

Example::

    import migkg
    with migkg.open("migkg-store") as db:
        db.ingest("reports/")
        rows = db.query("gcm-coverage", event="GFMD 2018")
        frame = db.frame("challenges", year=2021)   # needs pandas (extra 'notebook')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import querying
from .output import json_value, reorder
from .sparql_guard import check_query, variables_in_order
from .store import QueryResult, Store, default_location, open_store

if TYPE_CHECKING:
    from .ingest import IngestResult
    from .linking import LinkResult
    from .validation import ValidationOutcome
    from .validation_run import Run
    from .workers import Budget


@dataclass
class Answer:
    """What a SPARQL query gave: ``form`` is select, ask, construct or describe."""

    form: str
    result: QueryResult | None = None  # select
    boolean: bool | None = None  # ask
    ntriples: str | None = None  # construct, describe: sorted N-Triples lines


class Database:
    """A store opened for analysis; use as a context manager or call :meth:`close`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- loading and checking ---------------------------------------------------------
    def ingest(self, *paths: str | Path, event: str | None = None, date: str | None = None,
               strict: bool = False, workers: int | None = None,
               budget: Budget | None = None,
               progress: Callable[[int, int], None] | None = None) -> IngestResult:
        """Load report files or folders; gives the IngestResult (``loaded``, ``errors``,
        ``warnings``: nothing that failed is hidden, check ``errors``). ``budget`` bounds
        each file's time and memory; ``progress(done, total)`` is called as files finish."""
        from .ingest import ingest

        return ingest(self.store, [Path(p) for p in paths], event=event, when=date,
                      strict=strict, workers=workers, budget=budget, progress=progress)

    def validate(self, report: str | None = None, *, engine: str = "sparql",
                 everything: bool = False, keep: bool = True,
                 only: Iterable[str] | None = None) -> ValidationOutcome:
        """SHACL completeness of every report (or one: IRI or file name); gives the
        ValidationOutcome (``conforms``, ``findings``; see ``migkg validate``). Only
        reports without current kept results are checked again unless ``everything``;
        ``engine`` is ``sparql`` (on the store) or ``pyshacl`` (the reference); the new
        results are kept in the store unless ``keep`` is False (a store that cannot be
        written gives a warning and the outcome all the same); ``only`` limits the run to
        the reports with these IRIs."""
        outcome, run = self.validation(report, engine=engine, everything=everything,
                                       keep=keep, only=only)
        if run.not_kept:
            import warnings

            warnings.warn(f"validation results not kept in the store: {run.not_kept}",
                          stacklevel=2)
        return outcome

    def validation(self, report: str | None = None, *, engine: str = "sparql",
                   everything: bool = False, keep: bool = True,
                   only: Iterable[str] | None = None) -> tuple[ValidationOutcome, Run]:
        """As :meth:`validate`, with the :class:`~migkg.validation_run.Run` beside the
        outcome (the reports checked this time; why results could not be kept)."""
        from .validation_run import validate

        return validate(self.store, report, engine=engine, everything=everything, keep=keep,
                        only=only)

    # -- asking ---------------------------------------------------------------------------
    def queries(self) -> dict[str, querying.NamedQuery]:
        """The named queries by name, each with summary, parameters and columns."""
        return querying.named_queries()

    def result(self, name: str, *, limit: int | None = None, offset: int = 0,
               **params: object) -> QueryResult:
        """Named query ``name`` with ``params`` (Python values; checked against the
        query's declared types); gives the QueryResult (columns, rows, ``more``)."""
        values = {key: _as_text(value) for key, value in params.items() if value is not None}
        return querying.run_named(self.store, name, values, limit=limit, offset=offset)

    def query(self, name: str, *, limit: int | None = None, offset: int = 0,
              **params: object) -> list[dict[str, object]]:
        """Named query ``name`` as a list of dicts keyed by the contract's columns; numbers
        and booleans come back as Python numbers and booleans."""
        return _records(self.result(name, limit=limit, offset=offset, **params))

    def frame(self, name: str, *, limit: int | None = None, offset: int = 0,
              **params: object):
        """Named query ``name`` as a pandas DataFrame (columns in the contract's order).
        Needs pandas: ``pip install "migkg[notebook]"``."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError('Database.frame needs pandas: pip install "migkg[notebook]"'
                              ) from None
        result = self.result(name, limit=limit, offset=offset, **params)
        return pd.DataFrame(_records(result), columns=result.columns)

    def answer(self, text: str, *, allow_network: bool = False) -> Answer:
        """Run a read-only SPARQL query; gives an :class:`Answer` of its form. An update,
        a SERVICE without ``allow_network`` or a query too deep is refused (GuardError)."""
        checked = check_query(text, allow_network=allow_network)
        dataset = (checked.default_graphs, checked.named_graphs)
        if checked.form == "ask":
            return Answer("ask", boolean=self.store.ask(checked.text, dataset=dataset))
        if checked.form in ("construct", "describe"):
            return Answer(checked.form,
                          ntriples=self.store.graph_query(checked.text, dataset=dataset))
        result = self.store.select(checked.text, dataset=dataset)
        if checked.select_all:
            result = reorder(result, variables_in_order(checked.text))
        return Answer("select", result=result)

    def sparql(self, text: str, *, allow_network: bool = False):
        """Run a read-only SPARQL query: SELECT gives a list of dicts (``SELECT *`` in the
        query's variable order), ASK a bool, CONSTRUCT and DESCRIBE sorted N-Triples text."""
        answer = self.answer(text, allow_network=allow_network)
        if answer.form == "ask":
            return answer.boolean
        if answer.form == "select":
            return _records(answer.result)
        return answer.ntriples

    def compare(self, a: str, b: str, *, reviewed: bool = True) -> dict:
        """Two sessions (codes, EVENT:CODE, report IRIs, file names or events) side by
        side, as the JSON of ``migkg compare --format json`` (shared, only_a, only_b per
        dimension, each item with its evidence); the reviewed view unless ``reviewed`` is
        false. Raises migkg.resolving.ReferenceError for an unknown or ambiguous
        reference (listing the candidates), CompareError for an empty store."""
        from .comparing import compare
        from .comparing_render import as_dict

        return as_dict(compare(self.store, a, b, reviewed=reviewed))

    def export(self, fmt: str = "trig") -> bytes:
        """The whole store as turtle, trig, nquads or jsonld (byte-stable)."""
        from .exporting import export

        return export(self.store, fmt)

    def mappings_table(self, *, license_iri: str = "https://spdx.org/licenses/MIT") -> bytes:
        """Every cross-link of the store (confirmed and candidate) as an SSSOM TSV table,
        built with sssom's model and validated by it; needs the extra 'mappings'."""
        from .mappings import sssom_table

        return sssom_table(self.store, license_iri=license_iri)

    def describe(self, *, license_iri: str = "https://spdx.org/licenses/MIT") -> bytes:
        """A VoID and DCAT description of the dataset as Turtle (byte-stable)."""
        from .describing import void_turtle

        return void_turtle(self.store, license_iri=license_iri)

    # -- linking ------------------------------------------------------------------------
    def link_wikidata(self, *, endpoint: str | None = None, cache: str | Path | None = None,
                      offline: bool = False) -> LinkResult:
        """Look up Wikidata items for the countries and registry actors without a
        confirmed one (``migkg link wikidata``); gives the LinkResult (``links``,
        ``ambiguous``, ``queries``, ``cached``). The links go to their own graph as
        candidate mappings. ``offline`` answers from the cache only. Raises StoreError
        when the endpoint fails or answers without a results structure."""
        from .linking import DEFAULT_ENDPOINT, link_wikidata

        return link_wikidata(self.store, endpoint=endpoint or DEFAULT_ENDPOINT,
                             cache=Path(cache) if cache else None, offline=offline)

    # -- lifetime -------------------------------------------------------------------------
    def close(self) -> None:
        """Release the store (an embedded store's lock and memory)."""
        self.store.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open(location: str | Path | None = None, *, read_only: bool = False) -> Database:  # noqa: A001
    """Open the store at ``location`` (a folder, default ./migkg-store or $MIGKG_STORE,
    or an http(s) SPARQL endpoint); gives a :class:`Database`. A folder that is neither
    empty, new nor a migkg store is refused (StoreError), never written into."""
    return Database(open_store(str(location) if location else default_location(),
                               read_only=read_only))


def _as_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Iterable) and not isinstance(value, str):
        raise querying.QueryError(f"a parameter takes one value, not {type(value).__name__}")
    return str(value)


def _records(result: QueryResult) -> list[dict[str, object]]:
    return [{c: json_value(v) for c, v in zip(result.columns, row, strict=True)}
            for row in result.rows]
