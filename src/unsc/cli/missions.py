"""Peacekeeping commands: `unsc mission`, `unsc mandates due`, `unsc case minusma`.

Thin commands over :mod:`unsc.missions`. Votes come from the record database (``--db``, else
``UNSC_DB``, else the user data dir); when no database exists the commands still run and say
that votes are unknown. An explicit ``--db`` that does not exist is an error.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from unsc.cli._output import console, make_table, print_json, user_errors
from unsc.errors import InputError, NotFoundError
from unsc.record.db import connect
from unsc.types import Vote, parse_date

if TYPE_CHECKING:  # the missions package and Rich load only when a command runs
    from rich.table import Table

    from unsc.missions import case_minusma
    from unsc.missions.options import DraftOption

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="Record database (default: $UNSC_DB, else the user data dir)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]


@contextmanager
def _maybe_record(db: Path | None) -> Iterator[sqlite3.Connection | None]:
    """The record if there is one; without ``--db`` a missing database only loses the votes."""
    try:
        conn = connect(db)
    except NotFoundError:
        if db is not None:
            raise
        typer.echo(
            "note: no record database; votes are unknown (run `unsc record build`)", err=True
        )
        yield None
        return
    try:
        yield conn
    finally:
        conn.close()


def _parse_date(text: str | None) -> date:
    return date.today() if text is None else parse_date(text, "on", label="--on")


def _table(title: str, columns: list[str], rows: list[list[str]]) -> Table:
    return make_table([dict(zip(columns, r, strict=True)) for r in rows], columns, title=title)


def _vote(entry: Mapping[str, object]) -> str:
    text = str(entry["vote"])
    abstainers = entry.get("abstainers") or []
    if isinstance(abstainers, list) and abstainers:
        text += f" (abst. {', '.join(map(str, abstainers))})"
    return text


def show_mission(acronym: str, db: Path | None, as_json: bool) -> None:
    from rich.text import Text

    from unsc.missions import mission_view

    with user_errors(), _maybe_record(db) as conn:
        view = mission_view(acronym, conn)
    if as_json:
        print_json(view)
        return
    out = console()
    m = view["mission"]
    hosts = ", ".join(m["hosts"]) or m["territory"] or "-"
    out.print(Text(f"{m['acronym']}: {m['name']}", style="bold"))
    out.print(
        Text(
            f"hosts {hosts}; {m['start']} to {m['end'] or 'today'}; {m['status']}; "
            f"lineage {' / '.join(m['predecessors']) or '-'}"
            f" -> {' / '.join(m['successors']) or '-'}"
        )
    )
    status = view["mandate_status"]
    out.print(Text(f"mandate today: {status['state']} (end {status['mandate_end'] or '?'})"))
    rows = [
        [
            str(r["number"] or "?"),
            str(r["date"] or ""),
            str(r["action"]),
            str(r["mandate_end"] or ""),
            str(r.get("checked") or ""),
            _vote(r),
            "rollover" if r.get("technical_rollover") else "",
        ]
        for r in view["resolutions"]
    ]
    out.print(
        _table(
            f"Mandate chain ({len(rows)} resolutions; votes: {view['votes_from']})",
            ["Res.", "Adopted", "Action", "Mandate to", "End checked", "Vote", ""],
            rows,
        )
    )
    out.print(
        _table(
            "Phases",
            ["Phase", "From", "To"],
            [[p["kind"], str(p["start"]), str(p["end"] or "open")] for p in view["phases"]],
        )
    )
    host = view["host_position"]
    out.print(
        Text(
            f"host position today: {host['position']}"
            + (" (presumed: no curated event)" if host["assumed"] else f" since {host['since']}")
        )
    )
    if view["consent_events"]:
        out.print(
            _table(
                "Host-state consent",
                ["When", "Kind", "Position", "Actor", "Event", "Source"],
                [
                    [
                        e["when"],
                        e["kind"],
                        e["position"] or "",
                        e["actor"],
                        e["title"],
                        e["source"],
                    ]
                    for e in view["consent_events"]
                ],
            )
        )
    if view["findings"]:
        out.print(Text("Data gaps: " + "; ".join(view["findings"]), style="dim"))


def show_due(
    on: str | None, within: int, db: Path | None, as_json: bool, kind: str | None = None
) -> None:
    from unsc.missions.due import mandates_due

    with user_errors(), _maybe_record(db) as conn:
        calendar = mandates_due(_parse_date(on), within, conn, kind=kind)
    data = calendar.to_dict()
    if as_json:
        print_json(data)
        return
    rows = [
        [
            d.acronym,
            d.mandate_end.isoformat(),
            str(d.days_left),
            f"{d.set_by.number or '?'} ({d.set_by.vote.text()})"
            + (" rollover" if d.rollover else ""),
            d.host.position.value + ("" if d.host.assumed else f" ({d.host.since})"),
            d.history.summary,
        ]
        for d in calendar.due
    ]
    console().print(
        _table(
            f"Mandates ending {calendar.on} to {data['until']}",
            ["Mission", "Ends", "Days", "Set by", "Host", "Renewal history"],
            rows,
        )
    )
    if not data["complete"]:
        typer.echo(
            f"note: the curated mandates run to {calendar.curated_through}; "
            "later renewals may be missing",
            err=True,
        )


def parse_option_positions(values: list[str]) -> dict[int, dict[str, Vote]]:
    """Read ``--assume 1:RUS=no,CHN=abstain`` (repeatable) into votes per option number;
    an option the case does not have is an error."""
    from unsc.missions.options import load_options

    positions: dict[int, dict[str, Vote]] = {}
    for value in values:
        number, sep, rest = value.partition(":")
        if not sep or not number.strip().isascii() or not number.strip().isdigit():
            raise InputError(
                f"--assume {value!r}: write OPTION:CODE=VOTE,... e.g. 1:RUS=no", field="assume"
            )
        option = int(number)
        known = sorted(o.number for o in load_options())
        if option not in known:
            raise InputError(
                f"--assume {value[:60]!r}: there is no option {option}; the options are "
                + ", ".join(map(str, known)),
                field="assume",
            )
        votes = positions.setdefault(option, {})
        for part in rest.split(","):
            code, eq, vote = part.partition("=")
            if not eq or not code.strip():
                raise InputError(f"--assume {value!r}: {part!r} is not CODE=VOTE", field="assume")
            votes[code.strip().upper()] = Vote.parse(vote)
    return positions


FORECAST_AS_OF = date(2023, 6, 16)
"""The model forecasting the options sees only votes before Mali's request of 16 June 2023."""


