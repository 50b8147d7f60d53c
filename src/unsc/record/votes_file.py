"""Reading a file of Council votes in the record's shape: a session's export, or the record's own.

A file holds questions put to the vote, each with its members' votes. Two forms, told apart by
the suffix (``.json``, ``.csv``), else by the first character (``[`` or ``{`` is JSON):

- JSON: a list of drafts with the fields of ``unsc draft --json`` (as ``unsc session export``
  and ``GET /api/sessions/{id}/export.json`` write them), or one such draft; each has ``date``
  and ``votes`` (CODE: VOTE) or ``members`` (``[{code, name, vote}]``). A list of vote rows
  (objects with ``member`` and ``vote``, as ``unsc votes --json``) is read as the CSV is.
- CSV: one row per member's vote, with the columns of ``unsc votes --csv`` (``date``,
  ``symbol``, ``resolution_number``, ``member``, ``vote``, ``outcome``, ``agenda``) and any of
  the further columns of ``unsc session export --csv`` (``draft_id``, ``matter``, ``kind``,
  ``title``, ``yes``, ``no``, ``abstain``, ``vetoed_by``, ``source``). ``date``, ``member``
  and ``vote`` are required, and ``draft_id`` or ``symbol`` to tell the questions apart: the
  rows of one question share its ``draft_id``, else its symbol and date, else (no symbol, as
  the record's amendments) its date, agenda item and outcome.

Member codes are kept as written (upper case): a session of a preset votes by seat
(``P-RUS``, ``E1``) and a custom Council by the delegations' own codes. A question without a
symbol is named ``Q`` and its number (``Q1``), the name ``unsc draft`` finds it by. When a
vetoed question does not say who vetoed it, the vetoers are the members that voted no and hold
a permanent seat (a state's seat in :mod:`unsc.membership`, or a preset's seat with a veto).

Every fault is an :class:`~unsc.errors.InputError` naming the file and the line (CSV) or the
item (JSON) and the field.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from unsc.errors import InputError
from unsc.membership import permanent_seat_of
from unsc.states import is_state_code
from unsc.types import Matter, Outcome, Vote, parse_date

#: The largest file read (bytes): a session of a year of weekly meetings is well under 1 MB.
MAX_BYTES = 64_000_000
_CODE = re.compile(r"^[A-Z][A-Z0-9-]{0,11}$")
KINDS = ("draft", "amendment", "membership", "preliminary")
"""The record's kinds of question; a session's ``procedural`` motion is a draft on a
procedural matter, as the record keeps the Council's procedural votes."""
TALLY = ("yes", "no", "abstain", "not_voting", "absent")


@dataclass(frozen=True, slots=True)
class VotedQuestion:
    """One question put to the vote, as the file gives it."""

    draft_id: int
    symbol: str
    date: date
    agenda: str | None
    title: str | None
    matter: Matter
    kind: str
    outcome: Outcome | None
    votes: Mapping[str, Vote]
    vetoed_by: tuple[str, ...]
    where: str
    """Where the question starts in the file ("FILE, line 2" or "FILE, item 1")."""
    amends: str | None = None
    resolution_number: int | None = None
    tally: Mapping[str, int] = field(default_factory=dict)
    """The counts the file states (``yes``, ``no``...); the votes give the others."""
    names: Mapping[str, str] = field(default_factory=dict)
    sponsors: tuple[str, ...] = ()
    source: str | None = None

    def count(self, key: str) -> int:
        """The stated count of ``key`` (``yes``, ``no``...), else the votes of that kind."""
        if key in self.tally:
            return self.tally[key]
        return sum(1 for v in self.votes.values() if v.value == key)


