"""The API's response schemas are generated from the types that produce the answers, and the
answers conform to them (issue 13, item 3).

Checks that fail when a type and its answer drift apart: every resource's real answers over
the small record validate against the closed schema /openapi.json publishes (a key added to an
answer without its type, or a key of the type the answer lacks, is an error); every field of
the record's values is in its schema, for values Hypothesis builds; the record's query rows
are their values exactly (no key without a field, the same JSON back); and every field of a
value whose to_dict() reshapes it is sent, or said to be sent otherwise.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import types
import typing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.web.conformance import assert_conforms, errors, operation_path, resources
from tests.web.conftest import Client
from unsc import jsonenc
from unsc.record import query
from unsc.record.db import connect
from unsc.record.values import (
    Agreement,
    CastVote,
    Draft,
    DraftSummary,
    MemberVote,
    RecordValue,
    Resolution,
    SearchHit,
    Veto,
    VetoCount,
    YearStats,
)
from unsc.rules import Decision
from unsc.web.schemas import schema_of

#: One or more URLs per resource of the API, over the small generated record (the outlook,
#: which trains the vote model on the real record, is checked in test_outlook.py).
URLS = (
    "/api/decide?date=2023-08-30&no=RUS&abstain=CHN",
    "/api/decide?council=g4-2005&no=P-RUS&matter=procedural",
    "/api/council?date=2023-08-30",
    "/api/council?council=g4-2005",
    "/api/presets",
    "/api/resolutions/2690",
    "/api/resolutions/2640",
    "/api/drafts/S/2023/638",
    "/api/vetoes",
    "/api/vetoes/summary",
    "/api/members/RUS",
    "/api/members/RUS/votes?since=2022",
    "/api/agreement?member=RUS&with=CHN",
    "/api/stats",
    "/api/search?q=Mali",
    "/api/missions",
    "/api/missions/MINUSMA?on=2023-06-01",
    "/api/missions/UNFICYP?on=2020-01-01",
    "/api/mandates/due?on=2023-06-01&within=90",
    "/api/minusma",
    "/api/power?compare=council-1966,g4-2005&index=banzhaf",
    "/api/power?council=g4-2005&exact=true",
    "/api/power?council=eu27",
)
SLOW_ELSEWHERE = {"outlook"}


def _typed(schema: dict[str, Any]) -> bool:
    """Whether a schema says what the answer holds (not a bare object or an empty schema)."""
    if "anyOf" in schema:
        return all(_typed(s) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return _typed(schema.get("items", {}))
    return schema.get("type") == "object" and "properties" in schema


#: The operations whose answer is not a JSON document, and what it is instead.
NOT_JSON = {
    "GET /api/sessions/{session_id}/events": "text/event-stream: server-sent events",
    "GET /api/sessions/{session_id}/export.csv": "text/csv: one row per delegation's vote",
}


def _json_schemas(op: dict[str, Any]) -> list[dict[str, Any]]:
    """The schemas of an operation's success answers in a JSON media type (application/json,
    or a type with RFC 6839's +json suffix, such as a session's state)."""
    return [
        media["schema"]
        for status, response in op["responses"].items()
        if status.startswith("2")
        for name, media in response.get("content", {}).items()
        if name == "application/json" or name.endswith("+json")
    ]


def test_every_json_resource_has_a_schema_of_its_fields(mini: Client) -> None:
    doc = mini.get("/openapi.json").json()
    operations = {
        f"{method.upper()} {path}": op
        for path, item in doc["paths"].items()
        for method, op in item.items()
    }
    assert len([name for name in operations if name.startswith(("POST", "PUT"))]) >= 7
    untyped = [
        name
        for name, op in operations.items()
        if name not in NOT_JSON
        and not (_json_schemas(op) and all(_typed(s) for s in _json_schemas(op)))
    ]
    assert untyped == []
    assert set(NOT_JSON) <= set(operations)
    for name, what in NOT_JSON.items():  # documented as what they are, not as JSON
        media = what.split(":")[0]
        assert _json_schemas(operations[name]) == []
        assert media in operations[name]["responses"]["200"]["content"], name


def test_the_urls_cover_every_resource() -> None:
    covered = {operation_path(url) for url in URLS}
    wanted = {
        r.api_path.replace(":path", "")
        for r in resources()
        if r.api_path and r.name not in SLOW_ELSEWHERE
    }
    assert wanted - covered == set()


@pytest.mark.parametrize("url", URLS)
def test_each_answer_conforms_to_its_schema(mini: Client, url: str) -> None:
    assert_conforms(mini, mini.get(url), operation_path(url))


def test_a_key_the_type_does_not_declare_is_an_error(mini: Client) -> None:
    # the check can fail: the answer with one key more, or one key less, does not conform
    body = mini.get("/api/resolutions/2690").json()
    schema = mini.get("/openapi.json").json()["paths"]["/api/resolutions/{number}"]["get"]
    schema = schema["responses"]["200"]["content"]["application/json"]["schema"]
    assert errors(schema, body) == []
    assert errors(schema, {**body, "undeclared": 1}) != []
    del body["board"]["agrees"]
    assert errors(schema, body) != []


# --- the record's values ---------------------------------------------------------------------

VALUES: tuple[type[RecordValue], ...] = (
    MemberVote,
    DraftSummary,
    Resolution,
    Draft,
    Veto,
    VetoCount,
    CastVote,
    Agreement,
    YearStats,
    SearchHit,
)
FINITE = st.floats(allow_nan=False, allow_infinity=False)


def _values(cls: type[RecordValue]) -> st.SearchStrategy[RecordValue]:
    """Values of ``cls`` with any field values, floats finite (JSON has no NaN), no extra
    (here or in the values it holds)."""
    hints = typing.get_type_hints(cls)
    floats: dict[str, st.SearchStrategy[Any]] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        hint = hints[f.name]
        if hint is float:
            floats[f.name] = FINITE
        elif isinstance(hint, types.UnionType) and float in typing.get_args(hint):
            floats[f.name] = st.none() | FINITE
        elif typing.get_origin(hint) is tuple and typing.get_args(hint)[0] in VALUES:
            inner = _values(typing.get_args(hint)[0])
            floats[f.name] = st.lists(inner, max_size=3).map(tuple)
    return st.builds(cls, extra=st.just({}), **floats)


def _sent_names(cls: type[RecordValue]) -> list[str]:
    back = {field: key for key, field in cls._RENAMED.items()}
    return [back.get(f.name, f.name) for f in dataclasses.fields(cls) if f.name != "extra"]  # type: ignore[arg-type]


@pytest.mark.parametrize("cls", VALUES, ids=lambda c: c.__name__)
def test_every_field_of_a_value_is_in_its_schema(cls: type[RecordValue]) -> None:
    schema = schema_of(cls)
    assert list(schema["properties"]) == _sent_names(cls)
    assert schema["required"] == _sent_names(cls)
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize("cls", VALUES, ids=lambda c: c.__name__)
def test_a_values_json_conforms_to_its_schema(cls: type[RecordValue]) -> None:
    schema = schema_of(cls)

    @given(_values(cls))
    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    def run(value: RecordValue) -> None:
        body = json.loads(jsonenc.encode(value))
        assert list(body) == _sent_names(cls)
        assert errors(schema, body) == []

    run()


def test_decision_sends_every_field_and_its_tally() -> None:
    schema = schema_of(Decision)
    fields = [f.name for f in dataclasses.fields(Decision)]
    assert set(schema["properties"]) == {*fields, "tally"}


def _json(value: object) -> object:
    return json.loads(jsonenc.encode(value))


def test_the_record_queries_answer_their_values_exactly(mini_db: Path) -> None:
    conn = connect(mini_db)
    try:
        rows: list[tuple[type[RecordValue], dict[str, Any]]] = [
            (Resolution, query.resolution(conn, 2690)),
            (Resolution, query.resolution(conn, 2640)),
            (Draft, query.draft(conn, "S/2023/638")),
            *((Veto, r) for r in query.vetoes(conn)),
            *((VetoCount, r) for r in query.veto_counts(conn)),
            *((CastVote, r) for r in query.member_votes(conn, "RUS")),
            *((Agreement, r) for r in query.agreement(conn, "RUS", "CHN")),
            *((YearStats, r) for r in query.stats_by_year(conn)),
            *((SearchHit, r) for r in query.search(conn, "Mali")),
        ]
    finally:
        conn.close()
    assert {cls for cls, _ in rows} == set(VALUES) - {MemberVote, DraftSummary}
    for cls, row in rows:
        value = cls.from_dict(row)
        assert getattr(value, "extra") == {}, (cls.__name__, getattr(value, "extra"))  # noqa: B009
        assert _json(value) == _json(row), cls.__name__
        assert errors(schema_of(cls), _json(row)) == [], cls.__name__


# --- the values whose to_dict() reshapes them ------------------------------------------------

#: The modules of the values the API sends through a to_dict() annotated with a TypedDict.
MODULES = (
    "unsc.council",
    "unsc.membership",
    "unsc.rules.decision",
    "unsc.missions.models",
    "unsc.missions.chain",
    "unsc.missions.consent",
    "unsc.missions.lifecycle",
    "unsc.missions.due",
    "unsc.missions.options",
    "unsc.missions.case_minusma",
    "unsc.power.compare",
    "unsc.outlook.build",
    "unsc.forecast.draft",
    "unsc.forecast.outcome",
    "unsc.forecast.scenarios",
    "unsc.sessions.model",
    "unsc.sessions.store",
)

#: The fields a value's to_dict() does not send under their own name, and what becomes of them.
NOT_SENT_AS_ITSELF: dict[str, dict[str, str]] = {
    "unsc.council.CouncilConfig": {"source": "the presets file it was read from: not sent"},
    "unsc.membership.Member": {"seat_id": "sent as seat"},
    "unsc.missions.models.Mission": {
        "periodic": "sent as periodic_renewal",
        "curated_through": "when its curated rows were checked: the view's curated_through",
    },
    "unsc.missions.models.MandateResolution": {"mission": "listed under its mission"},
    "unsc.missions.models.Phase": {"mission": "listed under its mission"},
    "unsc.missions.chain.MandateChain": {
        "mission": "sent as acronym",
        "entries": "sent as resolutions",
    },
    "unsc.missions.consent.PositionSpan": {"event": "its title sent as title"},
    "unsc.missions.due.DueMandate": {
        "rollover": "sent as set_by.technical_rollover",
        "host": "sent as host_position",
    },
    "unsc.missions.options.DraftOption": {"number": "sent as option"},
    "unsc.missions.case_minusma.Replay": {"decision": "its outcome, tally, explanation sent"},
    "unsc.missions.case_minusma.OptionAssessment": {"members": "in the sentence needed"},
    "unsc.missions.case_minusma.MinusmaCase": {
        "events": "sent as consent_events",
        "recorded": "sent as decision.recorded",
        "without_decision": "sent as decision.without_decision",
    },
    "unsc.outlook.build.VoteOutlook": {"forecast": "its draft and outcome sent"},
    "unsc.outlook.build.MandateOutlook": {
        "decision": "sent as ends, set_by and host_position",
        "chain": "sent as history",
        "votes": "sent as vote (the likeliest course) and votes_by_course",
    },
    "unsc.outlook.build.VetoWarning": {"forecast": "its date, sponsors and outcome sent"},
    "unsc.outlook.build.Outlook": {"warnings": "sent as veto_warnings"},
    "unsc.forecast.draft.Forecast": {
        "rule": "sent as quota and veto_holders",
        "mixture": "sent as contested",
    },
    "unsc.forecast.outcome.MemberForecast": {"code": "the key it is sent under"},
    "unsc.sessions.model.SessionCouncil": {"on": "sent as date"},
    "unsc.sessions.store.Viewer": {"session_id": "the session it was presented to: not sent"},
    "unsc.forecast.scenarios.Pivot": {
        "code": "sent as member",
        "most_likely": "sent as most_likely_outcome_if",
    },
}


def _reshaped() -> dict[str, tuple[type, set[str]]]:
    """Each dataclass of MODULES whose to_dict() returns a TypedDict, with that dict's keys."""
    found: dict[str, tuple[type, set[str]]] = {}
    for name in MODULES:
        module = importlib.import_module(name)
        for obj in vars(module).values():
            if not (isinstance(obj, type) and dataclasses.is_dataclass(obj)):
                continue
            if obj.__module__ != name or not hasattr(obj, "to_dict"):
                continue
            returns = typing.get_type_hints(obj.to_dict).get("return")
            if returns is not None and typing.is_typeddict(returns):
                keys = set(typing.get_type_hints(returns))
                found[f"{name}.{obj.__qualname__}"] = (obj, keys)
    return found


def test_every_field_of_a_reshaped_value_is_sent() -> None:
    found = _reshaped()
    assert len(found) >= 25
    for name, (cls, keys) in found.items():
        apart = NOT_SENT_AS_ITSELF.get(name, {})
        fields = {f.name for f in dataclasses.fields(cls)}
        assert fields - keys == set(apart), name  # a field neither sent nor accounted for
        assert set(apart) <= fields, name  # the table names only real fields
    assert set(NOT_SENT_AS_ITSELF) <= set(found)
