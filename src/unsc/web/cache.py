"""Memoised library lookups for the server: each is a pure function of its arguments.

The Council on a date, its president and its voting rule come from curated tables that do not
change while the server runs, so the server keeps the answers it has computed (bounded LRU
caches) instead of recomputing them for every request. Record connections are kept per thread
and reopened when the database file is replaced (``unsc record build`` replaces it atomically).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from datetime import date
from functools import lru_cache
from pathlib import Path

from unsc.council import (
    ENLARGED_FROM,
    CouncilConfig,
    config_for_date,
    council_preset,
    council_presets,
)
from unsc.membership import Member, last_known_day, members_on
from unsc.presidency import president_on
from unsc.record.db import connect


@lru_cache(maxsize=8192)
def members(on: date) -> tuple[Member, ...]:
    return members_on(on)


@lru_cache(maxsize=1)
def last_day() -> date:
    """The last day the curated membership table covers."""
    return last_known_day()


@lru_cache(maxsize=8192)
def president(on: date) -> Member:
    return president_on(on)


def config_on(on: date) -> CouncilConfig:
    return _config_era(on >= ENLARGED_FROM)


@lru_cache(maxsize=2)
def _config_era(enlarged: bool) -> CouncilConfig:
    return config_for_date(ENLARGED_FROM if enlarged else date(1946, 1, 1))


@lru_cache(maxsize=64)
def preset(preset_id: str) -> CouncilConfig:
    return council_preset(preset_id)


@lru_cache(maxsize=1)
def presets() -> tuple[dict[str, object], ...]:
    return tuple(p.to_dict() for p in council_presets().values())


_local = threading.local()


def stamp(path: Path) -> tuple[int, int]:
    """The file's inode and modification time: they change when the record is rebuilt."""
    try:
        st = os.stat(path)
    except OSError:
        return (-1, -1)
    return (st.st_ino, st.st_mtime_ns)


def connection(path: Path) -> sqlite3.Connection:
    """This thread's read-only connection to the record at ``path``.

    Reopened when the file's inode or modification time changes. A missing file raises the
    :class:`unsc.errors.NotFoundError` of :func:`unsc.record.db.connect`.
    """
    pool: dict[Path, tuple[sqlite3.Connection, tuple[int, int]]] = getattr(_local, "pool", {})
    _local.pool = pool
    now = stamp(path)
    held = pool.get(path)
    if held is not None:
        if held[1] == now:
            return held[0]
        held[0].close()
        del pool[path]
    conn = connect(path)
    pool[path] = (conn, now)
    return conn
