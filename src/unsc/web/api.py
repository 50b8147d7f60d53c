"""The JSON API under ``/api/``: thin routes over the library, with the CLI's field names.

Each route is documented in the OpenAPI schema (``/openapi.json``) and answers errors in the one
shape of :mod:`unsc.web.errors`. Query parameters take the CLI's option names with ``_`` for
``-`` (``not_voting`` for ``--not-voting``); lists of members are comma-separated codes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date as Date
from functools import lru_cache
from pathlib import Path as PathType
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import BaseModel

from unsc.errors import InputError
from unsc.record import query
from unsc.web import cache, forecasts, missions, records, views
from unsc.web.errors import ERROR_RESPONSES, RECORD_RESPONSES

router = APIRouter(prefix="/api", tags=["api"])


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


def fast(data: object) -> Response:
    """JSON without FastAPI's per-field encoder: the library returns plain dicts and lists."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_default)
    return Response(body.encode("utf-8"), media_type="application/json")


def _default(value: object) -> object:
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    if isinstance(value, (tuple, set, frozenset)):
        return list(value)
    return str(value)


_LOOKUPS: dict[str, Callable[..., object]] = {
    "resolution": records.resolution_view,
    "draft": records.draft_view,
    "vetoes": query.vetoes,
    "member_votes": query.member_votes,
    "agreement": query.agreement,
    "stats": query.stats_by_year,
    "search": query.search,
}


def lookup(request: Request, kind: str, *args: object, **kwargs: object) -> Response:
    """Answer a record lookup, remembering the encoded answer until the database changes.

    The record is read-only while it is served; ``unsc record build`` replaces the file, which
    changes its inode and modification time and so the cache key (see :mod:`unsc.web.cache`).
    """
    db = settings(request).db
    body = _encoded(kind, db, cache.stamp(db), args, tuple(sorted(kwargs.items())))
    return Response(body, media_type="application/json")


@lru_cache(maxsize=4096)
def _encoded(
    kind: str,
    db: PathType,
    stamp: tuple[int, int],
    args: tuple[object, ...],
    kwargs: tuple[tuple[str, object], ...],
) -> bytes:
    conn = cache.connection(db)
    found = _LOOKUPS[kind](conn, *args, **dict(kwargs))
    return json.dumps(found, ensure_ascii=False, separators=(",", ":"), default=_default).encode()


def encode(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_default).encode()


def memo_json(fn: Callable[..., object]) -> Callable[..., bytes]:
    """``fn``'s answers, encoded once and remembered (``fn`` must be a pure function of its
    hashable arguments; record-backed ones take the database's stamp among them)."""

    @lru_cache(maxsize=4096)
    def encoded(*args: object) -> bytes:
        return encode(fn(*args))

    return encoded


def _decision_dict(*args: str | None) -> dict[str, object]:
    on, matter, no, abstain, not_voting, absent, council = args
    found = views.decision(
        on=on,
        matter=matter,
        no=no,
        abstain=abstain,
        not_voting=not_voting,
        absent=absent,
        council=council,
    )
    return found.to_dict()


def _mission_dict(db: PathType, stamp: tuple[int, int], acronym: str, on: Date | None) -> object:
    return missions.mission(views.Settings(db), acronym, on)


def _due_dict(db: PathType, stamp: tuple[int, int], on: Date, within: int) -> object:
    return missions.due(views.Settings(db), on, within)


def _minusma_dict(db: PathType, stamp: tuple[int, int]) -> object:
    return missions.minusma(views.Settings(db))


def _power_dict(council: str | None, compare: str | None, index: str, exact: bool) -> object:
    if council is None:
        names = tuple(p.strip().lower() for p in (compare or "").split(",") if p.strip())
        return missions.power_comparison(names or None, index)
    return missions.power_of(council, index, exact)


_decide_json = memo_json(_decision_dict)
_council_json = memo_json(views.council_data)
_mission_json = memo_json(_mission_dict)
_due_json = memo_json(_due_dict)
_minusma_json = memo_json(_minusma_dict)
_power_json = memo_json(_power_dict)


def json_bytes(body: bytes) -> Response:
    return Response(body, media_type="application/json")


