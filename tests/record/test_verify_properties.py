"""Property tests: the replay agrees with the engine on any ballot and catches any wrong outcome."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.record.test_query_fixture import ELECTED_2023, P5_2022, make_record
from unsc.record.db import connect
from unsc.record.verify import Reason, VerifyReport, verify
from unsc.rules import decide
from unsc.types import Matter, Outcome, Vote

pytestmark = pytest.mark.slow

MEMBERS = (*P5_2022, *ELECTED_2023)  # the Council of 30 August 2023

ballots = st.lists(
    st.sampled_from([Vote.YES, Vote.NO, Vote.ABSTAIN, Vote.NOT_VOTING]),
    min_size=len(MEMBERS),
    max_size=len(MEMBERS),
)
matters = st.sampled_from([Matter.SUBSTANTIVE, Matter.PROCEDURAL, Matter.AMENDMENT])


def _replay(votes: dict[str, Vote], matter: Matter, outcome: Outcome) -> VerifyReport:
    decision = decide(votes, veto_holders=P5_2022, quota=9, procedural_quota=9, matter=matter)
    row = (
        1,
        "S/2023/999",
        "2023-08-30",
        "S/PV.9408",
        "A question put to the vote",
        None,
        matter.value,
        outcome.value,
        None,
        (decision.yes, decision.no, decision.abstain, decision.not_voting, 0),
        0,
        None,
        (MEMBERS, {code: vote.value for code, vote in votes.items()}),
        decision.vetoed_by,
    )
    with tempfile.TemporaryDirectory() as tmp:
        conn = connect(make_record(Path(tmp) / "r.sqlite", [row]))
        try:
            return verify(conn)
        finally:
            conn.close()


@settings(max_examples=25, deadline=None)
@given(ballot=ballots, matter=matters)
def test_a_record_that_follows_the_rules_agrees(ballot: list[Vote], matter: Matter) -> None:
    votes = dict(zip(MEMBERS, ballot, strict=True))
    outcome = decide(
        votes, veto_holders=P5_2022, quota=9, procedural_quota=9, matter=matter
    ).outcome
    report = _replay(votes, matter, outcome)
    assert (report.checked, report.agreed, report.exceptions) == (1, 1, ())


@settings(max_examples=25, deadline=None)
@given(ballot=ballots, matter=matters, data=st.data())
def test_a_wrong_outcome_is_always_an_exception(
    ballot: list[Vote], matter: Matter, data: st.DataObject
) -> None:
    votes = dict(zip(MEMBERS, ballot, strict=True))
    right = decide(votes, veto_holders=P5_2022, quota=9, procedural_quota=9, matter=matter).outcome
    wrong = data.draw(st.sampled_from([o for o in Outcome if o is not right]))
    report = _replay(votes, matter, wrong)
    assert report.agreed == 0
    (found,) = report.exceptions
    if wrong is Outcome.ADOPTED and not any(v is Vote.YES for v in votes.values()):
        # No member in favour but recorded adopted: how the UN Library codes an adoption
        # without a vote (res. 754 (1992)); verify names it so instead of replaying it.
        assert found.reason is Reason.ADOPTED_WITHOUT_VOTE and found.engine is None
        return
    assert found.engine == right.value and found.recorded == wrong.value
    # Two wrong outcomes are explained: an adoption over a permanent member's no (a procedural
    # vote) and a veto counted on a draft that lacked the votes. Any other is a bug in the data.
    explained = {Reason.PROCEDURAL_PERMANENT_NO, Reason.VETO_WITHOUT_VOTES}
    assert found.explained == (found.reason in explained)
    if found.reason is Reason.PROCEDURAL_PERMANENT_NO:
        assert (wrong, right) == (Outcome.ADOPTED, Outcome.VETOED)
    if found.reason is Reason.VETO_WITHOUT_VOTES:
        assert (wrong, right) == (Outcome.VETOED, Outcome.FAILED)
        assert any(votes[p] is Vote.NO for p in P5_2022)
