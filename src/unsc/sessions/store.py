"""The session store: every change of a session is one transaction, numbered and logged.

Each change takes the session's row first (``UPDATE sessions SET seq = seq + 1``), which
serialises the changes of one session on PostgreSQL and SQLite alike, then checks the change
against the state it sees, writes it, appends it to the session's history, and (on PostgreSQL)
sends ``NOTIFY unsc_sessions`` in the same transaction, so the other server processes hear of
it exactly when it is committed. A change is answered only after the commit.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, insert, select, text, update
from sqlalchemy.engine import Connection

from unsc.errors import InputError, NotFoundError
from unsc.sessions import schema as t
from unsc.sessions.decide import decide_question, matter_after_preliminary, votes_at_close
from unsc.sessions.engine import make_engine, migrate
from unsc.sessions.errors import Conflict, Forbidden, Unauthorized
from unsc.sessions.model import (
    MAX_AGENDA,
    MAX_TITLE,
    QuestionKind,
    Role,
    SessionCouncil,
    Status,
    clean_text,
    council_for,
    parse_ballot,
)
from unsc.sessions.tokens import new_session_id, new_token, token_hash
from unsc.sessions.view import load_state
from unsc.types import Outcome, Vote

#: The PostgreSQL channel that carries "session S is at change N" between processes.
CHANNEL = "unsc_sessions"


@dataclass(frozen=True, slots=True)
class Created:
    """A new session and its links' secrets (shown once; the store keeps only hashes)."""

    id: str
    chair_token: str
    projector_token: str
    delegations: dict[str, str]


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who holds the token presented: the chair, a delegation (``code``) or the projector."""

    session_id: str
    role: Role
    code: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role.value, "code": self.code}


class _Unchanged(Exception):
    """Raised inside a change that turns out to change nothing (a repeated ballot)."""

    def __init__(self, result: dict[str, Any]) -> None:
        super().__init__("unchanged")
        self.result = result


def change_payload(session_id: str, seq: int, kind: str, detail: dict[str, Any]) -> str:
    """What a NOTIFY says: ``SESSION:SEQ``, and for a ballot ``:b:QUESTION:CODE:VOTE`` so that
    every process can bring its screens up to date without reading the database."""
    if kind == "ballot":
        return f"{session_id}:{seq}:b:{detail['question']}:{detail['code']}:{detail['vote']}"
    return f"{session_id}:{seq}"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class SessionStore:
    """Sessions in one database (SQLite or PostgreSQL), behind the same methods."""

    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        self.url = url
        self.engine: Engine = make_engine(url, pool_size=pool_size)
        self.postgres = self.engine.dialect.name == "postgresql"
        self._writer = self.engine.execution_options(immediate=True)
        self._viewers: dict[tuple[str, str], Viewer] = {}
        migrate(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    # -- transactions ----------------------------------------------------------------------

    @contextmanager
    def _change(self, session_id: str, kind: str) -> Iterator[tuple[Connection, int, Any]]:
        """One change of a session: (connection, new seq, a setter for the event's detail)."""
        with self._writer.begin() as conn:
            row = conn.execute(
                update(t.sessions)
                .where(t.sessions.c.id == session_id)
                .values(seq=t.sessions.c.seq + 1)
                .returning(t.sessions.c.seq)
            ).first()
            if row is None:
                raise NotFoundError(f"no session {session_id!r}", field="session")
            seq = int(row[0])
            detail: dict[str, Any] = {}
            yield conn, seq, detail
            conn.execute(
                insert(t.events).values(
                    session_id=session_id, seq=seq, at=now(), kind=kind, detail=json.dumps(detail)
                )
            )
            if self.postgres:
                conn.execute(
                    text("SELECT pg_notify(:channel, :payload)"),
                    {"channel": CHANNEL, "payload": change_payload(session_id, seq, kind, detail)},
                )

    # -- creating and reading ----------------------------------------------------------------

    def create(
        self, council: str, title: str, agenda: str = "", members: Sequence[str] | None = None
    ) -> Created:
        """A new session of a Council (a date, a preset, or either with custom delegations)."""
        found = council_for(council, members)
        the_title = clean_text(title, "title", MAX_TITLE)
        the_agenda = clean_text(agenda, "agenda", MAX_AGENDA, required=False)
        session_id = new_session_id()
        chair, projector = new_token(), new_token()
        tokens = {code: new_token() for code in found.codes}
        stamp = now()
        with self._writer.begin() as conn:
            conn.execute(
                insert(t.sessions).values(
                    id=session_id,
                    title=the_title,
                    agenda=the_agenda,
                    council=json.dumps(found.to_dict()),
                    created_at=stamp,
                    seq=1,
                    roll_call_taken=False,
                )
            )
            conn.execute(
                insert(t.delegations),
                [
                    {"session_id": session_id, "code": c, "position": i, "present": True}
                    for i, c in enumerate(found.codes)
                ],
            )
            rows = [
                {"token_hash": token_hash(chair), "session_id": session_id, "role": "chair"},
                {
                    "token_hash": token_hash(projector),
                    "session_id": session_id,
                    "role": "projector",
                },
            ]
            rows += [
                {
                    "token_hash": token_hash(tok),
                    "session_id": session_id,
                    "role": "delegation",
                    "code": code,
                }
                for code, tok in tokens.items()
            ]
            conn.execute(insert(t.tokens), [{"code": None, **r} for r in rows])
            conn.execute(
                insert(t.events).values(
                    session_id=session_id,
                    seq=1,
                    at=stamp,
                    kind="created",
                    detail=json.dumps({"council": found.spec, "title": the_title}),
                )
            )
        return Created(session_id, chair, projector, tokens)

    def viewer(self, session_id: str, token: str | None) -> Viewer:
        """Who the token belongs to in this session; a token of another session is worthless."""
        if not token:
            raise Unauthorized("this session needs its link's token (Authorization: Bearer)")
        key = (session_id, token_hash(token))
        known = self._viewers.get(key)
        if known is not None:  # a token's holder never changes: remembered once found
            return known
        with self.engine.connect() as conn:
            row = conn.execute(
                select(t.tokens.c.role, t.tokens.c.code).where(
                    t.tokens.c.token_hash == token_hash(token),
                    t.tokens.c.session_id == session_id,
                )
            ).first()
        if row is None:
            raise Unauthorized("the token is not a credential of this session")
        found = Viewer(session_id, Role(row.role), row.code)
        if len(self._viewers) > 100_000:
            self._viewers.clear()
        self._viewers[key] = found
        return found

    def state(self, session_id: str) -> dict[str, Any]:
        """The whole state of a session (the same for every viewer)."""
        with self.engine.connect() as conn:
            return load_state(conn, session_id)

    def seq(self, session_id: str) -> int:
        with self.engine.connect() as conn:
            found = conn.execute(
                select(t.sessions.c.seq).where(t.sessions.c.id == session_id)
            ).scalar()
        if found is None:
            raise NotFoundError(f"no session {session_id!r}", field="session")
        return int(found)

    def history(self, session_id: str) -> list[dict[str, Any]]:
        """Every change of the session, oldest first."""
        self.seq(session_id)
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.events).where(t.events.c.session_id == session_id).order_by(t.events.c.seq)
            ).all()
        return [
            {"seq": r.seq, "at": r.at, "kind": r.kind, "detail": json.loads(r.detail)} for r in rows
        ]

    # -- the chair's changes -------------------------------------------------------------------

    @staticmethod
    def _chair(viewer: Viewer) -> None:
        if viewer.role is not Role.CHAIR:
            raise Forbidden("only the chair may do this")

    def add_question(
        self,
        viewer: Viewer,
        kind: str,
        title: str,
        *,
        amends: int | None = None,
        about: int | None = None,
        allow_change: bool = False,
    ) -> tuple[int, int]:
        """Put a question on the list (pending): returns (question number, seq)."""
        self._chair(viewer)
        the_kind = QuestionKind.parse(kind)
        the_title = clean_text(title, "title", MAX_TITLE)
        if amends is not None and the_kind is not QuestionKind.AMENDMENT:
            raise InputError("only an amendment amends a draft", field="amends")
        if the_kind is QuestionKind.AMENDMENT and amends is None:
            raise InputError("an amendment names the draft it amends (amends)", field="amends")
        if about is not None and the_kind is not QuestionKind.PRELIMINARY:
            raise InputError("only a preliminary question is about another", field="about")
        sid = viewer.session_id
        with self._change(sid, "question_added") as (conn, seq, detail):
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
                    kind=the_kind.value,
                    title=the_title,
                    amends=amends,
                    about=about,
                    status=Status.PENDING.value,
                    allow_change=allow_change,
                    created_at=now(),
                )
            )
            detail.update(question=number, kind=the_kind.value, title=the_title)
        return number, seq

    def _question(self, conn: Connection, sid: str, number: int) -> Any:
        row = conn.execute(
            select(t.questions).where(
                t.questions.c.session_id == sid, t.questions.c.number == number
            )
        ).first()
        if row is None:
            raise NotFoundError(f"no question {number} in this session", field="question")
        return row

    def open_question(self, viewer: Viewer, number: int, allow_change: bool | None = None) -> int:
        """Open the vote; amendments (rule 36) and the preliminary question go first."""
        self._chair(viewer)
        sid = viewer.session_id
        with self._change(sid, "opened") as (conn, seq, detail):
            row = self._question(conn, sid, number)
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
            detail.update(
                question=number, allow_change=values.get("allow_change", row.allow_change)
            )
        return seq

    def close_question(self, viewer: Viewer, number: int) -> tuple[dict[str, Any], int]:
        """Close the vote and decide it with the rules engine: (the decision, seq)."""
        self._chair(viewer)
        sid = viewer.session_id
        with self._change(sid, "closed") as (conn, seq, detail):
            row = self._question(conn, sid, number)
            if row.status != Status.OPEN:
                raise Conflict(f"question {number} is {row.status}, not open")
            council = SessionCouncil.from_dict(
                json.loads(
                    conn.execute(
                        select(t.sessions.c.council).where(t.sessions.c.id == sid)
                    ).scalar_one()
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
            result: dict[str, Any] = dict(decision.to_dict())
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
            detail.update(question=number, outcome=result["outcome"], tally=result["tally"])
        return result, seq

    def roll_call(self, viewer: Viewer, present: Sequence[str]) -> int:
        """The roll call: the delegations named are present, every other one absent."""
        self._chair(viewer)
        sid = viewer.session_id
        named = [c.strip().upper() for c in present]
        with self._change(sid, "roll_call") as (conn, seq, detail):
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
                raise InputError(
                    f"not a delegation of this session: {', '.join(unknown)}", field="present"
                )
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
            conn.execute(
                update(t.sessions).where(t.sessions.c.id == sid).values(roll_call_taken=True)
            )
            detail.update(absent=[c for c in codes if c not in named])
        return seq

    # -- a delegation's ballot -----------------------------------------------------------------

    def cast(
        self, viewer: Viewer, number: int, code: str, vote: str
    ) -> tuple[dict[str, Any], int | None]:
        """A delegation's ballot, idempotent: (the ballot as stored, seq or None if unchanged)."""
        the_code = code.strip().upper()
        if viewer.role is not Role.DELEGATION:
            raise Forbidden("only a delegation votes, each with its own link")
        if viewer.code != the_code:
            raise Forbidden(f"this link votes for {viewer.code}, not for {the_code}")
        the_vote = parse_ballot(vote)
        sid = viewer.session_id
        try:
            with self._change(sid, "ballot") as (conn, seq, detail):
                q, d, b = t.questions, t.delegations, t.ballots
                row = conn.execute(
                    select(
                        q.c.status, q.c.allow_change, d.c.present, b.c.vote, b.c.changes,
                        b.c.cast_at,
                    )
                    .select_from(
                        q.join(d, (d.c.session_id == q.c.session_id) & (d.c.code == the_code))
                        .outerjoin(
                            b,
                            (b.c.session_id == q.c.session_id)
                            & (b.c.question == q.c.number)
                            & (b.c.code == the_code),
                        )
                    )
                    .where(q.c.session_id == sid, q.c.number == number)
                ).first()  # fmt: skip
                if row is None:
                    raise NotFoundError(f"no question {number} in this session", field="question")
                if row.status == Status.PENDING:
                    raise Conflict(f"the vote on question {number} is not open yet")
                if row.status == Status.CLOSED:
                    raise Conflict(f"the vote on question {number} is closed")
                if not row.present:
                    raise Conflict(f"{the_code} was marked absent at the roll call")
                old = row if row.vote is not None else None
                stamp = now()
                where = (
                    (t.ballots.c.session_id == sid)
                    & (t.ballots.c.question == number)
                    & (t.ballots.c.code == the_code)
                )
                if old is None:
                    conn.execute(
                        insert(t.ballots).values(
                            session_id=sid,
                            question=number,
                            code=the_code,
                            vote=the_vote.value,
                            cast_at=stamp,
                            changes=0,
                        )
                    )
                    changes = 0
                elif old.vote == the_vote.value:
                    raise _Unchanged(
                        {
                            "code": the_code,
                            "vote": old.vote,
                            "cast_at": old.cast_at,
                            "changes": old.changes,
                        }
                    )
                elif not row.allow_change:
                    raise Conflict(
                        f"{the_code} already voted {old.vote}; the chair has not allowed a "
                        "change of vote on this question"
                    )
                else:
                    changes = int(old.changes) + 1
                    conn.execute(
                        update(t.ballots)
                        .where(where)
                        .values(vote=the_vote.value, cast_at=stamp, changes=changes)
                    )
                detail.update(question=number, code=the_code, vote=the_vote.value)
            return (
                {"code": the_code, "vote": the_vote.value, "cast_at": stamp, "changes": changes},
                seq,
            )
        except _Unchanged as same:
            return same.result, None
