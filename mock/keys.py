"""The key a request carries, read the ways Vast accepts it, and what cannot be a key."""

from __future__ import annotations

import re
from typing import Any

# A key is what Vast issues: printable ASCII without spaces. Anything else is a rejected key, never a crash.
KEY_SHAPE = re.compile(r"[\x21-\x7e]{1,512}")
BEARER = re.compile(r"(?i)bearer[ \t]+(\S+)[ \t]*")  # RFC 9110: the scheme is case-insensitive.


def read_key(authorization: bytes | None, body: Any) -> tuple[str | None, bool]:
    """(the key, whether it can be a key): from `Authorization: Bearer` (any case), else the body's api_key."""
    if authorization is not None:
        match = BEARER.fullmatch(authorization.decode("latin-1"))
        token = match.group(1) if match else None
        return (token, True) if token is not None and KEY_SHAPE.fullmatch(token) else (None, False)
    if isinstance(body, dict) and "api_key" in body:
        key = body["api_key"]
        return (key, True) if isinstance(key, str) and KEY_SHAPE.fullmatch(key) else (None, False)
    return None, False
