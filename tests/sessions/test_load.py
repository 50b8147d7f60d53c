"""A session's export loaded as a record database: the record's commands and `Record` read it.

Each session is run through the HTTP API (on SQLite and on PostgreSQL), exported as JSON and as
CSV over HTTP, loaded with `unsc session load`, and read back with `unsc draft`, `unsc votes`,
`unsc stats`, `unsc vetoes`, `unsc search` and `unsc.Record`.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import unsc
from tests.sessions.conftest import Api
from unsc.cli import build_app
from unsc.record.schema import create_schema

runner = CliRunner()
AGENDA = "The situation in the Middle East, including the Palestinian question"
# S/2023/970, 8 December 2023: 13 in favour, the United States against, the United Kingdom
# abstaining; vetoed (S/PV.9499). The class votes it as the Council did.
GAZA = {"USA": "no", "GBR": "abstain"}


def unsc_cli(*args: str) -> Any:
    result = runner.invoke(build_app(), list(args))
    assert result.exit_code == 0, result.stderr or result.stdout
    return json.loads(result.stdout) if "--json" in args else result.stdout


def exports(api: Api, s: dict[str, Any], tmp_path: Path) -> tuple[Path, Path]:
    auth = api.auth(s["chair_token"])
    as_json = api.http.get(f"/api/sessions/{s['id']}/export.json", headers=auth)
    as_csv = api.http.get(f"/api/sessions/{s['id']}/export.csv", headers=auth)
    assert as_json.status_code == 200 and as_csv.status_code == 200
    json_path, csv_path = tmp_path / "session.json", tmp_path / "session.csv"
    json_path.write_bytes(as_json.content)
    csv_path.write_bytes(as_csv.content)
    return json_path, csv_path


def run_gaza_session(api: Api) -> dict[str, Any]:
    """An amendment that fails, the draft it amends (vetoed), and a procedural motion."""
    s = api.create("2023-12-08", title="Gaza", agenda=AGENDA)
    draft = api.question(s, "draft", title="Humanitarian ceasefire in Gaza")
    amendment = api.question(s, "amendment", title="Condemn the attacks of 7 October", amends=draft)
    motion = api.question(s, "procedural", title="Adjourn the meeting")
    assert api.open(s, amendment).status_code == 200
    api.vote_all(s, amendment, {"RUS": "abstain", "CHN": "abstain", "ARE": "no", "MOZ": "no",
                                "GAB": "no", "GHA": "abstain", "BRA": "abstain",
                                "CHE": "abstain", "MLT": "abstain"})  # fmt: skip
    assert api.close(s, amendment).json()["outcome"] == "failed"
    assert api.open(s, draft).status_code == 200
    api.vote_all(s, draft, GAZA)
    assert api.close(s, draft).json()["outcome"] == "vetoed"
    assert api.open(s, motion).status_code == 200
    api.vote_all(s, motion, {"RUS": "no"})
    assert api.close(s, motion).json()["outcome"] == "adopted"
    return s


@pytest.mark.parametrize("form", ["json", "csv"])
def test_the_record_commands_read_a_loaded_session(api: Api, tmp_path: Path, form: str) -> None:
    s = run_gaza_session(api)
    json_path, csv_path = exports(api, s, tmp_path)
    db = tmp_path / "session.sqlite"
    report = unsc_cli("session", "load", str(json_path if form == "json" else csv_path),
                      "--db", str(db), "--json")  # fmt: skip
    assert report["questions"] == 3 and report["votes"] == 45
    assert report["outcomes"] == {"failed": 1, "vetoed": 1, "adopted": 1}

    draft = unsc_cli("draft", "Q1", "--db", str(db), "--json")
    assert draft["title"] == "Humanitarian ceasefire in Gaza" and draft["agenda"] == AGENDA
    assert draft["outcome"] == "vetoed" and draft["vetoed_by"] == ["USA"]
    assert (draft["yes"], draft["no"], draft["abstain"]) == (13, 1, 1)
    assert draft["votes"] == {code: GAZA.get(code, "yes") for code in s["delegations"]}
    assert draft["amendments"][0]["symbol"] == "Q2"
    assert {m["code"]: m["name"] for m in draft["members"]}["GBR"].startswith("United Kingdom")
    amendment = unsc_cli("draft", "q2", "--db", str(db), "--json")
    assert amendment["kind"] == "amendment" and amendment["amends"] == "Q1"
    assert amendment["outcome"] == "failed" and amendment["tally_text"] == "6-3-6"
    motion = unsc_cli("draft", "Q3", "--db", str(db), "--json")
    assert motion["matter"] == "procedural" and motion["vetoed_by"] == []
    assert motion["outcome"] == "adopted" and motion["resolution_number"] is None

    votes = unsc_cli("votes", "--member", "USA", "--db", str(db), "--json")
    assert [(v["symbol"], v["vote"], v["outcome"]) for v in votes] == [
        ("Q1", "no", "vetoed"), ("Q2", "yes", "failed"), ("Q3", "yes", "adopted"),
    ]  # fmt: skip
    stats = unsc_cli("stats", "--db", str(db), "--json")
    assert len(stats) == 1
    # The UN Library counts amendments apart: two questions, one vetoed, by one veto.
    assert stats[0]["drafts"] == 2 and stats[0]["vetoed"] == 1 and stats[0]["vetoes_cast"] == 1
    assert stats[0]["resolutions"] == 0 and stats[0]["failed"] == 0
    vetoes = unsc_cli("vetoes", "--db", str(db), "--json")
    assert [(v["symbol"], v["vetoed_by"]) for v in vetoes] == [("Q1", ["USA"])]
    found = unsc_cli("search", "ceasefire", "--db", str(db), "--json")
    assert [h["symbol"] for h in found] == ["Q1"]

    with unsc.Record(db) as record:
        typed = record.draft("Q1")
        assert typed.outcome is unsc.Outcome.VETOED and typed.vetoed_by == ("USA",)
        assert typed.votes["GBR"] is unsc.Vote.ABSTAIN and typed.votes["FRA"] is unsc.Vote.YES
        assert [v.vote for v in record.votes("RUS")] == [
            unsc.Vote.YES, unsc.Vote.ABSTAIN, unsc.Vote.NO,
        ]  # fmt: skip
        assert record.veto_counts()[0].member == "USA"


def test_json_and_csv_exports_load_the_same_record(api: Api, tmp_path: Path) -> None:
    s = run_gaza_session(api)
    json_path, csv_path = exports(api, s, tmp_path)
    dbs = []
    for path in (json_path, csv_path):
        db = tmp_path / f"{path.suffix[1:]}.sqlite"
        unsc_cli("session", "load", str(path), "--db", str(db))
        dbs.append(db)
    tables = ("drafts", "votes", "vetoes", "resolutions", "states")
    rows = [
        {t: sorted(sqlite3.connect(db).execute(f"SELECT * FROM {t}")) for t in tables}  # noqa: S608
        for db in dbs
    ]
    assert rows[0] == rows[1]


def test_a_preset_session_keeps_its_delegations_codes(api: Api, tmp_path: Path) -> None:
    # A reform drill: a veto needs two permanent members; custom delegations by their own codes.
    codes = ["NORTH", "SOUTH", "EAST", "WEST", "CENTRE", *[f"ISLE-{i}" for i in range(1, 11)]]
    s = api.create("veto-needs-two", title="Reform drill", agenda="Reform", members=codes)
    q = api.question(s, "draft", title="Draft on reform")
    api.open(s, q)
    api.vote_all(s, q, {"NORTH": "no", "EAST": "no"})
    decision = api.close(s, q).json()
    assert decision["outcome"] == "vetoed"
    _json_path, csv_path = exports(api, s, tmp_path)
    db = tmp_path / "drill.sqlite"
    unsc_cli("session", "load", str(csv_path), "--db", str(db))
    draft = unsc_cli("draft", "Q1", "--db", str(db), "--json")
    assert draft["vetoed_by"] == ["EAST", "NORTH"]
    assert set(draft["votes"]) == set(codes)
    assert unsc_cli("votes", "--member", "isle-3", "--db", str(db), "--json")[0]["vote"] == "yes"
    counts = unsc_cli("vetoes", "--db", str(db), "--json")
    assert counts[0]["vetoed_by"] == ["EAST", "NORTH"]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_bad_file_leaves_the_database_as_it_was(api: Api, tmp_path: Path) -> None:
    s = run_gaza_session(api)
    _json_path, csv_path = exports(api, s, tmp_path)
    db = tmp_path / "session.sqlite"
    unsc_cli("session", "load", str(csv_path), "--db", str(db))
    before = digest(db)
    lines = csv_path.read_text().splitlines()
    lines[4] = lines[4].replace(",yes,", ",maybe,", 1)
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines) + "\n")
    result = runner.invoke(build_app(), ["session", "load", str(bad), "--db", str(db)])
    assert result.exit_code == 2
    assert f"{bad}, line 5: field 'vote': unknown vote 'maybe'" in result.stderr
    assert digest(db) == before
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]


def test_the_built_record_is_never_replaced(tmp_path: Path) -> None:
    record = tmp_path / "record.sqlite"
    conn = sqlite3.connect(record)
    create_schema(conn)
    conn.execute("INSERT INTO sources (source_id, title) VALUES ('undl-voting', 'UN Library')")
    conn.commit()
    conn.close()
    before = digest(record)
    votes = tmp_path / "votes.csv"
    votes.write_text("date,symbol,member,vote,outcome\n2023-12-08,S/2023/970,USA,no,vetoed\n")
    result = runner.invoke(build_app(), ["session", "load", str(votes), "--db", str(record)])
    assert result.exit_code == 2 and "built from the official sources" in result.stderr
    assert digest(record) == before


def test_a_file_that_is_not_a_database_is_never_replaced(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("the chair's notes\n")
    votes = tmp_path / "votes.csv"
    votes.write_text("date,symbol,member,vote,outcome\n2023-12-08,S/2023/970,USA,no,vetoed\n")
    result = runner.invoke(build_app(), ["session", "load", str(votes), "--db", str(notes)])
    assert result.exit_code == 2 and "is not a record database" in result.stderr
    assert notes.read_text() == "the chair's notes\n"
