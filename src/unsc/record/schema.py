"""The record database's tables (SQLite), exactly as documented in ``docs/data.md``.

Every row names the source it came from (``source_id``); dates are ISO ``YYYY-MM-DD`` text and
member codes are ISO 3166 alpha-3 (historical ones: SUN, YUG, CSK, DDR, YMD, ZAR, TWN).
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 4
"""Bumped whenever a table or column changes; stored in ``PRAGMA user_version``."""

TABLES: dict[str, str] = {
    "sources": """
        CREATE TABLE sources (
            source_id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            file TEXT,
            url TEXT,
            licence TEXT
        )""",
    "states": """
        CREATE TABLE states (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            regional_group TEXT,
            m49 TEXT
        )""",
    "state_names": """
        CREATE TABLE state_names (
            code TEXT NOT NULL REFERENCES states(code),
            name TEXT NOT NULL,
            valid_from TEXT,
            valid_to TEXT
        )""",
    "seats": """
        CREATE TABLE seats (
            seat_id TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('permanent', 'elected')),
            name TEXT NOT NULL
        )""",
    "seat_holders": """
        CREATE TABLE seat_holders (
            seat_id TEXT NOT NULL REFERENCES seats(seat_id),
            state_code TEXT NOT NULL REFERENCES states(code),
            valid_from TEXT NOT NULL,
            valid_to TEXT
        )""",
    "memberships": """
        CREATE TABLE memberships (
            state_code TEXT NOT NULL REFERENCES states(code),
            seat_id TEXT NOT NULL,
            start_date TEXT NOT NULL,
            end_date TEXT,
            source_id TEXT REFERENCES sources(source_id)
        )""",
    "meetings": """
        CREATE TABLE meetings (
            meeting_record TEXT PRIMARY KEY,
            number INTEGER,
            date TEXT,
            topic TEXT,
            press_release TEXT,
            source_id TEXT REFERENCES sources(source_id)
        )""",
    "drafts": """
        CREATE TABLE drafts (
            draft_id INTEGER PRIMARY KEY,
            symbol TEXT,
            date TEXT NOT NULL,
            meeting_record TEXT,
            agenda TEXT,
            title TEXT,
            subjects TEXT,
            sponsors TEXT,
            matter TEXT NOT NULL
                CHECK (matter IN ('procedural', 'substantive', 'amendment', 'preliminary')),
            outcome TEXT NOT NULL CHECK (outcome IN ('adopted', 'vetoed', 'failed')),
            resolution_number INTEGER,
            yes INTEGER,
            no INTEGER,
            abstain INTEGER,
            not_voting INTEGER,
            absent INTEGER,
            adopted_without_vote INTEGER NOT NULL DEFAULT 0,
            source_id TEXT REFERENCES sources(source_id),
            vote_line TEXT NOT NULL DEFAULT 'voted'
                CHECK (vote_line IN ('voted', 'without_vote', 'consensus', 'paragraphs')),
            kind TEXT NOT NULL DEFAULT 'draft'
                CHECK (kind IN ('draft', 'amendment', 'membership', 'preliminary')),
            amends TEXT,
            matter_source TEXT,
            counted INTEGER NOT NULL DEFAULT 1,
            listed INTEGER NOT NULL DEFAULT 1,
            ref TEXT,
            votes_derived INTEGER NOT NULL DEFAULT 0,
            votes_cited TEXT,
            CHECK (vote_line = 'voted' OR (yes IS NULL AND adopted_without_vote = 1))
        )""",
    "resolutions": """
        CREATE TABLE resolutions (
            number INTEGER PRIMARY KEY,
            symbol TEXT NOT NULL,
            date TEXT NOT NULL,
            title TEXT,
            draft_id INTEGER REFERENCES drafts(draft_id),
            meeting_record TEXT,
            source_id TEXT REFERENCES sources(source_id)
        )""",
    "votes": """
        CREATE TABLE votes (
            draft_id INTEGER NOT NULL REFERENCES drafts(draft_id),
            state_code TEXT NOT NULL REFERENCES states(code),
            vote TEXT NOT NULL
                CHECK (vote IN ('yes', 'no', 'abstain', 'not_voting', 'absent')),
            source_id TEXT REFERENCES sources(source_id),
            PRIMARY KEY (draft_id, state_code)
        ) WITHOUT ROWID""",
    "vetoes": """
        CREATE TABLE vetoes (
            draft_id INTEGER NOT NULL REFERENCES drafts(draft_id),
            state_code TEXT NOT NULL REFERENCES states(code),
            source_id TEXT REFERENCES sources(source_id),
            PRIMARY KEY (draft_id, state_code)
        )""",
    "discrepancies": """
        CREATE TABLE discrepancies (
            discrepancy_id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            subject TEXT NOT NULL,
            field TEXT,
            chosen TEXT,
            rejected TEXT,
            sources TEXT,
            note TEXT
        )""",
}

INDEXES: tuple[str, ...] = (
    "CREATE INDEX drafts_symbol ON drafts(symbol)",
    "CREATE INDEX drafts_date ON drafts(date)",
    "CREATE INDEX drafts_resolution ON drafts(resolution_number)",
    "CREATE INDEX drafts_outcome ON drafts(outcome)",
    "CREATE INDEX drafts_amends ON drafts(amends)",
    "CREATE INDEX drafts_ref ON drafts(ref)",
    "CREATE INDEX resolutions_date ON resolutions(date)",
    # covers a member's votes (query.member_votes, agreement) without reading the table
    "CREATE INDEX votes_state ON votes(state_code, draft_id, vote)",
    "CREATE INDEX vetoes_state ON vetoes(state_code)",
    "CREATE INDEX memberships_state ON memberships(state_code)",
    "CREATE INDEX state_names_code ON state_names(code)",
    "CREATE INDEX meetings_date ON meetings(date)",
)


def create_schema(conn: sqlite3.Connection) -> None:
    """Create every table and index in an empty database and stamp ``SCHEMA_VERSION``."""
    for ddl in TABLES.values():
        conn.execute(ddl)
    for ddl in INDEXES:
        conn.execute(ddl)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
