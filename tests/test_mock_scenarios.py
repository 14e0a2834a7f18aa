"""The mock as a frontend developer uses it: the id or the key picks the screen, state moves with time."""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.mock_process import MockProcess
from tests.spec import named_example
from tests.test_mock import ENDPOINT, SHOW, assert_documented
from tools.project import ROOT
from vast_wrapper import AsyncVastClient, VastClient, WaitError, _pacing, _retry

pytestmark = pytest.mark.mock

AUTH = {"Authorization": "Bearer dev-key"}
LIFECYCLE_SECONDS = 1.5
VASTAI = ROOT / ".bench-venv" / "vastai" / "bin" / "vastai"


@pytest.fixture(scope="module")
def mock() -> Iterator[MockProcess]:
    with MockProcess(arguments=("--lifecycle", str(LIFECYCLE_SECONDS))) as process:
        yield process


@pytest.fixture
def real_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lifecycle moves with the clock: these waits sleep for real (a second or two)."""
    monkeypatch.setattr(_retry, "clock", time.monotonic)
    monkeypatch.setattr(_retry, "sleep", time.sleep)
    monkeypatch.setattr(_pacing, "shared_clock", time.time)

    async def sleep(seconds: float) -> None:
        import asyncio

        await asyncio.sleep(seconds)

    monkeypatch.setattr(_retry, "async_sleeper", sleep)


def instance(mock: MockProcess, ident: int, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.get(f"{mock.url}/api/v0/instances/{ident}/", headers=headers or AUTH, timeout=5)


def workers(mock: MockProcess, ident: int, route: str = "/get_endpoint_workers/", **body: Any) -> httpx.Response:
    return httpx.post(f"{mock.url}{route}", json={"id": ident, **body}, headers=AUTH, timeout=5)


@pytest.mark.parametrize(
    ("ident", "status", "actual_status"),
    [(42, 200, "running"), (601, 200, "loading"), (750, 200, "stopped"), (899, 200, "exited")],
)
def test_the_instance_id_picks_its_state(mock: MockProcess, ident: int, status: int, actual_status: str) -> None:
    response = instance(mock, ident)
    assert_documented(SHOW, response, status)
    assert response.json()["instances"]["id"] == ident
    assert response.json()["instances"]["actual_status"] == actual_status


@pytest.mark.parametrize(
    ("ident", "status", "says"),
    [
        (404, 200, {"instances": None}),
        (4040, 404, {"success": False, "error": "not_found", "msg": "Instance not found."}),
        (4041, 404, {"success": False, "error": "auth_error", "msg": "Invalid user key"}),
        (400, 400, None),
        (401, 401, {"success": False, "error": "auth_error", "msg": "Invalid user key"}),
        (4290, 429, {"detail": "API requests too frequent endpoint threshold=2.0"}),
    ],
)
def test_the_instance_id_picks_its_error(mock: MockProcess, ident: int, status: int, says: Any) -> None:
    response = instance(mock, ident)
    assert_documented(SHOW, response, status)
    if says is not None:
        assert response.json() == says
    assert "retry-after" not in response.headers


def test_a_plain_text_429_and_an_edge_page(mock: MockProcess) -> None:
    limited = instance(mock, 429)
    assert (limited.status_code, limited.text) == (429, "API requests too frequent: endpoint threshold=2.0")
    assert limited.headers["content-type"].startswith("text/plain")
    assert "retry-after" not in limited.headers
    for ident in (502, 520, 522):
        page = instance(mock, ident)
        assert page.status_code == ident
        assert page.headers["content-type"].startswith("text/html")
        assert f"vast.ai | {ident}:" in page.text


@pytest.mark.parametrize(
    ("ident", "check"),
    [
        (601, lambda body: {w["status"] for w in body} == {"loading"} and len(body) == 2),
        (700, lambda body: body == []),
        (850, lambda body: body == {"workers": [{**named_example("workers_envelope")["workers"][0], "id": 85000}]}),
        (2000, lambda body: body == {"error_msg": "Invalid API key"}),
        (2001, lambda body: body == "endpoint not ready"),
    ],
)
def test_the_endpoint_id_picks_its_workers(mock: MockProcess, ident: int, check: Any) -> None:
    for route in ("/get_endpoint_workers/", "/get_autogroup_workers/"):
        response = workers(mock, ident, route)
        assert_documented((ENDPOINT[0], route, None), response, 200)
        assert check(response.json())


def test_a_slow_id_answers_after_its_delay(mock: MockProcess) -> None:
    started = time.monotonic()
    assert instance(mock, 9300).status_code == 200
    assert time.monotonic() - started >= 0.3


def test_a_bad_key_is_a_401_on_every_route(mock: MockProcess) -> None:
    bad = {"Authorization": "Bearer bad-key-123"}
    assert instance(mock, 42, bad).json() == {"success": False, "error": "auth_error", "msg": "Invalid user key"}
    response = httpx.post(f"{mock.url}/get_endpoint_workers/", json={"id": 42}, headers=bad, timeout=5)
    assert response.status_code == 401
    in_body = httpx.post(f"{mock.url}/get_autogroup_workers/", json={"id": 42, "api_key": "bad"}, timeout=5)
    assert in_body.status_code == 401


def test_the_worker_routes_take_the_key_in_the_body(mock: MockProcess) -> None:
    """As Vast's serverless client sends it: `{"id": N, "api_key": "..."}` and no header."""
    response = httpx.post(f"{mock.url}/get_endpoint_workers/", json={"id": 42, "api_key": "body-key"}, timeout=5)
    assert response.status_code == 200
    assert len(response.json()) == 3


