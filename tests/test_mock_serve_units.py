"""`make mock` and `make proxy` as serve.py starts them, in-process: no Prism, no uvicorn, no socket.

What a user sees of serve.py is the command line of the Prism it starts (in `ps`), its log lines,
the settings it reads from its arguments and environment, its banner and its exit status. Prism,
uvicorn, the clock and the signals are replaced by recorders here; tests/test_mock.py runs it whole.
"""

from __future__ import annotations

import contextlib
import signal
import subprocess
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any, ClassVar

import pytest

import mock.serve
from mock.app import MockSettings, MockState
from mock.serve import HOST, LIVE, PRISM, Prism, log
from tests.test_mock_app import client_for
from tools.project import SPEC_PATH

ENVIRONMENT = ("MAKE_MOCK_PORT", "MOCK_PORT", "PROXY_UPSTREAM", "PROXY_CONSOLE_UPSTREAM", "PROXY_RUN_UPSTREAM",
               "MAKE_MOCK_LIFECYCLE", "MOCK_LIFECYCLE", "MAKE_MOCK_RATE_LIMIT", "MOCK_RATE_LIMIT",
               "MAKE_MOCK_LATENCY", "MOCK_LATENCY")  # fmt: skip


class FakeProcess:
    """A Prism process: running until told, or exited with `code`; `stubborn` ignores terminate."""

    def __init__(self, command: list[str], *, code: int | None = None, stubborn: bool = False) -> None:
        self.command = command
        self.pid = 4242
        self.returncode = code
        self.stubborn = stubborn
        self.calls: list[str] = []

    def poll(self) -> int | None:
        return self.returncode

    def terminate(self) -> None:
        self.calls.append("terminate")
        if not self.stubborn:
            self.returncode = -15

    def kill(self) -> None:
        self.calls.append("kill")
        self.returncode = -9

    def wait(self, timeout: float) -> int:
        self.calls.append(f"wait {timeout:g}")
        if self.returncode is None:
            raise subprocess.TimeoutExpired("prism", timeout)
        return self.returncode


class Machine:
    """The clock, the process table and the loopback ports as Prism.start sees them."""

    def __init__(self, *, listening_after: int = 0, exit_code: int | None = None) -> None:
        self.now = 100.0
        self.started: list[FakeProcess] = []
        self.popen_options: list[dict[str, Any]] = []
        self.dialled: list[tuple[tuple[str, int], float]] = []
        self.listening_after = listening_after  # Refused connections before Prism listens; -1: never.
        self.exit_code = exit_code

    def popen(self, command: list[str], **options: Any) -> FakeProcess:
        self.popen_options.append(options)
        self.started.append(FakeProcess(command, code=self.exit_code))
        return self.started[-1]

    def create_connection(self, address: tuple[str, int], timeout: float) -> Any:
        self.dialled.append((address, timeout))
        if self.listening_after < 0 or len(self.dialled) <= self.listening_after:
            raise ConnectionRefusedError
        return contextlib.nullcontext()

    def sleep(self, seconds: float) -> None:
        self.now = round(self.now + seconds, 6)  # Exact tenths: the deadline is hit, not missed by a rounding.


@pytest.fixture
def machine(monkeypatch: pytest.MonkeyPatch) -> Machine:
    fake = Machine()
    monkeypatch.setattr(mock.serve, "free_port", lambda: 4999)
    monkeypatch.setattr(mock.serve, "subprocess", SimpleNamespace(
        Popen=fake.popen, DEVNULL=subprocess.DEVNULL, TimeoutExpired=subprocess.TimeoutExpired))  # fmt: skip
    monkeypatch.setattr(mock.serve, "socket", SimpleNamespace(create_connection=fake.create_connection))
    monkeypatch.setattr(mock.serve, "time", SimpleNamespace(monotonic=lambda: fake.now, sleep=fake.sleep))
    return fake


def test_a_log_line_goes_to_stderr_marked_as_the_mocks(capsys: pytest.CaptureFixture[str]) -> None:
    log("Prism exited; restarting it")
    assert capsys.readouterr() == ("", "[mock] Prism exited; restarting it\n")


