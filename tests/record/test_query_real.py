"""The queries on the record built from the real sources (``record_db``): facts a user checks."""

from __future__ import annotations

import csv
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import shared_data
from unsc.record import query
from unsc.record.db import connect

pytestmark = pytest.mark.slow


@pytest.fixture
def conn(record_db: Path) -> Iterator[sqlite3.Connection]:
    connection = connect(record_db)
    yield connection
    connection.close()


def test_every_resolution_is_there(conn: sqlite3.Connection) -> None:
    numbers = [r[0] for r in conn.execute("SELECT number FROM resolutions ORDER BY number")]
    assert numbers == list(range(1, 2722))


def test_resolution_2690_ended_minusma_unanimously(conn: sqlite3.Connection) -> None:
    # S/RES/2690 (2023), 30 June 2023, S/PV.9365: MINUSMA's mandate ended, 15-0-0.
    found = query.resolution(conn, 2690)
    assert found["date"] == "2023-06-30"
    assert found["draft"] == "S/2023/480"
    assert (found["yes"], found["no"], found["abstain"]) == (15, 0, 0)
    assert set(found["votes"].values()) == {"yes"}
    assert len(found["votes"]) == 15


def test_resolution_2640_china_and_russia_abstained(conn: sqlite3.Connection) -> None:
    found = query.resolution(conn, 2640)
    assert (found["yes"], found["no"], found["abstain"]) == (13, 0, 2)
    assert sorted(c for c, v in found["votes"].items() if v == "abstain") == ["CHN", "RUS"]


def test_resolution_82_adopted_without_the_ussr(conn: sqlite3.Connection) -> None:
    # 25 June 1950: 9-0-1, Yugoslavia abstaining, the USSR boycotting the Council.
    found = query.resolution(conn, 82)
    assert found["date"] == "1950-06-25"
    assert (found["yes"], found["no"], found["abstain"]) == (9, 0, 1)
    assert found["votes"]["SUN"] in ("absent", "not_voting")
    assert found["votes"]["YUG"] == "abstain"
    assert found["votes"]["TWN"] == "yes"  # the Republic of China held China's seat


def test_mali_sanctions_veto_and_the_alternative(conn: sqlite3.Connection) -> None:
    vetoed = query.draft(conn, "S/2023/638")
    assert (vetoed["date"], vetoed["outcome"], vetoed["vetoed_by"]) == (
        "2023-08-30",
        "vetoed",
        ["RUS"],
    )
    assert (vetoed["yes"], vetoed["no"], vetoed["abstain"]) == (13, 1, 1)
    assert vetoed["votes"]["CHN"] == "abstain"
    alternative = query.draft(conn, "S/2023/639")
    assert alternative["outcome"] == "failed"
    assert (alternative["yes"], alternative["no"], alternative["abstain"]) == (1, 1, 13)
    assert alternative["votes"]["JPN"] == "no"


def test_2023_in_numbers(conn: sqlite3.Connection) -> None:
    # UN, Highlights of Security Council Practice 2023: 50 resolutions; 7 vetoes cast on
    # 5 drafts and 1 amendment. By the UN Library's convention the amendment is apart.
    (row,) = query.stats_by_year(conn, since=2023, until=2023)
    assert row["resolutions"] == 50
    assert (row["vetoed"], row["vetoes_cast"]) == (5, 6)
    (every,) = query.stats_by_year(conn, since=2023, until=2023, include_amendments=True)
    assert (every["vetoed"], every["vetoes_cast"]) == (6, 7)


def test_vetoes_since_1994_match_the_draft_level_votes(conn: sqlite3.Connection) -> None:
    # Every veto 1994-2023 in the draft-level votes (source ``oliverunv``, docs/data.md: drafts
    # "Not adopted - veto", vetoers the permanent members voting no) is in the record, cast by
    # the same permanent members.
    path = shared_data() / "vetoes" / "derived_vetoes_1994_2023_from_oliverunv.csv"
    with path.open(encoding="utf-8") as handle:
        expected = Counter(
            code
            for row in csv.DictReader(handle)
            if row["date"] <= "2023-12-31"
            for code in row["vetoed_by_p5"].split(";")
        )
    found = Counter(
        code
        for row in query.vetoes(conn, since=1994, until=2023, include_amendments=True)
        for code in row["vetoed_by"]
    )
    assert found == expected
    assert query.vetoes(conn, member="RUS", since=2023) == [
        v for v in query.vetoes(conn, since=2023) if "RUS" in v["vetoed_by"]
    ]


def test_russia_holds_the_ussrs_vetoes_only_with_seat(conn: sqlite3.Connection) -> None:
    own = query.vetoes(conn, member="RUS")
    with_ussr = query.vetoes(conn, member="RUS", seat=True)
    assert min(v["date"] for v in own) >= "1991-12-24"
    assert min(v["date"] for v in with_ussr) == "1946-02-16"  # Syria and Lebanon
    assert len(with_ussr) == len(own) + len(query.vetoes(conn, member="SUN"))
    counts = {c["member"]: c["vetoes"] for c in query.veto_counts(conn)}
    assert counts["SUN"] + counts["RUS"] > counts["USA"] > counts["GBR"] > counts["CHN"]


def test_member_votes_and_agreement(conn: sqlite3.Connection) -> None:
    votes = query.member_votes(conn, "Japan", since=2023, until=2023)
    # Japan sat through 2023 and voted on every question, amendments included.
    every = query.stats_by_year(conn, since=2023, until=2023, include_amendments=True)
    assert len(votes) == every[0]["drafts"]
    # The US and Russia agreed less often in 2023 than in 2010; the US and UK far more.
    usa_rus = {r["year"]: r["agreement"] for r in query.agreement(conn, "USA", "RUS")}
    usa_gbr = {r["year"]: r["agreement"] for r in query.agreement(conn, "USA", "GBR")}
    assert usa_rus[2023] < usa_rus[2010]
    assert all(usa_gbr[y] >= usa_rus[y] for y in range(1994, 2024))


def test_search_mali(conn: sqlite3.Connection) -> None:
    found = query.search(conn, "Mali", limit=500)
    symbols = {r["symbol"] for r in found}
    assert {"S/2023/480", "S/2023/638", "S/2023/639", "S/2022/517"} <= symbols
    assert all("somalia" not in (r["title"] or "").lower() for r in found)
