"""Vetoes the UN Library's veto list leaves out (``record_unlisted_vetoes.csv``): in the record,
flagged, counted only when asked. Each case cites its public source."""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from unsc.errors import RecordError
from unsc.record import curated, query
from unsc.record.db import connect
from unsc.record.records import Kind


@pytest.fixture(scope="module")
def conn(record_db: Path) -> Iterator[sqlite3.Connection]:
    c = connect(record_db)
    yield c
    c.close()


def test_every_row_is_sourced_and_names_its_vetoer() -> None:
    rows = curated.unlisted_vetoes()
    assert len(rows) >= 17
    assert all(r.source and r.vetoed_by for r in rows)
    kinds = {r.kind for r in rows}
    assert kinds <= {Kind.MEMBERSHIP, Kind.AMENDMENT, Kind.DRAFT, Kind.PRELIMINARY}


@pytest.mark.slow
def test_mongolia_vetoed_by_the_republic_of_china(conn: sqlite3.Connection) -> None:
    # FRUS 1955-57 vol. XI, doc. 229: the Republic of China's veto of Outer Mongolia's
    # admission, 13 Dec 1955; doc. 219: the joint draft voted paragraph by paragraph that day.
    found = query.draft(conn, "S/PV.704#MNG")
    assert found["date"] == "1955-12-13"
    assert found["kind"] == "membership"
    assert found["vetoed_by"] == ["TWN"]
    assert found["in_library_lists"] is False
    assert found["in_library_counts"] is False


@pytest.mark.slow
def test_japan_amendment_vetoed_by_the_ussr(conn: sqlite3.Connection) -> None:
    # S/PV.705 (14 Dec 1955); FRUS 1955-57 vol. XI, doc. 219: the United States amendment adding
    # Japan got 10 votes to 1 (USSR) and failed by the permanent member's negative vote.
    found = query.draft(conn, "S/PV.705#JPN")
    assert (found["kind"], found["amends"]) == ("amendment", "S/3509")
    assert (found["yes"], found["no"], found["abstain"]) == (10, 1, 0)
    assert found["vetoed_by"] == ["SUN"]
    # 10-1-0 on an 11-member Council with the USSR against: every other member voted yes
    assert found["votes_derived"] is True
    assert found["votes"]["SUN"] == "no"
    assert sorted(c for c, v in found["votes"].items() if v == "yes") == sorted(
        ["TWN", "FRA", "GBR", "USA", "BEL", "BRA", "IRN", "NZL", "PER", "TUR"]
    )


@pytest.mark.slow
def test_counts_by_default_unchanged_and_with_the_option(conn: sqlite3.Connection) -> None:
    default = {c["member"]: c["vetoes"] for c in query.veto_counts(conn)}
    every = {c["member"]: c["vetoes"] for c in query.veto_counts(conn, include_amendments=True)}
    # the Library's list has no veto by the Republic of China; the record has Mongolia's
    assert "TWN" not in default
    assert every["TWN"] == 1
    # 13 paragraphs and 2 Chinese proposals (13 Dec 1955) and the Japan amendment (14 Dec)
    assert every["SUN"] - default["SUN"] >= 16
    (y1955,) = query.stats_by_year(conn, 1955, 1955)
    (all1955,) = query.stats_by_year(conn, 1955, 1955, include_amendments=True)
    assert y1955["vetoed"] == 1  # S/3510, Japan, 15 Dec 1955: the Library's only 1955 veto
    assert all1955["vetoed"] == 18


@pytest.mark.slow
def test_unlisted_vetoes_keep_the_invariants(conn: sqlite3.Connection) -> None:
    rows = conn.execute(
        "SELECT d.draft_id, d.yes, d.date, (SELECT count(*) FROM vetoes v"
        " WHERE v.draft_id = d.draft_id) AS n FROM drafts d WHERE d.listed = 0"
        " AND d.outcome = 'vetoed'"
    ).fetchall()
    assert len(rows) == 17
    assert all(r["n"] >= 1 for r in rows)
    assert all(r["yes"] is None or r["yes"] >= 7 for r in rows)


def _load(monkeypatch: pytest.MonkeyPatch, rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    cols = (
        "id,date,meeting_record,symbol,kind,amends,title,agenda,vetoed_by,tally,votes,source,note"
    )
    writer = csv.DictWriter(out, cols.split(","), lineterminator="\n")
    writer.writeheader()
    writer.writerows([{c: r.get(c, "") for c in cols.split(",")} for r in rows])
    lines = list(csv.DictReader(out.getvalue().splitlines()))
    monkeypatch.setattr(
        curated, "curated_rows", lambda name: ((i + 2, row) for i, row in enumerate(lines))
    )


GOOD = {
    "id": "S/PV.704#MNG",
    "date": "1955-12-13",
    "meeting_record": "S/PV.704",
    "kind": "membership",
    "vetoed_by": "TWN",
    "source": "FRUS 1955-57 XI doc. 229",
}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"id": "704-MNG"}, "id"),
        ({"id": "S/PV.705#MNG"}, "id"),
        ({"vetoed_by": ""}, "vetoed_by"),
        ({"source": ""}, None),
        ({"kind": "paragraph"}, "kind"),
        ({"votes": "SUN:maybe"}, "votes"),
        ({"amends": "S/3502"}, "amends"),
        ({"date": ""}, "date"),
    ],
)
def test_bad_rows_are_refused(
    monkeypatch: pytest.MonkeyPatch, change: dict[str, str], field: str | None
) -> None:
    _load(monkeypatch, [{**GOOD, **change}])
    with pytest.raises(RecordError) as err:
        curated.unlisted_vetoes.__wrapped__("test.csv")
    assert "test.csv" in str(err.value)
    if field is not None:
        assert err.value.field == field


def test_a_good_row_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    _load(monkeypatch, [{**GOOD, "votes": "TWN:no;SUN:yes", "tally": "8-1-2"}])
    (row,) = curated.unlisted_vetoes.__wrapped__("test.csv")
    assert row.ref == "S/PV.704#MNG" and row.vetoed_by == ("TWN",)
    assert dict(row.votes) == {"TWN": "no", "SUN": "yes"}


def test_a_vote_a_source_holds_is_refused() -> None:
    # the file is for votes no source has: S/3510 (Japan, 15 Dec 1955) is in the veto list
    from datetime import date

    from unsc.record.discrepancies import Report
    from unsc.record.reconcile_common import Entry
    from unsc.record.reconcile_curated import add_unlisted
    from unsc.record.records import DraftRecord, Where
    from unsc.types import Outcome

    listed = Entry(
        DraftRecord(Where("undl-veto-list", "x", 1), date(1955, 12, 15), Outcome.VETOED, "S/3510")
    )
    row = curated.UnlistedVeto(
        line=2,
        ref="S/3510",
        date=date(1955, 12, 15),
        meeting_record="S/PV.706",
        symbol="S/3510",
        kind=Kind.MEMBERSHIP,
        amends=None,
        title="Japan",
        agenda="Admission of new Members",
        vetoed_by=("SUN",),
        tally=None,
        votes=(),
        source="S/PV.706",
        note="",
    )
    with pytest.raises(RecordError) as err:
        add_unlisted([listed], (row,), Report())
    assert err.value.field == "id"
    added: list[Entry] = []
    add_unlisted(added, (row,), Report())
    assert [(e.key, e.listed, e.counted) for e in added] == [("draft:S/3510", False, False)]
