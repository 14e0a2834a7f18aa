"""The spec, loaded once, and helpers to reach its schemas and examples from tests."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = ROOT / "openapi" / "vast.yaml"
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


def media_examples() -> Iterator[tuple[str, dict[str, Any], Any]]:
    """(where, schema, example value) for every example under a media type of the spec."""
    for path, item in spec()["paths"].items():
        for method, op in item.items():
            if method == "servers":
                continue
            bodies: list[tuple[str, dict[str, Any]]] = []
            if "requestBody" in op:
                bodies.append(("request", resolve(op["requestBody"])))
            bodies += [(status, resolve(resp)) for status, resp in op["responses"].items()]
            for where, body in bodies:
                for media_type, media in body.get("content", {}).items():
                    for name, example in media.get("examples", {}).items():
                        yield (
                            f"{method.upper()} {path} {where} {media_type} {name}",
                            media["schema"],
                            resolve(example)["value"],
                        )


def named_example(name: str) -> Any:
    """The value of components/examples/NAME."""
    return spec()["components"]["examples"][name]["value"]