def settings(request: Request) -> views.Settings:
    found = request.app.state.settings
    assert isinstance(found, views.Settings)
    return found


def query_parameters(*params: tuple[str, str]) -> dict[str, Any]:
    """OpenAPI text for query parameters that a route reads itself from ``request.query_params``.

    The hottest routes read their parameters directly: FastAPI's per-parameter introspection
    costs more than the rules engine does. The schema still documents every parameter.
    """
    return {
        "parameters": [
            {
                "name": name,
                "in": "query",
                "required": False,
                "schema": {"type": "string", "maxLength": views.MAX_PARAM},
                "description": description,
            }
            for name, description in params
        ]
    }


CODES = "Comma-separated member codes (ISO 3166 alpha-3, e.g. RUS,CHN) or seat ids"


@router.get(
    "/decide",
    response_model=DecisionOut,
    responses=ERROR_RESPONSES,
    openapi_extra=query_parameters(
        ("date", "Meeting date YYYY-MM-DD: the members sitting that day vote"),
        ("matter", "substantive (default), procedural, amendment, preliminary"),
        ("no", CODES + " voting no"),
        ("abstain", CODES + " abstaining"),
        ("not_voting", CODES + " present and not voting"),
        ("absent", CODES + " absent"),
        ("council", "Council preset (GET /api/presets); without a date, name seat ids"),
    ),
)
async def decide(request: Request) -> Response:
    """Decide a vote as `unsc decide --json` does: adopted, vetoed or failed, and why.

    Every member (or seat) not named in a list voted yes. Give `date` (the Council of that day)
    or `council` (a preset, voted by seat id), or both (that day's members under the preset's
    rule, if it has as many seats).
    """
    q = request.query_params
    names = ("date", "matter", "no", "abstain", "not_voting", "absent", "council")
    return json_bytes(_decide_json(*(q.get(name) for name in names)))


@router.get(
    "/council",
    response_model=CouncilOut,
    responses=ERROR_RESPONSES,
    openapi_extra=query_parameters(
        ("date", "Date YYYY-MM-DD (default: today)"),
        ("council", "Council preset; without a date, its seats"),
    ),
)
async def council(request: Request) -> Response:
    """The members on a date and the president that month (`unsc council --json`), with the
    configuration they vote by and the seats of the vote board."""
    date = request.query_params.get("date")
    preset = request.query_params.get("council")
    preset = preset if preset and preset.strip() else None
    on = None if date is None or not date.strip() else views.parse_date(date)
    if on is None and preset is None:
        on = views.today()  # resolved here, so that a remembered answer is today's
    return json_bytes(_council_json(on, preset))


@router.get("/presets", response_model=list[dict[str, Any]], responses=ERROR_RESPONSES)
async def presets() -> Response:
    """The Council configurations, real and proposed (`unsc presets --json`)."""
    return fast(views.presets_data())


# --- the record (unsc.record.query) -------------------------------------------------------

Since = Annotated[
    str | None, Query(description="From this year (YYYY) or date (YYYY-MM-DD), inclusive")
]
Until = Annotated[
    str | None, Query(description="Up to this year (YYYY) or date (YYYY-MM-DD), inclusive")
]


@router.get("/resolutions/{number}", response_model=dict[str, Any], responses=RECORD_RESPONSES)
async def resolution(
    request: Request,
    number: Annotated[int, Path(ge=1, le=99999, description="Resolution number, e.g. 2690")],
) -> Response:
    """A resolution: date, symbol, draft, agenda item, tally and each member's vote
    (`unsc resolution --json`), with the vote board and the rules engine's explanation."""
    return lookup(request, "resolution", number)


@router.get("/drafts/{symbol:path}", response_model=dict[str, Any], responses=RECORD_RESPONSES)
async def draft(
    request: Request,
    symbol: Annotated[str, Path(max_length=60, description="Document symbol, e.g. S/2023/638")],
) -> Response:
    """A draft by its symbol: outcome, tally, vetoes and member votes (`unsc draft --json`)."""
    return lookup(request, "draft", symbol)


