"""The exact outcome distribution: brute force agrees, certainty reproduces the rules engine."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unsc.errors import InputError
from unsc.forecast.outcome import (
    VOTE_CLASSES,
    MemberForecast,
    Rule,
    VoteMixture,
    enumerate_outcomes,
    outcome_distribution,
    simulate_outcomes,
)
from unsc.membership import members_on
from unsc.rules import decide, decide_on
from unsc.types import Matter, Outcome, Vote

probability_vectors = st.lists(
    st.floats(min_value=0.0, max_value=1.0, allow_nan=False), min_size=4, max_size=4
).filter(lambda v: sum(v) > 1e-3)


@st.composite
def small_councils(draw: st.DrawFn) -> tuple[list[MemberForecast], Rule]:
    size = draw(st.integers(min_value=1, max_value=6))
    members = []
    for i in range(size):
        raw = draw(probability_vectors)
        total = sum(raw)
        members.append(MemberForecast(f"M{i}", *(p / total for p in raw)))
    n_veto = draw(st.integers(min_value=0, max_value=min(size, 3)))
    rule = Rule(
        veto_holders=tuple(m.code for m in members[:n_veto]),
        quota=draw(st.integers(min_value=1, max_value=size)),
        matter=draw(st.sampled_from(list(Matter))),
        veto_threshold=draw(st.integers(min_value=1, max_value=2)),
        procedural_quota=draw(st.none() | st.integers(min_value=1, max_value=size)),
    )
    return members, rule


@settings(max_examples=150, deadline=None)
@given(small_councils())
def test_exact_distribution_matches_brute_force(council: tuple[list[MemberForecast], Rule]) -> None:
    members, rule = council
    exact = outcome_distribution(members, rule)
    brute = enumerate_outcomes(members, rule)
    for outcome in Outcome:
        assert exact.prob(outcome) == pytest.approx(brute.prob(outcome), abs=1e-9)
    for code in rule.veto_holders:
        assert exact.vetoed_by[code] == pytest.approx(brute.vetoed_by[code], abs=1e-9)


@settings(max_examples=150, deadline=None)
@given(small_councils())
def test_outcome_probabilities_are_valid(council: tuple[list[MemberForecast], Rule]) -> None:
    members, rule = council
    dist = outcome_distribution(members, rule)
    values = [dist.adopted, dist.vetoed, dist.failed]
    assert all(0.0 <= p <= 1.0 + 1e-12 for p in values)
    assert math.isclose(sum(values), 1.0, abs_tol=1e-9)
    for p in dist.vetoed_by.values():
        assert -1e-12 <= p <= dist.vetoed + 1e-9


votes_2023 = st.lists(st.sampled_from(VOTE_CLASSES), min_size=15, max_size=15)


@settings(max_examples=200, deadline=None)
@given(votes_2023, st.sampled_from([Matter.SUBSTANTIVE, Matter.PROCEDURAL, Matter.AMENDMENT]))
def test_fixing_every_vote_reproduces_the_rules_engine(votes: list[Vote], matter: Matter) -> None:
    from datetime import date

    sitting = members_on(date(2023, 6, 30))
    profile = {m.code: v for m, v in zip(sitting, votes, strict=True)}
    holders = tuple(m.code for m in sitting if m.permanent)
    rule = Rule(holders, 9, matter)
    dist = outcome_distribution([MemberForecast.certain(c, v) for c, v in profile.items()], rule)
    decision = decide(profile, veto_holders=holders, quota=9, matter=matter)
    assert dist.prob(decision.outcome) == pytest.approx(1.0)
    for code in holders:
        assert dist.vetoed_by[code] == pytest.approx(1.0 if code in decision.vetoed_by else 0.0)


def test_ukraine_draft_of_february_2022_is_a_certain_veto() -> None:
    """S/2022/155 (25 Feb 2022): 11-1-3, Russia against; China, India, UAE abstaining."""
    from datetime import date

    on = date(2022, 2, 25)
    sitting = members_on(on)
    abstain = {"CHN", "IND", "ARE"}
    members = [
        MemberForecast.certain(
            m.code, Vote.NO if m.code == "RUS" else Vote.ABSTAIN if m.code in abstain else Vote.YES
        )
        for m in sitting
    ]
    rule = Rule(tuple(m.code for m in sitting if m.permanent), 9)
    dist = outcome_distribution(members, rule)
    engine = decide_on(on, no=("RUS",), abstain=tuple(abstain))
    assert engine.outcome is Outcome.VETOED
    assert dist.vetoed == pytest.approx(1.0)
    assert dist.vetoed_by == pytest.approx(
        {"CHN": 0.0, "FRA": 0.0, "GBR": 0.0, "RUS": 1.0, "USA": 0.0}
    )


def test_a_likely_russian_no_shows_in_vetoed_by() -> None:
    members = [MemberForecast("RUS", 0.2, 0.7, 0.1, 0.0)] + [
        MemberForecast(f"E{i}", 1.0, 0.0, 0.0, 0.0) for i in range(14)
    ]
    dist = outcome_distribution(members, Rule(("RUS",), 9))
    assert dist.vetoed == pytest.approx(0.7)
    assert dist.vetoed_by["RUS"] == pytest.approx(0.7)
    assert dist.adopted == pytest.approx(0.3)


def test_simulation_is_seeded_and_agrees_with_exact_for_independent_votes() -> None:
    rng = np.random.default_rng(3)
    members = [MemberForecast(f"M{i}", *(rng.dirichlet([8.0, 1.0, 1.0, 0.2]))) for i in range(15)]
    rule = Rule(tuple(f"M{i}" for i in range(5)), 9)
    exact = outcome_distribution(members, rule)
    a = simulate_outcomes(members, rule, rng=np.random.default_rng(11), samples=40_000)
    b = simulate_outcomes(members, rule, rng=np.random.default_rng(11), samples=40_000)
    assert a == b
    for outcome in Outcome:
        assert a.prob(outcome) == pytest.approx(exact.prob(outcome), abs=0.015)


def test_a_fully_cohesive_bloc_votes_together() -> None:
    members = [MemberForecast("RUS", 0.5, 0.5, 0.0, 0.0), MemberForecast("CHN", 0.5, 0.5, 0.0, 0.0)]
    members += [MemberForecast(f"E{i}", 1.0, 0.0, 0.0, 0.0) for i in range(13)]
    rule = Rule(("RUS", "CHN"), 9)
    alone = outcome_distribution(members, rule)
    assert alone.vetoed == pytest.approx(0.75)
    bloc = simulate_outcomes(
        members, rule, blocs=[("RUS", "CHN")], cohesion=1.0, rng=np.random.default_rng(0)
    )
    assert bloc.vetoed == pytest.approx(0.5, abs=0.02)  # both no, or both yes
    assert bloc.vetoed_by["RUS"] == pytest.approx(bloc.vetoed_by["CHN"])


def test_bad_input_is_named() -> None:
    with pytest.raises(InputError, match="sum to"):
        MemberForecast.from_probs("RUS", {Vote.YES: 0.5})
    with pytest.raises(InputError, match="veto holders without a forecast"):
        outcome_distribution([MemberForecast.certain("FRA", Vote.YES)], Rule(("RUS",), 1))
    with pytest.raises(InputError, match="cohesion"):
        simulate_outcomes(
            [MemberForecast.certain("FRA", Vote.YES)],
            Rule((), 1),
            cohesion=2.0,
            rng=np.random.default_rng(0),
        )


def _mixture_by_brute_force(
    mixture: VoteMixture, rule: Rule, assume: dict[str, Vote]
) -> dict[Outcome, float]:
    """P(outcome | assumed votes), summing over every profile of the two-part mixture."""
    import itertools

    members = mixture.contested
    totals = dict.fromkeys(Outcome, 0.0)
    for profile in itertools.product(VOTE_CLASSES, repeat=len(members)):
        votes = {m.code: v for m, v in zip(members, profile, strict=True)}
        if any(votes[c] is not v for c, v in assume.items()):
            continue
        p = (1 - mixture.consensus) * math.prod(
            m.prob(v) for m, v in zip(members, profile, strict=True)
        )
        if all(v is Vote.YES for v in profile):
            p += mixture.consensus
        decision = decide(
            votes, veto_holders=rule.veto_holders, quota=rule.quota, matter=rule.matter
        )
        totals[decision.outcome] += p
    total = sum(totals.values())
    return {o: p / total for o, p in totals.items()}


@settings(max_examples=100, deadline=None)
@given(
    small_councils(),
    st.floats(min_value=0.0, max_value=0.99),
    st.lists(st.sampled_from(VOTE_CLASSES), min_size=0, max_size=2),
)
def test_mixture_with_assumed_votes_matches_brute_force(
    council: tuple[list[MemberForecast], Rule], consensus: float, assumed: list[Vote]
) -> None:
    members, rule = council
    rule = Rule(rule.veto_holders, rule.quota, rule.matter)
    # the model floors every probability, so an assumed vote is never impossible
    members = [
        MemberForecast.from_probs(m.code, {v: (m.prob(v) + 0.01) / 1.04 for v in VOTE_CLASSES})
        for m in members
    ]
    mixture = VoteMixture(consensus, tuple(members))
    assume = {m.code: v for m, v in zip(members, assumed, strict=False)}
    known = mixture.given(assume)
    dist = known.outcome(rule)
    brute = _mixture_by_brute_force(mixture, rule, assume)
    for outcome in Outcome:
        assert dist.prob(outcome) == pytest.approx(brute[outcome], abs=1e-9)
    for m in known.marginal():
        assert math.isclose(m.yes + m.no + m.abstain + m.not_voting, 1.0, abs_tol=1e-9)


def test_mixture_simulation_with_blocs_is_seeded_and_close_to_exact_without_cohesion() -> None:
    rng = np.random.default_rng(5)
    members = tuple(
        MemberForecast(f"M{i}", *(rng.dirichlet([3.0, 1.0, 2.0, 0.1]))) for i in range(15)
    )
    rule = Rule(tuple(f"M{i}" for i in range(5)), 9)
    mixture = VoteMixture(0.6, members)
    exact = mixture.outcome(rule)
    loose = mixture.simulate(
        rule, blocs=[("M0", "M1")], cohesion=0.0, rng=np.random.default_rng(1), samples=40_000
    )
    again = mixture.simulate(
        rule, blocs=[("M0", "M1")], cohesion=0.0, rng=np.random.default_rng(1), samples=40_000
    )
    assert loose == again
    assert loose.method == "simulation" and loose.samples == 40_000
    for outcome in Outcome:
        assert loose.prob(outcome) == pytest.approx(exact.prob(outcome), abs=0.015)
    assert VoteMixture(1.0, members).simulate(
        rule, blocs=(), cohesion=0.5, rng=np.random.default_rng(0)
    ).adopted == pytest.approx(1.0)
