"""The pages: each lays out the data of its resource (:mod:`unsc.web.api`), the same data its
JSON twin under ``/api/`` sends, and links to that twin.

Page functions take the request's context, its parsed parameters and the resource's data, and
return a :class:`unsc.web.resources.Page`; :func:`render` turns it into HTML off the event loop.
"""

from __future__ import annotations

from datetime import date as Date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from unsc.errors import InputError, UnscError
from unsc.types import Matter
from unsc.web import missions, records, svg, views
from unsc.web.errors import ApiError
from unsc.web.params import Parsed
from unsc.web.resources import Context, Page

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


def url(path: str, **params: object) -> str:
    query = {k: v for k, v in params.items() if v not in (None, "", [], ())}
    return f"{path}?{urlencode(query)}" if query else path


def _power(value: float) -> str:
    """A power index for a table: four decimals, or two significant digits when tiny."""
    return f"{value:.4f}" if value == 0 or value >= 0.0001 else f"{value:.1e}"


def static_url(path: str) -> str:
    return f"/static/{path}"


TEMPLATES.env.globals.update(url=url, vote_labels=VOTE_LABELS, static_url=static_url)
TEMPLATES.env.filters["power"] = _power


def render(page: Page) -> bytes:
    """A page as UTF-8 HTML."""
    template = TEMPLATES.env.get_template(page.template)
    return template.render({"title": page.title, "twin": page.twin, **page.context}).encode()


def render_error(request: Request, error: ApiError) -> Response:
    """An error as a page: the same status, code and message as the API's error object."""
    page = Page(
        "error.html",
        "No record database" if error.code == "no_record" else f"Error {error.status}",
        None,
        {"error": error, "db": request.app.state.server.db},
    )
    return HTMLResponse(render(page), status_code=error.status)


def home(ctx: Context, a: Parsed, council: dict[str, Any]) -> Page:
    """The Council today (or on ``date``): members, president, mandates due; search."""
    on = Date.fromisoformat(council["date"])
    mandates: list[dict[str, Any]] = []
    mandates_note = None
    try:
        calendar = missions.due(ctx.db, on, 120)
        mandates = [
            {
                "acronym": d["acronym"],
                "name": d["name"],
                "expires": d["mandate_end"],
                "days_left": d["days_left"],
                "resolution": d["set_by"]["number"],
            }
            for d in calendar["due"]
        ]
        if not calendar["complete"]:
            mandates_note = (
                f"The curated mandates run to {calendar['curated_through']}; later renewals "
                "may be missing."
            )
    except UnscError as exc:
        mandates_note = f"Mandates unavailable: {exc}"
    return Page(
        "home.html",
        f"The Security Council on {on:%-d %B %Y}",
        url("/api/council", date=on.isoformat()),
        {
            "council": council,
            "on": on,
            "today": ctx.today,
            "known": views.known_range(),
            "mandates": mandates,
            "mandates_error": mandates_note,
        },
    )


def simulate(ctx: Context, a: Parsed, _: object) -> Page:
    """The vote simulator: each seat is a button that cycles its vote; the outcome and its
    explanation come from ``GET /api/decide`` as the votes change."""
    preset = a["council"]
    on: Date | None = a["date"]
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
        on=on,
        matter=Matter(a["matter"]),
        no=a["no"],
        abstain=a["abstain"],
        not_voting=a["not_voting"],
        absent=a["absent"],
        council=preset,
        strict=a["strict"],
        parties=a["parties"],
    )
    lists = {k: ",".join(a[k]) or None for k in ("no", "abstain", "not_voting", "absent")}
    matter = a["matter"] if a["matter"] != "substantive" else None
    where = f"on {on:%-d %B %Y}" if on else f"under {data['config']['name']}"
    return Page(
        "simulate.html",
        f"Vote simulator: the Council {where}",
        url(
            "/api/decide",
            date=on.isoformat() if on else None,
            council=preset,
            matter=matter,
            **lists,
        ),
        {
            "council": data,
            "decision": decision.to_dict(),
            "on": on,
            "preset": preset,
            "presets": views.presets_data(),
            "known": views.known_range(),
            "cycle": VOTE_CYCLE,
            "source": None,
            "note": note,
            "forecast_available": on is not None and ctx.db.is_file(),
            "named": {c for k in ("no", "abstain", "not_voting", "absent") for c in a[k]},
            "agenda": a["agenda"] or "",
        },
    )


