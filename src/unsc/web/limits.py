"""Where the server's work runs, and how much of it one client may ask for at once.

Light work (a record lookup, the Council on a date, rendering a page) runs in the threadpool of
the event loop (``anyio.to_thread``): the loop itself only parses requests and sends answers, so
one slow question never holds the others up.

Expensive work (voting power of a large body, mandate windows over the whole record, forecasts)
runs in a small pool of its own, :data:`EXPENSIVE_WORKERS` threads, so that it can never take
every core. Each such computation is bounded before it starts (sizes are checked by the route:
413 or 422), answered within a time limit (after it, 503 ``timeout``: the computation finishes
in the background and its answer is kept for the next asker), and each client (by address) may
have at most :data:`PER_CLIENT` of them running or waiting; the next one is refused at once with
429 ``too_many_requests`` and a ``Retry-After``.
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

#: Threads for expensive computations (the machine's cores are shared with the light work).
EXPENSIVE_WORKERS = 2
#: Expensive computations one client may have running or waiting at once.
PER_CLIENT = 4
#: Expensive computations waiting in all, beyond which every client is told to come back.
MAX_WAITING = 32
#: Seconds an expensive answer may take before the client is answered 503 ``timeout``.
TIME_LIMIT = 10.0
#: The first forecast after a build trains the model: it may take longer.
FORECAST_TIME_LIMIT = 60.0
#: Largest request body accepted (``POST /api/forecast``), in bytes: more is 413.
MAX_BODY = 16 * 1024


class Busy(Exception):
    """This client already has :data:`PER_CLIENT` expensive computations under way."""

    def __init__(self, message: str, retry_after: int = 1) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class TimedOut(Exception):
    """An expensive computation did not finish within its time limit."""


@dataclass
class WorkerPool:
    """The expensive-work pool and its per-client accounting."""

    workers: int = EXPENSIVE_WORKERS
    per_client: int = PER_CLIENT
    max_waiting: int = MAX_WAITING

    def __post_init__(self) -> None:
        self.executor = ThreadPoolExecutor(self.workers, thread_name_prefix="unsc-expensive")
        self._lock = threading.Lock()
        self._by_client: Counter[str] = Counter()
        self._total = 0

    def _enter(self, client: str) -> None:
        with self._lock:
            if self._by_client[client] >= self.per_client:
                raise Busy(
                    f"this client already has {self.per_client} expensive requests under way; "
                    "wait for their answers"
                )
            if self._total >= self.max_waiting:
                raise Busy("the server is busy with expensive requests; try again shortly", 2)
            self._by_client[client] += 1
            self._total += 1

    def _leave(self, client: str) -> None:
        with self._lock:
            self._by_client[client] -= 1
            if self._by_client[client] <= 0:
                del self._by_client[client]
            self._total -= 1

    async def run(self, client: str, fn: Callable[[], T], time_limit: float = TIME_LIMIT) -> T:
        """``fn()`` in the pool, counted against ``client``; :class:`Busy` when over the limit,
        :class:`TimedOut` after ``time_limit`` seconds (the work itself runs to its end)."""
        self._enter(client)

        def job() -> T:
            try:
                return fn()
            finally:
                self._leave(client)

        loop = asyncio.get_running_loop()
        try:
            future = loop.run_in_executor(self.executor, job)
        except BaseException:
            self._leave(client)
            raise
        try:
            return await asyncio.wait_for(asyncio.shield(future), time_limit)
        except TimeoutError:
            future.add_done_callback(_consume)
            raise TimedOut(
                f"the computation took more than {time_limit:g} s; its answer will be kept, "
                "ask again shortly"
            ) from None

    def shutdown(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)


def _consume(future: asyncio.Future[T]) -> None:
    """Retrieve a late result or error, so that it is not reported as never retrieved."""
    if not future.cancelled():
        future.exception()
