"""The JSON API under ``/api/``: thin routes over the library, with the CLI's field names.

Each route is documented in the OpenAPI schema (``/openapi.json``) and answers errors in the one
shape of :mod:`unsc.web.errors`. Query parameters take the CLI's option names with ``_`` for
``-`` (``not_voting`` for ``--not-voting``); lists of members are comma-separated codes.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from unsc.web import views
from unsc.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api", tags=["api"])

Codes = Annotated[
    str | None,
    Query(description="Comma-separated member codes (ISO 3166 alpha-3, e.g. RUS,CHN) or seat ids"),
]


class MemberOut(BaseModel):
    code: str
    name: str
    seat: str
    permanent: bool


class SeatOut(BaseModel):
    id: str
    label: str
    seat: str
    kind: str
    veto: bool


class CouncilOut(BaseModel):
    date: str | None
    size: int
    president: MemberOut | None
    members: list[MemberOut]
    config: dict[str, Any]
    seats: list[SeatOut]


class DecisionOut(BaseModel):
    outcome: str
    yes: int
    no: int
    abstain: int
    not_voting: int
    absent: int
    required: int
    vetoed_by: list[str]
    permanent_no: list[str]
    veto_threshold: int
    matter: str
    tally: str
    explanation: str
    notes: list[str]
    council: str | None
    votes: dict[str, str]


def settings(request: Request) -> views.Settings:
    found = request.app.state.settings
    assert isinstance(found, views.Settings)
    return found


@router.get("/decide", response_model=DecisionOut, responses=ERROR_RESPONSES)
def decide(
    date: Annotated[
        str | None,
        Query(description="Meeting date YYYY-MM-DD: the members sitting that day vote"),
    ] = None,
    matter: Annotated[
        str | None, Query(description="substantive (default), procedural, amendment, preliminary")
    ] = None,
    no: Codes = None,
    abstain: Codes = None,
    not_voting: Codes = None,
    absent: Codes = None,
    council: Annotated[
        str | None,
        Query(description="Council preset (GET /api/presets); without a date, name seat ids"),
    ] = None,
) -> dict[str, object]:
    """Decide a vote as `unsc decide --json` does: adopted, vetoed or failed, and why.

    Every member (or seat) not named in a list voted yes.
    """
    return views.decision(
        on=date,
        matter=matter,
        no=no,
        abstain=abstain,
        not_voting=not_voting,
        absent=absent,
        council=council,
    ).to_dict()


@router.get("/council", response_model=CouncilOut, responses=ERROR_RESPONSES)
def council(
    date: Annotated[str | None, Query(description="Date YYYY-MM-DD (default: today)")] = None,
    council: Annotated[
        str | None, Query(description="Council preset; without a date, its seats")
    ] = None,
) -> dict[str, Any]:
    """The members on a date and the president that month (`unsc council --json`), with the
    configuration they vote by and the seats of the vote board."""
    on = None if date is None or not date.strip() else views.parse_date(date)
    preset = council if council and council.strip() else None
    return views.council_data(on, preset)


@router.get("/presets", responses=ERROR_RESPONSES)
def presets() -> list[dict[str, object]]:
    """The Council configurations, real and proposed (`unsc presets --json`)."""
    return views.presets_data()
