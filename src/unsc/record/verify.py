"""Replay every recorded vote through the rules engine and list where the two disagree.

For each question put to the vote (one row of ``drafts``), the members' votes (``votes``) are
put through :func:`unsc.rules.decide` with the Council configuration of that day
(:func:`unsc.council.config_for_date`: 7 of 11 before 1966, 9 of 15 from then) and, as veto
holders, the permanent members sitting that day (:func:`unsc.membership.members_on`). A sitting
member missing from the votes of a question that has some is counted as not voting (the
1994-2023 draft-level votes, source ``oliverunv``, do not code non-participation: see the
known faults in ``docs/data.md``).

The engine must agree with the record: an adopted resolution comes out adopted, a vetoed draft
vetoed by the same members, a failed draft failed. Everything else is an exception (a
:class:`Finding`) with a :class:`Reason`: explained when the reason is a known practice or a
known gap in the sources (each reason's description cites it), unexplained when it points at a
bug in the engine or the data.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cache

from unsc.council import config_for_date
from unsc.errors import InputError
from unsc.membership import Member, members_on
from unsc.rules import Decision, decide
from unsc.types import Matter, Outcome, Vote


class Reason(StrEnum):
    """Why the engine's replay of a vote is not a plain agreement with the record."""

    ADOPTED_WITHOUT_VOTE = "adopted_without_vote"
    TALLY_ONLY = "tally_only"
    PROCEDURAL_PERMANENT_NO = "procedural_permanent_no"
    VETO_WITHOUT_VOTES = "veto_without_required_votes"
    VETOERS_DIFFER = "vetoers_differ"
    TALLY_DIFFERS = "tally_differs"
    OUTCOME_DIFFERS = "outcome_differs"
    NO_TALLY = "no_tally"
    SOURCE_TALLY_FAULT = "source_tally_fault"
    DUPLICATE = "duplicate"
    NO_MEMBERSHIP = "no_membership"

    @property
    def description(self) -> str:
        return DESCRIPTIONS[self]


DESCRIPTIONS: dict[Reason, str] = {
    Reason.ADOPTED_WITHOUT_VOTE: (
        "adopted without a vote: there are no votes to replay (the record marks it "
        "adopted_without_vote)"
    ),
    Reason.TALLY_ONLY: (
        "member votes missing in every source, so only the tally (and the veto list) is known: "
        "replayed from the tally"
    ),
    Reason.PROCEDURAL_PERMANENT_NO: (
        "adopted although a permanent member voted no: a procedural vote (Art. 27(2)); 'if "
        "there is a negative vote by a permanent member, and the motion is still adopted, it is "
        "procedural in nature' (UN Library, research.un.org/en/docs/unvoting/sc)"
    ),
    Reason.VETO_WITHOUT_VOTES: (
        "counted as a veto by a UN Library table although the draft lacked the required votes: "
        "the engine says failed (the UK FCO paper 'Vetoed Draft Resolutions in the UNSC "
        "1946-2012' counts a veto only with 7 of 11 / 9 of 15 votes in favour)"
    ),
    Reason.VETOERS_DIFFER: "vetoed, but the members who voted no are not the veto list's",
    Reason.TALLY_DIFFERS: "the recorded tally does not match the members' votes",
    Reason.OUTCOME_DIFFERS: "the engine's outcome differs from the recorded one",
    Reason.NO_TALLY: (
        "neither member votes nor a tally in any source (the UN Library lists the draft as not "
        "adopted or vetoed without a tally): nothing to replay; unexplained for an adoption"
    ),
    Reason.SOURCE_TALLY_FAULT: (
        "the source's tally contradicts its own outcome, and the Repertoire of the Practice of "
        "the Security Council gives the true count (listed in SOURCE_TALLY_FAULTS)"
    ),
    Reason.DUPLICATE: (
        "the same question recorded twice: two sources' rows not merged, or a UN Library table "
        "that repeats a draft in a later meeting's cell (a bug in the data)"
    ),
    Reason.NO_MEMBERSHIP: "no membership known for the date of the vote",
}

EXPLAINED_ALWAYS = frozenset(
    {
        Reason.ADOPTED_WITHOUT_VOTE,
        Reason.SOURCE_TALLY_FAULT,
        Reason.PROCEDURAL_PERMANENT_NO,
        Reason.VETO_WITHOUT_VOTES,
    }
)


