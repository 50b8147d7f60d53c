"""Host positions: the curated consent events, their sources, and the host's position as of a
date. Spot facts are the events the sources give, e.g. Mali's request of 16 June 2023 (Foreign
Minister Diop to the Council), Egypt's of 18 May 1967, Sudan's letter of 16 November 2023."""

from __future__ import annotations

import csv
import re
from datetime import date, timedelta
from importlib import resources

from hypothesis import given, settings
from hypothesis import strategies as st

from unsc.missions import (
    ConsentEventKind,
    HostPosition,
    find_mission,
    host_position,
    load_consent_events,
    load_missions,
    position_spans,
)

ADMINISTERING = {"MINURSO": {"MAR"}}
"""Western Sahara has no recognised host state; Morocco administers most of it (MINURSO)."""


def _rows() -> list[dict[str, str]]:
    text = resources.files("unsc").joinpath("data", "consent_events.csv").read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


def test_every_row_has_a_source_an_iso_date_and_a_known_mission() -> None:
    missions = load_missions()
    symbol = re.compile(r"(https?://|S/RES/\d+|A/\d+|GA res\.)")
    for row in _rows():
        where = (row["mission"], row["date"])
        assert row["mission"] in missions, where
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["date"]), where
        date.fromisoformat(row["date"])
        assert row["source"] and symbol.search(row["source"]), where
        assert row["title"], where
        ConsentEventKind(row["kind"])
        if row["position"]:
            HostPosition(row["position"])


def test_positions_come_from_the_host() -> None:
    for event in load_consent_events():
        if event.position is None:
            continue
        mission = find_mission(event.mission)
        hosts = set(mission.hosts) | ADMINISTERING.get(mission.acronym, set())
        assert event.actor in hosts, (event.mission, event.date, event.actor)
        assert event.kind.host_action, (event.mission, event.date)
        assert event.kind is not ConsentEventKind.COUNCIL_DECISION


def test_at_least_twenty_cases_across_missions() -> None:
    positioned = [e for e in load_consent_events() if e.position is not None]
    assert len(positioned) >= 25
    assert len({e.mission for e in positioned}) >= 15
    kinds = {e.position for e in positioned}
    assert kinds == set(HostPosition)  # every position occurs at least once


def _event(mission: str, day: date) -> list[HostPosition | None]:
    return [e.position for e in load_consent_events() if e.mission == mission and e.date == day]


def test_spot_facts() -> None:
    assert _event("MINUSMA", date(2023, 6, 16)) == [HostPosition.REQUESTS_WITHDRAWAL]
    assert _event("UNEF I", date(1967, 5, 18)) == [HostPosition.REQUESTS_WITHDRAWAL]
    assert _event("UNITAMS", date(2023, 11, 16)) == [HostPosition.REQUESTS_WITHDRAWAL]
    assert _event("MINURCAT", date(2010, 1, 15)) == [HostPosition.REQUESTS_WITHDRAWAL]
    assert _event("MONUSCO", date(2023, 9, 20)) == [HostPosition.REQUESTS_DRAWDOWN]
    assert _event("UNPROFOR", date(1995, 1, 12)) == [HostPosition.WITHDRAWS_CONSENT]
    assert _event("UNMEE", date(2005, 10, 4)) == [HostPosition.RESTRICTS]
    assert _event("UNMIS", date(2011, 5, 1)) == [HostPosition.WITHDRAWS_CONSENT]


def test_minusma_position_as_of_dates() -> None:
    before = host_position("MINUSMA", date(2022, 1, 1))
    assert before.position is HostPosition.CONSENTS and before.assumed
    assert host_position("MINUSMA", date(2022, 8, 1)).position is HostPosition.RESTRICTS
    on_the_day = host_position("MINUSMA", date(2023, 6, 16))
    assert on_the_day.position is HostPosition.REQUESTS_WITHDRAWAL
    assert on_the_day.since == date(2023, 6, 16)
    assert host_position("MINUSMA", date(2023, 6, 15)).position is HostPosition.RESTRICTS


def test_a_restriction_does_not_soften_a_request() -> None:
    # Sudan asked UNAMID for an exit strategy (21 November 2014), then closed its human rights
    # office in Khartoum (23 November 2014): the request stands.
    stance = host_position("UNAMID", date(2014, 12, 1))
    assert stance.position is HostPosition.REQUESTS_WITHDRAWAL
    assert stance.since == date(2014, 11, 21)
    # A later consent does replace a withdrawal of consent (Croatia, January and March 1995).
    assert host_position("UNPROFOR", date(1995, 2, 1)).position is HostPosition.WITHDRAWS_CONSENT
    assert host_position("UNPROFOR", date(1995, 3, 20)).position is HostPosition.REQUESTS_DRAWDOWN


def test_missions_without_events_are_presumed_to_consent() -> None:
    stance = host_position("UNDOF", date(2020, 1, 1))
    assert stance.position is HostPosition.CONSENTS and stance.assumed and stance.event is None


def test_spans_cover_the_mission_without_overlap() -> None:
    for acronym in ("MINUSMA", "UNAMIR", "UNPROFOR", "UNAMID", "UNIFIL", "UNDOF"):
        spans = position_spans(acronym)
        assert spans[0].start == find_mission(acronym).start
        for before, after in zip(spans, spans[1:], strict=False):
            assert before.end == after.start - timedelta(days=1), acronym
        assert spans[-1].end is None


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(sorted({e.mission for e in load_consent_events()})),
    st.dates(min_value=date(1948, 1, 1), max_value=date(2030, 12, 31)),
)
def test_the_position_never_uses_a_later_event(acronym: str, day: date) -> None:
    stance = host_position(acronym, day)
    if stance.since is not None:
        assert stance.since <= day
        assert stance.event is not None and stance.event.date <= day
    spans = position_spans(acronym)
    covering = [s for s in spans if s.start <= day and (s.end is None or day <= s.end)]
    if day >= find_mission(acronym).start:
        assert [s.position for s in covering] == [stance.position]


def test_mission_view_and_timeline_show_the_positions() -> None:
    from unsc.missions import mission_view
    from unsc.web.missions import timeline

    view = mission_view("MINUSMA", None, on=date(2023, 6, 20))
    assert view["host_position"]["position"] == "requests_withdrawal"
    assert [s["position"] for s in view["host_positions"]] == [
        "consents",
        "restricts",
        "requests_withdrawal",
    ]
    lanes, _ = timeline(view["resolutions"], view["phases"], view["consent_events"])
    host = [lane for lane in lanes if lane.name == "Host position"]
    assert host and [item.kind for item in host[0].items][-1] == "requests_withdrawal"
