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
item (JSON) and the field. The rows and drafts are read field by field in
:mod:`unsc.record.votes_forms`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from unsc.errors import InputError
from unsc.membership import permanent_seat_of
from unsc.record.votes_forms import RawQuestion, csv_rows, field_error, from_json, from_rows
from unsc.states import is_state_code
from unsc.types import Matter, Outcome, Vote

#: The largest file read (bytes): a session of a year of weekly meetings is well under 1 MB.
MAX_BYTES = 64_000_000


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
    questions = from_json(path, text) if form == "json" else from_rows(path, csv_rows(path, text))
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


def _finish(drafts: list[RawQuestion]) -> list[VotedQuestion]:
    given = [d.fields["draft_id"] for d in drafts if d.fields["draft_id"] is not None]
    seen: dict[int, str] = {}
    for d in drafts:
        number = d.fields["draft_id"]
        if number is not None:
            if number in seen:
                raise field_error(
                    d.where, "draft_id", f"{number} is also the number of {seen[number]}"
                )
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


def _question(d: RawQuestion, number: int, symbols: Mapping[int, str]) -> VotedQuestion:
    f, where = d.fields, d.where
    votes: dict[str, Vote] = f["votes"]
    if not votes:
        raise field_error(where, "votes", "a question with no votes")
    kind = f["kind"] or "draft"
    matter = f["matter"] or {"amendment": Matter.AMENDMENT, "preliminary": Matter.PRELIMINARY}.get(
        kind, Matter.SUBSTANTIVE
    )
    tally: dict[str, int] = f["tally"]
    for key, stated in tally.items():
        counted = sum(1 for v in votes.values() if v.value == key)
        if counted > stated:
            raise field_error(
                where, key, f"{counted} members voted {key} but the tally says {stated}"
            )
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
            raise field_error(where, "vetoed_by", f"{code} voted {votes[code].value}, not no")
    if vetoed_by and outcome is not None and outcome is not Outcome.VETOED:
        raise field_error(where, "vetoed_by", f"vetoers named but the outcome is {outcome.value}")
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
