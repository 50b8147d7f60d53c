"""The HTTP contract of live sessions, end to end, on SQLite and PostgreSQL (HTTP calls only)."""

from __future__ import annotations

import base64
import csv
import io
import json
import threading
import time
from typing import Any

import httpx

from tests.sessions.conftest import Api, Server
from unsc.cli.queries import VOTE_COLUMNS


def test_a_whole_session_from_creation_to_the_veto(api: Api) -> None:
    # S/2023/638 (Mali sanctions), 30 Aug 2023: 13 in favour, Russia against, China abstaining;
    # vetoed (SC/15403). The session's decision must equal GET /api/decide's for the same votes.
    s = api.create("2023-08-30", title="Mali sanctions", agenda="The situation in Mali")
    assert set(s["delegations"]) == {
        "ALB", "BRA", "CHN", "ECU", "FRA", "GAB", "GHA", "JPN", "MLT", "MOZ", "RUS", "CHE",
        "ARE", "GBR", "USA",
    }  # fmt: skip
    assert s["links"]["chair"].endswith(f"/sessions/{s['id']}#{s['chair_token']}")
    assert s["links"]["delegations"]["RUS"].endswith("#" + s["delegations"]["RUS"])
    q = api.question(s, "draft", title="S/2023/638")
    assert api.open(s, q).status_code == 200
    api.vote_all(s, q, {"RUS": "no", "CHN": "abstain"})
    closed = api.close(s, q)
    assert closed.status_code == 200
    decision = closed.json()
    assert decision["outcome"] == "vetoed"
    assert decision["explanation"] == (
        "vetoed: 13 in favour (9 required), but permanent member RUS voted no"
    )
    same = api.http.get("/api/decide", params={"date": "2023-08-30", "no": "RUS", "abstain": "CHN"})
    assert same.status_code == 200
    assert decision == same.json()
    state = api.state(s, s["projector_token"])
    assert state["viewer"] == {"role": "projector", "code": None}
    assert state["questions"][0]["status"] == "closed"
    assert state["questions"][0]["decision"] == decision
    assert state["current"] is None


def test_tokens_are_long_random_and_distinct(api: Api) -> None:
    a, b = api.create(), api.create()
    tokens = [a["chair_token"], a["projector_token"], *a["delegations"].values()]
    tokens += [b["chair_token"], *b["delegations"].values()]
    assert len(set(tokens)) == len(tokens)
    for token in tokens:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        assert len(raw) * 8 >= 128


def test_amendments_are_voted_before_their_draft(api: Api) -> None:
    s = api.create()
    draft = api.question(s, "draft", title="The draft")
    amendment = api.question(s, "amendment", title="Its amendment", amends=draft)
    refused = api.open(s, draft)
    assert refused.status_code == 409
    assert "rule 36" in refused.json()["message"]
    assert api.open(s, amendment).status_code == 200
    # Amendments are non-procedural: one permanent no with 14 in favour defeats one.
    api.vote_all(s, amendment, {"FRA": "no"})
    assert api.close(s, amendment).json()["outcome"] == "vetoed"
    assert api.open(s, draft).status_code == 200
    api.vote_all(s, draft, {})
    assert api.close(s, draft).json()["outcome"] == "adopted"
    # An amendment must name a pending draft of this session.
    r = api.http.post(
        f"/api/sessions/{s['id']}/questions",
        json={"kind": "amendment", "title": "late", "amends": draft},
        headers=api.auth(s["chair_token"]),
    )
    assert r.status_code == 409


def test_one_vote_open_at_a_time_and_no_reopening(api: Api) -> None:
    s = api.create()
    q1, q2 = api.question(s), api.question(s, "procedural")
    assert api.open(s, q1).status_code == 200
    assert api.open(s, q2).status_code == 409
    assert api.close(s, q1).status_code == 200
    assert api.open(s, q1).status_code == 409
    assert api.close(s, q1).status_code == 409


