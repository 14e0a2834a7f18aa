"""Network failures on demand (mock/faults.py), as the bytes and the connection a client gets, in-process.

The app is called as uvicorn calls it: an ASGI scope and a `send` bound to the connection, whose
transport is a recorder here. What a client sees is what is sent, and whether (and how) the
connection is closed: a TCP reset is a close with SO_LINGER set to zero. tests/test_faults.py
checks the same over real sockets.
"""

from __future__ import annotations

import asyncio
import json
import socket
import struct
from typing import Any, cast

import pytest
from starlette.types import Message

import mock.faults
from mock.app import MockSettings, MockState, create_app
from mock.faults import TRANSPORT, FaultResponse, transport_of
from tests.fake_prism import AlwaysUp, FakePrism

LINGER_ZERO = (socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


class Socket:
    def __init__(self, *, refuses: bool = False) -> None:
        self.options: list[tuple[int, int, bytes]] = []
        self.refuses = refuses

    def setsockopt(self, level: int, name: int, value: bytes) -> None:
        if self.refuses:
            raise OSError("the peer is gone already")
        self.options.append((level, name, value))


class Transport:
    """The connection: its socket, and whether it was closed under the client."""

    def __init__(self, sock: Socket | None) -> None:
        self.sock = sock
        self.aborted = False

    def get_extra_info(self, name: str) -> Any:
        return self.sock if name == "socket" else None

    def abort(self) -> None:
        self.aborted = True


class Connection:
    """uvicorn's request cycle: `send` is its method, and it holds the transport."""

    def __init__(self, transport: Transport | None, *, disconnect_after: int | None = None) -> None:
        self.transport = transport
        self.sent: list[Message] = []
        self.looks = 0
        self.disconnect_after = disconnect_after

    async def send(self, message: Message) -> None:
        self.sent.append(message)

    async def receive(self) -> Message:
        self.looks += 1
        if self.disconnect_after is not None and self.looks > self.disconnect_after:
            return {"type": "http.disconnect"}
        return {"type": "http.request", "body": b"", "more_body": False}

    def start(self) -> tuple[int, dict[bytes, bytes]]:
        message = self.sent[0]
        assert message["type"] == "http.response.start"
        names = [name for name, _ in message["headers"]]
        assert len(names) == len(set(names))  # Each header once: two Content-Lengths break every client.
        return message["status"], dict(message["headers"])

    def body(self) -> list[tuple[bytes, bool]]:
        return [(m["body"], m.get("more_body", False)) for m in self.sent[1:] if m["type"] == "http.response.body"]


@pytest.fixture
def pauses(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    seen: list[float] = []

    async def pause(seconds: float) -> None:
        seen.append(seconds)

    monkeypatch.setattr(mock.faults, "pause", pause)
    monkeypatch.setattr(mock.app, "pause", pause)
    return seen


def call(response: FaultResponse, connection: Connection) -> None:
    scope: dict[str, Any] = {"type": "http", "method": "GET", "path": "/", "headers": []}
    if connection.transport is not None:
        scope[TRANSPORT] = connection.transport
    asyncio.run(response(scope, connection.receive, connection.send))


def through_the_app(ident: int, connection: Connection) -> None:
    """GET /api/v0/instances/{ident}/ through the whole app, as uvicorn would call it."""
    state = MockState(upstreams={"console": AlwaysUp(), "run": AlwaysUp()}, settings=MockSettings(log=False))
    state.client = cast(Any, FakePrism())
    path = f"/api/v0/instances/{ident}/"
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": [(b"host", b"127.0.0.1:4010"), (b"authorization", b"Bearer test-a-0001")],
             "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 4010)}  # fmt: skip
    asyncio.run(create_app(state)(scope, connection.receive, connection.send))


BODY = json.dumps({"instances": {"id": 3002, "label": "instance-3002"}}).encode()


def test_the_connection_of_a_send_is_the_transport_of_its_cycle() -> None:
    transport = Transport(None)
    assert transport_of(Connection(transport).send) is transport

    async def alone(message: Message) -> None:
        return None

    assert transport_of(alone) is None


def test_a_reset_id_resets_the_connection_without_a_byte() -> None:
    connection = Connection(Transport(Socket()))
    through_the_app(3001, connection)
    assert connection.sent == []
    assert connection.transport is not None
    assert connection.transport.aborted
    assert connection.transport.sock is not None
    assert connection.transport.sock.options == [LINGER_ZERO]


def test_a_reset_still_closes_a_connection_whose_socket_is_gone_or_refuses() -> None:
    for transport in (Transport(None), Transport(Socket(refuses=True))):
        call(FaultResponse("reset", b"", 200, {}, 0.0), Connection(transport))
        assert transport.aborted


def test_a_reset_without_a_transport_fails_the_request_instead() -> None:
    with pytest.raises(ConnectionResetError, match=r"^reset on demand$"):
        call(FaultResponse("reset", b"", 200, {}, 0.0), Connection(None))


def test_a_truncated_id_sends_half_the_answer_then_closes_without_a_reset() -> None:
    connection = Connection(Transport(Socket()))
    through_the_app(3002, connection)
    status, headers = connection.start()
    [(half, more)] = connection.body()
    assert (status, more) == (200, True)
    whole = int(headers[b"content-length"])
    assert len(half) == whole // 2
    assert headers[b"content-type"] == b"application/json"
    assert connection.transport is not None
    assert connection.transport.aborted
    assert connection.transport.sock is not None
    assert connection.transport.sock.options == []  # A plain close: the client sees the body end early.


def test_a_truncated_answer_without_a_transport_fails_after_the_half() -> None:
    connection = Connection(None)
    with pytest.raises(ConnectionAbortedError, match=r"^truncated on demand$"):
        call(FaultResponse("truncated", BODY, 200, {"content-type": "application/json"}, 0.0), connection)
    assert connection.body() == [(BODY[: len(BODY) // 2], True)]


@pytest.mark.parametrize(
    ("whole", "sent"), [(b'{"instances": null}', b'{"instances": nul,}'), (b"{}", b"{,}"), (b"", b",}")]
)
def test_a_malformed_answer_is_complete_but_not_json(whole: bytes, sent: bytes) -> None:
    connection = Connection(Transport(Socket()))
    call(FaultResponse("malformed", whole, 201, {"content-type": "application/json", "content-length": "9"}, 0.0),
         connection)  # fmt: skip
    status, headers = connection.start()
    assert status == 201
    assert headers == {b"content-type": b"application/json", b"content-length": str(len(sent)).encode()}
    assert connection.body() == [(sent, False)]
    assert connection.transport is not None
    assert not connection.transport.aborted


@pytest.mark.parametrize(("size", "chunks"), [(41, 14), (40, 20), (7, 7), (2, 2), (1, 1)])
def test_a_dribbled_body_comes_in_twenty_pieces_or_fewer_over_its_seconds(
    pauses: list[float], size: int, chunks: int
) -> None:
    whole = bytes(range(65, 65 + size))
    connection = Connection(Transport(Socket()))
    call(FaultResponse("dribble", whole, 200, {"x-note": "slow"}, 2.6), connection)
    status, headers = connection.start()
    assert (status, headers) == (200, {b"x-note": b"slow", b"content-length": str(size).encode()})
    pieces = connection.body()
    assert b"".join(piece for piece, _ in pieces) == whole
    assert [more for _, more in pieces] == [True] * (chunks - 1) + [False]
    assert len(pauses) == chunks - 1
    assert sum(pauses) == pytest.approx(2.6 if chunks > 1 else 0)
    assert len(set(pauses)) <= 1  # Evenly spread.


def test_an_empty_dribbled_body_ends_at_once(pauses: list[float]) -> None:
    connection = Connection(None)
    call(FaultResponse("dribble", b"", 200, {}, 5.0), connection)
    assert connection.body() == [(b"", False)]
    assert pauses == []


def test_a_hang_answers_nothing_until_the_client_gives_up(pauses: list[float]) -> None:
    connection = Connection(Transport(Socket()), disconnect_after=3)
    call(FaultResponse("hang", b"", 200, {}, 0.0), connection)
    assert pauses == [0.25] * 3
    assert connection.sent[0]["status"] == 504  # To nobody: the client has gone.


def test_a_forgotten_hang_is_released_after_ten_minutes(pauses: list[float]) -> None:
    connection = Connection(Transport(Socket()))
    call(FaultResponse("hang", b"", 200, {}, 0.0), connection)
    assert sum(pauses) == 600.0
    assert len(pauses) == 2400
    assert connection.start() == (504, {b"content-length": b"0"})
    assert connection.body() == [(b"", False)]
