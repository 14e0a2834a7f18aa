"""The contract suite's settings as a user gives them: --help, options or CONTRACT_* variables, refusals.

A change to the help is a change users see: update tests/fixtures/contract_help/contract.txt in the
same commit (`COLUMNS=100 python -m tools.contract --help > tests/fixtures/contract_help/contract.txt`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tools import contract_settings
from tools.contract_settings import (
    SettingsError,
    check_report_dir,
    contract_url,
    parse,
    prepare_report_dir,
    settings_from,
)
from vast_wrapper import MAX_ID

HELP = Path(__file__).parent / "fixtures" / "contract_help" / "contract.txt"
ONE = ["--base-url", "http://127.0.0.1:9"]


def test_help_is_the_documented_text(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    with pytest.raises(SystemExit) as exited:
        parse(["--help"], {})
    assert exited.value.code == 0
    assert capsys.readouterr().out == HELP.read_text()


def from_options(tmp_path: Path, argv: list[str], environ: dict[str, str] | None = None) -> Any:
    environ = {} if environ is None else environ
    return settings_from(parse(argv, environ), tmp_path, environ)


@pytest.mark.parametrize(
    ("flag", "variable", "value", "field", "expected"),
    [
        ("--instance-id", "INSTANCE_ID", "1", "known", {"show_instance": 1}),
        ("--endpoint-id", "ENDPOINT_ID", str(MAX_ID), "known", {"get_endpoint_workers": MAX_ID}),
        ("--autogroup-id", "AUTOGROUP_ID", "789", "known", {"get_autogroup_workers": 789}),
        ("--budget", "BUDGET", "0.5", "budget", 0.5),
        ("--deadline", "DEADLINE", "0.25", "deadline", 0.25),
        ("--max-examples", "MAX_EXAMPLES", "10", "max_examples", 10),
        ("--seed", "SEED", "4294967295", "seed", 2**32 - 1),
        ("--seed", "SEED", "0", "seed", 0),
        ("--require-real-bodies", "REQUIRE_REAL_BODIES", " On ", "require_real_bodies", True),
        ("--require-real-bodies", "REQUIRE_REAL_BODIES", "OFF", "require_real_bodies", False),
        ("--require-real-bodies", "REQUIRE_REAL_BODIES", "No", "require_real_bodies", False),
        ("--require-real-bodies", "REQUIRE_REAL_BODIES", "0", "require_real_bodies", False),
    ],
)
def test_each_setting_is_taken_from_its_option_or_its_variable(
    tmp_path: Path, flag: str, variable: str, value: str, field: str, expected: Any
) -> None:
    given = from_options(tmp_path, ["--base-url", "http://127.0.0.1:9", flag, value])
    assert getattr(given, field) == expected
    environ = {"CONTRACT_BASE_URL": "http://127.0.0.1:9", f"CONTRACT_{variable}": value}
    assert getattr(from_options(tmp_path, [], environ), field) == expected


def test_two_hosts_and_the_defaults(tmp_path: Path) -> None:
    environ = {"CONTRACT_CONSOLE_URL": "https://console.vast.ai/", "VAST_API_KEY": "k"}
    found = from_options(tmp_path, ["--run-url", "https://run.vast.ai"], environ)
    assert found.urls == {"console": "https://console.vast.ai", "run": "https://run.vast.ai"}
    assert (found.known, found.budget, found.deadline, found.max_examples) == ({}, 2.0, 1200.0, 25)
    assert (found.report_dir, found.key, found.loopback, found.require_real_bodies) == (tmp_path, "k", False, False)
    assert 0 <= found.seed <= 2**32 - 1
    local = from_options(tmp_path, ["--report-dir", "ignored here", "--base-url", "http://localhost:9"])
    assert (local.key, local.loopback, local.deadline) == ("mock-key", True, 300.0)
    assert parse([], {"CONTRACT_REPORT_DIR": "build/mine", "CONTRACT_SEED": ""}).report_dir == "build/mine"
    assert parse([], {"CONTRACT_SEED": ""}).seed is None  # An empty make variable is not given.


@pytest.mark.parametrize(
    ("argv", "environ", "said"),
    [
        ([], {}, "give BASE_URL (one server), or CONSOLE_URL and RUN_URL (the two hosts)"),
        (["--console-url", "https://c.example.test"], {},
         "CONSOLE_URL alone covers one host: give RUN_URL too, or BASE_URL for both"),
        ([], {"CONTRACT_RUN_URL": "https://r.example.test"},
         "RUN_URL alone covers one host: give CONSOLE_URL too, or BASE_URL for both"),
        (["--console-url", "https://c.example.test", "--run-url", "http://r.example.test"], {},
         "RUN_URL='http://r.example.test': Refusing to send the API key over plain http to r.example.test; "
         "use https (http is for 127.0.0.1 only)."),
        (["--console-url", "garbage", "--run-url", "https://r.example.test"], {},
         "CONSOLE_URL='garbage': The CONSOLE_URL 'garbage' must look like https://host[:port]."),
        (["--base-url", "https://x.example.test"], {},
         "VAST_API_KEY is not set: a server beyond 127.0.0.1 needs a real key"),
        (["--base-url", "https://x.example.test"], {"VAST_API_KEY": "ké"},
         "VAST_API_KEY holds spaces or characters that cannot go in a header; check how it was copied"),
        (["--base-url", "http://127.0.0.1:9"], {"VAST_API_KEY": "k\x00"}, "VAST_API_KEY holds spaces"),
        ([*ONE, "--instance-id", "0"], {},
         "INSTANCE_ID='0' is not an id (a whole number from 1 to 9007199254740991)"),
        ([*ONE, "--autogroup-id", str(MAX_ID + 1)], {}, "AUTOGROUP_ID='9007199254740992'"),
        ([*ONE, "--budget", "0"], {}, "BUDGET='0' is not a number above 0"),
        ([*ONE, "--budget", "1.2345"], {}, "BUDGET='1.2345' is not a number above 0"),
        ([*ONE, "--max-examples", "0"], {}, "MAX_EXAMPLES='0' is not a whole number"),
        ([*ONE, "--seed", "-1"], {}, "SEED='-1' is not a whole number from 0 to 4294967295"),
        ([*ONE, "--require-real-bodies", "2"], {},
         "REQUIRE_REAL_BODIES='2' is not 1 or 0 (yes or no)"),
    ],
)  # fmt: skip
def test_a_refused_setting_says_which_and_why_in_one_line(
    tmp_path: Path, argv: list[str], environ: dict[str, str], said: str
) -> None:
    with pytest.raises(SettingsError) as refused:
        from_options(tmp_path, argv, environ)
    assert str(refused.value).startswith(said), str(refused.value)
    assert "\n" not in str(refused.value)


def test_a_url_with_only_a_slash_for_a_path_is_a_host() -> None:
    assert contract_url("https://run.vast.ai/", "RUN_URL") == "https://run.vast.ai"
    with pytest.raises(SettingsError, match=r"^RUN_URL='garbage': The RUN_URL 'garbage' must look like"):
        contract_url("garbage", "RUN_URL")


@pytest.mark.parametrize(
    ("others", "listed"),
    [
        (["a", "b", "c"], "holds other files (a, b, c): give a new or empty folder; "
                          "the suite replaces only junit-contract.xml and summary.json"),
        (["a", "b", "c", "d"], "holds other files (a, b, c, ...): give"),
    ],
)  # fmt: skip
def test_a_folder_of_other_files_is_refused_listing_a_few(tmp_path: Path, others: list[str], listed: str) -> None:
    for name in others:
        (tmp_path / name).write_text("mine")
    with pytest.raises(SettingsError) as refused:
        check_report_dir(str(tmp_path))
    assert str(refused.value).startswith(f"REPORT_DIR={str(tmp_path)!r} {listed}")


def test_the_default_report_folder_is_named_when_it_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    default = tmp_path / "build" / "contract"
    monkeypatch.setattr(contract_settings, "DEFAULT_REPORT_DIR", default)
    default.parent.mkdir()
    default.write_text("a file")
    with pytest.raises(SettingsError) as refused:
        check_report_dir(None)
    assert str(refused.value) == (f"the report folder {default} is a file, not a folder: give a new or empty folder")


def test_a_folder_inside_a_git_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="is the checkout or holds it"):
        check_report_dir(str(tmp_path / "elsewhere" / ".git" / "reports"), cwd=tmp_path / "x")


def test_preparing_makes_the_whole_path(tmp_path: Path) -> None:
    prepare_report_dir(tmp_path / "a" / "b" / "reports")
    assert (tmp_path / "a" / "b" / "reports").is_dir()
