"""Self-contained reports of a mission: an inline SVG timeline, and the MINUSMA case as HTML or
Markdown. No external assets: the CSS and the chart are inside the file."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from html import escape
from pathlib import Path

from unsc.errors import InputError
from unsc.missions.case_minusma import DECISION_DATE, MinusmaCase
from unsc.missions.chain import MandateChain
from unsc.missions.models import ConsentEvent, MandateResolution, Phase, PhaseKind

WIDTH = 960
LEFT = 110
RIGHT = 20

PHASE_COLOURS = {
    PhaseKind.ACTIVE: "#4e79a7",
    PhaseKind.CONSENT_WITHDRAWN: "#e15759",
    PhaseKind.TERMINATED: "#222222",
    PhaseKind.WITHDRAWAL: "#f28e2b",
    PhaseKind.LIQUIDATION: "#9c755f",
    PhaseKind.CLOSED: "#bab0ac",
}
UNANIMOUS = "#59a14f"
CONTESTED = "#edc948"
UNKNOWN = "#bab0ac"


def _vote_colour(entry: MandateResolution) -> str:
    if entry.vote.unanimous is None:
        return UNKNOWN
    return UNANIMOUS if entry.vote.unanimous else CONTESTED


def _periods(chain: MandateChain) -> list[tuple[MandateResolution, date, date]]:
    """(resolution, first day, last day) of each mandate period with a known end date."""
    spans: list[tuple[MandateResolution, date, date]] = []
    previous_end: date | None = None
    for entry in chain.entries:
        if entry.mandate_end is None or entry.date is None:
            continue
        start = previous_end + timedelta(days=1) if previous_end else entry.date
        if entry.mandate_end >= start:
            spans.append((entry, start, entry.mandate_end))
        previous_end = entry.mandate_end
    return spans


def timeline_svg(
    chain: MandateChain,
    phases: Sequence[Phase],
    events: Sequence[ConsentEvent],
    *,
    start: date | None = None,
    end: date | None = None,
    element_id: str = "timeline",
) -> str:
    """An SVG timeline: mandate periods coloured by vote, the phases, and the consent events."""
    spans = _periods(chain)
    days = [d for _, a, b in spans for d in (a, b)]
    days += [p.start for p in phases] + [p.end for p in phases if p.end] + [e.date for e in events]
    if not days:
        days = [chain.mission.start, chain.mission.end or chain.mission.start + timedelta(days=365)]
    lo = start or date(min(days).year, 1, 1)
    hi = end or date(max(days).year + 1, 1, 1)
    if hi <= lo:
        raise InputError("the timeline needs an end after its start", field="end")
    scale = (WIDTH - LEFT - RIGHT) / (hi - lo).days

    def x(day: date) -> float:
        day = min(max(day, lo), hi)
        return round(LEFT + (day - lo).days * scale, 1)

    height = 250
    out = [
        f'<svg id="{escape(element_id)}" class="timeline" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" '
        f'aria-label="{escape(chain.mission.acronym)} timeline">',
        f"<title>{escape(chain.mission.acronym)}: mandates, phases and consent events</title>",
        "<style>text{font:11px sans-serif;fill:#333}.lab{font-weight:bold}</style>",
    ]
    for year in range(lo.year, hi.year + 1):
        tick = date(year, 1, 1)
        if lo <= tick <= hi:
            out.append(
                f'<line x1="{x(tick)}" y1="20" x2="{x(tick)}" y2="215" stroke="#ddd"/>'
                f'<text x="{x(tick)}" y="232" text-anchor="middle">{year}</text>'
            )
    out.append('<text class="lab" x="8" y="58">Mandates</text>')
    for i, (entry, a, b) in enumerate(spans):
        if b < lo or a > hi:
            continue
        y = 40 if i % 2 == 0 else 62
        label = entry.number if entry.number is not None else "?"
        out.append(
            f'<rect class="mandate" x="{x(a)}" y="{y}" width="{max(x(b) - x(a), 1.5)}" height="18" '
            f'fill="{_vote_colour(entry)}" stroke="#fff"><title>res. {label}: to {b} '
            f"({entry.vote.text()})</title></rect>"
            f'<text x="{x(a) + 2}" y="{y + 13}">{label}</text>'
        )
    out.append('<text class="lab" x="8" y="120">Phases</text>')
    for phase in phases:
        right = x(phase.end + timedelta(days=1)) if phase.end else x(hi)
        out.append(
            f'<rect class="phase" x="{x(phase.start)}" y="106" '
            f'width="{max(right - x(phase.start), 3)}" height="20" '
            f'fill="{PHASE_COLOURS[phase.kind]}"><title>{phase.kind.value}: {phase.start} to '
            f"{phase.end or 'open'}</title></rect>"
        )
    out.append('<text class="lab" x="8" y="178">Consent</text>')
    for n, event in enumerate(events, start=1):
        if not lo <= event.date <= hi:
            continue
        colour = "#4e79a7" if event.actor == "UN" else "#e15759"
        y = 152 + (n % 4) * 15
        out.append(
            f'<circle class="event" cx="{x(event.date)}" cy="{y}" r="5" fill="{colour}">'
            f"<title>{escape(event.when())}: {escape(event.title)}</title></circle>"
            f'<text x="{x(event.date) + 6}" y="{y + 4}">{n}</text>'
        )
    legend = [
        (UNANIMOUS, "unanimous"),
        (CONTESTED, "contested"),
        (UNKNOWN, "vote unknown"),
        ("#e15759", "host state"),
        ("#4e79a7", "UN action"),
    ]
    lx = LEFT
    for colour, text in legend:
        out.append(
            f'<rect x="{lx}" y="4" width="10" height="10" fill="{colour}"/>'
            f'<text x="{lx + 14}" y="13">{text}</text>'
        )
        lx += 110
    out.append("</svg>")
    return "".join(out)


CSS = """
body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;color:#222;line-height:1.45}
h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;width:100%;font-size:.9em;margin:.6em 0}
th,td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f4f4f4}.contested{background:#fff6d5}.small{font-size:.8em;color:#555}
.adopted{color:#2b7a2b;font-weight:bold}.vetoed{color:#b00;font-weight:bold}
.failed{color:#a60;font-weight:bold}figure{margin:1em 0}
table.events td:last-child{font-size:.75em;word-break:break-all;width:30%}
table.events td:nth-child(5){width:40%}td:nth-child(2){white-space:nowrap}
"""


def _vote_cell(entry: MandateResolution) -> str:
    text = entry.vote.text()
    if entry.vote.abstainers:
        text += f" (abstaining: {', '.join(entry.vote.abstainers)})"
    return text


def _chain_rows(case: MinusmaCase) -> list[list[str]]:
    rows = []
    for e in case.chain.entries:
        rows.append(
            [
                str(e.number or "?"),
                str(e.date or ""),
                e.action.value,
                str(e.mandate_end or ""),
                f"{e.military:,}" if e.military else "",
                f"{e.police:,}" if e.police else "",
                _vote_cell(e),
            ]
        )
    return rows


CHAIN_HEAD = ["Res.", "Adopted", "Action", "Mandate to", "Military", "Police", "Vote"]
EVENT_HEAD = ["#", "Date", "Kind", "Actor", "Event", "Source"]
REPLAY_HEAD = ["Vote pattern", "Tally", "Outcome"]


def _event_rows(case: MinusmaCase) -> list[list[str]]:
    return [
        [
            str(n),
            e.when(),
            e.kind.value,
            e.actor,
            f"{e.title}. {e.detail[:1].upper()}{e.detail[1:]}",
            e.source,
        ]
        for n, e in enumerate(case.events, start=1)
    ]


def _html_table(
    head: list[str],
    rows: list[list[str]],
    *,
    classes: list[str] | None = None,
    table_class: str = "",
) -> str:
    cls = f' class="{table_class}"' if table_class else ""
    out = [
        f"<table{cls}><thead><tr>",
        *(f"<th>{escape(h)}</th>" for h in head),
        "</tr></thead><tbody>",
    ]
    for i, row in enumerate(rows):
        cls = f' class="{classes[i]}"' if classes and classes[i] else ""
        out.append(f"<tr{cls}>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _summary(case: MinusmaCase) -> list[str]:
    lines = []
    m = case.chain.mission
    lines.append(
        f"{m.name} ({m.acronym}), established by res. {m.established_by} on {m.start}; "
        f"ended by res. {m.terminated_by}."
    )
    if case.abstentions_2022 is not None and case.abstentions_2022.vote.known:
        t = case.abstentions_2022.vote
        lines.append(
            f"Every renewal was unanimous except res. {case.abstentions_2022.number} "
            f"({case.abstentions_2022.date}): {t.text()}, with "
            f"{', '.join(t.abstainers) or 'no'} abstaining."
        )
    else:
        lines.append("Votes are unknown: build the record (`unsc record build`) to show them.")
    d = case.decision.decision
    match = case.replay_matches_record
    lines.append(
        f"On {DECISION_DATE} the Council ended the mandate: "
        f"the rules engine replays res. 2690 as {d.outcome.value} {d.tally}"
        + (
            " (the record agrees)."
            if match
            else " (the record differs)."
            if match is False
            else " (no record to compare)."
        )
    )
    lines.append(
        "Had no resolution been adopted, the mandate-lapse rule says: "
        f"{case.without_decision.state.value} on {case.without_decision.on} "
        f"({case.without_decision.note})."
    )
    return lines


def case_html(case: MinusmaCase) -> str:
    """The MINUSMA case as one self-contained HTML page."""
    chain_classes = ["contested" if e.vote.unanimous is False else "" for e in case.chain.entries]
    options = []
    for a in case.options:
        o = a.option
        conflict = (
            f"<p>Keeps uniformed units: contradicts the host's request of "
            f"{escape(a.conflicts_with_host.when())} ({escape(a.conflicts_with_host.title)}).</p>"
            if a.conflicts_with_host
            else "<p>Withdraws the uniformed units: consistent with the host's request.</p>"
        )
        forecast = (
            f"<p>Forecast probability of adoption: {a.forecast:.0%}</p>"
            if a.forecast is not None
            else ""
        )
        replays = [
            [r.label, r.decision.tally, r.decision.outcome.value + ": " + r.decision.explanation]
            for r in a.replays
        ]
        options.append(
            f"<h3>Option {o.number}: {escape(o.title)}</h3><p>{escape(o.summary)} "
            f"(military ceiling {o.military_ceiling:,}, police {o.police_ceiling:,}).</p>"
            f"<p><b>Needed to pass:</b> {escape(a.needed)}.</p>{conflict}{forecast}"
            + _html_table(REPLAY_HEAD, replays)
            + f'<p class="small">Source: {escape(o.source)}</p>'
        )
    phases = [[p.kind.value, str(p.start), str(p.end or "open"), p.source] for p in case.phases]
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<title>MINUSMA: the mandate, the consent and the end</title>"
        f"<style>{CSS}</style></head><body>"
        "<h1>MINUSMA: the mandate, the consent and the end</h1>"
        + "".join(f"<p>{escape(line)}</p>" for line in _summary(case))
        + "<h2>Timeline</h2><figure>"
        + timeline_svg(case.chain, case.phases, case.events, end=date(2025, 1, 1))
        + "<figcaption class='small'>Mandate periods coloured by vote; phases; consent events "
        "numbered as in the table below.</figcaption></figure><figure>"
        + timeline_svg(
            case.chain,
            case.phases,
            case.events,
            start=date(2022, 1, 1),
            end=date(2024, 3, 1),
            element_id="timeline-2022",
        )
        + "<figcaption class='small'>January 2022 to February 2024 in detail.</figcaption>"
        "</figure>"
        "<h2>Mandate chain</h2>"
        + _html_table(CHAIN_HEAD, _chain_rows(case), classes=chain_classes)
        + f"<p class='small'>Votes: {escape(case.chain.votes_from)}.</p>"
        "<h2>Phases</h2>"
        + _html_table(["Phase", "From", "To", "Source"], phases)
        + "<h2>Host-state consent</h2>"
        + _html_table(EVENT_HEAD, _event_rows(case), table_class="events")
        + "<h2>The options of January 2023 (S/2023/36) as draft scenarios</h2>"
        + "".join(options)
        + "<p class='small'>Generated by unsc from its curated data (each row cites its "
        "source) and the record database.</p></body></html>"
    )


def _md_table(head: list[str], rows: list[list[str]]) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def case_markdown(case: MinusmaCase) -> str:
    """The MINUSMA case as Markdown (tables; the timeline as a dated list)."""
    parts = ["# MINUSMA: the mandate, the consent and the end", ""]
    parts += [line + "\n" for line in _summary(case)]
    parts += ["## Mandate chain", "", _md_table(CHAIN_HEAD, _chain_rows(case)), ""]
    parts += [f"Votes: {case.chain.votes_from}.", ""]
    parts += ["## Timeline", ""]
    items = [(p.start, f"phase **{p.kind.value}** begins") for p in case.phases]
    items += [(e.date, f"{e.title} ({e.kind.value})") for e in case.events]
    items += [
        (e.date, f"res. {e.number} adopted ({e.vote.text()})")
        for e in case.chain.entries
        if e.date is not None
    ]
    parts += [f"- {day}: {text}" for day, text in sorted(items, key=lambda t: t[0])]
    parts += ["", "## Host-state consent", "", _md_table(EVENT_HEAD, _event_rows(case)), ""]
    parts += ["## The options of January 2023 (S/2023/36) as draft scenarios", ""]
    for a in case.options:
        o = a.option
        parts += [f"### Option {o.number}: {o.title}", "", f"{o.summary}.", ""]
        parts += [f"Needed to pass: {a.needed}.", ""]
        if a.conflicts_with_host:
            parts += [f"Contradicts the host's request of {a.conflicts_with_host.when()}.", ""]
        if a.forecast is not None:
            parts += [f"Forecast probability of adoption: {a.forecast:.0%}", ""]
        rows = [[r.label, r.decision.tally, r.decision.outcome.value] for r in a.replays]
        parts += [_md_table(REPLAY_HEAD, rows), "", f"Source: {o.source}", ""]
    return "\n".join(parts)


def write_case(case: MinusmaCase, path: Path) -> Path:
    """Write the case as HTML (``.html``/``.htm``) or Markdown (``.md``) by the file's suffix."""
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        text = case_html(case)
    elif suffix == ".md":
        text = case_markdown(case)
    else:
        raise InputError(f"out: {path.name} must end in .html or .md", field="out")
    path.write_text(text, encoding="utf-8")
    return path
