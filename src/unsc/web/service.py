"""The server's own routes: liveness, readiness and warm-up, the API documentation page, and
``POST /api/forecast`` (the one resource with a request body).

``/healthz`` answers 200 as soon as the process serves. ``/readyz`` answers 503 until the
warm-up has run (imports, the record connection, the presets, the power comparison, the MINUSMA
case, the pages' templates) and 200 after, so that a load balancer sends no client to a cold
server. The documentation page loads Swagger UI from the files that the ``swagger-ui-py``
package ships, served here under ``/api/docs/assets/``: no request leaves the server.
"""

from __future__ import annotations

import importlib.util
import logging
import time
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from unsc import jsonenc
from unsc.errors import InputError
from unsc.web import forecasts, pages
from unsc.web.errors import EXPENSIVE_RESPONSES, TooLarge, error_for, render
from unsc.web.limits import FORECAST_TIME_LIMIT, MAX_BODY
from unsc.web.resources import Server, server
from unsc.web.schemas import returned_by

log = logging.getLogger(__name__)
router = APIRouter()


def swagger_ui_assets() -> Path:
    """The directory of Swagger UI's files in the installed ``swagger-ui-py`` package (found
    without importing it)."""
    spec = importlib.util.find_spec("swagger_ui")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the swagger-ui-py package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "static"


@router.get("/healthz", include_in_schema=False)
async def healthz() -> Response:
    """Liveness: the process answers."""
    return Response(b'{"status":"ok"}', media_type="application/json")


@router.get("/readyz", include_in_schema=False)
async def readyz(request: Request) -> Response:
    """Readiness: 200 once the warm-up has run, 503 before."""
    srv = server(request)
    if srv.ready:
        return Response(b'{"status":"ready"}', media_type="application/json")
    return Response(
        b'{"status":"warming up"}',
        status_code=503,
        media_type="application/json",
        headers={"retry-after": "1"},
    )


@router.get("/api/docs", include_in_schema=False)
async def api_docs() -> Response:
    """Swagger UI over ``/openapi.json``, from the package's own files."""
    html = pages.TEMPLATES.env.get_template("api-docs.html").render()
    return HTMLResponse(html)


@router.post(
    "/api/forecast",
    responses={
        200: {
            "description": "The forecast",
            "content": {"application/json": {"schema": returned_by(forecasts.forecast)}},
        },
        **EXPENSIVE_RESPONSES,
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": forecasts.ForecastIn.model_json_schema()}},
        }
    },
    response_class=Response,
    tags=["api"],
)
async def forecast(request: Request) -> Response:
    """Forecast a draft: each member's probability of voting yes, no, abstain or not voting,
    and the probability that the draft is adopted, vetoed (and by whom) or fails, with the
    votes in `assume` taken as known (`unsc forecast --json`). Needs the record; the first
    forecast after a build waits while the model is trained. The body is at most 16 KiB."""
    request.state.representation = "json"
    srv = server(request)
    try:
        declared = request.headers.get("content-length", "")
        if declared.isascii() and declared.isdigit() and int(declared) > MAX_BODY:
            raise TooLarge(f"the request body is over {MAX_BODY} bytes", field="body")
        raw = b""
        async for chunk in request.stream():
            raw += chunk
            if len(raw) > MAX_BODY:
                raise TooLarge(f"the request body is over {MAX_BODY} bytes", field="body")
        try:
            body = forecasts.ForecastIn.model_validate_json(raw or b"null")
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "body"
            raise InputError(f"body {field!r}: {first['msg']}", field=field.split(".")[0]) from None
        client = request.client.host if request.client else "unknown"

        def work() -> bytes:
            return jsonenc.encode(forecasts.forecast(srv.db, body))

        answer = await srv.pool.run(client, work, FORECAST_TIME_LIMIT)
        return Response(answer, media_type="application/json")
    except Exception as exc:
        return render(request, error_for(exc))


WARM_URLS = (
    "/api/presets",
    "/api/council",
    "/api/decide?date=2023-08-30&no=RUS&abstain=CHN",
    "/api/power",
    "/api/minusma",
    "/api/mandates/due",
    "/api/missions",
    "/api/vetoes/summary",
    "/",
    "/simulate",
    "/power",
    "/minusma",
    "/missions",
    "/vetoes",
    "/missions/MINUSMA",
    "/resolutions/2690",
)


async def warm_up(app: object, srv: Server) -> None:
    """Ask the server its commonest questions once, through the app itself, then report ready.

    Imports, the record connection, templates, the library's memoised Council and presets and
    the answers to these questions are all in place before ``/readyz`` says 200.
    """
    import httpx

    start = time.perf_counter()
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://warm-up") as client:
        for url in WARM_URLS:
            try:
                await client.get(url)
            except Exception as exc:  # warming must never stop the server
                log.warning("warm-up of %s failed: %s", url, exc)
    srv.ready = True
    log.info("warm-up done in %.1f s", time.perf_counter() - start)


__all__ = ["router", "swagger_ui_assets", "warm_up"]
