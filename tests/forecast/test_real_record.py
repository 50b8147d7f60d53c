"""The forecast on the real record (built once by the session fixture ``record_db``)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from unsc.forecast import forecast_draft
from unsc.forecast.cases import option_forecaster, option_forecasts
from unsc.record.db import connect
from unsc.types import Vote

pytestmark = pytest.mark.slow  # builds the record and trains on it


@pytest.fixture(scope="module")
def conn(record_db: Path) -> Iterator[object]:
    handle = connect(record_db)
    yield handle
    handle.close()


def test_a_forecast_of_june_2023_learns_only_from_earlier_votes(conn) -> None:  # type: ignore[no-untyped-def]
    as_of = date(2023, 6, 16)  # Mali asks MINUSMA to leave (recalled in res. 2690 (2023))
    forecast = forecast_draft(
        conn, date(2023, 6, 30), "The situation in Mali", sponsors=["FRA"], as_of=as_of
    )
    assert forecast.trained_through < as_of
    assert len(forecast.members) == 15
    for m in forecast.members:
        assert math.isclose(m.yes + m.no + m.abstain + m.not_voting, 1.0, abs_tol=1e-9)
    # Russia and China abstained on the 2022 renewal (res. 2640, 13-0-2; SC/14953): the model
    # gives them a real chance of abstaining again, and the elected members almost none.
    assert forecast.member("RUS").abstain > 0.1
    assert forecast.member("CHN").abstain > 0.1
    assert forecast.member("MLT").abstain < 0.05
    assert forecast.member("RUS").abstain > 5 * forecast.member("MLT").abstain
    assert forecast.outcome.adopted > 0.5


def test_options_forecaster_fixes_the_users_positions(conn) -> None:  # type: ignore[no-untyped-def]
    on, as_of = date(2023, 6, 30), date(2023, 6, 16)
    positions = {1: {"RUS": Vote.NO}, 2: {"RUS": Vote.ABSTAIN, "CHN": Vote.ABSTAIN}, 3: {}}
    forecasts = option_forecasts(conn, on, positions, as_of=as_of)
    assert forecasts[1].outcome.vetoed == pytest.approx(forecasts[1].outcome.vetoed_by["RUS"])
    assert forecasts[1].outcome.adopted < 0.05
    assert forecasts[2].member("RUS").abstain == 1.0

    class Option:
        number = 2

    forecaster = option_forecaster(conn, positions, as_of=as_of)
    assert forecaster(Option(), on) == pytest.approx(forecasts[2].outcome.adopted)


def test_members_of_2024_come_from_the_curated_membership(conn) -> None:  # type: ignore[no-untyped-def]
    forecast = forecast_draft(conn, date(2024, 3, 1), "The situation in the Middle East")
    assert {m.code for m in forecast.members} >= {"DZA", "GUY", "KOR", "SLE", "SVN"}
    assert forecast.trained_through.year == 2023


def test_backtest_of_recent_years_beats_the_baselines(conn) -> None:  # type: ignore[no-untyped-def]
    """Rolling origin over 2021-2023 (the full 2010-2023 table is in docs/forecast.md)."""
    from unsc.forecast.backtest import backtest

    report = backtest(conn, 2021, 2023)
    assert report.beats_baselines() == {"brier": True, "log_loss": True, "outcome_brier": True}
    model = report.pooled["model"]
    assert sorted(report.by_year) == [2021, 2022, 2023]
    assert model.drafts > 100
    assert model.vetoes >= 5  # Syria, Ukraine and Gaza drafts of 2021-2023
    assert model.veto_warnings["0.1"]["recall"] > 0.3
