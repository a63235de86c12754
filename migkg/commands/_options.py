"""Options and error handling shared by several commands."""

from __future__ import annotations

import sys
from typing import NoReturn

import typer

from ..store import Store, StoreError, default_location, open_store

STORE_HELP = (
    "Store folder (default ./migkg-store or $MIGKG_STORE), or an http(s) SPARQL endpoint URL."
)


def store_option() -> str | None:
    return typer.Option(None, "--store", help=STORE_HELP, show_default=False)


def open_or_fail(location: str | None, *, read_only: bool = False) -> Store:
    """Open the store or exit with a one-line error (2: a folder migkg may not use as a
    store; 1: the store could not be opened)."""
    try:
        return open_store(location or default_location(), read_only=read_only)
    except StoreError as exc:
        fail(str(exc), code=exc.code)


def check_choice(option: str, value: str, choices) -> None:
    """Exit 2 with one line when ``value`` is not one of ``choices``."""
    if value not in choices:
        fail(f"{option} must be one of {', '.join(choices)}", code=2)


def fail(message: str, *, code: int = 1) -> NoReturn:
    print(f"error: {message}", file=sys.stderr)
    raise typer.Exit(code)
