"""The changes of a session, each checked against the rules of procedure before it is written.

Each function runs inside one change of :class:`unsc.sessions.store.SessionStore` (a
transaction that holds the session's row): it reads what it needs, refuses what the rules do
not allow (:class:`Conflict`, :class:`InputError`), writes the change and returns its
``detail``, what the change's entry in the session's history says of it. Who may make a
change (the chair, the delegation itself) is checked by the store before it begins.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Annotated, Any, TypedDict, final

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from unsc.errors import InputError, NotFoundError
from unsc.rules.decision import DecisionDict
from unsc.sessions import schema as t
from unsc.sessions.decide import decide_question, matter_after_preliminary, votes_at_close
from unsc.sessions.errors import Conflict
from unsc.sessions.model import QuestionKind, SessionCouncil, Status
from unsc.types import Outcome, Vote


class BallotDict(TypedDict):
    """A delegation's ballot as stored: its vote, when it was cast, and how many times the
    delegation has changed it."""

    code: str
    vote: Annotated[str, Vote]
    cast_at: str
    changes: int


@final
class QuestionAddedDetail(TypedDict):
    """A question put on the list: its number, kind and title."""

    question: int
    kind: Annotated[str, QuestionKind]
    title: str


@final
class OpenedDetail(TypedDict):
    """A vote opened: the question, and whether a delegation may change its vote."""

    question: int
    allow_change: bool


@final
class BallotDetail(TypedDict):
    """A ballot cast or changed: the question, the delegation and its vote."""

    question: int
    code: str
    vote: Annotated[str, Vote]


@final
class ClosedDetail(TypedDict):
    """A vote closed: the question, the engine's outcome and its tally."""

    question: int
    outcome: Annotated[str, Outcome]
    tally: str


@final
class RollCallDetail(TypedDict):
    """The roll call taken: the delegations absent."""

    absent: list[str]


class Unchanged(Exception):
    """Raised inside a change that turns out to change nothing (a repeated ballot)."""

    def __init__(self, result: BallotDict) -> None:
        super().__init__("unchanged")
        self.result = result


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def check_question(kind: QuestionKind, amends: int | None = None, about: int | None = None) -> None:
    """What a question names, by its kind: an amendment its draft, a preliminary question the
    question it is about; no other kind names either."""
    if amends is not None and kind is not QuestionKind.AMENDMENT:
        raise InputError("only an amendment amends a draft", field="amends")
    if kind is QuestionKind.AMENDMENT and amends is None:
        raise InputError("an amendment names the draft it amends (amends)", field="amends")
    if about is not None and kind is not QuestionKind.PRELIMINARY:
        raise InputError("only a preliminary question is about another", field="about")


def add_question(
    conn: Connection,
    sid: str,
    kind: QuestionKind,
    title: str,
    *,
    amends: int | None,
    about: int | None,
    allow_change: bool,
) -> QuestionAddedDetail:
    """Put a question on the list (pending), under the next number. An amendment amends a
    draft and a preliminary question is about a draft or a motion, each still pending."""
    numbers = {
        r.number: r
        for r in conn.execute(
            select(t.questions.c.number, t.questions.c.kind, t.questions.c.status).where(
                t.questions.c.session_id == sid
            )
        )
    }
    target = amends if amends is not None else about
    if target is not None:
        found = numbers.get(target)
        field = "amends" if amends is not None else "about"
        if found is None:
            raise InputError(f"no question {target} in this session", field=field)
        wanted = ("draft",) if amends is not None else ("draft", "procedural")
        if found.kind not in wanted:
            raise InputError(
                f"question {target} is a {found.kind}, not a {' or '.join(wanted)}",
                field=field,
            )
        if found.status != Status.PENDING:
            raise Conflict(f"question {target} has already been put to the vote")
    number = max(numbers, default=0) + 1
    conn.execute(
        insert(t.questions).values(
            session_id=sid,
            number=number,
            kind=kind.value,
            title=title,
            amends=amends,
            about=about,
            status=Status.PENDING.value,
            allow_change=allow_change,
            created_at=now(),
        )
    )
    return {"question": number, "kind": kind.value, "title": title}


def question_row(conn: Connection, sid: str, number: int) -> Any:
    row = conn.execute(
        select(t.questions).where(t.questions.c.session_id == sid, t.questions.c.number == number)
    ).first()
    if row is None:
        raise NotFoundError(f"no question {number} in this session", field="question")
    return row


def open_question(
    conn: Connection, sid: str, number: int, allow_change: bool | None
) -> OpenedDetail:
    """Open the vote; amendments (rule 36) and the preliminary question go first."""
    row = question_row(conn, sid, number)
    if row.status != Status.PENDING:
        raise Conflict(f"question {number} is {row.status}, not pending")
    others = conn.execute(
        select(
            t.questions.c.number,
            t.questions.c.status,
            t.questions.c.amends,
            t.questions.c.about,
        ).where(t.questions.c.session_id == sid)
    ).all()
    for other in others:
        if other.status == Status.OPEN:
            raise Conflict(f"question {other.number} is open: close it first")
        if other.amends == number and other.status != Status.CLOSED:
            raise Conflict(
                f"amendment {other.number} is voted before the draft it amends "
                "(rules of procedure, rule 36)"
            )
        if other.about == number and other.status != Status.CLOSED:
            raise Conflict(
                f"the preliminary question {other.number} on this question is voted first"
            )
    values: dict[str, Any] = {"status": Status.OPEN.value, "opened_at": now()}
    if allow_change is not None:
        values["allow_change"] = allow_change
    conn.execute(
        update(t.questions)
        .where(t.questions.c.session_id == sid, t.questions.c.number == number)
        .values(**values)
    )
    return {"question": number, "allow_change": values.get("allow_change", row.allow_change)}


