"""What must hold of every vote in the record; a breach stops the build.

1. ``sitting``: a member votes only on a day it sits on the Council (``membership.csv``);
2. ``veto``: a vetoed draft had the votes (7 in favour before 1966, 9 from 1966: Charter
   Art. 27(3), as amended by GA res. 1991 A (XVIII)) and a permanent member voting no
   (or named by a veto list);
3. ``without_vote``: a decision taken without a vote has no member votes and no tally;
4. ``tally``: the tally equals the member votes where both exist.

Each breach names the vote, the source file and row it came from, and the invariant. A vote
the Council recorded that way (a source fault we cannot fix, or history that breaks the
rule) is kept only when ``record_exceptions.csv`` names it with a public source.
"""

from __future__ import annotations

from dataclasses import dataclass

from unsc.council import quota_on
from unsc.errors import RecordError
from unsc.record.curated import EXCEPTIONS, KeptException
from unsc.record.reconcile_common import Entry, counts, members_on, same_tally
from unsc.types import Outcome, Vote

INVARIANTS = ("sitting", "veto", "without_vote", "tally")


@dataclass(frozen=True, slots=True)
class Breach:
    """A vote that breaks an invariant, and where it came from."""

    subject: str
    key: str
    invariant: str
    detail: str
    where: str

    def __str__(self) -> str:
        return f"{self.subject} ({self.where}): {self.invariant}: {self.detail}"


def breaches(entries: list[Entry]) -> list[Breach]:
    """Every breach of the invariants among ``entries``."""
    found: list[Breach] = []
    for e in entries:
        d = e.draft
        where = e.votes_where or e.votes_source or e.source_id

        def breach(invariant: str, detail: str, at: str = where, e: Entry = e) -> None:
            found.append(Breach(e.subject, e.key, invariant, detail, at))

        sitting = {m.code for m in members_on(d.date)}
        strangers = sorted(c for c in d.votes if c not in sitting)
        if strangers:
            breach("sitting", f"{', '.join(strangers)} did not sit on {d.date}")
        if not d.vote_line.voted and (d.votes or d.tally is not None):
            breach("without_vote", f"{d.vote_line.value} but member votes or a tally recorded")
        if d.votes and d.tally is not None and not same_tally(d.tally, counts(d.votes)):
            breach(
                "tally",
                f"tally {d.tally.text()}, member votes {counts(d.votes).text()}",
            )
        if d.outcome is Outcome.VETOED:
            quota = quota_on(d.date)
            permanent = {m.code for m in members_on(d.date) if m.permanent}
            by_votes = {c for c, v in d.votes.items() if v is Vote.NO and c in permanent}
            if d.tally is not None and d.tally.yes < quota:
                breach(
                    "veto",
                    f"vetoed with {d.tally.yes} in favour; {quota} needed",
                    e.vetoes_source or where,
                )
            elif d.votes and not by_votes:
                breach("veto", "vetoed with no permanent member voting no")
            elif not d.votes and not d.vetoed_by:
                breach("veto", "vetoed, but no source names who vetoed", e.source_id)
    return found


def check(entries: list[Entry], kept: tuple[KeptException, ...]) -> list[Breach]:
    """The breaches ``kept`` names (returned); any other stops the build with a RecordError.

    A kept exception that no longer matches a breach stops the build too, so the curated file
    never outlives the fault it explains.
    """
    allowed = {(k.subject, k.invariant): k for k in kept}
    found = breaches(entries)
    unexplained = [b for b in found if (b.key, b.invariant) not in allowed]
    if unexplained:
        listed = "; ".join(str(b) for b in unexplained[:5])
        more = f" (and {len(unexplained) - 5} more)" if len(unexplained) > 5 else ""
        raise RecordError(
            f"{len(unexplained)} vote(s) break the record's invariants: {listed}{more}",
            file=unexplained[0].where,
            field=unexplained[0].invariant,
        )
    matched = {(b.key, b.invariant) for b in found}
    stale = [k for k in kept if (k.subject, k.invariant) not in matched]
    if stale:
        raise RecordError(
            f"{stale[0].subject} is kept as an exception to '{stale[0].invariant}' but no "
            "longer breaks it: remove the row",
            file=EXCEPTIONS,
            line=stale[0].line,
        )
    return found
