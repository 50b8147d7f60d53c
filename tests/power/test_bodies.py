"""Real voting bodies: the EU Council's double majority and the US Electoral College."""

from __future__ import annotations

from fractions import Fraction

import pytest

from unsc.errors import InputError
from unsc.power import power_indices
from unsc.power.bodies import (
    ELECTORAL_VOTES_2024,
    EU27_SHARES_2025,
    bodies,
    body,
    electoral_college,
    eu_council,
)


def test_eu_rules_follow_the_treaty() -> None:
    """TEU Art. 16(4): 15 of 27 states with 65% of the population, or fewer than 4 against."""
    game = eu_council()
    codes = list(game.players)
    big_four = [codes.index(c) for c in ("DEU", "FRA", "ITA", "ESP")]
    # the four largest states block everything: 23 states in favour lose
    others = [i for i in range(27) if i not in big_four]
    assert not game.wins(others)
    # three states against can never block, whatever their population
    assert game.wins([i for i in range(27) if i not in big_four[:3]])
    # 14 states never win, even with most of the population
    assert not game.wins(sorted(range(27), key=lambda i: -game.rules[1].weights[i])[:14])


def test_eu_population_shares_are_the_published_ones() -> None:
    assert len(EU27_SHARES_2025) == 27
    assert round(sum(s for _, s in EU27_SHARES_2025), 2) == 100.01


def test_eu_power_follows_population() -> None:
    game = eu_council()
    results = power_indices(game, ["shapley-shubik", "banzhaf"], exact=True)
    for result in results.values():
        assert sum(result.values) == 1
        values = [Fraction(v) for v in result.values]
        # listed by population, largest first: power never increases down the list
        assert all(a >= b for a, b in zip(values, values[1:], strict=False))
    # Germany has more Shapley-Shubik power than its population share, Malta less than
    # its share of seats (the double majority's well-known effect on the extremes)
    ss = results["shapley-shubik"]
    assert float(ss.value_of("DEU")) > 0.1849 * 0.9
    assert float(ss.value_of("MLT")) < 1 / 27


def test_electoral_college_is_538_and_270() -> None:
    game = electoral_college()
    assert game.rules[0].total == 538
    assert game.rules[0].quota == 270
    assert len(ELECTORAL_VOTES_2024) == 51
    split = electoral_college(split=True)
    assert split.rules[0].total == 538
    assert split.n == 56


def test_electoral_college_exact_and_float_agree() -> None:
    game = electoral_college()
    exact = power_indices(game, ["shapley-shubik", "banzhaf-absolute"], exact=True)
    floats = power_indices(game, ["shapley-shubik", "banzhaf-absolute"])
    for name in exact:
        for a, b in zip(exact[name].values, floats[name].values, strict=True):
            assert abs(float(a) - float(b)) < 1e-12
    ss = exact["shapley-shubik"]
    assert sum(ss.values) == 1
    assert ss.value_of("CA") > ss.value_of("TX") > ss.value_of("FL")
    assert ss.value_of("WY") == ss.value_of("VT")
    # California's 54 of 538 votes are 10.0%; its Shapley-Shubik power is a bit more
    assert 0.10 < float(ss.value_of("CA")) < 0.12


def test_every_body_builds() -> None:
    for body_id in bodies():
        assert body(body_id).n >= 11


def test_unknown_body_names_the_known_ones() -> None:
    with pytest.raises(InputError, match="eu27"):
        body("eu28")
