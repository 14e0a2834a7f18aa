"""A real browser: a page on one origin calls the mock on another with fetch() and an Authorization header."""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.spec import named_example

pytestmark = pytest.mark.mock

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic",
]  # fmt: skip

PAGE = """<!doctype html>
<html><body><script>
const mock = "%(mock)s";
const headers = {"Authorization": "Bearer browser-key", "Content-Type": "application/json"};
async function call(path, init) {
  const response = await fetch(mock + path, {...init, headers});
  return {status: response.status, body: await response.json()};
}
Promise.all([
  call("/api/v0/instances/123/", {method: "GET"}),
  call("/get_endpoint_workers/", {method: "POST", body: JSON.stringify({id: 123})}),
]).then(
  ([instance, workers]) => ({instance, workers}),
  (error) => ({error: String(error)}),
).then((result) => fetch("/result", {method: "POST", body: JSON.stringify(result)}));
</script></body></html>
"""


class PageServer(ThreadingHTTPServer):
    """Serves the page on its own loopback origin and collects what the page reports back."""

    def __init__(self, mock_url: str) -> None:
        self.page = (PAGE % {"mock": mock_url}).encode()
        self.results: queue.Queue[dict[str, Any]] = queue.Queue()
        super().__init__(("127.0.0.1", 0), PageHandler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}/"


class PageHandler(BaseHTTPRequestHandler):
    server: PageServer

    def do_GET(self) -> None:
        self._send(200, self.server.page, "text/html")

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.results.put(json.loads(body))
        self._send(204, b"", "text/plain")

    def _send(self, status: int, content: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


def test_cross_origin_fetch_with_authorization(mock_url: str, tmp_path: Path) -> None:
    """Headless Chromium on another origin gets the mock's JSON through CORS, preflight and all."""
    chromium = shutil.which("chromium")
    assert chromium, "Chromium is missing: `make test` installs Debian's chromium package (apt-get, as root)"
    page = PageServer(mock_url)
    threading.Thread(target=page.serve_forever, daemon=True).start()
    browser = subprocess.Popen(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", page.url],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        result = page.results.get(timeout=60)
    finally:
        os.killpg(browser.pid, signal.SIGTERM)  # Its renderers and helpers share its session.
        try:
            browser.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(browser.pid, signal.SIGKILL)
            browser.wait(5)
        page.shutdown()
        page.server_close()
    assert "error" not in result, result
    assert result["instance"] == {"status": 200, "body": named_example("running_instance")}
    assert result["workers"] == {"status": 200, "body": named_example("worker_list")}
