"""Give drafts not adopted their member votes from ``record_member_votes.csv``
(:mod:`unsc.record.member_votes`; part of :mod:`unsc.record.reconcile`).

Each row names its draft by symbol or curated id and date; the build stops, naming the file,
line and field, when the row matches no vote of the record, a vote whose tally differs, a vote
whose member votes a source already gives (the file is only for votes no source of the build
holds: the Council's own tables come first), or a ballot that drops a veto caster's "no"
(a veto is a permanent member's negative vote, Charter Art. 27(3)). Every ballot applied goes
in the discrepancy report (``curated_vote``, field ``votes``) with its public source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from unsc.record.curated import SOURCE_ID
from unsc.record.discrepancies import DiscrepancyKind, Report
from unsc.record.member_votes import MEMBER_VOTES, CuratedBallot, error
from unsc.record.reconcile_common import Entry, complete_votes
from unsc.record.vote_refs import check_vetoes_kept


def _find(entries: Sequence[Entry], row: CuratedBallot) -> Entry:
    named = [
        e
        for e in entries
        if row.draft in (e.draft.symbol, e.ref) and e.draft.resolution_number is None
    ]
    if not named:
        raise error(f"no draft {row.draft} not adopted in the record", row.line, "draft")
    on_day = [e for e in named if e.draft.date == row.date]
    if not on_day:
        days = ", ".join(sorted({e.draft.date.isoformat() for e in named}))
        raise error(f"{row.draft} was voted on {days}, not {row.date}", row.line, "date")
    alike = [e for e in on_day if e.draft.tally is not None and e.draft.tally == row.tally]
    if not alike:
        tallies = ", ".join(e.draft.tally.text() if e.draft.tally else "none" for e in on_day)
        raise error(
            f"the record's tally of {row.draft} is {tallies}, not {row.tally.text()}",
            row.line,
            "tally",
        )
    if len(alike) > 1:
        raise error(f"{len(alike)} votes on {row.draft} match that day and tally", row.line)
    return alike[0]


def apply_member_votes(entries: list[Entry], rows: Sequence[CuratedBallot], report: Report) -> None:
    """Set the member votes of each row's draft, flagged as curated with the row's place."""
    for row in rows:
        entry = _find(entries, row)
        d = entry.draft
        if d.votes:
            raise error(
                f"{row.draft} already has member votes from "
                f"{entry.votes_where or entry.votes_source or entry.source_id}: "
                "this file is for votes no source holds",
                row.line,
                "draft",
            )
        votes = dict(row.votes)
        check_vetoes_kept(d.vetoed_by, votes, row.draft, file=MEMBER_VOTES, line=row.line)
        # the one rule for members a source codes as not voting: the USSR of 1950 was absent
        entry.draft = replace(d, votes=complete_votes(votes, d.date))
        entry.votes_source = SOURCE_ID
        entry.votes_where = row.where
        entry.votes_cited = f"{row.where}: {row.source}"
        entry.votes_derived = False
        report.add(
            DiscrepancyKind.CURATED_VOTE,
            subject=entry.subject,
            field="votes",
            chosen=";".join(f"{c}:{v.value}" for c, v in sorted(votes.items())),
            rejected="",
            sources=[SOURCE_ID, entry.source_id],
            note=f"{row.where}: {row.source}" + (f"; {row.note}" if row.note else ""),
        )
