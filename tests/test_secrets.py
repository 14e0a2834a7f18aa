"""The key travels only in the Authorization header: never in a URL, body, log, repr or message."""

from __future__ import annotations

import asyncio
import logging

import httpx
import pytest

from tests.conftest import CANARY_KEY, Script, json_response, text_response
from vast_wrapper import VastError

ECHOES = [
    json_response(401, {"success": False, "error": "auth_error", "msg": f"Invalid user key {CANARY_KEY}"}),
    json_response(200, {"error_msg": f"bad key {CANARY_KEY}"}),
    text_response(429, f"too frequent for {CANARY_KEY}: threshold=0.1"),
    text_response(503, f"<html><title>down for {CANARY_KEY}</title></html>", "text/html"),
    httpx.Response(200, content=f"not json {CANARY_KEY}".encode()),
]


@pytest.mark.parametrize("answer", ECHOES)
def test_server_echo_of_the_key_is_redacted(answer: httpx.Response, caplog: pytest.LogCaptureFixture) -> None:
    """Even when the server echoes the key, the error's message, str, repr and body hide it."""
    script = Script(answer)
    with caplog.at_level(logging.DEBUG), script.client() as client, pytest.raises(VastError) as caught:
        client.get_endpoint_workers(1)
    error = caught.value
    for text in (str(error), repr(error), error.message, repr(getattr(error, "body", ""))):
        assert CANARY_KEY not in text
    assert "***" in error.message or "***" in repr(getattr(error, "body", ""))
    assert all(CANARY_KEY not in r.getMessage() for r in caplog.records)


def test_key_only_in_the_authorization_header() -> None:
    """Every request carries the key in Authorization and nowhere else: not URL, query or body."""
    script = Script(json_response(200, []))
    with script.client() as client:
        client.get_endpoint_workers(1)
        client.get_autogroup_workers(2)
    script.answers = [json_response(200, {"instances": None})]
    with script.client() as client, pytest.raises(VastError):
        client.show_instance(3)
    for request in script.requests:
        assert request.headers["authorization"] == f"Bearer {CANARY_KEY}"
        assert CANARY_KEY not in str(request.url)
        assert CANARY_KEY.encode() not in request.content
        others = [v for k, v in request.headers.items() if k != "authorization"]
        assert all(CANARY_KEY not in v for v in others)


def test_reprs_hide_the_key() -> None:
    """repr() of both clients and of their HTTP pools never shows the key."""
    script = Script(json_response(200, []))
    client = script.client()
    async_client = script.async_client()
    texts = [repr(client), repr(async_client), repr(client._http["console"].headers), str(vars(client))]
    client.close()
    asyncio.run(async_client.aclose())
    assert all(CANARY_KEY not in text for text in texts)
    assert "console_url='https://console.vast.ai'" in texts[0]
