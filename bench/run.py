"""`make bench`: vast_wrapper against the floor (raw httpx) and the official client (vastai), side by side.

Every contender runs against the same local server (bench/server.py on 127.0.0.1, started and
stopped here), in alternation, and the table reports medians and ratios next to their targets.
The official client lives in its own environment (--vastai-bin), never in the project's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from vast_api.models import Worker

from vast_wrapper import AsyncVastClient, VastClient, VastError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `tools` as a package, run as a script.
from mock.journal import redact_text
from tools.project import NODE_BIN, ROOT, SPEC_PATH, read_yaml

PY = sys.executable
KEY = "bench-key"
RESULTS_START, RESULTS_END = "<!-- results:start -->", "<!-- results:end -->"
GROUPS = ("startup", "per-call", "parsing", "fan-out", "rate-limit", "pacing", "mock")


@dataclass
class Row:
    name: str
    ours: str
    baseline: str
    ratio: float | None
    target: str
    met: bool | None
    note: str = ""


@contextmanager
def server(*, rate_interval: float = 0.0, workers: int = 3) -> Iterator[str]:
    """bench/server.py in its own process; stopped by its PID at the end."""
    command = [PY, str(ROOT / "bench" / "server.py"), "--rate-interval", str(rate_interval), "--workers", str(workers)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline())
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


def run_process(command: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """(wall seconds, peak RSS in MB, stdout) of one process, peak memory from wait4."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert process.stdout is not None
    output = process.stdout.read().decode(errors="replace")
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{command[0]} exited {process.returncode}: {output[:300]}")
    return elapsed, usage.ru_maxrss // 1024, output


def alternate(contenders: dict[str, Callable[[], float]], rounds: int) -> dict[str, list[float]]:
    """Each contender once per round, in rotating order; returns every measurement."""
    results: dict[str, list[float]] = {name: [] for name in contenders}
    names = list(contenders)
    for i in range(rounds):
        for name in names[i % len(names) :] + names[: i % len(names)]:
            results[name].append(contenders[name]())
    return results


def median(values: list[float]) -> float:
    return statistics.median(values)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def cold_start(url: str, clean_bin: Path, vastai_bin: Path | None, rounds: int) -> list[Row]:
    env = {**os.environ, "VAST_API_KEY": KEY, "VAST_BASE_URL": url}
    rss: dict[str, list[int]] = {}
    commands = {
        "floor": [str(clean_bin / "python"), "-c", "import httpx"],
        "ours": [str(clean_bin / "vast-wrapper"), "show-instance", "1", "--json"],
    }
    if vastai_bin:
        commands["vastai"] = [
            str(vastai_bin / "vastai"),
            "--url",
            url,
            "--api-key",
            KEY,
            "show",
            "instance",
            "1",
            "--raw",
        ]

    def measure(name: str) -> Callable[[], float]:
        def one() -> float:
            elapsed, peak, output = run_process(commands[name], env)
            if name != "floor" and '"id"' not in output:
                raise RuntimeError(f"{name} did not print the instance: {output[:200]}")
            rss.setdefault(name, []).append(peak)
            return elapsed

        return one

    times = alternate({name: measure(name) for name in commands}, rounds)
    ours, floor = median(times["ours"]), median(times["floor"])
    mem = {name: int(median([float(v) for v in values])) for name, values in rss.items()}
    rows = [
        Row("CLI cold start vs `import httpx`", f"{ms(ours)}, {mem['ours']} MB", f"{ms(floor)}, {mem['floor']} MB",
            ours / floor, "<= 1.5x", ours / floor <= 1.5),
    ]  # fmt: skip
    if "vastai" in times:
        theirs = median(times["vastai"])
        ratio = ours / theirs
        rows.append(Row("CLI cold start vs `vastai show instance`", f"{ms(ours)}, {mem['ours']} MB",
                        f"{ms(theirs)}, {mem['vastai']} MB", ratio, "<= 0.25x", ratio <= 0.25))  # fmt: skip
    return rows


def import_time(clean_bin: Path, rounds: int) -> Row:
    env = dict(os.environ)
    python = str(clean_bin / "python")
    times = alternate(
        {
            "httpx": lambda: run_process([python, "-c", "import httpx"], env)[0],
            "ours": lambda: run_process([python, "-c", "import vast_wrapper"], env)[0],
        },
        rounds,
    )
    ours, floor = median(times["ours"]), median(times["httpx"])
    return Row(
        "`import vast_wrapper` vs `import httpx`", ms(ours), ms(floor), ours / floor, "<= 1.3x", ours / floor <= 1.3
    )


