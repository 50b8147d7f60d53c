"""Record connections for the server, kept per thread.

A connection is reopened when the database file is replaced (``unsc record build`` replaces it
atomically); ``stamp`` identifies the file's version for the response caches. The Council on a
date, its president and its presets are memoised by the library itself
(:mod:`unsc.membership`, :mod:`unsc.council`).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

from unsc.record.db import connect

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
