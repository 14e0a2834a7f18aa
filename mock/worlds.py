"""One world per API key: the mock's state that a test owns through the key its app sends.

A world holds its own clock (which a test may freeze and advance), the lifecycles that walk on
that clock, its rate limits, the answers set at runtime and its part of the journal. Two tests
with two keys never see each other; resetting one world leaves the others alone. Worlds are
created on first use and the least recently used is dropped past MAX_WORLDS: state keyed by
what a client sends stays bounded.
"""

from __future__ import annotations

import collections
import hashlib
import time
from collections.abc import Callable, Iterator
from typing import Any

from mock.scenarios import Lifecycle, RateLimiter

MAX_WORLDS = 256
JOURNAL_SIZE = 200  # Entries kept per world.
NO_KEY = "no-key"  # The scope of requests that carry no usable key.


def scope_of(key: str | None) -> str:
    """The world's public name: derived from the key, never the key itself (it is shown in the journal)."""
    if key is None:
        return NO_KEY
    return "key-" + hashlib.sha256(key.encode()).hexdigest()[:12]


class WorldClock:
    """Real time plus an offset, or frozen: `advance` moves it without waiting."""

    def __init__(self, real: Callable[[], float] = time.monotonic) -> None:
        self._real = real
        self._offset = 0.0
        self._frozen: float | None = None

    def now(self) -> float:
        return (self._frozen if self._frozen is not None else self._real()) + self._offset

    @property
    def frozen(self) -> bool:
        return self._frozen is not None

    def freeze(self) -> None:
        if self._frozen is None:
            self._frozen = self._real()

    def unfreeze(self) -> None:
        if self._frozen is not None:
            # Time resumes from where it stood, not from where real time went meanwhile.
            self._offset += self._frozen - self._real()
            self._frozen = None

    def advance(self, seconds: float) -> None:
        self._offset += seconds

    def describe(self) -> dict[str, Any]:
        return {"frozen": self.frozen, "offset": round(self._offset, 6)}


class World:
    """The state of one key."""

    def __init__(self, scope: str, lifecycle_seconds: float, rate_limit: float | None) -> None:
        self.scope = scope
        self.clock = WorldClock()
        self.lifecycle = Lifecycle(lifecycle_seconds, clock=self.clock.now)
        self.limiter = RateLimiter(rate_limit, clock=self.clock.now) if rate_limit else None
        self.answers: list[Any] = []  # mock.answers.RuntimeAnswer, newest group first.
        self.journal: collections.deque[dict[str, Any]] = collections.deque(maxlen=JOURNAL_SIZE)


class Worlds:
    """Every key's world, bounded, least recently used dropped first."""

    def __init__(self, lifecycle_seconds: float, rate_limit: float | None, limit: int = MAX_WORLDS) -> None:
        self.lifecycle_seconds = lifecycle_seconds
        self.rate_limit = rate_limit
        self.limit = limit
        self._worlds: collections.OrderedDict[str, World] = collections.OrderedDict()

    def of(self, key: str | None) -> World:
        """The world of a key (created on first use)."""
        return self.named(scope_of(key))

    def named(self, scope: str) -> World:
        world = self._worlds.get(scope)
        if world is None:
            world = World(scope, self.lifecycle_seconds, self.rate_limit)
            self._worlds[scope] = world
            while len(self._worlds) > self.limit:
                self._worlds.popitem(last=False)
        self._worlds.move_to_end(scope)
        return world

    def find(self, scope: str) -> World | None:
        return self._worlds.get(scope)

    def forget(self, scope: str | None = None) -> None:
        """Drop one world (its clock, lifecycles, limits, answers, journal), or every world."""
        if scope is None:
            self._worlds.clear()
        else:
            self._worlds.pop(scope, None)

    def __iter__(self) -> Iterator[World]:
        return iter(list(self._worlds.values()))
