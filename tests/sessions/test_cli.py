"""`unsc session create` prints working links: a server on the same database takes them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx

from tests.sessions.conftest import ROOT, Server


def test_session_create_prints_the_links_a_server_accepts(tmp_path: Path) -> None:
    database = str(tmp_path / "sessions.sqlite")
    done = subprocess.run(
        [sys.executable, "-m", "unsc", "session", "create", "--council", "veto-needs-two",
         "--title", "Reform drill", "--database", database, "--base-url", "http://example.org"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    lines = done.stdout.splitlines()
    assert lines[0].startswith("session ") and lines[0].endswith(": Reform drill")
    links = dict(line.split(None, 1) for line in lines[1:])
    assert set(links) == {"chair", "projector", "P-CHN", "P-FRA", "P-RUS", "P-GBR", "P-USA",
                          "E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9", "E10"}  # fmt: skip
    session_id = lines[0].split()[1].rstrip(":")
    for link in links.values():
        assert link.startswith(f"http://example.org/sessions/{session_id}#")
    server = Server(database, tmp_path / "record.sqlite").start()
    try:
        chair = links["chair"].split("#", 1)[1]
        rus = links["P-RUS"].split("#", 1)[1]
        auth = {"Authorization": f"Bearer {chair}"}
        base = f"{server.url}/api/sessions/{session_id}"
        q = httpx.post(f"{base}/questions", json={"kind": "draft", "title": "d"}, headers=auth)
        assert q.status_code == 201
        assert httpx.post(f"{base}/questions/1/open", headers=auth).status_code == 200
        vote = httpx.put(
            f"{base}/questions/1/ballots/P-RUS",
            json={"vote": "no"},
            headers={"Authorization": f"Bearer {rus}"},
        )
        assert vote.status_code == 200
        decision = httpx.post(f"{base}/questions/1/close", headers=auth).json()
        # One permanent no is not a veto when a veto needs two; only 1 yes, so it fails.
        assert decision["outcome"] == "failed" and decision["council"] == "veto-needs-two"
    finally:
        server.stop()
    exported = subprocess.run(
        [sys.executable, "-m", "unsc", "session", "export", session_id, "--database", database],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    drafts = json.loads(exported.stdout)
    assert drafts[0]["votes"]["P-RUS"] == "no" and drafts[0]["outcome"] == "failed"
