"""Free-text search over the record: agenda items, titles, subjects and symbols of every draft.

Every word of the query must occur in the text of a draft (its symbol, agenda item, title,
subjects and, for an adopted draft, the resolution's title), without regard to case
("peacekeep mali" finds "Peacekeeping operations ... Mali"). Newest first.

When the database holds the derived full-text table ``search_index`` (SQLite FTS5, made by
:func:`build_search_index` at build time) it answers the query; otherwise the same match is done
with a scan of the drafts, which on the whole record (about six thousand drafts) still takes a
few milliseconds. Either way a word matches the start of a word of the text (an FTS5 prefix
query, or a regular expression ``\bword`` in a small SQL function registered on the connection):
``mali`` finds "Mali" and "Malian" but not "Somalia". The table is derived data: it can be
dropped and rebuilt at any time.
"""

from __future__ import annotations

import re
import sqlite3
from functools import lru_cache
from typing import Any

from unsc.errors import InputError
from unsc.record._rows import dict_rows

INDEX_TABLE = "search_index"

_TEXT = (
    "coalesce(d.symbol, '') || ' ' || coalesce(d.agenda, '') || ' ' || coalesce(d.title, '')"
    " || ' ' || coalesce(d.subjects, '') || ' ' || coalesce(r.title, '')"
)

_SELECT = (
    "SELECT d.draft_id, d.date, d.symbol, d.resolution_number, d.outcome, d.matter,"
    " coalesce(r.title, d.title) AS title, d.agenda"
    " FROM drafts d LEFT JOIN resolutions r ON r.number = d.resolution_number"
)


def words(text: str) -> list[str]:
    """The words of a query (letters and digits), lower case; none is an error on ``text``."""
    found = [w.lower() for w in re.findall(r"\w+", text or "")]
    if not found:
        raise InputError("text: give at least one word to search for", field="text")
    return found


def has_index(conn: sqlite3.Connection) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (INDEX_TABLE,)
    ).fetchone()
    return row is not None


def build_search_index(conn: sqlite3.Connection) -> int:
    """(Re)build the FTS5 table ``search_index`` from the drafts; returns the rows indexed.

    Meant for the end of a build, on a writable connection; harmless to run twice.
    """
    conn.execute(f"DROP TABLE IF EXISTS {INDEX_TABLE}")
    conn.execute(f"CREATE VIRTUAL TABLE {INDEX_TABLE} USING fts5(body, tokenize = 'unicode61')")
    conn.execute(
        f"INSERT INTO {INDEX_TABLE}(rowid, body)"
        f" SELECT d.draft_id, {_TEXT}"
        " FROM drafts d LEFT JOIN resolutions r ON r.number = d.resolution_number"
    )
    count = conn.execute(f"SELECT count(*) FROM {INDEX_TABLE}").fetchone()[0]
    return int(count)


#: The most results one search returns (the record holds fewer drafts than this).
MAX_LIMIT = 10_000


def search(conn: sqlite3.Connection, text: str, limit: int = 50) -> list[dict[str, Any]]:
    """Drafts and resolutions whose text holds every word of ``text``, newest first."""
    terms = words(text)
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise InputError(
            f"limit: {limit!r} is not a number of results from 1 to {MAX_LIMIT:,}", field="limit"
        )
    if has_index(conn):
        query = " AND ".join(f'"{t}"*' for t in terms)
        sql = (
            f"{_SELECT} WHERE d.draft_id IN"
            f" (SELECT rowid FROM {INDEX_TABLE} WHERE {INDEX_TABLE} MATCH ?)"
            " ORDER BY d.date DESC, d.draft_id DESC LIMIT ?"
        )
        params: tuple[object, ...] = (query, limit)
    else:
        # LIKE finds the few drafts holding each word anywhere, cheaply; the function then keeps
        # those where it starts a word.
        conn.create_function(_MATCH, 2, _matches, deterministic=True)
        likes = " AND ".join(f"({_TEXT}) LIKE ? ESCAPE '\\'" for _ in terms)
        sql = (
            f"{_SELECT} WHERE {likes} AND {_MATCH}({_TEXT}, ?)"
            " ORDER BY d.date DESC, d.draft_id DESC LIMIT ?"
        )
        params = (*(f"%{_like(t)}%" for t in terms), " ".join(terms), limit)
    return dict_rows(conn, sql, params)


_MATCH = "unsc_words_match"


def _like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@lru_cache(maxsize=128)
def _patterns(query: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(rf"\b{re.escape(word)}", re.IGNORECASE) for word in query.split())


def _matches(text: str | None, query: str) -> bool:
    """True when every word of ``query`` starts a word of ``text`` (the SQL function)."""
    return text is not None and all(p.search(text) for p in _patterns(query))
