"""Query results as plain dicts, built from tuples (several times faster than ``dict(Row)``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any


def dict_rows(
    conn: sqlite3.Connection, sql: str, params: Sequence[object] = ()
) -> list[dict[str, Any]]:
    """Run ``sql`` and return each row as a dict keyed by column name."""
    cursor = conn.cursor()
    cursor.row_factory = None
    cursor.execute(sql, tuple(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
