"""Every answer form, for every operation and answer the spec declares: a Response, read as the spec says.

A documented JSON body becomes its model (a JSON 5xx an Error), a documented text/* body its text,
anything else None with Response.problem saying why; status, headers and content always stay.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest
from vast_api import AuthenticatedClient, errors
from vast_api.types import Response

from tests import faults
from tests.faults import FaultServer
from tests.generated.annotations import mismatches
from tests.generated.answers import Operation, check, documented, operations
from tests.spec import ROOT, resolve, spec
from tools.project import read_yaml

OPERATIONS = operations(spec())


def _statuses(operation: Operation) -> list[int]:
    """Each documented code, two of each documented range, and codes nobody documents."""
    codes: set[int] = {418, 302, 499, 600}
    for pattern in operation.responses:
        if pattern.isdigit():
            codes.add(int(pattern))
        elif pattern[1:].upper() == "XX":
            codes |= {int(pattern[0]) * 100, int(pattern[0]) * 100 + 20}
    if max(codes) >= 5 * 100:
        codes |= {502, 503, 520, 527}
    return sorted(codes)


BODIES: list[tuple[str | None, bytes]] = [
    ("application/json", b'{"instances": {"id": 1, "actual_status": "running"}}'),
    ("application/json", b'{"instances": {"id": "seven", "actual_status": {"x": 1}, "image_args": 7}}'),
    ("application/json", b'[{"id": 7, "status": "ready", "cur_load": "0.5"}]'),
    ("application/json", b'[{"id": "x7", "cur_load": "zero"}]'),
    ("application/json", b'{"error_msg": "Invalid API key"}'),
    ("application/json", b'"endpoint not ready"'),
    ("application/json", b"42"),
    ("application/json", b"null"),
    ("application/json", b'{"instances": "nope"}'),
    ("application/json", b"[1, 2, [3]]"),
    ("application/json", b'{"detail": "API requests too frequent endpoint threshold=2.0"}'),
    ("application/json; charset=utf-8", b'{"success": false, "error": "internal", "msg": "boom"}'),
    ("application/json", b'{"success": "no", "msg": 5}'),
    ("application/json", b'{"instances": {"id": 1, "ports": 7, "extra_env": {"a": 1}}}'),
    ("application/json", b'{"workers": 5}'),
    ("application/json", b'{"workers": ""}'),
    ("application/json", b'{"truncated": '),
    ("text/plain", b"API requests too frequent: endpoint threshold=2.0"),
    ("text/html", b"<html><title>vast.ai | 520: Web server is returning an unknown error</title></html>"),
    ("text/html", b'{"detail": "JSON labelled as a page"}'),
    ("application/xml", b"<error/>"),
    ("application/json", b"\xff\xfe not utf-8"),
    (None, b""),
    (None, b"plain words"),
    (None, b'{"detail": "unlabelled JSON"}'),
]
CASES = [(operation, status) for operation in OPERATIONS for status in _statuses(operation)]


def _answer(status: int, content_type: str | None, body: bytes) -> httpx.MockTransport:
    headers = {"content-type": content_type} if content_type else {}
    return httpx.MockTransport(lambda request: httpx.Response(status, headers=headers, content=body))


def test_the_spec_declares_operations_and_each_has_its_module() -> None:
    assert len(OPERATIONS) >= 3
    assert all(hasattr(op.module, name) for op in OPERATIONS for name in ("sync_detailed", "asyncio_detailed"))


@pytest.mark.parametrize(("operation", "status"), CASES, ids=repr)
def test_any_answer_is_read_as_the_spec_says_sync_and_async(operation: Operation, status: int) -> None:
    failures: list[str] = []  # Every body that is read wrong, not only the first.

    def read(content_type: str | None, body: bytes, detailed: Response[Any]) -> None:
        try:
            check(spec(), operation, detailed, status, content_type, body)
        except AssertionError as error:
            failures.append(f"{content_type} {body[:60]!r}: {error}")

    for content_type, body in BODIES:
        client = AuthenticatedClient(token="t", httpx_args={"transport": _answer(status, content_type, body)})
        read(content_type, body, operation.module.sync_detailed(client=client, **operation.arguments))

    async def read_async() -> None:  # One event loop for every body: a loop each would be most of the time.
        for content_type, body in BODIES:
            client = AuthenticatedClient(token="t", httpx_args={"transport": _answer(status, content_type, body)})
            read(content_type, body, await operation.module.asyncio_detailed(client=client, **operation.arguments))

    asyncio.run(read_async())
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(("operation", "status"), CASES, ids=repr)
def test_the_shorthands_give_what_the_detailed_calls_parse(operation: Operation, status: int) -> None:
    """`sync` and `asyncio` are `.parsed` of their detailed call: a model, an error, a page's text or None."""
    for content_type, body in (BODIES[0], BODIES[2], BODIES[11], BODIES[17], BODIES[21]):
        client = AuthenticatedClient(token="t", httpx_args={"transport": _answer(status, content_type, body)})
        parsed = operation.module.sync_detailed(client=client, **operation.arguments).parsed
        assert operation.module.sync(client=client, **operation.arguments) == parsed
        assert asyncio.run(operation.module.asyncio(client=client, **operation.arguments)) == parsed


