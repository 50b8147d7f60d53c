"""``unsc record verify``: replay every recorded vote through the rules engine; ``unsc record
audit``: compare the record with an independent reference file."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import Annotated

import typer

from unsc.cli._output import console, print_json, print_table, user_errors
from unsc.record.db import connect
from unsc.record.verify import VerifyReport, verify


def _show(report: VerifyReport, *, all_exceptions: bool) -> None:
    from rich.text import Text

    out = console()
    out.print(
        Text(
            f"{report.drafts} questions put to the vote; {report.checked} replayed, "
            f"{report.agreed} agree with the record; {len(report.exceptions)} exceptions, "
            f"{len(report.unexplained)} unexplained"
        )
    )
    summary = [{"reason": reason, **counts} for reason, counts in report.by_reason().items()]
    if summary:
        print_table(summary, ("reason", "count", "explained"), title="Exceptions by reason")
        for row in summary:
            out.print(Text.assemble((f"{row['reason']}: ", "bold"), str(row["description"])))
    shown = report.exceptions if all_exceptions else report.unexplained
    if shown:
        print_table(
            [e.to_dict() for e in shown],
            ("date", "symbol", "reason", "explained", "recorded", "engine", "detail"),
            title="All exceptions" if all_exceptions else "Unexplained exceptions",
        )


def verify_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    all_exceptions: Annotated[
        bool, typer.Option("--all", help="List every exception, not only unexplained ones.")
    ] = False,
    db: Annotated[
        Path | None,
        typer.Option("--db", help="Record database (default: $UNSC_DB, else the user data dir)."),
    ] = None,
) -> None:
    """Replay every vote through the rules engine; exit 1 if an exception is unexplained."""
    with user_errors(), closing(connect(db)) as conn:
        report = verify(conn)
    if as_json:
        print_json(report.to_dict())
    else:
        _show(report, all_exceptions=all_exceptions)
    if not report.ok:
        raise typer.Exit(code=1)


def audit_command(
    reference: Annotated[
        Path,
        typer.Option(
            "--reference",
            help="Reference CSV (subject,field,value,source,note), e.g. tests/data/*.csv.",
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    db: Annotated[
        Path | None,
        typer.Option("--db", help="Record database (default: $UNSC_DB, else the user data dir)."),
    ] = None,
) -> None:
    """Compare the record with an independent reference: agreement per field, disagreements."""
    from unsc.record.audit import audit

    with user_errors(), closing(connect(db)) as conn:
        report = audit(conn, reference)
    if as_json:
        print_json(report.to_dict())
        return
    from rich.text import Text

    out = console()
    out.print(
        Text(
            f"{report.facts} facts in {reference}; "
            f"{sum(f.agree for f in report.fields)} agree with the record; "
            f"{len(report.disagreements)} disagree ({len(report.unexplained)} without a note)"
            + (
                f"; not compared, after the record's end: {', '.join(report.outside)}"
                if report.outside
                else ""
            )
        )
    )
    print_table(
        [
            {
                "field": f.field,
                "facts": f.facts,
                "agree": f.agree,
                "agreement": f"{f.rate:.1%}",
                "missing": f.missing,
                "contradicted": f.contradicted,
                "where held": f"{f.held_rate:.1%}",
            }
            for f in report.fields
        ],
        ("field", "facts", "agree", "agreement", "missing", "contradicted", "where held"),
        title="Agreement by field",
    )
    if report.disagreements:
        print_table(
            [d.to_dict() for d in report.disagreements],
            ("line", "subject", "field", "reference", "record", "note"),
            title="Disagreements",
        )


def register_verify(record_app: typer.Typer) -> None:
    """Add ``verify`` and ``audit`` to the ``unsc record`` group."""
    record_app.command("verify")(verify_command)
    record_app.command("audit")(audit_command)
