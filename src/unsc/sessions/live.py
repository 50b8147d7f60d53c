"""The live channel's fan-out: every committed change reaches every screen watching the session.

One :class:`Hub` per server process. On PostgreSQL each change sends ``NOTIFY unsc_sessions``
in its own transaction (https://www.postgresql.org/docs/current/sql-notify.html: delivered at
commit, to every listening connection); the hub of each process LISTENs on one connection,
loads the session's state once and hands it to the screens of that process. On SQLite the
process that made the change tells its hub directly, and a light poll of the sessions' change
numbers carries changes made by another process on the same file. A screen always receives the
whole state, so a screen that missed changes (a dropped connection, a restarted server) is
whole again with the next message it reads.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from sqlalchemy import select

from unsc.sessions import schema as t
from unsc.sessions.engine import libpq_url
from unsc.sessions.store import CHANNEL, SessionStore
from unsc.sessions.view import SessionStateDict, apply_ballot

log = logging.getLogger(__name__)

#: Seconds between two polls of the change numbers on SQLite.
POLL_SECONDS = 0.5


#: A ballot as a change carries it: (question, delegation, vote).
Ballot = tuple[int, str, str]
T = TypeVar("T")


def parse_payload(payload: str) -> tuple[str, int | None, Ballot | None]:
    """Read a NOTIFY payload (:func:`unsc.sessions.store.change_payload`)."""
    parts = payload.split(":")
    seq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
    if len(parts) == 6 and parts[2] == "b" and parts[3].isdigit():
        return parts[0], seq, (int(parts[3]), parts[4], parts[5])
    return parts[0], seq, None


class Screen:
    """One watcher of a session: the newest state not yet read, and the change it is at."""

    def __init__(self, session_id: str) -> None:
        self.session_id = session_id
        self.seq = 0
        self._payload: str | None = None
        self._ready = asyncio.Event()

    def push(self, seq: int, payload: str) -> None:
        if seq <= self.seq:
            return
        self.seq = seq
        self._payload = payload
        self._ready.set()

    async def next(self, timeout: float) -> str | None:
        """The newest state (JSON text) once there is one, or None after ``timeout`` seconds."""
        try:
            await asyncio.wait_for(self._ready.wait(), timeout)
        except TimeoutError:
            return None
        self._ready.clear()
        payload, self._payload = self._payload, None
        return payload


class Hub:
    """The screens of one process and the background task that hears of changes."""

    def __init__(self, store: SessionStore, threads: int = 20) -> None:
        self.store = store
        self._screens: dict[str, set[Screen]] = {}
        self._loading: set[str] = set()
        self._dirty: set[str] = set()
        self._task: asyncio.Task[None] | None = None
        self._pushed: dict[str, int] = {}
        self._states: dict[str, SessionStateDict] = {}
        self.executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="unsc-sessions")

    def subscribe(self, session_id: str) -> Screen:
        screen = Screen(session_id)
        self._screens.setdefault(session_id, set()).add(screen)
        self._start()
        return screen

    def unsubscribe(self, screen: Screen) -> None:
        found = self._screens.get(screen.session_id)
        if found is not None:
            found.discard(screen)
            if not found:
                del self._screens[screen.session_id]
                self._pushed.pop(screen.session_id, None)
                self._states.pop(screen.session_id, None)

    @property
    def watched(self) -> int:
        return sum(len(s) for s in self._screens.values())

    def changed(
        self, session_id: str, seq: int | None = None, ballot: Ballot | None = None
    ) -> None:
        """A change was committed: bring this process's screens of the session up to date.

        A ballot (``seq`` and ``ballot``) is applied to the state the screens already have
        when that state is the one just before it; anything else reads the state once.
        """
        if session_id not in self._screens:
            return
        if session_id in self._loading:
            self._dirty.add(session_id)
            return
        known = self._states.get(session_id)
        if known is not None and seq is not None and ballot is not None:
            after = apply_ballot(known, seq, *ballot)
            if after is not None:
                self._publish(session_id, after)
                return
        if known is not None and seq is not None and seq <= known["seq"]:
            return  # already shown
        self._loading.add(session_id)
        asyncio.get_running_loop().create_task(self._refresh(session_id))

    def _publish(self, session_id: str, state: SessionStateDict) -> None:
        self._states[session_id] = state
        payload = json.dumps(state, separators=(",", ":"))
        seq = int(state["seq"])
        self._pushed[session_id] = seq
        for screen in list(self._screens.get(session_id, ())):
            screen.push(seq, payload)

    async def _refresh(self, session_id: str) -> None:
        try:
            while True:
                self._dirty.discard(session_id)
                state = await self.run(self.store.state, session_id)
                if session_id in self._screens:
                    self._publish(session_id, state)
                if session_id not in self._dirty:
                    break
        except Exception:  # a failed load is retried by the next change or poll
            log.exception("loading session %s for its screens", session_id)
        finally:
            self._loading.discard(session_id)

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run a blocking store call on the hub's threads (as many as the connection pool)."""
        return await asyncio.get_running_loop().run_in_executor(self.executor, fn, *args)

    def _start(self) -> None:
        if self._task is not None and not self._task.done():
            return
        runner = self._listen() if self.store.postgres else self._poll()
        self._task = asyncio.get_running_loop().create_task(runner)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _listen(self) -> None:
        """LISTEN on PostgreSQL; after every (re)connection, resync every watched session."""
        import psycopg

        while True:
            try:
                conn = await psycopg.AsyncConnection.connect(
                    libpq_url(self.store.url), autocommit=True
                )
                async with conn:
                    await conn.execute(f"LISTEN {CHANNEL}")
                    for session_id in list(self._screens):
                        self.changed(session_id)
                    async for note in conn.notifies():
                        self.changed(*parse_payload(note.payload))
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("session live channel lost its PostgreSQL connection: %s", exc)
                await asyncio.sleep(0.5)

    async def _poll(self) -> None:
        """SQLite: notice changes another process made to the same file."""
        while self._screens:
            await asyncio.sleep(POLL_SECONDS)
            ids = list(self._screens)
            if not ids:
                break
            try:
                seqs = await self.run(self._seqs, ids)
            except Exception:
                log.exception("polling session changes")
                continue
            for session_id, seq in seqs.items():
                if seq > self._pushed.get(session_id, 0):
                    self.changed(session_id)

    def _seqs(self, ids: list[str]) -> dict[str, int]:
        with self.store.engine.connect() as conn:
            rows = conn.execute(
                select(t.sessions.c.id, t.sessions.c.seq).where(t.sessions.c.id.in_(ids))
            ).all()
        return {r.id: int(r.seq) for r in rows}

    def snapshot(self) -> dict[str, Any]:
        return {"sessions": len(self._screens), "screens": self.watched}
