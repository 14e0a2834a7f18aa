"""VastClient and AsyncVastClient against scripted answers: results, errors, retries, pacing."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from typing import Any

import httpx
import pytest

import vast_wrapper
from tests.conftest import CANARY_KEY, Script, json_response, text_response
from tests.spec import named_example
from vast_wrapper import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    NotFoundError,
    RateLimitError,
    ServerError,
    UnexpectedResponseError,
    VastError,
    testing,
)
from vast_wrapper._constants import PACING_FACTOR, PACING_MARGIN
from vast_wrapper.testing import VirtualClock

KINDS = ["sync", "async"]


def spacing(interval: float) -> float:
    """The gap the pacer keeps for a learnt interval: a little more than the server asks."""
    return interval * PACING_FACTOR + PACING_MARGIN


RUNNING = named_example("running_instance")
WORKERS = named_example("worker_list")


def call(script: Script, kind: str, method: str, *args: Any, **options: Any) -> Any:
    """Run one client method, sync or async, on a fresh client over `script`."""
    if kind == "sync":
        with script.client(**options) as client:
            return getattr(client, method)(*args)

    async def run() -> Any:
        async with script.async_client(**options) as client:
            return await getattr(client, method)(*args)

    return asyncio.run(run())


# --- results ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_show_instance_returns_the_instance(kind: str) -> None:
    """show_instance GETs the console route with a Bearer header and returns a typed Instance."""
    script = Script(json_response(200, RUNNING))
    instance = call(script, kind, "show_instance", 123)
    assert isinstance(instance, vast_wrapper.Instance)
    assert (instance.id, instance.actual_status, instance.gpu_util) == (123, "running", 0.75)
    (request,) = script.requests
    assert request.method == "GET"
    assert str(request.url) == "https://console.vast.ai/api/v0/instances/123/"
    assert request.headers["authorization"] == f"Bearer {CANARY_KEY}"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("method", "path"),
    [("get_endpoint_workers", "/get_endpoint_workers/"), ("get_autogroup_workers", "/get_autogroup_workers/")],
)
def test_worker_lists_post_the_id_only(kind: str, method: str, path: str) -> None:
    """The worker calls POST {"id": N} to run.vast.ai; the key never rides in the body."""
    script = Script(json_response(200, WORKERS))
    workers = call(script, kind, method, 123)
    assert [w.id for w in workers] == [123456]
    (request,) = script.requests
    assert (request.method, str(request.url)) == ("POST", f"https://run.vast.ai{path}")
    assert json.loads(request.content) == {"id": 123}
    assert request.headers["authorization"] == f"Bearer {CANARY_KEY}"


@pytest.mark.parametrize("kind", KINDS)
def test_numbers_are_numbers_and_addresses_are_trimmed(kind: str) -> None:
    """Numbers are what their annotations say (numeric strings where the spec allows them), nulls stay None,
    and public_ipaddr loses its newline."""
    body = {"instances": {"id": 5, "public_ipaddr": "203.0.113.1\n", "gpu_util": None, "dph_total": 1}}
    instance = call(Script(json_response(200, body)), kind, "show_instance", 5)
    assert instance.public_ipaddr == "203.0.113.1"
    assert instance.gpu_util is None
    assert (instance.dph_total, type(instance.dph_total)) == (1.0, float)

    workers = [{"id": 1, "cur_load": "0.75", "perf": "100", "reqs_working": "2", "reliability": None, "status": "nan"}]
    (worker,) = call(Script(json_response(200, workers)), kind, "get_endpoint_workers", 1)
    assert (worker.cur_load, worker.perf, worker.reqs_working, worker.reliability) == (0.75, 100.0, 2, None)
    assert (type(worker.perf), type(worker.reqs_working)) == (float, int)
    assert worker.status == "nan"


@pytest.mark.parametrize("kind", KINDS)
def test_a_field_that_fits_no_annotated_type_is_named_in_the_error(kind: str) -> None:
    """A number the spec does not allow as a string is refused, naming the field, not returned as a str."""
    body = {"instances": {"id": 5, "dph_total": "0.35"}}
    with pytest.raises(UnexpectedResponseError, match=r"Instance\.dph_total is '0\.35' \(str\)"):
        call(Script(json_response(200, body)), kind, "show_instance", 5)


@pytest.mark.parametrize("kind", KINDS)
def test_unknown_fields_come_back_from_to_dict(kind: str) -> None:
    """Fields the spec does not know are kept on the model and returned by to_dict()."""
    body = {"instances": {"id": 5, "brand_new": {"a": [1, 2]}}}
    instance = call(Script(json_response(200, body)), kind, "show_instance", 5)
    assert instance.to_dict() == {"id": 5, "brand_new": {"a": [1, 2]}}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("body", [WORKERS, {"workers": WORKERS}])
def test_both_worker_list_forms(kind: str, body: Any) -> None:
    """A bare array and the {"workers": [...]} envelope give the same list."""
    workers = call(Script(json_response(200, body)), kind, "get_endpoint_workers", 1)
    assert [w.to_dict() for w in workers] == WORKERS


@pytest.mark.parametrize("kind", KINDS)
def test_empty_worker_list_is_empty(kind: str) -> None:
    """An endpoint without workers gives [], a real empty answer and not a hidden error."""
    assert call(Script(json_response(200, [])), kind, "get_autogroup_workers", 1) == []


# --- errors -----------------------------------------------------------------------------------

ERROR_CASES = [
    (json_response(400, {"success": False, "error": "invalid_args", "msg": "Invalid id."}), BadRequestError, 400,
     "Invalid id."),
    (json_response(401, {"success": False, "error": "auth_error", "msg": "Invalid user key"}), AuthenticationError,
     401, "Invalid user key"),
    (json_response(403, {"success": False, "error": "forbidden", "msg": "Not allowed"}), AuthenticationError, 403,
     "Not allowed"),
    (text_response(403, "Forbidden"), AuthenticationError, 403, "Forbidden"),
    (json_response(404, {"success": False, "error": "auth_error", "msg": "Bad key"}), AuthenticationError, 404,
     "Bad key"),
    (json_response(404, {"detail": "Session expired. Please log in again."}), AuthenticationError, 404,
     "Session expired"),
    (json_response(404, {"success": False, "error": "not_found", "message": "No such instance"}), NotFoundError, 404,
     "No such instance"),
    (json_response(410, {"success": False, "error": "deprecated_endpoint", "msg": "Gone"}), APIStatusError, 410,
     "Gone"),
    (json_response(500, {"error": "internal"}), ServerError, 500, "internal"),
    (text_response(500, "Internal Server Error"), ServerError, 500, "Internal Server Error"),
]  # fmt: skip


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("answer", "error", "status", "message"), ERROR_CASES)
def test_status_errors_are_typed_and_not_retried(
    kind: str, answer: httpx.Response, error: type[APIStatusError], status: int, message: str
) -> None:
    """Each error status raises its class with the server's own message, after one attempt."""
    script = Script(answer)
    with pytest.raises(error) as caught:
        call(script, kind, "show_instance", 1)
    assert type(caught.value) is error
    assert caught.value.status_code == status
    assert message in caught.value.message
    assert caught.value.attempts == 1
    assert len(script.requests) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_null_instance_is_not_found(kind: str) -> None:
    """{"instances": null} means no such instance (or not yours): NotFoundError, not None."""
    with pytest.raises(NotFoundError, match="Instance 77 not found"):
        call(Script(json_response(200, {"instances": None})), kind, "show_instance", 77)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("body", "error", "message"),
    [
        ({"error_msg": "Invalid API key"}, AuthenticationError, "Invalid API key"),
        ({"error_msg": "Endpoint is not ready"}, APIStatusError, "Endpoint is not ready"),
        ("bad api key", AuthenticationError, "bad api key"),
        ("endpoint 9 does not exist", APIStatusError, "endpoint 9 does not exist"),
    ],
)
def test_errors_inside_a_200_worker_answer_raise(kind: str, body: Any, error: type[VastError], message: str) -> None:
    """{"error_msg": ...} or a bare string in a 200 raises; it is never an empty list."""
    with pytest.raises(error) as caught:
        call(Script(json_response(200, body)), kind, "get_endpoint_workers", 9)
    assert message in caught.value.message
    assert isinstance(caught.value, APIStatusError)
    assert caught.value.status_code == 200


