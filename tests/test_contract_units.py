"""The contract suite in-process, on recorded answers: settings, strict JSON, probes, checks and verdict.

No process, no socket: drifted servers answer through httpx.MockTransport (tests/drift_server.py's
DriftAnswers), schemathesis's results are recorded NDJSON events. `make unit` runs these.
"""

from __future__ import annotations

import base64
import json
import random
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest

from tests.drift_server import AUTOGROUP_ID, ENDPOINT_ID, INSTANCE_ID, DriftAnswers, Raw
from tools import contract, contract_checks
from tools.contract_generated import (
    GeneratedRun,
    command,
    curl_line,
    host_groups,
    judge_run,
    read_events,
    read_run_report,
)
from tools.contract_probes import (
    KNOWN_TRIES,
    OPERATIONS,
    REJECTED_KEY,
    Answer,
    Prober,
    fetch,
    judge,
    judge_auth,
    judge_known,
    probe_ids,
    reproduce,
)
from tools.contract_progress import Deadline, Progress, progress_line
from tools.contract_report import CheckResult, ContractReport, Redactor, verdict_lines, verdict_of, write_reports
from tools.contract_settings import (
    REPORT_FILES,
    ContractSettings,
    SettingsError,
    check_report_dir,
    contract_url,
    parse,
    prepare_report_dir,
    settings_from,
)
from tools.project import ROOT
from tools.specs import answer_problems, strict_json

SHOW, ENDPOINT, AUTOGROUP = OPERATIONS
KEY = "canary-unit-KEY-31"
KNOWN = {"show_instance": INSTANCE_ID, "get_endpoint_workers": ENDPOINT_ID, "get_autogroup_workers": AUTOGROUP_ID}


def settings(tmp_path: Path, **changes: Any) -> ContractSettings:
    values: dict[str, Any] = {
        "urls": {"console": "http://127.0.0.1:9", "run": "http://127.0.0.1:9"}, "known": dict(KNOWN),
        "budget": 2.0, "deadline": 240.0, "max_examples": 3, "report_dir": tmp_path, "key": KEY,
        "loopback": True, "seed": 7, "require_real_bodies": False,
    }  # fmt: skip
    return ContractSettings(**{**values, **changes})


def drifted(mode: str) -> httpx.Client:
    """A client whose every request is answered, in-process, by a drifted server."""
    return httpx.Client(transport=drifted_transport(mode))


def drifted_transport(mode: str) -> httpx.MockTransport:
    answers = DriftAnswers(mode)

    def handle(request: httpx.Request) -> httpx.Response:
        headers = {k.lower(): v for k, v in request.headers.items()}
        status, body, extra = answers.answer(request.method, request.url.path, headers, request.content)
        content = bytes(body) if isinstance(body, Raw) else json.dumps(body).encode()
        return httpx.Response(status, content=content, headers={"Content-Type": "application/json", **extra})

    return httpx.MockTransport(handle)


def probe(
    tmp_path: Path, mode: str, ids: list[int] | None = None, **changes: Any
) -> tuple[ContractReport, list[float]]:
    """The probes against a drifted server: every id of a run, or only `ids` (quicker)."""
    report, slept = ContractReport(), list[float]()
    with drifted(mode) as client:
        prober = Prober(settings(tmp_path, **changes), report, Deadline(240), client, sleep=slept.append)
        if ids is None:
            prober.run()
        for op in OPERATIONS:
            if ids is not None:
                prober.operation(op, ids)
    return report, slept


def failures(report: ContractReport) -> list[str]:
    return [f"{r.suite} {r.name}: {r.message}" for r in report.results if r.outcome in ("failed", "error")]


# --- settings and REPORT_DIR ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("garbage", "must look like https://host[:port]"),
        ("http://127.0.0.1:9 --max-examples 1", "(no spaces, one value)"),
        ("http://127.0.0.1:notaport", "is not a valid URL"),
        ("http://api.example.com", "use https (http is for 127.0.0.1 only)"),
        ("http://localhost.example.com", "use https (http is for 127.0.0.1 only)"),
        ("https://user:pw@api.example.com", "must not carry credentials"),
        ("https://api.example.com/v0", "no path"),
        ("http://127.0.0.1:0", "has port 0"),
    ],
)
def test_a_bad_url_is_refused_naming_the_variable(value: str, said: str) -> None:
    with pytest.raises(SettingsError, match="BASE_URL") as refused:
        contract_url(value, "BASE_URL")
    assert said in str(refused.value)
    assert "\n" not in str(refused.value)


def test_urls_that_keep_the_rules_pass_cleaned() -> None:
    assert contract_url(" https://console.vast.ai/ ", "CONSOLE_URL") == "https://console.vast.ai"
    assert contract_url("http://localhost:4010", "BASE_URL") == "http://localhost:4010"


