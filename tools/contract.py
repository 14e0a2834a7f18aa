"""The contract suite: does a server (the mock, the live API, your own) answer as openapi/vast.yaml says?

    python -m tools.contract --base-url http://127.0.0.1:4010
    VAST_API_KEY=... python -m tools.contract --console-url https://console.vast.ai \\
        --run-url https://run.vast.ai --instance-id 123 --endpoint-id 456

`make contract` passes its variables as CONTRACT_* environment variables, so a value is data,
never shell code. Two phases per host:

1. probes: each operation with ids spread across magnitudes and boundaries, and the known
   ids (--instance-id, --endpoint-id, --autogroup-id), which must answer a real body;
2. schemathesis: generated positive and negative cases of every operation.

Every answer must be documented, fit its schema, and come within the time budget. The
operations are read-only, so the suite is safe against production.

Exit codes: 0 the server keeps the contract; 1 it broke it; 2 usage error (nothing was sent);
3 a host could not be reached. Reports (JUnit, summary.json) go to --report-dir, which is
emptied first, so no report of an earlier run survives.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from tools.project import ROOT, SPEC_PATH
from tools.specs import answer_problems
from vast_wrapper import MAX_ID, is_loopback

EXIT_OK, EXIT_DRIFT, EXIT_USAGE, EXIT_UNREACHABLE = 0, 1, 2, 3
CONFIG = ROOT / "tools" / "schemathesis.toml"
SEED = 42
DEFAULT_BUDGET = 2.0  # Seconds per answer; Vast's own answers take well under one.
# Vast allows about one call per endpoint every couple of seconds; loopback has no limit.
REMOTE_RATE_LIMIT = "20/m"
REMOTE_SPACING = 2.2
# Boundaries and magnitudes: a server that breaks for a range of ordinary ids shows here.
SPREAD_IDS = [1, 2, 9, 10, 99, 100, 123, 999, 1000, 1001, 9999, 12345, 99999, 100000, 999999, 1000000,
              2**31 - 1, 2**31, 2**32 + 1, 10**12, MAX_ID - 1, MAX_ID]  # fmt: skip
REMOTE_SPREAD_IDS = [1, 999, 1000, 123456, 999999, 2**31, 10**12, MAX_ID]


@dataclass(frozen=True)
class Operation:
    name: str
    host: str  # "console" or "run"
    method: str
    path: str

    def request(self, ident: int) -> tuple[str, dict[str, object]]:
        if self.method == "GET":
            return self.path.replace("{id}", str(ident)), {}
        return self.path, {"json": {"id": ident}}


OPERATIONS = [
    Operation("show_instance", "console", "GET", "/api/v0/instances/{id}/"),
    Operation("get_endpoint_workers", "run", "POST", "/get_endpoint_workers/"),
    Operation("get_autogroup_workers", "run", "POST", "/get_autogroup_workers/"),
]
TAGS = {"console": "instances", "run": "serverless"}
KNOWN_ID_VARIABLES = {
    "show_instance": "INSTANCE_ID",
    "get_endpoint_workers": "ENDPOINT_ID",
    "get_autogroup_workers": "AUTOGROUP_ID",
}


class UsageError(Exception):
    """A setting that cannot run; the message names the variable."""


@dataclass
class Settings:
    urls: dict[str, str]  # host -> URL
    known: dict[str, int]  # operation name -> id that must answer a real body
    budget: float
    max_examples: int
    report_dir: Path
    key: str
    loopback: bool


@dataclass
class Case:
    """One test case of the report: passed, failed, error (could not run) or warning."""

    suite: str
    name: str
    outcome: str
    message: str = ""
    seconds: float = 0.0
    count: int = 1  # Identical problems are reported once, counted.


@dataclass
class Report:
    cases: list[Case] = field(default_factory=list)
    generated: dict[str, int] = field(default_factory=dict)  # host -> schemathesis cases

    def add(self, case: Case) -> None:
        for seen in self.cases:
            if (seen.suite, seen.name, seen.outcome, seen.message) == (
                case.suite,
                case.name,
                case.outcome,
                case.message,
            ):
                seen.count += 1
                return
        self.cases.append(case)


# --- settings ---------------------------------------------------------------------------------


def check_url(value: str, variable: str) -> str:
    """A URL of scheme, host and optional port only; plain http only to this machine."""
    cleaned = value.strip().rstrip("/")
    if not cleaned or any(c.isspace() for c in cleaned) or not cleaned.isprintable():
        raise UsageError(f"{variable}={value!r} is not a URL like https://host[:port] (no spaces, one value)")
    try:
        parts = urlsplit(cleaned)
        port = parts.port
    except ValueError:
        raise UsageError(f"{variable}={value!r} has a port that is not a number from 0 to 65535") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{variable}={value!r} is not a URL like https://host[:port]")
    if parts.username or parts.password or parts.query or parts.fragment or parts.path not in ("", "/"):
        raise UsageError(f"{variable}={value!r} must be scheme://host[:port] only: no credentials, path or query")
    if port == 0:
        raise UsageError(f"{variable}={value!r} has port 0")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise UsageError(f"{variable}={value!r}: plain http is for 127.0.0.1 only; the key would cross the network")
    return cleaned


def check_id(value: str, variable: str) -> int:
    if not re.fullmatch(r"[0-9]{1,16}", value.strip()) or not 1 <= int(value) <= MAX_ID:
        raise UsageError(f"{variable}={value!r} is not an id (a whole number from 1 to {MAX_ID})")
    return int(value)


def check_number(value: str, variable: str, *, whole: bool) -> float:
    pattern = r"[0-9]{1,6}" if whole else r"[0-9]{1,6}(\.[0-9]{1,3})?"
    if not re.fullmatch(pattern, value.strip()) or float(value) <= 0:
        raise UsageError(f"{variable}={value!r} is not a {'whole ' if whole else ''}number above 0")
    return float(value)


def parse(argv: Sequence[str] | None) -> tuple[argparse.Namespace, Path]:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)

    def option(flag: str, variable: str, help: str) -> None:
        # An empty make variable counts as not given, as in shells.
        parser.add_argument(flag, default=os.environ.get(f"CONTRACT_{variable}") or None, help=f"{help} [{variable}]")

    option("--base-url", "BASE_URL", "one URL serving all three operations (the mock, a proxy)")
    option("--console-url", "CONSOLE_URL", "host of show_instance")
    option("--run-url", "RUN_URL", "host of the worker operations")
    option("--instance-id", "INSTANCE_ID", "an instance of the key's account: must answer a real instance")
    option("--endpoint-id", "ENDPOINT_ID", "a serverless endpoint of the account: must answer a worker list")
    option("--autogroup-id", "AUTOGROUP_ID", "a worker group of the account: must answer a worker list")
    option("--budget", "BUDGET", f"seconds an answer may take (default {DEFAULT_BUDGET:g})")
    option("--max-examples", "MAX_EXAMPLES", "generated cases per operation and phase (default 25)")
    option("--report-dir", "REPORT_DIR", "where reports go (default build/contract)")
    args = parser.parse_args(argv)
    return args, Path(args.report_dir or ROOT / "build" / "contract")


def settings_from(args: argparse.Namespace, report_dir: Path) -> Settings:
    """Every setting checked before anything is sent; UsageError names the first bad one."""
    base = check_url(args.base_url, "BASE_URL") if args.base_url else None
    console = check_url(args.console_url, "CONSOLE_URL") if args.console_url else base
    run = check_url(args.run_url, "RUN_URL") if args.run_url else base
    if console is None and run is None:
        raise UsageError("give BASE_URL (one server), or CONSOLE_URL and RUN_URL (the two hosts)")
    if console is None or run is None:
        alone, missing = ("RUN_URL", "CONSOLE_URL") if console is None else ("CONSOLE_URL", "RUN_URL")
        raise UsageError(f"{alone} alone covers one host: give {missing} too, or BASE_URL for both")
    ids: dict[str, str | None] = {"show_instance": args.instance_id, "get_endpoint_workers": args.endpoint_id,
                                  "get_autogroup_workers": args.autogroup_id}  # fmt: skip
    known = {name: check_id(value, KNOWN_ID_VARIABLES[name]) for name, value in ids.items() if value}
    budget = check_number(args.budget, "BUDGET", whole=False) if args.budget else DEFAULT_BUDGET
    examples = int(check_number(args.max_examples, "MAX_EXAMPLES", whole=True)) if args.max_examples else 25
    loopback = all(is_loopback(urlsplit(u).hostname or "") for u in (console, run))
    # schemathesis reads the key from the environment (see CONFIG) and masks it in its output.
    key = os.environ.get("VAST_API_KEY") or ("mock-key" if loopback else "")
    if not key:
        raise UsageError("VAST_API_KEY is not set: a server beyond 127.0.0.1 needs a real key")
    return Settings({"console": console, "run": run}, known, budget, examples, report_dir, key, loopback)


# --- phase 0: can the hosts be reached? -------------------------------------------------------


def unreachable(settings: Settings, report: Report) -> bool:
    """True, with one error per host in the report, when a host does not answer HTTP at all."""
    down = False
    for host, url in sorted(settings.urls.items()):
        try:
            httpx.get(url + "/", timeout=10)
        except httpx.HTTPError as exc:
            down = True
            report.add(Case(f"contract.{host}", "reachable", "error", f"{url} did not answer: {type(exc).__name__}"))
    return down


# --- phase 1: probes --------------------------------------------------------------------------


def reproduce(url: str, op: Operation, ident: int) -> str:
    """A command that repeats one request from a shell, the key taken from the environment."""
    path, body = op.request(ident)
    data = f" -H 'Content-Type: application/json' -d '{json.dumps(body['json'])}'" if body else ""
    return f"curl -sS -X {op.method} -H \"Authorization: Bearer $VAST_API_KEY\"{data} '{url}{path}'"


def probe(settings: Settings, report: Report, *, sleep: Callable[[float], None] = time.sleep) -> None:
    """Each operation with spread ids and its known id: documented, fitting, in time, and real when known."""
    spread = SPREAD_IDS if settings.loopback else REMOTE_SPREAD_IDS
    headers = {"Authorization": f"Bearer {settings.key}", "Accept": "application/json"}
    with httpx.Client(headers=headers, timeout=max(10.0, settings.budget * 3)) as client:
        for op in OPERATIONS:
            url, suite = settings.urls[op.host], f"contract.{op.host}.{op.name}"
            known = settings.known.get(op.name)
            real_bodies = 0
            for ident in [*spread, *([known] if known else [])]:
                if not settings.loopback:
                    sleep(REMOTE_SPACING)  # Vast's per-endpoint minimum interval.
                path, body = op.request(ident)
                started = time.perf_counter()
                try:
                    response = client.request(op.method, url + path, **body)  # type: ignore[arg-type]
                except httpx.HTTPError as exc:
                    report.add(Case(suite, f"id {ident}", "error", f"no answer: {type(exc).__name__}"))
                    continue
                seconds = time.perf_counter() - started
                name = f"id {ident}" + (" (known)" if ident == known else "")
                problems = answer_problems(
                    op.path, op.method, response.status_code, response.headers.get("content-type", ""), response.content
                )
                if response.status_code >= 500:  # Documented (the edge sends them), never the contract kept.
                    problems.insert(0, f"HTTP {response.status_code}: a server error")
                if seconds > settings.budget:
                    problems.append(f"took {seconds:.2f} s, over the budget of {settings.budget:g} s")
                if response.status_code == 429:
                    report.add(Case(suite, "rate limited", "warning", "the server answered 429; cases were skipped"))
                    continue
                real = response.status_code == 200 and _is_real(op, response.content, ident)
                real_bodies += real
                if ident == known and not real and not problems:
                    what = "instance" if op.host == "console" else "workers"
                    problems.append(
                        f"id {ident} was given as known, but HTTP {response.status_code} answered no real {what}"
                    )
                if problems:
                    message = "; ".join(problems) + f"\nReproduce: {reproduce(url, op, ident)}"
                    report.add(Case(suite, name, "failed", message, seconds))
                else:
                    report.add(Case(suite, name, "passed", seconds=seconds))
            if not real_bodies:
                variable = KNOWN_ID_VARIABLES[op.name]
                report.add(Case(suite, "real bodies", "warning",
                                f"no real body was validated: every answer was empty, null or an error; "
                                f"give {variable} of the key's account to validate one"))  # fmt: skip


def _is_real(op: Operation, content: bytes, ident: int) -> bool:
    """A real instance with that id, or a list of at least one worker (bare or wrapped)."""
    try:
        body = json.loads(content)
    except (ValueError, RecursionError):
        return False
    if op.host == "console":
        instance = body.get("instances") if isinstance(body, dict) else None
        return isinstance(instance, dict) and str(instance.get("id")) == str(ident)
    workers = body.get("workers") if isinstance(body, dict) else body
    return isinstance(workers, list) and bool(workers)


# --- phase 2: schemathesis --------------------------------------------------------------------


def schemathesis(settings: Settings, report: Report, host: str) -> None:
    """Generated cases of the host's operations; its JUnit report renamed per host and merged."""
    junit = settings.report_dir / f".schemathesis-{host}.xml"
    bin_dir = Path(sys.executable).parent
    line = [
        str(bin_dir / "schemathesis"), "--config-file", str(CONFIG), "run", str(SPEC_PATH),
        "--url", settings.urls[host], "--include-tag", TAGS[host],
        # A mock accepts any key, so "the server ignored a bad key" says nothing about the contract;
        # our response_fits_the_spec (tools/contract_checks.py) replaces the built-in schema check.
        "--checks", "all", "--exclude-checks", "ignored_auth,response_schema_conformance",
        "--mode", "all", "--max-examples", str(settings.max_examples), "--seed", str(SEED),
        "--max-response-time", f"{settings.budget:g}", "--request-timeout", f"{max(10.0, settings.budget * 3):g}",
        "--no-color", "--report", "junit", "--report-junit-path", str(junit),
    ]  # fmt: skip
    if not settings.loopback:
        line += ["--rate-limit", REMOTE_RATE_LIMIT]
    env = {**os.environ, "VAST_API_KEY": settings.key, "SCHEMATHESIS_HOOKS": "tools.contract_checks",
           "PYTHONPATH": str(ROOT)}  # fmt: skip
    print(f"contract: generated cases of the {TAGS[host]} operations against {settings.urls[host]}", flush=True)
    process = subprocess.Popen(line, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True, errors="replace")
    assert process.stdout is not None
    for text in process.stdout:
        if cases := re.search(r"^\s*(\d+) generated", text):
            report.generated[host] = int(cases.group(1))
        print(_reproducible(text), end="", flush=True)
    process.wait()
    if not junit.exists():
        report.add(Case(f"contract.{host}", "schemathesis", "error", f"schemathesis exited {process.returncode}"))
        return
    for case in ET.parse(junit).getroot().iter("testcase"):  # noqa: S314 - schemathesis's report, written just now.
        name = case.get("name", "?")
        op = next((o.name for o in OPERATIONS if name.endswith(o.path)), name)
        problems = [p.get("message") or (p.text or "").strip() for p in case if p.tag in ("failure", "error")]
        suite = f"contract.{host}.{op}"
        if problems:
            for problem in problems:
                report.add(Case(suite, "generated cases", "failed", _reproducible(problem)))
        else:
            report.add(Case(suite, "generated cases", "passed", seconds=float(case.get("time", 0))))
    junit.unlink()