@pytest.mark.parametrize("kind", KINDS)
def test_auth_error_inside_a_200_instance_answer(kind: str) -> None:
    """A 200 whose body says the key is bad raises AuthenticationError."""
    body = {"success": False, "error": "auth_error", "msg": "Invalid user key"}
    with pytest.raises(AuthenticationError, match="Invalid user key"):
        call(Script(json_response(200, body)), kind, "show_instance", 1)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("method", "answer", "why"),
    [
        ("show_instance", httpx.Response(200, content=b'{"instances": {"id": 1'), "not JSON"),
        ("show_instance", text_response(200, "<html><body>hi</body></html>", "text/html"), "not JSON"),
        ("show_instance", json_response(200, [1, 2]), "expected a JSON object, got list"),
        ("show_instance", json_response(200, {"instances": [1]}), "'instances' is list"),
        ("show_instance", json_response(200, {"other": 1}), "no 'instances' field"),
        ("get_endpoint_workers", json_response(200, 42), "expected a list of workers, got int"),
        ("get_endpoint_workers", json_response(200, [1]), "a worker is int"),
        ("get_endpoint_workers", json_response(200, {"workers": "x"}), "expected a list of workers, got str"),
        ("get_endpoint_workers", json_response(200, {"id": 1}), "expected a list of workers, got dict"),
        ("show_instance", json_response(204, None), "a success status the API does not use"),
    ],
)
def test_unreadable_answers_raise_unexpected_response(kind: str, method: str, answer: httpx.Response, why: str) -> None:
    """Malformed JSON, HTML and wrong top-level types raise UnexpectedResponseError with the reason."""
    with pytest.raises(UnexpectedResponseError) as caught:
        call(Script(answer), kind, method, 1)
    assert why in caught.value.message
    assert caught.value.status_code == answer.status_code


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("method", "body"),
    [
        ("show_instance", {"instances": {"id": 1, "ports": 7}}),
        ("show_instance", {"instances": {"id": 1, "extra_env": {"A": "1"}}}),
    ],
)
def test_a_field_of_a_type_the_spec_does_not_allow_is_an_unexpected_response(kind: str, method: str, body: Any) -> None:
    """The generated parser cannot read the body: UnexpectedResponseError, never a TypeError or a half model."""
    with pytest.raises(UnexpectedResponseError, match="HTTP 200"):
        call(Script(json_response(200, body)), kind, method, 1)


