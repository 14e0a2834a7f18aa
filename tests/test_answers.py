"""What a 200 turns into: numbers from numeric strings, and the exact error for each answer that is not data."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from tests.conftest import CANARY_KEY, Script, json_response, text_response
from tests.spec import named_example
from vast_wrapper import APIStatusError, AsyncVastClient, NotFoundError, UnexpectedResponseError, VastError


def raised(answer: httpx.Response, method: str) -> VastError:
    with Script(answer).client() as client, pytest.raises(VastError) as caught:
        getattr(client, method)(1)
    return caught.value


@pytest.mark.parametrize(
    ("sent", "read"),
    [
        ("100", 100.0), ("-3", -3.0), (" 7 ", 7.0), ("0.75", 0.75), ("5.", 5.0), (".5", 0.5), ("1e3", 1000.0),
        ("1E3", 1000.0), ("-2.5e-1", -0.25), (150, 150.0), (0.5, 0.5),
    ],
)  # fmt: skip
def test_numeric_strings_become_numbers_of_the_annotated_type(sent: Any, read: float) -> None:
    """The spec's numeric strings (and ints) in a number field arrive as the float its annotation promises."""
    (worker,) = Script(json_response(200, [{"id": 1, "cur_load": sent}])).client().get_endpoint_workers(1)
    assert worker.cur_load == read
    assert type(worker.cur_load) is float


@pytest.mark.parametrize("sent", ["1.2.3", "nan", "inf", "", "\u0661\u0662", "12abc", [1]])
def test_a_value_that_is_no_number_is_refused_naming_the_field(sent: Any) -> None:
    """Anything else never lands in a float attribute: the error names the field and what was sent."""
    error = raised(json_response(200, [{"id": 1, "cur_load": sent}]), "get_endpoint_workers")
    assert type(error) is UnexpectedResponseError
    assert error.message.startswith(f"Unexpected answer (HTTP 200): Worker.cur_load is {sent!r}")
    assert "which fits none of: float | None" in error.message


def test_null_instance_error_carries_the_body() -> None:
    error = raised(json_response(200, {"instances": None}), "show_instance")
    assert isinstance(error, NotFoundError)
    assert (error.status_code, error.body) == (200, {"instances": None})


@pytest.mark.parametrize(
    ("method", "answer", "message"),
    [
        ("show_instance", json_response(200, {"instances": [1]}), "'instances' is list, not an object"),
        ("show_instance", json_response(200, {"instances": "x"}), "'instances' is str, not an object"),
        ("show_instance", text_response(200, "plain words"), "the body is not JSON"),
        ("show_instance", json_response(200, {"other": 1}), "no 'instances' field"),
        ("show_instance", json_response(200, {"instances": {"ports": 7}}),
         "Instance.ports is 7 (int), which fits none of: InstancePortsType0 | list[int] | None"),
        ("get_endpoint_workers", text_response(200, "{not json"), "the body is not JSON"),
        ("get_endpoint_workers", json_response(200, [1, "a", {"id": 1}]), "a worker is int, str, not an object"),
        ("get_endpoint_workers", json_response(200, {"workers": {"id": 1}}), "expected a list of workers, got dict"),
    ],
)  # fmt: skip
def test_each_unreadable_200_says_why(method: str, answer: httpx.Response, message: str) -> None:
    """UnexpectedResponseError, HTTP 200, with the exact reason and the body quoted."""
    error = raised(answer, method)
    assert type(error) is UnexpectedResponseError
    assert error.message == f"Unexpected answer (HTTP 200): {message}"
    assert error.status_code == 200
    assert error.body == answer.content.decode()


def test_an_unreadable_body_is_quoted_even_if_not_utf8() -> None:
    error = raised(httpx.Response(200, content=b"caf\xe9 <not json>"), "show_instance")
    assert isinstance(error, UnexpectedResponseError)
    assert error.body == "caf\ufffd <not json>"


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"error_msg": "Endpoint not ready", "extra": 1}, "Endpoint not ready"),
        ("endpoint is being deleted", "endpoint is being deleted"),
        ({"success": False, "detail": "slow down"}, "slow down"),
    ],
)
def test_an_error_sent_with_200_to_a_worker_route_says_so(body: Any, words: str) -> None:
    error = raised(json_response(200, body), "get_endpoint_workers")
    assert isinstance(error, APIStatusError)
    assert error.message == f"HTTP 200 with an error in the body: {words}"
    assert error.body == body


def test_an_error_sent_with_200_to_the_instance_route_says_so() -> None:
    error = raised(json_response(200, {"success": False, "msg": "try later"}), "show_instance")
    assert error.message == "HTTP 200 with an error in the body: try later"


@pytest.mark.parametrize(
    ("options", "console", "run"),
    [
        ({"base_url": "http://127.0.0.1:9"}, "http://127.0.0.1:9", "http://127.0.0.1:9"),
        ({"console_url": "https://c.example"}, "https://c.example", "https://run.vast.ai"),
        ({"run_url": "https://r.example/"}, "https://console.vast.ai", "https://r.example"),
    ],
)
def test_the_async_client_sends_where_it_is_told(options: dict[str, Any], console: str, run: str) -> None:
    """AsyncVastClient takes the same URL settings as VastClient, and the same per-call timeout."""
    script = Script(lambda request: json_response(200, [] if request.method == "POST" else RUNNING))

    async def go() -> None:
        async with AsyncVastClient(
            api_key=CANARY_KEY, transport=httpx.MockTransport(script), timeout=3, **options
        ) as client:
            await client.show_instance(1)
            await client.get_endpoint_workers(1, timeout=1.5)

    asyncio.run(go())
    first, second = script.requests
    assert str(first.url) == f"{console}/api/v0/instances/1/"
    assert str(second.url) == f"{run}/get_endpoint_workers/"
    assert first.extensions["timeout"] == {"connect": 3.0, "read": 3.0, "write": 3.0, "pool": 3.0}
    assert second.extensions["timeout"] == {"connect": 1.5, "read": 1.5, "write": 1.5, "pool": 1.5}
    assert first.headers["authorization"] == f"Bearer {CANARY_KEY}"


RUNNING = named_example("running_instance")
