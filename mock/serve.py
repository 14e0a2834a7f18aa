"""Serve the Vast API mock: Prism behind a thin guard that keeps it up.

    python mock/serve.py [--port 4010]                 # mock every operation of openapi/vast.yaml
    python mock/serve.py --proxy                       # validating proxy in front of Vast's two hosts
    python mock/serve.py --proxy --upstream URL        # ... in front of one server for all operations
    python mock/serve.py --proxy --console-upstream URL --run-upstream URL

As a proxy, each answer is checked against the spec (by a Prism proxy per host, routed by path);
violations are logged as they come and summarised on exit.

Prism listens on a private loopback port. The guard, on --port, answers what Prism 5.x
gets wrong or dies of (CORS preflights, malformed JSON, headers outside ASCII, invalid
media types, huge bodies), forwards the rest, bounds every answer to 2 seconds, and
restarts Prism should it exit anyway. Ctrl-C or SIGTERM stops both, Prism by its PID.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "vast.yaml"
PRISM = ROOT / "node_modules" / ".bin" / "prism"
HOST = "127.0.0.1"

MAX_BODY = 64 * 1024  # The API's bodies are {"id": N}; Prism slows down validating megabytes.
UPSTREAM_TIMEOUT = 1.5  # Leaves the guard time to answer within 2 s even when Prism stalls.
PROXY_TIMEOUT = 30.0
LIVE = {"console": "https://console.vast.ai", "run": "https://run.vast.ai"}
PRISM_START_TIMEOUT = 60.0
ROUTES_POST = {"/get_endpoint_workers/", "/get_autogroup_workers/"}
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}
_MEDIA_TYPE = re.compile(r"^\s*[\w.+*-]+/[\w.+*-]+\s*(;\s*[\w.+-]+\s*=\s*(\"[^\"]*\"|[\w.+/-]+)\s*)*$")


def log(message: str) -> None:
    print(f"[mock] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


class Prism:
    """One Prism process on a private loopback port, started by its own binary so its PID is ours."""

    def __init__(self, upstream: str | None) -> None:
        self.upstream = upstream
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None
        # A real server may take its time; the mock answers at once or is stuck.
        self.timeout = PROXY_TIMEOUT if upstream else UPSTREAM_TIMEOUT

    def start(self) -> None:
        self.port = free_port()
        mode = ["proxy", str(SPEC), self.upstream] if self.upstream else ["mock", str(SPEC)]
        command = [str(PRISM), *mode, "-h", HOST, "-p", str(self.port)]
        self.process = subprocess.Popen(  # noqa: S603 - a fixed command line of our own binary.
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + PRISM_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"Prism exited at start (code {self.process.returncode}); is `npm ci` done?")
            with contextlib.suppress(OSError), socket.create_connection((HOST, self.port), timeout=0.2):
                log(f"Prism {mode[0]} running as PID {self.process.pid}")
                return
            time.sleep(0.1)
        self.stop()
        raise SystemExit("Prism did not start listening within 60 s")

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None


class Guard(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self, port: int, prisms: dict[str, Prism]) -> None:
        super().__init__((HOST, port), GuardHandler)
        self.prisms = prisms  # "console" and "run": one Prism for both when mocking.
        self.checked: dict[str, int] = {}
        self.violations: dict[str, int] = {}
        self.lock = threading.Lock()

    def count(self, path: str, violated: bool) -> None:
        route = path.split("?", 1)[0]
        route = "/api/v0/instances/{id}/" if route.startswith("/api/v0/instances/") else route
        with self.lock:
            self.checked[route] = self.checked.get(route, 0) + 1
            if violated:
                self.violations[route] = self.violations.get(route, 0) + 1

    def summary(self) -> str:
        checked = sum(self.checked.values())
        broken = ", ".join(f"{route}: {n}" for route, n in sorted(self.violations.items()))
        return f"{checked} answers checked, {sum(self.violations.values())} did not match the spec" + (
            f" ({broken})" if broken else ""
        )


def _error(code: str, message: str) -> dict[str, Any]:
    # The spec's error shape, so clients parse the guard's answers like Prism's.
    return {"success": False, "error": code, "msg": message}


class GuardHandler(BaseHTTPRequestHandler):
    server: Guard
    protocol_version = "HTTP/1.1"
    timeout = 10  # An idle or trickling client cannot hold a thread for long.

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: each request is logged once, in _send."""

    def do_OPTIONS(self) -> None:
        if self._read_body() is None:  # A body left unread would corrupt the next request on this connection.
            return
        origin = self.headers.get("Origin")
        headers = {"Allow": f"{_allowed(self.path) or 'GET, POST'}, OPTIONS", "Access-Control-Max-Age": "600"}
        if origin:
            requested = self.headers.get("Access-Control-Request-Headers", "")
            headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            headers["Access-Control-Allow-Headers"] = requested or "Authorization, Content-Type, Prefer"
        self._send(204, b"", headers)

    def do_GET(self) -> None:
        self._forward()

    def do_POST(self) -> None:
        self._forward()

    def __getattr__(self, name: str) -> Any:
        # Any other method (PUT, DELETE, TRACE, ...) gets a 405 naming the spec's method, not a 501 page.
        if name.startswith("do_"):
            return self._method_not_allowed
        raise AttributeError(name)

    def _method_not_allowed(self) -> None:
        allowed = _allowed(self.path) or "GET, POST"
        self.close_connection = True  # The body, if any, is not read.
        self._send(
            405,
            json.dumps(_error("method_not_allowed", f"{self.command} is not allowed here.")).encode(),
            {"Content-Type": "application/json", "Allow": allowed},
        )

    def _forward(self) -> None:  # noqa: PLR0911 - one early answer per kind of hostile request reads best.
        started = time.monotonic()
        allowed = _allowed(self.path)
        if allowed is not None and self.command != allowed:
            return self._method_not_allowed()
        bad = next((name for name, value in self.headers.items() if not _printable_ascii(value)), None)
        if bad:
            return self._json(400, _error("invalid_header", f"Header {bad} must be printable ASCII."))
        body = self._read_body()
        if body is None:
            return None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP | {"host", "content-length"}}
        for name in ("Accept", "Content-Type"):
            value = self.headers.get(name)
            if value is not None and not all(_MEDIA_TYPE.match(part) for part in value.split(",")):
                if name == "Content-Type":
                    return self._json(415, _error("invalid_content_type", "Content-Type is not a media type."))
                del headers[name]  # An unreadable Accept means "anything", as most servers read it.
        if body and "json" in self.headers.get("Content-Type", "application/json"):
            try:
                json.loads(body)
            except ValueError:
                return self._json(400, _error("invalid_json", "The body is not valid JSON."))
            except RecursionError:
                return self._json(400, _error("invalid_json", "The body is nested too deeply."))
        return self._relay(body, headers, started)

    def _read_body(self) -> bytes | None:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self.close_connection = True
            self._json(411, _error("length_required", "Send a Content-Length; chunked bodies are not accepted."))
            return None
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            length = -1
        if length < 0:
            self.close_connection = True
            self._json(400, _error("invalid_args", "Content-Length is not a number."))
            return None
        if length > MAX_BODY:
            self.close_connection = True
            self._json(413, _error("payload_too_large", f"Bodies above {MAX_BODY} bytes are refused."))
            return None
        return self.rfile.read(length) if length else b""

    def _relay(self, body: bytes, headers: dict[str, str], started: float) -> None:
        prism = self.server.prisms["run" if self.path.split("?", 1)[0] in ROUTES_POST else "console"]
        if not prism.alive():
            return self._json(503, _error("mock_restarting", "The mock is restarting; try again in a few seconds."))
        connection = http.client.HTTPConnection(HOST, prism.port, timeout=prism.timeout)
        try:
            connection.request(self.command, self.path, body=body or None, headers=headers)
            answer = connection.getresponse()
            content = answer.read()
        except (OSError, http.client.HTTPException) as exc:
            return self._json(504, _error("mock_timeout", f"The mock did not answer in time ({type(exc).__name__})."))
        finally:
            connection.close()
        # The guard owns CORS: Prism's "*" with credentials allowed is a pair browsers reject.
        relayed = {
            k: v
            for k, v in answer.getheaders()
            if k.lower() not in HOP_BY_HOP | {"content-length", "date"} and not k.lower().startswith("access-control-")
        }
        violations = answer.getheader("sl-violations")
        if prism.upstream:
            self.server.count(self.path, bool(violations))
            if violations:
                log(f"{self.command} {self.path} -> {answer.status} does not match the spec: {violations}")
        self._send(answer.status, content, relayed, started)
        return None

    def _json(self, status: int, payload: dict[str, Any]) -> None:
        self._send(status, json.dumps(payload).encode(), {"Content-Type": "application/json"})

    def _send(self, status: int, content: bytes, headers: dict[str, str], started: float | None = None) -> None:
        self.send_response_only(status)
        origin = self.headers.get("Origin")
        cors = {
            "Access-Control-Allow-Origin": origin or "*",
            "Access-Control-Expose-Headers": "*",
            "Vary": "Origin",
        }
        for name, value in {**headers, **cors}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(content)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(content)
        if started is not None:
            log(f"{self.command} {self.path} -> {status} ({(time.monotonic() - started) * 1000:.0f} ms)")


