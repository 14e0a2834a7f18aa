"""Serve the Vast API mock: Prism behind the mock's own front (mock/app.py), on uvicorn.

    python mock/serve.py [--port 4010]                 # mock every operation of openapi/vast.yaml
    python mock/serve.py --proxy                       # validating proxy in front of Vast's two hosts
    python mock/serve.py --proxy --upstream URL        # ... in front of one server for all operations
    python mock/serve.py --proxy --console-upstream URL --run-upstream URL

Prism listens on a private loopback port; the front, on --port, picks answers by id, keeps
the journal, serves /docs and refuses hostile requests (see mock/app.py). As a proxy, each
answer is checked against the spec (by a Prism proxy per host, routed by path); violations
are logged as they come and summarised on exit. Ctrl-C or SIGTERM stops all, Prism by its PID.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import uvicorn

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `mock` as a package, run as a script.

from mock.app import MockSettings, MockState, create_app
from mock.proxy import proxy_exit_status, proxy_summary
from tools.project import NODE_BIN, SPEC_PATH
from vast_wrapper import is_loopback

PRISM = NODE_BIN / "prism"
HOST = "127.0.0.1"
LIVE = {"console": "https://console.vast.ai", "run": "https://run.vast.ai"}
PRISM_START_TIMEOUT = 60.0


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

    def start(self) -> None:
        self.port = free_port()
        mode = ["proxy", str(SPEC_PATH), self.upstream] if self.upstream else ["mock", str(SPEC_PATH)]
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
    if parts.scheme == "http" and not is_loopback(host):
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


def latency(value: str) -> tuple[float, float]:
    """MOCK_LATENCY in milliseconds: "200" or "100-300"."""
    match = re.fullmatch(r"([0-9]{1,5})(?:-([0-9]{1,5}))?", value.strip())
    if not match:
        raise SystemExit(f"serve.py: MOCK_LATENCY {value!r} is not milliseconds like 200 or 100-300")
    low = int(match.group(1)) / 1000
    high = int(match.group(2) or match.group(1)) / 1000
    return (low, max(low, high))


def seconds(value: str, what: str) -> float:
    if not re.fullmatch(r"[0-9]{1,5}(\.[0-9]{1,3})?", value.strip()):
        raise SystemExit(f"serve.py: {what} {value!r} is not a number of seconds")
    return float(value)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    env = os.environ.get
    port = env("MAKE_MOCK_PORT") or env("MOCK_PORT") or "4010"
    parser.add_argument("--port", default=port, help="port on 127.0.0.1 (default 4010, or MOCK_PORT)")
    parser.add_argument("--proxy", action="store_true", help="validate a real server's answers instead of mocking")
    # `make proxy` and `make mock` hand their variables over as environment variables: data, never shell code.
    parser.add_argument("--upstream", default=env("PROXY_UPSTREAM") or None, help="one server for every operation")
    parser.add_argument("--console-upstream", default=env("PROXY_CONSOLE_UPSTREAM") or None,
                        help=f"with --proxy: the instance host (default {LIVE['console']})")  # fmt: skip
    parser.add_argument("--run-upstream", default=env("PROXY_RUN_UPSTREAM") or None,
                        help=f"with --proxy: the serverless host (default {LIVE['run']})")  # fmt: skip
    parser.add_argument("--lifecycle", default=env("MAKE_MOCK_LIFECYCLE") or env("MOCK_LIFECYCLE") or "30",
                        help="seconds of a lifecycle id's three states, a third each (default 30)")  # fmt: skip
    parser.add_argument("--rate-limit", default=env("MAKE_MOCK_RATE_LIMIT") or env("MOCK_RATE_LIMIT") or None,
                        help="enforce the live interval, in seconds, per route and key (e.g. 2.0)")  # fmt: skip
    parser.add_argument("--latency", default=env("MAKE_MOCK_LATENCY") or env("MOCK_LATENCY") or "0",
                        help="delay every answer by this many ms, or a range like 100-300")  # fmt: skip
    args = parser.parse_args()
    if not re.fullmatch(r"[0-9]{1,5}", str(args.port)) or not 0 < int(args.port) < 65536:
        raise SystemExit(f"serve.py: port {args.port!r} is not a number from 1 to 65535")
    settings = MockSettings(
        lifecycle_seconds=seconds(args.lifecycle, "MOCK_LIFECYCLE"),
        rate_limit=seconds(args.rate_limit, "MOCK_RATE_LIMIT") if args.rate_limit else None,
        latency=latency(args.latency),
    )
    prisms = prisms_for(args)
    # The proxy forwards to the real server itself (mock/proxy.py): no Prism to start.
    started = [] if args.proxy or args.upstream else list(dict.fromkeys(prisms.values()))
    running: list[Prism] = []
    try:
        for prism in started:
            prism.start()
            running.append(prism)
        return serve(prisms, started, settings, int(args.port))
    finally:
        for prism in running:
            prism.stop()
        log("stopped")


def serve(prisms: dict[str, Prism], started: list[Prism], settings: MockSettings, port: int) -> int:
    """The app on uvicorn until SIGINT or SIGTERM, restarting a Prism that exits."""
    state = MockState(upstreams=dict(prisms), settings=settings)
    config = uvicorn.Config(create_app(state), host=HOST, port=port, http="httptools", loop="asyncio",
                            log_level="warning", access_log=False, timeout_keep_alive=30)  # fmt: skip
    server = uvicorn.Server(config)

    def watch() -> None:
        while not server.should_exit:
            time.sleep(0.5)
            for prism in started:
                if not prism.alive() and not server.should_exit:
                    log("Prism exited; restarting it")
                    prism.start()

    threading.Thread(target=watch, name="prism-watch", daemon=True).start()
    proxying = prisms["console"].upstream
    what = f"validating proxy to {prisms['console'].upstream} (instances) and {prisms['run'].upstream} (workers)"
    print(f"Vast API {what if proxying else 'mock'} at http://{HOST}:{port} (Ctrl-C to stop)", flush=True)

    def stop(signum: int, frame: object) -> None:
        # uvicorn shuts down on the signal, then raises it again: this turns it into a clean exit.
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        server.run()
    finally:
        if proxying:
            log(f"proxy summary: {proxy_summary(state)}")
            if proxy_exit_status(state):  # Also on Ctrl-C or SIGTERM: a CI step around the proxy fails.
                raise SystemExit(proxy_exit_status(state))
    if not server.started:
        raise SystemExit(f"serve.py: cannot listen on {HOST}:{port}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
