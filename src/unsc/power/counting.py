"""Choosing and running a counting method for a game.

Methods (``method=``):

``enumerate``   every coalition (at most 20 players); the test oracle; every index.
                (``dp-exact`` and ``dp-float`` also give the minimal winning coalitions of
                weighted games, see :mod:`unsc.power.minimal`, so Holler and Deegan-Packel.)
``profiles``    coalitions up to symmetry: one profile per count of yes votes per player type;
                exact; every index; for games with few types (the Council and its reforms).
``dp-exact``    generating functions with big integers (FLINT); weighted games.
``dp-float``    generating functions in float64 (NumPy, Numba for Shapley-Shubik); weighted games.
``mitm``        meet in the middle; exact; compound games of at most 40 players.
``auto``        the fastest that applies: ``profiles`` when there are few profiles, else
                ``dp-exact`` / ``dp-float`` for weighted games (by ``exact``), else ``mitm``,
                else ``enumerate``.
"""

from __future__ import annotations

from collections.abc import Collection
from fractions import Fraction

import numpy as np

from unsc.errors import InputError
from unsc.power import enumerate as enumeration
from unsc.power import minimal, mitm, profiles, weighted
from unsc.power.games import Game
from unsc.power.names import METHODS
from unsc.power.tallies import Number, Tallies

#: What a request can need: swing counts, Shapley-Shubik values, minimal winning coalitions
#: (Holler, Deegan-Packel) and critical counts per coalition (Johnston).
NEEDS = frozenset({"swings", "shapley", "mwc", "johnston"})

#: ``auto`` takes type profiles up to this many.
AUTO_PROFILES = 50_000


def choose_method(game: Game, need: Collection[str], *, exact: bool) -> str:
    """The method ``auto`` runs for this game and these needs."""
    coalition_level = "johnston" in need or ("mwc" in need and not game.is_weighted)
    if game.profile_count() <= AUTO_PROFILES:
        return "profiles"
    if coalition_level:
        if game.n <= enumeration.MAX_PLAYERS:
            return "enumerate"
        if game.profile_count() <= profiles.MAX_PROFILES:
            return "profiles"
        raise InputError(
            "Johnston (and, for compound games, Deegan-Packel and Holler) need every "
            f"winning coalition: unsc computes them for games of at most "
            f"{enumeration.MAX_PLAYERS} players or at most {profiles.MAX_PROFILES} type "
            f"profiles; this game has {game.n} players and {game.profile_count()} profiles",
            field="index",
        )
    if game.is_weighted:
        return "dp-exact" if exact else "dp-float"
    if game.n <= mitm.MAX_PLAYERS:
        return "mitm"
    if game.n <= enumeration.MAX_PLAYERS:
        return "enumerate"
    raise InputError(
        f"no exact method for a compound game of {game.n} players with "
        f"{game.profile_count()} type profiles",
        field="method",
    )


def compute_tallies(
    game: Game, need: Collection[str], *, method: str = "auto", exact: bool = False
) -> Tallies:
    """Run ``method`` (or the automatic choice) and return its tallies."""
    unknown = set(need) - NEEDS
    if unknown:
        raise InputError(f"unknown needs: {', '.join(sorted(unknown))}", field="index")
    if method not in METHODS:
        raise InputError(
            f"unknown method {method!r}; methods: {', '.join(METHODS)}", field="method"
        )
    chosen = choose_method(game, need, exact=exact) if method == "auto" else method
    coalition_level = "johnston" in need or ("mwc" in need and chosen == "mitm")
    if coalition_level and chosen not in ("enumerate", "profiles"):
        raise InputError(
            f"method {chosen} does not give Johnston scores (nor, for compound games, minimal "
            "winning coalitions); use enumerate or profiles",
            field="method",
        )
    if chosen == "enumerate":
        return enumeration.enumerate_tallies(game)
    if chosen == "profiles":
        return profiles.profile_tallies(game)
    if chosen == "mitm":
        return mitm.mitm_tallies(game, shapley="shapley" in need)
    if not game.is_weighted:
        raise InputError(
            f"method {chosen} is for weighted games; this game has {len(game.rules)} rules",
            field="method",
        )
    return _dp_tallies(game, "shapley" in need, "mwc" in need, exact=chosen == "dp-exact")


def _dp_tallies(game: Game, shapley: bool, mwc: bool, *, exact: bool) -> Tallies:
    rule = game.rules[0]
    weights = np.array(rule.weights, dtype=np.int64)
    winning: Number
    by_weight_sw: dict[int, int] | dict[int, float]
    by_weight_ss: dict[int, Fraction] | dict[int, float] | None = None
    losing: float | None = None
    if exact:
        winning, by_weight_sw = weighted.swings_exact(weights, rule.quota)
        if shapley:
            by_weight_ss = weighted.shapley_exact(weights, rule.quota)
    else:
        winning, losing, by_weight_sw = weighted.swings_float(weights, rule.quota)
        if shapley:
            by_weight_ss = weighted.shapley_float(weights, rule.quota)
    swings = tuple(by_weight_sw[w] for w in rule.weights)
    values = tuple(by_weight_ss[w] for w in rule.weights) if by_weight_ss is not None else None
    counts: tuple[int, ...] | None = None
    total: int | None = None
    shares: tuple[Fraction, ...] | None = None
    if mwc:
        counts, total, shares = minimal.mwc_tallies(rule.weights, rule.quota)
    return Tallies(
        n=game.n,
        exact=exact,
        method="dp-exact" if exact else "dp-float",
        winning=winning,
        swings=swings,
        shapley=values,
        mwc=counts,
        mwc_total=total,
        mwc_share=shares,
        losing=losing,
    )
