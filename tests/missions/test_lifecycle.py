"""The mandate-lapse rule, technical rollovers and mandate states: historical cases and
properties over generated chains."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from unsc.missions import (
    ActionKind,
    MandateChain,
    MandateResolution,
    MandateState,
    lapses,
    mandate_chain,
    mandate_status,
    rollovers,
)
from unsc.missions.lifecycle import check_chain, usual_period
from unsc.missions.loaders import find_mission
from unsc.missions.models import MissionStatus, TerminationKind


def test_unomig_lapsed_after_the_veto_of_june_2009() -> None:
    """S/2009/310 vetoed by the Russian Federation on 15 June 2009; res. 1866 ran to 15 June."""
    chain = mandate_chain("UNOMIG")
    assert [(e.number, day) for e, day in lapses(chain)] == [(1866, date(2009, 6, 16))]
    assert mandate_status(chain, date(2009, 6, 15)).state is MandateState.IN_FORCE
    status = mandate_status(chain, date(2009, 6, 16))
    assert status.state is MandateState.LAPSED
    assert "2009-06-15" in status.note


def test_unef_ii_lapsed_in_july_1979() -> None:
    """Res. 438 (1978) renewed UNEF II to 24 July 1979; no renewal followed."""
    chain = mandate_chain("UNEF II")
    assert [(e.number, day) for e, day in lapses(chain)] == [(438, date(1979, 7, 25))]


def test_unpredep_lapsed_after_the_veto_of_february_1999() -> None:
    """S/1999/201 vetoed by China on 25 February 1999; res. 1186 (1998) ran to 28 February."""
    chain = mandate_chain("UNPREDEP")
    assert [(e.number, day) for e, day in lapses(chain)] == [(1186, date(1999, 3, 1))]


def test_unmiss_technical_rollovers() -> None:
    """Res. 2778 (2025): nine days (SC/16054); res. 2726 (2024) moved the cycle to 30 April.

    With every end date curated the earlier short extensions show too: res. 2241 (2015) to
    15 December 2015, res. 2302 (2016) to 12 August 2016, res. 2326 (2016) for one day and
    res. 2392 (2017) for three months.
    """
    chain = mandate_chain("UNMISS")
    assert [(e.number, days) for e, days in rollovers(chain)] == [
        (2241, 15),
        (2302, 12),
        (2326, 1),
        (2392, 90),
        (2726, 46),
        (2778, 9),
    ]
    # Six-month and shorter renewals of 2014-2017 pull the median below a year.
    assert 250 <= (usual_period(chain) or 0) <= 366


def test_six_monthly_renewals_are_not_rollovers() -> None:
    chain = mandate_chain("UNDOF")
    assert rollovers(chain) == []
    assert 180 <= (usual_period(chain) or 0) <= 184


def test_open_ended_mandates() -> None:
    for acronym in ("UNTSO", "UNMOGIP", "UNMIK"):
        status = mandate_status(mandate_chain(acronym), date(2023, 6, 1))
        assert status.state is MandateState.OPEN_ENDED, acronym


def test_beyond_the_curated_data_a_lapse_is_not_claimed() -> None:
    """UNMISS's mandate under res. 2779 ran to 30 April 2026, after the curated data ends."""
    status = mandate_status(mandate_chain("UNMISS"), date(2026, 6, 1))
    assert status.state is MandateState.UNKNOWN
    assert "curated" in status.note


def test_a_final_extension_that_runs_out_is_a_termination() -> None:
    status = mandate_status(mandate_chain("UNMIL"), date(2019, 1, 1))
    assert status.state is MandateState.TERMINATED


# Property tests over generated chains of a hypothetical mission.

BASE = find_mission("MINUSMA")
MISSION = replace(
    BASE,
    acronym="TEST",
    status=MissionStatus.ACTIVE,
    end=None,
    terminated_by=None,
    termination=None,
    start=date(2000, 1, 1),
)


def _chain(periods: list[int], delays: list[int]) -> MandateChain:
    """Renewals adopted ``delay`` days before (negative: after) each mandate end."""
    entries = []
    end = date(2000, 12, 31)
    entries.append(MandateResolution("TEST", 1000, date(2000, 1, 1), ActionKind.ESTABLISH, end))
    for i, (length, delay) in enumerate(zip(periods, delays, strict=False), start=1):
        adopted = end - timedelta(days=delay)
        end = end + timedelta(days=length)
        entries.append(MandateResolution("TEST", 1000 + i, adopted, ActionKind.RENEW, end))
    return MandateChain(MISSION, tuple(entries), titles_available=False, votes_from="unknown")


lengths = st.lists(st.integers(min_value=150, max_value=400), min_size=1, max_size=8)


@given(lengths, st.data())
def test_renewals_in_time_never_lapse(periods: list[int], data: st.DataObject) -> None:
    delays = data.draw(st.lists(st.integers(0, 30), min_size=len(periods), max_size=len(periods)))
    chain = _chain(periods, delays)
    assert lapses(chain) == []
    assert [f for f in check_chain(chain) if f.kind == "gap"] == []
    assert rollovers(chain) == []
    last = chain.entries[-1]
    assert last.mandate_end is not None
    assert mandate_status(chain, last.mandate_end).state is MandateState.IN_FORCE


@given(lengths, st.data())
def test_one_late_renewal_is_one_lapse_and_one_gap(periods: list[int], data: st.DataObject) -> None:
    late = data.draw(st.integers(0, len(periods) - 1))
    delays = [10] * len(periods)
    delays[late] = -data.draw(st.integers(2, 60))
    chain = _chain(periods, delays)
    found = lapses(chain)
    assert len(found) == 1
    lapsed_entry, day = found[0]
    assert lapsed_entry.number == 1000 + late
    assert lapsed_entry.mandate_end is not None
    assert day == lapsed_entry.mandate_end + timedelta(days=1)
    assert [f.kind for f in check_chain(chain) if f.kind == "gap"] == ["gap"]
    # Between the end date and the late renewal the mandate had lapsed.
    assert mandate_status(chain, day).state in (MandateState.LAPSED, MandateState.UNKNOWN)


@given(st.integers(1, 60), st.integers(300, 400))
def test_a_short_renewal_among_long_ones_is_a_rollover(short: int, usual: int) -> None:
    chain = _chain([usual, usual, short, usual], [5, 5, 5, 5])
    assert [e.number for e, _ in rollovers(chain)] == [1003]


def test_lapse_explains_the_gap_for_a_lapsed_mission() -> None:
    mission = replace(MISSION, status=MissionStatus.CLOSED, termination=TerminationKind.LAPSE)
    chain = _chain([365], [10])
    chain = MandateChain(mission, chain.entries, titles_available=False, votes_from="unknown")
    assert [e.number for e, _ in lapses(chain)] == [1001]
    assert [f.kind for f in check_chain(chain)] == []