@pytest.mark.parametrize(
    ("environ", "said"),
    [
        ({"CONTRACT_RUN_URL": "http://127.0.0.1:9"}, "RUN_URL alone covers one host: give CONSOLE_URL too"),
        ({}, "give BASE_URL (one server), or CONSOLE_URL and RUN_URL"),
        ({"CONTRACT_BASE_URL": "https://console.example.com"}, "VAST_API_KEY is not set"),
        ({"CONTRACT_BASE_URL": "https://x.example.com", "VAST_API_KEY": "a b"}, "VAST_API_KEY holds spaces"),
        ({"CONTRACT_BASE_URL": "http://127.0.0.1:9", "CONTRACT_INSTANCE_ID": "12a"}, "INSTANCE_ID='12a' is not an id"),
        ({"CONTRACT_BASE_URL": "http://127.0.0.1:9", "CONTRACT_ENDPOINT_ID": "0"}, "ENDPOINT_ID='0' is not an id"),
        ({"CONTRACT_BASE_URL": "http://127.0.0.1:9", "CONTRACT_BUDGET": "-1"}, "BUDGET='-1' is not a number above 0"),
        ({"CONTRACT_BASE_URL": "http://127.0.0.1:9", "CONTRACT_DEADLINE": "0"}, "DEADLINE='0' is not a number"),
        (
            {"CONTRACT_BASE_URL": "http://127.0.0.1:9", "CONTRACT_MAX_EXAMPLES": "1.5"},
            "MAX_EXAMPLES='1.5' is not a whole",
        ),
        ({"CONTRACT_BASE_URL": "http://127.0.0.1:9", "CONTRACT_SEED": "4294967296"}, "SEED='4294967296' is not"),
        ({"CONTRACT_BASE_URL": "http://127.0.0.1:9", "CONTRACT_REQUIRE_REAL_BODIES": "maybe"}, "is not 1 or 0"),
    ],
)
def test_a_bad_setting_is_refused_in_one_line_naming_it(environ: dict[str, str], said: str) -> None:
    with pytest.raises(SettingsError) as refused:
        settings_from(parse([], environ), ROOT / "build" / "contract", environ)
    assert said in str(refused.value)


def test_settings_as_make_passes_them(tmp_path: Path) -> None:
    environ = {"CONTRACT_BASE_URL": "http://127.0.0.1:4010", "CONTRACT_INSTANCE_ID": "123", "CONTRACT_SEED": "99",
               "CONTRACT_BUDGET": "1.5", "CONTRACT_DEADLINE": "60", "CONTRACT_REQUIRE_REAL_BODIES": "yes"}  # fmt: skip
    found = settings_from(parse([], environ), tmp_path, environ)
    assert found.urls == {"console": "http://127.0.0.1:4010", "run": "http://127.0.0.1:4010"}
    assert (found.known, found.seed, found.budget, found.deadline) == ({"show_instance": 123}, 99, 1.5, 60.0)
    assert (found.require_real_bodies, found.loopback, found.key) == (True, True, "mock-key")


def test_the_default_deadline_leaves_room_for_vast_s_rate_limit() -> None:
    local = {"CONTRACT_BASE_URL": "http://127.0.0.1:4010"}
    remote = {"CONTRACT_BASE_URL": "https://console.vast.ai", "VAST_API_KEY": KEY}
    assert settings_from(parse([], local), ROOT, local).deadline == 300
    assert settings_from(parse([], remote), ROOT, remote).deadline == 1200


def test_without_seed_each_run_draws_its_own() -> None:
    environ = {"CONTRACT_BASE_URL": "http://127.0.0.1:4010"}
    seeds = {settings_from(parse([], environ), ROOT, environ).seed for _ in range(5)}
    assert len(seeds) > 1


