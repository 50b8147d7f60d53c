"""Schemathesis against /openapi.json: generated requests to every API route, no server error.

Bounded: a few examples per route and no deadline, so that it runs in seconds as part of
``make test``. The record routes run over the small generated record.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests.web.conftest import build_mini_record
from unsc.web import create_app


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> schemathesis.BaseSchema:
    db = build_mini_record(tmp_path_factory.mktemp("schema") / "record.sqlite")
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(db))


def test_no_server_error(api_schema: schemathesis.BaseSchema) -> None:
    # schemathesis's pytest plugin does not load under pytest 9, so each operation's Hypothesis
    # strategy is driven here directly.
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=15,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def run(case: schemathesis.Case) -> None:
            response = case.call()
            case.validate_response(response, checks=(not_a_server_error,))
            if response.status_code >= 400:
                body = response.json()
                assert set(body) == {"status", "code", "message", "field"}, body
                assert body["status"] == response.status_code

        run()


def test_schema_documents_every_api_route(api_schema: schemathesis.BaseSchema) -> None:
    paths = set(api_schema.raw_schema["paths"])
    for route in ("/api/decide", "/api/council", "/api/resolutions/{number}", "/api/vetoes"):
        assert route in paths
    assert not any(not p.startswith("/api/") for p in paths), paths


def test_mini_record_is_generated_not_copied(tmp_path: Path) -> None:
    db = build_mini_record(tmp_path / "r.sqlite")
    assert db.stat().st_size < 500_000


def test_every_api_route_is_documented(api_schema: schemathesis.BaseSchema) -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "http-api.md").read_text()
    missing = [
        f"{method.upper()} {path}"
        for path, item in api_schema.raw_schema["paths"].items()
        for method in item
        if f"`{method.upper()} {path}" not in docs
    ]
    assert missing == []
