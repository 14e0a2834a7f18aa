"""A fast local Vast API for benchmarks: canned answers over keep-alive HTTP/1.1 on 127.0.0.1.

    python bench/server.py [--rate-interval 0.2] [--workers 3]

Prints its port on the first line of stdout. With --rate-interval, it enforces Vast's rule:
a call to an endpoint less than that many seconds after the last accepted one gets HTTP 429
with `API requests too frequent: endpoint threshold=X` in plain text.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `tools` as a package, run as a script.
from tools.project import SPEC_PATH, read_yaml


def _response(status: int, reason: str, body: bytes, content_type: str = "application/json") -> bytes:
    head = f"HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


class Routes:
    """Precomputed answers, and the rate limiter's memory."""

    def __init__(self, workers: int, interval: float) -> None:
        examples: dict[str, Any] = read_yaml(SPEC_PATH)["components"]["examples"]
        worker = examples["worker_list"]["value"][0]
        self.instance = _response(200, "OK", json.dumps(examples["running_instance_live"]["value"]).encode())
        self.workers = _response(200, "OK", json.dumps([dict(worker, id=i) for i in range(workers)]).encode())
        self.user = _response(200, "OK", json.dumps({"id": 1, "username": "bench", "credit": 10.0}).encode())
        self.not_found = _response(404, "Not Found", b'{"success": false, "error": "not_found", "msg": "No route"}')
        limited = f"API requests too frequent: endpoint threshold={interval}".encode()
        self.limited = _response(429, "Too Many Requests", limited, "text/plain")
        self.interval = interval
        self.last: dict[str, float] = {}

    def answer(self, method: str, target: str) -> bytes:
        path = target.split("?", 1)[0]
        if path.startswith("/api/v0/users/current"):
            return self.user
        if method == "GET" and path.startswith("/api/v0/instances/"):
            return self._limit("show_instance", self.instance)
        if method == "POST" and path in ("/get_endpoint_workers/", "/get_autogroup_workers/"):
            return self._limit(path, self.workers)
        return self.not_found

    def _limit(self, endpoint: str, answer: bytes) -> bytes:
        if self.interval:
            now = time.monotonic()
            if now - self.last.get(endpoint, -1e9) < self.interval:
                return self.limited
            self.last[endpoint] = now
        return answer


class Connection(asyncio.Protocol):
    """Parses just enough HTTP/1.1 to answer pipelined keep-alive requests."""

    def __init__(self, routes: Routes) -> None:
        self.routes = routes
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while (end := self.buffer.find(b"\r\n\r\n")) >= 0:
            lines = self.buffer[:end].decode("latin-1").split("\r\n")
            length = next((int(line[15:]) for line in lines[1:] if line[:15].lower() == "content-length:"), 0)
            if len(self.buffer) < end + 4 + length:
                return
            self.buffer = self.buffer[end + 4 + length :]
            method, target = lines[0].split(" ", 2)[:2]
            assert self.transport is not None
            self.transport.write(self.routes.answer(method, target))


async def serve(workers: int, interval: float) -> None:
    routes = Routes(workers, interval)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: Connection(routes), "127.0.0.1", 0, backlog=1024)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=3, help="workers in each worker-list answer")
    parser.add_argument("--rate-interval", type=float, default=0.0, help="minimum seconds between calls per endpoint")
    args = parser.parse_args()
    asyncio.run(serve(args.workers, args.rate_interval))


if __name__ == "__main__":
    main()
