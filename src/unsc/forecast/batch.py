"""Read a batch of drafts: one JSON object per line (the ``unsc forecast --batch`` format).

Each line has ``id``, ``date``, ``agenda`` and optionally ``topic``, ``sponsors`` (a list of
codes), ``members`` (a list of codes), ``matter`` and ``assume`` (an object CODE: VOTE). A bad
line is an :class:`InputError` naming the file, the line and the field.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from unsc.errors import InputError
from unsc.forecast.draft import DraftQuery, prepare_query
from unsc.types import Matter, Vote, parse_date


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
        )
        prepare_query(query)  # members, sponsors and assumptions checked here, with the line
    except InputError as exc:
        raise InputError(f"{where}: {exc}", field=exc.field) from exc
    return query


def read_batch(path: Path) -> list[DraftQuery]:
    """Every draft of a JSONL file, in order (blank lines skipped)."""
    return list(iter_batch(path))


def iter_batch(
    path: Path,
    *,
    max_line_bytes: int = 1_000_000,
    max_lines: int | None = None,
    hint: str = "",
) -> Iterator[DraftQuery]:
    """The drafts of a JSONL file one at a time, read as they are needed (bounded memory).

    Each line is decoded as UTF-8; a line longer than ``max_line_bytes``, more than
    ``max_lines`` lines, bytes that are not UTF-8, a NUL byte, JSON nested too deeply and bad
    fields are :class:`InputError` naming the file and the line (``hint`` is added to the
    messages about limits: how to lift them).
    """
    if not path.is_file():
        raise InputError(f"no batch file at {path}", field="batch")
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}", field="batch") from None
    with handle:
        number = 0
        while True:
            raw = handle.readline(max_line_bytes + 1)
            if not raw:
                return
            number += 1
            where = f"{path}, line {number}"
            if len(raw) > max_line_bytes:
                raise InputError(
                    f"{where}: longer than the limit of {max_line_bytes:,} bytes{hint}",
                    field="batch",
                )
            if max_lines is not None and number > max_lines:
                raise InputError(
                    f"{where}: more than the limit of {max_lines:,} lines{hint}", field="batch"
                )
            text = _decode(raw, where)
            if not text.strip():
                continue
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                raise InputError(f"{where}: not JSON ({exc.msg})", field="batch") from None
            except RecursionError:
                raise InputError(f"{where}: JSON nested too deeply", field="batch") from None
            yield batch_query(obj, where)


def _decode(raw: bytes, where: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{where}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})",
            field="batch",
        ) from None
    if "\x00" in text:
        raise InputError(f"{where}: binary content (a NUL byte)", field="batch")
    return text.removeprefix("\ufeff")
