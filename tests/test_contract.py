"""The schemathesis contract suite: green against the mock, red against a server that breaks the spec."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.mock_process import ROOT
from tests.upstream import FixedServer

pytestmark = pytest.mark.mock


def junit_totals(report_dir: Path) -> tuple[int, int]:
    """(test cases, failures + errors) over every JUnit report in a folder."""
    cases = problems = 0
    for report in report_dir.glob("junit-*.xml"):
        for suite in ET.parse(report).getroot().iter("testsuite"):
            cases += int(suite.get("tests", 0))
            problems += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    return cases, problems


def test_make_contract_passes_against_the_mock(mock_url: str) -> None:
    """`make contract BASE_URL=<mock>` runs positive and negative cases on all three operations, all green,
    and leaves its JUnit reports in build/contract/."""
    reports = ROOT / "build" / "contract"
    for old in reports.glob("junit-*.xml"):
        old.unlink()
    env = {k: v for k, v in os.environ.items() if k != "VAST_API_KEY"}
    result = subprocess.run(
        ["make", "-s", "contract", f"BASE_URL={mock_url}"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert result.stdout.count("No issues found") == 2
    cases, problems = junit_totals(reports)
    assert (cases, problems) == (3, 0)
    assert "mock-key" not in result.stdout


def test_contract_fails_against_a_server_that_breaks_the_spec(tmp_path: Path) -> None:
    """A server answering `{"instances": {"id": "x"}}` to everything fails the suite, with a JUnit failure."""
    with FixedServer({"instances": {"id": "not-a-number"}}) as server:
        result = subprocess.run(
            [sys.executable, str(ROOT / "tools" / "contract.py"), "--base-url", server.url,
             "--max-examples", "5", "--report-dir", str(tmp_path)],
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
    assert result.returncode == 1
    assert "Response violates schema" in result.stdout
    _, problems = junit_totals(tmp_path)
    assert problems >= 1