def _allowed(target: str) -> str | None:
    """The spec's method for a known route, or None for a path the spec does not have."""
    path = target.split("?", 1)[0]
    if path.startswith("/api/v0/instances/"):
        return "GET"
    return "POST" if path in ROUTES_POST else None


def _printable_ascii(value: str) -> bool:
    return all(" " <= c <= "~" or c == "\t" for c in value)


def upstream_url(value: str, what: str) -> str:
    """An upstream as scheme://host[:port]; plain http only to this machine (the key crosses to it)."""
    parts = urllib.parse.urlsplit(value.strip().rstrip("/"))
    try:
        _ = parts.port
    except ValueError:
        raise SystemExit(f"serve.py: {what} {value!r} has a port that is not a number") from None
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host or any(c.isspace() for c in value.strip()):
        raise SystemExit(f"serve.py: {what} {value!r} is not a URL like https://host[:port]")
    if parts.scheme == "http" and host not in ("localhost", "127.0.0.1", "::1"):
        raise SystemExit(f"serve.py: {what} {value!r}: plain http is for 127.0.0.1 only; use https")
    return f"{parts.scheme}://{parts.netloc}"


def prisms_for(args: argparse.Namespace) -> dict[str, Prism]:
    """A Prism per host: one mock for both, or a validating proxy per upstream."""
    if not (args.proxy or args.upstream):
        return dict.fromkeys(("console", "run"), Prism(None))
    return {
        host: Prism(upstream_url(getattr(args, f"{host}_upstream") or args.upstream or LIVE[host], f"{host} upstream"))
        for host in ("console", "run")
    }


