"""Generated bodies: every answer the spec allows parses; mutated ones parse or raise a clear error.

`make test` runs 2,000 examples in all (with tests/generated/test_properties.py); `make fuzz`
runs 100,000 (VAST_FUZZ_EXAMPLES).
"""

from __future__ import annotations

import json
import os
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Script
from tests.generated.annotations import mismatches
from tests.spec import component_validator, spec
from vast_wrapper import APIStatusError, Instance, NotFoundError, UnexpectedResponseError, VastError, Worker

pytestmark = pytest.mark.property

# Split over the six properties: four here, two of the generated package in tests/generated/.
EXAMPLES = int(os.environ.get("VAST_FUZZ_EXAMPLES", "2000")) // 6
PROFILE = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
DEEP_MARKER = "__deep_nesting__"
ERROR_KEYS = {"error_msg", "error", "msg", "message", "detail", "success"}

JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


# The spec's two numeric-string patterns, built from parts: hypothesis's from_regex costs ~10 ms a
# draw, most of these tests' time. Every valid body is checked against the spec, patterns included.
_BLANKS = st.text(" \t\r\n", max_size=2)
_SIGN = st.sampled_from(["", "-"])
_DIGITS = st.text("0123456789", min_size=1, max_size=8)
_MANTISSA = st.tuples(_DIGITS, st.sampled_from(["", "."]), st.text("0123456789", max_size=4)).map(
    "".join
) | _DIGITS.map(".{}".format)
_EXPONENT = st.just("") | st.tuples(st.sampled_from("eE"), st.sampled_from(["", "-", "+"]), _DIGITS).map("".join)
PATTERN_STRINGS = {
    r"^[ \t\r\n]*-?[0-9]+[ \t\r\n]*$": st.tuples(_BLANKS, _SIGN, _DIGITS, _BLANKS).map("".join),
    r"^[ \t\r\n]*-?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?[ \t\r\n]*$": st.tuples(
        _BLANKS, _SIGN, _MANTISSA, _EXPONENT, _BLANKS
    ).map("".join),
}
# What a mutation puts in: -?\d{1,5}(\.\d{1,3})?, any script's digits (float() reads them all).
_ANY_DIGITS = st.characters(categories=["Nd"])
NUMERIC_TEXT = st.tuples(
    _SIGN,
    st.text(_ANY_DIGITS, min_size=1, max_size=5),
    st.just("") | st.text(_ANY_DIGITS, min_size=1, max_size=3).map(".{}".format),
).map("".join)


def inline(node: Any) -> Any:
    """The spec's schema with every local $ref replaced by its target (the spec has no cycles)."""
    if isinstance(node, dict):
        if "$ref" in node:
            target: Any = spec()
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            return inline(target)
        return {k: inline(v) for k, v in node.items()}
    if isinstance(node, list):
        return [inline(v) for v in node]
    return node


def from_schema(schema: dict[str, Any]) -> st.SearchStrategy[Any]:  # noqa: PLR0911 - one branch per type.
    """Values valid under the subset of JSON Schema the spec uses."""
    alternatives = schema.get("anyOf") or schema.get("oneOf")
    if alternatives:
        return st.one_of([from_schema(s) for s in alternatives])
    kind = schema.get("type")
    if isinstance(kind, list):
        return st.one_of([from_schema({**schema, "type": k}) for k in kind])
    if kind is None:
        return JSON_VALUES
    if kind == "object":
        properties = {name: from_schema(sub) for name, sub in schema.get("properties", {}).items()}
        required = {name: properties.pop(name) for name in schema.get("required", [])}
        fixed = st.fixed_dictionaries(required, optional=properties)
        extra = schema.get("additionalProperties", True)
        if isinstance(extra, dict):
            return st.tuples(fixed, st.dictionaries(st.text(max_size=8), from_schema(extra), max_size=3)).map(
                lambda pair: {**pair[1], **pair[0]}
            )
        return fixed
    if kind == "array":
        return st.lists(from_schema(schema.get("items", {})), max_size=4)
    if kind == "string":
        pattern = schema.get("pattern")
        if pattern is None:
            return st.text(max_size=20)
        fast = PATTERN_STRINGS.get(pattern)
        return fast if fast is not None else st.from_regex(pattern, fullmatch=True)
    if kind == "integer":
        return st.integers(schema.get("minimum"), schema.get("maximum"))
    if kind == "number":
        return st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    return {"boolean": st.booleans(), "null": st.none()}[kind]


INSTANCE_BODIES = from_schema(inline(spec()["components"]["schemas"]["InstanceEnvelope"]))
WORKER_BODIES = from_schema(inline(spec()["components"]["schemas"]["WorkerList"]))


