"""Error messages as users read them: the server's words, one clipped line, the attempts, the right class."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from tests.conftest import CANARY_KEY, Script, json_response, text_response
from vast_wrapper import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    RateLimitError,
    ServerError,
    UnexpectedResponseError,
    VastError,
)


def error_of(answer: httpx.Response | Exception, method: str = "show_instance", **options: Any) -> VastError:
    """The error one call raises against a server giving `answer`."""
    with Script(answer).client(**options) as client, pytest.raises(VastError) as caught:
        getattr(client, method)(1)
    return caught.value


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (text_response(500, "x" * 200), "HTTP 500: " + "x" * 200),
        (text_response(500, "x" * 201), "HTTP 500: " + "x" * 199 + "…"),
        (text_response(500, "  spread \n\n over\tlines  "), "HTTP 500: spread over lines"),
        (json_response(500, {}), "HTTP 500"),
        (json_response(500, {"msg": "", "error": "second field"}), "HTTP 500: second field"),
        (json_response(500, {"error": {"code": 7}}), 'HTTP 500: {"code": 7}'),
        (json_response(500, [1, 2]), "HTTP 500"),
        (text_response(500, "<HTML><TITLE>Big\nOutage</TITLE></HTML>", "text/html"), "HTTP 500: Big Outage"),
        (text_response(500, "<html><body>no title</body></html>", "text/html"), "HTTP 500: an HTML page"),
        (text_response(500, "y" * 600 + "<html>"), "HTTP 500: " + "y" * 199 + "…"),
        (text_response(500, "y" * 507 + "<html>"), "HTTP 500: an HTML page"),
        (text_response(500, "y" * 508 + "<html>"), "HTTP 500: " + "y" * 199 + "…"),
        (httpx.Response(500, content=b"caf\xe9 down"), "HTTP 500: caf\ufffd down"),
    ],
)  # fmt: skip
def test_the_message_is_the_servers_words_on_one_clipped_line(answer: httpx.Response, message: str) -> None:
    """At most 200 characters of the server's own words, whitespace folded, an HTML page by its title."""
    error = error_of(answer, max_retries=0)
    assert isinstance(error, ServerError)
    assert error.message == message
    assert str(error) == message


@pytest.mark.parametrize(
    ("method", "body"),
    [
        ("show_instance", {"success": False}),
        ("show_instance", {"success": False, "data": 1}),
        ("show_instance", {"error_msg": "nope"}),
        ("show_instance", {"error": "nope"}),
        ("show_instance", {"msg": "nope"}),
        ("show_instance", {"message": "nope"}),
        ("show_instance", {"detail": "nope"}),
        ("get_endpoint_workers", {"success": False}),
        ("get_endpoint_workers", {"detail": "nope"}),
        ("get_endpoint_workers", {"message": "nope"}),
        ("get_endpoint_workers", {"msg": "nope"}),
        ("get_endpoint_workers", {"error": "nope"}),
    ],
)
def test_an_error_shaped_200_is_an_api_error(method: str, body: dict[str, Any]) -> None:
    """A 200 whose object uses any of Vast's error fields raises APIStatusError(200), not a parse error."""
    error = error_of(json_response(200, body), method)
    assert type(error) is APIStatusError
    assert error.status_code == 200
    assert error.message.startswith("HTTP 200 with an error in the body")
    assert error.body == body


@pytest.mark.parametrize("body", [{"success": True}, {"data": 1}])
def test_a_200_object_without_error_fields_is_an_unexpected_answer(body: dict[str, Any]) -> None:
    error = error_of(json_response(200, body), "get_endpoint_workers")
    assert type(error) is UnexpectedResponseError