@pytest.mark.parametrize("operation", OPERATIONS, ids=repr)
def test_a_json_5xx_is_an_error_and_a_5xx_page_is_its_text(operation: Operation) -> None:
    from vast_api.models import Error

    client = AuthenticatedClient(token="t", httpx_args={"transport": _answer(500, "application/json", BODIES[11][1])})
    assert operation.module.sync(client=client, **operation.arguments) == Error(
        success=False, error="internal", msg="boom"
    )
    page = BODIES[18][1]
    client = AuthenticatedClient(token="t", httpx_args={"transport": _answer(520, "text/html", page)})
    response = operation.module.sync_detailed(client=client, **operation.arguments)
    assert (response.status_code, response.parsed) == (520, page.decode())


def test_a_value_that_fits_no_annotated_type_gives_none_and_says_which_field() -> None:
    operation = next(op for op in OPERATIONS if op.name == "show_instance")
    client = AuthenticatedClient(token="t", httpx_args={"transport": _answer(200, "application/json", BODIES[1][1])})
    response = operation.module.sync_detailed(client=client, **operation.arguments)
    assert response.parsed is None
    assert response.problem == "Instance.id is 'seven' (str), which fits none of: int | Unset"
    assert response.content == BODIES[1][1]  # Every other field is still there, as sent.


def test_a_page_for_a_json_only_status_says_what_the_spec_documents() -> None:
    operation = next(op for op in OPERATIONS if "400" in op.responses)
    client = AuthenticatedClient(token="t", httpx_args={"transport": _answer(400, "text/html", b"<html>")})
    response = operation.module.sync_detailed(client=client, **operation.arguments)
    assert (response.parsed, response.problem) == (
        None,
        "the body is text/html; the spec documents application/json for this status",
    )


@pytest.mark.parametrize("status", [302, 418, 499, 600])
@pytest.mark.parametrize("operation", OPERATIONS, ids=repr)
def test_an_undocumented_status_raises_the_packages_own_error_when_asked(operation: Operation, status: int) -> None:
    assert documented(operation, status) is None
    transport = _answer(status, "text/html", b"<html>")
    client = AuthenticatedClient(token="t", raise_on_unexpected_status=True, httpx_args={"transport": transport})
    with pytest.raises(errors.UnexpectedStatus) as caught:
        operation.module.sync_detailed(client=client, **operation.arguments)
    assert caught.value.status_code == status
    assert caught.value.content == b"<html>"


def test_a_documented_status_with_an_unreadable_body_does_not_raise_even_when_asked() -> None:
    operation = next(op for op in OPERATIONS if "400" in op.responses)
    transport = _answer(400, "application/json", b"<html>")
    client = AuthenticatedClient(token="t", raise_on_unexpected_status=True, httpx_args={"transport": transport})
    response = operation.module.sync_detailed(client=client, **operation.arguments)
    assert (response.status_code, response.parsed) == (400, None)
    assert response.problem is not None
    assert response.problem.startswith("the body is not JSON")