@dataclass(frozen=True, slots=True)
class VotesFile:
    """The questions of one file, in the file's order."""

    path: Path
    form: str
    questions: tuple[VotedQuestion, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        """Every member code that votes or vetoes in the file, in order of appearance."""
        found: dict[str, None] = {}
        for q in self.questions:
            found.update(dict.fromkeys(q.votes))
            found.update(dict.fromkeys(q.vetoed_by))
        return tuple(found)


def read_votes_file(path: Path | str) -> VotesFile:
    """Read a votes file (JSON or CSV, see the module's text); errors name file, line, field."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no votes file at {path}", field="votes")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"{path}: {size:,} bytes is more than the limit of {MAX_BYTES:,}", field="votes"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}", field="votes") from None
    text = _decode(data, path)
    form = _form(path, text)
    if form == "json":
        questions = _from_json(path, text)
    else:
        questions = _from_rows(path, _csv_rows(path, text))
    if not questions:
        raise InputError(f"{path}: no votes in the file", field="votes")
    return VotesFile(path, form, tuple(_finish(questions)))


def _decode(data: bytes, path: Path) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"{path}, line {line}: not UTF-8 text (byte 0x{data[exc.start]:02x})", field="votes"
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError(f"{path}, line {line}: binary content (a NUL byte)", field="votes")
    return text.removeprefix("\ufeff")


def _form(path: Path, text: str) -> str:
    suffix = path.suffix.lower()
    if suffix in (".json", ".csv"):
        return suffix[1:]
    return "json" if text.lstrip()[:1] in ("[", "{") else "csv"


# -- the values of one field -----------------------------------------------------------------


def _fail(where: str, name: str, message: str) -> InputError:
    return InputError(f"{where}: field {name!r}: {message}", field=name)


def _text(value: object, where: str, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _fail(where, name, "must be text")
    return value.strip() or None


def _number(value: object, where: str, name: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool | float):
        raise _fail(where, name, f"{value!r} is not a whole number")
    try:
        number = int(str(value).strip())
    except ValueError:
        raise _fail(where, name, f"{str(value)[:40]!r} is not a whole number") from None
    if not 0 <= number < 2**63:
        raise _fail(where, name, f"{number} is out of range")
    return number


def _code(value: object, where: str, name: str) -> str:
    text = _text(value, where, name)
    if text is None:
        raise _fail(where, name, "a member code is required")
    code = text.upper()
    if not _CODE.match(code):
        raise _fail(where, name, f"{text[:20]!r} is not a member code (letters, digits, '-')")
    return code


def _vote(value: object, where: str, name: str) -> Vote:
    text = _text(value, where, name)
    if text is None:
        raise _fail(where, name, "a vote is required")
    try:
        return Vote.parse(text)
    except InputError as exc:
        raise _fail(where, name, str(exc)) from None


def _date(value: object, where: str) -> date:
    text = _text(value, where, "date")
    if text is None:
        raise _fail(where, "date", "a date YYYY-MM-DD is required")
    try:
        return parse_date(text[:10] if len(text) > 10 and text[10] == "T" else text)
    except InputError:
        raise _fail(where, "date", f"{text[:40]!r} is not a date YYYY-MM-DD") from None


def _matter(value: object, where: str) -> Matter | None:
    text = _text(value, where, "matter")
    if text is None:
        return None
    try:
        return Matter.parse(text)
    except InputError as exc:
        raise _fail(where, "matter", str(exc)) from None


def _outcome(value: object, where: str) -> Outcome | None:
    text = _text(value, where, "outcome")
    if text is None:
        return None
    try:
        return Outcome(text.lower())
    except ValueError:
        raise _fail(where, "outcome", f"{text[:40]!r}: use adopted, vetoed or failed") from None


def _kind(value: object, where: str) -> str | None:
    text = _text(value, where, "kind")
    if text is None:
        return None
    kind = text.lower()
    if kind == "procedural":
        return "draft"
    if kind not in KINDS:
        names = "draft, amendment, procedural, membership or preliminary"
        raise _fail(where, "kind", f"{text[:40]!r}: use {names}")
    return kind


def _codes(value: object, where: str, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        parts: Sequence[object] = [p for p in re.split(r"[;,]", value) if p.strip()]
    elif isinstance(value, list):
        parts = value
    else:
        raise _fail(where, name, "must be a list of member codes")
    return tuple(_code(p, where, name) for p in parts)


# -- CSV and JSON vote rows --------------------------------------------------------------------


def _csv_rows(path: Path, text: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
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


def _from_rows(path: Path, rows: Iterator[tuple[str, Mapping[str, Any]]]) -> list[_Draft]:
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
                    raise _fail(
                        where,
                        name,
                        f"{_shown(values[name])} differs from {_shown(question.fields[name])} "
                        f"given for the same question at {question.where.rsplit(', ', 1)[-1]}",
                    )
        if member in question.votes:
            raise _fail(where, "member", f"{member} votes twice on the same question")
        question.votes[member] = vote
    return [_Draft(q.where, {**q.fields, "votes": q.votes}) for q in found.values()]


def _shown(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return repr(value.value if isinstance(value, Outcome | Matter) else value)


# -- JSON drafts -------------------------------------------------------------------------------


@dataclass
class _Draft:
    """A question's fields as read, before numbering and naming."""

    where: str
    fields: dict[str, Any]


def _from_json(path: Path, text: str) -> list[_Draft]:
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
        return _from_rows(path, ((f"{path}, item {n}", i) for n, i in enumerate(items, 1)))
    return [_json_draft(f"{path}, item {n}", item) for n, item in enumerate(items, 1)]


def _json_draft(where: str, item: object) -> _Draft:
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
                raise _fail(where, "members", "each member must be an object {code, vote}")
            code = _code(member.get("code"), where, "members")
            if code in votes:
                raise _fail(where, "members", f"{code} is listed twice")
            votes[code] = _vote(member.get("vote"), where, "members")
    else:
        raise _fail(where, "votes", "a draft needs its votes (an object CODE: VOTE)")
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
    return _Draft(where, fields)


# -- numbering, naming, checking ----------------------------------------------------------------


@cache
def _veto_seats() -> frozenset[str]:
    from unsc.council import council_presets

    return frozenset(s.seat_id for c in council_presets().values() for s in c.seats if s.veto)


def holds_veto(code: str) -> bool:
    """A state that held a permanent seat, or a preset's seat with a veto (``P-RUS``)."""
    if is_state_code(code):
        return permanent_seat_of(code) is not None
    return code in _veto_seats()


def _finish(drafts: list[_Draft]) -> list[VotedQuestion]:
    given = [d.fields["draft_id"] for d in drafts if d.fields["draft_id"] is not None]
    seen: dict[int, str] = {}
    for d in drafts:
        number = d.fields["draft_id"]
        if number is not None:
            if number in seen:
                raise _fail(d.where, "draft_id", f"{number} is also the number of {seen[number]}")
            seen[number] = d.where
    following = max(given, default=0)
    numbers: list[int] = []
    for d in drafts:
        if d.fields["draft_id"] is None:
            following += 1
            numbers.append(following)
        else:
            numbers.append(d.fields["draft_id"])
    symbols = {n: d.fields["symbol"] or f"Q{n}" for n, d in zip(numbers, drafts, strict=True)}
    return [_question(d, n, symbols) for n, d in zip(numbers, drafts, strict=True)]


def _question(d: _Draft, number: int, symbols: Mapping[int, str]) -> VotedQuestion:
    f, where = d.fields, d.where
    votes: dict[str, Vote] = f["votes"]
    if not votes:
        raise _fail(where, "votes", "a question with no votes")
    kind = f["kind"] or "draft"
    matter = f["matter"] or {"amendment": Matter.AMENDMENT, "preliminary": Matter.PRELIMINARY}.get(
        kind, Matter.SUBSTANTIVE
    )
    tally: dict[str, int] = f["tally"]
    for key, stated in tally.items():
        counted = sum(1 for v in votes.values() if v.value == key)
        if counted > stated:
            raise _fail(where, key, f"{counted} members voted {key} but the tally says {stated}")
    outcome: Outcome | None = f["outcome"]
    vetoed_by: tuple[str, ...] | None = f["vetoed_by"]
    if vetoed_by is None:
        vetoed_by = (
            tuple(c for c, v in votes.items() if v is Vote.NO and holds_veto(c))
            if outcome is Outcome.VETOED
            else ()
        )
    for code in vetoed_by:
        if code in votes and votes[code] is not Vote.NO:
            raise _fail(where, "vetoed_by", f"{code} voted {votes[code].value}, not no")
    if vetoed_by and outcome is not None and outcome is not Outcome.VETOED:
        raise _fail(where, "vetoed_by", f"vetoers named but the outcome is {outcome.value}")
    amends = f.get("amends")
    if isinstance(amends, str) and amends.isdigit():  # a session names the question it amends
        amends = int(amends)
    if isinstance(amends, int):
        amends = symbols.get(amends, f"Q{amends}")
    return VotedQuestion(
        draft_id=number,
        symbol=symbols[number],
        date=f["date"],
        agenda=f["agenda"],
        title=f["title"],
        matter=matter,
        kind=kind,
        outcome=outcome,
        votes=dict(votes),
        vetoed_by=tuple(dict.fromkeys(vetoed_by)),
        where=where,
        amends=amends,
        resolution_number=f["resolution_number"],
        tally=dict(tally),
        names=dict(f.get("names") or {}),
        sponsors=tuple(f.get("sponsors") or ()),
        source=f["source"],
    )
