"""The contract suite's generated cases in-process: schemathesis's command, its recorded reports, the verdict.

No process: where schemathesis would run, a recorded one stands in (it writes the NDJSON events and
the JSON run report where the command line says, and prints its human output), so what the suite
decides from them is checked as a CI log and a JUnit report would show it.
"""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.test_contract_units import KEY, scenario, settings
from tools.contract_generated import (
    GeneratedRun,
    command,
    curl_line,
    judge_run,
    read_events,
    read_run_report,
    run_generated,
)
from tools.contract_progress import Deadline
from tools.contract_report import ContractReport
from tools.project import ROOT

SHOW_LABEL, ENDPOINT_LABEL = "GET /api/v0/instances/{id}/", "POST /get_endpoint_workers/"


def results(report: ContractReport) -> list[tuple[str, str, str, str, int]]:
    return [(r.suite, r.name, r.outcome, r.message, r.count) for r in report.results]


def test_schemathesis_runs_with_every_setting_the_suite_decided(tmp_path: Path) -> None:
    events, run_report = tmp_path / "events.ndjson", tmp_path / "run.json"
    line = command(settings(tmp_path, seed=4242, budget=1.5), ["console", "run"], events, run_report)
    assert line == [
        str(Path(sys.executable).parent / "schemathesis"), "--config-file", str(ROOT / "tools" / "schemathesis.toml"),
        "run", str(ROOT / "openapi" / "vast.yaml"), "--url", "http://127.0.0.1:9",
        "--include-tag", "instances", "--include-tag", "serverless",
        "--checks", "all", "--exclude-checks",
        "ignored_auth,response_schema_conformance,unsupported_method,not_a_server_error,positive_data_acceptance",
        "--mode", "all", "--max-examples", "3", "--seed", "4242", "--generation-database", "none",
        "--request-timeout", "1.5", "--no-color", "--report", "ndjson,json",
        "--report-ndjson-path", str(events), "--report-json-path", str(run_report),
    ]  # fmt: skip
    urls = {"console": "https://console.example.test", "run": "https://run.example.test"}
    remote = command(settings(tmp_path, urls=urls, loopback=False), ["run"], events, run_report)
    assert remote[remote.index("--url") + 1] == "https://run.example.test"
    assert remote[-2:] == ["--rate-limit", "20/m"]  # Vast's rate limit, beyond 127.0.0.1 only.


def failure(check: str, message: str | None, operation: str | None = ENDPOINT_LABEL) -> dict[str, Any]:
    found: dict[str, Any] = {"title": f"Custom check failed: `{check}`"}
    if message is not None:
        found["message"] = message
    if operation is not None:
        found["operation"] = operation
    return {"name": check, "status": "failure", "failure_info": {"failure": found}}


def recorded(*cases: dict[str, Any]) -> str:
    """One ScenarioFinished event holding `cases` (each: id, case, checks, and an interaction if any)."""
    recorder: dict[str, Any] = {"cases": {}, "checks": {}, "interactions": {}}
    for case in cases:
        recorder["cases"][case["id"]] = {"value": case["case"]}
        recorder["checks"][case["id"]] = case["checks"]
        if "interaction" in case:
            recorder["interactions"][case["id"]] = case["interaction"]
    return json.dumps({"ScenarioFinished": {"recorder": recorder}})


def positive(method: str, path: str) -> dict[str, Any]:
    return {"method": method, "path": path, "meta": {"generation": {"mode": "positive"}}}


def answered(status: int, content: Any, request: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"request": request or {"method": "POST", "uri": "http://127.0.0.1:9/get_endpoint_workers/"},
            "response": {"status_code": status, "content": content}}  # fmt: skip


def b64(data: bytes) -> dict[str, str]:
    return {"$base64": base64.b64encode(data).decode()}


