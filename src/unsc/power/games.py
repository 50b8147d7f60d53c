"""Simple games: who wins with which coalition.

A *simple game* says for each coalition of players whether it wins. unsc builds them from
weighted rules (a coalition wins a rule when its members' weights add up to the quota) joined by
a formula of "all of" and "any of": the EU Council's double majority is "55% of the states and
65% of the population, or fewer than four states against"; the Security Council's rule is
"nine votes and every permanent member". A Council configuration
(:class:`unsc.council.CouncilConfig`) turns into its game with :func:`council_game`, so the
rules engine and the power indices read the same source of truth.

The binary yes / not-yes model of voting power (Shapley & Shubik 1954; Felsenthal & Machover,
*The Measurement of Voting Power*, 1998, ch. 2): a coalition is the set of members voting yes,
every other member votes no.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from math import prod
from typing import Literal

import numpy as np
import numpy.typing as npt

from unsc.council import CouncilConfig, SeatKind
from unsc.errors import InputError

#: How the rules of a compound game are joined.
Mode = Literal["all", "any"]


@dataclass(frozen=True, slots=True)
class WeightedRule:
    """One weighted rule: a coalition satisfies it when its weights add up to ``quota``."""

    weights: tuple[int, ...]
    quota: int
    name: str = ""

    @property
    def total(self) -> int:
        return sum(self.weights)


@dataclass(frozen=True, slots=True)
class Formula:
    """A monotone formula over rules: ``mode`` of its ``parts`` (rule indices or formulas)."""

    mode: Mode
    parts: tuple[int | Formula, ...]

    def rules(self) -> Iterator[int]:
        for part in self.parts:
            if isinstance(part, Formula):
                yield from part.rules()
            else:
                yield part

    def holds(self, met: Sequence[npt.NDArray[np.bool_]]) -> npt.NDArray[np.bool_]:
        """Evaluate on arrays: ``met[r]`` says where rule ``r`` is met."""
        values = [p.holds(met) if isinstance(p, Formula) else met[p] for p in self.parts]
        out = values[0].copy()
        for value in values[1:]:
            out = (out & value) if self.mode == "all" else (out | value)
        return out

    def describe(self, names: Sequence[str]) -> str:
        words = [p.describe(names) if isinstance(p, Formula) else names[p] for p in self.parts]
        if len(words) == 1:
            return words[0]
        joined = " and " if self.mode == "all" else " or "
        return "(" + joined.join(words) + ")"


@dataclass(frozen=True, slots=True)
class Game:
    """A simple game: players, weighted rules over them, and the formula that joins the rules.

    Build games with :func:`weighted_game`, :func:`compound_game` or :func:`council_game`.
    """

    name: str
    players: tuple[str, ...]
    rules: tuple[WeightedRule, ...]
    formula: Formula
    citation: str = ""
    kinds: tuple[str, ...] = field(default=())

    @property
    def n(self) -> int:
        return len(self.players)

    @property
    def is_weighted(self) -> bool:
        """One weighted rule and nothing else."""
        return len(self.rules) == 1

    def weight_matrix(self) -> npt.NDArray[np.int64]:
        """Weights as an array: one row per player, one column per rule."""
        return np.array([r.weights for r in self.rules], dtype=np.int64).T.reshape(
            self.n, len(self.rules)
        )

    def wins_sums(self, sums: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        """Which coalitions win, given their weight sums (last axis: one entry per rule)."""
        met = [sums[..., r] >= rule.quota for r, rule in enumerate(self.rules)]
        return self.formula.holds(met)

    def wins(self, members: Collection[int]) -> bool:
        """Whether the coalition of these player positions wins."""
        sums = np.array(
            [sum(rule.weights[i] for i in members) for rule in self.rules], dtype=np.int64
        )
        return bool(self.wins_sums(sums))

    def types(self) -> list[tuple[tuple[int, ...], list[int]]]:
        """Players grouped by their weights in every rule (players of a type are symmetric)."""
        groups: dict[tuple[int, ...], list[int]] = {}
        for i in range(self.n):
            key = tuple(rule.weights[i] for rule in self.rules)
            groups.setdefault(key, []).append(i)
        return list(groups.items())

    def profile_count(self) -> int:
        """How many type profiles (count of yes votes per type) there are."""
        return prod(len(members) + 1 for _, members in self.types())

    def describe(self) -> str:
        names = [
            rule.name or f"rule {r + 1} (quota {rule.quota})" for r, rule in enumerate(self.rules)
        ]
        return self.formula.describe(names)


def _check_rule(weights: Sequence[int], quota: int, n: int, name: str) -> WeightedRule:
    if len(weights) != n:
        raise InputError(
            f"rule {name or ''}: {len(weights)} weights for {n} players".replace("  ", " "),
            field="weights",
        )
    clean: list[int] = []
    for position, weight in enumerate(weights, start=1):
        if isinstance(weight, bool) or not isinstance(weight, (int, np.integer)):
            raise InputError(
                f"weight {position} ({weight!r}) is not a whole number", field="weights"
            )
        if weight < 0:
            raise InputError(f"weight {position} is negative ({weight})", field="weights")
        clean.append(int(weight))
    if isinstance(quota, bool) or not isinstance(quota, (int, np.integer)):
        raise InputError(f"quota {quota!r} is not a whole number", field="quota")
    total = sum(clean)
    if not 1 <= quota <= total:
        raise InputError(
            f"quota {quota} must be between 1 and the total weight {total}", field="quota"
        )
    return WeightedRule(tuple(clean), int(quota), name)


def _player_names(players: Sequence[str] | None, n: int) -> tuple[str, ...]:
    if n == 0:
        raise InputError("a game needs at least one player", field="weights")
    names = tuple(players) if players is not None else tuple(f"P{i}" for i in range(1, n + 1))
    if len(names) != n:
        raise InputError(f"{len(names)} player names for {n} weights", field="players")
    if len(set(names)) != n:
        raise InputError("player names repeat", field="players")
    return names


def weighted_game(
    weights: Sequence[int],
    quota: int,
    *,
    players: Sequence[str] | None = None,
    name: str = "weighted game",
    citation: str = "",
) -> Game:
    """The weighted game [quota; w1, ..., wn]: a coalition wins when its weights reach quota."""
    names = _player_names(players, len(weights))
    rule = _check_rule(weights, quota, len(names), "")
    return Game(name, names, (rule,), Formula("all", (0,)), citation)


def compound_game(
    rules: Sequence[tuple[Sequence[int], int] | tuple[Sequence[int], int, str]],
    *,
    mode: Mode = "all",
    formula: Formula | None = None,
    players: Sequence[str] | None = None,
    name: str = "compound game",
    citation: str = "",
) -> Game:
    """A game of several weighted rules over the same players.

    ``rules`` holds ``(weights, quota)`` or ``(weights, quota, name)``; a coalition wins when it
    meets all of them (``mode="all"``), any of them (``mode="any"``), or the given ``formula``.
    """
    if not rules:
        raise InputError("a compound game needs at least one rule", field="rules")
    n = len(rules[0][0])
    names = _player_names(players, n)
    checked = tuple(_check_rule(r[0], r[1], n, r[2] if len(r) > 2 else "") for r in rules)
    if formula is None:
        formula = Formula(mode, tuple(range(len(checked))))
    used = sorted(set(formula.rules()))
    if used != list(range(len(checked))):
        raise InputError("the formula must use every rule once or more", field="formula")
    return Game(name, names, checked, formula, citation)


def council_game(config: CouncilConfig) -> Game:
    """The game of a Council configuration: ``quota`` yes votes, and no veto.

    In the yes / not-yes model every member outside the coalition votes no, so a draft with the
    quota is vetoed when at least ``veto_threshold`` veto seats are outside it (Charter Art.
    27(3); the reform variant "a veto needs two permanent members" has threshold 2).
    """
    n = config.size
    rules = [WeightedRule((1,) * n, config.quota, f"{config.quota} of {n} votes")]
    vetoes = tuple(1 if s.veto else 0 for s in config.seats)
    n_veto = sum(vetoes)
    veto_quota = n_veto - config.veto_threshold + 1
    if n_veto and veto_quota >= 1:
        rules.append(
            WeightedRule(
                vetoes,
                veto_quota,
                f"at most {config.veto_threshold - 1} of {n_veto} veto seats against"
                if config.veto_threshold > 1
                else f"all {n_veto} veto seats",
            )
        )
    return Game(
        name=config.name,
        players=tuple(s.seat_id for s in config.seats),
        rules=tuple(rules),
        formula=Formula("all", tuple(range(len(rules)))),
        citation=config.citation,
        kinds=tuple(s.kind.value for s in config.seats),
    )


def seat_kinds() -> tuple[str, ...]:
    """The seat kinds in the order reports list them."""
    return tuple(k.value for k in SeatKind)
