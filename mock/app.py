"""The mock's front: an ASGI app in front of Prism.

Prism answers from the spec and validates requests; this layer does what Prism cannot: checks
the key first, keeps one world per key (mock/worlds.py), serves the answers a test set at
runtime (mock/answers.py) or picks the answer by id (mock/scenarios.py), speaks about the id
asked for, breaks connections on demand (mock/faults.py), delays every answer on request,
explains a 400, keeps a journal of what the app sent and what it got (mock/journal.py), serves
the admin API under /__mock/ (mock/admin.py) and the API reference at /docs, owns CORS
(credentials included), and refuses hostile requests before Prism sees them.
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
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

from mock.admin import admin_routes
from mock.answers import RuntimeAnswer, pick
from mock.faults import TRANSPORT, FaultResponse, transport_of
from mock.journal import Sequence, answer_for_journal, body_for_journal, now, redact_headers, redact_query, scrub
from mock.keys import read_key
from mock.proxy import ProxyRequest, forward_to_upstream
from mock.scenarios import (
    Scenario,
    apply_instance,
    apply_workers,
    edge_page,
    instance_scenario,
    is_bad_key,
    workers_scenario,
)
from mock.worlds import Worlds, scope_of
from tools.project import ROOT, SPEC_PATH, read_yaml
from vast_wrapper import MAX_ID

DOCS_ASSETS = ROOT / "node_modules" / "swagger-ui-dist"
MAX_BODY = 64 * 1024  # The API's bodies are {"id": N}; Prism slows down validating megabytes.
DRAIN_LIMIT = 16 * 1024 * 1024  # A refused body up to this size is read and dropped; a larger one ends the connection.
PRISM_TIMEOUT = 1.5  # Leaves time to answer within 2 s even when Prism stalls.
WORKER_ROUTES = ("/get_endpoint_workers/", "/get_autogroup_workers/")
INSTANCE_ROUTE = re.compile(r"^/api/v0/instances/([^/]*)/$")
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "content-length", "host"}
_MEDIA_TYPE = re.compile(r"^\s*[\w.+*-]+/[\w.+*-]+\s*(;\s*[\w.+-]+\s*=\s*(\"[^\"]*\"|[\w.+/-]+)\s*)*$")
pause = asyncio.sleep  # Every delay of an answer goes through here: tests replace it and never really wait.
ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"]


class Upstream(Protocol):
    """One Prism process (a mock, or a validating proxy), as the app reaches it (serve.Prism)."""

    port: int
    upstream: str | None  # The real server it proxies to, if any.

    def alive(self) -> bool: ...


@dataclass
class MockSettings:
    """What `make mock` was started with (MOCK_LIFECYCLE, MOCK_RATE_LIMIT, MOCK_LATENCY)."""

    lifecycle_seconds: float = 30.0
    rate_limit: float | None = None  # Seconds between calls per route and key, as the live server.
    latency: tuple[float, float] = (0.0, 0.0)  # Seconds, fixed or a range.
    log: bool = True


@dataclass
class MockState:
    """The running mock: its Prism upstreams, settings, every key's world, and the proxy's counts."""

    upstreams: dict[str, Upstream]  # "console" and "run"
    settings: MockSettings
    worlds: Worlds = field(init=False)
    sequence: Sequence = field(default_factory=Sequence)
    checked: collections.Counter[str] = field(default_factory=collections.Counter)
    violations: collections.Counter[str] = field(default_factory=collections.Counter)
    client: aiohttp.ClientSession | None = None

    def __post_init__(self) -> None:
        self.worlds = Worlds(self.settings.lifecycle_seconds, self.settings.rate_limit)


@dataclass(frozen=True)
class Body:
    """A request's body as read, and as JSON when it is JSON: parsed once for every use."""

    raw: bytes = b""
    json: Any = None
    is_json: bool = False


@dataclass
class Outcome:
    """One API call as the journal records it."""

    response: Response
    body: Body = field(default_factory=Body)
    key: str | None = None
    operation: str | None = None
    ident: int | None = None
    runtime: RuntimeAnswer | None = None
    delay: float = 0.0


