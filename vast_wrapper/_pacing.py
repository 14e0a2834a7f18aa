"""Pacing shared by everything that uses one key: clients in a process, processes on a machine, machines.

Vast limits calls per endpoint and per key, so one `Pacer` serves every client of a key in a
process, and its slots are handed out by a store that all users of the key share:

- ``sqlite`` (the default): a small SQLite file in the user's runtime or cache directory, for
  every process of this user on this machine. SQLite (stdlib) gives an atomic read-modify-write
  across processes that survives a process killed mid-transaction; pyrate-limiter does not fit,
  as its rates are fixed when a bucket is made and it sleeps by itself, not through `_retry`.
- ``redis``: a Redis server shared by machines (``VAST_PACING_URL=redis://host:port/db``); each
  slot is reserved by one Lua script on the server, timed by the server's clock.
- ``memory``: this process only; also where pacing falls back when a shared store fails.

Cheap when nothing was learnt: an endpoint that never answered 429 asks the store whether
another process learnt its interval at most once every PACING_REFRESH seconds; every other call
to it is a dict lookup; the SQLite file is not even made until a 429 teaches something. Stores
hold a hash of the key, never the key.
"""

from __future__ import annotations

import collections
import hashlib
import logging
import math
import os
import threading
import time
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from vast_wrapper import _clock, _retry
from vast_wrapper._constants import (
    PACING_FACTOR,
    PACING_MARGIN,
    PACING_MEMORY,
    PACING_REDIS_TIMEOUT,
    PACING_REFRESH,
    PACING_STORE_RETRY,
)

if TYPE_CHECKING:
    import sqlite3

    import redis
    import redis.asyncio

logger = logging.getLogger("vast_wrapper")


def shared_clock() -> float:
    """The time base of the machine-wide store: wall-clock seconds, the same in every process."""
    return time.time()


def key_id(secret: str) -> str:
    """What stores know of a key: a hash that names it and cannot be turned back into it."""
    return hashlib.sha256(b"vast-wrapper pacing\n" + secret.encode()).hexdigest()[:32]


class Store(Protocol):
    """Where the intervals and the next free slots of a key's endpoints live."""

    where: str
    health: Health

    def reserve(self, key: str, endpoint: str, spacing: float, hold: float | None) -> float | None:
        """Take the endpoint's next slot; seconds to wait for it, or None when no interval is known.

        With `hold` (a 429 just taught `spacing`), first record it and keep the next slot at least
        `hold` seconds from now: what is left of the interval since that 429.
        """

    def intervals(self, key: str) -> dict[str, float]:
        """The spacing of every endpoint of `key` that has one."""

    async def areserve(self, key: str, endpoint: str, spacing: float, hold: float | None) -> float | None:
        """`reserve`, awaited."""

    async def aintervals(self, key: str) -> dict[str, float]:
        """`intervals`, awaited."""


class MemoryStore:
    """This process only; timed by `_retry.clock()`. Learnt intervals are kept for the process's life."""

    where = "memory"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._spacing: dict[tuple[str, str], float] = {}
        self._next_slot: dict[tuple[str, str], float] = {}

    def reserve(self, key: str, endpoint: str, spacing: float, hold: float | None) -> float | None:
        name = (key, endpoint)
        with self._lock:
            now = _retry.clock()
            if hold is not None or name not in self._spacing:
                self._spacing[name] = spacing
            if hold is not None:
                self._next_slot[name] = max(self._next_slot.get(name, now), now + hold)
            slot = max(now, self._next_slot.get(name, now))
            self._next_slot[name] = slot + self._spacing[name]
        return slot - now

    def intervals(self, key: str) -> dict[str, float]:
        with self._lock:
            return {endpoint: spacing for (k, endpoint), spacing in self._spacing.items() if k == key}

    async def areserve(self, key: str, endpoint: str, spacing: float, hold: float | None) -> float | None:
        return self.reserve(key, endpoint, spacing, hold)

    async def aintervals(self, key: str) -> dict[str, float]:
        return self.intervals(key)


_sqlite_stores: weakref.WeakSet[SQLiteStore] = weakref.WeakSet()
_inherited: list[sqlite3.Connection] = []


def _after_fork() -> None:
    for store in list(_sqlite_stores):
        store._forked()


os.register_at_fork(after_in_child=_after_fork)

