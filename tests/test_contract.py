"""The contract suite end to end, as CI runs it: a process, real sockets, schemathesis, make.

The thinner layer: each judgement is tested in-process in tests/test_contract_units.py; here,
what only a whole run shows (exit codes, files written and not written, a run that ends by
itself, a key that no output of any process holds).
"""

from __future__ import annotations

import json
import os
import re
import signal
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


def environment(reports: Path, key: str | None, settings: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "VAST_API_KEY" and not k.startswith("CONTRACT_")}
    env.update({f"CONTRACT_{name}": value for name, value in settings.items()})
    env.update({"CONTRACT_REPORT_DIR": str(reports), "CONTRACT_MAX_EXAMPLES": settings.get("MAX_EXAMPLES", "1")})
    if key:
        env["VAST_API_KEY"] = key
    return env


def contract(reports: Path, key: str | None = None, **settings: str) -> subprocess.CompletedProcess[str]:
    """`python -m tools.contract`, its settings as make passes them (CONTRACT_* variables)."""
    return subprocess.run(
        [sys.executable, "-m", "tools.contract"],
        cwd=ROOT,
        env=environment(reports, key, settings),
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
            messages = [p.get("message", "") + "\n" + (p.text or "") for case in suite for p in case]
            counts = {key: int(suite.get(key, 0)) for key in ("tests", "failures", "errors", "skipped")}
            suites[suite.get("name", "")] = {**counts, "messages": messages}
    return suites


def verdict(reports: Path) -> Any:
    return json.loads((reports / "summary.json").read_text())


def test_a_correct_server_passes_with_one_verdict_line_naming_the_seed(tmp_path: Path) -> None:
    with DriftServer("correct") as server:
        result = contract(tmp_path, BASE_URL=server.url, SEED="4242", **KNOWN)
    assert result.returncode == EXIT_OK, result.stdout[-3000:]
    last = result.stdout.strip().splitlines()[-1]
    assert re.fullmatch(
        r"contract: PASSED: console \S+: 1 operations, \d+ cases, 0 failures, 0 warnings; "
        r"run \S+: 2 operations, \d+ cases, 0 failures, 0 warnings; seed 4242 \(SEED=4242 repeats it\)",
        last,
    ), last
    suites = junit(tmp_path)
    assert set(suites) == {
        "contract.console.show_instance",
        "contract.run.get_endpoint_workers",
        "contract.run.get_autogroup_workers",
    }
    assert all(s["failures"] == s["errors"] == 0 and s["tests"] > 20 for s in suites.values())
    assert (verdict(tmp_path)["verdict"], verdict(tmp_path)["seed"]) == ("PASSED", 4242)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["junit-contract.xml", "summary.json"]


def test_nan_in_bodies_fails_probes_and_generated_cases(tmp_path: Path) -> None:
    with DriftServer("nan") as server:
        result = contract(tmp_path, BASE_URL=server.url)
    assert result.returncode == EXIT_DRIFT
    messages = junit(tmp_path)["contract.console.show_instance"]["messages"]
    assert any("at $.instances.start_date: NaN is not JSON" in m and "Reproduce: curl" in m for m in messages)
    generated = [m for m in messages if "Custom check failed: `response_fits_the_spec`" in m]
    assert generated, messages[:3]
    assert 'Reproduce: curl -sS -X GET -H "Authorization: Bearer $VAST_API_KEY"' in generated[0]


def test_a_stock_501_for_an_unknown_method_passes(tmp_path: Path) -> None:
    with DriftServer("stock_501") as server:
        result = contract(tmp_path, BASE_URL=server.url, **KNOWN)
    assert result.returncode == EXIT_OK, result.stdout[-3000:]


# Slow, trickled and huge answers, and a server that answers every call 429, are proven on
# recorded answers in tests/test_contract_units.py; on a real socket, an endless body must end the run.
def test_an_endless_answer_fails_and_the_run_ends(tmp_path: Path) -> None:
    with DriftServer("endless", delay=4.0) as server:
        result = contract(tmp_path, BASE_URL=server.url, **KNOWN, BUDGET="1", DEADLINE="60")
    assert result.returncode == EXIT_DRIFT, result.stdout[-3000:]
    assert "the answer was not complete within the BUDGET of 1 s" in result.stdout
    assert "not run: the probes found answers over BUDGET or MAX_BODY_BYTES" in result.stdout


def test_the_deadline_ends_a_run_naming_what_was_pending_with_progress_meanwhile(tmp_path: Path) -> None:
    with DriftServer("slow", delay=0.3) as server:
        result = contract(tmp_path, BASE_URL=server.url, DEADLINE="14")
    assert result.returncode == EXIT_DRIFT
    assert re.search(r"^contract: 1\d s of 14 s: probing \w+ id \d+ at http://127\.0\.0\.1", result.stdout, re.M)
    assert "contract: the DEADLINE of 14 s ended the run; still pending: " in result.stdout
    assert verdict(tmp_path)["pending"]


def test_an_echoed_key_is_in_no_output_and_no_file(tmp_path: Path) -> None:
    canary = "canary-contract-KEY-77"
    with DriftServer("echo") as server:
        result = contract(tmp_path, key=canary, BASE_URL=server.url, **KNOWN)
    assert result.returncode == EXIT_DRIFT
    assert canary not in result.stdout + result.stderr
    written = list(tmp_path.iterdir())
    assert all(canary not in p.read_text() for p in written)
    assert any("Bearer [REDACTED]" in p.read_text() for p in written)  # The echo was there, redacted.


def test_a_printed_reproduction_runs_as_printed(tmp_path: Path) -> None:
    with DriftServer("same") as server:
        result = contract(tmp_path, BASE_URL=server.url)
        assert result.returncode == EXIT_DRIFT
        assert "asked for instance 1, the answer is about instance 123" in result.stdout
        line = next(s for s in result.stdout.splitlines() if s.startswith("Reproduce: curl") and "/instances/1/" in s)
        replay = subprocess.run(
            ["bash", "-c", line.removeprefix("Reproduce: ")],
            cwd=ROOT, env={**os.environ, "VAST_API_KEY": "replay-key"}, capture_output=True, text=True, timeout=30,
            check=False,
        )  # fmt: skip
    assert json.loads(replay.stdout)["instances"]["id"] == INSTANCE_ID


def test_an_unreachable_server_is_its_own_exit_code_and_one_error_per_host(tmp_path: Path) -> None:
    with DriftServer() as server:
        closed = server.url  # Nothing listens there once the server is gone.
    result = contract(tmp_path, CONSOLE_URL=closed, RUN_URL=closed.replace("127.0.0.1", "localhost"))
    assert result.returncode == EXIT_UNREACHABLE
    assert result.stdout.strip().splitlines()[-1].startswith("contract: UNREACHABLE: ")
    suites = junit(tmp_path)
    assert {name: s["errors"] for name, s in suites.items()} == {"contract.console": 1, "contract.run": 1}


def test_no_stale_green_survives_a_run_that_dies_before_its_verdict(tmp_path: Path) -> None:
    """A run killed mid-way leaves no report at all, not the green of the run before."""
    (tmp_path / "summary.json").write_text('{"verdict": "PASSED", "exit_code": 0}')  # An earlier green run's.
    (tmp_path / "junit-contract.xml").write_text('<testsuites tests="60" failures="0"/>')
    with DriftServer("endless", delay=4.0) as server:
        env = environment(tmp_path, None, {"BASE_URL": server.url, "BUDGET": "60"})
        with subprocess.Popen(
            [sys.executable, "-m", "tools.contract"], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
        ) as process:
            try:
                assert process.stdout is not None
                assert process.stdout.readline().startswith("contract: seed ")  # Reports prepared, probes started.
            finally:
                process.send_signal(signal.SIGKILL)  # Our child, by its PID.
                process.wait(10)
    assert list(tmp_path.iterdir()) == []


def make_contract(*variables: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "-s", "contract", *variables], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.mark.parametrize("where", [".", "..", "tools"])
def test_report_dir_at_the_checkout_or_a_folder_of_other_files_deletes_nothing(where: str) -> None:
    def listing(folder: Path) -> set[str]:  # Coverage's data files come and go with the test run's own processes.
        return {q.name for q in folder.iterdir() if not q.name.startswith(".coverage")}

    # Tests running beside this one may add files (build/, caches): what must hold is that none goes.
    before = {p: listing(p) for p in (ROOT, ROOT / "tools")}
    result = make_contract("BASE_URL=http://127.0.0.1:9", f"REPORT_DIR={where}")
    assert result.returncode == EXIT_USAGE
    assert result.stderr.strip().startswith("contract: usage error: REPORT_DIR=")
    assert "Traceback" not in result.stderr
    for folder, names in before.items():
        now = listing(folder)
        assert names <= now, f"deleted from {folder}: {sorted(names - now)}"
        assert not now & {"junit-contract.xml", "summary.json"} - names, f"a report was written into {folder}"


def test_report_dir_of_other_files_keeps_them(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = make_contract("BASE_URL=http://127.0.0.1:9", f"REPORT_DIR={tmp_path}")
    assert result.returncode == EXIT_USAGE
    assert "holds other files (notes.txt)" in result.stderr
    assert [(p.name, p.read_text()) for p in tmp_path.iterdir()] == [("notes.txt", "mine")]


@pytest.mark.parametrize(
    ("settings", "said"),
    [
        ({"BASE_URL": "garbage"}, "BASE_URL='garbage'"),
        ({"BASE_URL": "https://console.example.com"}, "VAST_API_KEY is not set"),
        ({}, "give BASE_URL (one server), or CONSOLE_URL and RUN_URL"),
    ],
)
def test_bad_settings_get_one_line_naming_the_variable(tmp_path: Path, settings: dict[str, str], said: str) -> None:
    result = contract(tmp_path, **settings)
    assert result.returncode == EXIT_USAGE
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert said in result.stderr
    assert verdict(tmp_path)["verdict"] == "usage error"


@pytest.mark.parametrize(
    "value",
    ["http://127.0.0.1:9 --max-examples 1", "x; touch {marker}", "$(shell touch {marker})", "`touch {marker}`"],
)
def test_make_passes_a_variable_as_data_never_as_code(tmp_path: Path, value: str) -> None:
    marker = tmp_path / "ran"
    result = make_contract(f"BASE_URL={value.format(marker=marker)}", f"REPORT_DIR={tmp_path / 'r'}")
    assert result.returncode != 0
    assert "usage error: BASE_URL=" in result.stderr
    assert not marker.exists()


@pytest.mark.mock
def test_make_contract_passes_against_the_mock(mock_url: str, tmp_path: Path) -> None:
    """`make contract BASE_URL=<mock>`: the mock's scenario ids (5xx pages, 429s...) are documented answers."""
    env = {k: v for k, v in os.environ.items() if k != "VAST_API_KEY"}
    result = subprocess.run(
        ["make", "-s", "contract", f"BASE_URL={mock_url}", f"REPORT_DIR={tmp_path}", "INSTANCE_ID=42",
         "ENDPOINT_ID=42", "AUTOGROUP_ID=42", "REQUIRE_REAL_BODIES=1",
         "BUDGET=5"],  # The mock's slow ids take up to 1 s by design; a loaded CI machine adds more.
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1].startswith("contract: PASSED: ")
    assert verdict(tmp_path)["verdict"] == "PASSED"
    assert "mock-key" not in result.stdout
