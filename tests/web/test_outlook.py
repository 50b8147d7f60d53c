"""The month ahead over HTTP: /api/outlook/YYYY-MM and the page /outlook/YYYY-MM (real record)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from tests.web.conformance import assert_conforms
from tests.web.conftest import Client
from unsc.web.app import create_app

pytestmark = pytest.mark.slow  # builds the record and trains the vote model


@pytest.fixture(scope="module")
def real(record_db: Path) -> Client:
    return Client(create_app(record_db))


def test_the_api_gives_the_outlook_json(real: Client) -> None:
    r = real.get("/api/outlook/2023-06", params={"as_of": "2023-06-17"})
    assert r.status_code == 200, r.text
    assert_conforms(real, r, "/api/outlook/{month}")  # the schema generated from its types
    data = r.json()
    assert data["month"] == "2023-06" and data["as_of"] == "2023-06-17"
    minusma = next(m for m in data["mandates"] if m["mission"] == "MINUSMA")
    assert minusma["ends"] == "2023-06-30"
    assert minusma["host_position"] == "requests_withdrawal"
    for m in data["mandates"]:
        assert math.isclose(sum(m["courses"].values()), 1.0, abs_tol=1e-9)


def test_the_page_draws_the_courses(real: Client) -> None:
    r = real.get("/outlook/2023-06", params={"as_of": "2023-06-17"})
    assert r.status_code == 200, r.text
    assert "<svg" in r.text and "MINUSMA" in r.text and "requests withdrawal" in r.text


def test_a_bad_month_is_refused_with_the_one_error_shape(real: Client) -> None:
    r = real.get("/api/outlook/2023-13")
    assert r.status_code == 422
    assert r.json()["field"] == "month"
