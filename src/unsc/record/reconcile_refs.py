"""Name the votes the sources hold without a symbol, from ``record_vote_refs.csv``
(:mod:`unsc.record.vote_refs`; part of :mod:`unsc.record.reconcile`).

A row that matches no vote or more than one, or an id already taken, stops the build with a
:class:`~unsc.errors.RecordError` naming file and line. Curated rows win over the sources (each
carries a public source they lack); every change goes in the discrepancy report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from unsc.record.curated import SOURCE_ID
from unsc.record.discrepancies import DiscrepancyKind, Report
from unsc.record.reconcile_common import Entry, members_on
from unsc.record.vote_refs import VOTE_REFS, VoteRef, check_vetoes_kept, error
from unsc.types import Vote


def _alike(entries: Sequence[Entry], ref: VoteRef) -> list[Entry]:
    """The votes without a symbol or id that the row describes, in the build's order (the
    order the UN Library's meetings table lists a meeting's votes)."""
    want = ref.tally.text() if ref.tally else None
    return [
        e
        for e in entries
        if not e.draft.symbol
        and e.draft.resolution_number is None
        and e.ref is None
        and e.draft.date == ref.date
        and e.draft.meeting_record in (ref.meeting_record, None)
        and e.draft.kind is ref.kind
        and (e.draft.tally.text() if e.draft.tally else None) == want
    ]


def _find(entries: Sequence[Entry], ref: VoteRef) -> Entry:
    alike = _alike(entries, ref)
    what = f"{ref.kind.value} vote of {ref.date.isoformat()} at {ref.meeting_record}" + (
        f" ({ref.tally.text()})" if ref.tally else " (no tally)"
    )
    if not alike:
        raise error(f"no {what} without a symbol in the record", ref.line)
    if ref.order is None:
        if len(alike) > 1:
            raise error(f"{len(alike)} votes match the {what}: give the order", ref.line, "order")
        return alike[0]
    if len(alike) == 1:
        raise error(f"only one vote matches the {what}: leave order empty", ref.line, "order")
    if ref.order > len(alike):
        raise error(f"only {len(alike)} votes match the {what}", ref.line, "order")
    return alike[ref.order - 1]


def apply_vote_refs(entries: list[Entry], refs: Sequence[VoteRef], report: Report) -> None:
    """Name each vote of ``refs`` in ``entries``: its id, title, symbol and meeting record where
    the record has none, and its member votes; every change goes in the report.

    Rows are matched all at once against the record as the sources give it, so a row's order
    does not depend on the rows before it."""
    taken = {e.key for e in entries}
    matched: dict[int, VoteRef] = {}
    found = [(ref, _find(entries, ref)) for ref in refs]
    for ref, entry in found:
        if f"draft:{ref.ref}" in taken or (ref.symbol and f"draft:{ref.symbol}" in taken):
            raise error(f"{ref.ref} is already the id of a vote in the record", ref.line, "ref")
        other = matched.get(id(entry))
        if other is not None:
            raise error(f"the vote {other.ref} ({other.where}) is matched again", ref.line)
        matched[id(entry)] = ref
    for ref, entry in found:
        _name(entry, ref, report)


def _name(entry: Entry, ref: VoteRef, report: Report) -> None:
    d = entry.draft
    changes: list[tuple[str, str, str]] = [("ref", ref.ref, "")]
    entry.ref = ref.ref
    if ref.symbol:
        changes.append(("symbol", ref.symbol, d.symbol or ""))
        d = replace(d, symbol=ref.symbol)
    if d.meeting_record != ref.meeting_record:
        changes.append(("meeting_record", ref.meeting_record, d.meeting_record or ""))
        d = replace(d, meeting_record=ref.meeting_record)
    if ref.title and ref.title != d.title:
        changes.append(("title", ref.title, d.title or ""))
        d = replace(d, title=ref.title)
    if ref.votes:
        votes = dict(ref.votes)
        for member in members_on(d.date):
            votes.setdefault(member.code, Vote.NOT_VOTING)
        check_vetoes_kept(d.vetoed_by, votes, "this vote", file=VOTE_REFS, line=ref.line)
        before = ";".join(f"{c}:{v.value}" for c, v in sorted(d.votes.items()))
        changes.append(
            ("votes", ";".join(f"{c}:{v.value}" for c, v in sorted(votes.items())), before)
        )
        d = replace(d, votes=votes)
        entry.votes_source = SOURCE_ID
        entry.votes_where = ref.where
        entry.votes_derived = False
    entry.draft = d
    for field, chosen, rejected in changes:
        report.add(
            DiscrepancyKind.CURATED_CORRECTION,
            subject=ref.ref,
            field=field,
            chosen=chosen,
            rejected=rejected,
            sources=[SOURCE_ID, entry.source_id],
            note=f"{ref.where}: {ref.source}" + (f"; {ref.note}" if ref.note else ""),
        )
