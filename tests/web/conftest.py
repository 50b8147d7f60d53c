"""Fixtures for the web tests: the application in-process, with and without a record database."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from unsc.web import create_app

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"


class Client:
    """A synchronous face on ``httpx.AsyncClient`` over ``ASGITransport`` (no server, no port)."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        async def go() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app, raise_app_exceptions=False)
            async with httpx.AsyncClient(transport=transport, base_url="http://unsc.test") as c:
                return await c.request(method, url, **kwargs)

        return asyncio.run(go())

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)


@pytest.fixture(scope="session")
def no_record_app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    """The application pointed at a record database that does not exist."""
    return create_app(tmp_path_factory.mktemp("empty") / "missing.sqlite")


@pytest.fixture(scope="session")
def bare(no_record_app: FastAPI) -> Client:
    """A client for the application without a record database."""
    return Client(no_record_app)


@pytest.fixture(scope="session")
def artifacts() -> Iterator[Path]:
    ARTIFACTS.mkdir(exist_ok=True)
    yield ARTIFACTS