def per_call(url: str, vastai_bin: Path | None, calls: int) -> list[Row]:
    client = VastClient(api_key=KEY, base_url=url)
    raw = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {KEY}"})
    batch = 100

    def ours() -> float:
        started = time.perf_counter()
        for _ in range(batch):
            client.show_instance(1)
        return (time.perf_counter() - started) / batch

    def floor() -> float:
        started = time.perf_counter()
        for _ in range(batch):
            json.loads(raw.get("/api/v0/instances/1/").content)
        return (time.perf_counter() - started) / batch

    ours(), floor()  # Warm both connections and caches.
    times = alternate({"ours": ours, "raw": floor}, calls // batch)
    client.close()
    raw.close()
    mine, base = median(times["ours"]), median(times["raw"])
    rows = [
        Row(f"{calls} sequential `show_instance` vs raw httpx + json.loads", f"{mine * 1e6:.0f} us/call",
            f"{base * 1e6:.0f} us/call", mine / base, "<= 1.15x", mine / base <= 1.15),
    ]  # fmt: skip
    if vastai_bin:
        script = (
            "import time, sys\nfrom vastai import VastAI\n"
            f"v = VastAI(api_key={KEY!r}, server_url={url!r})\nv.show_instance(id=1)\n"
            f"t = time.perf_counter()\nfor _ in range({calls}): v.show_instance(id=1)\n"
            f"print((time.perf_counter() - t) / {calls})\n"
        )
        _, _, output = run_process([str(vastai_bin / "python"), "-c", script], dict(os.environ))
        theirs = float(output.strip().splitlines()[-1])
        rows.append(Row(f"{calls} sequential calls vs vastai SDK `show_instance`", f"{mine * 1e6:.0f} us/call",
                        f"{theirs * 1e6:.0f} us/call", mine / theirs, "(beside it)", None))  # fmt: skip
    return rows


def parsing(rounds: int) -> list[Row]:
    """10,000 workers: the generated parser against json.loads, and the wrapper against raw httpx."""
    examples = read_yaml(SPEC_PATH)
    live = examples["components"]["examples"]["worker_list_live"]["value"]
    body = json.dumps([dict(live[i % len(live)], id=100_000 + i) for i in range(10_000)]).encode()
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=body))
    client = VastClient(api_key=KEY, transport=transport)
    raw = httpx.Client(transport=transport, base_url="https://run.vast.ai")
    loaded = json.loads(body)

    def timed(work: Callable[[], object]) -> Callable[[], float]:
        def run() -> float:
            started = time.perf_counter()
            work()
            return time.perf_counter() - started

        return run

    times = alternate(
        {
            "from_dict": timed(lambda: [Worker.from_dict(item) for item in loaded]),
            "json": timed(lambda: json.loads(body)),
            "ours": timed(lambda: client.get_endpoint_workers(1)),
            "raw": timed(lambda: json.loads(raw.post("/get_endpoint_workers/", json={"id": 1}).content)),
        },
        rounds,
    )
    generated, loads = median(times["from_dict"]), median(times["json"])
    mine, base = median(times["ours"]), median(times["raw"])
    size = f"{len(body) / 1e6:.1f} MB body"
    return [
        Row("generated `Worker.from_dict` of 10,000 workers vs `json.loads`", ms(generated), ms(loads),
            generated / loads, "<= 2.0x", generated / loads <= 2.0, size),
        Row("10,000 workers into `list[Worker]` vs raw httpx + `json.loads`", ms(mine), ms(base), mine / base,
            "<= 2.5x", mine / base <= 2.5, size),
    ]  # fmt: skip


