"""Typed parameters of named queries: their declaration and the check of a user's value.

A query declares each parameter in its body by grlc's naming (``?_name`` required,
``?__name`` optional; a trailing ``_iri`` means type ``iri``) and may describe it in the
header's ``params`` mapping: ``type``, ``description``, ``example``, ``default`` and, for
an ``enum``, ``values``. A value becomes an RDF term of its type here, so it can only ever
be bound as a term; a value that does not fit its type is a :class:`ParamError` whose
message names what is allowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

# An absolute IRI with a scheme and no character N-Triples forbids.
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\\x00-\x20]*")
_INTEGER = re.compile(r"[+-]?[0-9]{1,18}")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]{1,18}(?:\.[0-9]{0,18})?|\.[0-9]{1,18})")
_TRUE = frozenset({"true", "yes", "1", "on"})
_FALSE = frozenset({"false", "no", "0", "off"})

#: The parameter types a query header may declare, with what each accepts (for messages).
TYPES: dict[str, str] = {
    "string": "any text",
    "integer": "a whole number such as 2018",
    "decimal": "a number such as 0.5",
    "boolean": "true or false",
    "iri": "an absolute IRI such as https://w3id.org/migkg/gcm/objective/5",
    "enum": "one of the listed values",
    "date": "a date as YYYY-MM-DD",
    "session": "a session code, EVENT:CODE, a report IRI or a source file name",
    "event": "an event in the store: its key, label or another of its names",
    "series": "an event series in the store, such as GFMD or IMRF",
    "code": "a session code in the store (all sessions with it), or a report IRI",
}
#: Types whose values are checked against what the store holds (they need a store).
STORE_TYPES = frozenset({"session", "event", "series", "code"})

_XSD = "http://www.w3.org/2001/XMLSchema#"


class ParamError(Exception):
    """A parameter declaration or a user's value is wrong; the message is one plain line."""


@dataclass(frozen=True)
class Param:
    """One parameter of a named query."""

    name: str  # as the user gives it: --param name=value
    variable: str  # the SPARQL variable, without '?'
    required: bool
    type: str = "string"
    description: str = ""
    example: str = ""
    default: str | None = None
    values: tuple[str, ...] = field(default_factory=tuple)

    @property
    def is_iri(self) -> bool:
        return self.type == "iri"

    def usage(self) -> str:
        """``name=<type>`` with the allowed values or default, for ``--list`` and help."""
        kind = "|".join(self.values) if self.type == "enum" else self.type
        text = f"{self.name}=<{kind}>"
        if self.default is not None:
            text += f" (default {self.default})"
        elif not self.required:
            text += " (optional)"
        return text


def declare(query_name: str, variable: str, spec: object) -> Param:
    """The :class:`Param` for body variable ``variable`` (without '?') and its header
    ``spec`` (a mapping or None); raises :class:`ParamError` on a bad declaration."""
    optional = variable.startswith("__")
    raw = variable.lstrip("_")
    name = raw.removesuffix("_iri")
    spec = spec or {}
    if not isinstance(spec, dict):
        raise ParamError(f"{query_name}.rq: params.{name} must be a mapping")
    kind = str(spec.get("type", "iri" if raw.endswith("_iri") else "string"))
    if kind not in TYPES:
        raise ParamError(f"{query_name}.rq: params.{name} has unknown type {kind!r} "
                         f"(types: {', '.join(TYPES)})")
    values = tuple(str(v) for v in spec.get("values") or ())
    if kind == "enum" and not values:
        raise ParamError(f"{query_name}.rq: params.{name} is an enum without values")
    default = spec.get("default")
    param = Param(name=name, variable=variable, required=not optional and default is None,
                  type=kind, description=str(spec.get("description", "")).strip(),
                  example="" if spec.get("example") is None else str(spec["example"]),
                  default=None if default is None else _plain(default), values=values)
    if param.default is not None:
        convert(param, param.default)  # a default must pass its own type's check
    return param


def _plain(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def normalise(param: Param, value: str) -> str:
    """``value`` checked against ``param``'s type and in canonical spelling (an enum value
    in the declared case, a boolean as true/false); raises :class:`ParamError`."""
    text = value if param.type in {"string", "iri"} | STORE_TYPES else value.strip()
    if param.type == "integer" and _INTEGER.fullmatch(text):
        return str(int(text))
    if param.type == "decimal" and _DECIMAL.fullmatch(text):
        return text
    if param.type == "boolean" and text.casefold() in _TRUE | _FALSE:
        return "true" if text.casefold() in _TRUE else "false"
    if param.type == "date":
        try:
            return date.fromisoformat(text).isoformat() if len(text) == 10 else _bad(param, value)
        except ValueError:
            pass
    if param.type == "enum":
        for allowed in param.values:
            if allowed.casefold() == text.casefold():
                return allowed
        raise ParamError(f"--param {param.name}: {value!r} is not allowed "
                         f"(allowed: {', '.join(param.values)})")
    if param.type == "iri" and _IRI.fullmatch(text):
        return text
    if param.type == "string" or param.type in STORE_TYPES:
        return value
    return _bad(param, value)


def _bad(param: Param, value: str) -> str:
    raise ParamError(f"--param {param.name}: {value!r} is not {TYPES[param.type]}")


def convert(param: Param, value: str) -> object:
    """``value`` as the pyoxigraph term ``param`` binds: a NamedNode for an IRI, a typed
    literal for a number, boolean or date, a plain literal otherwise."""
    import pyoxigraph as ox

    text = normalise(param, value)
    if param.type == "iri":
        try:
            return ox.NamedNode(text)
        except ValueError:
            raise ParamError(f"--param {param.name}: {value!r} is not an IRI") from None
    datatype = {"integer": "integer", "decimal": "decimal", "boolean": "boolean",
                "date": "date"}.get(param.type)
    if datatype:
        return ox.Literal(text, datatype=ox.NamedNode(_XSD + datatype))
    return ox.Literal(text)