def test_report_dir_refuses_a_file(tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("mine")
    with pytest.raises(SettingsError, match="is a file"):
        check_report_dir(str(target))
    assert target.read_text() == "mine"


@pytest.mark.parametrize("where", [ROOT, ROOT.parent, Path("/")])
def test_report_dir_refuses_the_checkout_and_what_holds_it(where: Path) -> None:
    with pytest.raises(SettingsError, match="the checkout or holds it"):
        check_report_dir(str(where))


def test_report_dir_refuses_a_folder_of_other_files_and_deletes_nothing(tmp_path: Path) -> None:
    (tmp_path / "thesis.tex").write_text("years of work")
    (tmp_path / "summary.json").write_text("{}")
    with pytest.raises(SettingsError, match=r"holds other files \(thesis.tex\)"):
        check_report_dir(str(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.json", "thesis.tex"]


def test_report_dir_refuses_a_report_name_that_is_a_link(tmp_path: Path) -> None:
    elsewhere = tmp_path.parent / f"{tmp_path.name}-elsewhere.json"
    elsewhere.write_text("precious")
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "summary.json").symlink_to(elsewhere)
    with pytest.raises(SettingsError, match="not a plain file"):
        check_report_dir(str(reports))
    assert elsewhere.read_text() == "precious"


def test_a_new_folder_or_one_of_earlier_reports_is_accepted(tmp_path: Path) -> None:
    assert check_report_dir(str(tmp_path / "new" / "reports")) == (tmp_path / "new" / "reports").resolve()
    for name in REPORT_FILES:
        (tmp_path / name).write_text("earlier run")
    assert check_report_dir(str(tmp_path)) == tmp_path.resolve()


def test_preparing_removes_every_earlier_report_so_no_stale_verdict_survives(tmp_path: Path) -> None:
    for name in REPORT_FILES:
        (tmp_path / name).write_text('{"verdict": "PASSED"}')
    prepare_report_dir(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_main_refuses_the_checkout_before_writing_anything(capsys: pytest.CaptureFixture[str]) -> None:
    before = sorted(p.name for p in ROOT.iterdir())
    assert contract.main(["--report-dir", str(ROOT), "--base-url", "http://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "is the checkout or holds it" in err
    assert sorted(p.name for p in ROOT.iterdir()) == before


def test_main_refuses_a_folder_of_other_files_and_deletes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "keep.txt").write_text("keep")
    assert contract.main(["--report-dir", str(tmp_path), "--base-url", "http://127.0.0.1:9"]) == 2
    assert "holds other files (keep.txt)" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_a_refused_setting_replaces_a_stale_green_with_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "summary.json").write_text('{"verdict": "PASSED", "exit_code": 0}')
    (tmp_path / "junit-contract.xml").write_text("<testsuites/>")
    assert contract.main(["--report-dir", str(tmp_path), "--base-url", "garbage"]) == 2
    assert json.loads((tmp_path / "summary.json").read_text())["verdict"] == "usage error"
    assert "usage error: BASE_URL='garbage'" in capsys.readouterr().err


# --- strict JSON and the spec ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b'{"instances": {"id": 1, "start_date": NaN}}', "at $.instances.start_date: NaN is not JSON"),
        (b'[{"id": 1, "perf": -Infinity}]', "at $[0].perf: -Infinity is not JSON"),
        (b'{"instances": {"id": 1, "id": 2}}', "at $.instances: the key 'id' appears twice"),
        (b'[{"status": "caf\xe9"}]', "at $[0].status: the text is not valid UTF-8"),
        (b'{"instances": {"22/tcp": [1, NaN]}}', "at $.instances['22/tcp'][1]: NaN is not JSON"),
        (b"[1, 2", "the body is not JSON"),
        (b"[" * 100_000, "nested too deeply"),
    ],
)
def test_strict_json_names_what_python_would_have_let_pass(content: bytes, said: str) -> None:
    problems = strict_json(content)[1]
    assert any(said in p for p in problems), problems


def test_strict_json_passes_json() -> None:
    assert strict_json(b'{"a": [1, 2.5, "\xc3\xa9", null, {"b": true}]}') == (
        {"a": [1, 2.5, "é", None, {"b": True}]},
        [],
    )


def test_the_spec_documents_server_errors_by_range() -> None:
    page = b"<html>520</html>"
    assert answer_problems(SHOW.path, "GET", 520, "text/html; charset=utf-8", page) == []
    assert answer_problems(ENDPOINT.path, "POST", 500, "application/json", b'{"msg": "x"}') == []
    assert answer_problems(SHOW.path, "GET", 418, "application/json", b"{}") == [
        "HTTP 418 is not documented for GET /api/v0/instances/{id}/ (documented: 200, 400, 401, 404, 429, 5XX)"
    ]
    assert answer_problems(ENDPOINT.path, "POST", 200, "application/json", b'[{"perf": NaN}]') == [
        "HTTP 200: at $[0].perf: NaN is not JSON (a number must be finite)"
    ]


# --- reading an answer within its bounds ------------------------------------------------------


class Ticking:
    """A clock that moves `step` seconds each time it is read."""

    def __init__(self, step: float) -> None:
        self.now, self.step = 0.0, step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def pieces(content: bytes, size: int) -> Iterator[bytes]:
    for start in range(0, len(content), size):
        yield content[start : start + size]


def served(content: bytes, size: int = 10**9) -> httpx.Client:
    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=pieces(content, size), headers={"Content-Type": "application/json"})

    return httpx.Client(transport=httpx.MockTransport(handle))


def test_a_whole_answer_in_time_is_read_to_its_last_byte() -> None:
    with served(b'{"instances": null}') as client:
        answer = fetch(client, "GET", "http://127.0.0.1:9/api/v0/instances/1/", None, {}, budget=2.0)
    assert (answer.status, answer.content, answer.problems) == (200, b'{"instances": null}', [])


def test_a_trickled_body_fails_the_budget_though_its_headers_came_at_once() -> None:
    with served(b'{"instances": null}' * 10, size=4) as client:
        answer = fetch(client, "GET", "http://127.0.0.1:9/x", None, {}, budget=2.0, clock=Ticking(0.25))
    assert answer.problems == [answer.problems[0]]
    assert answer.problems[0].startswith("the answer was not complete within the BUDGET of 2 s (")
    assert len(answer.content) < 190


def test_a_body_over_the_cap_fails_without_being_read_whole() -> None:
    with served(b"[" + b"1," * 5000 + b"1]", size=1000) as client:
        answer = fetch(client, "POST", "http://127.0.0.1:9/x", {"id": 1}, {}, budget=2.0, max_bytes=4096)
    assert answer.problems == ["the body is larger than the cap of 4096 bytes (MAX_BODY_BYTES)"]
    assert len(answer.content) <= 4096


