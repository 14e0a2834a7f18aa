"""`make proxy`: Prism validating the answers of an upstream server in front of it."""

from __future__ import annotations

import httpx
import pytest

from tests.mock_process import MockProcess
from tests.spec import named_example
from tests.upstream import FixedServer

pytestmark = pytest.mark.mock

AUTH = {"Authorization": "Bearer proxy-key"}


def test_proxy_flags_answers_that_break_the_spec() -> None:
    """A non-conforming upstream answer is passed through, flagged in sl-violations and in the log."""
    with FixedServer({"instances": {"id": "not-a-number"}}) as upstream, MockProcess(upstream=upstream.url) as proxy:
        response = httpx.get(f"{proxy.url}/api/v0/instances/5/", headers=AUTH, timeout=10)
        assert response.status_code == 200
        assert response.json() == {"instances": {"id": "not-a-number"}}
        assert "sl-violations" in response.headers
        assert "does not match the spec" in proxy.log()


def test_proxy_passes_conforming_answers_quietly() -> None:
    """A conforming upstream answer passes unchanged and nothing is flagged."""
    body = named_example("running_instance_live")
    with FixedServer(body) as upstream, MockProcess(upstream=upstream.url) as proxy:
        response = httpx.get(f"{proxy.url}/api/v0/instances/123/", headers=AUTH, timeout=10)
        assert response.json() == body
        assert "sl-violations" not in response.headers
        assert "does not match the spec" not in proxy.log()
