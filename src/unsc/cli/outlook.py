"""``unsc outlook --month YYYY-MM``: the mandates that run out, and what the Council will do.

A thin layer over :func:`unsc.outlook.build_outlook`; ``--json`` prints the same fields as the
API route ``/api/outlook/YYYY-MM``.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import closing
from pathlib import Path
from typing import Annotated, Any

import typer

from unsc.cli._output import console, print_json, print_table, user_errors
from unsc.types import parse_date

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="Record database (default: $UNSC_DB, else the user data dir)."),
]


def _print(data: Mapping[str, Any]) -> None:
    out = console()
    out.print(
        f"Outlook {data['month']} and the month after, as of {data['as_of']} "
        f"(vote model {data['model_id']} trained through {data['trained_through']}; course model "
        f"on {data['course_model']['trained_on']} mandate ends)"
    )
    if not data["mandates"]:
        out.print("no mandate known to end in the window")
    for m in data["mandates"]:
        out.print("")
        out.print(
            f"{m['mission']} ({m['name']}): mandate ends {m['ends']}; set by res. "
            f"{m['set_by']['number']} ({m['set_by']['vote']}); host {m['host_position']}"
        )
        out.print(f"  history: {m['history']['summary']}")
        courses = "   ".join(f"{c} {p:.2f}" for c, p in m["courses"].items())
        out.print(f"  courses: {courses}")
        v = m["vote"]
        if v:
            abstain = ", ".join(f"{c} {p:.2f}" for c, p in v["likely_abstain"].items()) or "none"
            against = ", ".join(f"{c} {p:.2f}" for c, p in v["likely_no"].items()) or "none"
            out.print(
                f"  vote on '{v['course']}': adopted {v['adopted']:.3f}, vetoed "
                f"{v['vetoed']:.3f}, contested {v['contested']:.2f}; likely to abstain: "
                f"{abstain}; likely to vote no: {against}"
            )
        if m["pivotal"]:
            out.print("  pivotal: " + ", ".join(p["member"] for p in m["pivotal"]))
    if data["veto_warnings"]:
        rows = [
            {
                "agenda item": w["agenda"][:70],
                "last vote": str(w["last_vote"]),
                "P(vetoed)": f"{w['vetoed']:.2f}",
                "by": ", ".join(f"{c} {p:.2f}" for c, p in w["veto_by"].items()),
            }
            for w in data["veto_warnings"]
        ]
        print_table(
            rows, title=f"Other items: veto warnings (P >= {data['veto_warning_threshold']})"
        )


def outlook_command(
    month: Annotated[str, typer.Option("--month", help="The month, YYYY-MM.")],
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="What is known: the day (default: before the month)."),
    ] = None,
    chart: Annotated[
        Path | None, typer.Option("--chart", help="Write the courses chart (.svg).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    db: DbOption = None,
) -> None:
    """Every mandate ending in the month and the next: host position, courses, expected vote."""
    from unsc.errors import InputError
    from unsc.outlook import build_outlook
    from unsc.outlook.chart import courses_chart
    from unsc.record.db import connect

    with user_errors():
        if chart is not None and chart.suffix.lower() != ".svg":
            raise InputError("the chart must be an .svg file", field="chart")
        with closing(connect(db)) as conn:
            outlook = build_outlook(
                conn, month, parse_date(as_of, "as_of", label="--as-of") if as_of else None
            )
        data = outlook.to_dict()
        if chart is not None:
            chart.parent.mkdir(parents=True, exist_ok=True)
            chart.write_text(str(courses_chart(outlook)), encoding="utf-8")
    if as_json:
        print_json(data)
    else:
        _print(data)


def register(app: typer.Typer) -> None:
    app.command("outlook")(outlook_command)
