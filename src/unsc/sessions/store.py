"""The session store: every change of a session is one transaction, numbered and logged.

Each change takes the session's row first (``UPDATE sessions SET seq = seq + 1``), which
serialises the changes of one session on PostgreSQL and SQLite alike, then checks the change
against the state it sees, writes it, appends it to the session's history, and (on PostgreSQL)
sends ``NOTIFY unsc_sessions`` in the same transaction, so the other server processes hear of
it exactly when it is committed. A change is answered only after the commit. What each change
checks and writes is in :mod:`unsc.sessions.procedure`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Annotated, Literal, TypedDict, final

from sqlalchemy import Engine, insert, select, text, update
from sqlalchemy.engine import Connection

from unsc.errors import NotFoundError
from unsc.rules.decision import DecisionDict
from unsc.sessions import procedure
from unsc.sessions import schema as t
from unsc.sessions.engine import make_engine, migrate
from unsc.sessions.errors import Forbidden, Unauthorized
from unsc.sessions.model import (
    MAX_AGENDA,
    MAX_TITLE,
    QuestionKind,
    Role,
    clean_text,
    council_for,
    parse_ballot,
)
from unsc.sessions.procedure import (
    BallotDetail,
    BallotDict,
    ClosedDetail,
    OpenedDetail,
    QuestionAddedDetail,
    RollCallDetail,
    now,
)
from unsc.sessions.tokens import new_session_id, new_token, token_hash
from unsc.sessions.view import SessionStateDict, load_state

#: The PostgreSQL channel that carries "session S is at change N" between processes.
CHANNEL = "unsc_sessions"


#: What a change of a session is, as its history names it (the kinds of :data:`ChangeDict`).
ChangeKind = Literal["created", "question_added", "opened", "ballot", "closed", "roll_call"]


@final
class CreatedDetail(TypedDict):
    """A session created: the Council as the chair gave it, and the title."""

    council: str
    title: str


#: What a change's entry says of it, by the change's kind.
ChangeDetail = (
    CreatedDetail
    | QuestionAddedDetail
    | OpenedDetail
    | BallotDetail
    | ClosedDetail
    | RollCallDetail
)


class CreatedDict(TypedDict):
    """A new session: its id and its links' tokens (the chair's, the projector's, and each
    delegation's by code)."""

    id: str
    chair_token: str
    projector_token: str
    delegations: dict[str, str]


class ViewerDict(TypedDict):
    """Who holds the token presented: its role, and the delegation's code (none for the chair
    and the projector)."""

    role: Annotated[str, Role]
    code: str | None


class _Change(TypedDict):
    """What every entry of a session's history has: the change's number and its time."""

    seq: int
    at: str


class CreatedChange(_Change):
    """The session created (its history's first entry)."""

    kind: Literal["created"]
    detail: CreatedDetail


class QuestionAddedChange(_Change):
    """A question put on the list."""

    kind: Literal["question_added"]
    detail: QuestionAddedDetail


class OpenedChange(_Change):
    """A vote opened."""

    kind: Literal["opened"]
    detail: OpenedDetail


class BallotChange(_Change):
    """A ballot cast, or a vote changed."""

    kind: Literal["ballot"]
    detail: BallotDetail


class ClosedChange(_Change):
    """A vote closed and decided."""

    kind: Literal["closed"]
    detail: ClosedDetail


class RollCallChange(_Change):
    """The roll call taken."""

    kind: Literal["roll_call"]
    detail: RollCallDetail


#: One change of a session's history: its number, time, kind, and its detail by its kind.
ChangeDict = (
    CreatedChange
    | QuestionAddedChange
    | OpenedChange
    | BallotChange
    | ClosedChange
    | RollCallChange
)


@dataclass(slots=True)
class _Changing:
    """One change under way: its connection, its number, and its detail once made."""

    conn: Connection
    seq: int
    detail: ChangeDetail | None = None


