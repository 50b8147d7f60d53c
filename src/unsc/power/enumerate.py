"""The brute-force oracle: every coalition, one by one (vectorised with NumPy).

Only for small games (at most :data:`MAX_PLAYERS` players): the tests check every faster
method against it. It computes every tally exactly.
"""

from __future__ import annotations

from fractions import Fraction
from math import factorial

import numpy as np

from unsc.errors import InputError
from unsc.power.games import Game
from unsc.power.tallies import Tallies

#: Largest game the oracle accepts: 2**20 coalitions.
MAX_PLAYERS = 20


def enumerate_tallies(game: Game) -> Tallies:
    """Every tally by listing all ``2**n`` coalitions."""
    n = game.n
    if n > MAX_PLAYERS:
        raise InputError(
            f"enumeration lists 2**n coalitions; {n} players is more than {MAX_PLAYERS}",
            field="method",
        )
    masks = np.arange(1 << n, dtype=np.int64)
    bits = ((masks[:, None] >> np.arange(n, dtype=np.int64)) & 1).astype(np.int64)
    sums = bits @ game.weight_matrix()
    win = game.wins_sums(sums)
    size = bits.sum(axis=1)
    fact = [factorial(k) for k in range(n + 1)]

    critical = np.zeros((1 << n, n), dtype=bool)
    for i in range(n):
        member = bits[:, i] == 1
        critical[:, i] = member & win & ~win[masks ^ (1 << i)]
    n_critical = critical.sum(axis=1)
    minimal = win & (n_critical == size)

    swings: list[int] = []
    shapley: list[Fraction] = []
    johnston: list[Fraction] = []
    mwc: list[int] = []
    mwc_share: list[Fraction] = []
    for i in range(n):
        crit = critical[:, i]
        swings.append(int(crit.sum()))
        by_size = np.bincount(size[crit], minlength=n + 1)
        shapley.append(
            Fraction(
                sum(int(c) * fact[s - 1] * fact[n - s] for s, c in enumerate(by_size) if c),
                fact[n],
            )
        )
        by_k = np.bincount(n_critical[crit], minlength=n + 1)
        johnston.append(sum((Fraction(int(c), k) for k, c in enumerate(by_k) if c), Fraction(0)))
        own = minimal & (bits[:, i] == 1)
        mwc.append(int(own.sum()))
        by_size_min = np.bincount(size[own], minlength=n + 1)
        mwc_share.append(
            sum((Fraction(int(c), s) for s, c in enumerate(by_size_min) if c), Fraction(0))
        )
    return Tallies(
        n=n,
        exact=True,
        method="enumerate",
        winning=int(win.sum()),
        swings=tuple(swings),
        shapley=tuple(shapley),
        johnston=tuple(johnston),
        mwc=tuple(mwc),
        mwc_total=int(minimal.sum()),
        mwc_share=tuple(mwc_share),
    )
