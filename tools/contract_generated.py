"""The contract suite's generated cases: schemathesis, read through its NDJSON events and JSON run report.

schemathesis runs as a process (so the deadline can end it), in a private temporary folder
(so nothing of it lands in the checkout or REPORT_DIR), with no example database (so no run
replays another's cases) and the run's seed. Its human output is shown, redacted; the verdict
reads only its structured reports.
"""

from __future__ import annotations

import base64
import json
import os
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tools.contract_probes import HOST_OF, MAX_BODY_BYTES, OPERATIONS
from tools.contract_progress import Deadline
from tools.contract_report import CheckResult, ContractReport, Redactor
from tools.contract_settings import ContractSettings
from tools.project import ROOT, SPEC_PATH

CONFIG = ROOT / "tools" / "schemathesis.toml"
TAGS = {"console": "instances", "run": "serverless"}
REMOTE_RATE_LIMIT = "20/m"  # Vast allows about one call per endpoint every couple of seconds.
# Built-in checks replaced by ours (tools/contract_checks.py), or that judge what the spec documents as drift:
# - response_schema_conformance: replaced (JSON paths, strict JSON, about the id asked for);
#   answer_within_budget stands for --max-response-time, which counts only to the headers;
# - unsupported_method: replaced (501 is as fine as 405 for a method the spec never mentions);
# - not_a_server_error, positive_data_acceptance: a documented 5xx, 429 or 400 to a valid request is
#   listed as not validated, not drift (known ids are the check that valid requests are served);
# - ignored_auth: replaced by the probes' rejected key, which the mock rejects too.
EXCLUDED_CHECKS = ("ignored_auth", "response_schema_conformance", "unsupported_method",
                   "not_a_server_error", "positive_data_acceptance")  # fmt: skip


def host_groups(urls: dict[str, str]) -> list[list[str]]:
    """Hosts grouped by URL: one schemathesis run per server (BASE_URL: one run for all operations)."""
    groups: dict[str, list[str]] = {}
    for host, url in sorted(urls.items()):
        groups.setdefault(url, []).append(host)
    return list(groups.values())


def command(settings: ContractSettings, hosts: list[str], events: Path, run_report: Path) -> list[str]:
    tags = [part for host in hosts for part in ("--include-tag", TAGS[host])]
    line = [
        str(Path(sys.executable).parent / "schemathesis"), "--config-file", str(CONFIG), "run", str(SPEC_PATH),
        "--url", settings.urls[hosts[0]], *tags,
        "--checks", "all", "--exclude-checks", ",".join(EXCLUDED_CHECKS),
        "--mode", "all", "--max-examples", str(settings.max_examples), "--seed", str(settings.seed),
        "--generation-database", "none",
        "--request-timeout", f"{settings.budget:g}",
        "--no-color", "--report", "ndjson,json",
        "--report-ndjson-path", str(events), "--report-json-path", str(run_report),
    ]  # fmt: skip
    if not settings.loopback:
        line += ["--rate-limit", REMOTE_RATE_LIMIT]
    return line


@dataclass
class Failing:
    """One failing check of one operation: schemathesis's explanation, and a request that shows it."""

    operation: str  # "GET /api/v0/instances/{id}/"
    check: str
    title: str
    messages: list[str] = field(default_factory=list)
    example: str = ""
    count: int = 0


@dataclass
class GeneratedRun:
    """What one schemathesis run found, from its structured reports."""

    failing: dict[tuple[str, str], Failing] = field(default_factory=dict)
    errors: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)  # (label, type) -> (message, n)
    not_validated: dict[str, int] = field(default_factory=dict)
    passed_operations: set[str] = field(default_factory=set)
    generated: dict[str, int] = field(default_factory=dict)  # operation label -> cases
    complete: bool = False
    exit_code: int | None = None


def _content(value: Any) -> str:
    if isinstance(value, dict) and "$base64" in value:
        return base64.b64decode(value["$base64"]).decode("utf-8", errors="replace")
    return "" if value is None else str(value)


