"""Charts drawn as SVG on the server: no JavaScript, no build step, readable without colour.

Each chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` for screen readers, a
``<title>`` on every mark (the tooltip), and text labels beside the marks so that colour is never
the only carrier of meaning. Colours are the Okabe-Ito palette, chosen to stay distinct for the
common forms of colour blindness (Okabe & Ito, "Color Universal Design", 2008); lines also differ
by dash pattern. Pages print the same numbers in a table beside each chart.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape, quoteattr

from markupsafe import Markup

#: Okabe-Ito colours, darkened where needed for 3:1 contrast against white (WCAG 1.4.11).
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#B35900",  # dark orange
    "#007A5A",  # bluish green
    "#C0307F",  # reddish purple
    "#6B5E00",  # dark yellow
    "#3D85B0",  # sky blue, darkened
    "#A33A00",  # vermillion, darkened
    "#4D4D4D",  # grey
)
DASHES: tuple[str, ...] = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 2 1 2", "3 6")
INK = "#1B1F24"
MUTED = "#57606A"
GRID = "#D0D7DE"

WIDTH = 720
FONT = 13


def _attr(value: object) -> str:
    return quoteattr(str(value))


def _text(value: object) -> str:
    return escape(str(value))


def _fmt(value: float, percent: bool) -> str:
    if percent:
        if 0 < abs(value) < 0.001:
            return f"{value * 100:.1g}%"
        return f"{value * 100:.1f}%"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:.4g}"


def _open(chart_id: str, title: str, desc: str, height: float) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="100%" '
        f"aria-labelledby={_attr(chart_id + '-title')} "
        f"aria-describedby={_attr(chart_id + '-desc')} "
        f'font-family="system-ui, sans-serif" font-size="{FONT}">',
        f"<title id={_attr(chart_id + '-title')}>{_text(title)}</title>",
        f"<desc id={_attr(chart_id + '-desc')}>{_text(desc)}</desc>",
    ]


def _link(href: str | None, inner: str) -> str:
    return f"<a href={_attr(href)}>{inner}</a>" if href else inner


def _fit(label: str, width: float) -> str:
    """The label, cut with an ellipsis to fit ``width`` pixels (about 7.3 px a character)."""
    most = max(4, int(width / 7.3))
    return label if len(label) <= most else label[: most - 1] + "…"


def _nice_max(value: float) -> float:
    """The smallest 1-2-5 step multiple at or above ``value`` (axis end)."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= value:
            return float(step * magnitude)
    return float(10 * magnitude)  # pragma: no cover - the loop always returns


def bar_chart(
    rows: Sequence[tuple[str, float]],
    *,
    chart_id: str,
    title: str,
    desc: str,
    hrefs: Sequence[str | None] | None = None,
    percent: bool = False,
    color: str = PALETTE[0],
) -> Markup:
    """Horizontal bars, one per row, each labelled with its name and value."""
    label_w, bar_h, gap, top = 230, 22, 8, 8
    height = top + len(rows) * (bar_h + gap) + 8
    peak = 1.0 if percent else _nice_max(max((v for _, v in rows), default=0.0))
    span = WIDTH - label_w - 70
    out = _open(chart_id, title, desc, max(height, 40))
    for i, (label, value) in enumerate(rows):
        y = top + i * (bar_h + gap)
        w = max(span * (value / peak), 0.0) if peak else 0.0
        shown = _fmt(value, percent)
        href = hrefs[i] if hrefs else None
        label = _fit(label, label_w - 12)
        out.append(
            _link(
                href,
                f'<text x="{label_w - 8}" y="{y + bar_h * 0.7:.1f}" text-anchor="end" '
                f'class="{"link" if href else ""}" fill="{INK}">{_text(label)}</text>',
            )
        )
        out.append(
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{color}">'
            f"<title>{_text(label)}: {shown}</title></rect>"
        )
        out.append(
            f'<text x="{label_w + w + 6:.1f}" y="{y + bar_h * 0.7:.1f}" fill="{INK}">{shown}</text>'
        )
    if not rows:
        out.append(f'<text x="8" y="24" fill="{MUTED}">No data.</text>')
    out.append("</svg>")
    return Markup("".join(out))


def _legend(keys: Sequence[str], y: float, *, lines: bool = False) -> list[str]:
    out, x = [], 8.0
    for i, key in enumerate(keys):
        color = PALETTE[i % len(PALETTE)]
        if lines:
            dash = DASHES[i % len(DASHES)]
            out.append(
                f'<line x1="{x:.0f}" y1="{y - 4:.0f}" x2="{x + 22:.0f}" y2="{y - 4:.0f}" '
                f'stroke="{color}" stroke-width="3" stroke-dasharray="{dash}"/>'
            )
        else:
            out.append(
                f'<rect x="{x:.0f}" y="{y - 11:.0f}" width="14" height="14" fill="{color}"/>'
            )
        out.append(f'<text x="{x + 28:.0f}" y="{y:.0f}" fill="{INK}">{_text(key)}</text>')
        x += 40 + 8 * len(key)
    return out


