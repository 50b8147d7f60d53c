"""``unsc record audit`` on the small fixture record, the invariants, and the tally settlement."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.record.test_query_fixture import make_record
from unsc.cli import build_app
from unsc.errors import RecordError
from unsc.membership import members_on
from unsc.record.audit import audit, read_reference
from unsc.record.curated import Correction, Fixes, KeptException, corrections, questions
from unsc.record.db import connect
from unsc.record.discrepancies import DiscrepancyKind, Report
from unsc.record.invariants import breaches, check
from unsc.record.query import tally_text
from unsc.record.reconcile_common import Entry, counts, settle_tally
from unsc.record.records import DraftRecord, Tally, VoteLine, Where
from unsc.types import Outcome, Vote

HEADER = "subject,field,value,source,note\n"


def _reference(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "reference.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def test_audit_reports_agreement_and_both_values(tmp_path: Path) -> None:
    db = make_record(tmp_path / "record.sqlite")
    ref = _reference(
        tmp_path,
        # res. 2640 (S/PV.9082): 13-0-2, China and Russia abstaining; one wrong fact on purpose
        'res:2640,tally,13-0-2,"S/PV.9082",\n'
        'res:2640,vote:CHN,abstain,"S/PV.9082",\n'
        'res:2640,vote:RUS,yes,"made up for the test","a deliberate error"\n'
        'draft:S/2023/638,vetoed_by,RUS,"S/PV.9408",\n'
        'draft:S/2023/638,outcome,vetoed,"S/PV.9408",\n'
        'res:9999,date,2030-01-01,"none",\n'
        'draft:S/1999/1,outcome,failed,"none",\n',
    )
    conn = connect(db)
    try:
        report = audit(conn, ref)
    finally:
        conn.close()
    fields = {f.field: (f.facts, f.agree) for f in report.fields}
    assert fields == {
        "tally": (1, 1),
        "vote": (2, 1),
        "outcome": (2, 1),
        "vetoed_by": (1, 1),
    }
    # res. 9999 lies past the record's last resolution: reported, not compared
    assert report.outside == ("res:9999",)
    wrong = {(d.subject, d.field): d for d in report.disagreements}
    assert wrong[("res:2640", "vote:RUS")].record == "abstain"
    assert wrong[("res:2640", "vote:RUS")].reference == "yes"
    assert wrong[("res:2640", "vote:RUS")].note == "a deliberate error"
    assert wrong[("draft:S/1999/1", "outcome")].record == "(not in the record)"
    assert [d.subject for d in report.unexplained] == ["draft:S/1999/1"]


def test_audit_cli_json(tmp_path: Path) -> None:
    db = make_record(tmp_path / "record.sqlite")
    ref = _reference(tmp_path, 'res:754,vote_line,without_vote,"S/PV.3077",\n')
    result = CliRunner().invoke(
        build_app(), ["record", "audit", "--reference", str(ref), "--db", str(db), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["fields"]["vote_line"] == {
        "facts": 1,
        "agree": 1,
        "agreement": 1.0,
        "missing": 0,
        "contradicted": 0,
        "agreement_where_held": 1.0,
    }
    assert data["disagreements"] == []


def test_audit_tells_a_gap_from_a_contradiction(tmp_path: Path) -> None:
    """A fact the record lacks is a gap in coverage; one it states otherwise contradicts it."""
    db = make_record(tmp_path / "record.sqlite")
    ref = _reference(
        tmp_path,
        'res:754,vote_line,voted,"S/PV.3077",\ndraft:S/99999,outcome,vetoed,"nowhere",\n',
    )
    result = CliRunner().invoke(
        build_app(), ["record", "audit", "--reference", str(ref), "--db", str(db), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["fields"]["vote_line"]["contradicted"] == 1
    assert data["fields"]["vote_line"]["missing"] == 0
    assert data["fields"]["outcome"]["missing"] == 1
    assert data["fields"]["outcome"]["agreement_where_held"] == 1.0
    assert [d["missing"] for d in data["disagreements"]] == [False, True]


def test_a_bad_reference_row_names_file_line_and_field(tmp_path: Path) -> None:
    ref = _reference(tmp_path, 'res:1,date,1946-01-25,"x",\nS/RES/2,date,1946-01-30,"x",\n')
    with pytest.raises(RecordError) as err:
        read_reference(ref)
    assert err.value.line == 3 and err.value.field == "subject"
    ref = _reference(tmp_path, 'res:1,colour,red,"x",\n')
    with pytest.raises(RecordError, match="unknown field"):
        read_reference(ref)


def test_shipped_curated_tables_are_sourced() -> None:
    rows = corrections()
    assert len(rows) >= 25
    assert all(r.source.strip() for r in rows)
    # every row cites a UN document (meeting record, draft) or the Council's printed volume
    assert all("S/" in r.source or "Resolutions and Decisions" in r.source for r in rows)
    assert all(q.source and q.meeting_record.startswith("S/PV.") for q in questions())


HERE = Where("test", "test.csv", 1)


def _entry(on: date, votes: dict[str, Vote], **kw: object) -> Entry:
    draft = DraftRecord(HERE, on, Outcome.ADOPTED, votes=dict(votes), **kw)  # type: ignore[arg-type]
    return Entry(draft)


ON = date(1976, 3, 31)
SITTING = [m.code for m in members_on(ON)]


def test_invariants_catch_each_breach() -> None:
    all_yes = dict.fromkeys(SITTING, Vote.YES)
    stranger = _entry(ON, {**all_yes, "DEU": Vote.YES}, tally=Tally(16, 0, 0))
    no_vote = _entry(ON, all_yes, vote_line=VoteLine.WITHOUT_VOTE, tally=Tally(15, 0, 0))
    wrong_tally = _entry(ON, all_yes, tally=Tally(14, 0, 1))
    weak_veto = Entry(
        DraftRecord(
            HERE,
            date(1972, 8, 25),
            Outcome.VETOED,
            symbol="S/10768",
            tally=Tally(3, 3, 9),
            vetoed_by=("SUN",),
        )
    )
    found = {b.invariant for b in breaches([stranger, no_vote, wrong_tally, weak_veto])}
    assert found == {"sitting", "without_vote", "tally", "veto"}
    with pytest.raises(RecordError, match="veto"):
        check([weak_veto], ())
    kept = KeptException(2, "draft:S/10768", "veto", "S/PV.1660", "")
    assert [b.key for b in check([weak_veto], (kept,))] == ["draft:S/10768"]
    with pytest.raises(RecordError, match="no\\s+longer breaks it"):
        check([], (kept,))


@given(st.lists(st.sampled_from([Vote.YES, Vote.NO, Vote.ABSTAIN]), min_size=15, max_size=15))
def test_settled_votes_always_match_the_tally(cast: list[Vote]) -> None:
    votes = dict(zip(SITTING, cast, strict=True))
    reference = counts(votes)
    entry = _entry(ON, votes)
    settle_tally(entry, reference, "undl-meetings", "t", Report(), Fixes({}))
    assert entry.draft.tally is not None and entry.draft.votes == votes
    assert counts(entry.draft.votes).text() == entry.draft.tally.text() == reference.text()
    # a different reference: the votes are dropped, never forced to fit
    other = Tally(reference.yes + 1, reference.no, max(reference.abstain - 1, 0))
    entry = _entry(ON, votes)
    report = Report()
    settle_tally(entry, other, "undl-meetings", "t", report, Fixes({}))
    assert entry.draft.votes == {} and entry.draft.tally == other
    assert [d.kind for d in report.items] == [DiscrepancyKind.TALLY]


@given(st.sampled_from([VoteLine.WITHOUT_VOTE, VoteLine.CONSENSUS, VoteLine.PARAGRAPHS]))
def test_no_vote_keeps_no_votes(line: VoteLine) -> None:
    entry = _entry(ON, dict.fromkeys(SITTING, Vote.YES), vote_line=line)
    settle_tally(entry, Tally(15, 0, 0), "undl-wide", "t", Report(), Fixes({}))
    assert entry.draft.votes == {} and entry.draft.tally is None


def test_curated_votes_win_over_the_source() -> None:
    votes = dict.fromkeys(SITTING, Vote.YES) | dict.fromkeys(
        ["CHN", "FRA", "GBR", "ITA", "JPN"], Vote.ABSTAIN
    )
    fixes = Fixes.of(
        [
            Correction(2, "res:387", "vote:CHN", "not_voting", "S/PV.1906", ""),
            Correction(3, "res:387", "vote:USA", "abstain", "S/PV.1906", ""),
        ]
    )
    entry = _entry(ON, votes, resolution_number=387)
    settle_tally(entry, Tally(9, 0, 5), "undl-meetings", "t", Report(), fixes)
    assert entry.draft.tally == Tally(9, 0, 5, 1)
    assert entry.draft.votes["CHN"] is Vote.NOT_VOTING and entry.draft.votes["USA"] is Vote.ABSTAIN


def test_tally_text() -> None:
    members = [
        {"code": "EGY", "name": "Egypt", "vote": "not_voting"},
        {"code": "IND", "name": "India", "vote": "not_voting"},
        {"code": "SUN", "name": "USSR", "vote": "absent"},
    ]
    tally = {"yes": 7, "no": 1, "abstain": 0}
    assert (
        tally_text("voted", tally, members)  # type: ignore[arg-type]
        == "7-1-0, Egypt and India not participating, USSR absent"
    )
    assert tally_text("consensus", {}, []) == "adopted by consensus"
    assert tally_text("voted", {"yes": None}, []) is None
