"""The mandate calendar for any date since 1948: every mandate under periodic renewal has an end
date, the chains have no unexplained gap, and `unsc mandates due` lists what really ran out.

The end dates are the curated facts of ``unsc/data/mandates.csv`` (each from the resolution's
operative paragraph, by symbol); the expected lists below are worked out from those
resolutions, e.g. for 2015: UNFICYP (res. 2168 (2014), to 31 January 2015), UNDOF (res. 2192
(2014), to 30 June 2015), MONUSCO (res. 2147 (2014), to 31 March 2015) and so on.
"""

from __future__ import annotations

import csv
import re
import sqlite3
from datetime import date, timedelta
from importlib import resources

import pytest

from unsc.missions import (
    ActionKind,
    EndCheck,
    MandateState,
    MissionKind,
    all_chains,
    check_chain,
    mandate_status,
    mandates_due,
)
from unsc.missions.loaders import load_curated_mandates, load_missions

SAMPLES = [date(y, 1, 1) for y in (1965, 1975, 1985, 1995, 2000, 2005, 2010, 2015, 2020)]

OPEN_START = {date(1995, 1, 1): {"MINURSO"}}
"""Missions under periodic renewal that were still in a first period with no fixed end: MINURSO
(res. 690 (1991) set none; res. 973 (1995) of 13 January 1995 set the first, to 31 May 1995)."""

DUE_2015 = {
    "UNFICYP", "UNDOF", "UNIFIL", "MINURSO", "UNMIL", "UNOCI", "MINUSTAH",
    "UNAMID", "MONUSCO", "UNISFA", "UNMISS", "MINUSMA", "MINUSCA",
}  # fmt: skip
"""The 13 peacekeeping mandates in force on 1 January 2015 that ran out during the year."""


def _periodic_on(day: date) -> list[str]:
    return [
        m.acronym
        for m in load_missions().values()
        if m.periodic and m.start <= day and (m.end is None or day <= m.end)
    ]


@pytest.mark.parametrize("day", SAMPLES, ids=str)
def test_every_periodic_mandate_has_an_end_on_sampled_days(day: date) -> None:
    chains = all_chains()
    open_start = set()
    for acronym in _periodic_on(day):
        status = mandate_status(chains[acronym], day)
        if status.state is MandateState.OPEN_ENDED:
            open_start.add(acronym)
            continue
        assert status.state is MandateState.IN_FORCE, (acronym, status)
        assert status.mandate_end is not None and status.mandate_end >= day, acronym
        assert status.set_by is not None and status.set_by.origin == "curated", acronym
    assert open_start == OPEN_START.get(day, set())


def test_each_decade_has_missions_under_renewal() -> None:
    counts = {day.year: len(_periodic_on(day)) for day in SAMPLES}
    assert counts[1965] == 1  # UNFICYP alone: earlier operations had no fixed period
    assert counts[1975] == 3  # UNFICYP, UNEF II, UNDOF
    assert counts[1985] == 3  # UNFICYP, UNDOF, UNIFIL
    assert counts[1995] == 13  # the twelve due in 1995 (see below) and MINURSO


def test_no_chain_has_an_unexplained_gap() -> None:
    for chain in all_chains().values():
        kinds = {f.kind for f in check_chain(chain)}
        assert not kinds & {"gap", "order", "long_interval", "termination_not_last"}, (
            chain.mission.acronym,
            check_chain(chain),
        )


def test_explained_gaps_cite_the_resolution() -> None:
    """A renewal adopted after the previous end carries a note beginning "gap:" with its source."""
    gaps = [e for e in load_curated_mandates() if e.notes.startswith("gap:")]
    assert {(e.mission, e.number) for e in gaps} == {
        ("UNFICYP", 430),
        ("UNAVEM II", 834),
        ("UNMOT", 999),
    }
    for entry in gaps:
        assert f"S/RES/{entry.number}" in entry.notes


def _due(day: date, within: int = 366) -> set[str]:
    return {d.acronym for d in mandates_due(day, within, kind=MissionKind.PEACEKEEPING).due}


def test_2015_lists_the_13_mandates_that_ran_out() -> None:
    assert _due(date(2015, 1, 1)) == DUE_2015


def test_2010_and_2005() -> None:
    assert _due(date(2010, 1, 1)) == {
        "MINURCAT", "MINURSO", "MINUSTAH", "MONUC", "UNAMID", "UNDOF", "UNFICYP",
        "UNIFIL", "UNMIL", "UNMIS", "UNMIT", "UNOCI",
    }  # fmt: skip
    assert _due(date(2005, 1, 1)) == {
        "MINURSO", "MINUSTAH", "MONUC", "ONUB", "UNAMSIL", "UNDOF", "UNFICYP", "UNIFIL",
        "UNMEE", "UNMIL", "UNMISET", "UNOCI", "UNOMIG",
    }  # fmt: skip