def _error(code: str, message: str) -> dict[str, Any]:
    # The spec's error shape, so clients parse the mock's own answers like Prism's.
    return {"success": False, "error": code, "msg": message}


def _json(status: int, payload: Any, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(payload), status, headers, media_type="application/json")


def _log(message: str) -> None:
    print(f"[mock] {message}", file=sys.stderr, flush=True)


def _printable_ascii(raw: bytes) -> bool:
    return all(32 <= b <= 126 or b == 9 for b in raw)


class MockApp(Starlette):
    """The app, which keeps the connection's transport in the scope: mock/faults.py resets it on demand."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        transport = transport_of(send)  # Before the middleware wraps `send`.
        if transport is not None:
            scope[TRANSPORT] = transport
        await super().__call__(scope, receive, send)


def create_app(state: MockState) -> Starlette:
    """The app; `state` holds the Prism ports, settings and every key's world."""

    async def api(request: Request) -> Response:
        started = time.monotonic()
        outcome = await _answer(state, request)
        low, high = state.settings.latency
        delay = random.uniform(low, high) + outcome.delay  # noqa: S311 - a delay, not a secret.
        if delay and request.method != "OPTIONS":
            await pause(delay)  # Every answer: a rejected key and a 429 take as long as the others.
        if request.method != "OPTIONS":
            _record(state, request, outcome)
        if state.settings.log:
            took = (time.monotonic() - started) * 1000
            _log(f"{request.method} {request.url.path} -> {outcome.response.status_code} ({took:.0f} ms)")
        return outcome.response

    async def docs(request: Request) -> Response:
        return HTMLResponse(DOCS_PAGE)

    async def openapi(request: Request) -> Response:
        return _json(200, _spec_for_the_mock(str(request.base_url).rstrip("/")))

    @asynccontextmanager
    async def lifespan_client(app: Starlette) -> AsyncIterator[None]:
        # aiohttp's pooled client: measured twice as fast as httpx's async one in front of Prism.
        # A test may hand its own (a fake Prism) in the state: it is kept.
        own = state.client is None
        if own:
            state.client = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=64), auto_decompress=False)
        yield
        if own and state.client is not None:
            await state.client.close()

    routes = [
        *admin_routes(state),
        Route("/docs", docs, methods=["GET"]),
        Route("/docs/openapi.json", openapi, methods=["GET"]),
        Mount("/docs/assets", StaticFiles(directory=DOCS_ASSETS, check_dir=False)),
        Route("/{path:path}", api, methods=ALL_METHODS),
    ]
    # Any origin, with credentials: the origin is echoed, which browsers accept with credentials.
    # Every method: the admin API (DELETE /__mock/journal ...) is called from test pages too.
    cors = Middleware(
        CORSMiddleware,
        allow_origin_regex=".*",
        allow_credentials=True,
        allow_methods=ALL_METHODS,
        allow_headers=["*"],
        expose_headers=["*"],
        max_age=600,
    )
    return MockApp(routes=routes, middleware=[cors], lifespan=lifespan_client)


async def _answer(state: MockState, request: Request) -> Outcome:  # noqa: PLR0911 - one early answer per kind of bad request.
    path = request.url.path
    instance = INSTANCE_ROUTE.match(path)
    if not instance and path not in WORKER_ROUTES:
        return Outcome(_json(404, _error("not_found", f"No route {path}; see /docs.")))
    allowed = "GET" if instance else "POST"
    if request.method == "OPTIONS":
        return Outcome(Response(status_code=204, headers={"Allow": f"{allowed}, OPTIONS"}))
    if request.method != allowed:
        refused = _json(405, _error("method_not_allowed", f"{request.method} is not allowed here."), {"Allow": allowed})
        return Outcome(refused)
    # A key that cannot be a key is a rejected key (401, below), not a header error.
    bad = next((n for n, v in request.headers.raw if n != b"authorization" and not _printable_ascii(v)), None)
    if bad:
        return Outcome(_json(400, _error("invalid_header", f"Header {bad.decode('latin-1')} must be printable ASCII.")))
    raw = await _read_body(request)
    if isinstance(raw, Response):
        return Outcome(raw)
    body = _parse_body(request, raw, json_required=not instance)
    if isinstance(body, Response):
        return Outcome(body, Body(raw))
    return await _dispatch(state, request, body, instance)


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


