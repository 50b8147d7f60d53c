"""The Council's games: the same source of truth as the rules engine, and published values."""

from __future__ import annotations

from fractions import Fraction

import pytest

from unsc.council import council_preset, council_presets
from unsc.power import INDICES, council_game, power_index, power_indices
from unsc.power.enumerate import enumerate_tallies
from unsc.rules import decide
from unsc.types import Outcome, Vote


@pytest.mark.parametrize("preset", ["council-1946", "council-1966", "veto-needs-two"])
def test_game_agrees_with_the_rules_engine_on_every_coalition(preset: str) -> None:
    """Every yes / not-yes split (the members outside the coalition vote no)."""
    config = council_preset(preset)
    game = council_game(config)
    seats = [s.seat_id for s in config.seats]
    for mask in range(1 << config.size):
        members = [i for i in range(config.size) if mask >> i & 1]
        votes = {s: Vote.YES if mask >> i & 1 else Vote.NO for i, s in enumerate(seats)}
        decision = decide(
            votes,
            veto_holders=config.veto_seats,
            quota=config.quota,
            veto_threshold=config.veto_threshold,
        )
        assert game.wins(members) == (decision.outcome is Outcome.ADOPTED), votes


def test_every_preset_has_a_game() -> None:
    for config in council_presets().values():
        game = council_game(config)
        assert game.players == tuple(s.seat_id for s in config.seats)
        assert game.wins(range(config.size))
        assert not game.wins(range(config.quota - 1))


def _by_kind(preset: str, index: str) -> tuple[Fraction, Fraction]:
    game = council_game(council_preset(preset))
    result = power_index(game, index, exact=True)
    return Fraction(result.value_of("P-USA")), Fraction(result.value_of("E1"))


def test_shapley_shubik_1966() -> None:
    """Shapley & Shubik's method (APSR 48 (1954) 787-792), updated to fifteen members: 421/2145
    and 4/2145."""
    assert _by_kind("council-1966", "shapley-shubik") == (Fraction(421, 2145), Fraction(4, 2145))


def test_shapley_shubik_1946() -> None:
    """The eleven-member Council: 76/385 per permanent member, 1/462 per elected one."""
    assert _by_kind("council-1946", "shapley-shubik") == (Fraction(76, 385), Fraction(1, 462))


def test_banzhaf_swings_1966() -> None:
    """848 swings for a permanent member and 84 for an elected one (out of 2**14)."""
    permanent, elected = _by_kind("council-1966", "banzhaf-absolute")
    assert (permanent * 2**14, elected * 2**14) == (848, 84)


def test_normalised_banzhaf_matches_the_literature() -> None:
    """Normalised Banzhaf (Banzhaf, 19 Rutgers L. Rev. 317, 1965): 0.1669 / 0.0165 (1966) and
    0.1810 / 0.0159 (1946)."""
    p66, e66 = _by_kind("council-1966", "banzhaf")
    p46, e46 = _by_kind("council-1946", "banzhaf")
    assert (round(float(p66), 4), round(float(e66), 4)) == (0.1669, 0.0165)
    assert (round(float(p46), 4), round(float(e46), 4)) == (0.1810, 0.0159)


def test_coleman_power_to_act() -> None:
    """848 winning coalitions of 2**15 (0.0259) in 1966; 0.0278 in 1946 (Coleman 1971)."""
    act66, _ = _by_kind("council-1966", "coleman-act")
    act46, _ = _by_kind("council-1946", "coleman-act")
    assert act66 == Fraction(848, 2**15)
    assert round(float(act66), 4) == 0.0259
    assert round(float(act46), 4) == 0.0278


def test_a_veto_seat_can_always_prevent_action() -> None:
    prevent, _ = _by_kind("council-1966", "coleman-prevent")
    assert prevent == 1


def test_minimal_winning_coalitions_1966() -> None:
    """The minimal winning coalitions are the P5 and four elected members: C(10, 4) = 210."""
    game = council_game(council_preset("council-1966"))
    holler = power_index(game, "holler", exact=True)
    # every MWC has 5 permanent seats; each elected seat is in C(9, 3) = 84 of them.
    assert holler.value_of("P-USA") / holler.value_of("E1") == Fraction(210, 84)
    deegan = power_index(game, "deegan-packel", exact=True)
    assert deegan.value_of("P-USA") == Fraction(1, 9)


@pytest.mark.parametrize("preset", ["council-1946", "council-1966", "veto-needs-two"])
def test_profiles_equal_enumeration(preset: str) -> None:
    game = council_game(council_preset(preset))
    oracle = enumerate_tallies(game)
    results = power_indices(game, list(INDICES), exact=True, method="profiles")
    for name, result in results.items():
        expected = power_indices(game, [name], exact=True, method="enumerate")[name]
        assert result.values == expected.values, name
    assert results["coleman-act"].values[0] == Fraction(oracle.winning, 2**game.n)


def test_veto_needs_two_shifts_power_to_elected_members() -> None:
    """Gould & Rablen (2017): the two-veto rule gives elected members more power."""
    _, e66 = _by_kind("council-1966", "shapley-shubik")
    _, e2 = _by_kind("veto-needs-two", "shapley-shubik")
    assert e2 > e66
    act66, _ = _by_kind("council-1966", "coleman-act")
    act2, _ = _by_kind("veto-needs-two", "coleman-act")
    assert act2 > act66
