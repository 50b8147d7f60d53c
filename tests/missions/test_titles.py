"""Reading resolution titles: the mission named and the end date stated."""

from __future__ import annotations

from datetime import date

from unsc.missions import load_missions
from unsc.missions.titles import hint_of, mandate_end_of, mission_of

MISSIONS = tuple(load_missions().values())


def test_acronym_in_parentheses() -> None:
    title = "resolution 1 (2012) [on extension of the mandate of the UN Mission in (UNMISS)]"
    assert mission_of(title, MISSIONS) == "UNMISS"


def test_cut_title_names_a_mission_by_a_unique_beginning() -> None:
    title = (
        "resolution 1 (2019) [on extension of the mandate of the UN Organization Stabilization "
        "Mission in the Democratic Republic of the Co[...]"
    )
    assert mission_of(title, MISSIONS) == "MONUSCO"


def test_cut_title_shared_by_two_names_names_neither() -> None:
    # "UN Multidimensional Integrated Stabilization Mission in " begins MINUSMA and MINUSCA.
    title = (
        "resolution 1 (2015) [on the UN Multidimensional Integrated Stabilization Mission in[...]"
    )
    assert mission_of(title, MISSIONS) is None


def test_the_longer_acronym_wins() -> None:
    title = "resolution 1 (1994) [on the UN Operation in Somalia II (UNOSOM II)]"
    assert mission_of(title, MISSIONS) == "UNOSOM II"


def test_mandate_end_from_title() -> None:
    assert mandate_end_of("[on extension of the mandate of X until 15 July 2013]") == date(
        2013, 7, 15
    )
    assert mandate_end_of("[on the situation until 15 July 2013]") is None
    assert mandate_end_of("[on extension of the mandate of X until 31 February 2013]") is None


def test_hints() -> None:
    assert hint_of("[on renewal of the mandate of X]") == "extension_of_mandate"
    assert hint_of("[on establishment of X]") == "establishment"
    assert hint_of("[on withdrawal of X]") == "termination"
    assert hint_of("[on the situation in Y]") == "other"
