"""Two classes of fact set by rule over the whole record: decisions by acclamation are taken
without a vote, and recommendations on the admission of a state are of kind ``membership``."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from unsc.record import query
from unsc.record.db import connect
from unsc.record.records import VoteLine


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Adopted by acclamation", VoteLine.WITHOUT_VOTE),
        ("adopted without vote", VoteLine.WITHOUT_VOTE),
        ("Adopted without a vote", VoteLine.WITHOUT_VOTE),
        ("adopted by consensus", VoteLine.CONSENSUS),
        ("Adopted unanimously", None),
        ("15-0-0", None),
    ],
)
def test_the_vote_line_a_source_states(text: str, line: VoteLine | None) -> None:
    assert VoteLine.stated(text) is line


@pytest.fixture(scope="module")
def conn(record_db: Path) -> Iterator[sqlite3.Connection]:
    c = connect(record_db)
    yield c
    c.close()


@pytest.mark.slow
@pytest.mark.parametrize("number", [1090, 1091, 1358, 1715, 1987, 2311, 2324, 2580])
def test_recommendations_by_acclamation_have_no_ballot(
    conn: sqlite3.Connection, number: int
) -> None:
    # res. 2580 (2021), António Guterres's second term: "adopted by acclamation" at the
    # private 8789th meeting (Xinhua, 8 Jun 2021); the others are marked "Adopted by
    # acclamation" in the draft-level table
    found = query.resolution(conn, number)
    assert found["vote_line"] == "without_vote"
    assert found["votes"] == {}
    assert (found["yes"], found["no"], found["abstain"]) == (None, None, None)


@pytest.mark.slow
@pytest.mark.parametrize("number", [8, 109, 151, 1290])
def test_admission_recommendations_are_membership(conn: sqlite3.Connection, number: int) -> None:
    # res. 109 (1955) recommends sixteen states (S/PV.705); res. 1290 (2000) Tuvalu
    assert query.resolution(conn, number)["kind"] == "membership"


@pytest.mark.slow
@pytest.mark.parametrize("number", [6, 24, 25, 777, 1329, 1646])
def test_other_resolutions_on_membership_questions_are_drafts(
    conn: sqlite3.Connection, number: int
) -> None:
    # res. 6 (1946) on procedures for admission; 24 and 25 (1947) refer applications to the
    # Committee on the Admission of New Members; 777 (1992), 1329 (2000), 1646 (2005) are not
    # recommendations on the admission of a state
    assert query.resolution(conn, number)["kind"] == "draft"


@pytest.mark.slow
def test_every_admission_title_and_failed_admission_draft_is_membership(
    conn: sqlite3.Connection,
) -> None:
    titled = conn.execute(
        "SELECT resolution_number FROM drafts WHERE resolution_number IS NOT NULL"
        " AND (title LIKE '%[on admission of%' OR title LIKE '%[on the application of%"
        "for admission%') AND kind != 'membership'"
    ).fetchall()
    assert [r[0] for r in titled] == []
    failed = conn.execute(
        "SELECT symbol, date FROM drafts WHERE outcome != 'adopted' AND kind = 'draft'"
        " AND lower(agenda) LIKE '%admission of new members%'"
    ).fetchall()
    assert [tuple(r) for r in failed] == []
    # S/3510 (Japan, vetoed 15 Dec 1955, S/PV.706)
    assert query.draft(conn, "S/3510")["kind"] == "membership"
