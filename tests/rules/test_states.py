"""Resolving the state names the sources use to ISO codes."""

from __future__ import annotations

from datetime import date

import pytest

from unsc.errors import InputError
from unsc.states import name_on, resolve_state


@pytest.mark.parametrize(
    ("spelling", "code"),
    [
        ("USSR", "SUN"),
        ("COTE D\u2019IVOIRE", "CIV"),  # curly apostrophe, as in the wide vote table
        ("Côte d'Ivoire", "CIV"),
        ("Cote d' Ivoire", "CIV"),  # as typed in the hand-made failed-drafts table
        ("UNITED ARAB REPUBLIC", "EGY"),
        ("BOLIVIA (PLURINATIONAL STATE OF)", "BOL"),
        ("Bolivarian Republic of Venezuela", "VEN"),
        ("Democratic People\u2019s Republic of Korea", "PRK"),
        ("Slovak Republic", "SVK"),
        ("GERMAN DEMOCRATIC REPUBLIC", "DDR"),
        ("DEMOCRATIC YEMEN", "YMD"),
        ("Cabo Verde", "CPV"),
        ("CAPE VERDE", "CPV"),
    ],
)
def test_source_spellings(spelling: str, code: str) -> None:
    assert resolve_state(spelling) == code


def test_china_depends_on_the_date() -> None:
    assert resolve_state("CHINA", date(1950, 1, 1)) == "TWN"
    assert resolve_state("CHINA", date(1972, 1, 1)) == "CHN"


def test_names_over_time() -> None:
    assert name_on("COD", date(1982, 1, 1)) == "Zaire"
    assert name_on("COD", date(2000, 1, 1)) == "Democratic Republic of the Congo"


def test_unknown_name_is_an_error() -> None:
    with pytest.raises(InputError, match="unknown state name"):
        resolve_state("Atlantis")
