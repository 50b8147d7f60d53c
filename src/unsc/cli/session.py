"""``unsc session``: create a live Council session and print its links; show or export one."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from unsc.cli._output import print_json, user_errors

if TYPE_CHECKING:
    from unsc.sessions import SessionStore

DatabaseOption = Annotated[
    str | None,
    typer.Option(
        help="Session database: postgresql://... or a SQLite file (default: $UNSC_SESSIONS_DB, "
        "else sessions.sqlite beside the record database, as `unsc serve` uses)."
    ),
]
DbOption = Annotated[
    Path | None, typer.Option(help="Record database (its folder holds the default sessions file).")
]


def _store(database: str | None, db: Path | None) -> SessionStore:
    from unsc.record.db import default_db_path
    from unsc.sessions import SessionStore
    from unsc.sessions.engine import database_url

    return SessionStore(database_url(database, default_db_path(db)), pool_size=1)


def create_command(
    council: Annotated[
        str, typer.Option(help="A date YYYY-MM-DD (that day's Council) or a preset.")
    ],
    title: Annotated[str, typer.Option(help="The session's title.")],
    agenda: Annotated[str, typer.Option(help="The agenda item.")] = "",
    members: Annotated[
        str | None, typer.Option(help="Custom delegations, comma-separated codes.")
    ] = None,
    base_url: Annotated[
        str, typer.Option("--base-url", help="Where `unsc serve` is reached, for the links.")
    ] = "http://127.0.0.1:8000",
    database: DatabaseOption = None,
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Create a session and print its links: the chair's, the projector's, one per delegation.

    The links are shown only now: the database keeps only a hash of each secret.
    """
    with user_errors():
        store = _store(database, db)
        codes = [m for m in (members or "").split(",") if m.strip()] or None
        created = store.create(council, title, agenda, codes)
        store.close()
    page = f"{base_url.rstrip('/')}/sessions/{created.id}"
    links: dict[str, Any] = {
        "chair": f"{page}#{created.chair_token}",
        "projector": f"{page}#{created.projector_token}",
        "delegations": {c: f"{page}#{t}" for c, t in created.delegations.items()},
    }
    if as_json:
        print_json(
            {
                "id": created.id,
                "chair_token": created.chair_token,
                "projector_token": created.projector_token,
                "delegations": created.delegations,
                "links": links,
            }
        )
        return
    out = sys.stdout
    out.write(f"session {created.id}: {title}\n")
    out.write(f"chair      {links['chair']}\n")
    out.write(f"projector  {links['projector']}\n")
    for code, link in links["delegations"].items():
        out.write(f"{code:<10} {link}\n")


def export_command(
    session_id: Annotated[str, typer.Argument(help="The session's id.")],
    as_csv: Annotated[
        bool, typer.Option("--csv", help="CSV (the columns of `unsc votes`).")
    ] = False,
    database: DatabaseOption = None,
    db: DbOption = None,
) -> None:
    """Print a session's closed questions in the record's shape (JSON drafts, or CSV votes)."""
    from unsc.sessions import export_csv, export_drafts

    with user_errors():
        store = _store(database, db)
        state = store.state(session_id)
        store.close()
    if as_csv:
        sys.stdout.write(export_csv(state))
    else:
        print_json(export_drafts(state))


def load_command(
    votes: Annotated[
        Path,
        typer.Argument(
            help="A session's export (JSON or CSV, from `unsc session export`), or any file "
            "of votes in the record's shape."
        ),
    ],
    db: Annotated[
        Path,
        typer.Option(
            "--db", help="The database to write (replaced whole; never the built record)."
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Write a session's votes as a record database, for `unsc draft`, `votes`, `stats`...

    Questions without a symbol are named Q1, Q2... (`unsc draft Q1 --db FILE`). The write is
    atomic: a bad file leaves the previous database as it was.
    """
    from unsc.sessions.load import load_votes

    with user_errors():
        report = load_votes(votes, db)
    if as_json:
        print_json(report.to_dict())
        return

    def counted(n: int, word: str) -> str:
        return f"{n} {word}" if n == 1 else f"{n} {word}s"

    outcomes = ", ".join(f"{n} {o}" for o, n in sorted(report.outcomes.items()))
    sys.stdout.write(
        f"loaded {counted(report.questions, 'question')} ({outcomes}), "
        f"{counted(report.votes, 'member vote')} of {counted(len(report.members), 'member')} "
        f"into {report.db}\n"
    )


def register(app: typer.Typer) -> None:
    session_app = typer.Typer(
        help="Live Council sessions: create one, export its votes, load them for queries."
    )
    session_app.command("create")(create_command)
    session_app.command("export")(export_command)
    session_app.command("load")(load_command)
    app.add_typer(session_app, name="session")
