"""Query and path parameters: one parser per kind, shared by every page and API route.

Each :class:`Param` both *parses* a raw parameter (strictly: ASCII digits only, ISO 8601 dates
``YYYY-MM-DD`` only) and *describes* itself in the OpenAPI document, from the same pattern and
bounds, so that the schema states exactly what the server accepts. A page refuses what its API
twin refuses, with the same error (:class:`unsc.errors.InputError` naming the parameter).

Parsed values are normalised (text stripped, codes upper-cased, flags as booleans): they are
the cache key, so padded or differently spelled equal questions are one entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

from unsc.errors import InputError

#: Longest text accepted in a query parameter (longer input is an error, not work).
MAX_PARAM = 400

_MONTH_DAY = "(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
DATE_PATTERN = f"^[0-9]{{4}}-{_MONTH_DAY}$"
#: A year 1945-2200 (the record's queries' range), or a date in it.
YEAR_OR_DATE_PATTERN = f"^(194[5-9]|19[5-9][0-9]|2[01][0-9][0-9]|2200)(-{_MONTH_DAY})?$"
#: Comma-separated member codes or seat ids (``RUS,CHN``, ``P-RUS,NP1``), blanks allowed.
CODES_PATTERN = "^[A-Za-z0-9 ,-]*$"
#: A preset id, body name or index name, optionally padded with spaces.
NAME_PATTERN = "^ *[A-Za-z0-9-]{1,60} *$"
NAMES_PATTERN = "^[A-Za-z0-9 ,-]*$"
TRUE = frozenset({"true", "1"})
FALSE = frozenset({"false", "0"})

_DATE = re.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", re.ASCII)
_YEAR_OR_DATE = re.compile(YEAR_OR_DATE_PATTERN, re.ASCII)
_DIGITS = re.compile("^[0-9]+$", re.ASCII)


class Kind(Enum):
    """How a parameter is read."""

    DATE = "date"  # ISO 8601 calendar date
    YEAR_OR_DATE = "year_or_date"  # a year YYYY or a date YYYY-MM-DD (since/until)
    WHOLE = "whole"  # ASCII digits, in [low, high]
    FLAG = "flag"  # true/false (also 1/0)
    CODES = "codes"  # comma-separated codes -> tuple of upper-case codes
    TEXT = "text"  # free text, stripped, at most max_length characters
    NAME = "name"  # an identifier (preset, body, index), lower-cased
    NAMES = "names"  # comma-separated identifiers -> tuple, lower-cased


@dataclass(frozen=True, slots=True)
class Param:
    """One query or path parameter: its name, kind, bounds and description."""

    name: str
    kind: Kind
    description: str
    required: bool = False
    low: int = 0
    high: int = 0
    max_length: int = MAX_PARAM
    max_items: int = 0  # NAMES/CODES: at most this many (0: no limit beyond max_length)
    choices: tuple[str, ...] = ()  # NAME: the accepted values (documented as an enum)
    default: Any = None
    where: str = "query"
    alias: str = ""  # the key in the parsed arguments, when not ``name``
    canon: Callable[[str], str] | None = None  # NAME: the canonical spelling (cache key)
    years: tuple[int, int] | None = None  # DATE: the years accepted (the schema's pattern)

    @property
    def key(self) -> str:
        return self.alias or self.name

    def parse(self, raw: str | None) -> Any:
        """The parameter's value from its raw text, or its default when absent or blank."""
        if raw is None or raw == "" or (self.kind in _SPACED and not raw.strip()):
            if self.required:
                raise InputError(f"parameter {self.name!r} is required", field=self.name)
            return self.default
        if len(raw) > self.max_length:
            raise InputError(
                f"parameter {self.name!r} is too long (at most {self.max_length} characters)",
                field=self.name,
            )
        return _PARSERS[self.kind](self, raw)

    def schema(self) -> dict[str, Any]:
        """The parameter's OpenAPI schema: the same pattern and bounds as :meth:`parse`."""
        kind = self.kind
        if kind is Kind.DATE:
            return {"type": "string", "format": "date", "pattern": self.date_pattern()}
        if kind is Kind.YEAR_OR_DATE:
            return {"type": "string", "pattern": YEAR_OR_DATE_PATTERN}
        if kind is Kind.WHOLE:
            return {"type": "integer", "minimum": self.low, "maximum": self.high}
        if kind is Kind.FLAG:
            return {"type": "boolean"}
        if kind is Kind.CODES:
            return {"type": "string", "pattern": CODES_PATTERN, "maxLength": self.max_length}
        if kind is Kind.NAME:
            if self.choices:
                return {"type": "string", "enum": list(self.choices)}
            return {"type": "string", "pattern": NAME_PATTERN, "maxLength": self.max_length}
        if kind is Kind.NAMES:
            return {"type": "string", "pattern": NAMES_PATTERN, "maxLength": self.max_length}
        return {
            "type": "string",
            "minLength": 1 if self.required else 0,
            "maxLength": self.max_length,
        }

    def date_pattern(self) -> str:
        """A date's pattern; with ``years``, only those years."""
        if self.years is None:
            return DATE_PATTERN
        first, last = self.years
        return f"^({'|'.join(str(y) for y in range(first, last + 1))})-{_MONTH_DAY}$"

    def openapi(self) -> dict[str, Any]:
        """The parameter object of the OpenAPI document. An optional parameter given empty
        (``?date=``, as an HTML form sends it) takes its default, and the schema says so."""
        schema = self.schema()
        if not self.required and self.where != "path" and not _accepts_empty(schema):
            schema = {"anyOf": [schema, {"type": "string", "maxLength": 0}]}
        return {
            "name": self.name,
            "in": self.where,
            "required": self.required or self.where == "path",
            "schema": schema,
            "description": self.description,
        }


