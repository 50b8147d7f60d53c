"""The errors of a session that carry an HTTP status: no credential, wrong role, wrong moment."""

from __future__ import annotations

from unsc.errors import UnscError


class SessionError(UnscError):
    """A request the session refuses; ``status`` is the HTTP status the API answers with."""

    status = 409
    code = "conflict"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class Unauthorized(SessionError):
    """No token, or a token that is not a credential of this session."""

    status = 401
    code = "unauthorized"


class Forbidden(SessionError):
    """A credential of this session that may not do this (a delegation opening a vote)."""

    status = 403
    code = "forbidden"


class Conflict(SessionError):
    """Not now: the question is closed, another vote is open, amendments come first..."""

    status = 409
    code = "conflict"
