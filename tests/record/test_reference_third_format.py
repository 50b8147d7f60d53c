"""Format checks of the third independent reference, ``tests/data/record_reference_third.csv``.

The third file was gathered apart from the rest of the work on the record (see
``tests/data/README.md``). Only its shape is tested here: the columns, the fields and their value
conventions, member codes, a source on every row, its size and its spread over the decades.
Comparing its facts with the record is the audit's job, never this module's.

The row and cross-row checks are those of the other reference files
(``tests/record/test_reference_file.py``), so that all the files follow one format.
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests.record.test_reference_file import (
    COLUMNS,
    DATA,
    DECADES,
    facts_per_decade,
    member_codes,
    problems_across_rows,
    problems_in_row,
    read,
)

THIRD = DATA / "record_reference_third.csv"
# What issue 10 asks of this file: at least 400 facts, at least 25 dated facts per decade.
MIN_FACTS = 400
MIN_PER_DECADE = 25


@pytest.fixture(scope="module")
def third() -> tuple[list[str], list[dict[str, str]]]:
    return read(THIRD)


def test_third_reference_has_the_reference_columns(
    third: tuple[list[str], list[dict[str, str]]],
) -> None:
    header, _ = third
    assert header == COLUMNS


def test_every_row_of_the_third_reference_is_well_formed(
    third: tuple[list[str], list[dict[str, str]]],
) -> None:
    _, rows = third
    known = member_codes()
    found = [
        f"{THIRD.name}:{n}: {problem}"
        for n, row in enumerate(rows, 2)
        for problem in problems_in_row(row, known)
    ]
    found += [f"{THIRD.name}: {problem}" for problem in problems_across_rows(rows)]
    assert found == []


def test_every_row_of_the_third_reference_names_a_public_source(
    third: tuple[list[str], list[dict[str, str]]],
) -> None:
    _, rows = third
    # A URL or a UN document symbol (S/..., A/..., S/PV....): never a local path.
    unsourced = [
        (n, row["subject"], row["field"])
        for n, row in enumerate(rows, 2)
        if not row["source"].startswith(("http://", "https://", "S/", "A/"))
    ]
    assert unsourced == []


def test_third_reference_is_large_enough_and_covers_every_decade(
    third: tuple[list[str], list[dict[str, str]]],
) -> None:
    _, rows = third
    assert len(rows) >= MIN_FACTS
    per_decade = facts_per_decade(rows)
    thin = {decade: per_decade[decade] for decade in DECADES if per_decade[decade] < MIN_PER_DECADE}
    assert thin == {}


def test_third_reference_holds_the_hard_classes_of_fact(
    third: tuple[list[str], list[dict[str, str]]],
) -> None:
    _, rows = third
    fields = Counter("vote" if r["field"].startswith("vote:") else r["field"] for r in rows)
    assert {
        "date",
        "tally",
        "vote_line",
        "outcome",
        "vetoed_by",
        "matter",
        "kind",
        "sponsors",
    } <= set(fields)
    values = {(r["field"], r["value"]) for r in rows}
    # Vetoed drafts, drafts that failed without a veto, membership votes, procedural votes,
    # members that did not take part, and decisions taken without a vote.
    assert ("outcome", "vetoed") in values
    assert ("outcome", "failed") in values
    assert ("kind", "membership") in values
    assert ("matter", "procedural") in values
    assert any(f.startswith("vote:") and v == "not_voting" for f, v in values)
    assert ("vote_line", "without_vote") in values or ("vote_line", "consensus") in values
