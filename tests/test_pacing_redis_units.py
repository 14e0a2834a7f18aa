"""The Redis pacing store in-process: its Lua script run by fakeredis on the test's fake clock.

What machines sharing one Redis see: slots one spacing apart, a 429's hold, intervals read back
and forgotten, sync and async alike, the key's hash (never the key) in Redis, a failing Redis as
local pacing with one warning, and a store name without its password. The process layer
(test_pacing_processes.py) runs the same store against a real redis-server; nothing here sleeps
or opens a socket.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import types
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import CANARY_KEY, FakeTime, Script, json_response, text_response
from vast_wrapper import _pacing
from vast_wrapper._constants import PACING_FACTOR, PACING_MARGIN, PACING_MEMORY, PACING_STORE_RETRY

if TYPE_CHECKING:
    import fakeredis

URL = "redis://127.0.0.1:6379/0"
SECRET_URL = "redis://:hunter2@127.0.0.1:6379/0"
ENDPOINT = "show_instance https://console.vast.ai"
OTHER = "get_endpoint_workers https://run.vast.ai"
KEY = _pacing.key_id(CANARY_KEY)
SPACING = 0.2 * PACING_FACTOR + PACING_MARGIN
RUNNING = {"instances": {"id": 123, "actual_status": "running"}}
TOO_FREQUENT = "API requests too frequent: endpoint threshold=0.2"


# By host:port, with a client to look inside, for every test of this worker.
_servers: dict[str, tuple[fakeredis.FakeServer, fakeredis.FakeRedis]] = {}


class FakeRedis:
    """A test's fakeredis servers by host:port, empty when it starts; the clients the store opened,
    and the async ones it closed."""

    def __init__(self) -> None:
        import fakeredis  # Here, not at the top: only the workers that run these tests pay for it.

        self._servers: dict[str, tuple[fakeredis.FakeServer, fakeredis.FakeRedis]] = {}
        self.opened: list[object] = []
        self.closed: list[object] = []
        closed = self.closed

        class AsyncRedis(fakeredis.FakeAsyncRedis):
            async def aclose(self, close_connection_pool: bool | None = None) -> None:
                closed.append(self)
                await super().aclose(close_connection_pool)

        self.async_class = AsyncRedis

    def server(self, url: str = URL) -> fakeredis.FakeServer:
        """The Redis at the URL's host and port, as Redis 7.0 (Debian's) behaves."""
        return self._place(url)[0]

    def client(self, url: str = URL) -> fakeredis.FakeRedis:
        """A client of our own, to look at or change what that Redis holds."""
        return self._place(url)[1]

    def _place(self, url: str) -> tuple[fakeredis.FakeServer, fakeredis.FakeRedis]:
        """Empty and up when a test first uses it; kept for the worker's next tests (a new server costs
        a Lua interpreter)."""
        import fakeredis

        parts = urlsplit(url)
        place = f"{parts.hostname}:{parts.port or 6379}"
        if place not in self._servers:
            if place not in _servers:
                server = fakeredis.FakeServer(version=(7, 0))
                _servers[place] = server, fakeredis.FakeRedis(server=server)
            server, client = self._servers[place] = _servers[place]
            server.connected = True
            client.flushall()
        return self._servers[place]

    def sync_client(self, url: str, **options: Any) -> fakeredis.FakeRedis:
        import fakeredis

        client = fakeredis.FakeRedis.from_url(url, server=self.server(url), **options)
        self.opened.append(client)
        return client

    def async_client(self, url: str, **options: Any) -> fakeredis.FakeAsyncRedis:
        client = self.async_class.from_url(url, server=self.server(url), **options)
        self.opened.append(client)
        return client

    def dump(self, url: str = URL) -> bytes:
        """Every name and every value in the server, as Redis serialises them."""
        client = self.client(url)
        return repr(sorted((name, client.dump(name)) for name in client.keys("*"))).encode()

    def names(self, url: str = URL) -> list[bytes | str]:
        return sorted(self.client(url).keys("*"), key=str)


@pytest.fixture
def fake_redis(fake_time: FakeTime, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeRedis]:
    """redis-py's clients, as RedisStore makes them, on fakeredis servers that keep the fake clock.

    fakeredis[lua] runs the store's script in Lua 5.1, as Redis does; its server reads the time
    (TIME, expiry) from these two modules' `time`, pointed here at the test's clock.
    """
    import redis
    import redis.asyncio

    fake = FakeRedis()
    server_time = types.SimpleNamespace(time=fake_time.clock)
    monkeypatch.setattr("fakeredis._socket._base.time", server_time)
    monkeypatch.setattr("fakeredis.commands_mixins.server_mixin.time", server_time)
    monkeypatch.setattr(redis, "Redis", types.SimpleNamespace(from_url=fake.sync_client))
    monkeypatch.setattr(redis.asyncio, "Redis", types.SimpleNamespace(from_url=fake.async_client))
    yield fake
    _pacing.forget_all()  # The clients of this test's stores go with them.


def machine(url: str = URL, secret: str = CANARY_KEY) -> _pacing.Pacer:
    """The pacer one machine would have: its own memory and store, the shared Redis."""
    return _pacing.Pacer(_pacing.key_id(secret), _pacing.RedisStore(url))


# --- slots shared through one Redis ------------------------------------------------------------


def test_stores_on_one_redis_take_slots_one_spacing_apart(fake_redis: FakeRedis, fake_time: FakeTime) -> None:
    """Two machines' stores, one key: nothing to wait for until an interval is learnt, then each slot
    is the spacing after the last one taken anywhere, on the server's clock."""
    a, b = _pacing.RedisStore(URL), _pacing.RedisStore(URL)
    assert a.reserve(KEY, ENDPOINT, 0.25, None) is None  # Nothing learnt: no interval to keep.
    assert a.reserve(KEY, ENDPOINT, 0.25, 0.0) == 0.0  # Just learnt, nothing held: this slot is now.
    assert b.reserve(KEY, ENDPOINT, 0.25, None) == 0.25
    assert a.reserve(KEY, ENDPOINT, 0.25, None) == 0.5
    fake_time.now += 0.1
    assert b.reserve(KEY, ENDPOINT, 9.0, None) == pytest.approx(0.65)  # The learnt spacing, not the caller's.
    fake_time.now += 10.0  # Long after the last slot: the next one is now, then spaced again.
    assert a.reserve(KEY, ENDPOINT, 0.25, None) == 0.0
    assert b.reserve(KEY, ENDPOINT, 0.25, None) == 0.25


