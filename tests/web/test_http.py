"""HTTP hardening and the one-handler rule: headers, HEAD, representations, one validation,
and API docs that work offline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.web.conftest import Client
from unsc.web import create_app

ERROR_KEYS = {"status", "code", "message", "field"}


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/api/council?date=2023-06-15",
        "/static/style.css",
        "/api/nope",
        "/?date=x",
        "/api/docs",
    ],
)
def test_security_headers_everywhere(bare: Client, url: str) -> None:
    r = bare.get(url)
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    csp = r.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    if r.status_code >= 400:
        assert r.headers["cache-control"] == "no-store"


def _sample(path: str) -> str:
    samples = {
        "{number}": "2640",
        "{symbol}": "S/2023/638",
        "{code}": "RUS",
        "{acronym}": "MINUSMA",
        "{path}": "style.css",
    }
    for name, value in samples.items():
        path = path.replace(name, value)
    return re.sub(r"\{[^}]+\}", "x", path)


def test_head_on_every_get_route(mini: Client) -> None:
    paths = set()

    def walk(routes: list[object], prefix: str = "") -> None:
        for route in routes:
            inner = getattr(route, "original_router", None)
            if inner is not None:
                walk(inner.routes, prefix)
                continue
            methods = getattr(route, "methods", None) or set()
            if "GET" in methods:
                paths.add(_sample(prefix + getattr(route, "path", "").replace(":path", "")))

    walk(mini.app.routes)
    paths |= {"/static/style.css", "/api/docs/assets/swagger-ui.css", "/search?q=mali"}
    assert len(paths) > 25
    for path in sorted(paths):
        get, head = mini.get(path), mini.request("HEAD", path)
        assert head.status_code == get.status_code, path
        assert head.content == b"", path
        assert head.headers.get("content-type") == get.headers.get("content-type"), path


@pytest.mark.parametrize(
    ("page", "api"),
    [
        ("/resolutions/2640", "/api/resolutions/2640"),
        ("/drafts/S/2023/638", "/api/drafts/S/2023/638"),
        ("/members/RUS", "/api/members/RUS"),
        ("/vetoes", "/api/vetoes/summary"),
        ("/missions", "/api/missions"),
        ("/minusma", "/api/minusma"),
        ("/search?q=mali", "/api/search?q=mali"),
        ("/power", "/api/power"),
    ],
)
def test_one_handler_three_ways_to_json(mini: Client, page: str, api: str) -> None:
    expected = mini.get(api).json()
    base, _, query = page.partition("?")
    suffixed = f"{base}.json" + (f"?{query}" if query else "")
    assert mini.get(suffixed).json() == expected
    accepted = mini.get(page, headers={"accept": "application/json"})
    assert accepted.headers["content-type"] == "application/json"
    assert accepted.json() == expected
    assert mini.get(page).headers["content-type"].startswith("text/html")
    assert mini.get(page).headers["vary"] == "Accept"


@pytest.mark.parametrize(
    ("page", "api", "field"),
    [
        ("/?date=2023-02-30", "/api/council?date=2023-02-30", "date"),
        ("/?date=%C2%B2023-01-01", "/api/council?date=%C2%B2023-01-01", "date"),
        ("/simulate?date=2023-08-30&no=XYZ", "/api/decide?date=2023-08-30&no=XYZ", "no"),
        (
            "/simulate?date=2023-08-30&matter=grave",
            "/api/decide?date=2023-08-30&matter=grave",
            "matter",
        ),
        ("/simulate?council=nope", "/api/decide?council=nope", "council"),
        ("/resolutions/0", "/api/resolutions/0", "number"),
        ("/resolutions/123456", "/api/resolutions/123456", "number"),
        ("/missions/MINUSMA?on=tomorrow", "/api/missions/MINUSMA?on=tomorrow", "on"),
        ("/search?q=", "/api/search?q=", "q"),
        ("/search?q=mali&limit=0", "/api/search?q=mali&limit=0", "limit"),
        ("/power?index=nope", "/api/power?index=nope", "index"),
        ("/power?compare=nope", "/api/power?compare=nope", "compare"),
    ],
)
def test_a_page_refuses_what_its_api_refuses(mini: Client, page: str, api: str, field: str) -> None:
    # Before: pages and API routes validated separately, and a page accepted what the API
    # refused (e.g. /resolutions/0).
    a = mini.get(api)
    assert a.status_code == 422 and set(a.json()) == ERROR_KEYS and a.json()["field"] == field
    p = mini.get(page)
    assert p.status_code == 422, page
    text = BeautifulSoup(p.text, "html.parser").get_text()
    assert a.json()["message"] in text and field in text


def test_api_docs_work_offline(bare: Client) -> None:
    # Before: /api/docs loaded Swagger UI from a CDN and was blank without internet.
    r = bare.get("/api/docs")
    assert r.status_code == 200
    page = BeautifulSoup(r.text, "html.parser")
    assets = [t["src"] for t in page.select("script[src]")]
    assets += [t["href"] for t in page.select("link[href]")]
    assert len(assets) >= 3
    for url in assets:
        assert url.startswith("/") and not url.startswith("//"), url
        asset = bare.get(url)
        assert asset.status_code == 200 and len(asset.content) > 100, url
    assert "inline" not in r.text and "<script>" not in r.text  # no inline script
    assert "http://" not in r.text and "https://" not in r.text
    assert bare.get("/openapi.json").json()["openapi"].startswith("3.")


def test_openapi_formats_match_the_parsers(bare: Client) -> None:
    schema = bare.get("/openapi.json").json()
    due = {
        p["name"]: p["schema"]["anyOf"]  # the value, or empty for the default
        for p in schema["paths"]["/api/mandates/due"]["get"]["parameters"]
    }
    assert due["on"][0]["format"] == "date" and due["on"][0]["pattern"].startswith("^[0-9]{4}")
    assert due["within"][0] == {"type": "integer", "minimum": 0, "maximum": 3650}
    assert due["on"][1] == due["within"][1] == {"type": "string", "maxLength": 0}
    decide = schema["paths"]["/api/decide"]["get"]
    ok = decide["responses"]["200"]["content"]["application/json"]["schema"]
    assert {"outcome", "tally", "vetoed_by", "votes"} <= set(ok["properties"])
    assert ok["properties"]["outcome"]["enum"] == ["adopted", "vetoed", "failed"]
    assert {"404", "422", "500", "503"} <= set(decide["responses"])


def test_one_json_encoder(tmp_path: Path) -> None:
    import json
    from datetime import date
    from fractions import Fraction

    from unsc import jsonenc
    from unsc.cli._output import dumps
    from unsc.types import Vote

    value = {"on": date(2023, 6, 30), "p": Fraction(421, 2145), "s": {"b", "a"}, "v": Vote.NO}
    assert json.loads(dumps(value)) == json.loads(jsonenc.encode(value))
    assert json.loads(jsonenc.encode(value)) == {
        "on": "2023-06-30",
        "p": "421/2145",
        "s": ["a", "b"],
        "v": "no",
    }
    with pytest.raises(TypeError):
        jsonenc.encode({"x": object()})
    # JSON has no NaN (RFC 8259): an undefined number is null, in the CLI and the API alike
    assert json.loads(jsonenc.encode({"auc": float("nan"), "x": [float("inf"), 1.5]})) == {
        "auc": None,
        "x": [None, 1.5],
    }
    assert json.loads(dumps({"auc": float("nan")})) == {"auc": None}


def test_the_app_starts_without_warm_up(tmp_path: Path) -> None:
    client = Client(create_app(tmp_path / "none.sqlite", warm=False))
    assert client.get("/healthz").status_code == 200
