"""The key travels only in the Authorization header: never in a URL, body, log, repr or message."""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests import faults
from tests.conftest import CANARY_KEY, Script, json_response, text_response
from tests.faults import FaultServer
from vast_wrapper import AsyncVastClient, VastClient, VastError

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


# A key none of whose 4-character pieces occurs in anything a client shows by chance.
RARE_KEY = "Qz7Wx4Jk9Vb2Hq6Ty3Np"


def pieces(key: str, size: int = 4) -> set[str]:
    return {key[i : i + size] for i in range(len(key) - size + 1)}


def test_reprs_hide_every_piece_of_the_key() -> None:
    """repr() and str() of both clients, and of their settings, show not even 4 characters of the key
    (no "Qz7W…" prefix, no "…Ty3Np" suffix)."""
    script = Script(json_response(200, []))
    client = VastClient(api_key=RARE_KEY, transport=httpx.MockTransport(script))
    async_client = AsyncVastClient(api_key=RARE_KEY, transport=httpx.MockTransport(script))
    client.get_endpoint_workers(1)
    texts = [repr(client), str(client), repr(async_client), str(async_client), str(vars(client))]
    client.close()
    asyncio.run(async_client.aclose())
    assert script.requests[0].headers["authorization"] == f"Bearer {RARE_KEY}"  # The key was really in use.
    leaks = {piece for piece in pieces(RARE_KEY) for text in texts if piece in text}
    assert leaks == set()
    assert texts[0] == "VastClient(console_url='https://console.vast.ai', run_url='https://run.vast.ai', max_retries=2)"


@pytest.mark.process
def test_cli_never_shows_the_key_on_any_fault() -> None:
    """The CLI, verbose, through every fault: the canary is in no output and reached the server only as Bearer."""
    runs = [
        (command, fault)
        for fault in (*range(faults.RESET_MID_BODY, faults.HUGE_BODY), faults.GOOD)
        for command in ("show-instance", "endpoint-workers")
    ]
    with FaultServer() as server:

        def run(command: str, fault: int) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [sys.executable, "-m", "vast_wrapper", command, str(fault), "--verbose", "--timeout", "0.5",
                 "--max-retries", "1", "--base-url", server.url],
                env={**os.environ, "VAST_API_KEY": CANARY_KEY}, capture_output=True, text=True, timeout=60,
                check=False,
            )  # fmt: skip

        # The runs wait on timeouts and backoff, not on the CPU: side by side, they take seconds.
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(run, *zip(*runs, strict=True)))
        received = list(server.requests)
    outputs = [result.stdout + result.stderr for result in results]
    assert all("Traceback" not in result.stderr for result in results)
    assert any("attempt 2" in text for text in outputs)  # The verbose log was really on.
    assert all(CANARY_KEY not in text for text in outputs)
    assert len(received) >= 26
    for request in received:
        assert request.headers["authorization"] == f"Bearer {CANARY_KEY}"
        assert CANARY_KEY not in request.target
        assert CANARY_KEY.encode() not in request.body


@pytest.mark.process
@pytest.mark.parametrize("kind", ["sync", "async"])
def test_debug_logs_and_errors_of_every_fault_hide_the_key(kind: str, caplog: pytest.LogCaptureFixture) -> None:
    """With DEBUG on, no log record, message or repr of any fault's error holds the key."""
    from tests.test_faults import CASES

    errors: list[VastError] = []

    async def run_async(url: str, method: str, fault: int) -> None:
        async with AsyncVastClient(api_key=CANARY_KEY, base_url=url, timeout=0.5) as client:
            try:
                await getattr(client, method)(fault)
            except VastError as error:
                errors.append(error)

    with caplog.at_level(logging.DEBUG), FaultServer() as server:
        for fault, method, *_ in CASES:
            if kind == "async":
                asyncio.run(run_async(server.url, method, fault))
                continue
            with VastClient(api_key=CANARY_KEY, base_url=server.url, timeout=0.5) as client:
                try:
                    getattr(client, method)(fault)
                except VastError as error:
                    errors.append(error)
    assert len(errors) >= 9
    assert all(CANARY_KEY not in f"{e} {e!r} {getattr(e, 'body', '')!r}" for e in errors)
    assert len(caplog.records) > len(CASES)
    assert all(CANARY_KEY not in record.getMessage() for record in caplog.records)


def test_generated_client_repr_hides_the_token() -> None:
    """The generated AuthenticatedClient (our template) keeps the token out of repr, even once headers hold it."""
    from vast_api import AuthenticatedClient

    client = AuthenticatedClient(base_url="https://console.vast.ai", token=CANARY_KEY)
    before = repr(client)
    with client:  # Builds the httpx client, which writes "Authorization: Bearer <token>" into the headers.
        after = repr(client)
    assert "AuthenticatedClient(" in before
    assert CANARY_KEY not in before
    assert CANARY_KEY not in after
