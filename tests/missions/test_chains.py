"""Every mission and every mandate chain: complete, ordered, no unexplained gaps, and a
termination for every closed mission. Facts the data cannot show are named, mission by mission,
in ``MISSING``: a change in either direction (a new gap, or a fact filled in) fails the test."""

from __future__ import annotations

import csv
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from unsc.missions import all_chains, check_chain, load_missions
from unsc.missions.loaders import CROSSWALK, load_crosswalk, source_dir
from unsc.missions.models import MissionKind, MissionStatus, TerminationKind

MISSING: dict[str, set[str]] = {
    # Established by the General Assembly: no Council resolution set them up.
    "UNEF I": {"no_establishment", "no_termination"},  # ended by Egypt's request, May 1967
    "UNSF": {"no_establishment", "no_termination"},
    # Closed; the resolution (or decision) that ended them is not in the curated data.
    "UNOGIL": {"no_termination"},
    "ONUC": {"no_termination"},
    "UNYOM": {"no_termination"},
    "DOMREP": {"no_termination"},
    "UNIPOM": {"no_termination"},
    "UNGOMAP": {"no_termination"},
    "UNTAG": {"no_termination"},  # ended with Namibia's independence, 21 March 1990
}


# With the record, establishing resolutions get their dates and renewals whose record title
# names the mission join the chains; the curated rows leave no interval unexplained.
MISSING_WITH_RECORD = MISSING


def _findings(conn: sqlite3.Connection | None = None) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for chain in all_chains(conn).values():
        for finding in check_chain(chain):
            found.setdefault(finding.mission, set()).add(finding.kind)
    return found


def test_every_peacekeeping_operation_is_listed() -> None:
    missions = load_missions()
    peacekeeping = [m for m in missions.values() if m.kind is MissionKind.PEACEKEEPING]
    assert len(peacekeeping) == 70
    assert sum(m.status is MissionStatus.ACTIVE for m in peacekeeping) == 11
    assert len(missions) - len(peacekeeping) == 17  # special political missions
    for m in missions.values():
        assert m.hosts or m.territory, m.acronym
        assert m.source, m.acronym
        assert (m.end is None) == (m.status is MissionStatus.ACTIVE), m.acronym
        if m.end is not None:
            assert m.end >= m.start, m.acronym


def test_lineage_is_symmetric() -> None:
    missions = load_missions()
    for m in missions.values():
        for s in m.successors:
            assert m.acronym in missions[s].predecessors, (m.acronym, s)
        for p in m.predecessors:
            assert m.acronym in missions[p].successors, (m.acronym, p)
    assert missions["MONUC"].successors == ("MONUSCO",)
    assert missions["UNOSOM I"].successors == ("UNOSOM II",)
    assert missions["MINUSTAH"].successors == ("MINUJUSTH",)
    assert missions["UNTAET"].successors == ("UNMISET",)


def test_closed_missions_say_how_they_ended() -> None:
    unknown = {
        m.acronym
        for m in load_missions().values()
        if m.status is MissionStatus.CLOSED and m.termination is None
    }
    # Early operations whose ending (a resolution, a lapse or a decision of the Secretary-
    # General) the curated data does not state.
    assert unknown == {"UNOGIL", "ONUC", "UNYOM", "DOMREP", "UNIPOM"}
    for m in load_missions().values():
        if m.termination in (TerminationKind.RESOLUTION, TerminationKind.SUCCEEDED):
            assert m.terminated_by is not None, m.acronym


def test_chains_are_ordered_without_unexplained_gaps() -> None:
    found = _findings()
    for mission, kinds in found.items():
        assert "order" not in kinds, mission
        assert "gap" not in kinds, mission
        assert "termination_not_last" not in kinds, mission


def test_missing_facts_are_exactly_the_named_ones() -> None:
    if load_crosswalk() is None:
        pytest.skip("the resolution-title crosswalk is not in the source directory")
    assert _findings() == MISSING


@pytest.mark.slow
def test_missing_facts_with_the_record(record: sqlite3.Connection) -> None:
    if load_crosswalk() is None:
        pytest.skip("the resolution-title crosswalk is not in the source directory")
    found = _findings(record)
    for mission, kinds in found.items():
        assert not kinds & {"order", "gap", "termination_not_last"}, mission
    assert found == MISSING_WITH_RECORD


@pytest.mark.slow
def test_record_titles_complete_monusco(record: sqlite3.Connection) -> None:
    """The crosswalk missed MONUSCO's renewals (titles cut before the acronym); the record's
    titles give them, e.g. res. 2612 (2021)."""
    chain = all_chains(record)["MONUSCO"]
    numbers = [e.number for e in chain.entries]
    assert numbers[0] == 1925
    assert 2612 in numbers and 2666 in numbers and 2808 in numbers
    assert len(numbers) >= 16