def stacked_bars(
    rows: Sequence[tuple[str, Mapping[str, float]]],
    keys: Sequence[str],
    *,
    chart_id: str,
    title: str,
    desc: str,
) -> Markup:
    """Horizontal bars split by ``keys`` (for example vetoes per decade split by member)."""
    label_w, bar_h, gap, top = 90, 22, 8, 30
    height = top + len(rows) * (bar_h + gap) + 8
    peak = _nice_max(max((sum(parts.values()) for _, parts in rows), default=0.0))
    span = WIDTH - label_w - 60
    out = _open(chart_id, title, desc, height)
    out += _legend(keys, 18)
    for i, (label, parts) in enumerate(rows):
        y = top + i * (bar_h + gap)
        x = float(label_w)
        out.append(
            f'<text x="{label_w - 8}" y="{y + bar_h * 0.7:.1f}" text-anchor="end" '
            f'fill="{INK}">{_text(label)}</text>'
        )
        for k, key in enumerate(keys):
            value = parts.get(key, 0.0)
            if value <= 0:
                continue
            w = span * value / peak
            out.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                f'fill="{PALETTE[k % len(PALETTE)]}" stroke="#fff" stroke-width="1">'
                f"<title>{_text(label)}, {_text(key)}: {_fmt(value, False)}</title></rect>"
            )
            x += w
        total = sum(parts.values())
        out.append(
            f'<text x="{x + 6:.1f}" y="{y + bar_h * 0.7:.1f}" fill="{INK}">'
            f"{_fmt(total, False)}</text>"
        )
    out.append("</svg>")
    return Markup("".join(out))


def grouped_bars(
    groups: Sequence[tuple[str, Mapping[str, float]]],
    keys: Sequence[str],
    *,
    chart_id: str,
    title: str,
    desc: str,
    percent: bool = True,
    hrefs: Sequence[str | None] | None = None,
) -> Markup:
    """One cluster of horizontal bars per group, one bar per key (reform comparisons).

    Each group's name is written above its bars, so long names are never cut.
    """
    left, bar_h, inner, gap, top, label_h = 8, 14, 2, 10, 30, 18
    per_group = label_h + len(keys) * (bar_h + inner)
    height = top + len(groups) * (per_group + gap) + 8
    peak = max((v for _, values in groups for v in values.values()), default=0.0)
    peak = 1.0 if percent and peak > 0.5 else _nice_max(peak) if not percent else peak * 1.15
    span = WIDTH - left - 80
    out = _open(chart_id, title, desc, height)
    out += _legend(keys, 18)
    for g, (label, values) in enumerate(groups):
        y0 = top + g * (per_group + gap)
        href = hrefs[g] if hrefs else None
        out.append(
            _link(
                href,
                f'<text x="{left}" y="{y0 + 13}" class="{"link" if href else ""}" '
                f'fill="{INK}">{_text(_fit(label, WIDTH - 2 * left))}</text>',
            )
        )
        for k, key in enumerate(keys):
            if key not in values:
                continue
            value = values[key]
            y = y0 + label_h + k * (bar_h + inner)
            w = span * value / peak if peak else 0.0
            out.append(
                f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                f'fill="{PALETTE[k % len(PALETTE)]}">'
                f"<title>{_text(label)}, {_text(key)}: {_fmt(value, percent)}</title></rect>"
            )
            out.append(
                f'<text x="{left + w + 5:.1f}" y="{y + bar_h - 3}" fill="{INK}" '
                f'font-size="{FONT - 2}">{_text(key)} {_fmt(value, percent)}</text>'
            )
    out.append("</svg>")
    return Markup("".join(out))


