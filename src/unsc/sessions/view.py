"""A session's state as one JSON object, and its votes in the record's shape (JSON and CSV).

The export follows the record: a closed question is a draft (``unsc draft --json``), and the
CSV has one row per member's vote with the columns of ``unsc votes --csv``, so the record's
readers, queries and forecasts can take a session's votes as they take the Council's.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Sequence
from typing import Annotated, TypedDict

from sqlalchemy import select
from sqlalchemy.engine import Connection

from unsc.errors import NotFoundError
from unsc.rules.decision import DecisionDict
from unsc.sessions import schema as t
from unsc.sessions.model import (
    DelegationDict,
    QuestionKind,
    SessionCouncil,
    SessionCouncilDict,
    Status,
)
from unsc.types import Matter, Outcome, Vote

#: The columns of the CSV export: those of ``unsc votes --csv`` (the record's member votes),
#: then what a reader needs to rebuild each question (``unsc session load``): its number, kind,
#: title, the whole tally, who vetoed it and the session it came from.
CSV_COLUMNS = (
    "date",
    "symbol",
    "resolution_number",
    "agenda",
    "matter",
    "outcome",
    "member",
    "vote",
    "yes",
    "no",
    "abstain",
    "draft_id",
    "kind",
    "amends",
    "title",
    "not_voting",
    "absent",
    "vetoed_by",
    "source",
)


class TallyDict(TypedDict):
    """The ballots cast so far on a question, by vote."""

    yes: int
    no: int
    abstain: int


class QuestionDict(TypedDict):
    """A question of a session: what it is, where it stands, its ballots (each delegation's
    vote, in the Council's order), their tally, who present has not voted, and once closed the
    engine's decision (as ``GET /api/decide`` answers it). ``matter`` is set at the close."""

    question_id: int
    kind: Annotated[str, QuestionKind]
    title: str
    amends: int | None
    about: int | None
    status: Annotated[str, Status]
    allow_change: bool
    matter: Annotated[str, Matter] | None
    created_at: str
    opened_at: str | None
    closed_at: str | None
    votes: dict[str, Annotated[str, Vote]]
    tally: TallyDict
    not_voted: list[str]
    decision: DecisionDict | None


class SeatedDelegationDict(DelegationDict):
    """A delegation of a session, present or absent at the roll call (present until one)."""

    present: bool


class SessionStateDict(TypedDict):
    """The whole state of a session, the same for every viewer: its change number ``seq``,
    its Council, delegations, questions, and ``current``, the question open to the vote."""

    id: str
    title: str
    agenda: str
    created_at: str
    seq: int
    council: SessionCouncilDict
    roll_call_taken: bool
    delegations: list[SeatedDelegationDict]
    questions: list[QuestionDict]
    current: int | None


class ExportedVoteDict(TypedDict):
    """A delegation's vote on an exported question, with its name (the record's member vote)."""

    code: str
    name: str
    vote: Annotated[str, Vote]


class ExportedDraftDict(TypedDict):
    """A closed question as a draft of the record, with the field names of ``unsc draft
    --json`` (what a session cannot know is null or empty), then its kind, the draft an
    amendment amends and the engine's explanation."""

    draft_id: int
    symbol: None
    date: str
    meeting_record: None
    agenda: str
    title: str
    subjects: None
    sponsors: list[str]
    matter: Annotated[str, Matter]
    outcome: Annotated[str, Outcome]
    resolution_number: None
    yes: int
    no: int
    abstain: int
    not_voting: int
    absent: int
    adopted_without_vote: bool
    vetoed_by: list[str]
    votes: dict[str, Annotated[str, Vote]]
    members: list[ExportedVoteDict]
    source: str
    kind: Annotated[str, QuestionKind]
    amends: int | None
    explanation: str


def load_state(conn: Connection, session_id: str) -> SessionStateDict:
    """The whole state of a session: Council, delegations, roll call, questions, ballots."""
    row = conn.execute(select(t.sessions).where(t.sessions.c.id == session_id)).first()
    if row is None:
        raise NotFoundError(f"no session {session_id!r}", field="session")
    council = SessionCouncil.from_dict(json.loads(row.council))
    present = {
        r.code: bool(r.present)
        for r in conn.execute(
            select(t.delegations.c.code, t.delegations.c.present).where(
                t.delegations.c.session_id == session_id
            )
        )
    }
    ballots: dict[int, dict[str, str]] = {}
    for b in conn.execute(
        select(t.ballots.c.question, t.ballots.c.code, t.ballots.c.vote).where(
            t.ballots.c.session_id == session_id
        )
    ):
        ballots.setdefault(int(b.question), {})[b.code] = b.vote
    questions: list[QuestionDict] = []
    current = None
    for q in conn.execute(
        select(t.questions)
        .where(t.questions.c.session_id == session_id)
        .order_by(t.questions.c.number)
    ):
        if q.status == Status.OPEN:
            current = int(q.number)
        question: QuestionDict = {
            "question_id": int(q.number),
            "kind": q.kind,
            "title": q.title,
            "amends": q.amends,
            "about": q.about,
            "status": q.status,
            "allow_change": bool(q.allow_change),
            "matter": q.matter,
            "created_at": q.created_at,
            "opened_at": q.opened_at,
            "closed_at": q.closed_at,
            "votes": ballots.get(int(q.number), {}),
            "tally": {"yes": 0, "no": 0, "abstain": 0},
            "not_voted": [],
            "decision": json.loads(q.decision) if q.decision else None,
        }
        _derive(question, council.codes, present)
        questions.append(question)
    return {
        "id": row.id,
        "title": row.title,
        "agenda": row.agenda,
        "created_at": row.created_at,
        "seq": int(row.seq),
        "council": council.council_dict(),
        "roll_call_taken": bool(row.roll_call_taken),
        "delegations": [
            {**d.to_dict(), "present": present.get(d.code, True)} for d in council.delegations
        ],
        "questions": questions,
        "current": current,
    }


def _derive(question: QuestionDict, codes: Sequence[str], present: dict[str, bool]) -> None:
    """Order a question's ballots as the Council's delegations, count them, and list who has
    not voted (present delegations only; none while the question is pending)."""
    cast = question["votes"]
    question["votes"] = {c: cast[c] for c in codes if c in cast}
    counts = Counter(cast.values())
    question["tally"] = {"yes": counts["yes"], "no": counts["no"], "abstain": counts["abstain"]}
    question["not_voted"] = (
        [c for c in codes if present.get(c, True) and c not in cast]
        if question["status"] != Status.PENDING
        else []
    )


def apply_ballot(
    state: SessionStateDict, seq: int, number: int, code: str, vote: str
) -> SessionStateDict | None:
    """The state after one ballot, from the state just before it (change ``seq - 1``); None
    when that is not the state given (the caller then reads the state from the database)."""
    if state["seq"] != seq - 1:
        return None
    found = [q for q in state["questions"] if q["question_id"] == number]
    if not found or found[0]["status"] != Status.OPEN:
        return None
    question: QuestionDict = {**found[0], "votes": {**found[0]["votes"], code: vote}}
    codes = [d["code"] for d in state["delegations"]]
    present = {d["code"]: d["present"] for d in state["delegations"]}
    _derive(question, codes, present)
    questions = [question if q["question_id"] == number else q for q in state["questions"]]
    return {**state, "seq": seq, "questions": questions}


def export_drafts(state: SessionStateDict) -> list[ExportedDraftDict]:
    """Every closed question as a draft of the record (``unsc draft --json`` field names)."""
    names = {d["code"]: d["name"] for d in state["delegations"]}
    found: list[ExportedDraftDict] = []
    for q in state["questions"]:
        decision = q["decision"]
        if q["status"] != Status.CLOSED or decision is None:
            continue
        votes = decision["votes"]
        found.append(
            {
                "draft_id": q["question_id"],
                "symbol": None,
                "date": (q["closed_at"] or "")[:10],
                "meeting_record": None,
                "agenda": state["agenda"] or state["title"],
                "title": q["title"],
                "subjects": None,
                "sponsors": [],
                "matter": decision["matter"],
                "outcome": decision["outcome"],
                "resolution_number": None,
                "yes": decision["yes"],
                "no": decision["no"],
                "abstain": decision["abstain"],
                "not_voting": decision["not_voting"],
                "absent": decision["absent"],
                "adopted_without_vote": False,
                "vetoed_by": decision["vetoed_by"],
                "votes": dict(sorted(votes.items())),
                "members": sorted(
                    ({"code": c, "name": names.get(c, c), "vote": v} for c, v in votes.items()),
                    key=lambda m: (m["name"], m["code"]),
                ),
                "source": f"session:{state['id']}",
                "kind": q["kind"],
                "amends": q["amends"],
                "explanation": decision["explanation"],
            }
        )
    return found


def export_csv(state: SessionStateDict) -> str:
    """One row per delegation's vote on each closed question (``unsc votes --csv`` columns)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for draft in export_drafts(state):
        for code, vote in draft["votes"].items():
            writer.writerow(
                {
                    "date": draft["date"],
                    "symbol": "",
                    "resolution_number": "",
                    "agenda": draft["agenda"],
                    "matter": draft["matter"],
                    "outcome": draft["outcome"],
                    "member": code,
                    "vote": vote,
                    "yes": draft["yes"],
                    "no": draft["no"],
                    "abstain": draft["abstain"],
                    "draft_id": draft["draft_id"],
                    "kind": draft["kind"],
                    "amends": "" if draft["amends"] is None else draft["amends"],
                    "title": draft["title"],
                    "not_voting": draft["not_voting"],
                    "absent": draft["absent"],
                    "vetoed_by": ";".join(draft["vetoed_by"]),
                    "source": draft["source"],
                }
            )
    return out.getvalue()
