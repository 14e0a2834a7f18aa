"""Every error a call can raise, and the one ladder from an answer to its error. Catch `VastError`.

VastError
├── InvalidInputError          (a bad argument or setting; nothing was sent; also a ValueError)
├── ClientClosedError          (a call after close(); nothing was sent; also a RuntimeError)
├── APIConnectionError         (no answer: refused, reset, DNS, TLS)
│   └── APITimeoutError        (connect, read or write timed out)
├── UnexpectedResponseError    (an answer we cannot read: malformed JSON, HTML, a wrong top-level type)
├── APIStatusError             (the server said no: .status_code, .message, .body, .attempts)
│   ├── BadRequestError        (400)
│   ├── AuthenticationError    (401, 403; also a 404 or a 200 whose body says the key is bad)
│   ├── NotFoundError          (404; also {"instances": null})
│   ├── RateLimitError         (429 after the retries; .retry_after in seconds)
│   └── ServerError            (5xx, Cloudflare's 520-527 pages included)
└── WaitError                  (a waiter saw a state it cannot leave: .last_state)
    └── WaitTimeoutError       (a waiter ran out of time: .last_state; also a TimeoutError)
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from vast_wrapper._constants import MESSAGE_LIMIT

if TYPE_CHECKING:
    import httpx

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
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


class ClientClosedError(VastError, RuntimeError):
    """The client was closed: make a new one (or use it as a context manager) to call again."""


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
    """The key is missing, invalid, revoked or expired, or may not do this (401, 403, some 404s, some 200s)."""


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


# --- the ladder: from an answer to its error --------------------------------------------------

# Compiled on first use (functools.cache): most calls never need them.
_AUTH_WORDS = r"auth|api[ _-]?key|user key|log ?in|session expired|unauthori[sz]ed|forbidden"


@functools.cache
def _pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def clip(text: str) -> str:
    """One line of at most MESSAGE_LIMIT characters."""
    text = _pattern(r"\s+").sub(" ", text).strip()
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 1] + "…"


def message_of(body: Any) -> str:
    """The server's own words, from whichever field it used, or from a text or HTML body."""
    if isinstance(body, Mapping):
        for field in ("msg", "message", "error_msg", "detail", "error"):
            value = body.get(field)
            if value not in (None, "", [], {}):
                return clip(value if isinstance(value, str) else json.dumps(value))
        return ""
    if isinstance(body, str):
        title = _pattern(r"<title[^>]*>(.*?)</title>", re.I | re.S).search(body)
        if title:
            return clip(title.group(1))
        if "<html" in body[:512].lower():
            return "an HTML page"
        return clip(body)
    return ""


def is_error_body(body: Mapping[str, Any]) -> bool:
    """An object that reads as an error (Vast's fields for one), whatever the status."""
    return body.get("success") is False or any(k in body for k in ("error_msg", "error", "msg", "message", "detail"))


def _says_bad_key(body: Any, message: str) -> bool:
    code = body.get("error") if isinstance(body, Mapping) else None
    return code == "auth_error" or bool(_pattern(_AUTH_WORDS, re.I).search(message))


def error_for_status(status: int, body: Any, *, context: str = "") -> APIStatusError:
    """The one status-to-exception ladder; `body` is the decoded JSON or the text."""
    text = message_of(body)
    message = f"HTTP {status}{context}: {text}" if text else f"HTTP {status}{context}"
    cls: type[APIStatusError]
    if status == 400:
        cls = BadRequestError
    elif status in (401, 403) or (status in (200, 404) and _says_bad_key(body, text)):
        cls = AuthenticationError
    elif status == 404:
        cls = NotFoundError
    elif status == 429:
        cls = RateLimitError
    elif status >= 500:
        cls = ServerError
    else:
        cls = APIStatusError
    return cls(message, status_code=status, body=body)


def unexpected(status: int, content: bytes, why: str) -> UnexpectedResponseError:
    """An answer the spec does not allow, quoting at most MESSAGE_LIMIT characters of it."""
    return UnexpectedResponseError(
        f"Unexpected answer (HTTP {status}): {why}",
        status_code=status,
        body=clip(content[: MESSAGE_LIMIT * 4].decode("utf-8", errors="replace")),
    )


def from_transport_error(exc: httpx.HTTPError, what: str, attempts: int) -> VastError:
    """The one place httpx's exceptions become ours; `what` names the operation and host."""
    import httpx  # noqa: PLC0415 - `import vast_wrapper` loads the error tree without httpx.

    what = f"{what} after {attempts} attempt{'s' if attempts > 1 else ''}"
    detail = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"Timed out: {what}: {type(exc).__name__}", attempts=attempts)
    if isinstance(exc, httpx.DecodingError):
        return UnexpectedResponseError(f"Could not decode the answer to {what}: {detail}", status_code=0, body="")
    return APIConnectionError(f"Could not reach the server: {what}: {type(exc).__name__}: {detail}", attempts=attempts)


def redact(value: Any, secret: str) -> Any:
    """`value` with every occurrence of `secret` in its strings replaced by ***."""
    if isinstance(value, str):
        return value.replace(secret, "***")
    if isinstance(value, list):
        return [redact(v, secret) for v in value]
    if isinstance(value, dict):
        return {redact(k, secret): redact(v, secret) for k, v in value.items()}
    return value


def finish(error: VastError, *, attempts: int, secret: str) -> VastError:
    """Count the attempts into the error and blank out the key, should the server have echoed it."""
    if isinstance(error, APIStatusError | UnexpectedResponseError | APIConnectionError):
        error.attempts = attempts
    if isinstance(error, APIStatusError | UnexpectedResponseError):
        error.body = redact(error.body, secret)
    error.message = redact(error.message, secret)
    error.args = (error.message,)
    return error
