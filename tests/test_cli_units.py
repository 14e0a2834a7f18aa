"""The vast-wrapper command's output pinned line by line: tables and facts at their edges, a watch
on a terminal, --verbose logging, option checks, and a closed stdout; in-process, no sleeping."""

from __future__ import annotations

import contextlib
import functools
import io
import json
import logging
import os
import re
import sys
from collections.abc import Iterator

import httpx
import pytest

import vast_wrapper
from tests.conftest import CANARY_KEY, Script, json_response
from vast_wrapper._cli import main
from vast_wrapper.testing import VirtualClock

HIDE, SHOW = "\x1b[?25l", "\x1b[?25h"


class Screen(io.StringIO):
    """stdout as a terminal (80 x 24: it has no file descriptor), keeping each write."""

    encoding = "utf-8"

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[str] = []

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.writes.append(text)
        return super().write(text)


@pytest.fixture
def serve(monkeypatch: pytest.MonkeyPatch) -> Script:
    """The CLI's client answers from the Script the test fills in."""
    script = Script(json_response(500, {}))
    script.answers.clear()
    monkeypatch.setenv("VAST_API_KEY", CANARY_KEY)
    real = vast_wrapper.VastClient
    monkeypatch.setattr(vast_wrapper, "VastClient", functools.partial(real, transport=httpx.MockTransport(script)))
    return script


def instance(**fields: object) -> httpx.Response:
    return json_response(200, {"instances": {"id": 5, **fields}})


def test_one_worker_is_one_worker_and_missing_cells_are_dashes(
    serve: Script, capsys: pytest.CaptureFixture[str]
) -> None:
    """A single worker: `1 worker`, singular; fields the server left out show as `-`."""
    serve.answers.append(json_response(200, [{"id": 5, "status": "loading"}]))
    assert main(["endpoint-workers", "9"]) == 0
    assert capsys.readouterr() == (
        "ID         STATUS         STATE           LOAD       PERF  RELIAB  REQS\n"
        "5          loading        starting           -          -       -     -\n"
        "total: 1 worker, 0 ready, load 0.00, perf 0.00, 0 requests\n",
        "",
    )


def test_ports_list_every_host_port_and_a_dash_for_none(serve: Script, capsys: pytest.CaptureFixture[str]) -> None:
    """A port bound twice lists both host ports, comma-separated; an unbound port shows `-`."""
    ports = {"22/tcp": [{"HostIp": "0.0.0.0", "HostPort": "41000"}, {"HostIp": "::", "HostPort": "41002"}],
             "8080/tcp": None}  # fmt: skip
    serve.answers.append(instance(ports=ports))
    assert main(["show-instance", "5"]) == 0
    assert capsys.readouterr().out == "Instance 5\n  ports      22/tcp->41000,41002, 8080/tcp->-\n"


def test_a_watch_on_a_terminal_draws_titled_frames(
    serve: Script, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """stdout a terminal: each refresh redraws `COMMAND ID · every S s · updated TIME`, an error shows under
    it with the last output kept; a 401 ends the watch with exit 3 and the cursor shown again."""
    serve.answers += [instance(actual_status="loading"), json_response(503, {"msg": "busy"}),
                      instance(actual_status="running"), json_response(401, {"msg": "Invalid user key"})]  # fmt: skip
    screen = Screen()
    monkeypatch.setattr(sys, "stdout", screen)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("NO_COLOR", "1")
    assert main(["show-instance", "5", "--watch", "3", "--max-retries", "0"]) == 3
    header = "show-instance 5 · every 3 s · updated TIME · Ctrl-C to stop"
    assert [re.sub(r"\b\d\d:\d\d:\d\d\b", "TIME", write) for write in screen.writes] == [
        f"{HIDE}\x1b[J{header}\n\nInstance 5\n  status     loading\n{SHOW}",
        f"{HIDE}\x1b[4F\x1b[J{header}\nTIME: HTTP 503: busy; trying again in 3 s\n"
        f"\nInstance 5\n  status     loading\n{SHOW}",
        f"{HIDE}\x1b[5F\x1b[J{header}\n\nInstance 5\n  status     running\n{SHOW}",
        SHOW,
    ]
    assert capsys.readouterr().err == "vast-wrapper: error: HTTP 401: Invalid user key\n"


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (["--min-ready", "two"], "argument --min-ready: 'two' is not a whole number"),
        (["--min-ready", "-1"], "argument --min-ready: '-1': give 1 or more"),
    ],
)
def test_min_ready_must_be_a_whole_number_from_1(
    capsys: pytest.CaptureFixture[str], argv: list[str], reason: str
) -> None:
    """Not a whole number, or below 1: exit 2 with the reason as argparse's last line."""
    with pytest.raises(SystemExit) as caught:
        main(["wait-workers", "9", *argv])
    assert caught.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == f"vast-wrapper wait-workers: error: {reason}"


