"""From the members' vote probabilities to the probability that a draft is adopted, vetoed or fails.

Independent votes: the exact distribution, by dynamic programming over the members. The state is
(number of yes votes, number of "no" votes cast by veto holders); the rules engine
(:func:`unsc.rules.decide`) is asked once for a representative vote of each state, so the outcome
follows Art. 27 exactly as the engine reads it (nine yes votes, or seven before 1966, and no "no"
from a permanent member on a non-procedural matter). A test checks the state is sufficient by
brute-force enumeration of every vote profile on small councils.

Correlated votes (members that vote as blocs): a seeded simulation with an explicit
:class:`numpy.random.Generator`. Each member keeps its own marginal distribution; members of a
bloc share, with probability ``cohesion``, one uniform draw, so they lean the same way together
(a comonotone copula on the order yes < abstain < not voting < no).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import NotRequired, TypedDict

import numpy as np
from numpy.typing import NDArray

from unsc.errors import InputError
from unsc.rules import decide
from unsc.types import Matter, Outcome, Vote

VOTE_CLASSES: tuple[Vote, ...] = (Vote.YES, Vote.NO, Vote.ABSTAIN, Vote.NOT_VOTING)
"""The four ways a member can vote in a forecast; the record's ``absent`` counts as not voting."""

_EPS = 1e-9


class VoteProbabilities(TypedDict):
    """A member's probability of each vote, as a forecast sends it."""

    yes: float
    no: float
    abstain: float
    not_voting: float


class OutcomeDict(TypedDict):
    """An :class:`OutcomeDistribution` as sent; ``samples`` only when it was simulated."""

    adopted: float
    vetoed: float
    failed: float
    vetoed_by: dict[str, float]
    method: str
    samples: NotRequired[int]


@dataclass(frozen=True, slots=True)
class MemberForecast:
    """One member's probability of each vote; the four sum to 1."""

    code: str
    yes: float
    no: float
    abstain: float
    not_voting: float

    @classmethod
    def from_probs(cls, code: str, probs: Mapping[Vote, float]) -> MemberForecast:
        values = [float(probs.get(v, 0.0)) for v in VOTE_CLASSES]
        if any(p < -_EPS or p > 1 + _EPS or p != p for p in values):
            raise InputError(f"probabilities of {code} must lie in [0, 1]", field="members")
        total = sum(values)
        if abs(total - 1.0) > 1e-6:
            raise InputError(f"probabilities of {code} sum to {total:.6f}, not 1", field="members")
        values = [min(max(p, 0.0), 1.0) / total for p in values]
        return cls(code, *values)

    @classmethod
    def certain(cls, code: str, vote: Vote) -> MemberForecast:
        """A member whose vote is known (an assumption of a scenario)."""
        vote = Vote.NOT_VOTING if vote is Vote.ABSENT else vote
        return cls.from_probs(code, {vote: 1.0})

    def prob(self, vote: Vote) -> float:
        if vote is Vote.ABSENT:
            return 0.0
        return float(getattr(self, vote.value))

    def vector(self) -> NDArray[np.float64]:
        return np.array([self.yes, self.no, self.abstain, self.not_voting], dtype=np.float64)

    def most_likely(self) -> Vote:
        return VOTE_CLASSES[int(np.argmax(self.vector()))]

    def to_dict(self) -> VoteProbabilities:
        return {
            "yes": self.yes,
            "no": self.no,
            "abstain": self.abstain,
            "not_voting": self.not_voting,
        }


@dataclass(frozen=True, slots=True)
class Rule:
    """The voting rule a forecast is decided under (the arguments of :func:`unsc.rules.decide`)."""

    veto_holders: tuple[str, ...]
    quota: int
    matter: Matter = Matter.SUBSTANTIVE
    veto_threshold: int = 1
    procedural_quota: int | None = None


@dataclass(frozen=True, slots=True)
class OutcomeDistribution:
    """Probabilities of the three outcomes (summing to 1) and, for each veto holder, the
    probability that it casts a "no" that vetoes a draft which otherwise had the votes."""

    adopted: float
    vetoed: float
    failed: float
    vetoed_by: dict[str, float]
    method: str = "exact"
    samples: int | None = None

    def prob(self, outcome: Outcome) -> float:
        return float(getattr(self, outcome.value))

    def most_likely(self) -> Outcome:
        return max(Outcome, key=self.prob)

    def to_dict(self) -> OutcomeDict:
        out: OutcomeDict = {
            "adopted": self.adopted,
            "vetoed": self.vetoed,
            "failed": self.failed,
            "vetoed_by": dict(self.vetoed_by),
            "method": self.method,
        }
        if self.samples is not None:
            out["samples"] = self.samples
        return out


