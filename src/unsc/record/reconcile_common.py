"""What reconciliation works with: the reconciled entry, the discrepancy report, and the
checks on a source's member votes (see :mod:`unsc.record.reconcile` for the order of
precedence)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache

from unsc.council import quota_on
from unsc.membership import Member, terms
from unsc.membership import members_on as _members_on
from unsc.record.curated import SOURCE_ID as CURATED
from unsc.record.curated import CuratedQuestion, Fixes, UnlistedVeto
from unsc.record.discrepancies import Discrepancy, DiscrepancyKind, Report, show
from unsc.record.member_votes import CuratedBallot
from unsc.record.records import (
    DraftLink,
    DraftRecord,
    MeetingRecord,
    Tally,
    VetoRecord,
)
from unsc.record.vote_refs import VoteRef
from unsc.types import Outcome, Vote

LAST_DAY = date(2023, 12, 31)
LAST_RESOLUTION = 2721
USSR_ABSENCE = (date(1950, 1, 13), date(1950, 8, 1))


@dataclass
class Entry:
    """A question put to the vote, as reconciled (one row of ``drafts``).

    ``draft`` is the question itself, in the readers' type (:class:`DraftRecord`, frozen; its
    ``where`` is the record the entry was first made from): reconciliation settles its fields
    across the sources and puts each new value in place with :func:`dataclasses.replace`. The
    other fields say how it was reconciled: which source gave what, and whether it counts.
    """

    draft: DraftRecord
    matter_source: str | None = None
    counted: bool = True
    """False for a vote the UN Library's lists of drafts and vetoes leave out (amendments, and
    the curated votes of ``record_questions.csv``): the default counting convention."""
    listed: bool = True
    """False for a vote that only a curated file adds (``record_questions.csv``,
    ``record_unlisted_vetoes.csv``): none of the UN Library's tables holds it."""
    ref: str | None = None
    """The curated id of a vote no document symbol names (``S/PV.704#MNG``)."""
    votes_derived: bool = False
    """True when the member votes were derived from the tally and the Council of the day
    (:mod:`unsc.record.derive`), not read from a source."""
    votes_source: str | None = None
    votes_where: str | None = None
    votes_cited: str | None = None
    """Where curated member votes come from: the row of ``record_member_votes.csv`` and its
    public source (``drafts.votes_cited``); None for votes a source of the build gives."""
    vetoes_source: str | None = None
    resolution_source: str | None = None
    draft_id: int = 0

    @property
    def source_id(self) -> str:
        """The source the entry was first made from."""
        return self.draft.where.source_id

    @property
    def key(self) -> str:
        """The entry as the curated tables and the reference name it: ``res:387``,
        ``draft:S/10768``."""
        d = self.draft
        if d.resolution_number is not None:
            return f"res:{d.resolution_number}"
        if d.symbol:
            return f"draft:{d.symbol}"
        return f"draft:{self.ref}" if self.ref else f"meeting:{d.meeting_record}"

    @property
    def subject(self) -> str:
        d = self.draft
        if d.resolution_number is not None:
            return f"S/RES/{d.resolution_number} ({d.date.year})"
        return d.symbol or self.ref or f"{d.meeting_record or 'draft'} of {d.date.isoformat()}"


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
    fixes: Fixes = field(default_factory=lambda: Fixes({}))
    """Curated corrections (``record_corrections.csv``); the build passes the shipped ones."""
    questions: tuple[CuratedQuestion, ...] = ()
    """Curated votes no source records (``record_questions.csv``)."""
    unlisted: tuple[UnlistedVeto, ...] = ()
    """Curated vetoes the UN Library's veto list leaves out (``record_unlisted_vetoes.csv``)."""
    vote_refs: tuple[VoteRef, ...] = ()
    """Curated ids of votes the sources hold without a symbol (``record_vote_refs.csv``)."""
    ballots: tuple[CuratedBallot, ...] = ()
    """Curated member votes on drafts not adopted (``record_member_votes.csv``)."""


@dataclass
class Reconciled:
    entries: list[Entry]
    meetings: list[MeetingRecord]
    discrepancies: list[Discrepancy]


@cache
def members_on(on: date) -> tuple[Member, ...]:
    """:func:`unsc.membership.members_on`, remembered per date (it is asked thousands of times)."""
    return _members_on(on)


def far_apart(a: date, b: date) -> bool:
    """Dates too far apart to be one vote (more than 60 days, not a day/month swap)."""
    return abs((a - b).days) > 60 and not swapped(a, b)


