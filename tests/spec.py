"""Helpers to reach the spec's schemas and examples from tests (the loading lives in tools/specs.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tools.project import ROOT, SPEC_PATH
from tools.specs import SPEC_URI, component_validator, resolve, spec, validator

__all__ = [
    "ROOT",
    "SPEC_PATH",
    "SPEC_URI",
    "component_validator",
    "media_examples",
    "named_example",
    "resolve",
    "spec",
    "validator",
]


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
