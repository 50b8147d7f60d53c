"""The bodies of the session routes: the requests, their reading with a size limit, and the
types of the answers that the routes add to the store's.

Each request body is a pydantic model; :func:`read_json` reads it from the request, refusing
with 413 a body over :data:`MAX_BODY` bytes (declared or streamed) and answering a malformed
one as FastAPI answers any invalid body (422, in the app's one error shape). Each answer is a
``TypedDict`` the route builds (here, or the store's and the view's in :mod:`unsc.sessions`),
and its schema in ``/openapi.json`` is generated from it (:func:`unsc.web.sessions.answers`).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypedDict, TypeVar

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from unsc.sessions import SessionError
from unsc.sessions.procedure import BallotDict
from unsc.sessions.store import CreatedDict, ViewerDict
from unsc.sessions.view import SessionStateDict

#: The largest request body a session route reads (bytes); more is refused with 413.
MAX_BODY = 16 * 1024


class SessionIn(BaseModel):
    # S/2023/638 (Mali sanctions) was put to the vote on 30 August 2023 (SC/15403).
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"council": "2023-08-30", "title": "Mali sanctions", "agenda": "Mali"},
                {"council": "g4-2005", "title": "A reformed Council"},
            ]
        }
    )

    council: str = Field(
        max_length=40, description="A date YYYY-MM-DD (that day's Council) or a preset id"
    )
    title: str = Field(max_length=300)
    agenda: str = Field(default="", max_length=2000)
    members: list[Annotated[str, Field(max_length=16)]] | None = Field(
        default=None, max_length=64, description="A custom list of delegations (codes)"
    )


class QuestionIn(BaseModel):
    kind: Literal["draft", "amendment", "procedural", "preliminary"]
    title: str = Field(max_length=300)
    amends: int | None = Field(default=None, description="The draft an amendment amends")
    about: int | None = Field(
        default=None, description="The question a preliminary question is about"
    )
    allow_change: bool = Field(default=False, description="Allow a change of vote until close")


class OpenIn(BaseModel):
    allow_change: bool | None = None


class BallotIn(BaseModel):
    vote: Literal["yes", "no", "abstain"]


class RollCallIn(BaseModel):
    present: list[Annotated[str, Field(max_length=16)]] = Field(max_length=64)


# -- the answers ----------------------------------------------------------------------------


class LinksDict(TypedDict):
    """A session's page links, each with its token after ``#``."""

    chair: str
    projector: str
    delegations: dict[str, str]


class NewSessionDict(CreatedDict):
    """A new session's id and tokens, and its links."""

    links: LinksDict


class SessionViewDict(SessionStateDict):
    """The whole state of a session, and who is looking (``viewer``)."""

    viewer: ViewerDict


class QuestionAddedDict(TypedDict):
    """A question put on the list: its number, and the session's change number."""

    question_id: int
    seq: int


class OpenedDict(TypedDict):
    """A vote opened: the question, its status, and the session's change number."""

    question_id: int
    status: Literal["open"]
    seq: int


class CastDict(BallotDict):
    """A ballot as stored, its question, and whether this request changed it."""

    question_id: int
    changed: bool


class RollCallDict(TypedDict):
    """The roll call taken: the session's change number."""

    seq: int


# -- reading a request -------------------------------------------------------------------------

M = TypeVar("M", bound=BaseModel)


def body_doc(model: type[BaseModel], required: bool = True) -> dict[str, Any]:
    """The OpenAPI request body of a route that reads its body itself (:func:`read_json`)."""
    return {
        "requestBody": {
            "required": required,
            "content": {"application/json": {"schema": model.model_json_schema()}},
        }
    }


class _TooLarge(SessionError):
    status = 413
    code = "too_large"


async def read_body(request: Request) -> bytes:
    """The body, refused with 413 past :data:`MAX_BODY` bytes (declared or streamed)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_BODY:
        raise _TooLarge(f"request body over {MAX_BODY} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise _TooLarge(f"request body over {MAX_BODY} bytes")
    return bytes(body)


async def read_json(request: Request, model: type[M], *, optional: bool = False) -> M:
    raw = await read_body(request)
    if not raw.strip() and optional:
        raw = b"{}"
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        raise RequestValidationError(
            [{**e, "loc": ("body", *e["loc"])} for e in exc.errors(include_url=False)]
        ) from None
