"""schemathesis hooks of the contract suite (SCHEMATHESIS_HOOKS=tools.contract_checks).

- `response_fits_the_spec` replaces response_schema_conformance: its failure names the field's
  JSON path and what the spec expects (even inside a oneOf), treats NaN, duplicate keys and
  invalid UTF-8 as drift, and checks that an instance answer is about the id asked for;
- `answer_within_budget` replaces max_response_time: BUDGET counts to the body's last byte,
  and a body over MAX_BODY_BYTES is drift;
- `undocumented_method_refused` replaces unsupported_method: 405 or 501 are both fine.
"""

from __future__ import annotations

import os
import time
from typing import Any

import schemathesis

from tools.contract_probes import about_another_id
from tools.specs import answer_problems, is_documented, is_documented_method, strict_json

_started: dict[int, float] = {}  # id(case) -> when its request left; bounded below.
_took: dict[int, float] = {}  # id(case) -> seconds to the answer's last byte
REFUSALS = (405, 501)
# Protected operations may refuse before routing; a rate limiter throttles every method alike.
ALSO_FINE = (401, 403, 429)


@schemathesis.hook
def before_call(context: Any, case: Any, kwargs: Any) -> None:
    if len(_started) > 10_000:
        _started.clear()
        _took.clear()
    _started[id(case)] = time.monotonic()


@schemathesis.hook
def after_call(context: Any, case: Any, response: Any) -> None:
    # requests has read the whole body by now: this is the time to its last byte.
    if id(case) in _started:
        _took[id(case)] = time.monotonic() - _started.pop(id(case))


def _header(response: Any, name: str) -> str:
    value = response.headers.get(name, [""])
    return (value[0] if isinstance(value, list) and value else value) or ""


@schemathesis.check
def response_fits_the_spec(ctx: Any, response: Any, case: Any) -> bool | None:
    path, method = case.operation.path, case.method.lower()
    if not is_documented_method(path, method) or not is_documented(path, method, response.status_code):
        return None  # Another method (undocumented_method_refused's) or status (status_code_conformance's).
    problems = answer_problems(path, method, response.status_code, _header(response, "content-type"), response.content)
    if not problems and response.status_code == 200 and "{id}" in path:
        ident = (case.path_parameters or {}).get("id")
        wrong = about_another_id(strict_json(response.content)[0], ident) if isinstance(ident, int) else None
        problems = [wrong] if wrong else []
    if problems:
        raise AssertionError("; ".join(problems))
    return True


@schemathesis.check
def answer_within_budget(ctx: Any, response: Any, case: Any) -> bool | None:
    budget = float(os.environ.get("CONTRACT_CHECK_BUDGET", "2"))
    cap = int(os.environ.get("CONTRACT_CHECK_MAX_BODY_BYTES", str(8 * 1024 * 1024)))
    size = len(response.content or b"")
    if size > cap:
        raise AssertionError(f"the body is {size} bytes, over the cap of {cap} bytes (MAX_BODY_BYTES)")
    took = _took.get(id(case))
    if took is not None and took > budget:
        raise AssertionError(f"the answer took {took:.2f} s to its last byte, over the BUDGET of {budget:g} s")
    return True


@schemathesis.check
def undocumented_method_refused(ctx: Any, response: Any, case: Any) -> bool | None:
    path, method = case.operation.path, str(response.request.method or case.method).lower()
    if is_documented_method(path, method) or method in ("head", "options"):
        return None  # HEAD and OPTIONS are the framework's; documented methods are judged by the spec.
    status = response.status_code
    if status in ALSO_FINE:
        return True
    if status not in REFUSALS:
        raise AssertionError(
            f"{method.upper()}, a method the spec does not document here, was answered HTTP {status}; "
            "expected 405 Method Not Allowed or 501 Not Implemented"
        )
    if status == 405 and not _header(response, "allow"):
        raise AssertionError(f"{method.upper()} was answered 405 without the Allow header RFC 9110 requires")
    return True
