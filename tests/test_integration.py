"""The generated client and the wrapper against the running mock: every named example, every error."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from vast_api import AuthenticatedClient, Client
from vast_api.api.instances import show_instance
from vast_api.api.serverless import get_autogroup_workers, get_endpoint_workers
from vast_api.models import Error, InstanceEnvelope, Worker, WorkersEnvelope, WorkersRequest

from tests.generated.annotations import same
from tests.spec import named_example
from vast_wrapper import (
    AsyncVastClient,
    AuthenticationError,
    BadRequestError,
    NotFoundError,
    RateLimitError,
    VastClient,
)

pytestmark = pytest.mark.mock

INSTANCE_EXAMPLES = {"running": "running_instance", "running_live": "running_instance_live",
                     "loading": "loading_instance", "proxy_only": "proxy_only_instance"}  # fmt: skip
WORKER_EXAMPLES = {"workers": "worker_list", "empty": "empty_worker_list", "mixed": "worker_list_live"}
WORKER_MODULES = [get_endpoint_workers, get_autogroup_workers]


# --- the generated client ---------------------------------------------------------------------


@pytest.mark.parametrize("name", INSTANCE_EXAMPLES)
def test_generated_show_instance(mock_url: str, name: str) -> None:
    """The generated client parses each instance example from the mock into an InstanceEnvelope."""
    with AuthenticatedClient(base_url=mock_url, token="mock-key", headers={"Prefer": f"example={name}"}) as client:
        response = show_instance.sync_detailed(id=123, client=client)
    assert response.status_code == 200
    assert isinstance(response.parsed, InstanceEnvelope)
    assert same(response.parsed.to_dict(), named_example(INSTANCE_EXAMPLES[name]))


@pytest.mark.parametrize("module", WORKER_MODULES, ids=["endpoint", "autogroup"])
@pytest.mark.parametrize("name", [*WORKER_EXAMPLES, "wrapped"])
def test_generated_worker_lists(mock_url: str, module: Any, name: str) -> None:
    """The generated client parses each worker example, bare or wrapped (numeric strings as numbers)."""
    with AuthenticatedClient(base_url=mock_url, token="mock-key", headers={"Prefer": f"example={name}"}) as client:
        parsed = module.sync(client=client, body=WorkersRequest(id=123))
    if name == "wrapped":
        assert isinstance(parsed, WorkersEnvelope)
        assert same(parsed.to_dict(), named_example("workers_envelope"))
    else:
        assert isinstance(parsed, list)
        assert all(isinstance(w, Worker) for w in parsed)
        assert same([w.to_dict() for w in parsed], named_example(WORKER_EXAMPLES[name]))


def test_generated_client_error_answers(mock_url: str) -> None:
    """401 without a key, 400 for an invalid id, and JSON 429s parse into the generated Error model."""
    with Client(base_url=mock_url) as no_key:
        unauthorized = show_instance.sync_detailed(id=1, client=no_key)  # type: ignore[arg-type]
    assert unauthorized.status_code == 401
    assert isinstance(unauthorized.parsed, Error)
    assert unauthorized.parsed.error == "auth_error"

    with AuthenticatedClient(base_url=mock_url, token="mock-key") as client:
        bad = show_instance.sync_detailed(id=0, client=client)
    assert bad.status_code == 400
    assert isinstance(bad.parsed, Error)

    with AuthenticatedClient(base_url=mock_url, token="mock-key", headers={"Prefer": "code=429"}) as limited:
        for module in WORKER_MODULES:
            answer = module.sync_detailed(client=limited, body=WorkersRequest(id=1))
            assert answer.status_code == 429
            assert isinstance(answer.parsed, Error)
            assert "threshold=" in str(answer.parsed.detail)


# --- the wrapper ------------------------------------------------------------------------------


class PreferTransport(httpx.HTTPTransport):
    """Adds Prism's Prefer (and optionally Accept) header to every request, to pick an answer."""

    def __init__(self, prefer: str, accept: str | None = None) -> None:
        super().__init__()
        self.extra = {"Prefer": prefer, **({"Accept": accept} if accept else {})}

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.headers.update(self.extra)
        return super().handle_request(request)


