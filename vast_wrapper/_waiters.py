"""Waiting for an instance or for workers: when a wait is over, failed, or goes on, and how long to sleep.

An instance wait compares `actual_status`, trimmed and in any case, with the status asked for (any
status, not one of instance_state()'s five); it fails at once on `exited`, `offline` or `unknown`,
or when `intended_status` is `crashed` unless `crashed` is what it waits for. A workers wait counts
the workers worker_state() calls READY, and fails once every worker is FAILED. Rate limits, server
errors and network failures are polled through (TRANSIENT_ERRORS); any other error ends the wait.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vast_wrapper import _retry
from vast_wrapper._exceptions import (
    APIConnectionError,
    InvalidInputError,
    RateLimitError,
    ServerError,
    VastError,
    WaitError,
    WaitTimeoutError,
)
from vast_wrapper._status import TERMINAL_INSTANCE_STATUSES, State, normalise, worker_state

if TYPE_CHECKING:
    from vast_api.models import Instance, Worker

# Errors a waiter polls through rather than raising at once.
TRANSIENT_ERRORS = (RateLimitError, ServerError, APIConnectionError)


class Waiter:
    """Decides, poll after poll, whether a wait is over, failed, or goes on; and for how long to sleep."""

    def __init__(self, what: str, timeout: float, poll_interval: float) -> None:
        if timeout < 0 or poll_interval <= 0:
            raise InvalidInputError("timeout must be 0 or more and poll_interval more than 0 seconds.")
        self.what = what  # "instance 5", "endpoint 6"
        self.timeout = timeout
        self.poll_interval = poll_interval
        self.deadline = _retry.clock() + timeout
        self.last_state = "no answer yet"

    @property
    def _subject(self) -> str:
        return self.what[:1].upper() + self.what[1:]

    def transient(self, error: VastError) -> None:
        """A failure worth polling through (rate limit, server or network trouble)."""
        self.last_state = f"error: {error.message}"

    def instance_ready(self, instance: Instance, status: str) -> bool:
        """True once the instance's actual_status is `status`; WaitError on a state it will not leave."""
        actual = instance.actual_status if isinstance(instance.actual_status, str) else None
        intended = instance.intended_status if isinstance(instance.intended_status, str) else None
        self.last_state = f"actual_status={actual!r}, intended_status={intended!r}"
        want = normalise(status)
        if normalise(actual) == want:
            return True
        if normalise(intended) == "crashed" and want != "crashed":
            raise WaitError(f"{self._subject} crashed while waiting for {status!r}", last_state=self.last_state)
        if normalise(actual) in TERMINAL_INSTANCE_STATUSES:
            raise WaitError(f"{self._subject} is {actual!r} and will not become {status!r}", last_state=self.last_state)
        return False

    def workers_ready(self, workers: list[Worker], min_ready: int) -> bool:
        """True once `min_ready` workers are ready; WaitError when every worker has failed."""
        states = [worker_state(w) for w in workers]
        ready = states.count(State.READY)
        self.last_state = f"{ready} of {len(workers)} workers ready" + (
            f" ({', '.join(sorted({str(w.status) for w in workers}))})" if workers else ""
        )
        if ready >= min_ready:
            return True
        if workers and all(s is State.FAILED for s in states):
            raise WaitError(f"Every worker of {self.what} has failed", last_state=self.last_state)
        return False

    def next_sleep(self) -> float:
        """Seconds until the next poll; WaitTimeoutError, naming the last state seen, once time is up."""
        remaining = self.deadline - _retry.clock()
        if remaining <= 0:
            raise WaitTimeoutError(
                f"Timed out after {self.timeout:g} s waiting for {self.what}; last seen: {self.last_state}",
                last_state=self.last_state,
            )
        return min(self.poll_interval, remaining)