def test_due_in_the_cold_war() -> None:
    # UNFICYP, res. 254 (1968): the first period to end on 15 December.
    assert _due(date(1968, 7, 1), 180) == {"UNFICYP"}
    assert _due(date(1979, 7, 1), 30) == {"UNEF II"}  # res. 438 (1978): lapsed 24 July 1979


def test_special_political_missions_are_on_the_calendar() -> None:
    due = {d.acronym: d for d in mandates_due(date(2023, 3, 1), 120).due}
    assert due["UNAMA"].mandate_end == date(2023, 3, 17)  # res. 2626 (2022)
    assert due["UNAMI"].mandate_end == date(2023, 5, 31)  # res. 2631 (2022)
    assert due["UNITAMS"].mandate_end == date(2023, 6, 3)  # res. 2636 (2022)
    assert due["UNAMA"].kind is MissionKind.POLITICAL
    # UNAMIS ran on short extensions until UNMIS replaced it (res. 1590 (2005)).
    early = {d.acronym: d for d in mandates_due(date(2005, 3, 1), 30).due}
    assert early["UNAMIS"].mandate_end == date(2005, 3, 10)  # res. 1574 (2004)


def test_the_lapse_rule_uses_the_end_dates() -> None:
    chains = all_chains()
    unficyp = mandate_status(chains["UNFICYP"], date(1970, 1, 1))
    assert unficyp.state is MandateState.IN_FORCE
    assert unficyp.set_by is not None and unficyp.set_by.number == 274
    assert unficyp.mandate_end == date(1970, 6, 15)
    # UNEF II: res. 438 (1978) ran to 24 July 1979 and nothing renewed it.
    assert mandate_status(chains["UNEF II"], date(1979, 7, 25)).state is MandateState.LAPSED
    # UNOSOM II's final period (res. 954 (1994)) ran out as announced.
    final = mandate_status(chains["UNOSOM II"], date(1995, 4, 1))
    assert final.state is MandateState.TERMINATED


def _rows() -> list[dict[str, str]]:
    text = resources.files("unsc").joinpath("data", "mandates.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def test_every_row_has_its_source_and_check() -> None:
    symbol = re.compile(r"^S/RES/(\d+) \((\d{4})\)")
    for row in _rows():
        where = (row["mission"], row["number"])
        match = symbol.match(row["source"])
        assert match, where
        assert match.group(1) == row["number"], where
        assert match.group(2) == row["date"][:4], where
        assert row["checked"] in {c.value for c in EndCheck}, where
        if row["checked"] == "page":
            assert row["checked_against"].startswith("http"), where
        assert row["action"] in {a.value for a in ActionKind}, where
        date.fromisoformat(row["date"])
        if row["mandate_end"]:
            end = date.fromisoformat(row["mandate_end"])
            # Nothing ends before it is adopted, except a termination adopted days late
            # (res. 1997 (2011) ended UNMIS as of 9 July 2011, two days earlier).
            assert end >= date.fromisoformat(row["date"]) - timedelta(days=3), where


def test_how_the_end_dates_were_checked() -> None:
    rows = [r for r in _rows() if r["mandate_end"]]
    counts = {c.value: sum(r["checked"] == c.value for r in rows) for c in EndCheck}
    assert len(rows) >= 950
    assert counts["page"] >= 40 and counts["title"] >= 150


@pytest.mark.slow
def test_numbers_dates_and_titles_agree_with_the_record(record: sqlite3.Connection) -> None:
    """Each curated number is in the record with the same date (or a note on the difference);
    an end date marked ``title`` is the one the record's title states."""
    from unsc.missions.titles import mandate_end_of

    known = {
        r["number"]: (r["date"], r["title"] or "")
        for r in record.execute("SELECT number, date, title FROM resolutions")
    }
    for row in _rows():
        number = int(row["number"])
        if number not in known:
            assert int(row["date"][:4]) >= 2024, row  # after the record
            continue
        adopted, title = known[number]
        if adopted != row["date"]:
            assert "the record dates it" in row["notes"], row
        if row["checked"] == "title":
            assert mandate_end_of(title) == date.fromisoformat(row["mandate_end"]), row


def test_what_each_resolution_did() -> None:
    from unsc.missions import curated_by_resolution

    rows = curated_by_resolution()
    assert [(e.mission, e.action) for e in rows[2690]] == [("MINUSMA", ActionKind.TERMINATE)]
    assert {(e.mission, e.action) for e in rows[1528]} == {
        ("MINUCI", ActionKind.TERMINATE),
        ("UNOCI", ActionKind.ESTABLISH),
    }
    assert rows[2717][0].action is ActionKind.DRAW_DOWN  # MONUSCO, December 2023
    assert 242 not in rows  # res. 242 (1967) set no mandate


def test_the_calendar_reuses_chains() -> None:
    chains = all_chains()
    days = [date(y, 1, 1) for y in range(2005, 2024)]
    for day in days:
        assert _due(day) == {
            d.acronym
            for d in mandates_due(day, 366, kind=MissionKind.PEACEKEEPING, chains=chains).due
        }