def mutated(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[bytes]:
    """Serialised bodies broken the ways servers break them."""

    def at_random_place(body: Any, data: st.DataObject, value: Any) -> Any:
        if isinstance(body, dict) and body:
            key = data.draw(st.sampled_from(sorted(body)))
            return {**body, key: at_random_place(body[key], data, value) if data.draw(st.booleans()) else value}
        if isinstance(body, list) and body:
            index = data.draw(st.integers(0, len(body) - 1))
            return [*body[:index], at_random_place(body[index], data, value), *body[index + 1 :]]
        return value

    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        body = draw(valid)
        data = draw(st.data())
        kind = draw(st.sampled_from(["value", "missing", "extra", "numeric", "huge", "deep", "bytes", "truncate"]))
        if kind == "value":  # A wrong type or a null anywhere.
            body = at_random_place(body, data, draw(JSON_VALUES))
        elif kind == "missing" and isinstance(body, dict) and body:
            body.pop(draw(st.sampled_from(sorted(body))))
        elif kind == "extra":
            body = at_random_place(body, data, {draw(st.text(max_size=8)): draw(JSON_VALUES)})
        elif kind == "numeric":
            body = at_random_place(body, data, draw(NUMERIC_TEXT))
        elif kind == "huge":
            body = at_random_place(body, data, draw(st.sampled_from([10**400, -(10**30), 1e308, "9" * 5000])))
        elif kind == "deep":  # Spliced in as text: nesting this deep is beyond json.dumps itself.
            body = at_random_place(body, data, DEEP_MARKER)
        raw = json.dumps(body).encode()
        depth = draw(st.integers(100, 3000))
        raw = raw.replace(json.dumps(DEEP_MARKER).encode(), b"[" * depth + b"]" * depth)
        if kind == "bytes":  # Invalid UTF-8 somewhere.
            cut = draw(st.integers(0, len(raw)))
            raw = raw[:cut] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80"])) + raw[cut:]
        elif kind == "truncate":
            raw = raw[: draw(st.integers(0, max(0, len(raw) - 1)))]
        return raw

    return build()


def fetch(method: str, raw: bytes) -> Any:
    script = Script(httpx.Response(200, content=raw, headers={"content-type": "application/json"}))
    with script.client(max_retries=0) as client:
        return getattr(client, method)(1)


def _error_shaped(raw: bytes) -> bool:
    try:
        body = json.loads(raw)
    except (ValueError, RecursionError):
        return False
    return isinstance(body, str) or (isinstance(body, dict) and bool(ERROR_KEYS & body.keys()))


@PROFILE
@given(INSTANCE_BODIES)
def test_every_valid_instance_answer_parses(body: dict[str, Any]) -> None:
    """Any body valid under the spec parses into an Instance (or, for null, NotFoundError)."""
    assert component_validator("InstanceEnvelope").is_valid(body)
    if body.get("instances") is None:
        return
    instance = fetch("show_instance", json.dumps(body).encode())
    assert isinstance(instance, Instance)
    assert instance.to_dict().keys() == body["instances"].keys()
    assert mismatches(instance) == []


@PROFILE
@given(WORKER_BODIES)
def test_every_valid_worker_list_parses(body: list[dict[str, Any]]) -> None:
    """Any worker list valid under the spec parses, with every numeric string turned into a number."""
    assert component_validator("WorkerList").is_valid(body)
    workers = fetch("get_endpoint_workers", json.dumps(body).encode())
    assert [w.to_dict().keys() for w in workers] == [w.keys() for w in body]
    assert all(isinstance(w, Worker) for w in workers)
    assert [p for worker in workers for p in mismatches(worker)] == []  # Numbers, where the spec says so.


def _parses_or_fails_clearly(method: str, raw: bytes) -> None:
    try:
        answer = fetch(method, raw)
    except VastError as caught:
        error: VastError | None = caught
    else:
        error = None
    if error is None:
        assert [p for model in (answer if isinstance(answer, list) else [answer]) for p in mismatches(model)] == []
    elif isinstance(error, UnexpectedResponseError):
        assert error.message.startswith("Unexpected answer (HTTP 200): ")
    elif isinstance(error, NotFoundError):
        assert json.loads(raw) == {"instances": None}  # The documented "no such instance".
    else:
        # A mutation that looks like an error the server sends with HTTP 200 is reported as one.
        assert isinstance(error, APIStatusError), error
        assert _error_shaped(raw), error
        assert error.status_code == 200


@PROFILE
@given(mutated(INSTANCE_BODIES))
def test_mutated_instance_answers_never_escape_the_tree(raw: bytes) -> None:
    """A broken instance body parses or raises UnexpectedResponseError, never another exception."""
    _parses_or_fails_clearly("show_instance", raw)


@PROFILE
@given(mutated(WORKER_BODIES))
def test_mutated_worker_answers_never_escape_the_tree(raw: bytes) -> None:
    """A broken worker list parses or raises UnexpectedResponseError, never another exception."""
    _parses_or_fails_clearly("get_endpoint_workers", raw)