def test_what_schemathesis_found_becomes_one_case_per_failing_check_and_operation() -> None:
    ok = {"name": "response_fits_the_spec", "status": "success"}
    events = [
        recorded(
            # Four failures of one check, three distinct messages kept, the first example shown, cut at 300 chars.
            {"id": "a", "case": positive("POST", "/get_endpoint_workers/"),
             "checks": [ok, failure("response_fits_the_spec", " at $[0].id: bad ")],
             "interaction": answered(200, b64(b"[" + b"\xff" * 2 + b"1" * 400 + b"]"))},
            {"id": "b", "case": positive("POST", "/get_endpoint_workers/"),
             "checks": [failure("response_fits_the_spec", "at $[0].id: bad")],
             "interaction": answered(200, "plain")},
            {"id": "c", "case": positive("POST", "/get_endpoint_workers/"),
             "checks": [failure("response_fits_the_spec", "at $[1].id: bad")]},
            {"id": "d", "case": positive("POST", "/get_endpoint_workers/"),
             "checks": [failure("response_fits_the_spec", "at $[2].id: bad"),
                        failure("response_fits_the_spec", "at $[3].id: bad")]},
        ),
        recorded(
            # A failure without a message or an operation: its title explains it, the case's label places it.
            {"id": "e", "case": positive("POST", "/get_autogroup_workers/"),
             "checks": [failure("answer_within_budget", None, None)], "interaction": answered(503, None)},
            # Passing cases of the instance operation; documented errors to valid requests are listed.
            {"id": "f", "case": positive("GET", "/api/v0/instances/{id}/"), "checks": [ok],
             "interaction": answered(525, b64(b"<html/>"))},
            {"id": "g", "case": positive("GET", "/api/v0/instances/{id}/"), "checks": [ok],
             "interaction": answered(525, None)},
            {"id": "h", "case": {"method": "GET", "path": "/api/v0/instances/{id}/",
                                 "meta": {"generation": {"mode": "negative"}}},
             "checks": [], "interaction": answered(500, None)},
            {"id": "i", "case": positive("GET", "/api/v0/instances/{id}/"), "checks": [],
             "interaction": answered(300, None)},
            {"id": "j", "case": positive("GET", "/api/v0/instances/{id}/"), "checks": [],
             "interaction": answered(299, None)},
            {"id": "k", "case": positive("GET", "/api/v0/instances/{id}/"), "checks": [],
             "interaction": answered(200, None)},
            {"id": "l", "case": positive("GET", "/api/v0/instances/{id}/"), "checks": [],
             "interaction": answered(199, None)},
            # A passing case of an operation that also failed: no "passed" case for it.
            {"id": "m", "case": positive("POST", "/get_endpoint_workers/"), "checks": [ok]},
        ),
    ]  # fmt: skip
    found = read_events(events)
    found.complete, found.exit_code = True, 1
    report = ContractReport()
    report.not_validated["show_instance HTTP 525 (generated)"] = 1  # Counted on, not overwritten.
    judge_run(found, ["console", "run"], report, ended_by_deadline=False)
    body = "[\ufffd\ufffd" + "1" * 297
    curl = ("curl -sS -X POST -H 'Content-Type: application/json' -d plain "
            "http://127.0.0.1:9/get_endpoint_workers/")  # fmt: skip
    assert results(report) == [
        ("contract.run.get_autogroup_workers", "generated cases: answer_within_budget", "failed",
         "Custom check failed: `answer_within_budget`: Custom check failed: `answer_within_budget`\n"
         "[503] \nReproduce: curl -sS -X POST http://127.0.0.1:9/get_endpoint_workers/", 1),
        ("contract.run.get_endpoint_workers", "generated cases: response_fits_the_spec", "failed",
         "Custom check failed: `response_fits_the_spec`: at $[0].id: bad\nat $[1].id: bad\nat $[2].id: bad\n"
         f"[200] {body}\nReproduce: curl -sS -X POST http://127.0.0.1:9/get_endpoint_workers/", 5),
        ("contract.console.show_instance", "generated cases", "passed", "", 1),
    ]  # fmt: skip
    assert curl_line({"method": "POST", "uri": "http://127.0.0.1:9/get_endpoint_workers/", "body": "plain"}) == curl
    assert report.generated == {"console": 7, "run": 6}
    assert dict(report.not_validated) == {
        "show_instance HTTP 525 (generated)": 3,
        "show_instance HTTP 300 (generated)": 1,
        "show_instance HTTP 199 (generated)": 1,
        "get_autogroup_workers HTTP 503 (generated)": 1,
    }


def test_an_event_missing_its_labels_is_still_counted_and_placed() -> None:
    found = read_events([recorded({"id": "a", "case": {}, "checks": [{"status": "failure"}]}), "", "[]", "{}"])
    found.complete, found.exit_code = True, 1
    report = ContractReport()
    judge_run(found, ["run"], report, ended_by_deadline=False)
    assert results(report) == [("contract.run.? ?", "generated cases: ?", "failed", "?: ?", 1)]
    assert report.generated == {"run": 1}


def test_curl_lines_repeat_the_recorded_request_as_it_was_sent() -> None:
    assert curl_line({}) == "curl -sS -X GET ''"
    assert curl_line({"method": "POST", "uri": "http://127.0.0.1:9/x", "body": b64(b'{"id": 1}'),
                      "headers": {"Content-Type": ["application/x-www-form-urlencoded"], "X-Empty": []}}) == (
        "curl -sS -X POST -H 'Content-Type: application/x-www-form-urlencoded' -d '{\"id\": 1}' http://127.0.0.1:9/x"
    )  # fmt: skip
    assert curl_line({"uri": "http://127.0.0.1:9/x", "body": "a", "headers": {"content-type": "text/plain"}}) == (
        "curl -sS -X GET -H 'Content-Type: text/plain' -d a http://127.0.0.1:9/x"
    )


