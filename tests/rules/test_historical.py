"""Real votes replayed through the rules engine (sources in historical_cases.py)."""

from __future__ import annotations

import pytest

from tests.rules.historical_cases import CASES, Case
from unsc.rules import decide_on


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_historical_case(case: Case) -> None:
    decision = decide_on(
        case.on,
        no=case.no,
        abstain=case.abstain,
        not_voting=case.not_voting,
        absent=case.absent,
    )
    assert decision.outcome.value == case.expect, decision.explanation
    if case.tally:
        assert decision.tally == case.tally
    assert set(decision.vetoed_by) == set(case.vetoed_by)


def test_1950_council_has_eleven_members_and_needs_seven() -> None:
    decision = decide_on(CASES[0].on, abstain=["YUG"], absent=["SUN"])
    assert decision.required == 7
    assert decision.yes + decision.abstain + decision.absent == 11
    assert any("absent" in note for note in decision.notes)


def test_mali_veto_explanation_names_russia() -> None:
    case = next(c for c in CASES if c.name.startswith("S/2023/638"))
    decision = decide_on(case.on, no=case.no, abstain=case.abstain)
    assert decision.explanation == (
        "vetoed: 13 in favour (9 required), but permanent member RUS voted no"
    )


def test_russian_alternative_fails_and_japan_is_no_veto() -> None:
    case = next(c for c in CASES if c.name.startswith("S/2023/639"))
    decision = decide_on(case.on, no=case.no, abstain=case.abstain)
    assert decision.explanation.startswith("failed: 1 in favour, 9 required")
    assert decision.vetoed_by == ()
    assert "JPN voted no, which is not a veto" in decision.explanation


def test_failed_draft_names_permanent_no_without_calling_it_a_veto() -> None:
    # S/2022/720-style: a draft with few votes and a permanent "no" is failed, not vetoed.
    decision = decide_on(
        CASES[3].on,
        no=["USA", "GBR"],
        abstain=["ALB", "BRA", "ECU", "FRA", "GAB", "GHA", "JPN", "MLT", "MOZ", "CHE"],
    )
    assert decision.outcome.value == "failed"
    assert decision.vetoed_by == ()
    assert decision.permanent_no == ("GBR", "USA")
    assert "GBR and USA also voted no" in decision.explanation
