"""Regenerate the client from openapi/vast.yaml, or check that generated/ is current.

`python tools/generate.py` rewrites generated/; `python tools/generate.py --check` generates
into a temporary folder and exits 1, listing the differences, when generated/ is stale.

openapi-python-client reads a copy of the spec prepared here (`prepare`), because it ignores or
misreads some of the OpenAPI 3.1 language: servers at any level (we resolve each operation's
host), `$ref`'d path items, responses and parameters (inlined), `x-` keys where it expects a
status or a path (dropped from the copy), the order of content types (JSON first, so a status
with JSON and text gets its model; the templates add the text), and number-or-numeric-string
schemas (read as numbers, marked `x-numeric-string` for the model template's conversion).
What cannot be honoured stops generation with one line naming the spot in the spec.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `tools` as a package, run as a script.

from tools.project import ROOT, SPEC_PATH, read_yaml

CONFIG = ROOT / "openapi" / "generator.yaml"
TEMPLATES = ROOT / "openapi" / "templates"
PACKAGE = "vast_api"
RECORD = "GENERATED.json"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
NUMERIC = "x-numeric-string"  # Our mark on a prepared property: the pattern of the numeric strings it may hold.


class SpecError(ValueError):
    """A construct the generator cannot honour: one line naming the spot in the spec."""

    def __init__(self, where: str, why: str) -> None:
        super().__init__(f"{where}: {why}")


def _resolve(document: dict[str, Any], node: Any, where: str, kind: str) -> Any:
    """A local `$ref` to a path item, response or parameter, followed to its target (chains too)."""
    seen: set[str] = set()
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if not isinstance(ref, str) or not ref.startswith("#/") or ref in seen:
            raise SpecError(where, f"cannot follow the {kind} $ref {ref!r} (only local, acyclic references)")
        seen.add(ref)
        target: Any = document
        for escaped in ref[2:].split("/"):
            part = escaped.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, dict) or part not in target:
                raise SpecError(where, f"the {kind} $ref {ref!r} points nowhere")
            target = target[part]
        node = target
    return copy.deepcopy(node)


def _server_url(servers: Any, where: str) -> str | None:
    """The first entry's URL with its variables' defaults, or None when there is no `servers` here.

    `where` is the spot that holds `servers`: "" for the document, else a path item or operation.
    """
    if not servers:
        return None
    first, spot = servers[0], f"{where}.servers[0]" if where else "servers[0]"
    url, variables = first.get("url"), first.get("variables") or {}
    if not isinstance(url, str):
        raise SpecError(spot, "has no url")

    def default(match: re.Match[str]) -> str:
        name = match.group(1)
        value = (variables.get(name) or {}).get("default")
        if not isinstance(value, str):
            raise SpecError(f"{spot}.variables", f"{{{name}}} has no default")
        return value

    url = re.sub(r"\{([^{}]*)\}", default, url)
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname or parts.query or parts.fragment:
        raise SpecError(f"{spot}.url", f"{url!r} is not an absolute https URL; the key would go astray")
    return url.rstrip("/")


def _numeric(schema: Any, schemas: dict[str, Any]) -> tuple[str, bool, str] | None:  # noqa: PLR0911 - one per member kind.
    """(kind, nullable, pattern) for a number-or-numeric-string schema, None for any other.

    That is an anyOf/oneOf of one of `integer`/`number`, a `string` with a `pattern` (the numeric
    strings the server may send), optionally `null`, or of references to such schemas.
    """
    if isinstance(schema, dict) and "$ref" in schema:
        ref = schema["$ref"]
        prefix = "#/components/schemas/"
        return _numeric(schemas.get(ref[len(prefix) :]), schemas) if ref.startswith(prefix) else None
    members = schema.get("anyOf") or schema.get("oneOf") if isinstance(schema, dict) else None
    if not isinstance(members, list):
        return None
    kinds: set[str] = set()
    patterns: set[str] = set()
    nullable = False
    for member in members:
        if not isinstance(member, dict):
            return None
        inner = _numeric(member, schemas) if "$ref" in member else None
        if inner is not None:
            kinds.add(inner[0])
            nullable |= inner[1]
            patterns.add(inner[2])
        elif member == {"type": "null"}:
            nullable = True
        elif member.get("type") in ("integer", "number") and set(member) <= {"type", "description"}:
            kinds.add(member["type"])
        elif member.get("type") == "string" and isinstance(member.get("pattern"), str):
            if not set(member) <= {"type", "pattern", "description"}:
                return None
            patterns.add(member["pattern"])
        else:
            return None
    if len(kinds) != 1 or len(patterns) != 1:
        return None
    return kinds.pop(), nullable, patterns.pop()


def _prepare_schema(schema: Any, schemas: dict[str, Any], where: str, top: bool) -> Any:
    """The schema with number-or-numeric-string parts made numbers: marked where a property holds them."""
    if not isinstance(schema, dict):
        return schema
    numeric = _numeric(schema, schemas)
    if numeric is not None:
        kind, nullable, pattern = numeric
        if not top:
            raise SpecError(where, "numbers sent as numeric strings are read only as an object's property")
        plain: dict[str, Any] = {"type": [kind, "null"] if nullable else kind, NUMERIC: pattern}
        if isinstance(schema.get("description"), str):
            plain["description"] = schema["description"]
        elif "$ref" in schema:
            target = schemas.get(schema["$ref"].rsplit("/", 1)[-1], {})
            if isinstance(target.get("description"), str):
                plain["description"] = target["description"]
        return plain
    prepared = dict(schema)
    for key, value in schema.items():
        if key == "properties" and isinstance(value, dict):
            prepared[key] = {
                name: _prepare_schema(inner, schemas, f"{where}.properties.{name}", True)
                for name, inner in value.items()
            }
        elif key in ("items", "additionalProperties", "not"):
            prepared[key] = _prepare_schema(value, schemas, f"{where}.{key}", False)
        elif key in ("anyOf", "oneOf", "allOf") and isinstance(value, list):
            prepared[key] = [
                _prepare_schema(inner, schemas, f"{where}.{key}[{i}]", False) for i, inner in enumerate(value)
            ]
    return prepared


def _is_json(content_type: str) -> bool:
    media = content_type.split(";", maxsplit=1)[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


def _prepare_answer(spec: dict[str, Any], raw: Any, spot: str) -> tuple[dict[str, Any], list[str]]:
    """(the answer, JSON content first, `x-` keys dropped; what it may hold: "json" and/or "text")."""
    answer = _resolve(spec, raw, spot, "response")
    content = {k: v for k, v in (answer.get("content") or {}).items() if not k.startswith("x-")}
    kinds: set[str] = set()
    for content_type in content:
        if _is_json(content_type):
            kinds.add("json")
        elif content_type.lower().startswith("text/"):
            kinds.add("text")
        else:
            raise SpecError(f"{spot}.content", f"cannot read {content_type!r} (only JSON and text/*)")
    # JSON first: openapi-python-client parses the first; the template adds text/*.
    answer["content"] = dict(sorted(content.items(), key=lambda pair: not _is_json(pair[0])))
    if not answer["content"]:
        del answer["content"]
    return answer, sorted(kinds)


def _prepare_operation(spec: dict[str, Any], operation: dict[str, Any], spot: str) -> dict[str, list[str]]:
    """The operation made ready in place (refs inlined, extensions and callbacks dropped); what each status holds."""
    parameters = [
        _resolve(spec, p, f"{spot}.parameters[{i}]", "parameter") for i, p in enumerate(operation.pop("parameters", []))
    ]
    if parameters:
        operation["parameters"] = parameters
    for key in [k for k in operation if k.startswith("x-") or k == "callbacks"]:
        del operation[key]  # Callbacks are requests the server makes: nothing for this client.
    responses: dict[str, Any] = {}
    answers: dict[str, list[str]] = {}
    for key, raw in (operation.get("responses") or {}).items():
        status = str(key)
        if status.startswith("x-"):
            continue
        if not re.fullmatch(r"[1-5](XX|[0-9]{2})|default", status):
            raise SpecError(f"{spot}.responses", f"{status!r} is not a status, a range like 4XX, or default")
        responses[status], answers[status] = _prepare_answer(spec, raw, f"{spot}.responses.{status}")
    operation["responses"] = responses
    return answers


def prepare(document: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the spec as openapi-python-client should read it, facts for the templates as JSON-able data).

    Facts: `servers` maps "METHOD /path" to the operation's server URL (operation, else path, else
    document: the most specific `servers` wins; of several entries, the first); `answers` maps
    "METHOD /path" to {status: ["json"] and/or ["text"]}, what each documented answer may hold.
    """
    if not isinstance(document.get("paths"), dict):
        raise SpecError("paths", "missing: there is nothing to generate")
    spec = copy.deepcopy(document)
    components = spec.setdefault("components", {})
    schemas = components.get("schemas") or {}
    document_server = _server_url(spec.get("servers"), "")
    servers: dict[str, str] = {}
    answers: dict[str, dict[str, list[str]]] = {}
    paths: dict[str, Any] = {}
    for path, raw_item in spec["paths"].items():
        if path.startswith("x-"):
            continue  # An extension, not a path.
        where = f"paths.{path}"
        item = {k: v for k, v in _resolve(spec, raw_item, where, "path item").items() if not k.startswith("x-")}
        path_server = _server_url(item.pop("servers", None), where) or document_server
        shared = [
            _resolve(spec, p, f"{where}.parameters[{i}]", "parameter") for i, p in enumerate(item.pop("parameters", []))
        ]
        if shared:
            item["parameters"] = shared
        for method in METHODS:
            if not isinstance(item.get(method), dict):
                continue
            spot = f"{where}.{method}"
            server = _server_url(item[method].pop("servers", None), spot) or path_server
            if server is None:
                raise SpecError(spot, "no servers entry names its host (document, path or operation)")
            servers[f"{method.upper()} {path}"] = server
            answers[f"{method.upper()} {path}"] = _prepare_operation(spec, item[method], spot)
        paths[path] = item
    spec["paths"] = paths
    if schemas:
        # A number-or-numeric-string component stays as it is: the properties that use it get it inlined.
        components["schemas"] = {
            name: schema
            if _numeric(schema, schemas)
            else _prepare_schema(schema, schemas, f"components.schemas.{name}", False)
            for name, schema in schemas.items()
        }
    return spec, {"servers": servers, "answers": answers, "hosts": sorted(set(servers.values()))}


