"""The last step of reconciliation: the kind of each vote, then the curated facts of
:mod:`unsc.record.curated` over what the sources say (part of :mod:`unsc.record.reconcile`).

Curated rows win over every source because each carries a public source the build's sources
lack or contradict (the meeting record ``S/PV.NNN``, the Repertoire of the Practice of the
Security Council, the yearly Resolutions and Decisions volumes). Every change is reported.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from unsc.errors import RecordError
from unsc.record.curated import (
    CORRECTIONS,
    QUESTIONS,
    SOURCE_ID,
    UNLISTED,
    Correction,
    CuratedQuestion,
    Fixes,
    UnlistedVeto,
)
from unsc.record.discrepancies import DiscrepancyKind, Report
from unsc.record.reconcile_common import Entry, settle_tally
from unsc.record.reconcile_drafts import base_symbol
from unsc.record.records import DraftRecord, Kind, VoteLine, Where
from unsc.types import Matter, Outcome

_ADMISSION_TITLE = re.compile(
    r"\[on (?:the )?(?:admission of (?!new members)|application of .+ for admission)",
    re.IGNORECASE,
)
"""A resolution recommending the admission of a state: the Library's titles read "[on
admission of Chad to membership ...]", "[on admission of Albania, Jordan, ... (res. 109
(1955)), "[on the application of Tuvalu for admission to membership ...]" (res. 1290 (2000));
not "[on procedures for admission of new members ...]" (res. 6 (1946)) nor "[referring to the
Committee on the Admission of New Members ...]" (res. 24, 25 (1947))."""
_ADMISSION_AGENDA = re.compile(
    r"admission of new members|application[s]? (?:of .+ )?for (?:admission|membership)"
    r"|applications? for membership|admission of .+ to the united nations",
    re.IGNORECASE,
)


def classify(entries: list[Entry]) -> None:
    """Mark recommendations on the admission of a state (Charter Art. 4(2), rule 60 of the
    provisional rules of procedure) as ``membership``: adopted resolutions whose title says
    they recommend the admission of a named state (``_ADMISSION_TITLE``) and drafts not adopted
    under an agenda item on admission; the curated table corrects the exceptions."""
    for e in entries:
        if e.draft.kind is not Kind.DRAFT:
            continue
        if e.draft.resolution_number is not None:
            if _ADMISSION_TITLE.search(e.draft.title or ""):
                e.draft = replace(e.draft, kind=Kind.MEMBERSHIP)
        elif _ADMISSION_AGENDA.search(e.draft.agenda or ""):
            e.draft = replace(e.draft, kind=Kind.MEMBERSHIP)


def add_questions(
    entries: list[Entry],
    questions: tuple[CuratedQuestion, ...],
    report: Report,
    fixes: Fixes | None = None,
) -> None:
    """Add the curated votes no source records; a vote a source does record is only reported
    (the source's row stands; curated corrections may then change its fields)."""
    for q in questions:
        same = [
            e
            for e in entries
            if e.draft.date == q.date
            and (
                (q.symbol and base_symbol(e.draft.symbol) == base_symbol(q.symbol))
                or (
                    not q.symbol
                    and not e.draft.symbol
                    and e.draft.meeting_record == q.meeting_record
                )
            )
        ]
        if q.symbol and same:
            report.add(
                DiscrepancyKind.CURATED_CORRECTION,
                subject=same[0].subject,
                field="draft",
                chosen=q.symbol,
                sources=[SOURCE_ID, same[0].source_id],
                note=f"{q.where}: already in the sources; the curated row is not added",
            )
            continue
        entry = Entry(
            DraftRecord(
                Where(SOURCE_ID, QUESTIONS, q.line),
                q.date,
                q.outcome,
                symbol=q.symbol,
                meeting_record=q.meeting_record,
                agenda=q.agenda,
                matter=_matter_of(q.kind),
                kind=q.kind,
                amends=q.amends,
                tally=q.tally,
                vetoed_by=q.vetoed_by,
            ),
            counted=False,
            listed=False,
            vetoes_source=SOURCE_ID if q.vetoed_by else None,
        )
        settle_tally(entry, q.tally, SOURCE_ID, q.where, report, fixes or Fixes({}))
        entries.append(entry)
        _report_added(
            report,
            entry,
            f"{q.kind.value} {q.outcome.value}",
            f"{q.where}: {q.source}; not in the sources of the build",
            q.note,
        )


