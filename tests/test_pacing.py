"""Pacing shared per key: clients of one process, processes of one machine (a SQLite file), and
what happens when a store expires, fails or was never needed. Time is the fake clock: nothing sleeps."""

from __future__ import annotations

import asyncio
import gc
import logging
import sys
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import CANARY_KEY, FakeTime, Script, json_response, text_response
from tools.project import ROOT
from vast_wrapper import AsyncVastClient, InvalidInputError, RateLimitError, VastClient, _pacing
from vast_wrapper._constants import PACING_FACTOR, PACING_MARGIN, PACING_MEMORY, PACING_REFRESH, PACING_STORE_RETRY

RUNNING = {"instances": {"id": 123, "actual_status": "running"}}
SPACING = 0.2 * PACING_FACTOR + PACING_MARGIN
ENDPOINT = "show_instance https://console.vast.ai"


class VastLimit:
    """Like Vast, on the fake clock: 429 with the threshold for a call less than `interval` after the
    last accepted one with the same key; counts the 429s it sent."""

    def __init__(self, fake_time: FakeTime, interval: float = 0.2) -> None:
        self.fake_time = fake_time
        self.interval = interval
        self.last: dict[str, float] = {}
        self.limited = 0
        self.lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        key = request.headers["authorization"]
        with self.lock:
            now = self.fake_time.now
            if now - self.last.get(key, -1e9) < self.interval:
                self.limited += 1
                return text_response(429, f"API requests too frequent: endpoint threshold={self.interval}")
            self.last[key] = now
        return json_response(200, RUNNING)

    def client(self, key: str = CANARY_KEY, **options: Any) -> VastClient:
        return VastClient(api_key=key, transport=httpx.MockTransport(self), **options)

    def async_client(self, key: str = CANARY_KEY, **options: Any) -> AsyncVastClient:
        return AsyncVastClient(api_key=key, transport=httpx.MockTransport(self), **options)


# --- one process --------------------------------------------------------------------------------


@pytest.mark.parametrize("pacing_url", [None, "memory://"])
def test_clients_of_one_key_share_what_a_429_taught(fake_time: FakeTime, pacing_url: str | None) -> None:
    """4 clients of one key, called in turn (a web app's client per request): one 429 teaches them all."""
    server = VastLimit(fake_time)
    clients = [server.client(pacing_url=pacing_url) for _ in range(4)]
    for _ in range(10):
        for client in clients:
            client.show_instance(1)
    assert server.limited == 1
    assert fake_time.now - 1000.0 >= 39 * 0.2


@pytest.mark.parametrize("pacing_url", [None, "memory://"])
def test_a_client_per_request_remembers_what_the_last_one_learnt(fake_time: FakeTime, pacing_url: str | None) -> None:
    """Clients made, used and dropped one after another still share: one 429 for all of them."""
    server = VastLimit(fake_time)
    for _ in range(2):
        with server.client(pacing_url=pacing_url) as client:
            client.show_instance(1)
    del client
    gc.collect()  # The clients that learnt are gone for good.
    for _ in range(8):
        with server.client(pacing_url=pacing_url) as client:
            client.show_instance(1)
    assert server.limited == 1


def test_sync_and_async_clients_of_one_key_share_slots(fake_time: FakeTime) -> None:
    """A sync client learns the interval; an async client of the same key waits for its slot at once."""
    server = VastLimit(fake_time)
    with server.client() as sync_client:
        sync_client.show_instance(1)
        sync_client.show_instance(1)  # 429: learns 0.2 s, retries in the next slot.

        async def run() -> None:
            async with server.async_client() as client:
                await client.show_instance(1)

        asyncio.run(run())
    assert fake_time.sleeps == [pytest.approx(SPACING), pytest.approx(SPACING)]
    assert server.limited == 1


def test_one_keys_pacing_never_slows_another(fake_time: FakeTime) -> None:
    """After key A learnt an interval, key B's calls wait for nothing."""
    server = VastLimit(fake_time)
    with server.client("key-A") as a:
        a.show_instance(1)
        a.show_instance(1)  # Learns, and waits.
    waits = len(fake_time.sleeps)
    with server.client("key-B") as b:
        for _ in range(5):
            b.show_instance(1)
            fake_time.now += 1.0  # B's own calls are spaced beyond the limit: none needs pacing.
    assert len(fake_time.sleeps) == waits


