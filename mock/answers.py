"""Answers a test sets at runtime (POST /__mock/answers), each checked against the spec when it is set.

An answer names an operation (and optionally an id) and gives a status, body and headers, a
scenario of the table by name, or a network failure (mock/faults.py). `times` uses it up after
so many calls; a `sequence` queues several ("429, 429, then the normal answer"). An answer the
spec does not document for that operation is refused with the JSON path and the rule it breaks,
unless the test says `"off_spec": true` on purpose: the journal then marks what it served.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass, field
from typing import Any

from jsonschema.exceptions import best_match

from mock.faults import FAULTS
from mock.scenarios import Scenario, named_scenario, scenario_names
from tools.specs import resolve, spec, validator

OPERATIONS = {
    "show_instance": ("/api/v0/instances/{id}/", "get"),
    "get_endpoint_workers": ("/get_endpoint_workers/", "post"),
    "get_autogroup_workers": ("/get_autogroup_workers/", "post"),
}
MAX_ANSWERS = 100  # Per world: state keyed by what a client sends stays bounded.
MAX_SECONDS = 600.0
FIELDS = {"operation", "id", "status", "body", "text", "headers", "scenario", "fault", "seconds", "times", "off_spec"}
FORBIDDEN_HEADERS = {"content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "trailer", "te"}
_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}")
_numbers = itertools.count(1)


class RefusedError(ValueError):
    """A runtime answer that cannot be set: the reason, and where the spec says no."""

    def __init__(self, message: str, path: str | None = None, rule: str | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.rule = rule

    def body(self) -> dict[str, Any]:
        return {"success": False, "error": "refused", "msg": str(self), "path": self.path, "rule": self.rule}


@dataclass
class RuntimeAnswer:
    operation: str
    ident: int | None
    status: int = 200
    content: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    scenario: Scenario | None = None
    fault: str = ""
    seconds: float = 0.0
    times: int | None = None  # None: until removed.
    off_spec: bool = False
    number: int = field(default_factory=lambda: next(_numbers))

    def applies(self, operation: str, ident: int | None) -> bool:
        return self.operation == operation and self.ident in (None, ident) and self.times != 0

    def use(self) -> None:
        if self.times is not None:
            self.times -= 1

    def public(self) -> dict[str, Any]:
        return {
            "answer": self.number, "operation": self.operation, "id": self.ident, "status": self.status,
            "scenario": self.scenario.name if self.scenario else None, "fault": self.fault or None,
            "times_left": self.times, "off_spec": self.off_spec,
        }  # fmt: skip


def parse(payload: Any) -> list[RuntimeAnswer]:
    """The answers a registration asks for, in the order they are to be served; RefusedError when one cannot be."""
    if not isinstance(payload, dict):
        raise RefusedError('Send a JSON object: {"operation": ..., "status": ..., "body": ...} or {"sequence": [...]}.')
    if "sequence" in payload:
        steps = payload["sequence"]
        shared = {k: v for k, v in payload.items() if k != "sequence"}
        if not isinstance(steps, list) or not steps or not all(isinstance(s, dict) for s in steps):
            raise RefusedError("sequence must be a non-empty list of answers.", "$.sequence")
        return [_one({"times": 1, **shared, **step}, f"$.sequence[{n}]") for n, step in enumerate(steps)]
    return [_one(payload, "$")]


def _one(payload: dict[str, Any], where: str) -> RuntimeAnswer:
    unknown = sorted(set(payload) - FIELDS)
    if unknown:
        raise RefusedError(
            f"Unknown field {unknown[0]!r}; fields: {', '.join(sorted(FIELDS))}.", f"{where}.{unknown[0]}"
        )
    operation = payload.get("operation")
    if operation not in OPERATIONS:
        raise RefusedError(f"operation must be one of {', '.join(OPERATIONS)}.", f"{where}.operation")
    ident = payload.get("id")
    if ident is not None and not (isinstance(ident, int) and not isinstance(ident, bool) and 1 <= ident < 2**53):
        raise RefusedError("id must be an integer from 1 to 2^53 - 1, or absent for every id.", f"{where}.id")
    times = payload.get("times")
    if times is not None and not (isinstance(times, int) and not isinstance(times, bool) and 1 <= times <= 10_000):
        raise RefusedError("times must be an integer from 1 to 10000.", f"{where}.times")
    off_spec = payload.get("off_spec", False)
    if not isinstance(off_spec, bool):
        raise RefusedError("off_spec must be true or false.", f"{where}.off_spec")
    seconds = payload.get("seconds", 0.0)
    if not isinstance(seconds, int | float) or isinstance(seconds, bool) or not 0 <= seconds <= MAX_SECONDS:
        raise RefusedError(f"seconds must be a number from 0 to {MAX_SECONDS:.0f}.", f"{where}.seconds")
    answer = RuntimeAnswer(operation, ident, times=times, off_spec=off_spec, seconds=float(seconds))
    kinds = [k for k in ("scenario", "fault", "status") if k in payload]
    if len(kinds) != 1:
        raise RefusedError("Give exactly one of status (with body or text), scenario or fault.", where)
    if "scenario" in payload:
        answer.scenario = named_scenario(operation, str(payload["scenario"]))
        if answer.scenario is None:
            names = ", ".join(sorted(scenario_names(operation)))
            raise RefusedError(
                f"No scenario {payload['scenario']!r} for {operation}; scenarios: {names}.", f"{where}.scenario"
            )
        return answer
    if "fault" in payload:
        if payload["fault"] not in FAULTS:
            raise RefusedError(f"fault must be one of {', '.join(FAULTS)}.", f"{where}.fault")
        answer.fault = payload["fault"]
        return answer
    _set_content(answer, payload, where)
    if not off_spec:
        check(answer, where)
    return answer


def _set_content(answer: RuntimeAnswer, payload: dict[str, Any], where: str) -> None:
    status = payload["status"]
    if not isinstance(status, int) or isinstance(status, bool) or not 200 <= status <= 599:
        raise RefusedError("status must be an HTTP status from 200 to 599.", f"{where}.status")
    answer.status = status
    headers = payload.get("headers", {})
    if not isinstance(headers, dict) or not all(isinstance(v, str) for v in headers.values()):
        raise RefusedError("headers must be an object of strings.", f"{where}.headers")
    for name, value in headers.items():
        if not _HEADER_NAME.fullmatch(name) or name.lower() in FORBIDDEN_HEADERS:
            raise RefusedError(f"Header {name!r} cannot be set.", f"{where}.headers")
        if not all(32 <= ord(c) <= 126 or c == "\t" for c in value):
            raise RefusedError(f"Header {name!r} must be printable ASCII.", f"{where}.headers.{name}")
    answer.headers = {k.lower(): v for k, v in headers.items()}
    if "text" in payload and "body" in payload:
        raise RefusedError("Give body (JSON) or text, not both.", where)
    if "text" in payload:
        if not isinstance(payload["text"], str):
            raise RefusedError("text must be a string.", f"{where}.text")
        answer.content = payload["text"].encode()
        answer.headers.setdefault("content-type", "text/plain; charset=utf-8")
    elif "body" in payload:
        answer.content = json.dumps(payload["body"]).encode()
        answer.headers.setdefault("content-type", "application/json")


def check(answer: RuntimeAnswer, where: str = "$") -> None:
    """Refused unless the spec documents this status, content type, body and headers for the operation."""
    path, method = OPERATIONS[answer.operation]
    responses = spec()["paths"][path][method]["responses"]
    documented = responses.get(str(answer.status)) or responses.get(f"{answer.status // 100}XX")
    if documented is None:
        listed = ", ".join(responses)
        raise RefusedError(
            f"HTTP {answer.status} is not documented for {answer.operation} (documented: {listed}).",
            f"{where}.status",
            f"status in {listed}",
        )
    response = resolve(documented)
    content = response.get("content", {})
    kind = answer.headers.get("content-type", "").split(";")[0].strip().lower()
    if content and not answer.content:
        raise RefusedError(
            f"HTTP {answer.status} of {answer.operation} has a body in the spec: give body or text.",
            f"{where}.body",
            "required",
        )
    if answer.content and kind not in content:
        raise RefusedError(
            f"HTTP {answer.status} of {answer.operation} is documented as {', '.join(content)}, "
            f"not {kind or 'no content type'}.",
            f"{where}.headers.content-type",
            f"content type in {', '.join(content)}",
        )
    if answer.content:
        body: Any = answer.content.decode() if kind.startswith("text/") else json.loads(answer.content)
        error = best_match(validator(content[kind]["schema"]).iter_errors(body))
        if error is not None:
            base = f"{where}.text" if kind.startswith("text/") else f"{where}.body"
            json_path = base + error.json_path.removeprefix("$")
            rule = f"{error.validator}: {json.dumps(error.validator_value, default=str)[:120]}"
            raise RefusedError(
                f"The spec does not allow this {answer.operation} answer at {json_path}: {error.message}",
                json_path,
                rule,
            )
    retry_after = answer.headers.get("retry-after")
    if retry_after is not None and (answer.status != 429 or not re.fullmatch(r"[0-9]{1,9}", retry_after)):
        raise RefusedError(
            "Retry-After is documented on a 429 only, as whole seconds.",
            f"{where}.headers.retry-after",
            "integer, minimum 0, on 429",
        )


def pick(answers: list[RuntimeAnswer], operation: str, ident: int | None) -> RuntimeAnswer | None:
    """The answer set for this call, used up once served; None for the normal answer."""
    for answer in answers:
        if answer.applies(operation, ident):
            answer.use()
            if answer.times == 0:
                answers.remove(answer)
            return answer
    return None


def register(answers: list[RuntimeAnswer], new: list[RuntimeAnswer]) -> None:
    """Newest first: what a test sets last wins; a sequence is served in its order."""
    if len(answers) + len(new) > MAX_ANSWERS:
        raise RefusedError(f"A key holds at most {MAX_ANSWERS} answers: remove some (DELETE /__mock/answers).")
    answers[:0] = new
