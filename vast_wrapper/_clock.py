"""The clock and the sleeps that every wait of the client goes through: real time, or the
virtual time of `vast_wrapper.testing.instant()`.

The switch is process-wide, not per thread or task: a test's clients may wait in threads it starts.
"""

from __future__ import annotations

import threading
import time


class VirtualClock:
    """Time as the client sees it inside `testing.instant()`: every wait returns at once and is recorded.

    `waits` lists the seconds of every wait the client made (backoff, Retry-After, 429 pacing,
    a waiter's polls), in order. `now` is the virtual time, in seconds since the block began:
    each wait moves it on, unless the clock is `frozen`.
    """

    def __init__(self, *, frozen: bool = False) -> None:
        self.waits: list[float] = []
        self.frozen = frozen
        self._now = 0.0
        self._lock = threading.Lock()

    @property
    def now(self) -> float:
        """Seconds of virtual time since the block began."""
        return self._now

    def wait(self, seconds: float) -> None:
        """Record a wait, and move the clock on by it unless it is frozen."""
        with self._lock:
            self.waits.append(seconds)
            if not self.frozen:
                self._now += seconds

    def __repr__(self) -> str:
        return f"VirtualClock(now={self._now:g}, waits={len(self.waits)}, frozen={self.frozen})"


_virtual: VirtualClock | None = None
_switch = threading.Lock()


def use(virtual: VirtualClock | None) -> VirtualClock | None:
    """Make `virtual` the client's time (None: real time); returns the one it replaces."""
    global _virtual  # Process-wide on purpose: see the module docstring.
    with _switch:
        previous, _virtual = _virtual, virtual
    return previous


def virtual() -> VirtualClock | None:
    """The virtual clock of the testing.instant() block in force, if any."""
    return _virtual


def now() -> float:
    """Seconds on a monotonic clock: the real one, or the virtual one under testing.instant()."""
    virtual = _virtual
    return time.monotonic() if virtual is None else virtual.now


def sleep(seconds: float) -> None:
    """Block for `seconds`, or only record the wait under testing.instant()."""
    virtual = _virtual
    if virtual is None:
        time.sleep(seconds)
    else:
        virtual.wait(seconds)


async def async_sleep(seconds: float) -> None:
    """asyncio.sleep (imported on first use: the sync client never loads asyncio), or a recorded wait."""
    virtual = _virtual
    if virtual is None:
        import asyncio  # noqa: PLC0415

        await asyncio.sleep(seconds)
    else:
        # No yield: the task goes on at once, so concurrent tasks see the clock move in slot order.
        virtual.wait(seconds)
