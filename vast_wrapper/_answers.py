"""What the wrapper adds to the generated parser: numbers, trimmed addresses, errors sent with HTTP 200.

The generated operations give a `Response` whose `parsed` is the documented model, or None when
the body does not fit. These readers turn that into an Instance, a list of Workers, or a VastError.
"""

from __future__ import annotations

import functools
import json
import operator
import re
from collections.abc import Callable
from typing import Any, TypeVar

import attrs
from vast_api.models import Instance, InstanceEnvelope, Worker, WorkerError, WorkersEnvelope
from vast_api.types import Response

from vast_wrapper._exceptions import NotFoundError, error_for_status, is_error_body, unexpected

M = TypeVar("M", Instance, Worker)

# The spec's pattern for numbers sent as strings; "nan" or "inf" stay strings.
_NUMERIC = re.compile(r"[ \t\r\n]*-?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?[ \t\r\n]*")
_ADDRESSES = ("public_ipaddr", "local_ipaddrs")
_IN_200 = " with an error in the body"


def decode(content: bytes) -> tuple[Any, bool]:
    """(the JSON body, True), or (the text, False) when it is not JSON, as 429s and edge pages often are not."""
    try:
        return json.loads(content), True
    except (ValueError, RecursionError):
        return content.decode("utf-8", errors="replace"), False


def number(value: str) -> Any:
    """A numeric string ("0.75", "100") as a number; anything else as sent."""
    # The forms the server uses, checked in C; the spec's full pattern only for the rest.
    plain = value.isascii() and value.replace(".", "", 1).isdigit()
    if not plain and _NUMERIC.fullmatch(value) is None:
        return value
    try:
        return float(value) if "." in value or "e" in value or "E" in value else int(value)
    except ValueError:  # An integer string too long for int() stays a string.
        return value


@functools.cache
def _numeric_fields(model: str) -> tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]:
    """A generated model's fields whose type admits a number, and one getter of them all; read once."""
    cls = {"Instance": Instance, "Worker": Worker}[model]
    names = tuple(f.name for f in attrs.fields(cls) if re.search(r"\b(float|int)\b", str(f.type)))
    return names, operator.attrgetter(*names)


def with_numbers(objects: list[M]) -> list[M]:
    """`objects` with their numeric strings made numbers, in place."""
    if not objects:
        return objects
    names, values_of = _numeric_fields(type(objects[0]).__name__)
    for obj in objects:
        values = values_of(obj)
        # One C-level pass finds the rare object with a string among its numbers.
        if str in map(type, values):
            for name, value in zip(names, values, strict=True):
                if value.__class__ is str:
                    setattr(obj, name, number(value))
    return objects


def read_instance(response: Response[Any], ident: int) -> Instance:
    """A 200 of show_instance as an Instance; `{"instances": null}` is NotFoundError; the rest raise."""
    envelope = response.parsed
    if isinstance(envelope, InstanceEnvelope):
        data = envelope.instances
        if isinstance(data, Instance):
            for name in _ADDRESSES:
                if isinstance(value := getattr(data, name), str):
                    setattr(data, name, value.strip())
            return with_numbers([data])[0]
        if data is None:
            raise NotFoundError(f"Instance {ident} not found, or not yours.", status_code=200, body={"instances": None})
        raise unexpected(200, response.content, f"'instances' is {type(data).__name__}, not an object")
    body, is_json = decode(response.content)
    if not is_json:
        raise unexpected(200, response.content, "the body is not JSON")
    if not isinstance(body, dict):
        raise unexpected(200, response.content, f"expected a JSON object, got {type(body).__name__}")
    if "instances" not in body:
        if is_error_body(body):
            raise error_for_status(200, body, context=_IN_200)
        raise unexpected(200, response.content, "no 'instances' field")
    data = body["instances"]
    if isinstance(data, dict):
        raise unexpected(200, response.content, "the instance has a field of a type the spec does not allow")
    raise unexpected(200, response.content, f"'instances' is {type(data).__name__}, not an object")


def read_workers(response: Response[Any]) -> list[Worker]:
    """A 200 of a worker route as Workers; an error sent with HTTP 200 raises, never an empty list."""
    parsed = response.parsed
    if isinstance(parsed, WorkersEnvelope):
        parsed = parsed.workers
    if isinstance(parsed, list):
        return with_numbers(parsed)
    if isinstance(parsed, WorkerError):
        raise error_for_status(200, parsed.to_dict(), context=_IN_200)
    if isinstance(parsed, str):
        raise error_for_status(200, parsed, context=_IN_200)
    body, is_json = decode(response.content)
    if not is_json:
        raise unexpected(200, response.content, "the body is not JSON")
    if isinstance(body, dict) and is_error_body(body):
        raise error_for_status(200, body, context=_IN_200)
    items = body["workers"] if isinstance(body, dict) and "workers" in body else body
    if isinstance(items, list):
        kinds = {type(item).__name__ for item in items if not isinstance(item, dict)}
        why = (
            f"a worker is {', '.join(sorted(kinds))}, not an object"
            if kinds
            else "a worker has a field of a wrong type"
        )
        raise unexpected(200, response.content, why)
    raise unexpected(200, response.content, f"expected a list of workers, got {type(items).__name__}")
