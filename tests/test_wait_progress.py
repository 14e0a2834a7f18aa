"""The waiters' on_progress hook: every poll reported with its state, time waited, next poll, errors and pacing."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from tests.conftest import FakeTime, Script, json_response, text_response
from vast_wrapper import WaitError, WaitProgress, WaitTimeoutError


def instance(actual: str | None, intended: str = "running") -> Any:
    return json_response(200, {"instances": {"id": 5, "actual_status": actual, "intended_status": intended}})


def workers(*statuses: str) -> Any:
    return json_response(200, [{"id": i, "status": s} for i, s in enumerate(statuses)])


def wait(script: Script, kind: str, method: str, seen: list[WaitProgress], *args: Any, **kwargs: Any) -> Any:
    """Run a waiter, sync or async, collecting every progress it reports into `seen`."""
    if kind == "sync":
        with script.client() as client:
            return getattr(client, method)(*args, on_progress=seen.append, **kwargs)

    async def run() -> Any:
        async with script.async_client() as client:
            return await getattr(client, method)(*args, on_progress=seen.append, **kwargs)

    return asyncio.run(run())


KINDS = ["sync", "async"]


@pytest.mark.parametrize("kind", KINDS)
def test_each_poll_is_reported_with_state_time_and_next_poll(kind: str) -> None:
    """Three polls: created, loading, running; elapsed follows the clock, next_poll the interval, ready the end."""
    script = Script(instance("created"), instance("loading"), instance("running"))
    seen: list[WaitProgress] = []
    wait(script, kind, "wait_for_instance", seen, 5, poll_interval=3)
    assert [(p.state, p.changed, p.elapsed, p.next_poll, p.ready, p.polls) for p in seen] == [
        ("created", True, 0, 3, False, 1),
        ("loading", True, 3, 3, False, 2),
        ("running", True, 6, None, True, 3),
    ]
    assert {p.what for p in seen} == {"instance 5"}
    assert all(p.error is None and p.pacing is None for p in seen)


@pytest.mark.parametrize("kind", KINDS)
def test_an_unchanged_state_is_not_a_change(kind: str) -> None:
    """Polls that see the same status again are reported with changed=False."""
    script = Script(instance("loading"), instance("loading"), instance("running"))
    seen: list[WaitProgress] = []
    wait(script, kind, "wait_for_instance", seen, 5)
    assert [p.changed for p in seen] == [True, False, True]


@pytest.mark.parametrize("kind", KINDS)
def test_a_transient_error_is_reported_and_polled_through(kind: str) -> None:
    """A 503 after the retries is the poll's error; the state stays the last one an answer showed."""
    busy = text_response(503, "busy")
    script = Script(instance("loading"), busy, busy, busy, instance("running"))  # three attempts, then the error
    seen: list[WaitProgress] = []
    wait(script, kind, "wait_for_instance", seen, 5, poll_interval=2)
    assert [(p.state, p.changed, p.error) for p in seen] == [
        ("loading", True, None),
        ("loading", False, "HTTP 503: busy"),
        ("running", True, None),
    ]
    assert seen[1].next_poll == 2


@pytest.mark.parametrize("kind", KINDS)
def test_pacing_after_a_429_is_reported(kind: str) -> None:
    """After a 429 teaching threshold=4.0, progress says calls are paced, and the next poll waits for the slot."""
    script = Script(instance("loading"), text_response(429, "API requests too frequent: threshold=4.0"),
                    instance("loading"), instance("running"))  # fmt: skip
    seen: list[WaitProgress] = []
    wait(script, kind, "wait_for_instance", seen, 5, poll_interval=1)
    assert seen[0].pacing is None
    assert seen[0].next_poll == 1
    paced = seen[1]
    assert paced.pacing is not None
    assert 4.0 < paced.pacing < 4.5
    assert paced.next_poll == paced.pacing  # the poll interval is shorter than the pacing
    assert paced.error is None  # the 429 was retried inside the call


@pytest.mark.parametrize("kind", KINDS)
def test_a_failed_wait_reports_its_last_state_before_raising(kind: str) -> None:
    """An exited instance: the last progress has no next poll and is not ready; then WaitError."""
    script = Script(instance("loading"), instance("exited", "stopped"))
    seen: list[WaitProgress] = []
    with pytest.raises(WaitError):
        wait(script, kind, "wait_for_instance", seen, 5)
    assert [(p.state, p.next_poll, p.ready) for p in seen] == [("loading", 5, False), ("exited", None, False)]


@pytest.mark.parametrize("kind", KINDS)
def test_a_timed_out_wait_reports_before_raising(kind: str, fake_time: FakeTime) -> None:
    """Out of time: the last progress has no next poll; the next polls were cut to the time left."""
    seen: list[WaitProgress] = []
    with pytest.raises(WaitTimeoutError):
        wait(Script(instance("loading")), kind, "wait_for_instance", seen, 5, timeout=7, poll_interval=5)
    assert [p.next_poll for p in seen] == [5, 2, None]
    assert seen[-1].elapsed == 7


@pytest.mark.parametrize("kind", KINDS)
def test_workers_progress_counts_ready_workers(kind: str) -> None:
    """Worker waits report `N of M ready (statuses)`, and end ready."""
    script = Script(workers("loading", "loading"), workers("READY", "loading"), workers("READY", "idle"))
    seen: list[WaitProgress] = []
    result = wait(script, kind, "wait_for_workers", seen, 9, min_ready=2)
    assert len(result) == 2
    assert [p.state for p in seen] == ["0 of 2 ready (loading)", "1 of 2 ready (READY, loading)",
                                       "2 of 2 ready (READY, idle)"]  # fmt: skip
    assert seen[-1].ready
    assert seen[0].what == "endpoint 9"


@pytest.mark.parametrize("kind", KINDS)
def test_autogroup_waits_poll_the_worker_group(kind: str) -> None:
    """autogroup=True polls get_autogroup_workers and names the worker group."""
    script = Script(workers("READY"))
    seen: list[WaitProgress] = []
    wait(script, kind, "wait_for_workers", seen, 1001, autogroup=True)
    assert [r.url.path for r in script.requests] == ["/get_autogroup_workers/"]
    assert seen[0].what == "worker group 1001"


def test_no_callback_no_change() -> None:
    """Without on_progress, a wait behaves as before: the instance, nothing else."""
    with Script(instance("running")).client() as client:
        assert client.wait_for_instance(5).actual_status == "running"
