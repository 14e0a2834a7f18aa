"""The contract suite's own probes: known ids, ids of every magnitude, a missing and a rejected key.

Each answer is read to its last byte within BUDGET and MAX_BODY_BYTES, parsed as strict JSON
and judged against the spec. The rule (README, contract suite):

- an ordinary id may get any answer the spec documents for the operation (a 429, a 5xx page,
  a 400): not drift, but listed as not validated;
- a known id must get its real 200 body, about that id: anything else is drift;
- a missing key must get 401, a rejected key a documented auth error;
- every instance answer must be about the id asked for.
"""

from __future__ import annotations

import json
import random
import shlex
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from tools.contract_progress import Deadline
from tools.contract_report import CheckResult, ContractReport
from tools.contract_settings import KNOWN_ID_VARIABLES, ContractSettings
from tools.specs import answer_problems, strict_json
from vast_wrapper import MAX_ID

MAX_BODY_BYTES = 8 * 1024 * 1024  # Vast's largest worker lists are a few hundred KB.
REJECTED_KEY = "bad-key-sent-by-the-contract-suite"  # Well formed and wrong (the mock rejects keys starting "bad").
# Vast allows about one call per endpoint every couple of seconds; loopback has no limit.
REMOTE_SPACING = 2.2
KNOWN_TRIES = 3  # A known id answered 429 is asked again, spaced, before it counts as drift.
LOOPBACK_RETRY_SPACING = 0.5
# Boundaries and magnitudes, plus one seeded id per decade: a band of ids that drifts shows.
SPREAD_IDS = [1, 2, 9, 10, 99, 100, 123, 999, 1000, 1001, 9999, 12345, 99999, 100000, 999999, 1000000,
              2**31 - 1, 2**31, 2**32 + 1, 10**12, MAX_ID - 1, MAX_ID]  # fmt: skip
REMOTE_SPREAD_IDS = [1, 999, 1000, 123456, 999999, 2**31, 10**12, MAX_ID]
REMOTE_SEEDED = 3
AUTH_PROBE_ID = 1000
OVER_BOUNDS_ENOUGH = 2  # Answers over BUDGET or MAX_BODY_BYTES before the other ids of an operation are skipped.


@dataclass(frozen=True)
class ApiOperation:
    """One operation of the spec, as the probes call it."""

    name: str
    host: str  # "console" or "run"
    method: str
    path: str

    def target(self, ident: int) -> tuple[str, dict[str, Any] | None]:
        """(path, JSON body) asking for an id."""
        if self.method == "GET":
            return self.path.replace("{id}", str(ident)), None
        return self.path, {"id": ident}


OPERATIONS = [
    ApiOperation("show_instance", "console", "GET", "/api/v0/instances/{id}/"),
    ApiOperation("get_endpoint_workers", "run", "POST", "/get_endpoint_workers/"),
    ApiOperation("get_autogroup_workers", "run", "POST", "/get_autogroup_workers/"),
]
HOST_OF = {op.name: op.host for op in OPERATIONS}


@dataclass
class Answer:
    """An answer as read: status None when none came; `problems` say what broke the time or size bounds."""

    status: int | None = None
    content_type: str = ""
    content: bytes = b""
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    def excerpt(self) -> str:
        text = self.content[:120].decode("utf-8", errors="replace")
        return repr(text + ("..." if len(self.content) > 120 else ""))


