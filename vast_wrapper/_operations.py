"""The three operations: which host, which generated function, how to read a 200."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any, Generic, TypeVar

from vast_api.api.instances import show_instance
from vast_api.api.serverless import get_autogroup_workers, get_endpoint_workers
from vast_api.models import Instance, Worker, WorkersRequest
from vast_api.types import Response

from vast_wrapper._answers import read_instance, read_workers
from vast_wrapper._settings import Host

T = TypeVar("T")


class Operation(Generic[T]):
    """One API operation, sent through the generated module's public sync_detailed/asyncio_detailed."""

    __slots__ = ("arguments", "host", "module", "name", "read")

    def __init__(
        self,
        module: ModuleType,
        host: Host,
        arguments: Callable[[int], dict[str, Any]],
        read: Callable[[Response[Any], int], T],
    ) -> None:
        self.name: str = module.__name__.rsplit(".", 1)[1]
        self.module, self.host, self.arguments, self.read = module, host, arguments, read


def _workers_body(ident: int) -> dict[str, Any]:
    # The key travels in the Authorization header only, never in the body.
    return {"body": WorkersRequest(id=ident)}


SHOW_INSTANCE: Operation[Instance] = Operation(show_instance, "console", lambda ident: {"id": ident}, read_instance)
GET_ENDPOINT_WORKERS: Operation[list[Worker]] = Operation(
    get_endpoint_workers, "run", _workers_body, lambda response, _: read_workers(response)
)
GET_AUTOGROUP_WORKERS: Operation[list[Worker]] = Operation(
    get_autogroup_workers, "run", _workers_body, lambda response, _: read_workers(response)
)
