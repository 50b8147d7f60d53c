"""Live Council sessions: delegations vote from their own devices, the rules engine decides.

:class:`SessionStore` keeps sessions in SQLite (the default) or PostgreSQL; :func:`council_for`
reads the Council a chair asks for; :class:`Hub` carries every change to the screens watching;
:func:`load_votes` writes a session's export as a record database for the record's queries.
"""

from unsc.sessions.errors import Conflict, Forbidden, SessionError, Unauthorized
from unsc.sessions.live import Hub
from unsc.sessions.load import LoadReport, load_votes
from unsc.sessions.model import QuestionKind, Role, SessionCouncil, Status, council_for
from unsc.sessions.store import ChangeDict, Created, SessionStore, Viewer
from unsc.sessions.view import (
    ExportedDraftDict,
    QuestionDict,
    SessionStateDict,
    export_csv,
    export_drafts,
)

__all__ = [
    "ChangeDict",
    "Conflict",
    "Created",
    "ExportedDraftDict",
    "Forbidden",
    "Hub",
    "LoadReport",
    "QuestionDict",
    "QuestionKind",
    "Role",
    "SessionCouncil",
    "SessionError",
    "SessionStateDict",
    "SessionStore",
    "Status",
    "Unauthorized",
    "Viewer",
    "council_for",
    "export_csv",
    "export_drafts",
    "load_votes",
]
