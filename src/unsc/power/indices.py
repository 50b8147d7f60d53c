"""The voting-power indices, as formulas over a game's tallies.

Sources (definitions as in Felsenthal & Machover, *The Measurement of Voting Power*, 1998):

- Shapley-Shubik: Shapley & Shubik, APSR 48 (1954) 787-792.
- Penrose-Banzhaf: Penrose, JRSS 109 (1946) 53-57; Banzhaf, Rutgers LR 19 (1965) 317-343.
  *Absolute*: swings over ``2**(n-1)``; *normalised*: swings over the sum of all swings.
- Coleman: "Control of collectivities and the power of a collectivity to act", in
  Lieberman (ed.), *Social Choice* (1971): power to act = winning coalitions over ``2**n``;
  power to prevent action = swings over winning coalitions; power to initiate = swings over
  losing coalitions.
- Johnston: Johnston, "On the measurement of power", Environment and Planning A 10 (1978).
- Deegan-Packel: Deegan & Packel, IJGT 7 (1978) 113-123.
- Holler (public good index): Holler, Political Studies 30 (1982) 262-271.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TypedDict

from unsc.errors import InputError
from unsc.power.counting import compute_tallies
from unsc.power.games import Game
from unsc.power.names import INDICES
from unsc.power.tallies import Number, Tallies

#: Indices that sum to one over the players.
NORMALISED = frozenset({"shapley-shubik", "banzhaf", "johnston", "deegan-packel", "holler"})


def parse_index(name: str) -> str:
    """The canonical index name; accepts a few common spellings."""
    key = name.strip().lower().replace("_", "-").replace(" ", "-")
    aliases = {
        "ss": "shapley-shubik",
        "shapley": "shapley-shubik",
        "bz": "banzhaf",
        "penrose-banzhaf": "banzhaf",
        "banzhaf-normalised": "banzhaf",
        "banzhaf-normalized": "banzhaf",
        "public-good": "holler",
        "pgi": "holler",
    }
    key = aliases.get(key, key)
    if key not in INDICES:
        raise InputError(f"unknown index {name!r}; indices: {', '.join(INDICES)}", field="index")
    return key


class PowerRow(TypedDict):
    """One player's value of an index; exact values as ``"p/q"`` text."""

    player: str
    index: str
    value: str | float


@dataclass(frozen=True, slots=True)
class PowerResult:
    """One index for every player of a game."""

    index: str
    game: str
    players: tuple[str, ...]
    values: tuple[Number, ...]
    exact: bool
    method: str

    def value_of(self, player: str) -> Number:
        return self.values[self.players.index(player)]

    def as_floats(self) -> tuple[float, ...]:
        return tuple(float(v) for v in self.values)

    def rows(self) -> list[PowerRow]:
        """One object per player: ``{"player", "index", "value"}``; exact values as strings."""
        return [
            {
                "player": p,
                "index": self.index,
                "value": str(v) if self.exact else float(v),
            }
            for p, v in zip(self.players, self.values, strict=True)
        ]

    def to_dict(self) -> dict[str, object]:
        return {
            "index": self.index,
            "game": self.game,
            "exact": self.exact,
            "method": self.method,
            "players": self.rows(),
        }


def _share(values: Sequence[Number]) -> tuple[Number, ...]:
    total = sum(values)
    if total == 0:
        raise InputError("no player has power in this game", field="index")
    if isinstance(total, (int, Fraction)) and all(isinstance(v, (int, Fraction)) for v in values):
        return tuple(Fraction(v) / total for v in values)
    return tuple(float(v) / float(total) for v in values)


def index_from_tallies(index: str, t: Tallies) -> tuple[Number, ...]:
    """The index values from tallies (exact fractions from exact tallies, floats otherwise)."""
    n = t.n
    if index == "shapley-shubik":
        if t.shapley is None:
            raise InputError("these tallies have no Shapley-Shubik values", field="index")
        return t.shapley
    if index == "banzhaf":
        return _share(t.swings)
    if t.exact:
        swings = [int(s) for s in t.swings]
        winning = int(t.winning)
        if index == "banzhaf-absolute":
            return tuple(Fraction(s, 2 ** (n - 1)) for s in swings)
        if index == "coleman-act":
            return (Fraction(winning, 2**n),) * n
        if index == "coleman-prevent":
            return tuple(Fraction(s, winning) for s in swings)
        if index == "coleman-initiate":
            return tuple(Fraction(s, 2**n - winning) for s in swings)
    else:
        share = float(t.winning)
        beta = [float(s) for s in t.swings]
        if index == "banzhaf-absolute":
            return tuple(beta)
        if index == "coleman-act":
            return (share,) * n
        if index == "coleman-prevent":
            return tuple(b / (2.0 * share) for b in beta)
        if index == "coleman-initiate":
            losing = t.losing if t.losing is not None else 1.0 - share
            return tuple(b / (2.0 * losing) for b in beta)
    if index == "johnston":
        if t.johnston is None:
            raise InputError("these tallies have no Johnston scores", field="index")
        return _share(t.johnston)
    if index == "holler":
        if t.mwc is None:
            raise InputError("these tallies have no minimal winning coalitions", field="index")
        return _share(t.mwc)
    if index == "deegan-packel":
        if t.mwc_share is None or t.mwc_total is None:
            raise InputError("these tallies have no minimal winning coalitions", field="index")
        return tuple(Fraction(s) / int(t.mwc_total) for s in t.mwc_share)
    raise InputError(f"unknown index {index!r}", field="index")


def _exactly(values: tuple[Number, ...], exact: bool) -> tuple[Number, ...]:
    if exact:
        return tuple(Fraction(v) for v in values)
    return tuple(float(v) for v in values)


def power_indices(
    game: Game,
    indices: Sequence[str],
    *,
    method: str = "auto",
    exact: bool = False,
) -> dict[str, PowerResult]:
    """Several indices of one game from one counting run."""
    names = [parse_index(i) for i in indices]
    need = {INDICES[name] for name in names}
    tallies = compute_tallies(game, need, method=method, exact=exact)
    if exact and not tallies.exact:
        raise InputError(
            f"method {tallies.method} gives floating-point values; drop --exact or use dp-exact",
            field="method",
        )
    out: dict[str, PowerResult] = {}
    for name in names:
        out[name] = PowerResult(
            index=name,
            game=game.name,
            players=game.players,
            values=_exactly(index_from_tallies(name, tallies), exact),
            exact=exact,
            method=tallies.method,
        )
    return out


def power_index(
    game: Game, index: str = "shapley-shubik", *, method: str = "auto", exact: bool = False
) -> PowerResult:
    """One index of a game: floats, or fractions with ``exact=True``."""
    name = parse_index(index)
    return power_indices(game, [name], method=method, exact=exact)[name]


def shapley_shubik(game: Game, *, method: str = "auto", exact: bool = False) -> PowerResult:
    return power_index(game, "shapley-shubik", method=method, exact=exact)


def banzhaf(
    game: Game, *, absolute: bool = False, method: str = "auto", exact: bool = False
) -> PowerResult:
    return power_index(
        game, "banzhaf-absolute" if absolute else "banzhaf", method=method, exact=exact
    )
