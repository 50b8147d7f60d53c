"""Real voting bodies besides the Security Council, with their sources.

Built by functions (no registry at import time); :func:`bodies` lists them by id.
"""

from __future__ import annotations

from collections.abc import Callable
from math import ceil

from unsc.council import council_presets
from unsc.errors import InputError
from unsc.power.games import Formula, Game, compound_game, council_game, weighted_game

#: EU27 population shares (% of the Union, two decimals) that the Council fixed for 2025 from
#: Eurostat's 1 January 2024 figures (Union total 451,028,881), as reported by Agence Europe,
#: 12 Dec 2024, "Updating of EU Member States' population figures for calculating qualified
#: majority voting in EU Council" (Coreper approval of 11 Dec 2024; Council Rules of Procedure,
#: Annex III, as amended for 2025). The rounded shares add up to 100.01.
EU27_SHARES_2025: tuple[tuple[str, float], ...] = (
    ("DEU", 18.49),
    ("FRA", 15.17),
    ("ITA", 13.23),
    ("ESP", 10.78),
    ("POL", 8.33),
    ("ROU", 4.23),
    ("NLD", 4.01),
    ("BEL", 2.62),
    ("CZE", 2.42),
    ("PRT", 2.36),
    ("SWE", 2.34),
    ("GRC", 2.31),
    ("HUN", 2.13),
    ("AUT", 2.02),
    ("BGR", 1.43),
    ("DNK", 1.32),
    ("FIN", 1.25),
    ("SVK", 1.21),
    ("IRL", 1.19),
    ("HRV", 0.86),
    ("LTU", 0.64),
    ("SVN", 0.47),
    ("LVA", 0.42),
    ("EST", 0.30),
    ("CYP", 0.21),
    ("LUX", 0.15),
    ("MLT", 0.12),
)

#: Electoral votes for the 2024 and 2028 elections: the House apportionment after the 2020
#: census (U.S. Census Bureau, 26 Apr 2021) plus two per state (U.S. Const. art. II, sec. 1)
#: and three for the District of Columbia (23rd Amendment); 538 in all, 270 to win
#: (12th Amendment: "a majority of the whole number of Electors").
ELECTORAL_VOTES_2024: tuple[tuple[str, int], ...] = (
    ("AL", 9), ("AK", 3), ("AZ", 11), ("AR", 6), ("CA", 54), ("CO", 10), ("CT", 7),
    ("DE", 3), ("DC", 3), ("FL", 30), ("GA", 16), ("HI", 4), ("ID", 4), ("IL", 19),
    ("IN", 11), ("IA", 6), ("KS", 6), ("KY", 8), ("LA", 8), ("ME", 4), ("MD", 10),
    ("MA", 11), ("MI", 15), ("MN", 10), ("MS", 6), ("MO", 10), ("MT", 4), ("NE", 5),
    ("NV", 6), ("NH", 4), ("NJ", 14), ("NM", 5), ("NY", 28), ("NC", 16), ("ND", 3),
    ("OH", 17), ("OK", 7), ("OR", 8), ("PA", 19), ("RI", 4), ("SC", 9), ("SD", 3),
    ("TN", 11), ("TX", 40), ("UT", 6), ("VT", 3), ("VA", 13), ("WA", 12), ("WV", 4),
    ("WI", 10), ("WY", 3),
)  # fmt: skip

#: Maine (21-A M.R.S. sec. 802) and Nebraska (Neb. Rev. Stat. sec. 32-1038) give two electors
#: to the statewide winner and one to the winner of each congressional district.
SPLIT_STATES: dict[str, tuple[tuple[str, int], ...]] = {
    "ME": (("ME", 2), ("ME-1", 1), ("ME-2", 1)),
    "NE": (("NE", 2), ("NE-1", 1), ("NE-2", 1), ("NE-3", 1)),
}


def eu_council() -> Game:
    """The EU Council's qualified majority with the 2025 population shares (EU27).

    TEU Art. 16(4): at least 55% of the members (15 of 27) representing at least 65% of the
    population; "a blocking minority must include at least four Council members, failing
    which the qualified majority shall be deemed attained", i.e. 24 or more members in favour
    also win. Populations are the published shares in hundredths of a percent (a rounding of
    the figures in persons), so the 65% threshold is 6501 of 10001.
    """
    codes = [c for c, _ in EU27_SHARES_2025]
    shares = [round(s * 100) for _, s in EU27_SHARES_2025]
    n = len(codes)
    states = ceil(0.55 * n)
    population = ceil(0.65 * sum(shares))
    return compound_game(
        [
            ([1] * n, states, f"{states} of {n} states"),
            (shares, population, "65% of the population"),
            ([1] * n, n - 3, "fewer than four states against"),
        ],
        formula=Formula("all", (0, Formula("any", (1, 2)))),
        players=codes,
        name="EU Council qualified majority (EU27, 2025 populations)",
        citation="TEU Art. 16(4), TFEU Art. 238(3); Council Rules of Procedure Annex III for "
        "2025 (Agence Europe, 12 Dec 2024)",
    )


def electoral_college(*, split: bool = False) -> Game:
    """The US Electoral College of 2024: 538 electors, 270 to win.

    With ``split`` Maine and Nebraska are modelled as their statewide and district blocs
    (56 players); otherwise each state votes as one bloc (51 players).
    """
    players: list[str] = []
    weights: list[int] = []
    for state, votes in ELECTORAL_VOTES_2024:
        if split and state in SPLIT_STATES:
            for unit, unit_votes in SPLIT_STATES[state]:
                players.append(unit)
                weights.append(unit_votes)
        else:
            players.append(state)
            weights.append(votes)
    return weighted_game(
        weights,
        270,
        players=players,
        name="US Electoral College 2024" + (" (Maine and Nebraska by district)" if split else ""),
        citation="U.S. Const. art. II sec. 1, 12th and 23rd Amendments; 2020 census "
        "apportionment (U.S. Census Bureau, 26 Apr 2021)",
    )


def bodies() -> dict[str, Callable[[], Game]]:
    """Every named body, keyed by id: the Council presets, the EU Council, the US Electoral
    College."""
    out: dict[str, Callable[[], Game]] = {}
    for preset_id, config in council_presets().items():
        out[preset_id] = lambda config=config: council_game(config)  # type: ignore[misc]
    out["eu27"] = eu_council
    out["us-electoral-college"] = electoral_college
    out["us-electoral-college-split"] = lambda: electoral_college(split=True)
    return out


def body(body_id: str) -> Game:
    """The game of a named body; an unknown id is an :class:`InputError` listing the ids."""
    known = bodies()
    maker = known.get(body_id.strip().lower())
    if maker is None:
        raise InputError(
            f"unknown council or body {body_id!r}; known: {', '.join(known)}", field="council"
        )
    return maker()
