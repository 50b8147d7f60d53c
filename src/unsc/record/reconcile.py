"""Reconcile the sources into one record, writing down every disagreement.

Order of precedence (highest first; ``docs/data.md`` explains each choice):

- member votes on adopted resolutions: the UN Library Voting Data CSV (``undl-voting``, when
  present in the source directory), the wide UN Library table 1946-2021 (``undl-wide``), the
  draft-level votes 1994-2023 (``oliverunv``);
- member votes on failed and vetoed drafts: ``oliverunv`` (the only source with them);
- dates: ``undl-voting``, ``undl-wide``, the Library meetings tables (``undl-meetings``),
  ``oliverunv`` (whose day and month are often swapped);
- which drafts failed or were vetoed, and their tallies: ``undl-meetings``, then ``oliverunv``;
- who vetoed: the member votes (a permanent member voting no), else the Library's meetings
  table, else its veto list (``undl-veto-list``); ``wpdl-vetoes`` is only compared.

A source's member votes are not used when they contradict themselves or the Council of the
day: a member that did not sit (the 1995 rows of ``oliverunv``), an "adopted unanimously" with
votes against, or one member listed twice with different votes that the tally cannot settle.
Members that sat but have no vote in the chosen source are ``not_voting`` (the Library tallies
and ``oliverunv`` leave non-participation out), or ``absent`` for the USSR from 13 January to
1 August 1950 (DOMAIN.md §1.3; Gross, 60 Yale LJ 209 (1951)).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from unsc.membership import Member, terms
from unsc.membership import members_on as _members_on
from unsc.record.records import DraftLink, DraftRecord, MeetingRecord, Tally, VetoRecord
from unsc.types import Matter, Outcome, Vote

LAST_DAY = date(2023, 12, 31)
LAST_RESOLUTION = 2721
USSR_ABSENCE = (date(1950, 1, 13), date(1950, 8, 1))
QUOTA_BEFORE_1966, QUOTA = 7, 9


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


def _far_apart(a: date, b: date) -> bool:
    """Dates too far apart to be one vote (more than 60 days, not a day/month swap)."""
    return abs((a - b).days) > 60 and not _swapped(a, b)


def _swapped(a: date, b: date) -> bool:
    return a != b and a.year == b.year and a.day == b.month and a.month == b.day


def _counts(votes: dict[str, Vote]) -> Tally:
    c = Counter(votes.values())
    return Tally(c[Vote.YES], c[Vote.NO], c[Vote.ABSTAIN], c[Vote.NOT_VOTING] + c[Vote.ABSENT])


def _same_tally(a: Tally, b: Tally) -> bool:
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
        fitting = [o for o in options if reference and _same_tally(_counts(o), reference)]
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
    counts = _counts(votes)
    if (
        record.outcome is Outcome.ADOPTED
        and record.note is None
        and counts.no
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
    counts = _counts(votes)
    quota = QUOTA if on >= date(1966, 1, 1) else QUOTA_BEFORE_1966
    permanent = {m.code for m in members_on(on) if m.permanent}
    p_no = sorted(c for c, v in votes.items() if v is Vote.NO and c in permanent)
    # A permanent member's "no" on an adopted resolution is not a fault: procedural votes
    # (res. 2623 (2022), 11-1-3 with Russia against) carry no veto (Charter Art. 27(2)).
    unanimous = "unanimous" in (record.outcome_text or "").lower()
    if unanimous and (counts.no or counts.abstain):
        return f"'{record.outcome_text}' with {counts.no} against, {counts.abstain} abstaining"
    if record.outcome is Outcome.ADOPTED and counts.yes < quota:
        return f"adopted with only {counts.yes} votes in favour"
    if record.outcome is Outcome.VETOED and not p_no:
        return "vetoed without a permanent member voting no"
    return None


# --- the reconciliation -------------------------------------------------------------------


def reconcile(sources: Sources) -> Reconciled:
    report = Report()
    resolutions = _resolutions(sources, report)
    drafts = _failed_drafts(sources, report)
    _vetoes(drafts, sources, report)
    entries = sorted(
        [*resolutions, *drafts],
        key=lambda e: (e.date, e.resolution_number or 0, e.symbol or "", e.meeting_record or ""),
    )
    for i, entry in enumerate(entries, start=1):
        entry.draft_id = i
    meetings = _meetings(sources, report)
    return Reconciled(entries, meetings, report.items)


def _by_number(records: Sequence[DraftRecord], report: Report) -> dict[int, DraftRecord]:
    found: dict[int, DraftRecord] = {}
    for r in records:
        n = r.resolution_number
        if n is None or r.outcome is not Outcome.ADOPTED:
            continue
        if n in found:
            first = found[n]
            report.add(
                "duplicate_resolution",
                f"S/RES/{n}",
                "resolution_number",
                str(first.where),
                str(r.where),
                [r.where.source_id],
                "the source lists the number twice; the first row is kept",
            )
            continue
        found[n] = r
    return found


def _resolutions(sources: Sources, report: Report) -> list[Entry]:
    undl = _by_number(sources.undl, report)
    wide = _by_number(sources.wide, report)
    olv = _by_number(sources.draft_votes, report)
    lib = _by_number(sources.library, report)
    links: dict[int, str] = {}
    for link in sources.links:
        links.setdefault(link.resolution_number, link.draft_symbol)
    numbers = sorted({*undl, *wide, *olv, *lib})
    entries: list[Entry] = []
    for n in numbers:
        if n > LAST_RESOLUTION:
            continue
        found = {"undl": undl.get(n), "wide": wide.get(n), "lib": lib.get(n), "olv": olv.get(n)}
        ranked = [r for r in found.values() if r is not None]
        top = ranked[0]
        subject = f"S/RES/{n}"
        when = top.date
        far = found["olv"]
        if far is not None and far is not top and _far_apart(far.date, when):
            # A mistyped number in the draft-level votes ("425" for a 2002 resolution).
            report.add(
                "resolution_number",
                subject,
                "resolution_number",
                str(top.where),
                str(far.where),
                [top.where.source_id, far.where.source_id],
                f"{far.where} is dated {far.date}, not {when}: another resolution; not used",
            )
            ranked.remove(far)
            found["olv"] = None
        for other in ranked[1:]:
            if other.date != when:
                kind = "date_day_month_swapped" if _swapped(other.date, when) else "date"
                report.add(
                    kind,
                    subject,
                    "date",
                    when,
                    other.date,
                    [top.where.source_id, other.where.source_id],
                    str(other.where),
                )
        if when > LAST_DAY:
            continue
        entry = Entry(
            date=when,
            outcome=Outcome.ADOPTED,
            source_id=top.where.source_id,
            resolution_number=n,
            resolution_source=top.where.source_id,
        )
        library = found["lib"]
        reference = library.tally if library else None
        for key in ("undl", "wide", "olv"):
            record = found[key]
            if record is None:
                continue
            if record.votes and all(v is Vote.NOT_VOTING for v in record.votes.values()):
                # The wide table codes an adoption without a vote as every member "X"
                # (e.g. res. 754 (1992), admission of Slovenia): no member votes to keep.
                entry.adopted_without_vote = True
                continue
            votes = usable_votes(record, when, report, subject, reference)
            if votes is None:
                continue
            why = contradicts(record, votes, when)
            if why:
                report.add(
                    "votes_contradict_outcome",
                    subject,
                    "votes",
                    "",
                    votes,
                    [record.where.source_id],
                    f"{record.where}: {why}; not used",
                )
                continue
            if not entry.votes:
                entry.votes, entry.votes_source = votes, record.where.source_id
            else:
                _compare_votes(entry, votes, record, report, subject)
        _fill_fields(
            entry,
            [r for k in ("undl", "wide", "olv", "lib") if (r := found[k]) is not None],
            links.get(n),
            report,
        )
        entries.append(entry)
    have = {e.resolution_number for e in entries}
    for n in range(1, LAST_RESOLUTION + 1):
        if n not in have:
            report.add(
                "missing_resolution",
                f"S/RES/{n}",
                "resolution_number",
                "",
                "",
                [],
                "no source knows this resolution",
            )
    return entries


def _compare_votes(
    entry: Entry, votes: dict[str, Vote], record: DraftRecord, report: Report, subject: str
) -> None:
    differ = {c: v for c, v in votes.items() if entry.votes.get(c) not in (None, v)}
    if differ:
        report.add(
            "vote",
            subject,
            "votes",
            {c: entry.votes[c] for c in differ},
            differ,
            [entry.votes_source or "", record.where.source_id],
            str(record.where),
        )


def _fill_fields(
    entry: Entry, records: list[DraftRecord], link: str | None, report: Report
) -> None:
    """Take each descriptive field from the first source that has it."""

    def first(attr: str) -> str | None:
        for r in records:
            value = getattr(r, attr)
            if value:
                return str(value)
        return None

    entry.symbol = first("symbol")
    if link and entry.symbol and link != entry.symbol:
        report.add(
            "draft_symbol",
            entry.subject,
            "symbol",
            entry.symbol,
            link,
            [next(r.where.source_id for r in records if r.symbol), "undl-marc-crosswalk"],
        )
    entry.symbol = entry.symbol or link
    entry.meeting_record = first("meeting_record")
    entry.agenda = first("agenda")
    entry.title = first("title")
    entry.subjects = first("subjects")
    entry.sponsors = first("sponsors")
    entry.adopted_without_vote = entry.adopted_without_vote or any(
        r.adopted_without_vote for r in records
    )
    for r in records:
        if r.matter is not Matter.SUBSTANTIVE:
            entry.matter = r.matter
    entry.votes = complete_votes(entry.votes, entry.date) if entry.votes else {}
    library = next((r for r in records if r.where.source_id == "undl-meetings"), None)
    if library and library.tally and entry.votes:
        _abstention_or_non_participation(entry, library.tally, report)
    computed = _counts(entry.votes) if entry.votes else None
    if library and library.tally and computed and not _same_tally(library.tally, computed):
        report.add(
            "tally",
            entry.subject,
            "tally",
            computed,
            library.tally,
            [entry.votes_source or "", "undl-meetings"],
            str(library.where),
        )
    entry.tally = computed or (library.tally if library else None)
    if entry.tally is None and not entry.adopted_without_vote:
        entry.tally = next((r.tally for r in records if r.tally), None)


CHINA_ABSTAINS = (date(1971, 10, 25), date(1981, 12, 31))


def _abstention_or_non_participation(entry: Entry, reference: Tally, report: Report) -> None:
    """Undo non-participation coded as abstention (PROVENANCE.md §5: the Library tallies do not
    count members that did not take part, as China in 1971-76).

    When the votes count ``k`` more abstentions than the Library tally and agree on yes and no,
    the abstainers become ``not_voting`` if there are exactly ``k`` of them, or China alone if
    ``k`` is 1 and China is among them between 25 Oct 1971 (GA res. 2758 (XXVI)) and the end
    of 1981, the years it did not take part in votes on peacekeeping operations.
    """
    counts = _counts(entry.votes)
    extra = counts.abstain - reference.abstain
    if extra <= 0 or (counts.yes, counts.no) != (reference.yes, reference.no):
        return
    abstainers = sorted(c for c, v in entry.votes.items() if v is Vote.ABSTAIN)
    if len(abstainers) == extra:
        chosen = abstainers
    elif (
        extra == 1 and "CHN" in abstainers and CHINA_ABSTAINS[0] <= entry.date <= CHINA_ABSTAINS[1]
    ):
        chosen = ["CHN"]
    else:
        return
    for code in chosen:
        entry.votes[code] = Vote.NOT_VOTING
    report.add(
        "non_participation_coded_as_abstention",
        entry.subject,
        "votes",
        {c: Vote.NOT_VOTING.value for c in chosen},
        {c: Vote.ABSTAIN.value for c in chosen},
        [entry.votes_source or "", "undl-meetings"],
        f"the Library tally {reference.text()} does not count them",
    )


def _without_repeats(records: list[DraftRecord], report: Report) -> list[DraftRecord]:
    """Drop a draft the Library tables repeat in a later meeting's cell: the same symbol with
    the same tally at another meeting (S/11400 at S/PV.1788 and again at S/PV.1808, 1974)."""
    kept: list[DraftRecord] = []
    seen: dict[tuple[str, str], DraftRecord] = {}
    for r in sorted(records, key=lambda r: r.date):
        key = (r.symbol or "", r.tally.text() if r.tally else "")
        first = seen.get(key)
        if r.symbol and first is not None and first.meeting_record != r.meeting_record:
            report.add(
                "repeated_draft",
                r.symbol,
                "meeting_record",
                first.meeting_record,
                r.meeting_record,
                [r.where.source_id],
                f"{r.where} repeats {first.where} (same draft, same tally {key[1]}); dropped",
            )
            continue
        seen.setdefault(key, r)
        kept.append(r)
    return kept


def _failed_drafts(sources: Sources, report: Report) -> list[Entry]:
    """Failed and vetoed drafts: the Library tables, merged with the draft-level votes."""
    library = _without_repeats(
        [r for r in sources.library if r.outcome is not Outcome.ADOPTED], report
    )
    library_end = max((r.date for r in sources.library), default=date(1900, 1, 1))
    entries: list[tuple[Entry, DraftRecord | None]] = []
    for r in library:
        if r.date > LAST_DAY:
            continue
        entry = Entry(
            date=r.date,
            outcome=r.outcome,
            source_id=r.where.source_id,
            symbol=r.symbol,
            meeting_record=r.meeting_record,
            agenda=r.agenda,
            matter=r.matter,
            tally=r.tally,
            vetoed_by=r.vetoed_by,
            vetoes_source=r.where.source_id if r.vetoed_by else None,
        )
        entries.append((entry, r))
    by_symbol = {e.symbol: e for e, _ in entries if e.symbol}
    adopted_drafts = {r.symbol for r in sources.draft_votes if r.resolution_number}
    for record in sources.draft_votes:
        if record.date > LAST_DAY:
            continue
        if record.outcome is Outcome.ADOPTED and record.resolution_number is not None:
            continue
        subject = record.symbol or str(record.where)
        match = by_symbol.get(record.symbol or "")
        if record.outcome is Outcome.ADOPTED:
            # An adoption without a resolution number: a duplicate of a failed draft (the
            # 1995 rows), or of a numbered adoption, or a resolution no other source has.
            if match is not None:
                report.add(
                    "outcome",
                    subject,
                    "outcome",
                    match.outcome,
                    "adopted",
                    [match.source_id, record.where.source_id],
                    f"{record.where}: the same draft is also listed as {match.outcome}",
                )
            else:
                report.add(
                    "unnumbered_adoption",
                    subject,
                    "resolution_number",
                    "",
                    "",
                    [record.where.source_id],
                    f"{record.where}: adopted without a resolution number; "
                    + (
                        "the draft has a numbered row too"
                        if record.symbol in adopted_drafts
                        else "left out"
                    ),
                )
            continue
        if match is None:
            match = _match_by_meeting(record, [e for e, _ in entries])
        if match is None:
            if record.date <= library_end:
                report.add(
                    "missing_in_meetings_table",
                    subject,
                    "draft",
                    "",
                    "",
                    [record.where.source_id, "undl-meetings"],
                    str(record.where),
                )
            match = Entry(
                date=record.date,
                outcome=record.outcome,
                source_id=record.where.source_id,
                symbol=record.symbol,
                meeting_record=record.meeting_record,
                agenda=record.agenda,
            )
            entries.append((match, None))
        else:
            _compare_draft(match, record, report)
        match.sponsors = match.sponsors or record.sponsors
        match.symbol = match.symbol or record.symbol
        votes = usable_votes(record, match.date, report, subject, match.tally)
        if votes is not None:
            why = contradicts(record, votes, match.date)
            if why:
                report.add(
                    "votes_contradict_outcome",
                    subject,
                    "votes",
                    "",
                    votes,
                    [record.where.source_id],
                    f"{record.where}: {why}; not used",
                )
            else:
                match.votes, match.votes_source = votes, record.where.source_id
    result = []
    for entry, _ in entries:
        if entry.votes:
            entry.votes = complete_votes(entry.votes, entry.date)
            computed = _counts(entry.votes)
            if entry.tally and not _same_tally(entry.tally, computed):
                report.add(
                    "tally",
                    entry.subject,
                    "tally",
                    computed,
                    entry.tally,
                    [entry.votes_source or "", entry.source_id],
                )
            entry.tally = computed
        result.append(entry)
    return result


def _match_by_meeting(record: DraftRecord, entries: list[Entry]) -> Entry | None:
    """A Library draft of the same meeting (or date) and outcome that has no symbol match."""
    for entry in entries:
        if entry.votes or entry.outcome is not record.outcome:
            continue
        same_day = entry.date == record.date or _swapped(entry.date, record.date)
        if same_day and (
            record.meeting_record is None or entry.meeting_record == record.meeting_record
        ):
            if entry.symbol and record.symbol and entry.symbol != record.symbol:
                continue
            return entry
    return None


def _compare_draft(entry: Entry, record: DraftRecord, report: Report) -> None:
    srcs = [entry.source_id, record.where.source_id]
    if record.date != entry.date:
        kind = "date_day_month_swapped" if _swapped(record.date, entry.date) else "date"
        report.add(kind, entry.subject, "date", entry.date, record.date, srcs, str(record.where))
    if record.outcome is not entry.outcome:
        report.add(
            "outcome",
            entry.subject,
            "outcome",
            entry.outcome,
            record.outcome,
            srcs,
            str(record.where),
        )


def _vetoes(drafts: list[Entry], sources: Sources, report: Report) -> None:
    """Settle who vetoed each vetoed draft; add vetoes only the veto list knows."""
    for entry in drafts:
        if entry.outcome is not Outcome.VETOED or not entry.votes:
            continue
        permanent = {m.code for m in members_on(entry.date) if m.permanent}
        by_votes = tuple(
            sorted(c for c, v in entry.votes.items() if v is Vote.NO and c in permanent)
        )
        if entry.vetoed_by and set(entry.vetoed_by) != set(by_votes):
            report.add(
                "vetoed_by",
                entry.subject,
                "vetoed_by",
                by_votes,
                entry.vetoed_by,
                [entry.votes_source or "", entry.vetoes_source or ""],
            )
        entry.vetoed_by, entry.vetoes_source = by_votes, entry.votes_source
    vetoed = [e for e in drafts if e.outcome is Outcome.VETOED]
    used: set[int] = set()
    for veto in sources.veto_list:
        if veto.date > LAST_DAY:
            continue
        match = _match_veto(veto, vetoed, used)
        if match is None:
            failed = [e for e in drafts if e.outcome is Outcome.FAILED and id(e) not in used]
            match = _match_veto(veto, failed, used) if veto.draft_symbol else None
            if match is not None:
                # The veto list (from A/58/47, Annex III) has it as a veto; the meetings table
                # as "not adopted" (S/5134, 22 Jun 1962, Kashmir: vetoed by the USSR).
                report.add(
                    "outcome",
                    match.subject,
                    "outcome",
                    "vetoed",
                    "failed",
                    [veto.where.source_id, match.source_id],
                    str(veto.where),
                )
                match.outcome = Outcome.VETOED
                vetoed.append(match)
        if match is None:
            report.add(
                "veto_only_in_veto_list",
                veto.draft_symbol or str(veto.where),
                "draft",
                "",
                "",
                [veto.where.source_id, "undl-meetings"],
                str(veto.where),
            )
            entry = Entry(
                date=veto.date,
                outcome=Outcome.VETOED,
                source_id=veto.where.source_id,
                symbol=veto.draft_symbol,
                meeting_record=veto.meeting_record,
                agenda=veto.agenda,
                vetoed_by=veto.vetoed_by,
                vetoes_source=veto.where.source_id,
            )
            drafts.append(entry)
            vetoed.append(entry)
            used.add(id(entry))
            continue
        used.add(id(match))
        if match.date != veto.date:
            report.add(
                "date",
                match.subject,
                "date",
                match.date,
                veto.date,
                [match.source_id, veto.where.source_id],
                str(veto.where),
            )
        if match.vetoed_by and set(match.vetoed_by) != set(veto.vetoed_by):
            report.add(
                "vetoed_by",
                match.subject,
                "vetoed_by",
                match.vetoed_by,
                veto.vetoed_by,
                [match.vetoes_source or "", veto.where.source_id],
                str(veto.where),
            )
        if not match.vetoed_by:
            match.vetoed_by, match.vetoes_source = veto.vetoed_by, veto.where.source_id
        match.agenda = match.agenda or veto.agenda
    wpdl_used: set[int] = set()
    for veto in sources.wpdl:
        if veto.date > LAST_DAY:
            continue
        match = _match_veto(veto, vetoed, wpdl_used)
        if match is None:
            report.add(
                "veto_only_in_wpdl",
                veto.draft_symbol or str(veto.where),
                "draft",
                "",
                "",
                [veto.where.source_id],
                f"{veto.where}: not used",
            )
            continue
        wpdl_used.add(id(match))
        if set(match.vetoed_by) != set(veto.vetoed_by):
            report.add(
                "vetoed_by",
                match.subject,
                "vetoed_by",
                match.vetoed_by,
                veto.vetoed_by,
                [match.vetoes_source or "", veto.where.source_id],
                str(veto.where),
            )


def base_symbol(symbol: str | None) -> str | None:
    """A draft symbol without its revision, addendum or corrigendum: ``S/18087/Rev.1`` ->
    ``S/18087`` (the veto list and the meetings tables do not always cite the same one)."""
    return symbol.split("/Rev.")[0].split("/Add.")[0].split("/Corr.")[0] if symbol else None


def _match_veto(veto: VetoRecord, vetoed: list[Entry], used: set[int]) -> Entry | None:
    free = [e for e in vetoed if id(e) not in used]
    if veto.draft_symbol:
        for e in free:
            if e.symbol == veto.draft_symbol:
                return e
        for e in free:
            if base_symbol(e.symbol) == base_symbol(veto.draft_symbol):
                return e
    for e in free:
        if e.date == veto.date and (
            e.meeting_record == veto.meeting_record
            or veto.meeting_record is None
            or e.meeting_record is None
        ):
            if (
                veto.draft_symbol
                and e.symbol
                and base_symbol(e.symbol) != base_symbol(veto.draft_symbol)
            ):
                continue
            return e
    return None


def _meetings(sources: Sources, report: Report) -> list[MeetingRecord]:
    found: dict[str, MeetingRecord] = {}
    for m in sources.meetings:
        if m.date is not None and m.date > LAST_DAY:
            continue
        first = found.get(m.meeting_record)
        if first is None:
            found[m.meeting_record] = m
        elif first.date != m.date:
            # A meeting suspended and resumed on another day is listed on both days: keep
            # the day it opened.
            if m.date and first.date and m.date < first.date:
                found[m.meeting_record], first, m = m, m, first
            report.add(
                "meeting_resumed",
                m.meeting_record,
                "date",
                first.date,
                m.date,
                [m.where.source_id],
                f"{first.where} and {m.where}",
            )
    return sorted(found.values(), key=lambda m: (m.number or 0, m.meeting_record))