def test_a_hold_keeps_the_next_slot_at_least_that_far_away(fake_redis: FakeRedis) -> None:
    """A 429 just taught 0.5 s with 2 s of it left: the next slot is 2 s away, the one after 0.5 s
    later; a later, shorter hold never brings booked slots forward, and a new spacing replaces the old."""
    store = _pacing.RedisStore(URL)
    assert store.reserve(KEY, ENDPOINT, 0.5, 2.0) == 2.0
    assert store.reserve(KEY, ENDPOINT, 0.5, None) == 2.5
    assert store.reserve(KEY, ENDPOINT, 1.0, 0.25) == 3.0
    assert store.reserve(KEY, ENDPOINT, 0.5, None) == 4.0
    assert store.intervals(KEY) == {ENDPOINT: 1.0}


def test_one_keys_slots_never_slow_another_key_or_endpoint(fake_redis: FakeRedis) -> None:
    """Key A's booked slots on one endpoint leave key B, and A's other endpoints, free."""
    store = _pacing.RedisStore(URL)
    other_key = _pacing.key_id("another-key")
    store.reserve(KEY, ENDPOINT, 0.5, 2.0)
    assert store.reserve(other_key, ENDPOINT, 0.5, None) is None
    assert store.reserve(KEY, OTHER, 0.5, None) is None
    assert store.reserve(other_key, ENDPOINT, 0.25, 0.0) == 0.0
    assert store.intervals(other_key) == {ENDPOINT: 0.25}


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_intervals_read_back_per_key_to_the_microsecond(fake_redis: FakeRedis, kind: str) -> None:
    """What every endpoint of a key learnt, as another machine reads it; another key's are not in it."""
    writer, reader = _pacing.RedisStore(URL), _pacing.RedisStore(URL)
    writer.reserve(KEY, ENDPOINT, 0.1234567, 0.0)
    writer.reserve(KEY, OTHER, 1.5, 0.0)
    writer.reserve(_pacing.key_id("another-key"), OTHER, 7.0, 0.0)
    expected = {ENDPOINT: 0.123457, OTHER: 1.5}
    if kind == "sync":
        assert reader.intervals(KEY) == expected
        assert reader.intervals(_pacing.key_id("nobody")) == {}
    else:

        async def run() -> tuple[dict[str, float], dict[str, float]]:
            found = await reader.aintervals(KEY), await reader.aintervals(_pacing.key_id("nobody"))
            await reader.aclose_loop()
            return found

        assert asyncio.run(run()) == (expected, {})


