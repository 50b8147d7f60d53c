"""Reading the parameters of record queries: years and dates, member codes, document symbols.

Every bad value is an :class:`~unsc.errors.InputError` that names the parameter, so the command
line and the HTTP API can point at the option the user got wrong.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import date

from unsc.errors import InputError, NotFoundError
from unsc.membership import terms, terms_of
from unsc.states import resolve_state
from unsc.types import parse_date

Bound = int | date | str | None
"""A period bound: a year (``2010``), a date, or ISO text (``"2010"`` or ``"2010-06-30"``)."""

_YEAR = re.compile(r"[0-9]{4}")


def date_bound(value: Bound, *, field: str, end: bool = False) -> str | None:
    """An ISO date for SQL comparison: a year starts on 1 January, or ends on 31 December.

    >>> date_bound(2010, field="since"), date_bound("2010", field="until", end=True)
    ('2010-01-01', '2010-12-31')
    """
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if _YEAR.fullmatch(text):
        year = int(text)
        if not 1945 <= year <= 2200:
            raise InputError(f"{field}: year {year} is outside 1945-2200", field=field)
        return f"{year:04d}-12-31" if end else f"{year:04d}-01-01"
    try:
        return parse_date(text, field).isoformat()
    except InputError:
        raise InputError(
            f"{field}: {str(value)[:40]!r} is neither a year YYYY nor a date YYYY-MM-DD",
            field=field,
        ) from None


def period(since: Bound, until: Bound) -> tuple[str, str]:
    """The closed interval ``[since, until]`` as ISO text, open ends widened to all time."""
    first = date_bound(since, field="since") or "0000-01-01"
    last = date_bound(until, field="until", end=True) or "9999-12-31"
    if first > last:
        raise InputError(f"since ({first}) is after until ({last})", field="since")
    return first, last


def member_code(conn: sqlite3.Connection, text: str, *, field: str = "member") -> str:
    """A member's code from a code or a name as the sources spell it ("USSR", "Russia").

    A code the database does not know is a :class:`NotFoundError` naming ``field``.
    """
    raw = (text or "").strip()
    if not raw:
        raise InputError(f"{field}: give a member code such as RUS or USA", field=field)
    code = raw.upper()
    if not _known(conn, code):
        try:
            code = resolve_state(raw)
        except InputError:
            raise NotFoundError(
                f"{field}: unknown member {raw!r}; use an ISO 3166 alpha-3 code such as RUS, "
                "USA or SUN (the USSR)",
                field=field,
            ) from None
        if not _known(conn, code):
            raise NotFoundError(f"{field}: member {code} is not in the record", field=field)
    return code


def _known(conn: sqlite3.Connection, code: str) -> bool:
    row = conn.execute("SELECT 1 FROM states WHERE code = ?", (code,)).fetchone()
    if row is not None:
        return True
    # A database whose states table is not filled still has the member's votes.
    return (
        conn.execute("SELECT 1 FROM votes WHERE state_code = ? LIMIT 1", (code,)).fetchone()
        is not None
    )


def seat_codes(code: str) -> tuple[str, ...]:
    """The member and every other holder of the permanent seat it held (RUS -> RUS, SUN).

    An elected member has no predecessors: the result is just its own code. Seat holders come
    from the curated membership table (``unsc/data/membership.csv``): the USSR's seat passed to
    the Russian Federation on 24 Dec 1991, China's seat from the Republic of China (TWN) to the
    People's Republic on 25 Oct 1971 (GA res. 2758 (XXVI)).
    """
    seats = {t.seat_id for t in terms_of(code) if t.seat_id != "E"}
    if not seats:
        return (code,)
    holders = {t.code for t in terms() if t.seat_id in seats}
    return (code, *sorted(holders - {code}))


def draft_symbol(text: str) -> str:
    """A draft's document symbol in the UN's spelling: ``s/2023/638/rev.1`` -> ``S/2023/638/Rev.1``.

    The UN writes the series in capitals and the suffixes ``Rev.``, ``Add.``, ``Corr.`` and
    ``Amend.`` with a capital first letter, as in S/15255/Rev.2 and S/3188/Corr.1.
    """
    symbol = re.sub(r"\s+", "", (text or "").strip()).upper()
    if not symbol:
        raise InputError("symbol: give a draft symbol such as S/2023/638", field="symbol")
    return re.sub(r"/(REV|ADD|CORR|AMEND)\.", lambda m: f"/{m.group(1).capitalize()}.", symbol)
