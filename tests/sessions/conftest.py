"""Session tests run through HTTP against a real server, on SQLite and on PostgreSQL.

PostgreSQL comes from ``$UNSC_TEST_PG_URL`` (``.ci/run`` starts a throwaway cluster and sets
it); without it the PostgreSQL half is skipped locally, and fails under CI (``CI=true``).
Each test run works in a database of its own, dropped at the end.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

PG_ENV = "UNSC_TEST_PG_URL"
ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pg_admin_url() -> str | None:
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must set {PG_ENV} (see .ci/run)")
        return None
    return url


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database for this test run (dropped afterwards)."""
    admin = pg_admin_url()
    if admin is None:
        pytest.skip(f"{PG_ENV} is not set: no PostgreSQL to test against")
    import psycopg

    name = f"unsc_t_{secrets.token_hex(4)}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    base, _, _ = admin.rpartition("/")
    yield f"{base}/{name}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@dataclass
class Server:
    """``unsc serve`` in a subprocess (its PID kept, stopped by PID)."""

    database: str
    record: Path
    port: int = field(default_factory=free_port)
    workers: int = 1
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> Server:
        cmd = [
            sys.executable,
            "-m",
            "unsc",
            "serve",
            "--port",
            str(self.port),
            "--db",
            str(self.record),
            "--database",
            self.database,
            "--workers",
            str(self.workers),
        ]
        log = self.record.parent / f"serve-{self.port}.log"
        with log.open("ab") as err:
            self.proc = subprocess.Popen(
                cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"unsc serve exited: {log.read_text()[-2000:]}")
            try:
                httpx.get(f"{self.url}/sessions/new", timeout=1).raise_for_status()
                return self
            except httpx.HTTPError:
                time.sleep(0.1)
        self.kill()  # never leave a server behind
        raise RuntimeError(f"unsc serve did not start: {log.read_text()[-2000:]}")

    def kill(self) -> None:
        """SIGKILL the server (its whole process group: uvicorn's workers included)."""
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The session database URL for each backend."""
    if request.param == "sqlite":
        return str(tmp_path_factory.mktemp("sessions") / "sessions.sqlite")
    return str(request.getfixturevalue("pg_database"))


@pytest.fixture(scope="session")
def server(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    record = tmp_path_factory.mktemp("norecord") / "record.sqlite"  # sessions need no record
    srv = Server(backend, record).start()
    yield srv
    srv.stop()


class Api:
    """Thin HTTP helpers: every call goes through the server's routes."""

    def __init__(self, base: str) -> None:
        self.http = httpx.Client(base_url=base, timeout=30)

    def create(self, council: str = "2023-08-30", **body: Any) -> dict[str, Any]:
        r = self.http.post(
            "/api/sessions", json={"council": council, "title": "Test", "agenda": "", **body}
        )
        assert r.status_code == 201, r.text
        found: dict[str, Any] = r.json()
        return found

    @staticmethod
    def auth(token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}

    def question(self, s: dict[str, Any], kind: str = "draft", **body: Any) -> int:
        r = self.http.post(
            f"/api/sessions/{s['id']}/questions",
            json={"kind": kind, "title": body.pop("title", f"A {kind}"), **body},
            headers=self.auth(s["chair_token"]),
        )
        assert r.status_code == 201, r.text
        return int(r.json()["question_id"])

    def open(self, s: dict[str, Any], q: int, **body: Any) -> httpx.Response:
        return self.http.post(
            f"/api/sessions/{s['id']}/questions/{q}/open",
            json=body or None,
            headers=self.auth(s["chair_token"]),
        )

    def close(self, s: dict[str, Any], q: int) -> httpx.Response:
        return self.http.post(
            f"/api/sessions/{s['id']}/questions/{q}/close", headers=self.auth(s["chair_token"])
        )

    def vote(
        self, s: dict[str, Any], q: int, code: str, vote: str, token: str | None = None
    ) -> httpx.Response:
        return self.http.put(
            f"/api/sessions/{s['id']}/questions/{q}/ballots/{code}",
            json={"vote": vote},
            headers=self.auth(token or s["delegations"][code]),
        )

    def state(self, s: dict[str, Any], token: str | None = None) -> dict[str, Any]:
        r = self.http.get(f"/api/sessions/{s['id']}", headers=self.auth(token or s["chair_token"]))
        assert r.status_code == 200, r.text
        found: dict[str, Any] = r.json()
        return found

    def vote_all(self, s: dict[str, Any], q: int, special: dict[str, str]) -> None:
        for code in s["delegations"]:
            r = self.vote(s, q, code, special.get(code, "yes"))
            assert r.status_code == 200, r.text


@pytest.fixture()
def api(server: Server) -> Iterator[Api]:
    client = Api(server.url)
    yield client
    client.http.close()
