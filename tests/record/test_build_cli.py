"""The ``unsc record`` group: ``check`` on the real record and ``build`` errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from unsc.cli.record import register


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("noop")(lambda: None)
    register(app)
    return app


@pytest.mark.slow
def test_check_json_lists_every_discrepancy(record_db: Path) -> None:
    result = CliRunner().invoke(_app(), ["record", "check", "--json", "--db", str(record_db)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["total"] == len(data["discrepancies"]) > 0
    kinds = {k["kind"]: k["count"] for k in data["by_kind"]}
    assert kinds["date_day_month_swapped"] == sum(
        d["kind"] == "date_day_month_swapped" for d in data["discrepancies"]
    )


def test_build_from_a_missing_source_is_a_user_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        _app(),
        ["record", "build", "--source", str(tmp_path / "nothing"), "--db", str(tmp_path / "r.db")],
    )
    assert result.exit_code == 2
    assert "error:" in result.output and "source directory" in result.output
    assert not (tmp_path / "r.db").exists()


def test_check_without_a_database_says_how_to_build(tmp_path: Path) -> None:
    result = CliRunner().invoke(_app(), ["record", "check", "--db", str(tmp_path / "x.sqlite")])
    assert result.exit_code == 2 and "unsc record build" in result.output