@pytest.mark.parametrize(
    ("failure", "error", "message"),
    [
        (httpx.ConnectError("refused"), APIConnectionError, "Could not reach the server: "),
        (httpx.ConnectError(""), APIConnectionError, ": ConnectError: ConnectError"),
        (httpx.ReadTimeout("slow"), APITimeoutError, "Timed out: "),
    ],
)
@pytest.mark.parametrize(("retries", "attempts"), [(0, "after 1 attempt:"), (1, "after 2 attempts:")])
def test_a_transport_error_names_the_operation_host_and_attempts(
    failure: Exception, error: type[VastError], message: str, retries: int, attempts: str
) -> None:
    """ "Could not reach the server: show_instance (console host) after 2 attempts: ConnectError: refused"."""
    raised = error_of(failure, max_retries=retries)
    assert type(raised) is error
    assert isinstance(raised, APIConnectionError)
    assert raised.attempts == retries + 1
    assert message in raised.message
    assert f"show_instance (console host) {attempts}" in raised.message
    assert type(failure).__name__ in raised.message


def test_a_connection_error_quotes_httpx_words() -> None:
    raised = error_of(httpx.ConnectError("connection refused by peer"), max_retries=0)
    assert raised.message == (
        "Could not reach the server: show_instance (console host) after 1 attempt: "
        "ConnectError: connection refused by peer"
    )


def test_a_body_that_cannot_be_decoded_is_an_unexpected_answer() -> None:
    """A gzip body that is not gzip: UnexpectedResponseError naming the operation, status 0."""

    def broken(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-encoding": "gzip"}, content=b"not gzip at all")

    raised = error_of(broken, max_retries=0)  # type: ignore[arg-type]
    assert type(raised) is UnexpectedResponseError
    assert raised.message.startswith("Could not decode the answer to show_instance (console host) after 1 attempt: ")
    assert (raised.status_code, raised.body) == (0, "")


def test_errors_built_by_hand_have_their_documented_defaults() -> None:
    """Users build our errors in their own tests: one attempt unless said, every field kept."""
    assert APIConnectionError("x").attempts == 1
    assert APITimeoutError("x").attempts == 1
    assert UnexpectedResponseError("x", status_code=200, body="b").attempts == 1
    status = APIStatusError("x", status_code=418, body={"a": 1})
    assert (status.status_code, status.body, status.attempts) == (418, {"a": 1}, 1)
    limited = RateLimitError("slow", status_code=429, body="b", attempts=3, retry_after=2.5)
    assert (limited.status_code, limited.body, limited.attempts, limited.retry_after) == (429, "b", 3, 2.5)
    assert RateLimitError("slow", status_code=429, body="").retry_after is None
    assert RateLimitError("slow", status_code=429, body="").attempts == 1
    assert AuthenticationError("no", status_code=401, body="").message == "no"


@pytest.mark.parametrize(
    "body",
    [
        {"success": False, "error": "auth_error", "msg": f"bad key {CANARY_KEY}"},
        {"success": False, "msg": "bad", "keys": [f"{CANARY_KEY}", {"nested": CANARY_KEY}]},
        {"success": False, "msg": "bad", CANARY_KEY: "as a field name"},
    ],
)
def test_the_key_is_blanked_out_everywhere_in_an_error_body(body: dict[str, Any]) -> None:
    """An echoed key becomes *** in the error's body, in strings, lists, nested objects and field names."""
    error = error_of(json_response(401, body))
    assert isinstance(error, APIStatusError)
    assert CANARY_KEY not in repr(error.body)
    assert "***" in repr(error.body)
    assert "XX" not in repr(error.body)


def test_async_errors_read_the_same() -> None:
    async def run() -> VastError:
        async with Script(text_response(503, "x" * 300)).async_client(max_retries=0) as client:
            with pytest.raises(VastError) as caught:
                await client.show_instance(1)
            return caught.value

    assert asyncio.run(run()).message == "HTTP 503: " + "x" * 199 + "…"


def test_an_unreadable_answer_is_quoted_from_its_first_bytes_only() -> None:
    """UnexpectedResponseError.body quotes the answer's first 4 x MESSAGE_LIMIT bytes, whatever follows."""
    from vast_wrapper._constants import MESSAGE_LIMIT
    from vast_wrapper._exceptions import unexpected

    error = unexpected(200, b" " * (MESSAGE_LIMIT * 4) + b"a tail never read", "the body is not JSON")
    assert (error.message, error.body) == ("Unexpected answer (HTTP 200): the body is not JSON", "")
