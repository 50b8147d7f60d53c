"""The discrepancy report of a built record (``unsc record check``)."""

from __future__ import annotations

import sqlite3
from typing import Any

COLUMNS = ("discrepancy_id", "kind", "subject", "field", "chosen", "rejected", "sources", "note")


def discrepancies(conn: sqlite3.Connection, kind: str | None = None) -> list[dict[str, Any]]:
    """Every disagreement between sources written down by the build, optionally of one kind."""
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
