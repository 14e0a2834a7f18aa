"""The contract suite as CI uses it: green for a correct server, red for each drift, never a stale green."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from tests.drift_server import AUTOGROUP_ID, ENDPOINT_ID, INSTANCE_ID, DriftServer
from tools.project import ROOT

pytestmark = pytest.mark.process

KNOWN = {"INSTANCE_ID": str(INSTANCE_ID), "ENDPOINT_ID": str(ENDPOINT_ID), "AUTOGROUP_ID": str(AUTOGROUP_ID)}
EXIT_OK, EXIT_DRIFT, EXIT_USAGE, EXIT_UNREACHABLE = 0, 1, 2, 3


def contract(reports: Path, key: str | None = None, **settings: str) -> subprocess.CompletedProcess[str]:
    """`python -m tools.contract`, its settings as make passes them (CONTRACT_* variables)."""
    env = {k: v for k, v in os.environ.items() if k != "VAST_API_KEY" and not k.startswith("CONTRACT_")}
    env.update({f"CONTRACT_{name}": value for name, value in settings.items()})
    env.update({"CONTRACT_REPORT_DIR": str(reports), "CONTRACT_MAX_EXAMPLES": settings.get("MAX_EXAMPLES", "3")})
    if key:
        env["VAST_API_KEY"] = key
    return subprocess.run(
        [sys.executable, "-m", "tools.contract"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def junit(reports: Path) -> dict[str, dict[str, Any]]:
    """Suite name -> its counts and the messages of its failures, errors and warnings."""
    suites: dict[str, dict[str, Any]] = {}
    for report in reports.glob("*.xml"):
        for suite in ET.parse(report).getroot().iter("testsuite"):
            messages = [p.get("message", "") for case in suite for p in case]
            counts = {key: int(suite.get(key, 0)) for key in ("tests", "failures", "errors", "skipped")}
            suites[suite.get("name", "")] = {**counts, "messages": messages}
    return suites


def verdict(reports: Path) -> Any:
    return json.loads((reports / "summary.json").read_text())


def test_a_correct_server_passes_with_one_verdict_line(tmp_path: Path) -> None:
    with DriftServer("correct") as server:
        result = contract(tmp_path, BASE_URL=server.url, **KNOWN)
    assert result.returncode == EXIT_OK, result.stdout[-3000:]
    last = result.stdout.strip().splitlines()[-1]
    assert re.fullmatch(
        r"contract: PASSED: console \S+: 1 operations, \d+ cases, 0 failures, 0 warnings; "
        r"run \S+: 2 operations, \d+ cases, 0 failures, 0 warnings",
        last,
    ), last
    suites = junit(tmp_path)
    assert set(suites) == {
        "contract.console.show_instance",
        "contract.run.get_endpoint_workers",
        "contract.run.get_autogroup_workers",
    }
    assert all(s["failures"] == s["errors"] == 0 and s["tests"] > 20 for s in suites.values())
    assert verdict(tmp_path)["verdict"] == "PASSED"


@pytest.mark.parametrize(
    ("mode", "settings", "said"),
    [
        ("envelope", KNOWN, "HTTP 200 at $: 'instances' is a required property"),
        ("null", KNOWN, "id 123 was given as known, but HTTP 200 answered no real instance"),
        ("not_found", KNOWN, "id 123 was given as known, but HTTP 404 answered no real instance"),
        ("errors", {}, "HTTP 500: a server error"),
        ("slow", {"BUDGET": "0.2"}, "over the budget of 0.2 s"),
    ],
)
def test_each_drift_fails_the_run_naming_what_drifted(
    tmp_path: Path, mode: str, settings: dict[str, str], said: str
) -> None:
    with DriftServer(mode, delay=0.35) as server:
        result = contract(tmp_path, BASE_URL=server.url, MAX_EXAMPLES="1", **settings)
    assert result.returncode == EXIT_DRIFT, result.stdout[-3000:]
    assert said in result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("contract: FAILED: ")
    assert any(said in m for s in junit(tmp_path).values() for m in s["messages"])
    assert verdict(tmp_path) == {**verdict(tmp_path), "verdict": "FAILED", "exit_code": EXIT_DRIFT}


def test_a_schema_failure_in_generated_cases_names_the_field(tmp_path: Path) -> None:
    """Inside the instance's oneOf, the failure names $.instances.id and the type the spec wants."""
    with DriftServer("field") as server:
        result = contract(tmp_path, BASE_URL=server.url, MAX_EXAMPLES="1")
    assert result.returncode == EXIT_DRIFT
    assert "Custom check failed: `response_fits_the_spec`" in result.stdout  # schemathesis's cases
    assert "HTTP 200 at $.instances.id: '1000' is not of type 'integer' (the spec wants type" in result.stdout


def test_ids_of_every_magnitude_are_tried(tmp_path: Path) -> None:
    with DriftServer("errors") as server:
        result = contract(tmp_path, BASE_URL=server.url, MAX_EXAMPLES="1")
    failed = {int(n) for n in re.findall(r"failed: contract.console.show_instance id (\d+)", result.stdout)}
    assert failed == {1000, 1001, 9999, 12345, 99999, 100000, 999999}  # Every probe in the broken range.


