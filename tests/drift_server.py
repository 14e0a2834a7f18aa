"""A stand-in Vast server on 127.0.0.1 that keeps the contract, or drifts from it one way at a time.

Known ids: instance 123, endpoint 456, worker group 789. A key starting with "bad" is rejected
(401), as the mock does. Drifts (`mode`):
- "correct": keeps the contract;
- "envelope": the instance envelope renamed to `{"instance": {...}}`;
- "null": every instance is `{"instances": null}` and every worker list empty;
- "not_found": every instance id answers 404;
- "errors": ids 1000 to 999999 answer a documented JSON 500 (not drift: listed as not validated);
- "slow": every answer takes `delay` seconds before its headers;
- "field": every instance carries its id as a string;
- "band": instances 2*10^12 to 9*10^14 carry their id as a string (a band the fixed ids miss);
- "any_key": any key is accepted, a rejected one too;
- "always_429": a missing or rejected key gets 401, everything else 429;
- "same": the same instance (123) whatever id is asked;
- "nan": instances hold `NaN`, worker lists `Infinity`;
- "duplicate_keys": every body holds a key twice;
- "trickle": correct bodies sent a few bytes at a time over `delay` seconds;
- "endless": headers, then one byte every `delay` seconds, forever;
- "huge": worker lists of about 20 MB;
- "echo": the Authorization header echoed in every answer, which also drifts (id as a string);
- "stock_501": a method the server does not know gets 501 Not Implemented (not drift);
- "bad_utf8": worker lists whose text is not UTF-8;
- "redirect": every request answered 307 to `redirect_to` (another host, for the proxy).

Every request is recorded in `seen` (method, path, headers, body): what reached this host.
"""

from __future__ import annotations

import functools
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler
from types import TracebackType
from typing import Any

from tests.upstream import ThreadedServer
from vast_wrapper import MAX_ID

INSTANCE_ID, ENDPOINT_ID, AUTOGROUP_ID = 123, 456, 789
WORKER_ROUTES = {"/get_endpoint_workers/": ENDPOINT_ID, "/get_autogroup_workers/": AUTOGROUP_ID}
INSTANCE_ROUTE = re.compile(r"^/api/v0/instances/([^/]*)/$")
BAND = range(2 * 10**12, 9 * 10**14)
KNOWN_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE")


def _instance(ident: int) -> dict[str, Any]:
    return {"id": ident, "actual_status": "running", "intended_status": "running", "gpu_name": "RTX 4090",
            "ports": {"22/tcp": [{"HostIp": "0.0.0.0", "HostPort": "41000"}]}, "start_date": 1724275000.5}  # fmt: skip


def _workers() -> list[dict[str, Any]]:
    return [{"id": 1001, "status": "RUNNING", "cur_load": "0.5", "perf": 100.5}, {"id": 1002, "status": "loading"}]


@functools.cache
def _huge_workers() -> bytes:
    one = json.dumps({**_workers()[0], "padding": "x" * 1000})
    return ("[" + ",".join([one] * 20_000) + "]").encode()


class Raw(bytes):
    """A body sent as it is, not as JSON (NaN, duplicate keys)."""


RAW_WORKERS = {
    "nan": Raw(b'[{"id": 1001, "perf": Infinity}]'),
    "duplicate_keys": Raw(b'[{"id": 1001, "status": "RUNNING", "status": "ERROR"}]'),
    "bad_utf8": Raw(b'[{"id": 1001, "status": "RUNN\xffING"}]'),
}


