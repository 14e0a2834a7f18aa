"""The mock's front: an ASGI app in front of Prism.

Prism answers from the spec and validates requests; this layer does what Prism cannot: picks
the answer by id (mock/scenarios.py), speaks about the id asked for, moves state with time,
refuses a bad key, takes the key from the body, rate-limits on request, delays on request,
explains a 400, keeps a journal of what the app sent, serves the API reference at /docs,
owns CORS (credentials included), and refuses hostile requests before Prism sees them.
In proxy mode it only forwards, and counts the answers that break the spec.
"""

from __future__ import annotations

import asyncio
import collections
import json
import random
import re
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

import aiohttp
import yaml
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from mock.proxy import ProxyRequest, forward_to_upstream
from mock.scenarios import (
    Lifecycle,
    RateLimiter,
    apply_instance,
    apply_workers,
    edge_page,
    instance_scenario,
    is_bad_key,
    workers_scenario,
)
from tools.project import ROOT, SPEC_PATH

DOCS_ASSETS = ROOT / "node_modules" / "swagger-ui-dist"
MAX_BODY = 64 * 1024  # The API's bodies are {"id": N}; Prism slows down validating megabytes.
DRAIN_LIMIT = 16 * 1024 * 1024  # A refused body up to this size is read and dropped; a larger one ends the connection.
PRISM_TIMEOUT = 1.5  # Leaves time to answer within 2 s even when Prism stalls.
PROXY_TIMEOUT = 30.0  # A real server, behind the validating proxy, may take its time.
JOURNAL_SIZE = 200
WORKER_ROUTES = ("/get_endpoint_workers/", "/get_autogroup_workers/")
INSTANCE_ROUTE = re.compile(r"^/api/v0/instances/([^/]*)/$")
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "content-length", "host"}
_MEDIA_TYPE = re.compile(r"^\s*[\w.+*-]+/[\w.+*-]+\s*(;\s*[\w.+-]+\s*=\s*(\"[^\"]*\"|[\w.+/-]+)\s*)*$")


class Upstream(Protocol):
    """One Prism process (a mock, or a validating proxy), as the app reaches it (serve.Prism)."""

    port: int
    upstream: str | None  # The real server it proxies to, if any.

    def alive(self) -> bool: ...


@dataclass
class Settings:
    lifecycle_seconds: float = 30.0
    rate_limit: float | None = None  # Seconds between calls per route and key, as the live server.
    latency: tuple[float, float] = (0.0, 0.0)  # Seconds, fixed or a range.
    log: bool = True


@dataclass
class State:
    upstreams: dict[str, Upstream]  # "console" and "run"
    settings: Settings
    lifecycle: Lifecycle
    limiter: RateLimiter | None
    journal: collections.deque[dict[str, Any]] = field(default_factory=lambda: collections.deque(maxlen=JOURNAL_SIZE))
    checked: collections.Counter[str] = field(default_factory=collections.Counter)
    violations: collections.Counter[str] = field(default_factory=collections.Counter)
    client: aiohttp.ClientSession | None = None


@dataclass(frozen=True)
class Body:
    """A request's body as read, and as JSON when it is JSON: parsed once for every use."""

    raw: bytes = b""
    json: Any = None
    is_json: bool = False


def _error(code: str, message: str) -> dict[str, Any]:
    # The spec's error shape, so clients parse the mock's own answers like Prism's.
    return {"success": False, "error": code, "msg": message}


def _json(status: int, payload: Any, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(payload), status, headers, media_type="application/json")


def _log(message: str) -> None:
    print(f"[mock] {message}", file=sys.stderr, flush=True)


def _printable_ascii(raw: bytes) -> bool:
    return all(32 <= b <= 126 or b == 9 for b in raw)


def _redact(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: "***" if k.lower() == "api_key" else _redact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_redact(v) for v in value]
    return value


def create_app(state: State) -> Starlette:
    """The app; `state` holds the Prism ports, settings and what changes over time."""

    async def api(request: Request) -> Response:
        started = time.monotonic()
        response, body = await _answer(state, request)
        path = request.url.path
        if request.method != "OPTIONS" and not path.startswith("/__mock"):
            _record(state, request, body, response.status_code)
        if state.settings.log:
            _log(f"{request.method} {path} -> {response.status_code} ({(time.monotonic() - started) * 1000:.0f} ms)")
        return response

    async def journal(request: Request) -> Response:
        if request.method == "DELETE":
            state.journal.clear()
            return Response(status_code=204)
        return _json(200, {"requests": list(state.journal)})

    async def reset(request: Request) -> Response:
        state.lifecycle.reset()
        state.journal.clear()
        if state.limiter is not None:
            state.limiter.reset()
        return _json(200, {"reset": ["lifecycle", "journal", "rate limits"]})

    async def docs(request: Request) -> Response:
        return HTMLResponse(DOCS_PAGE)

    async def openapi(request: Request) -> Response:
        return _json(200, _spec_for_the_mock(str(request.base_url).rstrip("/")))

    @asynccontextmanager
    async def lifespan_client(app: Starlette) -> AsyncIterator[None]:
        # aiohttp's pooled client: measured twice as fast as httpx's async one in front of Prism.
        state.client = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=64), auto_decompress=False)
        yield
        await state.client.close()

    routes = [
        Route("/__mock/journal", journal, methods=["GET", "DELETE"]),
        Route("/__mock/reset", reset, methods=["POST"]),
        Route("/docs", docs, methods=["GET"]),
        Route("/docs/openapi.json", openapi, methods=["GET"]),
        Mount("/docs/assets", StaticFiles(directory=DOCS_ASSETS, check_dir=False)),
        Route("/{path:path}", api, methods=["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"]),
    ]
    # Any origin, with credentials: the origin is echoed, which browsers accept with credentials.
    cors = Middleware(
        CORSMiddleware,
        allow_origin_regex=".*",
        allow_credentials=True,
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=["*"],
        max_age=600,
    )
    return Starlette(routes=routes, middleware=[cors], lifespan=lifespan_client)


