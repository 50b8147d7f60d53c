"""Read a batch of drafts: one JSON object per line (the ``unsc forecast --batch`` format).

Each line has ``id``, ``date``, ``agenda`` and optionally ``topic``, ``sponsors`` (a list of
codes), ``members`` (a list of codes), ``matter``, ``assume`` (an object CODE: VOTE),
``mission``, ``action`` and ``host_position`` (inferred when the draft names a mission) and
``rivals`` (other drafts on the item voted the same day). A bad
line is an :class:`InputError` naming the file, the line and the field.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from unsc.errors import InputError
from unsc.forecast.draft import DraftQuery, prepare_query, with_mandate
from unsc.types import Matter, Vote, parse_date


def _text(obj: dict[str, Any], key: str, where: str) -> str:
    value = obj.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(f"{where}: field {key!r} must be a string", field=key)
    return value


def _count(obj: dict[str, Any], key: str, where: str) -> int:
    value = obj.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InputError(f"{where}: field {key!r} must be a whole number >= 0", field=key)
    return value


def batch_query(obj: Any, where: str = "batch") -> DraftQuery:
    """One line's object as a :class:`DraftQuery`; ``where`` prefixes error messages."""
    if not isinstance(obj, dict):
        raise InputError(f"{where}: each line must be a JSON object", field="batch")
    for key in ("date", "agenda"):
        if not isinstance(obj.get(key), str) or not obj[key].strip():
            raise InputError(f"{where}: field {key!r} is required (a string)", field=key)
    lists: dict[str, list[str] | None] = {}
    for key in ("sponsors", "members"):
        value = obj.get(key)
        if value is not None and (
            not isinstance(value, list) or not all(isinstance(v, str) for v in value)
        ):
            raise InputError(f"{where}: field {key!r} must be a list of codes", field=key)
        lists[key] = value
    assume = obj.get("assume") or {}
    if not isinstance(assume, dict):
        raise InputError(f"{where}: field 'assume' must be an object CODE: VOTE", field="assume")
    try:
        members = lists["members"]
        query = DraftQuery(
            date=parse_date(obj["date"]),
            agenda=obj["agenda"],
            topic=str(obj.get("topic") or ""),
            sponsors=tuple(lists["sponsors"] or ()),
            members=tuple(members) if members is not None else None,
            matter=Matter.parse(str(obj["matter"])) if obj.get("matter") else Matter.SUBSTANTIVE,
            assume={str(k).upper(): Vote.parse(str(v)) for k, v in assume.items()},
            id=None if obj.get("id") is None else str(obj["id"]),
            action=_text(obj, "action", where),
            host_position=_text(obj, "host_position", where),
            mission=_text(obj, "mission", where),
            rivals=_count(obj, "rivals", where),
        )
        query = with_mandate(query)
        prepare_query(query)  # members, sponsors and assumptions checked here, with the line
    except InputError as exc:
        raise InputError(f"{where}: {exc}", field=exc.field) from exc
    return query


def read_batch(path: Path) -> list[DraftQuery]:
    """Every draft of a JSONL file, in order (blank lines skipped)."""
    if not path.is_file():
        raise InputError(f"no batch file at {path}", field="batch")
    queries = []
    with path.open(encoding="utf-8") as handle:
        for number, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            where = f"{path}, line {number}"
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                raise InputError(f"{where}: not JSON ({exc.msg})", field="batch") from exc
            queries.append(batch_query(obj, where))
    return queries
