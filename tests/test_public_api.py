"""The public surface: what ``import unsc`` offers, and ``unsc.decide`` on real votes."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import unsc
from unsc import InputError, Matter, Outcome, Vote

EXPORTED = {
    "PERMANENT_SEATS",
    "CouncilConfig",
    "Decision",
    "InputError",
    "Matter",
    "Member",
    "NotFoundError",
    "Outcome",
    "Record",
    "RecordError",
    "Seat",
    "SeatKind",
    "UnscError",
    "Vote",
    "__version__",
    "config_for_date",
    "council_preset",
    "council_presets",
    "decide",
    "members_on",
    "permanent_seat_holders",
    "president_on",
}


def test_exported_names_are_the_curated_list() -> None:
    assert set(unsc.__all__) == EXPORTED
    assert len(unsc.__all__) == len(EXPORTED)
    for name in unsc.__all__:
        assert hasattr(unsc, name), name


def test_every_exported_callable_has_a_docstring() -> None:
    for name in unsc.__all__:
        value = getattr(unsc, name)
        if callable(value):
            assert (value.__doc__ or "").strip(), name


def test_decide_by_date_string_and_date_agree() -> None:
    # S/2023/638 (30 Aug 2023, Mali sanctions): 13-1-1, vetoed by Russia (S/PV.9408).
    by_text = unsc.decide("2023-08-30", no="RUS", abstain="CHN")
    by_date = unsc.decide(date(2023, 8, 30), no=["RUS"], abstain=["CHN"])
    by_on = unsc.decide(on="2023-08-30", no="RUS", abstain="CHN")
    assert by_text == by_date == by_on
    assert by_text.outcome is Outcome.VETOED and by_text.vetoed_by == ("RUS",)
    assert by_text.tally == "13-1-1"
    assert by_text.council == "council-1966"


def test_decide_res_82_ussr_absent() -> None:
    # Res. 82 (25 Jun 1950): 9-0-1, Yugoslavia abstaining, the USSR absent (S/PV.473).
    decision = unsc.decide("1950-06-25", abstain="YUG", absent="SUN")
    assert decision.outcome is Outcome.ADOPTED
    assert (decision.yes, decision.abstain, decision.absent, decision.required) == (9, 1, 1, 7)


def test_decide_a_preset_by_seats_and_with_a_date() -> None:
    two = unsc.decide("veto-needs-two", no="P-RUS")
    assert two.outcome is Outcome.ADOPTED and two.council == "veto-needs-two"
    both = unsc.decide("veto-needs-two", no="P-RUS,P-CHN")
    assert both.outcome is Outcome.VETOED
    on_date = unsc.decide("veto-needs-two", on="2023-08-30", no="RUS")
    assert on_date.outcome is Outcome.ADOPTED and on_date.votes["RUS"] is Vote.NO


def test_decide_a_custom_list_of_members() -> None:
    members = ["USA", "RUS", "CHN", "FRA", "GBR", "BRA", "IND", "DEU", "JPN", "ZAF", "EGY"]
    vetoed = unsc.decide(members, no="RUS")
    assert vetoed.outcome is Outcome.VETOED and vetoed.required == 7
    assert unsc.decide(members, no="IND").outcome is Outcome.ADOPTED
    with_india = unsc.decide(members, no="IND", veto_holders=["IND"])
    assert with_india.outcome is Outcome.VETOED
    with pytest.raises(InputError, match="quota"):
        unsc.decide(members[:10])
    assert unsc.decide(members[:10], quota=6).required == 6


def test_decide_strict_mode_makes_a_party_abstain() -> None:
    plain = unsc.decide("2023-08-30", no="RUS")
    strict = unsc.decide("2023-08-30", no="RUS", strict=True, parties="RUS")
    assert plain.outcome is Outcome.VETOED
    assert strict.outcome is Outcome.ADOPTED and "Art. 27(3)" in strict.notes[0]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({}, "date"),
        ({"council": "2023-13-01"}, "date"),
        ({"council": "no-such-preset"}, "council"),
        ({"council": "2023-08-30", "no": "XYZ"}, "no"),
        ({"council": "2023-08-30", "no": "RUS", "abstain": "RUS"}, "abstain"),
        ({"council": "2023-08-30", "parties": "RUS"}, "parties"),
        ({"council": "2023-08-30", "on": "2023-08-30"}, "on"),
        ({"council": "2023-08-30", "matter": "important"}, "matter"),
    ],
)
def test_decide_bad_input_names_the_parameter(kwargs: dict[str, str], field: str) -> None:
    with pytest.raises(InputError) as caught:
        unsc.decide(**kwargs)
    assert caught.value.field == field


_DAYS = st.dates(min_value=date(1946, 1, 1), max_value=date(2023, 12, 31))


@settings(max_examples=60, deadline=None)
@given(_DAYS, st.data())
def test_a_council_given_as_its_members_decides_as_the_council_of_the_date(
    on: date, data: st.DataObject
) -> None:
    # The three ways of naming a Council agree: the date, the members of that date as a list
    # (veto holders and quota derived from the membership table and the Charter), and the
    # date's configuration by preset with the same date.
    members = [m.code for m in unsc.members_on(on)]
    lists: dict[str, list[str]] = {"no": [], "abstain": [], "not_voting": [], "absent": []}
    for code in members:
        choice = data.draw(st.sampled_from(["yes", *lists]), label=code)
        if choice != "yes":
            lists[choice].append(code)
    matter = data.draw(st.sampled_from(list(Matter)), label="matter")
    by_date = unsc.decide(on, matter=matter, **lists)
    by_members = unsc.decide(members, matter=matter, **lists)
    by_preset = unsc.decide(by_date.council, on=on, matter=matter, **lists)
    assert by_members.outcome is by_date.outcome is by_preset.outcome
    assert by_members.vetoed_by == by_date.vetoed_by == by_preset.vetoed_by
    assert by_members.required == by_date.required