SINCE = "From this year (YYYY) or date (YYYY-MM-DD), inclusive"
UNTIL = "Up to this year (YYYY) or date (YYYY-MM-DD), inclusive"
SEAT = "true: count the other holders of the member's permanent seat (RUS with SUN)"


def _text(request: Request, name: str) -> str | None:
    value = request.query_params.get(name)
    if value is None or not value.strip():
        return None
    if len(value) > views.MAX_PARAM:
        raise InputError(f"parameter {name!r} is too long", field=name)
    return value.strip()


def _flag(request: Request, name: str) -> bool:
    value = (request.query_params.get(name) or "false").strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise InputError(f"parameter {name!r}: {value[:20]!r} is not true or false", field=name)


@router.get(
    "/vetoes",
    response_model=list[dict[str, Any]],
    responses=RECORD_RESPONSES,
    openapi_extra=query_parameters(
        ("member", "Only the vetoes of this member (a code such as RUS)"),
        ("since", SINCE),
        ("until", UNTIL),
        ("seat", SEAT),
    ),
)
async def vetoes(request: Request) -> Response:
    """Every vetoed draft, oldest first, with who vetoed it (`unsc vetoes --json`)."""
    return lookup(
        request,
        "vetoes",
        _text(request, "member"),
        _text(request, "since"),
        _text(request, "until"),
        seat=_flag(request, "seat"),
    )


@router.get("/vetoes/summary", response_model=dict[str, Any], responses=RECORD_RESPONSES)
async def vetoes_summary(request: Request) -> Response:
    """Vetoes by member, by decade and by topic, and the list (the vetoes page's data)."""
    with views.record(settings(request)) as conn:
        return fast(records.vetoes_summary(conn))


@router.get("/members/{code}", response_model=dict[str, Any], responses=RECORD_RESPONSES)
async def member(
    request: Request,
    code: Annotated[str, Path(max_length=60, description="Member code, e.g. RUS")],
) -> Response:
    """A member: its terms, votes by year and agreement with each permanent member by year."""
    with views.record(settings(request)) as conn:
        return fast(records.member_view(conn, code))


@router.get(
    "/members/{code}/votes",
    response_model=list[dict[str, Any]],
    responses=RECORD_RESPONSES,
    openapi_extra=query_parameters(("since", SINCE), ("until", UNTIL), ("seat", SEAT)),
)
async def member_votes(request: Request, code: str) -> Response:
    """Every vote the member cast (or did not cast), oldest first (`unsc votes --json`)."""
    if len(code) > 60:
        raise InputError("member code too long", field="code")
    return lookup(
        request,
        "member_votes",
        code,
        _text(request, "since"),
        _text(request, "until"),
        seat=_flag(request, "seat"),
    )


@router.get("/agreement", response_model=list[dict[str, Any]], responses=RECORD_RESPONSES)
async def agreement(
    request: Request,
    member: Annotated[str, Query(max_length=60, description="A member code, e.g. FRA")],
    with_: Annotated[str, Query(alias="with", max_length=60, description="Another member")],
    since: Since = None,
    until: Until = None,
    seat: Annotated[bool, Query(description="Count the holders of a seat together")] = False,
) -> Response:
    """How often two members voted the same way, by year (`unsc agreement --json`)."""
    return lookup(request, "agreement", member, with_, since or None, until or None, seat=seat)


@router.get("/stats", response_model=list[dict[str, Any]], responses=RECORD_RESPONSES)
async def stats(request: Request, since: Since = None, until: Until = None) -> Response:
    """Resolutions, unanimity, abstentions, vetoes and failed drafts by year."""
    return lookup(request, "stats", since or None, until or None)


