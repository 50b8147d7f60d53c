"""Checking an API answer against the response schema that /openapi.json publishes for it."""

from __future__ import annotations

import json
from typing import Any

import httpx
import jsonschema_rs

from tests.web.conftest import Client
from unsc.web import api, outlook
from unsc.web.resources import Resource, _pattern


def resources() -> tuple[Resource, ...]:
    return (*api.resources(), *outlook.resources())


def operation_path(url: str) -> str:
    """The OpenAPI path of a resource's API URL (``/api/drafts/S/2023/638`` ->
    ``/api/drafts/{symbol}``)."""
    path = url.split("?")[0]
    for r in resources():
        if r.api_path and _pattern(r.api_path, suffix=False).fullmatch(path):
            return r.api_path.replace(":path", "")
    return path  # a route of its own (POST /api/forecast)


def response_schema(client: Client, path: str, method: str = "get") -> dict[str, Any]:
    doc = client.get("/openapi.json").json()
    found: dict[str, Any] = doc["paths"][path][method]["responses"]["200"]["content"][
        "application/json"
    ]["schema"]
    return found


def errors(schema: dict[str, Any], body: object) -> list[str]:
    """What is wrong with ``body`` under ``schema`` (empty when it conforms)."""
    found = jsonschema_rs.validator_for(schema).iter_errors(body)
    return [f"{'/'.join(map(str, e.instance_path))}: {e.message}" for e in found]


def assert_conforms(
    client: Client, response: httpx.Response, path: str, method: str = "get"
) -> None:
    assert response.status_code == 200, response.text[:500]
    problems = errors(response_schema(client, path, method), json.loads(response.content))
    assert problems == [], (path, problems[:5])
