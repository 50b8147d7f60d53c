"""Membership and presidency against facts that can be checked."""

from __future__ import annotations

from datetime import date

import pytest

from unsc.errors import InputError
from unsc.membership import members_in_year, members_on, permanent_holder
from unsc.presidency import presidencies, president_on


def test_every_year_has_the_right_number_of_members() -> None:
    for year in range(1946, 2027):
        on = date(year, 6, 1)
        expected = 11 if year < 1966 else 15
        assert len(members_on(on)) == expected, year


def test_members_2023() -> None:
    codes = {m.code for m in members_on(date(2023, 6, 30))}
    assert codes == {
        "ALB", "BRA", "CHN", "ECU", "FRA", "GAB", "GHA", "JPN", "MLT", "MOZ",
        "RUS", "CHE", "ARE", "GBR", "USA",
    }  # fmt: skip


def test_split_term_italy_netherlands() -> None:
    # Italy and the Netherlands split the 2017-2018 seat (GA elections of June 2016).
    assert "ITA" in members_in_year(2017) and "ITA" not in members_in_year(2018)
    assert "NLD" in members_in_year(2018) and "NLD" not in members_in_year(2017)


def test_yemen_succeeds_democratic_yemen_in_1990() -> None:
    assert "YMD" in {m.code for m in members_on(date(1990, 3, 1))}
    assert "YEM" in {m.code for m in members_on(date(1990, 8, 1))}


def test_permanent_seats_over_time() -> None:
    assert permanent_holder("P-CHN", date(1971, 10, 24)) == "TWN"
    assert permanent_holder("P-CHN", date(1971, 10, 25)) == "CHN"
    assert permanent_holder("P-RUS", date(1991, 12, 23)) == "SUN"
    assert permanent_holder("P-RUS", date(1991, 12, 24)) == "RUS"


def test_1961_seat_is_egypt_named_united_arab_republic() -> None:
    names = {m.code: m.name for m in members_on(date(1961, 3, 1))}
    assert names["EGY"] == "United Arab Republic"


def test_presidencies_2023_rule_18() -> None:
    # Official presidencies of 2023 (https://www.un.org/securitycouncil/content/presidency).
    assert [m.code for m in presidencies(2023)] == [
        "JPN", "MLT", "MOZ", "RUS", "CHE", "ARE", "GBR", "USA", "ALB", "BRA", "CHN", "ECU",
    ]  # fmt: skip


def test_presidency_rolls_over_into_the_new_year() -> None:
    assert president_on(date(2022, 12, 15)).code == "IND"
    assert president_on(date(2024, 1, 15)).code == "FRA"


def test_dates_outside_the_table_are_errors() -> None:
    with pytest.raises(InputError, match="membership is known from"):
        members_on(date(1945, 12, 31))