def rate_limited(vastai_bin: Path | None, interval: float = 0.2, calls: int = 20) -> list[Row]:
    budget = 1.2 * (calls - 1) * interval
    rows = []
    with server(rate_interval=interval) as url:

        def sequential() -> None:
            with VastClient(api_key=KEY, base_url=url) as client:
                for _ in range(calls):
                    client.show_instance(1)

        def threads() -> None:
            with VastClient(api_key=KEY, base_url=url) as client:
                workers = [threading.Thread(target=lambda: [client.show_instance(1) for _ in range(calls // 4)])
                           for _ in range(4)]  # fmt: skip
                for worker in workers:
                    worker.start()
                for worker in workers:
                    worker.join()

        def tasks() -> None:
            async def run() -> None:
                async with AsyncVastClient(api_key=KEY, base_url=url) as client:
                    await asyncio.gather(*(client.show_instance(1) for _ in range(calls)))

            asyncio.run(run())

        for name, scenario in (("sequential", sequential), ("4 threads", threads), ("20 asyncio tasks", tasks)):
            time.sleep(interval * 2)  # Let the server's memory of the last call expire.
            started = time.perf_counter()
            failed = 0
            try:
                scenario()
            except VastError:
                failed = 1
            elapsed = time.perf_counter() - started
            rows.append(Row(f"{calls} calls under a {interval} s limit, {name}",
                            f"{elapsed:.2f} s, {'failed' if failed else 'all succeeded'}",
                            f"budget {budget:.2f} s", elapsed / budget, "<= 1.0x of budget",
                            not failed and elapsed <= budget))  # fmt: skip
        if vastai_bin:
            time.sleep(interval * 2)
            script = (
                "import time\nfrom vastai import VastAI\n"
                f"v = VastAI(api_key={KEY!r}, server_url={url!r})\nfailed = 0\nt = time.perf_counter()\n"
                f"for _ in range({calls}):\n"
                "    try:\n        r = v.show_instance(id=1)\n"
                "        failed += not (isinstance(r, dict) and 'id' in str(r))\n"
                "    except Exception:\n        failed += 1\n"
                "print(failed, time.perf_counter() - t)\n"
            )
            _, _, output = run_process([str(vastai_bin / "python"), "-c", script], dict(os.environ))
            failed_text, seconds = output.strip().splitlines()[-1].split()
            theirs = f"{float(seconds):.2f} s, {failed_text} of {calls} failed"
            rows.append(
                Row(f"{calls} calls under a {interval} s limit, vastai SDK", "-", theirs, None, "(beside it)", None)
            )
    return rows


# One client process of the pacing rows: waits for the common start, makes its calls, prints
# "<failed> <when its first call went out> <when its last answer came>" (wall clock).
PACED_PROCESS = """
import sys, time
from vast_wrapper import VastClient, VastError
url, calls, start = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
client = VastClient(api_key=KEY, base_url=url)
time.sleep(max(0.0, start - time.time()))
failed, first = 0, time.time()
for _ in range(calls):
    try:
        client.show_instance(1)
    except VastError:
        failed += 1
print(failed, first, time.time())
"""


@contextmanager
def redis_server() -> Iterator[str]:
    """Debian's redis-server on a free 127.0.0.1 port, without persistence; stopped by its PID."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="bench-redis-") as folder:
        command = ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no",
                   "--dir", folder]  # fmt: skip
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                with socket.socket() as sock:
                    if sock.connect_ex(("127.0.0.1", port)) == 0:
                        break
                time.sleep(0.05)
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            process.terminate()
            process.wait(10)


def paced_processes(url: str, envs: list[dict[str, str]], calls: int) -> tuple[float, int]:
    """(seconds from the first call to the last answer, calls failed) of one client process per env."""
    # A common start a little ahead, so imports are mostly done; a busy machine may still start one late.
    start = time.time() + 3.0
    script = f"KEY = {KEY!r}\n{PACED_PROCESS}"
    processes = [subprocess.Popen([PY, "-c", script, url, str(calls), str(start)], env=env, stdout=subprocess.PIPE,
                                  text=True) for env in envs]  # fmt: skip
    failed, firsts, lasts = 0, [], []
    for process in processes:
        output, _ = process.communicate(timeout=300)
        if process.returncode != 0:
            raise RuntimeError(f"a paced client process exited {process.returncode}")
        count, first, last = output.split()
        failed += int(count)
        firsts.append(float(first))
        lasts.append(float(last))
    return max(lasts) - min(firsts), failed


def machine_env(root: Path, **extra: str) -> dict[str, str]:
    """The environment of one simulated machine: its own home, cache, runtime and temp directories."""
    env = {**os.environ, **extra}
    for name in ("HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR", "TMPDIR"):
        (root / name.lower()).mkdir(parents=True)
        env[name] = str(root / name.lower())
    return env


def shared_pacing(interval: float = 0.2, calls: int = 10) -> list[Row]:
    """Issue 15: clients, processes and machines sharing one key under a 0.2 s limit, against the floor."""
    rows = []

    def row(name: str, total: int, elapsed: float, failed: int) -> Row:
        floor = (total - 1) * interval
        ratio = elapsed / floor
        return Row(f"{total} calls under a {interval} s limit, {name}", f"{elapsed:.2f} s, {failed} failed",
                   f"floor {floor:.2f} s", ratio, "0 failed, <= 1.3x", failed == 0 and ratio <= 1.3)  # fmt: skip

    with server(rate_interval=interval) as url:

        def clients_in_one_process() -> tuple[float, int]:
            clients = [VastClient(api_key=KEY, base_url=url) for _ in range(4)]
            failures: list[VastError] = []  # list.append is atomic across threads.

            def run(client: VastClient) -> None:
                for _ in range(calls):
                    try:
                        client.show_instance(1)
                    except VastError as error:
                        failures.append(error)

            threads = [threading.Thread(target=run, args=(client,)) for client in clients]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
            for client in clients:
                client.close()
            return elapsed, len(failures)

        time.sleep(interval * 2)
        rows.append(row("4 clients in one process (a thread each)", 4 * calls, *clients_in_one_process()))
        with tempfile.TemporaryDirectory(prefix="bench-machine-") as folder:
            time.sleep(interval * 2)
            env = machine_env(Path(folder) / "one")
            elapsed, failed = paced_processes(url, [env] * 8, calls)
            rows.append(row("8 processes on one machine (default settings)", 8 * calls, elapsed, failed))
        with redis_server() as redis_url, tempfile.TemporaryDirectory(prefix="bench-machines-") as folder:
            time.sleep(interval * 2)
            machines = [machine_env(Path(folder) / f"m{m}", VAST_PACING_URL=redis_url) for m in range(2)]
            elapsed, failed = paced_processes(url, [env for env in machines for _ in range(4)], calls)
            rows.append(row("2 machines x 4 processes, one Redis", 8 * calls, elapsed, failed))
    return rows


def fan_out(url: str, rounds: int, concurrency: int = 200) -> Row:
    async def ours() -> int:
        async with AsyncVastClient(api_key=KEY, base_url=url) as client:
            results = await asyncio.gather(
                *(client.get_endpoint_workers(1) for _ in range(concurrency)), return_exceptions=True
            )
        return sum(isinstance(r, BaseException) for r in results)

    async def raw() -> int:
        async with httpx.AsyncClient(base_url=url, headers={"Authorization": f"Bearer {KEY}"}) as client:

            async def one() -> Any:
                response = await client.post("/get_endpoint_workers/", json={"id": 1})
                return json.loads(response.content)

            results = await asyncio.gather(*(one() for _ in range(concurrency)), return_exceptions=True)
        return sum(isinstance(r, BaseException) for r in results)

    errors = {"ours": 0, "raw": 0}

    def timed(name: str, coroutine: Callable[[], Any]) -> Callable[[], float]:
        def one() -> float:
            started = time.perf_counter()
            errors[name] += asyncio.run(coroutine())
            return time.perf_counter() - started

        return one

    times = alternate({"ours": timed("ours", ours), "raw": timed("raw", raw)}, rounds)
    peaks = {}
    for name, coroutine in (("ours", ours), ("raw", raw)):
        tracemalloc.start()
        asyncio.run(coroutine())
        peaks[name] = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    mine, base = median(times["ours"]), median(times["raw"])
    return Row(f"{concurrency} concurrent `get_endpoint_workers` vs raw httpx.AsyncClient",
               f"{ms(mine)}, {errors['ours']} errors, peak {peaks['ours']:.1f} MB",
               f"{ms(base)}, {errors['raw']} errors, peak {peaks['raw']:.1f} MB", mine / base, "<= 1.3x",
               mine / base <= 1.3 and errors["ours"] == 0)  # fmt: skip


@contextmanager
def listening(command: list[str], port: int, log: Path) -> Iterator[str]:
    """A server process on 127.0.0.1:`port`, ready when it answers; stopped by its PID (and its group)."""
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=out, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{url}/api/v0/instances/1/", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        yield url
    finally:
        os.killpg(process.pid, 15)
        process.wait(15)


def mock_speed(rounds: int, calls: int = 200) -> list[Row]:
    """The mock against bare Prism on the same spec: sequential calls on one kept-alive connection."""
    prism = str(NODE_BIN / "prism")
    bare_port, mock_port = free_port(), free_port()
    latencies: dict[str, list[float]] = {"mock": [], "prism": []}
    logs = ROOT / "build"
    logs.mkdir(exist_ok=True)
    with (
        listening([prism, "mock", str(SPEC_PATH), "-h", "127.0.0.1", "-p", str(bare_port)],
                  bare_port, logs / "bench-prism.log") as bare,
        listening([PY, str(ROOT / "mock" / "serve.py"), "--port", str(mock_port)], mock_port,
                  logs / "bench-mock.log") as mock,
        httpx.Client(headers={"Authorization": f"Bearer {KEY}"}) as http,
    ):  # fmt: skip

        def rate(name: str, url: str) -> Callable[[], float]:
            def run() -> float:
                started = time.perf_counter()
                for _ in range(calls):
                    begun = time.perf_counter()
                    http.get(url).raise_for_status()
                    latencies[name].append(time.perf_counter() - begun)
                return calls / (time.perf_counter() - started)

            return run

        for url in (f"{bare}/api/v0/instances/42/", f"{mock}/api/v0/instances/42/"):
            http.get(url)  # Warm both: Prism compiles its validators on first use.
        rates = alternate({"mock": rate("mock", f"{mock}/api/v0/instances/42/"),
                           "prism": rate("prism", f"{bare}/api/v0/instances/42/")}, rounds)  # fmt: skip
    ours, theirs = median(rates["mock"]), median(rates["prism"])
    p99 = sorted(latencies["mock"])[int(len(latencies["mock"]) * 0.99)]
    return [
        Row("mock vs bare Prism, kept-alive `show_instance`", f"{ours:.0f} req/s", f"{theirs:.0f} req/s",
            ours / theirs, ">= 0.5x", ours / theirs >= 0.5),
        Row("mock p99 latency, kept-alive `show_instance`", f"{p99 * 1000:.1f} ms", "-", None, "<= 20 ms",
            p99 <= 0.020),
    ]  # fmt: skip


def journal_redaction(rounds: int) -> Row:
    """The mock's journal redacts a 2,000-character non-JSON body: a word of repeated secret names
    (the worst case for its pattern) against ordinary words of the same length."""
    worst, ordinary = "key" * 666, "plain words " * 166

    def timed(text: str) -> Callable[[], float]:
        def run() -> float:
            started = time.perf_counter()
            redact_text(text, "text/plain")
            return time.perf_counter() - started

        return run

    times = alternate({"worst": timed(worst), "ordinary": timed(ordinary)}, rounds)
    slow, base = median(times["worst"]), median(times["ordinary"])
    return Row("mock journal: a 2,000-character word of secret names vs ordinary text", ms(slow), ms(base),
               slow / base, "<= 50x", slow / base <= 50, "non-JSON body redaction")  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def machine() -> str:
    model = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")), platform.processor())  # fmt: skip
    return (
        f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def table(rows: list[Row]) -> str:
    lines = ["| benchmark | vast_wrapper | baseline | ratio | target | met |", "|---|---|---|---|---|---|"]
    for row in rows:
        ratio = "-" if row.ratio is None else f"{row.ratio:.2f}x"
        met = "-" if row.met is None else ("yes" if row.met else "**no**")
        note = f" ({row.note})" if row.note else ""
        lines.append(f"| {row.name}{note} | {row.ours} | {row.baseline} | {ratio} | {row.target} | {met} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vastai-bin", type=Path, help="bin/ folder of an environment with vastai installed")
    parser.add_argument(
        "--clean-bin", type=Path, default=Path(PY).parent, help="bin/ of an environment with only `pip install .`"
    )
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--write", type=Path, help="put the table into this Markdown file, between markers")
    parser.add_argument("--only", choices=GROUPS, nargs="+", help="run only these groups of rows (not with --write)")
    args = parser.parse_args()
    if args.only and args.write:
        parser.error("--write needs every row: leave out --only")
    groups = set(args.only or GROUPS)
    vastai_bin = args.vastai_bin if args.vastai_bin and (args.vastai_bin / "vastai").exists() else None

    rows: list[Row] = []
    with server() as url:
        if "startup" in groups:
            rows += cold_start(url, args.clean_bin, vastai_bin, args.rounds * 2)  # Process starts are the noisiest.
            rows.append(import_time(args.clean_bin, args.rounds * 2))
        if "per-call" in groups:
            rows += per_call(url, vastai_bin, 1000)
        if "parsing" in groups:
            rows += parsing(args.rounds)
        if "fan-out" in groups:
            rows.append(fan_out(url, args.rounds // 2 or 1))
    if "rate-limit" in groups:
        rows += rate_limited(vastai_bin)
    if "pacing" in groups:
        rows += shared_pacing()
    if "mock" in groups:
        rows += mock_speed(args.rounds)
        rows.append(journal_redaction(args.rounds))

    stamp = f"Measured {time.strftime('%Y-%m-%d')} on {machine()}; medians of alternating runs."
    output = f"{table(rows)}\n\n{stamp}\n"
    print(output)
    if args.write:
        text = args.write.read_text()
        start, end = text.index(RESULTS_START) + len(RESULTS_START), text.index(RESULTS_END)
        args.write.write_text(f"{text[:start]}\n{output}{text[end:]}")
    return 0 if all(row.met is not False for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
