"""One call, attempt by attempt: when to retry, how long to wait, and what a 429 teaches the pacer.

Every wait goes through `sleep`, `async_sleeper` and `clock`, looked up here at call time
(`_retry.sleep(...)`): they are `_clock`'s, which `vast_wrapper.testing.instant()` makes instant.
No wait a server asks for is longer than MAX_RETRY_AFTER (see _constants).
"""

from __future__ import annotations

import email.utils
import logging
import random
import re
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import httpx
from vast_api.types import Response

from vast_wrapper import _clock
from vast_wrapper._answers import decode
from vast_wrapper._constants import (
    INITIAL_RETRY_DELAY,
    JITTER,
    MAX_RETRY_AFTER,
    MAX_RETRY_DELAY,
)
from vast_wrapper._exceptions import (
    RateLimitError,
    VastError,
    error_for_status,
    finish,
    from_transport_error,
    message_of,
    unexpected,
)
from vast_wrapper._operations import Operation

if TYPE_CHECKING:
    from vast_wrapper._pacing import Pacer

logger = logging.getLogger("vast_wrapper")
T = TypeVar("T")

sleep: Callable[[float], None] = _clock.sleep
clock: Callable[[], float] = _clock.now
async_sleeper: Callable[[float], Awaitable[None]] = _clock.async_sleep

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


def retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds from a Retry-After header (seconds or an HTTP date), or None."""
    value = headers.get("retry-after")
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


def _beyond_cap(seconds: float | None) -> bool:
    """True for a wait the server asked for that is longer than the client ever sleeps."""
    return seconds is not None and not seconds <= MAX_RETRY_AFTER


def _too_long(seconds: float | None) -> str:
    """What an error says about a wait it would not make ("" when it made none)."""
    if seconds is None:
        return ""
    return f" (the server asked to wait {seconds:g} s; the client waits at most {MAX_RETRY_AFTER:g} s)"


class Retry:
    """Send the request again after `delay` seconds."""

    __slots__ = ("delay",)

    def __init__(self, delay: float) -> None:
        self.delay = delay


class Call(Generic[T]):
    """The state of one call across its attempts; every decision about it is made here."""

    def __init__(
        self, op: Operation[T], ident: int, *, max_retries: int, pacer: Pacer, endpoint: str, secret: str
    ) -> None:
        self.op = op
        self.ident = ident
        self.max_retries = max_retries
        self.pacer = pacer
        self.endpoint = endpoint  # What the pacer spaces: the operation on its host.
        self._secret = secret
        self.attempts = 0
        self._started = 0.0

    def before_attempt(self) -> float:
        """Count the attempt; returns the seconds to wait for the endpoint's pacing slot."""
        return self._attempt(self.pacer.reserve(self.endpoint))

    async def before_attempt_async(self) -> float:
        """`before_attempt` for tasks: a shared pacing store is awaited, not waited on."""
        return self._attempt(await self.pacer.areserve(self.endpoint))

    def _attempt(self, wait: float) -> float:
        self.attempts += 1
        self._started = clock() + wait
        return wait

    def answered(self, response: Response[Any]) -> T | Retry:
        """The value, or a Retry; raises the mapped error."""
        status = int(response.status_code)
        self._log(status)
        try:
            if status == 200:
                return self.op.read(response, self.ident)
            body, _ = decode(response.content)
            if status == 429:
                return self._rate_limited(response, body)
            if status in RETRY_STATUSES and self.attempts <= self.max_retries:
                wait = retry_after(response.headers)
                if not _beyond_cap(wait):
                    return self._retry(wait or backoff(self.attempts), f"HTTP {status}")
                raise error_for_status(status, body, context=_too_long(wait))
            if 200 < status < 300:
                raise unexpected(status, response.content, "a success status the API does not use")
            raise error_for_status(status, body)
        except VastError as error:
            raise finish(error, attempts=self.attempts, secret=self._secret) from None

    def _rate_limited(self, response: Response[Any], body: Any) -> Retry:
        threshold = rate_limit_threshold(message_of(body))
        wait = retry_after(response.headers)
        too_long = wait if _beyond_cap(wait) else threshold if _beyond_cap(threshold) else None
        if threshold is not None and too_long is None:
            self.pacer.learn(self.endpoint, threshold)
        if self.attempts <= self.max_retries and too_long is None:
            # With a threshold learnt, the pacer's slot is the wait; else back off.
            delay = wait if wait is not None else (0.0 if threshold is not None else backoff(self.attempts))
            return self._retry(delay, "HTTP 429 rate limited")
        error = error_for_status(429, body, context=_too_long(too_long))
        assert isinstance(error, RateLimitError)
        error.retry_after = too_long if too_long is not None else wait if wait is not None else threshold
        raise error

    def failed(self, exc: httpx.HTTPError) -> Retry:
        """A Retry after a transport failure, or the mapped error once retries are spent."""
        self._log(type(exc).__name__)
        if is_retryable_error(exc) and self.attempts <= self.max_retries:
            return self._retry(backoff(self.attempts), type(exc).__name__)
        error = from_transport_error(exc, f"{self.op.name} ({self.op.host} host)", self.attempts)
        raise finish(error, attempts=self.attempts, secret=self._secret) from None

    def _retry(self, delay: float, reason: str) -> Retry:
        logger.debug("retrying %s in %.2f s (%s)", self.op.name, delay, reason)
        return Retry(delay)

    def _log(self, outcome: object) -> None:
        if logger.isEnabledFor(logging.DEBUG):
            elapsed = (clock() - self._started) * 1000
            name, ident, attempt = self.op.name, self.ident, self.attempts
            logger.debug("%s %d -> %s (attempt %d, %.1f ms)", name, ident, outcome, attempt, elapsed)