def test_a_400_says_what_is_wrong(mock: MockProcess) -> None:
    assert instance(mock, 0).json()["msg"] == "Invalid request: Request path parameter id must be >= 1"
    body = workers(mock, 1, id="x").json()
    assert body["msg"] == "Invalid request: Request body property id must be integer"


@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "DELETE", "PATCH"])
def test_an_unknown_path_is_a_404_whatever_the_method(mock: MockProcess, method: str) -> None:
    response = httpx.request(method, f"{mock.url}/nonexistent/", headers=AUTH, timeout=5)
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_the_journal_shows_what_the_app_sent_without_its_secrets(mock: MockProcess) -> None:
    httpx.post(f"{mock.url}/__mock/reset", timeout=5)
    instance(mock, 42, {"Authorization": "Bearer journal-secret-1"})
    httpx.post(f"{mock.url}/get_autogroup_workers/", json={"id": 7, "api_key": "journal-secret-2"}, timeout=5)
    journal = httpx.get(f"{mock.url}/__mock/journal", timeout=5).json()["requests"]
    assert [(r["method"], r["path"], r["answer"]["status"]) for r in journal] == [
        ("GET", "/api/v0/instances/42/", 200),
        ("POST", "/get_autogroup_workers/", 200),
    ]
    assert journal[0]["headers"]["authorization"] == "***"
    assert journal[1]["body"] == {"id": 7, "api_key": "***"}
    assert "journal-secret" not in json.dumps(journal)


def test_an_instance_goes_created_loading_running_and_reset_starts_it_over(mock: MockProcess) -> None:
    # A world of its own whose clock moves only when told: a loaded machine cannot skip a state.
    headers = {"Authorization": "Bearer lifecycle-in-steps"}
    clock = f"{mock.url}/__mock/clock"
    assert httpx.post(clock, json={"freeze": True}, headers=headers, timeout=5).status_code == 200
    seen = []
    for _ in range(8):
        seen.append(instance(mock, 7010, headers).json()["instances"]["actual_status"])
        httpx.post(clock, json={"advance": LIFECYCLE_SECONDS / 6}, headers=headers, timeout=5)
    assert list(dict.fromkeys(seen)) == ["created", "loading", "running"]
    httpx.post(f"{mock.url}/__mock/reset", headers=headers, timeout=5)
    assert instance(mock, 7010, headers).json()["instances"]["actual_status"] == "created"


