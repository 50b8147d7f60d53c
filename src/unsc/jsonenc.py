"""The one JSON encoding of unsc's values, shared by the command line (``--json``) and the API.

Both layers used to carry their own ``default=`` hook and they disagreed: the API turned any
unknown value into ``str(value)`` while the CLI refused it, and sets came out in hash order.
Here the rules are stated once:

- a value with ``to_dict()`` is encoded as what that returns (every frozen value of unsc has it);
- dates and datetimes as ISO 8601 (RFC 3339 full-date), enums as their value;
- exact fractions as ``"p/q"`` text (JSON numbers cannot hold them; ``unsc power --exact``);
- tuples as arrays, sets as arrays sorted by their text, so that equal sets encode alike;
- anything else is a bug: ``TypeError`` names its type rather than leaking a ``repr``.

Text is UTF-8 (``ensure_ascii=False``). JSON has no NaN or infinity (RFC 8259 section 6): a
non-finite float (an AUC over one class, a rate over nothing) is written ``null``.
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime
from enum import Enum
from fractions import Fraction
from pathlib import PurePath

__all__ = ["default", "dumps", "encode"]


def default(value: object) -> object:
    """The JSON form of a value the standard encoder does not know (``json.dumps(default=)``)."""
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    if isinstance(value, PurePath):
        return str(value)
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def dumps(data: object, *, indent: int | None = None) -> str:
    """JSON text: compact, or indented by ``indent`` spaces (the command line uses 2)."""
    separators = (",", ":") if indent is None else (",", ": ")
    try:
        return json.dumps(
            data,
            default=default,
            ensure_ascii=False,
            allow_nan=False,
            indent=indent,
            separators=separators,
        )
    except ValueError:  # a NaN or an infinity somewhere: written null (rare, so checked late)
        return json.dumps(
            _finite(data),
            default=default,
            ensure_ascii=False,
            allow_nan=False,
            indent=indent,
            separators=separators,
        )


def _finite(value: object) -> object:
    """``value`` with every non-finite float replaced by None, values with ``to_dict`` and
    containers walked."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return _finite(to_dict())
    return value


def encode(data: object) -> bytes:
    """Compact JSON as UTF-8 bytes, as the HTTP API sends it."""
    return dumps(data).encode("utf-8")