def fetch(
    client: httpx.Client,
    method: str,
    url: str,
    body: dict[str, Any] | None,
    headers: dict[str, str],
    *,
    budget: float,
    max_bytes: int = MAX_BODY_BYTES,
    clock: Callable[[], float] = time.monotonic,
) -> Answer:
    """One request, read to its last byte: over `budget` seconds or `max_bytes` it is cut off and says so."""
    started = clock()
    answer = Answer()
    chunks: list[bytes] = []
    size = 0
    try:
        with client.stream(method, url, json=body, headers=headers) as response:
            answer.status, answer.content_type = response.status_code, response.headers.get("content-type", "")
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    answer.problems.append(f"the body is larger than the cap of {max_bytes} bytes (MAX_BODY_BYTES)")
                    break
                chunks.append(chunk)
                if clock() - started > budget:
                    answer.problems.append(_late(budget, size, clock() - started))
                    break
    except httpx.TimeoutException:
        answer.problems.append(_late(budget, size, clock() - started))
    except httpx.HTTPError as error:
        answer.problems.append(f"no answer: {type(error).__name__}")
    answer.content, answer.seconds = b"".join(chunks), clock() - started
    if not answer.problems and answer.seconds > budget:
        answer.problems.append(_late(budget, size, answer.seconds))
    return answer


def _late(budget: float, size: int, seconds: float) -> str:
    return f"the answer was not complete within the BUDGET of {budget:g} s ({size} bytes after {seconds:.2f} s)"


def is_real(op: ApiOperation, body: Any, ident: int) -> bool:
    """A real instance with that id, or a list of at least one worker (bare or wrapped)."""
    if op.host == "console":
        instance = body.get("instances") if isinstance(body, dict) else None
        return isinstance(instance, dict) and instance.get("id") == ident
    workers = body.get("workers") if isinstance(body, dict) else body
    return isinstance(workers, list) and bool(workers)


def is_error_in_200(body: Any) -> bool:
    """An error the worker routes send with HTTP 200 (documented): `{"error_msg": ...}` or a bare string."""
    return isinstance(body, str) or (isinstance(body, dict) and "error_msg" in body)


def about_another_id(body: Any, ident: int) -> str | None:
    """What is wrong when an instance answer speaks of another id than the one asked for."""
    instance = body.get("instances") if isinstance(body, dict) else None
    if isinstance(instance, dict) and "id" in instance and instance["id"] != ident:
        return f"asked for instance {ident}, the answer is about instance {instance['id']!r}"
    return None


@dataclass
class Judgement:
    problems: list[str]
    real: bool = False  # a real body about the id was validated
    not_validated: str | None = None  # a documented answer that carries nothing to validate


def judge(op: ApiOperation, ident: int, answer: Answer) -> Judgement:
    """An answer to an ordinary id: documented, fitting, strict JSON, in bounds, about the id."""
    if answer.problems or answer.status is None:
        return Judgement(list(answer.problems))
    problems = answer_problems(op.path, op.method, answer.status, answer.content_type, answer.content)
    if problems:
        return Judgement(problems)
    body = strict_json(answer.content)[0] if "json" in answer.content_type else None
    if answer.status != 200:
        return Judgement([], not_validated=f"{op.name} HTTP {answer.status}")
    if op.host == "run" and is_error_in_200(body):
        return Judgement([], not_validated=f"{op.name} an error in HTTP 200")
    wrong = about_another_id(body, ident) if op.host == "console" else None
    return Judgement([wrong] if wrong else [], real=wrong is None and is_real(op, body, ident))


def judge_known(op: ApiOperation, ident: int, answer: Answer) -> list[str]:
    """A known id: its real 200 body, about it, or a failure that says what came back."""
    found = judge(op, ident, answer)
    if found.problems or found.real:
        return found.problems
    what = "instance" if op.host == "console" else "workers"
    came = "no answer" if answer.status is None else f"HTTP {answer.status} {answer.excerpt()}"
    variable = KNOWN_ID_VARIABLES[op.name]
    return [f"id {ident} was given as known ({variable}), but {came} answered no real {what}"]


