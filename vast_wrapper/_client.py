"""VastClient and AsyncVastClient: twins that send through the generated operations and sleep.

Every decision about a call is made in `_retry.Call`; reading answers in `_answers`.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Generic, Self, TypeVar

import httpx
from vast_api import AuthenticatedClient
from vast_api.models import Instance, Worker

from vast_wrapper import _pacing, _retry
from vast_wrapper._constants import MAX_RETRIES, WAIT_POLL_INTERVAL, WAIT_TIMEOUT
from vast_wrapper._exceptions import ClientClosedError
from vast_wrapper._operations import GET_AUTOGROUP_WORKERS, GET_ENDPOINT_WORKERS, SHOW_INSTANCE, Operation
from vast_wrapper._retry import Call, Retry
from vast_wrapper._settings import NOT_GIVEN, Host, NotGiven, Settings, as_timeout, check_id
from vast_wrapper._waiters import TRANSIENT_ERRORS, ProgressCallback, Waiter

T = TypeVar("T")
P = TypeVar("P", httpx.Client, httpx.AsyncClient)
TimeoutTypes = float | httpx.Timeout | None | NotGiven

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
    ``pacing_url``: ``VAST_PACING_URL``, else a file in the user's runtime or cache directory. The
    intervals a 429 teaches are shared by every client of the same key in this process and in every
    process of this machine; ``redis://host:port/db`` (``pip install "vast-wrapper[redis]"``) shares
    them across machines, ``memory://`` keeps them in this process.
    Raises InvalidInputError, naming ``VAST_API_KEY``, when no key is found.
    After ``close()``, every call raises ClientClosedError.
"""

# A call's own timeout= rides in a context variable to the pool's request hook: the generated
# operations take no timeout, and a context variable is per thread and per task.
_call_timeout: contextvars.ContextVar[dict[str, float | None] | None] = contextvars.ContextVar(
    "vast_call_timeout", default=None
)


def _apply_call_timeout(request: httpx.Request) -> None:
    timeout = _call_timeout.get()
    if timeout is not None:
        request.extensions["timeout"] = timeout


async def _apply_call_timeout_async(request: httpx.Request) -> None:
    _apply_call_timeout(request)


def _tls(url: str) -> bool:
    """Verify certificates for https; plain http (loopback only) never does TLS, so skip loading them."""
    return url.startswith("https://")


