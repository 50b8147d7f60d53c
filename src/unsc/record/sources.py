"""The sources the record is built from: id, title, file (relative to the source directory),
official address, licence. ``fetch`` downloads those with an official download address."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Source:
    source_id: str
    title: str
    file: str
    url: str
    licence: str


UN_TERMS = (
    "Copyright United Nations; non-commercial use with attribution (UN Digital Library terms)"
)

SOURCES: tuple[Source, ...] = (
    Source(
        "undl-voting",
        "UN Dag Hammarskjöld Library, Security Council Voting Data",
        "undl_sc_voting/*_sc_voting.csv",
        "https://digitallibrary.un.org/record/4055387",
        UN_TERMS,
    ),
    Source(
        "undl-wide",
        "UN Library voting records, wide per-member table 1946-2021",
        "sc_votes_undl_wide_1946_2021/UN_DATA.csv.zip",
        "https://github.com/navyanawal0310/un-votes-intelligence-platform",
        UN_TERMS,
    ),
    Source(
        "oliverunv",
        "Security Council votes on adopted and failed drafts 1994-2023 (oliverunv/Voting-Agent)",
        "sc_draft_votes_1994_2023/",
        "https://github.com/oliverunv/Voting-Agent",
        "no licence; facts from UN records",
    ),
    Source(
        "undl-meetings",
        "UN Library, Meetings conducted by the Security Council (yearly tables)",
        "un_library_pages/scact*_table_en.html",
        "https://www.un.org/depts/dhl/resguide/scact.htm",
        UN_TERMS,
    ),
    Source(
        "undl-veto-list",
        "UN Library, Security Council - Veto List",
        "un_library_pages/scact_veto_table_en.html",
        "https://research.un.org/en/docs/sc/quick/veto",
        UN_TERMS,
    ),
    Source(
        "wpdl-vetoes",
        "World Politics Datalab, UN Security Council vetoes 1946-2022",
        "vetoes/wpdl_unsc_vetoes_1946_sept2022.csv",
        "https://github.com/world-politics-datalab/vetoes-un-security-council",
        "MIT",
    ),
    Source(
        "undl-marc-crosswalk",
        "UN Digital Library MARC export: draft to resolution links",
        "sc_meetings_outcomes/derived_draft_to_resolution_crosswalk.csv",
        "https://github.com/intreleng-research/unsc-dataset",
        UN_TERMS,
    ),
    Source(
        "emilytong-failed",
        "Member votes on failed drafts 1947-2022, typed from the meeting records",
        "failed_drafts_manual/emilytong_cleaned_data_unsc_failed_drafts.xlsx",
        "https://github.com/emilytong123/unsc_for_us",
        "no licence; facts from UN records",
    ),
    Source(
        "evamaerey-membership",
        "Elected members of the Security Council 1946-2019",
        "sc_membership/evamaerey_security_council_non_permanent_1946_2019.csv",
        "https://github.com/EvaMaeRey/security.council.membership",
        "CC0",
    ),
    Source(
        "internacia-groups",
        "UN member states and regional groups (Internacia)",
        "member_states/derived_un_member_states_regional_groups.csv",
        "https://github.com/datenoio/internacia-db",
        "MIT",
    ),
    Source(
        "unsc-curated",
        "unsc curated tables (states, membership terms), each row sourced",
        "src/unsc/data/*.csv",
        "",
        "MIT",
    ),
)