def test_ballots_are_idempotent_and_change_needs_the_chairs_leave(api: Api) -> None:
    s = api.create()
    q = api.question(s)
    api.open(s, q)
    first = api.vote(s, q, "GHA", "yes")
    again = api.vote(s, q, "GHA", "yes")
    assert first.status_code == again.status_code == 200
    assert first.json()["changed"] is True and again.json()["changed"] is False
    refused = api.vote(s, q, "GHA", "no")
    assert refused.status_code == 409
    assert api.state(s)["questions"][0]["votes"] == {"GHA": "yes"}
    ballots = [e for e in history(api, s) if e["kind"] == "ballot"]
    assert len(ballots) == 1
    # With the chair's leave, a change of vote is taken until the close.
    q2 = api.question(s, allow_change=True)
    api.close(s, q)
    api.open(s, q2)
    assert api.vote(s, q2, "GHA", "no").status_code == 200
    changed = api.vote(s, q2, "GHA", "abstain")
    assert changed.status_code == 200 and changed.json()["changes"] == 1
    state = api.state(s)
    assert state["questions"][1]["tally"] == {"yes": 0, "no": 0, "abstain": 1}
    api.close(s, q2)
    assert api.vote(s, q2, "GHA", "yes").status_code == 409


def test_open_allows_change_too(api: Api) -> None:
    s = api.create()
    q = api.question(s)
    assert api.open(s, q, allow_change=True).status_code == 200
    api.vote(s, q, "MLT", "no")
    assert api.vote(s, q, "MLT", "yes").status_code == 200


def history(api: Api, s: dict[str, Any]) -> list[dict[str, Any]]:
    r = api.http.get(f"/api/sessions/{s['id']}/history", headers=api.auth(s["projector_token"]))
    assert r.status_code == 200
    found: list[dict[str, Any]] = r.json()
    return found


def test_roll_call_absence_is_not_a_veto(api: Api) -> None:
    # Res. 82 (25 June 1950): 9 in favour, Yugoslavia abstaining, the USSR absent; adopted
    # (S/PV.473). Absence is not a veto by the Council's practice since.
    s = api.create("1950-06-25", title="Complaint of aggression upon the Republic of Korea")
    codes = list(s["delegations"])
    r = api.http.put(
        f"/api/sessions/{s['id']}/roll-call",
        json={"present": [c for c in codes if c != "SUN"]},
        headers=api.auth(s["chair_token"]),
    )
    assert r.status_code == 200
    q = api.question(s, title="S/1501")
    api.open(s, q)
    assert api.vote(s, q, "SUN", "no").status_code == 409  # marked absent
    for code in codes:
        if code != "SUN":
            assert api.vote(s, q, code, "abstain" if code == "YUG" else "yes").status_code == 200
    state = api.state(s)
    assert state["questions"][0]["not_voted"] == []
    decision = api.close(s, q).json()
    assert decision["outcome"] == "adopted"
    assert decision["tally"] == "9-0-1" and decision["absent"] == 1
    assert any("absent" in note for note in decision["notes"])
    # No roll call while a vote is open.
    q2 = api.question(s)
    api.open(s, q2)
    r = api.http.put(
        f"/api/sessions/{s['id']}/roll-call",
        json={"present": codes},
        headers=api.auth(s["chair_token"]),
    )
    assert r.status_code == 409


def test_silence_is_counted_as_not_voting(api: Api) -> None:
    s = api.create()
    q = api.question(s)
    api.open(s, q)
    for code in list(s["delegations"])[:9]:
        api.vote(s, q, code, "yes")
    state = api.state(s)
    assert len(state["questions"][0]["not_voted"]) == 6
    decision = api.close(s, q).json()
    assert decision["yes"] == 9 and decision["not_voting"] == 6
    assert decision["outcome"] == "adopted"


