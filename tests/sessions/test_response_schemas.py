"""Every JSON answer of a whole session conforms to the schema /openapi.json publishes for it
(issue 13, item 3), on SQLite and PostgreSQL, through HTTP only.

The session: the Council of 30 August 2023 with a roll call (Mozambique absent), a draft
with an amendment and a preliminary question on a procedural motion, each opened, voted and
closed; then the state as the chair and as a delegation, the history and the JSON export. Each
answer is checked against the closed schema of its operation, status and media type, so a key
added to an answer without its type, or a key of the type the answer lacks, fails here.
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass
from typing import Any

import jsonschema_rs

from tests.sessions.conftest import Api
from unsc.sessions.store import ChangeDict, ChangeKind

STATE_MEDIA = "application/vnd.unsc.session+json"


@dataclass(frozen=True)
class Answer:
    """One answer of the session: its operation (method and OpenAPI path), status, media type
    and JSON body."""

    method: str
    path: str
    status: int
    media: str
    body: Any


def _template(url: str) -> str:
    """The OpenAPI path of a session URL (``/api/sessions/abc/questions/2/open`` ->
    ``/api/sessions/{session_id}/questions/{question_id}/open``)."""
    path = re.sub(r"^/api/sessions/[^/]+", "/api/sessions/{session_id}", url)
    path = re.sub(r"/questions/\d+", "/questions/{question_id}", path)
    return re.sub(r"/ballots/[^/]+$", "/ballots/{code}", path)


def run_session(api: Api) -> list[Answer]:
    """A whole session through every JSON route; every answer, in order."""
    answers: list[Answer] = []

    def call(method: str, url: str, token: str | None = None, **kwargs: Any) -> Any:
        headers = api.auth(token) if token else {}
        r = api.http.request(method, url, headers=headers, **kwargs)
        assert r.status_code in (200, 201), (method, url, r.status_code, r.text)
        media = r.headers["content-type"].split(";")[0].strip()
        answers.append(Answer(method.lower(), _template(url), r.status_code, media, r.json()))
        return r.json()

    created = call(
        "POST",
        "/api/sessions",
        json={"council": "2023-08-30", "title": "Mali sanctions", "agenda": "Mali"},
    )
    sid, chair = created["id"], created["chair_token"]
    base = f"/api/sessions/{sid}"
    present = [c for c in created["delegations"] if c != "MOZ"]
    call("PUT", f"{base}/roll-call", chair, json={"present": present})

    def question(kind: str, title: str, **body: Any) -> int:
        found = call(
            "POST", f"{base}/questions", chair, json={"kind": kind, "title": title, **body}
        )
        return int(found["question_id"])

    def vote(q: int, special: dict[str, str], allow_change: bool = False) -> None:
        call("POST", f"{base}/questions/{q}/open", chair, json={"allow_change": allow_change})
        for code in present:
            token = created["delegations"][code]
            call("PUT", f"{base}/questions/{q}/ballots/{code}", token, json={"vote": "yes"})
            if code in special:  # a change of vote, where the chair allows it
                wanted = {"vote": special[code]}
                call("PUT", f"{base}/questions/{q}/ballots/{code}", token, json=wanted)
        call("POST", f"{base}/questions/{q}/close", chair)

    draft = question("draft", "S/2023/638")
    amendment = question("amendment", "An amendment", amends=draft)
    call("GET", base, chair)  # the state with pending questions
    vote(amendment, {"FRA": "no"}, allow_change=True)  # vetoed
    vote(draft, {"RUS": "no", "CHN": "abstain"}, allow_change=True)  # vetoed
    motion = question("procedural", "To adjourn")
    prelim = question("preliminary", "Is the motion procedural?", about=motion)
    vote(prelim, {"RUS": "no"}, allow_change=True)  # vetoed: the motion is non-procedural
    call("POST", f"{base}/questions/{motion}/open", chair)
    call("GET", base, created["delegations"]["GHA"])  # the state while a vote is open
    call("POST", f"{base}/questions/{motion}/close", chair)  # silent delegations: not voting
    call("GET", base, chair)
    call("GET", base, created["projector_token"])
    call("GET", f"{base}/history", chair)
    call("GET", f"{base}/export.json", chair)
    return answers


def _schema(doc: dict[str, Any], answer: Answer) -> dict[str, Any]:
    responses = doc["paths"][answer.path][answer.method]["responses"]
    content = responses[str(answer.status)]["content"]
    assert answer.media in content, (answer.path, answer.media, list(content))
    found: dict[str, Any] = content[answer.media]["schema"]
    return found


def _errors(schema: dict[str, Any], body: object) -> list[str]:
    found = jsonschema_rs.validator_for(schema).iter_errors(body)
    return [f"{'/'.join(map(str, e.instance_path))}: {e.message}" for e in found]


def test_every_answer_of_a_session_conforms_to_its_schema(api: Api) -> None:
    answers = run_session(api)
    doc = api.http.get("/openapi.json").json()
    operations = {(a.method, a.path) for a in answers}
    assert len(operations) == 9  # every JSON route of a session
    for answer in answers:
        problems = _errors(_schema(doc, answer), answer.body)
        assert problems == [], (answer.method, answer.path, problems[:5])


def test_the_check_fails_on_a_key_more_or_a_key_less(api: Api) -> None:
    answers = run_session(api)
    doc = api.http.get("/openapi.json").json()
    state = next(a for a in reversed(answers) if a.path == "/api/sessions/{session_id}")
    schema = _schema(doc, state)
    assert _errors(schema, {**state.body, "undeclared": 1}) != []
    question = dict(state.body["questions"][0])
    del question["tally"]
    assert _errors(schema, {**state.body, "questions": [question]}) != []
    decision = dict(question["decision"])
    decision["outcome"] = "maybe"
    assert _errors(schema, {**state.body, "questions": [{**question, "decision": decision}]})


def test_each_kind_of_change_has_its_type() -> None:
    kinds = [typing.get_type_hints(c)["kind"] for c in typing.get_args(ChangeDict)]
    assert [k for kind in kinds for k in typing.get_args(kind)] == list(typing.get_args(ChangeKind))