def test_one_key_on_two_servers_is_paced_apart(fake_time: FakeTime) -> None:
    """The interval learnt against one server (a mock) does not slow the same key against another."""
    server = VastLimit(fake_time)
    with server.client(base_url="http://127.0.0.1:1") as mock:
        mock.show_instance(1)
        mock.show_instance(1)
    waits = len(fake_time.sleeps)
    with Script(json_response(200, RUNNING)).client() as real:
        for _ in range(3):
            real.show_instance(1)
    assert len(fake_time.sleeps) == waits


# --- one machine: pacers of separate processes over one file -----------------------------------


def process_pacer(path: Path, secret: str = CANARY_KEY) -> _pacing.Pacer:
    """The pacer one process would have: its own memory and connection, the machine's file."""
    return _pacing.Pacer(_pacing.key_id(secret), _pacing.SQLiteStore(path))


def test_processes_share_slots_through_the_file(fake_time: FakeTime, tmp_path: Path) -> None:
    """Threads of 4 'processes' take distinct slots one spacing apart from the file, once one learnt."""
    fake_time.frozen = True
    path = tmp_path / "pacing.sqlite3"
    pacers = [process_pacer(path) for _ in range(4)]
    pacers[0].learn(ENDPOINT, 0.2)
    waits = [pacer.reserve(ENDPOINT) for pacer in pacers]  # The others read the interval from the file.
    lock = threading.Lock()

    def take(pacer: _pacing.Pacer) -> None:
        for _ in range(5):
            wait = pacer.reserve(ENDPOINT)
            with lock:
                waits.append(wait)

    threads = [threading.Thread(target=take, args=(pacer,)) for pacer in pacers for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(waits) == [pytest.approx(k * SPACING) for k in range(1, 45)]


def test_a_process_that_never_saw_a_429_learns_from_the_file(fake_time: FakeTime, tmp_path: Path) -> None:
    """A second process starts paced, on the interval the first one learnt, with no 429 of its own."""
    fake_time.frozen = True
    path = tmp_path / "pacing.sqlite3"
    first, second = process_pacer(path), process_pacer(path)
    first.learn(ENDPOINT, 0.2)
    assert first.reserve(ENDPOINT) == pytest.approx(SPACING)
    assert second.reserve(ENDPOINT) == pytest.approx(2 * SPACING)
    assert second.interval(ENDPOINT) == pytest.approx(SPACING)


def test_learnt_intervals_expire(fake_time: FakeTime, tmp_path: Path) -> None:
    """An interval is forgotten PACING_MEMORY after the 429 that taught it: calls go unpaced again."""
    path = tmp_path / "pacing.sqlite3"
    pacer = process_pacer(path)
    pacer.learn(ENDPOINT, 0.2)
    pacer.reserve(ENDPOINT)
    fake_time.now += PACING_MEMORY + 1
    assert pacer.reserve(ENDPOINT) == 0.0
    assert pacer.interval(ENDPOINT) is None
    assert process_pacer(path).reserve(ENDPOINT) == 0.0


def test_the_file_never_holds_the_key(fake_time: FakeTime) -> None:
    """After learning and pacing, no file of the default store contains the key; its hash names it."""
    server = VastLimit(fake_time)
    with server.client() as client:
        for _ in range(3):
            client.show_instance(1)
    path = _pacing.default_store_path()
    files = list(path.parent.glob(f"{path.name}*"))  # The database and its write-ahead log.
    text = b"".join(p.read_bytes() for p in files)
    assert files
    assert _pacing.key_id(CANARY_KEY).encode() in text
    assert CANARY_KEY.encode() not in text
    assert CANARY_KEY not in repr(client)


# --- cheap when nothing was learnt --------------------------------------------------------------


class CountingStore(_pacing.MemoryStore):
    """A shared store that counts how often it is asked."""

    where = "counting"

    def __init__(self) -> None:
        super().__init__()
        self.health = _pacing.Health(self.where)
        self.asked = 0

    def intervals(self, key: str) -> dict[str, float]:
        self.asked += 1
        return super().intervals(key)

    def reserve(self, key: str, endpoint: str, spacing: float, hold: float | None) -> float | None:
        self.asked += 1
        return super().reserve(key, endpoint, spacing, hold)


def test_an_endpoint_that_never_answered_429_pays_no_store_round_trip_per_call(fake_time: FakeTime) -> None:
    """1,000 calls within PACING_REFRESH ask the store once; the next refresh asks again."""
    fake_time.frozen = True
    store = CountingStore()
    pacer = _pacing.Pacer("k", store)
    assert all(pacer.reserve(ENDPOINT) == 0.0 for _ in range(1000))
    assert store.asked == 1
    fake_time.now += PACING_REFRESH
    pacer.reserve(ENDPOINT)
    assert store.asked == 2


def test_no_file_is_made_until_a_429_teaches_something(fake_time: FakeTime) -> None:
    """Calls that never meet a 429 leave no store file behind; the first 429 makes it."""
    server = VastLimit(fake_time)
    with server.client() as client:
        for _ in range(3):
            client.show_instance(1)
            fake_time.now += 1.0
        assert not _pacing.default_store_path().exists()
        client.show_instance(1)
        client.show_instance(1)  # 429: learnt, and shared.
    assert _pacing.default_store_path().exists()


def test_under_testing_instant_the_machines_store_is_never_touched(tmp_path: Path) -> None:
    """A user's instant tests pace in their process only: no virtual slot reaches the file other processes read."""
    from vast_wrapper import testing

    path = tmp_path / "pacing.sqlite3"
    answers = iter(
        [text_response(429, "API requests too frequent: endpoint threshold=0.2")] + [json_response(200, RUNNING)] * 3
    )
    transport = httpx.MockTransport(lambda request: next(answers))
    with (
        testing.instant() as clock,
        VastClient(api_key=CANARY_KEY, transport=transport, pacing_url=f"sqlite:///{path}") as client,
    ):
        for _ in range(3):
            client.show_instance(123)
    assert clock.waits == [pytest.approx(SPACING)] * 3  # The retry and each later call paced, on the virtual clock.
    assert not path.exists()


def test_a_call_long_after_a_429_is_not_held_back(fake_time: FakeTime) -> None:
    """The interval a 429 taught runs from that 429: a call made once it has passed goes at once."""
    server = VastLimit(fake_time)
    with server.client(max_retries=0) as client:
        client.show_instance(1)
        with pytest.raises(RateLimitError):
            client.show_instance(1)  # 429, learnt, not retried.
        fake_time.now += 5.0
        client.show_instance(1)
    assert fake_time.sleeps == []


# --- failures: unwritable directory, a store that breaks, a crash -----------------------------


def test_an_unwritable_directory_falls_back_to_in_process_pacing_with_one_warning(
    fake_time: FakeTime, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """With a runtime 'directory' that is a file, calls succeed, stay paced, and one warning names why."""
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(blocker))
    server = VastLimit(fake_time)
    with caplog.at_level(logging.WARNING, logger="vast_wrapper"):
        clients = [server.client() for _ in range(2)]
        for _ in range(10):
            for client in clients:
                client.show_instance(1)
    assert server.limited == 1
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    store = blocker / "vast-wrapper" / "pacing.sqlite3"
    assert warnings == [
        f"vast_wrapper: the pacing store {store} failed (NotADirectoryError); pacing continues within this "
        "process only, and the store is tried again every 30 s."
    ]


class BrokenStore(CountingStore):
    """A shared store that fails (as a Redis going down would) while `broken` is set."""

    broken = False

    def intervals(self, key: str) -> dict[str, float]:
        if self.broken:
            raise ConnectionError("store down")
        return super().intervals(key)

    def reserve(self, key: str, endpoint: str, spacing: float, hold: float | None) -> float | None:
        if self.broken:
            raise ConnectionError("store down")
        return super().reserve(key, endpoint, spacing, hold)


def test_a_store_failing_mid_run_leaves_local_pacing_and_is_tried_again(
    fake_time: FakeTime, caplog: pytest.LogCaptureFixture
) -> None:
    """Slots keep their spacing in-process while the store is down; it is asked again after the pause."""
    fake_time.frozen = True
    store = BrokenStore()
    pacer = _pacing.Pacer("k", store)
    pacer.learn(ENDPOINT, 0.2)
    assert pacer.reserve(ENDPOINT) == pytest.approx(SPACING)
    store.broken = True
    with caplog.at_level(logging.WARNING, logger="vast_wrapper"):
        waits = [pacer.reserve(ENDPOINT) for _ in range(3)]
    assert waits == [pytest.approx(k * SPACING) for k in range(3)]  # Local slots, still spaced.
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1
    asked = store.asked
    store.broken = False
    pacer.reserve(ENDPOINT)
    assert store.asked == asked  # Not yet: the store rests PACING_STORE_RETRY.
    fake_time.now += PACING_STORE_RETRY
    pacer.reserve(ENDPOINT)
    assert store.asked == asked + 1


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_429_learnt_while_the_store_was_down_reaches_it_when_it_is_back(
    fake_time: FakeTime, tmp_path: Path, kind: str
) -> None:
    """Another process learns the interval once the store answers again, without a 429 of its own."""
    fake_time.frozen = True
    blocker = tmp_path / "runtime"
    blocker.write_text("")  # The store's folder cannot be made: the store is down.
    path = blocker / "pacing.sqlite3"
    pacer = _pacing.Pacer("k", _pacing.SQLiteStore(path))
    pacer.learn(ENDPOINT, 0.2)
    assert pacer.reserve(ENDPOINT) == pytest.approx(SPACING)  # A local slot while the store is down.
    blocker.unlink()
    fake_time.now += PACING_STORE_RETRY  # The store is tried again, and works.
    if kind == "sync":
        pacer.reserve(ENDPOINT)
    else:
        asyncio.run(pacer.areserve(ENDPOINT))
    later = _pacing.Pacer("k", _pacing.SQLiteStore(path))  # Another process.
    assert later.reserve(ENDPOINT) == pytest.approx(SPACING)  # Paced from its first call.


def test_a_store_that_fails_again_says_so_at_debug_level_only(
    fake_time: FakeTime, caplog: pytest.LogCaptureFixture
) -> None:
    """One warning for the first failure; each later one, after the pause, is a debug line."""
    fake_time.frozen = True
    store = BrokenStore()
    store.broken = True
    pacer = _pacing.Pacer("k", store)
    pacer.learn(ENDPOINT, 0.2)
    with caplog.at_level(logging.DEBUG, logger="vast_wrapper"):
        pacer.reserve(ENDPOINT)
        pacer.reserve(ENDPOINT)  # Within the pause: the store is not asked.
        fake_time.now += PACING_STORE_RETRY
        pacer.reserve(ENDPOINT)
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("WARNING", "vast_wrapper: the pacing store counting failed (ConnectionError); pacing continues within "
         "this process only, and the store is tried again every 30 s."),
        ("DEBUG", "pacing store counting failed again (ConnectionError)"),
    ]  # fmt: skip


