"""Replaying recorded votes through the rules engine, on small databases of real votes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.record.test_query_fixture import COUNCIL_1992, DRAFTS, ELECTED_2023, P5_2022, make_record
from unsc.record.db import connect
from unsc.record.verify import Reason, VerifyReport, verify


def _verify(path: Path) -> VerifyReport:
    conn = connect(path)
    try:
        return verify(conn)
    finally:
        conn.close()


def _row(draft_id: int, **changes: object) -> tuple[object, ...]:
    fields = [
        "draft_id",
        "symbol",
        "date",
        "meeting",
        "agenda",
        "title",
        "matter",
        "outcome",
        "resolution",
        "tally",
        "without_vote",
        "sponsors",
        "ballot",
        "vetoed_by",
    ]
    row = dict(zip(fields, next(r for r in DRAFTS if r[0] == draft_id), strict=True))
    row.update(changes)
    return tuple(row.values())


def test_fixture_record_agrees_with_the_engine(tmp_path: Path) -> None:
    report = _verify(make_record(tmp_path / "r.sqlite"))
    assert report.drafts == 8
    # Res. 754 was adopted without a vote: nothing to replay.
    assert report.checked == 7
    # Res. 82 (USSR absent), the procedural agenda vote of 2014, 2640, 2690, S/2023/638 (vetoed
    # by Russia alone) and S/2023/639 (failed) all agree; the 1946 veto is known by tally only.
    assert report.agreed == 6
    reasons = {e.symbol: e.reason for e in report.exceptions}
    assert reasons == {
        "S/RES/754 (1992)": Reason.ADOPTED_WITHOUT_VOTE,
        "S/PV.47 (1946-06-18)": Reason.TALLY_ONLY,
    }
    assert report.ok
    data = report.to_dict()
    assert data["checked"] == 7 and data["agreed"] == 6
    assert {e["symbol"] for e in data["exceptions"]} == set(reasons)  # type: ignore[attr-defined]
    assert all(e["explained"] for e in data["exceptions"])  # type: ignore[attr-defined]


def test_procedural_vote_recorded_as_substantive_is_explained(tmp_path: Path) -> None:
    # The agenda vote of 22 Dec 2014 passed over the no of China and Russia: only a procedural
    # vote can, so a record that calls it substantive is an explained exception.
    report = _verify(make_record(tmp_path / "r.sqlite", [_row(4, matter="substantive")]))
    (only,) = report.exceptions
    assert only.reason is Reason.PROCEDURAL_PERMANENT_NO
    assert only.explained
    assert only.engine == "vetoed"


def test_veto_by_a_member_that_did_not_vote_no_is_unexplained(tmp_path: Path) -> None:
    # A veto list that names China for S/2023/638 contradicts the votes: China abstained.
    report = _verify(make_record(tmp_path / "r.sqlite", [_row(7, vetoed_by=("CHN",))]))
    (only,) = report.exceptions
    assert only.reason is Reason.VETOERS_DIFFER
    assert not only.explained
    assert not report.ok


def test_wrong_outcome_is_unexplained(tmp_path: Path) -> None:
    # S/2023/639 had one vote in favour: recording it as adopted is a data error.
    report = _verify(make_record(tmp_path / "r.sqlite", [_row(8, outcome="adopted")]))
    (only,) = report.exceptions
    assert only.reason is Reason.OUTCOME_DIFFERS
    assert not only.explained
    assert only.recorded == "adopted" and only.engine == "failed"


def test_tally_that_contradicts_member_votes(tmp_path: Path) -> None:
    report = _verify(make_record(tmp_path / "r.sqlite", [_row(5, tally=(12, 0, 2, 0, 0))]))
    (only,) = report.exceptions
    assert only.reason is Reason.TALLY_DIFFERS
    assert "12-0-2" in only.detail and "13-0-2" in only.detail


def test_veto_counted_without_the_votes(tmp_path: Path) -> None:
    # A permanent member's "no" on a draft that lacked the votes is not a veto for the engine
    # (UK FCO paper), though a veto list may count it: S/2023/639 with the US voting no.
    members = (*P5_2022, *ELECTED_2023)
    ballot = {c: "abstain" for c in members} | {"RUS": "yes", "USA": "no"}
    row = _row(8, outcome="vetoed", vetoed_by=("USA",), tally=(1, 1, 13, 0, 0))
    report = _verify(
        make_record(tmp_path / "r.sqlite", [row[:12] + ((members, ballot),) + row[13:]])
    )
    (only,) = report.exceptions
    assert only.reason is Reason.VETO_WITHOUT_VOTES
    assert only.explained


def test_missing_member_counts_as_not_voting(tmp_path: Path) -> None:
    # The 1994-2023 draft-level votes leave out members that did not take part: a replay with
    # one member missing still agrees, and the tally check uses yes-no-abstain only.
    path = make_record(tmp_path / "r.sqlite", [_row(6, tally=(14, 0, 0, None, None))])
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM votes WHERE draft_id = 6 AND state_code = 'MOZ'")
    conn.commit()
    conn.close()
    report = _verify(path)
    assert (report.checked, report.agreed, report.exceptions) == (1, 1, ())


def test_adoption_coded_as_nobody_voting(tmp_path: Path) -> None:
    # The UN Library codes res. 754 (1992) as 15 members not voting, tally 0-0-0.

    ballot = (COUNCIL_1992, {c: "not_voting" for c in COUNCIL_1992})
    row = _row(3, without_vote=0, tally=(0, 0, 0, 15, 0), ballot=ballot)
    report = _verify(make_record(tmp_path / "r.sqlite", [row]))
    (only,) = report.exceptions
    assert only.reason is Reason.ADOPTED_WITHOUT_VOTE
    assert only.explained
    assert report.checked == 0