def _parse_body(request: Request, raw: bytes, *, json_required: bool) -> Body | Response:
    """The body, parsed when it says it is JSON; a 415 or 400 when it cannot be read."""
    content_type = request.headers.get("content-type")
    if content_type is not None and not all(_MEDIA_TYPE.match(part) for part in content_type.split(",")):
        return _json(415, _error("invalid_content_type", "Content-Type is not a media type."))
    if raw and json_required and "json" not in (content_type or "application/json"):
        # Say what is wrong: the body (and any key in it) cannot be read as sent.
        message = f"The body must be JSON sent with Content-Type: application/json, not {content_type}."
        return _json(400, _error("invalid_args", message))
    if not raw or "json" not in (content_type or "application/json"):
        return Body(raw)
    try:
        return Body(raw, json.loads(raw), is_json=True)
    except RecursionError:
        return _json(400, _error("invalid_json", "The body is nested too deeply."))
    except ValueError:
        return _json(400, _error("invalid_json", "The body is not valid JSON."))


async def _dispatch(state: MockState, request: Request, body: Body, instance: re.Match[str] | None) -> Outcome:
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
        return Outcome(await forward_to_upstream(state, state.client, upstream.upstream, sent), body)

    authorization = next((v for n, v in request.headers.raw if n == b"authorization"), None)
    key, usable = read_key(authorization, body.json)
    operation = "show_instance" if instance else request.url.path.strip("/")
    ident = _ident(instance, body)
    outcome = Outcome(Response(), body, key, operation, ident)
    # Auth before anything else: no key, or one that cannot be or is refused, is the spec's 401.
    if not usable or key is None or is_bad_key(key):
        outcome.response = _json(401, _error("auth_error", "Invalid user key"))
        return outcome
    headers["authorization"] = f"Bearer {key}"  # For Prism, whichever way the key came.
    world = state.worlds.of(key)
    if world.limiter is not None and not world.limiter.allow(operation, key):
        outcome.response = Response(world.limiter.message(), 429, media_type="text/plain")
        return outcome
    runtime = pick(world.answers, operation, ident) if ident is not None else None
    outcome.runtime = runtime
    if runtime is not None and not runtime.fault and runtime.scenario is None:
        outcome.response = Response(runtime.content, runtime.status, runtime.headers)
        outcome.delay = runtime.seconds  # For a status answer, `seconds` is a delay.
        return outcome
    scenario = runtime.scenario if runtime is not None else None
    if scenario is None and ident is not None and headers.get("prefer") is None:
        scenario = (instance_scenario if instance else workers_scenario)(ident, world.lifecycle)
    fault, seconds = (scenario.fault, scenario.fault_seconds) if scenario else ("", 0.0)
    if runtime is not None and runtime.fault:
        fault, seconds = runtime.fault, runtime.seconds
    if fault in ("hang", "reset"):
        outcome.response = FaultResponse(fault, b"", 200, {}, seconds)
        return outcome
    outcome.delay = (scenario.delay if scenario else 0.0) + (runtime.seconds if runtime and not fault else 0.0)
    response = await _scenario_answer(
        state, request, body=body, headers=headers, instance=instance, ident=ident, scenario=scenario
    )
    outcome.response = _fault(fault, response, seconds) if fault else response
    return outcome


def _fault(fault: str, normal: Response, seconds: float) -> Response:
    content = bytes(normal.body) or b'{"instances": null}'
    headers = {k: v for k, v in normal.headers.items() if k.lower() != "content-length"}
    return FaultResponse(fault, content, normal.status_code, headers, seconds)


