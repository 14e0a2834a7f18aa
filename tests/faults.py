"""A server on 127.0.0.1 that misbehaves on command, on real sockets.

The id in the request (path for show_instance, body for the worker routes) picks the fault.
It records every request it receives and counts the connections still open.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from types import TracebackType
from typing import Self

GOOD = 1
RESET_MID_BODY = 2
CLOSE_BEFORE_ANSWER = 3
STALL_AFTER_HEADERS = 4
TRUNCATED_JSON = 5
HTML_502 = 6
HTML_520 = 7
BUSY_THEN_OK = 8
RATE_LIMITED_THEN_OK = 9
ERROR_MSG_200 = 10
BARE_STRING_200 = 11
WRONG_TYPE_200 = 12
HUGE_BODY = 13

INSTANCE = {"instances": {"id": 1, "actual_status": "running", "public_ipaddr": "203.0.113.1\n"}}
CLOUDFLARE = "<!DOCTYPE html><html><head><title>vast.ai | {code}: {what}</title></head><body>cf</body></html>"


@dataclass
class Received:
    """One request as the server saw it."""

    method: str
    target: str
    headers: dict[str, str]
    body: bytes


@dataclass
class FaultServer:
    """Serve faults in threads until the context ends; `requests` holds everything received."""

    requests: list[Received] = field(default_factory=list)
    open_connections: int = 0
    _seen: dict[int, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._stop = threading.Event()

    def __enter__(self) -> Self:
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        self._listener.close()

    def wait_until_closed(self, timeout: float = 10.0) -> int:
        """Connections still open after up to `timeout` seconds (0 when the client closed them all)."""
        deadline = time.monotonic() + timeout
        while self.open_connections and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.open_connections

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                self.open_connections += 1
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _serve(self, connection: socket.socket) -> None:
        try:
            with connection:
                connection.settimeout(10)
                buffer = b""
                while True:
                    request, buffer = self._read_request(connection, buffer)
                    if request is None or not self._answer(connection, request):
                        return
        except OSError:
            pass
        finally:
            with self._lock:
                self.open_connections -= 1

    def _read_request(self, connection: socket.socket, buffer: bytes) -> tuple[Received | None, bytes]:
        while b"\r\n\r\n" not in buffer:
            chunk = connection.recv(65536)
            if not chunk:
                return None, b""
            buffer += chunk
        head, buffer = buffer.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        method, target = lines[0].split(" ")[:2]
        headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
        length = int(headers.get("content-length", "0"))
        while len(buffer) < length:
            buffer += connection.recv(65536)
        request = Received(method, target, headers, buffer[:length])
        with self._lock:
            self.requests.append(request)
        return request, buffer[length:]

    def _fault(self, request: Received) -> tuple[int, int]:
        if request.body:
            ident = int(json.loads(request.body)["id"])
        else:
            ident = int(request.target.rstrip("/").rsplit("/", 1)[-1])
        with self._lock:
            self._seen[ident] = self._seen.get(ident, 0) + 1
            return ident, self._seen[ident]

    def _answer(self, connection: socket.socket, request: Received) -> bool:
        """Send the fault's answer; False when the connection must end."""
        fault, nth = self._fault(request)
        workers = request.method == "POST"
        good = json.dumps([{"id": 7, "status": "ready", "cur_load": "0.5"}] if workers else INSTANCE).encode()
        if fault == RESET_MID_BODY:
            connection.sendall(_head(200, len(good) + 500) + good[:10])
            # SO_LINGER 0: close with a TCP reset, as a crashed peer does.
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            return False
        if fault == CLOSE_BEFORE_ANSWER:
            return False
        if fault == STALL_AFTER_HEADERS:
            connection.sendall(_head(200, 100))
            connection.recv(1)  # Blocks until the client gives up and closes.
            return False
        answers = {
            TRUNCATED_JSON: (200, good[: len(good) // 2], "application/json"),
            HTML_502: (502, CLOUDFLARE.format(code=502, what="Bad gateway").encode(), "text/html"),
            HTML_520: (520, CLOUDFLARE.format(code=520, what="Web server is returning an unknown error").encode(),
                       "text/html"),
            ERROR_MSG_200: (200, b'{"error_msg": "Invalid API key"}', "application/json"),
            BARE_STRING_200: (200, b'"endpoint not ready"', "application/json"),
            WRONG_TYPE_200: (200, b"[]" if not workers else b"42", "application/json"),
            HUGE_BODY: (200, _huge(), "application/json"),
        }  # fmt: skip
        if fault == BUSY_THEN_OK and nth == 1:
            status, body, kind = 503, b"Service Unavailable", "text/plain"
        elif fault == RATE_LIMITED_THEN_OK and nth == 1:
            status, body, kind = 429, b"API requests too frequent: endpoint threshold=0.5", "text/plain"
        else:
            status, body, kind = answers.get(fault, (200, good, "application/json"))
        connection.sendall(_head(status, len(body), kind) + body)
        return True


def _head(status: int, length: int, content_type: str = "application/json") -> bytes:
    return f"HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {length}\r\n\r\n".encode()


def _huge() -> bytes:
    return json.dumps({"instances": {"id": 1, "actual_status": "running", "pad": "a" * 20_000_000}}).encode()
