"""Reference tables of the record: states, their names, seats, holders and memberships.

They come from the curated tables of :mod:`unsc.states` and :mod:`unsc.membership`; the
source lists of member states (Internacia) and elected members (EvaMaeRey) are compared with
them and every difference is reported.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from unsc.membership import members_in_year, terms
from unsc.record.discrepancies import DiscrepancyKind
from unsc.record.reconcile import Report
from unsc.record.records import ElectedYear, StateGroup
from unsc.states import all_states, names_of

CURATED = "unsc-curated"
SEAT_NAMES = {
    "P-CHN": "China's permanent seat",
    "P-FRA": "France's permanent seat",
    "P-RUS": "The permanent seat of the USSR, then the Russian Federation",
    "P-GBR": "The United Kingdom's permanent seat",
    "P-USA": "The United States' permanent seat",
    "E": "Elected seats (Charter Art. 23(2))",
}


def write_reference(conn: sqlite3.Connection) -> None:
    states = all_states()
    conn.executemany(
        "INSERT INTO states VALUES (?, ?, ?, ?)",
        [(s.code, s.name, s.regional_group or None, s.m49 or None) for s in states],
    )
    conn.executemany(
        "INSERT INTO state_names VALUES (?, ?, ?, ?)",
        [
            (n.code, n.name, _iso(n.valid_from), _iso(n.valid_to))
            for s in states
            for n in names_of(s.code)
        ],
    )
    conn.executemany(
        "INSERT INTO seats VALUES (?, ?, ?)",
        [(k, "elected" if k == "E" else "permanent", v) for k, v in SEAT_NAMES.items()],
    )
    conn.executemany(
        "INSERT INTO seat_holders VALUES (?, ?, ?, ?)",
        [
            (t.seat_id, t.code, t.start.isoformat(), _iso(t.end))
            for t in terms()
            if t.seat_id != "E"
        ],
    )
    conn.executemany(
        "INSERT INTO memberships VALUES (?, ?, ?, ?, ?)",
        [(t.code, t.seat_id, t.start.isoformat(), _iso(t.end), CURATED) for t in terms()],
    )


def _iso(value: object) -> str | None:
    return None if value is None else str(value)


def compare_states(groups: Iterable[StateGroup], report: Report) -> None:
    known = {s.code: s for s in all_states()}
    for g in groups:
        ours = known.get(g.code)
        if ours is None:
            report.add(
                DiscrepancyKind.STATE_MISSING,
                subject=g.code,
                field="code",
                rejected=g.code,
                sources=[g.where.source_id],
                note=str(g.where),
            )
        elif ours.regional_group != g.regional_group:
            report.add(
                DiscrepancyKind.REGIONAL_GROUP,
                subject=g.code,
                field="regional_group",
                chosen=ours.regional_group,
                rejected=g.regional_group,
                sources=[CURATED, g.where.source_id],
                note=str(g.where),
            )


def compare_elected(rows: Iterable[ElectedYear], report: Report) -> None:
    listed: dict[int, set[str]] = {}
    for row in rows:
        listed.setdefault(row.year, set()).add(row.code)
    permanent = {t.code for t in terms() if t.seat_id != "E"}
    for year, codes in sorted(listed.items()):
        ours = set(members_in_year(year)) - permanent
        for code in sorted(codes - ours):
            report.add(
                DiscrepancyKind.MEMBERSHIP,
                subject=f"{code} {year}",
                field="member",
                rejected=code,
                sources=[CURATED, "evamaerey-membership"],
                note="listed as elected, not in our terms",
            )
        for code in sorted(ours - codes):
            report.add(
                DiscrepancyKind.MEMBERSHIP,
                subject=f"{code} {year}",
                field="member",
                chosen=code,
                sources=[CURATED, "evamaerey-membership"],
                note="in our terms, not in the list",
            )
