"""Ids for the votes the sources hold without a symbol (``record_vote_refs.csv``): real cases
with their public sources, the matching that refuses ambiguous or unknown rows, and the
audit's spelled-out subjects (``draft:S/PV.57/Transjordan``)."""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from unsc import states
from unsc.errors import RecordError
from unsc.record import query, vote_refs
from unsc.record.audit import audit
from unsc.record.db import connect
from unsc.record.discrepancies import Report
from unsc.record.reconcile_common import Entry
from unsc.record.reconcile_refs import apply_vote_refs
from unsc.record.records import DraftRecord, Kind, Tally, Where
from unsc.record.schema import create_schema
from unsc.types import Outcome, Vote


@pytest.fixture(scope="module")
def conn(record_db: Path) -> Iterator[sqlite3.Connection]:
    c = connect(record_db)
    yield c
    c.close()


def test_every_row_is_sourced_and_a_vote_on_one_state_is_named_by_its_code() -> None:
    rows = vote_refs.vote_refs()
    assert len(rows) >= 22
    assert len({r.ref for r in rows}) == len(rows)
    for r in rows:
        assert r.source and r.title and r.ref.startswith(r.meeting_record + "#")
        if r.kind is Kind.MEMBERSHIP:
            assert states.is_state_code(r.ref.partition("#")[2]), r.ref


@pytest.mark.slow
def test_transjordan_1946_vetoed_by_the_ussr(conn: sqlite3.Connection) -> None:
    # UNISPAL, verbatim record of the 57th meeting (29 Aug 1946): Transjordan 8 in favour,
    # Poland and the Soviet Union against, Australia abstaining; DFAT Historical Documents
    # vol. 10 doc. 94: Transjordan, Ireland and Portugal vetoed by the Soviet Union.
    found = query.draft(conn, "S/PV.57#JOR")
    assert found["date"] == "1946-08-29"
    assert found["kind"] == "membership"
    assert (found["yes"], found["no"], found["abstain"]) == (8, 2, 1)
    assert found["vetoed_by"] == ["SUN"]
    assert found["votes"]["POL"] == "no" and found["votes"]["AUS"] == "abstain"
    assert sum(v == "yes" for v in found["votes"].values()) == 8
    assert "Transjordan" in found["title"]


@pytest.mark.slow
def test_ireland_and_portugal_1946_in_the_meetings_order(conn: sqlite3.Connection) -> None:
    # DIFP vol. 8 No. 184 and No. 425: Ireland had every vote but the USSR's, Australia
    # abstaining (9-1-1); the UN Library's meetings table lists Transjordan, Ireland, Portugal.
    ireland = query.draft(conn, "S/PV.57#IRL")
    portugal = query.draft(conn, "S/PV.57#PRT")
    transjordan = query.draft(conn, "S/PV.57#JOR")
    assert (ireland["yes"], ireland["no"], ireland["abstain"]) == (9, 1, 1)
    assert ireland["votes"]["POL"] == "yes" and ireland["votes"]["AUS"] == "abstain"
    assert (portugal["yes"], portugal["no"], portugal["abstain"]) == (9, 1, 1)
    assert transjordan["draft_id"] < ireland["draft_id"] < portugal["draft_id"]
    # the three are the only votes of S/PV.57 the Library lists as vetoed
    unnamed = conn.execute(
        "SELECT count(*) FROM drafts WHERE meeting_record = 'S/PV.57' AND outcome = 'vetoed'"
        " AND coalesce(ref, '') = '' AND coalesce(symbol, '') = ''"
    ).fetchone()[0]
    assert unnamed == 0


@pytest.mark.slow
def test_ireland_1947_poland_abstaining(conn: sqlite3.Connection) -> None:
    # DIFP No. 425 (7 Oct 1947): on 18 Aug 1947 Russia opposed, Poland abstained, the nine
    # others (Australia among them) voted for Ireland.
    found = query.draft(conn, "S/PV.186#IRL")
    assert found["date"] == "1947-08-18"
    assert found["votes"]["POL"] == "abstain" and found["votes"]["SUN"] == "no"
    assert found["votes"]["AUS"] == "yes"
    assert found["votes_derived"] is False


@pytest.mark.slow
def test_the_double_veto_of_24_may_1948(conn: sqlite3.Connection) -> None:
    # AJIL, "The so-called double veto", note 14 (S/PV.303 pp. 66-70): the preliminary question,
    # 8 for treating it as procedural, the Ukrainian SSR and the USSR against, France abstaining;
    # the UN Library's meetings table: the preliminary question 8-2-1, then the draft 9-2-0.
    prelim = query.draft(conn, "S/PV.303#PRELIM")
    assert prelim["kind"] == "preliminary"
    assert (prelim["yes"], prelim["no"], prelim["abstain"]) == (8, 2, 1)
    assert prelim["votes"]["FRA"] == "abstain" and prelim["votes"]["UKR"] == "no"
    # the veto list's "preliminary question" row goes to the vote the meetings table calls so:
    # the draft that followed stays a draft
    draft = query.draft(conn, "S/PV.303#DRAFT")
    assert (draft["kind"], draft["yes"], draft["no"]) == ("draft", 9, 2)
    assert draft["vetoed_by"] == ["SUN"]


