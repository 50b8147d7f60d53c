"""Presets are data: read from unsc/data/presets.toml, each with its citation."""

from __future__ import annotations

import pytest

from unsc.council import (
    PERMANENT_SEATS,
    SeatKind,
    config_for_date,
    config_for_size,
    council_preset,
    load_presets,
    parse_presets,
    quota_on,
    size_on,
)
from unsc.errors import RecordError

MINIMAL = """
[[preset]]
id = "tiny"
name = "Five permanent and two elected"
elected = 2
quota = 4
procedural_quota = 4
veto_threshold = 1
citation = "an example"
"""


def test_every_preset_has_a_citation_and_the_five_permanent_seats() -> None:
    presets = load_presets()
    assert len(presets) == 9
    for preset in presets:
        assert preset.citation and preset.source, preset.id
        permanent = tuple(s.seat_id for s in preset.seats_of(SeatKind.PERMANENT))
        assert permanent == PERMANENT_SEATS
        if not preset.quota_published:
            assert "assumption" in preset.notes


def test_real_councils_of_the_charter() -> None:
    # Charter Art. 23(1) and 27: 11 members and 7 votes (1945), 15 and 9 (from 1 Jan 1966).
    from datetime import date

    assert (size_on(date(1965, 12, 31)), quota_on(date(1965, 12, 31))) == (11, 7)
    assert (size_on(date(1966, 1, 1)), quota_on(date(1966, 1, 1))) == (15, 9)
    assert config_for_size(15) is config_for_date(date(2023, 1, 1))
    assert config_for_size(24) is None


def test_hlp_model_b_has_renewable_seats() -> None:
    # A/59/565 model B: eight four-year renewable seats and eleven two-year seats.
    seats = [s.seat_id for s in council_preset("hlp-2004-b").seats]
    assert seats[5:13] == [f"L{i}" for i in range(1, 9)] and len(seats) == 24


def test_ezulwini_new_seats_hold_a_veto() -> None:
    assert len(council_preset("ezulwini").veto_seats) == 11
    assert len(council_preset("ezulwini-no-veto").veto_seats) == 5


def test_parse_minimal_preset() -> None:
    (tiny,) = parse_presets(MINIMAL)
    assert tiny.size == 7 and tiny.quota == 4 and tiny.quota_published


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (("quota = 4", "quota = 40"), "quota"),
        (("quota = 4", 'quota = "4"'), "quota"),
        (('citation = "an example"', ""), "citation"),
        (("elected = 2", "elected = 2\ncolour = 1"), "colour"),
    ],
)
def test_a_bad_preset_names_file_preset_and_field(change: tuple[str, str], field: str) -> None:
    text = MINIMAL.replace("procedural_quota = 4", "procedural_quota = 3").replace(*change)
    with pytest.raises(RecordError) as caught:
        parse_presets(text, file="presets.toml")
    assert caught.value.field == field
    assert "presets.toml preset 1 (tiny)" in str(caught.value)
