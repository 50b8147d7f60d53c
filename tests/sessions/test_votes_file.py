"""The reader of votes files (unsc.record.votes_file): both forms, a clear error for each fault."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unsc import decide
from unsc.errors import InputError
from unsc.membership import members_on
from unsc.record.votes_file import read_votes_file
from unsc.sessions.view import export_csv, export_drafts
from unsc.types import Matter, Outcome, Vote

DAY = "2023-12-08"
MEMBERS = [m.code for m in members_on(date(2023, 12, 8))]

# S/2023/970 (vetoed) and S/2023/937 (res. 2713) as `unsc votes --csv` prints them (the record).
MIDDLE_EAST = '"The situation in the Middle East, including the Palestinian question"'
VOTES_CSV = f"""date,symbol,resolution_number,member,vote,outcome,agenda
2023-12-08,S/2023/970,,USA,no,vetoed,{MIDDLE_EAST}
2023-12-08,S/2023/970,,GBR,abstain,vetoed,{MIDDLE_EAST}
2023-12-01,S/2023/937,2713,USA,yes,adopted,Peace and security in Africa
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_records_own_csv(tmp_path: Path) -> None:
    found = read_votes_file(write(tmp_path, "usa.csv", VOTES_CSV))
    assert found.form == "csv" and [q.symbol for q in found.questions] == [
        "S/2023/970",
        "S/2023/937",
    ]
    gaza, africa = found.questions
    assert gaza.votes == {"USA": Vote.NO, "GBR": Vote.ABSTAIN}
    assert gaza.outcome is Outcome.VETOED and gaza.vetoed_by == ("USA",)  # GBR abstained
    assert gaza.matter is Matter.SUBSTANTIVE and gaza.draft_id == 1
    assert africa.resolution_number == 2713 and africa.where.endswith("line 4")


def test_one_draft_as_unsc_draft_json_prints_it(tmp_path: Path) -> None:
    draft = {"symbol": "S/2023/970", "date": DAY, "outcome": "vetoed", "agenda": "Gaza",
             "members": [{"code": "USA", "name": "United States of America", "vote": "no"},
                         {"code": "FRA", "name": "France", "vote": "yes"}]}  # fmt: skip
    found = read_votes_file(write(tmp_path, "draft.txt", json.dumps(draft)))
    assert found.form == "json"  # told by its first character
    (q,) = found.questions
    assert q.votes == {"USA": Vote.NO, "FRA": Vote.YES} and q.vetoed_by == ("USA",)
    assert q.names["FRA"] == "France"