@pytest.mark.usefixtures("real_time")
def test_wait_for_instance_succeeds_on_one_that_comes_up(mock: MockProcess) -> None:
    with VastClient(api_key="dev-key", base_url=mock.url) as client:
        ready = client.wait_for_instance(7020, timeout=LIFECYCLE_SECONDS * 4, poll_interval=0.2)
    assert (ready.id, ready.actual_status) == (7020, "running")


@pytest.mark.usefixtures("real_time")
def test_wait_for_instance_fails_on_one_that_exits(mock: MockProcess) -> None:
    with VastClient(api_key="dev-key", base_url=mock.url) as client, pytest.raises(WaitError) as caught:
        client.wait_for_instance(7120, timeout=LIFECYCLE_SECONDS * 4, poll_interval=0.2)
    assert "Instance 7120 is 'exited'" in str(caught.value)


@pytest.mark.usefixtures("real_time")
def test_wait_for_workers_succeeds_and_fails_async(mock: MockProcess) -> None:
    import asyncio

    async def run() -> tuple[Any, BaseException | None]:
        async with AsyncVastClient(api_key="dev-key", base_url=mock.url) as client:
            ready = await client.wait_for_workers(7030, min_ready=2, timeout=LIFECYCLE_SECONDS * 4, poll_interval=0.2)
            try:
                await client.wait_for_workers(7130, timeout=LIFECYCLE_SECONDS * 4, poll_interval=0.2)
            except WaitError as error:
                return ready, error
            return ready, None

    ready, failed = asyncio.run(run())
    assert [w.status for w in ready] == ["READY", "READY"]
    assert isinstance(failed, WaitError)
    assert "Every worker of endpoint 7130 has failed" in str(failed)


@pytest.mark.usefixtures("real_time")
def test_the_rate_limit_mode_answers_like_vast_and_the_wrapper_paces_itself() -> None:
    with MockProcess(arguments=("--rate-limit", "0.3")) as limited:
        # This key's clock stands still: the first answer may take longer than 0.3 s on a loaded machine.
        httpx.post(f"{limited.url}/__mock/clock", json={"freeze": True}, headers=AUTH, timeout=5)
        first = instance(limited, 42)
        second = instance(limited, 43)
        other_key = instance(limited, 44, {"Authorization": "Bearer another-key"})
        assert (first.status_code, second.status_code, other_key.status_code) == (200, 429, 200)
        assert second.text == "API requests too frequent: endpoint threshold=0.3"
        assert "retry-after" not in second.headers
        time.sleep(0.35)
        with VastClient(api_key="pacing-key", base_url=limited.url) as client:
            results = [client.show_instance(ident) for ident in range(1, 21)]
    assert [r.id for r in results] == list(range(1, 21))  # 20 calls, 0 failures.


def test_latency_delays_every_answer() -> None:
    with MockProcess(arguments=("--latency", "250-300")) as slow:
        started = time.monotonic()
        assert instance(slow, 42).status_code == 200
        assert time.monotonic() - started >= 0.25


def test_vasts_own_cli_shows_an_instance_and_lists_workers(mock: MockProcess) -> None:
    """vastai 1.9.1 (its own environment, installed by make) reads the mock's live-shaped answers."""
    assert VASTAI.exists(), "vastai is missing: `make test` installs it in .bench-venv/vastai"
    env = {**os.environ, "HOME": str(ROOT / "build"), "NO_COLOR": "1"}
    common = ["--url", mock.url, "--api-key", "dev-key", "--raw"]
    shown = subprocess.run([str(VASTAI), "show", "instance", "42", *common], capture_output=True, text=True,
                           timeout=60, env=env, check=False)  # fmt: skip
    assert shown.returncode == 0, shown.stderr[-2000:]
    assert json.loads(shown.stdout)["id"] == 42
    listed = subprocess.run([str(VASTAI), "get", "endpt-workers", "42", *common], capture_output=True, text=True,
                            timeout=60, env=env, check=False)  # fmt: skip
    assert listed.returncode == 0, listed.stderr[-2000:]
    assert [w["id"] for w in json.loads(listed.stdout)] == [4200, 4201, 4202]


