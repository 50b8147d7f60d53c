"""The month ahead over HTTP: ``/api/outlook/YYYY-MM`` and the page ``/outlook/YYYY-MM``.

Both answer from :func:`unsc.outlook.build_outlook` (the JSON is ``unsc outlook --month YYYY-MM
[--as-of DATE] --json``); the page adds the courses chart, the app's server-side SVG
(:func:`unsc.web.svg.stacked_bars`). The first outlook for a day trains the vote model on the
votes known then (cached on disk afterwards).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from unsc.errors import InputError
from unsc.types import parse_date
from unsc.web import cache, views

router = APIRouter()


def _settings(request: Request) -> views.Settings:
    found = request.app.state.settings
    assert isinstance(found, views.Settings)
    return found


def outlook_data(settings: views.Settings, month: str, as_of: str | None) -> dict[str, Any]:
    """The outlook's JSON, for ``month`` (YYYY-MM) as of ``as_of`` (YYYY-MM-DD or None)."""
    from unsc.outlook import build_outlook, parse_month

    first = parse_month(month)
    if not 1946 <= first.year <= 2100:
        raise InputError(f"month {month!r} is out of range", field="month")
    known: date | None = parse_date(as_of, "as_of") if as_of else None
    return build_outlook(cache.connection(settings.db), first, known).to_dict()


@router.get("/api/outlook/{month}", response_model=dict[str, Any], tags=["api"])
async def outlook_api(request: Request, month: str, as_of: str | None = None) -> Response:
    """The month ahead: mandates ending in the month and the next, the host's position, the
    probability of each course, the expected vote (`unsc outlook --json`)."""
    from unsc.web.api import fast

    data = await run_in_threadpool(outlook_data, _settings(request), month, as_of or None)
    return fast(data)


@router.get("/outlook/{month}", response_class=HTMLResponse, include_in_schema=False)
async def outlook_page(request: Request, month: str, as_of: str | None = None) -> HTMLResponse:
    """The month ahead, with the courses chart."""
    from unsc.outlook.courses import COURSES
    from unsc.web.pages import page
    from unsc.web.svg import stacked_bars

    found = await run_in_threadpool(outlook_data, _settings(request), month, as_of or None)
    chart = stacked_bars(
        [(m["mission"], m["courses"]) for m in found["mandates"]],
        [c.value for c in COURSES],
        chart_id=f"outlook-{found['month']}",
        title=f"Courses of the mandates ending in {found['month']} and the month after",
        desc=f"As of {found['as_of']}: for each mission, the probability that the Council renews "
        "the mandate as is, renews it with changes, draws the mission down, ends it, or lets it "
        "lapse.",
    )
    twin = f"/api/outlook/{found['month']}" + (f"?as_of={as_of}" if as_of else "")
    return page(
        request,
        "outlook.html",
        title=f"Outlook for {found['month']}",
        twin=twin,
        outlook=found,
        chart=chart,
    )
