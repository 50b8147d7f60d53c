"""The JSON API under ``/api/``: thin routes over the library, with the CLI's field names.

Each route is documented in the OpenAPI schema (``/openapi.json``) and answers errors in the one
shape of :mod:`unsc.web.errors`. Query parameters take the CLI's option names with ``_`` for
``-`` (``not_voting`` for ``--not-voting``); lists of members are comma-separated codes.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel

from unsc.record import query
from unsc.web import records, views
from unsc.web.errors import ERROR_RESPONSES, RECORD_RESPONSES

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


# --- the record (unsc.record.query) -------------------------------------------------------

Since = Annotated[
    str | None, Query(description="From this year (YYYY) or date (YYYY-MM-DD), inclusive")
]
Until = Annotated[
    str | None, Query(description="Up to this year (YYYY) or date (YYYY-MM-DD), inclusive")
]


@router.get("/resolutions/{number}", responses=RECORD_RESPONSES)
def resolution(
    request: Request,
    number: Annotated[int, Path(ge=1, le=99999, description="Resolution number, e.g. 2690")],
) -> dict[str, Any]:
    """A resolution: date, symbol, draft, agenda item, tally and each member's vote
    (`unsc resolution --json`), with the vote board and the rules engine's explanation."""
    with views.record(settings(request)) as conn:
        return records.resolution_view(conn, number)


@router.get("/drafts/{symbol:path}", responses=RECORD_RESPONSES)
def draft(
    request: Request,
    symbol: Annotated[str, Path(max_length=60, description="Document symbol, e.g. S/2023/638")],
) -> dict[str, Any]:
    """A draft by its symbol: outcome, tally, vetoes and member votes (`unsc draft --json`)."""
    with views.record(settings(request)) as conn:
        return records.draft_view(conn, symbol)


@router.get("/vetoes", responses=RECORD_RESPONSES)
def vetoes(
    request: Request,
    member: Annotated[
        str | None, Query(max_length=60, description="Only the vetoes of this member")
    ] = None,
    since: Since = None,
    until: Until = None,
    seat: Annotated[
        bool, Query(description="Count the other holders of the member's seat (RUS with SUN)")
    ] = False,
) -> list[dict[str, Any]]:
    """Every vetoed draft, oldest first, with who vetoed it (`unsc vetoes --json`)."""
    with views.record(settings(request)) as conn:
        return query.vetoes(conn, member or None, since or None, until or None, seat=seat)


@router.get("/vetoes/summary", responses=RECORD_RESPONSES)
def vetoes_summary(request: Request) -> dict[str, Any]:
    """Vetoes by member, by decade and by topic, and the list (the vetoes page's data)."""
    with views.record(settings(request)) as conn:
        return records.vetoes_summary(conn)


@router.get("/members/{code}", responses=RECORD_RESPONSES)
def member(
    request: Request,
    code: Annotated[str, Path(max_length=60, description="Member code, e.g. RUS")],
) -> dict[str, Any]:
    """A member: its terms, votes by year and agreement with each permanent member by year."""
    with views.record(settings(request)) as conn:
        return records.member_view(conn, code)


@router.get("/members/{code}/votes", responses=RECORD_RESPONSES)
def member_votes(
    request: Request,
    code: Annotated[str, Path(max_length=60, description="Member code, e.g. RUS")],
    since: Since = None,
    until: Until = None,
    seat: Annotated[
        bool, Query(description="Include the other holders of its permanent seat")
    ] = False,
) -> list[dict[str, Any]]:
    """Every vote the member cast (or did not cast), oldest first (`unsc votes --json`)."""
    with views.record(settings(request)) as conn:
        return query.member_votes(conn, code, since or None, until or None, seat=seat)


@router.get("/agreement", responses=RECORD_RESPONSES)
def agreement(
    request: Request,
    member: Annotated[str, Query(max_length=60, description="A member code, e.g. FRA")],
    with_: Annotated[str, Query(alias="with", max_length=60, description="Another member")],
    since: Since = None,
    until: Until = None,
    seat: Annotated[bool, Query(description="Count the holders of a seat together")] = False,
) -> list[dict[str, Any]]:
    """How often two members voted the same way, by year (`unsc agreement --json`)."""
    with views.record(settings(request)) as conn:
        return query.agreement(conn, member, with_, since or None, until or None, seat=seat)


@router.get("/stats", responses=RECORD_RESPONSES)
def stats(request: Request, since: Since = None, until: Until = None) -> list[dict[str, Any]]:
    """Resolutions, unanimity, abstentions, vetoes and failed drafts by year."""
    with views.record(settings(request)) as conn:
        return query.stats_by_year(conn, since or None, until or None)


@router.get("/search", responses=RECORD_RESPONSES)
def search(
    request: Request,
    q: Annotated[str, Query(max_length=200, description="Words to find in titles and agendas")],
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> list[dict[str, Any]]:
    """Drafts and resolutions whose text holds every word, newest first (`unsc search --json`)."""
    with views.record(settings(request)) as conn:
        return query.search(conn, q, limit)
