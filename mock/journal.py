"""The journal: what the app sent and what the mock answered, with every secret-looking value redacted.

Entries live in their key's world (mock/worlds.py). A test filters them (operation, id, method,
status, scope), counts them, and waits until a matching request has come.
"""

from __future__ import annotations

import json
import re
import time
import urllib.parse
from collections.abc import Iterable, Mapping
from typing import Any

REDACTED = "***"
# A name that says it holds a secret: Authorization, Cookie, X-Api-Key, api_key, access_token, password ...
SECRET_NAME = re.compile(r"auth|cookie|key|token|secret|passw|session|credential|signature", re.IGNORECASE)
# `name=value` or `"name": "value"` inside a body of any other type. A name starts where its word
# does, and its tail is never given back: else a long word is tried from each of its letters.
SECRET_IN_TEXT = re.compile(
    r"""(?<![\w.-])(?P<name>["']?[\w.-]*(?:auth|cookie|key|token|secret|passw|session|credential|signature)[\w.-]*+["']?)"""
    r"""(?P<sep>\s*[=:]\s*)(?P<value>(?:bearer|basic|token)\s+[^\s&,;}]+|"[^"]*"|'[^']*'|[^\s&,;}]+)""",
    re.IGNORECASE,
)
BEARER_IN_TEXT = re.compile(r"(?i)(bearer\s+)\S+")
TEXT_LIMIT = 2000  # Characters of a non-JSON body kept.
MIN_KEY_SCRUB = 4  # Shorter keys are not searched for in free text: they would blank ordinary words.


def redact_headers(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    return {name: (REDACTED if SECRET_NAME.search(name) else value) for name, value in headers}


def redact_query(query: str) -> str:
    pairs = urllib.parse.parse_qsl(query, keep_blank_values=True)
    return urllib.parse.urlencode([(k, REDACTED if SECRET_NAME.search(k) else v) for k, v in pairs], safe="*")


def redact_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: REDACTED if SECRET_NAME.search(str(k)) else redact_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [redact_json(v) for v in value]
    return value


def redact_text(text: str, content_type: str | None) -> str:
    if "x-www-form-urlencoded" in (content_type or ""):
        return redact_query(text)
    text = SECRET_IN_TEXT.sub(lambda m: f"{m['name']}{m['sep']}{REDACTED}", text)
    return BEARER_IN_TEXT.sub(lambda m: f"{m[1]}{REDACTED}", text)


def scrub(value: Any, secrets: Iterable[str]) -> Any:
    """The entry with each known secret's text removed wherever it still appears."""
    found = [s for s in secrets if len(s) >= MIN_KEY_SCRUB]
    if not found:
        return value
    if isinstance(value, str):
        for secret in found:
            value = value.replace(secret, REDACTED)
        return value
    if isinstance(value, dict):
        return {scrub(k, found): scrub(v, found) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub(v, found) for v in value]
    return value


def body_for_journal(raw: bytes, parsed: Any, is_json: bool, content_type: str | None) -> Any:
    if is_json:
        return redact_json(parsed)
    if not raw:
        return None
    return redact_text(raw[:TEXT_LIMIT].decode("utf-8", errors="replace"), content_type)


def answer_for_journal(status: int, headers: Mapping[str, str], content: bytes | None) -> dict[str, Any]:
    """What the mock answered: status, content type and body (JSON when it is JSON)."""
    content_type = headers.get("content-type", "")
    body: Any = None
    if content:
        text = content[:TEXT_LIMIT].decode("utf-8", errors="replace")
        body = text
        if "json" in content_type:
            try:
                body = json.loads(content)
            except (ValueError, RecursionError):
                body = text
    return {"status": status, "content_type": content_type or None, "body": body}


class Sequence:
    """Numbers entries across worlds, so a merged view keeps arrival order."""

    def __init__(self) -> None:
        self.last = 0

    def next(self) -> int:
        self.last += 1
        return self.last


def now() -> float:
    return round(time.time(), 3)


FILTERS = ("operation", "id", "method", "status", "scope", "since")


def filter_problem(params: Mapping[str, str]) -> str | None:
    """A one-line reason when a filter cannot be read."""
    unknown = sorted(set(params) - {*FILTERS, "timeout", "count"})
    if unknown:
        return f"Unknown filter {unknown[0]!r}; filters: {', '.join(FILTERS)}."
    for name in ("id", "status", "since", "count"):
        if name in params and not re.fullmatch(r"[0-9]{1,16}", params[name]):
            return f"Filter {name}={params[name]!r} is not a number."
    if "timeout" in params and not re.fullmatch(r"[0-9]{1,3}(\.[0-9]{1,3})?", params["timeout"]):
        return f"timeout={params['timeout']!r} is not a number of seconds (up to 999)."
    return None


def matches(entry: Mapping[str, Any], params: Mapping[str, str]) -> bool:
    """Whether an entry passes every filter given (read by filter_problem first)."""
    wanted: dict[str, Any] = {
        "operation": lambda: entry["operation"] == params["operation"],
        "id": lambda: entry["id"] == int(params["id"]),
        "method": lambda: entry["method"] == params["method"].upper(),
        "status": lambda: entry["answer"]["status"] == int(params["status"]),
        "scope": lambda: entry["scope"] == params["scope"],
        "since": lambda: entry["seq"] > int(params["since"]),
    }
    return all(bool(check()) for name, check in wanted.items() if name in params)
