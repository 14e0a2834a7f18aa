"""A fake Prism for in-process tests of mock/app.py: no process, no socket.

It stands where the app's aiohttp session stands and answers as Prism does, from the spec's own
examples: `Prefer: example=NAME` or `code=N` picks one, a missing key is a 401, an id outside
the spec is a 400 with Prism's `sl-violations` header. It records what reached it.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from types import TracebackType
from typing import Any, Self

from multidict import CIMultiDict

from tests.spec import resolve, spec

ROUTES = {"/get_endpoint_workers/": "/get_endpoint_workers/", "/get_autogroup_workers/": "/get_autogroup_workers/"}


class FakeAnswer:
    def __init__(self, status: int, content: bytes, headers: dict[str, str]) -> None:
        self.status = status
        self.content = content
        self.headers = CIMultiDict(headers)

    async def read(self) -> bytes:
        return self.content

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None


class FakePrism:
    """Answers like `prism mock openapi/vast.yaml`, for the paths and Prefer forms the mock uses."""

    def __init__(self) -> None:
        self.seen: list[dict[str, Any]] = []

    def request(self, method: str, url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
                timeout: Any = None) -> FakeAnswer:  # fmt: skip
        merged: dict[str, str] = {}
        for name, value in (headers or {}).items():  # As node reads a header sent twice: joined with ", ".
            merged[name.lower()] = f"{merged[name.lower()]}, {value}" if name.lower() in merged else value
        headers = merged
        parts = urllib.parse.urlsplit(url)
        path = parts.path
        self.seen.append({"method": method, "path": path, "query": parts.query, "headers": headers, "body": data})
        template = "/api/v0/instances/{id}/" if path.startswith("/api/v0/instances/") else ROUTES[path]
        operation = spec()["paths"][template][method.lower()]
        if not headers.get("authorization", "").startswith("Bearer "):
            return self._example(operation, "401", None, ["application/json"])
        problem = self._violation(path, data)
        if problem:
            # Prism answers an invalid request with the operation's documented 400 (the spec has no 422).
            violations = json.dumps([{"path": problem[0], "message": problem[1]}])
            refused = self._example(operation, "400", None, ["application/json"])
            refused.headers["sl-violations"] = violations
            return refused
        prefer = dict(re.findall(r"(\w+)=([\w.]+)", headers.get("prefer", "")))
        code = prefer.get("code", "200")
        accepted = [part.split(";")[0].strip() for part in headers.get("accept", "*/*").split(",")]
        return self._example(operation, code, prefer.get("example"), accepted)

    @staticmethod
    def _violation(path: str, data: bytes | None) -> tuple[list[str], str] | None:
        match = re.fullmatch(r"/api/v0/instances/([^/]*)/", path)
        if match:
            text = match.group(1)
            if not re.fullmatch(r"-?[0-9]+", text):
                return ["path", "id"], "Request path parameter id must be integer"
            if int(text) < 1:
                return ["path", "id"], "Request path parameter id must be >= 1"
            return None
        body = json.loads(data) if data else None
        ident = body.get("id") if isinstance(body, dict) else None
        if not isinstance(ident, int) or isinstance(ident, bool):
            return ["body", "id"], "Request body property id must be integer"
        return None

    @staticmethod
    def _example(operation: dict[str, Any], code: str, name: str | None, accepted: list[str]) -> FakeAnswer:
        response = resolve(operation["responses"][code])
        # As Prism negotiates: the first listed type it can serve, or any for */*.
        accept = next((kind for kind in accepted if kind in (*response["content"], "*/*")), None)
        if accept is None:
            # As Prism answers an Accept it cannot serve (or read).
            problem = {"type": "NOT_ACCEPTABLE", "status": 406,
                       "title": "The server cannot produce a representation for your accept header"}  # fmt: skip
            return FakeAnswer(406, json.dumps(problem).encode(), {"content-type": "application/problem+json"})
        media_type = accept if accept in response["content"] else next(iter(response["content"]))
        examples = response["content"][media_type].get("examples", {})
        if name is not None and name not in examples:
            # As Prism answers a Prefer that names no example of the answer.
            detail = f"Response for contentType: {media_type} and exampleKey: {name} does not exist."
            problem = {"type": "NOT_FOUND", "title": "The server cannot find the requested content", "status": 404,
                       "detail": detail}  # fmt: skip
            return FakeAnswer(404, json.dumps(problem).encode(), {"content-type": "application/problem+json"})
        chosen = examples[name] if name is not None else next(iter(examples.values()))
        value = resolve(chosen)["value"]
        content = value.encode() if media_type.startswith("text/") else json.dumps(value).encode()
        # What Prism adds to every answer: its own CORS, a date, keep-alive and the length.
        headers = {"content-type": media_type, "access-control-allow-origin": "*", "access-control-expose-headers": "*",
                   "date": "Tue, 01 Dec 2026 06:00:00 GMT", "connection": "keep-alive", "keep-alive": "timeout=5",
                   "content-length": str(len(content))}  # fmt: skip
        if "headers" in response:
            headers["retry-after"] = "0"  # Prism fills the documented Retry-After from its schema's minimum.
        return FakeAnswer(int(code), content, headers)


def example(path: str, method: str, code: str, name: str, media_type: str = "application/json") -> Any:
    """The value of the example NAME of an answer in the spec, as Prism serves it for `Prefer: example=NAME`."""
    response = resolve(spec()["paths"][path][method]["responses"][code])
    return resolve(response["content"][media_type]["examples"][name])["value"]


class AlwaysUp:
    """An upstream that is always alive: the app reaches it through the fake client."""

    port = 1
    upstream: str | None = None

    def alive(self) -> bool:
        return True
