"""Missions, mandates and voting power for the pages and the API.

The data are :mod:`unsc.missions`' (``mission_view``, ``mandates_due``, the MINUSMA case) and
:mod:`unsc.power`'s (indices of each Council configuration); votes come from the record when it
has been built, and the pages work without it. This module adds the timeline lanes of a mission
page and the reform comparison table of the power page.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

from unsc.council import council_presets
from unsc.errors import NotFoundError
from unsc.missions import (
    all_chains,
    case_minusma,
    load_missions,
    mandates_due,
    mission_view,
    position_spans,
)
from unsc.missions.case_minusma import MinusmaCaseDict
from unsc.missions.due import CalendarDict
from unsc.missions.models import MissionDict
from unsc.missions.view import MissionView
from unsc.power import parse_index, power_index
from unsc.power.bodies import body
from unsc.power.compare import Comparison, ComparisonDict, compare
from unsc.power.indices import PowerRow
from unsc.web import cache, svg


def maybe_record(db: Path) -> sqlite3.Connection | None:
    """The record, or None when it has not been built (missions have curated data of their own)."""
    try:
        return cache.connection(db)
    except NotFoundError as exc:
        if exc.field == "db":
            return None
        raise


def missions_list() -> list[MissionDict]:
    """Every mission unsc knows (``unsc.missions.load_missions``), newest first."""
    found = [m.to_dict() for m in load_missions().values()]
    return sorted(found, key=lambda m: m["start"] or date.min, reverse=True)


def mission(db: Path, acronym: str, on: date | None = None) -> MissionView:
    """``unsc mission ACRONYM --json``: the mission, its mandate chain, phases, consent events."""
    return mission_view(acronym.strip().upper(), maybe_record(db), on=on)


def due(db: Path, on: date, within: int) -> CalendarDict:
    """``unsc mandates due --json``: mandates that end within ``within`` days of ``on``."""
    return mandates_due(on, within, maybe_record(db)).to_dict()


def minusma(db: Path) -> MinusmaCaseDict:
    """The MINUSMA case (``unsc minusma``): chain, phases, consent, options and the decision."""
    return case_minusma.build_case(maybe_record(db)).to_dict()


def resolution_index() -> dict[int, tuple[str, ...]]:
    """For each resolution in a mission's mandate chain, the missions whose chain holds it (the
    resolution page's links). Built once by the application from the curated chains."""
    found: dict[int, set[str]] = {}
    for acronym, chain in all_chains(None).items():
        for entry in chain.entries:
            if entry.number is not None:
                found.setdefault(entry.number, set()).add(acronym)
    return {n: tuple(sorted(a)) for n, a in found.items()}


def _as_date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def timeline(
    resolutions: list[dict[str, Any]],
    phases: list[dict[str, Any]],
    events: list[dict[str, Any]],
    *,
    end: date | None = None,
) -> tuple[list[svg.Lane], list[dict[str, Any]]]:
    """The lanes of a mission's timeline and the numbered events listed beside it.

    Mandates: each resolution from its adoption to the mandate end it set (its ceilings and
    vote in the tooltip). Phases: the mission's lifecycle. Consent: the host state's actions and
    the Council's decisions, numbered in date order.
    """
    spans: list[svg.Span | svg.Point] = []
    for r in resolutions:
        start, stop = _as_date(r.get("date")), _as_date(r.get("mandate_end"))
        if start is None:
            continue
        ceilings = (
            f"; ceilings {r['military']:,} military, {r['police']:,} police"
            if r.get("military") and r.get("police")
            else ""
        )
        note = f"{r['action']}, vote {r.get('vote') or 'unknown'}{ceilings}"
        href = f"/resolutions/{r['number']}" if r.get("number") else None
        kind = "rollover" if r.get("technical_rollover") else str(r.get("action") or "")
        label = str(r.get("number") or "?")
        if stop is None or stop <= start:
            spans.append(svg.Point(start, f"res. {label}", href=href, kind=kind, note=note))
        else:
            spans.append(svg.Span(start, stop, label, href=href, kind=kind, note=note))
    phase_items: list[svg.Span | svg.Point] = []
    for p in phases:
        start = _as_date(p.get("start"))
        if start is None:
            continue
        stop = _as_date(p.get("end")) or max(start, end or start) + timedelta(days=60)
        phase_items.append(
            svg.Span(
                start,
                max(stop, start + timedelta(days=1)),
                str(p["kind"]).replace("_", " "),
                kind=str(p["kind"]),
                note=str(p.get("notes") or ""),
            )
        )
    listed = sorted(events, key=lambda e: str(e.get("date")))
    points: list[svg.Span | svg.Point] = []
    for e in listed:
        on = _as_date(e.get("date"))
        if on is not None:
            points.append(svg.Point(on, str(e["title"]), kind=str(e["kind"]), note=e["when"]))
    lanes = [svg.Lane("Mandates", tuple(spans), numbered=False)]
    troops = _ceilings(resolutions)
    if troops:
        lanes.append(svg.Lane("Troop ceiling", tuple(troops), numbered=False))
    contested: list[svg.Span | svg.Point] = [
        svg.Point(
            on,
            str(r.get("vote")),
            href=f"/resolutions/{r['number']}" if r.get("number") else None,
            kind="contested",
            note=f"res. {r.get('number')}: abstaining {', '.join(r.get('abstainers') or []) or '-'}"
            f"; against {', '.join(r.get('against') or []) or '-'}",
        )
        for r in resolutions
        if (on := _as_date(r.get("date"))) is not None
        and ((r.get("abstain") or 0) > 0 or (r.get("no") or 0) > 0)
    ]
    if contested:
        lanes.append(svg.Lane("Split votes", tuple(contested), numbered=False))
    if phase_items:
        lanes.append(svg.Lane("Phases", tuple(phase_items)))
    if points:
        lanes.append(svg.Lane("Consent", tuple(points)))
        host = _host_positions(listed, end)
        if host:
            lanes.append(svg.Lane("Host position", tuple(host), numbered=False))
    numbered = [
        {"n": i, **e} for i, e in enumerate((e for e in listed if _as_date(e.get("date"))), 1)
    ]
    return lanes, numbered