async def _answer(state: State, request: Request) -> tuple[Response, Body]:  # noqa: PLR0911 - one early answer per kind of bad request.
    """The answer, and the body read (for the journal)."""
    path = request.url.path
    instance = INSTANCE_ROUTE.match(path)
    if not instance and path not in WORKER_ROUTES:
        return _json(404, _error("not_found", f"No route {path}; see /docs.")), Body()
    allowed = "GET" if instance else "POST"
    if request.method == "OPTIONS":
        return Response(status_code=204, headers={"Allow": f"{allowed}, OPTIONS"}), Body()
    if request.method != allowed:
        return _json(405, _error("method_not_allowed", f"{request.method} is not allowed here."),
                     {"Allow": allowed}), Body()  # fmt: skip
    bad = next((name for name, value in request.headers.raw if not _printable_ascii(value)), None)
    if bad:
        return _json(400, _error("invalid_header", f"Header {bad.decode('latin-1')} must be printable ASCII.")), Body()
    raw = await _read_body(request)
    if isinstance(raw, Response):
        return raw, Body()
    body = _parse_body(request, raw)
    if isinstance(body, Response):
        return body, Body(raw)
    return await _dispatch(state, request, body, instance), body


async def _read_body(request: Request) -> bytes | Response:
    """The body, or a 413 for one above MAX_BODY (read to its end first: closing on an unread body resets
    the connection before the client reads the answer)."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > DRAIN_LIMIT:
            break
        if size <= MAX_BODY:
            chunks.append(chunk)
    if size > MAX_BODY:
        too_large = _error("payload_too_large", f"Bodies above {MAX_BODY} bytes are refused.")
        return _json(413, too_large, {"Connection": "close"})
    return b"".join(chunks)


def _parse_body(request: Request, raw: bytes) -> Body | Response:
    """The body, parsed when it says it is JSON; a 415 or 400 when it cannot be read."""
    content_type = request.headers.get("content-type")
    if content_type is not None and not all(_MEDIA_TYPE.match(part) for part in content_type.split(",")):
        return _json(415, _error("invalid_content_type", "Content-Type is not a media type."))
    if not raw or "json" not in (content_type or "application/json"):
        return Body(raw)
    try:
        return Body(raw, json.loads(raw), is_json=True)
    except RecursionError:
        return _json(400, _error("invalid_json", "The body is nested too deeply."))
    except ValueError:
        return _json(400, _error("invalid_json", "The body is not valid JSON."))


async def _dispatch(  # noqa: PLR0911 - one return per kind of answer.
    state: State, request: Request, body: Body, instance: re.Match[str] | None
) -> Response:
    host = "console" if instance else "run"
    upstream = state.upstreams[host]
    headers = {
        k: v
        for k, v in request.headers.items()
        if k.lower() not in HOP_BY_HOP and not k.lower().startswith("access-control")
    }
    accept = headers.get("accept")
    if accept is not None and not all(_MEDIA_TYPE.match(part) for part in accept.split(",")):
        del headers["accept"]  # An unreadable Accept means "anything", as most servers read it.
    if upstream.upstream:  # The validating proxy (mock/proxy.py): straight to the real server, never via Prism.
        assert state.client is not None
        sent = ProxyRequest(request.method, request.url.path, request.url.query, body.raw, headers)
        return await forward_to_upstream(state, state.client, upstream.upstream, sent)

    key = _key(headers, body)
    if is_bad_key(key):
        return _json(401, _error("auth_error", "Invalid user key"))
    if key is not None and "authorization" not in headers:
        headers["authorization"] = f"Bearer {key}"  # Vast's serverless client sends the key in the body.
    route = "show_instance" if instance else request.url.path
    if state.limiter is not None and key is not None and not state.limiter.allow(route, key):
        return Response(state.limiter.message(), 429, media_type="text/plain")
    ident = _ident(instance, body)
    user_prefer = headers.get("prefer")
    scenario = None
    if ident is not None and user_prefer is None:
        pick = instance_scenario if instance else workers_scenario
        scenario = pick(ident, state.lifecycle)
        if scenario.prefer:
            headers["prefer"] = scenario.prefer
            headers["accept"] = scenario.accept
    latency = random.uniform(*state.settings.latency) + (scenario.delay if scenario else 0.0)  # noqa: S311 - a delay.
    if latency:
        await asyncio.sleep(latency)
    if scenario is not None and scenario.edge_page:
        return HTMLResponse(edge_page(scenario.status), scenario.status)
    response = await _forward(state, upstream, request, body.raw, headers, proxy=False)
    if scenario is None or response.status_code != 200:
        return response
    try:
        answer = json.loads(bytes(response.body))
    except (ValueError, RecursionError):
        return response
    apply = apply_instance if instance else apply_workers
    assert ident is not None
    return _json(200, apply(answer, ident, scenario), _relayed(response))


def _key(headers: dict[str, str], body: Body) -> str | None:
    match = re.fullmatch(r"Bearer\s+(\S+)", headers.get("authorization", ""))
    if match:
        return match.group(1)
    key = body.json.get("api_key") if isinstance(body.json, dict) else None
    return key if isinstance(key, str) and key else None


def _ident(instance: re.Match[str] | None, body: Body) -> int | None:
    """The id asked for, when it is one the spec allows (else Prism answers the 400)."""
    if instance:
        text = instance.group(1)
        ident = int(text) if re.fullmatch(r"[1-9][0-9]{0,15}", text) else None
    else:
        value = body.json.get("id") if isinstance(body.json, dict) else None
        ident = value if isinstance(value, int) and not isinstance(value, bool) else None
    return ident if ident is not None and 1 <= ident <= 2**53 - 1 else None


async def _forward(
    state: State, upstream: Upstream, request: Request, body: bytes, headers: dict[str, str], *, proxy: bool
) -> Response:
    if not upstream.alive():
        return _json(503, _error("mock_restarting", "The mock is restarting; try again in a few seconds."))
    assert state.client is not None
    url = f"http://127.0.0.1:{upstream.port}{request.url.path}"
    if request.url.query:
        url += "?" + request.url.query
    timeout = aiohttp.ClientTimeout(total=PROXY_TIMEOUT if proxy else PRISM_TIMEOUT)
    try:
        async with state.client.request(
            request.method, url, data=body or None, headers=headers, timeout=timeout
        ) as answer:
            content = await answer.read()
    except (aiohttp.ClientError, TimeoutError) as exc:
        return _json(504, _error("mock_timeout", f"The mock did not answer in time ({type(exc).__name__})."))
    violations = answer.headers.get("sl-violations")
    status = answer.status
    if proxy:
        route = "/api/v0/instances/{id}/" if INSTANCE_ROUTE.match(request.url.path) else request.url.path
        state.checked[route] += 1
        if violations:
            state.violations[route] += 1
            _log(f"{request.method} {request.url.path} -> {status} does not match the spec: {violations}")
    elif status in (400, 422) and violations:
        return _json(400, _error("invalid_args", _explain(violations)))
    dropped = HOP_BY_HOP | {"date", "content-encoding"}
    relayed = {k.lower(): v for k, v in answer.headers.items() if k.lower() not in dropped
               and not k.lower().startswith("access-control")}  # fmt: skip
    if status == 429 and not proxy:
        relayed.pop("retry-after", None)  # Prism invents Retry-After: 0; the live server sends none.
    return Response(content, status, relayed)


def _relayed(response: Response) -> dict[str, str]:
    return {k: v for k, v in response.headers.items() if k.lower() not in ("content-length", "content-type")}


def _explain(violations: str) -> str:
    """Prism's violations of a request, as one readable line."""
    try:
        found = json.loads(violations)
    except (ValueError, RecursionError):
        return violations[:300]
    parts = []
    for violation in found if isinstance(found, list) else [found]:
        where = ".".join(str(p) for p in violation.get("path", [])) if isinstance(violation, dict) else ""
        message = violation.get("message", "") if isinstance(violation, dict) else str(violation)
        parts.append(f"{where}: {message}" if where else message)
    return "Invalid request: " + "; ".join(parts)[:300]


def _record(state: State, request: Request, body: Body, status: int) -> None:
    """The journal entry of a request: what the app sent, the key never written."""
    headers = {k: ("***" if k.lower() in ("authorization", "cookie") else v) for k, v in request.headers.items()}
    payload: Any = _redact(body.json) if body.is_json else (body.raw[:500].decode("utf-8", errors="replace") or None)
    state.journal.append({
        "time": round(time.time(), 3), "method": request.method, "path": request.url.path,
        "query": request.url.query, "headers": headers, "body": payload, "status": status,
    })  # fmt: skip


def _spec_for_the_mock(origin: str) -> dict[str, Any]:
    """The spec with every server pointed at the mock, so the reference page's "try it" calls it."""
    document: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text())
    document["servers"] = [{"url": origin, "description": "this mock"}]
    for item in document["paths"].values():
        item.pop("servers", None)
    return document


DOCS_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Vast API mock: reference</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="reference"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>
window.ui = SwaggerUIBundle({url: "/docs/openapi.json", dom_id: "#reference", tryItOutEnabled: true});
</script></body></html>
"""
