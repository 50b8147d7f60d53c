"""What every index is computed from: the counts a method produces for a game.

A method (enumeration, type profiles, generating functions, meet in the middle) fills a
:class:`Tallies`; the indices in :mod:`unsc.power.indices` are formulas over it. Exact tallies
hold Python integers and fractions; floating-point tallies hold probabilities (counts divided by
the number of coalitions), so they never overflow.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

Number = int | float | Fraction


@dataclass(frozen=True, slots=True)
class Tallies:
    """Counts for one game, per player where it says so.

    ``winning``: winning coalitions (exact) or their share of all ``2**n`` coalitions (float).
    ``swings``: per player, coalitions not containing the player that win with it and lose
    without it (exact), or that number divided by ``2**(n-1)`` (float: the absolute Banzhaf index).
    ``shapley``: per player, the Shapley-Shubik index, when the method computed it.
    ``johnston``: per player, the sum over winning coalitions in which the player is critical of
    one over the number of critical players (unnormalised Johnston score), when computed.
    ``mwc``: per player, minimal winning coalitions containing it; ``mwc_total`` their number.
    ``mwc_share``: per player, the sum over minimal winning coalitions containing it of one over
    their size (Deegan-Packel numerator).
    """

    n: int
    exact: bool
    method: str
    winning: Number
    swings: tuple[Number, ...]
    shapley: tuple[Number, ...] | None = None
    johnston: tuple[Number, ...] | None = None
    mwc: tuple[Number, ...] | None = None
    mwc_total: Number | None = None
    mwc_share: tuple[Number, ...] | None = None
    #: float tallies: the share of losing coalitions, summed directly (1 - winning cancels).
    losing: float | None = None