@pytest.mark.parametrize(
    ("event", "hosts", "expected"),
    [
        (
            {"NonFatalError": {"label": ENDPOINT_LABEL, "value": {"type": "ConnectionError", "message": "reset"}}},
            ["console", "run"],
            [("contract.run.get_endpoint_workers", "schemathesis error: ConnectionError", "error",
              "reset (x2): the cases could not be judged", 1)],
        ),
        (
            {"NonFatalError": {"value": {}}},
            ["console", "run"],
            [("contract.console", "schemathesis error: error", "error", " (x2): the cases could not be judged", 1),
             ("contract.run", "schemathesis error: error", "error", " (x2): the cases could not be judged", 1)],
        ),
        (
            {"FatalError": {"exception": "Spec not found" + "!" * 600}},
            ["run"],
            [("contract.run", "schemathesis error: FatalError", "error",
              ('{"exception": "Spec not found' + "!" * 600)[:500] + " (x1): the cases could not be judged", 1)],
        ),
    ],
)  # fmt: skip
def test_every_schemathesis_error_is_an_error_case_where_it_happened(
    event: dict[str, Any], hosts: list[str], expected: list[tuple[str, str, str, str, int]]
) -> None:
    found = read_events([json.dumps(event)] * (1 if "FatalError" in event else 2))
    found.complete, found.exit_code = True, 1
    report = ContractReport()
    judge_run(found, hosts, report, ended_by_deadline=False)
    assert results(report) == expected


@pytest.mark.parametrize(
    ("run", "expected"),
    [
        ({"complete": True, "stop_reason": "completed", "exit_code": 0}, []),
        ({"complete": True, "stop_reason": "completed"}, []),
        ({"complete": True, "stop_reason": "interrupted", "exit_code": 0},
         [("contract.run", "schemathesis", "error", "schemathesis did not complete its run (exit code 0)", 1)]),
        ({"complete": False, "stop_reason": "completed", "exit_code": 2},
         [("contract.run", "schemathesis", "error", "schemathesis did not complete its run (exit code 2)", 1)]),
        ({"complete": True, "stop_reason": "completed", "exit_code": 1},
         [("contract.run", "schemathesis", "error", "schemathesis exited 1 without a failure it explained", 1)]),
        ({"complete": True, "stop_reason": "completed", "exit_code": 1,
          "errors": [{"title": "Network", "count": 2}, {"message": "?"}]},
         [("contract.run", "schemathesis error: Network", "error",
           "{'title': 'Network', 'count': 2} (x2): the cases could not be judged", 1),
          ("contract.run", "schemathesis error: error", "error",
           "{'message': '?'} (x1): the cases could not be judged", 1)]),
    ],
)  # fmt: skip
def test_the_run_report_decides_whether_an_unexplained_exit_is_an_error(
    tmp_path: Path, run: dict[str, Any], expected: list[tuple[str, str, str, str, int]]
) -> None:
    path = tmp_path / "run.json"
    path.write_text(json.dumps(run))
    found = GeneratedRun()
    read_run_report(path, found)
    report = ContractReport()
    judge_run(found, ["run"], report, ended_by_deadline=False)
    assert results(report) == expected


def test_errors_from_the_events_are_not_counted_again_from_the_run_report(tmp_path: Path) -> None:
    path = tmp_path / "run.json"
    path.write_text(json.dumps({"complete": True, "stop_reason": "completed", "exit_code": 1,
                                "errors": [{"title": "Network"}]}))  # fmt: skip
    found = read_events([json.dumps({"NonFatalError": {"label": "x", "value": {"type": "Network", "message": "m"}}})])
    read_run_report(path, found)
    assert list(found.errors) == [("x", "Network")]


# --- a whole run of schemathesis, recorded ------------------------------------------------------


class Schemathesis:
    """Stands in for the schemathesis process: writes its recorded reports where told, prints its output."""

    def __init__(self, events: list[str], run: dict[str, Any] | None, output: list[str], *, hangs: bool = False):
        self.events, self.run, self.output, self.hangs = events, run, output, hangs
        self.args: list[str] = []
        self.options: dict[str, Any] = {}
        self.waited: list[float | None] = []
        self.pid, self.returncode = 424242, 0
        self.write_events = True
        self.folder_existed = False

    def __call__(self, args: list[str], **options: Any) -> Schemathesis:
        self.args, self.options = args, options
        self.folder_existed = Path(options["cwd"]).is_dir()
        if self.write_events:  # Bytes that are not UTF-8 (a cut-off write) are read past, not fatal.
            events = "\n".join(["\udcff", *self.events]).encode("utf-8", errors="surrogateescape")
            Path(args[args.index("--report-ndjson-path") + 1]).write_bytes(events)
        if self.run is not None:
            Path(args[args.index("--report-json-path") + 1]).write_text(json.dumps(self.run))
        self.stdout = iter(self.output)
        return self

    def wait(self, timeout: float | None = None) -> int:
        self.waited.append(timeout)
        if self.hangs and timeout is not None:
            raise subprocess.TimeoutExpired(self.args, timeout)
        self.returncode = -9 if self.hangs else (self.run or {}).get("exit_code", 2)
        return self.returncode


