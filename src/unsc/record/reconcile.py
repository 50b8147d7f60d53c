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

from collections.abc import Sequence
from datetime import date

from unsc.record.reconcile_common import (
    LAST_DAY,
    LAST_RESOLUTION,
    Discrepancy,
    Entry,
    Reconciled,
    Report,
    Sources,
    complete_votes,
    contradicts,
    counts,
    far_apart,
    same_tally,
    swapped,
    usable_votes,
)
from unsc.record.reconcile_drafts import failed_drafts, meetings, vetoes
from unsc.record.records import DraftRecord, Tally
from unsc.types import Matter, Outcome, Vote

__all__ = ["LAST_DAY", "Discrepancy", "Entry", "Reconciled", "Report", "Sources", "reconcile"]


def reconcile(sources: Sources) -> Reconciled:
    report = Report()
    resolutions = _resolutions(sources, report)
    drafts = failed_drafts(sources, report)
    vetoes(drafts, sources, report)
    entries = sorted(
        [*resolutions, *drafts],
        key=lambda e: (e.date, e.resolution_number or 0, e.symbol or "", e.meeting_record or ""),
    )
    for i, entry in enumerate(entries, start=1):
        entry.draft_id = i
    found_meetings = meetings(sources, report)
    return Reconciled(entries, found_meetings, report.items)


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
        if far is not None and far is not top and far_apart(far.date, when):
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
                kind = "date_day_month_swapped" if swapped(other.date, when) else "date"
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
    computed = counts(entry.votes) if entry.votes else None
    if library and library.tally and computed and not same_tally(library.tally, computed):
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
    have = counts(entry.votes)
    extra = have.abstain - reference.abstain
    if extra <= 0 or (have.yes, have.no) != (reference.yes, reference.no):
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
