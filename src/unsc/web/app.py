"""The ASGI application factory."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from unsc.record.db import default_db_path
from unsc.web import api, errors, pages
from unsc.web.respcache import ResponseCache
from unsc.web.views import Settings

STATIC = Path(__file__).parent / "static"

DESCRIPTION = """\
The UN Security Council as software, over HTTP: decide a vote under the Charter's rules, look up
the Council on any date, resolutions, drafts, vetoes, members' votes, peacekeeping mandates,
voting power and forecasts. Field names are those of the `unsc` command's `--json` output.
Every error has one shape: `{"status", "code", "message", "field"}`.
"""


def create_app(db: Path | None = None) -> FastAPI:
    """Build the application; ``db`` is the record database (default: ``$UNSC_DB`` or the
    user data directory, as for the command line)."""
    app = FastAPI(
        title="unsc",
        version="0.1.0",
        description=DESCRIPTION,
        openapi_url="/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
    )
    app.state.settings = Settings(db=default_db_path(db))
    app.add_middleware(ResponseCache, db=app.state.settings.db)
    errors.install(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(__import__("unsc.web.sessions", fromlist=["router"]).router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
