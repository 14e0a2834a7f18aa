"""A whole contract run in-process, its progress, and the spec rules its checks use, as a user sees them.

The server is recorded (httpx.MockTransport) and schemathesis stood in for; what is printed, what is
sent (timeouts included: a transport sees them) and what the reports say are checked exactly.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import httpx
import pytest

from tests.test_contract_units import KEY, Generated, drifted_transport, settings, st_case, st_response
from tools import contract, contract_checks
from tools.contract_progress import Deadline, Progress, progress_line
from tools.contract_report import CheckResult, ContractReport
from tools.contract_settings import ContractSettings
from tools.specs import answer_problems, is_documented_method, strict_json, validator

SHOW_PATH = "/api/v0/instances/{id}/"


def echoing(timeouts: list[dict[str, float]]) -> httpx.MockTransport:
    """The drifted server "correct", recording each request's timeouts, echoing the key in a failing answer."""
    correct = drifted_transport("correct")

    def handle(request: httpx.Request) -> httpx.Response:
        timeouts.append(request.extensions["timeout"])
        if request.url.path == "/api/v0/instances/2/":
            return httpx.Response(200, json={"instances": {"id": 3, "label": request.headers["Authorization"]}})
        return correct.handle_request(request)

    return httpx.MockTransport(handle)


def test_a_run_prints_its_settings_its_problems_then_its_verdict_and_never_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    timeouts: list[dict[str, float]] = []
    warned = CheckResult("contract.run", "schemathesis", "warning", f"slow, key {KEY}")
    code = contract.run(settings(tmp_path, budget=1.5, deadline=90.0), echoing(timeouts), Generated(warned))
    assert code == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "contract: seed 7, BUDGET 1.5 s per answer, DEADLINE 90 s"
    assert out[1:3] == [
        "contract: failed: contract.console.show_instance id 2: asked for instance 2, the answer is about instance 3",
        'Reproduce: curl -sS -X GET -H "Authorization: Bearer $VAST_API_KEY" http://127.0.0.1:9/api/v0/instances/2/',
    ]
    assert out[3] == "contract: warning: contract.run schemathesis: slow, key [REDACTED]"
    assert out[-1].startswith("contract: FAILED: console http://127.0.0.1:9: 1 operations, ")
    assert KEY not in "\n".join(out)
    assert timeouts[0] == {"connect": 10.0, "read": 10.0, "write": 10.0, "pool": 10.0}  # Is the host there?
    assert timeouts[2] == {"connect": 10.0, "read": 1.5, "write": 1.5, "pool": 1.5}  # A probe: BUDGET.
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert (summary["verdict"], summary["exit_code"]) == ("FAILED", 1)


def test_an_unreachable_host_is_asked_for_its_root_once_within_the_deadline(tmp_path: Path) -> None:
    asked: list[tuple[str, str, float]] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        asked.append((request.method, str(request.url), request.extensions["timeout"]["read"]))
        raise httpx.ConnectError("refused", request=request)

    report = ContractReport()
    urls = {"console": "http://127.0.0.1:9", "run": "http://127.0.0.1:8"}
    with httpx.Client(transport=httpx.MockTransport(refuse)) as client:
        verdict = contract.judge(settings(tmp_path, urls=urls, deadline=4.0), report, Deadline(4), client, Generated())
    assert verdict == ("UNREACHABLE", 3)
    assert asked == [("GET", "http://127.0.0.1:9/", 4.0), ("GET", "http://127.0.0.1:8/", 4.0)]
    assert [(r.suite, r.name, r.outcome, r.message) for r in report.results] == [
        ("contract.console", "reachable", "error", "http://127.0.0.1:9 did not answer: ConnectError"),
        ("contract.run", "reachable", "error", "http://127.0.0.1:8 did not answer: ConnectError"),
    ]


class Recording(Generated):
    def __init__(self) -> None:
        super().__init__()
        self.given: list[tuple[ContractSettings, Deadline]] = []

    def __call__(
        self, settings: ContractSettings, report: ContractReport, hosts: list[str], deadline: Deadline
    ) -> None:
        self.given.append((settings, deadline))
        super().__call__(settings, report, hosts, deadline)


