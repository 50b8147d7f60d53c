"""Fixes to the reconciliation found by checking the built record against its sources:
who vetoed the preliminary question of 26 Jun 1946, the amendment vetoed on 22 Dec 2023,
draft symbols the sources give to the wrong resolution, and the derived search index."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from unsc.record.db import connect
from unsc.record.readers import veto_lists
from unsc.record.reconcile import SymbolCheck
from unsc.record.search import has_index, search


@pytest.fixture(scope="module")
def conn(record_db: Path) -> sqlite3.Connection:
    return connect(record_db)


def _symbol(conn: sqlite3.Connection, number: int) -> str | None:
    row = conn.execute(
        "SELECT d.symbol FROM resolutions r JOIN drafts d USING (draft_id) WHERE r.number = ?",
        (number,),
    ).fetchone()
    return None if row[0] is None else str(row[0])


@pytest.mark.slow
def test_france_and_the_ussr_vetoed_the_preliminary_question_of_1946(
    conn: sqlite3.Connection, source_dir: Path
) -> None:
    # S/PV.49, 26 Jun 1946, the Spanish question: the UN Library's veto list (A/58/47, Annex
    # III) names "The Spanish question preliminary question" as vetoed by France and the USSR.
    rows = conn.execute(
        "SELECT d.draft_id, d.matter, group_concat(v.state_code) FROM drafts d"
        " JOIN vetoes v USING (draft_id) WHERE d.meeting_record = 'S/PV.49'"
        " GROUP BY d.draft_id ORDER BY d.draft_id"
    ).fetchall()
    assert [(m, ",".join(sorted(c.split(",")))) for _, m, c in rows] == [
        ("substantive", "SUN"),
        ("preliminary", "FRA,SUN"),
        ("substantive", "SUN"),
    ]
    # France's vetoes in the record are those of the Library's list: 17.
    listed = [
        v
        for v in veto_lists.read_library(source_dir / veto_lists.LIBRARY_FILE)
        if "FRA" in v.vetoed_by
    ]
    france = conn.execute("SELECT count(*) FROM vetoes WHERE state_code = 'FRA'").fetchone()[0]
    assert france == len(listed) == 17
    # The meetings table's "vetoed by USSR" is kept as a discrepancy.
    kept = conn.execute(
        "SELECT chosen, rejected FROM discrepancies WHERE kind = 'vetoed_by'"
        " AND subject LIKE 'S/PV.49 %' AND sources = 'undl-veto-list;undl-meetings'"
    ).fetchall()
    assert [tuple(r) for r in kept] == [("FRA;SUN", "SUN")]


@pytest.mark.slow
def test_the_amendment_vetoed_on_22_december_2023(conn: sqlite3.Connection) -> None:
    # S/PV.9520: Russia's oral amendment to S/2023/1029, 10-1-4, vetoed by the United States
    # ("Oral amendment", sc_draft_votes_1994_2023); S/2023/1029 became res. 2720 (2023).
    rows = conn.execute(
        "SELECT symbol, matter, outcome, sponsors, yes, no, abstain, resolution_number"
        " FROM drafts WHERE date = '2023-12-22' ORDER BY draft_id"
    ).fetchall()
    assert [tuple(r) for r in rows] == [
        (None, "amendment", "vetoed", "RUS", 10, 1, 4, None),
        ("S/2023/1029", "substantive", "adopted", "ARE", 13, 0, 2, 2720),
    ]
    vetoed_by = conn.execute(
        "SELECT state_code FROM vetoes JOIN drafts USING (draft_id) WHERE date = '2023-12-22'"
    ).fetchall()
    assert [r[0] for r in vetoed_by] == ["USA"]


@pytest.mark.slow
def test_draft_symbols_the_sources_give_to_the_wrong_resolution(conn: sqlite3.Connection) -> None:
    # The MARC crosswalk: S/2015/134 (the draft of res. 2205 (2015)) for res. 220 (1966);
    # S/11806 for res. 372, 373 and 374 (1975); S/3730/Rev.1, vetoed by the USSR at S/PV.754,
    # for res. 120 (1956). No source has the right one: left empty.
    for number in (120, 220, 372, 373, 374):
        assert _symbol(conn, number) is None, number
    assert _symbol(conn, 2205) == "S/2015/134"
    # oliverunv gives S/2006/372 to res. 1684 and 1685; the crosswalk has S/2006/373 for 1685.
    assert (_symbol(conn, 1684), _symbol(conn, 1685)) == ("S/2006/372", "S/2006/373")
    # oliverunv has S/1995/136 for res. 1048 (1996); the crosswalk S/1996/136.
    assert _symbol(conn, 1048) == "S/1996/136"
    rejected = {
        (r[0], r[1])
        for r in conn.execute(
            "SELECT subject, rejected FROM discrepancies WHERE kind = 'draft_symbol_rejected'"
        )
    }
    assert {
        ("S/RES/120 (1956)", "S/3730/Rev.1"),
        ("S/RES/220 (1966)", "S/2015/134"),
        ("S/RES/372 (1975)", "S/11806"),
        ("S/RES/1685 (2006)", "S/2006/372"),
    } <= rejected
    shared = conn.execute(
        "SELECT symbol FROM drafts WHERE resolution_number IS NOT NULL AND symbol IS NOT NULL"
        " GROUP BY symbol HAVING count(*) > 1"
    ).fetchall()
    assert shared == []
    for symbol, day in conn.execute(
        "SELECT symbol, date FROM drafts WHERE resolution_number IS NOT NULL AND symbol LIKE 'S/%'"
    ):
        year = re.match(r"S/(\d{4})/\d", symbol)
        if year and int(year.group(1)) >= 1994:
            assert year.group(1) == day[:4], (symbol, day)


def test_symbol_check_rules() -> None:
    check = SymbolCheck(
        claims={"undl-marc-crosswalk": {"S/11806": frozenset({372, 373})}},
        vetoed=frozenset({"S/3730/Rev.1"}),
    )
    assert check.why_not("S/2015/134", "oliverunv", 220, 1966) is not None
    assert check.why_not("S/2015/134", "oliverunv", 2205, 2015) is None
    # symbols without a year (before 1994) are not read as years
    assert check.why_not("S/1508/Rev.1", "undl-marc-crosswalk", 83, 1950) is None
    assert "373" in (check.why_not("S/11806", "undl-marc-crosswalk", 372, 1975) or "")
    assert check.why_not("S/11806", "oliverunv", 372, 1975) is None
    assert "vetoed" in (check.why_not("S/3730/Rev.1", "undl-marc-crosswalk", 120, 1956) or "")


@pytest.mark.slow
def test_the_build_makes_the_search_index(conn: sqlite3.Connection) -> None:
    assert has_index(conn)
    found = {r["resolution_number"] for r in search(conn, "stabiliz mali", limit=200)}
    # res. 2100 (2013) established MINUSMA.
    assert 2100 in found
    plan = " ".join(
        str(r[-1])
        for r in conn.execute(
            "EXPLAIN QUERY PLAN SELECT draft_id, vote FROM votes WHERE state_code = 'FRA'"
        )
    )
    assert "COVERING INDEX votes_state" in plan