def run_recorded(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, schemathesis: Schemathesis, deadline: Deadline, **changes: Any
) -> tuple[ContractReport, list[str], list[tuple[int, int]]]:
    killed: list[tuple[int, int]] = []
    monkeypatch.setattr(subprocess, "Popen", schemathesis)
    monkeypatch.setattr(os, "killpg", lambda pid, sig: killed.append((pid, sig)))
    report, emitted = ContractReport(), list[str]()
    hosts = changes.pop("hosts", ["console", "run"])
    run_generated(settings(tmp_path, **changes), report, hosts, deadline, emit=emitted.append)
    return report, emitted, killed


def test_a_recorded_run_is_relayed_redacted_and_judged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ok = {"name": "response_fits_the_spec", "status": "success"}
    schemathesis = Schemathesis(
        [scenario("a", "GET", SHOW_LABEL.split()[1], 200, [ok])],
        {"complete": True, "stop_reason": "completed", "exit_code": 0},
        [f"Authorization: Bearer {KEY}\n", "1 passed\n"],
    )
    deadline = Deadline(240, clock=lambda: 5.0)
    report, emitted, killed = run_recorded(monkeypatch, tmp_path, schemathesis, deadline)
    what = "generated cases of the instances and serverless operations at http://127.0.0.1:9"
    assert emitted == [f"contract: {what} (seed 7)\n", "Authorization: Bearer [REDACTED]\n", "1 passed\n"]
    assert deadline.doing == what
    assert results(report) == [("contract.console.show_instance", "generated cases", "passed", "", 1)]
    assert (report.pending, killed, schemathesis.waited) == ([], [], [240.0])
    options = schemathesis.options
    private = Path(options.pop("cwd"))
    assert private.name.startswith("contract-schemathesis-")
    assert schemathesis.folder_existed
    assert not private.exists()  # Nothing of schemathesis's is left behind.
    assert not private.is_relative_to(ROOT)
    env = options.pop("env")
    assert {k: env[k] for k in ("VAST_API_KEY", "SCHEMATHESIS_HOOKS", "PYTHONPATH", "CONTRACT_CHECK_BUDGET",
                                "CONTRACT_CHECK_MAX_BODY_BYTES")} == {
        "VAST_API_KEY": KEY, "SCHEMATHESIS_HOOKS": "tools.contract_checks", "PYTHONPATH": str(ROOT),
        "CONTRACT_CHECK_BUDGET": "2", "CONTRACT_CHECK_MAX_BODY_BYTES": str(8 * 1024 * 1024),
    }  # fmt: skip
    assert env["PATH"] == os.environ["PATH"]
    assert options == {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT, "text": True, "errors": "replace",
                       "start_new_session": True}  # fmt: skip
    assert schemathesis.args[schemathesis.args.index("--seed") + 1] == "7"


def test_a_run_without_reports_is_an_error_naming_its_exit_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    schemathesis = Schemathesis([], None, ["Traceback (most recent call last):\n"])
    schemathesis.write_events = False
    urls = {"console": "http://127.0.0.1:9", "run": "http://127.0.0.1:8"}
    report, emitted, _ = run_recorded(monkeypatch, tmp_path, schemathesis, Deadline(240, clock=lambda: 0.0),
                                      hosts=["run"], urls=urls)  # fmt: skip
    assert emitted[0] == "contract: generated cases of the serverless operations at http://127.0.0.1:8 (seed 7)\n"
    assert results(report) == [
        ("contract.run", "schemathesis", "error", "schemathesis did not complete its run (exit code 2)", 1),
    ]


def test_the_deadline_ends_schemathesis_and_its_group_and_says_what_was_pending(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    schemathesis = Schemathesis([scenario("a", "GET", SHOW_LABEL.split()[1], 200, [])], None, [], hangs=True)
    times = iter([0.0, 300.0])
    deadline = Deadline(240, clock=lambda: next(times))
    report, _, killed = run_recorded(monkeypatch, tmp_path, schemathesis, deadline)
    assert killed == [(424242, signal.SIGKILL)]
    assert schemathesis.waited == [0.1, None]  # At least a moment, then until the killed group is gone.
    assert report.pending == ["generated cases of the instances and serverless operations at http://127.0.0.1:9"]
    assert report.results == []  # What it judged before the end counts; no error for the cut-off run.
    assert report.generated == {"console": 1}
