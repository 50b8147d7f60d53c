"""The record queries on a small database of real votes (see ``test_query_fixture``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.record.test_query_fixture import make_record
from unsc.errors import InputError, NotFoundError
from unsc.record import query
from unsc.record.db import connect
from unsc.record.search import build_search_index


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    connection = connect(make_record(tmp_path / "record.sqlite"))
    yield connection
    connection.close()


def test_resolution_2640_tally_and_abstentions(conn: sqlite3.Connection) -> None:
    # S/RES/2640 (2022): MINUSMA renewed 13-0-2, China and Russia abstaining (S/PV.9082).
    found = query.resolution(conn, 2640)
    assert found["symbol"] == "S/RES/2640 (2022)"
    assert found["date"] == "2022-06-29"
    assert found["draft"] == "S/2022/517"
    assert found["agenda"] == "The situation in Mali"
    assert (found["yes"], found["no"], found["abstain"], found["not_voting"]) == (13, 0, 2, 0)
    assert {c for c, v in found["votes"].items() if v == "abstain"} == {"CHN", "RUS"}
    assert len(found["votes"]) == 15
    names = [m["name"] for m in found["members"]]
    assert names == sorted(names)


def test_resolution_82_ussr_absent(conn: sqlite3.Connection) -> None:
    found = query.resolution(conn, 82)
    assert found["votes"]["SUN"] == "absent"
    assert found["votes"]["YUG"] == "abstain"
    assert (found["yes"], found["no"], found["abstain"], found["absent"]) == (9, 0, 1, 1)
    # Members are named as they were that day: the Republic of China sat as "China".
    assert found["members"][0] == {"code": "TWN", "name": "China", "vote": "yes"}


def test_resolution_adopted_without_vote(conn: sqlite3.Connection) -> None:
    found = query.resolution(conn, 754)
    assert found["adopted_without_vote"] is True
    assert found["votes"] == {}
    assert found["yes"] is None


def test_unknown_resolution_names_the_parameter(conn: sqlite3.Connection) -> None:
    with pytest.raises(NotFoundError) as caught:
        query.resolution(conn, 9999)
    assert caught.value.field == "number"
    assert "9999" in str(caught.value)
    with pytest.raises(InputError):
        query.resolution(conn, 0)


def test_draft_vetoed_by_russia(conn: sqlite3.Connection) -> None:
    # S/2023/638: Mali sanctions, vetoed by Russia 13-1-1, China abstaining (S/PV.9408).
    found = query.draft(conn, " s/2023/638 ")
    assert found["outcome"] == "vetoed"
    assert found["vetoed_by"] == ["RUS"]
    assert (found["yes"], found["no"], found["abstain"]) == (13, 1, 1)
    assert found["votes"]["CHN"] == "abstain"
    assert found["sponsors"] == ["FRA", "ARE"]
    assert found["other_votes"] == []


def test_draft_failed_alternative(conn: sqlite3.Connection) -> None:
    found = query.draft(conn, "S/2023/639")
    assert found["outcome"] == "failed"
    assert found["vetoed_by"] == []
    assert found["votes"]["JPN"] == "no"
    assert found["votes"]["RUS"] == "yes"


def test_unknown_draft_names_the_parameter(conn: sqlite3.Connection) -> None:
    with pytest.raises(NotFoundError) as caught:
        query.draft(conn, "S/2023/9999")
    assert caught.value.field == "symbol"
    with pytest.raises(InputError):
        query.draft(conn, "  ")


def test_vetoes_filters(conn: sqlite3.Connection) -> None:
    everything = query.vetoes(conn)
    assert [v["date"] for v in everything] == ["1946-06-18", "2023-08-30"]
    assert [v["vetoed_by"] for v in everything] == [["SUN"], ["RUS"]]
    assert [v["symbol"] for v in query.vetoes(conn, member="RUS")] == ["S/2023/638"]
    # The Russian Federation holds the USSR's seat: with seat=True its vetoes count too.
    assert len(query.vetoes(conn, member="RUS", seat=True)) == 2
    assert len(query.vetoes(conn, member="USSR")) == 1
    assert query.vetoes(conn, member="USA") == []
    assert len(query.vetoes(conn, since=2000)) == 1
    assert len(query.vetoes(conn, until=1946)) == 1
    assert query.vetoes(conn, since=2024) == []


def test_veto_counts(conn: sqlite3.Connection) -> None:
    counts = query.veto_counts(conn)
    assert {(c["member"], c["vetoes"], c["alone"]) for c in counts} == {
        ("RUS", 1, 1),
        ("SUN", 1, 1),
    }


def test_bad_period_and_member(conn: sqlite3.Connection) -> None:
    with pytest.raises(InputError) as caught:
        query.vetoes(conn, since="last year")
    assert caught.value.field == "since"
    with pytest.raises(InputError) as caught:
        query.vetoes(conn, since=2023, until=2022)
    assert caught.value.field == "since"
    with pytest.raises(NotFoundError) as not_found:
        query.vetoes(conn, member="XYZ")
    assert not_found.value.field == "member"


def test_member_votes(conn: sqlite3.Connection) -> None:
    votes = query.member_votes(conn, "rus")
    assert [(v["date"], v["vote"]) for v in votes] == [
        ("2014-12-22", "no"),
        ("2022-06-29", "abstain"),
        ("2023-06-30", "yes"),
        ("2023-08-30", "no"),
        ("2023-08-30", "yes"),
    ]
    assert [v["resolution_number"] for v in query.member_votes(conn, "RUS", since=2023)] == [
        2690,
        None,
        None,
    ]
    with_ussr = query.member_votes(conn, "RUS", until=1999, seat=True)
    assert [(v["member"], v["vote"]) for v in with_ussr] == [("SUN", "absent")]


def test_agreement_by_year(conn: sqlite3.Connection) -> None:
    rows = {r["year"]: r for r in query.agreement(conn, "RUS", "CHN")}
    # 2014: both voted no on the agenda; 2022: both abstained on res. 2640;
    # 2023: same on 2690, apart on S/2023/638 (no / abstain) and S/2023/639 (yes / abstain).
    assert {y: (r["same"], r["both_voted"]) for y, r in rows.items()} == {
        2014: (1, 1),
        2022: (1, 1),
        2023: (1, 3),
    }
    assert rows[2023]["agreement"] == pytest.approx(1 / 3, abs=1e-4)
    usa = {r["year"]: r for r in query.agreement(conn, "USA", "RUS", since=2023)}
    assert list(usa) == [2023]
    assert usa[2023]["opposed"] == 1  # S/2023/638: the US for, Russia against


def test_agreement_ignores_votes_not_cast(conn: sqlite3.Connection) -> None:
    # 1950: the USSR was absent, so it cast no vote to agree or disagree with.
    assert query.agreement(conn, "SUN", "USA") == []
    with pytest.raises(InputError) as caught:
        query.agreement(conn, "RUS", "rus")
    assert caught.value.field == "with"


def test_stats_by_year(conn: sqlite3.Connection) -> None:
    rows = {r["year"]: r for r in query.stats_by_year(conn)}
    assert sorted(rows) == [1946, 1950, 1992, 2014, 2022, 2023]
    y2023 = rows[2023]
    assert (y2023["resolutions"], y2023["unanimous"], y2023["unanimity_rate"]) == (1, 1, 1.0)
    assert (y2023["vetoed"], y2023["vetoes_cast"], y2023["failed"], y2023["drafts"]) == (1, 1, 1, 3)
    y2022 = rows[2022]
    assert (y2022["unanimous"], y2022["abstentions"], y2022["with_abstentions"]) == (0, 2, 1)
    assert rows[1992]["without_vote"] == 1
    assert rows[1992]["unanimity_rate"] is None
    assert rows[1950]["unanimous"] == 0  # 9 of 11 in favour: the USSR absent
    assert (rows[1946]["resolutions"], rows[1946]["vetoed"]) == (0, 1)
    assert [r["year"] for r in query.stats_by_year(conn, since=2014, until=2022)] == [2014, 2022]


@pytest.mark.parametrize("indexed", [False, True])
def test_search(tmp_path: Path, indexed: bool) -> None:
    path = make_record(tmp_path / "record.sqlite")
    if indexed:
        writable = sqlite3.connect(path)
        assert build_search_index(writable) == 8
        writable.commit()
        writable.close()
    conn = connect(path)
    try:
        found = query.search(conn, "Mali")
        assert [r["symbol"] for r in found] == [
            "S/2023/639",
            "S/2023/638",
            "S/2023/480",
            "S/2022/517",
        ]
        assert [r["resolution_number"] for r in query.search(conn, "minusma  MANDATE")] == [
            2690,
            2640,
        ]
        assert [r["resolution_number"] for r in query.search(conn, "Korea")] == [None, 82]
        assert query.search(conn, "Slovenia")[0]["resolution_number"] == 754
        assert len(query.search(conn, "mali", limit=1)) == 1
        assert query.search(conn, "Atlantis") == []
        assert query.search(conn, "ali") == []  # a word must start with it: not "Mali"
        with pytest.raises(InputError) as caught:
            query.search(conn, " -- ")
        assert caught.value.field == "text"
    finally:
        conn.close()
