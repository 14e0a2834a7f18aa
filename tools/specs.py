"""The spec, loaded once, and JSON Schema validators of its parts: for the contract runner and the tests."""

from __future__ import annotations

import functools
import json
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tools.project import SPEC_PATH, read_yaml

SPEC_URI = "urn:vast-spec"


@functools.cache
def spec() -> dict[str, Any]:
    """The parsed spec."""
    loaded: dict[str, Any] = read_yaml(SPEC_PATH)
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


def _documented_key(path: str, method: str, status: int) -> str | None:
    """The spec's key for a status: the exact code first, then its range ("5XX"), as OpenAPI says."""
    responses = spec()["paths"][path][method.lower()]["responses"]
    for key in (str(status), f"{status // 100}XX"):
        if key in responses:
            return key
    return None


def _media(path: str, method: str, status: int) -> dict[str, Any] | None:
    """The documented content of an answer, or None when the status is not documented."""
    key = _documented_key(path, method, status)
    return None if key is None else resolve(spec()["paths"][path][method.lower()]["responses"][key]).get("content", {})


def is_documented_method(path: str, method: str) -> bool:
    """True when the spec documents the method for the path."""
    return method.lower() in spec()["paths"].get(path, {})


def is_documented(path: str, method: str, status: int) -> bool:
    """True when the spec documents the status for the operation, by its code or its range."""
    return is_documented_method(path, method) and _documented_key(path, method, status) is not None


def documented_statuses(path: str, method: str) -> list[str]:
    """The statuses the spec documents for an operation, ranges as written ("5XX")."""
    return sorted(spec()["paths"][path][method.lower()]["responses"])


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
    body, problems = strict_json(content)
    if problems:
        return [f"HTTP {status}: {problem}" for problem in problems]
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


class _NotJson:
    """A value Python's json accepts and JSON does not (NaN, Infinity), kept in place to name its path."""

    def __init__(self, text: str) -> None:
        self.text = text


class _Object(dict[str, Any]):
    """A JSON object that remembers the keys it saw twice (two parsers would read two values)."""

    duplicates: list[str]


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    found = _Object(pairs)
    seen: set[str] = set()
    found.duplicates = [k for k, _ in pairs if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
    return found


def strict_json(content: bytes) -> tuple[Any, list[str]]:
    """(the body, what makes it not strict JSON): invalid UTF-8, NaN/Infinity, duplicate keys, by JSON path.

    Python's json accepts NaN and Infinity and keeps the last of two equal keys: other parsers do not.
    """
    text = content.decode("utf-8", errors="surrogateescape")  # Bad bytes stay, as lone surrogates, to be located.
    try:
        body = json.loads(text, object_pairs_hook=_object, parse_constant=_NotJson)
    except RecursionError:
        return None, ["the body is not JSON (nested too deeply)"]
    except ValueError:
        return None, [f"the body is not JSON ({_clip(repr(content[:60]))})"]
    problems: list[str] = []
    _strict_problems(body, "$", problems)
    return body, problems


def _strict_problems(node: Any, where: str, problems: list[str]) -> None:
    if isinstance(node, _NotJson):
        problems.append(f"at {where}: {node.text} is not JSON (a number must be finite)")
    elif isinstance(node, str):
        if any("\udc80" <= c <= "\udcff" for c in node):
            problems.append(f"at {where}: the text is not valid UTF-8")
    elif isinstance(node, dict):
        for key in getattr(node, "duplicates", []):
            problems.append(f"at {where}: the key {key!r} appears twice; parsers disagree on its value")
        for key, value in node.items():
            if any("\udc80" <= c <= "\udcff" for c in key):
                problems.append(f"at {where}: a key is not valid UTF-8")
            _strict_problems(value, f"{where}.{key}" if key.isidentifier() else f"{where}[{key!r}]", problems)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            _strict_problems(value, f"{where}[{index}]", problems)


def _clip(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
