"""Exact tallies over type profiles: for games with few kinds of players.

Players with the same weight in every rule are symmetric, so a coalition is known up to
symmetry by how many players of each type it holds (its *profile*); a profile stands for
``prod(comb(m_t, c_t))`` coalitions. The Security Council and its reform models have two or
three types (veto seats, new permanent seats, elected seats), so every index, the minimal
winning coalitions included, takes a few hundred profiles instead of ``2**n`` coalitions.
"""

from __future__ import annotations

from fractions import Fraction
from math import comb, factorial

import numpy as np
import numpy.typing as npt

from unsc.errors import InputError
from unsc.power.games import Game
from unsc.power.tallies import Tallies

#: Largest number of profiles this method accepts.
MAX_PROFILES = 200_000


def _objects(values: list[int]) -> npt.NDArray[np.object_]:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def profile_tallies(game: Game) -> Tallies:
    """Every tally, exactly, by walking the type profiles."""
    types = game.types()
    count = game.profile_count()
    if count > MAX_PROFILES:
        raise InputError(
            f"{len(types)} player types give {count} profiles, more than {MAX_PROFILES}",
            field="method",
        )
    n = game.n
    sizes = [len(members) for _, members in types]
    grids = np.meshgrid(*[np.arange(m + 1) for m in sizes], indexing="ij")
    c = np.stack([g.ravel() for g in grids], axis=1).astype(np.int64)
    strides = [
        int(np.prod([m + 1 for m in sizes[t + 1 :]], dtype=np.int64)) for t in range(len(sizes))
    ]
    vectors = np.array([v for v, _ in types], dtype=np.int64)
    win = game.wins_sums(c @ vectors)
    size = c.sum(axis=1)

    combs = [_objects([comb(m, k) for k in range(m + 1)]) for m in sizes]
    combs_less = [
        _objects([comb(m - 1, k) if k <= m - 1 else 0 for k in range(m + 1)]) for m in sizes
    ]
    combs_with = [
        _objects([comb(m - 1, k - 1) if k >= 1 else 0 for k in range(m + 1)]) for m in sizes
    ]
    mult = np.ones(len(c), dtype=object)
    for t in range(len(sizes)):
        mult = mult * combs[t][c[:, t]]
    ss_weight = _objects([factorial(s) * factorial(n - 1 - s) for s in range(n)] + [0])

    index = np.arange(len(c))
    critical = np.zeros((len(c), len(sizes)), dtype=bool)
    for t in range(len(sizes)):
        present = c[:, t] >= 1
        below = np.where(present, index - strides[t], 0)
        critical[:, t] = present & win & ~win[below]
    n_critical = (critical * c).sum(axis=1)
    minimal = win & (n_critical == size)

    swings_t: list[int] = []
    shapley_t: list[Fraction] = []
    johnston_t: list[Fraction] = []
    mwc_t: list[int] = []
    share_t: list[Fraction] = []
    for t in range(len(sizes)):
        others = np.ones(len(c), dtype=object)
        with_t = np.ones(len(c), dtype=object)
        for u in range(len(sizes)):
            if u == t:
                others = others * combs_less[u][c[:, u]]
                with_t = with_t * combs_with[u][c[:, u]]
            else:
                others = others * combs[u][c[:, u]]
                with_t = with_t * combs[u][c[:, u]]
        room = c[:, t] < sizes[t]
        above = np.where(room, index + strides[t], 0)
        swing = room & ~win & win[above]
        swings_t.append(int(others[swing].sum()) if swing.any() else 0)
        shapley_t.append(
            Fraction(int((others[swing] * ss_weight[size[swing]]).sum()), factorial(n))
            if swing.any()
            else Fraction(0)
        )
        crit = critical[:, t]
        johnston_t.append(
            sum(
                (
                    Fraction(int(w), int(k))
                    for w, k in zip(with_t[crit], n_critical[crit], strict=True)
                ),
                Fraction(0),
            )
        )
        own = minimal & (c[:, t] >= 1)
        mwc_t.append(int(with_t[own].sum()) if own.any() else 0)
        share_t.append(
            sum(
                (Fraction(int(w), int(s)) for w, s in zip(with_t[own], size[own], strict=True)),
                Fraction(0),
            )
        )

    per_player: list[int] = [0] * n
    for t, (_, members) in enumerate(types):
        for i in members:
            per_player[i] = t

    def spread(values: list[int] | list[Fraction]) -> tuple[int | Fraction, ...]:
        return tuple(values[per_player[i]] for i in range(n))

    return Tallies(
        n=n,
        exact=True,
        method="profiles",
        winning=int(mult[win].sum()) if win.any() else 0,
        swings=spread(swings_t),
        shapley=spread(shapley_t),
        johnston=spread(johnston_t),
        mwc=spread(mwc_t),
        mwc_total=int(mult[minimal].sum()) if minimal.any() else 0,
        mwc_share=spread(share_t),
    )
