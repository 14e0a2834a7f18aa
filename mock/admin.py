"""The admin API under /__mock/, for the test itself (mock/README.md documents each route).

A request that carries a key (`Authorization: Bearer test-17`, as the app sends it) acts on that
key's world only; one without a key sees or resets every world. The clock and runtime answers
belong to one world, so they need the key.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mock.answers import RefusedError, parse, register
from mock.journal import filter_problem, matches
from mock.keys import read_key
from mock.worlds import World

if TYPE_CHECKING:
    from mock.app import MockState

WAIT_POLL = 0.05  # Seconds between looks at the journal while a test waits.
MAX_WAIT = 120.0


def _json(status: int, payload: Any) -> Response:
    return Response(json.dumps(payload), status, media_type="application/json")


def _refuse(status: int, message: str) -> Response:
    return _json(status, {"success": False, "error": "invalid_args", "msg": message})


def _key(request: Request) -> tuple[str | None, Response | None]:
    raw = next((v for n, v in request.headers.raw if n == b"authorization"), None)
    if raw is None:
        return None, None
    key, usable = read_key(raw, None)
    if not usable:
        return None, _refuse(401, "Authorization must be `Bearer <the key your app sends>`.")
    return key, None


async def _json_body(request: Request) -> Any:
    raw = await request.body()
    if not raw:
        return {}
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        return None


def admin_routes(state: MockState) -> list[Route]:  # noqa: PLR0915 - one handler per route, kept together.
    worlds = state.worlds

    def selected(request: Request) -> tuple[list[World], Response | None]:
        key, refused = _key(request)
        if refused is not None:
            return [], refused
        return ([worlds.of(key)] if key is not None else list(worlds)), None

    def own_world(request: Request) -> tuple[World | None, Response | None]:
        key, refused = _key(request)
        if refused is not None:
            return None, refused
        if key is None:
            return None, _refuse(400, "Send the key of the world to change: Authorization: Bearer <key>.")
        return worlds.of(key), None

    def entries(chosen: list[World], params: dict[str, str]) -> list[dict[str, Any]]:
        found = [e for world in chosen for e in world.journal if matches(e, params)]
        return sorted(found, key=lambda e: int(e["seq"]))

    async def journal_route(request: Request) -> Response:
        chosen, refused = selected(request)
        if refused is not None:
            return refused
        if request.method == "DELETE":
            for world in chosen:
                world.journal.clear()
            return Response(status_code=204)
        params = dict(request.query_params)
        problem = filter_problem(params)
        if problem:
            return _refuse(400, problem)
        found = entries(chosen, params)
        return _json(200, {"count": len(found), "requests": found})

    async def wait_route(request: Request) -> Response:
        """Answers once `count` (default 1) matching requests have come, or 408 after `timeout` seconds."""
        params = dict(request.query_params)
        problem = filter_problem(params)
        if problem:
            return _refuse(400, problem)
        wanted = int(params.pop("count", "1"))
        timeout = min(float(params.pop("timeout", "10")), MAX_WAIT)
        deadline = time.monotonic() + timeout
        while True:
            chosen, refused = selected(request)
            if refused is not None:
                return refused
            found = entries(chosen, params)
            if len(found) >= wanted:
                return _json(200, {"count": len(found), "requests": found})
            if time.monotonic() >= deadline or await request.is_disconnected():
                late = f"{len(found)} of {wanted} matching requests came within {timeout:g} s."
                return _json(408, {"success": False, "error": "timeout", "count": len(found), "msg": late})
            await asyncio.sleep(WAIT_POLL)

    async def reset_route(request: Request) -> Response:
        key, refused = _key(request)
        if refused is not None:
            return refused
        worlds.forget(worlds.of(key).scope if key is not None else None)
        what = "this key's world" if key is not None else "every world"
        return _json(200, {"reset": what, "parts": ["clock", "lifecycles", "rate limits", "answers", "journal"]})

    async def clock_route(request: Request) -> Response:
        world, refused = own_world(request)
        if refused is not None or world is None:
            return refused or _refuse(400, "no world")
        if request.method == "POST":
            payload = await _json_body(request)
            problem = _clock_problem(payload)
            if problem:
                return _refuse(400, problem)
            if payload.get("freeze") is True:
                world.clock.freeze()
            if payload.get("freeze") is False:
                world.clock.unfreeze()
            world.clock.advance(float(payload.get("advance", 0)))
        return _json(200, {"scope": world.scope, **world.clock.describe()})

    async def answers_route(request: Request) -> Response:
        world, refused = own_world(request)
        if refused is not None or world is None:
            return refused or _refuse(400, "no world")
        if request.method == "POST":
            payload = await _json_body(request)
            try:
                new = parse(payload)
                register(world.answers, new)
            except RefusedError as error:
                return _json(422, error.body())
            return _json(201, {"scope": world.scope, "answers": [a.public() for a in new]})
        if request.method == "DELETE":
            world.answers.clear()
            return Response(status_code=204)
        return _json(200, {"scope": world.scope, "answers": [a.public() for a in world.answers]})

    async def one_answer_route(request: Request) -> Response:
        world, refused = own_world(request)
        if refused is not None or world is None:
            return refused or _refuse(400, "no world")
        number = request.path_params["number"]
        kept = [a for a in world.answers if a.number != number]
        if len(kept) == len(world.answers):
            return _refuse(404, f"This key has no answer {number}.")
        world.answers[:] = kept
        return Response(status_code=204)

    return [
        Route("/__mock/journal", journal_route, methods=["GET", "DELETE"]),
        Route("/__mock/journal/wait", wait_route, methods=["GET"]),
        Route("/__mock/reset", reset_route, methods=["POST"]),
        Route("/__mock/clock", clock_route, methods=["GET", "POST"]),
        Route("/__mock/answers", answers_route, methods=["GET", "POST", "DELETE"]),
        Route("/__mock/answers/{number:int}", one_answer_route, methods=["DELETE"]),
    ]


def _clock_problem(payload: Any) -> str | None:
    if not isinstance(payload, dict) or set(payload) - {"freeze", "advance"}:
        return 'Send {"freeze": true|false} and/or {"advance": seconds}.'
    if "freeze" in payload and not isinstance(payload["freeze"], bool):
        return "freeze must be true or false."
    advance = payload.get("advance", 0)
    if not isinstance(advance, int | float) or isinstance(advance, bool) or not 0 <= advance <= 10**7:
        return "advance must be a number of seconds from 0 to 10000000."
    return None
