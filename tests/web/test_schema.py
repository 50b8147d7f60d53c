"""Schemathesis against /openapi.json, with every check it has, at zero failures.

Two runs, both bounded so that they take seconds: schemathesis's Hypothesis strategies driven
in-process over the small generated record (positive and negative data, every check), and the
``schemathesis run`` command against a live server (every phase, including the coverage phase
that probes undeclared methods and missing parameters). Both read ``schemathesis.toml`` beside
this file, which says why a schema-valid request may be refused with 422.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.config import SchemathesisConfig
from schemathesis.generation import GenerationMode

from tests.web.conftest import build_mini_record
from tests.web.live import serving
from unsc.web import create_app

CONFIG = Path(__file__).with_name("schemathesis.toml")
ERROR_KEYS = {"status", "code", "message", "field"}


@pytest.fixture(scope="module")
def schema_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_mini_record(tmp_path_factory.mktemp("schema") / "record.sqlite")


@pytest.fixture(scope="module")
def api_schema(schema_db: Path) -> schemathesis.BaseSchema:
    config = SchemathesisConfig.from_path(CONFIG)
    return schemathesis.openapi.from_asgi(
        "/openapi.json", create_app(schema_db, warm=False), config=config
    )


def _all_checks() -> list[object]:
    load_all_checks()
    return [c for c in CHECKS.get_all() if not isinstance(c, type)]


def test_every_check_passes(api_schema: schemathesis.BaseSchema) -> None:
    # schemathesis's pytest plugin does not load under pytest 9, so each operation's Hypothesis
    # strategy is driven here directly.
    checks = _all_checks()
    assert len(checks) >= 12
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 15
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        for operation in operations:
            if mode is GenerationMode.POSITIVE and operation.method.upper() == "POST":
                continue  # a valid forecast trains the model: tests/web/test_forecast.py

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=25,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                derandomize=True,
                database=None,
            )
            def run(case: schemathesis.Case) -> None:
                response = case.call()
                case.validate_response(response, checks=checks)  # type: ignore[arg-type]
                if response.status_code >= 400:
                    body = response.json()
                    assert set(body) == ERROR_KEYS, body
                    assert body["status"] == response.status_code

            try:
                run()
            except Unsatisfiable:
                assert mode is GenerationMode.NEGATIVE  # no parameter to get wrong


def test_schemathesis_run_all_checks_all_phases(schema_db: Path, tmp_path: Path) -> None:
    st = Path(sys.executable).with_name("schemathesis")
    with serving(create_app(schema_db, warm=False)) as base:
        done = subprocess.run(
            [
                str(st),
                "--config-file",
                str(CONFIG),
                "run",
                f"{base}/openapi.json",
                "--checks",
                "all",
                "--phases",
                "examples,coverage,fuzzing",
                "--max-examples",
                "10",
                "--exclude-path",
                "/api/forecast",
                "--seed",
                "1",
                "--generation-database",
                "none",
                "--no-color",
            ],
            capture_output=True,
            text=True,
            timeout=600,
            cwd=tmp_path,  # its reports stay out of the working tree
        )
    assert done.returncode == 0, done.stdout[-4000:]
    assert "No issues found" in done.stdout or " passed" in done.stdout, done.stdout[-2000:]


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
