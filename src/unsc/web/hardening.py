"""HTTP hardening, as one ASGI middleware in front of the application.

- Security headers on every answer: a content security policy that allows only the server's own
  scripts, styles and images and forbids framing (``frame-ancestors 'none'``, and
  ``X-Frame-Options: DENY`` for older browsers), ``X-Content-Type-Options: nosniff`` and
  ``Referrer-Policy: no-referrer`` (W3C CSP Level 3; RFC 7034; W3C Referrer Policy).
- ``Cache-Control: no-store`` on every error, so that no cache keeps a 4xx or 5xx.
- ``HEAD`` on every ``GET`` route: answered as the ``GET`` would be, without the body
  (RFC 9110 section 9.3.2).
- No exception escapes to the server: a failure after the answer started is logged and the
  answer ended; before it, a 500 in the one error shape is sent. Either way the connection is
  left usable (an escaping exception makes uvicorn drop it, and the client's next request fails).
"""

from __future__ import annotations

import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from unsc import jsonenc

log = logging.getLogger(__name__)

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
#: The API documentation page: Swagger UI sets inline styles on its elements.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class Hardening:
    """Security headers, ``HEAD``, ``Cache-Control`` on errors, no escaping exception."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}
        csp = DOCS_CSP if scope["path"].startswith("/api/docs") else CSP
        started = False
        finished = False

        async def wrapped(message: Message) -> None:
            nonlocal started, finished
            if message["type"] == "http.response.start":
                started = True
                status = int(message["status"])
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if not (status >= 400 and k.lower() == b"cache-control")
                ]
                headers += SECURITY_HEADERS
                headers.append((b"content-security-policy", csp.encode()))
                if status >= 400:
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            elif message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    finished = True
                if head:
                    message = {**message, "body": b""}
            await send(message)

        try:
            await self.app(scope, receive, wrapped)
        except Exception as exc:
            log.error("unhandled error on %s", scope.get("path"), exc_info=exc)
            if not started:
                body = jsonenc.encode(
                    {
                        "status": 500,
                        "code": "internal_error",
                        "message": "internal error: a bug in unsc",
                        "field": None,
                    }
                )
                await wrapped(
                    {
                        "type": "http.response.start",
                        "status": 500,
                        "headers": [
                            (b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                        ],
                    }
                )
                await wrapped({"type": "http.response.body", "body": body})
            elif not finished:
                await wrapped({"type": "http.response.body", "body": b""})
