"""VastClient and AsyncVastClient: twins that send requests and sleep; `_base` decides the rest."""

from __future__ import annotations

import threading
from collections.abc import Callable
from types import TracebackType
from typing import Generic, Self, TypeVar

import httpx
from vast_api.models import Instance, Worker

from vast_wrapper import _retry
from vast_wrapper._base import (
    GET_AUTOGROUP_WORKERS,
    GET_ENDPOINT_WORKERS,
    NOT_GIVEN,
    SHOW_INSTANCE,
    TRANSIENT_ERRORS,
    ClientOptions,
    Host,
    Operation,
    Retry,
    TimeoutTypes,
    Waiter,
)
from vast_wrapper._constants import MAX_RETRIES, WAIT_POLL_INTERVAL, WAIT_TIMEOUT

T = TypeVar("T")
P = TypeVar("P", httpx.Client, httpx.AsyncClient)

_DOC = """

    Settings come from the arguments first, then from the environment:

    - ``api_key``: ``VAST_API_KEY``. Sent only as ``Authorization: Bearer``.
    - ``console_url``: ``VAST_CONSOLE_URL``, else ``VAST_BASE_URL``, else https://console.vast.ai.
    - ``run_url``: ``VAST_RUN_URL``, else ``VAST_BASE_URL``, else https://run.vast.ai.
    - ``base_url``: one URL for both hosts (the mock, a proxy); beaten by ``console_url``/``run_url``.

    ``timeout`` is seconds, an ``httpx.Timeout`` or None (default: 5 s to connect, 30 s to read);
    every call also takes ``timeout=``. ``max_retries`` (default 2) bounds the retries of 429,
    502-504, 520-527, timeouts and dropped connections. ``transport`` is an httpx transport
    (for tests: ``httpx.MockTransport``). Plain http is refused except to 127.0.0.1/localhost.
    Raises InvalidInputError, naming ``VAST_API_KEY``, when no key is found.
"""


def _tls(url: str) -> bool:
    """Verify certificates for https; plain http (loopback only) never does TLS, so skip loading them."""
    return url.startswith("https://")


class _BaseClient(Generic[P]):
    """What the twins share: resolved options, one keep-alive pool per host, a repr without the key."""

    def __init__(self, options: ClientOptions, make_pool: Callable[[str], P]) -> None:
        self._options = options
        self._make_pool: Callable[[str], P] = make_pool
        self._pools: dict[str, P] = {}  # By URL: a single base_url means a single pool for both hosts.
        self._lock = threading.Lock()

    def _pool(self, host: Host) -> P:
        """The keep-alive pool of a host, made on first use: a TLS setup costs tens of milliseconds."""
        url = self._options.urls()[host]
        pool = self._pools.get(url)
        if pool is None:
            with self._lock:
                pool = self._pools.get(url) or self._pools.setdefault(url, self._make_pool(url))
        return pool

    def __repr__(self) -> str:
        return self._options.describe(type(self).__name__)