class _BaseClient(Generic[P]):
    """What the twins share: settings, one keep-alive pool per host, closing, a repr without the key."""

    def __init__(self, settings: Settings, make_pool: Callable[[str], P]) -> None:
        self._settings = settings
        self._make_pool: Callable[[str], P] = make_pool
        # By URL: a single base_url means a single pool (and generated client) for both hosts.
        self._pools: dict[str, tuple[P, AuthenticatedClient]] = {}
        self._lock = threading.Lock()
        self._closed = False
        self._pacer = _pacing.pacer_for(settings.secret, settings.pacing_url)
        # The pacer spaces each operation on its host: the same key on another server is paced apart.
        self._endpoints = {
            op.name: f"{op.name} {settings.url(op.host)}"
            for op in (SHOW_INSTANCE, GET_ENDPOINT_WORKERS, GET_AUTOGROUP_WORKERS)
        }

    def _client_for(self, host: Host) -> AuthenticatedClient:
        """The generated client of a host, over its keep-alive pool, made on first use (TLS setup is costly)."""
        url = self._settings.url(host)
        entry = self._pools.get(url)
        if entry is None or self._closed:
            with self._lock:
                if self._closed:
                    raise ClientClosedError(f"This {type(self).__name__} is closed; make a new one to call again.")
                entry = self._pools.get(url)
                if entry is None:
                    pool = self._make_pool(url)
                    generated = AuthenticatedClient(token=self._settings.secret, base_url=url)
                    if isinstance(pool, httpx.Client):
                        generated.set_httpx_client(pool)
                    else:
                        generated.set_async_httpx_client(pool)
                    entry = self._pools[url] = (pool, generated)
        return entry[1]

    def _call(self, op: Operation[T], ident: object) -> Call[T]:
        """A new call, its id checked before anything is sent."""
        settings = self._settings
        return Call(
            op,
            check_id(ident),
            max_retries=settings.max_retries,
            pacer=self._pacer,
            endpoint=self._endpoints[op.name],
            secret=settings.secret,
        )

    def _waiter(
        self, what: str, op: Operation[T], timeout: float, poll_interval: float, on_progress: ProgressCallback | None
    ) -> Waiter:
        """A waiter whose progress tells whether the polls are spaced by an interval a 429 taught."""
        return Waiter(what, timeout, poll_interval, on_progress, lambda: self._pacer.interval(self._endpoints[op.name]))

    def _workers_waiter(
        self, id: int, autogroup: bool, timeout: float, poll_interval: float, on_progress: ProgressCallback | None
    ) -> tuple[Operation[list[Worker]], Waiter]:
        """The operation a worker wait polls (an endpoint's or a worker group's), and its waiter."""
        op = GET_AUTOGROUP_WORKERS if autogroup else GET_ENDPOINT_WORKERS
        what = f"worker group {id}" if autogroup else f"endpoint {id}"
        return op, self._waiter(what, op, timeout, poll_interval, on_progress)

    def _take_pools(self) -> list[P]:
        """Mark the client closed and hand over its pools to be closed."""
        with self._lock:
            self._closed = True
            pools = [pool for pool, _ in self._pools.values()]
            self._pools.clear()
        return pools

    def _timeout_token(self, timeout: TimeoutTypes) -> contextvars.Token[dict[str, float | None] | None] | None:
        return None if timeout is NOT_GIVEN else _call_timeout.set(as_timeout(timeout).as_dict())

    def __repr__(self) -> str:
        return self._settings.describe(type(self).__name__)


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
        pacing_url: str | None = None,
    ) -> None:
        settings = Settings(
            api_key=api_key,
            base_url=base_url,
            console_url=console_url,
            run_url=run_url,
            timeout=timeout,
            max_retries=max_retries,
            pacing_url=pacing_url,
        )
        super().__init__(
            settings,
            lambda url: httpx.Client(
                base_url=url,
                headers=settings.headers,
                timeout=settings.timeout,
                transport=transport,
                verify=_tls(url),
                event_hooks={"request": [_apply_call_timeout]},
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
        on_progress: ProgressCallback | None = None,
    ) -> Instance:
        """Poll until the instance's actual_status is `status`; WaitError on exited/offline/crashed.

        Raises WaitTimeoutError, naming the last state seen, after `timeout` seconds.
        `on_progress`, if given, receives a WaitProgress after every poll.
        """
        waiter = self._waiter(f"instance {id}", SHOW_INSTANCE, timeout, poll_interval, on_progress)
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
        autogroup: bool = False,
        timeout: float = WAIT_TIMEOUT,
        poll_interval: float = WAIT_POLL_INTERVAL,
        on_progress: ProgressCallback | None = None,
    ) -> list[Worker]:
        """Poll endpoint `id` (worker group `id` with `autogroup=True`) until `min_ready` workers are ready.

        Raises WaitError when every worker has failed, WaitTimeoutError after `timeout` seconds.
        `on_progress`, if given, receives a WaitProgress after every poll.
        """
        op, waiter = self._workers_waiter(id, autogroup, timeout, poll_interval, on_progress)
        while True:
            try:
                workers = self._request(op, id, NOT_GIVEN)
            except TRANSIENT_ERRORS as error:
                waiter.transient(error)
            else:
                if waiter.workers_ready(workers, min_ready):
                    return workers
            _retry.sleep(waiter.next_sleep())

    def _request(self, op: Operation[T], ident: object, timeout: TimeoutTypes) -> T:
        call = self._call(op, ident)
        client = self._client_for(op.host)
        token = self._timeout_token(timeout)
        try:
            while True:
                wait = call.before_attempt()
                if wait > 0:
                    _retry.sleep(wait)
                try:
                    response = op.module.sync_detailed(client=client, **op.arguments(call.ident))
                except httpx.HTTPError as exc:
                    step: T | Retry = call.failed(exc)
                else:
                    step = call.answered(response)
                if not isinstance(step, Retry):
                    return step
                if step.delay > 0:
                    _retry.sleep(step.delay)
        finally:
            if token is not None:
                _call_timeout.reset(token)

    def close(self) -> None:
        """Close the connection pools; later calls raise ClientClosedError."""
        for pool in self._take_pools():
            pool.close()

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
        pacing_url: str | None = None,
    ) -> None:
        settings = Settings(
            api_key=api_key,
            base_url=base_url,
            console_url=console_url,
            run_url=run_url,
            timeout=timeout,
            max_retries=max_retries,
            pacing_url=pacing_url,
        )
        super().__init__(
            settings,
            lambda url: httpx.AsyncClient(
                base_url=url,
                headers=settings.headers,
                timeout=settings.timeout,
                transport=transport,
                verify=_tls(url),
                event_hooks={"request": [_apply_call_timeout_async]},
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
        on_progress: ProgressCallback | None = None,
    ) -> Instance:
        """Poll until the instance's actual_status is `status`; WaitError on exited/offline/crashed.

        Raises WaitTimeoutError, naming the last state seen, after `timeout` seconds.
        `on_progress`, if given, receives a WaitProgress after every poll.
        """
        waiter = self._waiter(f"instance {id}", SHOW_INSTANCE, timeout, poll_interval, on_progress)
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
        autogroup: bool = False,
        timeout: float = WAIT_TIMEOUT,
        poll_interval: float = WAIT_POLL_INTERVAL,
        on_progress: ProgressCallback | None = None,
    ) -> list[Worker]:
        """Poll endpoint `id` (worker group `id` with `autogroup=True`) until `min_ready` workers are ready.

        Raises WaitError when every worker has failed, WaitTimeoutError after `timeout` seconds.
        `on_progress`, if given, receives a WaitProgress after every poll.
        """
        op, waiter = self._workers_waiter(id, autogroup, timeout, poll_interval, on_progress)
        while True:
            try:
                workers = await self._request(op, id, NOT_GIVEN)
            except TRANSIENT_ERRORS as error:
                waiter.transient(error)
            else:
                if waiter.workers_ready(workers, min_ready):
                    return workers
            await _retry.async_sleeper(waiter.next_sleep())

    async def _request(self, op: Operation[T], ident: object, timeout: TimeoutTypes) -> T:
        call = self._call(op, ident)
        client = self._client_for(op.host)
        token = self._timeout_token(timeout)
        try:
            while True:
                wait = await call.before_attempt_async()
                if wait > 0:
                    await _retry.async_sleeper(wait)
                try:
                    response = await op.module.asyncio_detailed(client=client, **op.arguments(call.ident))
                except httpx.HTTPError as exc:
                    step: T | Retry = call.failed(exc)
                else:
                    step = call.answered(response)
                if not isinstance(step, Retry):
                    return step
                if step.delay > 0:
                    await _retry.async_sleeper(step.delay)
        finally:
            if token is not None:
                _call_timeout.reset(token)

    async def aclose(self) -> None:
        """Close the connection pools; later calls raise ClientClosedError."""
        for pool in self._take_pools():
            await pool.aclose()
        await self._pacer.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()
