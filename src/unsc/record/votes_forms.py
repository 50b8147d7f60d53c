"""The two forms of a votes file, CSV rows and JSON drafts, read field by field.

:mod:`unsc.record.votes_file` says what the forms hold and gives the questions their numbers and
names; here each row or draft becomes a :class:`RawQuestion`, its fields checked one by one.
Every fault is an :class:`~unsc.errors.InputError` naming the file, the line (CSV) or the item
(JSON) and the field.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from unsc.errors import InputError
from unsc.types import Matter, Outcome, Vote, parse_date

_CODE = re.compile(r"^[A-Z][A-Z0-9-]{0,11}$")
KINDS = ("draft", "amendment", "membership", "preliminary")
"""The record's kinds of question; a session's ``procedural`` motion is a draft on a
procedural matter, as the record keeps the Council's procedural votes."""
TALLY = ("yes", "no", "abstain", "not_voting", "absent")


@dataclass
class RawQuestion:
    """A question's fields as read, before numbering and naming."""

    where: str
    fields: dict[str, Any]


# -- the values of one field -----------------------------------------------------------------


def field_error(where: str, name: str, message: str) -> InputError:
    return InputError(f"{where}: field {name!r}: {message}", field=name)


def _text(value: object, where: str, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise field_error(where, name, "must be text")
    return value.strip() or None


def _number(value: object, where: str, name: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool | float):
        raise field_error(where, name, f"{value!r} is not a whole number")
    try:
        number = int(str(value).strip())
    except ValueError:
        raise field_error(where, name, f"{str(value)[:40]!r} is not a whole number") from None
    if not 0 <= number < 2**63:
        raise field_error(where, name, f"{number} is out of range")
    return number


def _code(value: object, where: str, name: str) -> str:
    text = _text(value, where, name)
    if text is None:
        raise field_error(where, name, "a member code is required")
    code = text.upper()
    if not _CODE.match(code):
        raise field_error(where, name, f"{text[:20]!r} is not a member code (letters, digits, '-')")
    return code


def _vote(value: object, where: str, name: str) -> Vote:
    text = _text(value, where, name)
    if text is None:
        raise field_error(where, name, "a vote is required")
    try:
        return Vote.parse(text)
    except InputError as exc:
        raise field_error(where, name, str(exc)) from None


def _date(value: object, where: str) -> date:
    text = _text(value, where, "date")
    if text is None:
        raise field_error(where, "date", "a date YYYY-MM-DD is required")
    try:
        return parse_date(text[:10] if len(text) > 10 and text[10] == "T" else text)
    except InputError:
        raise field_error(where, "date", f"{text[:40]!r} is not a date YYYY-MM-DD") from None


def _matter(value: object, where: str) -> Matter | None:
    text = _text(value, where, "matter")
    if text is None:
        return None
    try:
        return Matter.parse(text)
    except InputError as exc:
        raise field_error(where, "matter", str(exc)) from None


def _outcome(value: object, where: str) -> Outcome | None:
    text = _text(value, where, "outcome")
    if text is None:
        return None
    try:
        return Outcome(text.lower())
    except ValueError:
        raise field_error(
            where, "outcome", f"{text[:40]!r}: use adopted, vetoed or failed"
        ) from None


def _kind(value: object, where: str) -> str | None:
    text = _text(value, where, "kind")
    if text is None:
        return None
    kind = text.lower()
    if kind == "procedural":
        return "draft"
    if kind not in KINDS:
        names = "draft, amendment, procedural, membership or preliminary"
        raise field_error(where, "kind", f"{text[:40]!r}: use {names}")
    return kind


def _codes(value: object, where: str, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        parts: Sequence[object] = [p for p in re.split(r"[;,]", value) if p.strip()]
    elif isinstance(value, list):
        parts = value
    else:
        raise field_error(where, name, "must be a list of member codes")
    return tuple(_code(p, where, name) for p in parts)


# -- CSV and JSON vote rows --------------------------------------------------------------------


def csv_rows(path: Path, text: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""), restkey="\x00extra")
    columns = [c.strip().lower() for c in (reader.fieldnames or [])]
    if not columns:
        raise InputError(f"{path}: empty file: no header line", field="votes")
    for needed in ("date", "member", "vote"):
        if needed not in columns:
            raise InputError(
                f"{path}, line 1: no column {needed!r} (the header has {', '.join(columns)})",
                field=needed,
            )
    if "draft_id" not in columns and "symbol" not in columns:
        raise InputError(
            f"{path}, line 1: give a draft_id or a symbol column to tell the questions apart",
            field="draft_id",
        )
    try:
        for raw in reader:
            where = f"{path}, line {reader.line_num}"
            if "\x00extra" in raw:
                raise InputError(f"{where}: more cells than the header has", field="votes")
            if any(v is None for v in raw.values()):
                raise InputError(f"{where}: fewer cells than the header has", field="votes")
            yield where, {k.strip().lower(): v for k, v in raw.items() if k is not None}
    except csv.Error as exc:
        where = f"{path}, line {reader.line_num}"
        raise InputError(f"{where}: not CSV ({exc})", field="votes") from None


@dataclass
class _Open:
    """A question being gathered from its vote rows."""

    where: str
    fields: dict[str, Any]
    votes: dict[str, Vote] = field(default_factory=dict)


_SHARED = ("date", "symbol", "outcome", "matter", "kind", "agenda", "title", "resolution_number")


def from_rows(path: Path, rows: Iterator[tuple[str, Mapping[str, Any]]]) -> list[RawQuestion]:
    found: dict[object, _Open] = {}
    for where, row in rows:
        draft_id = _number(row.get("draft_id"), where, "draft_id")
        symbol = _text(row.get("symbol"), where, "symbol")
        when = _date(row.get("date"), where)
        # Without a number or a symbol (the record's amendments have none) the rows of one
        # question share its date, agenda item and outcome.
        key: object = (
            draft_id
            if draft_id is not None
            else (symbol.upper(), when)
            if symbol
            else (when, row.get("agenda"), row.get("outcome"))
        )
        values: dict[str, Any] = {
            "draft_id": draft_id,
            "date": when,
            "symbol": symbol,
            "outcome": _outcome(row.get("outcome"), where),
            "matter": _matter(row.get("matter"), where),
            "kind": _kind(row.get("kind"), where),
            "agenda": _text(row.get("agenda"), where, "agenda"),
            "title": _text(row.get("title"), where, "title"),
            "resolution_number": _number(row.get("resolution_number"), where, "resolution_number"),
            "vetoed_by": _codes(row.get("vetoed_by") or None, where, "vetoed_by") or None,
            "amends": _text(row.get("amends"), where, "amends"),
            "source": _text(row.get("source"), where, "source"),
            "tally": {k: n for k in TALLY if (n := _number(row.get(k), where, k)) is not None},
        }
        member = _code(row.get("member"), where, "member")
        vote = _vote(row.get("vote"), where, "vote")
        question = found.get(key)
        if question is None:
            question = found[key] = _Open(where, values)
        else:
            for name in (*_SHARED, "vetoed_by", "tally"):
                if values[name] != question.fields[name]:
                    raise field_error(
                        where,
                        name,
                        f"{_shown(values[name])} differs from {_shown(question.fields[name])} "
                        f"given for the same question at {question.where.rsplit(', ', 1)[-1]}",
                    )
        if member in question.votes:
            raise field_error(where, "member", f"{member} votes twice on the same question")
        question.votes[member] = vote
    return [RawQuestion(q.where, {**q.fields, "votes": q.votes}) for q in found.values()]


def _shown(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return repr(value.value if isinstance(value, Outcome | Matter) else value)


# -- JSON drafts -------------------------------------------------------------------------------


def from_json(path: Path, text: str) -> list[RawQuestion]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"{path}, line {exc.lineno}"
        raise InputError(f"{where}: not JSON ({exc.msg})", field="votes") from None
    except RecursionError:
        raise InputError(f"{path}: JSON nested too deeply", field="votes") from None
    if isinstance(data, dict) and "questions" in data and "delegations" in data:
        raise InputError(
            f"{path}: this is a session's state, not its export: use `unsc session export` "
            "or GET /api/sessions/ID/export.json",
            field="votes",
        )
    items = data if isinstance(data, list) else [data]
    if items and all(isinstance(i, dict) and "member" in i and "votes" not in i for i in items):
        return from_rows(path, ((f"{path}, item {n}", i) for n, i in enumerate(items, 1)))
    return [_json_draft(f"{path}, item {n}", item) for n, item in enumerate(items, 1)]


def _json_draft(where: str, item: object) -> RawQuestion:
    if not isinstance(item, dict):
        raise InputError(f"{where}: each item must be a JSON object (a draft)", field="votes")
    votes: dict[str, Vote] = {}
    names: dict[str, str] = {}
    if isinstance(item.get("votes"), dict):
        for code, vote in item["votes"].items():
            votes[_code(code, where, "votes")] = _vote(vote, where, "votes")
    elif isinstance(item.get("members"), list):
        for member in item["members"]:
            if not isinstance(member, dict):
                raise field_error(where, "members", "each member must be an object {code, vote}")
            code = _code(member.get("code"), where, "members")
            if code in votes:
                raise field_error(where, "members", f"{code} is listed twice")
            votes[code] = _vote(member.get("vote"), where, "members")
    else:
        raise field_error(where, "votes", "a draft needs its votes (an object CODE: VOTE)")
    for member in item.get("members") or []:
        if isinstance(member, dict) and isinstance(member.get("name"), str):
            code = str(member.get("code", "")).strip().upper()
            if code in votes and member["name"].strip():
                names[code] = member["name"].strip()
    amends = item.get("amends")
    fields: dict[str, Any] = {
        "draft_id": _number(item.get("draft_id"), where, "draft_id"),
        "date": _date(item.get("date"), where),
        "symbol": _text(item.get("symbol"), where, "symbol"),
        "outcome": _outcome(item.get("outcome"), where),
        "matter": _matter(item.get("matter"), where),
        "kind": _kind(item.get("kind"), where),
        "agenda": _text(item.get("agenda"), where, "agenda"),
        "title": _text(item.get("title"), where, "title"),
        "resolution_number": _number(item.get("resolution_number"), where, "resolution_number"),
        "vetoed_by": _codes(item["vetoed_by"], where, "vetoed_by")
        if item.get("vetoed_by") is not None
        else None,
        "amends": _number(amends, where, "amends")
        if isinstance(amends, int)
        else _text(amends, where, "amends"),
        "source": _text(item.get("source"), where, "source"),
        "sponsors": _codes(item.get("sponsors") or None, where, "sponsors"),
        "tally": {k: n for k in TALLY if (n := _number(item.get(k), where, k)) is not None},
        "names": names,
        "votes": votes,
    }
    return RawQuestion(where, fields)
