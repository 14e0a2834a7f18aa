"""The mock's pure decisions, without a server: the id table, lifecycles, rate limits, worlds, redaction, settings."""

from __future__ import annotations

import re

import pytest

import mock.serve
from mock.journal import redact_headers, redact_query, redact_text, scrub
from mock.scenarios import MAX_WORKER_ID, Lifecycle, RateLimiter, instance_scenario, worker_id, workers_scenario
from mock.serve import latency, seconds, upstream_url
from mock.worlds import NO_KEY, WorldClock, Worlds, scope_of


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("ident", "name"),
    [(42, "running"), (600, "loading"), (699, "loading"), (700, "stopped"), (899, "exited"), (404, "no such instance"),
     (4041, "404 bad key"), (520, "edge page 520"), (3000, "never answers"), (3001, "connection reset"),
     (3150, "dribbled body"), (9500, "running")],
)  # fmt: skip
def test_the_instance_table(ident: int, name: str) -> None:
    assert instance_scenario(ident, Lifecycle(30)).name == name


def test_a_slow_id_waits_its_milliseconds_and_a_dribble_its_tenths() -> None:
    assert instance_scenario(9250, Lifecycle(30)).delay == 0.25
    assert workers_scenario(9999, Lifecycle(30)).delay == 0.999
    assert instance_scenario(3125, Lifecycle(30)).fault_seconds == 2.5


@pytest.mark.parametrize(("ident", "size"), [(40, 1), (41, 2), (42, 3), (43, 4)])
def test_an_endpoint_has_one_to_four_workers_by_its_id(ident: int, size: int) -> None:
    assert workers_scenario(ident, Lifecycle(30)).workers == size


def test_worker_ids_derive_from_the_endpoint_and_fold_below_2_53() -> None:
    assert [worker_id(42, k) for k in range(3)] == [4200, 4201, 4202]
    largest = [worker_id(MAX_WORKER_ID, k) for k in range(4)]
    assert all(1 <= i <= MAX_WORKER_ID for i in largest)
    assert len(set(largest)) == 4


def test_a_lifecycle_walks_on_its_clock_and_reset_starts_it_over() -> None:
    clock = Clock()
    lifecycle = Lifecycle(30, clock=clock)
    seen = []
    for elapsed in (0, 9.9, 10, 19.9, 20, 300):
        clock.now = 1000 + elapsed
        seen.append(lifecycle.instance(7001).patch["actual_status"])
    assert seen == ["created", "created", "loading", "loading", "running", "running"]
    assert lifecycle.workers(7001).patch["status"] == "READY"  # The same clock as the instance.
    assert lifecycle.workers(7101).patch["status"] == "loading"
    clock.now += 20
    assert lifecycle.workers(7101).patch["status"] == "ERROR"
    assert lifecycle.instance(7101).patch["actual_status"] == "exited"
    lifecycle.reset()
    assert lifecycle.instance(7001).patch["actual_status"] == "created"


def test_a_zero_lifecycle_is_at_its_last_state_at_once() -> None:
    assert Lifecycle(0).instance(7001).patch["actual_status"] == "running"


def test_the_rate_limit_is_per_route_and_key_and_lifts_after_its_threshold() -> None:
    clock = Clock()
    limiter = RateLimiter(2.0, clock=clock)
    assert [limiter.allow("a", "k1"), limiter.allow("a", "k1"), limiter.allow("b", "k1"), limiter.allow("a", "k2")] == [
        True, False, True, True]  # fmt: skip
    clock.now += 1.99
    assert not limiter.allow("a", "k1")
    clock.now += 0.01
    assert limiter.allow("a", "k1")
    assert limiter.message() == "API requests too frequent: endpoint threshold=2.0"


def test_a_world_clock_freezes_advances_and_resumes_where_it_stood() -> None:
    real = Clock()
    clock = WorldClock(real)
    clock.freeze()
    real.now += 100
    assert clock.now() == 1000
    clock.advance(5)
    assert clock.now() == 1005
    clock.unfreeze()
    real.now += 1
    assert clock.now() == 1006


def test_worlds_are_bounded_and_named_without_the_key() -> None:
    worlds = Worlds(30, None, limit=3)
    first = worlds.of("key-1")
    for n in range(2, 5):
        worlds.of(f"key-{n}")
    assert worlds.find(first.scope) is None  # The least recently used went first.
    assert worlds.find(scope_of("key-4")) is worlds.of("key-4")
    assert len(list(worlds)) == 3
    assert "key-2" not in scope_of("key-2")
    assert scope_of(None) == NO_KEY
    assert scope_of("a") != scope_of("b")


def test_redaction_by_name_in_every_form() -> None:
    assert redact_headers([("Authorization", "Bearer k"), ("X-Api-Key", "k"), ("Accept", "*/*")]) == {
        "Authorization": "***", "X-Api-Key": "***", "Accept": "*/*"}  # fmt: skip
    assert redact_query("id=4&api_key=k&token=t") == "id=4&api_key=***&token=***"
    assert redact_text('{"id": 4, "api_key": "k-1"}', "text/plain") == '{"id": 4, "api_key": ***}'
    assert redact_text("Authorization: Bearer abc", "text/plain") == "Authorization: ***"
    assert redact_text("sent with bearer abc-1 today", None) == "sent with bearer *** today"
    assert redact_text("id=4&password=p", "application/x-www-form-urlencoded") == "id=4&password=***"
    assert scrub({"note": "my key is long-key-1"}, ["long-key-1"]) == {"note": "my key is ***"}
    assert scrub({"note": "a b c"}, ["a"]) == {"note": "a b c"}  # Too short to search for.


