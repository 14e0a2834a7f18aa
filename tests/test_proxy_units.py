"""The validating proxy's judgement and summary, in-process (mock/proxy.py); tests/test_proxy.py runs it whole."""

from __future__ import annotations

import collections
import json
from dataclasses import dataclass, field
from typing import Any, cast

import aiohttp
import pytest

from mock.app import MockSettings, MockState, create_app
from mock.proxy import judge_answer, proxy_exit_status, proxy_summary, route_of
from tests.app_client import AppClient
from tests.fake_prism import FakeAnswer

JSON = {"content-type": "application/json"}


@dataclass
class Counts:
    checked: collections.Counter[str] = field(default_factory=collections.Counter)
    violations: collections.Counter[str] = field(default_factory=collections.Counter)


def test_a_redirect_is_named_as_passed_back_and_not_followed() -> None:
    problems = judge_answer("POST", "/get_endpoint_workers/", 307, {"location": "https://elsewhere.example/x"}, b"")
    assert problems[0] == (
        "HTTP 307 redirect to https://elsewhere.example/x passed back, not followed (the key stays here)"
    )
    assert "HTTP 307 is not documented" in problems[1]


def test_strict_json_breaks_are_flagged_with_their_path() -> None:
    assert judge_answer("GET", "/api/v0/instances/5/", 200, JSON, b'{"instances": {"id": 5, "start_date": NaN}}') == [
        "HTTP 200: at $.instances.start_date: NaN is not JSON (a number must be finite)"
    ]
    assert judge_answer("POST", "/get_autogroup_workers/", 200, JSON, b'[{"status": "\xff"}]') == [
        "HTTP 200: at $[0].status: the text is not valid UTF-8"
    ]


def test_documented_answers_pass_whatever_the_client_asked() -> None:
    refusal = b'{"success": false, "error": "invalid_args", "msg": "Invalid id."}'
    assert judge_answer("POST", "/get_endpoint_workers/", 400, JSON, refusal) == []
    assert judge_answer("GET", "/api/v0/instances/5/", 522, {"content-type": "text/html"}, b"<html/>") == []


def test_routes_are_counted_by_template() -> None:
    assert route_of("/api/v0/instances/77/") == "/api/v0/instances/{id}/"
    assert route_of("/get_endpoint_workers/") == "/get_endpoint_workers/"


def test_the_summary_counts_and_the_exit_status_follows_violations() -> None:
    counts = Counts()
    assert (proxy_summary(counts), proxy_exit_status(counts)) == ("0 answers checked, 0 did not match the spec", 0)
    counts.checked.update({"/get_endpoint_workers/": 2, "/api/v0/instances/{id}/": 1})
    counts.violations.update({"/get_endpoint_workers/": 1})
    assert proxy_summary(counts) == "3 answers checked, 1 did not match the spec (/get_endpoint_workers/: 1)"
    assert proxy_exit_status(counts) == 1


# --- The proxy in front of a fake upstream, through the mock's front (no process, no socket) -------------------


class FakeUpstream:
    """The real server behind the proxy: answers each request with the next answer given, and records it."""

    def __init__(self, *answers: FakeAnswer | Exception) -> None:
        self.answers = list(answers)
        self.seen: list[dict[str, Any]] = []

    def request(self, method: str, url: str, **options: Any) -> FakeAnswer:
        self.seen.append({"method": method, "url": url, **options})
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


class Host:
    port = 1

    def __init__(self, upstream: str) -> None:
        self.upstream: str | None = upstream

    def alive(self) -> bool:
        return True


def proxying(upstream: FakeUpstream) -> tuple[MockState, AppClient]:
    state = MockState(upstreams={"console": Host("https://c.example"), "run": Host("https://r.example")},
                      settings=MockSettings(log=False))  # fmt: skip
    state.client = cast(Any, upstream)
    return state, AppClient(create_app(state))


INSTANCE = json.dumps({"instances": {"id": 5, "actual_status": "running"}}).encode()


def test_the_proxy_relays_the_request_to_its_host_and_the_answer_as_it_came() -> None:
    relayed = {**JSON, "X-Request-Id": "r-1"}
    dropped = {"Date": "Tue", "Connection": "close", "Content-Encoding": "identity", "Keep-Alive": "5"}
    upstream = FakeUpstream(FakeAnswer(200, INSTANCE, {**relayed, **dropped}), FakeAnswer(200, b"[]", JSON))
    state, client = proxying(upstream)
    with client:
        shown = client.get("/api/v0/instances/5/?owner=me", headers={"Authorization": "Bearer k-1",
                           "Accept-Encoding": "gzip", "X-Trace": "t-1", "TE": "trailers",
                           "Access-Control-Request-Method": "GET"})  # fmt: skip
        listed = client.post("/get_endpoint_workers/", json={"id": 4}, headers={"Authorization": "Bearer k-1"})
    assert (shown.status_code, shown.content, shown.headers["x-request-id"]) == (200, INSTANCE, "r-1")
    assert "sl-violations" not in shown.headers
    assert [name for name in ("date", "content-encoding", "keep-alive") if name in shown.headers] == []
    assert (listed.status_code, listed.json()) == (200, [])
    first, second = upstream.seen
    assert (first["method"], first["url"], first["data"]) == ("GET", "https://c.example/api/v0/instances/5/?owner=me",
                                                              None)  # fmt: skip
    assert first["headers"]["x-trace"] == "t-1"
    assert first["headers"]["authorization"] == "Bearer k-1"
    sent = {k.lower() for k in first["headers"]}
    assert "accept-encoding" not in sent  # The proxy judges identity bodies.
    assert sent.isdisjoint({"te", "connection", "host", "access-control-request-method"})  # Hop-by-hop, or the page's.
    assert first["allow_redirects"] is False
    assert (second["method"], second["url"], second["data"]) == ("POST", "https://r.example/get_endpoint_workers/",
                                                                 b'{"id":4}')  # fmt: skip
    assert proxy_summary(state) == "2 answers checked, 0 did not match the spec"
    with client:
        entries = client.get("/__mock/journal").json()["requests"]
    assert [(e["operation"], e["body"], e["answer"]["status"]) for e in entries] == [
        (None, None, 200), (None, {"id": 4}, 200)]  # fmt: skip