SOURCE_TALLY_FAULTS: dict[tuple[str, str], str] = {
    ("S/5095", "1962-03-23"): (
        "the UN Library's 1962 meetings table gives 7-2-1 for Cuba's draft, which it says was "
        "not adopted; the Repertoire (Supplement 1959-1963, ch. VIII) records it 'rejected by 2 "
        "votes in favour and 7 against, with 1 abstention': the table's tally is reversed"
    ),
}
"""Tallies in the sources known to be wrong, by (symbol, date), with the record that shows it."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One exception of the replay: a vote where the engine and the record do not plainly agree."""

    draft_id: int
    symbol: str
    date: str
    resolution_number: int | None
    reason: Reason
    explained: bool
    detail: str
    recorded: str
    engine: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "draft_id": self.draft_id,
            "symbol": self.symbol,
            "date": self.date,
            "resolution_number": self.resolution_number,
            "reason": self.reason.value,
            "explained": self.explained,
            "detail": self.detail,
            "recorded": self.recorded,
            "engine": self.engine,
        }


@dataclass(frozen=True, slots=True)
class VerifyReport:
    """The outcome of a replay: ``checked`` votes replayed, ``agreed`` plain agreements."""

    drafts: int
    checked: int
    agreed: int
    exceptions: tuple[Finding, ...] = field(default=())

    @property
    def unexplained(self) -> tuple[Finding, ...]:
        return tuple(e for e in self.exceptions if not e.explained)

    @property
    def ok(self) -> bool:
        """True when every exception is explained."""
        return not self.unexplained

    def by_reason(self) -> dict[str, dict[str, object]]:
        """Exceptions counted by reason, with how many are explained."""
        counts: Counter[Reason] = Counter(e.reason for e in self.exceptions)
        explained: Counter[Reason] = Counter(e.reason for e in self.exceptions if e.explained)
        return {
            reason.value: {
                "count": counts[reason],
                "explained": explained[reason],
                "description": reason.description,
            }
            for reason in Reason
            if counts[reason]
        }

    def to_dict(self) -> dict[str, object]:
        return {
            "drafts": self.drafts,
            "checked": self.checked,
            "agreed": self.agreed,
            "explained": len(self.exceptions) - len(self.unexplained),
            "unexplained": len(self.unexplained),
            "ok": self.ok,
            "by_reason": self.by_reason(),
            "exceptions": [e.to_dict() for e in self.exceptions],
        }


@cache
def _sitting(on: date) -> tuple[Member, ...]:
    return members_on(on)


def _display_symbol(row: sqlite3.Row) -> str:
    if row["symbol"]:
        return str(row["symbol"])
    if row["resolution_number"] is not None:
        return f"S/RES/{row['resolution_number']} ({row['date'][:4]})"
    if row["ref"]:  # a vote no symbol names, by its id (S/PV.57#JOR)
        return str(row["ref"])
    if row["meeting_record"]:
        return f"{row['meeting_record']} ({row['date']})"
    return f"draft {row['draft_id']} ({row['date']})"


def verify(conn: sqlite3.Connection) -> VerifyReport:
    """Replay every vote in the record; see the module docstring for what agrees."""
    votes: dict[int, dict[str, Vote]] = defaultdict(dict)
    for draft_id, code, vote in conn.execute("SELECT draft_id, state_code, vote FROM votes"):
        votes[draft_id][code] = Vote(vote)
    vetoers: dict[int, set[str]] = defaultdict(set)
    for draft_id, code in conn.execute("SELECT draft_id, state_code FROM vetoes"):
        vetoers[draft_id].add(code)

    rows = conn.execute("SELECT * FROM drafts ORDER BY date, draft_id").fetchall()
    duplicates = _duplicates(rows, votes)
    checked = agreed = 0
    exceptions: list[Finding] = []
    for row in rows:
        found = duplicates.get(row["draft_id"])
        if found is None:
            found = _replay(
                row, votes.get(row["draft_id"], {}), vetoers.get(row["draft_id"], set())
            )
        if found is None:
            checked += 1
            agreed += 1
            continue
        if found.reason not in NOT_REPLAYED:
            checked += 1
        exceptions.append(found)
    return VerifyReport(
        drafts=len(rows), checked=checked, agreed=agreed, exceptions=tuple(exceptions)
    )


NOT_REPLAYED = frozenset({Reason.ADOPTED_WITHOUT_VOTE, Reason.NO_TALLY, Reason.DUPLICATE})


def _base_symbol(symbol: str) -> str:
    """A symbol without trailing punctuation or a cut "(as amended)": ``S/552,`` -> ``S/552``."""
    return re.sub(r"[\s,;.]+$", "", symbol.split("(")[0]).upper()


