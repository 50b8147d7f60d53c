"""The server's one cache, and its record connections (kept per thread).

:class:`ResponseCache` keeps finished answers (the encoded JSON or the rendered page) under a
normalised key: the resource, the representation, the *parsed* parameters (so ``?council=
council-1966`` and ``?council=%20Council-1966%20`` are one entry), the record file's stamp for
resources that read it, and the day for resources whose default is "today". It is bounded by
bytes, not entries: an answer of 2 MB weighs as much as a thousand of 2 kB.

A connection is reopened when the database file is replaced (``unsc record build`` replaces it
atomically); :func:`stamp` identifies the file's version. The Council on a date, its president
and its presets are memoised by the library itself (:mod:`unsc.membership`, :mod:`unsc.council`).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Hashable
from pathlib import Path

from unsc.record.db import connect

_local = threading.local()

#: Default bound of the response cache, in bytes of kept answers (``UNSC_WEB_CACHE_MB``).
DEFAULT_BYTES = 64 * 1024 * 1024
#: An answer bigger than this is sent but not kept.
MAX_ENTRY = 4 * 1024 * 1024
#: What an entry costs beyond its body (key, headers, bookkeeping), for the byte count.
ENTRY_OVERHEAD = 512


class ResponseCache:
    """A thread-safe least-recently-used map of answers, bounded by their total size in bytes."""

    def __init__(self, max_bytes: int = DEFAULT_BYTES, max_entry: int = MAX_ENTRY) -> None:
        self.max_bytes = max_bytes
        self.max_entry = min(max_entry, max_bytes)
        self.size = 0
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[Hashable, tuple[bytes, str]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> tuple[bytes, str] | None:
        """The body and media type kept under ``key``, or None."""
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: Hashable, body: bytes, media_type: str) -> bool:
        """Keep an answer, evicting the least recently used until the total fits; a body over
        ``max_entry`` is not kept. Returns whether it was kept."""
        cost = len(body) + ENTRY_OVERHEAD
        if cost > self.max_entry:
            return False
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.size -= len(old[0]) + ENTRY_OVERHEAD
            self._entries[key] = (body, media_type)
            self.size += cost
            while self.size > self.max_bytes and self._entries:
                _, (dropped, _) = self._entries.popitem(last=False)
                self.size -= len(dropped) + ENTRY_OVERHEAD
        return True

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.size = 0


def cache_bytes_from_env() -> int:
    """The cache bound: ``$UNSC_WEB_CACHE_MB`` megabytes, else :data:`DEFAULT_BYTES`."""
    text = os.environ.get("UNSC_WEB_CACHE_MB", "").strip()
    if text.isascii() and text.isdigit() and 0 < int(text) <= 65536:
        return int(text) * 1024 * 1024
    return DEFAULT_BYTES


def stamp(path: Path) -> tuple[int, int, int]:
    """The file's inode, size and modification time: they change when the record is rebuilt,
    truncated or overwritten in place."""
    try:
        st = os.stat(path)
    except OSError:
        return (-1, -1, -1)
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def connection(path: Path) -> sqlite3.Connection:
    """This thread's read-only connection to the record at ``path``.

    Reopened when the file's stamp changes. A missing file raises the
    :class:`unsc.errors.NotFoundError` of :func:`unsc.record.db.connect`.
    """
    pool: dict[Path, tuple[sqlite3.Connection, tuple[int, int, int]]] = getattr(_local, "pool", {})
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


def drop_connection(path: Path) -> None:
    """Forget this thread's connection to ``path`` (after it failed: the next use reopens)."""
    pool: dict[Path, tuple[sqlite3.Connection, tuple[int, int, int]]] = getattr(_local, "pool", {})
    held = pool.pop(path, None)
    if held is not None:
        with contextlib.suppress(sqlite3.Error):
            held[0].close()
