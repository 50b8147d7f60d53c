"""The database behind sessions: SQLite (embedded, the default) or PostgreSQL, one code path.

A database is named by a URL (``postgresql://user@host:port/db``, ``sqlite:///path``) or by a
file path (SQLite). The schema is brought up to date by the Alembic migrations shipped in the
package, run when the store opens; concurrent processes take turns (an advisory lock on
PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite).

Durability: a change is acknowledged only after its transaction commits. PostgreSQL commits
with ``synchronous_commit`` on (its default); SQLite runs in WAL mode with ``synchronous=FULL``
(https://www.sqlite.org/pragma.html#pragma_synchronous), so a committed vote survives the kill
of the process and of the machine's power.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import Connection

from unsc.errors import InputError

#: The environment variable that names the session database (``unsc serve --database``).
SESSIONS_DB_ENV = "UNSC_SESSIONS_DB"
#: The advisory lock key under which one process at a time migrates a PostgreSQL database.
_MIGRATION_LOCK = 0x756E7363
MIGRATIONS = Path(__file__).parent / "migrations"


def is_postgres(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://", "postgresql+psycopg://"))


def libpq_url(url: str) -> str:
    """The URL as psycopg itself takes it (without SQLAlchemy's driver suffix)."""
    return "postgresql://" + url.split("://", 1)[1]


def sqlalchemy_url(url: str) -> str:
    """A PostgreSQL URL for the psycopg 3 driver, or a SQLite URL for a path."""
    if is_postgres(url):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith("sqlite:"):
        return url
    if "://" in url:
        raise InputError(
            f"database {url.split('://')[0]}:// is not supported: give a postgresql:// URL "
            "or a SQLite file path",
            field="database",
        )
    path = Path(url).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def database_url(explicit: str | None, record_db: Path) -> str:
    """``explicit``, else ``$UNSC_SESSIONS_DB``, else ``sessions.sqlite`` beside the record."""
    if explicit:
        return explicit
    env = os.environ.get(SESSIONS_DB_ENV)
    if env:
        return env
    return str(record_db.parent / "sessions.sqlite")


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    """An engine on the database; on SQLite, writers begin with ``BEGIN IMMEDIATE``."""
    target = sqlalchemy_url(url)
    if target.startswith("postgresql"):
        return create_engine(target, pool_size=pool_size, max_overflow=pool_size, pool_recycle=3600)
    engine = create_engine(
        target, connect_args={"check_same_thread": False, "timeout": 30}, pool_size=pool_size
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (Alembic, programmatically)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    with engine.execution_options(immediate=True).begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
