"""The record built from the real sources, checked against what the Council recorded.

Each case cites the meeting record (S/PV.NNN) or the resolution's printed vote line.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from unsc.membership import members_on
from unsc.record import query
from unsc.record.audit import audit
from unsc.record.db import connect

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "data" / "audit_fixture.csv"
PROCEDURAL = (34, 87, 88, 110, 119, 120, 132, 157, 462, 2623)


@pytest.fixture(scope="module")
def conn(record_db: Path) -> Iterator[sqlite3.Connection]:
    c = connect(record_db)
    yield c
    c.close()


def test_387_china_did_not_participate(conn: sqlite3.Connection) -> None:
    # S/RES/387 (1976): 9-0-5 (France, Italy, Japan, United Kingdom, United States abstaining);
    # one member (China) did not participate (S/PV.1906).
    found = query.resolution(conn, 387)
    assert (found["yes"], found["no"], found["abstain"]) == (9, 0, 5)
    assert found["votes"]["CHN"] == "not_voting"
    assert found["votes"]["USA"] == "abstain"
    assert found["tally_text"] == "9-0-5, China not participating"
    assert found["vote_line"] == "voted"


def test_s10768_failed_not_vetoed(conn: sqlite3.Connection) -> None:
    # S/PV.1660 (25 Aug 1972): 3 in favour, 3 against, 9 abstentions: short of the majority.
    found = query.draft(conn, "S/10768")
    assert found["outcome"] == "failed"
    assert found["vetoed_by"] == []
    assert (found["yes"], found["no"], found["abstain"]) == (3, 3, 9)
    assert "S/10768" not in {v["symbol"] for v in query.vetoes(conn, include_amendments=True)}


def test_russian_amendments_to_brazils_draft(conn: sqlite3.Connection) -> None:
    # S/PV.9442 (18 Oct 2023): two Russian amendments to S/2023/773, then the draft (vetoed).
    for symbol in ("S/2023/775", "S/2023/776"):
        found = query.draft(conn, symbol)
        assert found["kind"] == "amendment"
        assert found["amends"] == "S/2023/773"
        assert found["in_library_counts"] is False
    brazil = query.draft(conn, "S/2023/773")
    assert [a["symbol"] for a in brazil["amendments"]] == ["S/2023/775", "S/2023/776"]
    assert brazil["vetoed_by"] == ["USA"]


def test_ten_procedural_adoptions_are_marked(conn: sqlite3.Connection) -> None:
    for number in PROCEDURAL:
        found = query.resolution(conn, number)
        assert found["matter"] == "procedural", number
        assert found["matter_source"] and "S/PV." in found["matter_source"], number
        assert any(v == "no" for v in found["votes"].values()), number
    marked = conn.execute(
        "SELECT resolution_number FROM drafts WHERE matter = 'procedural' ORDER BY 1"
    ).fetchall()
    assert tuple(r[0] for r in marked) == PROCEDURAL


def test_decisions_without_a_vote_have_no_votes_and_no_tally(conn: sqlite3.Connection) -> None:
    # Res. 272 (1969): "without vote" (Library table); the wide table's fifteen "yes" are gone.
    found = query.resolution(conn, 272)
    assert found["vote_line"] == "without_vote"
    assert found["votes"] == {} and found["yes"] is None
    assert found["tally_text"] == "adopted without a vote"
    # Res. 591 (1986): adopted by consensus.
    assert query.resolution(conn, 591)["vote_line"] == "consensus"
    bad = conn.execute(
        "SELECT count(*) FROM drafts d WHERE d.vote_line <> 'voted'"
        " AND (d.yes IS NOT NULL OR EXISTS (SELECT 1 FROM votes v WHERE v.draft_id = d.draft_id))"
    ).fetchone()[0]
    assert bad == 0


def test_tally_equals_member_votes(conn: sqlite3.Connection) -> None:
    rows = conn.execute(
        "SELECT d.draft_id, d.yes, d.no, d.abstain,"
        " sum(v.vote = 'yes'), sum(v.vote = 'no'), sum(v.vote = 'abstain')"
        " FROM drafts d JOIN votes v ON v.draft_id = d.draft_id GROUP BY d.draft_id"
    ).fetchall()
    assert len(rows) > 2500
    assert [r[0] for r in rows if tuple(r[1:4]) != tuple(r[4:7])] == []


def test_members_vote_only_on_days_they_sit(conn: sqlite3.Connection) -> None:
    rows = conn.execute(
        "SELECT d.date, group_concat(v.state_code) FROM drafts d"
        " JOIN votes v ON v.draft_id = d.draft_id GROUP BY d.draft_id"
    ).fetchall()
    strangers = []
    for day, codes in rows:
        sitting = {m.code for m in members_on(date.fromisoformat(day))}
        strangers += [(day, c) for c in codes.split(",") if c not in sitting]
    assert strangers == []


def test_every_veto_had_the_votes(conn: sqlite3.Connection) -> None:
    short = conn.execute(
        "SELECT symbol, date, yes FROM drafts WHERE outcome = 'vetoed' AND yes IS NOT NULL"
        " AND yes < (CASE WHEN date < '1966-01-01' THEN 7 ELSE 9 END)"
    ).fetchall()
    assert [tuple(r) for r in short] == []


def test_counts_follow_the_library_unless_asked(conn: sqlite3.Connection) -> None:
    library = query.vetoes(conn, since=1955, until=1955)
    every = query.vetoes(conn, since=1955, until=1955, include_amendments=True)
    # The vetoes of 13 Dec 1955 on the paragraphs of S/3502 (FRUS 1955-57 XI, docs 219, 229)
    # and the United States amendment adding Japan, vetoed by the USSR at S/PV.705 (14 Dec
    # 1955): in the record, flagged, outside the Library's list.
    extra = [v for v in every if v not in library]
    assert all(not v["in_library_lists"] and not v["in_library_counts"] for v in extra)
    on_14 = [(v["kind"], v["vetoed_by"], v["ref"]) for v in extra if v["date"] == "1955-12-14"]
    assert on_14 == [("amendment", ["SUN"], "S/PV.705#JPN")]
    assert len(extra) == 17
    assert [v["symbol"] for v in library] == ["S/3510"]
    default = {r["year"]: r for r in query.stats_by_year(conn, 2023, 2023)}[2023]
    wide = {r["year"]: r for r in query.stats_by_year(conn, 2023, 2023, include_amendments=True)}
    assert wide[2023]["failed"] - default["failed"] >= 2  # S/2023/775 and S/2023/776 apart


def test_audit_of_the_fixture(conn: sqlite3.Connection) -> None:
    report = audit(conn, FIXTURE)
    assert report.facts == len(FIXTURE.read_text(encoding="utf-8").splitlines()) - 1
    assert report.unexplained == ()
    # one fact differs on purpose (res. 303 (1971), explained in its note)
    assert [(d.subject, d.field) for d in report.disagreements] == [("res:303", "matter")]
    assert {f.field for f in report.fields} >= {"tally", "vote", "vote_line", "outcome"}


DATA = Path(__file__).parents[1] / "data"
# The two references the record was corrected against (each disagreement then explained in the
# reference's note); the held-out file below was gathered afterwards and never tuned against.
REFERENCES = [DATA / "record_reference.csv", DATA / "record_reference_second.csv"]
HOLDOUT = DATA / "record_reference_holdout.csv"
# Gathered later still, by someone who read neither the build's inputs nor the database nor the
# other references (tests/data/README.md); compared with the record only by these tests.
THIRD = DATA / "record_reference_third.csv"


@pytest.mark.parametrize("reference", REFERENCES, ids=[p.stem for p in REFERENCES])
def test_the_record_agrees_with_the_independent_reference(
    conn: sqlite3.Connection, reference: Path
) -> None:
    # tests/data/*.csv: facts gathered from public sources apart from the build (README there).
    report = audit(conn, reference)
    assert report.facts >= 400
    low = {f.field: round(f.rate, 4) for f in report.fields if f.rate < 0.99}
    assert low == {}
    # every remaining disagreement is explained in the reference's own note column
    assert [d.to_dict() for d in report.unexplained] == []


def test_the_held_out_reference_finds_no_contradiction_in_dates_tallies_or_vetoes(
    conn: sqlite3.Connection,
) -> None:
    """The held-out facts (gathered after the record's corrections, never used to make them):
    where the record holds a date, a tally, an outcome, a veto or a member's vote, it agrees.
    What the record lacks (member votes and sponsors of old drafts, three drafts missing from
    every source the build reads) is a gap, counted apart and reported by ``unsc record audit``.
    """
    report = audit(conn, HOLDOUT)
    assert report.facts >= 200
    fields = {f.field: f for f in report.fields}
    assert {name: f.contradicted for name, f in fields.items() if f.contradicted} == {}
    assert fields["tally"].rate == 1.0
    assert fields["date"].rate >= 0.95


def test_the_third_reference_contradicts_only_where_sources_differ(
    conn: sqlite3.Connection,
) -> None:
    """Where the record holds a fact of the third reference it agrees, save where the UN's own
    tables and a secondary source differ: each such contradiction carries a note naming the
    source the record follows (res. 364 (1974), S/16732 (1984), three sponsor lists)."""
    report = audit(conn, THIRD)
    assert report.facts >= 600
    contradicted = [d for d in report.disagreements if not d.missing]
    assert [d.to_dict() for d in contradicted if not d.note] == []
    held = report.facts - sum(f.missing for f in report.fields)
    assert sum(f.agree for f in report.fields) / held >= 0.98
    fields = {f.field: f for f in report.fields}
    for name in ("date", "outcome", "vetoed_by", "vote_line", "kind", "matter"):
        assert fields[name].contradicted == 0, name
