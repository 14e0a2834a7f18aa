"""Settings from arguments and the environment, checked before anything is sent."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from urllib.parse import urlsplit

from vast_wrapper._constants import (
    CONSOLE_URL,
    ENV_API_KEY,
    ENV_BASE_URL,
    ENV_CONSOLE_URL,
    ENV_RUN_URL,
    MAX_ID,
    RUN_URL,
)
from vast_wrapper._exceptions import InvalidInputError


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


def check_id(value: object, what: str = "id") -> int:
    """A positive integer id within the API's range, or a clear error."""
    # bool is an int in Python, but True is no id.
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(f"The {what} must be an integer, not {type(value).__name__}.")
    if not 1 <= value <= MAX_ID:
        raise InvalidInputError(f"The {what} must be between 1 and {MAX_ID}, not {value}.")
    return value
