"""Ids for the votes the sources hold without a document symbol (``record_vote_refs.csv``).

The UN Library's meetings tables record many early votes only by their meeting ("Draft
resolution S/PV.57 vetoed by USSR 9-1-1"): votes on an admission put without a draft of its own,
preliminary questions, drafts read out at the table. Each row of the curated file names one of
them: it is matched in the built record by date, meeting record, kind and tally (and, where a
meeting has several votes alike, by their order), and gives the vote its id ``S/PV.NNN#TAG``
(``#`` and the applicant's code for a vote on one state, ``S/PV.57#JOR``), a title, the
draft's symbol where a public source gives one, and the member votes where a source lists
them. Every row carries its public source; format in ``docs/data.md``.

This module reads and checks the rows (member votes that do not add up to the tally or name a
member not seated that day stop the build with a :class:`~unsc.errors.RecordError` naming file,
line and field); :mod:`unsc.record.reconcile_refs` applies them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import ClassVar

from unsc._data import curated_rows, optional_date
from unsc.errors import RecordError
from unsc.membership import members_on
from unsc.record.curated import _REF, CuratedRow, _member_votes
from unsc.record.records import Kind, Tally
from unsc.types import Vote

VOTE_REFS = "record_vote_refs.csv"


@dataclass(frozen=True, slots=True)
class VoteRef(CuratedRow):
    """One row of ``record_vote_refs.csv``: how to find a vote and what to call it."""

    FILE: ClassVar[str] = VOTE_REFS
    ref: str
    date: date
    meeting_record: str
    kind: Kind
    tally: Tally | None
    order: int | None
    """Among the votes alike (same day, meeting, kind and tally), the n-th in the order the
    UN Library's meetings table lists them; None when the vote is the only one alike."""
    symbol: str | None
    title: str
    votes: tuple[tuple[str, Vote], ...]
    source: str
    note: str


def error(message: str, line: int, field: str | None = None) -> RecordError:
    return RecordError(message, file=VOTE_REFS, line=line, field=field)


def check_votes(
    votes: tuple[tuple[str, Vote], ...], tally: Tally | None, on: date, *, file: str, line: int
) -> None:
    """Member votes of a curated row need the tally, must add up to it exactly and may name
    only members seated on the day ``on`` (``membership.csv``)."""
    if not votes:
        return
    if tally is None:
        raise RecordError(
            "member votes need the tally they add up to", file=file, line=line, field="votes"
        )
    counted = {v: sum(1 for _, cast in votes if cast is v) for v in Vote}
    found = Tally(counted[Vote.YES], counted[Vote.NO], counted[Vote.ABSTAIN])
    if found.text() != tally.text():
        raise RecordError(
            f"the member votes add up to {found.text()}, the tally is {tally.text()}",
            file=file,
            line=line,
            field="votes",
        )
    seated = {m.code for m in members_on(on)}
    strangers = sorted(code for code, _ in votes if code not in seated)
    if strangers:
        raise RecordError(
            f"{', '.join(strangers)} did not sit on the Council on {on.isoformat()}",
            file=file,
            line=line,
            field="votes",
        )


def check_vetoes_kept(
    vetoed_by: Iterable[str], votes: Mapping[str, Vote], what: str, *, file: str, line: int
) -> None:
    """Curated member votes keep every veto the record holds: a veto is a permanent member's
    negative vote (Charter Art. 27(3)), so each member the record says vetoed ``what`` votes no."""
    dropped = [code for code in vetoed_by if votes.get(code) is not Vote.NO]
    if dropped:
        raise RecordError(
            f"{', '.join(dropped)} vetoed {what} in the record but does not vote no here",
            file=file,
            line=line,
            field="votes",
        )


@cache
def vote_refs(name: str = VOTE_REFS) -> tuple[VoteRef, ...]:
    """Every row of ``record_vote_refs.csv``, checked (an id once, ``S/PV.NNN#TAG`` starting
    with its meeting record, a kind, a tally and member votes that agree, a source)."""
    found: list[VoteRef] = []
    seen: set[str] = set()
    for line, row in curated_rows(name):
        ref, meeting = row["ref"], row["meeting_record"]
        if not _REF.match(ref) or not ref.startswith(meeting + "#"):
            raise error(f"ref {ref!r}: use {meeting or 'S/PV.NNN'}#TAG", line, "ref")
        if ref in seen:
            raise error(f"{ref} is listed twice", line, "ref")
        seen.add(ref)
        when = optional_date(row["date"], file=name, line=line, field="date")
        if when is None:
            raise error("a vote needs its date", line, "date")
        try:
            kind = Kind(row["kind"])
            tally = Tally.parse(row["tally"]) if row["tally"] else None
        except ValueError as exc:
            raise error(str(exc), line, "kind" if "tally" not in str(exc) else "tally") from None
        order = row["order"]
        if order and not (order.isdigit() and int(order) >= 1):
            raise error(f"order {order!r}: a whole number from 1", line, "order")
        symbol = row["symbol"] or None
        if symbol is not None and not symbol.startswith("S/"):
            raise error(f"{symbol!r} is not a draft symbol", line, "symbol")
        if not row["source"]:
            raise error("every curated row needs a public source", line, "source")
        entry = VoteRef(
            line=line,
            ref=ref,
            date=when,
            meeting_record=meeting,
            kind=kind,
            tally=tally,
            order=int(order) if order else None,
            symbol=symbol,
            title=row["title"],
            votes=_member_votes(row["votes"], file=name, line=line),
            source=row["source"],
            note=row["note"],
        )
        check_votes(entry.votes, entry.tally, entry.date, file=VOTE_REFS, line=line)
        found.append(entry)
    return tuple(found)
