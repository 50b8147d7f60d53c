"""The web application: a JSON API under ``/api/`` and server-rendered pages over the library.

``create_app(db)`` builds the ASGI application; ``unsc serve`` runs it with uvicorn.
"""

from unsc.web.app import create_app

__all__ = ["create_app"]