@dataclass(frozen=True, slots=True)
class _StateTable:
    """For every (yes, veto-holder no) state: the outcome code and whether a veto holder voting
    no is named among the vetoers."""

    outcome: NDArray[np.int8]  # 0 adopted, 1 vetoed, 2 failed; -1 unreachable
    names_vetoer: NDArray[np.bool_]


_OUTCOME_INDEX = {Outcome.ADOPTED: 0, Outcome.VETOED: 1, Outcome.FAILED: 2}


@cache
def _state_table(
    size: int,
    n_veto: int,
    quota: int,
    matter: Matter,
    veto_threshold: int,
    procedural_quota: int | None,
) -> _StateTable:
    """Ask the rules engine for the outcome of one representative vote per state."""
    holders = [f"V{i}" for i in range(n_veto)]
    others = [f"M{i}" for i in range(size - n_veto)]
    outcome = np.full((size + 1, n_veto + 1), -1, dtype=np.int8)
    names = np.zeros((size + 1, n_veto + 1), dtype=np.bool_)
    for v in range(n_veto + 1):
        for y in range(size - v + 1):
            votes: dict[str, Vote] = {}
            for i, code in enumerate(holders):
                votes[code] = Vote.NO if i < v else Vote.ABSTAIN
            remaining = y
            for code in holders[v:] + others:
                if remaining > 0:
                    votes[code] = Vote.YES
                    remaining -= 1
                else:
                    votes.setdefault(code, Vote.ABSTAIN)
            decision = decide(
                votes,
                veto_holders=holders,
                quota=quota,
                matter=matter,
                veto_threshold=veto_threshold,
                procedural_quota=procedural_quota,
            )
            outcome[y, v] = _OUTCOME_INDEX[decision.outcome]
            names[y, v] = v > 0 and holders[0] in decision.vetoed_by
    return _StateTable(outcome, names)


def _check(members: Sequence[MemberForecast], rule: Rule) -> None:
    codes = [m.code for m in members]
    if len(set(codes)) != len(codes):
        raise InputError("a member is listed twice", field="members")
    missing = set(rule.veto_holders) - set(codes)
    if missing:
        raise InputError(
            f"veto holders without a forecast: {', '.join(sorted(missing))}", field="members"
        )
    if rule.quota < 1:
        raise InputError("quota must be at least 1", field="quota")


def _convolve(
    dist: NDArray[np.float64], member: MemberForecast, is_veto: bool
) -> NDArray[np.float64]:
    """Add one member to the (yes, veto-no) distribution."""
    out = dist * (1.0 - member.yes - (member.no if is_veto else 0.0))
    out[1:, :] += dist[:-1, :] * member.yes
    if is_veto:
        out[:, 1:] += dist[:, :-1] * member.no
    return out


def _state_distribution(
    members: Sequence[MemberForecast], veto: Collection[str], n_veto: int
) -> NDArray[np.float64]:
    dist = np.zeros((len(members) + 1, n_veto + 1), dtype=np.float64)
    dist[0, 0] = 1.0
    for m in members:
        dist = _convolve(dist, m, m.code in veto)
    return dist


def outcome_distribution(members: Sequence[MemberForecast], rule: Rule) -> OutcomeDistribution:
    """The exact outcome distribution for independent votes.

    ``vetoed_by[c]`` is the probability that veto holder ``c`` votes no and is named by the
    rules engine among the vetoers (with the Charter's threshold of one: it votes no on a draft
    that has the required yes votes).
    """
    _check(members, rule)
    veto = set(rule.veto_holders)
    n_veto = len(veto)
    table = _state_table(
        len(members),
        n_veto,
        rule.quota,
        rule.matter,
        rule.veto_threshold,
        rule.procedural_quota,
    )
    dist = _state_distribution(members, veto, n_veto)
    # a sum of floating-point products can land a hair below zero (-1e-118): clamp it
    probs = [max(0.0, float(dist[table.outcome == k].sum())) for k in range(3)]
    vetoed_by: dict[str, float] = {}
    for m in members:
        if m.code not in veto:
            continue
        if m.no <= 0.0:
            vetoed_by[m.code] = 0.0
            continue
        rest = _state_distribution([o for o in members if o is not m], veto, n_veto)
        shifted = np.zeros_like(dist)
        shifted[:-1, 1:] = rest[:, :-1]  # this member's "no" adds one veto-holder no
        vetoed_by[m.code] = float(m.no * shifted[table.names_vetoer].sum())
    total = sum(probs)
    adopted, vetoed, failed = (p / total for p in probs)
    return OutcomeDistribution(adopted, vetoed, failed, vetoed_by)


