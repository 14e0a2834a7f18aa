"""When to retry, how long to wait, and the pacing a 429 teaches.

`sleep`, `async_sleep` and `clock` are module attributes so tests can replace them and
never really wait.
"""

from __future__ import annotations

import email.utils
import random
import re
import threading
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import httpx

from vast_wrapper._constants import INITIAL_RETRY_DELAY, JITTER, MAX_RETRY_DELAY, PACING_FACTOR, PACING_MARGIN

sleep: Callable[[float], None] = time.sleep
clock: Callable[[], float] = time.monotonic


async def async_sleep(seconds: float) -> None:
    """asyncio.sleep, imported on first use so the sync client never loads asyncio."""
    import asyncio  # noqa: PLC0415

    await asyncio.sleep(seconds)


async_sleeper: Callable[[float], Awaitable[None]] = async_sleep

# 429, the gateway errors, and Cloudflare's 520-527 pages: the request may succeed if sent again.
RETRY_STATUSES = frozenset({429, 502, 503, 504, *range(520, 528)})

_THRESHOLD = r"threshold\s*=\s*([0-9]+(?:\.[0-9]+)?)"


def is_retryable_error(exc: httpx.HTTPError) -> bool:
    """Timeouts, refused or dropped connections; not a bad URL or undecodable body."""
    return isinstance(exc, httpx.TimeoutException | httpx.NetworkError | httpx.RemoteProtocolError)


def backoff(attempt: int) -> float:
    """Exponential delay before retry number `attempt` (1-based), capped, with jitter."""
    delay = min(INITIAL_RETRY_DELAY * float(2 ** (attempt - 1)), MAX_RETRY_DELAY)
    return delay * (1 - JITTER * random.random())  # noqa: S311 - jitter, not cryptography.


def retry_after(response: httpx.Response) -> float | None:
    """Seconds from a Retry-After header (seconds or an HTTP date), or None."""
    value = response.headers.get("retry-after")
    if value is None:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def rate_limit_threshold(text: str) -> float | None:
    """Vast's minimum interval, from `... threshold=2.0` in a 429 body."""
    match = re.search(_THRESHOLD, text, re.IGNORECASE)  # re caches it: only 429s pay the compile.
    return float(match.group(1)) if match else None


class Pacer:
    """Spaces the calls to each endpoint by the interval a 429 taught, across threads and tasks.

    Reservations are handed out under a lock and waited for outside it, so one pacer serves
    threads of a sync client and tasks of an async one alike.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._interval: dict[str, float] = {}
        self._next_slot: dict[str, float] = {}

    def interval(self, endpoint: str) -> float | None:
        """The interval learnt for an endpoint, if any."""
        return self._interval.get(endpoint)

    def learn(self, endpoint: str, interval: float) -> None:
        """Remember that the server wants `interval` seconds between calls to `endpoint`."""
        spacing = interval * PACING_FACTOR + PACING_MARGIN
        with self._lock:
            self._interval[endpoint] = spacing
            self._next_slot[endpoint] = max(self._next_slot.get(endpoint, 0.0), clock() + spacing)

    def reserve(self, endpoint: str) -> float:
        """Take the next free slot for `endpoint`; returns how long to wait for it."""
        spacing = self._interval.get(endpoint)
        if spacing is None:
            return 0.0
        with self._lock:
            now = clock()
            slot = max(now, self._next_slot.get(endpoint, now))
            self._next_slot[endpoint] = slot + spacing
        return slot - now