def _accepts_empty(schema: dict[str, Any]) -> bool:
    """Whether a schema admits the empty string."""
    if schema.get("type") != "string" or "enum" in schema or "format" in schema:
        return False
    if schema.get("minLength", 0) > 0:
        return False
    pattern = schema.get("pattern")
    return pattern is None or re.search(pattern, "") is not None


def _date(param: Param, raw: str) -> date:
    found = parse_iso_date(raw, param.name)
    if param.years is not None and not param.years[0] <= found.year <= param.years[1]:
        first, last = param.years
        raise InputError(
            f"parameter {param.name!r}: {raw} is outside the years {first}-{last} known",
            field=param.name,
        )
    return found


def parse_iso_date(raw: str, name: str) -> date:
    """A calendar date written ``YYYY-MM-DD`` in ASCII digits (ISO 8601 extended format)."""
    if not _DATE.match(raw):
        raise InputError(f"parameter {name!r}: {raw[:40]!r} is not a date YYYY-MM-DD", field=name)
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise InputError(
            f"parameter {name!r}: {raw[:40]!r} is not a real date", field=name
        ) from None


def _year_or_date(param: Param, raw: str) -> str:
    if not _YEAR_OR_DATE.match(raw):
        raise InputError(
            f"parameter {param.name!r}: {raw[:40]!r} is not a year YYYY or a date YYYY-MM-DD",
            field=param.name,
        )
    if len(raw) > 4:
        parse_iso_date(raw, param.name)
    return raw


def _whole(param: Param, raw: str) -> int:
    if not _DIGITS.match(raw) or len(raw) > 12 or not param.low <= int(raw) <= param.high:
        raise InputError(
            f"parameter {param.name!r}: give a whole number {param.low}-{param.high}",
            field=param.name,
        )
    return int(raw)


def _flag(param: Param, raw: str) -> bool:
    value = raw.lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise InputError(
        f"parameter {param.name!r}: {raw[:20]!r} is not true or false", field=param.name
    )


def _codes(param: Param, raw: str) -> tuple[str, ...]:
    if not re.fullmatch(CODES_PATTERN, raw, re.ASCII):
        raise InputError(
            f"parameter {param.name!r}: give comma-separated codes such as RUS,CHN",
            field=param.name,
        )
    found = tuple(part.strip().upper() for part in raw.split(",") if part.strip())
    if param.max_items and len(found) > param.max_items:
        raise InputError(
            f"parameter {param.name!r}: at most {param.max_items} codes", field=param.name
        )
    return found


def _text(param: Param, raw: str) -> str:
    return raw.strip()


def _name(param: Param, raw: str) -> str:
    value = raw.strip().lower()
    if not re.fullmatch(NAME_PATTERN, raw, re.ASCII) or (
        param.choices and value not in param.choices
    ):
        known = f": one of {', '.join(param.choices)}" if param.choices else ""
        raise InputError(
            f"parameter {param.name!r}: {raw[:40]!r} is not known{known}", field=param.name
        )
    return param.canon(value) if param.canon is not None else value


def _names(param: Param, raw: str) -> tuple[str, ...]:
    if not re.fullmatch(NAMES_PATTERN, raw, re.ASCII):
        raise InputError(f"parameter {param.name!r}: give comma-separated names", field=param.name)
    found = tuple(p.strip().lower() for p in raw.split(",") if p.strip())
    if param.max_items and len(found) > param.max_items:
        raise InputError(
            f"parameter {param.name!r}: at most {param.max_items} names (the limit of one "
            "request; ask in several)",
            field=param.name,
        )
    return found


#: Kinds whose text may be padded with spaces (a blank one is absent).
_SPACED = frozenset({Kind.TEXT, Kind.NAME, Kind.NAMES, Kind.CODES})

_PARSERS = {
    Kind.DATE: _date,
    Kind.YEAR_OR_DATE: _year_or_date,
    Kind.WHOLE: _whole,
    Kind.FLAG: _flag,
    Kind.CODES: _codes,
    Kind.TEXT: _text,
    Kind.NAME: _name,
    Kind.NAMES: _names,
}


@dataclass(frozen=True, slots=True)
class Parsed:
    """The parsed arguments of one request, hashable (they are part of the cache key)."""

    items: tuple[tuple[str, Any], ...] = field(default=())

    def __getitem__(self, name: str) -> Any:
        for key, value in self.items:
            if key == name:
                return value
        raise KeyError(name)

    def get(self, name: str, default: Any = None) -> Any:
        try:
            return self[name]
        except KeyError:
            return default

    def as_dict(self) -> dict[str, Any]:
        return dict(self.items)


def parse_all(
    params: tuple[Param, ...], query: Mapping[str, str], path: Mapping[str, Any]
) -> Parsed:
    """Every parameter of a route parsed from the query string and the path."""
    values: list[tuple[str, Any]] = []
    for p in params:
        raw = path.get(p.name) if p.where == "path" else query.get(p.name)
        values.append((p.key, p.parse(None if raw is None else str(raw))))
    return Parsed(tuple(values))
