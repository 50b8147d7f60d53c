"""``unsc.Record``: the record as typed, frozen values, built over the query functions."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from tests.record.test_query_fixture import make_record
from unsc import NotFoundError, Outcome, Record, Vote
from unsc.record import query
from unsc.record.values import Agreement, Resolution


@pytest.fixture
def record(tmp_path: Path) -> Record:
    return Record(make_record(tmp_path / "record.sqlite"))


def test_resolution_2640_is_typed(record: Record) -> None:
    # Res. 2640 (29 Jun 2022, S/PV.9082): MINUSMA renewed 13-0-2, China and Russia abstaining.
    res = record.resolution(2640)
    assert isinstance(res, Resolution)
    assert res.date == date(2022, 6, 29) and res.outcome is Outcome.ADOPTED
    assert res.tally == "13-0-2"
    assert {c for c, v in res.votes.items() if v is Vote.ABSTAIN} == {"CHN", "RUS"}
    assert [m.code for m in res.members if m.vote is Vote.ABSTAIN] == ["CHN", "RUS"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.number = 1  # type: ignore[misc]


def test_draft_vetoed_by_russia(record: Record) -> None:
    # S/2023/638 (30 Aug 2023, S/PV.9408): vetoed by Russia, 13-1-1.
    draft = record.draft("s/2023/638")
    assert draft.outcome is Outcome.VETOED and draft.vetoed_by == ("RUS",)
    assert (draft.yes, draft.no, draft.abstain) == (13, 1, 1)


def test_every_method_gives_back_the_query_answer(record: Record) -> None:
    conn = record.connection
    pairs = [
        (record.resolution(82), query.resolution(conn, 82)),
        (record.draft("S/2023/639"), query.draft(conn, "S/2023/639")),
    ]
    pairs += list(zip(record.vetoes(), query.vetoes(conn), strict=True))
    pairs += list(zip(record.veto_counts(), query.veto_counts(conn), strict=True))
    pairs += list(zip(record.votes("RUS"), query.member_votes(conn, "RUS"), strict=True))
    pairs += list(
        zip(record.agreement("USA", "RUS"), query.agreement(conn, "USA", "RUS"), strict=True)
    )
    pairs += list(zip(record.stats(), query.stats_by_year(conn), strict=True))
    pairs += list(zip(record.search("Mali"), query.search(conn, "Mali"), strict=True))
    assert len(pairs) > 10
    for value, answer in pairs:
        assert value.to_dict() == answer
        assert value.extra == {}


def test_vetoes_by_seat_count_the_ussr(record: Record) -> None:
    # The Spanish question (18 Jun 1946, S/PV.47) was vetoed by the USSR: Russia's seat.
    assert [v.symbol for v in record.vetoes("RUS")] == ["S/2023/638"]
    by_seat = record.vetoes("RUS", seat=True)
    assert [v.date.year for v in by_seat] == [1946, 2023]


def test_a_new_query_key_is_kept_not_lost() -> None:
    row = {
        "year": 2023,
        "member": "USA",
        "with": "RUS",
        "both_voted": 10,
        "same": 5,
        "opposed": 2,
        "agreement": 0.5,
        "weight": 3,
    }
    value = Agreement.from_dict(row)
    assert value.with_ == "RUS" and value.extra == {"weight": 3}
    assert value.to_dict() == row


def test_a_missing_database_says_how_to_build_it(tmp_path: Path) -> None:
    record = Record(tmp_path / "absent.sqlite")
    with pytest.raises(NotFoundError, match="unsc record build"):
        record.resolution(1)


def test_close_and_reopen(record: Record) -> None:
    with record as open_record:
        assert open_record.resolution(754).adopted_without_vote
    assert record._conn is None
    assert record.resolution(2690).tally == "15-0-0"


def test_verify_replays_the_fixture_without_unexplained_exceptions(record: Record) -> None:
    report = record.verify()
    assert report.checked >= 6 and report.unexplained == ()
