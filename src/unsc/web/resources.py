"""One handler per web resource, serving its HTML page and its JSON from the same code.

A :class:`Resource` names its page path (``/resolutions/{number}``), its API path
(``/api/resolutions/{number}``), its parameters (:mod:`unsc.web.params`), the function that loads
its data and the function that lays that data out as a page. :func:`register` routes both
paths, and a ``.json`` suffix on the page path, to one handler, which picks the representation
as datasette does: JSON under ``/api/``, with a ``.json`` suffix, or when ``Accept`` asks for
``application/json`` and not for HTML; a page otherwise.

The handler parses the parameters once (a page refuses exactly what its API refuses, with the
same error), looks the answer up in the server's one cache (:mod:`unsc.web.cache`) under the
normalised key, and on a miss loads and encodes or renders it off the event loop: in the
threadpool, or for expensive resources in the bounded worker pool (:mod:`unsc.web.limits`).
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

import anyio.to_thread
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from unsc import jsonenc
from unsc.web import cache, limits, schemas
from unsc.web.errors import ERROR_RESPONSES, EXPENSIVE_RESPONSES, error_for, render
from unsc.web.limits import WorkerPool
from unsc.web.params import Param, Parsed, parse_all

Representation = Literal["json", "html"]
JSON = "application/json"
HTML = "text/html; charset=utf-8"


@dataclass(frozen=True, slots=True)
class Context:
    """What a resource's functions may read besides the parameters."""

    db: Path
    today: date
    #: The missions whose mandate chain holds each resolution (built once, from curated data).
    missions_by_resolution: Mapping[int, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Page:
    """A page: its template, title, JSON twin and what the template shows."""

    template: str
    title: str
    twin: str | None
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Resource:
    """A web resource: one set of parameters, one data function, a page and an API path."""

    name: str
    summary: str
    #: The answer's data; its return annotation is the type the API's response schema is
    #: generated from (:func:`response_schema`).
    load: Callable[[Context, Parsed], object]
    params: tuple[Param, ...] = ()
    api_path: str | None = None
    page_path: str | None = None
    page: Callable[[Context, Parsed, Any], Page] | None = None
    #: Before any work: a page address to go to instead (search goes straight to a resolution).
    redirect: Callable[[Parsed], str | None] | None = None
    #: Before any work: limits of size and consistency (raise InputError or TooLarge).
    check: Callable[[Parsed], None] | None = None
    #: The page's data when it differs from the JSON's (the simulator falls back to seats).
    page_load: Callable[[Context, Parsed], object] | None = None
    #: Parameters only the page reads (the simulator's agenda line); not in the API.
    page_params: tuple[Param, ...] = ()
    #: Fills parameters a page may leave out (the simulator takes today's Council by default).
    page_defaults: Callable[[Context, Parsed], Parsed] | None = None
    record: bool = False  # reads the record: the file's stamp is part of the cache key
    dated: bool = False  # its default is "today": the day is part of the cache key
    expensive: frozenset[str] = frozenset()  # representations computed in the worker pool
    time_limit: float | None = None  # seconds; None: limits.TIME_LIMIT
    description: str = ""


@dataclass
class Server:
    """The state the handlers share: settings, the one cache, the worker pool, readiness."""

    db: Path
    cache: cache.ResponseCache
    pool: WorkerPool
    today: Callable[[], date]
    render_page: Callable[[Page], bytes]
    missions_by_resolution: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    ready: bool = False
    inflight: dict[Hashable, asyncio.Future[tuple[bytes, str]]] = field(default_factory=dict)


def server(request: Request) -> Server:
    found = request.app.state.server
    assert isinstance(found, Server)
    return found


def representation(request: Request, api: bool) -> Representation:
    """JSON under ``/api/``, with a ``.json`` suffix or for ``Accept: application/json``."""
    if api or request.scope["path"].endswith(".json"):
        return "json"
    accept = request.headers.get("accept", "")
    if "application/json" in accept and "text/html" not in accept:
        return "json"
    return "html"


def _path_params(request: Request) -> dict[str, Any]:
    found = dict(request.path_params)
    if request.scope["path"].endswith(".json") and found:
        last = list(found)[-1]
        value = str(found[last])
        if value.endswith(".json"):
            found[last] = value[: -len(".json")]
    return found


async def handle(resource: Resource, request: Request, api: bool) -> Response:
    """Answer one request for ``resource``: parse, look up, compute off the loop, keep."""
    rep = representation(request, api)
    request.state.representation = rep
    srv = server(request)
    try:
        params = resource.params if rep == "json" else resource.params + resource.page_params
        args = parse_all(params, request.query_params, _path_params(request))
        today = srv.today()
        ctx = Context(srv.db, today, srv.missions_by_resolution)
        if rep == "html":
            if resource.redirect is not None:
                target = resource.redirect(args)
                if target is not None:
                    return RedirectResponse(target, status_code=303)
            if resource.page_defaults is not None:
                args = resource.page_defaults(ctx, args)
        if resource.check is not None:
            resource.check(args)
        key = (
            resource.name,
            rep,
            args.items,
            cache.stamp(srv.db) if resource.record else None,
            today if resource.dated else None,
        )
        hit = srv.cache.get(key)
        if hit is not None:
            return Response(hit[0], media_type=hit[1], headers={"x-unsc-cache": "hit"})

        def work() -> tuple[bytes, str]:
            try:
                load = resource.page_load if rep == "html" and resource.page_load else resource.load
                data = load(ctx, args)
                if rep == "json":
                    body, media = jsonenc.encode(data), JSON
                else:
                    assert resource.page is not None
                    body, media = srv.render_page(resource.page(ctx, args, data)), HTML
            except sqlite3.DatabaseError:
                cache.drop_connection(srv.db)  # reopened, and so re-read, on the next request
                raise
            srv.cache.put(key, body, media)
            return body, media

        # One computation per question at a time: a request for an answer already being
        # computed waits for that computation rather than starting another.
        pending = srv.inflight.get(key)
        if pending is None:
            if rep in resource.expensive:
                client = request.client.host if request.client else "unknown"
                limit = resource.time_limit or limits.TIME_LIMIT
                pending = asyncio.ensure_future(srv.pool.run(client, work, limit))
            else:
                pending = asyncio.ensure_future(anyio.to_thread.run_sync(work))
            srv.inflight[key] = pending
            pending.add_done_callback(lambda done: _settled(srv, key, done))
        body, media = await asyncio.shield(pending)
        return Response(body, media_type=media)
    except Exception as exc:  # every failure in the one shape; a 500 only for a bug
        return render(request, error_for(exc))


def _settled(srv: Server, key: Hashable, done: asyncio.Future[tuple[bytes, str]]) -> None:
    if srv.inflight.get(key) is done:
        del srv.inflight[key]
    if not done.cancelled():
        done.exception()  # retrieved, even when every asker has gone


def _endpoint(resource: Resource, api: bool) -> Callable[[Request], Any]:
    async def endpoint(request: Request) -> Response:
        response = await handle(resource, request, api)
        if not api:  # a page's path answers HTML or JSON by the Accept header (RFC 9110 12.5.5)
            response.headers["vary"] = "Accept"
        return response

    endpoint.__name__ = f"{'api' if api else 'page'}_{resource.name}"
    endpoint.__doc__ = resource.summary
    return endpoint


def _pattern(path: str, *, suffix: bool) -> re.Pattern[str]:
    """A route's path as a regular expression (``{x}`` one segment, ``{x:path}`` the rest)."""
    out = ""
    for literal, name, kind in re.findall(r"([^{]*)(?:\{(\w+)(?::(\w+))?\})?", path):
        out += re.escape(literal)
        if name:
            out += f"(?P<{name}>.+)" if kind == "path" else f"(?P<{name}>[^/]+)"
    if suffix:
        out += r"(?:\.json)?"
    return re.compile(out)


class Dispatch:
    """ASGI middleware: ``GET`` requests for a resource go straight to :func:`handle`.

    The same handler the routes call, without the framework's router and dependency machinery
    in between (they cost more than a cached answer does). Anything else, and every path that
    is not a resource's, goes on to the application (documentation, static files, errors).
    """

    def __init__(self, app: ASGIApp, resources: tuple[Resource, ...]) -> None:
        self.app = app
        self.routes: list[tuple[re.Pattern[str], Resource, bool]] = []
        for r in resources:
            if r.api_path is not None:
                self.routes.append((_pattern(r.api_path, suffix=False), r, True))
            if r.page_path is not None:
                fixed = "{" not in r.page_path and r.page_path != "/"
                self.routes.append((_pattern(r.page_path, suffix=fixed), r, False))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            path = scope["path"]
            for pattern, resource, api in self.routes:
                found = pattern.fullmatch(path)
                if found is not None:
                    scope["path_params"] = found.groupdict()
                    request = Request(scope, receive)
                    response = await handle(resource, request, api)
                    if not api:
                        response.headers["vary"] = "Accept"
                    await response(scope, receive, send)
                    return
        await self.app(scope, receive, send)


def response_schema(resource: Resource) -> dict[str, Any]:
    """The JSON schema of a resource's answer, generated from the type its ``load`` function
    returns (:mod:`unsc.web.schemas`)."""
    return schemas.returned_by(resource.load)


def register(router: APIRouter, resources: tuple[Resource, ...]) -> None:
    """Route each resource's API path (documented in the OpenAPI schema), its page path and
    its page path with ``.json``, all to :func:`handle`."""
    for r in resources:
        if r.api_path is not None:
            errors = EXPENSIVE_RESPONSES if r.expensive else ERROR_RESPONSES
            router.add_api_route(
                r.api_path,
                _endpoint(r, api=True),
                methods=["GET"],
                summary=r.summary,
                description=r.description,
                responses={
                    200: {
                        "description": r.summary,
                        "content": {JSON: {"schema": response_schema(r)}},
                    },
                    **errors,
                },
                openapi_extra={"parameters": [p.openapi() for p in r.params]},
                response_model=None,
                response_class=Response,
                tags=["api"],
            )
        if r.page_path is not None:
            page = _endpoint(r, api=False)
            router.add_api_route(r.page_path, page, methods=["GET"], include_in_schema=False)
            if "{" not in r.page_path and r.page_path != "/":
                router.add_api_route(
                    r.page_path + ".json", page, methods=["GET"], include_in_schema=False
                )
