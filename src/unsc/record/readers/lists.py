"""Small reference lists: elected members by year, member states with regional groups, and
the draft-to-resolution links.

- ``sc_membership/evamaerey_security_council_non_permanent_1946_2019.csv`` (CC0; §8):
  country, which_tenure, year, year_of_tenure; elected members only.
- ``member_states/derived_un_member_states_regional_groups.csv`` (Internacia, MIT; §10):
  iso3, m49, name, electoral_group (the source's Asia-Pacific list repeats AM, AZ, AU and NZ;
  ``electoral_group`` holds the corrected group).
- ``sc_meetings_outcomes/derived_draft_to_resolution_crosswalk.csv`` (§5): draft_symbol ->
  resolution_number, from the MARC field 993__a of the UN Digital Library export.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from unsc.record.readers._common import (
    csv_rows,
    member_code,
    normalise_symbol,
    open_text,
    parse_int,
)
from unsc.record.records import DraftLink, ElectedYear, StateGroup, Where

ELECTED_SOURCE_ID = "evamaerey-membership"
ELECTED_FILE = Path("sc_membership") / "evamaerey_security_council_non_permanent_1946_2019.csv"
STATES_SOURCE_ID = "internacia-groups"
STATES_FILE = Path("member_states") / "derived_un_member_states_regional_groups.csv"
LINKS_SOURCE_ID = "undl-marc-crosswalk"
LINKS_FILE = Path("sc_meetings_outcomes") / "derived_draft_to_resolution_crosswalk.csv"

GROUPS = {
    "AFRICANGROUP": "African",
    "ASIAPACIFICGROUP": "Asia-Pacific",
    "EEG": "Eastern European",
    "GRULAC": "Latin American and Caribbean",
    "WEOG": "Western European and Others",
}


def read_elected(path: Path) -> Iterator[ElectedYear]:
    with open_text(path) as handle:
        for line, row in csv_rows(handle, file=path.name, required=("country", "year")):
            year = parse_int(row["year"], file=path.name, line=line, field="year")
            code = member_code(
                row["country"], date(year, 7, 1), file=path.name, line=line, field="country"
            )
            yield ElectedYear(Where(ELECTED_SOURCE_ID, path.name, line), code, year)


def read_states(path: Path) -> Iterator[StateGroup]:
    with open_text(path) as handle:
        required = ("iso3", "m49", "name", "electoral_group")
        for line, row in csv_rows(handle, file=path.name, required=required):
            code = member_code(row["iso3"], None, file=path.name, line=line, field="iso3")
            group = GROUPS.get(row["electoral_group"].strip(), row["electoral_group"].strip())
            yield StateGroup(
                Where(STATES_SOURCE_ID, path.name, line),
                code,
                row["name"].strip(),
                row["m49"].strip(),
                group,
            )


def read_links(path: Path) -> Iterator[DraftLink]:
    with open_text(path) as handle:
        required = ("draft_symbol", "resolution_number")
        for line, row in csv_rows(handle, file=path.name, required=required):
            number = parse_int(
                row["resolution_number"], file=path.name, line=line, field="resolution_number"
            )
            yield DraftLink(
                Where(LINKS_SOURCE_ID, path.name, line),
                normalise_symbol(row["draft_symbol"]),
                number,
            )
