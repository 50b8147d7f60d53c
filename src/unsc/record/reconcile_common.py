"""What reconciliation works with: the reconciled entry, the discrepancy report, and the
checks on a source's member votes (see :mod:`unsc.record.reconcile` for the order of
precedence)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from unsc.council import quota_on
from unsc.membership import Member, terms
from unsc.membership import members_on as _members_on
from unsc.record.records import DraftLink, DraftRecord, MeetingRecord, Tally, VetoRecord
from unsc.types import Matter, Outcome, Vote

LAST_DAY = date(2023, 12, 31)
LAST_RESOLUTION = 2721
USSR_ABSENCE = (date(1950, 1, 13), date(1950, 8, 1))


@dataclass(frozen=True, slots=True)
class Discrepancy:
    kind: str
    subject: str
    field: str
    chosen: str
    rejected: str
    sources: str
    note: str = ""


@dataclass
class Entry:
    """A question put to the vote, as reconciled (one row of ``drafts``)."""

    date: date
    outcome: Outcome
    source_id: str
    symbol: str | None = None
    resolution_number: int | None = None
    meeting_record: str | None = None
    agenda: str | None = None
    title: str | None = None
    subjects: str | None = None
    sponsors: str | None = None
    matter: Matter = Matter.SUBSTANTIVE
    tally: Tally | None = None
    adopted_without_vote: bool = False
    votes: dict[str, Vote] = field(default_factory=dict)
    votes_source: str | None = None
    vetoed_by: tuple[str, ...] = ()
    vetoes_source: str | None = None
    resolution_source: str | None = None
    draft_id: int = 0

    @property
    def subject(self) -> str:
        if self.resolution_number is not None:
            return f"S/RES/{self.resolution_number} ({self.date.year})"
        return self.symbol or f"{self.meeting_record or 'draft'} of {self.date.isoformat()}"


@dataclass
class Sources:
    """Everything the readers produced, by source."""

    undl: list[DraftRecord] = field(default_factory=list)
    wide: list[DraftRecord] = field(default_factory=list)
    draft_votes: list[DraftRecord] = field(default_factory=list)
    library: list[DraftRecord] = field(default_factory=list)
    meetings: list[MeetingRecord] = field(default_factory=list)
    veto_list: list[VetoRecord] = field(default_factory=list)
    wpdl: list[VetoRecord] = field(default_factory=list)
    links: list[DraftLink] = field(default_factory=list)
    manual: list[DraftRecord] = field(default_factory=list)


@dataclass
class Reconciled:
    entries: list[Entry]
    meetings: list[MeetingRecord]
    discrepancies: list[Discrepancy]


class Report:
    """Collects discrepancies as reconciliation goes."""

    def __init__(self) -> None:
        self.items: list[Discrepancy] = []

    def add(
        self,
        kind: str,
        subject: str,
        field_name: str,
        chosen: object,
        rejected: object,
        sources: Iterable[str],
        note: str = "",
    ) -> None:
        self.items.append(
            Discrepancy(
                kind, subject, field_name, _show(chosen), _show(rejected), ";".join(sources), note
            )
        )


def _show(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Tally):
        return value.text()
    if isinstance(value, dict):
        return " ".join(f"{k}:{v}" for k, v in sorted(value.items()))
    if isinstance(value, tuple | list):
        return ";".join(str(v) for v in value)
    return str(value)


@cache
def members_on(on: date) -> tuple[Member, ...]:
    """:func:`unsc.membership.members_on`, remembered per date (it is asked thousands of times)."""
    return _members_on(on)


def far_apart(a: date, b: date) -> bool:
    """Dates too far apart to be one vote (more than 60 days, not a day/month swap)."""
    return abs((a - b).days) > 60 and not swapped(a, b)


def swapped(a: date, b: date) -> bool:
    return a != b and a.year == b.year and a.day == b.month and a.month == b.day


def counts(votes: dict[str, Vote]) -> Tally:
    c = Counter(votes.values())
    return Tally(c[Vote.YES], c[Vote.NO], c[Vote.ABSTAIN], c[Vote.NOT_VOTING] + c[Vote.ABSENT])


def same_tally(a: Tally, b: Tally) -> bool:
    return (a.yes, a.no, a.abstain) == (b.yes, b.no, b.abstain)


# --- member votes -------------------------------------------------------------------------


def usable_votes(
    record: DraftRecord, on: date, report: Report, subject: str, reference: Tally | None
) -> dict[str, Vote] | None:
    """A record's member votes if they fit the Council of the day, else None (reported)."""
    if not record.votes:
        return None
    src = record.where.source_id
    votes = dict(record.votes)
    sitting = {m.code: m for m in members_on(on)}
    for code, other in record.extra_votes:
        if votes.get(code) == other:
            report.add(
                "duplicate_vote",
                subject,
                f"vote:{code}",
                votes[code],
                other,
                [src],
                f"{record.where}: the member is listed twice with the same vote",
            )
            continue
        options = [dict(votes, **{code: v}) for v in (votes[code], other)]
        fitting = [o for o in options if reference and same_tally(counts(o), reference)]
        if len(fitting) == 1:
            chosen = fitting[0][code]
            report.add(
                "duplicate_vote",
                subject,
                f"vote:{code}",
                chosen,
                other if chosen != other else record.votes[code],
                [src],
                f"{record.where}: listed twice; the tally {_show(reference)} decides",
            )
            votes = fitting[0]
        else:
            report.add(
                "duplicate_vote",
                subject,
                f"vote:{code}",
                "",
                f"{votes[code]};{other}",
                [src],
                f"{record.where}: listed twice with different votes; "
                "this source's votes are not used",
            )
            return None
    strangers = sorted(c for c in votes if c not in sitting)
    for code in list(strangers):
        # A source naming a seat by its former holder ("USSR" after 24 Dec 1991) votes for
        # the state then holding that seat.
        seat = _seat_of(code, on)
        holder = next((m.code for m in sitting.values() if m.seat_id == seat), None)
        if seat and seat != "E" and holder and holder not in votes:
            votes[holder] = votes.pop(code)
            strangers.remove(code)
            report.add(
                "member_name",
                subject,
                "member",
                holder,
                code,
                [src],
                f"{record.where}: the seat {seat} was held by {holder} on {on}",
            )
    if strangers:
        report.add(
            "vote_by_non_member",
            subject,
            "votes",
            "",
            ";".join(strangers),
            [src],
            f"{record.where}: {len(strangers)} member(s) not on the Council on {on}; "
            "this source's votes are not used",
        )
        return None
    have = counts(votes)
    if (
        record.outcome is Outcome.ADOPTED
        and record.note is None
        and have.no
        and (src == "oliverunv" and not record.adopted_without_vote)
    ):
        # "Adopted unanimously" with votes against: the votes belong to some other row.
        pass
    return votes