def curl_line(request: dict[str, Any]) -> str:
    """A shell line repeating schemathesis's request; the key from the environment."""
    parts = ["curl", "-sS", "-X", shlex.quote(str(request.get("method", "GET")))]
    headers = {k.lower(): v[0] if isinstance(v, list) and v else v for k, v in (request.get("headers") or {}).items()}
    if "authorization" in headers:
        parts += ["-H", '"Authorization: Bearer $VAST_API_KEY"']
    body = _content(request.get("body"))
    if body:
        kind = headers.get("content-type", "application/json")
        parts += ["-H", shlex.quote(f"Content-Type: {kind}"), "-d", shlex.quote(body)]
    parts.append(shlex.quote(str(request.get("uri", ""))))
    return " ".join(parts)


def read_events(lines: Iterable[str]) -> GeneratedRun:
    """A run's NDJSON events (as many as were written: a run ended by the deadline leaves a prefix)."""
    found = GeneratedRun()
    for line in lines:
        try:
            event = json.loads(line)
        except ValueError:
            continue  # The last line of a killed run may be cut short.
        kind, data = next(iter(event.items())) if isinstance(event, dict) and event else ("", None)
        if kind == "ScenarioFinished" and isinstance(data, dict):
            _scenario(found, data.get("recorder") or {})
        elif kind == "NonFatalError" and isinstance(data, dict):
            value = data.get("value") or {}
            key = (str(data.get("label", "?")), str(value.get("type", "error")))
            message, count = found.errors.get(key, (str(value.get("message", "")), 0))
            found.errors[key] = (message, count + 1)
        elif kind == "FatalError":
            found.errors[("schemathesis", "FatalError")] = (json.dumps(data)[:500], 1)
    return found


def _scenario(found: GeneratedRun, recorder: dict[str, Any]) -> None:
    cases, interactions = recorder.get("cases") or {}, recorder.get("interactions") or {}
    for case_id, checks in (recorder.get("checks") or {}).items():
        case = (cases.get(case_id) or {}).get("value") or {}
        label = f"{case.get('method', '?')} {case.get('path', '?')}"
        found.generated[label] = found.generated.get(label, 0) + 1
        interaction = interactions.get(case_id) or {}
        status = (interaction.get("response") or {}).get("status_code")
        mode = ((case.get("meta") or {}).get("generation") or {}).get("mode")
        if mode == "positive" and isinstance(status, int) and not 200 <= status < 300:
            what = f"{_name(label)} HTTP {status} (generated)"
            found.not_validated[what] = found.not_validated.get(what, 0) + 1
        failed = False
        for check in checks:
            if check.get("status") != "failure":
                continue
            failed = True
            failure = (check.get("failure_info") or {}).get("failure") or {}
            key = (str(failure.get("operation") or label), str(check.get("name", "?")))
            failing = found.failing.setdefault(key, Failing(key[0], key[1], str(failure.get("title", key[1]))))
            failing.count += 1
            message = str(failure.get("message", "")).strip()
            if message and message not in failing.messages and len(failing.messages) < 3:
                failing.messages.append(message)
            if not failing.example and interaction.get("request"):
                response = interaction.get("response") or {}
                body = _content(response.get("content"))[:300]
                failing.example = (
                    f"[{response.get('status_code')}] {body}\nReproduce: {curl_line(interaction['request'])}"
                )
        if not failed:
            found.passed_operations.add(label)


def read_run_report(path: Path, found: GeneratedRun) -> None:
    """The JSON run report: completeness, exit code and the errors schemathesis counted."""
    try:
        run = json.loads(path.read_text())
    except (OSError, ValueError):
        return
    found.complete = bool(run.get("complete")) and run.get("stop_reason") == "completed"
    found.exit_code = run.get("exit_code")
    if not found.errors:
        for error in run.get("errors") or []:
            found.errors[("schemathesis", str(error.get("title", "error")))] = (str(error), int(error.get("count", 1)))


def _name(label: str) -> str:
    return next((op.name for op in OPERATIONS if label.endswith(" " + op.path)), label)


def _host(label: str) -> str | None:
    return HOST_OF.get(_name(label))