@router.get("/search", response_model=list[dict[str, Any]], responses=RECORD_RESPONSES)
async def search(
    request: Request,
    q: Annotated[str, Query(max_length=200, description="Words to find in titles and agendas")],
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> Response:
    """Drafts and resolutions whose text holds every word, newest first (`unsc search --json`)."""
    return lookup(request, "search", q, limit)


# --- missions (unsc.missions) and voting power (unsc.power) ---------------------------------


@router.get("/missions", response_model=list[dict[str, Any]], responses=ERROR_RESPONSES)
async def missions_list() -> Response:
    """Every peacekeeping mission unsc knows, newest first (curated `unsc/data/missions.csv`)."""
    return fast(missions.missions_list())


@router.get(
    "/missions/{acronym}",
    response_model=dict[str, Any],
    responses=ERROR_RESPONSES,
    openapi_extra=query_parameters(("on", "Mandate status as of this date (default: today)")),
)
async def mission(request: Request, acronym: str) -> Response:
    """A mission: its mandate chain with ceilings and votes, phases and host-consent events
    (`unsc mission ACRONYM --json`). Votes come from the record when it has been built."""
    if len(acronym) > 40:
        raise InputError("acronym too long", field="acronym")
    on = _text(request, "on")
    when = views.parse_date(on, field="on") if on else None
    db = settings(request).db
    when = when or views.today()  # resolved here, so that a remembered answer is today's
    return json_bytes(_mission_json(db, cache.stamp(db), acronym.strip().upper(), when))


@router.get(
    "/mandates/due",
    response_model=dict[str, Any],
    responses=ERROR_RESPONSES,
    openapi_extra=query_parameters(
        ("on", "From this date (default: today)"),
        ("within", "Days ahead, 0 to 3650 (default 60, as the CLI)"),
    ),
)
async def mandates_due(request: Request) -> Response:
    """Mandates in force that end within `within` days of `on`, soonest first
    (`unsc mandates due --json`)."""
    on = views.parse_date(_text(request, "on"), field="on", default=views.today())
    within = _whole(request, "within", default=60, low=0, high=3650)
    if (Date.max - on).days < within:
        raise InputError(
            f"parameter 'within': {on} plus {within} days is past 9999", field="within"
        )
    db = settings(request).db
    return json_bytes(_due_json(db, cache.stamp(db), on, within))


@router.get("/minusma", response_model=dict[str, Any], responses=ERROR_RESPONSES)
async def minusma(request: Request) -> Response:
    """The MINUSMA case: mandate chain, phases, consent events, the Secretary-General's options
    and what each needed to pass, and res. 2690 replayed (`unsc minusma`)."""
    db = settings(request).db
    return json_bytes(_minusma_json(db, cache.stamp(db)))


@router.get(
    "/power",
    response_model=list[dict[str, Any]],
    responses=ERROR_RESPONSES,
    openapi_extra=query_parameters(
        ("compare", "Council presets to compare, e.g. council-1966,g4-2005 (default: all)"),
        ("council", "One preset or body (eu27, us-electoral-college): its index for every seat"),
        ("index", "shapley-shubik (default), banzhaf, coleman-act, johnston, holler, ..."),
        ("exact", "true: exact fractions (with council)"),
    ),
)
async def power(request: Request) -> Response:
    """A priori voting power. Without `council`: the configurations compared, power by kind of
    seat and the power to act (`unsc power --compare ... --json`). With `council`: the index of
    every seat (`unsc power --council X --json`)."""
    council = _text(request, "council")
    compare = _text(request, "compare")
    if council is not None and compare is not None:
        raise InputError("give 'council' or 'compare', not both", field="compare")
    index = (_text(request, "index") or "shapley-shubik").lower()
    exact = _flag(request, "exact")
    return json_bytes(_power_json(council.lower() if council else None, compare, index, exact))


def _whole(request: Request, name: str, *, default: int, low: int, high: int) -> int:
    text = _text(request, name)
    if text is None:
        return default
    if not text.isdigit() or not low <= int(text) <= high:
        raise InputError(f"parameter {name!r}: give a whole number {low}-{high}", field=name)
    return int(text)


# --- forecasts (unsc.forecast) ----------------------------------------------------------------


@router.post("/forecast", response_model=dict[str, Any], responses=RECORD_RESPONSES)
def forecast(request: Request, body: forecasts.ForecastIn) -> Response:
    """Forecast a draft: each member's probability of voting yes, no, abstain or not voting,
    and the probability that the draft is adopted, vetoed (and by whom) or fails, with the
    votes in `assume` taken as known (`unsc forecast --json`). Needs the record; the first
    forecast after a build waits while the model is trained."""
    return fast(forecasts.forecast(settings(request), body))