@pytest.mark.parametrize("kind", KINDS)
def test_cloudflare_page_is_a_server_error_with_its_title(kind: str) -> None:
    """A 522 HTML page is retried, then raised as ServerError quoting the page title."""
    page = "<!DOCTYPE html><html><head><title>vast.ai | 522: Connection timed out</title></head><body>x</body></html>"
    script = Script(text_response(522, page, "text/html"))
    with pytest.raises(ServerError) as caught:
        call(script, kind, "show_instance", 1)
    assert caught.value.message == "HTTP 522: vast.ai | 522: Connection timed out"
    assert caught.value.attempts == 3
    assert len(script.requests) == 3


# --- retries ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_503_then_200_succeeds_after_backoff(kind: str, clock: VirtualClock) -> None:
    """A 503 is retried after a jittered backoff of at most 0.5 s, and the call then succeeds."""
    script = Script(text_response(503, "busy"), json_response(200, RUNNING))
    assert call(script, kind, "show_instance", 1).id == 123
    assert len(script.requests) == 2
    (delay,) = clock.waits
    assert 0.375 <= delay <= 0.5


@pytest.mark.parametrize("kind", KINDS)
def test_backoff_grows_and_retries_run_out(kind: str, clock: VirtualClock) -> None:
    """With max_retries=4, a 502 is tried 5 times with doubling delays, then raised with attempts=5."""
    script = Script(text_response(502, "bad gateway"))
    with pytest.raises(ServerError) as caught:
        call(script, kind, "show_instance", 1, max_retries=4)
    assert caught.value.attempts == 5
    assert len(clock.waits) == 4
    for delay, ceiling in zip(clock.waits, [0.5, 1.0, 2.0, 4.0], strict=True):
        assert 0.75 * ceiling <= delay <= ceiling


@pytest.mark.parametrize("kind", KINDS)
def test_backoff_stops_growing_at_8_seconds(kind: str, clock: VirtualClock) -> None:
    """With max_retries=7, delays double up to 8 s and then stay there: 0.5, 1, 2, 4, 8, 8, 8."""
    script = Script(httpx.ConnectError("refused"))
    with pytest.raises(APIConnectionError):
        call(script, kind, "show_instance", 1, max_retries=7)
    assert len(clock.waits) == 7
    for delay, ceiling in zip(clock.waits, [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0], strict=True):
        assert 0.75 * ceiling <= delay <= ceiling


@pytest.mark.parametrize("kind", KINDS)
def test_a_retry_after_of_zero_falls_back_to_backoff(kind: str, clock: VirtualClock) -> None:
    """A 503 with Retry-After: 0 is not hammered at once: the backoff still applies."""
    script = Script(httpx.Response(503, headers={"Retry-After": "0"}, text="busy"), json_response(200, RUNNING))
    call(script, kind, "show_instance", 1)
    (delay,) = clock.waits
    assert 0.375 <= delay <= 0.5


