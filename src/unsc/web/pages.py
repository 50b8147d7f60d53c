"""Server-rendered pages; each shows the data of its JSON twin under ``/api/`` and links to it."""

from __future__ import annotations

from datetime import date as Date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from unsc.errors import InputError
from unsc.web import views
from unsc.web.errors import ApiError

router = APIRouter(include_in_schema=False)

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")

#: The vote a seat cycles through on the simulator's board (yes -> no -> ... -> yes).
VOTE_CYCLE = ("yes", "no", "abstain", "not_voting", "absent")
VOTE_LABELS = {
    "yes": "Yes",
    "no": "No",
    "abstain": "Abstain",
    "not_voting": "Not voting",
    "absent": "Absent",
}


def _url(path: str, **params: object) -> str:
    query = {k: v for k, v in params.items() if v not in (None, "", [], ())}
    return f"{path}?{urlencode(query)}" if query else path


TEMPLATES.env.globals.update(url=_url, vote_labels=VOTE_LABELS)


def page(
    request: Request,
    template: str,
    *,
    title: str,
    twin: str | None,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    """Render a page; ``twin`` is the URL of its JSON twin, linked in the page and its head."""
    return TEMPLATES.TemplateResponse(
        request,
        template,
        {"title": title, "twin": twin, **context},
        status_code=status_code,
    )


def render_error(request: Request, error: ApiError) -> Response:
    """An error as a page: the same status, code and message as the API's error object."""
    return page(
        request,
        "error.html",
        title="No record database" if error.code == "no_record" else f"Error {error.status}",
        twin=None,
        status_code=error.status,
        error=error,
        db=request.app.state.settings.db,
    )


@router.get("/", response_class=HTMLResponse)
def home(request: Request, date: str | None = None) -> HTMLResponse:
    """The Council today (or on ``date``): members, president, mandates due; search."""
    on = views.parse_date(date, default=views.today())
    council = views.council_data(on)
    return page(
        request,
        "home.html",
        title=f"The Security Council on {on:%-d %B %Y}",
        twin=_url("/api/council", date=on.isoformat()),
        council=council,
        on=on,
        today=views.today(),
        known=views.known_range(),
    )


@router.get("/simulate", response_class=HTMLResponse)
def simulate(
    request: Request,
    date: str | None = None,
    council: str | None = None,
    matter: str | None = None,
    no: str | None = None,
    abstain: str | None = None,
    not_voting: str | None = None,
    absent: str | None = None,
) -> HTMLResponse:
    """The vote simulator: each seat is a button that cycles its vote; the outcome and its
    explanation come from ``GET /api/decide`` as the votes change."""
    preset = council.strip() if council and council.strip() else None
    on: Date | None = None
    if not preset or (date and date.strip()):
        on = views.parse_date(date, default=views.today())
    note = None
    try:
        data = views.council_data(on, preset)
    except InputError as exc:
        if exc.field != "council" or on is None:
            raise
        # a reform preset has more seats than the Council of that date: vote by seat instead
        note = f"{exc} The board shows the preset's seats."
        on = None
        data = views.council_data(None, preset)
    decision = views.decision(
        on=on.isoformat() if on else None,
        matter=matter,
        no=no,
        abstain=abstain,
        not_voting=not_voting,
        absent=absent,
        council=preset,
    )
    where = f"on {on:%-d %B %Y}" if on else f"under {data['config']['name']}"
    return page(
        request,
        "simulate.html",
        title=f"Vote simulator: the Council {where}",
        twin=_url(
            "/api/decide",
            date=on.isoformat() if on else None,
            council=preset,
            matter=matter,
            no=no,
            abstain=abstain,
            not_voting=not_voting,
            absent=absent,
        ),
        council=data,
        decision=decision.to_dict(),
        on=on,
        preset=preset,
        presets=views.presets_data(),
        known=views.known_range(),
        cycle=VOTE_CYCLE,
        source=None,
        note=note,
        forecast_available=False,
    )
