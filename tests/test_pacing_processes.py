"""Pacing across real processes and a real redis-server: 0 rate-limit failures out of the box on
one machine, one setting across machines, and calls that go on when Redis goes away."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import CANARY_KEY, FakeTime, Script, json_response, text_response
from tests.pacing_processes import limited_server, redis_server, results, start_client, stop
from vast_wrapper import _pacing

pytestmark = pytest.mark.process

RUNNING = {"instances": {"id": 123, "actual_status": "running"}}
TOO_FREQUENT = "API requests too frequent: endpoint threshold=0.2"
ENDPOINT = "show_instance https://console.vast.ai"


def machine(root: Path) -> dict[str, str]:
    """The environment of one simulated machine: its own home, cache, runtime and temp directories."""
    env = dict(os.environ)
    for name in ("HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR", "TMPDIR"):
        folder = root / name.lower()
        folder.mkdir(parents=True)
        env[name] = str(folder)
    return env


def test_processes_on_one_machine_share_pacing_by_default(tmp_path: Path) -> None:
    """4 processes with default settings against a 0.2 s limit: every call succeeds."""
    env = machine(tmp_path / "one")
    with limited_server(0.2) as url:
        failed, errors = results([start_client(url, 5, env) for _ in range(4)])
    assert failed == 0
    assert "pacing store" not in errors  # The machine's file worked: no fallback warning.


def test_machines_share_pacing_through_redis(tmp_path: Path) -> None:
    """2 simulated machines x 2 processes, VAST_PACING_URL on one Redis: every call succeeds, and
    Redis holds a hash of the key, never the key."""
    with redis_server() as (redis_url, _), limited_server(0.2) as url:
        envs = [dict(machine(tmp_path / f"machine{m}"), VAST_PACING_URL=redis_url) for m in range(2)]
        failed, errors = results([start_client(url, 5, env) for env in envs for _ in range(2)])
        import redis

        client = redis.Redis.from_url(redis_url)
        # Every name and every value as Redis serialises it.
        dump = repr([(name, client.dump(name)) for name in client.keys("*")]).encode()
        client.close()
    assert failed == 0
    assert "pacing store" not in errors
    assert _pacing.key_id("pacing-process-key").encode() in dump
    assert b"pacing-process-key" not in dump


def test_a_process_killed_mid_reservation_leaves_the_file_usable(tmp_path: Path, fake_time: FakeTime) -> None:
    """A process killed inside its transaction leaves no lock and none of its half-written slot."""
    fake_time.frozen = True
    path = tmp_path / "pacing.sqlite3"
    pacer = _pacing.Pacer("k", _pacing.SQLiteStore(path))
    pacer.learn(ENDPOINT, 0.2)
    assert pacer.reserve(ENDPOINT) == pytest.approx(0.22)
    crash = (
        "import os, signal, sqlite3, sys\n"
        "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "db.execute('BEGIN IMMEDIATE')\n"
        "db.execute('UPDATE pacing SET next_slot = next_slot + 1e6')\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    killed = subprocess.run([sys.executable, "-c", crash, str(path)], check=False, timeout=30)
    assert killed.returncode == -signal.SIGKILL
    assert pacer.reserve(ENDPOINT) == pytest.approx(2 * 0.22)  # Not a million seconds: rolled back.
    with sqlite3.connect(path, timeout=0.1) as db:  # And no lock left behind.
        db.execute("BEGIN IMMEDIATE")
        db.execute("ROLLBACK")


def test_a_forked_child_takes_slots_from_the_same_file(tmp_path: Path, fake_time: FakeTime) -> None:
    """A worker forked after its parent used the file (gunicorn --preload) gets a connection of its own."""
    fake_time.frozen = True
    path = tmp_path / "pacing.sqlite3"
    pacer = _pacing.Pacer("k", _pacing.SQLiteStore(path))
    pacer.learn(ENDPOINT, 0.2)
    pacer.reserve(ENDPOINT)
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through its exit code.
        os._exit(0 if pacer.reserve(ENDPOINT) > 0.3 else 1)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert pacer.reserve(ENDPOINT) > 0.5  # The child's slot was taken in the file the parent reads.


def test_redis_shares_slots_between_sync_and_async_pacers(fake_time: FakeTime) -> None:
    """Two 'machines' on one Redis, one sync and one async, take slots one spacing apart."""
    fake_time.frozen = True
    with redis_server() as (redis_url, _):
        first = _pacing.Pacer("k", _pacing.RedisStore(redis_url))
        second = _pacing.Pacer("k", _pacing.RedisStore(redis_url))
        first.learn(ENDPOINT, 0.2)
        assert first.reserve(ENDPOINT) == pytest.approx(0.22, abs=0.03)
        taken = time.monotonic()  # Redis keeps real time: the second slot comes nearer as it passes.

        async def run() -> tuple[float, float, list[float]]:
            before = time.monotonic() - taken
            waits = [await second.areserve(ENDPOINT) for _ in range(2)]
            after = time.monotonic() - taken
            await second.aclose()
            return before, after, waits

        before, after, waits = asyncio.run(run())
    assert 0.44 - after - 0.03 <= waits[0] <= 0.44 - before + 0.03
    assert waits[1] - waits[0] == pytest.approx(0.22, abs=0.05)
    assert second.interval(ENDPOINT) == pytest.approx(0.22)


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_calls_go_on_when_redis_goes_away(kind: str, fake_time: FakeTime, caplog: pytest.LogCaptureFixture) -> None:
    """Redis stopped mid-run: later calls succeed, paced in-process, after exactly one warning."""
    script = Script(json_response(200, RUNNING), text_response(429, TOO_FREQUENT), json_response(200, RUNNING))
    with redis_server() as (redis_url, process), caplog.at_level(logging.WARNING, logger="vast_wrapper"):
        if kind == "sync":
            with script.client(pacing_url=redis_url) as client:
                client.show_instance(1)
                client.show_instance(1)  # 429: learns, and shares through Redis.
                stop(process)
                results_after: list[object] = [client.show_instance(1).id for _ in range(3)]
        else:

            async def run() -> list[object]:
                async with script.async_client(pacing_url=redis_url) as client:
                    await client.show_instance(1)
                    await client.show_instance(1)
                    stop(process)
                    return [(await client.show_instance(1)).id for _ in range(3)]

            results_after = asyncio.run(run())
    assert results_after == [123] * 3
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "pacing continues within this process only" in warnings[0]
    assert CANARY_KEY not in warnings[0]
    assert len(fake_time.sleeps) >= 3  # Still paced: each later call waited its local slot.


def test_redis_that_was_never_there_is_one_warning(fake_time: FakeTime, caplog: pytest.LogCaptureFixture) -> None:
    """A Redis URL nobody answers: the calls succeed with local pacing and one warning."""
    from tests.mock_process import free_port

    script = Script(text_response(429, TOO_FREQUENT), json_response(200, RUNNING))
    with (
        caplog.at_level(logging.WARNING, logger="vast_wrapper"),
        script.client(pacing_url=f"redis://127.0.0.1:{free_port()}/0") as client,
    ):
        ids = [client.show_instance(1).id for _ in range(3)]
    assert ids == [123] * 3
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1
