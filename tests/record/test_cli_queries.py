"""The query commands as scripts and people call them: JSON, CSV, tables and clear errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.record.test_query_fixture import make_record
from unsc.cli import build_app

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(make_record(tmp_path / "record.sqlite"))


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(build_app(), list(args))
    return result.exit_code, result.stdout, result.stderr


def test_resolution_json_contract(db: str) -> None:
    code, out, _ = run("resolution", "2640", "--json", "--db", db)
    assert code == 0
    data = json.loads(out)
    for key in ("number", "symbol", "date", "title", "yes", "no", "abstain", "not_voting", "votes"):
        assert key in data, key
    assert data["number"] == 2640
    assert (data["yes"], data["no"], data["abstain"]) == (13, 0, 2)
    assert data["votes"]["RUS"] == "abstain"


def test_resolution_table_and_csv(db: str) -> None:
    code, out, _ = run("resolution", "2640", "--db", db)
    assert code == 0
    assert "S/RES/2640 (2022)" in out
    assert "13-0-2" in out
    assert "Russian Federation" in out
    code, out, _ = run("resolution", "2640", "--csv", "--db", db)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 15
    assert {r["code"] for r in rows if r["vote"] == "abstain"} == {"CHN", "RUS"}


def test_database_from_the_environment(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UNSC_DB", db)
    code, out, _ = run("resolution", "2690", "--json")
    assert code == 0
    assert json.loads(out)["yes"] == 15


def test_unknown_resolution_is_an_error(db: str) -> None:
    code, out, err = run("resolution", "9999", "--db", db)
    assert code == 2
    assert out == ""
    assert err.startswith("error: number: no resolution 9999")


def test_missing_database_says_how_to_build_it(tmp_path: Path) -> None:
    code, _, err = run("resolution", "1", "--db", str(tmp_path / "none.sqlite"))
    assert code == 2
    assert "unsc record build" in err


def test_json_and_csv_together_is_an_error(db: str) -> None:
    code, _, err = run("stats", "--json", "--csv", "--db", db)
    assert code == 2
    assert "--json or --csv" in err


def test_draft(db: str) -> None:
    code, out, _ = run("draft", "S/2023/638", "--json", "--db", db)
    assert code == 0
    data = json.loads(out)
    assert data["outcome"] == "vetoed"
    assert data["vetoed_by"] == ["RUS"]
    code, out, _ = run("draft", "S/2023/638", "--db", db)
    assert "vetoed by: RUS" in out
    code, _, err = run("draft", "S/1/2", "--db", db)
    assert code == 2
    assert "symbol" in err


def test_vetoes(db: str) -> None:
    code, out, _ = run("vetoes", "--member", "RUS", "--json", "--db", db)
    assert code == 0
    assert [v["symbol"] for v in json.loads(out)] == ["S/2023/638"]
    code, out, _ = run("vetoes", "--member", "RUS", "--seat", "--csv", "--db", db)
    assert code == 0
    assert [r["vetoed_by"] for r in csv.DictReader(io.StringIO(out))] == ["SUN", "RUS"]
    code, out, _ = run("vetoes", "--since", "2000", "--db", db)
    assert code == 0
    assert "1 vetoed drafts" in out and "S/2023/638" in out
    code, out, _ = run("vetoes", "--count", "--json", "--db", db)
    assert {c["member"]: c["vetoes"] for c in json.loads(out)} == {"RUS": 1, "SUN": 1}
    code, _, err = run("vetoes", "--since", "soon", "--db", db)
    assert code == 2
    assert "since" in err


def test_votes_and_agreement(db: str) -> None:
    code, out, _ = run("votes", "--member", "RUS", "--since", "2023", "--json", "--db", db)
    assert code == 0
    assert [v["vote"] for v in json.loads(out)] == ["yes", "no", "yes"]
    code, out, _ = run("votes", "--member", "RUS", "--with", "CHN", "--csv", "--db", db)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["year"], r["same"], r["both_voted"]) for r in rows] == [
        ("2014", "1", "1"),
        ("2022", "1", "1"),
        ("2023", "1", "3"),
    ]
    code, _, err = run("votes", "--member", "ZZZ", "--db", db)
    assert code == 2
    assert "member" in err


def test_stats_and_search(db: str) -> None:
    code, out, _ = run("stats", "--since", "2022", "--json", "--db", db)
    assert code == 0
    assert [r["year"] for r in json.loads(out)] == [2022, 2023]
    code, out, _ = run("stats", "--db", db)
    assert code == 0 and "2023" in out
    code, out, _ = run("search", "mali sanctions", "--json", "--db", db)
    assert code == 0
    assert [r["symbol"] for r in json.loads(out)] == ["S/2023/639", "S/2023/638"]
    code, out, _ = run("search", "Atlantis", "--db", db)
    assert code == 0 and "nothing found" in out


def test_record_verify_command(db: str) -> None:
    import typer

    from unsc.cli.record_verify import register_verify

    record_app = typer.Typer()
    register_verify(record_app)
    app = typer.Typer()
    app.add_typer(record_app, name="record")
    result = runner.invoke(app, ["record", "verify", "--json", "--db", db])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["checked"], data["agreed"]) == (7, 6)
    for exception in data["exceptions"]:
        assert {"symbol", "reason", "explained"} <= set(exception)
    result = runner.invoke(app, ["record", "verify", "--all", "--db", db])
    assert result.exit_code == 0
    assert "tally_only" in result.stdout
