"""Member votes on drafts not adopted, from the public record (``record_member_votes.csv``):
real cases with their sources, the rows the build refuses, and the rule that a curated ballot
is accepted only when it adds up to the tally."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from unsc.cli import build_app
from unsc.errors import RecordError
from unsc.membership import members_on
from unsc.record import member_votes, query
from unsc.record.db import connect
from unsc.record.discrepancies import DiscrepancyKind, Report
from unsc.record.member_votes import MEMBER_VOTES, CuratedBallot
from unsc.record.reconcile_common import Entry
from unsc.record.reconcile_member_votes import apply_member_votes
from unsc.record.records import DraftRecord, Tally, Where
from unsc.record.vote_refs import check_votes
from unsc.types import Outcome, Vote


@pytest.fixture(scope="module")
def conn(record_db: Path) -> Iterator[sqlite3.Connection]:
    c = connect(record_db)
    yield c
    c.close()


def test_every_row_is_sourced_and_names_every_member_seated() -> None:
    rows = member_votes.curated_ballots()
    assert len(rows) >= 2
    assert len({r.draft for r in rows}) == len(rows)
    for r in rows:
        assert r.source and r.note
        assert {c for c, _ in r.votes} == {m.code for m in members_on(r.date)}


# -- real cases, from the record built from the sources --------------------------------------


@pytest.mark.slow
def test_korea_1950_the_ussr_absent_not_abstaining(conn: sqlite3.Connection) -> None:
    # Hansard, House of Lords, 28 June 1950, cols 1146-7: the Yugoslav draft of 27 June 1950
    # got one vote (Yugoslavia), seven against, India and Egypt abstaining; the USSR was away
    # from the Council (13 Jan - 1 Aug 1950), absent as on res. 82-84, not a non-participant.
    found = query.draft(conn, "S/1509")
    assert (found["yes"], found["no"], found["abstain"]) == (1, 7, 2)
    assert found["votes"]["SUN"] == "absent"
    assert (found["absent"], found["not_voting"]) == (1, 0)


@pytest.mark.slow
def test_czechoslovakia_1968_vetoed_by_the_ussr(conn: sqlite3.Connection) -> None:
    # Þjóðviljinn, 24 Aug 1968, p. 3: ten in favour (Denmark, Canada, United States, United
    # Kingdom, France, Brazil, Paraguay, Senegal, Formosa, Ethiopia), the Soviet Union and
    # Hungary against; the record's tally is 10-2-3, so Algeria, India, Pakistan abstained.
    found = query.draft(conn, "S/8761")
    assert found["vetoed_by"] == ["SUN"]
    assert (found["votes"]["SUN"], found["votes"]["HUN"]) == ("no", "no")
    assert {c for c, v in found["votes"].items() if v == "abstain"} == {"DZA", "IND", "PAK"}
    assert found["votes"]["TWN"] == "yes"
    assert not found["votes_derived"]
    assert found["votes_cited"].startswith(f"{MEMBER_VOTES}:")
    assert "timarit.is" in found["votes_cited"]


@pytest.mark.slow
def test_grenada_1983_vetoed_by_the_united_states(conn: sqlite3.Connection) -> None:
    # Christian Science Monitor, 31 Oct 1983: 11 in favour, the United States against,
    # Britain, Togo and Zaire abstaining.
    found = query.draft(conn, "S/16077/Rev.1")
    assert (found["yes"], found["no"], found["abstain"]) == (11, 1, 3)
    assert {c for c, v in found["votes"].items() if v == "abstain"} == {"GBR", "TGO", "COD"}
    assert found["votes"]["USA"] == "no" and found["votes"]["SUN"] == "yes"


@pytest.mark.slow
def test_unsc_draft_shows_the_votes_and_where_they_come_from(record_db: Path) -> None:
    # UN Chronicle, Aug 1986: S/18016/Rev.1 (the raid on Libya), 9 to 5 with 1 abstention;
    # Australia and Denmark with France, the United Kingdom and the United States against,
    # Venezuela abstaining.
    app, runner = build_app(), CliRunner()
    result = runner.invoke(app, ["draft", "S/18016/Rev.1", "--json", "--db", str(record_db)])
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    assert {c for c, v in found["votes"].items() if v == "no"} == {
        "AUS",
        "DNK",
        "FRA",
        "GBR",
        "USA",
    }
    assert found["votes"]["VEN"] == "abstain" and found["votes"]["THA"] == "yes"
    assert sorted(found["vetoed_by"]) == ["FRA", "GBR", "USA"]
    assert "UN Chronicle" in found["votes_cited"]
    table = runner.invoke(app, ["draft", "S/18016/Rev.1", "--db", str(record_db)])
    assert "member votes curated from record_member_votes.csv:" in table.stdout


@pytest.mark.slow
def test_the_discrepancy_report_says_where_the_votes_come_from(
    conn: sqlite3.Connection,
) -> None:
    rows = conn.execute(
        "SELECT note FROM discrepancies WHERE kind = ? AND field = 'votes' AND note LIKE ?",
        (DiscrepancyKind.CURATED_VOTE.value, f"{MEMBER_VOTES}:%"),
    ).fetchall()
    assert len(rows) == len(member_votes.curated_ballots())
    assert all("sure" in note for (note,) in rows)


# -- the rows the build refuses, on votes made up for the test ------------------------------

GRENADA = date(1983, 10, 27)
SEATED = [m.code for m in members_on(GRENADA)]


def _ballot(
    changes: dict[str, Vote] | None = None,
    tally: str = "11-1-3",
    draft: str = "S/16077/Rev.1",
    when: date = GRENADA,
) -> CuratedBallot:
    votes = {c: Vote.YES for c in SEATED} | {
        "USA": Vote.NO,
        "GBR": Vote.ABSTAIN,
        "TGO": Vote.ABSTAIN,
        "COD": Vote.ABSTAIN,
    }
    votes |= changes or {}
    return CuratedBallot(
        line=2,
        draft=draft,
        date=when,
        tally=Tally.parse(tally),
        votes=tuple(sorted(votes.items())),
        source="CSM",
        note="",
    )


def _entry(tally: str | None = "11-1-3", votes: dict[str, Vote] | None = None) -> Entry:
    return Entry(
        DraftRecord(
            Where("undl-meetings", "scact1983_table_en.html", 1),
            GRENADA,
            Outcome.VETOED,
            symbol="S/16077/Rev.1",
            meeting_record="S/PV.2491",
            tally=Tally.parse(tally) if tally else None,
            vetoed_by=("USA",),
            votes=votes or {},
        )
    )


def test_a_ballot_is_applied_flagged_and_reported() -> None:
    entries, report = [_entry()], Report()
    apply_member_votes(entries, [_ballot()], report)
    (entry,) = entries
    assert entry.draft.votes["GBR"] is Vote.ABSTAIN
    assert entry.votes_where == f"{MEMBER_VOTES}:2" and not entry.votes_derived
    assert entry.votes_cited == f"{MEMBER_VOTES}:2: CSM"
    assert [(d.kind, d.field) for d in report.items] == [(DiscrepancyKind.CURATED_VOTE, "votes")]


@pytest.mark.parametrize(
    ("entry", "row", "field", "words"),
    [
        (_entry("11-2-2"), _ballot(), "tally", "tally of S/16077/Rev.1 is 11-2-2"),
        (_entry(None), _ballot(), "tally", "is none"),
        (_entry(), _ballot(draft="S/16078"), "draft", "no draft S/16078"),
        (_entry(), _ballot(when=date(1983, 10, 28)), "date", "voted on 1983-10-27"),
        # the United States cast the veto: a ballot with it abstaining drops the veto
        (
            _entry(),
            _ballot({"USA": Vote.ABSTAIN, "GBR": Vote.NO}),
            "votes",
            "USA vetoed S/16077/Rev.1",
        ),
        (_entry(votes={"USA": Vote.NO}), _ballot(), "draft", "already has member votes"),
    ],
)
def test_rows_that_contradict_the_record_stop_the_build(
    entry: Entry, row: CuratedBallot, field: str, words: str
) -> None:
    with pytest.raises(RecordError) as err:
        apply_member_votes([entry], [row], Report())
    assert (err.value.file, err.value.line, err.value.field) == (MEMBER_VOTES, 2, field)
    assert words in str(err.value)


# -- the rows as read from the file --------------------------------------------------------

COLUMNS = "draft,date,tally,votes,source,note"
GOOD = {
    "draft": "S/16077/Rev.1",
    "date": "1983-10-27",
    "tally": "11-1-3",
    "votes": ";".join(f"{c}:{v.value}" for c, v in _ballot().votes),
    "source": "CSM",
    "note": "sure",
}


def _load(monkeypatch: pytest.MonkeyPatch, rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS.split(","), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    lines = list(csv.DictReader(out.getvalue().splitlines()))
    monkeypatch.setattr(
        member_votes, "curated_rows", lambda name: ((i + 2, row) for i, row in enumerate(lines))
    )


def test_a_good_row_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    _load(monkeypatch, [GOOD])
    (row,) = member_votes.curated_ballots.__wrapped__("test.csv")
    assert row.tally == Tally(11, 1, 3) and dict(row.votes)["TGO"] is Vote.ABSTAIN


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"draft": "Grenada"}, "draft"),
        ({"draft": "S/PV.2491"}, "draft"),
        ({"date": ""}, "date"),
        ({"tally": "11-1"}, "tally"),
        ({"source": ""}, "source"),
        ({"votes": ""}, "votes"),
        # one vote in favour more than the tally
        ({"votes": GOOD["votes"].replace("GBR:abstain", "GBR:yes")}, "votes"),
        # Japan did not sit on the Council in October 1983
        ({"votes": GOOD["votes"].replace("GBR:abstain", "JPN:abstain")}, "votes"),
        # a member seated that day left out
        ({"votes": GOOD["votes"].replace("CHN:yes;", ""), "tally": "10-1-3"}, "votes"),
        ({"votes": GOOD["votes"].replace("GBR:abstain", "GBR:maybe")}, "votes"),
    ],
)
def test_bad_rows_are_refused(
    monkeypatch: pytest.MonkeyPatch, change: dict[str, str], field: str
) -> None:
    _load(monkeypatch, [{**GOOD, **change}])
    with pytest.raises(RecordError) as err:
        member_votes.curated_ballots.__wrapped__("test.csv")
    assert (err.value.file, err.value.line, err.value.field) == (MEMBER_VOTES, 2, field)


def test_a_draft_twice_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    _load(monkeypatch, [GOOD, GOOD])
    with pytest.raises(RecordError, match="listed twice") as err:
        member_votes.curated_ballots.__wrapped__("test.csv")
    assert err.value.line == 3


# -- a curated vote line is accepted only when it adds up to the tally ------------------------

CAST = st.sampled_from([Vote.YES, Vote.NO, Vote.ABSTAIN, Vote.NOT_VOTING])


@given(
    cast=st.lists(CAST, min_size=len(SEATED), max_size=len(SEATED)),
    tally=st.tuples(*[st.integers(0, 15)] * 3),
)
def test_a_ballot_is_accepted_only_when_it_adds_up_to_the_tally(
    cast: list[Vote], tally: tuple[int, int, int]
) -> None:
    votes = tuple(zip(SEATED, cast, strict=True))
    counts = tuple(cast.count(v) for v in (Vote.YES, Vote.NO, Vote.ABSTAIN))
    try:
        check_votes(votes, Tally(*tally), GRENADA, file=MEMBER_VOTES, line=2)
    except RecordError as err:
        assert counts != tally and err.field == "votes"
    else:
        assert counts == tally


@given(cast=st.lists(CAST, min_size=len(SEATED), max_size=len(SEATED)))
def test_the_ballots_own_count_is_always_accepted(cast: list[Vote]) -> None:
    votes = tuple(zip(SEATED, cast, strict=True))
    tally = Tally(*(cast.count(v) for v in (Vote.YES, Vote.NO, Vote.ABSTAIN)))
    check_votes(votes, tally, GRENADA, file=MEMBER_VOTES, line=2)