def unanimous_outcome(codes: Sequence[str], rule: Rule) -> OutcomeDistribution:
    """The outcome when every member votes yes (the rules engine's answer for that state)."""
    n_veto = len(set(rule.veto_holders))
    table = _state_table(
        len(codes), n_veto, rule.quota, rule.matter, rule.veto_threshold, rule.procedural_quota
    )
    probs = [0.0, 0.0, 0.0]
    probs[int(table.outcome[len(codes), 0])] = 1.0
    return OutcomeDistribution(
        probs[0], probs[1], probs[2], vetoed_by=dict.fromkeys(rule.veto_holders, 0.0)
    )


def _order() -> tuple[int, ...]:
    """Indices of VOTE_CLASSES from most to least supportive: yes, abstain, not voting, no."""
    return (0, 2, 3, 1)


def simulate_outcomes(
    members: Sequence[MemberForecast],
    rule: Rule,
    *,
    blocs: Sequence[Collection[str]] = (),
    cohesion: float = 0.8,
    rng: np.random.Generator,
    samples: int = 20_000,
) -> OutcomeDistribution:
    """Outcome distribution by seeded simulation when blocs of members vote together.

    Each member's marginal vote distribution is kept; within a bloc, each member uses the bloc's
    shared uniform draw with probability ``cohesion`` and its own draw otherwise, so ``cohesion``
    0 gives independent votes and 1 makes the bloc move as one (each member still votes by its
    own probabilities, but all lean the same way).
    """
    _check(members, rule)
    if not 0.0 <= cohesion <= 1.0:
        raise InputError("cohesion must lie in [0, 1]", field="cohesion")
    if samples < 1:
        raise InputError("samples must be at least 1", field="samples")
    codes = [m.code for m in members]
    index = {c: i for i, c in enumerate(codes)}
    seen: set[str] = set()
    for bloc in blocs:
        for code in bloc:
            if code not in index:
                raise InputError(f"bloc member {code!r} is not a member voting", field="blocs")
            if code in seen:
                raise InputError(f"{code} is in two blocs", field="blocs")
            seen.add(code)
    n = len(members)
    own = rng.random((samples, n))
    for bloc in blocs:
        shared = rng.random(samples)
        for code in bloc:
            i = index[code]
            use = rng.random(samples) < cohesion
            own[use, i] = shared[use]
    order = _order()
    probs = np.array([[m.vector()[k] for k in order] for m in members])  # n x 4
    cdf = np.cumsum(probs, axis=1)
    cdf[:, -1] = 1.0 + 1e-12
    drawn = (own[:, :, None] >= cdf[None, :, :-1]).sum(axis=2)  # position in `order`
    vote_index = np.array(order)[drawn]  # samples x n, index into VOTE_CLASSES
    veto_mask = np.array([c in set(rule.veto_holders) for c in codes])
    yes = (vote_index == 0).sum(axis=1)
    veto_no = ((vote_index == 1) & veto_mask[None, :]).sum(axis=1)
    table = _state_table(
        n,
        int(veto_mask.sum()),
        rule.quota,
        rule.matter,
        rule.veto_threshold,
        rule.procedural_quota,
    )
    outcome = table.outcome[yes, veto_no]
    counts = np.bincount(outcome, minlength=3).astype(np.float64)
    named = table.names_vetoer[yes, veto_no]
    vetoed_by = {
        c: float(((vote_index[:, i] == 1) & named).mean())
        for i, c in enumerate(codes)
        if veto_mask[i]
    }
    adopted, vetoed, failed = (float(x) for x in counts / samples)
    return OutcomeDistribution(
        adopted, vetoed, failed, vetoed_by, method="simulation", samples=samples
    )


def enumerate_outcomes(members: Sequence[MemberForecast], rule: Rule) -> OutcomeDistribution:
    """Brute force: every vote profile, each decided by the rules engine (4^n profiles).

    For checking :func:`outcome_distribution` on small councils only.
    """
    _check(members, rule)
    if len(members) > 9:
        raise InputError("brute force is for councils of at most 9 members", field="members")
    totals = dict.fromkeys(Outcome, 0.0)
    vetoed_by = {c: 0.0 for c in rule.veto_holders}
    profile: list[Vote] = []

    def walk(i: int, p: float) -> None:
        if p == 0.0:
            return
        if i == len(members):
            decision = decide(
                {m.code: v for m, v in zip(members, profile, strict=True)},
                veto_holders=rule.veto_holders,
                quota=rule.quota,
                matter=rule.matter,
                veto_threshold=rule.veto_threshold,
                procedural_quota=rule.procedural_quota,
            )
            totals[decision.outcome] += p
            for code in decision.vetoed_by:
                vetoed_by[code] += p
            return
        for vote in VOTE_CLASSES:
            profile.append(vote)
            walk(i + 1, p * members[i].prob(vote))
            profile.pop()

    walk(0, 1.0)
    return OutcomeDistribution(
        totals[Outcome.ADOPTED],
        totals[Outcome.VETOED],
        totals[Outcome.FAILED],
        vetoed_by,
        method="enumeration",
    )


