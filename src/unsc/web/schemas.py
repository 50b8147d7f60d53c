"""The API's response schemas, generated from the types that produce the responses.

Each resource's ``load`` function (:mod:`unsc.web.loaders`) is annotated with the type of what
it returns, and its schema in ``/openapi.json`` is generated from that annotation by pydantic
(:func:`returned_by`), so that no second, hand-written model can drift from the answer:

- a value whose ``to_dict()`` reshapes its fields (renames, derived values, nested summaries)
  is annotated with the ``TypedDict`` it returns, declared beside it (``Decision.to_dict() ->
  DecisionDict``); mypy checks the dict it builds against it, and the schema is the
  TypedDict's. A text field that holds an enum's value is ``Annotated[str, TheEnum]``;
- a frozen dataclass whose ``to_dict()`` writes its fields as they are (the record's values,
  :mod:`unsc.record.values`) is read field by field, with the renames the class declares
  (``_RENAMED``: ``with_`` is sent as ``with``) and without ``extra`` (keys the class has no
  field for); a plain dict that holds such a value is ``Annotated[dict[str, Any], Veto]``
  (``unsc.record.values.VetoDict``), and a view that adds keys to it names both
  (``Annotated[dict[str, Any], Resolution, WithBoard]``).

Objects are closed (``additionalProperties: false``) and every key is required unless the
TypedDict says ``NotRequired``, so that a key added to an answer without its type, or a key of
the type that the answer lacks, fails validation (``tests/web/test_response_schemas.py``, and
schemathesis's ``response_schema_conformance`` check for every operation).
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from functools import cache
from types import UnionType
from typing import (
    Annotated,
    Any,
    NotRequired,
    Required,
    Union,
    get_args,
    get_origin,
    get_type_hints,
    is_typeddict,
)

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema
from typing_extensions import TypedDict

#: A dataclass field that holds the keys a value has no field for (not sent as itself).
EXTRA_FIELD = "extra"


def _closed(found: JsonSchemaValue) -> JsonSchemaValue:
    if "properties" in found:
        found.setdefault("additionalProperties", False)
    return found


class _ResponseSchema(GenerateJsonSchema):
    """pydantic's JSON schema, with every object closed."""

    def typed_dict_schema(self, schema: core_schema.TypedDictSchema) -> JsonSchemaValue:
        return _closed(super().typed_dict_schema(schema))


_WRAPPERS = (NotRequired, Required)


def _typed_dict(tp: Any, keys: dict[str, Any], required: AbstractSet[str]) -> Any:
    bare = {k: get_args(v)[0] if get_origin(v) in _WRAPPERS else v for k, v in keys.items()}
    fields = {k: v if k in required else NotRequired[v] for k, v in bare.items()}
    shape = TypedDict(tp.__name__, fields)  # type: ignore[misc]
    shape.__doc__ = tp.__doc__
    return shape


def _sent(tp: Any) -> Any:
    """The type as it is sent, for pydantic: ``Annotated[x, T]`` as ``T`` (several types: their
    keys together); a value whose ``to_dict()`` returns a TypedDict as that TypedDict; any
    other dataclass as a TypedDict of its fields under their sent names (``extra`` left out),
    every key required; a stdlib TypedDict as typing_extensions' (pydantic cannot read the
    stdlib's on Python 3.11); generics with their arguments sent alike."""
    if get_origin(tp) is Annotated:  # a plain type annotated with the type(s) it sends
        types = [_sent(m) for m in tp.__metadata__ if isinstance(m, type)]
        if not types:
            return _sent(get_args(tp)[0])
        if len(types) == 1:
            return types[0]
        keys = {k: v for t in types for k, v in get_type_hints(t, include_extras=True).items()}
        required = {k for t in types for k in t.__required_keys__}
        return _typed_dict(types[0], keys, required)  # a value's keys with a view's added
    returns = get_type_hints(tp.to_dict).get("return") if hasattr(tp, "to_dict") else None
    if returns is not None and is_typeddict(returns):
        return _sent(returns)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = get_type_hints(tp, include_extras=True)
        renamed: dict[str, str] = {v: k for k, v in getattr(tp, "_RENAMED", {}).items()}
        keys = {
            renamed.get(f.name, f.name): _sent(hints[f.name])
            for f in dataclasses.fields(tp)
            if f.name != EXTRA_FIELD
        }
        return _typed_dict(tp, keys, set(keys))
    if is_typeddict(tp):  # the stdlib's, which pydantic cannot read on Python 3.11
        hints = get_type_hints(tp, include_extras=True)
        # read from the hints: with postponed annotations, __required_keys__ misses NotRequired
        required = {
            k
            for k, v in hints.items()
            if get_origin(v) is Required
            or (k in tp.__required_keys__ and get_origin(v) is not NotRequired)
        }
        return _typed_dict(tp, {k: _sent(v) for k, v in hints.items()}, required)
    origin, args = get_origin(tp), get_args(tp)
    if origin is None or not args:
        return tp
    sent = tuple(_sent(a) for a in args)
    if origin in (Union, UnionType):
        return Union[sent]  # noqa: UP007
    return origin[sent if len(sent) > 1 else sent[0]]


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            return _inline(defs[ref.removeprefix("#/$defs/")], defs)
        # a schema's title goes (a key "title" is in properties), and so does an enum's
        # docstring, repeated wherever a vote or an outcome is sent: its values say enough
        dropped = ("$defs", "title", "description") if "enum" in node else ("$defs", "title")
        return {k: _member(k, v, defs) for k, v in node.items() if k not in dropped}
    if isinstance(node, list):
        return [_inline(v, defs) for v in node]
    return node


def _member(key: str, value: Any, defs: dict[str, Any]) -> Any:
    if key == "properties":  # the names of a TypedDict's keys, each with its schema
        return {name: _inline(v, defs) for name, v in value.items()}
    if key == "description" and isinstance(value, str):
        return _markdown(value)
    return _inline(value, defs)


_ROLE = re.compile(r":\w+:`~?([^`]+)`")


def _markdown(text: str) -> str:
    """A docstring as OpenAPI's descriptions are read (CommonMark): ``:class:`~x.Y``` and
    ````code```` as ```Y``` and ```code```."""
    return _ROLE.sub(lambda m: f"`{m.group(1).rsplit('.', 1)[-1]}`", text).replace("``", "`")


@cache
def _schema(tp: Any) -> dict[str, Any]:
    raw = TypeAdapter(_sent(tp)).json_schema(mode="serialization", schema_generator=_ResponseSchema)
    found: dict[str, Any] = _inline(raw, raw.get("$defs", {}))
    return found


def schema_of(tp: Any, *, extra: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """The JSON schema of ``tp`` as it is sent, with no definitions left to resolve; ``extra``
    adds required keys that the response has beyond the type's (a view's additions, or a
    property such as ``Decision.tally`` that ``to_dict()`` writes)."""
    found = copy.deepcopy(_schema(tp))
    if extra:
        found["properties"] = {**found["properties"], **extra}
        found["required"] = [*found.get("required", ()), *extra]
    return found


def returned_by(function: Callable[..., object]) -> dict[str, Any]:
    """The schema of what ``function`` returns, from its return annotation (which must name
    the type: ``object`` or ``Any`` would document nothing)."""
    returns = get_type_hints(function, include_extras=True).get("return")
    if returns in (None, object, Any):
        raise TypeError(f"{function.__qualname__} does not say what type it returns")
    return schema_of(returns)
