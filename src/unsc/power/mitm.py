"""Compound games by meeting in the middle: exact counts without listing every coalition.

The players are split into two halves; each half lists its own ``2**(n/2)`` coalitions with
their size and their weight in every rule. Coalitions are grouped by size and by their (capped)
weights in the rules with small weights (a count of states, a count of veto seats); within a
pair of groups the formula depends only on whether the one rule with large weights (a
population) is met, so the pairs that win are counted with one sorted search
(Horowitz & Sahni, JACM 21 (1974) 277-292, for the split; the grouping is unsc's). This counts
the EU Council's double majority (27 states, populations in persons) exactly in milliseconds.
"""

from __future__ import annotations

from fractions import Fraction
from math import factorial

import numpy as np
import numpy.typing as npt

from unsc.errors import InputError
from unsc.power.games import Game
from unsc.power.tallies import Tallies

#: Largest game this method accepts (two halves of 2**20 coalitions).
MAX_PLAYERS = 40
#: Largest number of distinct capped sums a "small" rule may have.
MAX_SMALL_VALUES = 64

IntArray = npt.NDArray[np.int64]


def _half(weights: IntArray) -> tuple[IntArray, IntArray]:
    """Every coalition of these players: weight sums (rows) and sizes."""
    sums = np.zeros((1, weights.shape[1]), dtype=np.int64)
    sizes = np.zeros(1, dtype=np.int64)
    for row in weights:
        sums = np.concatenate([sums, sums + row])
        sizes = np.concatenate([sizes, sizes + 1])
    return sums, sizes


class _Counter:
    def __init__(self, game: Game) -> None:
        self.game = game
        self.matrix = game.weight_matrix()
        totals = self.matrix.sum(axis=0)
        self.large = int(np.argmax(totals))
        self.small = [r for r in range(len(game.rules)) if r != self.large]
        self.caps = np.array([game.rules[r].quota for r in self.small], dtype=np.int64)
        for r, cap in zip(self.small, self.caps, strict=True):
            if min(int(cap), int(totals[r])) + 1 > MAX_SMALL_VALUES:
                raise InputError(
                    "meet-in-the-middle needs every rule but one to have small weights; "
                    f"rule {r + 1} has quota {cap}",
                    field="method",
                )

    def _groups(
        self, sums: IntArray, sizes: IntArray
    ) -> dict[tuple[int, ...], npt.NDArray[np.int64]]:
        capped = np.minimum(sums[:, self.small], self.caps) if self.small else sums[:, :0]
        keys = np.concatenate([sizes[:, None], capped], axis=1)
        order = np.lexsort(
            (sums[:, self.large], *[keys[:, j] for j in range(keys.shape[1] - 1, -1, -1)])
        )
        keys = keys[order]
        large = sums[order, self.large]
        groups: dict[tuple[int, ...], npt.NDArray[np.int64]] = {}
        if len(keys) == 0:
            return groups
        change = np.any(keys[1:] != keys[:-1], axis=1)
        starts = np.concatenate([[0], np.nonzero(change)[0] + 1, [len(keys)]])
        for a, b in zip(starts[:-1], starts[1:], strict=True):
            groups[tuple(int(x) for x in keys[a])] = large[a:b]
        return groups

    def by_size(self, players: list[int], base: IntArray) -> list[int]:
        """Winning coalitions of ``players`` (with ``base`` already in), counted by size."""
        rows = self.matrix[players]
        cut = len(players) // 2
        sums_a, sizes_a = _half(rows[:cut])
        sums_b, sizes_b = _half(rows[cut:])
        sums_a = sums_a + base
        groups_a = self._groups(sums_a, sizes_a)
        groups_b = self._groups(sums_b, sizes_b)
        quota = self.game.rules[self.large].quota
        counts = [0] * (len(players) + 1)
        n_rules = len(self.game.rules)
        for key_a, large_a in groups_a.items():
            for key_b, large_b in groups_b.items():
                small = np.minimum(np.array(key_a[1:]) + np.array(key_b[1:]), self.caps)
                state = np.zeros((2, n_rules), dtype=np.int64)
                for j, r in enumerate(self.small):
                    state[:, r] = small[j]
                state[0, self.large] = quota
                state[1, self.large] = 0
                met, unmet = self.game.wins_sums(state)
                size = key_a[0] + key_b[0]
                if unmet:
                    counts[size] += len(large_a) * len(large_b)
                elif met:
                    need = quota - large_a
                    below = np.searchsorted(large_b, need, side="left")
                    counts[size] += int(len(large_b) * len(large_a) - below.sum())
        return counts


def mitm_tallies(game: Game, *, shapley: bool = True) -> Tallies:
    """Winning coalitions, swings and (optionally) Shapley-Shubik values, exactly."""
    n = game.n
    if n > MAX_PLAYERS:
        raise InputError(
            f"meet-in-the-middle handles at most {MAX_PLAYERS} players, not {n}", field="method"
        )
    counter = _Counter(game)
    zero = np.zeros(len(game.rules), dtype=np.int64)
    winning = sum(counter.by_size(list(range(n)), zero))
    fact = [factorial(k) for k in range(n + 1)]
    swings_t: dict[tuple[int, ...], tuple[int, Fraction]] = {}
    swings: list[int] = []
    values: list[Fraction] = []
    for i in range(n):
        key = tuple(int(x) for x in counter.matrix[i])
        if key not in swings_t:
            others = [j for j in range(n) if j != i]
            inside = counter.by_size(others, counter.matrix[i].copy())
            outside = counter.by_size(others, zero)
            diff = [a - b for a, b in zip(inside, outside, strict=True)]
            ss = Fraction(sum(d * fact[s] * fact[n - 1 - s] for s, d in enumerate(diff)), fact[n])
            swings_t[key] = (sum(diff), ss)
        swings.append(swings_t[key][0])
        values.append(swings_t[key][1])
    return Tallies(
        n=n,
        exact=True,
        method="mitm",
        winning=winning,
        swings=tuple(swings),
        shapley=tuple(values) if shapley else None,
    )
