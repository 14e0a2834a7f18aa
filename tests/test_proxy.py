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


def test_one_proxy_in_front_of_both_hosts_routes_by_path_and_summarises_on_exit() -> None:
    """Instances go to the console upstream, workers to the run upstream; violations are counted at exit."""
    instance = named_example("running_instance_live")
    with (
        FixedServer(instance) as console,
        FixedServer([{"id": "not-a-number"}]) as run,
        MockProcess(arguments=("--proxy", "--console-upstream", console.url, "--run-upstream", run.url)) as proxy,
    ):
        shown = httpx.get(f"{proxy.url}/api/v0/instances/123/", headers=AUTH, timeout=10)
        workers = httpx.post(f"{proxy.url}/get_endpoint_workers/", json={"id": 4}, headers=AUTH, timeout=10)
        assert shown.json() == instance
        assert "sl-violations" not in shown.headers
        assert workers.json() == [{"id": "not-a-number"}]
        assert "sl-violations" in workers.headers
    assert "proxy summary: 2 answers checked, 1 did not match the spec (/get_endpoint_workers/: 1)" in proxy.last_log


@pytest.mark.parametrize("upstream", ["http://example.com", "ftp://127.0.0.1", "https://host:port"])
def test_an_unsafe_or_broken_upstream_is_refused_in_one_line(upstream: str) -> None:
    import subprocess
    import sys

    from tests.mock_process import SERVE

    result = subprocess.run(
        [sys.executable, str(SERVE), "--proxy", "--run-upstream", upstream], capture_output=True, text=True,
        timeout=30, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert result.stderr.strip().startswith("serve.py: run upstream ")
    assert "Traceback" not in result.stderr
