"""The vast-wrapper command: readable output, --json, one-line errors and documented exit codes."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from typing import Any

import httpx
import pytest

import vast_wrapper
from tests.conftest import CANARY_KEY, Script, json_response, text_response
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
    for text in ("show-instance", "endpoint-workers", "autogroup-workers", "wait-instance", "VAST_API_KEY",
                 "exit codes", "5 still rate limited"):  # fmt: skip
        assert text in result.stdout
