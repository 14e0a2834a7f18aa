"""An ASGI app called in-process as a browser calls it over HTTP: httpx's ASGI transport, every call on
one event loop. Starlette's test client does the same through a thread per call, which was half of
the mock's in-process tests' time (and it now asks for httpx2)."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx


class AppClient:
    """A sync client for an ASGI app: each method and `request` as in httpx;
    redirects followed, as a browser does; an exception in the app is raised here."""

    def __init__(self, app: Any, base_url: str = "http://127.0.0.1:4010") -> None:
        self._app, self._base_url = app, base_url
        self._open: tuple[asyncio.Runner, httpx.AsyncClient] | None = None  # Made on first use, again after close.

    def request(self, method: str, url: str, **options: Any) -> httpx.Response:
        if self._open is None:
            transport = httpx.ASGITransport(app=self._app)
            client = httpx.AsyncClient(transport=transport, base_url=self._base_url, follow_redirects=True)
            self._open = (asyncio.Runner(), client)
        runner, client = self._open
        return runner.run(client.request(method, url, **options))

    def get(self, url: str, **options: Any) -> httpx.Response:
        return self.request("GET", url, **options)

    def post(self, url: str, **options: Any) -> httpx.Response:
        return self.request("POST", url, **options)

    def put(self, url: str, **options: Any) -> httpx.Response:
        return self.request("PUT", url, **options)

    def patch(self, url: str, **options: Any) -> httpx.Response:
        return self.request("PATCH", url, **options)

    def delete(self, url: str, **options: Any) -> httpx.Response:
        return self.request("DELETE", url, **options)

    def head(self, url: str, **options: Any) -> httpx.Response:
        return self.request("HEAD", url, **options)

    def options(self, url: str, **options: Any) -> httpx.Response:
        return self.request("OPTIONS", url, **options)

    def close(self) -> None:
        if self._open is not None:
            (runner, client), self._open = self._open, None
            runner.run(client.aclose())
            runner.close()

    def __enter__(self) -> AppClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
