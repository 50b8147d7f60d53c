"""Voting power: simple games and the standard power indices, computed exactly and fast.

The names below are loaded on first use (PEP 562), so that importing :mod:`unsc.power.names`
(the index and method names the command line lists) does not load numpy and Numba.

>>> from unsc.council import council_preset
>>> from unsc.power import council_game, power_index
>>> game = council_game(council_preset("council-1966"))
>>> power_index(game, "shapley-shubik", exact=True).value_of("P-USA")
Fraction(421, 2145)
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from unsc.power.counting import choose_method, compute_tallies
    from unsc.power.games import (
        Formula,
        Game,
        WeightedRule,
        compound_game,
        council_game,
        weighted_game,
    )
    from unsc.power.indices import (
        NORMALISED,
        PowerResult,
        banzhaf,
        parse_index,
        power_index,
        power_indices,
        shapley_shubik,
    )
    from unsc.power.names import INDICES, METHODS
    from unsc.power.tallies import Tallies

_HOME = {
    "INDICES": "names",
    "METHODS": "names",
    "NORMALISED": "indices",
    "Formula": "games",
    "Game": "games",
    "PowerResult": "indices",
    "Tallies": "tallies",
    "WeightedRule": "games",
    "banzhaf": "indices",
    "choose_method": "counting",
    "compound_game": "games",
    "compute_tallies": "counting",
    "council_game": "games",
    "parse_index": "indices",
    "power_index": "indices",
    "power_indices": "indices",
    "shapley_shubik": "indices",
    "weighted_game": "games",
}

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


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'unsc.power' has no attribute {name!r}")
    return getattr(import_module(f"unsc.power.{home}"), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOME})
