"""The validating proxy (`make proxy`): forwards each request to the real server and judges its answer.

- It forwards to the upstream it was given and nowhere else: a redirect is passed back to the
  client untouched and flagged, never followed (a body's `api_key` would go with it).
- Only the upstream's answers are judged, against openapi/vast.yaml (tools/specs.py): the
  client's own requests are the upstream's to refuse. Strict JSON: NaN, Infinity, duplicate
  keys and invalid UTF-8 are flagged, with their JSON path.
- A flagged answer carries `sl-violations` (as Prism's proxy named it) and is logged; on exit,
  the summary counts them and the exit status is non-zero when there were any.
"""

from __future__ import annotations

import collections
import json
import re
import sys
from dataclasses import dataclass
from typing import Protocol

import aiohttp
from starlette.responses import Response

from tools.specs import answer_problems

PROXY_TIMEOUT = 30.0  # A real server may take its time.
EXIT_VIOLATIONS = 1
INSTANCE_ROUTE = re.compile(r"^/api/v0/instances/[^/]*/$")
# Hop-by-hop and recomputed headers are not relayed; everything else of the answer is, as sent.
NOT_RELAYED = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "content-length",
               "date", "content-encoding"}  # fmt: skip


class Tally(Protocol):
    """Where the proxy counts what it checked and what broke the spec, per route (the mock's state)."""

    checked: collections.Counter[str]
    violations: collections.Counter[str]


def route_of(path: str) -> str:
    return "/api/v0/instances/{id}/" if INSTANCE_ROUTE.match(path) else path


def judge_answer(method: str, path: str, status: int, headers: dict[str, str], content: bytes) -> list[str]:
    """What breaks the spec in an upstream answer; a redirect is named as one not followed."""
    problems = answer_problems(route_of(path), method, status, headers.get("content-type", ""), content)
    if 300 <= status < 400:
        where = headers.get("location", "nowhere")
        problems.insert(0, f"HTTP {status} redirect to {where} passed back, not followed (the key stays here)")
    return problems


def _keys(headers: dict[str, str], body: bytes) -> list[str]:
    """The key values a request carries, to keep them out of the log."""
    found = [m.group(1) for m in [re.fullmatch(r"(?i)bearer\s+(\S+)", headers.get("authorization", ""))] if m]
    try:
        sent = json.loads(body) if body else None
    except (ValueError, RecursionError):
        sent = None
    if isinstance(sent, dict) and isinstance(sent.get("api_key"), str) and sent["api_key"]:
        found.append(sent["api_key"])
    return found


def _redact(text: str, keys: list[str]) -> str:
    for key in keys:
        text = text.replace(key, "***")
    return text


@dataclass(frozen=True)
class ProxyRequest:
    """A client's request, as the app read it."""

    method: str
    path: str
    query: str
    body: bytes
    headers: dict[str, str]


async def forward_to_upstream(
    tally: Tally, session: aiohttp.ClientSession, upstream: str, sent: ProxyRequest
) -> Response:
    """The upstream's answer to one request, relayed as it came, flagged when it breaks the spec."""
    method, path = sent.method, sent.path
    # Identity bodies only: the proxy judges the bytes it relays, and relays them as they came.
    headers = {k: v for k, v in sent.headers.items() if k.lower() != "accept-encoding"}
    url = f"{upstream}{path}" + (f"?{sent.query}" if sent.query else "")
    try:
        async with session.request(
            method, url, data=sent.body or None, headers=headers, allow_redirects=False,
            timeout=aiohttp.ClientTimeout(total=PROXY_TIMEOUT),
        ) as answer:  # fmt: skip
            content = await answer.read()
    except (aiohttp.ClientError, TimeoutError) as error:
        # The proxy's own answer, not the upstream's: nothing to judge.
        message = f"The upstream {upstream} did not answer ({type(error).__name__})."
        payload = json.dumps({"success": False, "error": "proxy_upstream_unreachable", "msg": message})
        return Response(payload, 502, media_type="application/json")
    relayed = {k.lower(): v for k, v in answer.headers.items() if k.lower() not in NOT_RELAYED}
    problems = judge_answer(method, path, answer.status, relayed, content)
    route = route_of(path)
    tally.checked[route] += 1
    if problems:
        tally.violations[route] += 1
        relayed["sl-violations"] = json.dumps([{"message": p} for p in problems])
        said = _redact("; ".join(problems), _keys(sent.headers, sent.body))
        print(f"[mock] {method} {path} -> {answer.status} does not match the spec: {said}", file=sys.stderr, flush=True)
    return Response(content, answer.status, relayed)


def proxy_summary(tally: Tally) -> str:
    """The line printed on exit: how many answers were checked, and how many broke the spec, per route."""
    checked, broken = sum(tally.checked.values()), sum(tally.violations.values())
    routes = ", ".join(f"{route}: {n}" for route, n in sorted(tally.violations.items()))
    return f"{checked} answers checked, {broken} did not match the spec" + (f" ({routes})" if routes else "")


def proxy_exit_status(tally: Tally) -> int:
    """Non-zero when any answer broke the spec, so a CI step around `make proxy` fails."""
    return EXIT_VIOLATIONS if sum(tally.violations.values()) else 0