def _reproducible(text: str) -> str:
    """schemathesis's reproduction, runnable from a shell: the key from the environment, no `st replay`."""
    text = text.replace("'Authorization: [Filtered]'", '"Authorization: Bearer $VAST_API_KEY"')
    return re.sub(r"^(\s*)st replay \S+\s*$", "", text, flags=re.M)


# --- the verdict ------------------------------------------------------------------------------


def write_reports(settings: Settings, report: Report, verdict: str, code: int) -> None:
    """One JUnit file (a suite per host and operation, warnings as skipped) and summary.json."""
    root = ET.Element("testsuites")
    suites: dict[str, list[Case]] = {}
    for case in report.cases:
        suites.setdefault(case.suite, []).append(case)
    for name, cases in sorted(suites.items()):
        suite = ET.SubElement(root, "testsuite", name=name, tests=str(len(cases)),
                              failures=str(sum(c.outcome == "failed" for c in cases)),
                              errors=str(sum(c.outcome == "error" for c in cases)),
                              skipped=str(sum(c.outcome == "warning" for c in cases)))  # fmt: skip
        for case in cases:
            element = ET.SubElement(suite, "testcase", classname=name, name=case.name, time=f"{case.seconds:.3f}")
            repeated = f" (seen {case.count} times)" if case.count > 1 else ""
            if case.outcome in ("failed", "error"):
                tag = "failure" if case.outcome == "failed" else "error"
                first = case.message.splitlines()[0] if case.message else case.outcome
                ET.SubElement(element, tag, message=first + repeated).text = case.message
            elif case.outcome == "warning":
                ET.SubElement(element, "skipped", message="warning: " + case.message + repeated)
    ET.ElementTree(root).write(settings.report_dir / "junit-contract.xml", encoding="utf-8", xml_declaration=True)
    summary = {"verdict": verdict, "exit_code": code, "hosts": _per_host(report, settings.urls)}
    (settings.report_dir / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")


def _per_host(report: Report, urls: dict[str, str]) -> dict[str, dict[str, object]]:
    hosts: dict[str, dict[str, object]] = {}
    for host, url in sorted(urls.items()):
        cases = [c for c in report.cases if c.suite.startswith(f"contract.{host}")]
        hosts[host] = {
            "url": url,
            "operations": sum(op.host == host for op in OPERATIONS),
            "cases": sum(c.count for c in cases if c.outcome != "warning") + report.generated.get(host, 0),
            "failures": sum(c.count for c in cases if c.outcome in ("failed", "error")),
            "warnings": sum(1 for c in cases if c.outcome == "warning"),
        }
    return hosts


def summary_line(report: Report, settings: Settings, verdict: str) -> str:
    parts = [
        f"{host} {h['url']}: {h['operations']} operations, {h['cases']} cases, {h['failures']} failures, "
        f"{h['warnings']} warnings"
        for host, h in _per_host(report, settings.urls).items()
    ]
    return f"contract: {verdict}: " + "; ".join(parts)


def refuse(report_dir: Path, message: str) -> int:
    """A usage error: one line, and a report that says so (never a green one)."""
    print(f"contract: usage error: {message}", file=sys.stderr)
    root = ET.Element("testsuites")
    suite = ET.SubElement(root, "testsuite", name="contract", tests="1", failures="0", errors="1", skipped="0")
    case = ET.SubElement(suite, "testcase", classname="contract", name="settings")
    ET.SubElement(case, "error", message=f"usage error: {message}").text = message
    ET.ElementTree(root).write(report_dir / "junit-contract.xml", encoding="utf-8", xml_declaration=True)
    summary = {"verdict": "usage error", "exit_code": EXIT_USAGE, "message": message}
    (report_dir / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    args, report_dir = parse(argv)
    # First of all: no report of an earlier run survives this one, whatever happens next.
    shutil.rmtree(report_dir, ignore_errors=True)
    report_dir.mkdir(parents=True)
    try:
        settings = settings_from(args, report_dir)
    except UsageError as error:
        return refuse(report_dir, str(error))
    report = Report()
    if unreachable(settings, report):
        verdict, code = "UNREACHABLE", EXIT_UNREACHABLE
    else:
        probe(settings, report)
        for host in sorted(set(settings.urls)):
            schemathesis(settings, report, host)
        failed = any(c.outcome in ("failed", "error") for c in report.cases)
        verdict, code = ("FAILED", EXIT_DRIFT) if failed else ("PASSED", EXIT_OK)
    for case in report.cases:
        if case.outcome in ("failed", "error", "warning"):
            print(f"contract: {case.outcome}: {case.suite} {case.name}: {case.message}")
    write_reports(settings, report, verdict, code)
    print(summary_line(report, settings, verdict))
    return code


if __name__ == "__main__":
    sys.exit(main())