FAULTS = [
    faults.TRUNCATED_JSON,
    faults.HTML_502,
    faults.HTML_520,
    faults.ERROR_MSG_200,
    faults.BARE_STRING_200,
    faults.WRONG_TYPE_200,
    faults.HUGE_BODY,
    faults.BUSY_THEN_OK,
    faults.RATE_LIMITED_THEN_OK,
]


@pytest.mark.process
@pytest.mark.parametrize("operation", OPERATIONS, ids=repr)
def test_the_fault_servers_answers_on_real_sockets(operation: Operation) -> None:
    def arguments(fault: int) -> dict[str, Any]:
        # The fault server picks its answer by the id asked for, in the path or the body.
        if "body" in operation.arguments:
            return {"body": type(operation.arguments["body"]).from_dict({"id": fault})}
        return {**operation.arguments, "id": fault}

    with FaultServer() as server:
        with AuthenticatedClient(token="t", base_url=server.url) as client:
            for fault in FAULTS:
                assert isinstance(operation.module.sync_detailed(client=client, **arguments(fault)), Response)

        async def run() -> list[Any]:
            async with AuthenticatedClient(token="t", base_url=server.url) as async_client:
                return [await operation.module.asyncio_detailed(client=async_client, **arguments(f)) for f in FAULTS]

        assert all(isinstance(r, Response) for r in asyncio.run(run()))


@pytest.mark.process
def test_a_stalled_server_times_out() -> None:
    operation = next(op for op in OPERATIONS if "id" in op.arguments)
    with (
        FaultServer() as server,
        AuthenticatedClient(token="t", base_url=server.url, timeout=httpx.Timeout(0.3)) as client,
        pytest.raises(httpx.ReadTimeout),
    ):
        operation.module.sync_detailed(client=client, **{**operation.arguments, "id": faults.STALL_AFTER_HEADERS})


def test_the_default_timeout_is_5_s_to_connect_and_30_s_to_read() -> None:
    client = AuthenticatedClient(token="t")
    assert client.get_httpx_client().timeout == httpx.Timeout(30.0, connect=5.0)
    assert client.get_async_httpx_client().timeout == httpx.Timeout(30.0, connect=5.0)


FIXTURES: list[dict[str, Any]] = read_yaml(ROOT / "tests" / "fixtures" / "public_answers.yaml")
SPEC_EXAMPLES = [
    (operation, status, content_type, example)
    for operation in OPERATIONS
    for status, answer in operation.responses.items()
    for content_type, media in (answer.get("content") or {}).items()
    for example in (media.get("examples") or {}).values()
]


def _read(operation: Operation, status: int, content_type: str, value: Any) -> Response[Any]:
    content = value.encode() if content_type.startswith("text/") else json.dumps(value).encode()
    client = AuthenticatedClient(token="t", httpx_args={"transport": _answer(status, content_type, content)})
    response: Response[Any] = operation.module.sync_detailed(client=client, **operation.arguments)
    check(spec(), operation, response, status, content_type, content)
    return response


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f["source"].split(": ", 1)[-1][:60] for f in FIXTURES])
def test_every_published_answer_is_read_into_what_its_annotations_say(fixture: dict[str, Any]) -> None:
    operation = next(op for op in OPERATIONS if op.name == fixture["operation"])
    response = _read(operation, fixture["status"], fixture["content_type"], fixture["body"])
    assert response.problem is None
    assert response.parsed is not None
    parsed = response.parsed if isinstance(response.parsed, list) else [response.parsed]
    assert [p for model in parsed if not isinstance(model, str) for p in mismatches(model)] == []


@pytest.mark.parametrize(("operation", "status", "content_type", "example"), SPEC_EXAMPLES, ids=repr)
def test_every_example_of_the_spec_is_read_into_what_its_annotations_say(
    operation: Operation, status: str, content_type: str, example: dict[str, Any]
) -> None:
    code = int(status) if status.isdigit() else int(status[0]) * 100
    response = _read(operation, code, content_type, resolve(example)["value"])
    assert response.problem is None
    assert response.parsed is not None
    parsed = response.parsed if isinstance(response.parsed, list) else [response.parsed]
    assert [p for model in parsed if not isinstance(model, str) for p in mismatches(model)] == []
