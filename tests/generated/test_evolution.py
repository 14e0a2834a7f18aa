"""A maintainer evolves the spec; `make generate` follows: a copy of openapi/vast.yaml is changed the ways
OpenAPI 3.1 allows, regenerated into a temporary folder, and the result is exercised in a subprocess
(its own `vast_api`) against answers of every form and a local server. What the generator cannot honour
stops it with one line naming the spot, leaving the target folder as it was."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.spec import ROOT, SPEC_PATH
from tools.project import read_yaml

pytestmark = pytest.mark.process


def _evolved() -> dict[str, Any]:
    document: dict[str, Any] = read_yaml(SPEC_PATH)
    components = document["components"]
    # A new field on an existing model.
    components["schemas"]["Worker"]["properties"]["gpu_name"] = {"type": ["string", "null"]}
    components["schemas"]["Ping"] = {
        "type": "object",
        "required": ["ok"],
        "properties": {"ok": {"type": "boolean"}, "latency": {"$ref": "#/components/schemas/Number"}},
    }
    # x- extensions everywhere OpenAPI allows them.
    document["x-owner"] = "platform"
    document["info"]["x-logo"] = {"url": "https://example.test/logo.png"}
    document["servers"][0]["x-region"] = "eu"
    document["paths"]["x-internal-note"] = {"anything": True}
    components["x-shared"] = True
    components["schemas"]["Worker"]["x-since"] = "2026-12"
    components["responses"]["BadRequest"]["x-retry"] = False
    components["responses"]["BadRequest"]["content"]["application/json"]["x-cache"] = "none"
    components["requestBodies"]["WorkersRequest"]["x-body"] = 1
    # A new operation on a host of its own, declared on the operation (two entries: the first wins),
    # with x- extensions on the path item, the operation and the responses, a 4XX range and default.
    document["paths"]["/api/v0/ping/"] = {
        "x-audience": "internal",
        "get": {
            "operationId": "ping",
            "summary": "Ping the status host",
            "x-rate-limit": 5,
            "servers": [{"url": "https://status.example.test"}, {"url": "https://backup.example.test"}],
            "responses": {
                "200": {
                    "description": "Up.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Ping"}}},
                },
                "4XX": {"$ref": "#/components/responses/BadRequest"},
                "default": {
                    "description": "Anything else, as text.",
                    "content": {"text/plain": {"schema": {"type": "string"}}},
                },
                "x-note": "ranges and default",
            },
        },
    }
    # A $ref'd path item on a server with variables (declared on the path), a $ref'd parameter and response.
    components["pathItems"] = {
        "Pong": {
            "servers": [
                {
                    "url": "https://{region}.pong.example.test/{version}",
                    "variables": {"region": {"default": "eu", "enum": ["eu", "us"]}, "version": {"default": "v2"}},
                }
            ],
            "get": {
                "operationId": "pong",
                "parameters": [{"$ref": "#/components/parameters/PongId"}],
                "responses": {
                    "200": {"$ref": "#/components/responses/Workers"},
                    "4XX": {"description": "Refused.", "content": {"text/plain": {"schema": {"type": "string"}}}},
                    "default": {"$ref": "#/components/responses/BadRequest"},
                },
            },
        }
    }
    components["parameters"] = {
        "PongId": {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}, "example": 7, "x-id": 1}
    }
    document["paths"]["/api/v0/pong/{id}/"] = {"$ref": "#/components/pathItems/Pong"}
    return document


def _generate(tmp_path: Path, document: dict[str, Any]) -> subprocess.CompletedProcess[str]:
    spec = tmp_path / "evolved.yaml"
    spec.write_text(yaml.safe_dump(document, sort_keys=False))
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "generate.py"), "--spec", str(spec), "--target", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_an_evolved_spec_regenerates_into_a_client_that_follows_it(tmp_path: Path) -> None:
    document = _evolved()
    generated = _generate(tmp_path, document)
    assert generated.returncode == 0, generated.stdout + generated.stderr
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path / "out"), str(ROOT)])}
    run = subprocess.run(
        [sys.executable, "-m", "tests.generated.evolved", str(tmp_path / "evolved.yaml")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=env,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert json.loads(run.stdout)["checked"] == [
        "get_autogroup_workers",
        "get_endpoint_workers",
        "ping",
        "pong",
        "show_instance",
    ]
    client = (tmp_path / "out" / "vast_api" / "client.py").read_text()
    assert "Vast" not in client  # Its docstrings come from the spec, not from the templates.


def _broken(change: str) -> dict[str, Any]:
    document = _evolved()
    ping = document["paths"]["/api/v0/ping/"]["get"]
    if change == "http":
        ping["servers"] = [{"url": "http://status.example.test"}]
    elif change == "relative":
        ping["servers"] = [{"url": "/status"}]
    elif change == "variable":
        ping["servers"] = [{"url": "https://{zone}.example.test", "variables": {}}]
    elif change == "content":
        ping["responses"]["200"]["content"] = {"image/png": {"schema": {"type": "string"}}}
    elif change == "status":
        ping["responses"]["2XXX"] = {"description": "?"}
    elif change == "ref":
        ping["responses"]["200"] = {"$ref": "#/components/responses/Nowhere"}
    elif change == "request body":
        ping["requestBody"] = {"content": {"application/xml": {"schema": {"type": "string"}}}}
    elif change == "nested numeric":
        document["components"]["schemas"]["Ping"]["properties"]["samples"] = {
            "type": "array",
            "items": {"$ref": "#/components/schemas/Number"},
        }
    return document


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ("http", "paths./api/v0/ping/.get.servers[0].url: 'http://status.example.test' is not an absolute https URL"),
        ("relative", "paths./api/v0/ping/.get.servers[0].url: '/status' is not an absolute https URL"),
        ("variable", "paths./api/v0/ping/.get.servers[0].variables: {zone} has no default"),
        ("content", "paths./api/v0/ping/.get.responses.200.content: cannot read 'image/png'"),
        ("status", "paths./api/v0/ping/.get.responses: '2XXX' is not a status"),
        ("ref", "paths./api/v0/ping/.get.responses.200: the response $ref '#/components/responses/Nowhere' points"),
        ("nested numeric", "components.schemas.Ping.properties.samples.items: numbers sent as numeric strings"),
        ("request body", "GET /api/v0/ping/: openapi-python-client cannot generate it: Unsupported content type"),
    ],
)
def test_what_cannot_be_honoured_stops_generation_in_one_line_and_touches_nothing(
    tmp_path: Path, change: str, says: str
) -> None:
    kept = tmp_path / "out" / "kept.txt"
    kept.parent.mkdir()
    kept.write_text("as it was")
    generated = _generate(tmp_path, _broken(change))
    assert generated.returncode == 1
    assert generated.stderr.strip().count("\n") == 0, generated.stderr
    assert generated.stderr.startswith("evolved.yaml: ")
    assert says in generated.stderr, generated.stderr
    assert kept.read_text() == "as it was"
    assert generated.stdout == ""