class AsyncPreferTransport(httpx.AsyncHTTPTransport):
    """The async twin of PreferTransport."""

    def __init__(self, prefer: str, accept: str | None = None) -> None:
        super().__init__()
        self.extra = {"Prefer": prefer, **({"Accept": accept} if accept else {})}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        request.headers.update(self.extra)
        return await super().handle_async_request(request)


def wrapper_call(mock_url: str, kind: str, method: str, prefer: str, accept: str | None = None) -> Any:
    if kind == "sync":
        with VastClient(api_key="mock-key", base_url=mock_url, transport=PreferTransport(prefer, accept)) as client:
            return getattr(client, method)(123)

    async def run() -> Any:
        transport = AsyncPreferTransport(prefer, accept)
        async with AsyncVastClient(api_key="mock-key", base_url=mock_url, transport=transport) as client:
            return await getattr(client, method)(123)

    return asyncio.run(run())


KINDS = ["sync", "async"]
WORKER_METHODS = ["get_endpoint_workers", "get_autogroup_workers"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", INSTANCE_EXAMPLES)
def test_wrapper_show_instance(mock_url: str, kind: str, name: str) -> None:
    """The wrapper returns each instance example, with public_ipaddr trimmed."""
    instance = wrapper_call(mock_url, kind, "show_instance", f"example={name}")
    expected = dict(named_example(INSTANCE_EXAMPLES[name])["instances"])
    if isinstance(expected.get("public_ipaddr"), str):
        expected["public_ipaddr"] = expected["public_ipaddr"].strip()
    assert instance.to_dict().items() >= {k: v for k, v in expected.items() if k != "local_ipaddrs"}.items()


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("method", WORKER_METHODS)
@pytest.mark.parametrize("name", [*WORKER_EXAMPLES, "wrapped"])
def test_wrapper_worker_lists(mock_url: str, kind: str, method: str, name: str) -> None:
    """The wrapper returns every worker example as a list of Workers, numbers as numbers."""
    workers = wrapper_call(mock_url, kind, method, f"example={name}")
    expected = (
        named_example("workers_envelope")["workers"] if name == "wrapped" else named_example(WORKER_EXAMPLES[name])
    )
    assert [w.id for w in workers] == [w["id"] for w in expected]
    for worker in workers:
        assert not isinstance(worker.cur_load, str)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("method", "prefer", "accept", "error"),
    [
        ("show_instance", "code=400", None, BadRequestError),
        ("show_instance", "code=401", None, AuthenticationError),
        ("show_instance", "code=404", None, NotFoundError),
        ("show_instance", "code=404, example=auth_error", None, AuthenticationError),
        ("show_instance", "example=not_found", None, NotFoundError),
        ("show_instance", "code=429", None, RateLimitError),
        ("show_instance", "code=429", "text/plain", RateLimitError),
        *[(m, p, a, e) for m in WORKER_METHODS for p, a, e in [
            ("code=400", None, BadRequestError), ("code=401", None, AuthenticationError),
            ("code=429", None, RateLimitError), ("code=429", "text/plain", RateLimitError),
            ("example=error_in_200", None, AuthenticationError)]],
    ],
)  # fmt: skip
def test_wrapper_error_answers(
    mock_url: str, kind: str, method: str, prefer: str, accept: str | None, error: type[Exception]
) -> None:
    """Each documented error answer of the mock raises its typed error; 429s after the retries."""
    with pytest.raises(error) as caught:
        wrapper_call(mock_url, kind, method, prefer, accept)
    if error is RateLimitError:
        assert isinstance(caught.value, RateLimitError)
        assert caught.value.attempts == 3
        assert caught.value.retry_after == 2.0  # No Retry-After (as the live server): the threshold it states.
