"""Waiting for an instance or for workers: when a wait is over, failed, or goes on, and how long to sleep.

An instance wait compares `actual_status`, trimmed and in any case, with the status asked for (any
status, not one of instance_state()'s five); it fails at once on `exited`, `offline` or `unknown`,
or when `intended_status` is `crashed` unless `crashed` is what it waits for. A workers wait counts
the workers worker_state() calls READY, and fails once every worker is FAILED. Rate limits, server
errors and network failures are polled through (TRANSIENT_ERRORS); any other error ends the wait.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NoReturn

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

NO_ANSWER = "no answer yet"


@dataclass(frozen=True, slots=True)
class WaitProgress:
    """One poll of a wait, as the waiters' `on_progress` callback receives it.

    - `what`: what is waited for: "instance 7003", "endpoint 5", "worker group 9".
    - `state`: the last state an answer showed: "loading", "1 of 2 ready (READY, loading)".
    - `changed`: `state` differs from the one reported before (True for the first answer).
    - `elapsed`: seconds since the wait began.
    - `next_poll`: seconds until the next poll; None once the wait is over (ready, failed or timed out).
    - `ready`: the wait succeeded with this poll.
    - `polls`: polls so far, this one included.
    - `error`: this poll's rate limit, server or network failure, polled through; else None.
    - `pacing`: seconds between calls a 429 asked for, while calls are spaced by it; else None.
    """

    what: str
    state: str
    changed: bool
    elapsed: float
    next_poll: float | None
    ready: bool
    polls: int
    error: str | None = None
    pacing: float | None = None


ProgressCallback = Callable[[WaitProgress], None]


class Waiter:
    """Decides, poll after poll, whether a wait is over, failed, or goes on; and for how long to sleep.

    Every poll is reported to `on_progress` (if given): with `next_poll` while the wait goes on,
    without it once the wait is over, just before the waiter returns or raises.
    """

    def __init__(
        self,
        what: str,
        timeout: float,
        poll_interval: float,
        on_progress: ProgressCallback | None = None,
        pacing: Callable[[], float | None] | None = None,
    ) -> None:
        if timeout < 0 or poll_interval <= 0:
            raise InvalidInputError("timeout must be 0 or more and poll_interval more than 0 seconds.")
        self.what = what  # "instance 5", "endpoint 6"
        self.timeout = timeout
        self.poll_interval = poll_interval
        self.started = _retry.clock()
        self.deadline = self.started + timeout
        self.last_state = NO_ANSWER  # for error messages: every field that decided
        self.state = NO_ANSWER  # for progress: short, as a person reads it
        self.polls = 0
        self._on_progress = on_progress
        self._pacing = pacing
        self._error: str | None = None
        self._reported = NO_ANSWER

    @property
    def _subject(self) -> str:
        return self.what[:1].upper() + self.what[1:]

    def transient(self, error: VastError) -> None:
        """A failure worth polling through (rate limit, server or network trouble)."""
        self.polls += 1
        self.last_state = f"error: {error.message}"
        self._error = error.message

    def instance_ready(self, instance: Instance, status: str) -> bool:
        """True once the instance's actual_status is `status`; WaitError on a state it will not leave."""
        actual = instance.actual_status if isinstance(instance.actual_status, str) else None
        intended = instance.intended_status if isinstance(instance.intended_status, str) else None
        self._answered(
            f"actual_status={actual!r}, intended_status={intended!r}",
            (actual.strip() if actual and actual.strip() else "no status yet")
            + (" (intended crashed)" if normalise(intended) == "crashed" else ""),
        )
        want = normalise(status)
        if normalise(actual) == want:
            self._report(None, ready=True)
            return True
        if normalise(intended) == "crashed" and want != "crashed":
            self._fail(f"{self._subject} crashed while waiting for {status!r}")
        if normalise(actual) in TERMINAL_INSTANCE_STATUSES:
            self._fail(f"{self._subject} is {actual!r} and will not become {status!r}")
        return False

    def workers_ready(self, workers: list[Worker], min_ready: int) -> bool:
        """True once `min_ready` workers are ready; WaitError when every worker has failed."""
        states = [worker_state(w) for w in workers]
        ready = states.count(State.READY)
        statuses = f" ({', '.join(sorted({str(w.status) for w in workers}))})" if workers else ""
        self._answered(
            f"{ready} of {len(workers)} workers ready{statuses}", f"{ready} of {len(workers)} ready{statuses}"
        )
        if ready >= min_ready:
            self._report(None, ready=True)
            return True
        if workers and all(s is State.FAILED for s in states):
            self._fail(f"Every worker of {self.what} has failed")
        return False

    def next_sleep(self) -> float:
        """Seconds until the next poll; WaitTimeoutError, naming the last state seen, once time is up."""
        remaining = self.deadline - _retry.clock()
        if remaining <= 0:
            self._report(None)
            raise WaitTimeoutError(
                f"Timed out after {self.timeout:g} s waiting for {self.what}; last seen: {self.last_state}",
                last_state=self.last_state,
            )
        delay = min(self.poll_interval, remaining)
        self._report(delay)
        return delay

    def _answered(self, last_state: str, state: str) -> None:
        self.polls += 1
        self.last_state, self.state, self._error = last_state, state, None

    def _fail(self, message: str) -> NoReturn:
        self._report(None)
        raise WaitError(message, last_state=self.last_state)

    def _report(self, next_poll: float | None, *, ready: bool = False) -> None:
        if self._on_progress is None:
            return
        pacing = self._pacing() if self._pacing is not None else None
        if next_poll is not None and pacing is not None:
            next_poll = max(next_poll, pacing)  # the call then waits for its paced slot
        changed, self._reported = self.state != self._reported, self.state
        self._on_progress(
            WaitProgress(
                what=self.what,
                state=self.state,
                changed=changed,
                elapsed=_retry.clock() - self.started,
                next_poll=next_poll,
                ready=ready,
                polls=self.polls,
                error=self._error,
                pacing=pacing,
            )
        )
