"""The monthly presidency of the Council.

Rule 18 of the provisional rules of procedure (S/96/Rev.7): the presidency is held in turn by
the members "in the English alphabetical order of their names", each for one calendar month.
In practice the turn carries over from December into January, continuing with the next name
in the new year's membership after the last president's name (the 2022-2025 presidencies
follow this: India in December 2022, Japan in January 2023; Ecuador in December 2023, France
in January 2024). unsc computes the presidency from the membership by that rolling pointer,
starting with the first name of 1946; actual history departs from it where the Council
decided otherwise (res. 14 (1946) suspended rule 18 to align the rotation with the year).
"""

from __future__ import annotations

from datetime import date
from functools import cache

from unsc.errors import InputError
from unsc.membership import FIRST_DAY, Member, last_known_day, members_on


def _month_key(on: date) -> tuple[int, int]:
    return on.year, on.month


@cache
def _presidents_by_month() -> dict[tuple[int, int], Member]:
    schedule: dict[tuple[int, int], Member] = {}
    last_name: str | None = None
    year, month = FIRST_DAY.year, FIRST_DAY.month
    end = last_known_day()
    while (year, month) <= (end.year, end.month):
        council = members_on(date(year, month, 1))
        names = [m.name for m in council]
        if last_name is None:
            chosen = council[0]
        else:
            later = [m for m in council if m.name > last_name]
            chosen = later[0] if later else council[0]
        schedule[(year, month)] = chosen
        last_name = chosen.name
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        del names
    return schedule


def president_on(on: date) -> Member:
    """The member holding the presidency in the month of a date (rule 18)."""
    found = _presidents_by_month().get(_month_key(on))
    if found is None:
        raise InputError(f"no presidency known for {on:%B %Y}", field="date")
    return found


def presidencies(year: int) -> tuple[Member, ...]:
    """The twelve presidents of a year, January first."""
    return tuple(president_on(date(year, m, 1)) for m in range(1, 13))