def test_a_preset_council_voted_by_seat(api: Api) -> None:
    # Under "a veto needs two permanent members" one permanent no is not enough.
    s = api.create("veto-needs-two")
    assert "P-RUS" in s["delegations"]
    q1 = api.question(s)
    api.open(s, q1)
    api.vote_all(s, q1, {"P-RUS": "no"})
    one = api.close(s, q1).json()
    assert one["outcome"] == "adopted" and one["council"] == "veto-needs-two"
    q2 = api.question(s)
    api.open(s, q2)
    api.vote_all(s, q2, {"P-RUS": "no", "P-CHN": "no"})
    assert api.close(s, q2).json()["outcome"] == "vetoed"


def test_custom_delegations_under_a_dates_rule(api: Api) -> None:
    members = ["BRA", "DEU", "IND", "JPN", "ZAF", "NGA", "EGY", "MEX", "ARG", "IDN", "CHN",
               "FRA", "RUS", "GBR", "USA"]  # fmt: skip
    s = api.create("2023-08-30", members=members)
    state = api.state(s)
    vetoes = {d["code"] for d in state["delegations"] if d["veto"]}
    assert vetoes == {"CHN", "FRA", "RUS", "GBR", "USA"}
    q = api.question(s)
    api.open(s, q)
    api.vote_all(s, q, {"USA": "no"})
    assert api.close(s, q).json()["outcome"] == "vetoed"
    bad = api.http.post("/api/sessions", json={"council": "2023-08-30", "title": "t",
                                                "members": ["BRA"]})  # fmt: skip
    assert bad.status_code == 422 and bad.json()["field"] == "members"


def test_the_double_veto(api: Api) -> None:
    # The Czechoslovak question, 303rd meeting, 24 May 1948: the preliminary question "is the
    # draft procedural?" had 8 in favour with the USSR and the Ukrainian SSR against; the USSR's
    # no vetoed it, so the draft itself was non-procedural and open to a second veto.
    s = api.create("1948-05-24", title="The Czechoslovak question")
    draft = api.question(s, "draft", title="Draft resolution S/782")
    prelim = api.question(s, "preliminary", title="Is the draft procedural?", about=draft)
    assert api.open(s, draft).status_code == 409
    api.open(s, prelim)
    # Eight in favour, two against; the eleventh abstains here (the example's choice).
    api.vote_all(s, prelim, {"SUN": "no", "UKR": "no", "ARG": "abstain"})
    first = api.close(s, prelim).json()
    assert first["outcome"] == "vetoed" and first["tally"] == "8-2-1"
    assert first["matter"] == "preliminary"
    api.open(s, draft)
    api.vote_all(s, draft, {"SUN": "no", "UKR": "no"})
    second = api.close(s, draft).json()
    assert second["matter"] == "substantive" and second["outcome"] == "vetoed"
    assert second["vetoed_by"] == ["SUN"]


def test_a_preliminary_question_adopted_makes_the_question_procedural(api: Api) -> None:
    s = api.create("2023-08-30")
    motion = api.question(s, "draft", title="Invite a briefer")
    prelim = api.question(s, "preliminary", title="Procedural?", about=motion)
    api.open(s, prelim)
    api.vote_all(s, prelim, {})
    api.close(s, prelim)
    api.open(s, motion)
    api.vote_all(s, motion, {"RUS": "no", "CHN": "no"})
    decision = api.close(s, motion).json()
    assert decision["matter"] == "procedural" and decision["outcome"] == "adopted"