@dataclass(frozen=True, slots=True)
class Created:
    """A new session and its links' secrets (shown once; the store keeps only hashes)."""

    id: str
    chair_token: str
    projector_token: str
    delegations: dict[str, str]

    def to_dict(self) -> CreatedDict:
        return {
            "id": self.id,
            "chair_token": self.chair_token,
            "projector_token": self.projector_token,
            "delegations": self.delegations,
        }


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who holds the token presented: the chair, a delegation (``code``) or the projector."""

    session_id: str
    role: Role
    code: str | None = None

    def to_dict(self) -> ViewerDict:
        return {"role": self.role.value, "code": self.code}


def change_payload(session_id: str, seq: int, detail: ChangeDetail) -> str:
    """What a NOTIFY says: ``SESSION:SEQ``, and for a ballot ``:b:QUESTION:CODE:VOTE`` so that
    every process can bring its screens up to date without reading the database."""
    if "code" in detail:  # a ballot
        return f"{session_id}:{seq}:b:{detail['question']}:{detail['code']}:{detail['vote']}"
    return f"{session_id}:{seq}"


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
    def _change(self, session_id: str, kind: ChangeKind) -> Iterator[_Changing]:
        """One change of a session: its connection and new seq; the caller sets its detail."""
        with self._writer.begin() as conn:
            row = conn.execute(
                update(t.sessions)
                .where(t.sessions.c.id == session_id)
                .values(seq=t.sessions.c.seq + 1)
                .returning(t.sessions.c.seq)
            ).first()
            if row is None:
                raise NotFoundError(f"no session {session_id!r}", field="session")
            change = _Changing(conn, int(row[0]))
            yield change
            seq, detail = change.seq, change.detail
            if detail is None:
                raise RuntimeError(f"a {kind} change without its detail")
            conn.execute(
                insert(t.events).values(
                    session_id=session_id, seq=seq, at=now(), kind=kind, detail=json.dumps(detail)
                )
            )
            if self.postgres:
                conn.execute(
                    text("SELECT pg_notify(:channel, :payload)"),
                    {"channel": CHANNEL, "payload": change_payload(session_id, seq, detail)},
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
        created: CreatedDetail = {"council": found.spec, "title": the_title}
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
                    detail=json.dumps(created),
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

    def state(self, session_id: str) -> SessionStateDict:
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

    def history(self, session_id: str) -> list[ChangeDict]:
        """Every change of the session, oldest first."""
        self.seq(session_id)
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.events).where(t.events.c.session_id == session_id).order_by(t.events.c.seq)
            ).all()
        return [
            {"seq": r.seq, "at": r.at, "kind": r.kind, "detail": json.loads(r.detail)} for r in rows
        ]

    # -- the chair's changes (checked by unsc.sessions.procedure) -----------------------------

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
        procedure.check_question(the_kind, amends, about)
        with self._change(viewer.session_id, "question_added") as change:
            added = change.detail = procedure.add_question(
                change.conn,
                viewer.session_id,
                the_kind,
                the_title,
                amends=amends,
                about=about,
                allow_change=allow_change,
            )
        return added["question"], change.seq

    def open_question(self, viewer: Viewer, number: int, allow_change: bool | None = None) -> int:
        """Open the vote; amendments (rule 36) and the preliminary question go first."""
        self._chair(viewer)
        with self._change(viewer.session_id, "opened") as change:
            change.detail = procedure.open_question(
                change.conn, viewer.session_id, number, allow_change
            )
        return change.seq

    def close_question(self, viewer: Viewer, number: int) -> tuple[DecisionDict, int]:
        """Close the vote and decide it with the rules engine: (the decision, seq)."""
        self._chair(viewer)
        with self._change(viewer.session_id, "closed") as change:
            result, change.detail = procedure.close_question(change.conn, viewer.session_id, number)
        return result, change.seq

    def roll_call(self, viewer: Viewer, present: Sequence[str]) -> int:
        """The roll call: the delegations named are present, every other one absent."""
        self._chair(viewer)
        with self._change(viewer.session_id, "roll_call") as change:
            change.detail = procedure.roll_call(change.conn, viewer.session_id, present)
        return change.seq

    # -- a delegation's ballot -----------------------------------------------------------------

    def cast(
        self, viewer: Viewer, number: int, code: str, vote: str
    ) -> tuple[BallotDict, int | None]:
        """A delegation's ballot, idempotent: (the ballot as stored, seq or None if unchanged)."""
        the_code = code.strip().upper()
        if viewer.role is not Role.DELEGATION:
            raise Forbidden("only a delegation votes, each with its own link")
        if viewer.code != the_code:
            raise Forbidden(f"this link votes for {viewer.code}, not for {the_code}")
        the_vote = parse_ballot(vote)
        try:
            with self._change(viewer.session_id, "ballot") as change:
                ballot, change.detail = procedure.cast(
                    change.conn, viewer.session_id, number, the_code, the_vote
                )
            return ballot, change.seq
        except procedure.Unchanged as same:
            return same.result, None
