"""The CLI as its users read it: `--help` command by command and show-instance's facts, kept in
tests/fixtures/cli_help; options before or after the command; --json; Ctrl-C.

A change to the help is a change users see: update the file in the same commit
(`COLUMNS=100 python -m vast_wrapper [COMMAND] --help > tests/fixtures/cli_help/NAME.txt`).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import httpx
import pytest

import vast_wrapper
from tests.conftest import CANARY_KEY, Script, json_response, text_response
from tests.spec import named_example
from vast_wrapper._cli import main

HELP = Path(__file__).parent / "fixtures" / "cli_help"
COMMANDS = ["show-instance", "endpoint-workers", "autogroup-workers", "wait-instance", "wait-workers"]


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_is_the_documented_text(
    command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--help prints the usage, every option with its meaning, and exits 0."""
    monkeypatch.setenv("COLUMNS", "100")
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"] if command else ["--help"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == (HELP / f"{command or 'vast-wrapper'}.txt").read_text()


@pytest.mark.parametrize("command", ["show-instance", "endpoint-workers", "autogroup-workers"])
def test_options_go_before_or_after_the_command(
    command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--base-url U --json COMMAND` and `COMMAND --base-url U --json`: neither placement is lost."""
    script = Script(json_response(200, [] if "workers" in command else named_example("running_instance")))
    monkeypatch.setenv("VAST_API_KEY", CANARY_KEY)
    real = vast_wrapper.VastClient
    monkeypatch.setattr(vast_wrapper, "VastClient", functools.partial(real, transport=httpx.MockTransport(script)))
    options = ["--base-url", "http://127.0.0.1:9", "--json"]
    for argv in ([*options, command, "1"], [command, "1", *options]):
        assert main(argv) == 0
        json.loads(capsys.readouterr().out)
    assert [request.url.host for request in script.requests] == ["127.0.0.1", "127.0.0.1"]


def use_script(monkeypatch: pytest.MonkeyPatch, script: Script) -> None:
    monkeypatch.setenv("VAST_API_KEY", CANARY_KEY)
    real = vast_wrapper.VastClient
    monkeypatch.setattr(vast_wrapper, "VastClient", functools.partial(real, transport=httpx.MockTransport(script)))


@pytest.mark.parametrize(("command", "path"), [("endpoint-workers", "/get_endpoint_workers/"),
                                                ("autogroup-workers", "/get_autogroup_workers/")])  # fmt: skip
def test_workers_as_json_are_the_workers_as_sent(
    command: str, path: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--json prints the list indented by two, non-ASCII as is, from the route the command names."""
    workers = [{"id": 5, "status": "prêt", "cur_load": 0.5}]
    script = Script(json_response(200, workers))
    use_script(monkeypatch, script)
    assert main([command, "42", "--json"]) == 0
    assert capsys.readouterr().out == json.dumps(workers, indent=2, ensure_ascii=False) + "\n"
    (request,) = script.requests
    assert (request.url.path, json.loads(request.content)) == (path, {"id": 42})


def test_show_instance_prints_the_facts_a_user_asks_for(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Label, GPUs, image: one fact per line, as in tests/fixtures/cli_help/show-instance-output.txt."""
    body = {"instances": {"id": 9, "label": "trainer", "gpu_name": "RTX 4090", "num_gpus": 2, "gpu_util": 0.5,
                          "image_uuid": "pytorch/pytorch", "actual_status": "running", "uptime_mins": 42.5,
                          "status_msg": "pulling image"}}  # fmt: skip
    use_script(monkeypatch, Script(json_response(200, body)))
    assert main(["show-instance", "9"]) == 0
    assert capsys.readouterr().out == (HELP / "show-instance-output.txt").read_text()


def test_show_instance_with_few_facts(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """No id in the answer: "Instance ?"; a GPU without a count is one GPU."""
    use_script(monkeypatch, Script(json_response(200, {"instances": {"gpu_name": "A100"}})))
    assert main(["show-instance", "9"]) == 0
    assert capsys.readouterr().out == "Instance ?\n  gpu        1 x A100\n"


def test_connection_options_reach_the_client(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--console-url, --run-url and --max-retries are the client's settings."""
    script = Script(text_response(503, "busy"))
    use_script(monkeypatch, script)
    argv = ["--console-url", "http://127.0.0.1:7", "--run-url", "http://127.0.0.1:8", "--max-retries", "0"]
    assert main([*argv, "show-instance", "1"]) == 6
    assert main([*argv, "autogroup-workers", "1"]) == 6
    assert [(r.url.port, r.url.path) for r in script.requests] == [(7, "/api/v0/instances/1/"),
                                                                   (8, "/get_autogroup_workers/")]  # fmt: skip
    assert capsys.readouterr().err.count("vast-wrapper: error: HTTP 503: busy") == 2


def test_ctrl_c_is_one_line_and_exit_130(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def interrupt(request: httpx.Request) -> httpx.Response:
        raise KeyboardInterrupt

    use_script(monkeypatch, Script(interrupt))
    assert main(["show-instance", "1"]) == 130
    assert capsys.readouterr() == ("", "vast-wrapper: interrupted\n")


def test_wait_instance_status_json_and_default_timeout(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--status and --json reach the wait; without --timeout it gives up after 600 s, naming 'running'."""
    exited = {"instances": {"id": 3, "actual_status": "exited", "intended_status": "stopped"}}
    use_script(monkeypatch, Script(json_response(200, exited)))
    assert main(["wait-instance", "3", "--status", "exited", "--json"]) == 0
    *_, last = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (last["event"], last["instance"]) == ("ready", exited["instances"])
    assert main(["wait-instance", "3"]) == 8
    assert capsys.readouterr().err == "vast-wrapper: error: Instance 3 is 'exited' and will not become 'running'\n"
    use_script(monkeypatch, Script(json_response(200, {"instances": {"id": 3, "actual_status": "loading"}})))
    assert main(["wait-instance", "3"]) == 8
    assert "Timed out after 600 s" in capsys.readouterr().err


def test_the_request_timeout_option_is_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    script = Script(json_response(200, []))
    use_script(monkeypatch, script)
    assert main(["--timeout", "2.5", "endpoint-workers", "1"]) == 0
    assert script.requests[0].extensions["timeout"]["read"] == 2.5
