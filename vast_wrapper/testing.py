"""Make the client instant in your own tests: retries, backoff, 429 pacing and waiters never really wait.

    from vast_wrapper import testing

    def test_my_job_survives_a_busy_api():
        with testing.instant() as clock:
            run_my_job()                    # VastClient/AsyncVastClient calls inside wait no real time
        assert clock.waits == [...]         # each wait the client made, in seconds
        assert clock.now < 60               # virtual seconds that passed

Everything else is unchanged: requests are sent, retries are counted, errors are raised as
usual. Only the waiting is virtual, so a waiter's `timeout=` runs out after its virtual polls.
For a whole test suite, enter it in an autouse fixture:

    @pytest.fixture(autouse=True)
    def instant_vast_client():
        with testing.instant() as clock:
            yield clock
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from vast_wrapper._clock import VirtualClock, use

__all__ = ["VirtualClock", "instant"]


@contextmanager
def instant(*, frozen: bool = False) -> Iterator[VirtualClock]:
    """Inside the block, every client wait returns at once and is recorded on the clock it yields.

    The switch covers every client in the process (sync and async, in any thread or task) and
    nests: leaving the block restores the time that was in force before it. `frozen=True` keeps
    the virtual clock still, so that each wait is measured from the same instant (threads
    queueing for 429 pacing slots, say).
    """
    clock = VirtualClock(frozen=frozen)
    previous = use(clock)
    try:
        yield clock
    finally:
        use(previous)
