"""The vast-wrapper command: readable output, --json, one-line errors and documented exit codes."""

from __future__ import annotations

import functools
import io
import itertools
import json
import subprocess
import sys
from typing import Any

import httpx
import pytest

import vast_wrapper
from tests.conftest import CANARY_KEY, FakeTime, Script, json_response, text_response
from tests.spec import named_example
from vast_wrapper._cli import main

LIVE = named_example("running_instance_live")
LIVE_WORKERS = named_example("worker_list_live")


def run_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], script: Script, *argv: str
) -> tuple[int, str, str]:
    """Run the CLI in-process against `script`; returns (exit code, stdout, stderr)."""
    monkeypatch.setenv("VAST_API_KEY", CANARY_KEY)
    real = vast_wrapper.VastClient
    monkeypatch.setattr(vast_wrapper, "VastClient", functools.partial(real, transport=httpx.MockTransport(script)))
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert CANARY_KEY not in out + err
    return code, out, err


def test_show_instance_summary(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """show-instance prints the instance's key facts, one per line."""
    code, out, _ = run_cli(monkeypatch, capsys, Script(json_response(200, LIVE)), "show-instance", "123")
    assert code == 0
    assert out.splitlines()[0] == "Instance 123"
    assert "  status     running (intended running)" in out
    assert "  gpu        1 x RTX 4090 util 100%" in out
    assert "  ssh        ssh -p 30122 root@ssh1.vast.ai" in out
    assert "  public ip  203.0.113.1\n" in out
    assert "  ports      22/tcp->41000, 8080/tcp->41001" in out
    assert "  price      $0.3735/h" in out


def test_show_instance_json(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """--json prints the instance as JSON, with the newline trimmed from public_ipaddr."""
    code, out, _ = run_cli(monkeypatch, capsys, Script(json_response(200, LIVE)), "show-instance", "123", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["ports"]["22/tcp"][0]["HostPort"] == "41000"
    assert data["public_ipaddr"] == "203.0.113.1"
    assert data["extra_env"] == LIVE["instances"]["extra_env"]


@pytest.mark.parametrize("command", ["endpoint-workers", "autogroup-workers"])
def test_workers_table_with_totals(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """Workers print as a table with a totals line of ready count, load, perf and requests."""
    code, out, _ = run_cli(monkeypatch, capsys, Script(json_response(200, LIVE_WORKERS)), command, "7")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "STATUS", "STATE", "LOAD", "PERF", "RELIAB", "REQS"]
    assert lines[1].split() == ["123456", "RUNNING", "ready", "0.75", "100.00", "0.95", "1"]
    assert lines[2].split() == ["123457", "loading", "starting", "-", "0.00", "0.90", "0"]
    assert lines[3] == "total: 2 workers, 1 ready, load 0.75, perf 100.00, 1 requests"


def test_workers_json(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """--json before the command works too, and numbers come out as numbers."""
    code, out, _ = run_cli(
        monkeypatch, capsys, Script(json_response(200, LIVE_WORKERS)), "--json", "endpoint-workers", "7"
    )
    assert code == 0
    assert json.loads(out)[0]["cur_load"] == 0.75


@pytest.mark.parametrize(
    ("answer", "code", "message"),
    [
        (json_response(400, {"msg": "Invalid id."}), 2, "HTTP 400: Invalid id."),
        (json_response(401, {"error": "auth_error", "msg": "Invalid user key"}), 3, "HTTP 401: Invalid user key"),
        (json_response(200, {"instances": None}), 4, "Instance 5 not found"),
        (text_response(429, "API requests too frequent: endpoint threshold=0.5"), 5, "HTTP 429: API requests"),
        (text_response(503, "busy"), 6, "HTTP 503: busy"),
        (httpx.ConnectError("refused"), 6, "Could not reach the server"),
        (httpx.Response(200, content=b"{oops"), 7, "Unexpected answer"),
        (json_response(410, {"msg": "Gone"}), 7, "HTTP 410: Gone"),
    ],
)
def test_errors_are_one_line_with_their_exit_code(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], answer: Any, code: int, message: str
) -> None:
    """Each error prints one line on stderr with the server's message, nothing on stdout, and its exit code."""
    got, out, err = run_cli(monkeypatch, capsys, Script(answer), "show-instance", "5")
    assert got == code
    assert out == ""
    assert err.startswith("vast-wrapper: error: ")
    assert message in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_wait_instance(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """wait-instance polls until running, then prints the instance; --timeout bounds the wait."""
    loading = json_response(200, named_example("loading_instance"))
    code, out, _ = run_cli(monkeypatch, capsys, Script(loading, json_response(200, LIVE)), "wait-instance", "123")
    assert code == 0
    assert "running (intended running)" in out
    code, out, err = run_cli(monkeypatch, capsys, Script(loading), "wait-instance", "124", "--timeout", "20")
    assert code == 8
    assert "Timed out after 20 s" in err
    assert "actual_status='loading'" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["show-instance", "0"], "between 1 and"),
        (["show-instance", "--base-url", "http://example.com", "1"], "plain http"),
        (["show-instance", "--base-url", "", "1"], "must look like"),
        (["show-instance", "1", "--timeout", "-1"], "timeout must be"),
    ],
)
def test_user_mistakes_exit_2_without_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """Bad ids, URLs and options exit 2 with one clear line, before any request."""
    script = Script(json_response(200, LIVE))
    code, _, err = run_cli(monkeypatch, capsys, script, *argv)
    assert code == 2
    assert message in err
    assert script.requests == []


def test_missing_key(capsys: pytest.CaptureFixture[str]) -> None:
    """Without VAST_API_KEY the CLI says so and exits 2."""
    assert main(["show-instance", "1"]) == 2
    assert "VAST_API_KEY" in capsys.readouterr().err


def test_argparse_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A non-numeric id or unknown command is a usage error (exit 2)."""
    for argv in (["show-instance", "abc"], ["teleport", "1"], []):
        with pytest.raises(SystemExit) as caught:
            main(argv)
        assert caught.value.code == 2
    assert "invalid int value" in capsys.readouterr().err


@pytest.mark.process
def test_help_teaches() -> None:
    """--help (as `python -m vast_wrapper`) lists the commands, the environment and the exit codes."""
    result = subprocess.run(
        [sys.executable, "-m", "vast_wrapper", "--help"], capture_output=True, text=True, check=True, timeout=60
    )
    for text in ("show-instance", "endpoint-workers", "autogroup-workers", "wait-instance", "wait-workers",
                 "VAST_API_KEY", "NO_COLOR", "exit codes", "5 still rate limited", "130 interrupted"):  # fmt: skip
        assert text in result.stdout


@pytest.mark.parametrize(
    ("command", "texts"),
    [
        ("show-instance", ["--watch [SECONDS]", "vast-wrapper show-instance 123 --watch 10", "4 no such instance"]),
        ("endpoint-workers", ["--watch [SECONDS]", "--watch 2 --json", "exit codes: 0 shown"]),
        ("autogroup-workers", ["--watch [SECONDS]", "autogroup-workers 1001 --watch --json"]),
        ("wait-instance", ["--interval S", "--status STATUS", "8 timed out or exited/crashed"]),
        ("wait-workers", ["--autogroup", "--min-ready N", "--interval S", "8 timed out or every worker failed"]),
    ],
)
def test_each_commands_help_has_examples_and_exit_codes(
    capsys: pytest.CaptureFixture[str], command: str, texts: list[str]
) -> None:
    """`vast-wrapper COMMAND --help` shows its options, examples and exit codes, and exits 0."""
    with pytest.raises(SystemExit) as caught:
        main([command, "--help"])
    assert caught.value.code == 0
    shown = capsys.readouterr().out
    assert "examples:" in shown
    for text in texts:
        assert text in shown


def instance_answer(actual: str, intended: str = "running") -> httpx.Response:
    return json_response(200, {"instances": {"id": 5, "actual_status": actual, "intended_status": intended}})


def workers_answer(*statuses: str) -> httpx.Response:
    return json_response(200, [{"id": i, "status": s} for i, s in enumerate(statuses)])


def test_a_wait_in_a_log_is_silent_on_stderr(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """stderr is no terminal: a successful wait prints the result on stdout and nothing on stderr."""
    script = Script(instance_answer("created"), instance_answer("loading"), json_response(200, LIVE))
    code, out, err = run_cli(monkeypatch, capsys, script, "wait-instance", "123", "--interval", "0.5")
    assert (code, err) == (0, "")
    assert out.startswith("Instance 123\n  status     running")
    assert len(script.requests) == 3


def test_a_verbose_wait_logs_one_line_per_state_change(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], fake_time: FakeTime
) -> None:
    """--verbose: a line per state change (a repeat is no change), with the time waited; --interval paces polls."""
    script = Script(instance_answer("created"), instance_answer("created"), instance_answer("loading"),
                    json_response(200, LIVE))  # fmt: skip
    code, _, err = run_cli(monkeypatch, capsys, script, "wait-instance", "5", "--interval", "2", "--verbose")
    assert code == 0
    changes = [line for line in err.splitlines() if "instance 5:" in line]
    assert changes == [
        "vast-wrapper: instance 5: created (0 s)",
        "vast-wrapper: instance 5: created → loading (4 s)",
        "vast-wrapper: instance 5: loading → running (6 s)",
    ]
    assert fake_time.sleeps == [2, 2, 2]


def test_a_json_wait_prints_a_line_per_change_then_the_result(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--json: every stdout line is a JSON object: the states, then `ready` with the instance."""
    script = Script(instance_answer("created"), instance_answer("loading"), json_response(200, LIVE))
    code, out, err = run_cli(monkeypatch, capsys, script, "wait-instance", "123", "--json")
    assert (code, err) == (0, "")
    events = [json.loads(line) for line in out.splitlines()]
    assert [(e["event"], e["state"]) for e in events] == [("state", "created"), ("state", "loading"),
                                                          ("ready", "running")]  # fmt: skip
    assert events[-1]["instance"]["ssh_port"] == 30122


def test_wait_workers_returns_once_enough_are_ready(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """wait-workers --min-ready 2: exit 0 and the table, once two workers are ready."""
    script = Script(workers_answer("loading", "loading"), workers_answer("READY", "loading"),
                    workers_answer("READY", "idle"))  # fmt: skip
    code, out, err = run_cli(monkeypatch, capsys, script, "wait-workers", "9", "--min-ready", "2")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1].startswith("total: 2 workers, 2 ready")
    assert {r.url.path for r in script.requests} == {"/get_endpoint_workers/"}


def test_wait_workers_autogroup_json(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """--autogroup polls the worker group; --json ends with the workers."""
    script = Script(workers_answer("loading"), workers_answer("RUNNING"))
    code, out, _ = run_cli(monkeypatch, capsys, script, "wait-workers", "1001", "--autogroup", "--json")
    assert code == 0
    last = json.loads(out.splitlines()[-1])
    assert (last["event"], last["what"], last["workers"][0]["status"]) == ("ready", "worker group 1001", "RUNNING")
    assert {r.url.path for r in script.requests} == {"/get_autogroup_workers/"}


@pytest.mark.parametrize(
    ("answers", "argv", "message"),
    [
        ([workers_answer("loading", "loading"), workers_answer("ERROR", "error")], [],
         "Every worker of endpoint 9 has failed"),
        ([workers_answer("loading")], ["--timeout", "12"], "Timed out after 12 s waiting for endpoint 9"),
    ],
)  # fmt: skip
def test_wait_workers_exit_8_when_they_fail_or_time_runs_out(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    answers: list[httpx.Response],
    argv: list[str],
    message: str,
) -> None:
    """All workers in error, or out of time: exit 8 with one line saying which."""
    code, out, err = run_cli(monkeypatch, capsys, Script(*answers), "wait-workers", "9", *argv)
    assert (code, out) == (8, "")
    assert err.startswith("vast-wrapper: error: ")
    assert message in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (["wait-instance", "1", "--interval", "0"], "argument --interval: '0': give a number of seconds above 0"),
        (["wait-instance", "1", "--timeout", "-5"], "argument --timeout: '-5': give a number of seconds above 0"),
        (["wait-workers", "1", "--min-ready", "0"], "argument --min-ready: '0': give 1 or more"),
        (["show-instance", "1", "--watch", "nan"], "argument --watch: 'nan': give a number of seconds above 0"),
        (["show-instance", "1", "--watch", "soon"], "argument --watch: 'soon' is not a number of seconds"),
    ],
)
def test_bad_wait_and_watch_options_are_usage_errors(
    capsys: pytest.CaptureFixture[str], argv: list[str], reason: str
) -> None:
    """A zero interval, a negative timeout, no workers to wait for, a watch of no seconds: exit 2, one reason."""
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1].endswith(f"error: {reason}")