class DriftAnswers:
    """The answers of a drifted server, without a socket: the unit tests call it through httpx.MockTransport."""

    def __init__(self, mode: str = "correct", redirect_to: str = "") -> None:
        self.mode, self.redirect_to = mode, redirect_to

    def answer(  # noqa: PLR0911 - one return per answer, as a server's routing reads.
        self, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, Any, dict[str, str]]:
        """(status, JSON body or Raw bytes, extra headers) for one request."""
        if self.mode == "redirect":
            return 307, _error("moved", "Moved."), {"Location": self.redirect_to + path}
        if self.mode == "stock_501" and method not in KNOWN_METHODS:
            return 501, _error("not_implemented", f"{method} is not implemented."), {}
        instance = INSTANCE_ROUTE.match(path)
        if not instance and path not in WORKER_ROUTES:
            return 404, _error("not_found", "No such route."), {}
        allowed = "GET" if instance else "POST"
        if method != allowed:
            return 405, _error("method_not_allowed", "Method not allowed."), {"Allow": allowed}
        auth = headers.get("authorization", "")
        bearer = re.fullmatch(r"Bearer (\S+)", auth)
        if instance:
            ident = _id(instance.group(1))
            if ident is None:
                return 400, _error("invalid_args", "Invalid id."), {}
            return self._checked(auth, bearer.group(1) if bearer else None) or self._instance_answer(ident, auth)
        try:
            request = json.loads(body)
        except ValueError:
            return 400, _error("invalid_args", "Invalid JSON."), {}
        if not isinstance(request, dict):
            return 400, _error("invalid_args", "Invalid arguments."), {}
        ident, has_key, key = request.get("id"), "api_key" in request, request.get("api_key")
        if isinstance(ident, float) and ident.is_integer():  # 5.0 is an integer to JSON Schema.
            ident = int(ident)
        if (not isinstance(ident, int) or isinstance(ident, bool) or not 1 <= ident <= MAX_ID
                or (has_key and (not isinstance(key, str) or not key))):  # fmt: skip
            return 400, _error("invalid_args", "Invalid id."), {}
        refused = self._checked(auth, bearer.group(1) if bearer else key if has_key else None)
        return refused or self._workers_answer(ident, path, auth)

    def _checked(self, auth: str, key: str | None) -> tuple[int, Any, dict[str, str]] | None:
        """A 401 for a missing key, or a rejected one unless the server accepts any; 429 when it always does."""
        if key is None or (key.startswith("bad") and self.mode != "any_key"):
            return 401, _error("auth_error", "Invalid user key"), {}
        if self.mode == "always_429":
            return 429, {"detail": "API requests too frequent endpoint threshold=2.0"}, {}
        return None

    def _workers_answer(self, ident: int, path: str, auth: str) -> tuple[int, Any, dict[str, str]]:
        if self.mode == "errors" and 1000 <= ident <= 999999:
            return 500, _error("server_error", "Internal error."), {}
        known = ident == WORKER_ROUTES[path] and self.mode != "null"
        if self.mode in RAW_WORKERS:
            return 200, RAW_WORKERS[self.mode], {}
        if self.mode == "huge":
            return 200, Raw(_huge_workers()), {}
        if self.mode == "echo":
            return 200, [{"id": "not-a-number", "status": auth}], {}
        return 200, _workers() if known else [], {}

    def _instance_answer(self, ident: int, auth: str) -> tuple[int, Any, dict[str, str]]:  # noqa: PLR0911 - one per drift.
        if self.mode == "errors" and 1000 <= ident <= 999999:
            return 500, _error("server_error", "Internal error."), {}
        if self.mode == "not_found":
            return 404, _error("not_found", "Instance not found."), {}
        if self.mode == "field" or (self.mode == "band" and ident in BAND):
            return 200, {"instances": {**_instance(ident), "id": str(ident)}}, {}
        if self.mode == "echo":
            return 200, {"instances": {**_instance(ident), "id": str(ident), "label": auth}}, {}
        if self.mode == "same":
            return 200, {"instances": _instance(INSTANCE_ID)}, {}
        if self.mode == "nan":
            return 200, Raw(b'{"instances": {"id": %d, "start_date": NaN}}' % ident), {}
        if self.mode == "duplicate_keys":
            return 200, Raw(b'{"instances": {"id": %d, "gpu_name": "RTX 4090", "gpu_name": "A100"}}' % ident), {}
        found = _instance(ident) if ident == INSTANCE_ID and self.mode != "null" else None
        return 200, {"instance" if self.mode == "envelope" else "instances": found}, {}


class DriftServer(ThreadedServer):
    """Serves in threads until the context ends."""

    def __init__(self, mode: str = "correct", delay: float = 0.0, redirect_to: str = "") -> None:
        self.mode, self.delay = mode, delay
        self.answers = DriftAnswers(mode, redirect_to)
        self.seen: list[tuple[str, str, dict[str, str], bytes]] = []
        self.stopping = threading.Event()
        super().__init__(self._handler())

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stopping.set()  # Endless and trickled answers end first, so shutdown does not wait on them.
        super().__exit__(exc_type, exc, tb)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def handle_one_request(self) -> None:
                try:
                    super().handle_one_request()
                except (ConnectionError, ValueError):
                    self.close_connection = True

            def _serve(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                path = self.path.split("?", 1)[0]
                headers = {k.lower(): v for k, v in self.headers.items()}
                outer.seen.append((self.command, path, headers, body))
                status, answer, extra = outer.answers.answer(self.command, path, headers, body)
                if outer.mode == "slow":
                    time.sleep(outer.delay)
                payload = answer if isinstance(answer, Raw) else json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header(
                    "Content-Length", str(len(payload) * (100 if outer.mode == "endless" and status == 200 else 1))
                )
                for name, value in extra.items():
                    self.send_header(name, value)
                self.end_headers()
                if self.command == "HEAD":
                    return
                if outer.mode in ("trickle", "endless") and status == 200:
                    self._dribble(payload)
                else:
                    self.wfile.write(payload)

            def _dribble(self, payload: bytes) -> None:
                """trickle: the body in 10 pieces over `delay` s; endless: a byte per `delay` s until stopped."""
                pieces = [
                    payload[i : i + max(1, len(payload) // 10)]
                    for i in range(0, len(payload), max(1, len(payload) // 10))
                ]
                if outer.mode == "endless":
                    pieces = [b" "] * 10**6
                for piece in pieces:
                    if outer.stopping.wait(outer.delay / (len(pieces) if outer.mode == "trickle" else 1)):
                        self.close_connection = True
                        return
                    self.wfile.write(piece)
                    self.wfile.flush()

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_TRACE = _serve  # noqa: N815

            def __getattr__(self, name: str) -> Any:
                # Any other method (QUERY, ...): a known-route server answers it; "stock_501" answers 501.
                if name.startswith("do_") and name[3:].isupper():
                    return self._serve
                raise AttributeError(name)

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet."""

        return Handler


def _id(text: str) -> int | None:
    return int(text) if re.fullmatch(r"[1-9][0-9]{0,15}", text) and int(text) <= MAX_ID else None


def _error(code: str, message: str) -> dict[str, Any]:
    return {"success": False, "error": code, "msg": message}