def test_no_answer_in_time_is_a_budget_failure() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    with httpx.Client(transport=httpx.MockTransport(handle)) as client:
        answer = fetch(client, "GET", "http://127.0.0.1:9/x", None, {}, budget=1.0)
    assert answer.status is None
    assert answer.problems[0].startswith("the answer was not complete within the BUDGET of 1 s (0 bytes")


# --- judging answers ----------------------------------------------------------------------------


def recorded(status: int, body: Any, kind: str = "application/json") -> Answer:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return Answer(status, kind, content)


def test_an_instance_about_another_id_is_drift() -> None:
    found = judge(SHOW, 5, recorded(200, {"instances": {"id": 123}}))
    assert found.problems == ["asked for instance 5, the answer is about instance 123"]
    assert not found.real


def test_documented_errors_to_ordinary_ids_are_not_drift_but_not_validated() -> None:
    assert judge(SHOW, 525, recorded(525, b"<html>Cloudflare</html>", "text/html")).not_validated == (
        "show_instance HTTP 525"
    )
    assert judge(SHOW, 429, recorded(429, b"too frequent", "text/plain")).not_validated == "show_instance HTTP 429"
    assert judge(ENDPOINT, 2000, recorded(200, {"error_msg": "Invalid API key"})).not_validated == (
        "get_endpoint_workers an error in HTTP 200"
    )
    for found in (
        judge(SHOW, 525, recorded(525, b"<html/>", "text/html")),
        judge(SHOW, 404, recorded(200, {"instances": None})),
    ):
        assert (found.problems, found.real) == ([], False)


def test_a_documented_status_with_the_wrong_body_is_drift() -> None:
    found = judge(SHOW, 1, recorded(500, b"<html/>", "image/png"))
    assert found.problems == ["HTTP 500 came as image/png; the spec documents text/html, application/json"]


def test_a_known_id_must_answer_its_real_body_and_says_what_came_instead() -> None:
    assert judge_known(SHOW, 123, recorded(200, {"instances": {"id": 123, "gpu_name": "A100"}})) == []
    assert judge_known(ENDPOINT, 456, recorded(200, [{"id": 1}])) == []
    assert judge_known(SHOW, 123, recorded(429, {"detail": "too frequent"})) == [
        'id 123 was given as known (INSTANCE_ID), but HTTP 429 \'{"detail": "too frequent"}\' answered no real instance'
    ]
    assert judge_known(AUTOGROUP, 789, recorded(200, []))[0].startswith(
        "id 789 was given as known (AUTOGROUP_ID), but HTTP 200 '[]' answered no real workers"
    )


@pytest.mark.parametrize(
    ("op", "answer", "rejected", "problem", "warning"),
    [
        (SHOW, recorded(401, {"error": "auth_error"}), True, False, False),
        (SHOW, recorded(404, {"error": "auth_error", "msg": "Invalid user key"}), True, False, False),
        (SHOW, recorded(404, {"error": "not_found"}), True, True, False),
        (ENDPOINT, recorded(200, {"error_msg": "Invalid API key"}), True, False, False),
        (ENDPOINT, recorded(200, [{"id": 1}]), True, True, False),
        (ENDPOINT, recorded(200, {"error_msg": "Invalid API key"}), False, False, False),
        (ENDPOINT, recorded(200, []), False, True, False),
        (SHOW, recorded(200, {"instances": {"id": 1000}}), False, True, False),
        (SHOW, recorded(429, b"too frequent", "text/plain"), False, False, True),
        (AUTOGROUP, recorded(503, b"<html/>", "text/html"), True, False, True),
    ],
)
def test_auth_answers(op: Any, answer: Answer, rejected: bool, problem: bool, warning: bool) -> None:
    problems, note = judge_auth(op, answer, rejected=rejected)
    assert (bool(problems), bool(note)) == (problem, warning), (problems, note)


# --- the probes against drifted servers, in-process --------------------------------------------


def test_a_correct_server_passes_every_probe(tmp_path: Path) -> None:
    report, _ = probe(tmp_path, "correct")
    assert failures(report) == []
    assert not [r for r in report.results if r.outcome == "warning"]
    names = {r.name for r in report.results if r.suite == "contract.console.show_instance"}
    assert {"id 123 (known)", "missing key", "rejected key", "id 1", f"id {2**53 - 1}"} <= names


