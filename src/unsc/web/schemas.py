"""The API's response schemas, generated from the library's own frozen dataclasses.

:func:`schema_of` asks pydantic for the JSON schema of a dataclass (its fields, their types,
enums by value) and inlines the definitions, so that the OpenAPI document describes what
``to_dict()`` sends without a second, hand-written model that could drift from it. Keys that
``to_dict()`` adds beyond the fields (``Decision.tally``, a property) are named with ``extra``.
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            return _inline(defs[ref.removeprefix("#/$defs/")], defs)
        return {k: _inline(v, defs) for k, v in node.items() if k not in ("$defs", "title")}
    if isinstance(node, list):
        return [_inline(v, defs) for v in node]
    return node


def schema_of(tp: Any, *, extra: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """The JSON schema of ``tp`` as ``to_dict()`` sends it: every field required (``to_dict``
    always writes every key), ``extra`` keys added, no definitions left to resolve."""
    raw = TypeAdapter(tp).json_schema(mode="serialization")
    found: dict[str, Any] = _inline(raw, raw.get("$defs", {}))
    if "properties" in found:
        found["properties"] = {**found["properties"], **(extra or {})}
        found["required"] = sorted(found["properties"])
    return found


def list_of(item: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": item}


OBJECT: dict[str, Any] = {"type": "object"}
OBJECTS: dict[str, Any] = list_of(OBJECT)
