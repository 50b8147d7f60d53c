"""The ``unsc`` command: a thin Typer layer over the library.

Each area registers its commands with an explicit ``register(app)`` call in :func:`build_app`;
nothing is registered at import time.
"""

from __future__ import annotations

import sys

import typer

from unsc.errors import UnscError


def build_app() -> typer.Typer:
    """Assemble the command tree."""
    from unsc.cli import forecast as forecast_cli
    from unsc.cli import missions as missions_cli
    from unsc.cli import outlook as outlook_cli
    from unsc.cli import power as power_cli
    from unsc.cli import queries as queries_cli
    from unsc.cli import record as record_cli
    from unsc.cli import record_verify as record_verify_cli
    from unsc.cli import rules as rules_cli
    from unsc.cli import serve as serve_cli
    from unsc.cli._params import OneLineGroup

    app = typer.Typer(
        cls=OneLineGroup,
        name="unsc",
        help="The UN Security Council as software: rules, record, mandates, forecasts, power.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    rules_cli.register(app)
    record_app = record_cli.make_record_app()
    record_verify_cli.register_verify(record_app)
    app.add_typer(record_app, name="record")
    queries_cli.register(app)
    serve_cli.register(app)
    missions_cli.register(app)
    forecast_cli.register(app)
    outlook_cli.register(app)
    power_cli.register(app)
    __import__("unsc.cli.session", fromlist=["register"]).register(app)
    return app


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``unsc`` command; user errors print one line and exit with status 2."""
    app = build_app()
    try:
        app(args=argv if argv is not None else sys.argv[1:], standalone_mode=True)
    except UnscError as exc:  # pragma: no cover - typer normally exits first
        typer.echo(f"error: {exc}", err=True)
        raise SystemExit(2) from exc