def line_chart(
    series: Mapping[str, Sequence[tuple[int, float]]],
    *,
    chart_id: str,
    title: str,
    desc: str,
    y_label: str,
    percent: bool = True,
    y_max: float | None = None,
) -> Markup:
    """Lines over years, one per series, with a legend (agreement by year)."""
    left, right, top, bottom = 72, 16, 34, 34
    height = 300
    points = [p for s in series.values() for p in s]
    out = _open(chart_id, title, desc, height)
    if not points:
        out.append(f'<text x="8" y="24" fill="{MUTED}">No data.</text></svg>')
        return Markup("".join(out))
    x_lo = min(x for x, _ in points)
    x_hi = max(max(x for x, _ in points), x_lo + 1)
    top_value = (
        y_max if y_max is not None else (1.0 if percent else _nice_max(max(v for _, v in points)))
    )
    plot_w, plot_h = WIDTH - left - right, height - top - bottom

    def sx(x: float) -> float:
        return left + plot_w * (x - x_lo) / (x_hi - x_lo)

    def sy(v: float) -> float:
        return top + plot_h * (1 - v / top_value) if top_value else top + plot_h

    out += _legend(list(series), 18, lines=True)
    for i in range(5):
        v = top_value * i / 4
        y = sy(v)
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - right}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        out.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}">'
            f"{_fmt(v, percent)}</text>"
        )
    step = max(1, math.ceil((x_hi - x_lo) / 10))
    for x in range(x_lo, x_hi + 1):
        if (x - x_lo) % step == 0:
            out.append(
                f'<text x="{sx(x):.1f}" y="{height - bottom + 18}" text-anchor="middle" '
                f'fill="{MUTED}">{x}</text>'
            )
    out.append(
        f'<text x="14" y="{top + plot_h / 2:.0f}" fill="{MUTED}" text-anchor="middle" '
        f'transform="rotate(-90 14 {top + plot_h / 2:.0f})">{_text(y_label)}</text>'
    )
    for i, (name, values) in enumerate(series.items()):
        color, dash = PALETTE[i % len(PALETTE)], DASHES[i % len(DASHES)]
        ordered = sorted(values)
        if len(ordered) > 1:
            path = " ".join(
                f"{'M' if j == 0 or ordered[j - 1][0] != x - 1 else 'L'}{sx(x):.1f},{sy(v):.1f}"
                for j, (x, v) in enumerate(ordered)
            )
            out.append(
                f'<path d="{path}" fill="none" stroke="{color}" stroke-width="2.5" '
                f'stroke-dasharray="{dash}"/>'
            )
        for x, v in ordered:
            out.append(
                f'<circle cx="{sx(x):.1f}" cy="{sy(v):.1f}" r="3" fill="{color}">'
                f"<title>{_text(name)}, {x}: {_fmt(v, percent)}</title></circle>"
            )
    out.append("</svg>")
    return Markup("".join(out))


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of time on a timeline lane (a mandate period, a phase)."""

    start: date
    end: date
    label: str
    href: str | None = None
    kind: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Point:
    """A dated event on a timeline lane (a resolution, a consent event)."""

    on: date
    label: str
    href: str | None = None
    kind: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Lane:
    """One row of a timeline; ``numbered`` lanes number their points (listed beside the chart)."""

    name: str
    items: tuple[Span | Point, ...]
    numbered: bool = True


_KIND_COLORS = {
    "": PALETTE[0],
    "adopted": PALETTE[0],
    "rollover": PALETTE[5],
    "termination": PALETTE[6],
    "drawdown": PALETTE[1],
    "liquidation": PALETTE[7],
    "consent": PALETTE[3],
    "restriction": PALETTE[1],
    "withdrawal": PALETTE[6],
    "ceiling": PALETTE[2],
    "contested": PALETTE[1],
    # The host state's position (unsc.missions.HostPosition).
    "consents": PALETTE[2],
    "restricts": PALETTE[1],
    "requests_drawdown": PALETTE[4],
    "requests_withdrawal": PALETTE[6],
    "withdraws_consent": PALETTE[3],
}


def kind_color(kind: str) -> str:
    """A stable colour for a kind of span or event (the same on every run)."""
    if kind in _KIND_COLORS:
        return _KIND_COLORS[kind]
    return PALETTE[sum(map(ord, kind)) % len(PALETTE)]


def _gap_after(lane: Lane, index: int, sx: Callable[[date], float]) -> float:
    """Pixels from a point to the next point of its lane (the room for its label)."""
    here = lane.items[index]
    assert isinstance(here, Point)
    later = [sx(i.on) for i in lane.items[index + 1 :] if isinstance(i, Point)]
    return (min(later) - sx(here.on)) if later else float(WIDTH)


def timeline(lanes: Sequence[Lane], *, chart_id: str, title: str, desc: str) -> Markup:
    """Lanes of spans and points on one time axis (a mission's mandate chain).

    Points are numbered; the page lists the numbered events beside the chart, so that a label
    never has to fit on the axis.
    """
    left, right, top, lane_h, axis_h, row_h = 120, 16, 8, 44, 26, 22
    dates = [
        d
        for lane in lanes
        for item in lane.items
        for d in ((item.start, item.end) if isinstance(item, Span) else (item.on,))
    ]
    if not dates:
        out = _open(chart_id, title, desc, 40)
        out.append(f'<text x="8" y="24" fill="{MUTED}">No data.</text></svg>')
        return Markup("".join(out))
    lo = date(min(dates).year, 1, 1)
    hi = date(max(dates).year + 1, 1, 1)
    days = (hi - lo).days
    plot_w = WIDTH - left - right

    def sx(d: date) -> float:
        return left + plot_w * (d - lo).days / days

    # Points close together go on staggered rows, so that no number hides another.
    rows_of: dict[int, list[int]] = {}
    heights: list[float] = []
    for i, lane in enumerate(lanes):
        ends: list[float] = []
        assigned = []
        for item in lane.items:
            if isinstance(item, Point):
                x = sx(item.on)
                if not lane.numbered:  # unnumbered marks share one row (they may overlap)
                    ends[:] = ends or [x]
                    assigned.append(0)
                    continue
                row = next((r for r, last in enumerate(ends) if x - last >= 20), len(ends))
                if row == len(ends):
                    ends.append(x)
                ends[row] = x
                assigned.append(row)
        rows_of[i] = assigned
        heights.append(max(lane_h, 16 + len(ends) * row_h))
    tops = [top + sum(heights[:i]) for i in range(len(lanes))]
    height = top + sum(heights) + axis_h + 4
    out = _open(chart_id, title, desc, height)
    axis_y = top + sum(heights)
    years = range(lo.year, hi.year + 1)
    step = max(1, math.ceil(len(years) / 12))
    for year in years:
        x = sx(date(year, 1, 1))
        out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{axis_y}" stroke="{GRID}"/>')
        if (year - lo.year) % step == 0 and year < hi.year:
            out.append(f'<text x="{x + 3:.1f}" y="{axis_y + 16}" fill="{MUTED}">{year}</text>')
    number = 0
    for i, lane in enumerate(lanes):
        y, h = tops[i], heights[i]
        out.append(
            f'<text x="{left - 8}" y="{y + h / 2 + 4:.0f}" text-anchor="end" '
            f'fill="{INK}">{_text(lane.name)}</text>'
        )
        point = 0
        for j, item in enumerate(lane.items):
            color = kind_color(item.kind)
            tip = f"{item.label}{': ' + item.note if item.note else ''}"
            if isinstance(item, Span):
                x0, x1 = sx(item.start), sx(max(item.end, item.start))
                shade = "0.85" if j % 2 else "1"
                rect = (
                    f'<rect x="{x0:.1f}" y="{y + 8}" width="{max(x1 - x0, 2):.1f}" '
                    f'height="{h - 16}" fill="{color}" fill-opacity="{shade}" '
                    f'stroke="#fff" stroke-width="1.5" class="span">'
                    f"<title>{_text(tip)} ({item.start} to {item.end})</title></rect>"
                )
                if x1 - x0 > 8 * len(item.label) + 6:
                    rect += (
                        f'<text x="{(x0 + x1) / 2:.1f}" y="{y + h / 2 + 4:.0f}" '
                        f'text-anchor="middle" fill="#fff" font-size="{FONT - 1}">'
                        f"{_text(item.label)}</text>"
                    )
                out.append(_link(item.href, rect))
            else:
                row = rows_of[i][point]
                point += 1
                x = sx(item.on)
                cy = y + 8 + row_h / 2 + row * row_h
                if lane.numbered:
                    number += 1
                    mark = (
                        f'<circle cx="{x:.1f}" cy="{cy:.0f}" r="9" fill="{color}" class="event">'
                        f"<title>{number}. {_text(tip)} ({item.on})</title></circle>"
                        f'<text x="{x:.1f}" y="{cy + 4:.0f}" text-anchor="middle" '
                        f'fill="#fff" font-size="{FONT - 3}">{number}</text>'
                    )
                else:
                    mark = (
                        f'<rect x="{x - 5:.1f}" y="{cy - 5:.0f}" width="10" height="10" '
                        f'transform="rotate(45 {x:.1f} {cy:.0f})" fill="{color}" class="mark">'
                        f"<title>{_text(tip)} ({item.on})</title></rect>"
                    )
                    gap = _gap_after(lane, j, sx)
                    if lane.name != "Mandates" and gap > 7 * len(item.label) + 24:
                        # a short label beside the mark, when there is room for it
                        anchor, dx = ("end", -12) if x > WIDTH - 80 else ("start", 12)
                        mark += (
                            f'<text x="{x + dx:.1f}" y="{cy + 4:.0f}" text-anchor="{anchor}" '
                            f'fill="{INK}" font-size="{FONT - 2}">{_text(item.label)}</text>'
                        )
                out.append(_link(item.href, mark))
    out.append(
        f'<line x1="{left}" y1="{axis_y}" x2="{WIDTH - right}" y2="{axis_y}" stroke="{MUTED}"/>'
    )
    out.append("</svg>")
    return Markup("".join(out))
