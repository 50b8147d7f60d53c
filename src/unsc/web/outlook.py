"""The month ahead over HTTP: ``/api/outlook/YYYY-MM`` and the page ``/outlook/YYYY-MM``.

One resource (:mod:`unsc.web.resources`) over :func:`unsc.outlook.build_outlook`: the JSON is
``unsc outlook --month YYYY-MM [--as-of DATE] --json``; the page shows the same with the courses
chart that ``unsc outlook --chart`` writes (:func:`unsc.web.svg.stacked_bars`). The first outlook of
a day trains the vote model on the votes known then (cached on disk afterwards), so the
resource runs in the worker pool.
"""

from __future__ import annotations

from datetime import date

from unsc.errors import InputError
from unsc.outlook.build import OutlookDict  # light: the model's imports wait for a request
from unsc.web import cache
from unsc.web.params import Kind, Param, Parsed
from unsc.web.resources import Context, Page, Resource

MONTH = Param(
    "month",
    Kind.TEXT,
    "The month, YYYY-MM (its mandates and the next month's)",
    required=True,
    max_length=7,
    where="path",
)
AS_OF = Param("as_of", Kind.DATE, "What is known: the day (default: the day before the month)")


def _month(a: Parsed) -> date:
    from unsc.outlook import parse_month

    first = parse_month(str(a["month"]))
    if not 1946 <= first.year <= 2100:
        raise InputError(f"month {a['month']!r} is out of range", field="month")
    return first


def _load(ctx: Context, a: Parsed) -> OutlookDict:
    from unsc.outlook import build_outlook

    return build_outlook(cache.connection(ctx.db), _month(a), a["as_of"]).to_dict()


def _check(a: Parsed) -> None:
    _month(a)


def _page(ctx: Context, a: Parsed, found: OutlookDict) -> Page:
    from unsc.outlook.courses import COURSES
    from unsc.web.svg import stacked_bars

    chart = stacked_bars(
        [(m["mission"], m["courses"]) for m in found["mandates"]],
        [c.value for c in COURSES],
        chart_id=f"outlook-{found['month']}",
        title=f"Courses of the mandates ending in {found['month']} and the month after",
        desc=f"As of {found['as_of']}: for each mission, the probability that the Council renews "
        "the mandate as is, renews it with changes, draws the mission down, ends it, or lets it "
        "lapse.",
    )
    twin = f"/api/outlook/{found['month']}" + (
        f"?as_of={a['as_of'].isoformat()}" if a["as_of"] else ""
    )
    return Page(
        "outlook.html",
        f"Outlook for {found['month']}",
        twin,
        {"outlook": found, "chart": chart},
    )


def resources() -> tuple[Resource, ...]:
    return (
        Resource(
            "outlook",
            "The month ahead: mandates ending in the month and the next, the host's position, "
            "the probability of each course, the expected vote (`unsc outlook --json`)",
            _load,
            (MONTH, AS_OF),
            api_path="/api/outlook/{month}",
            page_path="/outlook/{month}",
            page=_page,
            check=_check,
            record=True,
            expensive=frozenset({"json", "html"}),
            time_limit=300.0,
        ),
    )