def test_export_in_the_records_shape(api: Api, server: Server) -> None:
    s = api.create("2023-08-30", title="Mali", agenda="The situation in Mali")
    q = api.question(s, title="S/2023/638")
    api.open(s, q)
    api.vote_all(s, q, {"RUS": "no", "CHN": "abstain"})
    api.close(s, q)
    pending = api.question(s)  # not exported: never voted
    assert pending == 2
    auth = api.auth(s["delegations"]["ALB"])
    drafts = api.http.get(f"/api/sessions/{s['id']}/export.json", headers=auth).json()
    assert len(drafts) == 1
    draft = drafts[0]
    # The record's draft fields (unsc draft --json), with the session as the source.
    for key in ("draft_id", "symbol", "date", "agenda", "title", "matter", "outcome", "yes",
                "no", "abstain", "not_voting", "absent", "vetoed_by", "votes", "members",
                "source"):  # fmt: skip
        assert key in draft
    assert draft["outcome"] == "vetoed" and draft["vetoed_by"] == ["RUS"]
    assert draft["votes"]["CHN"] == "abstain" and draft["source"] == f"session:{s['id']}"
    text = api.http.get(f"/api/sessions/{s['id']}/export.csv", headers=auth).text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 15
    assert set(VOTE_COLUMNS) <= set(rows[0])
    assert {r["member"]: r["vote"] for r in rows}["RUS"] == "no"
    assert {r["outcome"] for r in rows} == {"vetoed"}


def test_history_numbers_every_change(api: Api) -> None:
    s = api.create()
    q = api.question(s)
    api.open(s, q)
    api.vote(s, q, "JPN", "yes")
    api.close(s, q)
    events = history(api, s)
    assert [e["kind"] for e in events] == [
        "created", "question_added", "opened", "ballot", "closed",
    ]  # fmt: skip
    assert [e["seq"] for e in events] == [1, 2, 3, 4, 5]
    assert api.state(s)["seq"] == 5


def read_events(
    url: str,
    token: str,
    found: list[dict[str, Any]],
    stop: threading.Event,
    client: httpx.Client | None = None,
) -> None:
    with (
        client or httpx.Client(timeout=30) as http,
        http.stream("GET", url, headers={"Authorization": f"Bearer {token}"}) as r,
    ):
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        data = ""
        for line in r.iter_lines():
            if line.startswith("data:"):
                data = line[5:].strip()
            elif line == "" and data:
                found.append(json.loads(data))
                data = ""
            if stop.is_set():
                return


def test_the_live_channel_carries_every_change_to_every_screen(api: Api, server: Server) -> None:
    s = api.create()
    q = api.question(s)
    api.open(s, q)
    screens: list[list[dict[str, Any]]] = [[], [], []]
    stop = threading.Event()
    url = f"{server.url}/api/sessions/{s['id']}/events"
    tokens = [s["projector_token"], s["chair_token"], s["delegations"]["BRA"]]
    threads = [
        threading.Thread(target=read_events, args=(url, tok, seen, stop), daemon=True)
        for tok, seen in zip(tokens, screens, strict=True)
    ]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 10
    while any(not seen for seen in screens) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert all(seen and seen[0]["seq"] == 3 for seen in screens)  # the whole state first
    api.vote_all(s, q, {"RUS": "no"})
    decision = api.close(s, q).json()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not all(
        seen[-1]["questions"][0]["decision"] for seen in screens
    ):
        time.sleep(0.02)
    stop.set()
    api.vote(s, q, "BRA", "no")  # a last change so each reader wakes up and stops
    for seen in screens:
        last = seen[-1]
        assert last["questions"][0]["decision"] == decision
        seqs = [m["seq"] for m in seen]
        assert seqs == sorted(set(seqs))  # never backwards, never twice


def test_openapi_documents_the_routes_and_the_live_channel(api: Api) -> None:
    doc = api.http.get("/openapi.json").json()
    paths = doc["paths"]
    assert "post" in paths["/api/sessions"]
    assert "put" in paths["/api/sessions/{session_id}/questions/{question_id}/ballots/{code}"]
    events = paths["/api/sessions/{session_id}/events"]["get"]
    assert "text/event-stream" in events["responses"]["200"]["content"]
    assert "HTTPBearer" in json.dumps(doc["components"]["securitySchemes"])