@pytest.mark.slow
def test_greek_commissions_vetoed_in_1946_and_1947(conn: sqlite3.Connection) -> None:
    # FRUS 1946 vol. VII doc. 153: the US commission proposal of 20 Sep 1946, eight in favour,
    # the USSR and Poland against, Australia abstaining.
    first = query.draft(conn, "S/PV.70#COMMISSION")
    assert first["date"] == "1946-09-20"
    assert first["votes"]["AUS"] == "abstain" and first["votes"]["POL"] == "no"
    # Press (Christchurch), 31 Jul 1947: the US resolution as a whole, nine to two (USSR, Poland)
    second = query.draft(conn, "S/PV.170#COMMISSION")
    assert sorted(c for c, v in second["votes"].items() if v == "no") == ["POL", "SUN"]
    assert second["vetoed_by"] == ["SUN"]


@pytest.mark.slow
def test_russias_amendment_of_15_november_2023(conn: sqlite3.Connection) -> None:
    # UN press release SC/15496: 5 in favour (Brazil, China, Mozambique, Russian Federation,
    # United Arab Emirates), 1 against (United States), 9 abstentions; not a veto.
    found = query.draft(conn, "S/PV.9479#TRUCE")
    assert (found["kind"], found["outcome"]) == ("amendment", "failed")
    assert sorted(c for c, v in found["votes"].items() if v == "yes") == [
        "ARE",
        "BRA",
        "CHN",
        "MOZ",
        "RUS",
    ]
    assert found["vetoed_by"] == []


@pytest.mark.slow
def test_a_vote_without_a_meeting_record_gets_it(conn: sqlite3.Connection) -> None:
    # FRUS 1951 vol. II doc. 262: Italy's application vetoed on 10 April 1948 (S/PV.279)
    found = query.draft(conn, "S/PV.279#ITA")
    assert (found["date"], found["meeting_record"]) == ("1948-04-10", "S/PV.279")
    assert found["vetoed_by"] == ["SUN"]


@pytest.mark.slow
def test_every_change_is_in_the_discrepancy_report(conn: sqlite3.Connection) -> None:
    reported = {
        (s, f)
        for s, f in conn.execute(
            "SELECT subject, field FROM discrepancies WHERE kind = 'curated_correction'"
        )
    }
    for r in vote_refs.vote_refs():
        assert (r.ref, "ref") in reported
        assert (r.ref, "title") in reported
        if r.votes:
            assert (r.ref, "votes") in reported
    assert ("S/PV.279#ITA", "meeting_record") in reported


@pytest.mark.slow
def test_the_audit_resolves_the_spelled_out_subjects(
    conn: sqlite3.Connection, tmp_path: Path
) -> None:
    reference = tmp_path / "reference.csv"
    reference.write_text(
        "subject,field,value,source,note\n"
        "draft:S/PV.57/Transjordan,tally,8-2-1,UNISPAL S/PV.57,\n"
        "draft:S/PV.57/Ireland,vote:AUS,abstain,DIFP No. 425,\n"
        "draft:S/PV.186/Eire,vote:POL,abstain,DIFP No. 425,\n"
        "draft:S/PV.351/Ceylon,vetoed_by,SUN,UN Library veto list,\n"
        "draft:S/PV.57,outcome,vetoed,UNISPAL S/PV.57,\n",
        encoding="utf-8",
    )
    report = audit(conn, reference)
    assert report.facts == 5
    assert [(d.subject, d.record) for d in report.disagreements] == [
        ("draft:S/PV.57", "(ambiguous: 3 votes without a symbol at S/PV.57)")
    ]
    assert report.disagreements[0].missing


# -- the matching, on votes made up for the test ------------------------------------------


def _entry(meeting: str | None, tally: str | None, kind: Kind = Kind.MEMBERSHIP) -> Entry:
    return Entry(
        DraftRecord(
            Where("undl-meetings", "scact1946_table_en.html", 1),
            date(1946, 8, 29),
            Outcome.VETOED,
            meeting_record=meeting,
            kind=kind,
            tally=Tally.parse(tally) if tally else None,
            vetoed_by=("SUN",),
        )
    )


