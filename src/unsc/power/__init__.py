"""Voting power: simple games and the standard power indices, computed exactly and fast.

>>> from unsc.council import council_preset
>>> game = council_game(council_preset("council-1966"))
>>> power_index(game, "shapley-shubik", exact=True).value_of("P-USA")
Fraction(421, 2145)
"""

from unsc.power.counting import METHODS, choose_method, compute_tallies
from unsc.power.games import Formula, Game, WeightedRule, compound_game, council_game, weighted_game
from unsc.power.indices import (
    INDICES,
    NORMALISED,
    PowerResult,
    banzhaf,
    parse_index,
    power_index,
    power_indices,
    shapley_shubik,
)
from unsc.power.tallies import Tallies

__all__ = [
    "INDICES",
    "METHODS",
    "NORMALISED",
    "Formula",
    "Game",
    "PowerResult",
    "Tallies",
    "WeightedRule",
    "banzhaf",
    "choose_method",
    "compound_game",
    "compute_tallies",
    "council_game",
    "parse_index",
    "power_index",
    "power_indices",
    "shapley_shubik",
    "weighted_game",
]
