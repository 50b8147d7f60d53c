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

    def _keys(self, sums: IntArray, sizes: IntArray) -> IntArray:
        capped = np.minimum(sums[:, self.small], self.caps) if self.small else sums[:, :0]
        return np.concatenate([sizes[:, None], capped], axis=1)

    def _groups(self, keys: IntArray) -> dict[tuple[int, ...], IntArray]:
        """Row indices of each distinct key."""
        unique, inverse = np.unique(keys, axis=0, return_inverse=True)
        order = np.argsort(inverse, kind="stable")
        bounds = np.searchsorted(inverse[order], np.arange(len(unique) + 1))
        return {
            tuple(int(x) for x in unique[g]): order[bounds[g] : bounds[g + 1]]
            for g in range(len(unique))
        }

    def partners(
        self, own: tuple[IntArray, IntArray], other: tuple[IntArray, IntArray], n_other: int
    ) -> IntArray:
        """F[a, s]: coalitions of the other half, of size s, that win together with a."""
        own_sums, own_sizes = own
        other_sums, other_sizes = other
        quota = self.game.rules[self.large].quota
        n_rules = len(self.game.rules)
        out = np.zeros((len(own_sums), n_other + 1), dtype=np.int64)
        other_groups = {
            key: np.sort(other_sums[rows, self.large])
            for key, rows in self._groups(self._keys(other_sums, other_sizes)).items()
        }
        for key_a, rows_a in self._groups(self._keys(own_sums, own_sizes)).items():
            large_a = own_sums[rows_a, self.large]
            for key_b, large_b in other_groups.items():
                small = np.minimum(np.array(key_a[1:]) + np.array(key_b[1:]), self.caps)
                state = np.zeros((2, n_rules), dtype=np.int64)
                for j, r in enumerate(self.small):
                    state[:, r] = small[j]
                state[0, self.large] = quota
                met, unmet = self.game.wins_sums(state)
                if unmet:
                    out[rows_a, key_b[0]] += len(large_b)
                elif met:
                    below = np.searchsorted(large_b, quota - large_a, side="left")
                    out[rows_a, key_b[0]] += len(large_b) - below
        return out


def _bits(count: int) -> IntArray:
    masks = np.arange(1 << count, dtype=np.int64)
    return ((masks[:, None] >> np.arange(count, dtype=np.int64)) & 1).astype(np.int64)


def mitm_tallies(game: Game, *, shapley: bool = True) -> Tallies:
    """Winning coalitions, swings and (optionally) Shapley-Shubik values, exactly.

    With the halves A and B listed, F[a, s] counts the coalitions b of B of size s with a + b
    winning. A player i of A swings in sum(F[a] for a containing i) - sum(F[a] for the
    others) coalitions, and its Shapley-Shubik value weighs the same counts by size.
    """
    n = game.n
    if n > MAX_PLAYERS:
        raise InputError(
            f"meet-in-the-middle handles at most {n} players, more than {MAX_PLAYERS}",
            field="method",
        )
    counter = _Counter(game)
    cut = n // 2
    halves = (list(range(cut)), list(range(cut, n)))
    listed = [_half(counter.matrix[h]) for h in halves]
    weight_of = np.empty(n + 1, dtype=object)
    weight_of[:] = [factorial(t) * factorial(n - 1 - t) if t <= n - 1 else 0 for t in range(n + 1)]
    weight_below = np.empty(n + 1, dtype=object)
    weight_below[:] = [0] + list(weight_of[:-1])
    swings = [0] * n
    values = [Fraction(0)] * n
    winning = 0
    for side in (0, 1):
        own, other = listed[side], listed[1 - side]
        members = halves[side]
        partners = counter.partners(own, other, len(halves[1 - side]))
        per_row = partners.sum(axis=1)
        if side == 0:
            winning = int(per_row.sum())
        bits = _bits(len(members))
        signs = 2 * bits - 1
        found = signs.T @ per_row
        for j, i in enumerate(members):
            swings[i] = int(found[j])
        if shapley:
            sizes = own[1]
            totals = sizes[:, None] + np.arange(partners.shape[1])[None, :]
            with_me = (partners.astype(object) * weight_below[totals]).sum(axis=1)
            without = (partners.astype(object) * weight_of[totals]).sum(axis=1)
            for j, i in enumerate(members):
                inside = bits[:, j] == 1
                numerator = with_me[inside].sum() - without[~inside].sum()
                values[i] = Fraction(int(numerator), factorial(n))
    return Tallies(
        n=n,
        exact=True,
        method="mitm",
        winning=winning,
        swings=tuple(swings),
        shapley=tuple(values) if shapley else None,
    )
