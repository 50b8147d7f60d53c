"""Member votes on drafts not adopted, from the public record (``record_member_votes.csv``).

For most drafts that failed or were vetoed before 1994 the build's sources give only the tally
and who vetoed ("vetoed by USSR, 9-2-0"). The meeting record lists every member's vote ("In
favour: ...; Against: ...; Abstaining: ..."), and so do the UN Yearbook, FRUS and press
reports of the day. Each row of the curated file gives the whole ballot of one such draft,
named by its document symbol or its curated id (``S/PV.NNN#TAG`` of ``record_vote_refs.csv``),
with its public source and how sure it is; format in ``docs/data.md``.

This module reads and checks the rows: a draft once, a date, the tally the votes must add up
to exactly, every member seated that day named once and no one else (a member the source says
did not take part is ``not_voting``), a source. A bad row stops the build with a
:class:`~unsc.errors.RecordError` naming file, line and field;
:mod:`unsc.record.reconcile_member_votes` applies the rows to the record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import ClassVar

from unsc._data import curated_rows, optional_date
from unsc.errors import RecordError
from unsc.membership import members_on
from unsc.record.curated import _REF, CuratedRow, _member_votes
from unsc.record.records import Tally
from unsc.record.vote_refs import check_votes
from unsc.types import Vote

MEMBER_VOTES = "record_member_votes.csv"


@dataclass(frozen=True, slots=True)
class CuratedBallot(CuratedRow):
    """One row of ``record_member_votes.csv``: every member's vote on one draft."""

    FILE: ClassVar[str] = MEMBER_VOTES
    draft: str
    """The draft's document symbol (``S/4523``) or curated id (``S/PV.57#PRT``)."""
    date: date
    tally: Tally
    votes: tuple[tuple[str, Vote], ...]
    source: str
    note: str


def error(message: str, line: int, field: str | None = None) -> RecordError:
    return RecordError(message, file=MEMBER_VOTES, line=line, field=field)


def _check_ballot(row: CuratedBallot) -> None:
    """The votes add up to the tally and name each member seated that day exactly once."""
    check_votes(row.votes, row.tally, row.date, file=MEMBER_VOTES, line=row.line)
    named = {code for code, _ in row.votes}
    missing = sorted(m.code for m in members_on(row.date) if m.code not in named)
    if missing:
        raise error(
            f"{', '.join(missing)} sat on the Council on {row.date.isoformat()} and have no "
            "vote here (a member present that did not take part is not_voting; one not at the "
            "meeting, such as the USSR during its boycott of 13 Jan - 1 Aug 1950, is absent)",
            row.line,
            "votes",
        )


@cache
def curated_ballots(name: str = MEMBER_VOTES) -> tuple[CuratedBallot, ...]:
    """Every row of ``record_member_votes.csv``, checked (:func:`_check_ballot`)."""
    found: list[CuratedBallot] = []
    seen: set[str] = set()
    for line, row in curated_rows(name):
        draft = row["draft"]
        if not (draft.startswith("S/") and " " not in draft) or (
            draft.startswith("S/PV.") and not _REF.match(draft)
        ):
            raise error(f"{draft!r}: a draft symbol S/NNNN or an id S/PV.NNN#TAG", line, "draft")
        if draft in seen:
            raise error(f"{draft} is listed twice", line, "draft")
        seen.add(draft)
        when = optional_date(row["date"], file=MEMBER_VOTES, line=line, field="date")
        if when is None:
            raise error("a vote needs its date", line, "date")
        try:
            tally = Tally.parse(row["tally"])
        except ValueError as exc:
            raise error(str(exc), line, "tally") from None
        if not row["source"]:
            raise error("every curated row needs a public source", line, "source")
        if not row["votes"]:
            raise error("the file gives member votes: none here", line, "votes")
        entry = CuratedBallot(
            line=line,
            draft=draft,
            date=when,
            tally=tally,
            votes=_member_votes(row["votes"], file=MEMBER_VOTES, line=line),
            source=row["source"],
            note=row["note"],
        )
        _check_ballot(entry)
        found.append(entry)
    return tuple(found)
