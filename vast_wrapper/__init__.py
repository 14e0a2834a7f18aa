"""Typed client for Vast.ai's instance and serverless-worker API.

from vast_wrapper import VastClient

with VastClient() as client:          # key from VAST_API_KEY
    instance = client.show_instance(123)
    workers = client.get_endpoint_workers(456)
"""

from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

from vast_wrapper._constants import MAX_ID
from vast_wrapper._exceptions import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ClientClosedError,
    InvalidInputError,
    NotFoundError,
    RateLimitError,
    ServerError,
    UnexpectedResponseError,
    VastError,
    WaitError,
    WaitTimeoutError,
)
from vast_wrapper._settings import check_url, is_loopback
from vast_wrapper._status import State, instance_state, worker_state

if _TYPE_CHECKING:
    from vast_api.models import Instance, Worker

    from vast_wrapper._client import AsyncVastClient, VastClient
    from vast_wrapper._waiters import WaitProgress

__version__ = "0.1.0"

# The clients and models load httpx, attrs and the generated package: only on first use, so
# `import vast_wrapper` stays cheap and the error tree is importable without them.
_LAZY = {
    "AsyncVastClient": "vast_wrapper._client",
    "VastClient": "vast_wrapper._client",
    "Instance": "vast_api.models",
    "Worker": "vast_api.models",
    "WaitProgress": "vast_wrapper._waiters",
}


def __getattr__(name: str) -> _Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'vast_wrapper' has no attribute {name!r}")
    import importlib  # noqa: PLC0415

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "MAX_ID",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncVastClient",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "Instance",
    "InvalidInputError",
    "NotFoundError",
    "RateLimitError",
    "ServerError",
    "State",
    "UnexpectedResponseError",
    "VastClient",
    "VastError",
    "WaitError",
    "WaitProgress",
    "WaitTimeoutError",
    "Worker",
    "__version__",
    "check_url",
    "instance_state",
    "is_loopback",
    "worker_state",
]
