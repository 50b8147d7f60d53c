"""Real votes replayed through the rules engine (the cases and their sources are data:
``src/unsc/data/cases.toml``, shared with ``unsc demo``)."""

from __future__ import annotations

import pytest

from unsc.errors import RecordError
from unsc.rules import decide_on
from unsc.rules.historical import (
    HistoricalCase,
    disagreements,
    historical_cases,
    parse_cases,
    replay,
)
from unsc.types import Outcome

CASES = historical_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_historical_case(case: HistoricalCase) -> None:
    decision = replay(case)
    assert disagreements(case, decision) == [], decision.explanation
    assert decision.outcome is case.expect
    if case.tally:
        assert decision.tally == case.tally
    assert set(decision.vetoed_by) == set(case.vetoed_by)


def test_every_case_has_a_source_and_the_outcomes_are_varied() -> None:
    assert len(CASES) >= 12
    assert all(c.source for c in CASES)
    assert {c.expect for c in CASES} == set(Outcome)


def test_a_wrong_expectation_is_reported() -> None:
    (case,) = parse_cases(
        """
[[case]]
name = "res. 2334 (2016) said to be vetoed"
date = 2016-12-23
expect = "vetoed"
tally = "14-0-1"
abstain = ["USA"]
vetoed_by = ["USA"]
source = "S/RES/2334 (2016)"
"""
    )
    found = disagreements(case, replay(case))
    assert found == [
        "outcome adopted, the record says vetoed",
        "vetoed by nobody, the record says USA",
    ]


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ('date = "2016-12-23"', "date"),
        ('expect = "won"', "expect"),
        ('abstain = "USA"', "abstain"),
        ("colour = 1", "colour"),
    ],
)
def test_a_bad_case_names_the_file_case_and_field(line: str, field: str) -> None:
    text = '[[case]]\nname = "x"\ndate = 2016-12-23\nexpect = "adopted"\nsource = "s"\n'
    key = line.split(" =")[0]
    lines = [ln for ln in text.splitlines() if not ln.startswith(key + " =")] + [line]
    with pytest.raises(RecordError) as caught:
        parse_cases("\n".join(lines), file="cases.toml")
    assert caught.value.field == field
    assert "cases.toml case 1 (x)" in str(caught.value)


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
