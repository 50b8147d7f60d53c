"""The tables of the session store (SQLAlchemy Core), the same on SQLite and PostgreSQL.

The schema is created and upgraded by the Alembic migrations in ``unsc/sessions/migrations``;
these table objects only describe it for the queries, and a test checks they agree.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKeyConstraint,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

metadata = MetaData()

sessions = Table(
    "sessions",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("title", Text, nullable=False),
    Column("agenda", Text, nullable=False),
    Column("council", Text, nullable=False),  # JSON of SessionCouncil
    Column("created_at", String(40), nullable=False),
    Column("seq", Integer, nullable=False),  # last change number, one per committed change
    Column("roll_call_taken", Boolean, nullable=False),
)

delegations = Table(
    "delegations",
    metadata,
    Column("session_id", String(32), nullable=False),
    Column("code", String(16), nullable=False),
    Column("position", Integer, nullable=False),
    Column("present", Boolean, nullable=False),
    PrimaryKeyConstraint("session_id", "code"),
    ForeignKeyConstraint(["session_id"], ["sessions.id"], ondelete="CASCADE"),
)

tokens = Table(
    "tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),  # SHA-256 hex of the token
    Column("session_id", String(32), nullable=False, index=True),
    Column("role", String(16), nullable=False),
    Column("code", String(16), nullable=True),
    ForeignKeyConstraint(["session_id"], ["sessions.id"], ondelete="CASCADE"),
)

questions = Table(
    "questions",
    metadata,
    Column("session_id", String(32), nullable=False),
    Column("number", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("title", Text, nullable=False),
    Column("amends", Integer, nullable=True),
    Column("about", Integer, nullable=True),
    Column("status", String(16), nullable=False),
    Column("allow_change", Boolean, nullable=False),
    Column("matter", String(16), nullable=True),
    Column("decision", Text, nullable=True),  # JSON of the engine's Decision at the close
    Column("created_at", String(40), nullable=False),
    Column("opened_at", String(40), nullable=True),
    Column("closed_at", String(40), nullable=True),
    PrimaryKeyConstraint("session_id", "number"),
    ForeignKeyConstraint(["session_id"], ["sessions.id"], ondelete="CASCADE"),
)

ballots = Table(
    "ballots",
    metadata,
    Column("session_id", String(32), nullable=False),
    Column("question", Integer, nullable=False),
    Column("code", String(16), nullable=False),
    Column("vote", String(16), nullable=False),
    Column("cast_at", String(40), nullable=False),
    Column("changes", Integer, nullable=False),
    PrimaryKeyConstraint("session_id", "question", "code"),
    ForeignKeyConstraint(
        ["session_id", "question"], ["questions.session_id", "questions.number"], ondelete="CASCADE"
    ),
)

events = Table(
    "events",
    metadata,
    Column("session_id", String(32), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("at", String(40), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("detail", Text, nullable=False),  # JSON
    PrimaryKeyConstraint("session_id", "seq"),
    ForeignKeyConstraint(["session_id"], ["sessions.id"], ondelete="CASCADE"),
)
