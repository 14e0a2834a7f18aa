"""What `vast-wrapper --help` shows, command by command: the text a user reads, kept in tests/fixtures/cli_help.

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
from tests.conftest import CANARY_KEY, Script, json_response
from tests.spec import named_example
from vast_wrapper._cli import main

HELP = Path(__file__).parent / "fixtures" / "cli_help"
COMMANDS = ["show-instance", "endpoint-workers", "autogroup-workers", "wait-instance"]


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
