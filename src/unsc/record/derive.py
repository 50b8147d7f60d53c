"""Member votes that the tally and the Council of the day fix, where no source gives them.

Many drafts that failed before 1994 are known only by their tally (the UN Library's meetings
tables print "vetoed by USSR, 10-1-0"). Where the tally, the members sitting that day
(``membership.csv``) and what is known of the vote leave one vote possible for every member,
the build writes those votes and flags them (``drafts.votes_derived = 1``). What is known: the
member votes a source gives, and each vetoing permanent member's "no" (a veto is a permanent
member's negative vote, Charter Art. 27(3)).

The rule never guesses: the members whose vote is unknown must all have voted alike, which
the tally shows only when every one of them falls in the same count (10-1-0 vetoed by the
USSR: the ten others voted yes; 11-0-0: all eleven voted yes). A tally that counts fewer votes
than there are members left to place (someone absent or not participating) or that splits
them between two counts (9-2-0 with one veto: who else voted no?) derives nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from unsc.record.reconcile_common import Entry, members_on
from unsc.record.records import Tally
from unsc.types import Vote

_COUNTED = (Vote.YES, Vote.NO, Vote.ABSTAIN)


def derive_votes(
    tally: Tally,
    seated: Sequence[str],
    known: Mapping[str, Vote] | None = None,
    vetoed_by: Iterable[str] = (),
) -> dict[str, Vote] | None:
    """Every seated member's vote when ``tally`` and ``known`` fix them all, else None.

    ``seated``: the members sitting that day; ``known``: votes a source gives; ``vetoed_by``:
    permanent members whose veto the record names (each voted no). None when nothing is left
    to place, when ``known`` or ``vetoed_by`` names a member not seated or contradicts the
    tally, or when more than one assignment would fit.
    """
    given = dict(known or {})
    for code in vetoed_by:
        if given.setdefault(code, Vote.NO) is not Vote.NO:
            return None
    seats = set(seated)
    if any(code not in seats for code in given):
        return None
    left = [code for code in seated if code not in given]
    if not left:
        return None
    wanted = {Vote.YES: tally.yes, Vote.NO: tally.no, Vote.ABSTAIN: tally.abstain}
    remaining = {v: n - sum(1 for g in given.values() if g is v) for v, n in wanted.items()}
    if any(n < 0 for n in remaining.values()):
        return None
    alike = [v for v in _COUNTED if remaining[v] == len(left)]
    if sum(remaining.values()) != len(left) or len(alike) != 1:
        return None
    return {**given, **dict.fromkeys(left, alike[0])}


def fill_derived(entries: Iterable[Entry]) -> int:
    """Give every voted entry with a tally and missing member votes the votes the tally fixes
    (:func:`derive_votes`), flagged ``votes_derived``; returns how many entries were filled."""
    filled = 0
    for entry in entries:
        d = entry.draft
        if not d.vote_line.voted or d.tally is None:
            continue
        seated = [m.code for m in members_on(d.date)]
        if len(d.votes) >= len(seated):
            continue
        votes = derive_votes(d.tally, seated, d.votes, d.vetoed_by)
        if votes is None:
            continue
        entry.draft = replace(d, votes=votes)
        entry.votes_derived = True
        entry.votes_source = entry.votes_source or entry.source_id
        filled += 1
    return filled
