"""Scenario arithmetic on a forecast: who decides it, and what would have to change for it to pass.

- :func:`pivotal_members`: members whose vote, fixed one way or another, changes the most likely
  outcome (everyone else keeps the model's probabilities).
- :func:`smallest_changes`: starting from each member's most likely vote, the fewest members
  whose vote must change for the draft to be adopted under the rules engine, likeliest first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Annotated, TypedDict

from unsc.forecast.outcome import VOTE_CLASSES, MemberForecast, Rule, VoteMixture
from unsc.rules import decide
from unsc.types import Outcome, Vote


class PivotDict(TypedDict):
    """A :class:`Pivot` as sent: the likeliest outcome and the probability of adoption under
    each of the member's votes, and the swing between them."""

    member: str
    most_likely_outcome_if: dict[str, Annotated[str, Outcome]]
    adopted_if: dict[str, float]
    swing: float


#: One member's change of vote: from its most likely vote to the vote needed.
VoteChange = TypedDict("VoteChange", {"from": Annotated[str, Vote], "to": Annotated[str, Vote]})


class ChangeDict(TypedDict):
    changes: dict[str, VoteChange]
    probability: float


@dataclass(frozen=True, slots=True)
class Pivot:
    """A member whose vote flips the most likely outcome, with the outcome under each vote."""

    code: str
    most_likely: dict[Vote, Outcome]
    adopted_if: dict[Vote, float]

    @property
    def swing(self) -> float:
        """How much the probability of adoption moves between the member's best and worst vote."""
        return max(self.adopted_if.values()) - min(self.adopted_if.values())

    def to_dict(self) -> PivotDict:
        return {
            "member": self.code,
            "most_likely_outcome_if": {v.value: o.value for v, o in self.most_likely.items()},
            "adopted_if": {v.value: p for v, p in self.adopted_if.items()},
            "swing": self.swing,
        }


@dataclass(frozen=True, slots=True)
class Change:
    """A set of vote changes that makes the draft pass, and how likely those votes are."""

    changes: dict[str, tuple[Vote, Vote]]  # member -> (most likely vote, vote needed)
    probability: float  # product of the model's probabilities of the needed votes

    def to_dict(self) -> ChangeDict:
        return {
            "changes": {c: {"from": a.value, "to": b.value} for c, (a, b) in self.changes.items()},
            "probability": self.probability,
        }


def pivotal_members(votes: VoteMixture | Sequence[MemberForecast], rule: Rule) -> list[Pivot]:
    """Members whose vote decides the most likely outcome, largest swing first.

    Each member's vote is fixed in turn and the others updated by the model (for a mixture,
    a member's "no" also makes the draft a contested one).
    """
    mixture = votes if isinstance(votes, VoteMixture) else VoteMixture(0.0, tuple(votes))
    out = []
    for member in mixture.contested:
        most_likely: dict[Vote, Outcome] = {}
        adopted: dict[Vote, float] = {}
        for vote in VOTE_CLASSES:
            dist = mixture.given({member.code: vote}).outcome(rule)
            most_likely[vote] = dist.most_likely()
            adopted[vote] = dist.adopted
        if len(set(most_likely.values())) > 1:
            out.append(Pivot(member.code, most_likely, adopted))
    return sorted(out, key=lambda p: (-p.swing, p.code))


def _passes(votes: dict[str, Vote], rule: Rule) -> bool:
    decision = decide(
        votes,
        veto_holders=rule.veto_holders,
        quota=rule.quota,
        matter=rule.matter,
        veto_threshold=rule.veto_threshold,
        procedural_quota=rule.procedural_quota,
    )
    return decision.outcome is Outcome.ADOPTED


def smallest_changes(
    members: Sequence[MemberForecast], rule: Rule, *, limit: int = 5
) -> list[Change]:
    """The fewest vote changes from the most likely votes that make the draft pass.

    Each changed member votes yes, or abstains instead when that is likelier and still enough
    (a permanent member's abstention lifts a veto). Empty when the most likely votes already
    pass; likeliest sets first.
    """
    base = {m.code: m.most_likely() for m in members}
    by_code = {m.code: m for m in members}
    if _passes(base, rule):
        return []
    movable = [c for c, v in base.items() if v is not Vote.YES]
    found: list[Change] = []
    for size in range(1, len(movable) + 1):
        for group in combinations(movable, size):
            votes = dict(base)
            for code in group:
                votes[code] = Vote.YES
            if not _passes(votes, rule):
                continue
            for code in group:
                member = by_code[code]
                if base[code] is Vote.NO and member.abstain > member.yes:
                    votes[code] = Vote.ABSTAIN
                    if not _passes(votes, rule):
                        votes[code] = Vote.YES
            probability = 1.0
            for code in group:
                probability *= by_code[code].prob(votes[code])
            found.append(Change({c: (base[c], votes[c]) for c in group}, probability))
        if found:
            break
    found.sort(key=lambda c: -c.probability)
    return found[:limit]