@pytest.mark.parametrize(("text", "expected"), [("200", (0.2, 0.2)), ("100-300", (0.1, 0.3)), ("300-100", (0.3, 0.3))])
def test_mock_latency_reads_milliseconds(text: str, expected: tuple[float, float]) -> None:
    assert latency(text) == expected


@pytest.mark.parametrize("text", ["fast", "-5", "1e3", "100-", "200;rm -rf /"])
def test_a_latency_that_is_not_milliseconds_is_refused_in_one_line(text: str) -> None:
    with pytest.raises(SystemExit, match=r"MOCK_LATENCY .* is not milliseconds"):
        latency(text)


def test_seconds_are_read_or_refused() -> None:
    assert seconds("2.5", "MOCK_RATE_LIMIT") == 2.5
    with pytest.raises(SystemExit, match="MOCK_RATE_LIMIT 'soon' is not a number of seconds"):
        seconds("soon", "MOCK_RATE_LIMIT")


@pytest.mark.parametrize(
    ("url", "expected"),
    [("https://console.vast.ai/", "https://console.vast.ai"), ("http://127.0.0.1:8080", "http://127.0.0.1:8080")],
)
def test_an_upstream_is_normalised(url: str, expected: str) -> None:
    assert upstream_url(url, "upstream") == expected


@pytest.mark.parametrize(
    ("url", "why"),
    [("http://example.com", "plain http is for 127.0.0.1 only"), ("http://localhost.evil.com", "plain http"),
     ("ftp://x", "is not a URL"), ("https://x:port", "port that is not a number"), ("https://a b", "is not a URL"),
     ("https://", "is not a URL"), ("https:///path", "is not a URL")],
)  # fmt: skip
def test_an_unsafe_upstream_is_refused_in_one_line(url: str, why: str) -> None:
    with pytest.raises(SystemExit, match=why):
        upstream_url(url, "upstream")


@pytest.mark.parametrize(
    ("argv", "env", "says"),
    [
        (["--port", "99999"], {}, "port '99999' is not a number from 1 to 65535"),
        (["--port", "80; rm -rf /"], {}, "is not a number from 1 to 65535"),
        ([], {"MAKE_MOCK_LATENCY": "slow"}, "MOCK_LATENCY 'slow' is not milliseconds"),
        ([], {"MOCK_LIFECYCLE": "-3"}, "MOCK_LIFECYCLE '-3' is not a number of seconds"),
        (["--rate-limit", "often"], {}, "MOCK_RATE_LIMIT 'often' is not a number of seconds"),
        (["--proxy", "--upstream", "http://example.com"], {}, "plain http is for 127.0.0.1 only"),
    ],
)
def test_bad_settings_stop_serve_py_in_one_line_before_anything_starts(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], env: dict[str, str], says: str
) -> None:
    monkeypatch.setattr("sys.argv", ["serve.py", *argv])
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(mock.serve.Prism, "start", lambda self: pytest.fail("Prism must not start"))
    monkeypatch.setattr(mock.serve, "serve", lambda *args: pytest.fail("the mock must not serve"))
    with pytest.raises(SystemExit, match=re.escape(says)):
        mock.serve.main()


def test_the_mock_shares_one_prism_and_the_proxy_has_one_per_host() -> None:
    import argparse

    from mock.serve import LIVE, prisms_for

    mocked = prisms_for(argparse.Namespace(proxy=False, upstream=None, console_upstream=None, run_upstream=None))
    assert mocked["console"] is mocked["run"]
    assert mocked["console"].upstream is None
    assert not mocked["console"].alive()
    mocked["console"].stop()  # Never started: nothing to stop.
    proxied = prisms_for(argparse.Namespace(proxy=True, upstream=None, console_upstream=None,
                                            run_upstream="http://127.0.0.1:9"))  # fmt: skip
    assert (proxied["console"].upstream, proxied["run"].upstream) == (LIVE["console"], "http://127.0.0.1:9")


def test_the_mock_keeps_at_most_256_worlds() -> None:
    worlds = Worlds(30, None)
    first = worlds.of("key-0")
    for n in range(1, 256):
        worlds.of(f"key-{n}")
    assert worlds.find(first.scope) is first
    worlds.of("key-256")
    assert worlds.find(first.scope) is None
    assert worlds.of("key-1").limiter is None  # No rate limit unless MOCK_RATE_LIMIT is set.
    assert Worlds(30, 2.0).of("k").limiter is not None


def test_freezing_twice_keeps_the_first_instant_and_unfreezing_a_running_clock_does_nothing() -> None:
    real = Clock()
    clock = WorldClock(real)
    clock.unfreeze()
    assert (clock.now(), clock.describe()) == (1000, {"frozen": False, "offset": 0})
    clock.freeze()
    real.now += 5
    clock.freeze()
    assert (clock.now(), clock.describe()) == (1000, {"frozen": True, "offset": 0})


def test_a_lifecycle_shorter_than_a_second_still_walks() -> None:
    clock = Clock()
    lifecycle = Lifecycle(0.6, clock=clock)
    states = []
    for _ in range(3):
        states.append(lifecycle.instance(7001).patch["actual_status"])
        clock.now += 0.2
    assert states == ["created", "loading", "running"]