def start(started: list[Prism], prisms: dict[str, Prism], port: int) -> Guard:
    """Start every Prism, then the guard in front; on failure, stop what was started."""
    running: list[Prism] = []
    try:
        for prism in started:
            prism.start()
            running.append(prism)
        return Guard(port, prisms)
    except (OSError, SystemExit) as exc:
        for prism in running:
            prism.stop()
        if isinstance(exc, SystemExit):
            raise
        raise SystemExit(f"Cannot listen on {HOST}:{port}: {exc.strerror}") from None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    port = os.environ.get("MAKE_MOCK_PORT") or os.environ.get("MOCK_PORT") or "4010"
    parser.add_argument("--port", default=port, help="port on 127.0.0.1 (default 4010, or MOCK_PORT)")
    parser.add_argument("--proxy", action="store_true", help="validate a real server's answers instead of mocking")
    # `make proxy` hands its variables over as PROXY_* environment variables: data, never shell code.
    env = os.environ.get
    parser.add_argument("--upstream", default=env("PROXY_UPSTREAM") or None, help="one server for every operation")
    parser.add_argument("--console-upstream", default=env("PROXY_CONSOLE_UPSTREAM") or None,
                        help=f"with --proxy: the instance host (default {LIVE['console']})")  # fmt: skip
    parser.add_argument("--run-upstream", default=env("PROXY_RUN_UPSTREAM") or None,
                        help=f"with --proxy: the serverless host (default {LIVE['run']})")  # fmt: skip
    args = parser.parse_args()
    if not re.fullmatch(r"[0-9]{1,5}", str(args.port)) or not 0 < int(args.port) < 65536:
        raise SystemExit(f"serve.py: port {args.port!r} is not a number from 1 to 65535")
    args.port = int(args.port)
    prisms = prisms_for(args)
    started = list(dict.fromkeys(prisms.values()))
    guard = start(started, prisms, args.port)
    stopping = threading.Event()

    def stop(signum: int, frame: object) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    threading.Thread(target=guard.serve_forever, name="guard", daemon=True).start()
    if started[0].upstream:
        what = f"validating proxy to {prisms['console'].upstream} (instances) and {prisms['run'].upstream} (workers)"
    else:
        what = "mock"
    print(f"Vast API {what} at http://{HOST}:{args.port} (Ctrl-C to stop)", flush=True)
    try:
        while not stopping.wait(0.5):
            for prism in started:
                if not prism.alive():
                    log("Prism exited; restarting it")
                    prism.start()
    finally:
        guard.shutdown()
        guard.server_close()
        for prism in started:
            prism.stop()
        if started[0].upstream:
            log(f"proxy summary: {guard.summary()}")
        log("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
