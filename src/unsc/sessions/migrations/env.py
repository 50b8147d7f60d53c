"""Alembic environment: migrations run on the connection the store hands over (no ini file).

Alembic executes this file while it runs the migrations (:func:`unsc.sessions.engine.migrate`);
imported any other way (a doctest collector, an editor) it does nothing.
"""

from __future__ import annotations

from alembic import context


def run_migrations() -> None:
    connection = context.config.attributes["connection"]
    context.configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


if getattr(context, "config", None) is not None:  # set only while Alembic runs this file
    run_migrations()
