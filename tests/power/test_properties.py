"""Property tests: every method agrees with enumeration; the indices behave as indices must."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unsc.power import (
    INDICES,
    NORMALISED,
    Game,
    compound_game,
    compute_tallies,
    power_indices,
    weighted_game,
)
from unsc.power.games import Formula

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def weighted_games(draw: st.DrawFn, max_players: int = 15, max_weight: int = 12) -> Game:
    weights = draw(st.lists(st.integers(0, max_weight), min_size=1, max_size=max_players))
    if sum(weights) == 0:
        weights[0] = 1
    quota = draw(st.integers(1, sum(weights)))
    return weighted_game(weights, quota)


@st.composite
def compound_games(draw: st.DrawFn, max_players: int = 15) -> Game:
    n = draw(st.integers(1, max_players))
    k = draw(st.integers(2, 3))
    rules = []
    for r in range(k):
        top = 3 if r else 400  # one rule with large weights, the others small (as in the EU)
        weights = draw(st.lists(st.integers(0, top), min_size=n, max_size=n))
        if sum(weights) == 0:
            weights[0] = 1
        rules.append((weights, draw(st.integers(1, sum(weights)))))
    shape = draw(st.sampled_from(["all", "any", "nested"]))
    formula = (
        Formula("all", (0, Formula("any", tuple(range(1, k)))))
        if shape == "nested"
        else Formula(shape, tuple(range(k)))  # type: ignore[arg-type]
    )
    return compound_game(rules, formula=formula)


def _close(a: tuple[object, ...], b: tuple[object, ...]) -> bool:
    return all(abs(float(x) - float(y)) < 1e-11 for x, y in zip(a, b, strict=True))  # type: ignore[arg-type]


@SETTINGS
@given(weighted_games())
def test_dynamic_programming_equals_enumeration(game: Game) -> None:
    oracle = power_indices(
        game,
        ["shapley-shubik", "banzhaf-absolute", "coleman-act", "holler", "deegan-packel"],
        method="enumerate",
        exact=True,
    )
    exact = power_indices(game, list(oracle), method="dp-exact", exact=True)
    floats = power_indices(game, list(oracle), method="dp-float")
    for name in oracle:
        assert exact[name].values == oracle[name].values, name
        assert _close(floats[name].values, oracle[name].values), name


@SETTINGS
@given(compound_games())
def test_meet_in_the_middle_equals_enumeration(game: Game) -> None:
    names = ["shapley-shubik", "banzhaf", "coleman-prevent", "coleman-initiate"]
    oracle = power_indices(game, names, method="enumerate", exact=True)
    mitm = power_indices(game, names, method="mitm", exact=True)
    for name in names:
        assert mitm[name].values == oracle[name].values, name


@SETTINGS
@given(st.one_of(weighted_games(max_players=10, max_weight=4), compound_games(max_players=10)))
def test_profiles_equal_enumeration(game: Game) -> None:
    oracle = compute_tallies(game, {"swings", "shapley", "mwc", "johnston"}, method="enumerate")
    profiles = compute_tallies(game, {"swings", "shapley", "mwc", "johnston"}, method="profiles")
    assert profiles.winning == oracle.winning
    for field in ("swings", "shapley", "johnston", "mwc", "mwc_share"):
        assert getattr(profiles, field) == getattr(oracle, field), field


@SETTINGS
@given(weighted_games(max_players=10))
def test_normalised_indices_sum_to_one(game: Game) -> None:
    results = power_indices(game, sorted(NORMALISED), method="enumerate", exact=True)
    for name, result in results.items():
        assert sum(result.values) == 1, name


@SETTINGS
@given(weighted_games(max_players=10))
def test_null_players_get_zero_and_symmetric_players_are_equal(game: Game) -> None:
    results = power_indices(game, list(INDICES), method="enumerate", exact=True)
    weights = game.rules[0].weights
    oracle = compute_tallies(game, {"swings"}, method="enumerate")
    for i in range(game.n):
        null = oracle.swings[i] == 0
        for name, result in results.items():
            if name == "coleman-act":
                continue
            if null:
                assert result.values[i] == 0, (name, i)
            for j in range(game.n):
                if weights[i] == weights[j]:
                    assert result.values[i] == result.values[j], (name, i, j)


@SETTINGS
@given(weighted_games(max_players=10))
def test_zero_weight_is_null(game: Game) -> None:
    values = power_indices(game, ["shapley-shubik", "banzhaf"], exact=True)
    for i, w in enumerate(game.rules[0].weights):
        if w == 0:
            assert all(r.values[i] == Fraction(0) for r in values.values())


@SETTINGS
@given(weighted_games(max_players=12))
def test_shapley_shubik_is_efficient_in_floats(game: Game) -> None:
    values = power_indices(game, ["shapley-shubik"], method="dp-float")["shapley-shubik"]
    assert abs(sum(values.values) - 1.0) < 1e-12


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.integers(0, 3), min_size=17, max_size=80),
    st.floats(0.05, 0.95),
)
def test_compiled_kernels_equal_type_profiles_beyond_one_sweep(
    weights: list[int], share: float
) -> None:
    """More players than one wavefront block (16) and, past 62 players, two primes."""
    if sum(weights) == 0:
        weights[0] = 1
    quota = max(1, min(sum(weights), round(share * sum(weights))))
    game = weighted_game(weights, quota)
    names = ["shapley-shubik", "banzhaf-absolute", "coleman-initiate"]
    oracle = power_indices(game, names, method="profiles", exact=True)
    exact = power_indices(game, names, method="dp-exact", exact=True)
    floats = power_indices(game, names, method="dp-float")
    for name in names:
        assert exact[name].values == oracle[name].values, name
        assert _close(floats[name].values, oracle[name].values), name


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(1, 60), min_size=16, max_size=30), st.floats(0.1, 0.9))
def test_meet_in_the_middle_equals_generating_functions(weights: list[int], share: float) -> None:
    quota = max(1, round(share * sum(weights)))
    game = weighted_game(weights, quota)
    names = ["shapley-shubik", "banzhaf"]
    mitm = power_indices(game, names, method="mitm", exact=True)
    exact = power_indices(game, names, method="dp-exact", exact=True)
    for name in names:
        assert mitm[name].values == exact[name].values, name
