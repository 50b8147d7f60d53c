"""Live Council sessions over HTTP: the JSON routes, the live channel (SSE) and the pages.

Every link's token travels in ``Authorization: Bearer`` (never a cookie, never a query string);
a page link carries it after ``#``, which browsers never send to a server, and the page's
script hands it to the API. Bodies over :data:`~unsc.web.session_requests.MAX_BODY` bytes are
refused with 413 (:mod:`unsc.web.session_requests` holds the request bodies).

State answers use the media type ``application/vnd.unsc.session+json`` (JSON by RFC 6839's
``+json`` suffix): they depend on the credential presented, so they must never be kept by a
cache in front of ``/api/`` that keys on the URL alone.

Each JSON answer is built as a ``TypedDict`` (the store's and the view's, or, for what a
route adds, one of :mod:`unsc.web.session_requests`), and its schema in ``/openapi.json`` is
generated from that same type (:func:`answers`, :func:`unsc.web.schemas.schema_of`).
"""

from __future__ import annotations

import asyncio
import functools
import json
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from unsc.council import council_presets
from unsc.errors import UnscError
from unsc.rules.decision import DecisionDict
from unsc.sessions import Created, Hub, SessionError, SessionStore, Viewer
from unsc.sessions.engine import database_url
from unsc.sessions.store import ChangeDict
from unsc.sessions.view import ExportedDraftDict, export_csv, export_drafts
from unsc.web.errors import ERROR_RESPONSES, ApiError, render
from unsc.web.pages import TEMPLATES
from unsc.web.schemas import schema_of
from unsc.web.session_requests import (
    BallotIn,
    CastDict,
    LinksDict,
    NewSessionDict,
    OpenedDict,
    OpenIn,
    QuestionAddedDict,
    QuestionIn,
    RollCallDict,
    RollCallIn,
    SessionIn,
    SessionViewDict,
    body_doc,
    read_body,
    read_json,
)

#: Seconds between two keep-alive comments on a quiet live channel.
KEEPALIVE = 15.0
JSON = "application/json"
STATE_MEDIA = "application/vnd.unsc.session+json"

# Every route of the live sessions: tagged "sessions" in the OpenAPI document, and answering a
# Response it builds itself (so FastAPI adds no default JSON schema beside the generated one).
router = APIRouter(tags=["sessions"], default_response_class=Response)
bearer = HTTPBearer(auto_error=False, description="The token of a session link")
Token = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]

SESSION_RESPONSES: dict[int | str, dict[str, Any]] = {
    **ERROR_RESPONSES,
    401: {"model": ApiError, "description": "No token, or not a token of this session"},
    403: {"model": ApiError, "description": "A token of this session that may not do this"},
    409: {"model": ApiError, "description": "Not now: closed, not open, amendments first..."},
    413: {"model": ApiError, "description": "The request body is too large"},
}


def answers(
    tp: Any, description: str, status: int = 200, media: str = JSON
) -> dict[int | str, dict[str, Any]]:
    """A route's responses: its answer, whose schema is generated from ``tp``, the type the
    route builds it as, and the refusals of every session route."""
    content = {media: {"schema": schema_of(tp)}}
    return {status: {"description": description, "content": content}, **SESSION_RESPONSES}


# -- the store and the hub of this application --------------------------------------------------


class Live:
    """The session store and the live hub of one application (one server process)."""

    def __init__(self, store: SessionStore) -> None:
        self.store = store
        self.hub = Hub(store)


_LOCK = threading.Lock()


def _record_db(request: Request) -> Path:
    shared = getattr(request.app.state, "server", None)
    found = getattr(shared, "db", None)
    if isinstance(found, Path):
        return found
    from unsc.record.db import default_db_path

    return default_db_path(None)


async def live(request: Request) -> Live:
    found = getattr(request.app.state, "unsc_sessions", None)
    if isinstance(found, Live):
        return found

    def make() -> Live:
        with _LOCK:
            again = getattr(request.app.state, "unsc_sessions", None)
            if isinstance(again, Live):
                return again
            made = Live(SessionStore(database_url(None, _record_db(request))))
            request.app.state.unsc_sessions = made
            return made

    return await asyncio.to_thread(make)


