"""Server-rendered pages; each shows the data of its JSON twin under ``/api/`` and links to it."""

from __future__ import annotations

from datetime import date as Date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from unsc.errors import InputError, UnscError
from unsc.record import query
from unsc.web import missions, records, svg, views
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


def _power(value: float) -> str:
    """A power index for a table: four decimals, or two significant digits when tiny."""
    return f"{value:.4f}" if value == 0 or value >= 0.0001 else f"{value:.1e}"


TEMPLATES.env.globals.update(url=_url, vote_labels=VOTE_LABELS)
TEMPLATES.env.filters["power"] = _power


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
    mandates: list[dict[str, Any]] = []
    mandates_note = None
    try:
        calendar = missions.due(_settings(request), on, 120)
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
    return page(
        request,
        "home.html",
        title=f"The Security Council on {on:%-d %B %Y}",
        twin=_url("/api/council", date=on.isoformat()),
        council=council,
        on=on,
        today=views.today(),
        known=views.known_range(),
        mandates=mandates,
        mandates_error=mandates_note,
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
    agenda: str | None = None,
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
        forecast_available=on is not None and _settings(request).db.is_file(),
        named=set(
            views.split_codes(
                ",".join(x or "" for x in (no, abstain, not_voting, absent)), field="no"
            )
        ),
        agenda=agenda or "",
    )


# --- the record -----------------------------------------------------------------------------


def _settings(request: Request) -> views.Settings:
    found = request.app.state.settings
    assert isinstance(found, views.Settings)
    return found


@router.get("/resolutions/{number}", response_class=HTMLResponse)
def resolution(request: Request, number: str) -> HTMLResponse:
    """A resolution: the vote board, the outcome and the sentence that explains it."""
    if not number.isdigit() or not 0 < len(number) <= 5:
        raise InputError(f"{number[:20]!r} is not a resolution number", field="number")
    with views.record(_settings(request)) as conn:
        item = records.resolution_view(conn, int(number))
    return page(
        request,
        "record.html",
        title=f"Resolution {item['number']} ({item['date'][:4]})",
        twin=f"/api/resolutions/{item['number']}",
        item=item,
        kind="resolution",
        missions=mission_links(item),
    )


@router.get("/drafts/{symbol:path}", response_class=HTMLResponse)
def draft(request: Request, symbol: str) -> HTMLResponse:
    """A draft: the vote board, the outcome (adopted, vetoed, failed) and why."""
    with views.record(_settings(request)) as conn:
        item = records.draft_view(conn, symbol[:60])
    return page(
        request,
        "record.html",
        title=f"Draft {item['symbol']}",
        twin=f"/api/drafts/{item['symbol']}",
        item=item,
        kind="draft",
        missions=mission_links(item),
    )


def mission_links(item: dict[str, Any]) -> list[str]:
    """Missions whose mandate chain holds this resolution (``unsc.missions`` chains)."""
    number = item.get("number") or item.get("resolution_number")
    try:
        return missions.missions_of(int(number)) if number else []
    except UnscError:
        return []


@router.get("/members/{code}", response_class=HTMLResponse)
def member(request: Request, code: str) -> HTMLResponse:
    """A member: its votes over time and its agreement with each permanent member by year."""
    with views.record(_settings(request)) as conn:
        m = records.member_view(conn, code[:60])
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
    return page(
        request,
        "member.html",
        title=m["name"],
        twin=f"/api/members/{m['code']}",
        m=m,
        votes_chart=votes_chart,
        agreement_chart=agreement_chart,
    )


@router.get("/vetoes", response_class=HTMLResponse)
def vetoes(request: Request) -> HTMLResponse:
    """Vetoes by member, decade and topic, each linked to its draft."""
    with views.record(_settings(request)) as conn:
        s = records.vetoes_summary(conn)
    members = [r["member"] for r in s["by_member"]]
    return page(
        request,
        "vetoes.html",
        title="Vetoes",
        twin="/api/vetoes/summary",
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
            hrefs=[_url("/search", q=r["topic"]) for r in s["by_topic"][:12]],
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
    )


@router.get("/search", response_class=HTMLResponse, response_model=None)
def search(request: Request, q: str = "") -> Response:
    """Go straight to a resolution, draft or member, or list the drafts that match."""
    text = q.strip()[:200]
    if not text:
        raise InputError("give something to search for", field="q")
    target = records.search_target(text)
    if target is not None:
        return RedirectResponse(target, status_code=303)
    with views.record(_settings(request)) as conn:
        results = query.search(conn, text, 100)
    return page(
        request,
        "search.html",
        title=f"Search: {text}",
        twin=_url("/api/search", q=text),
        results=results,
        q=text,
    )


# --- missions and power ---------------------------------------------------------------------


@router.get("/missions", response_class=HTMLResponse)
def missions_page(request: Request) -> HTMLResponse:
    """Every peacekeeping mission, newest first."""
    return page(
        request,
        "missions.html",
        title="Peacekeeping missions",
        twin="/api/missions",
        missions=missions.missions_list(),
    )


@router.get("/missions/{acronym}", response_class=HTMLResponse)
def mission_page(request: Request, acronym: str) -> HTMLResponse:
    """A mission: the mandate chain as a timeline with ceilings, votes, phases and consent."""
    view = missions.mission(_settings(request), acronym, views.today())
    lanes, numbered = missions.timeline(
        view["resolutions"], view["phases"], view["consent_events"], end=views.today()
    )
    return page(
        request,
        "mission.html",
        title=f"{view['acronym']}: {view['mission']['name']}",
        twin=f"/api/missions/{view['acronym']}",
        view=view,
        acronym=view["acronym"],
        numbered=numbered,
        timeline_chart=svg.timeline(
            lanes,
            chart_id="timeline",
            title=f"{view['acronym']}: mandate chain, phases and consent events",
            desc="Mandate periods set by each resolution, the mission's phases, and dated events",
        ),
    )


@router.get("/minusma", response_class=HTMLResponse)
def minusma_page(request: Request) -> HTMLResponse:
    """The MINUSMA case, the whole story on one page."""
    case = missions.minusma(_settings(request))
    lanes, numbered = missions.timeline(
        case["chain"]["resolutions"], case["phases"], case["consent_events"]
    )
    return page(
        request,
        "minusma.html",
        title="MINUSMA, 2013-2023: how a mission ended",
        twin="/api/minusma",
        case=case,
        numbered=numbered,
        timeline_chart=svg.timeline(
            lanes,
            chart_id="timeline",
            title="MINUSMA: mandate chain, phases and consent events",
            desc="Mandates from res. 2100 (2013) to res. 2690 (2023), phases and host actions",
        ),
    )


@router.get("/power", response_class=HTMLResponse)
def power_page(request: Request) -> HTMLResponse:
    """The reform comparison: voting power under each Council configuration."""
    rows = missions.power_page_rows()
    names = [r["name"] for r in rows]
    return page(
        request,
        "power.html",
        title="Voting power: the Council and its reforms",
        twin="/api/power",
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
            hrefs=[_url("/simulate", council=r["council"]) for r in rows],
        ),
        act_chart=svg.bar_chart(
            [(name, r["power_to_act"]) for name, r in zip(names, rows, strict=True)],
            chart_id="power-to-act",
            title="Power of the Council to act",
            desc="Share of all coalitions that can pass a decision, by configuration",
            percent=True,
            color=svg.PALETTE[2],
        ),
    )