@pytest.mark.parametrize("kind", KINDS)
def test_429_text_threshold_is_waited(kind: str, clock: VirtualClock) -> None:
    """A plain-text 429 with threshold=2.0 waits the threshold (not a short backoff) and succeeds."""
    script = Script(
        text_response(429, "API requests too frequent: endpoint threshold=2.0"), json_response(200, RUNNING)
    )
    assert call(script, kind, "show_instance", 1).id == 123
    assert clock.waits == [pytest.approx(spacing(2.0))]


@pytest.mark.parametrize("kind", KINDS)
def test_429_json_detail_threshold_is_waited(kind: str, clock: VirtualClock) -> None:
    """The documented JSON 429 ({"detail": "... threshold=1.5"}) teaches the same interval."""
    script = Script(
        json_response(429, {"detail": "API requests too frequent endpoint threshold=1.5"}), json_response(200, [])
    )
    assert call(script, kind, "get_endpoint_workers", 1) == []
    assert clock.waits == [pytest.approx(spacing(1.5))]


@pytest.mark.parametrize("kind", KINDS)
def test_retry_after_wins(kind: str, clock: VirtualClock) -> None:
    """A Retry-After header is honoured over the body's threshold."""
    limited = text_response(429, "too frequent threshold=2.0")
    limited.headers["Retry-After"] = "7"
    script = Script(limited, json_response(200, RUNNING))
    call(script, kind, "show_instance", 1)
    assert clock.waits[0] == 7.0


@pytest.mark.parametrize("kind", KINDS)
def test_rate_limit_error_after_retries(kind: str) -> None:
    """Still 429 after every retry: RateLimitError with retry_after and the server's message."""
    script = Script(json_response(429, {"detail": "API requests too frequent endpoint threshold=2.0"}))
    with pytest.raises(RateLimitError) as caught:
        call(script, kind, "show_instance", 1)
    assert caught.value.retry_after == 2.0
    assert caught.value.attempts == 3
    assert "threshold=2.0" in caught.value.message


@pytest.mark.parametrize("kind", KINDS)
def test_retry_after_too_long_is_not_waited(kind: str, clock: VirtualClock) -> None:
    """A Retry-After of an hour is not slept through: RateLimitError at once, with retry_after set."""
    script = Script(httpx.Response(429, headers={"Retry-After": "3600"}, text="slow down"))
    with pytest.raises(RateLimitError) as caught:
        call(script, kind, "show_instance", 1)
    assert caught.value.retry_after == 3600
    assert clock.waits == []


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("failure", "error"),
    [
        (httpx.ConnectError("refused"), APIConnectionError),
        (httpx.ReadTimeout("slow"), APITimeoutError),
        (httpx.ConnectTimeout("slow"), APITimeoutError),
        (httpx.RemoteProtocolError("closed"), APIConnectionError),
        (httpx.ReadError("reset"), APIConnectionError),
    ],
)
def test_transport_failures_are_retried_then_mapped(kind: str, failure: Exception, error: type[VastError]) -> None:
    """Network failures retry, then raise our error (never httpx's) counting the attempts."""
    script = Script(failure)
    with pytest.raises(error) as caught:
        call(script, kind, "show_instance", 1)
    assert type(caught.value) is error
    assert isinstance(caught.value, APIConnectionError)
    assert caught.value.attempts == 3
    assert len(script.requests) == 3


@pytest.mark.parametrize("kind", KINDS)
def test_connection_error_then_success(kind: str) -> None:
    """A dropped connection followed by an answer succeeds."""
    script = Script(httpx.ConnectError("refused"), json_response(200, RUNNING))
    assert call(script, kind, "show_instance", 1).id == 123


@pytest.mark.parametrize("kind", KINDS)
def test_max_retries_zero_means_one_attempt(kind: str) -> None:
    """max_retries=0 sends exactly one request."""
    script = Script(text_response(503, "busy"))
    with pytest.raises(ServerError):
        call(script, kind, "show_instance", 1, max_retries=0)
    assert len(script.requests) == 1


# --- pacing -----------------------------------------------------------------------------------


def _rate_limited_server(interval: float) -> Script:
    """Answers 429 (text, with the threshold) to the second request only, 200 to the rest."""
    count = {"n": 0}

    def answer(request: httpx.Request) -> httpx.Response:
        count["n"] += 1
        if count["n"] == 2:
            return text_response(429, f"API requests too frequent: endpoint threshold={interval}")
        return json_response(200, WORKERS if "workers" in request.url.path else RUNNING)

    return Script(answer)


