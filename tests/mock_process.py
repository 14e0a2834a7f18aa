"""Start mock/serve.py on a free loopback port and stop it, and the Prism it runs, by PID."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Self

import httpx

from tools.project import ROOT

SERVE = ROOT / "mock" / "serve.py"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class MockProcess:
    """The mock (or, with `upstream`, the validating proxy) as a child process of the test run."""

    def __init__(self, upstream: str | None = None, arguments: tuple[str, ...] = ()) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.upstream = upstream
        self.arguments = arguments
        self.last_log = ""  # What it wrote, kept once it has stopped.
        self.returncode: int | None = None
        self._log = tempfile.NamedTemporaryFile(prefix="mock-", suffix=".log", delete=False)  # noqa: SIM115
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Self:
        command = [sys.executable, str(SERVE), "--port", str(self.port)]
        if self.upstream:
            command += ["--upstream", self.upstream]
        command += self.arguments
        # Its own session: stopping the group by our child's PID also reaches Prism.
        self.process = subprocess.Popen(command, stdout=self._log, stderr=self._log, start_new_session=True)
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self) -> None:
        assert self.process is not None
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"mock exited at start:\n{self.log()}")
            try:
                httpx.get(f"{self.url}/get_endpoint_workers/", timeout=1)
            except httpx.HTTPError:
                time.sleep(0.2)
                continue
            return
        raise RuntimeError(f"mock not ready after 90 s:\n{self.log()}")

    def log(self) -> str:
        return Path(self._log.name).read_text(errors="replace")

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)
        self.returncode = self.process.returncode  # How it ended, kept once it has stopped.
        self.process = None
        self.last_log = self.log()
        self._log.close()
        Path(self._log.name).unlink(missing_ok=True)

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
