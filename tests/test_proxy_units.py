"""The validating proxy's judgement and summary, in-process (mock/proxy.py); tests/test_proxy.py runs it whole."""

from __future__ import annotations

import collections
from dataclasses import dataclass, field

from mock.proxy import judge_answer, proxy_exit_status, proxy_summary, route_of

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
