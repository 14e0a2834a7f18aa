"""Settings from arguments and the environment, checked before anything is sent."""

from __future__ import annotations

import enum
import ipaddress
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final, Literal
from urllib.parse import urlsplit

from vast_wrapper._constants import (
    CONNECT_TIMEOUT,
    CONSOLE_URL,
    ENV_API_KEY,
    ENV_BASE_URL,
    ENV_CONSOLE_URL,
    ENV_PACING_URL,
    ENV_RUN_URL,
    MAX_ID,
    READ_TIMEOUT,
    RUN_URL,
)
from vast_wrapper._exceptions import InvalidInputError

if TYPE_CHECKING:
    import httpx

Host = Literal["console", "run"]


class NotGiven(enum.Enum):
    """The type of NOT_GIVEN: a per-call option the caller left out (None is a valid timeout: no limit)."""

    NOT_GIVEN = "NOT_GIVEN"

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven.NOT_GIVEN


def resolve_api_key(api_key: str | None, environ: Mapping[str, str] = os.environ) -> str:
    """The key from the argument or VAST_API_KEY; an error that never quotes it when it is unusable."""
    key = api_key if api_key is not None else environ.get(ENV_API_KEY)
    if not key:
        raise InvalidInputError(f"No API key: pass api_key=... or set {ENV_API_KEY}.")
    if any(c.isspace() for c in key):
        raise InvalidInputError("The API key contains whitespace or a newline; check how it was copied.")
    if not key.isprintable() or not key.isascii():
        raise InvalidInputError("The API key contains characters that cannot go in an HTTP header.")
    return key


def resolve_urls(
    base_url: str | None,
    console_url: str | None,
    run_url: str | None,
    environ: Mapping[str, str] = os.environ,
) -> tuple[str, str]:
    """(console, run) URLs: explicit arguments first, then VAST_CONSOLE_URL/VAST_RUN_URL, then VAST_BASE_URL."""
    # An empty variable counts as unset, as in shells; an empty argument is a mistake to report.
    env_base = environ.get(ENV_BASE_URL) or None
    console = _first(console_url, base_url, environ.get(ENV_CONSOLE_URL) or None, env_base, CONSOLE_URL)
    run = _first(run_url, base_url, environ.get(ENV_RUN_URL) or None, env_base, RUN_URL)
    return check_url(console, "console URL"), check_url(run, "run URL")


def _first(*values: str | None) -> str:
    return next(v for v in values if v is not None)


def check_url(url: str, what: str) -> str:
    """A usable http(s) URL without a trailing slash; plain http only to this machine."""
    cleaned = url.strip().rstrip("/")
    try:
        parts = urlsplit(cleaned)
        host = parts.hostname
        _ = parts.port  # Raises ValueError for a port that is not a number.
    except ValueError:
        raise InvalidInputError(f"The {what} {url!r} is not a valid URL.") from None
    if parts.scheme not in ("http", "https") or not host:
        raise InvalidInputError(f"The {what} {url!r} must look like https://host[:port].")
    if parts.username or parts.password or parts.query or parts.fragment:
        raise InvalidInputError(f"The {what} must not carry credentials, a query or a fragment.")
    if parts.scheme == "http" and not is_loopback(host):
        raise InvalidInputError(
            f"Refusing to send the API key over plain http to {host}; use https (http is for 127.0.0.1 only)."
        )
    return cleaned


def is_loopback(host: str) -> bool:
    """True for localhost, 127.0.0.0/8 and ::1."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def resolve_pacing_url(url: str | None, environ: Mapping[str, str] = os.environ) -> str | None:
    """Where pacing is shared: the argument, else VAST_PACING_URL; None is the default file on this machine.

    redis:// or rediss:// (across machines), sqlite:///path (one file), memory:// (this process only).
    Messages never quote the URL: it may carry a Redis password.
    """
    value = url if url is not None else (environ.get(ENV_PACING_URL) or None)
    if value is None:
        return None
    where = "pacing_url" if url is not None else ENV_PACING_URL
    value = value.strip()
    try:
        parts = urlsplit(value)
        _ = parts.port  # Raises ValueError for a port that is not a number.
    except ValueError:
        raise InvalidInputError(f"{where} is not a valid URL.") from None
    if parts.scheme == "memory":
        return "memory://"
    if parts.scheme == "sqlite":
        if parts.netloc or not parts.path.startswith("/"):
            raise InvalidInputError(f"{where} must name an absolute file: sqlite:///path/to/pacing.sqlite3.")
        return value
    if parts.scheme in ("redis", "rediss"):
        if not parts.hostname:
            raise InvalidInputError(f"{where} must name a Redis host: redis://host:port/db.")
        import importlib.util  # noqa: PLC0415

        if importlib.util.find_spec("redis") is None:
            raise InvalidInputError(f'{where} names Redis, which needs the extra: pip install "vast-wrapper[redis]".')
        return value
    raise InvalidInputError(f"{where} must start with redis://, rediss://, sqlite:/// or memory://.")


def check_id(value: object, what: str = "id") -> int:
    """A positive integer id within the API's range, or a clear error."""
    # bool is an int in Python, but True is no id.
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(f"The {what} must be an integer, not {type(value).__name__}.")
    if not 1 <= value <= MAX_ID:
        raise InvalidInputError(f"The {what} must be between 1 and {MAX_ID}, not {value}.")
    return value


def as_timeout(value: float | httpx.Timeout | NotGiven | None) -> httpx.Timeout:
    """An httpx.Timeout from seconds, None (no limit) or NOT_GIVEN (5 s to connect, 30 s for the rest)."""
    import httpx  # noqa: PLC0415 - settings are importable without httpx.

    if value is NOT_GIVEN:
        return httpx.Timeout(READ_TIMEOUT, connect=CONNECT_TIMEOUT)
    if isinstance(value, httpx.Timeout) or value is None:
        return httpx.Timeout(value)
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise InvalidInputError(f"timeout must be a number of seconds above 0 (or None), not {value!r}.")
    return httpx.Timeout(float(value))


def check_max_retries(value: object) -> int:
    """A whole number of retries, 0 or more."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInputError("max_retries must be a whole number, 0 or more.")
    return value


class Settings:
    """A client's resolved settings; holds the key only to hand it to the HTTP layer, never shows it."""

    def __init__(
        self,
        *,
        api_key: str | None,
        base_url: str | None,
        console_url: str | None,
        run_url: str | None,
        timeout: float | httpx.Timeout | NotGiven | None,
        max_retries: int,
        pacing_url: str | None = None,
    ) -> None:
        self.max_retries = check_max_retries(max_retries)
        self.pacing_url = resolve_pacing_url(pacing_url)
        self.console_url, self.run_url = resolve_urls(base_url, console_url, run_url)
        self.secret = resolve_api_key(api_key)
        self.timeout = as_timeout(timeout)

    def url(self, host: Host) -> str:
        return self.console_url if host == "console" else self.run_url

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.secret}", "Accept": "application/json", "User-Agent": "vast-wrapper"}

    def describe(self, cls: str) -> str:
        return f"{cls}(console_url={self.console_url!r}, run_url={self.run_url!r}, max_retries={self.max_retries})"
