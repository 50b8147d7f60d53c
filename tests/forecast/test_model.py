"""The vote model on a small synthetic record: it learns the pattern, never looks ahead, caches."""

from __future__ import annotations

import math
import sqlite3
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unsc.errors import InputError
from unsc.forecast import DraftQuery, forecast_draft, forecast_drafts
from unsc.forecast.dataset import build_matrix, load_record
from unsc.forecast.features import agenda_key
from unsc.forecast.model import MODEL_ID, VoteModel, cache_dir, load_model
from unsc.types import Matter, Vote

pytestmark = pytest.mark.slow  # trains models (a few seconds each on a laptop)


def test_agenda_items_are_compared_by_a_normalised_key() -> None:
    assert agenda_key("The situation in Mali") == agenda_key("the situation in  MALI.") == "mali"
    assert agenda_key("The situation concerning the Democratic Republic of the Congo") == (
        "democratic republic of the congo"
    )
    assert agenda_key("Non-proliferation") == "non proliferation"


def test_features_of_a_draft_never_see_later_votes(synthetic_conn: sqlite3.Connection) -> None:
    drafts = load_record(synthetic_conn)
    cut = next(i for i, d in enumerate(drafts) if d.spec.date >= date(2006, 1, 1))
    whole = build_matrix(drafts)
    early = build_matrix(drafts[: cut + 3])
    n = early.x_all.shape[0]
    assert np.array_equal(whole.x_all[:n], early.x_all)


def test_the_model_learns_who_votes_no_on_what(synthetic_conn: sqlite3.Connection) -> None:
    on = date(2012, 12, 20)
    gamma = forecast_draft(synthetic_conn, on, "The situation in Gamma", sponsors=["USA"])
    alpha = forecast_draft(synthetic_conn, on, "The situation in Alpha", sponsors=["USA"])
    assert gamma.model_id == MODEL_ID
    assert gamma.trained_through == date(2012, 12, 10)
    assert gamma.member("RUS").no > 0.5
    assert alpha.member("RUS").no < 0.1
    assert gamma.outcome.vetoed > 0.5
    assert gamma.outcome.vetoed_by["RUS"] == pytest.approx(gamma.outcome.vetoed, rel=0.05)
    assert alpha.outcome.adopted > 0.8
    for forecast in (gamma, alpha):
        for m in forecast.members:
            assert math.isclose(m.yes + m.no + m.abstain + m.not_voting, 1.0, abs_tol=1e-9)
        o = forecast.outcome
        assert math.isclose(o.adopted + o.vetoed + o.failed, 1.0, abs_tol=1e-9)


def test_assumed_votes_are_fixed(synthetic_conn: sqlite3.Connection) -> None:
    forecast = forecast_draft(
        synthetic_conn,
        date(2012, 12, 20),
        "The situation in Gamma",
        sponsors=["USA"],
        assume={"RUS": Vote.ABSTAIN, "CHN": Vote.NO},
    )
    assert forecast.member("RUS").abstain == 1.0
    assert forecast.outcome.vetoed == pytest.approx(forecast.outcome.vetoed_by["CHN"])
    assert forecast.outcome.vetoed_by["RUS"] == 0.0
    with pytest.raises(InputError, match="not a member"):
        forecast_draft(synthetic_conn, date(2012, 12, 20), "X", assume={"ITA": Vote.NO})


def test_members_must_be_given_when_the_record_does_not_know_them(
    synthetic_conn: sqlite3.Connection,
) -> None:
    with pytest.raises(InputError, match="--members"):
        forecast_draft(synthetic_conn, date(2031, 1, 5), "The situation in Alpha")
    fifteen = [
        "CHN",
        "FRA",
        "GBR",
        "RUS",
        "USA",
        "BRA",
        "IND",
        "JPN",
        "DEU",
        "ZAF",
        "NGA",
        "MEX",
        "NOR",
        "EGY",
        "IDN",
    ]
    forecast = forecast_draft(
        synthetic_conn, date(2031, 1, 5), "The situation in Alpha", members=fifteen
    )
    assert set(forecast.rule.veto_holders) == {"CHN", "FRA", "GBR", "RUS", "USA"}
    with pytest.raises(InputError, match="15 members"):
        forecast_draft(synthetic_conn, date(2031, 1, 5), "X", members=fifteen[:14])


def test_a_model_trained_as_of_a_day_ignores_later_drafts(
    synthetic_conn: sqlite3.Connection,
) -> None:
    model = load_model(synthetic_conn, as_of=date(2008, 1, 1))
    assert model.trained_through == date(2007, 12, 10)


def test_the_model_is_cached_next_to_the_database(
    synthetic_db: Path, synthetic_conn: sqlite3.Connection
) -> None:
    first = load_model(synthetic_conn)
    files = sorted(cache_dir(synthetic_db).glob(f"{MODEL_ID}-*-all.pkl"))
    assert len(files) == 1
    again = load_model(synthetic_conn)
    assert again.trained_through == first.trained_through
    assert (
        files[0].stat().st_mtime
        == sorted(cache_dir(synthetic_db).glob("*-all.pkl"))[0].stat().st_mtime
    )


@pytest.fixture(scope="module")
def synthetic_model(synthetic_db: Path) -> VoteModel:
    from unsc.record.db import connect

    conn = connect(synthetic_db)
    try:
        return load_model(conn)
    finally:
        conn.close()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    on=st.dates(min_value=date(1990, 1, 1), max_value=date(2026, 12, 31)),
    agenda=st.sampled_from(["The situation in Gamma", "Non-proliferation", "x", "Mali"]),
    sponsors=st.lists(st.sampled_from(["USA", "RUS", "FRA", "CHN", "DEU", "MLI"]), max_size=3),
    matter=st.sampled_from(list(Matter)),
    assumed=st.lists(st.sampled_from(list(Vote)), max_size=3),
)
def test_forecasts_are_valid_probabilities(
    synthetic_model: VoteModel,
    on: date,
    agenda: str,
    sponsors: list[str],
    matter: Matter,
    assumed: list[Vote],
) -> None:
    from unsc.membership import members_on

    codes = [m.code for m in members_on(on)]
    query = DraftQuery(
        date=on,
        agenda=agenda,
        sponsors=tuple(sponsors),
        matter=matter,
        assume=dict(zip(codes, assumed, strict=False)),
    )
    (forecast,) = forecast_drafts(synthetic_model, [query])
    for m in forecast.members:
        values = [m.yes, m.no, m.abstain, m.not_voting]
        assert all(0.0 <= v <= 1.0 for v in values)
        assert math.isclose(sum(values), 1.0, abs_tol=1e-9)
    o = forecast.outcome
    assert all(0.0 <= p <= 1.0 + 1e-12 for p in (o.adopted, o.vetoed, o.failed))
    assert math.isclose(o.adopted + o.vetoed + o.failed, 1.0, abs_tol=1e-9)
    assert set(o.vetoed_by) == set(forecast.rule.veto_holders)
    for code, vote in query.assume.items():
        assert (
            forecast.member(code).prob(vote if vote is not Vote.ABSENT else Vote.NOT_VOTING) == 1.0
        )
    if matter is Matter.PROCEDURAL:
        assert o.vetoed == 0.0
