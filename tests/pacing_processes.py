"""Real processes for the pacing tests: Debian's redis-server, the rate-limited bench server, and
client processes; each started on a free loopback port and stopped by its PID.

    python -m tests.pacing_processes URL CALLS    # one client process: prints "<failed> <429s seen>"
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.mock_process import free_port
from tools.project import ROOT

MISSING_REDIS = "redis-server is missing: `make test` installs Debian's redis-server package (apt-get, as root)"


@contextmanager
def redis_server() -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """(redis://127.0.0.1:port/0, its process): no persistence, stopped by its PID at the end."""
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    assert Path(binary).exists(), MISSING_REDIS
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="redis-") as folder:
        command = [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no",
                   "--dir", folder, "--daemonize", "no"]  # fmt: skip
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            import redis

            client = redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=0.5)
            deadline = time.monotonic() + 20
            while True:
                try:
                    client.ping()
                    break
                except redis.ConnectionError:
                    assert process.poll() is None, "redis-server exited at start"
                    assert time.monotonic() < deadline, "redis-server did not answer in 20 s"
                    time.sleep(0.05)
            client.close()
            yield f"redis://127.0.0.1:{port}/0", process
        finally:
            stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a process we started, by its PID."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


@contextmanager
def limited_server(interval: float) -> Iterator[str]:
    """bench/server.py enforcing Vast's rule: a call closer than `interval` to the last gets a 429."""
    command = [sys.executable, str(ROOT / "bench" / "server.py"), "--rate-interval", str(interval)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE)
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline())
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)
        if process.stdout is not None:
            process.stdout.close()


def start_client(url: str, calls: int, env: dict[str, str]) -> subprocess.Popen[str]:
    """A client process making `calls` calls to show_instance with default settings."""
    command = [sys.executable, "-m", "tests.pacing_processes", url, str(calls)]
    return subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def results(processes: list[subprocess.Popen[str]]) -> tuple[int, str]:
    """(calls that failed, stderr of them all) once every process has finished."""
    failed, errors = 0, ""
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        failed += int(out.split()[0])
        errors += err
    return failed, errors


def main() -> None:
    from vast_wrapper import RateLimitError, VastClient

    url, calls = sys.argv[1], int(sys.argv[2])
    failed = 0
    with VastClient(api_key="pacing-process-key", base_url=url) as client:
        for _ in range(calls):
            try:
                client.show_instance(1)
            except RateLimitError:
                failed += 1
    print(failed, flush=True)


if __name__ == "__main__":
    main()
