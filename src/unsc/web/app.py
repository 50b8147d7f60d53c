"""The ASGI application factory."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles

from unsc import __version__
from unsc.record.db import default_db_path
from unsc.web import api, errors, missions, pages, service, views
from unsc.web.cache import ResponseCache, cache_bytes_from_env
from unsc.web.hardening import Hardening
from unsc.web.limits import WorkerPool
from unsc.web.resources import Dispatch, Server, register

STATIC = Path(__file__).parent / "static"

DESCRIPTION = """\
The UN Security Council as software, over HTTP: decide a vote under the Charter's rules, look up
the Council on any date, resolutions, drafts, vetoes, members' votes, peacekeeping mandates,
voting power and forecasts. Field names are those of the `unsc` command's `--json` output.
Every error has one shape: `{"status", "code", "message", "field"}`. Dates are ISO 8601
`YYYY-MM-DD` and numbers ASCII digits; anything else is refused with 422.
"""


def create_app(db: Path | None = None, *, warm: bool = True) -> FastAPI:
    """Build the application; ``db`` is the record database (default: ``$UNSC_DB`` or the
    user data directory, as for the command line). With ``warm``, the server answers its
    commonest questions once at start-up and ``/readyz`` reports ready after that."""
    srv = Server(
        db=default_db_path(db),
        cache=ResponseCache(cache_bytes_from_env()),
        pool=WorkerPool(),
        today=views.today,
        render_page=pages.render,
        missions_by_resolution=missions.resolution_index(),
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        task = asyncio.create_task(service.warm_up(app, srv)) if warm else None
        if not warm:
            srv.ready = True
        try:
            yield
        finally:
            if task is not None:
                task.cancel()
            srv.pool.shutdown()

    app = FastAPI(
        title="unsc",
        version=__version__,
        description=DESCRIPTION,
        openapi_url="/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.server = srv
    resources = api.resources()
    app.add_middleware(Dispatch, resources=resources)
    app.add_middleware(Hardening)  # added last: outermost
    errors.install(app)
    app.include_router(service.router)
    router = APIRouter()
    register(router, resources)
    app.include_router(router)
    app.mount("/api/docs/assets", StaticFiles(directory=service.swagger_ui_assets()), name="docs")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
