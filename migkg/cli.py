"""The ``migkg`` command: a root Typer app assembled from one module per command."""

from __future__ import annotations

import errno
import importlib
import os
import sys

import typer

from . import __version__
from .commands._options import use_plain_value_names

# One module per top-level command in migkg/commands/; each exposes register(app).
COMMAND_MODULES = (
    "ingest",
    "query",
    "compare",
    "sparql",
    "export",
    "validate",
    "check_ontology",
    "evaluate",
    "demo",
    "explain",
    "report",
    "serve",
    "push",
    "link",
    "review",
)

def build_app(commands: tuple[str, ...] = COMMAND_MODULES) -> typer.Typer:
    """The root Typer app with the given commands (module names of migkg/commands/;
    all by default)."""
    use_plain_value_names()
    root = typer.Typer(
        name="migkg",
        rich_markup_mode="markdown",  # a docstring's single line breaks join, as in prose
        help="A knowledge graph of migration policy insights from rapporteur reports.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    root.callback()(_root)
    for name in commands:
        importlib.import_module(f"migkg.commands.{name}").register(root)
    return root


def _version(value: bool) -> None:
    if value:
        typer.echo(f"migkg {__version__}")
        raise typer.Exit()


def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """migkg: ingest rapporteur reports, query, validate and export the knowledge graph."""


def _named_command(argv: list[str]) -> tuple[str, ...]:
    """The one command module a command line names as its first word, or every module
    (for help, --version, a misspelt command: whatever needs the whole app)."""
    name = argv[0].replace("-", "_") if argv and not argv[0].startswith("-") else ""
    return (name,) if name in COMMAND_MODULES else COMMAND_MODULES


def __getattr__(name: str) -> typer.Typer:
    # ``from migkg.cli import app`` (tests, embedding) gets the whole app, built once;
    # the ``migkg`` command builds only the command it runs (each command module pulls in
    # its own services: importing all fifteen costs every command about 60 ms).
    if name == "app":
        globals()["app"] = built = build_app()
        return built
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Run the command line: network guard first, then the command; every failure a user
    can meet ends as one ``error:`` line on stderr and a documented exit code (README,
    'Reliability'): 0 done, 1 failed, 2 refused (wrong request), 141 stdout closed."""
    from . import network_guard

    network_guard.install(network_guard.wants_network(sys.argv[1:]))
    try:
        try:
            build_app(_named_command(sys.argv[1:]))()
        finally:
            _flush_stdout()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        _fatal("interrupted", 130)
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(141)
    except OSError as exc:
        try:
            sys.stdout.flush()
        except OSError:
            _silence_stdout()  # stdout itself failed (a full device)
        _fatal(_os_error(exc), 1)
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
        from .store import StoreError

        if os.environ.get("MIGKG_DEBUG"):
            raise
        if isinstance(exc, StoreError):
            _fatal(str(exc), exc.code)
        first = (str(exc).strip().splitlines() or [""])[0]
        _fatal(f"unexpected failure ({type(exc).__name__}: {first}); set MIGKG_DEBUG=1 "
               "for the traceback", 1)


def _os_error(exc: OSError) -> str:
    from .output import escaped

    where = f"{escaped(exc.filename)}: " if getattr(exc, "filename", None) else ""
    if exc.errno == errno.ENOSPC:
        return f"{where}no space left on device (disk full)"
    return f"{where}{exc.strerror or exc}"


def _flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(141)
    except OSError as exc:
        _silence_stdout()
        _fatal(f"cannot write the output ({_os_error(exc)})", 1)


def _silence_stdout() -> None:
    # Python flushes stdout again at exit; point it at /dev/null so that flush cannot fail.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _fatal(message: str, code: int) -> None:
    print(f"error: {message}", file=sys.stderr)
    sys.exit(code)
