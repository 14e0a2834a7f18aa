"""The generated client's settings: each operation's host from the spec, one URL for all, server_urls,
readable models, docs, and one pool per client however many threads or tasks share it on first use."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import httpx
import pytest
from vast_api import AuthenticatedClient, Client
from vast_api.api.instances import show_instance
from vast_api.api.serverless import get_autogroup_workers, get_endpoint_workers
from vast_api.models import Instance, InstanceEnvelope, Worker, WorkersRequest
from vast_api.types import UNSET

from tests.spec import SPEC_PATH
from tools.project import read_yaml


def _urls(**settings: Any) -> list[str]:
    """The URLs the three operations were sent to, with these client settings."""
    seen: list[str] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(200, json=[])

    with AuthenticatedClient(token="t", httpx_args={"transport": httpx.MockTransport(record)}, **settings) as client:
        show_instance.sync_detailed(5, client=client)
        get_endpoint_workers.sync_detailed(client=client, body=WorkersRequest(id=6))
        get_autogroup_workers.sync_detailed(client=client, body=WorkersRequest(id=7))
    return seen


def test_with_no_url_each_operation_goes_to_its_server_in_the_spec() -> None:
    spec = read_yaml(SPEC_PATH)
    console = spec["servers"][0]["url"]
    run = spec["paths"]["/get_endpoint_workers/"]["servers"][0]["url"]
    assert (console, run) == ("https://console.vast.ai", "https://run.vast.ai")
    expected = [f"{console}/api/v0/instances/5/", f"{run}/get_endpoint_workers/", f"{run}/get_autogroup_workers/"]
    assert _urls() == expected


def test_one_base_url_sends_everything_to_one_place() -> None:
    assert _urls(base_url="http://127.0.0.1:4010") == [
        "http://127.0.0.1:4010/api/v0/instances/5/",
        "http://127.0.0.1:4010/get_endpoint_workers/",
        "http://127.0.0.1:4010/get_autogroup_workers/",
    ]


RUN, CONSOLE = "https://run.vast.ai", "https://console.vast.ai"


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"server_urls": {RUN: "http://127.0.0.1:9/"}}, [CONSOLE, "http://127.0.0.1:9", "http://127.0.0.1:9"]),
        ({"server_urls": {CONSOLE: "http://127.0.0.1:8"}}, ["http://127.0.0.1:8", RUN, RUN]),
        (
            {"base_url": "http://127.0.0.1:7", "server_urls": {RUN: "http://127.0.0.1:9"}},
            ["http://127.0.0.1:7", "http://127.0.0.1:9", "http://127.0.0.1:9"],
        ),
    ],
)
def test_each_host_can_be_set_on_its_own(settings: dict[str, Any], expected: list[str]) -> None:
    origins = [url.rsplit("/", 2)[0] if "instances" not in url else url.split("/api/")[0] for url in _urls(**settings)]
    assert origins == expected


def test_a_server_the_spec_does_not_name_is_refused_not_ignored() -> None:
    with pytest.raises(ValueError, match=r"server_urls: 'https://run\.vast\.ai/' is not a server of the spec"):
        AuthenticatedClient(token="t", server_urls={"https://run.vast.ai/": "http://127.0.0.1:9"})


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_16_threads_on_first_use_share_one_pool_and_close_closes_it(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """However many threads (or event loops) call first, the client makes one httpx client, and close() closes it."""
    made: list[httpx.Client | httpx.AsyncClient] = []
    real = httpx.Client if kind == "sync" else httpx.AsyncClient

    class Slow(real):  # type: ignore[valid-type, misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            time.sleep(0.02)  # TLS setup takes 50-150 ms: long enough for every thread to arrive.
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(httpx, "Client" if kind == "sync" else "AsyncClient", Slow)
    client = AuthenticatedClient(
        token="t", httpx_args={"transport": httpx.MockTransport(lambda r: httpx.Response(200, json=[]))}
    )
    start = threading.Barrier(16)

    def call() -> None:
        start.wait()
        if kind == "sync":
            get_endpoint_workers.sync_detailed(client=client, body=WorkersRequest(id=1))
        else:
            asyncio.run(get_endpoint_workers.asyncio_detailed(client=client, body=WorkersRequest(id=1)))

    threads = [threading.Thread(target=call) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 1
    if kind == "sync":
        client.close()
        assert made[0].is_closed
    else:
        asyncio.run(client.aclose())
        assert made[0].is_closed


def test_the_context_managers_close_what_they_opened() -> None:
    transport = httpx.MockTransport(lambda r: httpx.Response(200, json=[]))
    with Client(httpx_args={"transport": transport}) as client:
        pool = client.get_httpx_client()
    assert pool.is_closed

    async def run() -> httpx.AsyncClient:
        async with Client(httpx_args={"transport": transport}) as async_client:
            return async_client.get_async_httpx_client()

    assert asyncio.run(run()).is_closed


def test_a_model_prints_the_fields_the_server_sent() -> None:
    worker = Worker.from_dict({"id": 7, "status": "ready", "cur_load": "0.5", "gpu": "4090"})
    assert repr(worker) == "Worker(id=7, status='ready', cur_load=0.5, gpu='4090')"
    envelope = InstanceEnvelope.from_dict({"instances": {"id": 1, "actual_status": None}})
    assert str(envelope) == "InstanceEnvelope(instances=Instance(id=1, actual_status=None))"
    assert repr(Instance()) == "Instance()"
    assert repr(UNSET) == "UNSET"


def test_to_dict_still_gives_back_every_field_unknown_ones_included() -> None:
    body = {"id": 7, "status": None, "cur_load": 0.5, "gpu": {"name": "4090"}}
    assert Worker.from_dict(body).to_dict() == body


def test_the_client_never_shows_its_token() -> None:
    client = AuthenticatedClient(token="canary-token-31337")
    client.get_httpx_client()
    assert "canary-token-31337" not in repr(client)


def test_its_docstring_says_how_to_reach_every_host_and_the_default_timeout() -> None:
    text = AuthenticatedClient.__doc__ or ""
    for words in ("base_url", "server_urls", CONSOLE, RUN, "5 s to connect", "30 s", "problem"):
        assert words in text