@pytest.mark.parametrize(("left", "runs"), [(2.0, True), (1.99, False)])
def test_generated_cases_run_only_with_a_whole_budget_left(tmp_path: Path, left: float, runs: bool) -> None:
    ticks = iter([0.0] + [0.0] * 20 + [240.0 - left] * 1000)  # The probes first, then the time left.
    deadline = Deadline(240, clock=lambda: next(ticks))
    generated, report, chosen = Recording(), ContractReport(), settings(tmp_path, known={})
    with httpx.Client(transport=drifted_transport("correct")) as client:
        prober_ids = contract.judge(chosen, report, deadline, client, generated)
    assert prober_ids[0] in ("PASSED", "FAILED")
    if runs:
        assert generated.given == [(chosen, deadline)]
        assert report.pending == []
    else:
        assert generated.given == []
        assert report.pending[-1] == "generated cases of the instances and serverless operations"


def test_a_host_whose_probes_broke_the_bounds_gets_a_warning_instead_of_generated_cases(tmp_path: Path) -> None:
    report, generated = ContractReport(), Generated()
    report.add(CheckResult("contract.run.get_endpoint_workers", "id 1", "failed", "over the BUDGET"))
    with httpx.Client(transport=drifted_transport("correct")) as client:
        contract.judge(settings(tmp_path), report, Deadline(240), client, generated)
    assert generated.asked == [["console"]]
    assert [(r.outcome, r.message) for r in report.results if r.name == "generated cases"] == [
        ("warning", "not run: the probes found answers over BUDGET or MAX_BODY_BYTES, and generated cases would "
         "wait on them too")
    ]  # fmt: skip


def test_main_runs_with_the_settings_given_and_a_cleared_report_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[ContractSettings] = []

    def run(settings: ContractSettings) -> int:
        ran.append(settings)
        return 0

    (tmp_path / "summary.json").write_text('{"verdict": "PASSED"}')
    monkeypatch.setattr(contract, "run", run)
    assert contract.main(["--report-dir", str(tmp_path), "--base-url", "http://127.0.0.1:9", "--seed", "5"]) == 0
    assert (ran[0].report_dir, ran[0].seed, ran[0].urls["run"]) == (tmp_path.resolve(), 5, "http://127.0.0.1:9")
    assert list(tmp_path.iterdir()) == []  # No report of an earlier run survives.


def test_a_broken_run_and_a_refused_setting_leave_a_red_report_saying_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(settings: ContractSettings) -> int:
        raise RuntimeError(f"boom with {KEY} inside")

    monkeypatch.setattr(contract, "run", broken)
    monkeypatch.setenv("VAST_API_KEY", KEY)
    assert contract.main(["--report-dir", str(tmp_path), "--base-url", "http://127.0.0.1:9"]) == 1
    assert capsys.readouterr().err == (
        "contract: error: the run broke (RuntimeError: boom with [REDACTED] inside); the verdict is not green\n"
    )
    assert json.loads((tmp_path / "summary.json").read_text()) == {
        "verdict": "error", "exit_code": 1, "message": "RuntimeError: boom with [REDACTED] inside"
    }  # fmt: skip
    assert contract.main(["--report-dir", str(tmp_path), "--base-url", "http://127.0.0.1:9", "--seed", "x"]) == 2
    assert capsys.readouterr().err == ("contract: usage error: SEED='x' is not a whole number from 0 to 4294967295\n")
    assert json.loads((tmp_path / "summary.json").read_text()) == {
        "verdict": "usage error", "exit_code": 2, "message": "SEED='x' is not a whole number from 0 to 4294967295"
    }  # fmt: skip


# --- the deadline and progress ----------------------------------------------------------------------------


def test_the_deadline_counts_down_to_zero_and_expires_exactly_then() -> None:
    now = [100.0]
    deadline = Deadline(60, clock=lambda: now[0])
    assert progress_line(deadline) == "contract: 0 s of 60 s: starting"
    now[0] = 159.5
    assert (deadline.remaining(), deadline.expired()) == (0.5, False)
    now[0] = 160.0
    assert (deadline.remaining(), deadline.expired()) == (0.0, True)
    now[0] = 500.0
    assert (deadline.remaining(), deadline.expired()) == (0.0, True)


