"""``unsc serve``: the web application and JSON API, served by uvicorn."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from unsc.cli._output import user_errors
from unsc.errors import InputError


def serve_command(
    host: Annotated[
        str, typer.Option(help="Address to bind; the default serves this machine only.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    db: Annotated[
        Path | None,
        typer.Option(help="Record database (default: $UNSC_DB or the user data directory)."),
    ] = None,
    workers: Annotated[int, typer.Option(help="Server processes (more use more CPU cores).")] = 1,
    database: Annotated[
        str | None,
        typer.Option(
            help="Live sessions' database: postgresql://... (several --workers) or a "
            "SQLite file; default sessions.sqlite beside the record database."
        ),
    ] = None,
) -> None:
    """Serve the web pages and the JSON API (documented at /api/docs and /openapi.json)."""
    import uvicorn

    from unsc.record.db import DB_ENV, default_db_path
    from unsc.web import create_app

    with user_errors():
        if not 0 < port < 65536:
            raise InputError(f"--port {port} is not a TCP port (1-65535)", field="port")
        if not 1 <= workers <= 64:
            raise InputError(f"--workers {workers}: give 1 to 64", field="workers")
        where = default_db_path(db)
        if database:  # read by each process's application (unsc.web.sessions)
            os.environ["UNSC_SESSIONS_DB"] = database
        app = create_app(where)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"unsc is serving at http://{shown}:{port}/ (API docs at /api/docs)")
    if not where.is_file():
        typer.echo(
            f"note: no record database at {where}; pages that need it say how to build it "
            "(`unsc record build`)",
            err=True,
        )
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    # Several processes: each builds its own application from the environment.
    os.environ[DB_ENV] = str(where)
    uvicorn.run(
        "unsc.web.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
