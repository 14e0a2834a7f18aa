"""The generated package on its own survives every answer form: a Response, or its own errors.UnexpectedStatus."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from vast_api import AuthenticatedClient, errors
from vast_api.api.instances import show_instance
from vast_api.api.serverless import get_autogroup_workers, get_endpoint_workers
from vast_api.models import Error, InstanceEnvelope, Worker, WorkerError, WorkersEnvelope, WorkersRequest
from vast_api.types import Response

from tests import faults
from tests.faults import FaultServer

OPERATIONS: dict[str, tuple[Any, Callable[[int], dict[str, Any]]]] = {
    "show_instance": (show_instance, lambda ident: {"id": ident}),
    "get_endpoint_workers": (get_endpoint_workers, lambda ident: {"body": WorkersRequest(id=ident)}),
    "get_autogroup_workers": (get_autogroup_workers, lambda ident: {"body": WorkersRequest(id=ident)}),
}
EDGE = set(range(500, 600))  # 5XX: the server's or Cloudflare's page, parsed as its text.
DOCUMENTED = {"show_instance": {200, 400, 401, 404, 429, *EDGE}}
DOCUMENTED_WORKERS = {200, 400, 401, 429, *EDGE}

STATUSES = [200, 400, 401, 404, 418, 429, 499, 500, 502, 503, *range(520, 528)]
BODIES: list[tuple[str | None, bytes]] = [
    ("application/json", b'{"instances": {"id": 1, "actual_status": "running"}}'),
    ("application/json", b'[{"id": 7, "status": "ready", "cur_load": "0.5"}]'),
    ("application/json", b'{"error_msg": "Invalid API key"}'),
    ("application/json", b'"endpoint not ready"'),
    ("application/json", b"42"),
    ("application/json", b"null"),
    ("application/json", b'{"instances": "nope"}'),
    ("application/json", b"[1, 2, [3]]"),
    ("application/json", b'{"detail": "API requests too frequent endpoint threshold=2.0"}'),
    ("application/json", b'{"instances": {"id": 1, "ports": 7, "extra_env": {"a": 1}}}'),
    ("application/json", b'{"workers": 5}'),
    ("application/json", b'{"truncated": '),
    ("text/plain", b"API requests too frequent: endpoint threshold=2.0"),
    ("text/html", b"<html><title>vast.ai | 520: Web server is returning an unknown error</title></html>"),
    ("application/json", b"\xff\xfe not utf-8"),
    (None, b""),
    (None, b"plain words"),
]


def _answer(status: int, content_type: str | None, body: bytes) -> httpx.MockTransport:
    headers = {"content-type": content_type} if content_type else {}
    return httpx.MockTransport(lambda request: httpx.Response(status, headers=headers, content=body))


def _documented(name: str) -> set[int]:
    return DOCUMENTED.get(name, DOCUMENTED_WORKERS)


def _check(name: str, response: Response[Any], status: int, content_type: str | None, body: bytes) -> None:
    assert response.status_code == status
    assert response.content == body
    assert response.headers.get("content-type") == content_type
    parsed = response.parsed
    if status not in _documented(name):
        assert parsed is None
    elif status in EDGE or (status == 429 and (content_type or "").startswith("text/")):
        assert parsed == response.content.decode(errors="replace")
    elif status == 200 and name == "show_instance":
        assert parsed is None or isinstance(parsed, InstanceEnvelope)
    elif status == 200:
        workers = isinstance(parsed, list) and all(isinstance(w, Worker) for w in parsed)
        assert parsed is None or workers or isinstance(parsed, str | WorkerError | WorkersEnvelope)
    else:
        assert parsed is None or isinstance(parsed, Error)


CASES = list(itertools.product(OPERATIONS, STATUSES, range(len(BODIES))))


@pytest.mark.parametrize(("name", "status", "body_index"), CASES)
def test_any_answer_gives_a_response_sync_and_async(name: str, status: int, body_index: int) -> None:
    module, arguments = OPERATIONS[name]
    content_type, body = BODIES[body_index]
    client = AuthenticatedClient(token="t", httpx_args={"transport": _answer(status, content_type, body)})
    _check(name, module.sync_detailed(client=client, **arguments(5)), status, content_type, body)
    assert module.sync(client=client, **arguments(5)) == module.sync_detailed(client=client, **arguments(5)).parsed

    async def run() -> tuple[Response[Any], Any]:
        async_client = AuthenticatedClient(token="t", httpx_args={"transport": _answer(status, content_type, body)})
        return await module.asyncio_detailed(client=async_client, **arguments(5)), await module.asyncio(
            client=async_client, **arguments(5)
        )

    detailed, parsed = asyncio.run(run())
    _check(name, detailed, status, content_type, body)
    assert parsed == detailed.parsed


def test_documented_answers_are_parsed_into_their_models() -> None:
    def parsed(module: Any, status: int, content_type: str, content: bytes, **arguments: Any) -> Any:
        client = AuthenticatedClient(token="t", httpx_args={"transport": _answer(status, content_type, content)})
        return module.sync(client=client, **arguments)

    envelope = parsed(show_instance, 200, "application/json", BODIES[0][1], id=1)
    assert isinstance(envelope, InstanceEnvelope)
    assert envelope.instances.id == 1  # type: ignore[union-attr]
    workers = parsed(get_endpoint_workers, 200, "application/json", BODIES[1][1], body=WorkersRequest(id=1))
    assert workers == [Worker(id=7, status="ready", cur_load="0.5")]
    error_in_200 = parsed(get_autogroup_workers, 200, "application/json", BODIES[2][1], body=WorkersRequest(id=1))
    assert error_in_200 == WorkerError(error_msg="Invalid API key")
    assert parsed(get_endpoint_workers, 200, "application/json", BODIES[3][1], body=WorkersRequest(id=1)) == (
        "endpoint not ready"
    )
    limited = parsed(show_instance, 429, "application/json", BODIES[8][1], id=1)
    assert limited == Error(detail="API requests too frequent endpoint threshold=2.0")
    assert parsed(get_endpoint_workers, 429, "text/plain; charset=utf-8", BODIES[12][1], body=WorkersRequest(id=1)) == (
        "API requests too frequent: endpoint threshold=2.0"
    )


@pytest.mark.parametrize("status", [302, 418, 499, 600])
def test_an_undocumented_status_raises_the_packages_own_error_when_asked(status: int) -> None:
    client = AuthenticatedClient(
        token="t", raise_on_unexpected_status=True, httpx_args={"transport": _answer(status, "text/html", b"<html>")}
    )
    with pytest.raises(errors.UnexpectedStatus) as caught:
        show_instance.sync_detailed(1, client=client)
    assert caught.value.status_code == status
    assert caught.value.content == b"<html>"


def test_a_documented_status_with_an_unreadable_body_does_not_raise_even_when_asked() -> None:
    client = AuthenticatedClient(
        token="t", raise_on_unexpected_status=True, httpx_args={"transport": _answer(400, "text/html", b"<html>")}
    )
    response = show_instance.sync_detailed(1, client=client)
    assert (response.status_code, response.parsed) == (400, None)


FAULTS = [
    faults.TRUNCATED_JSON,
    faults.HTML_502,
    faults.HTML_520,
    faults.ERROR_MSG_200,
    faults.BARE_STRING_200,
    faults.WRONG_TYPE_200,
    faults.HUGE_BODY,
    faults.BUSY_THEN_OK,
    faults.RATE_LIMITED_THEN_OK,
]


@pytest.mark.process
@pytest.mark.parametrize("name", list(OPERATIONS))
def test_the_fault_servers_answers_on_real_sockets(name: str) -> None:
    module, arguments = OPERATIONS[name]
    with FaultServer() as server:
        with AuthenticatedClient(token="t", base_url=server.url) as client:
            for fault in FAULTS:
                assert isinstance(module.sync_detailed(client=client, **arguments(fault)), Response)

        async def run() -> list[Any]:
            async with AuthenticatedClient(token="t", base_url=server.url) as async_client:
                return [await module.asyncio_detailed(client=async_client, **arguments(f)) for f in FAULTS]

        assert all(isinstance(r, Response) for r in asyncio.run(run()))


@pytest.mark.process
def test_a_stalled_server_times_out() -> None:
    with (
        FaultServer() as server,
        AuthenticatedClient(token="t", base_url=server.url, timeout=httpx.Timeout(0.3)) as client,
        pytest.raises(httpx.ReadTimeout),
    ):
        show_instance.sync_detailed(faults.STALL_AFTER_HEADERS, client=client)


def test_the_default_timeout_is_5_s_to_connect_and_30_s_to_read() -> None:
    client = AuthenticatedClient(token="t")
    assert client.get_httpx_client().timeout == httpx.Timeout(30.0, connect=5.0)
    assert client.get_async_httpx_client().timeout == httpx.Timeout(30.0, connect=5.0)
