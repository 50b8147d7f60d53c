"""`unsc forecast score`: the model against votes cast, on real votes of December 2023.

The votes file is typed here from the record (checked with `unsc draft`): S/2023/937 (res. 2713,
1 December 2023, 14-0-1, France abstaining) and S/2023/970 (8 December 2023, 13-1-1, vetoed by
the United States, the United Kingdom abstaining; S/PV.9499).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from unsc.cli import build_app
from unsc.errors import InputError
from unsc.forecast.score import score_votes
from unsc.record.db import connect
from unsc.record.votes_file import read_votes_file

pytestmark = pytest.mark.slow  # builds the record and trains on it

runner = CliRunner()
MIDDLE_EAST = "The situation in the Middle East, including the Palestinian question"
COUNCIL_2023 = ("ALB", "ARE", "BRA", "CHE", "CHN", "ECU", "FRA", "GAB", "GBR", "GHA", "JPN",
                "MLT", "MOZ", "RUS", "USA")  # fmt: skip
S_2023_970 = {code: {"USA": "no", "GBR": "abstain"}.get(code, "yes") for code in COUNCIL_2023}


def votes_csv(tmp_path: Path) -> Path:
    lines = ["date,symbol,resolution_number,member,vote,outcome,agenda"]
    lines += [
        f'2023-12-08,S/2023/970,,{code},{vote},vetoed,"{MIDDLE_EAST}"'
        for code, vote in S_2023_970.items()
    ]
    lines += [
        "2023-12-01,S/2023/937,2713,FRA,abstain,adopted,Peace and security in Africa",
        "2023-12-01,S/2023/937,2713,USA,yes,adopted,Peace and security in Africa",
    ]
    path = tmp_path / "december-2023.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture(scope="module")
def scored(
    record_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[dict[str, Any], Path]]:
    path = votes_csv(tmp_path_factory.mktemp("score"))
    result = runner.invoke(
        build_app(), ["forecast", "score", "--votes", str(path), "--db", str(record_db), "--json"]
    )
    assert result.exit_code == 0, result.stderr
    yield json.loads(result.stdout), path


def test_the_model_is_trained_before_the_first_vote(scored: tuple[dict[str, Any], Path]) -> None:
    report, _ = scored
    assert report["as_of"] == "2023-12-01" and report["trained_through"] < "2023-12-01"
    assert [q["symbol"] for q in report["questions"]] == ["S/2023/970", "S/2023/937"]
    assert report["skipped"] == []


def test_each_vote_is_scored_by_the_probability_given_to_it(
    scored: tuple[dict[str, Any], Path], record_db: Path
) -> None:
    report, _ = scored
    gaza = report["questions"][0]
    assert {v["member"]: v["vote"] for v in gaza["votes"]} == S_2023_970
    assert gaza["outcome"] == "vetoed" and len(gaza["votes"]) == 15
    # The same model and draft as `unsc forecast --as-of`: the same probabilities.
    result = runner.invoke(
        build_app(),
        ["forecast", "--date", "2023-12-08", "--agenda", MIDDLE_EAST, "--as-of", "2023-12-01",
         "--db", str(record_db), "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    forecast = json.loads(result.stdout)
    for vote in gaza["votes"]:
        assert math.isclose(
            vote["probability"], forecast["members"][vote["member"]][vote["vote"]], rel_tol=1e-9
        )
        assert math.isclose(vote["log_loss"], -math.log(vote["probability"]), rel_tol=1e-9)
    for outcome in ("adopted", "vetoed", "failed"):
        assert math.isclose(gaza["forecast"][outcome], forecast["outcome"][outcome], rel_tol=1e-9)
    assert gaza["outcome_probability"] == gaza["forecast"]["vetoed"]


def test_the_scores_add_up(scored: tuple[dict[str, Any], Path]) -> None:
    report, _ = scored
    every = [v for q in report["questions"] for v in q["votes"]]
    assert report["overall"]["votes"] == 17
    mean_log_loss = sum(v["log_loss"] for v in every) / len(every)
    assert math.isclose(report["overall"]["log_loss"], mean_log_loss, rel_tol=1e-9)
    mean_brier = sum(v["brier"] for v in every) / len(every)
    assert math.isclose(report["overall"]["brier"], mean_brier, rel_tol=1e-9)
    usa = [v for v in every if v["member"] == "USA"]
    assert report["members"]["USA"]["votes"] == 2
    assert math.isclose(
        report["members"]["USA"]["probability"], sum(v["probability"] for v in usa) / 2
    )
    expected = sum(1 for q in report["questions"] if q["expected"] == q["outcome"])
    assert report["outcomes"]["questions"] == 2 and report["outcomes"]["expected"] == expected
    assert report["outcomes"]["share"] == expected / 2
    by_outcome = report["outcomes"]["by_outcome"]
    assert by_outcome["vetoed"]["questions"] == 1 and by_outcome["adopted"]["questions"] == 1
    assert sum(o["expected"] for o in by_outcome.values()) == expected
    least = report["least_expected"]
    assert least == sorted(least, key=lambda v: v["probability"])


def test_the_table_names_the_least_expected_votes(
    scored: tuple[dict[str, Any], Path], record_db: Path
) -> None:
    _, path = scored
    result = runner.invoke(
        build_app(), ["forecast", "score", "--votes", str(path), "--db", str(record_db)]
    )
    assert result.exit_code == 0, result.stderr
    assert "trained on the record before 2023-12-01" in result.stdout
    assert "The least expected votes" in result.stdout and "S/2023/970" in result.stdout


def test_seats_of_a_preset_cannot_be_scored(record_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "drill.csv"
    path.write_text(
        "date,draft_id,member,vote,outcome,agenda\n2026-12-01,1,P-RUS,no,vetoed,Reform\n"
    )
    conn = connect(record_db)
    try:
        with pytest.raises(InputError, match="Q1: P-RUS is not a state"):
            score_votes(conn, read_votes_file(path), as_of=date(2023, 12, 1))
    finally:
        conn.close()


def test_a_bad_file_is_refused_before_the_model_loads(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("date,symbol,member,vote\n2023-12-08,S/2023/970,USA,veto\n")
    missing = tmp_path / "no-record.sqlite"
    result = runner.invoke(
        build_app(), ["forecast", "score", "--votes", str(path), "--db", str(missing)]
    )
    assert result.exit_code == 2
    assert f"{path}, line 2: field 'vote'" in result.stderr
