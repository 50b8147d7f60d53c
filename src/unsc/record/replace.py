"""Replacing the record database safely: temporary files, fsync, and builds that shrink.

A build writes a new file beside the database, named for its process; the file and then its
directory are fsynced around the atomic :func:`os.replace`, so a crash leaves either the old
database or the new one (POSIX rename(2); SQLite's own advice on atomic commit,
https://www.sqlite.org/atomiccommit.html). Temporary files of killed builds are removed by the
next build, and SIGTERM during a build becomes SystemExit so the file is removed at once.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, TypeVar

from unsc.errors import RecordError

T = TypeVar("T")

# Temporary files are named for the process that writes them, so that a later build can tell
# the files of a build that was killed (``kill -9``) from those of one still running.
_TEMP_PREFIX = "build-"


def temp_prefix(db: Path) -> str:
    return f".{db.name}.{_TEMP_PREFIX}{os.getpid()}-"


def remove_stale_temps(db: Path) -> list[Path]:
    """Remove the temporary files that killed builds left beside ``db``; return them.

    A file whose process is still alive is left alone; files of the older naming
    (``.record.sqlite.XXXX.tmp``, no process id) are always removed.
    """
    removed: list[Path] = []
    if not db.parent.is_dir():
        return removed
    for path in db.parent.glob(f".{db.name}.*.tmp"):
        rest = path.name[len(db.name) + 2 :]
        if rest.startswith(_TEMP_PREFIX):
            pid_text = rest[len(_TEMP_PREFIX) :].split("-", 1)[0]
            if pid_text.isdigit() and _alive(int(pid_text)):
                continue
        with suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def terminate_as_exit() -> Iterator[None]:
    """While building, SIGTERM (and SIGHUP) raise SystemExit so the temporary file is removed.

    Only the main thread can set handlers; elsewhere nothing changes. ``kill -9`` cannot be
    caught: :func:`remove_stale_temps` removes what it leaves at the next build.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    wanted = [s for s in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None]
    previous = {s: signal.signal(s, stop) for s in wanted}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def fsync_path(path: Path, *, directory: bool = False) -> None:
    """Flush a file (or a directory entry, after a rename) to the disk."""
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        if directory:  # some platforms cannot open a directory; the rename still stands
            return
        raise
    try:
        os.fsync(fd)
    except OSError:
        if not directory:
            raise
    finally:
        os.close(fd)


SHRINK_TABLES = ("resolutions", "drafts", "votes", "meetings")


def previous_counts(db: Path) -> dict[str, int] | None:
    """Rows per table of the database a build would replace; None when there is none to read."""
    if not db.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        return {
            t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])  # noqa: S608
            for t in SHRINK_TABLES
        }
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def refuse_shrink(db: Path, counts: dict[str, Any]) -> None:
    """Stop a build that would lose rows the previous database had."""
    before = previous_counts(db)
    if before is None:
        return
    after = {
        "resolutions": counts["resolutions"],
        "drafts": sum(counts["drafts"].values()),
        "votes": counts["votes"],
        "meetings": counts["meetings"],
    }
    lost = [f"{before[t] - after[t]} {t}" for t in SHRINK_TABLES if after[t] < before[t]]
    if lost:
        raise RecordError(
            f"the new record would lose {', '.join(lost)} the current one has; the old "
            "database is kept (check the sources, or rebuild with --allow-shrink)",
            file=db.name,
        )


def refuse_foreign_target(db: Path) -> None:
    """Refuse to replace something that is not a record database (a directory, another file):
    a mistyped ``--db`` must not destroy it."""
    if db.is_dir():
        raise RecordError("the target is a directory, not a database file", file=str(db))
    if db.exists() and db.stat().st_size > 0 and previous_counts(db) is None:
        raise RecordError(
            "the target exists and is not a record database; remove it or choose another --db",
            file=str(db),
        )


def write_database(
    db: Path,
    fill: Callable[[sqlite3.Connection], None],
    *,
    check: Callable[[sqlite3.Connection, Path], T],
    before_replace: Callable[[T], None] | None = None,
) -> T:
    """Write a new record-shaped database beside ``db`` and move it over ``db``.

    ``fill`` writes the rows into the fresh schema (the full-text index is built after it);
    ``check`` runs on the finished file (:func:`check_database` and the caller's own checks)
    and returns what the caller reports; ``before_replace`` may still refuse the file (a build
    that would shrink). On any failure the temporary file is removed and ``db`` is untouched.
    """
    # imported here: the schema and the index are the record's, this module only replaces files
    from unsc.record.schema import create_schema
    from unsc.record.search import build_search_index

    db.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=temp_prefix(db), suffix=".tmp", dir=db.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        conn = sqlite3.connect(temp)
        try:
            # No journal and no syncing while writing a file nobody else sees: the whole
            # file is fsynced below, before it replaces the old one.
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            with conn:
                create_schema(conn)
                fill(conn)
                # the derived full-text table that unsc.record.search.search uses when present
                build_search_index(conn)
            checked = check(conn, temp)
        finally:
            conn.close()
        if before_replace is not None:
            before_replace(checked)
        fsync_path(temp)
        os.replace(temp, db)
        fsync_path(db.parent, directory=True)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return checked


def check_database(conn: sqlite3.Connection, path: Path) -> None:
    """What every new database must pass: SQLite's integrity check and its foreign keys."""
    name = path.name
    if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
        raise RecordError("the new database fails SQLite's integrity check", file=name)
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RecordError(
            f"{len(broken)} rows point at nothing, e.g. {tuple(broken[0])}",
            file=name,
            field=str(broken[0][0]),
        )