@pytest.mark.parametrize(
    ("trouble", "shown"),
    [(text_response(503, "busy"), "HTTP 503: busy"), (httpx.ConnectError("reset"), "Could not reach the server")],
)
def test_a_watch_goes_on_through_transient_errors_and_ends_on_auth(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fake_time: FakeTime,
    trouble: httpx.Response | Exception,
    shown: str,
) -> None:
    """--watch: a record per refresh, a 503 or dropped connection shown and polled through, a 401 ends it (3)."""
    script = Script(json_response(200, LIVE), trouble, json_response(200, LIVE),
                    json_response(401, {"msg": "Invalid user key"}))  # fmt: skip
    code, out, err = run_cli(monkeypatch, capsys, script, "show-instance", "123", "--watch", "3", "--max-retries", "0")
    assert code == 3
    assert out.count("--- ") == 2
    assert out.count("Instance 123\n") == 2
    assert shown in err.splitlines()[0]
    assert err.splitlines()[0].endswith("; trying again in 3 s")
    assert err.splitlines()[-1] == "vast-wrapper: error: HTTP 401: Invalid user key"
    assert fake_time.sleeps == [3, 3, 3]


def test_a_watch_is_spaced_by_the_clients_pacing_after_a_429(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], fake_time: FakeTime
) -> None:
    """--watch 0.5 against a server that wants 2 s between calls: after its 429, calls are 2 s apart or more."""
    sent: list[float] = []
    slow_down = text_response(429, "API requests too frequent: threshold=2.0")
    ok = [json_response(200, LIVE_WORKERS) for _ in range(5)]
    answers = iter([ok[0], slow_down, *ok[1:], json_response(401, {"msg": "Invalid user key"})])

    def server(request: httpx.Request) -> httpx.Response:
        sent.append(fake_time.now)
        return next(answers)

    code, out, err = run_cli(monkeypatch, capsys, Script(server), "endpoint-workers", "7", "--watch", "0.5")
    assert code == 3
    assert out.count("--- ") == 5
    assert sent[1] - sent[0] == 0.5  # before the 429: the watch interval
    gaps = [later - earlier for earlier, later in itertools.pairwise(sent[1:])]
    assert all(gap >= 2.0 for gap in gaps)  # after it: never closer than the server allows
    assert err == "vast-wrapper: error: HTTP 401: Invalid user key\n"  # the 429 was retried inside the call