# --- the record -----------------------------------------------------------------------------


def resolution(ctx: Context, a: Parsed, item: dict[str, Any]) -> Page:
    """A resolution: the vote board, the outcome and the sentence that explains it."""
    return Page(
        "record.html",
        f"Resolution {item['number']} ({item['date'][:4]})",
        f"/api/resolutions/{item['number']}",
        {"item": item, "kind": "resolution", "missions": mission_links(ctx, item)},
    )


def draft(ctx: Context, a: Parsed, item: dict[str, Any]) -> Page:
    """A draft: the vote board, the outcome (adopted, vetoed, failed) and why."""
    return Page(
        "record.html",
        f"Draft {item['symbol']}",
        f"/api/drafts/{item['symbol']}",
        {"item": item, "kind": "draft", "missions": mission_links(ctx, item)},
    )


def mission_links(ctx: Context, item: dict[str, Any]) -> list[str]:
    """Missions whose mandate chain holds this resolution (``unsc.missions`` chains)."""
    number = item.get("number") or item.get("resolution_number")
    return list(ctx.missions_by_resolution.get(int(number), ())) if number else []


def member(ctx: Context, a: Parsed, m: dict[str, Any]) -> Page:
    """A member: its votes over time and its agreement with each permanent member by year."""
    by_year = m["votes_by_year"]
    votes_chart = svg.line_chart(
        {
            label: [(y["year"], y[key]) for y in by_year]
            for key, label in (("yes", "Yes"), ("no", "No"), ("abstain", "Abstain"))
        }
        | {"Not voting or absent": [(y["year"], y["not_voting"] + y["absent"]) for y in by_year]},
        chart_id="votes",
        title=f"Votes of {m['name']} by year",
        desc="Number of votes of each kind per year",
        y_label="votes",
        percent=False,
    )
    agreement_chart = svg.line_chart(
        {
            other: [(r["year"], r["agreement"]) for r in rows]
            for other, rows in m["agreement"].items()
            if rows
        },
        chart_id="agreement",
        title=f"Agreement of {m['name']} with each permanent member",
        desc="Share of common votes on which they voted the same way, by year",
        y_label="agreement",
    )
    return Page(
        "member.html",
        m["name"],
        f"/api/members/{m['code']}",
        {"m": m, "votes_chart": votes_chart, "agreement_chart": agreement_chart},
    )


def vetoes(ctx: Context, a: Parsed, s: dict[str, Any]) -> Page:
    """Vetoes by member, decade and topic, each linked to its draft."""
    members = [r["member"] for r in s["by_member"]]
    return Page(
        "vetoes.html",
        "Vetoes",
        "/api/vetoes/summary",
        dict(
            s=s,
            member_chart=svg.bar_chart(
                [(records.short_name(r["member"], r["name"]), r["vetoes"]) for r in s["by_member"]],
                chart_id="by-member",
                title="Vetoes by member",
                desc="Number of vetoes each member cast",
                hrefs=[f"/members/{c}" for c in members],
                color=svg.PALETTE[6],
            ),
            topic_chart=svg.bar_chart(
                [(r["topic"], r["drafts"]) for r in s["by_topic"][:12]],
                chart_id="by-topic",
                title="Vetoed drafts by topic",
                desc="Number of vetoed drafts per agenda topic",
                hrefs=[url("/search", q=r["topic"]) for r in s["by_topic"][:12]],
            ),
            decade_chart=svg.stacked_bars(
                [
                    (d["decade"], {records.short_name(c): n for c, n in d["vetoes"].items()})
                    for d in s["by_decade"]
                ],
                [records.short_name(c) for c in members],
                chart_id="by-decade",
                title="Vetoes by decade",
                desc="Vetoes cast per decade, split by member",
            ),
        ),
    )


