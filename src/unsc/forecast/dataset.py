"""The record as training data: every question put to the vote, in date order, with its votes.

Per-member votes before 1994 exist only for adopted resolutions; failed drafts of that time have
tallies and vetoers but not every member's vote (sources ``undl-wide`` and ``oliverunv`` in
``docs/data.md``). Such drafts
are kept with the votes that are known (the vetoers' "no") and marked incomplete: they feed the
history (an agenda item that drew a veto is a contested one) but train no member rows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

import numpy as np
from numpy.typing import NDArray

from unsc.errors import InputError
from unsc.forecast.features import (
    FEATURE_NAMES,
    DraftSpec,
    History,
    RecordedDraft,
    by_day,
    vote_class,
)
from unsc.membership import members_on, permanent_seat_of
from unsc.types import Matter, Outcome, Vote


@cache
def seats_on(on: date) -> dict[str, str] | None:
    """Member code -> seat id on a date, from the curated membership; None outside its range."""
    try:
        return {m.code: m.seat_id for m in members_on(on)}
    except InputError:
        return None


def _seat_of(code: str, on: date) -> str:
    known = seats_on(on)
    if known and code in known:
        return known[code]
    return permanent_seat_of(code) or "E"


def load_record(conn: sqlite3.Connection, *, before: date | None = None) -> list[RecordedDraft]:
    """Every draft in the record (optionally only those dated before ``before``), oldest first."""
    votes: dict[int, dict[str, Vote]] = {}
    for row in conn.execute("SELECT draft_id, state_code, vote FROM votes"):
        votes.setdefault(int(row[0]), {})[str(row[1])] = Vote(str(row[2]))
    vetoers: dict[int, set[str]] = {}
    for row in conn.execute("SELECT draft_id, state_code FROM vetoes"):
        vetoers.setdefault(int(row[0]), set()).add(str(row[1]))
    drafts: list[RecordedDraft] = []
    # Decisions taken without a vote (``vote_line`` other than "voted") carry no member votes
    # and no tally in the record: there is nothing to learn from, so they are left out.
    query = (
        "SELECT draft_id, date, agenda, subjects, sponsors, matter, outcome, yes, no, abstain "
        "FROM drafts WHERE vote_line = 'voted' ORDER BY date, draft_id"
    )
    for row in conn.execute(query):
        day = date.fromisoformat(str(row[1]))
        if before is not None and day >= before:
            break
        draft_id = int(row[0])
        known = dict(votes.get(draft_id, {}))
        tally = [row[7], row[8], row[9]]
        needed = sum(int(t) for t in tally) if all(t is not None for t in tally) else None
        complete = bool(known) and (needed is None or len(known) >= needed) and len(known) >= 5
        for code in vetoers.get(draft_id, ()):
            known.setdefault(code, Vote.NO)
        members = seats_on(day)
        if members is None:
            members = {c: _seat_of(c, day) for c in known}
        else:
            members = dict(members)
            for code in known:
                members.setdefault(code, _seat_of(code, day))
        sponsors = tuple(s.strip() for s in str(row[4] or "").split(";") if s.strip())
        spec = DraftSpec(
            date=day,
            agenda=str(row[2] or ""),
            members=members,
            topic=_first_subject(row[3]),
            sponsors=sponsors,
            matter=Matter(str(row[5])),
        )
        drafts.append(RecordedDraft(draft_id, spec, Outcome(str(row[6])), known, complete))
    return drafts


def _first_subject(subjects: object) -> str:
    """The first subject of the record's ';'-separated list: the draft's topic."""
    if not subjects:
        return ""
    return str(subjects).split(";")[0].strip()


@dataclass(frozen=True, slots=True)
class Matrix:
    """Member rows of every complete draft: features as of the draft's day, and the vote."""

    x: NDArray[np.float64]
    y: NDArray[np.int64]
    row_draft: NDArray[np.int64]  # index into ``drafts``
    row_member: tuple[str, ...]
    drafts: tuple[RecordedDraft, ...]
    draft_rows: tuple[tuple[int, int], ...]  # for each draft: slice of all its members' rows
    x_all: NDArray[np.float64]  # features of every sitting member of every draft
    member_codes: tuple[tuple[str, ...], ...]
    history: History

    def years(self) -> NDArray[np.int64]:
        return np.array([d.spec.date.year for d in self.drafts], dtype=np.int64)


def build_matrix(drafts: Sequence[RecordedDraft]) -> Matrix:
    """Walk the record day by day: features from earlier days, then add the day's votes."""
    history = History()
    blocks: list[NDArray[np.float64]] = []
    codes: list[tuple[str, ...]] = []
    slices: list[tuple[int, int]] = []
    x_rows: list[int] = []
    y: list[int] = []
    row_draft: list[int] = []
    row_member: list[str] = []
    start = 0
    index = 0
    for day in by_day(drafts):
        for draft in day:
            feats = history.features(draft.spec)
            members = tuple(draft.spec.members)
            blocks.append(feats)
            codes.append(members)
            slices.append((start, start + len(members)))
            if draft.complete:
                for i, code in enumerate(members):
                    vote = draft.votes.get(code)
                    if vote is None:
                        continue
                    x_rows.append(start + i)
                    y.append(vote_class(vote))
                    row_draft.append(index)
                    row_member.append(code)
            start += len(members)
            index += 1
        for draft in day:
            history.update(draft)
    x_all = np.vstack(blocks) if blocks else np.zeros((0, len(FEATURE_NAMES)))
    return Matrix(
        x=x_all[np.array(x_rows, dtype=np.int64)] if x_rows else x_all[:0],
        y=np.array(y, dtype=np.int64),
        row_draft=np.array(row_draft, dtype=np.int64),
        row_member=tuple(row_member),
        drafts=tuple(drafts),
        draft_rows=tuple(slices),
        x_all=x_all,
        member_codes=tuple(codes),
        history=history,
    )
