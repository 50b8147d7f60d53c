"""Questions the record answers: a resolution, a draft, the vetoes, a member's votes, agreement.

Every function takes an open connection (:func:`unsc.record.db.connect`) and returns plain
dicts and lists, the same shape the ``--json`` output and the HTTP API give. Statistics by year
live in :mod:`unsc.record.stats` and free-text search in :mod:`unsc.record.search`; both are
re-exported here.

A draft row is one question put to the vote (``drafts`` table, schema in ``docs/data.md``); a
resolution is an adopted draft with a number.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from unsc.errors import InputError, NotFoundError
from unsc.record._rows import dict_rows
from unsc.record.params import Bound, draft_symbol, member_code, period, seat_codes
from unsc.record.search import search
from unsc.record.stats import stats_by_year
from unsc.states import name_on
from unsc.types import Vote

__all__ = [
    "agreement",
    "draft",
    "member_votes",
    "resolution",
    "search",
    "stats_by_year",
    "veto_counts",
    "vetoes",
]

CAST = (Vote.YES.value, Vote.NO.value, Vote.ABSTAIN.value)
"""The votes that count as cast: a member that did not take part or was absent cast none."""


def _placeholders(values: tuple[str, ...]) -> str:
    return ",".join("?" for _ in values)


def _votes_of(conn: sqlite3.Connection, draft_id: int, on: str) -> list[dict[str, str]]:
    """The members' votes on a draft, each with the member's name on that day, by name.

    Names come from :func:`unsc.states.name_on` (China's seat in 1950 is "China", Egypt in 1961
    the "United Arab Republic"), else from the database's ``states`` table.
    """
    day = date.fromisoformat(on)
    found = []
    for code, stored, vote in conn.execute(
        "SELECT v.state_code, coalesce(s.name, v.state_code), v.vote"
        " FROM votes v LEFT JOIN states s ON s.code = v.state_code WHERE v.draft_id = ?",
        (draft_id,),
    ):
        try:
            name = name_on(code, day)
        except InputError:
            name = stored
        found.append({"code": code, "name": name, "vote": vote})
    return sorted(found, key=lambda m: (m["name"], m["code"]))


def _vetoers(conn: sqlite3.Connection, draft_id: int) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT state_code FROM vetoes WHERE draft_id = ? ORDER BY state_code", (draft_id,)
        )
    ]


def _tally(row: sqlite3.Row | None, votes: list[dict[str, str]]) -> dict[str, int | None]:
    """The tally as recorded; a count missing from the draft row is counted from member votes."""
    counted = {v.value: 0 for v in Vote}
    for vote in votes:
        counted[vote["vote"]] += 1
    tally: dict[str, int | None] = {}
    for key in ("yes", "no", "abstain", "not_voting", "absent"):
        stored = row[key] if row is not None else None
        if stored is not None:
            tally[key] = int(stored)
        elif votes:
            tally[key] = counted[key]
        else:
            tally[key] = None
    return tally


_LINES = {
    "without_vote": "adopted without a vote",
    "consensus": "adopted by consensus",
    "paragraphs": "voted paragraph by paragraph, no vote on the whole",
}


def tally_text(
    vote_line: str, tally: dict[str, int | None], members: list[dict[str, str]]
) -> str | None:
    """The vote line as the Council's records print it: ``"9-0-5, China not participating"``,
    ``"7-1-0, Egypt and India not participating, USSR absent"``, ``"adopted without a vote"``;
    None when no tally is known."""
    if vote_line != "voted":
        return _LINES.get(vote_line, vote_line)
    if tally.get("yes") is None:
        return None
    text = f"{tally['yes']}-{tally['no']}-{tally['abstain']}"
    for vote, words in (("not_voting", "not participating"), ("absent", "absent")):
        names = [m["name"] for m in members if m["vote"] == vote]
        if names:
            joined = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
            text += f", {joined} {words}"
    return text


def _amendments(conn: sqlite3.Connection, symbol: str | None) -> list[dict[str, Any]]:
    if not symbol:
        return []
    return dict_rows(
        conn,
        "SELECT d.symbol, d.date, d.outcome, d.yes, d.no, d.abstain,"
        " (SELECT group_concat(state_code, ';') FROM vetoes x WHERE x.draft_id = d.draft_id)"
        " AS vetoed_by"
        " FROM drafts d WHERE d.amends = ? ORDER BY d.date, d.draft_id",
        (symbol,),
    )


def _vote_fields(
    conn: sqlite3.Connection, row: sqlite3.Row | None, votes: list[dict[str, str]]
) -> dict[str, Any]:
    """The vote line, kind and matter of a question put to the vote, and the tally."""
    tally = _tally(row, votes)
    line = row["vote_line"] if row is not None else "voted"
    return {
        "vote_line": line,
        "kind": row["kind"] if row is not None else "draft",
        "amends": row["amends"] if row is not None else None,
        "amendments": _amendments(conn, row["symbol"] if row is not None else None),
        "matter": row["matter"] if row is not None else None,
        "matter_source": row["matter_source"] if row is not None else None,
        "in_library_counts": bool(row["counted"]) if row is not None else True,
        "in_library_lists": bool(row["listed"]) if row is not None else True,
        "ref": row["ref"] if row is not None else None,
        "votes_derived": bool(row["votes_derived"]) if row is not None else False,
        "votes_cited": row["votes_cited"] if row is not None else None,
        **tally,
        "tally_text": tally_text(line, tally, votes),
        "adopted_without_vote": bool(row["adopted_without_vote"]) if row is not None else False,
    }


def _draft_dict(conn: sqlite3.Connection, row: sqlite3.Row) -> dict[str, Any]:
    votes = _votes_of(conn, row["draft_id"], row["date"])
    return {
        "draft_id": row["draft_id"],
        "symbol": row["symbol"],
        "date": row["date"],
        "meeting_record": row["meeting_record"],
        "agenda": row["agenda"],
        "title": row["title"],
        "subjects": row["subjects"],
        "sponsors": row["sponsors"].split(";") if row["sponsors"] else [],
        "outcome": row["outcome"],
        "resolution_number": row["resolution_number"],
        **_vote_fields(conn, row, votes),
        "vetoed_by": _vetoers(conn, row["draft_id"]),
        "votes": {v["code"]: v["vote"] for v in sorted(votes, key=lambda v: v["code"])},
        "members": [{"code": v["code"], "name": v["name"], "vote": v["vote"]} for v in votes],
        "source": row["source_id"],
    }


def resolution(conn: sqlite3.Connection, number: int) -> dict[str, Any]:
    """One resolution: date, symbol, draft, title and agenda item, tally and each member's vote.

    ``votes`` maps member codes to votes; ``members`` lists them with names in the order of the
    Council's English alphabet. An unknown number is a :class:`NotFoundError` on ``number``.
    """
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        raise InputError(f"number: {number!r} is not a resolution number", field="number")
    # beyond SQLite's integers (2**63 - 1) no resolution can exist: not found, not an overflow
    res = (
        conn.execute(
            "SELECT number, symbol, date, title, draft_id, meeting_record, source_id"
            " FROM resolutions WHERE number = ?",
            (number,),
        ).fetchone()
        if number < 2**63
        else None
    )
    if res is None:
        last = conn.execute("SELECT max(number) FROM resolutions").fetchone()[0]
        raise NotFoundError(
            f"number: no resolution {number} in the record (it holds 1 to {last})",
            field="number",
        )
    row = None
    if res["draft_id"] is not None:
        row = conn.execute("SELECT * FROM drafts WHERE draft_id = ?", (res["draft_id"],)).fetchone()
    if row is None:
        row = conn.execute(
            "SELECT * FROM drafts WHERE resolution_number = ? ORDER BY draft_id LIMIT 1",
            (number,),
        ).fetchone()
    votes = _votes_of(conn, row["draft_id"], row["date"]) if row is not None else []
    return {
        "number": res["number"],
        "symbol": res["symbol"],
        "date": res["date"],
        "title": res["title"] or (row["title"] if row is not None else None),
        "draft": row["symbol"] if row is not None else None,
        "agenda": row["agenda"] if row is not None else None,
        "meeting_record": res["meeting_record"] or (row["meeting_record"] if row else None),
        "outcome": "adopted",
        **_vote_fields(conn, row, votes),
        "votes": {v["code"]: v["vote"] for v in sorted(votes, key=lambda v: v["code"])},
        "members": [{"code": v["code"], "name": v["name"], "vote": v["vote"]} for v in votes],
        "source": res["source_id"],
    }


def draft(conn: sqlite3.Connection, symbol: str) -> dict[str, Any]:
    """A draft by its document symbol (any case): outcome, tally, vetoes and member votes.

    When several questions were put to the vote under one symbol (a draft voted in parts, or
    again after a revision under the same symbol), the last vote is returned and the others are
    listed under ``other_votes``. An unknown symbol is a :class:`NotFoundError` on ``symbol``.
    """
    wanted = draft_symbol(symbol)
    rows = conn.execute(
        "SELECT * FROM drafts WHERE symbol = ? ORDER BY date, draft_id", (wanted,)
    ).fetchall()
    if not rows:  # a vote no symbol names, by its curated id (S/PV.704#MNG)
        rows = conn.execute(
            "SELECT * FROM drafts WHERE ref = ? ORDER BY date, draft_id", (wanted,)
        ).fetchall()
    if not rows:  # "s/2023/638/rev.1": the index cannot help a case-blind match
        rows = conn.execute(
            "SELECT * FROM drafts WHERE symbol = ? COLLATE NOCASE ORDER BY date, draft_id",
            (wanted,),
        ).fetchall()
    if not rows:
        raise NotFoundError(
            f"symbol: no draft {wanted} in the record (symbols look like S/2023/638)",
            field="symbol",
        )
    found = _draft_dict(conn, rows[-1])
    found["other_votes"] = [_summary(conn, r) for r in rows[:-1]]
    return found


def _summary(conn: sqlite3.Connection, row: sqlite3.Row) -> dict[str, Any]:
    return {
        "draft_id": row["draft_id"],
        "symbol": row["symbol"],
        "date": row["date"],
        "matter": row["matter"],
        "kind": row["kind"],
        "vote_line": row["vote_line"],
        "outcome": row["outcome"],
        "resolution_number": row["resolution_number"],
        "yes": row["yes"],
        "no": row["no"],
        "abstain": row["abstain"],
        "vetoed_by": _vetoers(conn, row["draft_id"]),
    }


def vetoes(
    conn: sqlite3.Connection,
    member: str | None = None,
    since: Bound = None,
    until: Bound = None,
    *,
    seat: bool = False,
    include_amendments: bool = False,
) -> list[dict[str, Any]]:
    """Every vetoed draft, oldest first, with the members that vetoed it and the tally.

    ``member`` keeps the drafts that member vetoed; with ``seat`` the other holders of its
    permanent seat count too (RUS with the USSR). ``since``/``until`` are years or dates,
    inclusive. A draft counts when its outcome is ``vetoed`` or a veto list names a vetoer.

    The count follows the UN Library's veto list (research.un.org/en/docs/sc/quick/veto):
    vetoes cast on amendments, and the curated vetoes that list leaves out, are apart unless
    ``include_amendments``; each row says its ``kind``.
    """
    first, last = period(since, until)
    sql = (
        "SELECT d.draft_id, d.date, d.symbol, d.meeting_record, d.agenda, d.title, d.matter,"
        " d.outcome, d.yes, d.no, d.abstain, d.kind, d.amends, d.counted, d.listed, d.ref,"
        " (SELECT group_concat(state_code, ';') FROM"
        "   (SELECT state_code FROM vetoes x WHERE x.draft_id = d.draft_id ORDER BY state_code)"
        " ) AS vetoed_by"
        " FROM drafts d"
        " WHERE d.date BETWEEN ? AND ?"
        " AND (d.outcome = 'vetoed' OR d.draft_id IN (SELECT draft_id FROM vetoes))"
    )
    if not include_amendments:
        sql += " AND d.counted = 1"
    params: list[object] = [first, last]
    if member is not None:
        codes = _codes(conn, member, seat=seat)
        sql += (
            " AND d.draft_id IN (SELECT draft_id FROM vetoes WHERE state_code IN"
            f" ({_placeholders(codes)}))"
        )
        params.extend(codes)
    sql += " ORDER BY d.date, d.draft_id"
    return [
        {
            "date": r["date"],
            "symbol": r["symbol"],
            "meeting_record": r["meeting_record"],
            "agenda": r["agenda"] or r["title"],
            "matter": r["matter"],
            "kind": r["kind"],
            "amends": r["amends"],
            "in_library_counts": bool(r["counted"]),
            "in_library_lists": bool(r["listed"]),
            "ref": r["ref"],
            "outcome": r["outcome"],
            "vetoed_by": r["vetoed_by"].split(";") if r["vetoed_by"] else [],
            "yes": r["yes"],
            "no": r["no"],
            "abstain": r["abstain"],
            "draft_id": r["draft_id"],
        }
        for r in conn.execute(sql, params)
    ]


def veto_counts(
    conn: sqlite3.Connection,
    since: Bound = None,
    until: Bound = None,
    *,
    include_amendments: bool = False,
) -> list[dict[str, Any]]:
    """How many drafts each member vetoed, most first; ``alone`` counts its sole vetoes.

    By the UN Library's convention (amendments apart) unless ``include_amendments``.
    """
    first, last = period(since, until)
    counted = "" if include_amendments else " AND d.counted = 1"
    return dict_rows(
        conn,
        "SELECT v.state_code AS member, coalesce(s.name, v.state_code) AS name,"
        " count(*) AS vetoes,"
        " sum((SELECT count(*) FROM vetoes w WHERE w.draft_id = v.draft_id) = 1) AS alone,"
        " min(d.date) AS first, max(d.date) AS last"
        " FROM vetoes v JOIN drafts d ON d.draft_id = v.draft_id"
        " LEFT JOIN states s ON s.code = v.state_code"
        " WHERE d.date BETWEEN ? AND ?"
        + counted
        + " GROUP BY v.state_code ORDER BY vetoes DESC, member",
        (first, last),
    )


def _codes(
    conn: sqlite3.Connection, text: str, *, seat: bool, field: str = "member"
) -> tuple[str, ...]:
    code = member_code(conn, text, field=field)
    return seat_codes(code) if seat else (code,)


def member_votes(
    conn: sqlite3.Connection,
    code: str,
    since: Bound = None,
    until: Bound = None,
    *,
    seat: bool = False,
) -> list[dict[str, Any]]:
    """Every vote a member cast (or did not cast) in the record, oldest first.

    Each row: date, symbol, resolution number, agenda item or title, matter, outcome, the
    member's vote and the tally. With ``seat`` the votes of the other holders of its permanent
    seat are included (``member`` says whose vote it was).
    """
    codes = _codes(conn, code, seat=seat)
    first, last = period(since, until)
    return dict_rows(
        conn,
        "SELECT d.date, d.symbol, d.resolution_number, coalesce(d.agenda, d.title) AS agenda,"
        " d.matter, d.kind, d.vote_line, d.outcome, v.state_code AS member, v.vote,"
        " d.yes, d.no, d.abstain, d.draft_id"
        " FROM votes v JOIN drafts d ON d.draft_id = v.draft_id"
        f" WHERE v.state_code IN ({_placeholders(codes)}) AND d.date BETWEEN ? AND ?"
        " ORDER BY d.date, d.draft_id",
        (*codes, first, last),
    )


def agreement(
    conn: sqlite3.Connection,
    a: str,
    b: str,
    since: Bound = None,
    until: Bound = None,
    *,
    seat: bool = False,
) -> list[dict[str, Any]]:
    """How often two members voted the same way, by year.

    ``both_voted`` counts the questions on which both cast a vote (yes, no or abstain: a member
    that did not take part or was absent cast none); ``same`` those on which the two votes were
    the same; ``agreement`` is ``same / both_voted``. ``opposed`` counts one yes against one no.
    """
    codes_a = _codes(conn, a, seat=seat, field="member")
    codes_b = _codes(conn, b, seat=seat, field="with")
    if set(codes_a) & set(codes_b):
        raise InputError("with: give two different members", field="with")
    first, last = period(since, until)
    rows = conn.execute(
        "SELECT substr(d.date, 1, 4) AS year, count(*) AS both_voted,"
        " sum(va.vote = vb.vote) AS same,"
        " sum(va.vote <> vb.vote AND va.vote IN ('yes', 'no') AND vb.vote IN ('yes', 'no'))"
        "   AS opposed"
        " FROM votes va"
        " JOIN votes vb ON vb.draft_id = va.draft_id"
        f"  AND vb.state_code IN ({_placeholders(codes_b)}) AND vb.vote IN (?, ?, ?)"
        " JOIN drafts d ON d.draft_id = va.draft_id"
        f" WHERE va.state_code IN ({_placeholders(codes_a)}) AND va.vote IN (?, ?, ?)"
        " AND d.date BETWEEN ? AND ?"
        " GROUP BY year ORDER BY year",
        (*codes_b, *CAST, *codes_a, *CAST, first, last),
    )
    return [
        {
            "year": int(r["year"]),
            "member": codes_a[0],
            "with": codes_b[0],
            "both_voted": r["both_voted"],
            "same": r["same"],
            "opposed": r["opposed"],
            "agreement": round(r["same"] / r["both_voted"], 4),
        }
        for r in rows
    ]