@pytest.mark.parametrize(
    ("mode", "said"),
    [
        (
            "any_key",
            "contract.console.show_instance rejected key: a rejected key (well formed, wrong) was answered HTTP 200",
        ),
        ("same", "contract.console.show_instance id 1: asked for instance 1, the answer is about instance 123"),
        ("nan", "contract.console.show_instance id 1: HTTP 200: at $.instances.start_date: NaN is not JSON"),
        ("duplicate_keys", "get_endpoint_workers id 1: HTTP 200: at $[0]: the key 'status' appears twice"),
        ("envelope", "show_instance id 1: HTTP 200 at $: 'instances' is a required property"),
        ("null", "show_instance id 123 (known): id 123 was given as known (INSTANCE_ID), but HTTP 200"),
        ("not_found", "show_instance id 123 (known): id 123 was given as known (INSTANCE_ID), but HTTP 404"),
        ("echo", "show_instance id 1: HTTP 200 at $.instances.id: '1' is not of type 'integer'"),
    ],
)
def test_each_drift_fails_a_probe_naming_it(tmp_path: Path, mode: str, said: str) -> None:
    report, _ = probe(tmp_path, mode, [1, 1000])
    assert any(f.startswith(f"contract.{'run' if 'workers' in said[:40] else 'console'}") and said in f
               for f in failures(report)), failures(report)[:5]  # fmt: skip
    assert verdict_of(report) == ("FAILED", 1)


def test_a_band_of_large_ids_is_found_whatever_the_seed(tmp_path: Path) -> None:
    for seed in (1, 2):
        report, _ = probe(tmp_path, "band", seed=seed)
        assert any("is not of type 'integer'" in f for f in failures(report)), seed


def test_always_429_with_known_ids_fails_after_asking_again(tmp_path: Path) -> None:
    report, slept = probe(tmp_path, "always_429", [1, 2])
    known = [f for f in failures(report) if "(known)" in f]
    assert len(known) == 3
    assert "but HTTP 429" in known[0]
    assert slept == [0.5] * 3 * (KNOWN_TRIES - 1)  # Asked again, spaced: no real sleep in a test.
    assert report.not_validated["show_instance HTTP 429"] == 2
    assert not any("give INSTANCE_ID" in r.message for r in report.results)  # It was given.


def test_without_known_ids_the_run_says_no_real_body_was_checked(tmp_path: Path) -> None:
    report, _ = probe(tmp_path, "always_429", [1], known={})
    warned = [r for r in report.results if r.name == "real bodies"]
    assert [r.outcome for r in warned] == ["warning"] * 3
    assert "give INSTANCE_ID of the key's account" in warned[0].message
    assert verdict_of(report) == ("PASSED", 0)
    required, _ = probe(tmp_path, "always_429", [1], known={}, require_real_bodies=True)
    assert [r.outcome for r in required.results if r.name == "real bodies"] == ["failed"] * 3
    assert verdict_of(required) == ("FAILED", 1)


def test_documented_server_errors_are_listed_not_failed(tmp_path: Path) -> None:
    report, _ = probe(tmp_path, "errors", [1, 1000, 12345])
    assert failures(report) == []
    assert report.not_validated["show_instance HTTP 500"] == 2
    lines = verdict_lines(report, settings(tmp_path), {"show_instance": "console"}, "PASSED")
    assert lines[0].startswith("contract: not validated (documented answers that carry no body to check): ")


def test_remote_probes_keep_vast_s_spacing(tmp_path: Path) -> None:
    report, slept = probe(tmp_path, "correct", [1, 2], loopback=False)
    asked = sum(r.count for r in report.results if r.outcome != "warning")
    assert set(slept) == {2.2}
    assert len(slept) == asked


def test_the_deadline_ends_the_probes_naming_what_was_pending(tmp_path: Path) -> None:
    report = ContractReport()
    with drifted("correct") as client:
        Prober(settings(tmp_path), report, Deadline(1.0, clock=Ticking(0.2)), client).run()
    assert report.pending[0].startswith("show_instance: probes from id ")
    assert verdict_of(report) == ("FAILED", 1)


def test_seeded_ids_repeat_with_the_seed_and_cover_every_decade() -> None:
    first, again, other = (probe_ids(True, random.Random(s)) for s in (5, 5, 6))  # noqa: S311
    assert first == again
    assert first != other
    assert {len(str(i)) for i in first} == set(range(1, 17))
    assert len(probe_ids(False, random.Random(5))) < 15  # noqa: S311 - remote: few, for Vast's rate limit.


def test_a_reproduction_is_shell_safe_and_keyless() -> None:
    line = reproduce("http://127.0.0.1:9", ENDPOINT, 5)
    assert line == ("curl -sS -X POST -H \"Authorization: Bearer $VAST_API_KEY\" -H 'Content-Type: application/json' "
                    "-d '{\"id\": 5}' http://127.0.0.1:9/get_endpoint_workers/")  # fmt: skip
    assert REJECTED_KEY in reproduce("http://127.0.0.1:9", SHOW, 5, REJECTED_KEY)


# --- schemathesis, read from its structured reports ---------------------------------------------


def scenario(case_id: str, method: str, path: str, status: int, checks: list[dict[str, Any]], body: str = "") -> str:
    request: dict[str, Any] = {"method": method, "uri": f"http://127.0.0.1:9{path.replace('{id}', '5')}",
                               "headers": {"Authorization": ["[Filtered]"]}}  # fmt: skip
    if body:
        request["body"] = {"$base64": base64.b64encode(body.encode()).decode()}
    recorder = {
        "cases": {case_id: {"value": {"method": method, "path": path, "meta": {"generation": {"mode": "positive"}}}}},
        "checks": {case_id: checks},
        "interactions": {
            case_id: {"request": request, "response": {"status_code": status, "content": {"$base64": "W10="}}}
        },
    }
    return json.dumps({"ScenarioFinished": {"recorder": recorder}})


