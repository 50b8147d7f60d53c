"""Security of sessions through HTTP: each link can do only what its holder may, nothing more."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.sessions.conftest import Api, Server

SHAPE = {"status", "code", "message", "field"}


def refused(r: httpx.Response, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.text
    body: dict[str, Any] = r.json()
    assert set(body) == SHAPE and body["status"] == status
    return body


@pytest.fixture()
def s(api: Api) -> dict[str, Any]:
    return api.create("2023-08-30", title="Security")


def test_a_delegation_cannot_vote_for_another(api: Api, s: dict[str, Any]) -> None:
    q = api.question(s)
    api.open(s, q)
    body = refused(api.vote(s, q, "USA", "no", token=s["delegations"]["RUS"]), 403)
    assert body["code"] == "forbidden"
    refused(api.vote(s, q, "RUS", "no", token=s["chair_token"]), 403)  # the chair does not vote
    refused(api.vote(s, q, "RUS", "no", token=s["projector_token"]), 403)
    assert api.state(s)["questions"][0]["votes"] == {}


def test_a_delegation_cannot_chair(api: Api, s: dict[str, Any]) -> None:
    q = api.question(s)
    rus = api.auth(s["delegations"]["RUS"])
    base = f"/api/sessions/{s['id']}"
    refused(api.http.post(f"{base}/questions/{q}/open", headers=rus), 403)
    assert api.open(s, q).status_code == 200
    refused(api.http.post(f"{base}/questions/{q}/close", headers=rus), 403)
    refused(
        api.http.post(f"{base}/questions", json={"kind": "draft", "title": "x"}, headers=rus), 403
    )
    refused(api.http.put(f"{base}/roll-call", json={"present": []}, headers=rus), 403)
    proj = api.auth(s["projector_token"])
    refused(api.http.post(f"{base}/questions/{q}/close", headers=proj), 403)
    assert api.state(s)["questions"][0]["status"] == "open"


def test_a_closed_or_pending_question_takes_no_ballot(api: Api, s: dict[str, Any]) -> None:
    q = api.question(s)
    refused(api.vote(s, q, "FRA", "yes"), 409)  # not open yet
    api.open(s, q)
    api.vote(s, q, "FRA", "yes")
    api.close(s, q)
    body = refused(api.vote(s, q, "GBR", "no"), 409)
    assert "closed" in body["message"]
    refused(api.vote(s, q, "FRA", "no"), 409)
    state = api.state(s)
    assert state["questions"][0]["votes"] == {"FRA": "yes"}
    assert state["questions"][0]["decision"]["votes"]["GBR"] == "not_voting"


def test_only_yes_no_abstain(api: Api, s: dict[str, Any]) -> None:
    q = api.question(s)
    api.open(s, q)
    refused(api.vote(s, q, "FRA", "absent"), 422)
    refused(api.vote(s, q, "FRA", "veto"), 422)


def test_missing_or_wrong_tokens_are_401(api: Api, s: dict[str, Any]) -> None:
    base = f"/api/sessions/{s['id']}"
    r = api.http.get(base)
    assert refused(r, 401)["code"] == "unauthorized"
    assert r.headers["www-authenticate"].startswith("Bearer")
    refused(api.http.get(base, headers=api.auth("not-a-token")), 401)
    refused(api.http.get(base, headers={"Authorization": s["chair_token"]}), 401)  # no scheme
    refused(api.http.get(f"{base}/events"), 401)
    refused(api.http.get(f"{base}/export.csv"), 401)
    # A cookie is not a credential.
    refused(api.http.get(base, headers={"Cookie": f"token={s['chair_token']}"}), 401)


def test_a_token_of_one_session_is_worthless_in_another(api: Api, s: dict[str, Any]) -> None:
    other = api.create("2023-08-30", title="Other")
    q = api.question(other)
    api.open(other, q)
    base = f"/api/sessions/{other['id']}"
    refused(api.http.get(base, headers=api.auth(s["chair_token"])), 401)
    refused(api.http.post(f"{base}/questions/{q}/close", headers=api.auth(s["chair_token"])), 401)
    refused(api.vote(other, q, "RUS", "no", token=s["delegations"]["RUS"]), 401)
    refused(api.http.get(f"{base}/history", headers=api.auth(s["projector_token"])), 401)
    assert api.state(other)["questions"][0]["votes"] == {}


def test_a_state_once_read_is_not_served_to_anyone_without_a_token(
    api: Api, s: dict[str, Any]
) -> None:
    url = f"/api/sessions/{s['id']}"
    assert api.http.get(url, headers=api.auth(s["chair_token"])).status_code == 200
    assert api.http.get(url, headers=api.auth(s["chair_token"])).status_code == 200
    refused(api.http.get(url), 401)
    export = f"{url}/export.json"
    assert api.http.get(export, headers=api.auth(s["chair_token"])).status_code == 200
    refused(api.http.get(export), 401)


def test_markup_in_titles_is_kept_as_text_and_escaped(api: Api) -> None:
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    s = api.create("2023-08-30", title=evil, agenda=evil)
    q = api.question(s, title=evil)
    state = api.state(s)
    assert state["title"] == evil and state["questions"][q - 1]["title"] == evil
    page = api.http.get(f"/sessions/{s['id']}")
    assert page.status_code == 200 and "<script>alert" not in page.text
    # The form echoes what was typed when it refuses it: escaped.
    form = api.http.post(
        "/sessions/new",
        content=httpx.QueryParams({"council": "not-a-preset", "title": evil}).__str__(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert form.status_code == 422
    assert "<script>alert" not in form.text and "&lt;script&gt;" in form.text


def test_oversized_bodies_are_refused(api: Api, s: dict[str, Any]) -> None:
    big = '{"council": "2023-08-30", "title": "' + "x" * 40_000 + '"}'
    r = api.http.post("/api/sessions", content=big, headers={"Content-Type": "application/json"})
    assert refused(r, 413)["code"] == "too_large"

    def chunks() -> Iterator[bytes]:  # no Content-Length: the stream itself is counted
        for _ in range(40):
            yield b" " * 1024

    q = api.question(s)
    r = api.http.post(
        f"/api/sessions/{s['id']}/questions/{q}/open",
        content=chunks(),
        headers={**api.auth(s["chair_token"]), "Content-Type": "application/json"},
    )
    refused(r, 413)
    assert api.state(s)["questions"][0]["status"] == "pending"
    r = api.http.post("/sessions/new", content=b"title=" + b"x" * 40_000)
    assert r.status_code == 413


def test_tokens_are_stored_only_as_hashes(api: Api, server: Server) -> None:
    import hashlib

    s = api.create()
    tokens = [s["chair_token"], s["projector_token"], *s["delegations"].values()]
    if server.database.startswith("postgresql"):
        import psycopg

        with psycopg.connect(server.database) as conn:
            stored = [r[0] for r in conn.execute("SELECT token_hash FROM tokens")]
            dump = " ".join(
                str(r) for table in ("sessions", "delegations", "questions", "events")
                for r in conn.execute(f"SELECT * FROM {table}")  # noqa: S608
            )  # fmt: skip
    else:
        with sqlite3.connect(server.database) as conn:
            stored = [r[0] for r in conn.execute("SELECT token_hash FROM tokens")]
            dump = " ".join(
                str(r) for table in ("sessions", "delegations", "questions", "events")
                for r in conn.execute(f"SELECT * FROM {table}")  # noqa: S608
            )  # fmt: skip
    for token in tokens:
        assert token not in stored and token not in dump
        assert hashlib.sha256(token.encode()).hexdigest() in stored