class VastClient(_BaseClient[httpx.Client]):
    """Synchronous client of the Vast.ai API: `show_instance`, the worker lists, and waiters."""

    __doc__ = (__doc__ or "") + _DOC

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        console_url: str | None = None,
        run_url: str | None = None,
        timeout: TimeoutTypes = NOT_GIVEN,
        max_retries: int = MAX_RETRIES,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        options = ClientOptions(
            api_key=api_key,
            base_url=base_url,
            console_url=console_url,
            run_url=run_url,
            timeout=timeout,
            max_retries=max_retries,
        )
        super().__init__(
            options,
            lambda url: httpx.Client(
                base_url=url, headers=options.headers, timeout=options.timeout, transport=transport, verify=_tls(url)
            ),
        )

    def show_instance(self, id: int, *, timeout: TimeoutTypes = NOT_GIVEN) -> Instance:
        """The instance `id`. NotFoundError when it does not exist or is not yours."""
        return self._request(SHOW_INSTANCE, id, timeout)

    def get_endpoint_workers(self, id: int, *, timeout: TimeoutTypes = NOT_GIVEN) -> list[Worker]:
        """The workers of serverless endpoint `id` (an empty list if it has none)."""
        return self._request(GET_ENDPOINT_WORKERS, id, timeout)

    def get_autogroup_workers(self, id: int, *, timeout: TimeoutTypes = NOT_GIVEN) -> list[Worker]:
        """The workers of worker group `id` (an empty list if it has none)."""
        return self._request(GET_AUTOGROUP_WORKERS, id, timeout)

    def wait_for_instance(
        self,
        id: int,
        *,
        status: str = "running",
        timeout: float = WAIT_TIMEOUT,
        poll_interval: float = WAIT_POLL_INTERVAL,
    ) -> Instance:
        """Poll until the instance's actual_status is `status`; WaitError on exited/offline/crashed.

        Raises WaitTimeoutError, naming the last state seen, after `timeout` seconds.
        """
        waiter = Waiter(f"instance {id}", timeout, poll_interval)
        while True:
            try:
                instance = self.show_instance(id)
            except TRANSIENT_ERRORS as error:
                waiter.transient(error)
            else:
                if waiter.instance_ready(instance, status):
                    return instance
            _retry.sleep(waiter.next_sleep())

    def wait_for_workers(
        self,
        id: int,
        *,
        min_ready: int = 1,
        timeout: float = WAIT_TIMEOUT,
        poll_interval: float = WAIT_POLL_INTERVAL,
    ) -> list[Worker]:
        """Poll endpoint `id` until `min_ready` workers are ready; WaitError when all have failed."""
        waiter = Waiter(f"endpoint {id}", timeout, poll_interval)
        while True:
            try:
                workers = self.get_endpoint_workers(id)
            except TRANSIENT_ERRORS as error:
                waiter.transient(error)
            else:
                if waiter.workers_ready(workers, min_ready):
                    return workers
            _retry.sleep(waiter.next_sleep())

    def _request(self, op: Operation[T], ident: int, timeout: TimeoutTypes) -> T:
        call = self._options.call(op, ident, timeout)
        http = self._pool(op.host)
        while True:
            wait = call.before_attempt()
            if wait > 0:
                _retry.sleep(wait)
            try:
                response = http.request(**call.kwargs)
            except httpx.HTTPError as exc:
                step: T | Retry = call.failed(exc)
            else:
                step = call.answered(response)
            if not isinstance(step, Retry):
                return step
            if step.delay > 0:
                _retry.sleep(step.delay)

    def close(self) -> None:
        """Close the connection pools."""
        for http in self._pools.values():
            http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class AsyncVastClient(_BaseClient[httpx.AsyncClient]):
    """Asynchronous client of the Vast.ai API; the same calls as VastClient, awaited."""

    __doc__ = (__doc__ or "") + _DOC

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        console_url: str | None = None,
        run_url: str | None = None,
        timeout: TimeoutTypes = NOT_GIVEN,
        max_retries: int = MAX_RETRIES,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        options = ClientOptions(
            api_key=api_key,
            base_url=base_url,
            console_url=console_url,
            run_url=run_url,
            timeout=timeout,
            max_retries=max_retries,
        )
        super().__init__(
            options,
            lambda url: httpx.AsyncClient(
                base_url=url, headers=options.headers, timeout=options.timeout, transport=transport, verify=_tls(url)
            ),
        )

    async def show_instance(self, id: int, *, timeout: TimeoutTypes = NOT_GIVEN) -> Instance:
        """The instance `id`. NotFoundError when it does not exist or is not yours."""
        return await self._request(SHOW_INSTANCE, id, timeout)

    async def get_endpoint_workers(self, id: int, *, timeout: TimeoutTypes = NOT_GIVEN) -> list[Worker]:
        """The workers of serverless endpoint `id` (an empty list if it has none)."""
        return await self._request(GET_ENDPOINT_WORKERS, id, timeout)

    async def get_autogroup_workers(self, id: int, *, timeout: TimeoutTypes = NOT_GIVEN) -> list[Worker]:
        """The workers of worker group `id` (an empty list if it has none)."""
        return await self._request(GET_AUTOGROUP_WORKERS, id, timeout)

    async def wait_for_instance(
        self,
        id: int,
        *,
        status: str = "running",
        timeout: float = WAIT_TIMEOUT,
        poll_interval: float = WAIT_POLL_INTERVAL,
    ) -> Instance:
        """Poll until the instance's actual_status is `status`; WaitError on exited/offline/crashed.

        Raises WaitTimeoutError, naming the last state seen, after `timeout` seconds.
        """
        waiter = Waiter(f"instance {id}", timeout, poll_interval)
        while True:
            try:
                instance = await self.show_instance(id)
            except TRANSIENT_ERRORS as error:
                waiter.transient(error)
            else:
                if waiter.instance_ready(instance, status):
                    return instance
            await _retry.async_sleeper(waiter.next_sleep())

    async def wait_for_workers(
        self,
        id: int,
        *,
        min_ready: int = 1,
        timeout: float = WAIT_TIMEOUT,
        poll_interval: float = WAIT_POLL_INTERVAL,
    ) -> list[Worker]:
        """Poll endpoint `id` until `min_ready` workers are ready; WaitError when all have failed."""
        waiter = Waiter(f"endpoint {id}", timeout, poll_interval)
        while True:
            try:
                workers = await self.get_endpoint_workers(id)
            except TRANSIENT_ERRORS as error:
                waiter.transient(error)
            else:
                if waiter.workers_ready(workers, min_ready):
                    return workers
            await _retry.async_sleeper(waiter.next_sleep())

    async def _request(self, op: Operation[T], ident: int, timeout: TimeoutTypes) -> T:
        call = self._options.call(op, ident, timeout)
        http = self._pool(op.host)
        while True:
            wait = call.before_attempt()
            if wait > 0:
                await _retry.async_sleeper(wait)
            try:
                response = await http.request(**call.kwargs)
            except httpx.HTTPError as exc:
                step: T | Retry = call.failed(exc)
            else:
                step = call.answered(response)
            if not isinstance(step, Retry):
                return step
            if step.delay > 0:
                await _retry.async_sleeper(step.delay)

    async def aclose(self) -> None:
        """Close the connection pools."""
        for http in self._pools.values():
            await http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()
