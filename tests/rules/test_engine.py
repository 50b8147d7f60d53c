"""The rules engine on constructed ballots: procedural matters, strict mode, errors."""

from __future__ import annotations

from datetime import date

import pytest

from unsc.errors import InputError
from unsc.rules import decide, decide_config, decide_on, decide_with_preliminary
from unsc.rules.double_veto import decide_with_ruling
from unsc.types import Matter, Outcome, Vote

ON = date(2023, 6, 30)


def test_procedural_matter_carries_no_veto() -> None:
    decision = decide_on(ON, no=["RUS", "CHN"], matter=Matter.PROCEDURAL)
    assert decision.outcome is Outcome.ADOPTED
    assert "procedural matter" in decision.explanation


def test_procedural_matter_still_needs_nine() -> None:
    no = ["RUS", "CHN", "ALB", "BRA", "ECU", "GAB", "GHA"]
    decision = decide_on(ON, no=no, matter=Matter.PROCEDURAL)
    assert decision.outcome is Outcome.FAILED
    assert decision.yes == 8


@pytest.mark.parametrize("matter", [Matter.AMENDMENT, Matter.PRELIMINARY, Matter.SUBSTANTIVE])
def test_amendments_and_preliminary_questions_can_be_vetoed(matter: Matter) -> None:
    assert decide_on(ON, no=["FRA"], matter=matter).outcome is Outcome.VETOED


def test_unknown_code_names_the_parameter() -> None:
    with pytest.raises(InputError) as err:
        decide_on(ON, abstain=["XXX"])
    assert err.value.field == "abstain"
    assert "unknown member code 'XXX'" in str(err.value)


def test_code_not_on_council_is_an_error() -> None:
    with pytest.raises(InputError, match="MLI .* was not a member of the Council on 2023-06-30"):
        decide_on(ON, no=["MLI"])


def test_successor_state_hint_for_permanent_seat() -> None:
    with pytest.raises(InputError, match="held by SUN"):
        decide_on(date(1980, 1, 15), no=["RUS"])
    with pytest.raises(InputError, match="held by TWN"):
        decide_on(date(1950, 6, 25), no=["CHN"])


def test_member_named_twice_is_an_error() -> None:
    with pytest.raises(InputError, match="named in both"):
        decide_on(ON, no=["RUS"], abstain=["RUS"])


def test_china_seat_changes_hands_in_october_1971() -> None:
    before = decide_on(date(1971, 10, 1), no=["TWN"])
    after = decide_on(date(1971, 11, 1), no=["CHN"])
    assert before.vetoed_by == ("TWN",)
    assert after.vetoed_by == ("CHN",)


def test_russian_federation_holds_the_seat_from_24_december_1991() -> None:
    assert decide_on(date(1991, 12, 23), no=["SUN"]).vetoed_by == ("SUN",)
    assert decide_on(date(1991, 12, 31), no=["RUS"]).vetoed_by == ("RUS",)


def test_strict_mode_makes_a_party_abstain() -> None:
    # S/2014/189 (Crimea, 15 Mar 2014): 13-1-1, Russia against, China abstaining. Under a
    # Charter-strict reading Russia, a party, would have had to abstain.
    practice = decide_on(date(2014, 3, 15), no=["RUS"], abstain=["CHN"])
    strict = decide_on(date(2014, 3, 15), no=["RUS"], abstain=["CHN"], strict=True, parties=["RUS"])
    assert practice.outcome is Outcome.VETOED
    assert strict.outcome is Outcome.ADOPTED
    assert strict.abstain == 2
    assert any("must abstain" in note for note in strict.notes)


def test_window_after_amendment_notes_the_edge_case() -> None:
    decision = decide_on(date(1965, 10, 1))
    assert decision.required == 7
    assert any("31 Aug 1965" in note for note in decision.notes)


def test_veto_needs_two_permanent_members() -> None:
    assert decide_config("veto-needs-two", no=["P-RUS"]).outcome is Outcome.ADOPTED
    two = decide_config("veto-needs-two", no=["P-RUS", "P-CHN"])
    assert two.outcome is Outcome.VETOED
    assert two.vetoed_by == ("P-CHN", "P-RUS")


def test_reform_preset_by_seats() -> None:
    decision = decide_config("ezulwini", no=["NP1"])
    assert decision.outcome is Outcome.VETOED
    assert decide_config("ezulwini-no-veto", no=["NP1"]).outcome is Outcome.ADOPTED
    assert decision.required == 15


def test_preset_with_other_size_rejected_for_a_real_date() -> None:
    with pytest.raises(InputError, match="24 seats"):
        decide_on(ON, council="hlp-2004-a")


def test_double_veto_czechoslovak_question_1948() -> None:
    # 303rd meeting, 24 May 1948: preliminary question 8-2-1 (USSR, Ukrainian SSR against;
    # France abstaining); the USSR's "no" vetoed it, then the draft itself was vetoed.
    members = ["ARG", "BEL", "CAN", "TWN", "COL", "FRA", "SYR", "UKR", "SUN", "GBR", "USA"]
    permanent = ["TWN", "FRA", "SUN", "GBR", "USA"]
    preliminary = dict.fromkeys(members, Vote.YES)
    preliminary.update({"UKR": Vote.NO, "SUN": Vote.NO, "FRA": Vote.ABSTAIN})
    question = dict.fromkeys(members, Vote.YES)
    question.update({"UKR": Vote.NO, "SUN": Vote.NO})
    result = decide_with_preliminary(preliminary, question, veto_holders=permanent, quota=7)
    assert result.preliminary.tally == "8-2-1"
    assert result.preliminary.outcome is Outcome.VETOED
    assert result.matter is Matter.SUBSTANTIVE
    assert result.question.outcome is Outcome.VETOED
    assert result.double_veto


def test_ruling_under_rule_30_stands_unless_overruled() -> None:
    members = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K"]
    question = dict.fromkeys(members, Vote.YES)
    question["A"] = Vote.NO
    challenge = dict.fromkeys(members, Vote.NO)
    challenge.update({"A": Vote.YES, "B": Vote.YES})
    result = decide_with_ruling(True, challenge, question, veto_holders=["A", "B"], quota=7)
    assert result.matter is Matter.PROCEDURAL
    assert result.question.outcome is Outcome.ADOPTED


def test_decide_rejects_veto_holder_without_vote() -> None:
    with pytest.raises(InputError):
        decide({"A": Vote.YES}, veto_holders=["B"], quota=1)
