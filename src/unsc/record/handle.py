"""``Record``: the record database as one object whose methods return typed, frozen values.

A thin layer over the query functions of :mod:`unsc.record.query` (which the CLI and the HTTP
API call for their JSON): each method runs one query and wraps its answer in a value of
:mod:`unsc.record.values`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import TracebackType

from unsc.record import query
from unsc.record.db import connect, default_db_path
from unsc.record.params import Bound
from unsc.record.values import (
    Agreement,
    CastVote,
    Draft,
    Resolution,
    SearchHit,
    Veto,
    VetoCount,
    YearStats,
)
from unsc.record.verify import VerifyReport, verify


class Record:
    """The record of the Council's votes since 1946, read from its SQLite database.

    ``path`` is the database file; without it, ``$UNSC_DB``, else the default location
    (:func:`unsc.record.db.default_db_path`). The file is opened read-only on first use; a
    missing file is a :class:`~unsc.errors.NotFoundError` that says how to build it. Use it as a
    context manager, or call :meth:`close`, to close the connection.

    Periods (``since``, ``until``) are years (``2010``) or dates, inclusive. Member codes are
    ISO 3166 alpha-3 codes or names (``RUS``, ``"Russian Federation"``); with ``seat=True`` the
    other holders of a member's permanent seat count too (RUS with the USSR).
    """

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = default_db_path(path)
        self._conn: sqlite3.Connection | None = None

    def __repr__(self) -> str:
        return f"Record({str(self.path)!r})"

    @property
    def connection(self) -> sqlite3.Connection:
        """The open read-only connection (opened on first use)."""
        if self._conn is None:
            self._conn = connect(self.path)
        return self._conn

    def close(self) -> None:
        """Close the connection; a later query opens it again."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Record:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def resolution(self, number: int) -> Resolution:
        """A resolution by number, with its tally and each member's vote."""
        return Resolution.from_dict(query.resolution(self.connection, number))

    def draft(self, symbol: str) -> Draft:
        """A draft by document symbol (``S/2023/638``), adopted or not."""
        return Draft.from_dict(query.draft(self.connection, symbol))

    def vetoes(
        self,
        member: str | None = None,
        since: Bound = None,
        until: Bound = None,
        *,
        seat: bool = False,
        include_amendments: bool = False,
    ) -> tuple[Veto, ...]:
        """Every vetoed draft, oldest first; ``member`` keeps those it vetoed. Amendments
        apart, as the UN Library counts, unless ``include_amendments``."""
        rows = query.vetoes(
            self.connection,
            member,
            since,
            until,
            seat=seat,
            include_amendments=include_amendments,
        )
        return tuple(Veto.from_dict(r) for r in rows)

    def veto_counts(
        self, since: Bound = None, until: Bound = None, *, include_amendments: bool = False
    ) -> tuple[VetoCount, ...]:
        """How many drafts each member vetoed, most first."""
        rows = query.veto_counts(
            self.connection, since, until, include_amendments=include_amendments
        )
        return tuple(VetoCount.from_dict(r) for r in rows)

    def votes(
        self,
        member: str,
        since: Bound = None,
        until: Bound = None,
        *,
        seat: bool = False,
    ) -> tuple[CastVote, ...]:
        """Every vote a member cast (or did not cast), oldest first."""
        rows = query.member_votes(self.connection, member, since, until, seat=seat)
        return tuple(CastVote.from_dict(r) for r in rows)

    def agreement(
        self,
        member: str,
        other: str,
        since: Bound = None,
        until: Bound = None,
        *,
        seat: bool = False,
    ) -> tuple[Agreement, ...]:
        """How often two members voted alike, by year."""
        rows = query.agreement(self.connection, member, other, since, until, seat=seat)
        return tuple(Agreement.from_dict(r) for r in rows)

    def stats(
        self, since: Bound = None, until: Bound = None, *, include_amendments: bool = False
    ) -> tuple[YearStats, ...]:
        """Resolutions, unanimity, abstentions, vetoes and failed drafts by year."""
        rows = query.stats_by_year(
            self.connection, since, until, include_amendments=include_amendments
        )
        return tuple(YearStats.from_dict(r) for r in rows)

    def search(self, text: str, limit: int = 50) -> tuple[SearchHit, ...]:
        """Drafts and resolutions whose text holds every word of ``text``, newest first."""
        return tuple(SearchHit.from_dict(r) for r in query.search(self.connection, text, limit))

    def verify(self) -> VerifyReport:
        """Replay every vote of the record through the rules engine (``unsc record verify``)."""
        return verify(self.connection)