def show_minusma(
    out_file: Path | None,
    db: Path | None,
    assume: list[str] | None = None,
    forecast: bool = True,
) -> None:
    from unsc.missions import case_minusma
    from unsc.missions.report import write_case

    with user_errors(), _maybe_record(db) as conn:
        if out_file is not None:
            from unsc.cli._params import output_path

            output_path(out_file, "out")
        positions = parse_option_positions(assume or [])
        forecaster = None
        host_forecaster = None
        if forecast and conn is not None:
            from unsc.forecast.cases import host_forecasts, option_forecaster

            record = conn
            forecaster = option_forecaster(conn, positions, as_of=FORECAST_AS_OF)

            def host_forecaster(
                options: tuple[DraftOption, ...], on: date
            ) -> list[case_minusma.HostForecast]:
                return list(host_forecasts(record, options, on))

        case = case_minusma.build_case(conn, forecaster=forecaster, host_forecaster=host_forecaster)
        if out_file is not None:
            write_case(case, out_file)
            typer.echo(f"wrote {out_file}")
            return
    render_case(case, positions)


def render_case(
    case: case_minusma.MinusmaCase, positions: dict[int, dict[str, Vote]] | None = None
) -> None:
    """The MINUSMA story in the terminal."""
    from rich.panel import Panel
    from rich.text import Text

    from unsc.missions.report import _summary

    out = console()
    out.print(Panel(Text("\n".join(_summary(case))), title="MINUSMA (Mali), 2013-2023"))
    rows = [
        [
            str(e.number or "?"),
            str(e.date or ""),
            e.action.value,
            str(e.mandate_end or ""),
            f"{e.military:,}/{e.police:,}" if e.military and e.police else "",
            e.vote.text()
            + (f" (abst. {', '.join(e.vote.abstainers)})" if e.vote.abstainers else ""),
        ]
        for e in case.chain.entries
    ]
    out.print(_table("Mandate chain", ["Res.", "Adopted", "Action", "To", "Mil/Pol", "Vote"], rows))
    out.print(
        _table(
            "Consent timeline",
            ["When", "Kind", "Actor", "Event"],
            [[e.when(), e.kind.value, e.actor, e.title] for e in case.events],
        )
    )
    for a in case.options:
        o = a.option
        lines = [o.summary, f"Needed: {a.needed}."]
        if a.conflicts_with_host:
            lines.append(f"Contradicts the host's request of {a.conflicts_with_host.when()}.")
        if a.forecast is not None:
            assumed = (positions or {}).get(o.number, {})
            given = ", ".join(f"{c} {v.value}" for c, v in sorted(assumed.items()))
            lines.append(
                f"Forecast (model trained on votes before {FORECAST_AS_OF}"
                + (f"; assuming {given}" if given else "; no votes assumed")
                + f"): {a.forecast:.0%} chance of adoption"
            )
        lines += [f"- {r.label}: {r.decision.tally} {r.decision.outcome.value}" for r in a.replays]
        out.print(Panel(Text("\n".join(lines)), title=f"Option {o.number}: {o.title}"))
    if case.host_forecasts:
        lines = []
        for f in case.host_forecasts:
            d = f.to_dict()
            lines.append(
                f"{d['label']} [{d['action']}; host {d['host_position']} as of {d['as_of']}]: "
                f"course {float(str(d['course_probability'])):.2f}, adopted if tabled "
                f"{float(str(d['adopted_if_put_to_vote'])):.2f} -> {d['verdict']}"
            )
            lines.append(f"  why: {d['why']}")
        out.print(
            Panel(
                Text("\n".join(lines)),
                title="Forecasts with Mali's position (models trained only on what was known then)",
            )
        )


