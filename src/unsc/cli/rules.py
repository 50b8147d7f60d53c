"""``unsc decide``, ``unsc council``, ``unsc presets`` and ``unsc demo``."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from unsc import types
from unsc.cli._output import print_json, print_table, user_errors
from unsc.council import council_presets
from unsc.errors import InputError
from unsc.membership import members_on
from unsc.presidency import president_on
from unsc.rules import Decision
from unsc.rules.council_vote import decide

MATTERS = "substantive|procedural|amendment|preliminary"


def parse_date(value: str, field: str = "date") -> date:
    """Parse YYYY-MM-DD; the error names the command-line option (``--date``)."""
    return types.parse_date(value, field, label=f"--{field}")


def _split(value: str | None) -> list[str]:
    return [v for v in (value or "").split(",") if v.strip()]


def _show_decision(decision: Decision) -> None:
    """The decision in plain lines; the first in the outcome's colour (click, not Rich: it
    keeps ``unsc decide`` quick to start)."""
    colour = {"adopted": "green", "vetoed": "red", "failed": "yellow"}[decision.outcome.value]
    typer.secho(decision.explanation, fg=colour, bold=True)
    typer.echo(
        f"{decision.yes} yes, {decision.no} no, {decision.abstain} abstaining, "
        f"{decision.not_voting} not voting, {decision.absent} absent "
        f"({decision.matter.value} matter, council {decision.council})"
    )
    for note in decision.notes:
        typer.echo(f"  note: {note}")


def decide_command(
    date_: Annotated[
        str | None, typer.Option("--date", help="Meeting date YYYY-MM-DD (sets the members).")
    ] = None,
    matter: Annotated[str, typer.Option(help=MATTERS)] = "substantive",
    no: Annotated[str | None, typer.Option(help="Members voting no, e.g. RUS,CHN.")] = None,
    abstain: Annotated[str | None, typer.Option(help="Members abstaining.")] = None,
    not_voting: Annotated[
        str | None, typer.Option("--not-voting", help="Members present but not voting.")
    ] = None,
    absent: Annotated[str | None, typer.Option(help="Members absent.")] = None,
    council: Annotated[
        str | None,
        typer.Option(help="Council preset (see `unsc presets`); without --date, name seats."),
    ] = None,
    strict: Annotated[
        bool, typer.Option(help="Charter-strict: parties to a dispute must abstain (Art. 27(3)).")
    ] = False,
    parties: Annotated[
        str | None, typer.Option(help="Parties to the dispute, for --strict.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Decide a vote: adopted, vetoed or failed, and why. Every member not named voted yes."""
    with user_errors():
        for field, value in (
            ("no", no),
            ("abstain", abstain),
            ("not-voting", not_voting),
            ("absent", absent),
            ("parties", parties),
        ):
            if value is not None and not _split(value):
                raise InputError(f"--{field}: {value!r} names no member, e.g. RUS,CHN", field=field)
        if parties is not None and not strict:
            raise InputError("--parties goes with --strict", field="parties")
        decision = decide(
            council,
            on=None if date_ is None else parse_date(date_),
            no=no,
            abstain=abstain,
            not_voting=not_voting,
            absent=absent,
            matter=matter,
            strict=strict,
            parties=parties,
        )
    if as_json:
        print_json(decision.to_dict())
    else:
        _show_decision(decision)


def council_data(on: date) -> dict[str, object]:
    """The members on a date and the president of that month (the `council` command's JSON)."""
    members = members_on(on)
    president = president_on(on)
    return {
        "date": on.isoformat(),
        "size": len(members),
        "president": president.to_dict(),
        "members": [m.to_dict() for m in members],
    }


def council_command(
    date_: Annotated[str, typer.Option("--date", help="Date YYYY-MM-DD.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the members on a date and the president that month (rule 18)."""
    with user_errors():
        data = council_data(parse_date(date_))
    if as_json:
        print_json(data)
        return
    president = data["president"]
    assert isinstance(president, dict)
    members = data["members"]
    assert isinstance(members, list)
    print_table(
        [
            {
                "code": m["code"],
                "name": m["name"],
                "seat": "permanent" if m["permanent"] else "elected",
                "president": "president" if m["code"] == president["code"] else "",
            }
            for m in members
        ],
        title=f"The Security Council on {data['date']}",
    )


def presets_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the Council configurations (the real Councils and reform proposals)."""
    presets = council_presets()
    if as_json:
        print_json([p.to_dict() for p in presets.values()])
        return
    print_table(
        [
            {
                "id": p.id,
                "seats": p.size,
                "veto seats": len(p.veto_seats),
                "quota": p.quota,
                "veto needs": p.veto_threshold,
                "quota published": "yes" if p.quota_published else "no (assumed)",
                "name": p.name,
            }
            for p in presets.values()
        ]
    )


def demo_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Replay landmark votes through the rules engine, each with its source.

    The cases are data (``unsc/data/cases.toml``); the exit status is 1 if the engine
    disagrees with the record on any of them."""
    from unsc.rules.historical import disagreements, historical_cases, replay

    results = [(case, replay(case)) for case in historical_cases()]
    failures = sum(1 for case, decision in results if disagreements(case, decision))
    if as_json:
        print_json(
            [
                {
                    "name": case.name,
                    "date": case.on.isoformat(),
                    "source": case.source,
                    "expect": case.expect.value,
                    "disagreements": disagreements(case, decision),
                    "decision": decision.to_dict(),
                }
                for case, decision in results
            ]
        )
    else:
        for case, decision in results:
            typer.secho(f"{case.name} ({case.on})", bold=True)
            _show_decision(decision)
            typer.echo(f"  source: {case.source}")
            for problem in disagreements(case, decision):
                typer.secho(f"  disagrees with the record: {problem}", fg="red")
            typer.echo()
        typer.echo(
            f"{len(results) - failures} of {len(results)} agree with the record. "
            f"Presets: {', '.join(council_presets())}; try `unsc decide --help`."
        )
    if failures:
        raise typer.Exit(code=1)


def register(app: typer.Typer) -> None:
    app.command("decide")(decide_command)
    app.command("council")(council_command)
    app.command("presets")(presets_command)
    app.command("demo")(demo_command)