def spec_facts(facts: dict[str, Any]) -> str:
    """The facts as Jinja (spec.jinja), for the templates: what openapi-python-client does not expose."""
    return "{# Written by tools/generate.py from the spec (servers, content types); not a source file. #}\n" + "".join(
        f"{{% set {name} = {json.dumps(value, sort_keys=True)} %}}\n" for name, value in sorted(facts.items())
    )


def generate(out_dir: Path, spec: Path = SPEC_PATH) -> None:
    """Write the generated package and its record into out_dir (which is replaced)."""
    name = str(spec.relative_to(ROOT)) if spec.is_relative_to(ROOT) else spec.name
    # Before anything is deleted: a spec that does not load or cannot be honoured leaves out_dir as it was.
    try:
        document = read_yaml(spec)
        if not isinstance(document, dict):
            raise SpecError("(top)", "not an OpenAPI document")
        prepared, facts = prepare(document)
    except (OSError, yaml.YAMLError, SpecError) as error:
        raise SystemExit(f"{name}: {error}".splitlines()[0]) from None
    record = {
        "spec": name,
        "spec_sha256": hashlib.sha256(spec.read_bytes()).hexdigest(),
        "config_sha256": hashlib.sha256(CONFIG.read_bytes()).hexdigest(),
        "templates_sha256": hashlib.sha256(
            b"".join(p.read_bytes() for p in sorted(TEMPLATES.rglob("*.jinja")))
        ).hexdigest(),
        "generator": f"openapi-python-client {version('openapi-python-client')}",
        "command": "make generate",
    }
    with tempfile.TemporaryDirectory() as tmp:
        templates = Path(tmp) / "templates"
        shutil.copytree(TEMPLATES, templates)
        (templates / "spec.jinja").write_text(spec_facts(facts))
        prepared_path = Path(tmp) / "spec.json"
        prepared_path.write_text(json.dumps(prepared))
        fresh = Path(tmp) / "out"
        try:
            _run_generator(fresh, prepared_path, templates)
        except GeneratorError as error:
            raise SystemExit(f"{name}: {error}") from None
        (fresh / RECORD).write_text(json.dumps(record, indent=2) + "\n")
        # Only a complete package replaces out_dir: a failure leaves it as it was.
        if out_dir.exists():
            shutil.rmtree(out_dir)
        shutil.copytree(fresh, out_dir)


