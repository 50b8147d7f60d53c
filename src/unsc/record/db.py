"""Where the record database lives and how to open it.

The location is, in order: an explicit path (``--db``), the ``UNSC_DB`` environment variable,
then ``platformdirs.user_data_dir("unsc")/record.sqlite``.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import platformdirs

from unsc.errors import NotFoundError, RecordError
from unsc.record.schema import SCHEMA_VERSION

DB_ENV = "UNSC_DB"
DB_FILENAME = "record.sqlite"


def default_db_path(explicit: Path | str | None = None) -> Path:
    """The record database path: ``explicit`` if given, else ``$UNSC_DB``, else the data dir."""
    if explicit is not None and str(explicit):
        return Path(explicit).expanduser()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("unsc")) / DB_FILENAME


def connect(path: Path | str | None = None) -> sqlite3.Connection:
    """Open the record database read-only, rows as :class:`sqlite3.Row`.

    A missing file is a :class:`NotFoundError` that tells the user to build the record first.
    """
    target = default_db_path(path)
    if not target.is_file():
        raise NotFoundError(
            f"no record database at {target}: run `unsc record build` first "
            f"(or point --db / {DB_ENV} at one)",
            field="db",
        )
    try:
        conn = sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise _not_a_record(target, exc) from None
    try:
        # a file that is not SQLite, or a database without the record's tables
        conn.execute("SELECT 1 FROM drafts LIMIT 1").fetchall()
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.Error as exc:
        conn.close()
        raise _not_a_record(target, exc) from None
    if 0 < version < SCHEMA_VERSION:
        conn.close()
        raise RecordError(
            f"the record was built by an older unsc (schema {version}; this one reads "
            f"{SCHEMA_VERSION}): run `unsc record build` again",
            file=str(target),
        )
    conn.row_factory = sqlite3.Row
    return conn


def _not_a_record(target: Path, exc: sqlite3.Error) -> RecordError:
    """An unreadable record (not SQLite, truncated, another database): a RecordError, which
    the web layer answers with 503 like a missing record."""
    return RecordError(
        f"not a record database ({exc}): run `unsc record build` (or point --db / {DB_ENV} at one)",
        file=str(target),
    )