def test_async_calls_fall_back_too(fake_time: FakeTime) -> None:
    """An awaited reservation on a failing store gives a local slot, never an exception."""
    fake_time.frozen = True
    store = BrokenStore()
    store.broken = True
    pacer = _pacing.Pacer("k", store)
    pacer.learn(ENDPOINT, 0.2)

    async def run() -> list[float]:
        return [await pacer.areserve(ENDPOINT) for _ in range(3)]

    assert asyncio.run(run()) == [pytest.approx(k * SPACING) for k in range(1, 4)]


def test_a_call_that_keeps_getting_429_still_fails_as_a_rate_limit(fake_time: FakeTime) -> None:
    """Sharing changes the waits, not the errors: retries spent on 429 raise RateLimitError."""
    script = Script(text_response(429, "API requests too frequent: endpoint threshold=0.2"))
    with script.client() as client, pytest.raises(RateLimitError):
        client.show_instance(1)


# --- settings ----------------------------------------------------------------------------------


def test_the_argument_beats_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """VAST_PACING_URL picks the store; pacing_url= beats it."""
    monkeypatch.setenv("VAST_PACING_URL", "memory://")
    path = tmp_path / "chosen.sqlite3"
    with VastClient(api_key=CANARY_KEY) as env_client:
        assert env_client._pacer.where == "memory"
    with VastClient(api_key=CANARY_KEY, pacing_url=f"sqlite://{path}") as arg_client:
        assert arg_client._pacer.where == str(path)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://:hunter2@redis.example:6379", "must start with redis://"),
        ("sqlite://relative/path", "absolute file"),
        ("redis://:hunter2@/0", "must name a Redis host"),
        ("redis://:hunter2@host:port/0", "not a valid URL"),
    ],
)
def test_a_bad_pacing_url_is_refused_without_quoting_it(url: str, message: str) -> None:
    """A clear InvalidInputError, which never shows the URL (it may hold a password)."""
    with pytest.raises(InvalidInputError, match=message) as caught:
        VastClient(api_key=CANARY_KEY, pacing_url=url)
    assert "hunter2" not in str(caught.value)


