"""The contract suite's probes as a CI log and its report show them: what is sent, what each answer makes.

A recorded server answers through httpx.MockTransport, id by id; the clock is virtual, so times
and bounds are exact and nothing sleeps.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.test_contract_units import KEY, Ticking, settings
from tools.contract_probes import OPERATIONS, Answer, Prober, fetch, judge, judge_auth, judge_known, probe_ids
from tools.contract_progress import Deadline
from tools.contract_report import CheckResult, ContractReport
from vast_wrapper import MAX_ID

SHOW, ENDPOINT, AUTOGROUP = OPERATIONS
Route = Callable[[httpx.Request], httpx.Response]


def results(report: ContractReport) -> list[tuple[str, str, str, str, float]]:
    return [(r.suite, r.name, r.outcome, r.message, r.seconds) for r in report.results]


def instance(ident: int) -> httpx.Response:
    return httpx.Response(200, json={"instances": {"id": ident, "actual_status": "running"}})


def probed(
    tmp_path: Path, route: Route, ids: list[int], ops: list[Any] | None = None, **changes: Any
) -> tuple[ContractReport, list[httpx.Request], list[float], Deadline]:
    sent: list[httpx.Request] = []
    slept: list[float] = []

    def handle(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return route(request)

    report, deadline = ContractReport(), changes.pop("deadline", None) or Deadline(240, clock=lambda: 0.0)
    with httpx.Client(transport=httpx.MockTransport(handle)) as client:
        prober = Prober(settings(tmp_path, **changes), report, deadline, client, sleep=slept.append,
                        clock=lambda: 0.0)  # fmt: skip
        for op in ops or [SHOW]:
            prober.operation(op, ids)
    return report, sent, slept, deadline


def show_route(request: httpx.Request) -> httpx.Response:
    """Instance 1 real, 2 about another id, 3 rate limited, 4 no answer; a missing key 401, a rejected one 503."""
    if "Authorization" not in request.headers:
        return httpx.Response(401, json={"error": "auth_error"})
    if request.headers["Authorization"] != f"Bearer {KEY}":
        return httpx.Response(503, text="<html/>", headers={"Content-Type": "text/html"})
    ident = int(request.url.path.split("/")[-2])
    if ident == 2:
        return instance(3)
    if ident == 3:
        return httpx.Response(429, text="too frequent")
    if ident == 4:
        raise httpx.ConnectError("refused", request=request)
    return instance(ident)


def test_the_probes_of_an_operation_send_what_a_client_sends_and_report_each_answer(tmp_path: Path) -> None:
    report, sent, slept, deadline = probed(tmp_path, show_route, [1, 2, 3, 4], known={"show_instance": 123})
    assert [(r.method, str(r.url), r.headers.get("Accept"), r.headers.get("Authorization")) for r in sent] == [
        *[("GET", f"http://127.0.0.1:9/api/v0/instances/{i}/", "application/json", f"Bearer {KEY}") for i in
          (1, 2, 3, 4, 123)],
        ("GET", "http://127.0.0.1:9/api/v0/instances/123/", "application/json", None),
        ("GET", "http://127.0.0.1:9/api/v0/instances/123/", "application/json",
         "Bearer bad-key-sent-by-the-contract-suite"),
    ]  # fmt: skip
    suite, curl = "contract.console.show_instance", "curl -sS -X GET"
    assert results(report) == [
        (suite, "id 1", "passed", "", 0.0),
        (suite, "id 2", "failed", "asked for instance 2, the answer is about instance 3\nReproduce: "
         f'{curl} -H "Authorization: Bearer $VAST_API_KEY" http://127.0.0.1:9/api/v0/instances/2/', 0.0),
        (suite, "id 3", "passed", "", 0.0),
        (suite, "id 4", "failed", "no answer: ConnectError\nReproduce: "
         f'{curl} -H "Authorization: Bearer $VAST_API_KEY" http://127.0.0.1:9/api/v0/instances/4/', 0.0),
        (suite, "id 123 (known)", "passed", "", 0.0),
        (suite, "missing key", "passed", "", 0.0),
        (suite, "rejected key", "warning",
         "a rejected key (well formed, wrong) was answered HTTP 503: auth not checked", 0.0),
    ]  # fmt: skip
    assert dict(report.not_validated) == {"show_instance HTTP 429": 1}
    assert slept == []  # Loopback: no spacing.
    assert deadline.doing == "probing show_instance with a rejected key at http://127.0.0.1:9"


def test_the_failures_of_auth_probes_say_how_to_reproduce_them_with_the_key_sent(tmp_path: Path) -> None:
    report, _, _, _ = probed(tmp_path, lambda request: httpx.Response(200, json=[{"id": 1}]), [7], [ENDPOINT],
                             known={})  # fmt: skip
    curl = "curl -sS -X POST"
    body = "-H 'Content-Type: application/json' -d '{\"id\": 1000}' http://127.0.0.1:9/get_endpoint_workers/"
    failed = {r.name: r.message for r in report.results if r.outcome == "failed"}
    assert failed == {
        "missing key": "no key was answered HTTP 200 '[{\"id\":1}]'; the spec documents an auth error (401)\n"
        f"Reproduce: {curl} {body}",
        "rejected key": "a rejected key (well formed, wrong) was answered HTTP 200 '[{\"id\":1}]'; the spec "
        f'documents an auth error (401)\nReproduce: {curl} -H "Authorization: Bearer '
        f'bad-key-sent-by-the-contract-suite" {body}',
    }


def test_a_known_id_answered_429_is_asked_again_then_judged(tmp_path: Path) -> None:
    answers = iter([httpx.Response(429, text="slow down"), instance(123)])

    def route(request: httpx.Request) -> httpx.Response:
        if "Authorization" not in request.headers or "bad" in request.headers["Authorization"]:
            return httpx.Response(401, json={"error": "auth_error"})
        return next(answers)

    report, _, slept, _ = probed(tmp_path, route, [], known={"show_instance": 123})
    assert slept == [0.5]
    assert [r.name for r in report.results if r.outcome == "passed"] == ["id 123 (known)", "missing key",
                                                                         "rejected key"]  # fmt: skip
    remote = {"console": "https://console.example.test", "run": "https://run.example.test"}
    answers = iter([httpx.Response(429, text="slow down"), instance(123)])
    _, _, spaced, _ = probed(tmp_path, route, [], known={"show_instance": 123}, loopback=False, urls=remote)
    assert spaced == [2.2, 2.2, 2.2, 2.2, 2.2]  # Before each of four calls, and between the two tries.


def test_a_known_id_that_fails_is_reported_once_with_what_came(tmp_path: Path) -> None:
    def route(request: httpx.Request) -> httpx.Response:
        if request.headers.get("Authorization") == f"Bearer {KEY}":
            raise httpx.ConnectError("refused", request=request)
        return httpx.Response(401, json={"error": "auth_error"})

    report, _, _, _ = probed(tmp_path, route, [], known={"show_instance": 123})
    assert [(r.name, r.message) for r in report.results if r.outcome == "failed"] == [
        ("id 123 (known)", "no answer: ConnectError\nReproduce: curl -sS -X GET -H \"Authorization: Bearer "
         "$VAST_API_KEY\" http://127.0.0.1:9/api/v0/instances/123/")
    ]  # fmt: skip
    assert judge_known(SHOW, 123, Answer()) == [
        "id 123 was given as known (INSTANCE_ID), but no answer answered no real instance"
    ]
    assert not [r for r in report.results if r.name == "real bodies"]  # The known id said so itself.


@pytest.mark.parametrize("required", [False, True])
def test_no_real_body_is_a_warning_or_with_require_real_bodies_a_failure(tmp_path: Path, required: bool) -> None:
    def route(request: httpx.Request) -> httpx.Response:
        if "Authorization" not in request.headers or "bad" in request.headers["Authorization"]:
            return httpx.Response(200, json={"error_msg": "Invalid API key"})
        return httpx.Response(200, json=[])

    report, _, _, _ = probed(tmp_path, route, [1], [AUTOGROUP], known={}, require_real_bodies=required)
    message = ("no real body was validated: every answer was empty, null or an error; "
               "give AUTOGROUP_ID of the key's account to validate one")  # fmt: skip
    expected = ("failed", message + " (REQUIRE_REAL_BODIES=1)") if required else ("warning", message)
    assert [(r.suite, r.outcome, r.message) for r in report.results if r.name == "real bodies"] == [
        ("contract.run.get_autogroup_workers", *expected)
    ]


def test_real_bodies_from_ordinary_and_known_ids_add_up(tmp_path: Path) -> None:
    def route(request: httpx.Request) -> httpx.Response:
        if "Authorization" not in request.headers or "bad" in request.headers["Authorization"]:
            return httpx.Response(401, json={"error": "auth_error"})
        return httpx.Response(200, json={"workers": [{"id": 1}]})

    report, _, _, _ = probed(tmp_path, route, [1, 2], [ENDPOINT], known={})
    assert [r.outcome for r in report.results] == ["passed"] * 4  # Wrapped lists are real bodies too.


def trickle(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=iter([b"[", b'{"id": 1}', b"]"]), headers={"Content-Type": "application/json"})


def test_after_two_answers_over_the_bounds_the_other_ids_are_left_and_generated_cases_too(tmp_path: Path) -> None:
    report, sent = ContractReport(), list[str]()

    def handle(request: httpx.Request) -> httpx.Response:
        sent.append(str(request.url))
        return trickle(request)

    with httpx.Client(transport=httpx.MockTransport(handle)) as client:
        prober = Prober(settings(tmp_path, known={}), report, Deadline(240, clock=lambda: 0.0), client,
                        clock=Ticking(1.5))  # fmt: skip
        prober.operation(ENDPOINT, [1, 2, 3, 4, 5])
        assert (prober.over_bounds("run"), prober.over_bounds("console")) == (True, False)
    late = "the answer was not complete within the BUDGET of 2 s (10 bytes after 4.50 s)"
    assert [(r.name, r.outcome, r.message.splitlines()[0], r.seconds) for r in report.results][:3] == [
        ("id 1", "failed", late, 6.0),
        ("id 2", "failed", late, 6.0),
        ("other ids", "warning", "3 ids not probed: answers broke BUDGET or MAX_BODY_BYTES", 0.0),
    ]
    assert report.results[2].suite == "contract.run.get_endpoint_workers"
    assert len(sent) == 2 + 2  # Then the two auth probes.


def test_a_body_over_the_cap_also_counts_as_over_the_bounds(tmp_path: Path) -> None:
    report = ContractReport()
    judge_result = CheckResult("contract.run.get_endpoint_workers", "id 1", "failed", "over the cap (MAX_BODY_BYTES)")
    report.add(judge_result)
    with httpx.Client(transport=httpx.MockTransport(trickle)) as client:
        prober = Prober(settings(tmp_path), report, Deadline(240), client)
        assert prober.over_bounds("run")
        judge_result.message = "HTTP 200 at $[0].id: budget"  # Not the bound's name: drift, not slowness.
        assert not prober.over_bounds("run")
        judge_result.outcome, judge_result.message = "warning", "BUDGET"
        assert not prober.over_bounds("run")


@pytest.mark.parametrize(
    ("chunks", "max_bytes", "ticks", "problems", "seconds"),
    [
        ([b"12345", b"67890"], 10, [0.0, 1.0, 2.0, 2.0], [], 2.0),  # Exactly the cap and exactly the budget: fine.
        ([b"12345", b"678901"], 10, [0.0, 1.0, 1.0], ["the body is larger than the cap of 10 bytes (MAX_BODY_BYTES)"],
         1.0),
        ([b"12345", b"67890"], 10, [0.0, 1.0, 1.5, 2.5],
         ["the answer was not complete within the BUDGET of 2 s (10 bytes after 2.50 s)"], 2.5),
        ([b"12345"], 10, [0.0, 3.0, 3.0, 4.0],
         ["the answer was not complete within the BUDGET of 2 s (5 bytes after 3.00 s)"], 4.0),
    ],
)  # fmt: skip
def test_an_answer_is_read_to_its_last_byte_within_both_bounds(
    chunks: list[bytes], max_bytes: int, ticks: list[float], problems: list[str], seconds: float
) -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=iter(chunks))

    clock = iter(ticks)
    with httpx.Client(transport=httpx.MockTransport(handle)) as client:
        answer = fetch(client, "GET", "http://127.0.0.1:9/x", None, {}, budget=2.0, max_bytes=max_bytes,
                       clock=lambda: next(clock))  # fmt: skip
    assert (answer.status, answer.content_type, answer.problems, answer.seconds) == (200, "", problems, seconds)
    assert answer.content == b"".join(chunks)[: len(answer.content)]
    assert len(answer.content) == min(sum(map(len, chunks)), 10 if not problems or "cap" not in problems[0] else 5)


def test_a_timeout_names_the_bytes_read_and_the_time() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        def body() -> Any:
            yield b"1234"
            raise httpx.ReadTimeout("slow", request=request)

        return httpx.Response(200, content=body(), headers={"Content-Type": "application/json"})

    clock = iter([10.0, 10.5, 13.0, 13.0])
    with httpx.Client(transport=httpx.MockTransport(handle)) as client:
        answer = fetch(client, "GET", "http://127.0.0.1:9/x", None, {}, budget=2.0, clock=lambda: next(clock))
    assert answer.problems == ["the answer was not complete within the BUDGET of 2 s (4 bytes after 3.00 s)"]
    assert (answer.content, answer.content_type) == (b"1234", "application/json")


def recorded(
    status: int | None, body: Any, kind: str = "application/json", problems: list[str] | None = None
) -> Answer:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return Answer(status, kind, content, problems=problems or [])


def test_an_answer_with_no_status_or_a_broken_bound_is_judged_by_that_alone() -> None:
    assert judge(SHOW, 1, recorded(200, {"instances": {"id": 1}}, problems=["late"])).problems == ["late"]
    assert judge(SHOW, 1, recorded(None, b"")).problems == []
    assert judge_auth(SHOW, recorded(None, b""), rejected=False) == ([], None)
    assert judge_auth(SHOW, recorded(401, {}, problems=["late"]), rejected=True) == (["late"], None)


@pytest.mark.parametrize(
    ("op", "answer", "real", "not_validated", "problems"),
    [
        (SHOW, recorded(200, {"instances": {"id": 5}}), True, None, []),
        (SHOW, recorded(200, {"instances": {"id": 5, "label": None}}, "application/json; charset=utf-8"), True, None,
         []),
        (SHOW, recorded(200, {"instances": None}), False, None, []),
        (ENDPOINT, recorded(200, "Invalid API key"), False, "get_endpoint_workers an error in HTTP 200", []),
        (ENDPOINT, recorded(200, {"workers": []}), False, None, []),
        (ENDPOINT, recorded(200, {"workers": [{"id": 1}]}), True, None, []),
        (ENDPOINT, recorded(200, [{"id": 5, "error_msg": None}]), True, None, []),
        (ENDPOINT, recorded(200, {"error_msg": "not ready"}), False, "get_endpoint_workers an error in HTTP 200", []),
        (SHOW, recorded(429, b"slow", "text/plain"), False, "show_instance HTTP 429", []),
    ],
)  # fmt: skip
def test_what_an_ordinary_answer_validates(
    op: Any, answer: Answer, real: bool, not_validated: str | None, problems: list[str]
) -> None:
    found = judge(op, 5, answer)
    assert (found.real, found.not_validated, found.problems) == (real, not_validated, problems)


@pytest.mark.parametrize(
    ("answer", "rejected", "expected"),
    [
        (recorded(500, b"<html/>", "text/html"), False, ([], "no key was answered HTTP 500: auth not checked")),
        (recorded(499, b"<html/>", "text/html"), False,
         (["HTTP 499 is not documented for GET /api/v0/instances/{id}/ (documented: 200, 400, 401, 404, 429, 5XX)"],
          None)),
        (recorded(404, {"error": "not_found"}), True,
         (["a rejected key (well formed, wrong) was answered HTTP 404 '{\"error\": \"not_found\"}'; the spec "
           "documents an auth error (401)"], None)),
        (recorded(200, {"instances": None}), False,
         (["no key was answered HTTP 200 '{\"instances\": null}'; the spec documents an auth error (401)"], None)),
    ],
)  # fmt: skip
def test_what_an_auth_probe_makes_of_each_answer(
    answer: Answer, rejected: bool, expected: tuple[list[str], str | None]
) -> None:
    assert judge_auth(SHOW, answer, rejected=rejected) == expected


def test_an_excerpt_is_the_first_120_bytes_readable() -> None:
    assert Answer(content=b"a" * 120).excerpt() == repr("a" * 120)
    assert Answer(content=b"a" * 121).excerpt() == repr("a" * 120 + "...")
    assert Answer(content=b"\xff" + b"b" * 119 + b"c").excerpt() == repr("\ufffd" + "b" * 119 + "...")


def test_the_ids_probed_are_the_boundaries_then_one_seeded_id_per_decade() -> None:
    fixed = [1, 2, 9, 10, 99, 100, 123, 999, 1000, 1001, 9999, 12345, 99999, 100000, 999999, 1000000,
             2**31 - 1, 2**31, 2**32 + 1, 10**12, MAX_ID - 1, MAX_ID]  # fmt: skip
    for seed in range(40):  # Remotely, three decades of the sixteen a JSON client's ids span; never beyond MAX_ID.
        ids, remote = probe_ids(True, random.Random(seed)), probe_ids(False, random.Random(seed))  # noqa: S311
        assert ids[:22] == fixed
        assert {len(str(i)) for i in ids[22:]} <= set(range(1, 17))
        assert remote[:8] == [1, 999, 1000, 123456, 999999, 2**31, 10**12, MAX_ID]
        assert len(remote) <= 11
        assert all(1 <= i <= MAX_ID for i in ids + remote)


def test_the_deadline_cuts_probes_only_when_less_than_a_budget_is_left(tmp_path: Path) -> None:
    just = Deadline(2.0, clock=lambda: 0.0)  # Exactly one BUDGET left: the probe still runs.
    report, sent, _, _ = probed(tmp_path, show_route, [1], known={"show_instance": 123}, deadline=just)
    assert (len(sent), report.pending) == (4, [])
    short = Deadline(1.9, clock=lambda: 0.0)
    report, sent, _, _ = probed(tmp_path, show_route, [1], known={"show_instance": 123}, deadline=short)
    assert (sent, report.pending) == ([], ["show_instance: probes from id 1"])


@pytest.mark.parametrize(
    ("calls_left", "pending"),
    [
        (1, ["show_instance: known id 123"]),
        (2, ["show_instance: missing key"]),
        (3, ["show_instance: rejected key"]),
    ],
)
def test_the_deadline_names_the_probe_it_cut_off(tmp_path: Path, calls_left: int, pending: list[str]) -> None:
    reads = iter([0.0] * (1 + calls_left) + [239.0] * 10)  # Each probe reads the clock once before it is sent.
    deadline = Deadline(240, clock=lambda: next(reads))
    report, sent, _, _ = probed(tmp_path, show_route, [1], known={"show_instance": 123}, deadline=deadline)
    assert report.pending == pending
    assert len(sent) == calls_left


def test_while_probing_the_progress_line_names_each_probe(tmp_path: Path) -> None:
    deadline = Deadline(240, clock=lambda: 0.0)
    doing: list[str] = []

    def route(request: httpx.Request) -> httpx.Response:
        doing.append(deadline.doing)
        return show_route(request)

    probed(tmp_path, route, [1], known={"show_instance": 123}, deadline=deadline)
    assert doing == [
        "probing show_instance id 1 at http://127.0.0.1:9",
        "probing show_instance known id 123 at http://127.0.0.1:9",
        "probing show_instance with a missing key at http://127.0.0.1:9",
        "probing show_instance with a rejected key at http://127.0.0.1:9",
    ]


def test_one_real_body_among_the_ordinary_ids_is_enough(tmp_path: Path) -> None:
    def route(request: httpx.Request) -> httpx.Response:
        if "Authorization" not in request.headers or "bad" in request.headers["Authorization"]:
            return httpx.Response(401, json={"error": "auth_error"})
        return (
            instance(1) if request.url.path == "/api/v0/instances/1/" else httpx.Response(200, json={"instances": None})
        )

    report, _, _, _ = probed(tmp_path, route, [1, 2], known={})
    assert [r.name for r in report.results] == ["id 1", "id 2", "missing key", "rejected key"]


def test_every_problem_of_an_answer_is_in_its_one_failure(tmp_path: Path) -> None:
    def route(request: httpx.Request) -> httpx.Response:
        body = b'{"instances": {"id": 1, "a": NaN, "b": -Infinity}}'
        return httpx.Response(200, content=body, headers={"Content-Type": "application/json"})

    report, _, _, _ = probed(tmp_path, route, [1], known={})
    assert report.results[0].message.splitlines()[0] == (
        "HTTP 200: at $.instances.a: NaN is not JSON (a number must be finite); "
        "HTTP 200: at $.instances.b: -Infinity is not JSON (a number must be finite)"
    )


def test_a_passing_probe_records_how_long_its_answer_took(tmp_path: Path) -> None:
    report = ContractReport()
    with httpx.Client(transport=httpx.MockTransport(show_route)) as client:
        prober = Prober(settings(tmp_path, known={}), report, Deadline(240), client, clock=Ticking(0.25))
        prober.operation(SHOW, [1])
    assert (report.results[0].outcome, report.results[0].seconds) == ("passed", 0.5)


def test_the_same_seed_probes_the_same_ids(tmp_path: Path) -> None:
    def ids_sent(seed: int) -> list[str]:
        sent: list[str] = []

        def handle(request: httpx.Request) -> httpx.Response:
            sent.append(request.url.path + request.content.decode())
            return show_route(request) if "instances" in request.url.path else httpx.Response(200, json=[])

        with httpx.Client(transport=httpx.MockTransport(handle)) as client:
            Prober(settings(tmp_path, seed=seed, known={}), ContractReport(), Deadline(240), client).run()
        return sent

    first = ids_sent(11)
    assert ids_sent(11) == first
    assert ids_sent(12) != first