def test_progress_prints_on_stdout_by_default_from_a_thread_named_for_it(capsys: pytest.CaptureFixture[str]) -> None:
    deadline = Deadline(60, clock=lambda: 0.0)
    out = ""
    with Progress(deadline, every=0.001):
        assert "contract-progress" in [t.name for t in threading.enumerate()]
        while "contract:" not in out:
            out += capsys.readouterr().out
    assert out.splitlines()[0] == "contract: 0 s of 60 s: starting"
    assert "contract-progress" not in [t.name for t in threading.enumerate()]


# --- spec rules the checks use ------------------------------------------------------------------------------


def test_a_content_type_header_is_read_as_schemathesis_or_a_plain_mapping_gives_it() -> None:
    case = st_case("GET", SHOW_PATH, 5)
    body = b'{"instances": {"id": 5}}'
    plain = st_response(200, body)
    plain.headers = {"content-type": "application/json"}
    assert contract_checks.response_fits_the_spec(None, plain, case) is True
    empty = st_response(200, body, {"content-type": []})
    said = r"^HTTP 200 came as no content type; the spec documents application/json$"
    with pytest.raises(AssertionError, match=said):
        contract_checks.response_fits_the_spec(None, empty, case)


def test_answer_problems_name_the_spot_and_clip_what_the_spec_wants() -> None:
    assert answer_problems("/get_endpoint_workers/", "POST", 200, "application/json", b"5") == [
        'HTTP 200 at $: 5 is not valid under any of the given schemas (the spec wants anyOf [{"$ref": '
        '"#/components/schemas/WorkerList"}, {"$ref": "#/components/schemas/...)'
    ]
    long_id = b'{"instances": {"id": "' + b"x" * 300 + b'"}}'
    assert answer_problems(SHOW_PATH, "GET", 200, "application/json", long_id) == [
        f'HTTP 200 at $.instances.id: \'{"x" * 156}... (the spec wants type "integer")'
    ]
    assert answer_problems(SHOW_PATH, "GET", 200, "application/json; charset=utf-8; q=1", b'{"instances": null}') == []
    assert answer_problems(SHOW_PATH, "GET", 400, "application/json", b'{"error": 5}')[0].endswith(
        '(the spec wants type "string")'
    )


@pytest.mark.parametrize(
    ("content", "problems"),
    [
        (b"x" * 70, [f"the body is not JSON (b'{'x' * 60}')"]),
        (b"\xff" * 70, ["the body is not JSON (b'" + "\\xff" * 38 + "\\xf...)"]),
        (b"[" * 100_000, ["the body is not JSON (nested too deeply)"]),
        (b"\xff" * 33 + b"x" * 25, ["the body is not JSON (b'" + "\\xff" * 33 + "x" * 25 + "')"]),  # 160: not cut.
        (b'["\x80", "\xff"]', ["at $[0]: the text is not valid UTF-8", "at $[1]: the text is not valid UTF-8"]),
        (b'{"\x80": 1, "\xff": 2, "ok": "\x7f"}', ["at $: a key is not valid UTF-8", "at $: a key is not valid UTF-8"]),
    ],
)
def test_strict_json_says_what_is_not_json_in_one_short_line(content: bytes, problems: list[str]) -> None:
    assert strict_json(content)[1] == problems


def test_a_schema_of_the_spec_validates_with_its_references_resolved() -> None:
    checks = validator({"type": "object", "properties": {"a": {"anyOf": [{"$ref": "#/components/schemas/Id"}]},
                                                         "b": {"pattern": "#x"}}})  # fmt: skip
    assert checks.is_valid({"a": 5, "b": "#x"})
    assert not checks.is_valid({"a": "five"})
    assert (is_documented_method(SHOW_PATH, "GET"), is_documented_method("/nowhere/", "get")) == (True, False)


def test_an_unreachable_server_is_its_own_exit_code_verdict_and_one_error_per_host(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    urls = {"console": "http://127.0.0.1:9", "run": "http://localhost:9"}
    generated = Generated()
    assert contract.run(settings(tmp_path, urls=urls), httpx.MockTransport(refuse), generated) == 3
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("contract: UNREACHABLE: console http://127.0.0.1:9: 1 operations, 1 cases, 1 failures")
    assert generated.asked == []
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert (summary["verdict"], summary["exit_code"]) == ("UNREACHABLE", 3)
    assert [(p["suite"], p["check"]) for p in summary["problems"]] == [
        ("contract.console", "reachable"),
        ("contract.run", "reachable"),
    ]
