"""Typed client for Vast.ai's instance and serverless-worker API.

from vast_wrapper import VastClient

with VastClient() as client:          # key from VAST_API_KEY
    instance = client.show_instance(123)
    workers = client.get_endpoint_workers(456)
"""

from vast_api.models import Instance, Worker

from vast_wrapper._client import AsyncVastClient, VastClient
from vast_wrapper._exceptions import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    InvalidInputError,
    NotFoundError,
    RateLimitError,
    ServerError,
    UnexpectedResponseError,
    VastError,
    WaitError,
    WaitTimeoutError,
)
from vast_wrapper._status import State, instance_state, worker_state

__version__ = "0.1.0"

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncVastClient",
    "AuthenticationError",
    "BadRequestError",
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
    "WaitTimeoutError",
    "Worker",
    "__version__",
    "instance_state",
    "worker_state",
]