def close_question(conn: Connection, sid: str, number: int) -> tuple[DecisionDict, ClosedDetail]:
    """Close the vote and decide it with the rules engine; the decision."""
    row = question_row(conn, sid, number)
    if row.status != Status.OPEN:
        raise Conflict(f"question {number} is {row.status}, not open")
    council = SessionCouncil.from_dict(
        json.loads(
            conn.execute(select(t.sessions.c.council).where(t.sessions.c.id == sid)).scalar_one()
        )
    )
    absent = {
        r.code
        for r in conn.execute(
            select(t.delegations.c.code).where(
                t.delegations.c.session_id == sid, t.delegations.c.present.is_(False)
            )
        )
    }
    cast = {
        r.code: Vote(r.vote)
        for r in conn.execute(
            select(t.ballots.c.code, t.ballots.c.vote).where(
                t.ballots.c.session_id == sid, t.ballots.c.question == number
            )
        )
    }
    kind = QuestionKind(row.kind)
    matter = kind.matter
    if kind in (QuestionKind.DRAFT, QuestionKind.PROCEDURAL):
        prelim = conn.execute(
            select(t.questions.c.decision)
            .where(
                t.questions.c.session_id == sid,
                t.questions.c.about == number,
                t.questions.c.status == Status.CLOSED.value,
            )
            .order_by(t.questions.c.number.desc())
        ).first()
        if prelim is not None:
            matter = matter_after_preliminary(Outcome(json.loads(prelim[0])["outcome"]))
    decision = decide_question(council, matter, votes_at_close(council, cast, absent))
    result = decision.to_dict()
    conn.execute(
        update(t.questions)
        .where(t.questions.c.session_id == sid, t.questions.c.number == number)
        .values(
            status=Status.CLOSED.value,
            closed_at=now(),
            matter=matter.value,
            decision=json.dumps(result),
        )
    )
    return result, {"question": number, "outcome": result["outcome"], "tally": result["tally"]}


def roll_call(conn: Connection, sid: str, present: Sequence[str]) -> RollCallDetail:
    """The roll call: the delegations named are present, every other one absent."""
    named = [c.strip().upper() for c in present]
    codes = [
        r.code
        for r in conn.execute(
            select(t.delegations.c.code)
            .where(t.delegations.c.session_id == sid)
            .order_by(t.delegations.c.position)
        )
    ]
    unknown = sorted(set(named) - set(codes))
    if unknown:
        raise InputError(f"not a delegation of this session: {', '.join(unknown)}", field="present")
    is_open = conn.execute(
        select(t.questions.c.number).where(
            t.questions.c.session_id == sid, t.questions.c.status == Status.OPEN.value
        )
    ).first()
    if is_open is not None:
        raise Conflict("a vote is open: take the roll call before or after it")
    for code in codes:
        conn.execute(
            update(t.delegations)
            .where(t.delegations.c.session_id == sid, t.delegations.c.code == code)
            .values(present=code in named)
        )
    conn.execute(update(t.sessions).where(t.sessions.c.id == sid).values(roll_call_taken=True))
    return {"absent": [c for c in codes if c not in named]}


def cast(
    conn: Connection, sid: str, number: int, code: str, vote: Vote
) -> tuple[BallotDict, BallotDetail]:
    """A delegation's ballot, as stored. Only while the vote is open, only by a delegation
    present, and a changed vote only where the chair allows it; the same vote again is
    :class:`Unchanged`."""
    q, d, b = t.questions, t.delegations, t.ballots
    row = conn.execute(
        select(q.c.status, q.c.allow_change, d.c.present, b.c.vote, b.c.changes, b.c.cast_at)
        .select_from(
            q.join(d, (d.c.session_id == q.c.session_id) & (d.c.code == code)).outerjoin(
                b,
                (b.c.session_id == q.c.session_id)
                & (b.c.question == q.c.number)
                & (b.c.code == code),
            )
        )
        .where(q.c.session_id == sid, q.c.number == number)
    ).first()
    if row is None:
        raise NotFoundError(f"no question {number} in this session", field="question")
    if row.status == Status.PENDING:
        raise Conflict(f"the vote on question {number} is not open yet")
    if row.status == Status.CLOSED:
        raise Conflict(f"the vote on question {number} is closed")
    if not row.present:
        raise Conflict(f"{code} was marked absent at the roll call")
    stamp = now()
    if row.vote is None:
        conn.execute(
            insert(t.ballots).values(
                session_id=sid,
                question=number,
                code=code,
                vote=vote.value,
                cast_at=stamp,
                changes=0,
            )
        )
        changes = 0
    elif row.vote == vote.value:
        raise Unchanged(
            {"code": code, "vote": row.vote, "cast_at": row.cast_at, "changes": row.changes}
        )
    elif not row.allow_change:
        raise Conflict(
            f"{code} already voted {row.vote}; the chair has not allowed a change of vote on "
            "this question"
        )
    else:
        changes = int(row.changes) + 1
        conn.execute(
            update(t.ballots)
            .where(
                (t.ballots.c.session_id == sid)
                & (t.ballots.c.question == number)
                & (t.ballots.c.code == code)
            )
            .values(vote=vote.value, cast_at=stamp, changes=changes)
        )
    ballot: BallotDict = {"code": code, "vote": vote.value, "cast_at": stamp, "changes": changes}
    return ballot, {"question": number, "code": code, "vote": vote.value}
