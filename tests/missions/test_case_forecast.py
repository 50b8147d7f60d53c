"""`unsc case minusma` forecasts the Secretary-General's three options as of June 2023."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from unsc.cli import build_app
from unsc.cli.missions import parse_option_positions
from unsc.errors import InputError
from unsc.types import Vote


def test_option_positions_are_parsed_per_option() -> None:
    positions = parse_option_positions(["1:RUS=no", "2:RUS=abstain,chn=A"])
    assert positions == {1: {"RUS": Vote.NO}, 2: {"RUS": Vote.ABSTAIN, "CHN": Vote.ABSTAIN}}


@pytest.mark.parametrize("bad", ["RUS=no", "x:RUS=no", "1:RUS", "1:RUS=maybe"])
def test_bad_option_positions_name_the_parameter(bad: str) -> None:
    with pytest.raises(InputError) as err:
        parse_option_positions([bad])
    assert err.value.field in ("assume", "vote")


@pytest.mark.slow
def test_case_forecasts_each_option_from_the_record(record_db: Path) -> None:
    result = CliRunner().invoke(
        build_app(), ["case", "minusma", "--db", str(record_db), "--assume", "1:RUS=no"]
    )
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.replace("\u2502", " ").split())  # drop the panels' borders
    # Option 1 with a Russian "no" cannot pass: the forecast is a veto, so adoption is 0%.
    assert "assuming RUS no): 0% chance of adoption" in out
    assert out.count("chance of adoption") == 3
    assert "no votes assumed" in out