def judge_run(found: GeneratedRun, hosts: list[str], report: ContractReport, *, ended_by_deadline: bool) -> None:
    """One JUnit case per failing check and operation; every schemathesis error an error; never a silent green."""
    for label, count in found.generated.items():
        host = _host(label) or hosts[0]
        report.generated[host] = report.generated.get(host, 0) + count
    for what, count in found.not_validated.items():
        report.not_validated[what] += count
    for (label, check), failing in sorted(found.failing.items()):
        explanation = "\n".join(failing.messages) or failing.title
        message = f"{failing.title}: {explanation}\n{failing.example}".strip()
        suite = f"contract.{_host(label) or hosts[0]}.{_name(label)}"
        report.add(CheckResult(suite, f"generated cases: {check}", "failed", message, count=failing.count))
    for (label, kind), (message, count) in sorted(found.errors.items()):
        owner = _host(label)
        for suite in [f"contract.{owner}.{_name(label)}"] if owner else [f"contract.{h}" for h in hosts]:
            report.add(CheckResult(suite, f"schemathesis error: {kind}", "error",
                                   f"{message} (x{count}): the cases could not be judged"))  # fmt: skip
    if ended_by_deadline:
        return
    broken = ""
    if not found.complete:
        code = "unknown" if found.exit_code is None else found.exit_code
        broken = f"schemathesis did not complete its run (exit code {code})"
    elif found.exit_code not in (0, None) and not found.failing and not found.errors:
        broken = f"schemathesis exited {found.exit_code} without a failure it explained"
    for host in hosts if broken else []:
        report.add(CheckResult(f"contract.{host}", "schemathesis", "error", broken))
    for op in OPERATIONS:
        label = f"{op.method} {op.path}"
        if op.host in hosts and label in found.passed_operations and not any(k[0] == label for k in found.failing):
            report.add(CheckResult(f"contract.{op.host}.{op.name}", "generated cases", "passed"))


def run_generated(
    settings: ContractSettings,
    report: ContractReport,
    hosts: list[str],
    deadline: Deadline,
    emit: Callable[[str], None] = lambda text: print(text, end="", flush=True),
) -> None:
    """Generated cases of the operations of hosts sharing one URL, ended by the deadline if it comes first."""
    redact = Redactor(settings.key)
    what = f"generated cases of the {' and '.join(TAGS[h] for h in hosts)} operations at {settings.urls[hosts[0]]}"
    with tempfile.TemporaryDirectory(prefix="contract-schemathesis-") as private:
        events, run_report = Path(private) / "events.ndjson", Path(private) / "run.json"
        env = {**os.environ, "VAST_API_KEY": settings.key, "SCHEMATHESIS_HOOKS": "tools.contract_checks",
               "PYTHONPATH": str(ROOT), "CONTRACT_CHECK_BUDGET": f"{settings.budget:g}",
               "CONTRACT_CHECK_MAX_BODY_BYTES": str(MAX_BODY_BYTES)}  # fmt: skip
        deadline.doing = what
        emit(f"contract: {what} (seed {settings.seed})\n")
        process = subprocess.Popen(
            command(settings, hosts, events, run_report), env=env, cwd=private, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True, errors="replace", start_new_session=True,
        )  # fmt: skip
        assert process.stdout is not None
        stdout = process.stdout

        def relay() -> None:
            for text in stdout:
                emit(redact(text))

        relaying = threading.Thread(target=relay, name="schemathesis-output", daemon=True)
        relaying.start()
        ended_by_deadline = False
        try:
            process.wait(timeout=max(0.1, deadline.remaining()))
        except subprocess.TimeoutExpired:
            ended_by_deadline = True
            os.killpg(process.pid, signal.SIGKILL)  # Its own session: schemathesis and nothing else.
            process.wait()
            report.pending.append(what)
        relaying.join(5)
        found = read_events(events.read_text(errors="replace").splitlines() if events.exists() else [])
        read_run_report(run_report, found)
        if found.exit_code is None:
            found.exit_code = process.returncode
        judge_run(found, hosts, report, ended_by_deadline=ended_by_deadline)
