"""Network failures on demand: the mock breaks one connection on purpose and keeps serving the others.

hang: never answers (until the client gives up); reset: the connection is reset before any answer;
truncated: a JSON answer cut in the middle, the connection closed; malformed: a complete answer
whose JSON does not parse; dribble: the normal answer sent a few bytes at a time over N seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import struct
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

FAULTS = ("hang", "reset", "truncated", "malformed", "dribble")
HANG_LIMIT = 600.0  # Seconds a hung request is held at most: a forgotten client cannot pin the mock.
DRIBBLE_CHUNKS = 20
pause = asyncio.sleep  # The dribble's and the hang's waits: tests replace it and never really wait.


TRANSPORT = "mock.transport"  # Where MockApp puts the connection's transport in the scope.


def transport_of(send: Send) -> Any:
    # uvicorn's send is a method of the connection's cycle, which holds the asyncio transport.
    return getattr(getattr(send, "__self__", None), "transport", None)


def _abort(scope: Scope, *, reset: bool) -> bool:
    """Close the client's connection (with a TCP reset if asked); False when the server offers no transport."""
    transport = scope.get(TRANSPORT)
    if transport is None:
        return False
    sock = transport.get_extra_info("socket")
    if reset and sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()
    return True


class FaultResponse(Response):
    """An answer that fails the way a network does. `content` is the normal answer, for truncated and dribble."""

    def __init__(self, fault: str, content: bytes, status: int, headers: dict[str, str], seconds: float) -> None:
        super().__init__(b"", status, headers)
        self.fault = fault
        self.whole = content
        self.seconds = seconds
        self.raw_headers = [(k, v) for k, v in self.raw_headers if k != b"content-length"]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.fault == "hang":
            await _hang(Request(scope, receive))
            await Response(b"", 504)(scope, receive, send)
        elif self.fault == "reset":
            if not _abort(scope, reset=True):
                raise ConnectionResetError("reset on demand")
        elif self.fault == "truncated":
            await self._start(send, len(self.whole))
            await send({"type": "http.response.body", "body": self.whole[: len(self.whole) // 2], "more_body": True})
            if not _abort(scope, reset=False):
                raise ConnectionAbortedError("truncated on demand")
        elif self.fault == "malformed":
            cut = self.whole[: max(1, len(self.whole) - 2)] + b",}"
            await self._start(send, len(cut))
            await send({"type": "http.response.body", "body": cut})
        else:
            await self._dribble(send)

    async def _start(self, send: Send, length: int | None) -> None:
        headers = list(self.raw_headers)
        if length is not None:
            headers.append((b"content-length", str(length).encode()))
        await send({"type": "http.response.start", "status": self.status_code, "headers": headers})

    async def _dribble(self, send: Send) -> None:
        await self._start(send, len(self.whole))
        size = max(1, -(-len(self.whole) // DRIBBLE_CHUNKS))
        chunks = [self.whole[i : i + size] for i in range(0, len(self.whole), size)] or [b""]
        gap = self.seconds / max(1, len(chunks) - 1)  # Between chunks: the whole body takes `seconds`.
        for n, chunk in enumerate(chunks):
            await send({"type": "http.response.body", "body": chunk, "more_body": n < len(chunks) - 1})
            if n < len(chunks) - 1:
                await pause(gap)


async def _hang(request: Request) -> None:
    waited = 0.0
    while waited < HANG_LIMIT and not await request.is_disconnected():
        await pause(0.25)
        waited += 0.25
