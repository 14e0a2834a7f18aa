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
  // credentials: "include", as an app with cookies does: the mock must allow credentialed CORS.
  const response = await fetch(mock + path, {...init, headers, credentials: "include"});
  const text = await response.text();
  let body = text;
  try { body = JSON.parse(text); } catch (e) {}
  return {status: response.status, body};
}
Promise.all([
  call("/api/v0/instances/42/", {method: "GET"}),
  call("/get_endpoint_workers/", {method: "POST", body: JSON.stringify({id: 42})}),
  call("/api/v0/instances/601/", {method: "GET"}),
  call("/api/v0/instances/520/", {method: "GET"}),
]).then(
  ([instance, workers, loading, edge]) => ({instance, workers, loading, edge}),
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
    """Headless Chromium on another origin, with credentials, gets each screen's answer through CORS."""
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
    live = named_example("running_instance_live")["instances"]
    assert result["instance"] == {"status": 200, "body": {"instances": {**live, "id": 42, "label": "instance-42"}}}
    assert result["workers"]["status"] == 200
    assert [w["id"] for w in result["workers"]["body"]] == [4200, 4201, 4202]
    assert result["loading"]["body"]["instances"]["actual_status"] == "loading"
    assert result["edge"]["status"] == 520
    assert "520: Web server is returning an unknown error" in result["edge"]["body"]


def test_the_reference_page_renders_from_local_files_and_tries_the_mock(mock_url: str, tmp_path: Path) -> None:
    """/docs in headless Chromium: the operations are listed, and "try it" targets the mock itself."""
    chromium = shutil.which("chromium")
    assert chromium, "Chromium is missing: `make test` installs Debian's chromium package (apt-get, as root)"
    result = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=15000",
         "--dump-dom", f"{mock_url}/docs"],
        capture_output=True, text=True, timeout=90, check=False, start_new_session=True,
    )  # fmt: skip
    dom = result.stdout
    for words in ("/api/v0/instances/{id}/", "/get_endpoint_workers/", "/get_autogroup_workers/", mock_url):
        assert words in dom, words


APP_PAGE = """<!doctype html>
<html><body>
<p data-testid="status">…</p>
<script>
// The app under test: shows instance 7001's state and polls it every 5 s, with the key it was given.
async function refresh() {
  const answer = await fetch(`${window.VAST_API}/api/v0/instances/7001/`,
                             {headers: {Authorization: `Bearer ${window.VAST_KEY}`}});
  const status = document.querySelector("[data-testid=status]");
  if (answer.status === 429) status.textContent = "rate limited";
  else status.textContent = (await answer.json()).instances.actual_status;
}
refresh();
setInterval(refresh, 5000);
</script>
</body></html>
"""


def test_the_readme_playwright_example_runs_in_headless_chromium(mock_url: str) -> None:
    """mock/README.md's Playwright example, in Python: a key per test, a runtime answer, both clocks, the journal."""
    import uuid

    from playwright.sync_api import expect, sync_playwright

    chromium = shutil.which("chromium")
    assert chromium, "Chromium is missing: `make test` installs Debian's chromium package (apt-get, as root)"
    app = PageServer(mock_url)
    app.page = APP_PAGE.encode()
    threading.Thread(target=app.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS[1:])
            key = f"test-{uuid.uuid4().hex[:8]}"  # This test's own world.
            mock = playwright.request.new_context(base_url=mock_url,
                                                  extra_http_headers={"Authorization": f"Bearer {key}"})  # fmt: skip
            mock.post("/__mock/clock", data={"freeze": True})
            limited = {"status": 429, "text": "API requests too frequent: endpoint threshold=2.0"}
            made = mock.post("/__mock/answers", data={"operation": "show_instance", "id": 7001, "sequence": [limited]})
            assert made.status == 201, made.text()

            page = browser.new_page()
            page.clock.install()  # The page's timers move only when the test says so.
            page.add_init_script(f"window.VAST_API = {json.dumps(mock_url)}; window.VAST_KEY = {json.dumps(key)};")
            page.goto(app.url)
            status = page.get_by_test_id("status")
            expect(status).to_have_text("rate limited")
            page.clock.run_for(5000)  # The app polls again...
            expect(status).to_have_text("created")
            mock.post("/__mock/clock", data={"advance": 30})  # ...and the mock's instance has come up meanwhile.
            page.clock.run_for(5000)
            expect(status).to_have_text("running")

            journal = mock.get("/__mock/journal", params={"operation": "show_instance", "id": 7001}).json()
            assert journal["count"] == 3
            assert [entry["answer"]["status"] for entry in journal["requests"]] == [429, 200, 200]
            assert key not in json.dumps(journal)
            mock.dispose()
            browser.close()
    finally:
        app.shutdown()
        app.server_close()
