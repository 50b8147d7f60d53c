"""The `unsc decide` and `unsc council` contract, as scripts call it."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from unsc.cli import build_app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(build_app(), list(args))
    return result.exit_code, result.stdout, result.stderr


def test_decide_json_contract() -> None:
    code, out, _ = run(
        "decide", "--date", "2023-08-30", "--no", "RUS", "--abstain", "CHN", "--json"
    )
    assert code == 0
    data = json.loads(out)
    for key in ("outcome", "yes", "no", "abstain", "not_voting", "absent", "required"):
        assert key in data
    assert data["outcome"] == "vetoed"
    assert data["vetoed_by"] == ["RUS"]
    assert (data["yes"], data["no"], data["abstain"], data["required"]) == (13, 1, 1, 9)
    assert data["explanation"].startswith("vetoed: 13 in favour (9 required)")


def test_decide_unknown_code_is_an_error_on_stderr() -> None:
    code, out, err = run("decide", "--date", "2023-08-30", "--no", "XYZ")
    assert code == 2
    assert "unknown member code 'XYZ'" in err
    assert out == ""


def test_decide_bad_date() -> None:
    code, _, err = run("decide", "--date", "2023-13-01")
    assert code == 2 and "--date" in err


def test_council_json_lists_members_and_president() -> None:
    code, out, _ = run("council", "--date", "2023-06-30", "--json")
    assert code == 0
    data = json.loads(out)
    assert len(data["members"]) == 15
    assert data["president"]["code"] == "ARE"


def test_decide_by_preset_seats() -> None:
    code, out, _ = run("decide", "--council", "veto-needs-two", "--no", "P-RUS", "--json")
    assert code == 0
    assert json.loads(out)["outcome"] == "adopted"


def test_python_dash_m_entry_point() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "unsc", "decide", "--date", "2023-06-30", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout)["outcome"] == "adopted"


def test_demo_replays_every_historical_case() -> None:
    from unsc.rules.historical import historical_cases

    code, out, _ = run("demo", "--json")
    assert code == 0
    replayed = json.loads(out)
    assert [r["name"] for r in replayed] == [c.name for c in historical_cases()]
    assert all(r["disagreements"] == [] for r in replayed)
    mali = next(r for r in replayed if r["name"].startswith("S/2023/638"))
    assert mali["decision"]["vetoed_by"] == ["RUS"] and "S/PV.9408" in mali["source"]


def test_decide_strict_by_preset_seats() -> None:
    code, out, _ = run(
        "decide",
        "--council",
        "council-1966",
        "--no",
        "P-RUS",
        "--strict",
        "--parties",
        "P-RUS",
        "--json",
    )
    assert code == 0 and json.loads(out)["outcome"] == "adopted"