def date_kind(a: date, b: date) -> DiscrepancyKind:
    """The kind of a disagreement on a date: a day/month swap, or another date."""
    return DiscrepancyKind.DATE_DAY_MONTH_SWAPPED if swapped(a, b) else DiscrepancyKind.DATE


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
                DiscrepancyKind.DUPLICATE_VOTE,
                subject=subject,
                field=f"vote:{code}",
                chosen=votes[code],
                rejected=other,
                sources=[src],
                note=f"{record.where}: the member is listed twice with the same vote",
            )
            continue
        options = [dict(votes, **{code: v}) for v in (votes[code], other)]
        fitting = [o for o in options if reference and same_tally(counts(o), reference)]
        if len(fitting) == 1:
            chosen = fitting[0][code]
            report.add(
                DiscrepancyKind.DUPLICATE_VOTE,
                subject=subject,
                field=f"vote:{code}",
                chosen=chosen,
                rejected=other if chosen != other else record.votes[code],
                sources=[src],
                note=f"{record.where}: listed twice; the tally {show(reference)} decides",
            )
            votes = fitting[0]
        else:
            report.add(
                DiscrepancyKind.DUPLICATE_VOTE,
                subject=subject,
                field=f"vote:{code}",
                rejected=f"{votes[code]};{other}",
                sources=[src],
                note=f"{record.where}: listed twice with different votes; "
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
                DiscrepancyKind.MEMBER_NAME,
                subject=subject,
                field="member",
                chosen=holder,
                rejected=code,
                sources=[src],
                note=f"{record.where}: the seat {seat} was held by {holder} on {on}",
            )
    if strangers:
        report.add(
            DiscrepancyKind.VOTE_BY_NON_MEMBER,
            subject=subject,
            field="votes",
            rejected=";".join(strangers),
            sources=[src],
            note=f"{record.where}: {len(strangers)} member(s) not on the Council on {on}; "
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


# --- the tally and the member votes ----------------------------------------------------------


def settle_tally(
    entry: Entry,
    reference: Tally | None,
    reference_source: str,
    reference_where: str,
    report: Report,
    fixes: Fixes,
) -> None:
    """Settle an entry's member votes and tally, in this order of precedence:

    1. a curated correction (``record_corrections.csv``: a member's vote, the tally);
    2. the tally of the Council's own record (``reference``: the UN Library meetings tables),
       which does not count members that did not take part (so abstentions or votes in favour
       that a third-party table gives to such a member become ``not_voting``);
    3. the source's member votes.

    A decision taken without a vote keeps neither votes nor tally. Member votes that still
    disagree with the reference tally are not kept (the tally is), and the report says so.
    """
    if not entry.draft.vote_line.voted:
        if entry.draft.votes:
            report.add(
                DiscrepancyKind.VOTES_WITHOUT_VOTE,
                subject=entry.subject,
                field="votes",
                rejected=entry.draft.tally,
                sources=[entry.votes_source or "", entry.source_id],
                note=f"{entry.votes_where or entry.votes_source}: {entry.draft.vote_line.value}; "
                "the source's member votes and tally are not kept",
            )
        entry.draft = replace(entry.draft, votes={}, tally=None)
        entry.votes_source = None
        return
    fixed = fixes.get(entry.key, "tally")
    if fixed is not None:
        if reference is not None and not same_tally(reference, Tally.parse(fixed.value)):
            report.add(
                DiscrepancyKind.CURATED_CORRECTION,
                subject=entry.subject,
                field="tally",
                chosen=fixed.value,
                rejected=reference,
                sources=[CURATED, reference_source],
                note=f"{fixed.where}: {fixed.source}; {reference_where}",
            )
        reference, reference_source = Tally.parse(fixed.value), CURATED
        reference_where = fixed.where
    if entry.draft.votes:
        entry.draft = replace(
            entry.draft, votes=complete_votes(entry.draft.votes, entry.draft.date)
        )
        _curated_votes(entry, report, fixes)
        if reference is not None:
            _non_participation(entry, reference, reference_source, report)
        computed = counts(entry.draft.votes)
        if reference is not None and not same_tally(reference, computed):
            report.add(
                DiscrepancyKind.TALLY,
                subject=entry.subject,
                field="tally",
                chosen=reference,
                rejected=computed,
                sources=[reference_source, entry.votes_source or ""],
                note=f"{reference_where}; the member votes of {entry.votes_where or '?'} "
                "do not add up to it and are not kept",
            )
            entry.draft = replace(entry.draft, votes={})
            entry.votes_source, entry.votes_where = None, None
            entry.draft = replace(entry.draft, tally=reference)
            return
        entry.draft = replace(entry.draft, tally=computed)
        return
    entry.draft = replace(
        entry.draft, tally=reference if reference is not None else entry.draft.tally
    )
    if entry.draft.tally is not None and fixes.votes(entry.key):
        _ballot_from_curated(entry, entry.draft.tally, report, fixes)


def _ballot_from_curated(entry: Entry, tally: Tally, report: Report, fixes: Fixes) -> None:
    """The whole ballot of a vote known only by its tally, where a public source names every
    member that voted no, abstained or did not take part (FRUS 1950 vol. VI, doc. 319, for
    S/1732 at S/PV.505): the members left voted alike when the tally says so
    (:func:`unsc.record.derive.derive_votes`, the rule that also derives ballots from the tally
    alone). Otherwise the curated votes are not used (never a partial or invented ballot).
    """
    from unsc.record.derive import derive_votes  # here: derive builds on this module

    rows = fixes.votes(entry.key)
    named = {fix.field.removeprefix("vote:"): Vote(fix.value) for fix in rows}
    for code in entry.draft.vetoed_by:  # a veto is a negative vote (Charter Art. 27(3))
        named.setdefault(code, Vote.NO)
    where = ", ".join(fix.where for fix in rows)
    sitting = [m.code for m in members_on(entry.draft.date)]
    votes = derive_votes(tally, sitting, named, entry.draft.vetoed_by)
    if votes is not None:
        rest = {v.value for c, v in votes.items() if c not in named}
        entry.draft = replace(entry.draft, votes=complete_votes(votes, entry.draft.date))
        entry.votes_source, entry.votes_where = CURATED, where
        report.add(
            DiscrepancyKind.CURATED_VOTE,
            subject=entry.subject,
            field="votes",
            chosen=named,
            sources=[CURATED],
            note=f"{where}: {rows[0].source}; with the tally {tally.text()} the members not "
            f"named voted {'/'.join(sorted(rest))}",
        )
        return
    report.add(
        DiscrepancyKind.CURATED_VOTE,
        subject=entry.subject,
        field="votes",
        rejected=named,
        sources=[CURATED],
        note=f"{where}: these votes and the tally {tally.text()} do not determine the ballot; "
        "not used",
    )


def _curated_votes(entry: Entry, report: Report, fixes: Fixes) -> None:
    for fix in fixes.votes(entry.key):
        code = fix.field.removeprefix("vote:")
        vote = Vote(fix.value)
        before = entry.draft.votes.get(code)
        if before is vote:
            continue
        report.add(
            DiscrepancyKind.CURATED_VOTE,
            subject=entry.subject,
            field=fix.field,
            chosen=vote,
            rejected=before,
            sources=[CURATED, entry.votes_source or ""],
            note=f"{fix.where}: {fix.source}" + (f"; {fix.note}" if fix.note else ""),
        )
        entry.draft = replace(entry.draft, votes={**entry.draft.votes, code: vote})


CHINA_ABSTAINS = (date(1971, 10, 25), date(1981, 12, 31))


def _non_participation(entry: Entry, reference: Tally, source: str, report: Report) -> None:
    """Undo non-participation coded as abstention: the UN Library's meetings tables
    (www.un.org/depts/dhl/resguide/scact.htm) do not count members that did not take part (as
    China in 1971-76; footnotes of the resolution volumes, e.g. S/RES/387 (1976): "One member
    (China) did not participate in the voting").

    When the votes count ``k`` more abstentions than the Library tally and agree on yes and no,
    the abstainers become ``not_voting`` if there are exactly ``k`` of them, or China alone if
    ``k`` is 1 and China is among them between 25 Oct 1971 (GA res. 2758 (XXVI)) and the end
    of 1981, the years it did not take part in votes on peacekeeping operations.
    """
    have = counts(entry.draft.votes)
    extra = have.abstain - reference.abstain
    if extra <= 0 or (have.yes, have.no) != (reference.yes, reference.no):
        return
    abstainers = sorted(c for c, v in entry.draft.votes.items() if v is Vote.ABSTAIN)
    if len(abstainers) == extra:
        chosen = abstainers
    elif (
        extra == 1
        and "CHN" in abstainers
        and CHINA_ABSTAINS[0] <= entry.draft.date <= CHINA_ABSTAINS[1]
    ):
        chosen = ["CHN"]
    else:
        return
    for code in chosen:
        entry.draft = replace(entry.draft, votes={**entry.draft.votes, code: Vote.NOT_VOTING})
    report.add(
        DiscrepancyKind.NON_PARTICIPATION_CODED_AS_ABSTENTION,
        subject=entry.subject,
        field="votes",
        chosen={c: Vote.NOT_VOTING.value for c in chosen},
        rejected={c: Vote.ABSTAIN.value for c in chosen},
        sources=[entry.votes_source or "", source],
        note=f"the Library tally {reference.text()} does not count them",
    )