def register(app: typer.Typer) -> None:
    """Add `mission`, `mandates due` and `case minusma` to the app."""

    @app.command("mission")
    def mission_cmd(
        acronym: Annotated[
            str, typer.Argument(help="Mission acronym, e.g. MINUSMA or 'UNOSOM II'.")
        ],
        db: DbOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """A peacekeeping mission: its mandate chain with votes, phases and consent events."""
        show_mission(acronym, db, as_json)

    mandates = typer.Typer(help="Peacekeeping mandates.", no_args_is_help=True)

    @mandates.command("due")
    def due_cmd(
        on: Annotated[
            str | None, typer.Option("--on", help="As of this date (default today).")
        ] = None,
        within: Annotated[int, typer.Option("--within", help="Window in days.", min=0)] = 60,
        kind: Annotated[
            str | None,
            typer.Option("--kind", help="Only peacekeeping or political missions."),
        ] = None,
        db: DbOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Mandates ending within a window, with the host's position and renewal history."""
        show_due(on, within, db, as_json, kind)

    case = typer.Typer(help="Worked cases told from the data.", no_args_is_help=True)

    @case.command("minusma")
    def minusma_cmd(
        out: Annotated[
            Path | None, typer.Option("--out", help="Write a report: FILE.html or FILE.md.")
        ] = None,
        db: DbOption = None,
        assume: Annotated[
            list[str] | None,
            typer.Option(
                "--assume",
                help="Votes assumed for an option's draft, OPTION:CODE=VOTE,... (repeatable), "
                "e.g. --assume 1:RUS=no. The model forecasts the other members; it sees the "
                "agenda and the Council, not the option's content.",
            ),
        ] = None,
        forecast: Annotated[
            bool, typer.Option(help="Forecast each option with the vote model (needs the record).")
        ] = True,
    ) -> None:
        """MINUSMA: the mandate chain, the consent timeline, the 2023 options and decision."""
        show_minusma(out, db, assume, forecast)

    app.add_typer(mandates, name="mandates")
    app.add_typer(case, name="case")
