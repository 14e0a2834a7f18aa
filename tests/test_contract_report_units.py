"""The contract suite's reports as a CI job reads them: junit-contract.xml and summary.json, byte for byte.

A CI system parses these files, so their exact text is the behaviour: tag and attribute names,
counts, the first line of a failure as its message, warnings as skipped, UTF-8, and no key.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_contract_units import KEY, settings
from tools.contract_report import CheckResult, ContractReport, Redactor, verdict_lines, write_refusal, write_reports

OPERATIONS = {"show_instance": "console", "get_endpoint_workers": "run", "get_autogroup_workers": "run"}
TWO_HOSTS = {"console": "http://127.0.0.1:9", "run": "http://127.0.0.1:8"}


def found() -> ContractReport:
    """A run with one of each outcome, repeats counted, generated cases, documented errors and a deadline."""
    report = ContractReport()
    drift = f"HTTP 200 at $.instances.id: 'é' (Bearer {KEY})\nReproduce: curl ..."
    for result in [
        CheckResult("contract.console.show_instance", "id 1", "passed", seconds=0.0123),
        CheckResult("contract.console.show_instance", "id 2", "failed", drift, 1.5),
        CheckResult("contract.console.show_instance", "id 2", "failed", drift, 1.5),
        CheckResult("contract.run", "schemathesis", "error"),
        CheckResult("contract.run.get_endpoint_workers", "real bodies", "warning", "no real body"),
        CheckResult("contract.run.get_endpoint_workers", "real bodies", "warning", "no real body"),
    ]:
        report.add(result)
    report.generated = {"run": 5}
    report.not_validated["show_instance HTTP 429"] += 2
    report.not_validated["get_endpoint_workers HTTP 500"] += 1
    report.pending += ["get_autogroup_workers: rejected key", "generated cases of the serverless operations"]
    return report


def test_the_junit_report_is_what_ci_systems_parse(tmp_path: Path) -> None:
    write_reports(settings(tmp_path, urls=TWO_HOSTS), found(), OPERATIONS, "FAILED", 1)
    assert (tmp_path / "junit-contract.xml").read_bytes().decode("utf-8") == (
        "<?xml version='1.0' encoding='utf-8'?>\n<testsuites>"
        '<testsuite name="contract.console.show_instance" tests="2" failures="1" errors="0" skipped="0">'
        '<testcase classname="contract.console.show_instance" name="id 1" time="0.012" />'
        '<testcase classname="contract.console.show_instance" name="id 2" time="1.500">'
        "<failure message=\"HTTP 200 at $.instances.id: 'é' (Bearer [REDACTED]) (seen 2 times)\">"
        "HTTP 200 at $.instances.id: 'é' (Bearer [REDACTED])\nReproduce: curl ...</failure></testcase></testsuite>"
        '<testsuite name="contract.run" tests="1" failures="0" errors="1" skipped="0">'
        '<testcase classname="contract.run" name="schemathesis" time="0.000"><error message="error" /></testcase>'
        "</testsuite>"
        '<testsuite name="contract.run.get_endpoint_workers" tests="1" failures="0" errors="0" skipped="1">'
        '<testcase classname="contract.run.get_endpoint_workers" name="real bodies" time="0.000">'
        '<skipped message="warning: no real body (seen 2 times)" /></testcase></testsuite></testsuites>'
    )


def test_the_summary_counts_per_host_and_lists_every_problem(tmp_path: Path) -> None:
    write_reports(settings(tmp_path, urls=TWO_HOSTS), found(), OPERATIONS, "FAILED", 1)
    text = (tmp_path / "summary.json").read_bytes().decode("utf-8")
    problems = [
        {"suite": "contract.console.show_instance", "check": "id 2", "outcome": "failed",
         "message": "HTTP 200 at $.instances.id: 'é' (Bearer [REDACTED])\nReproduce: curl ...", "count": 2},
        {"suite": "contract.run", "check": "schemathesis", "outcome": "error", "message": "", "count": 1},
        {"suite": "contract.run.get_endpoint_workers", "check": "real bodies", "outcome": "warning",
         "message": "no real body", "count": 2},
    ]  # fmt: skip
    summary = {
        "verdict": "FAILED",
        "exit_code": 1,
        "seed": 7,
        "hosts": {
            # Cases: checks passed or failed, each repeat counted, plus generated cases; warnings apart.
            "console": {"url": "http://127.0.0.1:9", "operations": 1, "cases": 3, "failures": 2, "warnings": 0},
            "run": {"url": "http://127.0.0.1:8", "operations": 2, "cases": 6, "failures": 1, "warnings": 1},
        },
        "not_validated": {"get_endpoint_workers HTTP 500": 1, "show_instance HTTP 429": 2},
        "pending": ["get_autogroup_workers: rejected key", "generated cases of the serverless operations"],
        "problems": problems,
    }
    assert text == json.dumps(summary, indent=2, ensure_ascii=False) + "\n"
    assert "'é'" in text  # Readable, not \u00e9.


def test_the_verdict_lines_list_what_was_not_validated_and_pending_then_the_verdict() -> None:
    lines = verdict_lines(found(), settings(Path("."), urls=TWO_HOSTS), OPERATIONS, "FAILED")
    assert lines == [
        "contract: not validated (documented answers that carry no body to check): "
        "get_endpoint_workers HTTP 500 x1, show_instance HTTP 429 x2",
        "contract: the DEADLINE of 240 s ended the run; still pending: get_autogroup_workers: rejected key; "
        "generated cases of the serverless operations",
        "contract: FAILED: console http://127.0.0.1:9: 1 operations, 3 cases, 2 failures, 0 warnings; "
        "run http://127.0.0.1:8: 2 operations, 6 cases, 1 failures, 1 warnings; seed 7 (SEED=7 repeats it)",
    ]
    assert verdict_lines(ContractReport(), settings(Path(".")), OPERATIONS, "PASSED") == [
        "contract: PASSED: console http://127.0.0.1:9: 1 operations, 0 cases, 0 failures, 0 warnings; "
        "run http://127.0.0.1:9: 2 operations, 0 cases, 0 failures, 0 warnings; seed 7 (SEED=7 repeats it)"
    ]


def test_a_refusal_report_is_one_error_and_never_green(tmp_path: Path) -> None:
    write_refusal(tmp_path, "BASE_URL='x' is not a URL like https://host[:port] — é")
    assert (tmp_path / "junit-contract.xml").read_bytes().decode("utf-8") == (
        "<?xml version='1.0' encoding='utf-8'?>\n<testsuites>"
        '<testsuite name="contract" tests="1" failures="0" errors="1" skipped="0">'
        '<testcase classname="contract" name="settings">'
        "<error message=\"usage error: BASE_URL='x' is not a URL like https://host[:port] — é\">"
        "BASE_URL='x' is not a URL like https://host[:port] — é</error></testcase></testsuite></testsuites>"
    )
    assert (tmp_path / "summary.json").read_text(encoding="utf-8") == (
        '{\n  "verdict": "usage error",\n  "exit_code": 2,\n'
        '  "message": "BASE_URL=\'x\' is not a URL like https://host[:port] \\u2014 \\u00e9"\n}\n'
    )
    write_refusal(tmp_path, "RuntimeError: boom", verdict="error", code=1)
    assert json.loads((tmp_path / "summary.json").read_text()) == {
        "verdict": "error",
        "exit_code": 1,
        "message": "RuntimeError: boom",
    }
    assert '<error message="error: RuntimeError: boom">' in (tmp_path / "junit-contract.xml").read_text()


def test_an_escaped_form_of_the_key_is_redacted_whole() -> None:
    # The JSON form of '"k1' holds the key itself: the longer form goes first, or a backslash would be left.
    assert Redactor('"k1')('{"key": "\\"k1"}') == '{"key": "[REDACTED]"}'
    assert Redactor("\\k1")('{"key": "\\\\k1"}') == '{"key": "[REDACTED]"}'  # Longest first, not A-Z.
    assert Redactor("a b/c")("a%20b%2Fc a b/c a b\\/c") == "[REDACTED] [REDACTED] [REDACTED]"
