"""A fault test: two server processes on one PostgreSQL database, ballots in flight, one
process killed with SIGKILL and restarted. No acknowledged ballot is lost, none is counted
twice, and every screen is whole again once it has reconnected."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from tests.sessions.conftest import Api, Server
from tests.sessions.test_contract import read_events

SESSIONS = 3
VOTES = ("yes", "no", "abstain")


@pytest.fixture()
def two_servers(
    pg_database: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Server, Server]]:
    record = tmp_path_factory.mktemp("fault") / "record.sqlite"
    a = Server(pg_database, record).start()
    b = Server(pg_database, record).start()
    yield a, b
    a.stop()
    b.stop()


class Screen:
    """A screen that follows the live channel and reconnects by itself, as the pages do."""

    def __init__(self, url: str, token: str) -> None:
        self.url, self.token = url, token
        self.states: list[dict[str, Any]] = []
        self.stop = threading.Event()
        self.reconnects = 0
        self.client = httpx.Client(timeout=30)
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self) -> None:
        while not self.stop.is_set():
            self.client = httpx.Client(timeout=30)
            try:
                read_events(self.url, self.token, self.states, self.stop, self.client)
            except (httpx.HTTPError, AssertionError, RuntimeError):
                if not self.stop.is_set():
                    self.reconnects += 1
                    time.sleep(0.2)
            finally:
                self.client.close()

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=10)
        self.client.close()


def test_sigkill_of_one_server_loses_no_acknowledged_ballot(
    two_servers: tuple[Server, Server],
) -> None:
    a, b = two_servers
    api_a = Api(a.url)
    sessions = [api_a.create("2023-08-30", title=f"Fault {i}") for i in range(SESSIONS)]
    for s in sessions:
        q = api_a.question(s)
        assert api_a.open(s, q).status_code == 200
    screens = [
        Screen(f"{srv.url}/api/sessions/{s['id']}/events", s["projector_token"])
        for s in sessions
        for srv in (a, b)
    ]
    rng = random.Random(11)
    jobs = [
        (s, code, rng.choice(VOTES), rng.random() * 2.0, i % 2)
        for s in sessions
        for i, code in enumerate(s["delegations"])
    ]
    acknowledged: dict[tuple[str, str], str] = {}
    failures: list[str] = []
    lock = threading.Lock()
    restarted = threading.Event()

    def cast(job: tuple[dict[str, Any], str, str, float, int]) -> None:
        s, code, vote, delay, which = job
        time.sleep(delay)
        attempt = 0
        while True:
            target = (a, b)[which] if attempt == 0 or restarted.is_set() else b
            try:
                r = httpx.put(
                    f"{target.url}/api/sessions/{s['id']}/questions/1/ballots/{code}",
                    json={"vote": vote},
                    headers={"Authorization": f"Bearer {s['delegations'][code]}"},
                    timeout=10,
                )
            except httpx.HTTPError as exc:
                with lock:
                    failures.append(f"{code}: {type(exc).__name__}")
                attempt += 1
                time.sleep(0.1)
                continue
            assert r.status_code == 200, r.text
            with lock:
                acknowledged[(s["id"], code)] = vote
            return

    with ThreadPoolExecutor(max_workers=24) as pool:
        futures = [pool.submit(cast, job) for job in jobs]
        time.sleep(0.7)
        killed_pid = a.proc.pid if a.proc else None
        a.kill()  # SIGKILL, by the PID of the process we started
        assert a.proc is not None and a.proc.returncode == -9
        time.sleep(0.5)
        a.start()  # the same port, a new process
        assert a.proc is not None and a.proc.pid != killed_pid
        restarted.set()
        for f in futures:
            f.result(timeout=60)

    assert failures, "the kill happened while no ballot was in flight"
    assert len(acknowledged) == SESSIONS * 15
    deadline = time.monotonic() + 15
    finals = {}
    for s in sessions:
        state = api_a.state(s)
        finals[s["id"]] = state
        votes = state["questions"][0]["votes"]
        mine = {code: v for (sid, code), v in acknowledged.items() if sid == s["id"]}
        assert votes == mine  # every acknowledged ballot is there, as acknowledged
        assert sum(state["questions"][0]["tally"].values()) == 15  # none counted twice
        history = httpx.get(
            f"{b.url}/api/sessions/{s['id']}/history",
            headers={"Authorization": f"Bearer {s['chair_token']}"},
        ).json()
        ballots = [e["detail"]["code"] for e in history if e["kind"] == "ballot"]
        assert sorted(ballots) == sorted(mine)  # one committed ballot per delegation
    # Every screen, those of the killed process included, ends at the final state.
    while time.monotonic() < deadline:
        if all(
            sc.states and sc.states[-1]["seq"] == finals[sc.url.split("/")[-2]]["seq"]
            for sc in screens
        ):
            break
        time.sleep(0.1)
    for sc in screens:
        sc.stop.set()
    for s in sessions:  # one more change wakes every reader, which then stops
        assert api_a.close(s, 1).status_code == 200
    api_a.http.close()
    for sc in screens:
        sc.close()
        final = finals[sc.url.split("/")[-2]]
        last = [st for st in sc.states if st["seq"] == final["seq"]]
        assert last and last[0]["questions"] == final["questions"]
    assert any(sc.reconnects for sc in screens if sc.url.startswith(a.url))