def _ref(
    ref: str = "S/PV.57#IRL",
    tally: str | None = "9-1-1",
    order: int | None = None,
    votes: tuple[tuple[str, Vote], ...] = (),
    line: int = 2,
) -> vote_refs.VoteRef:
    return vote_refs.VoteRef(
        line=line,
        ref=ref,
        date=date(1946, 8, 29),
        meeting_record="S/PV.57",
        kind=Kind.MEMBERSHIP,
        tally=Tally.parse(tally) if tally else None,
        order=order,
        symbol=None,
        title="Ireland",
        votes=votes,
        source="DIFP",
        note="",
    )


def _meeting() -> list[Entry]:
    return [_entry("S/PV.57", "8-2-1"), _entry("S/PV.57", "9-1-1"), _entry("S/PV.57", "9-1-1")]


def test_a_unique_vote_is_named_and_reported() -> None:
    entries, report = _meeting(), Report()
    apply_vote_refs(entries, [_ref("S/PV.57#JOR", "8-2-1")], report)
    assert [e.ref for e in entries] == ["S/PV.57#JOR", None, None]
    assert {(d.subject, d.field) for d in report.items} >= {
        ("S/PV.57#JOR", "ref"),
        ("S/PV.57#JOR", "title"),
    }


def test_tied_votes_are_told_apart_by_their_order() -> None:
    entries = _meeting()
    refs = [_ref("S/PV.57#PRT", order=2, line=3), _ref("S/PV.57#IRL", order=1)]
    apply_vote_refs(entries, refs, Report())
    assert [e.ref for e in entries] == [None, "S/PV.57#IRL", "S/PV.57#PRT"]


@pytest.mark.parametrize(
    ("rows", "line", "field", "words"),
    [
        ([_ref()], 2, "order", "2 votes match"),  # tied and no order: not guessed
        ([_ref(order=3)], 2, "order", "only 2 votes"),
        ([_ref("S/PV.57#JOR", "8-2-1", order=1)], 2, "order", "leave order empty"),
        ([_ref(tally="10-0-1")], 2, None, "no membership vote"),
        ([_ref(tally=None)], 2, None, "no tally"),
        ([_ref(order=1), _ref("S/PV.57#XXX", order=1, line=5)], 5, None, "matched again"),
    ],
)
def test_rows_that_do_not_name_one_vote_stop_the_build(
    rows: list[vote_refs.VoteRef], line: int, field: str | None, words: str
) -> None:
    with pytest.raises(RecordError) as err:
        apply_vote_refs(_meeting(), rows, Report())
    assert err.value.file == vote_refs.VOTE_REFS
    assert err.value.line == line
    assert err.value.field == field
    assert words in str(err.value)


def test_an_id_already_taken_is_refused() -> None:
    entries = _meeting()
    entries[0].ref = "S/PV.57#IRL"
    with pytest.raises(RecordError, match="already the id"):
        apply_vote_refs(entries, [_ref(order=1)], Report())


def test_a_vote_without_meeting_record_is_matched_by_its_day() -> None:
    entries = [_entry(None, "9-2-0")]
    apply_vote_refs(entries, [_ref("S/PV.57#ITA", "9-2-0")], Report())
    assert (entries[0].ref, entries[0].draft.meeting_record) == ("S/PV.57#ITA", "S/PV.57")


def test_member_votes_must_keep_the_veto() -> None:
    votes = tuple(
        sorted(
            {
                **dict.fromkeys(["BRA", "TWN", "EGY", "FRA", "MEX", "NLD", "POL"], Vote.YES),
                **dict.fromkeys(["GBR", "USA"], Vote.YES),
                "SUN": Vote.ABSTAIN,
                "AUS": Vote.NO,
            }.items()
        )
    )
    with pytest.raises(RecordError, match="SUN vetoed"):
        apply_vote_refs(_meeting(), [_ref(order=1, votes=votes)], Report())


# -- the rows as read from the file --------------------------------------------------------

GOOD = {
    "ref": "S/PV.57#JOR",
    "date": "1946-08-29",
    "meeting_record": "S/PV.57",
    "kind": "membership",
    "tally": "8-2-1",
    "title": "Transjordan",
    "source": "UNISPAL S/PV.57",
}
COLUMNS = "ref,date,meeting_record,kind,tally,order,symbol,title,votes,source,note"
JORDAN_1946 = (
    "AUS:abstain;BRA:yes;EGY:yes;FRA:yes;GBR:yes;MEX:yes;NLD:yes;POL:no;SUN:no;TWN:yes;USA:yes"
)


def _load(monkeypatch: pytest.MonkeyPatch, rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS.split(","), lineterminator="\n")
    writer.writeheader()
    writer.writerows([{c: r.get(c, "") for c in COLUMNS.split(",")} for r in rows])
    lines = list(csv.DictReader(out.getvalue().splitlines()))
    monkeypatch.setattr(
        vote_refs, "curated_rows", lambda name: ((i + 2, row) for i, row in enumerate(lines))
    )