def judge_auth(op: ApiOperation, answer: Answer, *, rejected: bool) -> tuple[list[str], str | None]:
    """(problems, warning) for a request with a rejected key, or none: a documented auth error is due."""
    sent = "a rejected key (well formed, wrong)" if rejected else "no key"
    if answer.problems or answer.status is None:
        return list(answer.problems), None
    problems = answer_problems(op.path, op.method, answer.status, answer.content_type, answer.content)
    if problems:
        return problems, None
    body = strict_json(answer.content)[0] if "json" in answer.content_type else None
    refused = (
        answer.status == 401
        # The spec's 404 auth_error: how Vast answers a revoked key.
        or (
            answer.status == 404
            and op.host == "console"
            and isinstance(body, dict)
            and body.get("error") == "auth_error"
        )
        # The spec's error in HTTP 200 ("Invalid API key"), for a key missing or wrong.
        or (answer.status == 200 and op.host == "run" and is_error_in_200(body))
    )
    if refused:
        return [], None
    if answer.status == 429 or answer.status >= 500:
        return [], f"{sent} was answered HTTP {answer.status}: auth not checked"
    return [
        f"{sent} was answered HTTP {answer.status} {answer.excerpt()}; the spec documents an auth error (401)"
    ], None


def probe_ids(loopback: bool, rng: random.Random) -> list[int]:
    """Fixed boundaries, plus seeded ids: one per decade on loopback, a few remotely (rate limits)."""
    decades = range(16) if loopback else sorted(rng.sample(range(16), REMOTE_SEEDED))
    seeded = [rng.randint(10**d, min(10 ** (d + 1) - 1, MAX_ID)) for d in decades]
    return list(dict.fromkeys([*(SPREAD_IDS if loopback else REMOTE_SPREAD_IDS), *seeded]))


def reproduce(url: str, op: ApiOperation, ident: int, key: str = "$VAST_API_KEY") -> str:
    """A command that repeats one request from a shell; the key taken from the environment."""
    path, body = op.target(ident)
    auth = f' -H "Authorization: Bearer {key}"' if key else ""
    data = f" -H 'Content-Type: application/json' -d {shlex.quote(json.dumps(body))}" if body else ""
    return f"curl -sS -X {op.method}{auth}{data} {shlex.quote(url + path)}"


