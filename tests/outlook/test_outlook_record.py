"""The outlook of June 2023 on the real record: MINUSMA due, Mali's request, no leak."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from unsc.cli import build_app
from unsc.errors import InputError
from unsc.forecast.model import load_model
from unsc.missions.chain import all_chains
from unsc.missions.loaders import load_consent_events
from unsc.missions.models import (
    ActionKind,
    ConsentEvent,
    ConsentEventKind,
    DatePrecision,
    HostPosition,
    MandateResolution,
)
from unsc.outlook import build_outlook
from unsc.record.db import connect

pytestmark = pytest.mark.slow  # builds the record and trains the vote model

AS_OF = date(2023, 6, 17)  # the day after Mali asked MINUSMA to leave


@pytest.fixture(scope="module")
def conn(record_db: Path) -> Iterator[Any]:
    handle = connect(record_db)
    yield handle
    handle.close()


@pytest.fixture(scope="module")
def model(conn: Any) -> Any:
    return load_model(conn, as_of=AS_OF + timedelta(days=1))


def test_june_2023_lists_minusma_with_its_courses(conn: Any, model: Any) -> None:
    from unsc.outlook.chart import courses_chart

    outlook = build_outlook(conn, "2023-06", AS_OF, model=model)
    chart = str(courses_chart(outlook))
    assert chart.startswith("<svg") and "MINUSMA" in chart and "<title>" in chart
    data = outlook.to_dict()
    assert data["month"] == "2023-06" and data["as_of"] == AS_OF
    by_mission = {m["mission"]: m for m in data["mandates"]}
    minusma = by_mission["MINUSMA"]
    assert minusma["ends"] == date(2023, 6, 30)
    assert minusma["host_position"] == "requests_withdrawal"
    for m in data["mandates"]:
        assert set(m["courses"]) == {
            "renew",
            "renew_with_changes",
            "draw_down",
            "terminate",
            "lapse",
        }
        assert math.isclose(sum(m["courses"].values()), 1.0, abs_tol=1e-9)
        assert m["vote"] is not None and 0.0 <= m["vote"]["adopted"] <= 1.0
        assert m["pivotal"], "every permanent member can veto a draft likely to pass"
    assert data["trained_through"] <= AS_OF


def _future(conn: Any) -> tuple[dict[str, Any], tuple[ConsentEvent, ...]]:
    chains = all_chains(conn)
    fake = MandateResolution(
        mission="MINUSMA",
        number=9999,
        date=date(2023, 6, 20),
        action=ActionKind.RENEW,
        mandate_end=date(2024, 6, 30),
    )
    chains["MINUSMA"] = replace(chains["MINUSMA"], entries=(*chains["MINUSMA"].entries, fake))
    event = ConsentEvent(
        mission="MINUSMA",
        date=date(2023, 6, 25),
        precision=DatePrecision.DAY,
        kind=ConsentEventKind.CONSENT,
        actor="MLI",
        title="(a test event after the day)",
        detail="",
        source="test",
        position=HostPosition.CONSENTS,
    )
    return chains, (*load_consent_events(), event)


def test_no_forecast_uses_information_from_after_its_date(conn: Any, model: Any) -> None:
    plain = build_outlook(conn, "2023-06", AS_OF, model=model).to_dict()
    chains, events = _future(conn)
    noisy = build_outlook(conn, "2023-06", AS_OF, model=model, chains=chains, events=events)
    assert noisy.to_dict() == plain
    for m in noisy.mandates:
        for vote in m.votes.values():
            assert vote.forecast.trained_through <= AS_OF
    # a model trained on later votes is refused
    later = load_model(conn, as_of=date(2023, 7, 1))
    if later.trained_through > AS_OF:
        with pytest.raises(InputError, match="trained through"):
            build_outlook(conn, "2023-06", AS_OF, model=later)


def test_the_command_prints_the_same_json(record_db: Path) -> None:
    result = CliRunner().invoke(
        build_app(),
        [
            "outlook",
            "--month",
            "2023-06",
            "--as-of",
            "2023-06-17",
            "--json",
            "--db",
            str(record_db),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {m["mission"] for m in data["mandates"]} >= {"MINUSMA"}
    bad = CliRunner().invoke(build_app(), ["outlook", "--month", "2023-13", "--db", str(record_db)])
    assert bad.exit_code == 2 and "YYYY-MM" in bad.output


def test_minusma_options_with_malis_position_of_16_june(conn: Any) -> None:
    from unsc.forecast.cases import HOST_AS_OF, host_forecasts
    from unsc.missions.case_minusma import DECISION_DATE
    from unsc.missions.options import load_options

    found = host_forecasts(conn, load_options(), DECISION_DATE)
    assert [f.option for f in found] == [1, 2, 3, None]
    assert [f.action for f in found] == [
        "renew_with_changes",
        "renew_with_changes",
        "draw_down",
        "terminate",
    ]
    for f in found:
        assert f.host_position == "requests_withdrawal"  # Mali's request of 16 June 2023
        assert f.trained_through <= HOST_AS_OF  # nothing voted after that day
        assert 0.0 < f.course_probability < 1.0 and 0.0 <= f.adopted <= 1.0
    termination = found[-1]
    # after a host's withdrawal request the Council ended or drew down missions far more often
    # than it kept them with more or reshaped troops (MINURCAT 2010, UNMIS 2011, ...)
    assert termination.course_probability > found[0].course_probability
    assert termination.likeliest and not any(f.likeliest for f in found[:3])
    assert all(f.could_pass == (f.adopted >= 0.5) for f in found)


def test_the_outlook_backtest_of_2023(conn: Any) -> None:
    import numpy as np

    from unsc.outlook.backtest import METHODS, run_outlook_backtest

    report = run_outlook_backtest(conn, 2023, 2023)
    assert report.months == 12
    by_key = {(i.mission, i.ends): i for i in report.items}
    # res. 2690 (30 June 2023) terminated MINUSMA; the month before, Mali restricted it
    minusma = by_key[("MINUSMA", date(2023, 6, 30))]
    assert minusma.taken.value == "terminate" and minusma.month == "2023-06"
    assert minusma.host == "restricts"  # the withdrawal request came on 16 June, after as_of
    for item in report.items:
        assert item.month == item.ends.strftime("%Y-%m")
        for method in METHODS:
            assert np.isclose(item.probs[method].sum(), 1.0)
    scores = report.to_dict()["courses"]
    assert scores["decisions"] == len(report.items)
