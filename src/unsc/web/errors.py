"""One error shape for every error the server answers.

Every error, whether unsc raised it on purpose (:class:`unsc.errors.UnscError`), the request did
not validate, the route does not exist, the client asked too much or the record could not be
read, is answered with the same JSON object::

    {"status": 422, "code": "bad_input", "message": "...", "field": "date"}

``code`` is machine-readable and ``field`` names the bad parameter when there is one. Pages (HTML
representations) get the same facts as an HTML page. Bad input is never a 500: a 500 means a
bug, and even then the answer is a whole response on a connection that stays usable.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from unsc import jsonenc
from unsc.errors import InputError, NotFoundError, RecordError, UnscError
from unsc.web.limits import Busy, TimedOut

log = logging.getLogger(__name__)


class ApiError(BaseModel):
    """The body of every error response."""

    status: int
    code: str
    message: str
    field: str | None = None


def _doc(description: str) -> dict[str, Any]:
    return {"model": ApiError, "description": description}


#: The error responses documented on every API route (OpenAPI ``responses``).
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: _doc("Not found: no such resolution, draft, member, mission or route"),
    422: _doc("Bad input: the message names the parameter"),
    500: _doc("A bug in unsc (bad input never gives one)"),
    503: _doc("The record database is missing or unreadable, or the server is overloaded"),
}

#: Routes whose work is expensive may also refuse for size or load.
EXPENSIVE_RESPONSES: dict[int | str, dict[str, Any]] = {
    **ERROR_RESPONSES,
    413: _doc("The request asks for more than one request may (the message names the limit)"),
    429: _doc("This client has too many expensive requests under way (see Retry-After)"),
}

_HTTP_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "too_large",
    415: "unsupported_media_type",
    422: "bad_input",
    429: "too_many_requests",
}


class TooLarge(InputError):
    """A request bigger than a limit (body size, number of items): answered 413."""

    code = "too_large"


def error_for(exc: BaseException) -> ApiError:
    """The status, code, message and field for any failure of a request."""
    if isinstance(exc, UnscError):
        field = getattr(exc, "field", None)
        if isinstance(exc, NotFoundError):
            # A missing record database is the server's state, not the client's mistake.
            if field == "db":
                return ApiError(status=503, code="no_record", message=str(exc), field=None)
            return ApiError(status=404, code=exc.code, message=str(exc), field=field)
        if isinstance(exc, TooLarge):
            return ApiError(status=413, code=exc.code, message=str(exc), field=field)
        if isinstance(exc, RecordError):
            # the record file is not a record (truncated, overwritten): the server's state
            return ApiError(status=503, code="record_unreadable", message=str(exc), field=None)
        return ApiError(status=422, code=exc.code, message=str(exc), field=field)
    if isinstance(exc, sqlite3.DatabaseError):
        # A file truncated or overwritten while it is served: the server's state (503), which
        # ends when the file is whole again (connections are reopened on the file's stamp).
        return ApiError(
            status=503,
            code="record_unreadable",
            message=f"the record database cannot be read ({exc}); rebuild it with "
            "`unsc record build`",
        )
    if isinstance(exc, Busy):
        return ApiError(status=429, code="too_many_requests", message=str(exc))
    if isinstance(exc, TimedOut):
        return ApiError(status=503, code="timeout", message=str(exc))
    if isinstance(exc, RequestValidationError):
        return _validation_error(exc)
    log.error("unhandled error", exc_info=exc)
    return ApiError(status=500, code="internal_error", message="internal error: a bug in unsc")


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


def wants_html(request: Request) -> bool:
    """Whether an error on this request is shown as a page: the representation the handler
    chose, else by path (``/api/``, ``/openapi``, ``.json`` are JSON)."""
    chosen = getattr(request.state, "representation", None)
    if chosen is not None:
        return bool(chosen == "html")
    path = request.url.path
    return not (path.startswith(("/api/", "/openapi")) or path.endswith(".json"))


def json_error(error: ApiError, headers: dict[str, str] | None = None) -> Response:
    body = jsonenc.encode(error.model_dump())
    response = Response(body, status_code=error.status, media_type="application/json")
    if error.status == 429:
        response.headers["retry-after"] = "1"
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def render(request: Request, error: ApiError, headers: dict[str, str] | None = None) -> Response:
    """The error as JSON for the API, as a page elsewhere."""
    if wants_html(request):
        from unsc.web.pages import render_error  # pages import this module

        response = render_error(request, error)
        for name, value in (headers or {}).items():
            response.headers[name] = value
        return response
    return json_error(error, headers)


def install(app: FastAPI) -> None:
    """Register the handlers that give every error the one shape."""

    async def on_error(request: Request, exc: Exception) -> Response:
        return render(request, error_for(exc))

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        message = str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page or route at {request.url.path}"
        error = ApiError(status=exc.status_code, code=code, message=message, field=None)
        return render(request, error, dict(exc.headers or {}))

    app.add_exception_handler(UnscError, on_error)
    app.add_exception_handler(RequestValidationError, on_error)
    app.add_exception_handler(sqlite3.DatabaseError, on_error)
    app.add_exception_handler(StarletteHTTPException, on_http)
