"""Errors raised by unsc.

::

    UnscError                 anything unsc raises on purpose
     +-- InputError           a bad argument: names the parameter (``field``)
     +-- RecordError          a bad source file: names the file, line and field
     +-- NotFoundError        a lookup that found nothing (a resolution, a draft, a mission)
"""

from __future__ import annotations


class UnscError(Exception):
    """Base class of every error unsc raises on purpose."""

    code = "unsc_error"


class InputError(UnscError, ValueError):
    """A bad argument from a user; ``field`` names the parameter."""

    code = "bad_input"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(UnscError, LookupError):
    """A lookup found nothing: a resolution number, draft symbol, member or mission."""

    code = "not_found"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class RecordError(UnscError):
    """A source file could not be read: names the file, the line and the field."""

    code = "bad_source"

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        where = ", ".join(
            part
            for part in (
                file,
                f"line {line}" if line is not None else None,
                f"field {field!r}" if field else None,
            )
            if part
        )
        super().__init__(f"{where}: {message}" if where else message)
        self.file = file
        self.line = line
        self.field = field
        self.reason = message
