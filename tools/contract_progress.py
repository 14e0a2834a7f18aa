"""The run's deadline, and a line of progress at least every 10 seconds while it runs."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Self

PROGRESS_EVERY = 10.0  # Seconds: a CI log that stays silent longer looks hung.


class Deadline:
    """The time left for the run, and what it is doing now (for progress and for the verdict)."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds, self.clock = seconds, clock
        self.started = clock()
        self.doing = "starting"

    def elapsed(self) -> float:
        return self.clock() - self.started

    def remaining(self) -> float:
        return max(0.0, self.seconds - self.elapsed())

    def expired(self) -> bool:
        return self.remaining() <= 0


def progress_line(deadline: Deadline) -> str:
    return f"contract: {deadline.elapsed():.0f} s of {deadline.seconds:g} s: {deadline.doing}"


class Progress:
    """Prints `progress_line` every `every` seconds until the context ends."""

    def __init__(
        self, deadline: Deadline, every: float = PROGRESS_EVERY, emit: Callable[[str], None] | None = None
    ) -> None:
        self.deadline, self.every = deadline, every
        self.emit = emit or (lambda line: print(line, flush=True))
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="contract-progress", daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.emit(progress_line(self.deadline))

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        self._thread.join()