def test_a_broken_answer_is_flagged_counted_and_logged_without_the_key(capsys: pytest.CaptureFixture[str]) -> None:
    echoed = json.dumps({"instances": {"id": "key-echoed-1"}}).encode()  # A server that echoes the key back.
    moved = {"location": "https://elsewhere.example/body-key-2"}
    upstream = FakeUpstream(FakeAnswer(200, echoed, JSON), FakeAnswer(200, b"{}", {}), FakeAnswer(307, b"", moved))
    state, client = proxying(upstream)
    with client:
        shown = client.get("/api/v0/instances/5/", headers={"Authorization": "Bearer key-echoed-1"})
        untyped = client.get("/api/v0/instances/6/", headers={"Authorization": "Bearer key-echoed-1"})
        moved_on = client.post("/get_autogroup_workers/", json={"id": 4, "api_key": "body-key-2"},
                               follow_redirects=False)  # fmt: skip
    problems = [json.loads(answer.headers["sl-violations"]) for answer in (shown, untyped, moved_on)]
    judged = [
        judge_answer("GET", "/api/v0/instances/5/", 200, JSON, echoed),
        ["HTTP 200 came as no content type; the spec documents application/json"],
        judge_answer("POST", "/get_autogroup_workers/", 307, moved, b""),
    ]
    assert problems == [[{"message": p} for p in found] for found in judged]
    assert "key-echoed-1" in problems[0][0]["message"]  # The client's own answer is relayed as it came.
    assert (shown.content, moved_on.status_code, moved_on.headers["location"]) == (echoed, 307, moved["location"])
    log = capsys.readouterr().err.splitlines()
    assert log == [
        "[mock] GET /api/v0/instances/5/ -> 200 does not match the spec: "
        + "; ".join(judged[0]).replace("key-echoed-1", "***"),
        "[mock] GET /api/v0/instances/6/ -> 200 does not match the spec: " + judged[1][0],
        "[mock] POST /get_autogroup_workers/ -> 307 does not match the spec: "
        + "; ".join(judged[2]).replace("body-key-2", "***"),
    ]
    assert "***" in log[0]
    assert proxy_summary(state) == (
        "3 answers checked, 3 did not match the spec (/api/v0/instances/{id}/: 2, /get_autogroup_workers/: 1)"
    )
    assert proxy_exit_status(state) == 1


def test_a_redirect_of_any_3xx_status_is_named_even_without_a_location() -> None:
    assert judge_answer("GET", "/api/v0/instances/5/", 300, {}, b"")[0] == (
        "HTTP 300 redirect to nowhere passed back, not followed (the key stays here)"
    )
    assert not any("redirect" in p for p in judge_answer("GET", "/api/v0/instances/5/", 400, JSON, b"{}"))


@pytest.mark.parametrize("failure", [aiohttp.ClientConnectionError("refused"), TimeoutError()])
def test_an_upstream_that_does_not_answer_is_the_proxys_own_502(failure: Exception) -> None:
    state, client = proxying(FakeUpstream(failure))
    with client:
        answer = client.get("/api/v0/instances/5/", headers={"Authorization": "Bearer k-1"})
    assert answer.status_code == 502
    assert answer.headers["content-type"] == "application/json"
    said = f"The upstream https://c.example did not answer ({type(failure).__name__})."
    assert answer.json() == {"success": False, "error": "proxy_upstream_unreachable", "msg": said}
    assert proxy_summary(state) == "0 answers checked, 0 did not match the spec"  # Nothing of the upstream's to judge.


def test_an_upstream_answer_that_is_not_utf_8_is_journaled_readably() -> None:
    upstream = FakeUpstream(FakeAnswer(200, b'[{"status": "\xff"}]', JSON), FakeAnswer(200, b"\xfe", {}))
    _, client = proxying(upstream)
    with client:
        client.post("/get_endpoint_workers/", json={"id": 4}, headers={"Authorization": "Bearer k-1"})
        client.post("/get_endpoint_workers/", json={"id": 5}, headers={"Authorization": "Bearer k-1"})
        entries = client.get("/__mock/journal").json()["requests"]
    assert [e["answer"]["body"] for e in entries] == ['[{"status": "\ufffd"}]', "\ufffd"]