@dataclass
class Prober:
    """Runs the probes of every operation into a report, within the deadline."""

    settings: ContractSettings
    report: ContractReport
    deadline: Deadline
    client: httpx.Client
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic

    def call(self, op: ApiOperation, ident: int, key: str | None) -> Answer:
        if not self.settings.loopback:
            self.sleep(REMOTE_SPACING)  # Vast's per-endpoint minimum interval.
        path, body = op.target(ident)
        headers = {"Accept": "application/json", **({"Authorization": f"Bearer {key}"} if key else {})}
        url = self.settings.urls[op.host] + path
        return fetch(self.client, op.method, url, body, headers, budget=self.settings.budget, clock=self.clock)

    def run(self) -> None:
        rng = random.Random(self.settings.seed)  # noqa: S311 - ids to try, not secrets.
        ids = probe_ids(self.settings.loopback, rng)
        for op in OPERATIONS:
            self.operation(op, ids)

    def _add(self, op: ApiOperation, name: str, problems: list[str], answer: Answer, repro: str) -> None:
        suite = f"contract.{op.host}.{op.name}"
        if problems:
            message = "; ".join(problems) + f"\nReproduce: {repro}"
            self.report.add(CheckResult(suite, name, "failed", message, answer.seconds))
        else:
            self.report.add(CheckResult(suite, name, "passed", seconds=answer.seconds))

    def _pending(self, what: str) -> bool:
        """True, recorded as pending, when the deadline leaves a probe less than its whole BUDGET."""
        if self.deadline.remaining() < self.settings.budget:
            self.report.pending.append(what)
            return True
        return False

    def operation(self, op: ApiOperation, ids: list[int]) -> None:
        """Ordinary ids, the known id, a missing and a rejected key; then whether a real body was seen."""
        real = self._ordinary(op, ids)
        known = self.settings.known.get(op.name)
        answered = self._known(op, known) if real is not None and known is not None else 0
        if real is None or answered is None:
            return
        real += answered
        for rejected in (False, True):
            if not self._auth(op, known or AUTH_PROBE_ID, rejected=rejected):
                return
        if not real and known is None:  # A known id that failed says so itself.
            variable = KNOWN_ID_VARIABLES[op.name]
            message = (f"no real body was validated: every answer was empty, null or an error; "
                       f"give {variable} of the key's account to validate one")  # fmt: skip
            required = self.settings.require_real_bodies
            suite = f"contract.{op.host}.{op.name}"
            self.report.add(CheckResult(suite, "real bodies", "failed" if required else "warning",
                                        message + (" (REQUIRE_REAL_BODIES=1)" if required else "")))  # fmt: skip

    def _ordinary(self, op: ApiOperation, ids: list[int]) -> int | None:
        """How many real bodies the ordinary ids answered; None when the deadline came first."""
        url, real, over = self.settings.urls[op.host], 0, 0
        for index, ident in enumerate(ids):
            if self._pending(f"{op.name}: probes from id {ident}"):
                return None
            if over >= OVER_BOUNDS_ENOUGH:  # A server this slow or large stays so: spare the run its deadline.
                self.report.add(CheckResult(f"contract.{op.host}.{op.name}", "other ids", "warning",
                                            f"{len(ids) - index} ids not probed: answers broke BUDGET or "
                                            "MAX_BODY_BYTES"))  # fmt: skip
                break
            self.deadline.doing = f"probing {op.name} id {ident} at {url}"
            answer = self.call(op, ident, self.settings.key)
            found = judge(op, ident, answer)
            over += bool(answer.problems)
            real += found.real
            if found.not_validated:
                self.report.not_validated[found.not_validated] += 1
            self._add(op, f"id {ident}", found.problems, answer, reproduce(url, op, ident))
        return real

    def _known(self, op: ApiOperation, known: int) -> int | None:
        """1 when the known id answered its real body, 0 when not, None when the deadline came first."""
        if self._pending(f"{op.name}: known id {known}"):
            return None
        url = self.settings.urls[op.host]
        self.deadline.doing = f"probing {op.name} known id {known} at {url}"
        for attempt in range(KNOWN_TRIES):  # A 429 is asked again, spaced: a rate limit is not drift yet.
            answer = self.call(op, known, self.settings.key)
            if answer.status != 429 or attempt == KNOWN_TRIES - 1 or self.deadline.expired():
                break
            self.sleep(REMOTE_SPACING if not self.settings.loopback else LOOPBACK_RETRY_SPACING)
        problems = judge_known(op, known, answer)
        self._add(op, f"id {known} (known)", problems, answer, reproduce(url, op, known))
        return 0 if problems else 1

    def _auth(self, op: ApiOperation, ident: int, *, rejected: bool) -> bool:
        """A request with a rejected key, or none; False when the deadline came first."""
        name = "rejected key" if rejected else "missing key"
        if self._pending(f"{op.name}: {name}"):
            return False
        url, key = self.settings.urls[op.host], REJECTED_KEY if rejected else ""
        self.deadline.doing = f"probing {op.name} with a {name} at {url}"
        answer = self.call(op, ident, key or None)
        problems, warning = judge_auth(op, answer, rejected=rejected)
        if warning:
            self.report.add(CheckResult(f"contract.{op.host}.{op.name}", name, "warning", warning))
        else:
            self._add(op, name, problems, answer, reproduce(url, op, ident, key))
        return True

    def over_bounds(self, host: str) -> bool:
        """True when a probe of the host broke the time or size bound: generated cases there would hang too."""
        return any(
            r.outcome == "failed" and r.suite.startswith(f"contract.{host}.")
            and ("BUDGET" in r.message or "MAX_BODY_BYTES" in r.message)
            for r in self.report.results
        )  # fmt: skip