async def _scenario_answer(
    state: MockState,
    request: Request,
    *,
    body: Body,
    headers: dict[str, str],
    instance: re.Match[str] | None,
    ident: int | None,
    scenario: Scenario | None,
) -> Response:
    """Prism's documented answer, as the scenario (if any) names and changes it."""
    if scenario is not None and ident is None:
        scenario = None
    if scenario is not None and scenario.prefer:
        headers["prefer"] = scenario.prefer
        headers["accept"] = scenario.accept
    if scenario is not None and scenario.edge_page:
        return HTMLResponse(edge_page(scenario.status), scenario.status)
    upstream = state.upstreams["console" if instance else "run"]
    response = await _forward(state, upstream, request, body.raw, headers)
    if scenario is None or ident is None or response.status_code != 200:
        return response
    try:
        answer = json.loads(bytes(response.body))
    except (ValueError, RecursionError):
        return response
    apply = apply_instance if instance else apply_workers
    return _json(200, apply(answer, ident, scenario), _relayed(response))


def _ident(instance: re.Match[str] | None, body: Body) -> int | None:
    """The id asked for, when it is one the spec allows (else Prism answers the 400)."""
    if instance:
        text = instance.group(1)
        ident = int(text) if re.fullmatch(r"[1-9][0-9]{0,15}", text) else None
    else:
        value = body.json.get("id") if isinstance(body.json, dict) else None
        ident = value if isinstance(value, int) and not isinstance(value, bool) else None
    return ident if ident is not None and 1 <= ident <= MAX_ID else None


async def _forward(
    state: MockState, upstream: Upstream, request: Request, body: bytes, headers: dict[str, str]
) -> Response:
    """Prism's documented answer for the request, relayed."""
    if not upstream.alive():
        return _json(503, _error("mock_restarting", "The mock is restarting; try again in a few seconds."))
    assert state.client is not None
    url = f"http://127.0.0.1:{upstream.port}{request.url.path}"
    if request.url.query:
        url += "?" + request.url.query
    timeout = aiohttp.ClientTimeout(total=PRISM_TIMEOUT)
    try:
        async with state.client.request(
            request.method, url, data=body or None, headers=headers, timeout=timeout
        ) as answer:
            content = await answer.read()
    except (aiohttp.ClientError, TimeoutError) as exc:
        return _json(504, _error("mock_timeout", f"The mock did not answer in time ({type(exc).__name__})."))
    violations = answer.headers.get("sl-violations")
    status = answer.status
    if status in (400, 422) and violations:
        return _json(400, _error("invalid_args", _explain(violations)))
    dropped = HOP_BY_HOP | {"date", "content-encoding"}
    relayed = {k.lower(): v for k, v in answer.headers.items() if k.lower() not in dropped
               and not k.lower().startswith("access-control")}  # fmt: skip
    if status == 429:
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


def _record(state: MockState, request: Request, outcome: Outcome) -> None:
    """The journal entry of a call, in its key's world: what the app sent and what it got, secrets redacted."""
    if request.url.path.startswith("/__mock"):
        return
    response = outcome.response
    body = outcome.body
    content_type = request.headers.get("content-type")
    fault = response.fault if isinstance(response, FaultResponse) else None
    content = response.whole if isinstance(response, FaultResponse) else bytes(response.body)
    runtime = outcome.runtime
    entry = {
        "seq": state.sequence.next(), "time": now(), "scope": scope_of(outcome.key),
        "operation": outcome.operation, "id": outcome.ident, "method": request.method, "path": request.url.path,
        "query": redact_query(request.url.query),
        "headers": redact_headers(request.headers.items()),
        "body": body_for_journal(body.raw, body.json, body.is_json, content_type),
        "answer": {**answer_for_journal(response.status_code, response.headers, content), "fault": fault},
        "runtime_answer": runtime.number if runtime else None, "off_spec": bool(runtime and runtime.off_spec),
    }  # fmt: skip
    secrets = [outcome.key] if outcome.key else []
    state.worlds.of(outcome.key).journal.append(scrub(entry, secrets))


def _spec_for_the_mock(origin: str) -> dict[str, Any]:
    """The spec with every server pointed at the mock, so the reference page's "try it" calls it."""
    document: dict[str, Any] = read_yaml(SPEC_PATH)
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
