"""The generated package alone, on the same generated and mutated bodies as the wrapper's properties."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from hypothesis import given
from vast_api import AuthenticatedClient
from vast_api.api.instances import show_instance
from vast_api.api.serverless import get_endpoint_workers
from vast_api.models import InstanceEnvelope, Worker, WorkersRequest
from vast_api.types import Response

from tests.generated.annotations import mismatches, same
from tests.test_properties import INSTANCE_BODIES, PROFILE, WORKER_BODIES, mutated

pytestmark = pytest.mark.property


def _client(raw: bytes) -> AuthenticatedClient:
    answer = httpx.MockTransport(lambda request: httpx.Response(200, content=raw))
    return AuthenticatedClient(token="t", httpx_args={"transport": answer})


@PROFILE
@given(INSTANCE_BODIES, WORKER_BODIES)
def test_every_valid_body_parses_and_gives_back_what_was_sent(
    instance_body: dict[str, Any], worker_body: list[dict[str, Any]]
) -> None:
    """The documented model, holding what its annotations say, whose to_dict() is the body as sent (numeric
    strings as the numbers they are): nothing lost, unknown fields kept."""
    envelope = show_instance.sync(1, client=_client(json.dumps(instance_body).encode()))
    assert isinstance(envelope, InstanceEnvelope)
    assert mismatches(envelope) == []
    assert same(envelope.to_dict(), instance_body)
    workers = get_endpoint_workers.sync(client=_client(json.dumps(worker_body).encode()), body=WorkersRequest(id=1))
    assert isinstance(workers, list)
    assert all(isinstance(w, Worker) for w in workers)
    assert [p for w in workers for p in mismatches(w)] == []
    assert same([w.to_dict() for w in workers], worker_body)


@PROFILE
@given(mutated(INSTANCE_BODIES), mutated(WORKER_BODIES))
def test_a_mutated_body_gives_a_response_never_an_exception(instance_raw: bytes, worker_raw: bytes) -> None:
    """Whatever the body, a Response with the bytes as sent: a model that holds what its annotations say, a
    documented text, or None with the problem named."""
    response: Response[Any] = show_instance.sync_detailed(1, client=_client(instance_raw))
    assert response.content == instance_raw
    assert mismatches(response.parsed) == [] if response.parsed is not None else response.problem
    response = get_endpoint_workers.sync_detailed(client=_client(worker_raw), body=WorkersRequest(id=1))
    assert response.content == worker_raw
    parsed = response.parsed
    if parsed is None:
        assert response.problem
    else:
        assert [p for model in (parsed if isinstance(parsed, list) else [parsed]) for p in mismatches(model)] == []
