"""MINUSMA against its sources: the mandate chain (each resolution's press release), the phases
and the consent events, the votes from the record, and the June 2023 decision replayed."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from unsc.missions import (
    ActionKind,
    ConsentEventKind,
    MandateState,
    PhaseKind,
    load_consent_events,
    mandate_chain,
    mandate_status,
    phases,
)
from unsc.missions.case_minusma import DECISION_DATE, build_case
from unsc.missions.loaders import find_mission
from unsc.missions.options import DraftOption
from unsc.types import Outcome

# (number, adopted, mandate end, military, police): each row from its press release
# (SC/11453, SC/12426, SC/12895, SC/13400, SC/13867, SC/14235, SC/14953,
# SC/15341, ReliefWeb for 2100, abamako for 2227, un.int/mali for 2584).
MINUSMA = [
    (2100, date(2013, 4, 25), date(2014, 6, 30), 11200, 1440),
    (2164, date(2014, 6, 25), date(2015, 6, 30), 11200, 1440),
    (2227, date(2015, 6, 29), date(2016, 6, 30), 11240, 1440),
    (2295, date(2016, 6, 29), date(2017, 6, 30), 13289, 1920),
    (2364, date(2017, 6, 29), date(2018, 6, 30), 13289, 1920),
    (2423, date(2018, 6, 28), date(2019, 6, 30), 13289, 1920),
    (2480, date(2019, 6, 28), date(2020, 6, 30), 13289, 1920),
    (2531, date(2020, 6, 29), date(2021, 6, 30), 13289, 1920),
    (2584, date(2021, 6, 29), date(2022, 6, 30), 13289, 1920),
    (2640, date(2022, 6, 29), date(2023, 6, 30), 13289, 1920),
    (2690, date(2023, 6, 30), date(2023, 6, 30), None, None),
]


def test_chain_matches_the_sources() -> None:
    chain = mandate_chain("MINUSMA")
    got = [(e.number, e.date, e.mandate_end, e.military, e.police) for e in chain.entries]
    assert got == MINUSMA
    assert chain.entries[0].action is ActionKind.ESTABLISH
    assert [e.action for e in chain.entries[1:-1]] == [ActionKind.RENEW] * 9
    assert chain.entries[-1].action is ActionKind.TERMINATE
    assert all(e.verified and e.source for e in chain.entries)


def test_mission_record() -> None:
    m = find_mission("minusma")
    assert (m.established_by, m.terminated_by, m.hosts) == (2100, 2690, ("MLI",))
    assert (m.start, m.end) == (date(2013, 4, 25), date(2023, 12, 31))


def test_chain_without_record_says_votes_are_unknown() -> None:
    chain = mandate_chain("MINUSMA")
    assert all(e.vote.text() == "unknown" for e in chain.entries)
    assert "no record database" in chain.votes_from


@pytest.mark.slow
def test_votes_from_the_record(record: sqlite3.Connection) -> None:
    chain = mandate_chain("MINUSMA", record)
    tallies = {e.number: e.vote for e in chain.entries}
    # SC/14953: 13-0-2, China and the Russian Federation abstaining; all others unanimous.
    assert tallies[2640].text() == "13-0-2"
    assert tallies[2640].abstainers == ("CHN", "RUS")
    assert [n for n, t in tallies.items() if not t.unanimous] == [2640]
    # SC/15341: res. 2690 adopted 15-0-0.
    assert tallies[2690].text() == "15-0-0"


def test_phases() -> None:
    got = [(p.kind, p.start, p.end) for p in phases(find_mission("MINUSMA"))]
    assert got == [
        (PhaseKind.ACTIVE, date(2013, 4, 25), date(2023, 6, 15)),
        (PhaseKind.CONSENT_WITHDRAWN, date(2023, 6, 16), date(2023, 6, 29)),
        (PhaseKind.TERMINATED, date(2023, 6, 30), date(2023, 6, 30)),
        (PhaseKind.WITHDRAWAL, date(2023, 7, 1), date(2023, 12, 31)),
        (PhaseKind.LIQUIDATION, date(2024, 1, 1), None),
    ]


def test_phases_are_contiguous() -> None:
    ps = phases(find_mission("MINUSMA"))
    for before, after in zip(ps, ps[1:], strict=False):
        assert before.end is not None
        assert (after.start - before.end).days == 1


@pytest.mark.parametrize(
    ("day", "kind", "actor", "words"),
    [
        (date(2020, 8, 18), ConsentEventKind.GOVERNMENT_CHANGE, "MLI", "Keïta"),
        (date(2021, 5, 24), ConsentEventKind.GOVERNMENT_CHANGE, "MLI", "Goïta"),
        (date(2022, 7, 14), ConsentEventKind.RESTRICTION, "MLI", "rotations"),
        (date(2022, 7, 20), ConsentEventKind.EXPULSION, "MLI", "Salgado"),
        (date(2023, 2, 5), ConsentEventKind.PERSONA_NON_GRATA, "MLI", "Human-rights director"),
        (date(2023, 1, 16), ConsentEventKind.REVIEW, "UN", "S/2023/36"),
        (date(2023, 6, 16), ConsentEventKind.WITHDRAWAL_REQUEST, "MLI", "withdrawal"),
        (date(2023, 6, 30), ConsentEventKind.COUNCIL_DECISION, "UN", "2690"),
        (date(2023, 12, 31), ConsentEventKind.DEADLINE, "UN", "Withdrawal deadline"),
    ],
)
def test_consent_events(day: date, kind: ConsentEventKind, actor: str, words: str) -> None:
    """The coups, rotations, expulsions, review, request, 2690, deadline (each event's source is
    in consent_events.csv)."""
    events = [e for e in load_consent_events() if e.mission == "MINUSMA" and e.date == day]
    match = [e for e in events if e.kind is kind and e.actor == actor and words in e.title]
    assert len(match) == 1, events
    assert match[0].source


def test_review_is_dated_to_the_month_and_rotations_approximately() -> None:
    events = {e.kind: e for e in load_consent_events() if e.mission == "MINUSMA"}
    assert events[ConsentEventKind.REVIEW].when() == "Jan 2023"
    assert events[ConsentEventKind.RESTRICTION].when().startswith("c. 2022-07")


def test_lapse_rule_without_resolution_2690() -> None:
    case = build_case()
    assert case.without_decision.state is MandateState.LAPSED
    assert case.without_decision.mandate_end == date(2023, 6, 30)
    chain = mandate_chain("MINUSMA")
    assert mandate_status(chain, date(2023, 6, 29)).state is MandateState.IN_FORCE
    assert mandate_status(chain, date(2023, 7, 1)).state is MandateState.TERMINATED


def test_options_as_draft_scenarios() -> None:
    case = build_case()
    assert [o.option.number for o in case.options] == [1, 2, 3]
    first, second, third = case.options
    # S/2023/36 (as S/2023/402 reports it): +3,680 (or 2,000); consolidate; withdraw uniformed
    # units.
    assert first.option.military_change == 3680
    assert second.option.military_ceiling == 13289
    assert third.option.military_ceiling == 0
    for a in case.options:
        assert (a.required, a.members, a.slack) == (9, 15, 6)
        assert a.veto_holders == ("CHN", "FRA", "GBR", "RUS", "USA")
    # Options keeping uniformed units contradict Mali's request of 16 June 2023.
    assert first.conflicts_with_host is not None
    assert first.conflicts_with_host.date == date(2023, 6, 16)
    assert third.conflicts_with_host is None


def test_decision_replayed_by_the_rules_engine() -> None:
    case = build_case()
    d = case.decision.decision
    assert (d.outcome, d.tally) == (Outcome.ADOPTED, "15-0-0")
    assert case.replay_matches_record is None  # no record given


@pytest.mark.slow
def test_case_with_record(record: sqlite3.Connection) -> None:
    case = build_case(record)
    assert case.replay_matches_record is True
    labels = {r.label: r.decision for r in case.options[0].replays}
    pattern = labels["the 2022 abstainers (CHN, RUS) abstain again"]
    assert (pattern.outcome, pattern.tally) == (Outcome.ADOPTED, "13-0-2")
    assert labels["RUS votes against instead of abstaining"].outcome is Outcome.VETOED
    assert labels["CHN votes against instead of abstaining"].vetoed_by == ("CHN",)
    assert labels["seven elected members abstain"].outcome is Outcome.FAILED


def test_forecaster_hook_is_called_per_option() -> None:
    calls: list[tuple[int, date]] = []

    def forecaster(option: DraftOption, on: date) -> float:
        calls.append((option.number, on))
        return 0.25 * option.number

    case = build_case(forecaster=forecaster)
    assert calls == [(1, DECISION_DATE), (2, DECISION_DATE), (3, DECISION_DATE)]
    assert [a.forecast for a in case.options] == [0.25, 0.5, 0.75]
    assert build_case().options[0].forecast is None
