"""Property tests for the rules engine (Hypothesis)."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from unsc.council import council_presets
from unsc.membership import members_on
from unsc.rules import decide, decide_on
from unsc.types import Matter, Outcome, Vote

ON = date(2023, 6, 30)
MEMBERS = [m.code for m in members_on(ON)]
PERMANENT = [m.code for m in members_on(ON) if m.permanent]
ELECTED = [c for c in MEMBERS if c not in PERMANENT]

ballots = st.fixed_dictionaries({code: st.sampled_from(list(Vote)) for code in MEMBERS})
matters = st.sampled_from(list(Matter))


def _decide(votes: dict[str, Vote], matter: Matter = Matter.SUBSTANTIVE) -> Outcome:
    return decide(votes, veto_holders=PERMANENT, quota=9, procedural_quota=9, matter=matter).outcome


@given(ballots, matters, st.sampled_from(MEMBERS))
def test_turning_a_no_into_a_yes_never_undoes_adoption(
    votes: dict[str, Vote], matter: Matter, member: str
) -> None:
    if votes[member] is not Vote.NO or _decide(votes, matter) is not Outcome.ADOPTED:
        return
    changed = {**votes, member: Vote.YES}
    assert _decide(changed, matter) is Outcome.ADOPTED


@given(ballots, matters, st.sampled_from(MEMBERS), st.sampled_from(list(Vote)))
def test_more_support_never_hurts(
    votes: dict[str, Vote], matter: Matter, member: str, before: Vote
) -> None:
    worse = {**votes, member: before}
    better = {**votes, member: Vote.YES}
    if _decide(worse, matter) is Outcome.ADOPTED:
        assert _decide(better, matter) is Outcome.ADOPTED


@given(ballots, st.permutations(ELECTED))
def test_elected_members_are_interchangeable(votes: dict[str, Vote], order: list[str]) -> None:
    swapped = dict(votes)
    for old, new in zip(ELECTED, order, strict=True):
        swapped[new] = votes[old]
    assert _decide(swapped) is _decide(votes)


@given(ballots, st.sampled_from(PERMANENT), st.sampled_from([Vote.ABSTAIN, Vote.ABSENT]))
def test_abstention_or_absence_of_a_permanent_member_is_never_a_veto(
    votes: dict[str, Vote], member: str, vote: Vote
) -> None:
    decision = decide({**votes, member: vote}, veto_holders=PERMANENT, quota=9)
    assert member not in decision.vetoed_by


@given(ballots)
def test_vetoed_means_enough_votes_and_a_permanent_no(votes: dict[str, Vote]) -> None:
    decision = decide(votes, veto_holders=PERMANENT, quota=9)
    if decision.outcome is Outcome.VETOED:
        assert decision.yes >= 9
        assert decision.vetoed_by
        assert all(votes[m] is Vote.NO for m in decision.vetoed_by)
    if decision.outcome is Outcome.FAILED:
        assert decision.yes < 9
        assert decision.vetoed_by == ()
    assert (
        decision.yes + decision.no + decision.abstain + decision.not_voting + decision.absent == 15
    )


@given(ballots)
def test_procedural_outcome_ignores_who_voted_no(votes: dict[str, Vote]) -> None:
    outcome = _decide(votes, Matter.PROCEDURAL)
    yes = sum(v is Vote.YES for v in votes.values())
    assert (outcome is Outcome.ADOPTED) == (yes >= 9)


@given(
    st.sampled_from(list(council_presets().values())),
    st.data(),
)
def test_every_preset_decides_every_ballot(config: object, data: st.DataObject) -> None:
    from unsc.council import CouncilConfig

    assert isinstance(config, CouncilConfig)
    seats = [s.seat_id for s in config.seats]
    votes = data.draw(st.fixed_dictionaries({s: st.sampled_from(list(Vote)) for s in seats}))
    decision = decide(
        votes,
        veto_holders=config.veto_seats,
        quota=config.quota,
        veto_threshold=config.veto_threshold,
    )
    vetoers = [s for s in config.veto_seats if votes[s] is Vote.NO]
    yes = sum(v is Vote.YES for v in votes.values())
    expected = (
        Outcome.FAILED
        if yes < config.quota
        else Outcome.VETOED
        if len(vetoers) >= config.veto_threshold
        else Outcome.ADOPTED
    )
    assert decision.outcome is expected


def test_decide_on_every_member_yes_is_adopted_on_any_date() -> None:
    for year in range(1946, 2027, 5):
        assert decide_on(date(year, 3, 1)).outcome is Outcome.ADOPTED
