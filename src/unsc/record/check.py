"""The discrepancy report of a built record (``unsc record check``)."""

from __future__ import annotations

import sqlite3
from typing import Any

from unsc.errors import InputError

COLUMNS = ("discrepancy_id", "kind", "subject", "field", "chosen", "rejected", "sources", "note")


def discrepancies(conn: sqlite3.Connection, kind: str | None = None) -> list[dict[str, Any]]:
    """Every disagreement between sources written down by the build, optionally of one kind.

    A kind the record does not know is an :class:`InputError` listing the kinds it has.
    """
    if kind:
        kinds = [k for (k,) in conn.execute("SELECT DISTINCT kind FROM discrepancies ORDER BY 1")]
        if kind not in kinds:
            raise InputError(
                f"--kind: no discrepancies of kind {kind[:60]!r}; kinds: {', '.join(kinds)}",
                field="kind",
            )
    sql = f"SELECT {', '.join(COLUMNS)} FROM discrepancies"
    rows = (
        conn.execute(sql + " WHERE kind = ? ORDER BY discrepancy_id", (kind,))
        if kind
        else conn.execute(sql + " ORDER BY discrepancy_id")
    )
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows]


def summary(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """How many discrepancies of each kind."""
    rows = conn.execute(
        "SELECT kind, count(*) FROM discrepancies GROUP BY kind ORDER BY count(*) DESC, kind"
    )
    return [{"kind": kind, "count": count} for kind, count in rows]
