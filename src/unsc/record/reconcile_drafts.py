"""Reconciling failed and vetoed drafts, vetoes and meetings (part of
:mod:`unsc.record.reconcile`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from unsc.record.discrepancies import DiscrepancyKind, Report
from unsc.record.reconcile_common import (
    LAST_DAY,
    Entry,
    Sources,
    contradicts,
    counts,
    date_kind,
    members_on,
    same_tally,
    settle_tally,
    swapped,
    usable_votes,
)
from unsc.record.records import DraftRecord, Kind, MeetingRecord, VetoRecord
from unsc.types import Matter, Outcome, Vote


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
                DiscrepancyKind.REPEATED_DRAFT,
                subject=r.symbol,
                field="meeting_record",
                chosen=first.meeting_record,
                rejected=r.meeting_record,
                sources=[r.where.source_id],
                note=f"{r.where} repeats {first.where} (same draft, same tally {key[1]}); dropped",
            )
            continue
        seen.setdefault(key, r)
        kept.append(r)
    return kept


def failed_drafts(sources: Sources, report: Report) -> list[Entry]:
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
            r,  # the Library table's own record: reconciliation replaces what it settles
            vetoes_source=r.where.source_id if r.vetoed_by else None,
        )
        entries.append((entry, r))
    by_symbol = {e.draft.symbol: e for e, _ in entries if e.draft.symbol}
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
                    DiscrepancyKind.OUTCOME,
                    subject=subject,
                    field="outcome",
                    chosen=match.draft.outcome,
                    rejected="adopted",
                    sources=[match.source_id, record.where.source_id],
                    note=f"{record.where}: the same draft is also listed as {match.draft.outcome}",
                )
            else:
                report.add(
                    DiscrepancyKind.UNNUMBERED_ADOPTION,
                    subject=subject,
                    field="resolution_number",
                    sources=[record.where.source_id],
                    note=f"{record.where}: adopted without a resolution number; "
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
                    DiscrepancyKind.MISSING_IN_MEETINGS_TABLE,
                    subject=subject,
                    field="draft",
                    sources=[record.where.source_id, "undl-meetings"],
                    note=str(record.where),
                )
            match = Entry(
                DraftRecord(
                    record.where,
                    record.date,
                    record.outcome,
                    symbol=record.symbol,
                    meeting_record=record.meeting_record,
                    agenda=record.agenda,
                )
            )
            entries.append((match, None))
        else:
            _compare_draft(match, record, report)
        match.draft = replace(match.draft, sponsors=match.draft.sponsors or record.sponsors)
        if record.matter is Matter.AMENDMENT:
            match.draft = replace(match.draft, matter=Matter.AMENDMENT, kind=Kind.AMENDMENT)
            match.counted = False
        match.draft = replace(match.draft, symbol=match.draft.symbol or record.symbol)
        votes = usable_votes(record, match.draft.date, report, subject, match.draft.tally)
        if votes is not None:
            why = contradicts(record, votes, match.draft.date)
            if why:
                report.add(
                    DiscrepancyKind.VOTES_CONTRADICT_OUTCOME,
                    subject=subject,
                    field="votes",
                    rejected=votes,
                    sources=[record.where.source_id],
                    note=f"{record.where}: {why}; not used",
                )
            else:
                match.draft = replace(match.draft, votes=votes)
                match.votes_source = record.where.source_id
                match.votes_where = str(record.where)
    for record in sources.manual:
        _add_manual_votes(record, [e for e, _ in entries], report)
    result = []
    for entry, row in entries:
        settle_tally(
            entry,
            entry.draft.tally,
            row.where.source_id if row else entry.source_id,
            str(row.where) if row else entry.source_id,
            report,
            sources.fixes,
        )
        result.append(entry)
    return result


def _add_manual_votes(record: DraftRecord, entries: list[Entry], report: Report) -> None:
    """Member votes typed by hand (lowest precedence): matched on the meeting and the draft
    symbol, else on the meeting and the tally; used only where no other source has votes."""
    here = [
        e
        for e in entries
        if e.draft.meeting_record == record.meeting_record and e.draft.date.year == record.date.year
    ]
    by_symbol = [
        e
        for e in here
        if record.symbol and base_symbol(e.draft.symbol) == base_symbol(record.symbol)
    ]
    by_tally = [
        e
        for e in here
        if e.draft.tally and record.tally and same_tally(e.draft.tally, record.tally)
    ]
    pick = by_symbol[0] if len(by_symbol) == 1 else by_tally[0] if len(by_tally) == 1 else None
    subject = record.symbol or f"{record.meeting_record} ({record.date.year})"
    if pick is None:
        report.add(
            DiscrepancyKind.UNMATCHED_VOTES,
            subject=subject,
            field="draft",
            rejected=record.note or "",
            sources=[record.where.source_id, "undl-meetings"],
            note=f"{record.where}: no single failed or vetoed draft of that meeting fits",
        )
        return
    votes = usable_votes(record, pick.draft.date, report, pick.subject, pick.draft.tally)
    if votes is None:
        return
    if pick.draft.votes:
        differ = {c: v for c, v in votes.items() if pick.draft.votes.get(c, v) != v}
        tally = pick.draft.tally
        if (
            differ
            and tally
            and not same_tally(counts(pick.draft.votes), tally)
            and same_tally(counts(votes), tally)
        ):
            # Two sources against one: the Library tally and the hand-typed votes agree
            # (S/2019/962, 20 Dec 2019: 5-6-4).
            report.add(
                DiscrepancyKind.VOTE,
                subject=pick.subject,
                field="votes",
                chosen=differ,
                rejected={c: pick.draft.votes[c] for c in differ},
                sources=[record.where.source_id, pick.votes_source or ""],
                note=f"{record.where}: these votes add up to the Library tally {tally.text()}",
            )
            pick.draft = replace(pick.draft, votes=votes)
            pick.votes_source = record.where.source_id
            pick.votes_where = str(record.where)
            return
        if differ:
            report.add(
                DiscrepancyKind.VOTE,
                subject=pick.subject,
                field="votes",
                chosen={c: pick.draft.votes[c] for c in differ},
                rejected=differ,
                sources=[pick.votes_source or "", record.where.source_id],
                note=str(record.where),
            )
        return
    if pick.draft.tally and not same_tally(pick.draft.tally, counts(votes)):
        report.add(
            DiscrepancyKind.TALLY,
            subject=pick.subject,
            field="tally",
            chosen=pick.draft.tally,
            rejected=counts(votes),
            sources=[pick.source_id, record.where.source_id],
            note=f"{record.where}: the hand-typed votes do not add up to the tally; not used",
        )
        return
    pick.draft = replace(pick.draft, votes=votes)
    pick.votes_source = record.where.source_id
    pick.votes_where = str(record.where)


def _match_by_meeting(record: DraftRecord, entries: list[Entry]) -> Entry | None:
    """A Library draft of the same meeting (or date) and outcome that has no symbol match."""
    for entry in entries:
        if entry.draft.votes or entry.draft.outcome is not record.outcome:
            continue
        same_day = entry.draft.date == record.date or swapped(entry.draft.date, record.date)
        if same_day and (
            record.meeting_record is None or entry.draft.meeting_record == record.meeting_record
        ):
            if entry.draft.symbol and record.symbol and entry.draft.symbol != record.symbol:
                continue
            return entry
    return None


def _compare_draft(entry: Entry, record: DraftRecord, report: Report) -> None:
    srcs = [entry.source_id, record.where.source_id]
    if record.date != entry.draft.date:
        report.add(
            date_kind(record.date, entry.draft.date),
            subject=entry.subject,
            field="date",
            chosen=entry.draft.date,
            rejected=record.date,
            sources=srcs,
            note=str(record.where),
        )
    if record.outcome is not entry.draft.outcome:
        report.add(
            DiscrepancyKind.OUTCOME,
            subject=entry.subject,
            field="outcome",
            chosen=entry.draft.outcome,
            rejected=record.outcome,
            sources=srcs,
            note=str(record.where),
        )


def vetoes(drafts: list[Entry], sources: Sources, report: Report) -> None:
    """Settle who vetoed each vetoed draft; add vetoes only the veto list knows."""
    for entry in drafts:
        if entry.draft.outcome is not Outcome.VETOED or not entry.draft.votes:
            continue
        permanent = {m.code for m in members_on(entry.draft.date) if m.permanent}
        by_votes = tuple(
            sorted(c for c, v in entry.draft.votes.items() if v is Vote.NO and c in permanent)
        )
        if entry.draft.vetoed_by and set(entry.draft.vetoed_by) != set(by_votes):
            report.add(
                DiscrepancyKind.VETOED_BY,
                subject=entry.subject,
                field="vetoed_by",
                chosen=by_votes,
                rejected=entry.draft.vetoed_by,
                sources=[entry.votes_source or "", entry.vetoes_source or ""],
            )
        entry.draft = replace(entry.draft, vetoed_by=by_votes)
        entry.vetoes_source = entry.votes_source
    vetoed = [e for e in drafts if e.draft.outcome is Outcome.VETOED]
    used: set[int] = set()
    for veto in sources.veto_list:
        if veto.date > LAST_DAY:
            continue
        match = _match_veto(veto, vetoed, used)
        if match is None:
            failed = [e for e in drafts if e.draft.outcome is Outcome.FAILED and id(e) not in used]
            match = _match_veto(veto, failed, used) if veto.draft_symbol else None
            if match is not None:
                # The veto list (from A/58/47, Annex III) has it as a veto; the meetings table
                # as "not adopted" (S/5134, 22 Jun 1962, Kashmir: vetoed by the USSR).
                report.add(
                    DiscrepancyKind.OUTCOME,
                    subject=match.subject,
                    field="outcome",
                    chosen="vetoed",
                    rejected="failed",
                    sources=[veto.where.source_id, match.source_id],
                    note=str(veto.where),
                )
                match.draft = replace(match.draft, outcome=Outcome.VETOED)
                vetoed.append(match)
        if match is None:
            report.add(
                DiscrepancyKind.VETO_ONLY_IN_VETO_LIST,
                subject=veto.draft_symbol or str(veto.where),
                field="draft",
                sources=[veto.where.source_id, "undl-meetings"],
                note=str(veto.where),
            )
            entry = Entry(
                DraftRecord(
                    veto.where,
                    veto.date,
                    Outcome.VETOED,
                    symbol=veto.draft_symbol,
                    meeting_record=veto.meeting_record,
                    agenda=veto.agenda,
                    vetoed_by=veto.vetoed_by,
                ),
                vetoes_source=veto.where.source_id,
            )
            drafts.append(entry)
            vetoed.append(entry)
            used.add(id(entry))
            continue
        used.add(id(match))
        if match.draft.date != veto.date:
            report.add(
                DiscrepancyKind.DATE,
                subject=match.subject,
                field="date",
                chosen=match.draft.date,
                rejected=veto.date,
                sources=[match.source_id, veto.where.source_id],
                note=str(veto.where),
            )
        preliminary = "preliminary question" in veto.agenda.lower()
        # The veto list (A/58/47, Annex III) names the vote on whether a matter is procedural
        # ("The Spanish question preliminary question", S/PV.49, 26 Jun 1946: France and the
        # USSR). The meetings table's cell says "vetoed by USSR" for each of the three votes
        # of that meeting without telling them apart, so without member votes the veto list
        # says who vetoed the preliminary question.
        veto_list_wins = preliminary and not match.draft.votes
        if match.draft.vetoed_by and set(match.draft.vetoed_by) != set(veto.vetoed_by):
            chosen, rejected = (
                (veto.vetoed_by, match.draft.vetoed_by)
                if veto_list_wins
                else (match.draft.vetoed_by, veto.vetoed_by)
            )
            sources_ = [match.vetoes_source or "", veto.where.source_id]
            report.add(
                DiscrepancyKind.VETOED_BY,
                subject=match.subject,
                field="vetoed_by",
                chosen=chosen,
                rejected=rejected,
                sources=sources_[::-1] if veto_list_wins else sources_,
                note=str(veto.where)
                + ("; the veto list names the preliminary question" if veto_list_wins else ""),
            )
        if not match.draft.vetoed_by or veto_list_wins:
            match.draft = replace(match.draft, vetoed_by=veto.vetoed_by)
            match.vetoes_source = veto.where.source_id
        match.draft = replace(match.draft, agenda=match.draft.agenda or veto.agenda)
        if preliminary:
            match.draft = replace(match.draft, matter=Matter.PRELIMINARY, kind=Kind.PRELIMINARY)
    wpdl_used: set[int] = set()
    for veto in sources.wpdl:
        if veto.date > LAST_DAY:
            continue
        match = _match_veto(veto, vetoed, wpdl_used)
        if match is None:
            report.add(
                DiscrepancyKind.VETO_ONLY_IN_WPDL,
                subject=veto.draft_symbol or str(veto.where),
                field="draft",
                sources=[veto.where.source_id],
                note=f"{veto.where}: not used",
            )
            continue
        wpdl_used.add(id(match))
        if set(match.draft.vetoed_by) != set(veto.vetoed_by):
            report.add(
                DiscrepancyKind.VETOED_BY,
                subject=match.subject,
                field="vetoed_by",
                chosen=match.draft.vetoed_by,
                rejected=veto.vetoed_by,
                sources=[match.vetoes_source or "", veto.where.source_id],
                note=str(veto.where),
            )


def base_symbol(symbol: str | None) -> str | None:
    """A draft symbol without its revision, addendum or corrigendum: ``S/18087/Rev.1`` ->
    ``S/18087`` (the veto list and the meetings tables do not always cite the same one)."""
    return symbol.split("/Rev.")[0].split("/Add.")[0].split("/Corr.")[0] if symbol else None


def _match_veto(veto: VetoRecord, vetoed: list[Entry], used: set[int]) -> Entry | None:
    free = [e for e in vetoed if id(e) not in used]
    if veto.draft_symbol:
        for e in free:
            if e.draft.symbol == veto.draft_symbol:
                return e
        for e in free:
            if base_symbol(e.draft.symbol) == base_symbol(veto.draft_symbol):
                return e
    same_day = [
        e
        for e in free
        if e.draft.date == veto.date
        and (
            e.draft.meeting_record == veto.meeting_record
            or veto.meeting_record is None
            or e.draft.meeting_record is None
        )
        and not (
            veto.draft_symbol
            and e.draft.symbol
            and base_symbol(e.draft.symbol) != base_symbol(veto.draft_symbol)
        )
    ]
    # Of a meeting's votes, the veto list's "preliminary question" goes to the one the
    # meetings table calls so, and its other rows to the others (S/PV.303, 24 May 1948: the
    # preliminary question 8-2-1, then the draft 9-2-0).
    preliminary = "preliminary question" in veto.agenda.lower()
    alike = [e for e in same_day if (e.draft.kind is Kind.PRELIMINARY) == preliminary]
    found = alike or same_day
    return found[0] if found else None


def meetings(sources: Sources, report: Report) -> list[MeetingRecord]:
    """Meetings from the Library tables, then those only the draft-level votes name."""
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
                DiscrepancyKind.MEETING_RESUMED,
                subject=m.meeting_record,
                field="date",
                chosen=first.date,
                rejected=m.date,
                sources=[m.where.source_id],
                note=f"{first.where} and {m.where}",
            )
    # After the Library tables end (30 June 2022) the draft-level votes name the meetings.
    for r in sources.draft_votes:
        record = r.meeting_record
        if record is None or record in found or r.date > LAST_DAY:
            continue
        number = record.split(".", 1)[1]
        found[record] = MeetingRecord(
            where=r.where,
            meeting_record=record,
            number=int(number) if number.isdigit() else None,
            date=r.date,
            topic=r.agenda or "",
            press_release=None,
        )
    return sorted(found.values(), key=lambda m: (m.number or 0, m.meeting_record))