T = TypeVar("T")


async def run(found: Live, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """A blocking store call on the hub's threads (sized as the database connection pool)."""
    return await found.hub.run(functools.partial(fn, *args, **kwargs))


def session_errors(
    fn: Callable[..., Awaitable[Response]],
) -> Callable[..., Awaitable[Response]]:
    """Answer a refused request (401, 403, 409, 413) in the app's one error shape."""

    @functools.wraps(fn)
    async def wrapper(*args: Any, **kwargs: Any) -> Response:
        try:
            return await fn(*args, **kwargs)
        except SessionError as exc:
            request = kwargs["request"]
            error = ApiError(status=exc.status, code=exc.code, message=str(exc), field=exc.field)
            response = render(request, error)
            if exc.status == 401:
                response.headers["WWW-Authenticate"] = 'Bearer realm="unsc session"'
            return response

    return wrapper


async def viewer_of(request: Request, session_id: str, token: Token) -> tuple[Live, Viewer]:
    found = await live(request)
    who = await run(found, found.store.viewer, session_id, token.credentials if token else None)
    return found, who


def state_response(
    body: SessionViewDict | list[ChangeDict] | list[ExportedDraftDict], status_code: int = 200
) -> Response:
    return Response(
        json.dumps(body, separators=(",", ":")),
        status_code=status_code,
        media_type=STATE_MEDIA,
        headers={"Cache-Control": "no-store"},
    )


def _notify_local(
    found: Live, session_id: str, seq: int | None = None, ballot: tuple[int, str, str] | None = None
) -> None:
    """SQLite: tell this process's screens; PostgreSQL's NOTIFY tells every process itself."""
    if not found.store.postgres:
        found.hub.changed(session_id, seq, ballot)


def links(request: Request, session_id: str, created: Created) -> LinksDict:
    base = str(request.base_url).rstrip("/")
    page = f"{base}/sessions/{session_id}"
    return {
        "chair": f"{page}#{created.chair_token}",
        "projector": f"{page}#{created.projector_token}",
        "delegations": {code: f"{page}#{tok}" for code, tok in created.delegations.items()},
    }


# -- the JSON routes ------------------------------------------------------------------------------


@router.post(
    "/api/sessions",
    status_code=201,
    responses=answers(NewSessionDict, "The new session's tokens and links", 201),
    openapi_extra=body_doc(SessionIn),
)
@session_errors
async def create_session(request: Request) -> Response:
    """Create a session: one secret link per delegation, a chair link and a projector link.

    `council` is a date (that day's members and rule) or a preset id (`GET /api/presets`,
    delegations are seat ids); `members` replaces the delegations (as many as the seats).
    The tokens are shown only in this answer; the server keeps their SHA-256 hashes.
    """
    body = await read_json(request, SessionIn)
    found = await live(request)
    created = await run(
        found, found.store.create, body.council, body.title, body.agenda, body.members
    )
    answer: NewSessionDict = {
        **created.to_dict(),
        "links": links(request, created.id, created),
    }
    return JSONResponse(answer, status_code=201, headers={"Cache-Control": "no-store"})


@router.get(
    "/api/sessions/{session_id}",
    responses=answers(SessionViewDict, "The whole state of the session", media=STATE_MEDIA),
)
@session_errors
async def session_state(request: Request, session_id: str, token: Token) -> Response:
    """The whole state of the session (any token of the session, the projector's included):
    Council, delegations and roll call, every question with its ballots, tally, who has not
    yet voted and, once closed, the engine's decision. `viewer` says who the token is."""
    found, who = await viewer_of(request, session_id, token)
    state = await run(found, found.store.state, session_id)
    answer: SessionViewDict = {"viewer": who.to_dict(), **state}
    return state_response(answer)


@router.post(
    "/api/sessions/{session_id}/questions",
    status_code=201,
    responses=answers(QuestionAddedDict, "The question's number", 201),
    openapi_extra=body_doc(QuestionIn),
)
@session_errors
async def add_question(request: Request, session_id: str, token: Token) -> Response:
    """(Chair) Put a question on the list: a draft, an amendment (`amends`: the draft), a
    procedural motion, or the preliminary question (`about`: the question it is about)."""
    found, who = await viewer_of(request, session_id, token)
    body = await read_json(request, QuestionIn)
    number, seq = await run(
        found,
        found.store.add_question,
        who,
        body.kind,
        body.title,
        amends=body.amends,
        about=body.about,
        allow_change=body.allow_change,
    )
    _notify_local(found, session_id)
    answer: QuestionAddedDict = {"question_id": number, "seq": seq}
    return JSONResponse(answer, status_code=201)


@router.post(
    "/api/sessions/{session_id}/questions/{question_id}/open",
    responses=answers(OpenedDict, "The vote is open"),
    openapi_extra=body_doc(OpenIn, required=False),
)
@session_errors
async def open_question(
    request: Request, session_id: str, question_id: int, token: Token
) -> Response:
    """(Chair) Open the vote. Amendments to a draft are voted first (rule 36), and so is a
    preliminary question on it; `allow_change` lets delegations change their vote until close."""
    found, who = await viewer_of(request, session_id, token)
    body = await read_json(request, OpenIn, optional=True)
    seq = await run(found, found.store.open_question, who, question_id, body.allow_change)
    _notify_local(found, session_id)
    answer: OpenedDict = {"question_id": question_id, "status": "open", "seq": seq}
    return JSONResponse(answer)


@router.post(
    "/api/sessions/{session_id}/questions/{question_id}/close",
    responses=answers(DecisionDict, "The decision, as GET /api/decide answers it"),
)
@session_errors
async def close_question(
    request: Request, session_id: str, question_id: int, token: Token
) -> Response:
    """(Chair) Close the vote; the answer is the engine's decision in the shape of
    `GET /api/decide` (absent delegations count absent, silent ones not voting)."""
    found, who = await viewer_of(request, session_id, token)
    answer: DecisionDict
    answer, _seq = await run(found, found.store.close_question, who, question_id)
    _notify_local(found, session_id)
    return JSONResponse(answer)


@router.put(
    "/api/sessions/{session_id}/questions/{question_id}/ballots/{code}",
    responses=answers(CastDict, "The ballot as stored"),
    openapi_extra=body_doc(BallotIn),
)
@session_errors
async def cast_ballot(
    request: Request, session_id: str, question_id: int, code: str, token: Token
) -> Response:
    """(That delegation) Vote yes, no or abstain. Idempotent: the same vote again changes
    nothing; another vote only while the question is open and the chair allows a change.
    The answer comes after the ballot is committed."""
    found, who = await viewer_of(request, session_id, token)
    body = await read_json(request, BallotIn)
    ballot, seq = await run(found, found.store.cast, who, question_id, code, body.vote)
    if seq is not None:
        _notify_local(found, session_id, seq, (question_id, ballot["code"], ballot["vote"]))
    answer: CastDict = {"question_id": question_id, **ballot, "changed": seq is not None}
    return JSONResponse(answer)


@router.put(
    "/api/sessions/{session_id}/roll-call",
    responses=answers(RollCallDict, "The roll call is taken"),
    openapi_extra=body_doc(RollCallIn),
)
@session_errors
async def roll_call(request: Request, session_id: str, token: Token) -> Response:
    """(Chair) The roll call: the delegations listed in `present` are present, every other
    one absent (counted absent at each close). Not while a vote is open."""
    found, who = await viewer_of(request, session_id, token)
    body = await read_json(request, RollCallIn)
    seq = await run(found, found.store.roll_call, who, body.present)
    _notify_local(found, session_id)
    answer: RollCallDict = {"seq": seq}
    return JSONResponse(answer)


@router.get(
    "/api/sessions/{session_id}/history",
    responses=answers(list[ChangeDict], "Every change, oldest first", media=STATE_MEDIA),
)
@session_errors
async def history(request: Request, session_id: str, token: Token) -> Response:
    """Every change of the session, numbered (`seq`), with its time, oldest first."""
    found, _who = await viewer_of(request, session_id, token)
    return state_response(await run(found, found.store.history, session_id))


@router.get(
    "/api/sessions/{session_id}/export.json",
    responses=answers(
        list[ExportedDraftDict], "Every closed question as a draft", media=STATE_MEDIA
    ),
)
@session_errors
async def export_json(request: Request, session_id: str, token: Token) -> Response:
    """Every closed question as a draft of the record (the field names of `unsc draft --json`,
    with `source` "session:ID")."""
    found, _who = await viewer_of(request, session_id, token)
    return state_response(export_drafts(await run(found, found.store.state, session_id)))


@router.get(
    "/api/sessions/{session_id}/export.csv",
    responses={
        200: {
            "description": "CSV (RFC 4180), one header row then one row per delegation's vote",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        },
        **SESSION_RESPONSES,
    },
)
@session_errors
async def export_as_csv(request: Request, session_id: str, token: Token) -> Response:
    """One row per delegation's vote on each closed question: the columns of
    `unsc votes --csv` (date, symbol, resolution_number, agenda, matter, outcome, member, ...)."""
    found, _who = await viewer_of(request, session_id, token)
    text = export_csv(await run(found, found.store.state, session_id))
    return Response(text, media_type="text/csv", headers={"Cache-Control": "no-store"})


@router.get(
    "/api/sessions/{session_id}/events",
    responses={
        **SESSION_RESPONSES,
        200: {
            "description": "Server-sent events: `event: state`, `id:` the change number, "
            "`data:` the whole state (as GET /api/sessions/{id}, without `viewer`)",
            "content": {"text/event-stream": {"schema": {"type": "string"}}},
        },
    },
)
@session_errors
async def events(request: Request, session_id: str, token: Token) -> Response:
    """The live channel (server-sent events): the whole state now, then again after every
    change, and a comment every 15 s on a quiet line. Send the token in `Authorization`."""
    found, _who = await viewer_of(request, session_id, token)
    screen = found.hub.subscribe(session_id)
    try:
        first = await run(found, found.store.state, session_id)
    except UnscError:
        found.hub.unsubscribe(screen)
        raise
    screen.push(int(first["seq"]), json.dumps(first, separators=(",", ":")))

    async def stream() -> AsyncIterator[str]:
        try:
            yield "retry: 1000\n\n"
            while True:
                payload = await screen.next(KEEPALIVE)
                if payload is None:
                    yield ": keep-alive\n\n"
                else:
                    yield f"id: {screen.seq}\nevent: state\ndata: {payload}\n\n"
        finally:
            found.hub.unsubscribe(screen)

    return StreamingResponse(
        stream(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


# -- the pages ----------------------------------------------------------------------------------


def _page(request: Request, template: str, status_code: int = 200, **context: Any) -> Response:
    return TEMPLATES.TemplateResponse(
        request, template, {"twin": None, **context}, status_code=status_code
    )


@router.get("/sessions/new", include_in_schema=False)
async def new_session_page(request: Request) -> Response:
    return _page(
        request, "session_new.html", title="New Council session", presets=council_presets()
    )


@router.post("/sessions/new", include_in_schema=False)
@session_errors
async def new_session_form(request: Request) -> Response:
    """The form's answer: the session's links, shown once."""
    raw = await read_body(request)
    form = {k: v[0] for k, v in parse_qs(raw.decode("utf-8", "replace")).items()}
    members = [m for m in form.get("members", "").replace(",", " ").split() if m]
    found = await live(request)
    try:
        created = await run(
            found,
            found.store.create,
            form.get("council", ""),
            form.get("title", ""),
            form.get("agenda", ""),
            members or None,
        )
    except UnscError as exc:
        return _page(
            request,
            "session_new.html",
            status_code=422,
            title="New Council session",
            presets=council_presets(),
            error=str(exc),
            form=form,
        )
    return _page(
        request,
        "session_links.html",
        title="Your session's links",
        session_id=created.id,
        links=links(request, created.id, created),
    )


@router.get("/sessions/{session_id}", include_in_schema=False)
async def session_page(request: Request, session_id: str) -> Response:
    """The live page of a session; its link's token is after `#` and read by the script."""
    return _page(request, "session.html", title="Council session", session_id=session_id)
