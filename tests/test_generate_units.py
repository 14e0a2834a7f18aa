"""`make generate` in-process: the spec as prepared for openapi-python-client, and what the run decides.

No process: `prepare` is pure, and where openapi-python-client would run, a recorded generator
stands in (it writes a package, or prints what the real one prints), so the command line, the
environment, the record and the refusals are checked as a maintainer would see them.
tests/generated/test_evolution.py runs the real generator end to end (marked `process`).
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tools import generate
from tools.generate import GeneratorError, SpecError, differences, prepare, spec_facts
from tools.project import ROOT
from tools.specs import spec as project_spec

NUMBER = {"anyOf": [{"type": "number"}, {"type": "string", "pattern": "^[0-9.]+$"}, {"type": "null"}]}
TEXT = {"text/plain": {"schema": {"type": "string"}}}
JSON = {"application/json": {"schema": {"type": "object"}}}


def document(**changes: Any) -> dict[str, Any]:
    """A small spec: one GET on a document-wide https server, and what `changes` add or replace."""
    found: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "servers": [{"url": "https://api.example.test/"}],
        "paths": {"/ping/": {"get": {"operationId": "ping", "responses": {"200": {"description": "ok"}}}}},
    }
    found.update(changes)
    return found


def ping(**operation: Any) -> dict[str, Any]:
    """The spec with GET /ping/ replaced by `operation` (responses default to a plain 200)."""
    return document(paths={"/ping/": {"get": {"operationId": "ping", **operation}}})


def written(tmp_path: Path, spec: dict[str, Any], name: str = "spec.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(spec))
    return path


# --- the spec as the generator reads it -----------------------------------------------------------


def test_the_project_spec_prepares_with_each_operation_on_its_host() -> None:
    original = copy.deepcopy(project_spec())
    prepared, facts = prepare(original)
    assert original == project_spec()  # The document given is left as it was.
    assert facts["servers"] == {
        "GET /api/v0/instances/{id}/": "https://console.vast.ai",
        "POST /get_endpoint_workers/": "https://run.vast.ai",
        "POST /get_autogroup_workers/": "https://run.vast.ai",
    }
    assert facts["hosts"] == ["https://console.vast.ai", "https://run.vast.ai"]
    assert facts["answers"]["GET /api/v0/instances/{id}/"] == {
        "200": ["json"], "400": ["json"], "401": ["json"], "404": ["json"], "429": ["json", "text"],
        "5XX": ["json", "text"],
    }  # fmt: skip
    # Inlined responses, JSON first; servers dropped from the path items (the facts carry them).
    too_many = prepared["paths"]["/get_endpoint_workers/"]["post"]["responses"]["429"]
    assert list(too_many["content"]) == ["application/json", "text/plain"]
    assert "servers" not in prepared["paths"]["/get_endpoint_workers/"]
    worker = prepared["components"]["schemas"]["Worker"]["properties"]
    assert worker["id"]["type"] == "integer"
    assert worker["id"]["description"] == "The worker's instance id."
    assert worker["cur_load"]["type"] == ["number", "null"]
    assert "x-numeric-string" in worker["cur_load"]


def test_the_original_document_is_left_as_it_was() -> None:
    original = copy.deepcopy(project_spec())
    kept = copy.deepcopy(original)
    prepare(original)
    assert original == kept


def test_the_most_specific_server_wins_with_variables_filled_and_the_first_entry_taken() -> None:
    spec = document(
        paths={
            "/a/": {"get": {"responses": {}}},
            "/b/": {
                "servers": [{"url": "https://{zone}.b.example.test/{v}/", "variables": {"zone": {"default": "eu"},
                                                                                        "v": {"default": "vX"}}}],
                "get": {"responses": {}},
                "post": {"servers": [{"url": "https://c.example.test"}, {"url": "https://d.example.test"}],
                         "responses": {}},
            },
        }
    )  # fmt: skip
    _, facts = prepare(spec)
    assert facts["servers"] == {
        "GET /a/": "https://api.example.test",
        "GET /b/": "https://eu.b.example.test/vX",
        "POST /b/": "https://c.example.test",
    }
    assert facts["hosts"] == ["https://api.example.test", "https://c.example.test", "https://eu.b.example.test/vX"]


def test_extensions_callbacks_and_references_are_what_the_generator_never_sees() -> None:
    spec = document(
        paths={
            "x-note": {"anything": True},
            "/ping/": {"$ref": "#/components/pathItems/Ping"},
        },
        components={
            "pathItems": {
                "Ping": {
                    "x-audience": "internal",
                    "parameters": [{"$ref": "#/components/parameters/Shared"}],
                    "get": {
                        "x-rate-limit": 5,
                        "callbacks": {"done": {}},
                        "parameters": [{"$ref": "#/components/parameters/Alias"}],
                        "responses": {
                            "x-first": "dropped, and the statuses after it kept",
                            "200": {"$ref": "#/components/responses/Both"},
                            "201": {"description": "c", "content": {"text/plain": {}, "text/vnd.api+json": {},
                                                                    "application/json; charset=utf-8; q=1": {}}},
                            "4XX": {"description": "refused", "content": {"x-cache": "no", **TEXT}},
                            "default": {"description": "nothing"},
                            "x-note": "dropped",
                        },
                    },
                }
            },
            "parameters": {
                "Alias": {"$ref": "#/components/parameters/Id"},
                "Id": {"name": "id", "in": "query", "schema": {"type": "integer"}},
                "Shared": {"name": "q", "in": "query", "schema": {"type": "string"}},
            },
            "responses": {"Both": {"description": "b", "content": {**TEXT, "application/problem+json": JSON[
                "application/json"]}}},
        },
    )  # fmt: skip
    prepared, facts = prepare(spec)
    assert list(prepared["paths"]) == ["/ping/"]
    item = prepared["paths"]["/ping/"]
    assert item["parameters"] == [{"name": "q", "in": "query", "schema": {"type": "string"}}]
    operation = item["get"]
    assert set(operation) == {"parameters", "responses"}
    assert operation["parameters"] == [{"name": "id", "in": "query", "schema": {"type": "integer"}}]
    assert list(operation["responses"]) == ["200", "201", "4XX", "default"]
    assert list(operation["responses"]["201"]["content"]) == [
        "text/vnd.api+json",
        "application/json; charset=utf-8; q=1",
        "text/plain",
    ]
    assert list(operation["responses"]["200"]["content"]) == ["application/problem+json", "text/plain"]
    assert list(operation["responses"]["4XX"]["content"]) == ["text/plain"]
    assert "content" not in operation["responses"]["default"]
    assert facts["answers"] == {
        "GET /ping/": {"200": ["json", "text"], "201": ["json", "text"], "4XX": ["text"], "default": []}
    }
    assert "x-audience" not in item
    # The components keep their references: only the copy's paths are rewritten.
    assert prepared["components"]["parameters"]["Alias"] == {"$ref": "#/components/parameters/Id"}
    assert prepared["components"]["pathItems"]["Ping"]["get"]["x-rate-limit"] == 5


def test_a_reference_with_escaped_characters_is_followed() -> None:
    spec = ping(responses={"200": {"$ref": "#/components/responses/a~1b~0c"}})
    spec["components"] = {"responses": {"a/b~c": {"description": "escaped", "content": TEXT}}}
    prepared, _ = prepare(spec)
    assert prepared["paths"]["/ping/"]["get"]["responses"]["200"]["description"] == "escaped"


def test_number_or_numeric_string_schemas_become_marked_numbers_where_a_property_holds_them() -> None:
    spec = document(
        components={
            "schemas": {
                "Number": {**NUMBER, "description": "A number, maybe as text."},
                "MaybeCount": {"anyOf": [{"$ref": "#/components/schemas/Count"}, {"type": "null"}]},
                "Count": {"oneOf": [{"type": "integer", "description": "n"},
                                    {"type": "string", "pattern": "^[0-9]+$"}]},
                "Reading": {
                    "type": "object",
                    "properties": {
                        "load": {"$ref": "#/components/schemas/Number"},
                        "count": {"$ref": "#/components/schemas/Count"},
                        "inline": {**NUMBER, "description": "Inline."},
                        "nested": {"anyOf": [{"$ref": "#/components/schemas/Count"}, {"type": "null"}]},
                        "plain": {"type": "string"},
                        "maybe": {"$ref": "#/components/schemas/MaybeCount"},
                        "null_first": {"anyOf": [{"type": "null"}, {"$ref": "#/components/schemas/Count"}]},
                        "described": {"anyOf": [{"type": "integer"},
                                                {"type": "string", "pattern": "^1$", "description": "one"}]},
                        "any": True,
                        "some": {"anyOf": [{"type": "object", "properties": {"s": NUMBER}}, {"type": "null"}]},
                        "list": {"type": "array", "items": {"type": "object", "properties": {"n": NUMBER}}},
                        "map": {"type": "object", "additionalProperties": {"type": "object", "properties": {
                            "m": {"$ref": "#/components/schemas/Count"}}}},
                        "either": {"oneOf": [{"type": "object", "properties": {"e": NUMBER}}, {"type": "null"}]},
                    },
                },
            }
        }
    )  # fmt: skip
    schemas = prepare(spec)[0]["components"]["schemas"]
    assert schemas["Number"] == {**NUMBER, "description": "A number, maybe as text."}  # Kept: properties inline it.
    found = schemas["Reading"]["properties"]
    assert found["load"] == {"type": ["number", "null"], "x-numeric-string": "^[0-9.]+$",
                             "description": "A number, maybe as text."}  # fmt: skip
    assert found["count"] == {"type": "integer", "x-numeric-string": "^[0-9]+$"}
    assert found["inline"] == {"type": ["number", "null"], "x-numeric-string": "^[0-9.]+$", "description": "Inline."}
    assert found["nested"] == {"type": ["integer", "null"], "x-numeric-string": "^[0-9]+$"}
    assert found["plain"] == {"type": "string"}
    assert found["maybe"] == {"type": ["integer", "null"], "x-numeric-string": "^[0-9]+$"}
    assert found["null_first"] == {"type": ["integer", "null"], "x-numeric-string": "^[0-9]+$"}
    assert found["described"] == {"type": "integer", "x-numeric-string": "^1$"}
    assert found["any"] is True
    assert found["some"]["anyOf"][0]["properties"]["s"]["type"] == ["number", "null"]
    assert found["list"]["items"]["properties"]["n"]["x-numeric-string"] == "^[0-9.]+$"
    assert found["map"]["additionalProperties"]["properties"]["m"]["x-numeric-string"] == "^[0-9]+$"
    assert found["either"]["oneOf"][0]["properties"]["e"]["type"] == ["number", "null"]
    assert found["either"]["oneOf"][1] == {"type": "null"}


@pytest.mark.parametrize(
    "members",
    [
        [{"type": "number"}, {"type": "string"}],  # A string of any form: not a number.
        [{"type": "number"}, {"type": "string", "pattern": "^a$", "format": "x"}],
        [{"type": "number", "minimum": 0}, {"type": "string", "pattern": "^[0-9]+$"}],
        [{"type": "number"}, {"type": "integer"}, {"type": "string", "pattern": "^[0-9]+$"}],
        [{"type": "number"}, {"type": "string", "pattern": "^1$"}, {"type": "string", "pattern": "^2$"}],
        [{"type": "number"}, "not a schema"],
        [{"type": "number"}, {"type": "boolean"}],
        [{"type": "string", "pattern": "^[0-9]+$"}],
        [{"type": "number"}, {"$ref": "#/components/schemas/Text"}],
        [{"type": "number"}, {"$ref": "#/elsewhere/Text"}],
        [{"$ref": "#/components/schemaz/Number"}],  # Not a reference into components/schemas.
        [{"type": "number"}, {"$ref": "#/components/schemas/Nowhere"}],  # The generator reports it.
    ],
)
def test_any_other_union_is_left_to_the_generator(members: list[Any]) -> None:
    union = {"anyOf": members}
    spec = document(components={"schemas": {"Text": {"type": "string"}, "Number": NUMBER,
                                             "Holder": {"type": "object", "properties": {"v": union}}}})  # fmt: skip
    assert prepare(spec)[0]["components"]["schemas"]["Holder"]["properties"]["v"] == union


@pytest.mark.parametrize(
    ("spec", "said"),
    [
        ({"openapi": "3.1.0"}, "paths: missing: there is nothing to generate"),
        (document(servers=[]), "paths./ping/.get: no servers entry names its host (document, path or operation)"),
        (document(servers=[{"url": "http://api.example.test"}]),
         "servers[0].url: 'http://api.example.test' is not an absolute https URL; the key would go astray"),
        (document(servers=[{"url": "/v1"}]), "servers[0].url: '/v1' is not an absolute https URL"),
        (document(servers=[{"url": "https://a.example.test/?k=1"}]), "servers[0].url: 'https://a.example.test/?k=1'"),
        (document(servers=[{"url": "https://a.example.test/#top"}]), "servers[0].url: 'https://a.example.test/#top'"),
        (document(servers=[{"description": "no url"}]), "servers[0]: has no url"),
        (document(servers=[{"url": "https://{zone}.example.test"}]), "servers[0].variables: {zone} has no default"),
        (document(servers=[{"url": "https://{z}.example.test", "variables": {"z": {"default": 1}}}]),
         "servers[0].variables: {z} has no default"),
        (ping(servers=[{"url": "http://x.example.test"}]),
         "paths./ping/.get.servers[0].url: 'http://x.example.test' is not an absolute https URL"),
        (document(paths={"/p/": {"servers": [{"url": "ftp://x"}], "get": {"responses": {}}}}),
         "paths./p/.servers[0].url: 'ftp://x' is not"),
        (ping(responses={"200": {"description": "png", "content": {"image/png": {}}}}),
         "paths./ping/.get.responses.200.content: cannot read 'image/png' (only JSON and text/*)"),
        (ping(responses={"2XXX": {"description": "?"}}),
         "paths./ping/.get.responses: '2XXX' is not a status, a range like 4XX, or default"),
        (ping(responses={"600": {"description": "?"}}), "paths./ping/.get.responses: '600' is not a status"),
        (ping(responses={"20": {"description": "?"}}), "paths./ping/.get.responses: '20' is not a status"),
        (ping(responses={"200": {"$ref": "#/components/responses/Nowhere"}}),
         "paths./ping/.get.responses.200: the response $ref '#/components/responses/Nowhere' points nowhere"),
        (ping(responses={"200": {"$ref": "#/info/title/deeper"}}),
         "paths./ping/.get.responses.200: the response $ref '#/info/title/deeper' points nowhere"),
        (ping(responses={"200": {"$ref": "other.yaml#/x"}}),
         "paths./ping/.get.responses.200: cannot follow the response $ref 'other.yaml#/x' "
         "(only local, acyclic references)"),
        (ping(responses={"200": {"$ref": 7}}), "paths./ping/.get.responses.200: cannot follow the response $ref 7"),
        (ping(parameters=[{"$ref": "#"}]), "paths./ping/.get.parameters[0]: cannot follow the parameter $ref '#'"),
        (document(paths={"/p/": {"$ref": "#/components/nothing"}}),
         "paths./p/: the path item $ref '#/components/nothing' points nowhere"),
        (document(paths={"/p/": {"parameters": [{"$ref": "#/x"}], "get": {"responses": {}}}}),
         "paths./p/.parameters[0]: the parameter $ref '#/x' points nowhere"),
        (document(components={"schemas": {"P": {"type": "array", "items": NUMBER}}}),
         "components.schemas.P.items: numbers sent as numeric strings are read only as an object's property"),
        (document(components={"schemas": {"P": {"type": "object", "properties": {"s": {"type": "array", "items": {
            "type": "object", "additionalProperties": NUMBER}}}}}}),
         "components.schemas.P.properties.s.items.additionalProperties: numbers sent as numeric strings"),
        (document(components={"schemas": {"P": {"allOf": [{"type": "object"}, NUMBER]}}}),
         "components.schemas.P.allOf[1]: numbers sent"),
        (document(components={"schemas": {"P": {"not": NUMBER}}}), "components.schemas.P.not: numbers sent"),
        (document(components={"schemas": {"P": {"type": "object", "properties": {"u": {"anyOf": [
            NUMBER, {"type": "null"}]}}}}}),
         "components.schemas.P.properties.u.anyOf[0]: numbers sent"),  # A union of unions.
    ],
)  # fmt: skip
def test_what_cannot_be_honoured_is_refused_in_one_line_naming_the_spot(spec: dict[str, Any], said: str) -> None:
    with pytest.raises(SpecError) as refused:
        prepare(spec)
    assert str(refused.value).startswith(said), str(refused.value)
    assert "\n" not in str(refused.value)


def test_a_cycle_of_references_is_refused_not_followed_forever() -> None:
    spec = ping(responses={"200": {"$ref": "#/components/responses/A"}})
    spec["components"] = {"responses": {"A": {"$ref": "#/components/responses/B"},
                                        "B": {"$ref": "#/components/responses/A"}}}  # fmt: skip
    with pytest.raises(SpecError, match=r"cannot follow the response \$ref '#/components/responses/A' \(only local"):
        prepare(spec)


def test_the_facts_reach_the_templates_as_jinja_sets_in_a_stable_order() -> None:
    text = spec_facts({"servers": {"GET /b": "https://y", "GET /a": "https://x"}, "answers": {"GET /a": {"200": []}}})
    assert text.splitlines() == [
        "{# Written by tools/generate.py from the spec (servers, content types); not a source file. #}",
        '{% set answers = {"GET /a": {"200": []}} %}',
        '{% set servers = {"GET /a": "https://x", "GET /b": "https://y"} %}',
    ]


# --- the generator's refusals, read from what it prints -------------------------------------------


@pytest.mark.parametrize(
    ("output", "said"),
    [
        (
            "Generating /tmp/out\nWarning(s) encountered while generating. Client was generated, but some pieces "
            "may be missing\n\nWARNING parsing GET /api/v0/ping/ within default. Endpoint will not be generated.\n\n"
            "Unsupported content type application/xml\n",
            "GET /api/v0/ping/: openapi-python-client cannot generate it: Unsupported content type application/xml",
        ),
        (
            "ERROR parsing Ping. Schema will not be generated.\nUnsupported type tuple\nmore",
            "Ping: openapi-python-client cannot generate it: Unsupported type tuple",
        ),
        ("WARNING parsing Pong. Schema will not be generated.", "Pong: openapi-python-client cannot generate it: "),
        ("one\ntwo\n\nthree\nfour\n", "openapi-python-client failed: two / three / four"),
    ],
)
def test_a_generator_refusal_is_one_line_with_the_spot_and_the_reason(output: str, said: str) -> None:
    assert str(GeneratorError(output)) == said


def test_a_long_generator_refusal_is_cut_to_one_short_line() -> None:
    assert len(str(GeneratorError("x" * 1000))) == 400
    assert len(str(GeneratorError("WARNING parsing P. Schema\n" + "y" * 1000))) == 400


# --- a whole `make generate` with a recorded generator ---------------------------------------------


class Generator:
    """Stands in for openapi-python-client: records its command and environment, writes a package or prints."""

    def __init__(self, output: str = "Generating vast_api\n", returncode: int = 0, stderr: str = "") -> None:
        self.output, self.returncode, self.stderr = output, returncode, stderr
        self.calls: list[tuple[list[str], dict[str, str]]] = []
        self.seen: dict[str, Any] = {}

    def __call__(self, args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        self.calls.append((args, kwargs["env"]))
        assert (kwargs["capture_output"], kwargs["text"], kwargs["check"]) == (True, True, False)
        spec = Path(args[args.index("--path") + 1])
        templates = Path(args[args.index("--custom-template-path") + 1])
        self.seen = {"spec": json.loads(spec.read_text()), "facts": (templates / "spec.jinja").read_text(),
                     "templates": sorted(p.name for p in templates.iterdir())}  # fmt: skip
        if self.returncode == 0:
            package = Path(args[args.index("--output-path") + 1])
            package.mkdir(parents=True)
            (package / "__init__.py").write_text(f"# {sorted(self.seen['spec']['paths'])}\n")
        return subprocess.CompletedProcess(args, self.returncode, self.output, self.stderr)


def generated_with(monkeypatch: pytest.MonkeyPatch, generator: Generator) -> Generator:
    monkeypatch.setattr(subprocess, "run", generator)
    return generator


def test_generate_runs_the_generator_on_the_prepared_spec_and_records_what_it_came_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generator = generated_with(monkeypatch, Generator())
    out = tmp_path / "generated"
    (out / "stale").mkdir(parents=True)
    (out / "stale" / "old.py").write_text("gone")
    generate.generate(out)
    [(args, env)] = generator.calls
    bin_dir = Path(sys.executable).parent
    assert args[:2] == [str(bin_dir / "openapi-python-client"), "generate"]
    assert args[args.index("--config") + 1] == str(ROOT / "openapi" / "generator.yaml")
    assert args[args.index("--meta") + 1] == "none"
    assert args[args.index("--output-path") + 1].endswith("/out/vast_api")
    assert env == {"PATH": f"{bin_dir}:/usr/bin:/bin", "LC_ALL": "C.UTF-8"}  # The post-hooks' ruff and python.
    assert generator.seen["spec"] == prepare(copy.deepcopy(project_spec()))[0]
    assert generator.seen["facts"].startswith("{# Written by tools/generate.py")
    assert "model.py.jinja" in generator.seen["templates"]
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*")) == ["GENERATED.json", "vast_api",
                                                                       "vast_api/__init__.py"]  # fmt: skip
    # The record, byte for byte as committed beside generated/ (which is current).
    assert (out / "GENERATED.json").read_text() == (ROOT / "generated" / "GENERATED.json").read_text()


@pytest.mark.parametrize(
    ("generator", "said"),
    [
        (Generator("WARNING parsing GET /x/ within default.\nUnsupported content type a/b\n"),
         "spec.yaml: GET /x/: openapi-python-client cannot generate it: Unsupported content type a/b"),
        (Generator("", 1, "Traceback\nValueError: broken\n"), "spec.yaml: openapi-python-client failed: Traceback / "),
        (Generator("Error: the path is wrong\n"), "spec.yaml: openapi-python-client failed: Error: the path is wrong"),
        (Generator("", 0, "ERROR parsing Ping. Schema\nbad\n"), "spec.yaml: Ping: openapi-python-client cannot"),
    ],
)  # fmt: skip
def test_a_generator_that_fails_or_warns_stops_generation_and_leaves_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, generator: Generator, said: str
) -> None:
    generated_with(monkeypatch, generator)
    spec = written(tmp_path, document())
    kept = tmp_path / "out" / "kept.txt"
    kept.parent.mkdir()
    kept.write_text("as it was")
    with pytest.raises(SystemExit) as stopped:
        generate.generate(tmp_path / "out", spec)
    assert str(stopped.value.code).startswith(said), stopped.value.code
    assert "\n" not in str(stopped.value.code)
    assert kept.read_text() == "as it was"


def test_a_warning_word_inside_another_word_is_no_refusal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    generated_with(monkeypatch, Generator("Generating Warnings_model and ErrorCode\n"))
    generate.generate(tmp_path / "out", written(tmp_path, document()))
    assert (tmp_path / "out" / "vast_api" / "__init__.py").exists()


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("openapi: [", "spec.yaml: while parsing a flow node"),
        ("- a list", "spec.yaml: (top): not an OpenAPI document"),
        ("openapi: 3.1.0\n", "spec.yaml: paths: missing: there is nothing to generate"),
    ],
)
def test_a_spec_that_does_not_load_stops_before_the_generator_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, said: str
) -> None:
    generator = generated_with(monkeypatch, Generator())
    spec = tmp_path / "spec.yaml"
    spec.write_text(text)
    with pytest.raises(SystemExit) as stopped:
        generate.generate(tmp_path / "out", spec)
    assert str(stopped.value.code).startswith(said), stopped.value.code
    assert "\n" not in str(stopped.value.code)
    assert generator.calls == []
    assert not (tmp_path / "out").exists()


def test_a_missing_spec_is_named_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match=r"^nowhere\.yaml: \[Errno 2\] No such file"):
        generate.generate(tmp_path / "out", tmp_path / "nowhere.yaml")


def test_a_spec_outside_the_checkout_is_named_by_its_file_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    generated_with(monkeypatch, Generator())
    generate.generate(tmp_path / "out", written(tmp_path, document(), "mine.yaml"))
    assert json.loads((tmp_path / "out" / "GENERATED.json").read_text())["spec"] == "mine.yaml"


def test_differences_name_missing_extra_and_changed_files_but_not_caches(tmp_path: Path) -> None:
    def tree(root: Path, files: dict[str, str]) -> Path:
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text)
        return root

    want = tree(tmp_path / "a", {"same.py": "1", "changed.py": "1", "gone.py": "1", "m/__pycache__/x.pyc": "1"})
    have = tree(tmp_path / "b", {"same.py": "1", "changed.py": "2", "extra/new.py": "1", "__pycache__/y.pyc": "2"})
    assert differences(want, have) == ["changed.py", "extra/new.py", "gone.py"]
    assert differences(want, want) == []


def run_main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["tools/generate.py", *args])
    return generate.main()


def test_check_says_whether_the_target_is_current_and_lists_what_differs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    generated_with(monkeypatch, Generator())
    target, spec = tmp_path / "generated", str(written(tmp_path, document()))
    assert run_main(monkeypatch, "--spec", spec, "--target", str(target)) == 0
    assert (target / "vast_api" / "__init__.py").exists()
    assert capsys.readouterr().out == ""
    assert run_main(monkeypatch, "--check", "--spec", spec, "--target", str(target)) == 0
    assert capsys.readouterr().out == "generated/ is current\n"
    (target / "vast_api" / "__init__.py").write_text("# edited by hand\n")
    (target / "GENERATED.json").unlink()
    assert run_main(monkeypatch, "--check", "--spec", spec, "--target", str(target)) == 1
    assert capsys.readouterr().out.splitlines() == [
        "generated/ is stale; run `make generate`. Differing files:",
        "  GENERATED.json",
        "  vast_api/__init__.py",
    ]


def test_check_compares_with_the_spec_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    generated_with(monkeypatch, Generator())
    target = tmp_path / "generated"
    assert run_main(monkeypatch, "--spec", str(written(tmp_path, document())), "--target", str(target)) == 0
    evolved = document(paths={"/pong/": {"get": {"responses": {"200": {"description": "up"}}}}})
    spec = str(written(tmp_path, evolved, "evolved.yaml"))
    assert run_main(monkeypatch, "--check", "--spec", spec, "--target", str(target)) == 1


def test_help_names_each_option(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    with pytest.raises(SystemExit):
        run_main(monkeypatch, "--help")
    out = capsys.readouterr().out
    assert out.startswith("usage: generate.py [-h] [--check] [--spec SPEC] [--target TARGET]\n\nRegenerate the client")
    assert out.endswith(
        "  --check          fail if generated/ is not current\n"
        "  --spec SPEC      spec to generate from\n"
        "  --target TARGET  folder that holds the package\n"
    )


def test_check_by_default_compares_the_project_spec_with_generated(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    generated_with(monkeypatch, Generator())  # Its package is one file: every other file of generated/ differs.
    assert run_main(monkeypatch, "--check") == 1
    listed = capsys.readouterr().out.splitlines()
    assert "  vast_api/client.py" in listed
    assert "  GENERATED.json" not in listed  # Same spec, config, templates and generator as recorded.