def failing(name: str, message: str) -> dict[str, Any]:
    failure = {
        "operation": "POST /get_endpoint_workers/",
        "title": f"Custom check failed: `{name}`",
        "message": message,
    }
    return {"name": name, "status": "failure", "failure_info": {"failure": failure}}


def test_each_failing_check_is_one_case_with_its_explanation_and_curl_line() -> None:
    events = [
        scenario(
            "a",
            "POST",
            "/get_endpoint_workers/",
            200,
            [failing("response_fits_the_spec", "at $[0].id: bad")],
            body='{"id": 5}',
        ),
        scenario("b", "POST", "/get_endpoint_workers/", 200, [failing("response_fits_the_spec", "at $[1].id: bad")]),
        scenario("c", "POST", "/get_endpoint_workers/", 200, [failing("answer_within_budget", "took 3 s")]),
        scenario("d", "GET", "/api/v0/instances/{id}/", 200, [{"name": "response_fits_the_spec", "status": "success"}]),
    ]
    report = ContractReport()
    found = read_events(events)
    found.complete, found.exit_code = True, 1
    judge_run(found, ["run"], report, ended_by_deadline=False)
    cases = {r.name: r for r in report.results if r.outcome == "failed"}
    assert set(cases) == {"generated cases: response_fits_the_spec", "generated cases: answer_within_budget"}
    fits = cases["generated cases: response_fits_the_spec"]
    assert (fits.suite, fits.count) == ("contract.run.get_endpoint_workers", 2)
    assert "at $[0].id: bad" in fits.message
    assert "at $[1].id: bad" in fits.message
    curl = "curl -sS -X POST -H \"Authorization: Bearer $VAST_API_KEY\" -H 'Content-Type: application/json' -d "
    assert f"Reproduce: {curl}'{{\"id\": 5}}' http://127.0.0.1:9/get_endpoint_workers/" in fits.message
    assert report.generated == {"run": 3, "console": 1}


@pytest.mark.parametrize(
    ("events", "complete", "exit_code", "said"),
    [
        (
            [
                json.dumps(
                    {
                        "NonFatalError": {
                            "label": "POST /get_endpoint_workers/",
                            "value": {"type": "ConnectionError", "message": "reset"},
                        }
                    }
                )
            ],
            True,
            1,
            "schemathesis error: ConnectionError",
        ),
        ([], False, None, "schemathesis did not complete its run (exit code unknown)"),
        ([], True, 2, "schemathesis exited 2 without a failure it explained"),
        (['{"ScenarioFinished": '], False, 1, "schemathesis did not complete its run (exit code 1)"),
    ],
)
def test_a_schemathesis_error_never_leaves_the_verdict_green(
    events: list[str], complete: bool, exit_code: int | None, said: str
) -> None:
    report = ContractReport()
    found = read_events(events)
    found.complete, found.exit_code = complete, exit_code
    judge_run(found, ["run"], report, ended_by_deadline=False)
    assert any(r.outcome == "error" and said in f"{r.name} {r.message}" for r in report.results), report.results
    assert verdict_of(report) == ("FAILED", 1)


def test_the_run_report_says_whether_schemathesis_completed(tmp_path: Path) -> None:
    path = tmp_path / "run.json"
    path.write_text(json.dumps({"complete": True, "stop_reason": "completed", "exit_code": 0,
                                "test_cases": {"generated": 12}, "errors": []}))  # fmt: skip
    found = GeneratedRun()
    read_run_report(path, found)
    assert (found.complete, found.exit_code) == (True, 0)
    path.write_text(json.dumps({"complete": False, "stop_reason": "interrupted", "errors": [{"title": "Network"}]}))
    broken = GeneratedRun()
    read_run_report(path, broken)
    assert not broken.complete
    assert broken.errors


def test_valid_requests_answered_with_documented_errors_are_listed_as_not_validated() -> None:
    found = read_events([scenario("a", "GET", "/api/v0/instances/{id}/", 525, [])])
    assert found.not_validated == {"show_instance HTTP 525 (generated)": 1}


def test_schemathesis_runs_with_the_seed_and_no_example_database(tmp_path: Path) -> None:
    line = command(settings(tmp_path, seed=4242), ["console", "run"], tmp_path / "e", tmp_path / "r")
    assert line[line.index("--seed") + 1] == "4242"
    assert line[line.index("--generation-database") + 1] == "none"
    assert [line[i + 1] for i, part in enumerate(line) if part == "--include-tag"] == ["instances", "serverless"]
    assert "--rate-limit" not in line
    assert "--rate-limit" in command(settings(tmp_path, loopback=False), ["run"], tmp_path / "e", tmp_path / "r")
    assert host_groups({"console": "https://a", "run": "https://b"}) == [["console"], ["run"]]
    assert host_groups({"console": "http://127.0.0.1:9", "run": "http://127.0.0.1:9"}) == [["console", "run"]]