@dataclass(frozen=True, slots=True)
class VoteMixture:
    """Votes on a draft as a two-part mixture: with probability ``consensus`` every member votes
    yes; otherwise the draft is contested and members vote independently by ``contested``.

    Real votes are not independent: a draft either passes unanimously or draws several
    abstentions at once. The mixture keeps that correlation and every part stays exact: the
    outcome is the weighted sum of two exact distributions (:func:`outcome_distribution`).
    """

    consensus: float
    contested: tuple[MemberForecast, ...]

    def marginal(self) -> tuple[MemberForecast, ...]:
        """Each member's own vote probabilities (the mixture averaged out)."""
        c = self.consensus
        return tuple(
            MemberForecast(
                m.code,
                c + (1.0 - c) * m.yes,
                (1.0 - c) * m.no,
                (1.0 - c) * m.abstain,
                (1.0 - c) * m.not_voting,
            )
            for m in self.contested
        )

    def given(self, assume: Mapping[str, Vote]) -> VoteMixture:
        """The mixture once some votes are known (Bayes' rule on the two parts)."""
        if not assume:
            return self
        known = {m.code for m in self.contested}
        unknown = set(assume) - known
        if unknown:
            raise InputError(
                f"assumed vote of {', '.join(sorted(unknown))}, who is not a member",
                field="assume",
            )
        all_yes = all(
            (Vote.NOT_VOTING if v is Vote.ABSENT else v) is Vote.YES for v in assume.values()
        )
        w0 = self.consensus if all_yes else 0.0
        w1 = 1.0 - self.consensus
        for m in self.contested:
            if m.code in assume:
                w1 *= m.prob(Vote.NOT_VOTING if assume[m.code] is Vote.ABSENT else assume[m.code])
        total = w0 + w1
        consensus = w0 / total if total > 0 else 0.0
        fixed = tuple(
            MemberForecast.certain(m.code, assume[m.code]) if m.code in assume else m
            for m in self.contested
        )
        return VoteMixture(consensus, fixed)

    def outcome(self, rule: Rule) -> OutcomeDistribution:
        """The exact outcome distribution of the mixture."""
        c = self.consensus
        split = outcome_distribution(self.contested, rule)
        if c <= 0.0:
            return split
        unanimous = unanimous_outcome([m.code for m in self.contested], rule)
        return OutcomeDistribution(
            c * unanimous.adopted + (1 - c) * split.adopted,
            c * unanimous.vetoed + (1 - c) * split.vetoed,
            c * unanimous.failed + (1 - c) * split.failed,
            {
                code: c * unanimous.vetoed_by[code] + (1 - c) * p
                for code, p in split.vetoed_by.items()
            },
        )

    def simulate(
        self,
        rule: Rule,
        *,
        blocs: Sequence[Collection[str]],
        cohesion: float,
        rng: np.random.Generator,
        samples: int = 20_000,
    ) -> OutcomeDistribution:
        """The outcome distribution by seeded simulation when blocs vote together: the draft is
        unanimous with probability ``consensus``; otherwise the contested votes are drawn by
        :func:`simulate_outcomes` with the blocs."""
        unanimous_draws = int(rng.binomial(samples, self.consensus))
        contested_draws = samples - unanimous_draws
        unanimous = unanimous_outcome([m.code for m in self.contested], rule)
        if contested_draws == 0:
            return OutcomeDistribution(
                unanimous.adopted,
                unanimous.vetoed,
                unanimous.failed,
                unanimous.vetoed_by,
                method="simulation",
                samples=samples,
            )
        split = simulate_outcomes(
            self.contested, rule, blocs=blocs, cohesion=cohesion, rng=rng, samples=contested_draws
        )
        w = unanimous_draws / samples
        return OutcomeDistribution(
            w * unanimous.adopted + (1 - w) * split.adopted,
            w * unanimous.vetoed + (1 - w) * split.vetoed,
            w * unanimous.failed + (1 - w) * split.failed,
            {c: (1 - w) * p for c, p in split.vetoed_by.items()},
            method="simulation",
            samples=samples,
        )
