"""Shared fixtures: a canary key, a scripted fake server, and time that never really passes."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from vast_wrapper import AsyncVastClient, VastClient, _pacing, _retry, testing
from vast_wrapper.testing import VirtualClock


def pytest_collection_finish(session: pytest.Session) -> None:
    """Everything imported and collected so far lives for the whole run: set it aside from the
    garbage collector, so each collection (and a test's gc.collect()) scans only the run's own objects."""
    gc.freeze()


CANARY_KEY = "canary-KEY-0f9c2e7d"

Answer = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


class Script:
    """A fake Vast server for httpx.MockTransport: gives its answers in order (the last one
    repeats), raises the exceptions among them, and records every request it saw."""

    def __init__(self, *answers: Answer) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []
        self._lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        with self._lock:
            self.requests.append(request)
            answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        if isinstance(answer, httpx.Response):
            # A Response object is single-use; hand out a copy so the last one can repeat.
            return httpx.Response(answer.status_code, headers=answer.headers, content=answer.content)
        return answer(request)

    def client(self, **options: Any) -> VastClient:
        return VastClient(api_key=CANARY_KEY, transport=httpx.MockTransport(self), **options)

    def async_client(self, **options: Any) -> AsyncVastClient:
        return AsyncVastClient(api_key=CANARY_KEY, transport=httpx.MockTransport(self), **options)


class FakeTime:
    """A clock that moves only when code sleeps, and a record of every sleep: for the pacer's own
    tests, whose machine-wide store keeps this time too (the public switch keeps stores out)."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []
        self.frozen = False
        self._lock = threading.Lock()

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            if not self.frozen:
                self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)


@pytest.fixture(autouse=True)
def clock(request: pytest.FixtureRequest) -> Iterator[VirtualClock | None]:
    """No test ever really sleeps: backoff, pacing and polling are instant, by the public switch
    users have too. A test that asks for `real_time` (or `fake_time`) keeps the real clock."""
    _pacing.forget_all()  # What an earlier test's clients learnt is not this test's.
    if "real_time" in request.fixturenames:
        yield None
        return
    with testing.instant() as virtual:
        yield virtual


@pytest.fixture
def real_time() -> None:
    """Ask for this to keep real time (a mock whose state moves with the clock)."""


@pytest.fixture
def fake_time(real_time: None, monkeypatch: pytest.MonkeyPatch) -> FakeTime:
    """Time for the shared pacer's tests: the client and its machine-wide store both keep this clock."""
    fake = FakeTime()
    monkeypatch.setattr(_retry, "clock", fake.clock)
    monkeypatch.setattr(_retry, "sleep", fake.sleep)
    monkeypatch.setattr(_retry, "async_sleeper", fake.async_sleep)
    monkeypatch.setattr(_pacing, "shared_clock", fake.clock)
    return fake


@pytest.fixture(scope="session")
def shared_runtime_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("runtime"))


@pytest.fixture(autouse=True)
def clean_env(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Tests see only the environment they set, and a pacing store of their own (not the user's)."""
    for name in ("VAST_API_KEY", "VAST_BASE_URL", "VAST_CONSOLE_URL", "VAST_RUN_URL", "VAST_PACING_URL"):
        monkeypatch.delenv(name, raising=False)
    # Under the testing switch no store is touched: one folder serves those tests (a folder each is slow).
    # Real time and child processes write the store: each such test gets a folder of its own.
    marks = {mark.name for mark in request.node.iter_markers()}
    own = "real_time" in request.fixturenames or bool(marks & {"process", "mock"})
    monkeypatch.setenv(
        "XDG_RUNTIME_DIR",
        str(tmp_path_factory.mktemp("runtime")) if own else request.getfixturevalue("shared_runtime_dir"),
    )


def json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, json=body, headers=headers)


def text_response(status: int, text: str, content_type: str = "text/plain") -> httpx.Response:
    return httpx.Response(status, text=text, headers={"content-type": content_type})


@pytest.fixture(scope="session")
def mock_url() -> Iterator[str]:
    """The mock, started once for the tests that need it, and stopped by PID afterwards."""
    from tests.mock_process import MockProcess

    with MockProcess() as mock:
        yield mock.url
