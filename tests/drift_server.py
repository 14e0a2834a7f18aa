"""A stand-in Vast server on 127.0.0.1 that keeps the contract, or drifts from it one way at a time.

Known ids: instance 123, endpoint 456, worker group 789. Drifts (`mode`):
- "correct": keeps the contract;
- "envelope": the instance envelope renamed to `{"instance": {...}}`;
- "null": every instance is `{"instances": null}` and every worker list empty;
- "not_found": every instance id answers 404;
- "errors": ids 1000 to 999999 answer 500;
- "slow": every answer takes `delay` seconds;
- "field": every instance carries its id as a string.
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self

from vast_wrapper import MAX_ID

INSTANCE_ID, ENDPOINT_ID, AUTOGROUP_ID = 123, 456, 789
WORKER_ROUTES = {"/get_endpoint_workers/": ENDPOINT_ID, "/get_autogroup_workers/": AUTOGROUP_ID}
INSTANCE_ROUTE = re.compile(r"^/api/v0/instances/([^/]*)/$")


def _instance(ident: int) -> dict[str, Any]:
    return {"id": ident, "actual_status": "running", "intended_status": "running", "gpu_name": "RTX 4090",
            "ports": {"22/tcp": [{"HostIp": "0.0.0.0", "HostPort": "41000"}]}, "start_date": 1724275000.5}  # fmt: skip


def _workers() -> list[dict[str, Any]]:
    return [{"id": 1001, "status": "RUNNING", "cur_load": "0.5", "perf": 100.5}, {"id": 1002, "status": "loading"}]


class DriftServer:
    """Serves in threads until the context ends."""

    def __init__(self, mode: str = "correct", delay: float = 0.0) -> None:
        self.mode, self.delay = mode, delay
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(5)

    def answer(  # noqa: PLR0911 - one return per answer, as a server's routing reads.
        self, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, Any, dict[str, str]]:
        """(status, JSON body, extra headers) for one request."""
        instance = INSTANCE_ROUTE.match(path)
        if not instance and path not in WORKER_ROUTES:
            return 404, _error("not_found", "No such route."), {}
        allowed = "GET" if instance else "POST"
        if method != allowed:
            return 405, _error("method_not_allowed", "Method not allowed."), {"Allow": allowed}
        authorised = re.fullmatch(r"Bearer \S+", headers.get("authorization", "")) is not None
        if instance:
            ident = _id(instance.group(1))
            if ident is None:
                return 400, _error("invalid_args", "Invalid id."), {}
            if not authorised:
                return 401, _error("auth_error", "Invalid user key"), {}
            return self._instance_answer(ident)
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
        if not authorised and not has_key:
            return 401, _error("auth_error", "Invalid user key"), {}
        if self.mode == "errors" and 1000 <= ident <= 999999:
            return 500, _error("server_error", "Internal error."), {}
        known = ident == WORKER_ROUTES[path] and self.mode != "null"
        return 200, _workers() if known else [], {}

    def _instance_answer(self, ident: int) -> tuple[int, Any, dict[str, str]]:
        if self.mode == "errors" and 1000 <= ident <= 999999:
            return 500, _error("server_error", "Internal error."), {}
        if self.mode == "not_found":
            return 404, _error("not_found", "Instance not found."), {}
        if self.mode == "field":
            return 200, {"instances": {**_instance(ident), "id": str(ident)}}, {}
        found = _instance(ident) if ident == INSTANCE_ID and self.mode != "null" else None
        return 200, {"instance" if self.mode == "envelope" else "instances": found}, {}

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
                status, answer, extra = outer.answer(self.command, path, headers, body)
                if outer.mode == "slow":
                    time.sleep(outer.delay)
                payload = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                for name, value in extra.items():
                    self.send_header(name, value)
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_TRACE = do_QUERY = _serve  # noqa: N815

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet."""

        return Handler


def _id(text: str) -> int | None:
    return int(text) if re.fullmatch(r"[1-9][0-9]{0,15}", text) and int(text) <= MAX_ID else None


def _error(code: str, message: str) -> dict[str, Any]:
    return {"success": False, "error": code, "msg": message}
