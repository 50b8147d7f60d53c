"""`unsc forecast score` on a session's export: did the class's delegations vote in character?

The model is trained on the synthetic record of the forecast tests (real membership of
2000-2012; Russia votes no on "The situation in Gamma"); the class sits as the Council of
20 December 2012 and votes through the HTTP API.
"""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.forecast.conftest import write_synthetic_record
from tests.sessions.conftest import Api
from unsc.cli import build_app
from unsc.forecast.draft import DraftQuery, forecast_drafts
from unsc.forecast.model import load_model
from unsc.record.db import connect
from unsc.types import Vote

pytestmark = pytest.mark.slow  # trains a model

runner = CliRunner()


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_synthetic_record(tmp_path_factory.mktemp("score") / "record.sqlite")


@pytest.mark.parametrize("form", ["json", "csv"])
def test_a_class_session_is_scored_member_by_member(
    api: Api, record: Path, tmp_path: Path, form: str
) -> None:
    s = api.create("2012-12-20", title="Gamma", agenda="The situation in Gamma")
    q = api.question(s, "draft", title="A draft on Gamma")
    api.open(s, q)
    api.vote_all(s, q, {"RUS": "no", "CHN": "abstain"})
    assert api.close(s, q).json()["outcome"] == "vetoed"
    exported = api.http.get(
        f"/api/sessions/{s['id']}/export.{form}", headers=api.auth(s["chair_token"])
    )
    path = tmp_path / f"session.{form}"
    path.write_bytes(exported.content)
    result = runner.invoke(
        build_app(), ["forecast", "score", "--votes", str(path), "--db", str(record), "--json"]
    )
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report["members"]) == set(s["delegations"]) and report["overall"]["votes"] == 15
    (question,) = report["questions"]
    assert question["symbol"] == "Q1" and question["outcome"] == "vetoed"
    votes = {v["member"]: v for v in question["votes"]}
    assert votes["RUS"]["vote"] == "no" and votes["CHN"]["vote"] == "abstain"
    # The probabilities are the model's for this Council and agenda item on the day of the vote.
    conn = connect(record)
    try:
        model = load_model(conn, as_of=date.fromisoformat(report["as_of"]))
        (forecast,) = forecast_drafts(
            model,
            [DraftQuery(date=date.fromisoformat(question["date"]), agenda="The situation in Gamma",
                        members=tuple(s["delegations"]))],
        )  # fmt: skip
    finally:
        conn.close()
    for code, vote in votes.items():
        assert math.isclose(vote["probability"], forecast.member(code).prob(Vote(vote["vote"])))
    assert report["outcomes"]["questions"] == 1