def test_without_known_ids_the_report_says_no_real_body_was_validated(tmp_path: Path) -> None:
    with DriftServer("null") as server:
        result = contract(tmp_path, BASE_URL=server.url)
    assert result.returncode == EXIT_OK
    assert "no real body was validated" in result.stdout
    assert "give INSTANCE_ID" in result.stdout
    warnings = junit(tmp_path)["contract.console.show_instance"]
    assert warnings["skipped"] == 1
    assert re.search(r"1 warnings; run .*2 warnings$", result.stdout.strip())


def test_an_unreachable_server_is_its_own_exit_code_and_one_error_per_host(tmp_path: Path) -> None:
    with DriftServer() as server:
        closed = server.url  # Nothing listens there once the server is gone.
    result = contract(tmp_path, CONSOLE_URL=closed, RUN_URL=closed.replace("127.0.0.1", "localhost"))
    assert result.returncode == EXIT_UNREACHABLE
    assert result.stdout.strip().splitlines()[-1].startswith("contract: UNREACHABLE: ")
    suites = junit(tmp_path)
    assert {name: s["errors"] for name, s in suites.items()} == {"contract.console": 1, "contract.run": 1}


def test_no_stale_green_survives_a_refused_run(tmp_path: Path) -> None:
    with DriftServer("correct") as server:
        assert contract(tmp_path, BASE_URL=server.url).returncode == EXIT_OK
    assert junit(tmp_path)
    result = contract(tmp_path, BASE_URL="garbage")
    assert result.returncode == EXIT_USAGE
    assert [p.name for p in sorted(tmp_path.iterdir())] == ["junit-contract.xml", "summary.json"]
    refused = junit(tmp_path)
    assert list(refused) == ["contract"]
    assert (refused["contract"]["tests"], refused["contract"]["errors"]) == (1, 1)
    assert refused["contract"]["messages"][0].startswith("usage error: BASE_URL='garbage' is not a URL")
    assert verdict(tmp_path)["verdict"] == "usage error"


@pytest.mark.parametrize(
    ("settings", "said"),
    [
        ({"BASE_URL": "garbage"}, "BASE_URL='garbage' is not a URL like https://host[:port]"),
        ({"BASE_URL": "http://127.0.0.1:notaport"}, "has a port that is not a number"),
        ({"BASE_URL": "http://127.0.0.1:9 --max-examples 1"}, "(no spaces, one value)"),
        ({"RUN_URL": "http://127.0.0.1:9"}, "RUN_URL alone covers one host: give CONSOLE_URL too"),
        ({"BASE_URL": "http://api.example.com"}, "plain http is for 127.0.0.1 only"),
        ({"BASE_URL": "https://user:pw@api.example.com"}, "no credentials, path or query"),
        ({"BASE_URL": "http://127.0.0.1:9", "INSTANCE_ID": "12a"}, "INSTANCE_ID='12a' is not an id"),
        ({"BASE_URL": "http://127.0.0.1:9", "BUDGET": "-1"}, "BUDGET='-1' is not a number above 0"),
        ({"BASE_URL": "https://console.example.com"}, "VAST_API_KEY is not set"),
        ({}, "give BASE_URL (one server), or CONSOLE_URL and RUN_URL"),
    ],
)
def test_bad_settings_get_one_line_naming_the_variable(tmp_path: Path, settings: dict[str, str], said: str) -> None:
    result = contract(tmp_path, **settings)
    assert result.returncode == EXIT_USAGE
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert said in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "value",
    ["http://127.0.0.1:9 --max-examples 1", "x; touch {marker}", "$(shell touch {marker})", "`touch {marker}`"],
)
def test_make_passes_a_variable_as_data_never_as_code(tmp_path: Path, value: str) -> None:
    marker = tmp_path / "ran"
    result = subprocess.run(
        ["make", "-s", "contract", f"BASE_URL={value.format(marker=marker)}", f"REPORT_DIR={tmp_path / 'r'}"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "usage error: BASE_URL=" in result.stderr
    assert not marker.exists()


def test_the_key_is_in_no_output_or_report(tmp_path: Path) -> None:
    canary = "canary-contract-KEY-77"
    with DriftServer("errors") as server:
        result = contract(tmp_path, key=canary, BASE_URL=server.url, **KNOWN)
    assert result.returncode == EXIT_DRIFT
    assert canary not in result.stdout + result.stderr
    assert all(canary not in p.read_text() for p in tmp_path.iterdir())


def test_a_printed_reproduction_runs_as_printed(tmp_path: Path) -> None:
    with DriftServer("errors") as server:
        result = contract(tmp_path, BASE_URL=server.url)
        line = next(s for s in result.stdout.splitlines() if s.startswith("Reproduce: curl"))
        replay = subprocess.run(
            ["bash", "-c", line.removeprefix("Reproduce: ") + " -o /dev/null -w '%{http_code}'"],
            cwd=ROOT, env={**os.environ, "VAST_API_KEY": "replay-key"}, capture_output=True, text=True, timeout=30,
            check=False,
        )  # fmt: skip
    assert replay.stdout == "500"


@pytest.mark.mock
def test_make_contract_passes_against_the_mock(mock_url: str, tmp_path: Path) -> None:
    """`make contract BASE_URL=<mock>`: positive and negative cases on all three operations, all green."""
    env = {k: v for k, v in os.environ.items() if k != "VAST_API_KEY"}
    result = subprocess.run(
        ["make", "-s", "contract", f"BASE_URL={mock_url}", f"REPORT_DIR={tmp_path}"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1].startswith("contract: PASSED: ")
    assert verdict(tmp_path)["verdict"] == "PASSED"
    assert "mock-key" not in result.stdout
