"""wait_for_instance and wait_for_workers: return when ready, fail fast, time out with the last state."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from tests.conftest import Script, json_response, text_response
from vast_wrapper import AuthenticationError, WaitError, WaitTimeoutError
from vast_wrapper.testing import VirtualClock


def instance(actual: str | None, intended: str = "running") -> Any:
    return json_response(200, {"instances": {"id": 5, "actual_status": actual, "intended_status": intended}})


def workers(*statuses: str) -> Any:
    return json_response(200, [{"id": i, "status": s} for i, s in enumerate(statuses)])


def wait(script: Script, kind: str, method: str, *args: Any, max_retries: int = 2, **kwargs: Any) -> Any:
    """Run one waiter, sync or async, on a fresh client over `script`."""
    if kind == "sync":
        with script.client(max_retries=max_retries) as client:
            return getattr(client, method)(*args, **kwargs)

    async def run() -> Any:
        async with script.async_client(max_retries=max_retries) as client:
            return await getattr(client, method)(*args, **kwargs)

    return asyncio.run(run())


KINDS = ["sync", "async"]


@pytest.mark.parametrize("kind", KINDS)
def test_instance_wait_returns_once_running(kind: str, clock: VirtualClock) -> None:
    """Polls through null, loading, a 429 and a 503 that the call does not retry (max_retries=0),
    and returns the instance as soon as it runs."""
    script = Script(
        instance(None),
        instance("loading"),
        text_response(429, "threshold=1.0"),
        text_response(503, "busy"),
        instance("RUNNING"),
        instance("x"),
    )
    result = wait(script, kind, "wait_for_instance", 5, poll_interval=3, max_retries=0)
    assert result.actual_status == "RUNNING"
    assert len(script.requests) == 5
    assert clock.waits == [3, 3, 3, 3]  # One poll interval after each answer that was not yet "running".


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("method", "failure", "seen"),
    [
        ("wait_for_instance", text_response(503, "busy"), "error: HTTP 503: busy"),
        ("wait_for_instance", text_response(500, "oops"), "error: HTTP 500: oops"),
        ("wait_for_instance", text_response(429, "too frequent threshold=1.0"), "threshold=1.0"),
        ("wait_for_workers", text_response(502, "bad gateway"), "error: HTTP 502: bad gateway"),
        ("wait_for_workers", text_response(429, "too frequent threshold=1.0"), "error: HTTP 429"),
        ("wait_for_workers", httpx.ConnectError("refused"), "error: Could not reach the server"),
    ],
)
def test_waiters_poll_through_server_trouble_until_the_timeout(
    kind: str, method: str, failure: Any, seen: str, clock: VirtualClock
) -> None:
    """A server that keeps failing (5xx, 429, no connection) is polled until the timeout, which names the error."""
    script = Script(failure)
    with pytest.raises(WaitTimeoutError) as caught:
        wait(script, kind, method, 5, timeout=10, poll_interval=5, max_retries=0)
    assert seen in caught.value.last_state
    assert seen in str(caught.value)
    assert len(script.requests) == 3  # At 0, 5 and 10 s.
    assert clock.now == 10


@pytest.mark.parametrize("kind", KINDS)
def test_workers_wait_recovers_after_server_trouble(kind: str) -> None:
    """A 503 and a 429 between polls do not end the wait: the ready workers are returned."""
    script = Script(text_response(503, "busy"), text_response(429, "threshold=0.5"), workers("ready"))
    assert [w.status for w in wait(script, kind, "wait_for_workers", 9, max_retries=0)] == ["ready"]
    assert len(script.requests) == 3


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("actual", "intended"), [("exited", "stopped"), ("offline", "running"), ("unknown", "running"),
                                                  ("loading", "crashed")])  # fmt: skip
def test_instance_wait_fails_fast_on_terminal_states(kind: str, actual: str, intended: str) -> None:
    """exited, offline, unknown or intended crashed raise WaitError at once, naming the state."""
    script = Script(instance(actual, intended))
    with pytest.raises(WaitError) as caught:
        wait(script, kind, "wait_for_instance", 5)
    assert not isinstance(caught.value, WaitTimeoutError)
    assert actual in caught.value.last_state
    assert len(script.requests) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_instance_wait_for_a_terminal_status_returns(kind: str) -> None:
    """Waiting for "exited" returns when the instance exits rather than failing."""
    assert wait(Script(instance("exited", "stopped")), kind, "wait_for_instance", 5, status="exited").id == 5


@pytest.mark.parametrize("kind", KINDS)
def test_instance_wait_times_out_with_the_last_state(kind: str, clock: VirtualClock) -> None:
    """Out of time: WaitTimeoutError (also a TimeoutError) whose message names the last state."""
    start = clock.now
    with pytest.raises(WaitTimeoutError) as caught:
        wait(Script(instance("loading")), kind, "wait_for_instance", 5, timeout=12, poll_interval=5)
    assert isinstance(caught.value, TimeoutError)
    assert "actual_status='loading'" in str(caught.value)
    assert "12 s" in str(caught.value)
    assert clock.now - start == 12
    assert clock.waits == [5, 5, 2]


@pytest.mark.parametrize("kind", KINDS)
def test_instance_wait_raises_auth_errors_at_once(kind: str) -> None:
    """A bad key is not polled through: AuthenticationError on the first poll."""
    script = Script(json_response(401, {"msg": "Invalid user key"}))
    with pytest.raises(AuthenticationError):
        wait(script, kind, "wait_for_instance", 5)
    assert len(script.requests) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_workers_wait_returns_with_enough_ready(kind: str) -> None:
    """Returns the list once min_ready workers are ready, ignoring case."""
    script = Script(workers("loading", "loading"), workers("READY", "model_loading"), workers("idle", "Running"))
    result = wait(script, kind, "wait_for_workers", 9, min_ready=2)
    assert [w.status for w in result] == ["idle", "Running"]
    assert len(script.requests) == 3


@pytest.mark.parametrize("kind", KINDS)
def test_workers_wait_fails_when_all_failed(kind: str) -> None:
    """Every worker in error: WaitError at once with the statuses seen."""
    with pytest.raises(WaitError) as caught:
        wait(Script(workers("error", "ERROR")), kind, "wait_for_workers", 9)
    assert "0 of 2 workers ready" in caught.value.last_state
    assert str(caught.value) == "Every worker of endpoint 9 has failed"


@pytest.mark.parametrize("kind", KINDS)
def test_workers_wait_times_out(kind: str) -> None:
    """An endpoint with no workers times out, saying so."""
    with pytest.raises(WaitTimeoutError) as caught:
        wait(Script(json_response(200, [])), kind, "wait_for_workers", 9, timeout=10)
    assert caught.value.last_state == "0 of 0 workers ready"
    assert str(caught.value) == "Timed out after 10 s waiting for endpoint 9; last seen: 0 of 0 workers ready"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("method", ["wait_for_instance", "wait_for_workers"])
@pytest.mark.parametrize("options", [{"timeout": -1}, {"timeout": -0.001}, {"poll_interval": 0}, {"poll_interval": -5}])
def test_wait_rejects_bad_arguments(kind: str, method: str, options: dict[str, Any]) -> None:
    """A negative timeout, or a poll interval of zero or less, is refused before polling."""
    from vast_wrapper import InvalidInputError

    script = Script(instance("running"))
    with pytest.raises(InvalidInputError) as caught:
        wait(script, kind, method, 5, **options)
    assert str(caught.value) == "timeout must be 0 or more and poll_interval more than 0 seconds."
    assert script.requests == []


@pytest.mark.parametrize("kind", KINDS)
def test_a_zero_timeout_polls_once(kind: str, clock: VirtualClock) -> None:
    """timeout=0 is allowed: one poll, returned if ready, else WaitTimeoutError without sleeping."""
    assert wait(Script(instance("running")), kind, "wait_for_instance", 5, timeout=0).id == 5
    script = Script(instance("loading"))
    with pytest.raises(WaitTimeoutError, match="Timed out after 0 s"):
        wait(script, kind, "wait_for_instance", 5, timeout=0)
    assert len(script.requests) == 1
    assert clock.waits == []


@pytest.mark.parametrize("kind", KINDS)
def test_a_waiters_error_names_the_instance_once(kind: str) -> None:
    """The message reads "Instance 5 is 'exited' ...", not "Instance instance 5 ..."."""
    with pytest.raises(WaitError) as caught:
        wait(Script(instance("exited", "stopped")), kind, "wait_for_instance", 5)
    assert str(caught.value) == "Instance 5 is 'exited' and will not become 'running'"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("actual", ["running ", " Running\n", "RUNNING"])
def test_the_waiter_reads_a_status_as_instance_state_does(kind: str, actual: str) -> None:
    """A status that instance_state() calls READY ends a wait for "running" at once."""
    from vast_api.models import Instance

    from vast_wrapper import State, instance_state

    assert instance_state(Instance.from_dict({"actual_status": actual})) is State.READY
    script = Script(instance(actual))
    assert wait(script, kind, "wait_for_instance", 5).actual_status == actual
    assert len(script.requests) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_waiting_for_crashed_returns_when_it_crashes(kind: str) -> None:
    """intended_status=crashed ends other waits, but a wait for "crashed" goes on until it is so."""
    script = Script(instance("loading", "crashed"), instance("crashed", "crashed"))
    assert wait(script, kind, "wait_for_instance", 5, status="crashed").actual_status == "crashed"
    assert len(script.requests) == 2


@pytest.mark.parametrize("kind", KINDS)
def test_a_crash_is_reported_in_words(kind: str) -> None:
    with pytest.raises(WaitError) as caught:
        wait(Script(instance("loading", "crashed")), kind, "wait_for_instance", 5)
    assert str(caught.value) == "Instance 5 crashed while waiting for 'running'"
    assert caught.value.last_state == "actual_status='loading', intended_status='crashed'"


@pytest.mark.parametrize("kind", KINDS)
def test_the_workers_last_state_lists_their_statuses(kind: str) -> None:
    with pytest.raises(WaitTimeoutError) as caught:
        wait(Script(workers("loading", "error", "loading")), kind, "wait_for_workers", 9, timeout=1)
    assert caught.value.last_state == "0 of 3 workers ready (error, loading)"


@pytest.mark.parametrize("kind", KINDS)
def test_a_poll_interval_under_a_second_is_allowed(kind: str, clock: VirtualClock) -> None:
    script = Script(instance("loading"), instance("running"))
    wait(script, kind, "wait_for_instance", 5, poll_interval=0.25)
    assert clock.waits == [0.25]


@pytest.mark.parametrize("kind", KINDS)
def test_the_last_poll_waits_only_what_is_left(kind: str, clock: VirtualClock) -> None:
    """timeout=10.5, poll_interval=5: polls at 0, 5, 10 and 10.5 s, then times out."""
    with pytest.raises(WaitTimeoutError):
        wait(Script(instance("loading")), kind, "wait_for_instance", 5, timeout=10.5, poll_interval=5)
    assert clock.waits == [5, 5, 0.5]


@pytest.mark.parametrize("kind", KINDS)
def test_errors_polled_through_count_as_polls_and_change_nothing_seen(kind: str) -> None:
    """Two 503s, then running: polls 1, 2, 3; the errors leave the state at "no answer yet", unchanged."""
    from vast_wrapper import WaitProgress

    seen: list[WaitProgress] = []
    script = Script(text_response(503, "busy"), text_response(503, "busy"), instance("running"))
    wait(script, kind, "wait_for_instance", 5, max_retries=0, on_progress=seen.append)
    assert [(p.state, p.changed, p.polls, p.error) for p in seen] == [
        ("no answer yet", False, 1, "HTTP 503: busy"),
        ("no answer yet", False, 2, "HTTP 503: busy"),
        ("running", True, 3, None),
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_an_instance_without_statuses_is_seen_as_such(kind: str) -> None:
    """Neither status sent: progress reads "no status yet", the timeout's last state shows both as None."""
    from vast_wrapper import WaitProgress

    seen: list[WaitProgress] = []
    with pytest.raises(WaitTimeoutError) as caught:
        wait(Script(json_response(200, {"instances": {"id": 5}})), kind, "wait_for_instance", 5, timeout=0,
             on_progress=seen.append)  # fmt: skip
    assert caught.value.last_state == "actual_status=None, intended_status=None"
    assert [p.state for p in seen] == ["no status yet"]


@pytest.mark.parametrize("kind", KINDS)
def test_progress_shows_an_intended_crash(kind: str) -> None:
    """Waiting for "crashed": the polls before it crashed read "loading (intended crashed)"."""
    from vast_wrapper import WaitProgress

    seen: list[WaitProgress] = []
    script = Script(instance("loading", "crashed"), instance("crashed", "crashed"))
    wait(script, kind, "wait_for_instance", 5, status="crashed", on_progress=seen.append)
    assert [p.state for p in seen] == ["loading (intended crashed)", "crashed (intended crashed)"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_wait_begun_later_gets_its_whole_timeout(kind: str, clock: VirtualClock) -> None:
    """A wait started 100 s into a test's time still polls for its own 10 s, no more, no less."""
    clock.wait(100)
    with pytest.raises(WaitTimeoutError):
        wait(Script(instance("loading")), kind, "wait_for_instance", 5, timeout=10, poll_interval=5)
    assert clock.waits == [100, 5, 5]
