"""POST /api/forecast and the simulator's forecast, over the small generated record."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.web.conformance import assert_conforms
from tests.web.conftest import Client

MALI = {"date": "2023-08-30", "agenda": "The situation in Mali"}


@pytest.mark.slow
def test_forecast_with_a_permanent_no_is_a_veto(mini: Client) -> None:
    # With the Russian Federation's "no" assumed, the draft can only be vetoed or fail
    # (Art. 27(3)): it cannot be adopted.
    r = mini.post("/api/forecast", json={**MALI, "assume": {"RUS": "no"}})
    assert r.status_code == 200, r.text
    assert_conforms(mini, r, "/api/forecast", "post")  # the schema generated from its types
    f = r.json()
    o = f["outcome"]
    assert o["adopted"] == pytest.approx(0.0, abs=1e-9)
    assert o["adopted"] + o["vetoed"] + o["failed"] == pytest.approx(1.0)
    assert o["vetoed_by"]["RUS"] == pytest.approx(o["vetoed"])
    assert f["members"]["RUS"]["no"] == pytest.approx(1.0)
    assert len(f["members"]) == 15
    for m in f["members"].values():
        assert sum(m.values()) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "date"),
        ({"date": "30/08/2023", "agenda": "x"}, "date"),
        ({**MALI, "assume": {"RUS": "maybe"}}, "assume"),
        ({**MALI, "matter": "grave"}, "matter"),
        ({"date": "2023-08-30", "agenda": ""}, "agenda"),
    ],
)
def test_forecast_bad_input(mini: Client, body: dict[str, object], field: str) -> None:
    r = mini.post("/api/forecast", json=body)
    assert r.status_code == 422
    assert r.json()["field"] == field


def test_forecast_needs_the_record(bare: Client) -> None:
    r = bare.post("/api/forecast", json=MALI)
    assert r.status_code == 503 and r.json()["code"] == "no_record"


@pytest.mark.slow
def test_forecast_is_the_cli(mini: Client, mini_db: Path) -> None:
    from tests.web.test_api import cli_json

    api = mini.post("/api/forecast", json={**MALI, "assume": {"CHN": "abstain"}}).json()
    cli = cli_json(
        "forecast",
        "--date",
        MALI["date"],
        "--agenda",
        MALI["agenda"],
        "--assume",
        "CHN=abstain",
        "--db",
        str(mini_db),
    )
    assert api == cli
