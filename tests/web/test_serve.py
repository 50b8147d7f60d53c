"""`unsc serve`: prints its address, serves the API, refuses a bad port."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
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
