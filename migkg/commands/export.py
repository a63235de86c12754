"""``migkg export``: the whole store as Turtle, TriG, N-Quads or JSON-LD, byte-stable."""

from __future__ import annotations

from pathlib import Path

import typer

from .. import querying
from ..api import Database
from ..describing import DEFAULT_LICENSE
from ..exporting import FORMATS, export, write_atomically
from ..output import emit, escaped
from ..store import StoreError
from ._options import check_choice, fail, open_or_fail, store_option
from .query import parse_params


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)


def export_command(
    fmt: str = typer.Option("trig", "--format", "-f", help="turtle, trig, nquads or jsonld."),
    out: Path = typer.Option(None, "--output", "-o", help="Write to this file (default stdout); "
                             "replaced only once the new export is complete."),
    mappings: Path = typer.Option(None, "--mappings", show_default=False,
                                  help="Also write every cross-link (countries, actors, "
                                  "vocabulary concepts) as an SSSOM TSV table to this file, "
                                  "validated by sssom (extra 'mappings')."),
    void: Path = typer.Option(None, "--void", show_default=False,
                              help="Also write a VoID and DCAT description of the dataset "
                              "(triples per graph, vocabularies, licence, sources, loader "
                              "version) as Turtle to this file."),
    license_iri: str = typer.Option(DEFAULT_LICENSE, "--license", metavar="IRI",
                                    help="Licence IRI the SSSOM table and the VoID "
                                    "description declare."),
    param: list[str] = typer.Option([], "--param", "-p", metavar="reviewed=BOOL",
                                    help="reviewed=false: the triples as the loader wrote "
                                         "them, without the decisions of 'migkg review' "
                                         "carried out (default true)."),
    store: str = store_option(),
) -> None:
    """Export the store; the same store always gives the same bytes. With --mappings or
    --void (and no --output) only those files are written."""
    fmt = check_choice("--format", fmt, FORMATS)
    values = parse_params(param)
    if set(values) - {querying.REVIEWED}:
        fail(f"--param: export takes only {querying.REVIEWED}=true|false", code=2)
    try:
        reviewed = querying.reviewed_view(values)
    except querying.QueryError as exc:
        fail(str(exc), code=2)
    target = open_or_fail(store, read_only=True)
    database = Database(target)
    files: list[tuple[Path, bytes]] = []
    try:
        if mappings:
            files.append((mappings, database.mappings_table(license_iri=license_iri)))
        if void:
            files.append((void, database.describe(license_iri=license_iri)))
        data = export(target, fmt, reviewed=reviewed) if out or not files else b""
    except StoreError as exc:
        fail(str(exc), code=exc.code)
    finally:
        target.close()
    if out:
        files.append((out, data))
    for path, content in files:
        _write(path, content)
    if not files:
        emit(data)


def _write(path: Path, data: bytes) -> None:
    try:
        write_atomically(path, data)
    except OSError as exc:
        reason = "disk full (no space left on device)" if exc.errno == 28 else \
            (exc.strerror or str(exc))
        fail(f"{escaped(path)}: cannot write the export ({reason}); any earlier file "
             "there is unchanged")
