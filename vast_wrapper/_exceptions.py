"""Every error a call can raise. Catch `VastError` to catch them all.

VastError
├── InvalidInputError          (a bad argument or setting; nothing was sent; also a ValueError)
├── APIConnectionError         (no answer: refused, reset, DNS, TLS)
│   └── APITimeoutError        (connect, read or write timed out)
├── UnexpectedResponseError    (an answer we cannot read: malformed JSON, HTML, a wrong top-level type)
├── APIStatusError             (the server said no: .status_code, .message, .body, .attempts)
│   ├── BadRequestError        (400)
│   ├── AuthenticationError    (401; also a 404 or a 200 whose body says the key is bad)
│   ├── NotFoundError          (404; also {"instances": null})
│   ├── RateLimitError         (429 after the retries; .retry_after in seconds)
│   └── ServerError            (5xx, Cloudflare's 520-527 pages included)
└── WaitError                  (a waiter saw a state it cannot leave: .last_state)
    └── WaitTimeoutError       (a waiter ran out of time: .last_state; also a TimeoutError)
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "InvalidInputError",
    "NotFoundError",
    "RateLimitError",
    "ServerError",
    "UnexpectedResponseError",
    "VastError",
    "WaitError",
    "WaitTimeoutError",
]


class VastError(Exception):
    """Base of every error this package raises."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInputError(VastError, ValueError):
    """A bad argument or setting, caught before any request was sent."""


class APIConnectionError(VastError):
    """The request got no answer: connection refused or reset, DNS or TLS failure."""

    def __init__(self, message: str, *, attempts: int = 1) -> None:
        super().__init__(message)
        self.attempts = attempts


class APITimeoutError(APIConnectionError):
    """The request timed out while connecting, sending or reading."""


class UnexpectedResponseError(VastError):
    """The server answered with something the spec does not allow: bad JSON, HTML, a wrong type."""

    def __init__(self, message: str, *, status_code: int, body: str, attempts: int = 1) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.body = body
        self.attempts = attempts


class APIStatusError(VastError):
    """The server answered with an error: a 4xx or 5xx status, or an error inside a 200."""

    def __init__(self, message: str, *, status_code: int, body: Any, attempts: int = 1) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.body = body
        self.attempts = attempts


class BadRequestError(APIStatusError):
    """400: an invalid id or invalid arguments."""


class AuthenticationError(APIStatusError):
    """The key is missing, invalid, revoked or expired (401, some 404s, some 200s)."""


class NotFoundError(APIStatusError):
    """404, or `{"instances": null}`: no such object, or not yours."""


class RateLimitError(APIStatusError):
    """429 after every retry: Vast wants `retry_after` seconds between calls to this endpoint."""

    def __init__(
        self, message: str, *, status_code: int, body: Any, attempts: int = 1, retry_after: float | None = None
    ) -> None:
        super().__init__(message, status_code=status_code, body=body, attempts=attempts)
        self.retry_after = retry_after


class ServerError(APIStatusError):
    """5xx: the server or its edge (Cloudflare 520-527) failed."""


class WaitError(VastError):
    """A waiter saw a state the object will not leave on its own (exited, crashed, failed)."""

    def __init__(self, message: str, *, last_state: str) -> None:
        super().__init__(message)
        self.last_state = last_state


class WaitTimeoutError(WaitError, TimeoutError):
    """A waiter ran out of time; `last_state` is what it saw last."""
