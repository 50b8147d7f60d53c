"""Facts about the record that the project curates, each row with a public source.

Three tables in ``unsc/data`` (format in ``docs/data.md``):

- ``record_corrections.csv``: one field of one vote set from a public source where the build's
  sources are wrong or silent (``subject,field,value,source,note``): the vote line of a
  resolution adopted without a vote, a member that did not participate, a procedural vote, an
  amendment and the draft it amends, an outcome;
- ``record_questions.csv``: votes no source of the build has (vetoed amendments and membership
  applications left out of the UN Library's lists), one row each with its meeting record;
- ``record_unlisted_vetoes.csv``: vetoes the UN Library's veto list leaves out (on admission
  applications put without a draft of their own, on paragraphs, on amendments), one row per
  vote with its id, who vetoed, the tally and member votes where the source gives them;
- ``record_exceptions.csv``: votes that break an invariant of :mod:`unsc.record.invariants`
  and are kept as the Council recorded them.

A bad row stops the build with a :class:`~unsc.errors.RecordError` naming file, line and field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import ClassVar

from unsc._data import curated_rows, optional_date
from unsc.errors import RecordError
from unsc.record.records import Kind, Tally, VoteLine
from unsc.types import Matter, Outcome, Vote

CORRECTIONS = "record_corrections.csv"
QUESTIONS = "record_questions.csv"
EXCEPTIONS = "record_exceptions.csv"
UNLISTED = "record_unlisted_vetoes.csv"


@dataclass(frozen=True, slots=True)
class CuratedRow:
    """A row of one of the curated files of ``src/unsc/data``, known by its line: errors and
    the discrepancy report name it as ``file:line`` (``where``)."""

    FILE: ClassVar[str] = ""
    line: int

    @property
    def where(self) -> str:
        return f"{self.FILE}:{self.line}"


SOURCE_ID = "unsc-curated"

_SUBJECT = re.compile(r"^(res:[1-9]\d*|draft:S/\S+)$")
_CODE = re.compile(r"^[A-Z]{3}$")
_REF = re.compile(r"^S/PV\.[1-9]\d*#[A-Za-z0-9]+$")
"""A vote no document symbol names: its meeting record, ``#`` and the applicant's code (a
paragraph recommending one state) or a short tag (``S/PV.704#MNG``, ``S/PV.705#JPN``)."""
FIELDS = (
    "vote_line",
    "matter",
    "kind",
    "amends",
    "outcome",
    "tally",
    "vetoed_by",
    "sponsors",
    "date",
)
"""The fields a correction may set, besides ``vote:CODE`` (one member's vote)."""


@dataclass(frozen=True, slots=True)
class Correction(CuratedRow):
    """One field of one vote, set from a public source."""

    FILE: ClassVar[str] = CORRECTIONS
    subject: str
    field: str
    value: str
    source: str
    note: str


@dataclass(frozen=True, slots=True)
class CuratedQuestion(CuratedRow):
    """A vote that no source of the build records (``record_questions.csv``)."""

    FILE: ClassVar[str] = QUESTIONS
    date: date
    meeting_record: str
    symbol: str | None
    kind: Kind
    amends: str | None
    agenda: str
    outcome: Outcome
    tally: Tally | None
    vetoed_by: tuple[str, ...]
    source: str
    note: str


@dataclass(frozen=True, slots=True)
class UnlistedVeto(CuratedRow):
    """A veto the UN Library's veto list leaves out (``record_unlisted_vetoes.csv``)."""

    FILE: ClassVar[str] = UNLISTED
    ref: str
    """The draft symbol, else the synthetic id ``S/PV.NNN#TAG`` (see ``_REF``)."""
    date: date
    meeting_record: str
    symbol: str | None
    kind: Kind
    amends: str | None
    title: str
    agenda: str
    vetoed_by: tuple[str, ...]
    tally: Tally | None
    votes: tuple[tuple[str, Vote], ...]
    source: str
    note: str


@dataclass(frozen=True, slots=True)
class KeptException(CuratedRow):
    """A vote kept as recorded although it breaks an invariant (``record_exceptions.csv``)."""

    FILE: ClassVar[str] = EXCEPTIONS
    subject: str
    invariant: str
    source: str
    note: str


def _check_value(field: str, value: str, *, file: str, line: int) -> None:
    parsers = {
        "vote_line": VoteLine,
        "matter": Matter,
        "kind": Kind,
        "outcome": Outcome,
    }
    try:
        if field in parsers:
            parsers[field](value)
        elif field == "tally":
            Tally.parse(value)
        elif field.startswith("vote:"):
            if not _CODE.match(field[5:]):
                raise ValueError(f"{field!r} does not name a member code")
            Vote(value)
        elif field in ("vetoed_by", "sponsors"):
            if value and not all(_CODE.match(c) for c in value.split(";")):
                raise ValueError(f"{value!r} is not a ';'-separated list of member codes")
        elif field == "date":
            date.fromisoformat(value)
        elif field == "amends":
            if not value.startswith("S/"):
                raise ValueError(f"{value!r} is not a draft symbol")
        else:
            raise ValueError(f"unknown field {field!r}: use vote:CODE or one of {FIELDS}")
    except ValueError as exc:
        raise RecordError(str(exc), file=file, line=line, field=field) from None


def _sourced(row: dict[str, str], *, file: str, line: int) -> str:
    if not row.get("source"):
        raise RecordError("every curated row needs a public source", file=file, line=line)
    return row["source"]


@cache
def corrections(name: str = CORRECTIONS) -> tuple[Correction, ...]:
    """Every row of ``record_corrections.csv``, checked."""
    found: list[Correction] = []
    seen: set[tuple[str, str]] = set()
    for line, row in curated_rows(name):
        subject, field = row.get("subject", ""), row.get("field", "")
        if not _SUBJECT.match(subject):
            raise RecordError(
                f"subject {subject!r}: use res:NNN or draft:SYMBOL", file=name, line=line
            )
        _check_value(field, row.get("value", ""), file=name, line=line)
        if (subject, field) in seen:
            raise RecordError(f"{subject} {field} is corrected twice", file=name, line=line)
        seen.add((subject, field))
        found.append(
            Correction(
                line, subject, field, row["value"], _sourced(row, file=name, line=line), row["note"]
            )
        )
    return tuple(found)


@cache
def questions(name: str = QUESTIONS) -> tuple[CuratedQuestion, ...]:
    """Every row of ``record_questions.csv``, checked."""
    found: list[CuratedQuestion] = []
    for line, row in curated_rows(name):
        when = optional_date(row["date"], file=name, line=line, field="date")
        if when is None:
            raise RecordError("a vote needs its date", file=name, line=line, field="date")
        for field in ("kind", "outcome", "vetoed_by", "tally"):
            if row[field] or field != "tally":
                _check_value(field, row[field], file=name, line=line)
        if not row["meeting_record"].startswith("S/PV."):
            raise RecordError(
                "the meeting record is S/PV.NNN", file=name, line=line, field="meeting_record"
            )
        found.append(
            CuratedQuestion(
                line=line,
                date=when,
                meeting_record=row["meeting_record"],
                symbol=row["symbol"] or None,
                kind=Kind(row["kind"]),
                amends=row["amends"] or None,
                agenda=row["agenda"],
                outcome=Outcome(row["outcome"]),
                tally=Tally.parse(row["tally"]) if row["tally"] else None,
                vetoed_by=tuple(c for c in row["vetoed_by"].split(";") if c),
                source=_sourced(row, file=name, line=line),
                note=row["note"],
            )
        )
    return tuple(found)


def _member_votes(text: str, *, file: str, line: int) -> tuple[tuple[str, Vote], ...]:
    """``"SUN:no;TWN:yes"`` -> ((SUN, no), (TWN, yes)); each member once."""
    found: dict[str, Vote] = {}
    for part in (p.strip() for p in text.split(";") if p.strip()):
        code, _, value = part.partition(":")
        if not _CODE.match(code) or code in found:
            raise RecordError(
                f"{part!r}: write CODE:vote, each member once", file=file, line=line, field="votes"
            )
        try:
            found[code] = Vote(value)
        except ValueError:
            raise RecordError(
                f"{value!r} is not a vote ({', '.join(v.value for v in Vote)})",
                file=file,
                line=line,
                field="votes",
            ) from None
    return tuple(sorted(found.items()))


@cache
def unlisted_vetoes(name: str = UNLISTED) -> tuple[UnlistedVeto, ...]:
    """Every row of ``record_unlisted_vetoes.csv``, checked: an id once, a meeting record, a
    vetoing member, an amendment naming what it amends only as an amendment."""
    found: list[UnlistedVeto] = []
    seen: set[str] = set()
    for line, row in curated_rows(name):
        ref, symbol = row["id"], row["symbol"] or None
        if symbol is not None and ref != symbol:
            raise RecordError(
                "the id of a vote with a symbol is its symbol", file=name, line=line, field="id"
            )
        if symbol is None and not _REF.match(ref):
            raise RecordError(
                f"id {ref!r}: use the draft symbol, else S/PV.NNN#TAG",
                file=name,
                line=line,
                field="id",
            )
        if ref in seen:
            raise RecordError(f"{ref} is listed twice", file=name, line=line, field="id")
        seen.add(ref)
        when = optional_date(row["date"], file=name, line=line, field="date")
        if when is None:
            raise RecordError("a vote needs its date", file=name, line=line, field="date")
        if not row["meeting_record"].startswith("S/PV."):
            raise RecordError(
                "the meeting record is S/PV.NNN", file=name, line=line, field="meeting_record"
            )
        if not ref.startswith(row["meeting_record"] + "#") and symbol is None:
            raise RecordError(
                "a synthetic id starts with its meeting record", file=name, line=line, field="id"
            )
        for field in ("kind", "vetoed_by"):
            _check_value(field, row[field], file=name, line=line)
        if row["tally"]:
            _check_value("tally", row["tally"], file=name, line=line)
        vetoed_by = tuple(c for c in row["vetoed_by"].split(";") if c)
        if not vetoed_by:
            raise RecordError("a veto needs who cast it", file=name, line=line, field="vetoed_by")
        kind = Kind(row["kind"])
        if row["amends"] and kind is not Kind.AMENDMENT:
            raise RecordError(
                "only an amendment amends a draft", file=name, line=line, field="amends"
            )
        found.append(
            UnlistedVeto(
                line=line,
                ref=ref,
                date=when,
                meeting_record=row["meeting_record"],
                symbol=symbol,
                kind=kind,
                amends=row["amends"] or None,
                title=row["title"],
                agenda=row["agenda"],
                vetoed_by=vetoed_by,
                tally=Tally.parse(row["tally"]) if row["tally"] else None,
                votes=_member_votes(row["votes"], file=name, line=line),
                source=_sourced(row, file=name, line=line),
                note=row["note"],
            )
        )
    return tuple(found)


@cache
def exceptions(name: str = EXCEPTIONS) -> tuple[KeptException, ...]:
    """Every row of ``record_exceptions.csv``, checked."""
    found: list[KeptException] = []
    for line, row in curated_rows(name):
        if not _SUBJECT.match(row["subject"]):
            raise RecordError(
                f"subject {row['subject']!r}: use res:NNN or draft:SYMBOL", file=name, line=line
            )
        found.append(
            KeptException(
                line,
                row["subject"],
                row["invariant"],
                _sourced(row, file=name, line=line),
                row["note"],
            )
        )
    return tuple(found)


@dataclass(frozen=True, slots=True)
class Fixes:
    """The corrections by subject, for reconciliation to apply."""

    by_subject: dict[str, tuple[Correction, ...]]

    @classmethod
    def of(cls, rows: Iterable[Correction]) -> Fixes:
        grouped: dict[str, list[Correction]] = {}
        for row in rows:
            grouped.setdefault(row.subject, []).append(row)
        return cls({k: tuple(v) for k, v in grouped.items()})

    def get(self, subject: str, field: str) -> Correction | None:
        return next((c for c in self.by_subject.get(subject, ()) if c.field == field), None)

    def votes(self, subject: str) -> tuple[Correction, ...]:
        return tuple(c for c in self.by_subject.get(subject, ()) if c.field.startswith("vote:"))
