"""The spec, loaded once, and JSON Schema validators of its parts: for the contract runner and the tests."""

from __future__ import annotations

import functools
import json
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tools.project import SPEC_PATH

SPEC_URI = "urn:vast-spec"


@functools.cache
def spec() -> dict[str, Any]:
    """The parsed spec."""
    loaded: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text())
    return loaded


def validator(schema: dict[str, Any]) -> Draft202012Validator:
    """A JSON Schema validator for one schema of the spec, with its $refs resolvable."""
    resource = Resource.from_contents(spec(), default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
    return Draft202012Validator({"$id": "urn:schema", **_rebase(schema)}, registry=registry)


def component_validator(name: str) -> Draft202012Validator:
    """A validator for components/schemas/NAME."""
    return validator({"$ref": f"#/components/schemas/{name}"})


def _rebase(node: Any) -> Any:
    # Local refs ("#/components/...") point into the spec document, not into the schema.
    if isinstance(node, dict):
        return {k: (SPEC_URI + v if k == "$ref" and v.startswith("#") else _rebase(v)) for k, v in node.items()}
    if isinstance(node, list):
        return [_rebase(v) for v in node]
    return node


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    """Follow a local $ref inside the spec."""
    while "$ref" in node:
        target: Any = spec()
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _media(path: str, method: str, status: int) -> dict[str, Any] | None:
    """The documented content of an answer, or None when the status is not documented."""
    operation = spec()["paths"][path][method.lower()]
    answer = operation["responses"].get(str(status))
    return None if answer is None else resolve(answer).get("content", {})


def documented_statuses(path: str, method: str) -> list[int]:
    """The statuses the spec documents for an operation."""
    return sorted(int(code) for code in spec()["paths"][path][method.lower()]["responses"] if code.isdigit())


def answer_problems(path: str, method: str, status: int, content_type: str, content: bytes) -> list[str]:
    """What is wrong with an answer under the spec, each naming the JSON path and what the spec expects.

    An undocumented status is reported too; an empty list means the answer fits.
    """
    media = _media(path, method, status)
    if media is None:
        documented = ", ".join(map(str, documented_statuses(path, method)))
        return [f"HTTP {status} is not documented for {method.upper()} {path} (documented: {documented})"]
    kind = content_type.split(";", maxsplit=1)[0].strip().lower()
    if kind not in media:
        return [f"HTTP {status} came as {kind or 'no content type'}; the spec documents {', '.join(media)}"]
    if kind.startswith("text/"):
        return []
    try:
        body = json.loads(content)
    except (ValueError, RecursionError):
        return [f"HTTP {status}: the body is not JSON ({content[:60]!r})"]
    error = best_match(_answer_validator(path, method.lower(), status, kind).iter_errors(body))
    if error is None:
        return []
    expected = json.dumps(error.validator_value, default=str)
    expected = expected if len(expected) <= 80 else expected[:77] + "..."
    return [f"HTTP {status} at {error.json_path}: {_clip(error.message)} (the spec wants {error.validator} {expected})"]


@functools.cache
def _answer_validator(path: str, method: str, status: int, kind: str) -> Draft202012Validator:
    """One validator per documented answer, built once: a suite checks thousands of answers."""
    media = _media(path, method, status)
    assert media is not None
    return validator(media[kind]["schema"])


def _clip(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
