"""The spec is valid OpenAPI 3.1 and every example in it obeys its own schema."""

from __future__ import annotations

from typing import Any

import pytest

from tests.spec import SPEC_PATH, component_validator, media_examples, spec, validator

EXAMPLES = list(media_examples())


def test_spec_is_valid_openapi() -> None:
    """openapi-spec-validator accepts the spec."""
    # Imported here: a third of a second that every test worker would pay at collection for one test.
    from openapi_spec_validator import validate
    from openapi_spec_validator.readers import read_from_filename

    document, _ = read_from_filename(str(SPEC_PATH))
    validate(document)


def test_spec_has_exactly_the_three_operations() -> None:
    """The spec holds the three seed operations, with their ids, hosts and trailing slashes."""
    ops = {
        (path, method): op["operationId"]
        for path, item in spec()["paths"].items()
        for method, op in item.items()
        if method != "servers"
    }
    assert ops == {
        ("/api/v0/instances/{id}/", "get"): "show_instance",
        ("/get_endpoint_workers/", "post"): "get_endpoint_workers",
        ("/get_autogroup_workers/", "post"): "get_autogroup_workers",
    }
    assert spec()["servers"][0]["url"] == "https://console.vast.ai"
    for path in ("/get_endpoint_workers/", "/get_autogroup_workers/"):
        assert spec()["paths"][path]["servers"][0]["url"] == "https://run.vast.ai"


@pytest.mark.parametrize(("status"), ["200", "400", "401", "429"])
def test_every_operation_documents_the_error_answers(status: str) -> None:
    """Each operation documents 200, 400, 401 and 429, and requires bearer auth."""
    for item in spec()["paths"].values():
        for method, op in item.items():
            if method == "servers":
                continue
            assert status in op["responses"]
            assert op["security"] == [{"bearerAuth": []}]


@pytest.mark.parametrize(("where", "schema", "value"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_example_obeys_its_schema(where: str, schema: dict[str, Any], value: Any) -> None:
    """Every request and response example validates against the schema beside it."""
    errors = [e.message for e in validator(schema).iter_errors(value)]
    assert errors == [], where


def test_examples_cover_the_named_cases() -> None:
    """The mock's named examples exist: running, loading, proxy-only, workers, empty, wrapped."""
    names = {where.rsplit(" ", 1)[1] for where, _, _ in EXAMPLES}
    assert {"running", "loading", "proxy_only", "workers", "empty", "wrapped", "rate_limited_text"} <= names


@pytest.mark.parametrize(
    ("schema", "value"),
    [
        ("Id", 0),
        ("Id", 9007199254740992),
        ("Id", "123"),
        ("WorkersRequest", {}),
        ("WorkersRequest", {"id": -1}),
        ("Worker", {"cur_load": "fast"}),
        ("InstanceEnvelope", {"instances": []}),
    ],
)
def test_schema_rejects_what_the_server_never_sends(schema: str, value: Any) -> None:
    """The schemas are not so loose that anything validates."""
    assert not component_validator(schema).is_valid(value)


def test_seed_id_range_is_what_json_clients_share() -> None:
    """Ids accept 2^53-1 and carry no int64 format (Prism would reject valid ids)."""
    assert component_validator("Id").is_valid(9007199254740991)
    assert "format" not in spec()["components"]["schemas"]["Id"]
