"""`unsc serve`: prints its address, serves the API, refuses a bad port."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from tests.web.test_browser import _free_port
from unsc.cli import build_app


def test_serve_prints_the_address_and_serves(tmp_path: Path) -> None:
    port = _free_port()
    unsc = Path(sys.executable).with_name("unsc")
    proc = subprocess.Popen(
        [str(unsc), "serve", "--port", str(port), "--db", str(tmp_path / "none.sqlite")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert (
            line.strip() == f"unsc is serving at http://127.0.0.1:{port}/ (API docs at /api/docs)"
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/council?date=2023-06-15", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.1)
        assert r.status_code == 200 and r.json()["president"]["code"] == "ARE"
        # without a record, a record route answers 503 with the command that builds it
        r = httpx.get(f"http://127.0.0.1:{port}/api/vetoes", timeout=5)
        assert r.status_code == 503 and "unsc record build" in r.json()["message"]
    finally:
        proc.terminate()
        proc.communicate(timeout=10)  # also closes the pipes


def test_serve_refuses_a_bad_port() -> None:
    result = CliRunner().invoke(build_app(), ["serve", "--port", "70000"])
    assert result.exit_code == 2
    assert "--port 70000 is not a TCP port" in result.stderr


@pytest.mark.slow
def test_serve_with_two_workers(mini_db: Path) -> None:
    from tests.web.live import free_port

    port = free_port()
    unsc = Path(sys.executable).with_name("unsc")
    cmd = [str(unsc), "serve", "--port", str(port), "--db", str(mini_db), "--workers", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 90
        ready = 0
        while ready < 3:  # several answers of "ready" in a row (from either process)
            assert time.monotonic() < deadline, "the workers were not ready"
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2)
                ready = ready + 1 if r.status_code == 200 else 0
            except httpx.TransportError:
                ready = 0
            time.sleep(0.2)
        r = httpx.get(f"http://127.0.0.1:{port}/api/resolutions/2640", timeout=10)
        assert r.status_code == 200 and r.json()["abstain"] == 2
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
        assert len(children) >= 2  # the supervisor and its worker processes
    finally:
        proc.terminate()
        proc.communicate(timeout=20)
