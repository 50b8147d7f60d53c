"""A response cache in front of the JSON API: answers that cannot change are sent again as is.

Every ``GET /api/...`` answer is a function of its URL, the record database file and, for
routes whose default is "today", the date. This ASGI middleware remembers successful JSON
answers under that key (bounded LRU, small bodies only), so a repeated question costs no
routing, validation or encoding. Rebuilding the record changes the file's stamp and so every key.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date
from pathlib import Path
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from unsc.web import cache

MAX_ENTRIES = 4096
MAX_BODY = 512 * 1024


class ResponseCache:
    """ASGI middleware caching ``200 application/json`` answers of ``GET /api/``."""

    def __init__(self, app: ASGIApp, db: Path) -> None:
        self.app = app
        self.db = db
        self.entries: OrderedDict[tuple[Any, ...], tuple[bytes, bytes]] = OrderedDict()
        self.lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or not scope["path"].startswith("/api/")
            or scope["path"].startswith("/api/docs")
        ):
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope["query_string"], cache.stamp(self.db), date.today())
        with self.lock:
            hit = self.entries.get(key)
            if hit is not None:
                self.entries.move_to_end(key)
        if hit is not None:
            body, media = hit
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [
                        (b"content-type", media),
                        (b"content-length", str(len(body)).encode()),
                        (b"x-unsc-cache", b"hit"),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return

        start: Message | None = None
        chunks: list[bytes] = []
        keep = True

        async def capture(message: Message) -> None:
            nonlocal start, keep
            if message["type"] == "http.response.start":
                start = message
                media = dict(message.get("headers", [])).get(b"content-type", b"")
                keep = message["status"] == 200 and media.startswith(b"application/json")
            elif message["type"] == "http.response.body" and keep:
                chunks.append(message.get("body", b""))
                if sum(map(len, chunks)) > MAX_BODY:
                    keep = False
                if not message.get("more_body", False) and keep and start is not None:
                    media = dict(start.get("headers", [])).get(b"content-type", b"")
                    with self.lock:
                        self.entries[key] = (b"".join(chunks), media)
                        while len(self.entries) > MAX_ENTRIES:
                            self.entries.popitem(last=False)
            await send(message)

        await self.app(scope, receive, capture)