def _duplicates(rows: list[sqlite3.Row], votes: dict[int, dict[str, Vote]]) -> dict[int, Finding]:
    """Rows that repeat another row's question, found by draft symbol.

    A row without votes or tally is a duplicate of a row for the same symbol on the same day that
    has them; a vetoed or failed row is a duplicate of an earlier one with the same symbol and
    tally at another meeting (the UN Library's tables repeat S/5407 of 3 Sep 1963 in the cell of
    13 Sep 1963, and S/11400 of 31 Jul 1974 in that of 30 Oct 1974).
    """
    groups: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for row in rows:
        if row["symbol"]:
            # S/18087 (meetings table) and S/18087/Rev.1 (veto list) of 23 May 1986 are one vote.
            groups[re.sub(r"/REV\.\d+$", "", _base_symbol(row["symbol"]))].append(row)
    found: dict[int, Finding] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        known = [r for r in group if r["yes"] is not None or votes.get(r["draft_id"])]
        for row in group:
            tally = (row["yes"], row["no"], row["abstain"])
            if row not in known:
                same_day = [
                    r
                    for r in known
                    if r["date"] == row["date"] and r["meeting_record"] == row["meeting_record"]
                ]
                if same_day:
                    found[row["draft_id"]] = _exception(
                        row,
                        Reason.DUPLICATE,
                        f"repeats draft {same_day[0]['draft_id']} ({same_day[0]['symbol']}, "
                        f"{same_day[0]['outcome']}) of the same day, which has the tally; "
                        f"this row comes from {row['source_id']}",
                        engine=None,
                    )
            elif row["outcome"] != "adopted" and None not in tally:
                earlier = [
                    r
                    for r in known
                    if r["date"] < row["date"]
                    and _base_symbol(r["symbol"]) == _base_symbol(row["symbol"])
                    and r["outcome"] != "adopted"
                    and (r["yes"], r["no"], r["abstain"]) == tally
                ]
                if earlier:
                    found[row["draft_id"]] = _exception(
                        row,
                        Reason.DUPLICATE,
                        f"repeats draft {earlier[0]['draft_id']} of {earlier[0]['date']} "
                        f"({earlier[0]['meeting_record']}) with the same tally "
                        f"{'-'.join(map(str, tally))} at {row['meeting_record']}",
                        engine=None,
                    )
    return found


def _exception(
    row: sqlite3.Row,
    reason: Reason,
    detail: str,
    *,
    engine: str | None,
    explained: bool | None = None,
) -> Finding:
    return Finding(
        draft_id=row["draft_id"],
        symbol=_display_symbol(row),
        date=row["date"],
        resolution_number=row["resolution_number"],
        reason=reason,
        explained=reason in EXPLAINED_ALWAYS if explained is None else explained,
        detail=detail,
        recorded=row["outcome"],
        engine=engine,
    )


def _replay(row: sqlite3.Row, ballot: dict[str, Vote], vetoed_by: set[str]) -> Finding | None:
    """None when the engine agrees with the record, else the exception."""
    recorded = Outcome(row["outcome"])
    matter = Matter(row["matter"])
    if row["adopted_without_vote"]:
        return _exception(
            row,
            Reason.ADOPTED_WITHOUT_VOTE,
            "adopted without a vote",
            engine=None,
            explained=recorded is Outcome.ADOPTED,
        )
    if recorded is Outcome.ADOPTED and (
        row["yes"] == 0 or (ballot and all(v is Vote.NOT_VOTING for v in ballot.values()))
    ):
        # The UN Library codes an adoption without a vote as every member not voting, tally 0
        # (e.g. res. 754 (1992), admission of Slovenia, adopted without a vote at S/PV.3077;
        # the known faults in docs/data.md).
        return _exception(
            row,
            Reason.ADOPTED_WITHOUT_VOTE,
            "adopted with no member voting: an adoption without a vote",
            engine=None,
        )
    on = date.fromisoformat(row["date"])
    try:
        sitting = _sitting(on)
    except InputError as exc:
        return _exception(row, Reason.NO_MEMBERSHIP, str(exc), engine=None)
    config = config_for_date(on)
    permanent = [m.code for m in sitting if m.permanent]
    if not ballot:
        return _replay_tally(
            row, recorded, matter, vetoed_by, config.quota, config.procedural_quota
        )

    full = dict(ballot)
    missing = [m.code for m in sitting if m.code not in full]
    for code in missing:
        full[code] = Vote.NOT_VOTING
    decision = decide(
        full,
        veto_holders=permanent,
        quota=config.quota,
        procedural_quota=config.procedural_quota,
        matter=matter,
    )
    counted = (decision.yes, decision.no, decision.abstain)
    stated = (row["yes"], row["no"], row["abstain"])
    if None not in stated and stated != counted:
        return _exception(
            row,
            Reason.TALLY_DIFFERS,
            f"recorded {'-'.join(map(str, stated))}, member votes give "
            f"{'-'.join(map(str, counted))}",
            engine=decision.outcome.value,
        )
    return _compare(
        row, recorded, decision, vetoed_by, full, permanent, config.quota, config.procedural_quota
    )