def test_a_json_watch_ends_on_not_found(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """--watch --json: a JSON record per refresh; an endpoint answer that is not found ends it with exit 4."""
    script = Script(json_response(200, LIVE_WORKERS), json_response(404, {"msg": "Not found"}))
    code, out, _ = run_cli(monkeypatch, capsys, script, "endpoint-workers", "7", "--watch", "--json")
    assert code == 4
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["event"] for r in records] == ["refresh"]
    assert records[0]["workers"][0]["status"] == "RUNNING"


def test_ctrl_c_exits_130_with_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Ctrl-C in the middle of a wait: exit 130, `interrupted` on one line, no traceback."""

    def interrupt(request: httpx.Request) -> httpx.Response:
        raise KeyboardInterrupt

    code, out, err = run_cli(monkeypatch, capsys, Script(instance_answer("loading"), interrupt), "wait-instance", "5")
    assert (code, out, err) == (130, "", "vast-wrapper: interrupted\n")


def test_a_closed_pipe_exits_141_quietly(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """`| head` closing stdout mid-watch: exit 141 without a traceback."""

    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    code, _, err = run_cli(monkeypatch, capsys, Script(json_response(200, LIVE)), "show-instance", "1", "--watch")
    assert (code, err) == (141, "")


def test_on_a_terminal_the_live_line_says_when_paced_after_a_429(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """stderr a terminal: the kept history and, after a 429 taught threshold=2.0, `paced after a 429`."""
    from tests.test_terminal import FakeTTY

    terminal = FakeTTY()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("NO_COLOR", raising=False)
    script = Script(instance_answer("loading"), text_response(429, "API requests too frequent: threshold=2.0"),
                    instance_answer("loading"), json_response(200, LIVE))  # fmt: skip
    code, out, _ = run_cli(monkeypatch, capsys, script, "wait-instance", "123", "--interval", "1")
    assert code == 0
    assert out.startswith("Instance 123")
    shown = terminal.getvalue()
    assert "instance 123: loading · waited 0 s · next poll in 1 s" in shown
    assert "paced after a 429, 2.1 s apart" in shown
    assert "loading → running" in shown
    assert shown.endswith("\x1b[?25h")  # the live line erased, the cursor shown
