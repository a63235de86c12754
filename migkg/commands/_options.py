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


def check_choice(option: str, value: str, choices) -> str:
    """``value`` as spelled in ``choices`` (compared case-insensitively); exits 2 with one
    line naming the choices when it is none of them."""
    for choice in choices:
        if value.strip().casefold() == choice.casefold():
            return choice
    fail(f"{option} must be one of {', '.join(choices)} (got {value!r})", code=2)


def fail(message: str, *, code: int = 1) -> NoReturn:
    print(f"error: {message}", file=sys.stderr)
    raise typer.Exit(code)


def _value_name(param, ctx) -> str | None:
    """Click's habitual placeholder for a parameter's value (TEXT, PATH, INTEGER,
    NUMBER, a choice list), None for a flag: what the help shows beside an option."""
    from pathlib import PurePath
    from typing import get_args

    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return None
    if param.metavar:
        return param.metavar
    desc = param.type_descriptor
    annotation = desc.annotation
    if desc.is_list:
        annotation = (get_args(annotation) or (str,))[0]
    if desc.is_choice:
        name = "|".join(str(getattr(c, "value", c)) for c in desc.choices or ())
    elif desc.is_path or isinstance(annotation, type) and issubclass(annotation, PurePath):
        name = "PATH"
    elif annotation is int:
        name = "INTEGER"
    elif annotation is float:
        name = "NUMBER"
    else:
        name = "TEXT"
    many = desc.is_list or param.nargs != 1
    return f"{name}..." if many else name


def use_plain_value_names() -> None:
    """Make help panels show click's value names (TEXT, PATH, INTEGER) instead of the
    Python annotations Typer prints there (``<str>``, ``<bool>``, ``<list[Path]>``)."""
    from typer import core

    core.TyperArgument.display_type_rich = _value_name  # type: ignore[method-assign]
    core.TyperOption.display_type_rich = _value_name  # type: ignore[method-assign]