def test_a_good_row_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    _load(monkeypatch, [{**GOOD, "votes": JORDAN_1946}])
    (row,) = vote_refs.vote_refs.__wrapped__("test.csv")
    assert row.ref == "S/PV.57#JOR" and row.tally == Tally(8, 2, 1)
    assert dict(row.votes)["POL"] is Vote.NO


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"ref": "S/PV.58#JOR"}, "ref"),
        ({"ref": "Transjordan"}, "ref"),
        ({"date": ""}, "date"),
        ({"kind": "paragraph"}, "kind"),
        ({"tally": "8-2"}, "tally"),
        ({"order": "0"}, "order"),
        ({"symbol": "A/123"}, "symbol"),
        ({"source": ""}, "source"),
        # one vote more in favour than the tally: the line contradicts the record's tally
        ({"votes": JORDAN_1946.replace("POL:no", "POL:yes")}, "votes"),
        ({"votes": JORDAN_1946, "tally": ""}, "votes"),
        # Syria did not sit on the Council in 1946
        ({"votes": JORDAN_1946.replace("AUS:abstain", "SYR:abstain")}, "votes"),
    ],
)
def test_bad_rows_are_refused(
    monkeypatch: pytest.MonkeyPatch, change: dict[str, str], field: str
) -> None:
    _load(monkeypatch, [{**GOOD, **change}])
    with pytest.raises(RecordError) as err:
        vote_refs.vote_refs.__wrapped__("test.csv")
    assert err.value.file == vote_refs.VOTE_REFS
    assert err.value.line == 2
    assert err.value.field == field


def test_a_ref_twice_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    _load(monkeypatch, [GOOD, GOOD])
    with pytest.raises(RecordError, match="listed twice") as err:
        vote_refs.vote_refs.__wrapped__("test.csv")
    assert err.value.line == 3


# -- the audit's spelled-out subjects, on a record made up for the test ---------------------


@pytest.fixture
def small_record() -> Iterator[sqlite3.Connection]:
    c = sqlite3.connect(":memory:")
    c.row_factory = sqlite3.Row
    create_schema(c)
    rows = [
        (1, None, "1946-08-29", "S/PV.57", "vetoed", 8, 2, 1, "S/PV.57#JOR"),
        (2, None, "1946-08-29", "S/PV.57", "vetoed", 9, 1, 1, "S/PV.57#IRL"),
        (3, None, "1946-12-12", "S/PV.83", "vetoed", 9, 1, 1, None),
        (4, None, "1955-12-13", "S/PV.704", "vetoed", None, None, None, "S/PV.704#MMR"),
        (5, "S/1", "1946-12-12", "S/PV.83", "failed", 2, 0, 9, None),
    ]
    c.executemany(
        "INSERT INTO drafts (draft_id, symbol, date, meeting_record, matter, outcome, yes, no,"
        " abstain, ref, kind) VALUES (?, ?, ?, ?, 'substantive', ?, ?, ?, ?, ?, 'membership')",
        rows,
    )
    # the record's last resolution, which bounds what the audit compares
    c.execute(
        "INSERT INTO resolutions (number, symbol, date) VALUES (2722, 'S/RES/2722', '2023-12-31')"
    )
    yield c
    c.close()


def test_spelled_out_names_resolve_to_the_ids(
    small_record: sqlite3.Connection, tmp_path: Path
) -> None:
    reference = tmp_path / "reference.csv"
    reference.write_text(
        "subject,field,value,source,note\n"
        "draft:S/PV.57/Transjordan,tally,8-2-1,a,\n"  # a former name (state_names.csv)
        "draft:S/PV.57/Hashemite Kingdom of Transjordan,outcome,vetoed,a,\n"
        "draft:S/PV.57/Jordan,tally,8-2-1,a,\n"  # today's name
        "draft:S/PV.57/Eire,tally,9-1-1,a,\n"
        "draft:S/PV.704/Burma,outcome,vetoed,a,\n"
        "draft:S/PV.83,tally,9-1-1,a,\n"  # the only vote of S/PV.83 without a symbol
        "draft:S/PV.57,tally,9-1-1,a,\n"  # two such votes at S/PV.57: not guessed
        "draft:S/PV.57/Siam,tally,9-1-1,a,\n"  # no vote on Siam at S/PV.57
        "draft:S/PV.57/Atlantis,tally,9-1-1,a,\n",
        encoding="utf-8",
    )
    report = audit(small_record, reference)
    assert [(d.subject, d.record) for d in report.disagreements] == [
        ("draft:S/PV.57", "(ambiguous: 2 votes without a symbol at S/PV.57)"),
        ("draft:S/PV.57/Siam", "(not in the record)"),
        ("draft:S/PV.57/Atlantis", "(not in the record)"),
    ]
    assert sum(f.agree for f in report.fields) == 6