def test_pacing_spaces_later_sequential_calls(clock: VirtualClock) -> None:
    """After a 429 teaches 0.2 s, each later call to that endpoint waits its slot; others do not."""
    script = _rate_limited_server(0.2)
    with script.client() as client:
        for _ in range(6):
            client.show_instance(1)
        client.get_endpoint_workers(1)
    assert len(script.requests) == 8  # 6 calls, one retried, and the workers call.
    # The retry and the four later calls each waited one interval; the other endpoint did not.
    assert clock.waits == [pytest.approx(spacing(0.2))] * 5


TOO_FREQUENT = "API requests too frequent: endpoint threshold=0.2"


def test_pacing_across_threads() -> None:
    """Threads sharing a client take distinct slots one interval apart, once a 429 taught it."""
    script = Script(
        text_response(429, "API requests too frequent: endpoint threshold=0.2"), json_response(200, RUNNING)
    )
    with testing.instant(frozen=True) as clock, script.client() as client:
        client.show_instance(1)  # The 429 teaches the interval; its retry waits the first slot.
        threads = [threading.Thread(target=client.show_instance, args=(1,)) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert sorted(clock.waits) == [pytest.approx(spacing(0.2) * k) for k in range(1, 10)]


def test_pacing_across_tasks() -> None:
    """Tasks sharing an async client take distinct slots one interval apart, once a 429 taught it."""
    script = Script(
        text_response(429, "API requests too frequent: endpoint threshold=0.2"), json_response(200, WORKERS)
    )

    async def run() -> None:
        async with script.async_client() as client:
            await client.get_endpoint_workers(1)  # The 429 teaches the interval.
            await asyncio.gather(*(client.get_endpoint_workers(1) for _ in range(8)))

    with testing.instant(frozen=True) as clock:
        asyncio.run(run())
    assert sorted(clock.waits) == [pytest.approx(spacing(0.2) * k) for k in range(1, 10)]


def _interval_server(clock: VirtualClock, interval: float, body: Any) -> Script:
    """Like Vast: 429 with the threshold for a request less than `interval` after the last accepted one."""
    last = {"ok": -1e9}

    def answer(request: httpx.Request) -> httpx.Response:
        if clock.now - last["ok"] < interval:
            return text_response(429, f"API requests too frequent: endpoint threshold={interval}")
        last["ok"] = clock.now
        return json_response(200, body)

    return Script(answer)


@pytest.mark.parametrize("kind", KINDS)
def test_batch_under_a_rate_limit_takes_about_n_minus_1_intervals(kind: str, clock: VirtualClock) -> None:
    """20 calls against a 0.2 s limit all succeed, in about 19 intervals, with a single 429."""
    script = _interval_server(clock, 0.2, RUNNING)
    start = clock.now
    if kind == "sync":
        with script.client() as client:
            results = [client.show_instance(1) for _ in range(20)]
    else:

        async def run() -> list[Any]:
            async with script.async_client() as client:
                return await asyncio.gather(*(client.show_instance(1) for _ in range(20)))

        results = asyncio.run(run())
    assert len(results) == 20
    assert len(script.requests) == 21
    assert 19 * 0.2 <= clock.now - start <= 1.2 * 19 * 0.2


# --- options ----------------------------------------------------------------------------------


def test_default_and_per_call_timeouts() -> None:
    """Default timeouts are 5 s to connect and 30 s to read; timeout= overrides one call."""
    script = Script(json_response(200, RUNNING))
    with script.client() as client:
        client.show_instance(1)
        client.show_instance(1, timeout=2.5)
    first, second = (r.extensions["timeout"] for r in script.requests)
    assert first == {"connect": 5.0, "read": 30.0, "write": 30.0, "pool": 30.0}
    assert second == {"connect": 2.5, "read": 2.5, "write": 2.5, "pool": 2.5}


def test_a_call_after_close_raises_client_closed_for_either_host() -> None:
    """After close(), no call is sent and none opens a new pool: ClientClosedError, a VastError."""
    script = Script(json_response(200, RUNNING))
    with script.client() as client:
        client.show_instance(1)
    for method in ("show_instance", "get_endpoint_workers", "get_autogroup_workers"):
        with pytest.raises(vast_wrapper.ClientClosedError, match="closed"):
            getattr(client, method)(1)
    assert len(script.requests) == 1


def test_an_async_call_after_aclose_raises_client_closed() -> None:
    script = Script(json_response(200, RUNNING))

    async def run() -> None:
        async with script.async_client() as client:
            await client.show_instance(1)
        with pytest.raises(vast_wrapper.ClientClosedError):
            await client.get_endpoint_workers(1)

    asyncio.run(run())
    assert len(script.requests) == 1


def test_debug_log_of_each_attempt(caplog: pytest.LogCaptureFixture) -> None:
    """DEBUG logs each attempt (operation, id, status, attempt number, elapsed) and never the key."""
    script = Script(text_response(503, "busy"), json_response(200, RUNNING))
    with caplog.at_level(logging.DEBUG, logger="vast_wrapper"), script.client() as client:
        client.show_instance(42)
    lines = [r.getMessage() for r in caplog.records if r.name == "vast_wrapper"]
    assert any(line.startswith("show_instance 42 -> 503 (attempt 1, ") for line in lines)
    assert any(line.startswith("show_instance 42 -> 200 (attempt 2, ") for line in lines)
    assert any("retrying show_instance" in line for line in lines)
    assert all(CANARY_KEY not in line for line in lines)


def test_importing_adds_no_log_handlers() -> None:
    """The package logger has no handlers of its own (the application decides)."""
    assert logging.getLogger("vast_wrapper").handlers == []


# --- caps on waits the server asks for ----------------------------------------------------------


def _in_a_day() -> str:
    """An HTTP-date Retry-After a day from now."""
    import email.utils
    import time

    return email.utils.formatdate(time.time() + 86400, usegmt=True)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("status", [502, 503, 504, 522])
@pytest.mark.parametrize("retry_after", ["86400", "61", "inf", "in a day"])
def test_a_gateway_errors_long_retry_after_is_not_waited(
    kind: str, status: int, retry_after: str, clock: VirtualClock
) -> None:
    """A 5xx asking for more than 60 s (seconds or an HTTP date) fails at once, saying what it asked."""
    header = _in_a_day() if retry_after == "in a day" else retry_after
    script = Script(httpx.Response(status, headers={"Retry-After": header}, text="busy"))
    with pytest.raises(ServerError) as caught:
        call(script, kind, "show_instance", 1)
    assert clock.waits == []
    assert caught.value.attempts == 1
    assert len(script.requests) == 1
    assert "the client waits at most 60 s" in caught.value.message


@pytest.mark.parametrize("kind", KINDS)
def test_a_gateway_errors_retry_after_up_to_the_cap_is_waited(kind: str, clock: VirtualClock) -> None:
    """A 503 with Retry-After: 60 (the cap itself) is waited out, then the call succeeds."""
    script = Script(httpx.Response(503, headers={"Retry-After": "60"}, text="busy"), json_response(200, RUNNING))
    assert call(script, kind, "show_instance", 1).id == 123
    assert clock.waits == [60.0]


@pytest.mark.parametrize("kind", KINDS)
def test_a_429_with_a_retry_after_date_beyond_the_cap_is_not_waited(kind: str, clock: VirtualClock) -> None:
    """A 429 whose Retry-After is a date a day away raises RateLimitError at once, retry_after about a day."""
    script = Script(httpx.Response(429, headers={"Retry-After": _in_a_day()}, text="slow down"))
    with pytest.raises(RateLimitError) as caught:
        call(script, kind, "show_instance", 1)
    assert clock.waits == []
    assert caught.value.retry_after == pytest.approx(86400, abs=5)
    assert "the client waits at most 60 s" in caught.value.message


@pytest.mark.parametrize("kind", KINDS)
def test_a_429_threshold_beyond_the_cap_is_neither_waited_nor_learnt(kind: str, clock: VirtualClock) -> None:
    """threshold=86400 in a 429 body fails that call at once and does not slow the next calls down."""
    script = Script(
        text_response(429, "API requests too frequent: endpoint threshold=86400"), json_response(200, RUNNING)
    )
    if kind == "sync":
        with script.client() as client:
            with pytest.raises(RateLimitError) as caught:
                client.show_instance(1)
            assert client.show_instance(1).id == 123
    else:

        async def run() -> pytest.ExceptionInfo[RateLimitError]:
            async with script.async_client() as client:
                with pytest.raises(RateLimitError) as caught:
                    await client.show_instance(1)
                assert (await client.show_instance(1)).id == 123
                return caught

        caught = asyncio.run(run())
    assert caught.value.retry_after == 86400
    assert caught.value.attempts == 1
    assert clock.waits == []


@pytest.mark.parametrize("kind", KINDS)
def test_a_short_retry_after_does_not_excuse_a_threshold_beyond_the_cap(kind: str, clock: VirtualClock) -> None:
    """Retry-After: 5 with threshold=3600 in the body: the larger ask decides, and is not waited."""
    limited = text_response(429, "too frequent threshold=3600")
    limited.headers["Retry-After"] = "5"
    with pytest.raises(RateLimitError) as caught:
        call(Script(limited), kind, "show_instance", 1)
    assert caught.value.retry_after == 3600
    assert "asked to wait 3600 s" in caught.value.message
    assert clock.waits == []


@pytest.mark.parametrize("kind", KINDS)
def test_a_429_threshold_at_the_cap_is_waited(kind: str, clock: VirtualClock) -> None:
    """threshold=60 is still waited out: the cap is inclusive."""
    script = Script(text_response(429, "too frequent threshold=60"), json_response(200, RUNNING))
    assert call(script, kind, "show_instance", 1).id == 123
    assert clock.waits == [pytest.approx(spacing(60))]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("header", ["soon", "", "Tue, 99 Foo 2026"])
def test_an_unreadable_retry_after_falls_back_to_backoff(kind: str, header: str, clock: VirtualClock) -> None:
    """A Retry-After that is neither seconds nor a date is ignored: the usual backoff applies."""
    script = Script(httpx.Response(503, headers={"Retry-After": header}, text="busy"), json_response(200, RUNNING))
    call(script, kind, "show_instance", 1)
    (delay,) = clock.waits
    assert 0.375 <= delay <= 0.5


@pytest.mark.parametrize("kind", KINDS)
def test_a_retry_after_date_without_a_zone_is_read_as_utc(kind: str, clock: VirtualClock) -> None:
    """ "-0000" (no zone, RFC 5322) is UTC: a date in the past means retry now, a far one is beyond the cap."""
    past = Script(
        httpx.Response(503, headers={"Retry-After": "Mon, 01 Jan 2001 00:00:00 -0000"}, text="busy"),
        json_response(200, RUNNING),
    )
    call(past, kind, "show_instance", 1)
    assert 0.375 <= clock.waits[0] <= 0.5  # 0 s: the backoff applies.
    future = Script(httpx.Response(503, headers={"Retry-After": "Mon, 01 Jan 3001 00:00:00 -0000"}, text="busy"))
    with pytest.raises(ServerError, match="waits at most 60 s"):
        call(future, kind, "show_instance", 1)


@pytest.mark.parametrize(
    ("timeout", "sent"),
    [
        (None, {"connect": None, "read": None, "write": None, "pool": None}),
        (httpx.Timeout(4, connect=1), {"connect": 1, "read": 4, "write": 4, "pool": 4}),
        (7, {"connect": 7, "read": 7, "write": 7, "pool": 7}),
    ],
)
def test_a_client_timeout_of_none_an_httpx_timeout_or_seconds(timeout: Any, sent: dict[str, Any]) -> None:
    script = Script(json_response(200, RUNNING))
    with script.client(timeout=timeout) as client:
        client.show_instance(1)
    assert script.requests[0].extensions["timeout"] == sent


@pytest.mark.parametrize(
    ("status", "error"),
    [(201, UnexpectedResponseError), (299, UnexpectedResponseError), (300, APIStatusError), (199, APIStatusError)],
)
def test_a_status_the_api_does_not_use(status: int, error: type[VastError]) -> None:
    """Another 2xx is an unexpected answer (it is not data we can read); a 1xx or 3xx is an API error."""
    raised = call_error(Script(json_response(status, {"x": 1})))
    assert type(raised) is error
    if error is UnexpectedResponseError:
        assert raised.message == f"Unexpected answer (HTTP {status}): a success status the API does not use"


def call_error(script: Script, **options: Any) -> VastError:
    with pytest.raises(VastError) as caught:
        call(script, "sync", "show_instance", 1, **options)
    return caught.value


def test_a_bare_429_backs_off(clock: VirtualClock) -> None:
    """A 429 with neither Retry-After nor threshold= backs off like a 503."""
    call(Script(text_response(429, "slow down"), json_response(200, RUNNING)), "sync", "show_instance", 1)
    (delay,) = clock.waits
    assert 0.375 <= delay <= 0.5


def test_rate_limit_error_reports_the_retry_after_over_the_threshold() -> None:
    limited = text_response(429, "too frequent threshold=2.0")
    limited.headers["Retry-After"] = "5"
    raised = call_error(Script(limited), max_retries=0)
    assert isinstance(raised, RateLimitError)
    assert raised.retry_after == 5
    assert raised.message == "HTTP 429: too frequent threshold=2.0"


def test_a_retry_is_logged_with_its_reason(caplog: pytest.LogCaptureFixture) -> None:
    script = Script(text_response(429, "slow down"), text_response(503, "busy"), json_response(200, RUNNING))
    with caplog.at_level(logging.DEBUG, logger="vast_wrapper"):
        call(script, "sync", "show_instance", 1)
    reasons = [r.getMessage().rsplit("(", 1)[1] for r in caplog.records if "retrying" in r.getMessage()]
    assert reasons == ["HTTP 429 rate limited)", "HTTP 503)"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("method", ["get_endpoint_workers", "get_autogroup_workers"])
def test_worker_calls_use_the_clients_timeout_unless_told(kind: str, method: str) -> None:
    script = Script(json_response(200, []))
    call(script, kind, method, 1, timeout=4)
    assert script.requests[0].extensions["timeout"] == {"connect": 4, "read": 4, "write": 4, "pool": 4}


def test_a_closed_client_says_so_by_name() -> None:
    client = Script(json_response(200, RUNNING)).client()
    client.close()
    with pytest.raises(vast_wrapper.ClientClosedError) as caught:
        client.show_instance(1)
    assert str(caught.value) == "This VastClient is closed; make a new one to call again."


def test_a_threshold_is_read_in_any_case(clock: VirtualClock) -> None:
    call(Script(text_response(429, "Too frequent: THRESHOLD=2.0"), json_response(200, RUNNING)), "sync",
         "show_instance", 1)  # fmt: skip
    assert clock.waits == [pytest.approx(spacing(2.0))]


def test_a_long_retry_after_error_keeps_the_servers_words() -> None:
    raised = call_error(Script(httpx.Response(503, headers={"Retry-After": "3600"}, text="busy")))
    assert raised.message == "HTTP 503 (the server asked to wait 3600 s; the client waits at most 60 s): busy"


def test_transport_failures_are_logged_by_name(caplog: pytest.LogCaptureFixture) -> None:
    script = Script(httpx.ConnectError("refused"), json_response(200, RUNNING))
    with caplog.at_level(logging.DEBUG, logger="vast_wrapper"):
        call(script, "sync", "show_instance", 1)
    lines = [r.getMessage() for r in caplog.records]
    assert any(line.startswith("show_instance 1 -> ConnectError (attempt 1, ") for line in lines)
    assert any(line.endswith("(ConnectError)") and "retrying" in line for line in lines)


@pytest.mark.parametrize("kind", KINDS)
def test_a_worker_wait_polls_with_the_clients_timeout(kind: str) -> None:
    """Each poll of wait_for_workers is sent with the client's timeout, never without one."""
    script = Script(json_response(200, [{"id": 1, "status": "ready"}]))
    call(script, kind, "wait_for_workers", 1, timeout=4)
    assert script.requests[0].extensions["timeout"] == {"connect": 4, "read": 4, "write": 4, "pool": 4}


def test_a_429_on_one_console_does_not_slow_the_same_key_on_another(clock: VirtualClock) -> None:
    """Two clients of one key sharing the run host but not the console: show_instance is paced per console."""
    limited = text_response(429, "API requests too frequent: endpoint threshold=2.0")
    script = Script(limited, json_response(200, RUNNING))
    with script.client(console_url="http://127.0.0.1:1", run_url="http://127.0.0.1:3") as first:
        first.show_instance(1)  # 429: learns, waits, retries.
    waits = list(clock.waits)
    with script.client(console_url="http://127.0.0.1:2", run_url="http://127.0.0.1:3") as second:
        second.show_instance(1)
    assert waits == [pytest.approx(spacing(2.0))]
    assert clock.waits == waits


def test_the_debug_log_times_each_attempt_from_its_pacing_slot(caplog: pytest.LogCaptureFixture) -> None:
    """The elapsed time of an attempt is the server's answer time, not the wait for its slot before it."""

    def slow(request: httpx.Request) -> httpx.Response:
        virtual.wait(0.25)  # The server takes 250 ms to answer.
        return json_response(200, RUNNING)

    script = Script(text_response(429, "API requests too frequent: endpoint threshold=2.0"), slow)
    with (
        caplog.at_level(logging.DEBUG, logger="vast_wrapper"),
        script.client() as client,
        testing.instant() as virtual,
    ):
        client.show_instance(42)
    lines = [r.getMessage() for r in caplog.records if " -> " in r.getMessage()]
    assert lines == ["show_instance 42 -> 429 (attempt 1, 0.0 ms)", "show_instance 42 -> 200 (attempt 2, 250.0 ms)"]
