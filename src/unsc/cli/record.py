"""``unsc record``: build the record database, show its discrepancy report, fetch sources.

``make_record_app()`` builds the group (``build``, ``check``, ``fetch``); ``verify`` is added
by :mod:`unsc.cli.record_verify`.
"""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import Annotated

import typer

from unsc.cli._output import console, print_csv, print_json, print_table, user_errors

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="Record database (default: $UNSC_DB, else the user data dir)."),
]


def build_command(
    source: Annotated[
        Path | None,
        typer.Option(
            "--source", help="Source directory (default: $UNSC_SOURCE or ../shared/data)."
        ),
    ] = None,
    db: DbOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the build report as JSON.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar.")] = False,
    allow_shrink: Annotated[
        bool,
        typer.Option(
            "--allow-shrink",
            help="Replace the database even if the new one has fewer resolutions, drafts, "
            "votes or meetings.",
        ),
    ] = False,
) -> None:
    """Build the record from the source files into a new database, then replace the old one.

    Every source file is checked against the source manifest shipped with unsc; a damaged,
    truncated or short file stops the build and the old database is kept as it was."""
    from unsc.record.build import build_record, default_source_dir
    from unsc.record.db import default_db_path

    with user_errors():
        report = build_record(
            default_source_dir(source),
            default_db_path(db),
            progress=not (quiet or as_json),
            allow_shrink=allow_shrink,
        )
    if as_json:
        print_json(report.to_dict())
        return
    out = console()
    drafts = ", ".join(f"{n} {k}" for k, n in sorted(report.drafts.items()))
    out.print(
        f"built {report.db} in {report.seconds:.1f} s: {report.resolutions} resolutions; "
        f"drafts {drafts}; {report.votes} member votes; {report.vetoes} vetoes; "
        f"{report.meetings} meetings; {sum(report.discrepancies.values())} discrepancies "
        "(see `unsc record check`)"
    )


def check_command(
    db: DbOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print every discrepancy as JSON.")
    ] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print every discrepancy as CSV.")] = False,
    kind: Annotated[
        str | None, typer.Option("--kind", help="Only discrepancies of this kind.")
    ] = None,
) -> None:
    """Show where the sources disagree and what the build chose."""
    from unsc.record import check
    from unsc.record.db import connect

    with user_errors(), closing(connect(db)) as conn:
        rows = check.discrepancies(conn, kind)
        counts = check.summary(conn)
    if as_json:
        print_json({"total": len(rows), "by_kind": counts, "discrepancies": rows})
    elif as_csv:
        print_csv(rows, check.COLUMNS)
    else:
        print_table(counts, ("kind", "count"), title="Discrepancies between sources")
        if kind:
            print_table(rows, check.COLUMNS[1:], title=f"Discrepancies: {kind}")


def fetch_command(
    dest: Annotated[
        Path | None, typer.Option("--dest", help="Directory to download into (a source dir).")
    ] = None,
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="Fetch from this server instead of the UN's.")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print what was fetched as JSON.")
    ] = False,
) -> None:
    """Download the official UN files (Voting Data, meetings tables, veto list)."""
    from unsc.record.build import default_source_dir
    from unsc.record.fetch import fetch

    with user_errors():
        report = fetch(default_source_dir(dest), base_url=base_url, progress=not as_json)
    if as_json:
        print_json(report.to_dict())
    else:
        console().print(f"fetched {len(report.files)} files into {report.dest}")


def make_record_app() -> typer.Typer:
    """The ``unsc record`` group with ``build``, ``check`` and ``fetch``."""
    record_app = typer.Typer(
        name="record",
        help="The record database: build it from the sources, check, fetch.",
        no_args_is_help=True,
    )
    record_app.command("build")(build_command)
    record_app.command("check")(check_command)
    record_app.command("fetch")(fetch_command)
    return record_app


def register(app: typer.Typer) -> None:
    app.add_typer(make_record_app(), name="record")