def add_unlisted(entries: list[Entry], vetoes: tuple[UnlistedVeto, ...], report: Report) -> None:
    """Add the curated vetoes the UN Library's veto list leaves out, flagged ``listed = False``
    and ``counted = False`` (the Library's counts leave them out). A row whose symbol a source
    already holds, or whose id is taken, stops the build: the file is for votes no source has.
    """
    taken = {e.key for e in entries}
    symbols = {base_symbol(e.draft.symbol) for e in entries if e.draft.symbol}
    for v in vetoes:
        if f"draft:{v.ref}" in taken or (v.symbol and base_symbol(v.symbol) in symbols):
            raise RecordError(
                f"{v.ref} is already in the record; {UNLISTED} is for votes no source holds",
                file=UNLISTED,
                line=v.line,
                field="id",
            )
        entry = Entry(
            DraftRecord(
                Where(SOURCE_ID, UNLISTED, v.line),
                v.date,
                Outcome.VETOED,
                symbol=v.symbol,
                meeting_record=v.meeting_record,
                agenda=v.agenda,
                title=v.title,
                matter=_matter_of(v.kind),
                kind=v.kind,
                amends=v.amends,
                tally=v.tally,
                votes=dict(v.votes),
                vetoed_by=v.vetoed_by,
            ),
            counted=False,
            listed=False,
            ref=None if v.symbol else v.ref,
            votes_source=SOURCE_ID if v.votes else None,
            votes_where=v.where if v.votes else None,
            vetoes_source=SOURCE_ID,
        )
        entries.append(entry)
        taken.add(entry.key)
        _report_added(
            report,
            entry,
            f"{v.kind.value} vetoed by {';'.join(v.vetoed_by)}",
            f"{v.where}: {v.source}; not in the UN Library's veto list",
            v.note,
        )


def _matter_of(kind: Kind) -> Matter:
    """An amendment is its own matter; every other curated vote is substantive unless a
    correction says otherwise (Charter Art. 27(2)-(3))."""
    return Matter.AMENDMENT if kind is Kind.AMENDMENT else Matter.SUBSTANTIVE


def _report_added(report: Report, entry: Entry, chosen: str, why: str, note: str) -> None:
    """Every vote a curated file adds stays in the discrepancy report, with its source."""
    report.add(
        DiscrepancyKind.CURATED_CORRECTION,
        subject=entry.subject,
        field="draft",
        chosen=chosen,
        sources=[SOURCE_ID],
        note=why + (f"; {note}" if note else ""),
    )


def apply_corrections(entries: list[Entry], fixes: Fixes, report: Report) -> None:
    """Set each corrected field; a correction naming no vote of the record stops the build."""
    by_key: dict[str, list[Entry]] = {}
    for e in entries:
        by_key.setdefault(e.key, []).append(e)
    for subject, rows in fixes.by_subject.items():
        found = by_key.get(subject)
        if not found:
            raise RecordError(
                f"{subject}: no such vote in the record", file=CORRECTIONS, line=rows[0].line
            )
        for fix in rows:
            if fix.field == "tally" or fix.field.startswith("vote:"):
                continue  # settled with the member votes (reconcile_common.settle_tally)
            for entry in found:
                _apply(entry, fix, report)


def _apply(entry: Entry, fix: Correction, report: Report) -> None:
    before: object = getattr(entry.draft, fix.field)
    value = fix.value
    if fix.field == "vote_line":
        entry.draft = replace(entry.draft, vote_line=VoteLine(value))
        if not entry.draft.vote_line.voted:
            entry.draft = replace(entry.draft, votes={}, tally=None)
            entry.votes_source = None
    elif fix.field == "matter":
        entry.draft = replace(entry.draft, matter=Matter(value))
        entry.matter_source = fix.source
    elif fix.field == "kind":
        entry.draft = replace(entry.draft, kind=Kind(value))
        if entry.draft.kind is Kind.AMENDMENT:
            entry.draft = replace(entry.draft, matter=Matter.AMENDMENT)
            entry.counted = False
        elif entry.draft.kind is Kind.PRELIMINARY:
            entry.draft = replace(entry.draft, matter=Matter.PRELIMINARY)
        elif entry.draft.matter in (Matter.AMENDMENT, Matter.PRELIMINARY):
            entry.draft = replace(entry.draft, matter=Matter.SUBSTANTIVE)
            entry.counted = True
    elif fix.field == "amends":
        entry.draft = replace(entry.draft, amends=value)
    elif fix.field == "outcome":
        entry.draft = replace(entry.draft, outcome=Outcome(value))
        if entry.draft.outcome is not Outcome.VETOED:
            entry.draft = replace(entry.draft, vetoed_by=())
            entry.vetoes_source = None
    elif fix.field == "vetoed_by":
        entry.draft = replace(entry.draft, vetoed_by=tuple(c for c in value.split(";") if c))
        entry.vetoes_source = SOURCE_ID
    elif fix.field == "sponsors":
        entry.draft = replace(entry.draft, sponsors=value or None)
    elif fix.field == "date":
        entry.draft = replace(entry.draft, date=date.fromisoformat(value))
    after: object = getattr(entry.draft, fix.field)
    if _text(before) != _text(after):
        report.add(
            DiscrepancyKind.CURATED_CORRECTION,
            subject=entry.subject,
            field=fix.field,
            chosen=_text(after),
            rejected=_text(before),
            sources=[SOURCE_ID, entry.source_id],
            note=f"{fix.where}: {fix.source}" + (f"; {fix.note}" if fix.note else ""),
        )


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return ";".join(str(v) for v in value)
    return str(value)