def test_vote_rows_in_json(tmp_path: Path) -> None:
    rows = [{"date": DAY, "symbol": "S/2023/970", "member": "USA", "vote": "no",
             "outcome": "vetoed"}]  # fmt: skip
    (q,) = read_votes_file(write(tmp_path, "rows.json", json.dumps(rows))).questions
    assert q.votes == {"USA": Vote.NO} and q.where.endswith("item 1")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("date,symbol,member\n", "line 1: no column 'vote'"),
        ("date,member,vote\n", "line 1: give a draft_id or a symbol column"),
        ("date,symbol,member,vote\n2023-12-08,S/1,USA,maybe\n", "line 2: field 'vote'"),
        ("date,symbol,member,vote\n2023-13-08,S/1,USA,no\n", "line 2: field 'date'"),
        ("date,symbol,member,vote\n2023-12-08,S/1,U S,no\n", "line 2: field 'member'"),
        ("date,symbol,member,vote\n2023-12-08,S/1,USA,no\n2023-12-08,S/1,usa,yes\n",
         "line 3: field 'member': USA votes twice"),
        ("date,draft_id,member,vote,outcome\n2023-12-08,1,USA,no,vetoed\n"
         "2023-12-08,1,FRA,yes,adopted\n",
         "line 3: field 'outcome': 'adopted' differs from 'vetoed' given for the same question"
         " at line 2"),
        ("date,symbol,member,vote\n2023-12-08,S/1,USA,no,extra\n", "line 2: more cells"),
        ("date,symbol,member,vote\n2023-12-08,S/1,USA\n", "line 2: fewer cells"),
        ("date,symbol,member,vote,yes\n2023-12-08,S/1,USA,yes,0\n",
         "line 2: field 'yes': 1 members voted yes but the tally says 0"),
        ("date,symbol,member,vote,outcome,vetoed_by\n2023-12-08,S/1,USA,yes,vetoed,USA\n",
         "line 2: field 'vetoed_by': USA voted yes, not no"),
        ("date,symbol,member,vote\n", "no votes in the file"),
        ("", "empty file"),
    ],
)  # fmt: skip
def test_csv_faults_name_the_file_line_and_field(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, "bad.csv", text)
    with pytest.raises(InputError) as caught:
        read_votes_file(path)
    assert str(path) in str(caught.value) and message in str(caught.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[{"date": "2023-12-08"', "line 1: not JSON"),
        ("[3]", "item 1: each item must be a JSON object"),
        ('[{"date": "2023-12-08", "votes": {"USA": "no"}}, {"votes": {}}]',
         "item 2: field 'date'"),
        ('[{"date": "2023-12-08"}]', "item 1: field 'votes'"),
        ('[{"date": "2023-12-08", "votes": {"USA": "no"}, "outcome": "won"}]',
         "item 1: field 'outcome'"),
        ('[{"date": "2023-12-08", "draft_id": 1, "votes": {"USA": "no"}},'
         ' {"date": "2023-12-08", "draft_id": 1, "votes": {"USA": "no"}}]',
         "item 2: field 'draft_id': 1 is also the number of"),
        ('{"id": "ab", "delegations": [], "questions": []}', "a session's state, not its export"),
    ],
)  # fmt: skip
def test_json_faults_name_the_file_item_and_field(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, "bad.json", text)
    with pytest.raises(InputError) as caught:
        read_votes_file(path)
    assert str(path) in str(caught.value) and message in str(caught.value)


def test_bytes_that_are_not_text(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(b"date,symbol,member,vote\n2023-12-08,S/1,C\xf4te,no\n")
    with pytest.raises(InputError, match=r"line 2: not UTF-8 text \(byte 0xf4\)"):
        read_votes_file(path)


def session_state(questions: list[dict[str, str]]) -> dict[str, Any]:
    """A closed session as unsc.sessions.view.load_state gives it, each question decided by
    the rules engine on the Council of 8 December 2023."""
    closed = []
    for n, special in enumerate(questions, 1):
        decision = decide(
            DAY,
            no=[c for c, v in special.items() if v == "no"],
            abstain=[c for c, v in special.items() if v == "abstain"],
        ).to_dict()
        closed.append({"question_id": n, "kind": "draft", "title": f"Draft {n}", "amends": None,
                       "status": "closed", "closed_at": f"{DAY}T10:00:00Z",
                       "decision": decision})  # fmt: skip
    return {"id": "0123456789abcdef", "title": "Class", "agenda": "Gaza",
            "delegations": [{"code": c, "name": c} for c in MEMBERS],
            "questions": closed}  # fmt: skip


ballots = st.lists(
    st.dictionaries(st.sampled_from(MEMBERS), st.sampled_from(["no", "abstain"]), max_size=15),
    min_size=1,
    max_size=4,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(questions=ballots)
def test_both_exports_read_back_as_voted(tmp_path: Path, questions: list[dict[str, str]]) -> None:
    state = session_state(questions)
    as_json = read_votes_file(write(tmp_path, "s.json", json.dumps(export_drafts(state))))
    as_csv = read_votes_file(write(tmp_path, "s.csv", export_csv(state)))
    for a, b, special, q in zip(
        as_json.questions, as_csv.questions, questions, state["questions"], strict=True
    ):
        voted = {c: Vote(special.get(c, "yes")) for c in MEMBERS}
        assert a.votes == b.votes == voted
        assert a.outcome is b.outcome is Outcome(q["decision"]["outcome"])
        assert a.vetoed_by == b.vetoed_by == tuple(q["decision"]["vetoed_by"])
        assert a.symbol == b.symbol == f"Q{q['question_id']}"
        assert a.source == b.source == "session:0123456789abcdef"
        for key in ("yes", "no", "abstain"):
            assert a.count(key) == b.count(key) == q["decision"][key]


def test_rows_without_a_symbol_are_told_apart_by_date_agenda_and_outcome(tmp_path: Path) -> None:
    # The record's amendments have no symbol: Russia's amendment to S/2023/1029, vetoed by the
    # United States on 22 December 2023, as `unsc votes --csv` prints it.
    text = VOTES_CSV + (
        f"2023-12-22,,,USA,no,vetoed,{MIDDLE_EAST}\n"
        f"2023-12-22,,,RUS,yes,vetoed,{MIDDLE_EAST}\n"
        f"2023-12-22,S/2023/1029,2720,USA,abstain,adopted,{MIDDLE_EAST}\n"
    )
    found = read_votes_file(write(tmp_path, "usa.csv", text))
    assert [q.symbol for q in found.questions] == ["S/2023/970", "S/2023/937", "Q3", "S/2023/1029"]
    amendment = found.questions[2]
    assert amendment.votes == {"USA": Vote.NO, "RUS": Vote.YES}
    assert amendment.vetoed_by == ("USA",)


def test_the_records_drafts_load_back_as_they_were(tmp_path: Path) -> None:
    # Every draft of the query fixture (real votes, typed from the meeting records) that has a
    # symbol and member votes, printed as `unsc draft --json` prints it, loaded, read back.
    from tests.record.test_query_fixture import make_record
    from unsc.record import query
    from unsc.record.db import connect
    from unsc.sessions.load import load_votes

    conn = connect(make_record(tmp_path / "record.sqlite"))
    try:
        symbols = [r[0] for r in conn.execute(
            "SELECT symbol FROM drafts d WHERE symbol IS NOT NULL"
            " AND EXISTS (SELECT 1 FROM votes v WHERE v.draft_id = d.draft_id)")]  # fmt: skip
        printed = [query.draft(conn, s) for s in symbols]
    finally:
        conn.close()
    assert len(printed) >= 3
    path = write(tmp_path, "drafts.json", json.dumps(printed))
    load_votes(path, tmp_path / "loaded.sqlite")
    again = connect(tmp_path / "loaded.sqlite")
    try:
        for before in printed:
            after = query.draft(again, before["symbol"])
            for key in ("date", "agenda", "title", "matter", "outcome", "resolution_number",
                        "yes", "no", "abstain", "not_voting", "absent", "tally_text",
                        "vetoed_by", "votes", "members", "sponsors", "kind"):  # fmt: skip
                assert after[key] == before[key], (before["symbol"], key)
    finally:
        again.close()
