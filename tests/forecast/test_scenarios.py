"""Pivotal members and the smallest changes that would pass a draft."""

from __future__ import annotations

from unsc.forecast.outcome import MemberForecast, Rule
from unsc.forecast.scenarios import pivotal_members, smallest_changes
from unsc.types import Outcome, Vote

P5 = ("CHN", "FRA", "GBR", "RUS", "USA")


def council(russia: MemberForecast, elected_yes: int = 10) -> list[MemberForecast]:
    members = [russia] + [MemberForecast.certain(c, Vote.YES) for c in P5 if c != "RUS"]
    members += [
        MemberForecast.certain(f"E{i}", Vote.YES if i < elected_yes else Vote.ABSTAIN)
        for i in range(10)
    ]
    return members


def test_a_likely_veto_makes_russia_pivotal_and_its_abstention_the_smallest_change() -> None:
    members = council(MemberForecast("RUS", 0.05, 0.6, 0.35, 0.0))
    rule = Rule(P5, 9)
    pivots = pivotal_members(members, rule)
    assert [p.code for p in pivots] == ["RUS"]
    assert pivots[0].most_likely[Vote.NO] is Outcome.VETOED
    assert pivots[0].most_likely[Vote.ABSTAIN] is Outcome.ADOPTED
    changes = smallest_changes(members, rule)
    assert len(changes) == 1
    assert changes[0].changes == {"RUS": (Vote.NO, Vote.ABSTAIN)}
    assert changes[0].probability == 0.35


def test_a_draft_short_of_votes_needs_the_likeliest_abstainers() -> None:
    # 5 permanent yes + 2 elected yes = 7: two more yes votes are needed
    members = council(MemberForecast.certain("RUS", Vote.YES), elected_yes=2)
    members = [
        MemberForecast(m.code, 0.4, 0.0, 0.6, 0.0) if m.code in ("E3", "E4") else m for m in members
    ]
    changes = smallest_changes(members, Rule(P5, 9))
    best = changes[0]
    assert set(best.changes) == {"E3", "E4"}
    assert best.probability == 0.4 * 0.4


def test_nothing_to_change_when_the_draft_passes() -> None:
    members = council(MemberForecast.certain("RUS", Vote.YES))
    assert smallest_changes(members, Rule(P5, 9)) == []
    # each permanent member could still veto it alone; no elected member could change it
    assert sorted(p.code for p in pivotal_members(members, Rule(P5, 9))) == list(P5)
