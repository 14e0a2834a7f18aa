"""vast_wrapper.testing.instant(): a user's tests make every client wait instant with one public call."""

from __future__ import annotations

import asyncio
import threading
import time

import httpx
import pytest

from tests.conftest import Script, json_response, text_response
from tests.spec import named_example
from vast_wrapper import RateLimitError, WaitTimeoutError, testing

RUNNING = named_example("running_instance")
LOADING = json_response(200, {"instances": {"id": 5, "actual_status": "loading", "intended_status": "running"}})


def test_retries_backoff_and_retry_after_are_recorded_not_waited() -> None:
    """A 503, a 429 with Retry-After: 30 and a dropped connection: the call succeeds, each wait on the clock."""
    script = Script(
        text_response(503, "busy"),
        httpx.Response(429, headers={"Retry-After": "30"}, text="slow down"),
        httpx.ConnectError("refused"),
        json_response(200, RUNNING),
    )
    with testing.instant() as clock, script.client(max_retries=3) as client:
        assert client.show_instance(1).id == 123
    assert len(clock.waits) == 3
    assert 0.375 <= clock.waits[0] <= 0.5
    assert clock.waits[1] == 30
    assert 1.5 <= clock.waits[2] <= 2.0  # The third attempt's backoff.
    assert clock.now == pytest.approx(sum(clock.waits))


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_ten_minute_wait_times_out_instantly(kind: str) -> None:
    """wait_for_instance(timeout=600, poll_interval=5) on an instance that never runs: 120 virtual polls."""
    script = Script(LOADING)

    def wait_sync() -> None:
        with script.client() as client:
            client.wait_for_instance(5, timeout=600, poll_interval=5)

    async def wait_async() -> None:
        async with script.async_client() as client:
            await client.wait_for_instance(5, timeout=600, poll_interval=5)

    with testing.instant() as clock, pytest.raises(WaitTimeoutError):
        wait_sync() if kind == "sync" else asyncio.run(wait_async())
    assert clock.now == 600
    assert clock.waits == [5] * 120
    assert len(script.requests) == 121


def test_the_switch_covers_threads_the_test_starts() -> None:
    """A client used from another thread is instant too: the switch is process-wide."""
    script = Script(text_response(502, "bad gateway"), json_response(200, RUNNING))
    with testing.instant() as clock, script.client() as client:
        thread = threading.Thread(target=client.show_instance, args=(1,))
        thread.start()
        thread.join()
    assert len(clock.waits) == 1
    assert len(script.requests) == 2


def test_the_pacing_a_429_teaches_is_virtual_too() -> None:
    """After threshold=2.0, the next call waits its pacing slot on the virtual clock."""
    script = Script(text_response(429, "too frequent threshold=2.0"), json_response(200, RUNNING))
    with testing.instant() as clock, script.client() as client:
        client.show_instance(1)
        client.show_instance(1)
    assert clock.waits == [pytest.approx(2.0 * 1.05 + 0.01)] * 2


def test_a_frozen_clock_records_waits_but_stands_still() -> None:
    script = Script(text_response(503, "busy"))
    with testing.instant(frozen=True) as clock, script.client() as client, pytest.raises(Exception):  # noqa: B017, PT011
        client.show_instance(1)
    assert len(clock.waits) == 2
    assert clock.now == 0
    assert "frozen=True" in repr(clock)


def test_blocks_nest_and_leaving_one_restores_the_time_before_it() -> None:
    """Inside an inner block its clock takes the waits; after it, the outer clock does again."""
    busy = text_response(503, "busy")
    with testing.instant() as outer:
        with testing.instant() as inner, Script(busy, json_response(200, RUNNING)).client() as client:
            client.show_instance(1)
        with Script(busy, json_response(200, RUNNING)).client() as client:
            client.show_instance(1)
    assert len(inner.waits) == 1
    assert len(outer.waits) == 1


def test_errors_are_raised_as_usual() -> None:
    """Only the waiting is virtual: retries are still counted and spent."""
    script = Script(text_response(429, "too frequent threshold=1.0"))
    with testing.instant(), script.client() as client, pytest.raises(RateLimitError) as caught:
        client.show_instance(1)
    assert caught.value.attempts == 3


@pytest.mark.usefixtures("real_time")
def test_outside_the_switch_a_retry_really_waits() -> None:
    """Without instant(), a Retry-After of 0.05 s holds the call at least that long (a lower bound only)."""
    script = Script(httpx.Response(503, headers={"Retry-After": "0.05"}, text="busy"), json_response(200, RUNNING))
    started = time.monotonic()
    with script.client() as client:
        client.show_instance(1)
    assert time.monotonic() - started >= 0.05


@pytest.mark.usefixtures("real_time")
def test_outside_the_switch_an_async_retry_really_waits() -> None:
    """The async client too: without instant(), Retry-After: 0.05 holds the call at least 0.05 s."""
    script = Script(httpx.Response(503, headers={"Retry-After": "0.05"}, text="busy"), json_response(200, RUNNING))

    async def run() -> None:
        async with script.async_client() as client:
            await client.show_instance(1)

    started = time.monotonic()
    asyncio.run(run())
    assert time.monotonic() - started >= 0.05


def test_a_virtual_clock_made_by_hand_moves_with_each_wait() -> None:
    """VirtualClock() (public, for a user's own fakes) is not frozen: each wait moves it on by its seconds."""
    clock = testing.VirtualClock()
    clock.wait(2)
    clock.wait(0.5)
    assert (clock.now, clock.waits, clock.frozen) == (2.5, [2, 0.5], False)