def test_a_url_asking_for_decoded_answers_reads_intervals_back_too(fake_redis: FakeRedis) -> None:
    """redis-py takes client options from the URL's query: answers decoded to text read back the same."""
    url = f"{URL}?decode_responses=True"
    store = _pacing.RedisStore(url)
    assert store.reserve(KEY, ENDPOINT, 0.25, 0.5) == 0.5
    assert store.reserve(KEY, ENDPOINT, 0.25, None) == 0.75
    assert store.intervals(KEY) == {ENDPOINT: 0.25}

    async def run() -> dict[str, float]:
        found = await store.aintervals(KEY)
        await store.aclose_loop()
        return found

    assert asyncio.run(run()) == {ENDPOINT: 0.25}


def test_learnt_intervals_are_forgotten_after_pacing_memory(fake_redis: FakeRedis, fake_time: FakeTime) -> None:
    """PACING_MEMORY after the 429 that taught it, an interval is gone: calls go unpaced again."""
    store = _pacing.RedisStore(URL)
    store.reserve(KEY, ENDPOINT, 0.25, 0.0)
    fake_time.now += PACING_MEMORY - 1
    assert store.intervals(KEY) == {ENDPOINT: 0.25}
    assert store.reserve(KEY, ENDPOINT, 0.25, None) == 0.0
    fake_time.now += 2
    assert store.intervals(KEY) == {}
    assert store.reserve(KEY, ENDPOINT, 0.25, None) is None


def test_booked_slots_outlive_their_wait_and_then_leave_redis(fake_redis: FakeRedis, fake_time: FakeTime) -> None:
    """Slots booked 2.75 s ahead are still kept 2.6 s later; a second after the last one, Redis
    holds nothing of them (its memory stays bounded), only the learnt interval."""
    store = _pacing.RedisStore(URL)
    waits = [store.reserve(KEY, ENDPOINT, 0.25, 0.0)] + [store.reserve(KEY, ENDPOINT, 0.25, None) for _ in range(10)]
    assert waits == [pytest.approx(k * 0.25) for k in range(11)]
    fake_time.now += 2.6
    assert store.reserve(KEY, ENDPOINT, 0.25, None) == pytest.approx(0.15)  # 2.75 - 2.6: still booked.
    fake_time.now += 0.4 + 0.25 + 1.0 + 0.01  # The last slot's end, plus a second.
    assert fake_redis.names() == [f"vast-wrapper:{{{KEY}}}:intervals".encode()]


# --- what a machine's pacer sees -----------------------------------------------------------------


def test_a_machine_that_never_saw_a_429_is_paced_by_what_another_learnt(fake_redis: FakeRedis) -> None:
    """One machine's 429 reaches the other through Redis: its first call already waits its turn."""
    first, second = machine(), machine()
    first.learn(ENDPOINT, 0.2)
    assert first.reserve(ENDPOINT) == pytest.approx(SPACING)
    assert second.reserve(ENDPOINT) == pytest.approx(2 * SPACING)
    assert second.interval(ENDPOINT) == pytest.approx(SPACING)


def test_async_and_sync_machines_share_slots(fake_redis: FakeRedis, fake_time: FakeTime) -> None:
    """A sync machine learns; an async one, in two event loops one after another, takes the next
    slots; each loop's connections are closed when its client closes."""
    first, second = machine(), machine()
    first.learn(ENDPOINT, 0.2)
    first.reserve(ENDPOINT)

    async def run() -> float:
        wait = await second.areserve(ENDPOINT)
        await second.aclose()
        return wait

    assert asyncio.run(run()) == pytest.approx(2 * SPACING)
    fake_time.now += 0.1
    assert asyncio.run(run()) == pytest.approx(3 * SPACING - 0.1)
    assert first.reserve(ENDPOINT) == pytest.approx(4 * SPACING - 0.1)
    opened_async = [client for client in fake_redis.opened if isinstance(client, fake_redis.async_class)]
    assert len(opened_async) == 2  # One per event loop,
    assert fake_redis.closed == opened_async  # each closed with it.


def test_closing_a_loops_connections_keeps_the_store_usable(fake_redis: FakeRedis) -> None:
    """Closing before any use is a no-op; after closing, the same loop opens a new connection."""
    store = _pacing.RedisStore(URL)
    store.reserve(KEY, ENDPOINT, 0.25, 0.0)

    async def run() -> list[float | None]:
        await store.aclose_loop()  # Nothing opened yet in this loop.
        waits = [await store.areserve(KEY, ENDPOINT, 0.25, None)]
        await store.aclose_loop()
        await store.aclose_loop()  # Twice: still fine.
        waits.append(await store.areserve(KEY, ENDPOINT, 0.25, None))
        waits.append(await store.areserve(KEY, OTHER, 0.25, None))
        await store.aclose_loop()
        return waits

    assert asyncio.run(run()) == [0.25, 0.5, None]
    assert len(fake_redis.closed) == 2


