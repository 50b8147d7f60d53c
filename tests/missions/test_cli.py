"""The commands: `unsc mandates due`, `unsc mission`, `unsc case minusma` (with and without the
record)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unsc.cli import build_app


@pytest.fixture
def no_record(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("UNSC_DB", str(tmp_path / "absent.sqlite"))


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(build_app(), list(args))
    return result.exit_code, result.stdout, result.stderr


def test_due_lists_minusma_on_1_june_2023(no_record: None) -> None:
    code, out, err = _run("mandates", "due", "--on", "2023-06-01", "--within", "60", "--json")
    assert code == 0, err
    data = json.loads(out)
    due = {d["acronym"]: d for d in data["due"]}
    assert due["MINUSMA"]["mandate_end"] == "2023-06-30"
    assert due["MINUSMA"]["set_by"]["number"] == 2640
    assert due["MINUSMA"]["days_left"] == 29
    # UNDOF's six-month mandate under res. 2671 (2022) also ended on 30 June 2023; so did
    # three special political missions' (UNITAMS on 3 June, UNMHA on 14 and BINUH on 15 July).
    assert set(due) == {"MINUSMA", "UNDOF", "UNITAMS", "UNMHA", "BINUH"}
    assert {a for a, d in due.items() if d["kind"] == "peacekeeping"} == {"MINUSMA", "UNDOF"}
    assert "no record database" in data["votes_from"]
    assert "votes are unknown" in err


def test_due_table(no_record: None) -> None:
    code, out, _ = _run("mandates", "due", "--on", "2023-06-01", "--within", "60")
    assert code == 0
    assert "MINUSMA" in out and "2023-06-30" in out


@pytest.mark.slow
def test_due_history_from_the_record(record_db: Path) -> None:
    code, out, err = _run(
        "mandates", "due", "--on", "2023-06-01", "--within", "60", "--json", "--db", str(record_db)
    )
    assert code == 0, err
    minusma = next(d for d in json.loads(out)["due"] if d["acronym"] == "MINUSMA")
    history = minusma["history"]
    assert (history["votes_known"], history["unanimous"]) == (10, 9)
    assert history["contested"] == [
        {
            "number": 2640,
            "date": "2022-06-29",
            "vote": "13-0-2",
            "yes": 13,
            "no": 0,
            "abstain": 2,
            "margin": 4,
            "abstainers": ["CHN", "RUS"],
            "against": [],
        }
    ]


def test_due_rejects_a_bad_date(no_record: None) -> None:
    code, _, err = _run("mandates", "due", "--on", "30/06/2023")
    assert code == 2
    assert "on" in err


def test_explicit_missing_db_is_an_error(tmp_path: Path) -> None:
    code, _, err = _run("mission", "MINUSMA", "--db", str(tmp_path / "nope.sqlite"))
    assert code == 2
    assert "unsc record build" in err


def test_mission_json(no_record: None) -> None:
    code, out, err = _run("mission", "minusma", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["acronym"] == "MINUSMA"
    assert data["established"] == {"number": 2100, "date": "2013-04-25"}
    assert data["terminated_by"]["number"] == 2690
    first = data["resolutions"][0]
    assert {"number", "date", "yes", "no", "abstain", "mandate_end"} <= set(first)
    assert [p["kind"] for p in data["phases"]][:2] == ["active", "consent_withdrawn"]
    assert len(data["consent_events"]) >= 10


@pytest.mark.slow
def test_mission_json_with_record(record_db: Path) -> None:
    code, out, err = _run("mission", "MINUSMA", "--json", "--db", str(record_db))
    assert code == 0, err
    rows = {r["number"]: r for r in json.loads(out)["resolutions"]}
    assert (rows[2640]["yes"], rows[2640]["no"], rows[2640]["abstain"]) == (13, 0, 2)
    assert (rows[2690]["yes"], rows[2690]["mandate_end"]) == (15, "2023-06-30")


def test_mission_lineage_and_unknown(no_record: None) -> None:
    code, out, _ = _run("mission", "UNOSOM I")
    assert code == 0
    assert "UNOSOM II" in out
    code, _, err = _run("mission", "NOPE")
    assert code == 2
    assert "no peacekeeping mission" in err


def test_case_in_the_terminal(no_record: None) -> None:
    code, out, _ = _run("case", "minusma")
    assert code == 0
    assert "Option 1" in out and "Option 3" in out
    assert "withdrawal_request" in out


@pytest.mark.parametrize("name", ["case.md", "case.html"])
def test_case_reports(no_record: None, tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    code, out, err = _run("case", "minusma", "--out", str(target))
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert "2690" in text and "S/2023/36" in text
    if name.endswith(".html"):
        assert '<svg id="timeline"' in text
        assert "http" not in text.split("<body>")[0]  # no external stylesheet or script
        assert "<script" not in text and "<link" not in text


def test_case_rejects_other_formats(no_record: None, tmp_path: Path) -> None:
    code, _, err = _run("case", "minusma", "--out", str(tmp_path / "case.pdf"))
    assert code == 2
    assert ".html or .md" in err


def test_mission_shows_the_host_positions(no_record: None) -> None:
    code, out, err = _run("mission", "UNAMID")
    assert code == 0, err
    assert "Host-state consent" in out
    assert "requests_withdrawal" in out  # Sudan asked for an exit strategy, 21 November 2014
    assert "host position today: requests_withdrawal since 2014-11-21" in out


def test_due_filters_by_kind_and_shows_the_host(no_record: None) -> None:
    code, out, err = _run(
        "mandates", "due", "--on", "2023-06-01", "--within", "60", "--kind", "political", "--json"
    )
    assert code == 0, err
    due = {d["acronym"]: d for d in json.loads(out)["due"]}
    assert set(due) == {"UNITAMS", "UNMHA", "BINUH"}
    assert due["UNITAMS"]["host_position"]["position"] == "consents"
    code, _, err = _run("mandates", "due", "--kind", "naval")
    assert code != 0 and "naval" in err
