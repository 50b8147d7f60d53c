"""Facts about the record that the project curates, each row with a public source.

Three tables in ``unsc/data`` (format in ``docs/data.md``):

- ``record_corrections.csv``: one field of one vote set from a public source where the build's
  sources are wrong or silent (``subject,field,value,source,note``): the vote line of a
  resolution adopted without a vote, a member that did not participate, a procedural vote, an
  amendment and the draft it amends, an outcome;
- ``record_questions.csv``: votes no source of the build has (vetoed amendments and membership
  applications left out of the UN Library's lists), one row each with its meeting record;
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

from unsc._data import curated_rows, optional_date
from unsc.errors import RecordError
from unsc.record.records import Kind, Tally, VoteLine
from unsc.types import Matter, Outcome, Vote

CORRECTIONS = "record_corrections.csv"
QUESTIONS = "record_questions.csv"
EXCEPTIONS = "record_exceptions.csv"
SOURCE_ID = "unsc-curated"

_SUBJECT = re.compile(r"^(res:[1-9]\d*|draft:S/\S+)$")
_CODE = re.compile(r"^[A-Z]{3}$")
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
class Correction:
    """One field of one vote, set from a public source."""

    line: int
    subject: str
    field: str
    value: str
    source: str
    note: str

    @property
    def where(self) -> str:
        return f"{CORRECTIONS}:{self.line}"


@dataclass(frozen=True, slots=True)
class CuratedQuestion:
    """A vote that no source of the build records (``record_questions.csv``)."""

    line: int
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

    @property
    def where(self) -> str:
        return f"{QUESTIONS}:{self.line}"


@dataclass(frozen=True, slots=True)
class KeptException:
    """A vote kept as recorded although it breaks an invariant (``record_exceptions.csv``)."""

    line: int
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