def test_a_finished_event_loop_is_let_go_even_if_its_client_was_never_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    """asyncio.run after asyncio.run, with no aclose: the store keeps no loop but the latest alive.

    Its clients stand in for redis-py's, which hold their loop (fakeredis's server would hold them too).
    """

    class LoopClient:
        def __init__(self) -> None:
            self.loop = asyncio.get_running_loop()

        def register_script(self, script: str) -> Any:
            async def run(keys: list[str], args: list[Any]) -> Any:
                return b"0"

            return run

    monkeypatch.setattr("redis.asyncio.Redis.from_url", lambda *args, **kwargs: LoopClient())
    store = _pacing.RedisStore(URL)
    loops: list[weakref.ref[asyncio.AbstractEventLoop]] = []

    async def run() -> float | None:
        loops.append(weakref.ref(asyncio.get_running_loop()))
        return await store.areserve(KEY, ENDPOINT, 0.25, 0.0)

    assert [asyncio.run(run()) for _ in range(3)] == [0.0, 0.0, 0.0]
    gc.collect()
    assert [loop() is None for loop in loops] == [True, True, False]


def test_redis_holds_the_keys_hash_never_the_key(fake_redis: FakeRedis, fake_time: FakeTime) -> None:
    """After a client learnt and paced through Redis, no name or value there contains the key; its
    hash names the key's entries."""
    script = Script(json_response(200, RUNNING), text_response(429, TOO_FREQUENT), json_response(200, RUNNING))
    with script.client(pacing_url=URL) as client:
        for _ in range(4):
            client.show_instance(1)
    assert fake_time.sleeps == [pytest.approx(SPACING)] * 3
    dump = fake_redis.dump()
    assert f"vast-wrapper:{{{KEY}}}:intervals".encode() in dump
    assert CANARY_KEY.encode() not in dump
    assert CANARY_KEY.split("-")[-1].encode() not in dump


# --- a Redis that fails --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_an_unreachable_redis_means_local_pacing_and_one_warning_without_the_password(
    fake_redis: FakeRedis, fake_time: FakeTime, caplog: pytest.LogCaptureFixture, kind: str
) -> None:
    """Redis gone: slots keep their spacing in this process, one warning names the store without
    its password, and Redis is asked again PACING_STORE_RETRY later."""
    pacer = machine(SECRET_URL)
    pacer.learn(ENDPOINT, 0.2)
    fake_redis.server().connected = False

    async def areserve(times: int) -> list[float]:
        waits = [await pacer.areserve(ENDPOINT) for _ in range(times)]
        await pacer.aclose()
        return waits

    def reserve(times: int) -> list[float]:
        return [pacer.reserve(ENDPOINT) for _ in range(times)] if kind == "sync" else asyncio.run(areserve(times))

    with caplog.at_level(logging.WARNING, logger="vast_wrapper"):
        assert reserve(3) == [pytest.approx(k * SPACING) for k in range(1, 4)]
    assert [r.getMessage() for r in caplog.records] == [
        "vast_wrapper: the pacing store redis://127.0.0.1:6379/0 failed (ConnectionError); pacing continues "
        "within this process only, and the store is tried again every 30 s."
    ]
    fake_redis.server().connected = True
    fake_time.now += PACING_STORE_RETRY
    assert reserve(1) == [0.0]  # Redis again, the 429 long past: nothing to wait for, and the interval reaches it.
    assert _pacing.RedisStore(URL).intervals(KEY) == {ENDPOINT: pytest.approx(SPACING)}


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_an_unreachable_redis_never_fails_a_call_that_learnt_nothing(
    fake_redis: FakeRedis, caplog: pytest.LogCaptureFixture, kind: str
) -> None:
    """Asking Redis what others learnt fails too: the call goes unpaced, after one warning."""
    pacer = machine()
    fake_redis.server().connected = False

    async def areserve() -> float:
        wait = await pacer.areserve(ENDPOINT)
        await pacer.aclose()
        return wait

    with caplog.at_level(logging.WARNING, logger="vast_wrapper"):
        assert (pacer.reserve(ENDPOINT) if kind == "sync" else asyncio.run(areserve())) == 0.0
    assert len(caplog.records) == 1
    assert "(ConnectionError)" in caplog.records[0].getMessage()


