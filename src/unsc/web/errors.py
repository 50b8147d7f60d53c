"""One error shape for every error the HTTP API returns.

Every error, whether unsc raised it on purpose (:class:`unsc.errors.UnscError`), the request did
not validate, or the route does not exist, is answered with the same JSON object::

    {"status": 422, "code": "bad_input", "message": "...", "field": "date"}

``code`` is machine-readable and ``field`` names the bad parameter when there is one. Pages (paths
outside ``/api/``) get the same facts as an HTML page. Bad input is never a 500: a 500 means a bug.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from unsc.errors import InputError, NotFoundError, RecordError, UnscError

log = logging.getLogger(__name__)


class ApiError(BaseModel):
    """The body of every error response."""

    status: int
    code: str
    message: str
    field: str | None = None


#: The error responses documented on every API route (OpenAPI ``responses``).
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"model": ApiError, "description": "Not found: no such resolution, draft, member..."},
    422: {"model": ApiError, "description": "Bad input: the message names the parameter"},
}

#: Routes that read the record database may also answer 503 when it has not been built.
RECORD_RESPONSES: dict[int | str, dict[str, Any]] = {
    **ERROR_RESPONSES,
    503: {"model": ApiError, "description": "The record database is missing or unreadable"},
}

_HTTP_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    415: "unsupported_media_type",
    422: "bad_input",
}


def error_for(exc: UnscError) -> ApiError:
    """The status, code and field for an error unsc raised on purpose."""
    field = getattr(exc, "field", None)
    if isinstance(exc, NotFoundError):
        # A missing record database is the server's state, not the client's mistake.
        if field == "db":
            return ApiError(status=503, code="no_record", message=str(exc), field=None)
        return ApiError(status=404, code=exc.code, message=str(exc), field=field)
    if isinstance(exc, InputError):
        return ApiError(status=422, code=exc.code, message=str(exc), field=field)
    if isinstance(exc, RecordError):
        return ApiError(status=503, code=exc.code, message=str(exc), field=field)
    return ApiError(status=422, code=exc.code, message=str(exc), field=field)


def _validation_error(exc: RequestValidationError) -> ApiError:
    errors = exc.errors()
    first = errors[0] if errors else {}
    loc = [str(p) for p in first.get("loc", ()) if p not in ("query", "path", "body", "header")]
    field = ".".join(loc) or None
    detail = str(first.get("msg", "invalid request"))
    message = f"parameter {field!r}: {detail}" if field else detail
    if len(errors) > 1:
        message += f" (and {len(errors) - 1} more)"
    return ApiError(status=422, code="bad_input", message=message, field=field)


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith(("/api/", "/openapi", "/docs"))


def render(request: Request, error: ApiError) -> Response:
    """The error as JSON under ``/api/``, as a page elsewhere."""
    if _wants_html(request):
        from unsc.web.pages import render_error  # pages import this module

        return render_error(request, error)
    return JSONResponse(error.model_dump(), status_code=error.status)


def install(app: FastAPI) -> None:
    """Register the handlers that give every error the one shape."""

    async def on_unsc(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, UnscError)
        return render(request, error_for(exc))

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return render(request, _validation_error(exc))

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        message = str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page or route at {request.url.path}"
        error = ApiError(status=exc.status_code, code=code, message=message, field=None)
        response = render(request, error)
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    async def on_crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path, exc_info=exc)
        error = ApiError(
            status=500, code="internal_error", message="internal error: this is a bug in unsc"
        )
        return JSONResponse(error.model_dump(), status_code=500)

    app.add_exception_handler(UnscError, on_unsc)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(Exception, on_crash)
