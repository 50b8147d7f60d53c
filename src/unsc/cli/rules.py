"""``unsc decide``, ``unsc council``, ``unsc presets`` and ``unsc demo``."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from unsc import types
from unsc.cli._output import console, print_json, print_table, user_errors
from unsc.council import council_presets
from unsc.membership import members_on
from unsc.presidency import president_on
from unsc.rules import Decision, decide_on
from unsc.rules.council_vote import decide

MATTERS = "substantive|procedural|amendment|preliminary"


def parse_date(value: str, field: str = "date") -> date:
    """Parse YYYY-MM-DD; the error names the command-line option (``--date``)."""
    return types.parse_date(value, field, label=f"--{field}")


def _split(value: str | None) -> list[str]:
    return [v for v in (value or "").split(",") if v.strip()]


def _show_decision(decision: Decision) -> None:
    out = console()
    colour = {"adopted": "green", "vetoed": "red", "failed": "yellow"}[decision.outcome.value]
    out.print(f"[bold {colour}]{decision.explanation}[/]")
    out.print(
        f"{decision.yes} yes, {decision.no} no, {decision.abstain} abstaining, "
        f"{decision.not_voting} not voting, {decision.absent} absent "
        f"({decision.matter.value} matter, council {decision.council})"
    )
    for note in decision.notes:
        out.print(f"  note: {note}")


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


def demo_command() -> None:
    """Replay landmark votes through the rules engine (the main job before the record exists)."""
    cases: list[tuple[str, date, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = [
        ("Res. 82 (1950): USSR absent", date(1950, 6, 25), (), ("YUG",), ("SUN",)),
        ("Res. 2640 (2022): MINUSMA renewed", date(2022, 6, 29), (), ("CHN", "RUS"), ()),
        ("Res. 2690 (2023): MINUSMA ended", date(2023, 6, 30), (), (), ()),
        ("S/2023/638: Mali sanctions", date(2023, 8, 30), ("RUS",), ("CHN",), ()),
    ]
    out = console()
    for title, on, no, abstain, absent in cases:
        out.print(f"[bold]{title}[/] ({on})")
        _show_decision(decide_on(on, no=no, abstain=abstain, absent=absent))
        out.print()
    out.print(f"Presets: {', '.join(council_presets())}; try `unsc decide --help`.")


def register(app: typer.Typer) -> None:
    app.command("decide")(decide_command)
    app.command("council")(council_command)
    app.command("presets")(presets_command)
    app.command("demo")(demo_command)
