"""The discrepancy report: every disagreement between sources, and how the build settled it.

Each entry names its kind (:class:`DiscrepancyKind`), the vote or document it is about, the
field, the value chosen and the value rejected, the sources on each side and a note (usually
the file and row). The report is written to the ``discrepancies`` table (``docs/data.md``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from unsc.record.records import Tally


class DiscrepancyKind(StrEnum):
    """What sort of disagreement (or settled fault) an entry of the report records."""

    # between sources on one vote
    DATE = "date"
    DATE_DAY_MONTH_SWAPPED = "date_day_month_swapped"
    TALLY = "tally"
    VOTE = "vote"
    OUTCOME = "outcome"
    VETOED_BY = "vetoed_by"
    VOTE_LINE = "vote_line"
    DRAFT_SYMBOL = "draft_symbol"
    DRAFT_SYMBOL_REJECTED = "draft_symbol_rejected"
    RESOLUTION_NUMBER = "resolution_number"
    NON_PARTICIPATION_CODED_AS_ABSTENTION = "non_participation_coded_as_abstention"
    # a source's own faults
    DUPLICATE_RESOLUTION = "duplicate_resolution"
    DUPLICATE_VOTE = "duplicate_vote"
    MEMBER_NAME = "member_name"
    VOTE_BY_NON_MEMBER = "vote_by_non_member"
    VOTES_CONTRADICT_OUTCOME = "votes_contradict_outcome"
    VOTES_WITHOUT_VOTE = "votes_without_vote"
    REPEATED_DRAFT = "repeated_draft"
    UNNUMBERED_ADOPTION = "unnumbered_adoption"
    UNMATCHED_VOTES = "unmatched_votes"
    # one source only
    MISSING_RESOLUTION = "missing_resolution"
    MISSING_IN_MEETINGS_TABLE = "missing_in_meetings_table"
    VETO_ONLY_IN_VETO_LIST = "veto_only_in_veto_list"
    VETO_ONLY_IN_WPDL = "veto_only_in_wpdl"
    MEETING_RESUMED = "meeting_resumed"
    # curated facts (src/unsc/data/) over the sources
    CURATED_CORRECTION = "curated_correction"
    CURATED_VOTE = "curated_vote"
    # reference lists and files
    SOURCE_MISSING = "source_missing"
    MEMBERSHIP = "membership"
    STATE_MISSING = "state_missing"
    REGIONAL_GROUP = "regional_group"
    CODE = "code"


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """One entry of the report, values shown as text (tallies ``9-0-5``, votes ``CODE:vote``)."""

    kind: DiscrepancyKind
    subject: str
    field: str
    chosen: str
    rejected: str
    sources: str
    note: str = ""


class Report:
    """Collects discrepancies as reading and reconciliation go."""

    def __init__(self) -> None:
        self.items: list[Discrepancy] = []

    def add(
        self,
        kind: DiscrepancyKind,
        *,
        subject: str,
        field: str,
        chosen: object = None,
        rejected: object = None,
        sources: Iterable[str] = (),
        note: str = "",
    ) -> None:
        self.items.append(
            Discrepancy(
                kind=DiscrepancyKind(kind),
                subject=subject,
                field=field,
                chosen=show(chosen),
                rejected=show(rejected),
                sources=";".join(sources),
                note=note,
            )
        )


def show(value: object) -> str:
    """A value as the report writes it."""
    if value is None:
        return ""
    if isinstance(value, Tally):
        return value.text()
    if isinstance(value, dict):
        return " ".join(f"{k}:{v}" for k, v in sorted(value.items()))
    if isinstance(value, tuple | list):
        return ";".join(str(v) for v in value)
    return str(value)