def search(ctx: Context, a: Parsed, results: list[dict[str, Any]]) -> Page:
    """The drafts that match (a resolution, draft or member went straight to its page)."""
    text = a["q"]
    return Page(
        "search.html",
        f"Search: {text}",
        url("/api/search", q=text, limit=a["limit"] if a["limit"] != 50 else None),
        {"results": results, "q": text},
    )


# --- missions and power ---------------------------------------------------------------------


def missions_page(ctx: Context, a: Parsed, found: list[dict[str, Any]]) -> Page:
    """Every peacekeeping mission, newest first."""
    return Page("missions.html", "Peacekeeping missions", "/api/missions", {"missions": found})


def mission(ctx: Context, a: Parsed, view: dict[str, Any]) -> Page:
    """A mission: the mandate chain as a timeline with ceilings, votes, phases and consent."""
    on = a["on"] or ctx.today
    lanes, numbered = missions.timeline(
        view["resolutions"], view["phases"], view["consent_events"], end=on
    )
    return Page(
        "mission.html",
        f"{view['acronym']}: {view['mission']['name']}",
        url(f"/api/missions/{view['acronym']}", on=a["on"] and a["on"].isoformat()),
        dict(
            view=view,
            acronym=view["acronym"],
            numbered=numbered,
            timeline_chart=svg.timeline(
                lanes,
                chart_id="timeline",
                title=f"{view['acronym']}: mandate chain, phases and consent events",
                desc="Mandate periods set by each resolution, the mission's phases, "
                "and dated events",
            ),
        ),
    )


def minusma(ctx: Context, a: Parsed, case: dict[str, Any]) -> Page:
    """The MINUSMA case, the whole story on one page."""
    lanes, numbered = missions.timeline(
        case["chain"]["resolutions"], case["phases"], case["consent_events"]
    )
    return Page(
        "minusma.html",
        "MINUSMA, 2013-2023: how a mission ended",
        "/api/minusma",
        dict(
            case=case,
            numbered=numbered,
            timeline_chart=svg.timeline(
                lanes,
                chart_id="timeline",
                title="MINUSMA: mandate chain, phases and consent events",
                desc="Mandates from res. 2100 (2013) to res. 2690 (2023), phases and host actions",
            ),
        ),
    )


def power(ctx: Context, a: Parsed, data: object) -> Page:
    """The reform comparison: voting power under each Council configuration."""
    rows = missions.power_page_rows()
    names = [r["name"] for r in rows]
    return Page(
        "power.html",
        "Voting power: the Council and its reforms",
        "/api/power",
        dict(
            rows=rows,
            share_chart=svg.grouped_bars(
                [
                    (
                        name,
                        {
                            "Shapley-Shubik": r["non_veto_share_shapley_shubik"],
                            "Banzhaf": r["non_veto_share_banzhaf"],
                        },
                    )
                    for name, r in zip(names, rows, strict=True)
                ],
                ["Shapley-Shubik", "Banzhaf"],
                chart_id="non-veto-share",
                title="Share of power held by the seats without a veto",
                desc="For each configuration, the non-veto seats' total Shapley-Shubik and Banzhaf "
                "power",
                hrefs=[url("/simulate", council=r["council"]) for r in rows],
            ),
            act_chart=svg.bar_chart(
                [(name, r["power_to_act"]) for name, r in zip(names, rows, strict=True)],
                chart_id="power-to-act",
                title="Power of the Council to act",
                desc="Share of all coalitions that can pass a decision, by configuration",
                percent=True,
                color=svg.PALETTE[2],
            ),
        ),
    )