_SCHEMA = """CREATE TABLE IF NOT EXISTS pacing (
    key TEXT NOT NULL, endpoint TEXT NOT NULL, spacing REAL NOT NULL, next_slot REAL NOT NULL,
    expires REAL NOT NULL, PRIMARY KEY (key, endpoint)) WITHOUT ROWID"""


class SQLiteStore:
    """Every process of this user on this machine: one SQLite file, one short transaction per slot.

    A process killed inside a transaction leaves nothing behind: SQLite rolls it back and the
    operating system drops its lock.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.where = str(path)
        self.health = Health(self.where)
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        _sqlite_stores.add(self)

    def _forked(self) -> None:
        """In a forked child (gunicorn --preload): a connection of its own; the parent's is never touched."""
        self._lock = threading.Lock()
        if self._db is not None:
            _inherited.append(self._db)  # Closing it here could release the parent's locks.
            self._db = None

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            import sqlite3  # noqa: PLC0415 - loaded on the first paced call, not by every import.

            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            try:
                self._db = self._open()
            except sqlite3.DatabaseError as error:
                if error.sqlite_errorcode not in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT):
                    raise
                # It holds only intervals learnt from 429s: a file that is not a database is made afresh.
                for leftover in (self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm")):
                    leftover.unlink(missing_ok=True)
                logger.warning("vast_wrapper: the pacing store %s was not a database; it was made afresh.", self.where)
                self._db = self._open()
        return self._db

    def _open(self) -> sqlite3.Connection:
        import sqlite3  # noqa: PLC0415 - loaded on the first paced call, not by every import.

        # Autocommit mode: each transaction is opened explicitly with BEGIN IMMEDIATE.
        db = sqlite3.connect(self.path, timeout=10.0, isolation_level=None, check_same_thread=False)
        try:
            # No fsync: a crashed process loses nothing, and only a crashed machine could lose slots.
            db.execute("PRAGMA synchronous=OFF")
            db.execute("PRAGMA journal_mode=WAL")  # Readers of intervals never wait for a writer.
            db.execute(_SCHEMA)
        except sqlite3.Error:
            db.close()
            raise
        return db

    def reserve(self, key: str, endpoint: str, spacing: float, hold: float | None) -> float | None:
        with self._lock:
            db = self._connect()
            db.execute("BEGIN IMMEDIATE")  # The write lock first: no other process reads a slot we are taking.
            try:
                now = shared_clock()
                row = db.execute(
                    "SELECT spacing, next_slot, expires FROM pacing WHERE key = ? AND endpoint = ?", (key, endpoint)
                ).fetchone()
                known = row is not None and row[2] > now
                if hold is not None:
                    next_slot = max(row[1] if known else now, now + hold)
                    expires = now + PACING_MEMORY
                    db.execute("DELETE FROM pacing WHERE expires <= ?", (now,))  # Keeps the file small.
                elif known:
                    spacing, next_slot, expires = row
                else:
                    db.execute("COMMIT")
                    return None
                slot = max(now, next_slot)
                db.execute(
                    "INSERT OR REPLACE INTO pacing VALUES (?, ?, ?, ?, ?)",
                    (key, endpoint, spacing, slot + spacing, expires),
                )
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
        return slot - now

    def intervals(self, key: str) -> dict[str, float]:
        if self._db is None and not self.path.exists():
            return {}  # Nothing was ever learnt on this machine: not even sqlite3 is loaded.
        with self._lock:
            rows = self._connect().execute(
                "SELECT endpoint, spacing FROM pacing WHERE key = ? AND expires > ?", (key, shared_clock())
            )
            return dict(rows)

    async def areserve(self, key: str, endpoint: str, spacing: float, hold: float | None) -> float | None:
        # A local transaction of microseconds: cheaper in the loop than a hop to a thread.
        return self.reserve(key, endpoint, spacing, hold)

    async def aintervals(self, key: str) -> dict[str, float]:
        return self.intervals(key)

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None


# KEYS: the key's interval hash, the endpoint's next-slot counter. ARGV: endpoint, spacing in
# microseconds, the hold in microseconds when just learnt (else -1), memory in milliseconds.
# Returns the wait in microseconds, or -1.
_RESERVE = """
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local spacing = tonumber(ARGV[2])
local next_slot = tonumber(redis.call('GET', KEYS[2]) or '0')
local hold = tonumber(ARGV[3])
if hold >= 0 then
  redis.call('HSET', KEYS[1], ARGV[1], spacing)
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  next_slot = math.max(next_slot, now + hold)
else
  spacing = tonumber(redis.call('HGET', KEYS[1], ARGV[1]))
  if not spacing then return -1 end
end
local slot = math.max(now, next_slot)
redis.call('SET', KEYS[2], string.format('%d', slot + spacing), 'PX', math.ceil((slot + spacing - now) / 1000) + 1000)
return slot - now
"""


class RedisStore:
    """Every machine pointed at one Redis: slots reserved by a Lua script, on the server's clock."""

    def __init__(self, url: str) -> None:
        import redis  # noqa: PLC0415 - an optional extra, loaded only when asked for.

        self.url = url
        self.where = describe_url(url)
        self.health = Health(self.where)
        options: dict[str, Any] = {
            "socket_timeout": PACING_REDIS_TIMEOUT,
            "socket_connect_timeout": PACING_REDIS_TIMEOUT,
        }
        self._options = options
        self._client: redis.Redis = redis.Redis.from_url(url, **options)
        self._script = self._client.register_script(_RESERVE)
        # redis.asyncio clients belong to the event loop that made them: one per loop.
        self._async: weakref.WeakKeyDictionary[Any, tuple[redis.asyncio.Redis, Any]] = weakref.WeakKeyDictionary()

    @staticmethod
    def _names(key: str, endpoint: str) -> list[str]:
        # One hash tag per key: both keys land on one Redis Cluster slot, as a script needs.
        return [f"vast-wrapper:{{{key}}}:intervals", f"vast-wrapper:{{{key}}}:next:{endpoint}"]

    @staticmethod
    def _arguments(endpoint: str, spacing: float, hold: float | None) -> list[str | int]:
        held = -1 if hold is None else round(hold * 1e6)
        return [endpoint, round(spacing * 1e6), held, int(PACING_MEMORY * 1000)]

    @staticmethod
    def _wait(reply: Any) -> float | None:
        micros = int(reply)
        return None if micros < 0 else micros / 1e6

    def reserve(self, key: str, endpoint: str, spacing: float, hold: float | None) -> float | None:
        reply = self._script(keys=self._names(key, endpoint), args=self._arguments(endpoint, spacing, hold))
        return self._wait(reply)

    def intervals(self, key: str) -> dict[str, float]:
        return _spacings(self._client.hgetall(self._names(key, "")[0]))

    def _async_client(self) -> tuple[redis.asyncio.Redis, Any]:
        """This event loop's client and its registered script."""
        import asyncio  # noqa: PLC0415

        import redis.asyncio  # noqa: PLC0415

        loop = asyncio.get_running_loop()
        entry = self._async.get(loop)
        if entry is None:
            # A client holds its loop, so the weak key alone never lets a finished loop go.
            for finished in [other for other in self._async if other.is_closed()]:
                del self._async[finished]
            client = redis.asyncio.Redis.from_url(self.url, **self._options)
            entry = self._async[loop] = (client, client.register_script(_RESERVE))
        return entry

    async def areserve(self, key: str, endpoint: str, spacing: float, hold: float | None) -> float | None:
        _, script = self._async_client()
        reply = await script(keys=self._names(key, endpoint), args=self._arguments(endpoint, spacing, hold))
        return self._wait(reply)

    async def aintervals(self, key: str) -> dict[str, float]:
        client, _ = self._async_client()
        return _spacings(await client.hgetall(self._names(key, "")[0]))

    async def aclose_loop(self) -> None:
        """Close the connections of the running loop (an AsyncVastClient closing); reopened on next use."""
        import asyncio  # noqa: PLC0415

        entry = self._async.pop(asyncio.get_running_loop(), None)
        if entry is not None:
            await entry[0].aclose()


def _spacings(fields: dict[Any, Any]) -> dict[str, float]:
    return {_text(endpoint): int(value) / 1e6 for endpoint, value in fields.items()}


def _text(value: str | bytes) -> str:
    return value.decode() if isinstance(value, bytes) else value


def describe_url(url: str) -> str:
    """A store URL fit for a log line: never its password."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"  # An IPv6 address keeps its brackets, or its port could not be told from it.
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"


def default_store_path(environ: dict[str, str] | os._Environ[str] = os.environ) -> Path:
    """The user's runtime directory if it has one (tmpfs, private), else the user's cache directory."""
    runtime = environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isabs(runtime):
        return Path(runtime) / "vast-wrapper" / "pacing.sqlite3"
    cache = environ.get("XDG_CACHE_HOME")
    base = Path(cache) if cache and os.path.isabs(cache) else Path.home() / ".cache"
    return base / "vast-wrapper" / "pacing.sqlite3"


class Health:
    """A shared store's health in this process: down after a failure, tried again PACING_STORE_RETRY later."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.down_until = -math.inf
        self._warned = False

    def up(self) -> bool:
        return _retry.clock() >= self.down_until

    def failed(self, error: BaseException) -> None:
        self.down_until = _retry.clock() + PACING_STORE_RETRY
        if not self._warned:
            self._warned = True
            logger.warning(
                "vast_wrapper: the pacing store %s failed (%s); pacing continues within this process only, "
                "and the store is tried again every %.0f s.",
                self.where,
                type(error).__name__,
                PACING_STORE_RETRY,
            )
        else:
            logger.debug("pacing store %s failed again (%s)", self.where, type(error).__name__)


class Pacer:
    """Spaces the calls of one key to each endpoint by the interval a 429 taught, shared through a store.

    One per key and store in a process (see `pacer_for`), so every client, thread and task of a key
    takes its slots from the same place. Slots are taken in the store and waited for outside it.
    """

    def __init__(self, key: str, store: Store | None) -> None:
        self._key = key
        self._store = store
        self._local = MemoryStore()
        self._local_clock = _clock.virtual()  # The clock _local's slots were taken on.
        self._known: dict[str, float] = {}  # Spacings this process knows, learnt here or read from the store.
        self._learned: dict[str, float] = {}  # Learnt here (when), not yet written to the store.
        self._checked = -math.inf  # When the store was last asked what it knows.

    @property
    def where(self) -> str:
        """Where the slots are taken: the shared store's name without secrets, or memory."""
        return self._store.where if self._store else MemoryStore.where

    def interval(self, endpoint: str) -> float | None:
        """The spacing kept between calls to an endpoint, if one was learnt."""
        return self._known.get(endpoint)

    def learn(self, endpoint: str, interval: float) -> None:
        """Remember that the server wants `interval` seconds between calls; the next slot shares it."""
        self._known[endpoint] = interval * PACING_FACTOR + PACING_MARGIN
        self._learned[endpoint] = _retry.clock()

    def reserve(self, endpoint: str) -> float:
        """Take the next free slot for `endpoint`; returns how long to wait for it."""
        spacing = self._known.get(endpoint)
        if spacing is None and self._refresh():
            spacing = self._known.get(endpoint)
        if spacing is None:
            return 0.0
        hold = self._just_learned(endpoint, spacing)
        store = self._usable()
        if store is not None:
            try:
                wait = self._taken(endpoint, store.reserve(self._key, endpoint, spacing, hold))
            except Exception as error:  # noqa: BLE001 - any store failure means local pacing, never a failed call.
                self._failed(error)
            else:
                self._learned.pop(endpoint, None)  # The store has heard it; kept until then, however long it is down.
                return wait
        return self._local_store().reserve(self._key, endpoint, spacing, hold) or 0.0

    async def areserve(self, endpoint: str) -> float:
        """`reserve` for tasks: the store is awaited."""
        spacing = self._known.get(endpoint)
        if spacing is None and await self._arefresh():
            spacing = self._known.get(endpoint)
        if spacing is None:
            return 0.0
        hold = self._just_learned(endpoint, spacing)
        store = self._usable()
        if store is not None:
            try:
                wait = self._taken(endpoint, await store.areserve(self._key, endpoint, spacing, hold))
            except Exception as error:  # noqa: BLE001 - any store failure means local pacing, never a failed call.
                self._failed(error)
            else:
                self._learned.pop(endpoint, None)  # The store has heard it; kept until then, however long it is down.
                return wait
        return self._local_store().reserve(self._key, endpoint, spacing, hold) or 0.0

    def _just_learned(self, endpoint: str, spacing: float) -> float | None:
        """When a 429 here taught `endpoint`'s interval and the store has not heard it yet, what is left
        of that interval; else None."""
        at = self._learned.get(endpoint)
        # Never more than the interval: a clock switched since (testing.instant() blocks) can stand before `at`.
        return None if at is None else min(spacing, max(0.0, spacing - (_retry.clock() - at)))

    def _local_store(self) -> MemoryStore:
        """In-process slots, begun afresh when the clock changes: a testing.instant() block keeps its own time."""
        clock = _clock.virtual()
        if clock is not self._local_clock:
            self._local, self._local_clock = MemoryStore(), clock
        return self._local

    def _usable(self) -> Store | None:
        # Under testing.instant() the machine's store is left alone: virtual slots must not reach other processes.
        if self._store is None or _clock.virtual() is not None or not self._store.health.up():
            return None
        return self._store

    def _refresh_due(self) -> Store | None:
        now = _retry.clock()
        if now - self._checked < PACING_REFRESH:  # The fast path: one clock read.
            return None
        store = self._usable()
        if store is not None:
            self._checked = now
        return store

    def _refresh(self) -> bool:
        """Read what other processes learnt, when due (at most every PACING_REFRESH s); whether it was read."""
        store = self._refresh_due()
        if store is None:
            return False
        try:
            self._adopt(store.intervals(self._key))
        except Exception as error:  # noqa: BLE001 - see reserve.
            self._failed(error)
            return False
        return True

    async def _arefresh(self) -> bool:
        store = self._refresh_due()
        if store is None:
            return False
        try:
            self._adopt(await store.aintervals(self._key))
        except Exception as error:  # noqa: BLE001 - see reserve.
            self._failed(error)
            return False
        return True

    def _adopt(self, intervals: dict[str, float]) -> None:
        for endpoint, spacing in intervals.items():
            self._known.setdefault(endpoint, spacing)

    def _taken(self, endpoint: str, wait: float | None) -> float:
        if wait is None:  # The store forgot it (expired): call freely until the next 429.
            self._known.pop(endpoint, None)
            return 0.0
        return wait

    def _failed(self, error: BaseException) -> None:
        assert self._store is not None
        self._store.health.failed(error)

    async def aclose(self) -> None:
        """Let go of this event loop's connections to the store, if it holds any."""
        if isinstance(self._store, RedisStore):
            await self._store.aclose_loop()


_lock = threading.Lock()
_stores: dict[str, Store | None] = {}  # One per store URL the process was given: a handful.
# A pacer lives as long as a client holds it, and the last few stay on after their clients are gone
# (a client per request must not forget what the last one learnt): bounded, whatever keys come.
_pacers: weakref.WeakValueDictionary[tuple[str, str], Pacer] = weakref.WeakValueDictionary()
_recent: collections.OrderedDict[tuple[str, str], Pacer] = collections.OrderedDict()
RECENT_PACERS = 64


def open_store(url: str | None) -> Store | None:
    """The store a checked pacing URL names (None: the default file); None for memory."""
    if url is None:
        return SQLiteStore(default_store_path())
    scheme = url.split(":", 1)[0]
    if scheme == "memory":
        return None
    if scheme == "sqlite":
        return SQLiteStore(Path(urlsplit(url).path))
    return RedisStore(url)


def pacer_for(secret: str, url: str | None) -> Pacer:
    """The one pacer of this key and store in this process."""
    place = url if url is not None else f"sqlite://{default_store_path()}"
    name = (place, key_id(secret))
    with _lock:
        pacer = _pacers.get(name)
        if pacer is None:
            if place not in _stores:
                _stores[place] = open_store(url)
            pacer = _pacers[name] = Pacer(name[1], _stores[place])
        _recent[name] = pacer
        _recent.move_to_end(name)
        if len(_recent) > RECENT_PACERS:
            _recent.popitem(last=False)
    return pacer


def forget_all() -> None:
    """Drop every pacer and store of this process, so that the next clients start afresh (tests use it):
    no store resting after a failure, and no store made by code that has changed since (mutation tests)."""
    with _lock:
        _pacers.clear()
        _recent.clear()
        stores = list(_stores.values())
        _stores.clear()
    for store in stores:
        if isinstance(store, SQLiteStore):
            store.close()  # Its file stays; a client still holding the store opens it again.
