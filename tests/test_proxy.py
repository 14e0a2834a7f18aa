"""`make proxy`: the validating proxy in front of a real server (mock/proxy.py), as a process."""

from __future__ import annotations

import httpx
import pytest

from tests.drift_server import DriftServer
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
    assert proxy.returncode == 1  # A CI step around the proxy fails on what it saw.


def test_a_redirect_is_passed_back_flagged_and_no_key_reaches_the_other_host() -> None:
    """The upstream's 307 to another host comes back as it was; the proxy never follows it."""
    with (
        DriftServer("correct") as other,
        DriftServer("redirect", redirect_to=other.url) as upstream,
        MockProcess(upstream=upstream.url) as proxy,
    ):
        answer = httpx.post(f"{proxy.url}/get_endpoint_workers/", json={"id": 4, "api_key": "proxy-body-key"},
                            timeout=10)  # fmt: skip
        shown = httpx.get(f"{proxy.url}/api/v0/instances/5/", headers=AUTH, timeout=10)
        assert (answer.status_code, answer.headers["location"]) == (307, f"{other.url}/get_endpoint_workers/")
        assert "not followed" in answer.headers["sl-violations"]
        assert shown.status_code == 307
        assert other.seen == []  # Nothing, and so no key, reached the other host.
        assert [request[1] for request in upstream.seen] == ["/get_endpoint_workers/", "/api/v0/instances/5/"]
    assert "proxy-body-key" not in proxy.last_log
    assert "2 answers checked, 2 did not match the spec" in proxy.last_log
    assert proxy.returncode == 1


def test_only_upstream_answers_are_judged_not_the_client_s_own_bad_requests() -> None:
    """A bad request the upstream refuses as documented is no violation: the proxy exits 0."""
    refusal = {"success": False, "error": "invalid_args", "msg": "Invalid id."}
    with FixedServer(refusal, status=400) as upstream, MockProcess(upstream=upstream.url) as proxy:
        answer = httpx.post(f"{proxy.url}/get_endpoint_workers/", json={"id": "abc"}, headers=AUTH, timeout=10)
        assert answer.status_code == 400
        assert "sl-violations" not in answer.headers
    assert "proxy summary: 1 answers checked, 0 did not match the spec" in proxy.last_log
    assert proxy.returncode == 0


@pytest.mark.parametrize(
    ("mode", "said"),
    [("nan", "at $[0].perf: Infinity is not JSON"), ("bad_utf8", "at $[0].status: the text is not valid UTF-8")],
)
def test_nan_and_invalid_utf8_are_flagged_and_passed_as_sent(mode: str, said: str) -> None:
    with DriftServer(mode) as upstream, MockProcess(upstream=upstream.url) as proxy:
        answer = httpx.post(f"{proxy.url}/get_endpoint_workers/", json={"id": 4}, headers=AUTH, timeout=10)
        assert answer.status_code == 200
        assert said in answer.headers["sl-violations"]
        assert answer.content == bytes(upstream.answers.answer("POST", "/get_endpoint_workers/", {
            "authorization": "Bearer proxy-key"}, b'{"id": 4}')[1])  # fmt: skip
    assert said in proxy.last_log
    assert proxy.returncode == 1


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