def _seat_of(code: str, on: date) -> str | None:
    held = [t for t in terms() if t.code == code]
    if not held:
        return None
    before = [t for t in held if t.start <= on]
    return (before or held)[-1].seat_id


def complete_votes(votes: dict[str, Vote], on: date) -> dict[str, Vote]:
    """Add the sitting members a source leaves out: not voting, or absent (USSR, 1950)."""
    full = dict(votes)
    for member in members_on(on):
        if member.code in full:
            continue
        full[member.code] = Vote.NOT_VOTING
    if USSR_ABSENCE[0] <= on <= USSR_ABSENCE[1] and full.get("SUN") is Vote.NOT_VOTING:
        # The sources code the boycott as not voting ("X" or nothing); it was an absence.
        full["SUN"] = Vote.ABSENT
    return full


def contradicts(record: DraftRecord, votes: dict[str, Vote], on: date) -> str | None:
    """Why a source's member votes cannot be the vote it describes, or None."""
    have = counts(votes)
    quota = quota_on(on)
    permanent = {m.code for m in members_on(on) if m.permanent}
    p_no = sorted(c for c, v in votes.items() if v is Vote.NO and c in permanent)
    # A permanent member's "no" on an adopted resolution is not a fault: procedural votes
    # (res. 2623 (2022), 11-1-3 with Russia against) carry no veto (Charter Art. 27(2)).
    unanimous = "unanimous" in (record.outcome_text or "").lower()
    if unanimous and (have.no or have.abstain):
        return f"'{record.outcome_text}' with {have.no} against, {have.abstain} abstaining"
    if record.outcome is Outcome.ADOPTED and have.yes < quota:
        return f"adopted with only {have.yes} votes in favour"
    if record.outcome is Outcome.VETOED and not p_no:
        return "vetoed without a permanent member voting no"
    return None
