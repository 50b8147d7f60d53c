"""Who sat on the Council on any date.

Read from the curated table ``unsc/data/membership.csv`` (one row per term: state, seat, first
and last day, source). Elected members serve two-year terms from 1 January (Charter Art. 23(2)),
with split terms (Italy 2017 / Netherlands 2018) and mid-term successions (Democratic Yemen to
Yemen on 22 May 1990) as their own rows. Permanent seats are seats held by a state over time:
China's seat by the Republic of China until 25 Oct 1971 (GA res. 2758 (XXVI)), the USSR's seat
by the Russian Federation from 24 Dec 1991.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TypedDict

from unsc._data import curated_rows, optional_date
from unsc.errors import InputError, RecordError
from unsc.states import name_on, state


@dataclass(frozen=True, slots=True)
class Term:
    """A state's time in a seat: ``seat_id`` is a permanent seat id or ``"E"`` for elected."""

    code: str
    seat_id: str
    start: date
    end: date | None
    source: str

    def covers(self, on: date) -> bool:
        return self.start <= on and (self.end is None or on <= self.end)


class MemberDict(TypedDict):
    """A :class:`Member` as ``unsc council --json`` sends it (``seat_id`` as ``seat``)."""

    code: str
    name: str
    seat: str
    permanent: bool


@dataclass(frozen=True, slots=True)
class Member:
    """A member of the Council on a given date, with its name as of that date."""

    code: str
    name: str
    seat_id: str
    permanent: bool

    def to_dict(self) -> MemberDict:
        """The member as ``unsc council --json`` gives it."""
        return {
            "code": self.code,
            "name": self.name,
            "seat": self.seat_id,
            "permanent": self.permanent,
        }


@cache
def terms() -> tuple[Term, ...]:
    """Every term in the curated table, in file order."""
    found = []
    for line, row in curated_rows("membership.csv"):
        start = optional_date(row["start"], file="membership.csv", line=line, field="start")
        if start is None:
            raise RecordError("a term needs a start date", file="membership.csv", line=line)
        state(row["code"])  # an unknown code is a data error, raised here
        found.append(
            Term(
                code=row["code"],
                seat_id=row["seat"],
                start=start,
                end=optional_date(row["end"], file="membership.csv", line=line, field="end"),
                source=row["source"],
            )
        )
    return tuple(found)


FIRST_DAY = date(1946, 1, 1)


@cache
def last_known_day() -> date:
    """The last day for which the curated table knows all members."""
    ends = [t.end for t in terms() if t.end is not None]
    return max(ends)


def _check_range(on: date) -> None:
    if on < FIRST_DAY or on > last_known_day():
        raise InputError(
            f"membership is known from {FIRST_DAY} to {last_known_day()}; {on} is outside it",
            field="date",
        )


@cache
def members_on(on: date) -> tuple[Member, ...]:
    """The members on a date, sorted in English alphabetical order of their names then.

    Memoised: the answer for a date never changes within a process.
    """
    _check_range(on)
    found = [
        Member(t.code, name_on(t.code, on), t.seat_id, t.seat_id != "E")
        for t in terms()
        if t.covers(on)
    ]
    return tuple(sorted(found, key=lambda m: m.name))


def permanent_holder(seat_id: str, on: date) -> str:
    """The state holding a permanent seat on a date (``P-CHN`` in 1950 is TWN)."""
    for t in terms():
        if t.seat_id == seat_id and t.covers(on):
            return t.code
    raise InputError(f"no holder of seat {seat_id!r} on {on}", field="seat")


@cache
def permanent_seat_holders() -> dict[str, str]:
    """Every state that has held a permanent seat, with that seat's id (Charter Art. 23(1)).

    Derived from the membership table: ``TWN`` and ``CHN`` held ``P-CHN``, ``SUN`` and
    ``RUS`` held ``P-RUS``.

    >>> permanent_seat_holders()["SUN"], permanent_seat_holders()["TWN"]
    ('P-RUS', 'P-CHN')
    """
    return {t.code: t.seat_id for t in terms() if t.seat_id != "E"}


def permanent_seat_of(code: str) -> str | None:
    """The permanent seat a state holds or held (``SUN`` -> ``P-RUS``), else ``None``."""
    return permanent_seat_holders().get(code.strip().upper())


def held_permanent_seat(code: str) -> bool:
    """Whether a state holds or once held a permanent seat (its "no" can be a veto)."""
    return permanent_seat_of(code) is not None


def sat_on(code: str, on: date) -> bool:
    """Whether a state was a member on a date."""
    return any(t.code == code.upper() and t.covers(on) for t in terms())


def terms_of(code: str) -> tuple[Term, ...]:
    """A state's terms on the Council, oldest first."""
    return tuple(sorted((t for t in terms() if t.code == code.upper()), key=lambda t: t.start))


def members_in_year(year: int) -> tuple[str, ...]:
    """Codes of every state that sat at any time in a year."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    return tuple(
        sorted({t.code for t in terms() if t.start <= last and (t.end is None or t.end >= first)})
    )
