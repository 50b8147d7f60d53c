"""The `unsc forecast` contract, as scripts call it (on the synthetic record)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unsc.cli import build_app
from unsc.cli.forecast import parse_assume
from unsc.errors import InputError
from unsc.types import Vote

pytestmark = pytest.mark.slow  # trains a model once (cached next to the database)

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(build_app(), list(args))
    return result.exit_code, result.stdout, result.stderr


def check_forecast(data: dict[str, object]) -> None:
    for key in ("id", "model_id", "trained_through", "members", "outcome"):
        assert key in data
    members = data["members"]
    assert isinstance(members, dict) and len(members) == 15
    for probs in members.values():
        assert set(probs) == {"yes", "no", "abstain", "not_voting"}
        assert math.isclose(sum(probs.values()), 1.0, abs_tol=1e-9)
    outcome = data["outcome"]
    assert isinstance(outcome, dict)
    assert math.isclose(
        outcome["adopted"] + outcome["vetoed"] + outcome["failed"], 1.0, abs_tol=1e-9
    )
    assert set(outcome["vetoed_by"]) == {"CHN", "FRA", "GBR", "RUS", "USA"}


def test_forecast_json(synthetic_db: Path) -> None:
    code, out, err = run(
        "forecast", "--db", str(synthetic_db), "--date", "2012-12-20",
        "--agenda", "The situation in Gamma", "--sponsors", "USA", "--json",
    )  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    check_forecast(data)
    assert data["id"] is None
    assert data["members"]["RUS"]["no"] > 0.5
    assert [p["member"] for p in data["pivotal"]][0] == "RUS"
    assert data["to_pass"][0]["changes"]["RUS"]["from"] == "no"


def test_forecast_with_blocs_adds_a_seeded_simulation(synthetic_db: Path) -> None:
    args = [
        "forecast", "--db", str(synthetic_db), "--date", "2012-12-20",
        "--agenda", "The situation in Gamma", "--sponsors", "USA",
        "--bloc", "RUS,CHN", "--cohesion", "1", "--seed", "4", "--json",
    ]  # fmt: skip
    code, out, err = run(*args)
    assert code == 0, err
    data = json.loads(out)
    assert data["blocs"] == [["RUS", "CHN"]]
    blocs = data["outcome_with_blocs"]
    assert blocs["method"] == "simulation" and blocs["seed"] == 4
    assert math.isclose(blocs["adopted"] + blocs["vetoed"] + blocs["failed"], 1.0, abs_tol=1e-9)
    assert json.loads(run(*args)[1])["outcome_with_blocs"] == blocs
    assert data["outcome"]["method"] == "exact"


def test_forecast_with_assumptions_and_a_table(synthetic_db: Path) -> None:
    code, out, err = run(
        "forecast", "--db", str(synthetic_db), "--date", "2012-12-20",
        "--agenda", "The situation in Gamma", "--sponsors", "USA", "--assume", "RUS=abstain",
    )  # fmt: skip
    assert code == 0, err
    assert "Member votes" in out
    assert "adopted" in out


def test_batch_keeps_order_and_ids(synthetic_db: Path, tmp_path: Path) -> None:
    lines = [
        {"id": "b", "date": "2012-12-20", "agenda": "The situation in Gamma", "sponsors": ["USA"]},
        {"id": "a", "date": "2012-12-21", "agenda": "The situation in Alpha"},
        {
            "id": 3,
            "date": "2030-02-01",
            "agenda": "The situation in Beta",
            "members": [
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
            ],
            "matter": "procedural",
        },
    ]
    batch = tmp_path / "drafts.jsonl"
    batch.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    code, out, err = run("forecast", "--db", str(synthetic_db), "--batch", str(batch), "--json")
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == ["b", "a", "3"]
    for row in rows:
        check_forecast(row)
    assert rows[2]["outcome"]["vetoed"] == 0.0  # a procedural vote has no veto


def test_a_bad_batch_line_is_named(synthetic_db: Path, tmp_path: Path) -> None:
    batch = tmp_path / "bad.jsonl"
    batch.write_text(
        json.dumps({"date": "2012-12-20", "agenda": "x"})
        + "\n"
        + json.dumps({"date": "2012"})
        + "\n",
        encoding="utf-8",
    )
    code, out, err = run("forecast", "--db", str(synthetic_db), "--batch", str(batch), "--json")
    assert code == 2
    assert "line 2" in err and "'agenda'" in err
    assert out == ""


def test_missing_members_after_the_record_is_an_error(synthetic_db: Path) -> None:
    code, _, err = run(
        "forecast", "--db", str(synthetic_db), "--date", "2031-01-01", "--agenda", "x", "--json"
    )
    assert code == 2
    assert "--members" in err


def test_backtest_json_and_chart(synthetic_db: Path, tmp_path: Path) -> None:
    chart = tmp_path / "calibration.svg"
    code, out, err = run(
        "forecast", "backtest", "--db", str(synthetic_db), "--from", "2010", "--to", "2011",
        "--json", "--chart", str(chart),
    )  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    assert set(data["pooled"]) == {"model", "everyone_yes", "member_rate", "member_agenda_rate"}
    assert data["pooled"]["model"]["drafts"] == 72
    assert data["pooled"]["model"]["votes"] == 72 * 15
    assert chart.read_text(encoding="utf-8").startswith("<?xml")


def test_parse_assume() -> None:
    assert parse_assume("RUS=no, chn=A") == {"RUS": Vote.NO, "CHN": Vote.ABSTAIN}
    with pytest.raises(InputError, match="CODE=VOTE"):
        parse_assume("RUS")
    with pytest.raises(InputError, match="unknown vote"):
        parse_assume("RUS=maybe")


def test_forecast_takes_what_the_draft_does(synthetic_db: Path) -> None:
    code, out, err = run(
        "forecast", "--db", str(synthetic_db), "--date", "2012-12-20",
        "--agenda", "The situation in Alpha", "--action", "terminate",
        "--host-position", "requests_withdrawal", "--json",
    )  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    check_forecast(data)
    assert (data["action"], data["host_position"], data["mission"]) == (
        "terminate",
        "requests_withdrawal",
        None,
    )
    code, out, err = run(
        "forecast", "--db", str(synthetic_db), "--date", "2012-12-20",
        "--agenda", "The situation in Alpha", "--action", "prolong", "--json",
    )  # fmt: skip
    assert code == 2 and "unknown action 'prolong'" in err
