"""The vast-wrapper command as a person and a script see it, against the mock's lifecycle ids.

On a pseudo-terminal: progress shows each state, a watch redraws, Ctrl-C ends cleanly. Without
one: silence on stderr, exit codes, JSON lines. The mock's lifecycle is 3 s (1 s a state) and
the CLI polls every 0.2 s, so no test waits longer than the lifecycle itself.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Self

import httpx
import pytest

from tests.conftest import CANARY_KEY
from tests.mock_process import MockProcess

pytestmark = [pytest.mark.mock, pytest.mark.process]

CLI = [sys.executable, "-m", "vast_wrapper"]
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
HIDE, SHOW = "\x1b[?25l", "\x1b[?25h"
POLL = ["--interval", "0.2"]


@pytest.fixture(scope="module")
def mock() -> Iterator[MockProcess]:
    """The mock with a 3 s lifecycle (a state a second: room for a poll on a busy machine), started over."""
    with MockProcess(arguments=("--lifecycle", "3")) as server:
        httpx.post(f"{server.url}/__mock/reset", timeout=10).raise_for_status()
        yield server


def environment(mock: MockProcess) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "VAST_CONSOLE_URL", "VAST_RUN_URL"}}
    return {**env, "VAST_API_KEY": CANARY_KEY, "VAST_BASE_URL": mock.url, "TERM": "xterm-256color"}


class PseudoTerminal:
    """The CLI on a pseudo-terminal (120 x 40) for stdin, stdout and stderr; everything it wrote, kept."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.master, child = pty.openpty()
        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.process = subprocess.Popen([*CLI, *argv], stdin=child, stdout=child, stderr=child, env=env)
        os.close(child)
        self.output = ""

    def read_until(self, done: Callable[[str], bool], timeout: float = 30) -> str:
        """Read until `done(output)`; fails, showing the output, after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while not done(self.output):
            left = deadline - time.monotonic()
            if left <= 0 or not self._read(left):
                pytest.fail(f"terminal never showed what was expected:\n{self.output!r}")
        return self.output

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.master, 65536)
        except OSError:  # EIO: the child has exited and closed the terminal
            return False
        self.output += data.decode(errors="replace")
        return bool(data)

    def finish(self, timeout: float = 30) -> int:
        """Read what is left; the exit code."""
        while self._read(timeout):
            pass
        return self.process.wait(timeout)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        os.close(self.master)


def plain(text: str) -> str:
    return ESCAPES.sub("", text).replace("\r", "")


def assert_clean_end(output: str) -> None:
    """No traceback, no key, and the cursor shown again after the last time it was hidden."""
    assert "Traceback" not in output
    assert CANARY_KEY not in output
    assert output.rfind(SHOW) > output.rfind(HIDE)


def history(output: str, what: str) -> list[str]:
    """The kept lines of state changes (the live line is drawn over, so it is cut off at each \\r)."""
    lines = ESCAPES.sub("", output).split("\n")  # the terminal ends each line with \r\n
    return [line.rstrip("\r").rsplit("\r", 1)[-1] for line in lines if f"{what}: " in line]


def test_wait_instance_on_a_terminal_shows_each_state(mock: MockProcess) -> None:
    """created → loading → running, each a kept line, a live line with the time waited; then the instance."""
    with PseudoTerminal(["wait-instance", "7011", *POLL], environment(mock)) as term:
        code = term.finish()
    assert code == 0
    kept = [line for line in history(term.output, "instance 7011") if " (" in line and "·" not in line]
    assert [re.sub(r" \(\d+ s\)$", "", line.strip()) for line in kept] == [
        "instance 7011: created",
        "instance 7011: created → loading",
        "instance 7011: loading → running",
    ]
    assert re.search(
        r"instance 7011: (created|loading) · waited \d+ s · (next poll in \d+ s|polling)", plain(term.output)
    )
    assert "Instance 7011\n  status     running" in plain(term.output)
    assert_clean_end(term.output)


def test_a_wait_without_a_terminal_prints_nothing_on_stderr(mock: MockProcess) -> None:
    """Piped: the instance on stdout, exit 0, and stderr empty."""
    result = subprocess.run([*CLI, "wait-instance", "7012", *POLL], env=environment(mock), capture_output=True,
                            text=True, timeout=60, check=False)  # fmt: skip
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("Instance 7012\n  status     running")


def test_wait_workers_to_ready_and_to_failure(mock: MockProcess) -> None:
    """7000s: loading then READY, exit 0 with the table; 7100s: loading then ERROR, exit 8 with one line."""
    ready = subprocess.run([*CLI, "wait-workers", "7013", "--min-ready", "2", *POLL], env=environment(mock),
                           capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
    assert (ready.returncode, ready.stderr) == (0, "")
    assert ready.stdout.splitlines()[-1].startswith("total: 2 workers, 2 ready")
    failed = subprocess.run([*CLI, "wait-workers", "7113", "--autogroup", *POLL], env=environment(mock),
                            capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
    assert (failed.returncode, failed.stdout) == (8, "")
    assert failed.stderr == "vast-wrapper: error: Every worker of worker group 7113 has failed\n"


def test_json_lines_parse(mock: MockProcess) -> None:
    """--json: every line of stdout is a JSON object; the states in order, then `ready` with the workers."""
    result = subprocess.run([*CLI, "wait-workers", "7014", "--json", *POLL], env=environment(mock),
                            capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
    assert (result.returncode, result.stderr) == (0, "")
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert [e["event"] for e in events] == ["state", "ready"]
    assert events[0]["state"] == "0 of 2 ready (loading)"
    assert [w["status"] for w in events[-1]["workers"]] == ["READY", "READY"]
    assert events[-1]["elapsed"] >= events[0]["elapsed"]


def test_watch_on_a_terminal_redraws_until_ctrl_c(mock: MockProcess) -> None:
    """--watch redraws the table in place under an `updated` header; SIGINT ends it: 130, one line, cursor back."""
    with PseudoTerminal(["endpoint-workers", "7015", "--watch", "0.3"], environment(mock)) as term:
        term.read_until(lambda out: out.count("Ctrl-C to stop") >= 3)
        term.process.send_signal(signal.SIGINT)
        code = term.finish()
    assert code == 130
    frames = plain(term.output).split("endpoint-workers 7015 · every 0.3 s · updated ")
    assert len(frames) >= 4
    assert "\x1b[6F\x1b[J" in term.output  # moved back over the 6 rows of the last frame, erased them
    assert "READY" in frames[-1] or "loading" in frames[-1]
    assert plain(term.output).rstrip("\n").endswith("vast-wrapper: interrupted")
    assert_clean_end(term.output)


def test_watch_json_in_a_log_until_sigint(mock: MockProcess) -> None:
    """Piped --watch --json: one parsable record per refresh; SIGINT: exit 130 and one line on stderr."""
    process = subprocess.Popen([*CLI, "show-instance", "42", "--watch", "0.3", "--json"], env=environment(mock),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert process.stdout is not None
        records = [json.loads(process.stdout.readline()) for _ in range(2)]
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
    assert process.returncode == 130
    assert err == "vast-wrapper: interrupted\n"
    assert [(r["event"], r["instance"]["id"]) for r in records] == [("refresh", 42), ("refresh", 42)]
    assert records[0]["time"] <= records[1]["time"]


def test_ctrl_c_during_a_wait(mock: MockProcess) -> None:
    """SIGINT while waiting on a loading instance: exit 130, the live line gone, one line, cursor shown."""
    with PseudoTerminal(["wait-instance", "650", *POLL], environment(mock)) as term:
        term.read_until(lambda out: "waited" in out)
        term.process.send_signal(signal.SIGINT)
        code = term.finish()
    assert code == 130
    assert plain(term.output).rstrip("\n").endswith("vast-wrapper: interrupted")
    assert f"\r\x1b[K{SHOW}vast-wrapper: interrupted" in term.output  # the live line erased first
    assert_clean_end(term.output)


def test_a_dumb_terminal_gets_plain_lines(mock: MockProcess) -> None:
    """TERM=dumb and NO_COLOR on a terminal: one plain line per state change, no escape code at all."""
    env = {**environment(mock), "TERM": "dumb", "NO_COLOR": "1"}
    with PseudoTerminal(["wait-instance", "7016", *POLL], env) as term:
        code = term.finish()
    assert code == 0
    assert "\x1b" not in term.output
    changes = [re.sub(r" \(\d+ s\)$", "", line) for line in term.output.splitlines() if "instance 7016:" in line]
    assert changes == [
        "vast-wrapper: instance 7016: created",
        "vast-wrapper: instance 7016: created → loading",
        "vast-wrapper: instance 7016: loading → running",
    ]