def test_min_ready_1_waits_for_one_worker(serve: Script, capsys: pytest.CaptureFixture[str]) -> None:
    """--min-ready 1, the smallest: one ready worker ends the wait."""
    serve.answers.append(json_response(200, [{"id": 1, "status": "RUNNING"}, {"id": 2, "status": "loading"}]))
    assert main(["wait-workers", "9", "--min-ready", "1"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "total: 2 workers, 1 ready, load 0.00, perf 0.00, 0 requests"


def test_wait_workers_polls_at_its_interval(
    serve: Script, capsys: pytest.CaptureFixture[str], clock: VirtualClock
) -> None:
    """--interval 2: the wait sleeps 2 s between polls, until a worker is ready."""
    serve.answers += [json_response(200, [{"id": 1, "status": "loading"}]),
                      json_response(200, [{"id": 1, "status": "loading"}]),
                      json_response(200, [{"id": 1, "status": "RUNNING"}])]  # fmt: skip
    assert main(["wait-workers", "9", "--interval", "2"]) == 0
    assert clock.waits == [2, 2]
    assert capsys.readouterr().out.splitlines()[-1] == "total: 1 worker, 1 ready, load 0.00, perf 0.00, 0 requests"


@contextlib.contextmanager
def bare_logging() -> Iterator[None]:
    """Logging as a fresh process has it (pytest's handlers for this phase set aside), restored afterwards."""
    root, httpcore = logging.getLogger(), logging.getLogger("httpcore")
    handlers, levels = root.handlers[:], (root.level, httpcore.level)
    for handler in handlers:
        root.removeHandler(handler)
    httpcore.setLevel(logging.NOTSET)  # as an earlier --verbose test in this process may have left it
    try:
        yield
    finally:
        for handler in root.handlers[:]:
            root.removeHandler(handler)
        for handler in handlers:
            root.addHandler(handler)
        root.setLevel(levels[0])
        httpcore.setLevel(levels[1])


@pytest.mark.parametrize("where", ["before", "after"])
def test_verbose_logs_each_attempt_on_stderr(serve: Script, capsys: pytest.CaptureFixture[str], where: str) -> None:
    """-v before or after the command: httpx's request line and the attempt, each a `vast-wrapper: ` line on
    stderr; httpcore's own DEBUG chatter stays off; stdout keeps the result."""
    serve.answers.append(instance(actual_status="running"))
    argv = ["-v", "show-instance", "5"] if where == "before" else ["show-instance", "5", "-v"]
    with bare_logging():
        assert main(argv) == 0
        httpcore_debug = logging.getLogger("httpcore").isEnabledFor(logging.DEBUG)
    out, err = capsys.readouterr()
    assert out == "Instance 5\n  status     running\n"
    assert err.splitlines() == [
        'vast-wrapper: HTTP Request: GET https://console.vast.ai/api/v0/instances/5/ "HTTP/1.1 200 OK"',
        "vast-wrapper: show_instance 5 -> 200 (attempt 1, 0.0 ms)",
    ]
    assert not httpcore_debug


def test_a_closed_pipe_leaves_stdout_writable(serve: Script, capsys: pytest.CaptureFixture[str]) -> None:
    """stdout a pipe whose reader has gone: exit 141, nothing on stderr, and stdout now points at /dev/null,
    so the interpreter's flush at exit raises no second error."""
    serve.answers.append(instance(actual_status="running"))
    reader, writer = os.pipe()
    os.close(reader)
    with open(writer, "w", encoding="utf-8") as closed_pipe:
        real = sys.stdout
        sys.stdout = closed_pipe
        try:
            code = main(["show-instance", "5"])
        finally:
            sys.stdout = real
        assert (code, capsys.readouterr().err) == (141, "")
        assert os.write(closed_pipe.fileno(), b"late\n") == 5  # /dev/null takes it: no BrokenPipeError


# A status and a message as a hostile or broken server might send them: a clipboard write (OSC 52),
# a clear-screen, a carriage return that would overwrite the line, a tab.
SNEAKY_STATUS = "loading\x1b]52;c;aGk=\x07"
SNEAKY_MESSAGE = "pulling\rdone\x1b[2J\tok\x9b"


def test_server_text_cannot_drive_the_terminal(serve: Script, capsys: pytest.CaptureFixture[str]) -> None:
    """Control characters in what the server sent are shown as \\xNN, a tab as a space: a status cannot
    write the clipboard or clear the screen, in the facts, the live line, a watch or an error."""
    serve.answers.append(instance(actual_status=SNEAKY_STATUS, status_msg=SNEAKY_MESSAGE))
    assert main(["show-instance", "5"]) == 0
    assert capsys.readouterr() == (
        "Instance 5\n  status     loading\\x1b]52;c;aGk=\\x07\n  message    pulling\\x0ddone\\x1b[2J ok\\x9b\n",
        "",
    )
    serve.answers[:] = [json_response(503, {"msg": "busy\x1b[2J"})]
    assert main(["show-instance", "5", "--max-retries", "0"]) == 6
    assert capsys.readouterr().err == "vast-wrapper: error: HTTP 503: busy\\x1b[2J\n"


def test_json_output_is_the_servers_text_escaped_where_a_terminal_would_obey_it(
    serve: Script, capsys: pytest.CaptureFixture[str]
) -> None:
    """--json keeps the value exactly (it parses back to what was sent) and its non-ASCII text, but
    writes DEL and C1 controls (an 8-bit CSI) as \\u escapes, as json.dumps already does for C0."""
    serve.answers.append(instance(actual_status=SNEAKY_STATUS, status_msg=SNEAKY_MESSAGE + "\x7f é"))
    assert main(["show-instance", "5", "--json"]) == 0
    out = capsys.readouterr().out
    assert out == (
        '{\n  "id": 5,\n  "actual_status": "loading\\u001b]52;c;aGk=\\u0007",\n'
        '  "status_msg": "pulling\\rdone\\u001b[2J\\tok\\u009b\\u007f é"\n}\n'
    )
    assert json.loads(out)["status_msg"] == SNEAKY_MESSAGE + "\x7f é"
    assert not set(out) & {chr(code) for code in [*range(0x20), *range(0x7F, 0xA0)]} - {"\n"}
