"""The ``migkg`` command: a root Typer app assembled from one module per command."""

from __future__ import annotations

import importlib

import typer

from . import __version__

# One module per top-level command in migkg/commands/; each exposes register(app).
COMMAND_MODULES = (
    "ingest",
    "query",
    "sparql",
    "export",
    "validate",
    "check_ontology",
    "evaluate",
    "demo",
    "explain",
)

app = typer.Typer(
    name="migkg",
    help="A knowledge graph of migration policy insights from rapporteur reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"migkg {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """migkg: ingest rapporteur reports, query, validate and export the knowledge graph."""


for _name in COMMAND_MODULES:
    importlib.import_module(f"migkg.commands.{_name}").register(app)


def main() -> None:
    app()
