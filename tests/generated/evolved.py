"""Run inside a subprocess whose `vast_api` is a package regenerated from an evolved spec (test_evolution).

Argument: the evolved spec's path. Every check prints nothing; a failure raises (exit 1 with a traceback).
"""

from __future__ import annotations

import asyncio
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import httpx
import vast_api
import yaml
from vast_api import AuthenticatedClient
from vast_api.models import Worker

from tests.generated.answers import check, operations

STATUS_HOST = "https://status.example.test"
BODIES: list[tuple[str | None, bytes]] = [
    ("application/json", b'{"ok": true, "latency": "0.25"}'),
    ("application/json", b'{"ok": "yes"}'),
    ("application/json", b'{"success": false, "error": "gone", "msg": "retired"}'),
    ("text/plain", b"teapot"),
    ("text/html", b"<html>edge</html>"),
    ("application/json", b"[1"),
    (None, b""),
]


class Answers(BaseHTTPRequestHandler):
    """The local server: records each request's path and answers by it."""

    seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Answers.seen.append(self.path)
        status, content_type, body = {
            "/api/v0/ping/": (200, "application/json", b'{"ok": true, "latency": "0.25"}'),
            "/api/v0/pong/7/": (418, "text/plain", b"short and stout"),
        }.get(self.path, (404, "application/json", b'{"success": false, "error": "not_found"}'))
        self.send_response(status)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def main(spec_path: str) -> None:
    assert Path(vast_api.__file__).parent.parent != Path(__file__).parent.parent.parent / "generated"
    document = yaml.safe_load(Path(spec_path).read_text())
    found = {op.name: op for op in operations(document)}
    assert {"ping", "pong", "show_instance", "get_endpoint_workers"} <= found.keys(), found.keys()

    # The new field is a typed attribute; the numbers it may get as strings arrive as numbers.
    assert Worker.from_dict({"gpu_name": "RTX 4090", "cur_load": "0.5"}).gpu_name == "RTX 4090"  # type: ignore[attr-defined]

    # Every operation, the new ones included, reads every answer form as its spec says.
    for operation in found.values():
        for status in (200, 201, 204, 404, 418, 429, 451, 500, 520, 302):
            for content_type, body in BODIES:
                headers = {"content-type": content_type} if content_type else {}
                transport = httpx.MockTransport(
                    lambda r, s=status, h=headers, b=body: httpx.Response(s, headers=h, content=b)
                )
                client = AuthenticatedClient(token="t", httpx_args={"transport": transport})
                check(
                    document,
                    operation,
                    operation.module.sync_detailed(client=client, **operation.arguments),
                    status,
                    content_type,
                    body,
                )

                async def run(op: Any = operation, t: httpx.MockTransport = transport) -> Any:
                    return await op.module.asyncio_detailed(
                        client=AuthenticatedClient(token="t", httpx_args={"transport": t}), **op.arguments
                    )

                check(document, operation, asyncio.run(run()), status, content_type, body)

    # With no settings, each operation goes to the host its spec names: the new one to its own.
    urls: list[str] = []

    def record(request: httpx.Request) -> httpx.Response:
        urls.append(str(request.url))
        return httpx.Response(204)

    transport = httpx.MockTransport(record)
    with AuthenticatedClient(token="t", httpx_args={"transport": transport}) as client:
        found["ping"].module.sync_detailed(client=client)
        found["pong"].module.sync_detailed(client=client, **found["pong"].arguments)
        found["show_instance"].module.sync_detailed(client=client, **found["show_instance"].arguments)
    assert urls == [
        f"{STATUS_HOST}/api/v0/ping/",
        "https://eu.pong.example.test/v2/api/v0/pong/7/",
        "https://console.vast.ai/api/v0/instances/123/",
    ], urls

    # On a local server, through server_urls: the spec's URL picks the host, whatever its name.
    server = ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        local = f"http://127.0.0.1:{server.server_address[1]}"
        with AuthenticatedClient(
            token="t", server_urls={STATUS_HOST: local, "https://eu.pong.example.test/v2": local}
        ) as client:
            ping = found["ping"].module.sync_detailed(client=client)
            pong = found["pong"].module.sync_detailed(client=client, **found["pong"].arguments)
        assert (ping.status_code, ping.parsed.ok, ping.parsed.latency) == (200, True, 0.25), ping
        assert (pong.status_code, pong.parsed) == (418, "short and stout"), pong
        assert Answers.seen == ["/api/v0/ping/", "/api/v0/pong/7/"], Answers.seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    print(json.dumps({"checked": sorted(found)}))


if __name__ == "__main__":
    main(sys.argv[1])