def test_chains_cover_the_title_crosswalk() -> None:
    """Every crosswalk resolution of a listed mission is in that mission's chain."""
    path = source_dir() / CROSSWALK
    if not path.is_file():
        pytest.skip(f"no crosswalk at {path}")
    chains = all_chains()
    rows = load_crosswalk()
    assert rows is not None
    for row in rows:
        numbers = {e.number for e in chains[row.mission].entries}
        assert row.number in numbers, (row.mission, row.number)
    with path.open(encoding="utf-8") as handle:
        acronyms = {r["mission_acronym"] for r in csv.DictReader(handle)}
    assert len(acronyms) == 57


def test_missions_match_the_un_list() -> None:
    """The UN list (psdata DPPADPOSS-PKO): every peacekeeping entry is one of ours."""
    path = source_dir() / "peacekeeping" / "psdata_DPPADPOSS-PKO.csv"
    if not path.is_file():
        pytest.skip(f"no UN list at {path}")
    with path.open(encoding="utf-8") as handle:
        listed = {r["mission_acronym"].strip() for r in csv.DictReader(handle)}
    # Entries of that list that are not single peacekeeping operations: aggregates of two
    # missions, a Special Committee of the General Assembly, political or humanitarian offices,
    # headquarters and components, and a GA mission.
    not_ours = {
        "UNOSOM", "UNEF", "UNAVEM", "UNSCOB", "UNOHCI", "UNSMA", "UNGCI", "UNFOR", "UNPF",
        "IPTF", "MICAH", "MINUCI", "UNPSG",
    }  # fmt: skip
    ours = {a for a, m in load_missions().items() if m.kind is MissionKind.PEACEKEEPING}
    assert listed - not_ours - ours == set()
    assert ours - listed == {"UNTAG", "UNTMIH"}  # both on the UN's list of past operations


def test_active_missions_have_a_latest_mandate() -> None:
    for chain in all_chains().values():
        m = chain.mission
        if m.status is MissionStatus.ACTIVE and m.periodic:
            latest = chain.latest()
            assert latest is not None and latest.mandate_end is not None, m.acronym
            through = m.curated_through.year if m.curated_through else 2025
            assert latest.date is not None and latest.date.year >= through, m.acronym


@pytest.mark.slow
def test_establishing_and_terminating_resolutions_fit_the_dates(
    record: sqlite3.Connection,
) -> None:
    """The record dates each named resolution: established on or before the start (give or
    take a month), ended after the start and no later than a month after the end."""
    month = timedelta(days=31)
    late_starts = {"UNTAG"}  # res. 435 (1978) was implemented only from 1989 (res. 632)
    confirmed_later = {"UNGOMAP"}  # deployed May 1988; res. 622 (31 Oct 1988) confirmed it
    for chain in all_chains(record).values():
        m = chain.mission
        est = chain.established
        if est is not None:
            assert est.date is not None, m.acronym
            if m.acronym not in confirmed_later:
                assert est.date <= m.start + month, m.acronym
            if m.acronym not in late_starts:
                assert m.start - est.date < timedelta(days=400), m.acronym
        term = chain.termination
        if term is not None and m.end is not None:
            assert term.date is not None, m.acronym
            assert term.date <= m.end + month, m.acronym
            if term.number != m.established_by:  # not a single fixed term (MINUGUA, UNCPSG)
                assert m.start <= term.date, m.acronym


def test_record_missing_does_not_stop_the_chains(tmp_path: Path) -> None:
    chains = all_chains(source=tmp_path)  # no crosswalk there: curated facts only
    assert len(chains["MINUSMA"].entries) == 11
    assert not chains["MINUSMA"].titles_available
    assert [e.number for e in chains["UNOSOM I"].entries] == [751, 767, 775, 814]


def test_lineage() -> None:
    from unsc.missions.loaders import lineage

    assert lineage("MIPONUH") == ("UNMIH", "UNSMIH", "UNTMIH", "MIPONUH")
    assert lineage("monusco") == ("MONUC", "MONUSCO")
    assert lineage("UNPREDEP") == ("UNPROFOR", "UNCRO", "UNPREDEP")
    assert lineage("UNTSO") == ("UNTSO",)


def test_a_curated_row_without_a_number_goes_in_date_order() -> None:
    from datetime import date

    from unsc.missions.chain import _merge
    from unsc.missions.models import ActionKind, MandateResolution

    def row(number: int | None, day: date) -> MandateResolution:
        return MandateResolution("X", number, day, ActionKind.RENEW, day)

    merged = _merge(
        [[row(10, date(2020, 1, 1)), row(12, date(2021, 1, 1))], [row(None, date(2020, 6, 1))]]
    )
    assert [e.number for e in merged] == [10, None, 12]
