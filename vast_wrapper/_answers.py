"""What the wrapper adds to the generated parser: trimmed addresses, and errors sent with HTTP 200.

The generated operations give a `Response` whose `parsed` is the documented model, with every
attribute of its annotated type (numbers sent as numeric strings already numbers), or None and
`problem` saying why. These readers turn that into an Instance, a list of Workers, or a VastError.
"""

from __future__ import annotations

import json
from typing import Any

from vast_api.models import Instance, InstanceEnvelope, Worker, WorkerError, WorkersEnvelope
from vast_api.types import Response

from vast_wrapper._exceptions import NotFoundError, error_for_status, is_error_body, unexpected

_ADDRESSES = ("public_ipaddr", "local_ipaddrs")
_IN_200 = " with an error in the body"


def decode(content: bytes) -> tuple[Any, bool]:
    """(the JSON body, True), or (the text, False) when it is not JSON, as 429s and edge pages often are not."""
    try:
        return json.loads(content), True
    except (ValueError, RecursionError):
        return content.decode("utf-8", errors="replace"), False


def read_instance(response: Response[Any], ident: int) -> Instance:
    """A 200 of show_instance as an Instance; `{"instances": null}` is NotFoundError; the rest raise."""
    envelope = response.parsed
    if isinstance(envelope, InstanceEnvelope):
        data = envelope.instances
        if isinstance(data, Instance):
            for name in _ADDRESSES:
                if isinstance(value := getattr(data, name), str):
                    setattr(data, name, value.strip())
            return data
        raise NotFoundError(f"Instance {ident} not found, or not yours.", status_code=200, body={"instances": None})
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
        raise unexpected(200, response.content, response.problem or "the instance does not fit the spec")
    raise unexpected(200, response.content, f"'instances' is {type(data).__name__}, not an object")


def read_workers(response: Response[Any]) -> list[Worker]:
    """A 200 of a worker route as Workers; an error sent with HTTP 200 raises, never an empty list."""
    parsed = response.parsed
    if isinstance(parsed, WorkersEnvelope):
        parsed = parsed.workers
    if isinstance(parsed, list):
        return parsed
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
            else response.problem or "a worker does not fit the spec"
        )
        raise unexpected(200, response.content, why)
    raise unexpected(200, response.content, f"expected a list of workers, got {type(items).__name__}")