@pytest.mark.parametrize(
    ("how", "broken"),
    [
        ({"id": 3000}, httpx.ReadTimeout),  # never answers
        ({"id": 3001}, httpx.RemoteProtocolError),  # connection reset before any answer
        ({"id": 3002}, httpx.RemoteProtocolError),  # JSON cut in the middle
        ({"fault": "hang"}, httpx.ReadTimeout),
        ({"fault": "reset"}, httpx.RemoteProtocolError),
        ({"fault": "truncated"}, httpx.RemoteProtocolError),
    ],
    ids=["id-hang", "id-reset", "id-truncated", "set-hang", "set-reset", "set-truncated"],
)
def test_a_network_failure_on_demand_leaves_the_mock_serving(
    mock: MockProcess, how: dict[str, Any], broken: type[Exception]
) -> None:
    key = {"Authorization": f"Bearer fault-{how.get('id') or how['fault']}"}
    ident = how.get("id", 42)
    if "fault" in how:
        made = httpx.post(f"{mock.url}/__mock/answers", json={"operation": "show_instance", "id": 42, **how},
                          headers=key, timeout=5)  # fmt: skip
        assert made.status_code == 201
    with pytest.raises((broken, httpx.ReadError)):
        httpx.get(f"{mock.url}/api/v0/instances/{ident}/", headers=key, timeout=1.0)
    assert mock.alive()
    assert instance(mock, 43, key).json()["instances"]["id"] == 43


def test_a_dribbled_body_arrives_whole_and_a_malformed_one_does_not_parse(mock: MockProcess) -> None:
    dribbled = instance(mock, 3105)  # Over half a second.
    assert dribbled.json()["instances"]["id"] == 3105
    malformed = instance(mock, 3003)
    assert malformed.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        malformed.json()
    assert instance(mock, 42).status_code == 200


def test_two_keys_in_parallel_never_see_each_other(mock: MockProcess) -> None:
    """Two tests at once, each with its own key: own clock, own runtime answers, own journal, own reset."""
    import concurrent.futures

    def one_test(name: str) -> tuple[list[str], int, list[str]]:
        key = {"Authorization": f"Bearer parallel-{name}"}
        admin = httpx.Client(base_url=mock.url, headers=key, timeout=5)
        admin.post("/__mock/reset")
        admin.post("/__mock/clock", json={"freeze": True})
        admin.post("/__mock/answers", json={"operation": "get_endpoint_workers", "scenario": "no workers", "times": 3})
        seen = []
        for _ in range(3):
            seen.append(instance(mock, 7050, key).json()["instances"]["actual_status"])
            assert workers_with(mock, 42, key).json() == []
            admin.post("/__mock/clock", json={"advance": LIFECYCLE_SECONDS / 2})
        journal = admin.get("/__mock/journal").json()
        admin.close()
        return seen, journal["count"], sorted({entry["scope"] for entry in journal["requests"]})

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        first, second = pool.map(one_test, ["a", "b"])
    assert first[0] == second[0] == ["created", "loading", "running"]
    assert first[1] == second[1] == 6
    assert len(first[2]) == len(second[2]) == 1
    assert first[2] != second[2]


def workers_with(mock: MockProcess, ident: int, headers: dict[str, str]) -> httpx.Response:
    return httpx.post(f"{mock.url}/get_endpoint_workers/", json={"id": ident}, headers=headers, timeout=5)
