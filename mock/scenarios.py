"""What the mock answers, picked by the id (and the key) alone: the table mock/README.md documents.

Pure decisions, no I/O: mock/app.py asks Prism for the documented answer a scenario names
(`prefer`), then applies the scenario's changes to it (the id asked for, a status, a delay).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# A key the mock rejects, so the "your key was rejected" screen can be built.
BAD_KEY_PREFIX = "bad"
EDGE_PAGE = (
    "<!DOCTYPE html><html><head><title>vast.ai | {code}: {what}</title></head>"
    "<body><h1>Error {code}</h1><p>{what}</p><p>Cloudflare</p></body></html>"
)
EDGE_REASONS = {520: "Web server is returning an unknown error", 521: "Web server is down",
                522: "Connection timed out", 523: "Origin is unreachable", 524: "A timeout occurred",
                525: "SSL handshake failed", 526: "Invalid SSL certificate", 527: "Railgun error",
                500: "Internal server error", 502: "Bad gateway", 503: "Service unavailable",
                504: "Gateway timeout"}  # fmt: skip


@dataclass(frozen=True)
class Scenario:
    """One answer: what to ask Prism for, and what to change in its answer."""

    name: str
    prefer: str = ""  # Prism's Prefer header: example=NAME or code=N
    accept: str = "application/json"
    status: int = 200  # For answers the mock writes itself (edge pages).
    edge_page: bool = False
    delay: float = 0.0  # Seconds before answering.
    fault: str = ""  # A network failure instead of an answer (mock/faults.py).
    fault_seconds: float = 0.0  # How long a dribbled body takes.
    patch: dict[str, Any] = field(default_factory=dict)  # Fields set on the instance or on each worker.
    workers: int = 0  # How many workers to make from the example (0: as the example has them).


# (first id, last id, scenario): the table mock/README.md shows. Slow and lifecycle ids are built per call.
COMMON: list[tuple[int, int, Scenario]] = [
    (400, 400, Scenario("bad request", prefer="code=400")),
    (401, 401, Scenario("bad key", prefer="code=401")),
    (429, 429, Scenario("rate limited, plain text", prefer="code=429", accept="text/plain")),
    (4290, 4290, Scenario("rate limited, JSON", prefer="code=429")),
    *[(code, code, Scenario(f"edge page {code}", status=code, edge_page=True)) for code in range(500, 600)],
]
INSTANCES: list[tuple[int, int, Scenario]] = [
    (600, 699, Scenario("loading", prefer="example=loading")),
    (700, 799, Scenario("stopped", prefer="example=stopped")),
    (800, 899, Scenario("exited", prefer="example=exited")),
    (404, 404, Scenario("no such instance", prefer="example=not_found")),
    (4040, 4040, Scenario("404 not found", prefer="code=404, example=not_found")),
    (4041, 4041, Scenario("404 bad key", prefer="code=404, example=auth_error")),
]
WORKERS: list[tuple[int, int, Scenario]] = [
    (700, 799, Scenario("no workers", prefer="example=empty")),
    (800, 899, Scenario("wrapped", prefer="example=wrapped")),
    (2000, 2000, Scenario("error_msg in a 200", prefer="example=error_in_200")),
    (2001, 2001, Scenario("bare string in a 200", prefer="example=error_string_in_200")),
]
SLOW = range(9000, 10000)  # 9000 + milliseconds of delay
LIFECYCLE = range(7000, 7200)
FAULTS: list[tuple[int, int, Scenario]] = [
    (3000, 3000, Scenario("never answers", fault="hang")),
    (3001, 3001, Scenario("connection reset", fault="reset")),
    (3002, 3002, Scenario("truncated JSON", fault="truncated")),
    (3003, 3003, Scenario("malformed JSON", fault="malformed")),
]
DRIBBLE = range(3100, 3200)  # The normal answer, dribbled over (id - 3100) tenths of a second.
MAX_WORKER_ID = 2**53 - 1  # Worker ids are instance ids: JavaScript reads them exactly only below 2^53.


def worker_id(endpoint: int, k: int) -> int:
    """The k-th worker of an endpoint: endpoint * 100 + k, folded into 1 .. 2^53 - 1 for the largest endpoints."""
    return 1 + (endpoint * 100 + k - 1) % MAX_WORKER_ID


def _lookup(table: list[tuple[int, int, Scenario]], ident: int) -> Scenario | None:
    return next((scenario for first, last, scenario in table if first <= ident <= last), None)


def _fault(ident: int) -> Scenario | None:
    if ident in DRIBBLE:
        return Scenario("dribbled body", fault="dribble", fault_seconds=(ident - 3100) / 10)
    return _lookup(FAULTS, ident)


def instance_scenario(ident: int, lifecycle: Lifecycle) -> Scenario:
    """The scenario of GET /api/v0/instances/{ident}/."""
    if ident in LIFECYCLE:
        return lifecycle.instance(ident)
    delay = (ident - 9000) / 1000 if ident in SLOW else 0.0
    found = _lookup(COMMON, ident) or _lookup(INSTANCES, ident) or _fault(ident)
    if found is not None and found.fault == "dribble":
        return Scenario(found.name, prefer="example=running_live", fault="dribble", fault_seconds=found.fault_seconds)
    return found or Scenario("running", prefer="example=running_live", delay=delay)


def workers_scenario(ident: int, lifecycle: Lifecycle) -> Scenario:
    """The scenario of POST /get_endpoint_workers/ or /get_autogroup_workers/ with {"id": ident}."""
    if ident in LIFECYCLE:
        return lifecycle.workers(ident)
    found = _lookup(COMMON, ident) or _lookup(WORKERS, ident) or _fault(ident)
    size = 1 + ident % 4  # A plausible endpoint: its size depends on its id.
    if found is not None and found.fault == "dribble":
        return Scenario(found.name, prefer="example=mixed", workers=size, patch={"status": "RUNNING"},
                        fault="dribble", fault_seconds=found.fault_seconds)  # fmt: skip
    if found is not None:
        return found
    if 600 <= ident <= 699:
        return Scenario("all loading", prefer="example=mixed", workers=size, patch={"status": "loading"})
    delay = (ident - 9000) / 1000 if ident in SLOW else 0.0
    return Scenario("ready", prefer="example=mixed", workers=size, patch={"status": "RUNNING"}, delay=delay)


def named_scenario(operation: str, name: str) -> Scenario | None:
    """A scenario of the table by its name, for answers set at runtime (`"scenario": "loading"`)."""
    return scenario_names(operation).get(name)


def scenario_names(operation: str) -> dict[str, Scenario]:
    own = INSTANCES if operation == "show_instance" else WORKERS
    found = {scenario.name: scenario for _, _, scenario in [*COMMON, *own]}
    if operation == "show_instance":
        found["running"] = Scenario("running", prefer="example=running_live")
    else:
        found["ready"] = Scenario("ready", prefer="example=mixed", workers=2, patch={"status": "RUNNING"})
        found["all loading"] = Scenario("all loading", prefer="example=mixed", workers=2, patch={"status": "loading"})
    return found


class Lifecycle:
    """Instances and endpoints whose state moves with time from their first request.

    7000-7099: created -> loading -> running (workers: loading -> ready);
    7100-7199: loading -> exited (workers: loading -> error). `seconds` is the three states' length
    together, a third each: the last state comes 2/3 of `seconds` after the first request for the id.
    An instance and its workers share that one clock, whichever was asked first.
    """

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.clock = clock
        self._first: dict[int, float] = {}  # Bounded: LIFECYCLE holds 200 ids.
        self._lock = threading.Lock()

    def reset(self) -> None:
        with self._lock:
            self._first.clear()

    def _step(self, ident: int) -> int:
        """0, 1 or 2: how far the object has come."""
        now = self.clock()
        with self._lock:
            first = self._first.setdefault(ident, now)
        return min(2, int((now - first) * 3 / self.seconds)) if self.seconds > 0 else 2

    def instance(self, ident: int) -> Scenario:
        step = self._step(ident)
        if ident < 7100:
            states = ["created", "loading", "running"]
            prefer = "example=running_live" if step == 2 else "example=loading"
            return Scenario(f"lifecycle: {states[step]}", prefer=prefer, patch={"actual_status": states[step]})
        states = ["loading", "loading", "exited"]
        prefer = "example=exited" if step == 2 else "example=loading"
        return Scenario(f"lifecycle: {states[step]}", prefer=prefer, patch={"actual_status": states[step]})

    def workers(self, ident: int) -> Scenario:
        step = self._step(ident)
        ready = "ERROR" if ident >= 7100 else "READY"
        status = ready if step == 2 else "loading"
        return Scenario(f"lifecycle: workers {status}", prefer="example=mixed", workers=2, patch={"status": status})


def is_bad_key(key: str | None) -> bool:
    return key is not None and key.lower().startswith(BAD_KEY_PREFIX)


def edge_page(status: int) -> str:
    return EDGE_PAGE.format(code=status, what=EDGE_REASONS.get(status, "Server error"))


def apply_instance(body: Any, ident: int, scenario: Scenario) -> Any:
    """Prism's instance answer about the id asked for, with the scenario's changes."""
    instance = body.get("instances") if isinstance(body, dict) else None
    if isinstance(instance, dict):
        label = {"label": f"instance-{ident}"} if isinstance(instance.get("label"), str) else {}
        body = {**body, "instances": {**instance, "id": ident, **label, **scenario.patch}}
    return body


def apply_workers(body: Any, ident: int, scenario: Scenario) -> Any:
    """Prism's worker list (bare or wrapped) made plausible for the endpoint asked for."""
    if isinstance(body, dict) and isinstance(body.get("workers"), list):
        return {**body, "workers": apply_workers(body["workers"], ident, scenario)}
    if not isinstance(body, list) or not body or not all(isinstance(w, dict) for w in body):
        return body
    count = scenario.workers or len(body)
    status = scenario.patch.get("status")
    if isinstance(status, str):
        # Each worker copies the example worker in the same state: a running one has a load and a perf.
        busy = status.upper() in READY_STATES
        same = [w for w in body if (str(w.get("status", "")).upper() in READY_STATES) == busy]
        body = same or body
    # Worker ids are instance ids: derived from the endpoint's id, so each endpoint has its own.
    return [{**body[k % len(body)], "id": worker_id(ident, k), **scenario.patch} for k in range(count)]


READY_STATES = ("RUNNING", "READY", "IDLE")


class RateLimiter:
    """The live server's rule, opt-in: calls to one route with one key closer than `threshold` get a 429."""

    def __init__(self, threshold: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.threshold = threshold
        self.clock = clock
        self._last: dict[tuple[str, str], float] = {}
        self._lock = threading.Lock()

    def reset(self) -> None:
        with self._lock:
            self._last.clear()

    def allow(self, route: str, key: str) -> bool:
        now = self.clock()
        with self._lock:
            last = self._last.get((route, key))
            if last is not None and now - last < self.threshold:
                return False
            self._last[(route, key)] = now
            return True

    def message(self) -> str:
        return f"API requests too frequent: endpoint threshold={float(self.threshold)}"
