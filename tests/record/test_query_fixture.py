"""A small record database of real Council votes, built with the real schema, for query tests.

Each row is typed from the meeting record it cites (facts, not copies of UN files):

- res. 82 (25 Jun 1950, S/PV.473): 9-0-1, Yugoslavia abstaining, the USSR absent (its boycott,
  13 Jan - 1 Aug 1950; Gross, 60 Yale LJ 209, 1951);
- res. 754 (18 May 1992, S/PV.3077): admission of Slovenia, adopted without a vote;
- the agenda of 22 Dec 2014 (S/PV.7353, DPRK human rights): a procedural vote, 11-2-2, China
  and Russia voting no, Chad and Nigeria abstaining (press release SC/11720);
- res. 2640 (29 Jun 2022, S/PV.9082, draft S/2022/517): MINUSMA renewed 13-0-2, China and Russia
  abstaining;
- res. 2690 (30 Jun 2023, S/PV.9365, draft S/2023/480): MINUSMA ended, 15-0-0;
- S/2023/638 (30 Aug 2023, S/PV.9408): the Mali sanctions renewal drafted by France and the
  UAE, vetoed by Russia 13-1-1 with China abstaining;
- S/2023/639 (same meeting): Russia's alternative, 1-1-13, Japan voting no;
- the Spanish question (18 Jun 1946, S/PV.47): vetoed by the USSR; only the tally 9-1-0 is known
  here (UN Library veto list), no member votes.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from unsc.record.schema import create_schema
from unsc.states import state

P5_2022 = ("CHN", "FRA", "GBR", "RUS", "USA")
ELECTED_2022 = ("ALB", "ARE", "BRA", "GAB", "GHA", "IND", "IRL", "KEN", "MEX", "NOR")
ELECTED_2023 = ("ALB", "ARE", "BRA", "CHE", "ECU", "GAB", "GHA", "JPN", "MLT", "MOZ")
ELECTED_2014 = ("ARG", "AUS", "CHL", "JOR", "KOR", "LTU", "LUX", "NGA", "RWA", "TCD")
COUNCIL_1950 = ("CUB", "ECU", "EGY", "FRA", "GBR", "IND", "NOR", "SUN", "TWN", "USA", "YUG")
COUNCIL_1946 = ("AUS", "BRA", "EGY", "FRA", "GBR", "MEX", "NLD", "POL", "SUN", "TWN", "USA")
COUNCIL_1992 = (
    *P5_2022,
    *("AUT", "BEL", "CPV", "ECU", "HUN", "IND", "JPN", "MAR", "VEN", "ZWE"),
)

# draft_id, symbol, date, meeting, agenda, title, matter, outcome, resolution, tally, without vote,
# sponsors, {member: vote} (members not named voted yes), vetoed by
DRAFTS: list[tuple[object, ...]] = [
    (
        1,
        None,
        "1946-06-18",
        "S/PV.47",
        "The Spanish question",
        None,
        "substantive",
        "vetoed",
        None,
        (9, 1, 0, None, None),
        0,
        None,
        None,
        ("SUN",),
    ),
    (
        2,
        None,
        "1950-06-25",
        "S/PV.473",
        "Complaint of aggression upon the Republic of Korea",
        "Resolution 82 (1950) [on complaint of aggression upon the Republic of Korea]",
        "substantive",
        "adopted",
        82,
        (9, 0, 1, 0, 1),
        0,
        None,
        (COUNCIL_1950, {"YUG": "abstain", "SUN": "absent"}),
        (),
    ),
    (
        3,
        None,
        "1992-05-18",
        "S/PV.3077",
        "Admission of new Members",
        "Resolution 754 (1992) [on admission of Slovenia to membership in the United Nations]",
        "substantive",
        "adopted",
        754,
        (None, None, None, None, None),
        1,
        None,
        None,
        (),
    ),
    (
        4,
        None,
        "2014-12-22",
        "S/PV.7353",
        "The situation in the Democratic People's Republic of Korea",
        "Adoption of the agenda",
        "procedural",
        "adopted",
        None,
        (11, 2, 2, 0, 0),
        0,
        None,
        (
            (*P5_2022, *ELECTED_2014),
            {"CHN": "no", "RUS": "no", "TCD": "abstain", "NGA": "abstain"},
        ),
        (),
    ),
    (
        5,
        "S/2022/517",
        "2022-06-29",
        "S/PV.9082",
        "The situation in Mali",
        "Resolution 2640 (2022) [on extension of the mandate of MINUSMA until 30 June 2023]",
        "substantive",
        "adopted",
        2640,
        (13, 0, 2, 0, 0),
        0,
        "FRA",
        ((*P5_2022, *ELECTED_2022), {"CHN": "abstain", "RUS": "abstain"}),
        (),
    ),
    (
        6,
        "S/2023/480",
        "2023-06-30",
        "S/PV.9365",
        "The situation in Mali",
        "Resolution 2690 (2023) [on termination of the mandate of MINUSMA]",
        "substantive",
        "adopted",
        2690,
        (15, 0, 0, 0, 0),
        0,
        "FRA",
        ((*P5_2022, *ELECTED_2023), {}),
        (),
    ),
    (
        7,
        "S/2023/638",
        "2023-08-30",
        "S/PV.9408",
        "The situation in Mali",
        "Draft resolution on the sanctions regime on Mali",
        "substantive",
        "vetoed",
        None,
        (13, 1, 1, 0, 0),
        0,
        "FRA;ARE",
        ((*P5_2022, *ELECTED_2023), {"RUS": "no", "CHN": "abstain"}),
        ("RUS",),
    ),
    (
        8,
        "S/2023/639",
        "2023-08-30",
        "S/PV.9408",
        "The situation in Mali",
        "Draft resolution on the sanctions regime on Mali (Russian Federation)",
        "substantive",
        "failed",
        None,
        (1, 1, 13, 0, 0),
        0,
        "RUS",
        (
            (*P5_2022, *ELECTED_2023),
            {c: "abstain" for c in (*P5_2022, *ELECTED_2023)} | {"RUS": "yes", "JPN": "no"},
        ),
        (),
    ),
]

RESOLUTIONS = [
    (82, "S/RES/82 (1950)", "1950-06-25", 2),
    (754, "S/RES/754 (1992)", "1992-05-18", 3),
    (2640, "S/RES/2640 (2022)", "2022-06-29", 5),
    (2690, "S/RES/2690 (2023)", "2023-06-30", 6),
]


def make_record(path: Path, drafts: list[tuple[object, ...]] | None = None) -> Path:
    """Write the fixture database (or one with other ``drafts`` rows) to ``path``."""
    conn = sqlite3.connect(path)
    create_schema(conn)
    conn.execute("INSERT INTO sources VALUES ('fixture', 'hand-typed test rows', NULL, NULL, NULL)")
    codes = set(COUNCIL_1950) | set(COUNCIL_1946) | set(COUNCIL_1992)
    codes |= {*P5_2022, *ELECTED_2014, *ELECTED_2022, *ELECTED_2023}
    for code in sorted(codes):
        found = state(code)
        conn.execute(
            "INSERT INTO states VALUES (?, ?, ?, ?)",
            (code, found.name, found.regional_group, found.m49),
        )
    for row in drafts if drafts is not None else DRAFTS:
        (draft_id, symbol, day, meeting, agenda, title, matter, outcome, number, tally) = row[:10]
        without_vote, sponsors, ballot, vetoers = row[10:]
        assert isinstance(tally, tuple)
        conn.execute(
            "INSERT INTO drafts (draft_id, symbol, date, meeting_record, agenda, title, sponsors,"
            " matter, outcome, resolution_number, yes, no, abstain, not_voting, absent,"
            " adopted_without_vote, vote_line, source_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'fixture')",
            (draft_id, symbol, day, meeting, agenda, title, sponsors, matter, outcome, number)
            + tally
            + (without_vote, "without_vote" if without_vote else "voted"),
        )
        if ballot is not None:
            assert isinstance(ballot, tuple)
            members, named = ballot
            for code in members:
                conn.execute(
                    "INSERT INTO votes VALUES (?, ?, ?, 'fixture')",
                    (draft_id, code, named.get(code, "yes")),
                )
        assert isinstance(vetoers, tuple)
        for code in vetoers:
            conn.execute("INSERT INTO vetoes VALUES (?, ?, 'fixture')", (draft_id, code))
    for number, symbol, day, draft_id in RESOLUTIONS:
        if drafts is None or any(r[0] == draft_id for r in drafts):
            conn.execute(
                "INSERT INTO resolutions VALUES (?, ?, ?, NULL, ?, NULL, 'fixture')",
                (number, symbol, day, draft_id),
            )
    conn.commit()
    conn.close()
    return path


@pytest.fixture
def fixture_db(tmp_path: Path) -> Path:
    return make_record(tmp_path / "record.sqlite")


def test_fixture_tallies_match_member_votes(fixture_db: Path) -> None:
    # The fixture itself must be consistent, or the query tests would test nothing.
    conn = sqlite3.connect(fixture_db)
    rows = conn.execute(
        "SELECT d.draft_id, d.yes, d.no, d.abstain,"
        " sum(v.vote = 'yes'), sum(v.vote = 'no'), sum(v.vote = 'abstain')"
        " FROM drafts d JOIN votes v ON v.draft_id = d.draft_id GROUP BY d.draft_id"
    ).fetchall()
    assert len(rows) == 6
    for draft_id, yes, no, abstain, *counted in rows:
        assert [yes, no, abstain] == counted, draft_id