def test_curl_line_of_a_recorded_request_takes_the_key_from_the_environment() -> None:
    line = curl_line({"method": "GET", "uri": "http://127.0.0.1:9/api/v0/instances/5/?a=1&b=2",
                      "headers": {"Authorization": ["[Filtered]"]}})  # fmt: skip
    assert (
        line
        == "curl -sS -X GET -H \"Authorization: Bearer $VAST_API_KEY\" 'http://127.0.0.1:9/api/v0/instances/5/?a=1&b=2'"
    )


# --- the checks schemathesis runs -----------------------------------------------------------------


def st_case(method: str, path: str, ident: int | None = None) -> Any:
    return SimpleNamespace(operation=SimpleNamespace(path=path), method=method,
                           path_parameters={"id": ident} if ident else {})  # fmt: skip


def st_response(status: int, content: bytes, headers: dict[str, list[str]] | None = None, method: str = "GET") -> Any:
    headers = {"content-type": ["application/json"], **(headers or {})}
    return SimpleNamespace(status_code=status, content=content, headers=headers, request=SimpleNamespace(method=method))


@pytest.mark.parametrize(
    ("method", "status", "headers", "passes"),
    [
        ("QUERY", 501, {}, True),
        ("QUERY", 405, {"allow": ["GET"]}, True),
        ("QUERY", 405, {}, False),
        ("PATCH", 200, {}, False),
        ("PUT", 429, {}, True),
    ],
)
def test_an_undocumented_method_may_get_405_or_501(
    method: str, status: int, headers: dict[str, list[str]], passes: bool
) -> None:
    response = st_response(status, b"", headers, method)
    case = st_case(method, "/api/v0/instances/{id}/")
    if passes:
        assert contract_checks.undocumented_method_refused(None, response, case) is True
    else:
        with pytest.raises(AssertionError, match="405"):
            contract_checks.undocumented_method_refused(None, response, case)
    assert contract_checks.undocumented_method_refused(None, st_response(501, b""), st_case("GET", SHOW.path)) is None


def test_the_schema_check_finds_strict_json_and_the_wrong_instance() -> None:
    case = st_case("GET", SHOW.path, 5)
    with pytest.raises(AssertionError, match="asked for instance 5, the answer is about instance 6"):
        contract_checks.response_fits_the_spec(None, st_response(200, b'{"instances": {"id": 6}}'), case)
    with pytest.raises(AssertionError, match=r"at \$.instances.start_date: NaN"):
        contract_checks.response_fits_the_spec(None, st_response(200, b'{"instances": {"start_date": NaN}}'), case)
    page = st_response(521, b"<html/>", {"content-type": ["text/html"]})
    assert contract_checks.response_fits_the_spec(None, page, case) is True
    assert contract_checks.response_fits_the_spec(None, st_response(418, b"{}"), case) is None


def test_the_budget_check_counts_to_the_last_byte_and_caps_the_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONTRACT_CHECK_BUDGET", "2")
    monkeypatch.setenv("CONTRACT_CHECK_MAX_BODY_BYTES", "10")
    clock = iter([100.0, 103.5])
    monkeypatch.setattr("tools.contract_checks.time.monotonic", lambda: next(clock))
    case = st_case("GET", SHOW.path, 5)
    contract_checks.before_call(None, case, {})
    contract_checks.after_call(None, case, None)
    with pytest.raises(AssertionError, match=r"took 3\.50 s to its last byte, over the BUDGET of 2 s"):
        contract_checks.answer_within_budget(None, st_response(200, b"{}"), case)
    with pytest.raises(AssertionError, match="over the cap of 10 bytes"):
        contract_checks.answer_within_budget(
            None, st_response(200, b"[" + b"1," * 10 + b"1]"), st_case("GET", SHOW.path)
        )
    assert contract_checks.answer_within_budget(None, st_response(200, b"{}"), st_case("GET", SHOW.path)) is True


# --- the verdict and its reports --------------------------------------------------------------------


def test_the_key_is_redacted_in_every_form_a_server_may_echo_it() -> None:
    redact = Redactor("k/ey+1")
    assert redact('Bearer k/ey+1 k%2Fey%2B1 "k\\/ey+1"') == 'Bearer [REDACTED] [REDACTED] "[REDACTED]"'
    assert Redactor("")("text") == "text"


def test_reports_hold_no_key_even_when_the_server_echoed_it(tmp_path: Path) -> None:
    report = ContractReport()
    report.add(CheckResult("contract.console.show_instance", "id 1", "failed", f"HTTP 200 label 'Bearer {KEY}'"))
    report.add(CheckResult("contract.console.show_instance", "id 2", "passed"))
    report.add(CheckResult("contract.run.get_endpoint_workers", "real bodies", "warning", "no real body"))
    write_reports(settings(tmp_path), report, {"show_instance": "console"}, "FAILED", 1)
    for name in REPORT_FILES:
        text = (tmp_path / name).read_text()
        assert KEY not in text
        assert "Bearer [REDACTED]" in text
    root = ET.parse(tmp_path / "junit-contract.xml").getroot()
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert suites["contract.console.show_instance"].get("failures") == "1"
    assert suites["contract.run.get_endpoint_workers"].get("skipped") == "1"
    assert KEY not in ET.tostring(root, encoding="unicode")
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert (summary["verdict"], summary["seed"]) == ("FAILED", 7)