def _host_positions(events: list[dict[str, Any]], end: date | None) -> list[svg.Span | svg.Point]:
    """The host's position over time (:func:`unsc.missions.position_spans`) as coloured spans."""
    acronym = next(
        (str(e["mission"]) for e in events if e.get("position") and e.get("mission")), None
    )
    if acronym is None:
        return []
    items: list[svg.Span | svg.Point] = []
    for span in position_spans(acronym):
        stop = span.end or max(span.start, end or span.start) + timedelta(days=60)
        label = span.position.value.replace("_", " ")
        title = span.event.title if span.event else "consent presumed at deployment"
        items.append(
            svg.Span(
                span.start,
                max(stop, span.start + timedelta(days=1)),
                label,
                kind=span.position.value,
                note=title,
            )
        )
    return items


def _ceilings(resolutions: list[dict[str, Any]]) -> list[svg.Span | svg.Point]:
    """The authorised military ceiling over time: one span per stretch with the same ceiling."""
    found: list[svg.Span | svg.Point] = []
    current: tuple[int, date, date] | None = None
    for r in resolutions:
        start, stop = _as_date(r.get("date")), _as_date(r.get("mandate_end"))
        troops = r.get("military")
        if start is None or stop is None or not troops:
            continue
        if current is not None and current[0] == troops:
            current = (troops, current[1], stop)
            continue
        if current is not None:
            found.append(_ceiling_span(*current))
        current = (troops, start, stop)
    if current is not None:
        found.append(_ceiling_span(*current))
    return found


def _ceiling_span(troops: int, start: date, stop: date) -> svg.Span:
    return svg.Span(
        start, stop, f"{troops:,}", kind="ceiling", note=f"up to {troops:,} military personnel"
    )


# --- voting power ---------------------------------------------------------------------------


def power_comparison(
    presets: tuple[str, ...] | None = None, index: str = "shapley-shubik"
) -> list[ComparisonDict]:
    """``unsc power --compare ... --json``: each configuration's power by kind of seat and its
    power to act (``unsc.power.compare``); every preset when none is named."""
    names = presets or tuple(council_presets())
    return [c.to_dict() for c in _compare(names, parse_index(index))]


def _compare(presets: tuple[str, ...], index: str) -> tuple[Comparison, ...]:
    return tuple(compare(list(presets), index))


def power_of(council: str, index: str, exact: bool = False) -> list[PowerRow]:
    """``unsc power --council X --index I --json``: the index of every member or seat."""
    return power_index(body(council.strip().lower()), parse_index(index), exact=exact).rows()


def power_page_rows() -> list[dict[str, Any]]:
    """The power page's table: per configuration, each kind of seat under both indices, the
    non-veto seats' share of power and the power to act."""
    ss = _compare(tuple(council_presets()), "shapley-shubik")
    bz = _compare(tuple(council_presets()), "banzhaf")
    rows = []
    for a, b in zip(ss, bz, strict=True):
        rows.append(
            {
                "council": a.council,
                "name": a.name,
                "seats": a.size,
                "quota": a.quota,
                "quota_published": a.quota_published,
                "veto_threshold": a.veto_threshold,
                "by_seat_kind": [
                    {
                        "kind": ka.kind,
                        "veto": ka.veto,
                        "seats": ka.seats,
                        "shapley_shubik": float(ka.per_seat),
                        "banzhaf": float(kb.per_seat),
                    }
                    for ka, kb in zip(a.kinds, b.kinds, strict=True)
                ],
                "non_veto_share_shapley_shubik": float(
                    sum((k.share for k in a.kinds if not k.veto), Fraction(0))
                ),
                "non_veto_share_banzhaf": float(
                    sum((k.share for k in b.kinds if not k.veto), Fraction(0))
                ),
                "power_to_act": float(a.power_to_act),
            }
        )
    return rows