def test_a_redis_whose_keys_were_overwritten_means_local_pacing(
    fake_redis: FakeRedis, caplog: pytest.LogCaptureFixture
) -> None:
    """Another program wrote a string where the intervals live: the script's error is one warning,
    and pacing goes on in this process."""
    fake_redis.client().set(f"vast-wrapper:{{{KEY}}}:intervals", "not a hash")
    pacer = machine()
    pacer.learn(ENDPOINT, 0.2)
    with caplog.at_level(logging.WARNING, logger="vast_wrapper"):
        assert [pacer.reserve(ENDPOINT) for _ in range(2)] == [pytest.approx(SPACING), pytest.approx(2 * SPACING)]
    assert len(caplog.records) == 1
    assert "(ResponseError)" in caplog.records[0].getMessage()


# --- the store's name and URL --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("redis://:hunter2@cache.internal:6380/2", "redis://cache.internal:6380/2"),
        ("rediss://pacer:hunter2@cache.internal/0", "rediss://cache.internal/0"),
        ("redis://127.0.0.1:6379/0?password=hunter2", "redis://127.0.0.1:6379/0"),
        ("redis://cache.internal", "redis://cache.internal"),
        ("redis://:hunter2@[::1]:6379/1", "redis://[::1]:6379/1"),
    ],
)
def test_a_store_is_named_by_its_url_without_credentials(url: str, shown: str) -> None:
    """What warnings and a client's repr show of a Redis URL: scheme, host, port and database only."""
    assert _pacing.describe_url(url) == shown


@pytest.mark.parametrize("url", [SECRET_URL, "rediss://:hunter2@127.0.0.1:6379/0"])
def test_a_redis_url_opens_a_redis_store_named_without_its_password(fake_redis: FakeRedis, url: str) -> None:
    """redis:// and rediss:// both share through Redis; the store's name drops the password."""
    store = _pacing.open_store(url)
    assert isinstance(store, _pacing.RedisStore)
    assert store.where == store.health.where == _pacing.describe_url(url)
    assert "hunter2" not in store.where
    assert store.reserve(KEY, ENDPOINT, 0.25, 0.0) == 0.0  # And it works, the password sent along.


def test_other_urls_open_memory_or_a_file(tmp_path: Path) -> None:
    """memory:// is this process only; a file's path may hold a colon."""
    assert _pacing.open_store("memory://") is None
    path = tmp_path / "a:b.sqlite3"
    store = _pacing.open_store(f"sqlite://{path}")
    assert isinstance(store, _pacing.SQLiteStore)
    assert store.where == str(path)


def test_forget_all_starts_the_next_clients_on_a_fresh_store(fake_redis: FakeRedis) -> None:
    """A store that failed in one test is not resting in the next: forget_all drops stores too."""
    fake_redis.server().connected = False
    first = _pacing.pacer_for(CANARY_KEY, URL)
    first.learn(ENDPOINT, 0.2)
    first.reserve(ENDPOINT)  # Fails: the store rests PACING_STORE_RETRY.
    fake_redis.server().connected = True
    _pacing.forget_all()
    later = _pacing.pacer_for(CANARY_KEY, URL)
    later.learn(ENDPOINT, 0.2)
    assert later.reserve(ENDPOINT) == pytest.approx(SPACING)
    assert _pacing.RedisStore(URL).intervals(KEY) == {ENDPOINT: pytest.approx(SPACING)}


# --- a Redis that never answers: a real loopback socket, so the process layer ---------------------


@pytest.mark.process
@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_redis_that_never_answers_costs_a_call_one_timeout(
    kind: str, fake_time: FakeTime, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A Redis that takes the connection and never answers: the store gives up after
    PACING_REDIS_TIMEOUT (here 0.05 s), and the call goes on, paced locally, after one warning."""
    import socket

    monkeypatch.setattr(_pacing, "PACING_REDIS_TIMEOUT", 0.05)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()  # The kernel completes the connection; nobody ever reads or answers.
        pacer = machine(f"redis://127.0.0.1:{silent.getsockname()[1]}/0")
        pacer.learn(ENDPOINT, 0.2)

        async def areserve() -> float:
            wait = await pacer.areserve(ENDPOINT)
            await pacer.aclose()
            return wait

        with caplog.at_level(logging.WARNING, logger="vast_wrapper"):
            wait = pacer.reserve(ENDPOINT) if kind == "sync" else asyncio.run(areserve())
    assert wait == pytest.approx(SPACING)
    assert len(caplog.records) == 1
    assert "(TimeoutError)" in caplog.records[0].getMessage()