def _compare(
    row: sqlite3.Row,
    recorded: Outcome,
    decision: Decision,
    vetoed_by: set[str],
    ballot: dict[str, Vote],
    permanent: list[str],
    quota: int,
    procedural_quota: int,
) -> Finding | None:
    engine = decision.outcome
    if engine is recorded:
        if engine is Outcome.VETOED and vetoed_by and set(decision.vetoed_by) != vetoed_by:
            return _exception(
                row,
                Reason.VETOERS_DIFFER,
                f"veto list names {', '.join(sorted(vetoed_by))}; permanent members voting no: "
                f"{', '.join(decision.vetoed_by)}",
                engine=engine.value,
            )
        return None
    if recorded is Outcome.ADOPTED and engine is Outcome.VETOED:
        as_procedural = decide(
            ballot,
            veto_holders=permanent,
            quota=quota,
            procedural_quota=procedural_quota,
            matter=Matter.PROCEDURAL,
        )
        if as_procedural.outcome is Outcome.ADOPTED:
            return _exception(
                row,
                Reason.PROCEDURAL_PERMANENT_NO,
                f"{decision.yes} in favour, permanent member(s) "
                f"{', '.join(decision.permanent_no)} voting no; recorded as {row['matter']}",
                engine=engine.value,
            )
    if recorded is Outcome.VETOED and engine is Outcome.FAILED and decision.permanent_no:
        return _exception(
            row,
            Reason.VETO_WITHOUT_VOTES,
            f"{decision.yes} in favour, {decision.required} required; permanent member(s) "
            f"{', '.join(decision.permanent_no)} voted no",
            engine=engine.value,
        )
    return _exception(
        row,
        Reason.OUTCOME_DIFFERS,
        f"recorded {recorded.value}; engine: {decision.explanation}",
        engine=engine.value,
    )


def _replay_tally(
    row: sqlite3.Row,
    recorded: Outcome,
    matter: Matter,
    vetoed_by: set[str],
    quota: int,
    procedural_quota: int,
) -> Finding:
    """Replay a vote known only by its tally: anonymous ballots, the veto list's members as no."""
    yes, no, abstain = row["yes"], row["no"], row["abstain"]
    if yes is None:
        return _exception(
            row,
            Reason.NO_TALLY,
            f"no member votes and no tally; recorded {recorded.value} by {row['source_id']}",
            engine=None,
            explained=recorded is not Outcome.ADOPTED,
        )
    no = no or 0
    ballot: dict[str, Vote] = {}
    for code in sorted(vetoed_by):
        ballot[code] = Vote.NO
    for i in range(yes):
        ballot[f"yes-{i + 1}"] = Vote.YES
    for i in range(max(no - len(vetoed_by), 0)):
        ballot[f"no-{i + 1}"] = Vote.NO
    for i in range(abstain or 0):
        ballot[f"abstain-{i + 1}"] = Vote.ABSTAIN
    decision = decide(
        ballot,
        veto_holders=sorted(vetoed_by),
        quota=quota,
        procedural_quota=procedural_quota,
        matter=matter,
    )
    agrees = decision.outcome is recorded
    fault = SOURCE_TALLY_FAULTS.get((_base_symbol(row["symbol"] or ""), row["date"]))
    if not agrees and fault is not None:
        return _exception(row, Reason.SOURCE_TALLY_FAULT, fault, engine=decision.outcome.value)
    if not agrees and recorded is Outcome.VETOED and decision.outcome is Outcome.FAILED:
        return _exception(
            row,
            Reason.VETO_WITHOUT_VOTES,
            f"tally {yes}-{no}-{abstain or 0}; {decision.required} required; veto list names "
            f"{', '.join(sorted(vetoed_by)) or 'nobody'}",
            engine=decision.outcome.value,
        )
    return _exception(
        row,
        Reason.TALLY_ONLY,
        f"tally {yes}-{no}-{abstain or 0}: engine says {decision.outcome.value}"
        + ("" if agrees else f", record says {recorded.value}"),
        engine=decision.outcome.value,
        explained=agrees,
    )