def test_repeated_problems_are_counted_once() -> None:
    report = ContractReport()
    for _ in range(3):
        report.add(CheckResult("contract.run", "x", "failed", "same"))
    assert [(r.name, r.count) for r in report.results] == [("x", 3)]


def test_the_verdict_line_is_last_and_names_the_seed(tmp_path: Path) -> None:
    report = ContractReport(pending=["generated cases of the serverless operations"])
    lines = verdict_lines(report, settings(tmp_path, seed=1234), {"show_instance": "console"}, "FAILED")
    assert "the DEADLINE of 240 s ended the run; still pending: generated cases" in lines[0]
    assert lines[-1].startswith("contract: FAILED: console http://127.0.0.1:9: 1 operations, 0 cases")
    assert lines[-1].endswith("; seed 1234 (SEED=1234 repeats it)")


def test_warnings_alone_keep_the_verdict_green_failures_and_errors_do_not() -> None:
    assert verdict_of(ContractReport([CheckResult("s", "n", "warning")])) == ("PASSED", 0)
    assert verdict_of(ContractReport([CheckResult("s", "n", "error")])) == ("FAILED", 1)


# --- progress ----------------------------------------------------------------------------------------


def test_progress_says_what_the_run_is_doing_while_it_runs() -> None:
    lines: list[str] = []
    deadline = Deadline(60, clock=Ticking(5))
    deadline.doing = "probing show_instance id 9"
    assert progress_line(deadline) == "contract: 5 s of 60 s: probing show_instance id 9"
    with Progress(deadline, every=0.001, emit=lines.append):
        while not lines:
            pass
    assert lines[0].endswith("s of 60 s: probing show_instance id 9")


# --- a whole run, in-process (schemathesis stood in for) ------------------------------------------


class Generated:
    """Stands in for schemathesis: records which hosts it was asked to run, adds what it is told."""

    def __init__(self, *results: CheckResult) -> None:
        self.asked: list[list[str]] = []
        self.results = results

    def __call__(
        self, settings: ContractSettings, report: ContractReport, hosts: list[str], deadline: Deadline
    ) -> None:
        self.asked.append(hosts)
        for result in self.results:
            report.add(result)


def test_a_whole_run_writes_its_verdict_and_prints_it_last(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    generated = Generated()
    assert contract.run(settings(tmp_path), drifted_transport("correct"), generated) == 0
    assert generated.asked == [["console", "run"]]  # One schemathesis run for one server.
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "contract: seed 7, BUDGET 2 s per answer, DEADLINE 240 s"
    assert out[-1].startswith("contract: PASSED: console http://127.0.0.1:9: 1 operations, ")
    assert json.loads((tmp_path / "summary.json").read_text())["verdict"] == "PASSED"


def test_a_schemathesis_error_turns_a_clean_probe_run_red(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = Generated(CheckResult("contract.run", "schemathesis", "error", "schemathesis did not complete its run"))
    assert contract.run(settings(tmp_path), drifted_transport("correct"), broken) == 1
    assert (
        "contract: error: contract.run schemathesis: schemathesis did not complete its run" in capsys.readouterr().out
    )


def test_generated_cases_wait_for_no_host_whose_probes_broke_the_bounds(tmp_path: Path) -> None:
    generated, report = Generated(), ContractReport()
    urls = {"console": "http://127.0.0.1:9", "run": "http://127.0.0.1:8"}
    with drifted("correct") as client:
        report.add(CheckResult("contract.console.show_instance", "id 1", "failed", "not complete within the BUDGET"))
        contract.judge(settings(tmp_path, urls=urls), report, Deadline(240), client, generated)
    assert generated.asked == [["run"]]
    assert [r.outcome for r in report.results if r.suite == "contract.console" and r.name == "generated cases"] == [
        "warning"
    ]


def test_an_unreachable_host_is_one_error_and_nothing_else_is_sent(tmp_path: Path) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    generated, report = Generated(), ContractReport()
    with httpx.Client(transport=httpx.MockTransport(refuse)) as client:
        assert contract.judge(settings(tmp_path), report, Deadline(240), client, generated) == ("UNREACHABLE", 3)
    assert [(r.suite, r.outcome) for r in report.results] == [("contract.console", "error"), ("contract.run", "error")]
    assert generated.asked == []


def test_a_run_that_breaks_says_so_in_one_line_and_a_red_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> int:
        raise RuntimeError(f"boom with {KEY} inside")

    monkeypatch.setattr(contract, "run", broken)
    monkeypatch.setenv("VAST_API_KEY", KEY)
    assert contract.main(["--report-dir", str(tmp_path), "--base-url", "http://127.0.0.1:9"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert KEY not in err
    assert "Traceback" not in err
    assert json.loads((tmp_path / "summary.json").read_text())["verdict"] == "error"