@pytest.mark.parametrize(
    ("upstream", "mode"),
    [
        (None, ["mock", str(SPEC_PATH)]),
        ("https://console.vast.ai", ["proxy", str(SPEC_PATH), "https://console.vast.ai"]),
    ],
)
def test_prism_starts_from_its_own_binary_on_a_private_loopback_port(
    machine: Machine, capsys: pytest.CaptureFixture[str], upstream: str | None, mode: list[str]
) -> None:
    machine.listening_after = 2
    prism = Prism(upstream)
    assert (prism.port, prism.alive()) == (0, False)
    prism.start()
    assert machine.started[0].command == [str(PRISM), *mode, "-h", "127.0.0.1", "-p", "4999"]
    assert machine.popen_options == [{"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}]
    assert [address for address, _ in machine.dialled] == [("127.0.0.1", 4999)] * 3
    assert all(0 < timeout <= 1 for _, timeout in machine.dialled)  # A probe, not a wait.
    assert machine.now == 100.2  # Two short naps between the probes.
    assert (prism.port, prism.alive()) == (4999, True)
    assert capsys.readouterr().err == f"[mock] Prism {mode[0]} running as PID 4242\n"


def test_a_prism_that_exits_at_start_stops_the_mock_with_its_exit_code(machine: Machine) -> None:
    machine.exit_code = 9
    with pytest.raises(SystemExit, match=r"^Prism exited at start \(code 9\); is `npm ci` done\?$"):
        Prism(None).start()


def test_a_prism_that_never_listens_is_stopped_after_a_minute(
    machine: Machine, capsys: pytest.CaptureFixture[str]
) -> None:
    machine.listening_after = -1
    prism = Prism(None)
    with pytest.raises(SystemExit, match=r"^Prism did not start listening within 60 s$"):
        prism.start()
    assert machine.now == 160.0  # The whole minute on the clock, and not a nap more.
    assert machine.started[0].calls == ["terminate", "wait 5"]
    assert not prism.alive()
    assert capsys.readouterr().err == ""


def test_prism_is_stopped_by_its_pid_and_killed_when_it_ignores_the_request(machine: Machine) -> None:
    machine.listening_after = 0
    prism = Prism(None)
    prism.start()
    process = machine.started[0]
    process.stubborn = True
    prism.stop()
    assert process.calls == ["terminate", "wait 5", "kill", "wait 5"]
    assert (process.returncode, prism.alive()) == (-9, False)
    prism.stop()  # Stopped already: nothing more is sent.
    assert process.calls == ["terminate", "wait 5", "kill", "wait 5"]


def test_a_prism_that_exited_on_its_own_is_not_signalled(machine: Machine) -> None:
    prism = Prism(None)
    prism.start()
    process = machine.started[0]
    process.returncode = 1
    assert not prism.alive()
    prism.stop()
    assert process.calls == []


# --- main(): the settings read from the command line and the environment ---------------------------------------


class Served:
    """What main() hands to serve(), recorded instead of serving."""

    def __init__(self) -> None:
        self.calls: list[tuple[dict[str, Prism], list[Prism], MockSettings, int]] = []
        self.started: list[Prism] = []
        self.stopped: list[Prism] = []


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Served:
    record = Served()
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)

    def serve(prisms: dict[str, Prism], started: list[Prism], settings: MockSettings, port: int) -> int:
        record.calls.append((prisms, started, settings, port))
        return 0

    monkeypatch.setattr(mock.serve, "serve", serve)

    def start(prism: Prism) -> None:
        record.started.append(prism)

    def stop(prism: Prism) -> None:
        record.stopped.append(prism)

    monkeypatch.setattr(Prism, "start", start)
    monkeypatch.setattr(Prism, "stop", stop)
    return record


def run_main(monkeypatch: pytest.MonkeyPatch, argv: list[str], env: dict[str, str] | None = None) -> int:
    monkeypatch.setattr("sys.argv", ["serve.py", *argv])
    for name, value in (env or {}).items():
        monkeypatch.setenv(name, value)
    return mock.serve.main()


def test_by_default_one_prism_serves_both_hosts_on_port_4010(
    monkeypatch: pytest.MonkeyPatch, served: Served, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_main(monkeypatch, []) == 0
    [(prisms, started, settings, port)] = served.calls
    assert port == 4010
    assert settings == MockSettings(lifecycle_seconds=30.0, rate_limit=None, latency=(0.0, 0.0))
    assert list(prisms) == ["console", "run"]
    assert prisms["console"] is prisms["run"]
    assert prisms["console"].upstream is None
    assert started == served.started == served.stopped == [prisms["console"]]  # Started once, stopped once.
    assert capsys.readouterr().err == "[mock] stopped\n"


@pytest.mark.parametrize(
    ("argv", "env", "port", "settings"),
    [
        ([], {"MOCK_PORT": "4011", "MOCK_LIFECYCLE": "9", "MOCK_RATE_LIMIT": "2", "MOCK_LATENCY": "100-300"},
         4011, MockSettings(lifecycle_seconds=9.0, rate_limit=2.0, latency=(0.1, 0.3))),
        # `make mock PORT=...` hands its variables over as MAKE_MOCK_*: they win over the shell's MOCK_*.
        ([], {"MAKE_MOCK_PORT": "4012", "MOCK_PORT": "4011", "MAKE_MOCK_LIFECYCLE": "6", "MOCK_LIFECYCLE": "9",
              "MAKE_MOCK_RATE_LIMIT": "1.5", "MOCK_RATE_LIMIT": "2", "MAKE_MOCK_LATENCY": "50", "MOCK_LATENCY": "9"},
         4012, MockSettings(lifecycle_seconds=6.0, rate_limit=1.5, latency=(0.05, 0.05))),
        (["--port", "65535", "--lifecycle", "0.5", "--rate-limit", "0.25", "--latency", "7"], {"MOCK_PORT": "4011"},
         65535, MockSettings(lifecycle_seconds=0.5, rate_limit=0.25, latency=(0.007, 0.007))),
        (["--port", "1", "--rate-limit", ""], {"MOCK_RATE_LIMIT": "2"}, 1, MockSettings()),
    ],
    ids=["environment", "make variables first", "arguments first", "empty rate limit is none"],
)  # fmt: skip
def test_settings_come_from_arguments_then_make_then_the_environment(
    monkeypatch: pytest.MonkeyPatch, served: Served, argv: list[str], env: dict[str, str], port: int,
    settings: MockSettings,
) -> None:  # fmt: skip
    run_main(monkeypatch, argv, env)
    [(_, _, got, got_port)] = served.calls
    assert (got, got_port) == (settings, port)


@pytest.mark.parametrize("port", ["0", "65536", "", "4010.5"])
def test_a_port_outside_1_to_65535_is_refused_in_one_line(
    monkeypatch: pytest.MonkeyPatch, served: Served, port: str
) -> None:
    with pytest.raises(SystemExit, match=rf"^serve.py: port '{port}' is not a number from 1 to 65535$"):
        run_main(monkeypatch, ["--port", port])
    assert served.calls == []
    assert served.started == []


@pytest.mark.parametrize(
    ("argv", "env", "console", "run"),
    [
        (["--proxy"], {}, LIVE["console"], LIVE["run"]),
        (["--proxy"], {"PROXY_UPSTREAM": "http://127.0.0.1:9000"}, "http://127.0.0.1:9000", "http://127.0.0.1:9000"),
        (["--upstream", "https://staging.example"], {}, "https://staging.example", "https://staging.example"),
        (["--proxy"], {"PROXY_CONSOLE_UPSTREAM": "https://c.example", "PROXY_RUN_UPSTREAM": "https://r.example"},
         "https://c.example", "https://r.example"),
        (["--proxy", "--console-upstream", "https://c.example", "--run-upstream", "https://r.example"],
         {"PROXY_CONSOLE_UPSTREAM": "https://x.example", "PROXY_RUN_UPSTREAM": "https://y.example"},
         "https://c.example", "https://r.example"),
        (["--proxy", "--run-upstream", "https://r.example/"], {"PROXY_UPSTREAM": "https://u.example"},
         "https://u.example", "https://r.example"),
    ],
    ids=["live hosts", "one upstream", "upstream alone proxies", "per host", "arguments first", "host over all"],
)  # fmt: skip
def test_the_proxy_forwards_each_host_to_its_upstream_and_starts_no_prism(
    monkeypatch: pytest.MonkeyPatch, served: Served, argv: list[str], env: dict[str, str], console: str, run: str
) -> None:
    run_main(monkeypatch, argv, env)
    [(prisms, started, _, _)] = served.calls
    assert (prisms["console"].upstream, prisms["run"].upstream) == (console, run)
    assert started == served.started == []


def test_an_unsafe_upstream_names_the_host_it_is_for(monkeypatch: pytest.MonkeyPatch, served: Served) -> None:
    with pytest.raises(SystemExit, match=r"^serve.py: run upstream 'http://example.com': plain http is for"):
        run_main(monkeypatch, ["--proxy", "--run-upstream", "http://example.com"])
    with pytest.raises(SystemExit, match=r"^serve.py: console upstream 'ftp://x' is not a URL"):
        run_main(monkeypatch, ["--proxy", "--console-upstream", "ftp://x"])


def test_prism_is_stopped_even_when_serving_fails(monkeypatch: pytest.MonkeyPatch, served: Served) -> None:
    def broken(*args: Any) -> int:
        raise SystemExit("serve.py: cannot listen on 127.0.0.1:4010")

    monkeypatch.setattr(mock.serve, "serve", broken)
    with pytest.raises(SystemExit, match="cannot listen"):
        run_main(monkeypatch, [])
    assert served.stopped == served.started != []


def test_the_help_explains_every_option_and_its_environment_variable(
    monkeypatch: pytest.MonkeyPatch, served: Served, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        run_main(monkeypatch, ["--help"])
    assert done.value.code == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert shown.startswith("usage: serve.py [-h] [--port PORT] [--proxy] [--upstream UPSTREAM]")
    assert "Serve the Vast API mock: Prism behind the mock's own front" in shown  # The module's docstring.
    for line in [
        "--port PORT port on 127.0.0.1 (default 4010, or MOCK_PORT)",
        "--proxy validate a real server's answers instead of mocking",
        "--upstream UPSTREAM one server for every operation",
        "--console-upstream CONSOLE_UPSTREAM with --proxy: the instance host (default https://console.vast.ai)",
        "--run-upstream RUN_UPSTREAM with --proxy: the serverless host (default https://run.vast.ai)",
        "--lifecycle LIFECYCLE seconds of a lifecycle id's three states, a third each (default 30)",
        "--rate-limit RATE_LIMIT enforce the live interval, in seconds, per route and key (e.g. 2.0)",
        "--latency LATENCY delay every answer by this many ms, or a range like 100-300",
    ]:
        assert line in shown


# --- serve(): the banner, the signals, the watch over Prism and the exit status --------------------------------


class FakeServer:
    """uvicorn.Server: `run` returns at once, as after Ctrl-C; `listens` says whether it could bind."""

    made: ClassVar[list[FakeServer]] = []

    def __init__(self, config: SimpleNamespace) -> None:
        self.config = config
        self.should_exit = False
        self.started = False
        self.listens = True
        FakeServer.made.append(self)

    def run(self) -> None:
        self.started = self.listens


class Serving:
    def __init__(self) -> None:
        self.handlers: dict[int, Callable[[int, object], None]] = {}
        self.watchers: list[Callable[[], None]] = []
        self.listens = True


@pytest.fixture
def serving(monkeypatch: pytest.MonkeyPatch) -> Serving:
    record = Serving()
    FakeServer.made = []

    def server(config: SimpleNamespace) -> FakeServer:
        made = FakeServer(config)
        made.listens = record.listens
        return made

    def thread(target: Callable[[], None], name: str, daemon: bool) -> SimpleNamespace:
        assert daemon  # The watch must never keep a stopped mock alive.
        assert name == "prism-watch"  # As a thread dump of a stuck mock names it.
        record.watchers.append(target)
        return SimpleNamespace(start=lambda: None)

    monkeypatch.setattr(mock.serve, "uvicorn", SimpleNamespace(Config=lambda app, **options: SimpleNamespace(
        app=app, **options), Server=server))  # fmt: skip
    monkeypatch.setattr(mock.serve, "threading", SimpleNamespace(Thread=thread))
    monkeypatch.setattr(mock.serve, "signal", SimpleNamespace(
        SIGTERM=signal.SIGTERM, SIGINT=signal.SIGINT, signal=lambda number, handler: record.handlers.update(
            {number: handler})))  # fmt: skip
    return record


def test_the_mock_listens_on_loopback_says_where_and_stops_cleanly_on_a_signal(
    serving: Serving, capsys: pytest.CaptureFixture[str]
) -> None:
    prism = Prism(None)
    assert mock.serve.serve({"console": prism, "run": prism}, [prism], MockSettings(), 4010) == 0
    assert capsys.readouterr().out == "Vast API mock at http://127.0.0.1:4010 (Ctrl-C to stop)\n"
    [server] = FakeServer.made
    served = {name: getattr(server.config, name) for name in vars(server.config) if name != "app"}
    assert served == {
        "host": HOST, "port": 4010,
        "http": "httptools", "loop": "asyncio",  # The fastest parser; asyncio, which aiohttp's pool runs on.
        "log_level": "warning", "access_log": False,  # One line per call is the mock's own log.
        "timeout_keep_alive": 30,  # A page's connection stays open between a test's calls.
    }  # fmt: skip
    assert set(serving.handlers) == {signal.SIGTERM, signal.SIGINT}
    for handler in serving.handlers.values():
        with pytest.raises(SystemExit) as stopped:
            handler(signal.SIGTERM, None)
        assert stopped.value.code == 0


def test_a_port_taken_by_another_server_stops_the_mock_in_one_line(serving: Serving) -> None:
    serving.listens = False
    prism = Prism(None)
    with pytest.raises(SystemExit, match=r"^serve.py: cannot listen on 127.0.0.1:4011$"):
        mock.serve.serve({"console": prism, "run": prism}, [prism], MockSettings(), 4011)


def test_a_prism_that_exits_is_restarted_until_the_mock_stops(
    serving: Serving, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    prism = Prism(None)
    naps: list[float] = []
    monkeypatch.setattr(mock.serve, "time", SimpleNamespace(sleep=naps.append))
    mock.serve.serve({"console": prism, "run": prism}, [prism], MockSettings(), 4010)
    [server] = FakeServer.made
    restarts: list[Prism] = []

    def start(self: Prism) -> None:
        restarts.append(self)
        server.should_exit = len(restarts) == 2  # Restarted twice, then the mock is stopped.

    monkeypatch.setattr(Prism, "start", start)
    server.should_exit = False
    capsys.readouterr()
    [watch] = serving.watchers
    watch()
    assert restarts == [prism, prism]
    assert naps == [0.5, 0.5]
    assert capsys.readouterr().err == "[mock] Prism exited; restarting it\n" * 2


def test_a_stopping_mock_does_not_restart_prism(serving: Serving, monkeypatch: pytest.MonkeyPatch) -> None:
    prism = Prism(None)
    mock.serve.serve({"console": prism, "run": prism}, [prism], MockSettings(), 4010)
    [server] = FakeServer.made

    def nap(seconds: float) -> None:
        server.should_exit = True  # Ctrl-C during the nap.

    monkeypatch.setattr(mock.serve, "time", SimpleNamespace(sleep=nap))
    monkeypatch.setattr(Prism, "start", lambda self: pytest.fail("a stopping mock must not restart Prism"))
    server.should_exit = False
    serving.watchers[0]()


def test_the_proxy_says_where_it_forwards_and_fails_the_ci_step_on_a_violation(
    serving: Serving, capsys: pytest.CaptureFixture[str]
) -> None:
    prisms = {"console": Prism("https://c.example"), "run": Prism("https://r.example")}
    assert mock.serve.serve(prisms, [], MockSettings(), 4010) == 0
    said = capsys.readouterr()
    assert said.out == ("Vast API validating proxy to https://c.example (instances) and https://r.example (workers)"
                        " at http://127.0.0.1:4010 (Ctrl-C to stop)\n")  # fmt: skip
    assert said.err == "[mock] proxy summary: 0 answers checked, 0 did not match the spec\n"


def test_a_proxy_that_saw_a_violation_exits_1_with_its_summary(
    serving: Serving, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    made: list[Any] = []
    real = MockState

    def state(**options: Any) -> Any:
        made.append(real(**options))
        made[-1].checked.update({"/get_endpoint_workers/": 3})
        made[-1].violations.update({"/get_endpoint_workers/": 1})
        return made[-1]

    monkeypatch.setattr(mock.serve, "MockState", state)
    prisms = {"console": Prism("https://c.example"), "run": Prism("https://r.example")}
    with pytest.raises(SystemExit) as failed:
        mock.serve.serve(prisms, [], MockSettings(), 4010)
    assert failed.value.code == 1
    assert capsys.readouterr().err == (
        "[mock] proxy summary: 3 answers checked, 1 did not match the spec (/get_endpoint_workers/: 1)\n"
    )


def test_the_app_it_serves_answers_503_until_prism_listens(serving: Serving) -> None:
    prism = Prism(None)
    mock.serve.serve({"console": prism, "run": prism}, [prism], MockSettings(log=False), 4010)
    [server] = FakeServer.made
    with client_for(server.config.app) as client:
        answer = client.get("/api/v0/instances/42/", headers={"Authorization": "Bearer k-1"})
    assert (answer.status_code, answer.json()["error"]) == (503, "mock_restarting")


def test_the_help_shows_the_usage_examples_as_written(
    monkeypatch: pytest.MonkeyPatch, served: Served, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        run_main(monkeypatch, ["--help"])
    lines = capsys.readouterr().out.splitlines()
    assert (
        "    python mock/serve.py --proxy                       # validating proxy in front of Vast's two hosts"
        in lines
    )