def _run_generator(out_dir: Path, spec: Path, templates: Path) -> None:
    bin_dir = Path(sys.executable).parent
    result = subprocess.run(
        [
            str(bin_dir / "openapi-python-client"),
            "generate",
            "--path",
            str(spec),
            "--config",
            str(CONFIG),
            # Our overrides (each says why in its header), plus spec.jinja.
            "--custom-template-path",
            str(templates),
            "--meta",
            "none",
            "--output-path",
            str(out_dir / PACKAGE),
        ],
        capture_output=True,
        text=True,
        # The post-hooks find ruff and python on PATH: make them this environment's.
        env={"PATH": f"{bin_dir}:/usr/bin:/bin", "LC_ALL": "C.UTF-8"},
        check=False,
    )
    # The generator exits 0 on warnings it prints (on stdout or stderr); any warning means output is missing.
    output = result.stdout + result.stderr
    if result.returncode != 0 or re.search(r"\b(Warning|WARNING|Error|ERROR)\b", output):
        raise GeneratorError(output)


class GeneratorError(ValueError):
    """openapi-python-client refused part of the spec: one line with the operation or schema and the reason."""

    def __init__(self, output: str) -> None:
        lines = [line.strip() for line in output.splitlines() if line.strip()]
        spot = next((line for line in lines if line.startswith(("WARNING parsing", "ERROR parsing"))), None)
        if spot is None:
            super().__init__(f"openapi-python-client failed: {' / '.join(lines[-3:])}"[:400])
            return
        detail = lines[lines.index(spot) + 1] if lines.index(spot) + 1 < len(lines) else ""
        where = re.sub(r"^(WARNING|ERROR) parsing (.*?)(\. | within ).*$", r"\2", spot)
        super().__init__(f"{where}: openapi-python-client cannot generate it: {detail}"[:400])


def differences(expected: Path, actual: Path) -> list[str]:
    """Relative paths that are missing, extra or different between two trees."""

    def files(root: Path) -> dict[str, bytes]:
        return {
            str(p.relative_to(root)): p.read_bytes()
            for p in root.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        }

    want, have = files(expected), files(actual)
    return sorted(name for name in want.keys() | have.keys() if want.get(name) != have.get(name))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if generated/ is not current")
    parser.add_argument("--spec", type=Path, default=SPEC_PATH, help="spec to generate from")
    parser.add_argument("--target", type=Path, default=ROOT / "generated", help="folder that holds the package")
    args = parser.parse_args()
    if not args.check:
        generate(args.target, args.spec)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "generated"
        generate(fresh, args.spec)
        diff = differences(fresh, args.target)
    if diff:
        print("generated/ is stale; run `make generate`. Differing files:", *diff, sep="\n  ")
        return 1
    print("generated/ is current")
    return 0


if __name__ == "__main__":
    sys.exit(main())
