"""Faults on real sockets: the exact error (or the right result after a retry), the attempts,
a client still usable afterwards, and no socket left open. (How long they take: `make bench`.)"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest

from tests import faults
from tests.faults import FaultServer
from vast_wrapper import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AsyncVastClient,
    AuthenticationError,
    ServerError,
    UnexpectedResponseError,
    VastClient,
    VastError,
)

pytestmark = pytest.mark.process

KEY = "fault-key"
# Only the stalled answer is meant to time out: it gets a short read timeout; every other call a
# long one, so a loaded machine (the suite runs on several workers) cannot turn a slow answer red.
STALL_TIMEOUT = 0.5
TIMEOUT = 30.0


def _timeout(fault: int) -> float:
    return STALL_TIMEOUT if fault == faults.STALL_AFTER_HEADERS else TIMEOUT


# (fault id, method, expected exception or None for success, attempts, requests the server sees)
CASES: list[tuple[int, str, type[VastError] | None, int, int]] = [
    (faults.RESET_MID_BODY, "show_instance", APIConnectionError, 3, 3),
    (faults.CLOSE_BEFORE_ANSWER, "show_instance", APIConnectionError, 3, 3),
    (faults.STALL_AFTER_HEADERS, "show_instance", APITimeoutError, 3, 3),
    (faults.TRUNCATED_JSON, "show_instance", UnexpectedResponseError, 1, 1),
    (faults.HTML_502, "show_instance", ServerError, 3, 3),
    (faults.HTML_520, "get_endpoint_workers", ServerError, 3, 3),
    (faults.BUSY_THEN_OK, "show_instance", None, 2, 2),
    (faults.RATE_LIMITED_THEN_OK, "get_endpoint_workers", None, 2, 2),
    (faults.ERROR_MSG_200, "get_endpoint_workers", AuthenticationError, 1, 1),
    (faults.BARE_STRING_200, "get_autogroup_workers", APIStatusError, 1, 1),
    (faults.WRONG_TYPE_200, "show_instance", UnexpectedResponseError, 1, 1),
    (faults.WRONG_TYPE_200, "get_endpoint_workers", UnexpectedResponseError, 1, 1),
    (faults.HUGE_BODY, "show_instance", None, 1, 1),
]
IDS = [f"{method}-{fault}" for fault, method, *_ in CASES]


def run_sync(server: FaultServer, method: str, fault: int) -> tuple[Any, Any]:
    """(outcome of the faulty call, result of a good call afterwards on the same client)."""
    with VastClient(api_key=KEY, base_url=server.url, timeout=TIMEOUT) as client:
        try:
            outcome: Any = getattr(client, method)(fault, timeout=_timeout(fault))
        except VastError as error:
            outcome = error
        return outcome, getattr(client, method)(faults.GOOD)


def run_async(server: FaultServer, method: str, fault: int) -> tuple[Any, Any]:
    async def run() -> tuple[Any, Any]:
        async with AsyncVastClient(api_key=KEY, base_url=server.url, timeout=TIMEOUT) as client:
            try:
                outcome: Any = await getattr(client, method)(fault, timeout=_timeout(fault))
            except VastError as error:
                outcome = error
            return outcome, await getattr(client, method)(faults.GOOD)

    return asyncio.run(run())


RUNNERS: dict[str, Callable[[FaultServer, str, int], tuple[Any, Any]]] = {"sync": run_sync, "async": run_async}


@pytest.mark.parametrize("kind", list(RUNNERS))
@pytest.mark.parametrize(("fault", "method", "error", "attempts", "requests"), CASES, ids=IDS)
def test_fault(kind: str, fault: int, method: str, error: type[VastError] | None, attempts: int, requests: int) -> None:
    """Each fault gives its exact error (or the right result after a retry), and the client
    serves a good call afterwards and closes every socket."""
    with FaultServer() as server:
        outcome, after = RUNNERS[kind](server, method, fault)
        seen = [r for r in server.requests if str(fault) in r.target or f'"id":{fault}'.encode() in r.body]
        open_left = server.wait_until_closed()

    if error is None:
        assert not isinstance(outcome, BaseException), outcome
    else:
        assert type(outcome) is error, outcome
        assert outcome.attempts == attempts  # type: ignore[attr-defined]
        assert KEY not in str(outcome)
    assert len(seen) == requests
    assert after is not None
    assert not isinstance(after, BaseException)
    assert open_left == 0


def test_huge_body_is_read_whole() -> None:
    """A 20 MB answer is read and parsed, its unknown field kept."""
    with FaultServer() as server, VastClient(api_key=KEY, base_url=server.url) as client:
        instance = client.show_instance(faults.HUGE_BODY)
    assert len(instance.additional_properties["pad"]) == 20_000_000


def test_every_request_carries_the_key_only_in_authorization() -> None:
    """What the server received: the key in Authorization and nowhere else, on every fault path."""
    with FaultServer() as server:
        for fault, method, *_ in CASES:
            if fault != faults.HUGE_BODY:
                run_sync(server, method, fault)
        received = list(server.requests)
    assert len(received) > len(CASES)
    for request in received:
        assert request.headers["authorization"] == f"Bearer {KEY}"
        assert KEY not in request.target
        assert "?" not in request.target
        assert KEY.encode() not in request.body
        assert all(KEY not in value for name, value in request.headers.items() if name != "authorization")
