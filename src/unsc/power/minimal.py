"""Minimal winning coalitions of weighted games, counted by size without listing them.

A winning coalition of a weighted game is minimal exactly when it loses without its lightest
member. With the players in order of decreasing weight, each minimal winning coalition is a
player j (its last, lightest member) and a set T of players before j with weight in
[q - w_j, q - 1]; a table of the subsets of the players before j by size and weight counts
them all in one pass. The coalitions that contain player i are those of the game minus those
of the game without i (minimality only looks inside the coalition), which gives the Holler
(public good) and Deegan-Packel indices per distinct weight.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from unsc.errors import InputError

#: Largest weighted game this method takes (players, and table cells n * q).
MAX_PLAYERS = 400
MAX_CELLS = 20_000_000


def mwc_by_size(weights: list[int], quota: int) -> list[int]:
    """Minimal winning coalitions of [quota; weights], counted by size (index = size)."""
    n = len(weights)
    order = sorted((w for w in weights if w > 0), reverse=True)
    dtype: type = np.int64 if n <= 60 else object
    table: npt.NDArray[Any] = np.zeros((n + 1, quota), dtype=dtype)
    table[0, 0] = 1
    out = [0] * (n + 1)
    for done, w in enumerate(order):
        lo = max(0, quota - w)
        window = table[: done + 1, lo:quota].sum(axis=1)
        for s, count in enumerate(window.tolist()):
            out[s + 1] += int(count)
        if w < quota:
            table[1 : done + 2, w:] = table[1 : done + 2, w:] + table[: done + 1, : quota - w]
    return out


def mwc_tallies(
    weights: tuple[int, ...], quota: int
) -> tuple[tuple[int, ...], int, tuple[Fraction, ...]]:
    """Per player: minimal winning coalitions containing it and the sum of one over their
    sizes; and their total number."""
    n = len(weights)
    if n > MAX_PLAYERS or n * quota > MAX_CELLS:
        raise InputError(
            f"minimal winning coalitions of a weighted game: at most {MAX_PLAYERS} players and "
            f"{MAX_CELLS} table cells; this game has {n} players and quota {quota}",
            field="index",
        )
    full = mwc_by_size(list(weights), quota)
    total = sum(full)
    full_share = sum((Fraction(c, s) for s, c in enumerate(full) if c), Fraction(0))
    per_weight: dict[int, tuple[int, Fraction]] = {}
    for w in set(weights):
        if w == 0:
            per_weight[w] = (0, Fraction(0))
            continue
        rest = list(weights)
        rest.remove(w)
        without = mwc_by_size(rest, quota) if sum(rest) >= quota else [0]
        share = sum((Fraction(c, s) for s, c in enumerate(without) if c), Fraction(0))
        per_weight[w] = (total - sum(without), full_share - share)
    return (
        tuple(per_weight[w][0] for w in weights),
        total,
        tuple(per_weight[w][1] for w in weights),
    )
