"""What the spec says each operation answers, and the check that a generated package reads it so.

Shared by the answer-form tests of vast_api and by the spec-evolution test (another spec, another
package): everything here comes from the spec given, so a new operation is covered without a test edit.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import httpx
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
URI = "urn:spec"


@dataclass(frozen=True)
class Operation:
    """One operation of a spec, and the generated module that sends it."""

    name: str
    method: str
    path: str
    module: ModuleType
    arguments: dict[str, Any]
    responses: dict[str, dict[str, Any]]  # status pattern -> the answer, $refs followed

    def __repr__(self) -> str:  # Readable pytest ids.
        return self.name


def _follow(document: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def _snake(name: str) -> str:
    name = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name)
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def _modules(package: str) -> dict[str, ModuleType]:
    api = importlib.import_module(f"{package}.api")
    found = {}
    for info in pkgutil.walk_packages(api.__path__, f"{package}.api."):
        if not info.ispkg:
            found[info.name.rsplit(".", 1)[1]] = importlib.import_module(info.name)
    return found


def _example(document: dict[str, Any], holder: dict[str, Any], schema: dict[str, Any]) -> Any:
    if "example" in holder:
        return holder["example"]
    for example in (holder.get("examples") or {}).values():
        return _follow(document, example)["value"]
    schema = _follow(document, schema)
    return {"integer": 1, "number": 1.5, "string": "x", "boolean": True}.get(str(schema.get("type")), {})


def operations(document: dict[str, Any], package: str = "vast_api") -> list[Operation]:
    """Every operation the spec declares, with arguments built from its examples."""
    modules = _modules(package)
    models = importlib.import_module(f"{package}.models")
    found = []
    for path, raw_item in document["paths"].items():
        if path.startswith("x-"):
            continue
        item = _follow(document, raw_item)
        for method in METHODS:
            if method not in item:
                continue
            op = item[method]
            arguments: dict[str, Any] = {}
            for declared in [*item.get("parameters", []), *op.get("parameters", [])]:
                parameter = _follow(document, declared)
                if parameter.get("required"):
                    arguments[_snake(parameter["name"])] = _example(document, parameter, parameter.get("schema", {}))
            if "requestBody" in op:
                media = _follow(document, op["requestBody"])["content"]["application/json"]
                model = getattr(models, media["schema"]["$ref"].rsplit("/", 1)[1])
                arguments["body"] = model.from_dict(_example(document, media, media["schema"]))
            name = op.get("operationId") or f"{method}_{path}"
            responses = {
                str(k): _follow(document, v) for k, v in op["responses"].items() if not str(k).startswith("x-")
            }
            found.append(Operation(name, method, path, modules[_snake(name)], arguments, responses))
    return found


def documented(operation: Operation, status: int) -> dict[str, Any] | None:
    """The answer the spec documents for a status: its exact code, else its range (4XX), else default."""
    return (
        operation.responses.get(str(status))
        or operation.responses.get(f"{status // 100}XX")
        or operation.responses.get(f"{status // 100}xx")
        or operation.responses.get("default")
    )


def _validator(document: dict[str, Any], schema: dict[str, Any]) -> Draft202012Validator:
    def rebase(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: (URI + v if k == "$ref" and v.startswith("#") else rebase(v)) for k, v in node.items()}
        return [rebase(v) for v in node] if isinstance(node, list) else node

    registry: Registry[Any] = Registry().with_resource(URI, Resource.from_contents(document, DRAFT202012))
    return Draft202012Validator({"$id": "urn:schema", **rebase(schema)}, registry=registry)


def _is_json(content_type: str | None) -> bool:
    media = (content_type or "").split(";")[0].strip().lower()
    return media in ("", "application/json") or media.endswith("+json")


def check(
    document: dict[str, Any], operation: Operation, response: Any, status: int, content_type: str | None, body: bytes
) -> None:
    """What a user must see for this answer, from the spec alone."""
    assert response.status_code == status
    assert response.content == body
    assert response.headers.get("content-type") == content_type
    parsed, problem = response.parsed, response.problem
    answer = documented(operation, status)
    if answer is None:
        assert (parsed, problem) == (None, None)
        return
    content = answer.get("content") or {}
    texts = [t for t in content if t.lower().startswith("text/")]
    jsons = [t for t in content if t != "*/*" and _is_json(t) and t]
    if texts and (content_type or "").lower().startswith("text/"):
        headers = {"content-type": content_type} if content_type else {}
        assert parsed == httpx.Response(status, headers=headers, content=body).text
        assert problem is None
    elif jsons and _is_json(content_type):
        try:
            value = json.loads(body)
        except ValueError:
            assert parsed is None
            assert problem
            return
        schema = content[jsons[0]]["schema"]
        if _validator(document, schema).is_valid(value):
            assert problem is None, f"a valid body was refused: {problem}"
            assert parsed is not None
            if "$ref" in schema and _follow(document, schema).get("type") == "object":
                assert type(parsed).__name__ == schema["$ref"].rsplit("/", 1)[1]
        else:
            assert parsed is None, f"an invalid body was read as {parsed!r}"
            assert problem
    else:
        assert parsed is None
        assert problem if content else problem is None