def test_a_redis_url_never_shows_its_password() -> None:
    """The store's name in warnings and the client's repr carry no Redis password."""
    with VastClient(api_key=CANARY_KEY, pacing_url="redis://:hunter2@127.0.0.1:1/0") as client:
        assert client._pacer.where == "redis://127.0.0.1:1/0"
        assert "hunter2" not in repr(client)


def test_a_corrupt_file_is_made_afresh_with_one_warning(
    fake_time: FakeTime, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A store file that is not a database (it holds only learnt intervals) is replaced: one warning
    names it, and the new file shares pacing again, with the next process too."""
    path = tmp_path / "pacing.sqlite3"
    path.write_bytes(b"not a database, " * 100)
    server = VastLimit(fake_time)
    with caplog.at_level(logging.WARNING, logger="vast_wrapper"), server.client(pacing_url=f"sqlite://{path}") as c:
        for _ in range(5):
            c.show_instance(1)
    assert server.limited == 1
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [f"vast_wrapper: the pacing store {path} was not a database; it was made afresh."]
    _pacing.forget_all()  # As a process started afterwards: only the file remembers the 429.
    with server.client(pacing_url=f"sqlite://{path}") as c:
        for _ in range(5):
            c.show_instance(1)
    assert server.limited == 1


def test_the_default_file_lives_in_the_runtime_directory_else_the_cache(tmp_path: Path) -> None:
    """XDG_RUNTIME_DIR first, then XDG_CACHE_HOME, then ~/.cache; relative paths are ignored."""
    run, cache = str(tmp_path / "run"), str(tmp_path / "cache")
    name = Path("vast-wrapper") / "pacing.sqlite3"
    assert _pacing.default_store_path({"XDG_RUNTIME_DIR": run, "XDG_CACHE_HOME": cache}) == Path(run) / name
    assert _pacing.default_store_path({"XDG_RUNTIME_DIR": "rel", "XDG_CACHE_HOME": cache}) == Path(cache) / name
    assert _pacing.default_store_path({}) == Path.home() / ".cache" / name


def test_pacers_kept_for_dropped_clients_are_bounded() -> None:
    """Clients of many keys, made and dropped: the pacers kept for them stay a bounded number."""
    for n in range(_pacing.RECENT_PACERS * 2):
        VastClient(api_key=f"key-{n}").close()
    gc.collect()
    assert len(_pacing._pacers) <= _pacing.RECENT_PACERS


def test_a_redis_url_without_the_extra_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without redis-py installed, a Redis URL is refused with the pip command that adds it."""
    monkeypatch.setitem(sys.modules, "redis", None)
    with pytest.raises(InvalidInputError, match=r'pip install "vast-wrapper\[redis\]"'):
        VastClient(api_key=CANARY_KEY, pacing_url="redis://127.0.0.1:6379/0")


def test_redis_is_an_optional_extra() -> None:
    """The runtime dependencies stay httpx and attrs; redis-py comes with `vast-wrapper[redis]`."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert sorted(d.split(">")[0].split("=")[0] for d in project["dependencies"]) == ["attrs", "httpx"]
    assert [d.split(">")[0] for d in project["optional-dependencies"]["redis"]] == ["redis"]


# --- decisions pinned: each store, sync and async alike ----------------------------------------

OTHER = "get_endpoint_workers https://run.vast.ai"
SLOW = 0.5 * PACING_FACTOR + PACING_MARGIN


def take(pacer: _pacing.Pacer, kind: str, endpoint: str = ENDPOINT) -> float:
    """One slot, from `reserve` or from `areserve`."""
    return pacer.reserve(endpoint) if kind == "sync" else asyncio.run(pacer.areserve(endpoint))


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_shared_store_paces_a_key_across_pacers_and_leaves_other_keys_alone(fake_time: FakeTime, kind: str) -> None:
    """Through one shared store: the pacer that learnt waits one spacing, another pacer of the key two
    (with no 429 of its own), a pacer of another key nothing; awaited slots are the same slots."""
    fake_time.frozen = True
    store = CountingStore()
    learnt, same_key, other_key = (_pacing.Pacer(k, store) for k in ("k", "k", "other"))
    learnt.learn(ENDPOINT, 0.2)
    waits = [take(learnt, kind), take(same_key, kind), take(other_key, kind), take(learnt, kind)]
    assert waits == [pytest.approx(SPACING), pytest.approx(2 * SPACING), 0.0, pytest.approx(3 * SPACING)]
    assert store.asked == 5  # A slot each; what others learnt read once by each pacer that knew nothing.
    assert store.intervals("k") == {ENDPOINT: pytest.approx(SPACING)}
    assert store.intervals("other") == {}


@pytest.mark.parametrize("kind", ["sync", "async"])
@pytest.mark.parametrize("url", ["memory://", "down"])
def test_in_process_slots_are_kept_per_endpoint(fake_time: FakeTime, tmp_path: Path, kind: str, url: str) -> None:
    """Pacing in-process (memory://, or a shared store that is down): each endpoint keeps its own slots."""
    fake_time.frozen = True
    if url == "down":
        blocker = tmp_path / "runtime"
        blocker.write_text("")  # The store's folder cannot be made: the store is down.
        pacer = _pacing.Pacer("k", _pacing.SQLiteStore(blocker / "pacing.sqlite3"))
    else:
        pacer = _pacing.Pacer("k", _pacing.open_store(url))
    pacer.learn(ENDPOINT, 0.2)
    pacer.learn(OTHER, 0.5)
    waits = [take(pacer, kind, e) for e in (ENDPOINT, OTHER, ENDPOINT, OTHER)]
    assert waits == [pytest.approx(w) for w in (SPACING, SLOW, 2 * SPACING, 2 * SLOW)]


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_longer_interval_learnt_later_spaces_the_slots_after_it(fake_time: FakeTime, kind: str) -> None:
    """A second 429 asking for more time replaces the interval: the slot after it is the new spacing away."""
    fake_time.frozen = True
    pacer = _pacing.Pacer("k", None)
    pacer.learn(ENDPOINT, 0.2)
    first = take(pacer, kind)  # The next slot was 2 spacings away; the new 429 holds it further.
    pacer.learn(ENDPOINT, 0.5)
    waits = [first, take(pacer, kind), take(pacer, kind)]
    assert waits == [pytest.approx(SPACING), pytest.approx(SLOW), pytest.approx(2 * SLOW)]


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_an_async_process_that_never_saw_a_429_learns_from_the_file(
    fake_time: FakeTime, tmp_path: Path, kind: str
) -> None:
    """As for sync calls: awaited slots of a second process follow the first one's, from its first call."""
    fake_time.frozen = True
    path = tmp_path / "pacing.sqlite3"
    first, second = process_pacer(path), process_pacer(path)
    first.learn(ENDPOINT, 0.2)
    assert take(first, kind) == pytest.approx(SPACING)
    assert take(second, kind) == pytest.approx(2 * SPACING)
    assert second.interval(ENDPOINT) == pytest.approx(SPACING)


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_an_interval_expires_an_hour_after_its_429_however_often_it_is_used(
    fake_time: FakeTime, tmp_path: Path, kind: str
) -> None:
    """Calls paced by an interval do not renew it: exactly PACING_MEMORY after the 429 it is forgotten."""
    path = tmp_path / "pacing.sqlite3"
    pacer = process_pacer(path)
    pacer.learn(ENDPOINT, 0.2)
    learnt_at = fake_time.now
    take(pacer, kind)
    fake_time.now = learnt_at + PACING_MEMORY - 1
    assert take(pacer, kind) == 0.0  # Still known: its slot is free.
    assert pacer.interval(ENDPOINT) == pytest.approx(SPACING)
    fake_time.now = learnt_at + PACING_MEMORY
    assert take(pacer, kind) == 0.0
    assert pacer.interval(ENDPOINT) is None
    assert process_pacer(path).reserve(ENDPOINT) == 0.0


def test_a_429_in_a_second_process_queues_behind_slots_the_first_already_took(
    fake_time: FakeTime, tmp_path: Path
) -> None:
    """A process that learns the interval itself still takes the slot after those another process holds."""
    fake_time.frozen = True
    path = tmp_path / "pacing.sqlite3"
    first, second = process_pacer(path), process_pacer(path)
    first.learn(ENDPOINT, 0.2)
    assert [first.reserve(ENDPOINT) for _ in range(3)] == [pytest.approx(k * SPACING) for k in (1, 2, 3)]
    second.learn(ENDPOINT, 0.2)  # Its own 429, before it read the file.
    assert second.reserve(ENDPOINT) == pytest.approx(4 * SPACING)


@pytest.mark.parametrize("kind", ["sync", "async"])
@pytest.mark.parametrize("failing", ["intervals", "reserve"])
def test_a_failing_store_is_named_with_its_error_in_the_warning(
    fake_time: FakeTime, caplog: pytest.LogCaptureFixture, kind: str, failing: str
) -> None:
    """Whether reading what others learnt or taking a slot fails, sync or awaited, the warning names the error."""
    fake_time.frozen = True
    store = BrokenStore()
    store.broken = True
    pacer = _pacing.Pacer("k", store)
    if failing == "reserve":
        pacer.learn(ENDPOINT, 0.2)
    with caplog.at_level(logging.WARNING, logger="vast_wrapper"):
        assert take(pacer, kind) == pytest.approx(SPACING if failing == "reserve" else 0.0)
    assert [r.getMessage() for r in caplog.records] == [
        "vast_wrapper: the pacing store counting failed (ConnectionError); pacing continues within this "
        "process only, and the store is tried again every 30 s."
    ]


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_an_endpoint_the_store_forgot_is_called_freely_until_the_next_429(
    fake_time: FakeTime, tmp_path: Path, kind: str
) -> None:
    """Another process's slot found the interval expired: this pacer forgets it too, with no warning."""
    path = tmp_path / "pacing.sqlite3"
    pacer = process_pacer(path)
    pacer.learn(ENDPOINT, 0.2)
    pacer.reserve(ENDPOINT)
    fake_time.now += PACING_MEMORY
    assert [take(pacer, kind), take(pacer, kind)] == [0.0, 0.0]
    assert pacer.interval(ENDPOINT) is None


def test_two_calls_that_both_find_the_interval_expired_leave_the_store_up(
    fake_time: FakeTime, caplog: pytest.LogCaptureFixture
) -> None:
    """Two threads whose slots both come back 'forgotten' (the second arrives mid-call) both call freely."""

    class ForgettingStore(CountingStore):
        def __init__(self) -> None:
            super().__init__()
            self.pacer: _pacing.Pacer | None = None

        def reserve(self, key: str, endpoint: str, spacing: float, hold: float | None) -> float | None:
            inner, self.pacer = self.pacer, None
            if inner is not None:  # Another thread's call, arriving while this one is in the store.
                assert inner.reserve(endpoint) == 0.0
            return None

    store = ForgettingStore()
    pacer = _pacing.Pacer("k", store)
    pacer.learn(ENDPOINT, 0.2)
    store.pacer = pacer
    with caplog.at_level(logging.DEBUG, logger="vast_wrapper"):
        assert pacer.reserve(ENDPOINT) == 0.0
    assert caplog.records == []
    assert store.health.up()


def test_pacers_of_the_last_keys_used_outlive_their_clients(fake_time: FakeTime) -> None:
    """The RECENT_PACERS keys used last keep what they learnt after their clients are gone; older ones go."""
    for n in range(_pacing.RECENT_PACERS + 1):
        _pacing.pacer_for(f"key-{n}", "memory://").learn(ENDPOINT, 0.2)
    gc.collect()
    kept = [_pacing.pacer_for(f"key-{n}", "memory://").interval(ENDPOINT) is not None for n in (64, 1, 0)]
    assert kept == [True, True, False]


def test_a_new_testing_block_starts_in_process_slots_afresh() -> None:
    """A client kept across testing.instant() blocks (a test each) never waits for an earlier block's slots."""
    from vast_wrapper import testing

    answers = [text_response(429, "API requests too frequent: endpoint threshold=0.2"), json_response(200, RUNNING)]
    with Script(*answers).client(pacing_url="memory://") as client:
        with testing.instant() as first:
            for _ in range(3):
                client.show_instance(1)  # Slots at 1, 2 and 3 spacings of this block's time.
        with testing.instant() as second:
            for _ in range(2):
                client.show_instance(1)
    assert first.waits == [pytest.approx(SPACING)] * 3
    assert second.waits == [pytest.approx(SPACING)] * 2  # Not 4 spacings: the earlier block's slots are gone.


def test_a_429_late_in_one_testing_block_holds_the_next_block_one_spacing_at_most() -> None:
    """A 429 at 100 s of one block's time: the next block (its time starts at 0 again) waits one spacing, not 100 s."""
    from vast_wrapper import testing

    answers = [text_response(429, "API requests too frequent: endpoint threshold=0.2"), json_response(200, RUNNING)]
    with Script(*answers).client(pacing_url="memory://") as client:
        with testing.instant() as first:
            first.wait(100)  # The user's own code waited first.
            client.show_instance(1)
        with testing.instant() as second:
            client.show_instance(1)
    assert first.waits == [100, pytest.approx(SPACING)]
    assert second.waits == [pytest.approx(SPACING)]


# --- the SQLite file ---------------------------------------------------------------------------


def test_the_store_makes_its_private_folder_with_its_parents(fake_time: FakeTime, tmp_path: Path) -> None:
    """A store file in folders that do not exist yet: they are made, the last one readable by the user only."""
    path = tmp_path / "a" / "b" / "pacing.sqlite3"
    pacer = process_pacer(path)
    pacer.learn(ENDPOINT, 0.2)
    assert pacer.reserve(ENDPOINT) == pytest.approx(SPACING)
    assert path.is_file()
    assert path.parent.stat().st_mode & 0o777 == 0o700


def test_a_slot_interrupted_mid_transaction_leaves_the_file_usable(
    fake_time: FakeTime, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C inside a slot's transaction: the interrupt comes through, and the next slot is taken normally."""
    fake_time.frozen = True
    store = _pacing.SQLiteStore(tmp_path / "pacing.sqlite3")
    assert store.reserve("k", ENDPOINT, SPACING, SPACING) == pytest.approx(SPACING)

    def interrupted() -> float:
        monkeypatch.setattr(_pacing, "shared_clock", fake_time.clock)
        raise KeyboardInterrupt

    monkeypatch.setattr(_pacing, "shared_clock", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.reserve("k", ENDPOINT, SPACING, None)
    assert store.reserve("k", ENDPOINT, SPACING, None) == pytest.approx(2 * SPACING)


def test_a_closed_store_folds_its_log_into_the_file_and_reopens_on_use(fake_time: FakeTime, tmp_path: Path) -> None:
    """close() lets go of the file (its write-ahead log is removed); closing twice is fine; the next slot reopens it."""
    fake_time.frozen = True
    path = tmp_path / "pacing.sqlite3"
    store = _pacing.SQLiteStore(path)
    store.close()  # Never opened.
    store.reserve("k", ENDPOINT, SPACING, SPACING)
    assert Path(f"{path}-wal").exists()
    store.close()
    store.close()
    assert not Path(f"{path}-wal").exists()
    assert store.intervals("k") == {ENDPOINT: pytest.approx(SPACING)}
    assert store.reserve("k", ENDPOINT, SPACING, None) == pytest.approx(2 * SPACING)


def test_a_store_used_before_a_fork_opens_its_own_connection_after_it(fake_time: FakeTime, tmp_path: Path) -> None:
    """The at-fork hook, run here as in a forked child: the store keeps its slots, over a new connection."""
    fake_time.frozen = True
    store = _pacing.SQLiteStore(tmp_path / "pacing.sqlite3")
    store.reserve("k", ENDPOINT, SPACING, SPACING)
    _pacing._after_fork()
    assert store.reserve("k", ENDPOINT, SPACING, None) == pytest.approx(2 * SPACING)


# --- names: of keys and of stores --------------------------------------------------------------


def test_a_key_is_named_alike_by_every_copy_of_the_wrapper() -> None:
    """Processes and machines share pacing only if they hash a key alike: the name is pinned."""
    assert _pacing.key_id(CANARY_KEY) == "332466d0f39542a27333a2adef87b74a"


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("redis://:hunter2@cache.example:6380/2", "redis://cache.example:6380/2"),
        ("rediss://user:hunter2@cache.example/0", "rediss://cache.example/0"),
        ("unix://:hunter2@/run/redis.sock", "unix:///run/redis.sock"),
    ],
)
def test_a_store_url_is_shown_without_its_password(url: str, shown: str) -> None:
    """Host, port (when given) and path; never the user or password."""
    assert _pacing.describe_url(url) == shown


def test_each_pacing_url_opens_its_store(tmp_path: Path) -> None:
    """memory:// is no shared store; sqlite:/// a file (whatever its name holds); redis:// a Redis, not yet dialled."""
    assert _pacing.open_store("memory://") is None
    odd = tmp_path / "a:b" / "pacing.sqlite3"
    sqlite_store = _pacing.open_store(f"sqlite://{odd}")
    assert isinstance(sqlite_store, _pacing.SQLiteStore)
    assert sqlite_store.where == str(odd)
    redis_store = _pacing.open_store("redis://:hunter2@127.0.0.1:1/3")
    assert isinstance(redis_store, _pacing.RedisStore)
    assert (redis_store.url, redis_store.where) == ("redis://:hunter2@127.0.0.1:1/3", "redis://127.0.0.1:1/3")


def test_intervals_read_from_redis_are_seconds_by_endpoint() -> None:
    """Redis answers a hash of microseconds, as bytes or text: the pacer reads seconds by endpoint name."""
    assert _pacing._spacings({b"show_instance": b"1500000", "workers": "250000"}) == {
        "show_instance": 1.5,
        "workers": 0.25,
    }
