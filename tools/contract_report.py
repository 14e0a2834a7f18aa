"""What a contract run found, and its verdict: one JUnit file and summary.json, the key never in either.

Every text that leaves the suite (console, JUnit, summary) passes through `Redactor`, so a
server that echoes the key cannot put it in an artifact.
"""

from __future__ import annotations

import collections
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from tools.contract_settings import ContractSettings

EXIT_OK, EXIT_DRIFT, EXIT_USAGE, EXIT_UNREACHABLE = 0, 1, 2, 3
REDACTED = "[REDACTED]"
OUTCOMES = ("passed", "failed", "error", "warning")


class Redactor:
    """Removes the key from any text, as sent and in the forms a server may echo it (URL- or JSON-escaped)."""

    def __init__(self, key: str) -> None:
        escaped = json.dumps(key)[1:-1]
        forms = {key, quote(key, safe=""), escaped, escaped.replace("/", "\\/")} if key else set()
        self.forms = sorted((f for f in forms if f), key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for form in self.forms:
            text = text.replace(form, REDACTED)
        return text


@dataclass
class CheckResult:
    """One JUnit test case: passed, failed (drift), error (could not be judged) or warning."""

    suite: str  # contract.<host>.<operation>, or contract.<host>, or contract
    name: str
    outcome: str
    message: str = ""
    seconds: float = 0.0
    count: int = 1  # The same problem seen again is counted, not repeated.


@dataclass
class ContractReport:
    results: list[CheckResult] = field(default_factory=list)
    generated: dict[str, int] = field(default_factory=dict)  # host -> schemathesis cases
    # What was answered but not validated: a documented error (429, 5xx, 400...) to an ordinary request.
    not_validated: collections.Counter[str] = field(default_factory=collections.Counter)
    pending: list[str] = field(default_factory=list)  # what the deadline cut off

    def add(self, result: CheckResult) -> None:
        assert result.outcome in OUTCOMES, result.outcome
        for seen in self.results:
            if (seen.suite, seen.name, seen.outcome, seen.message) == (
                result.suite,
                result.name,
                result.outcome,
                result.message,
            ):
                seen.count += 1
                return
        self.results.append(result)

    def failed(self) -> bool:
        return any(r.outcome in ("failed", "error") for r in self.results)


def verdict_of(report: ContractReport) -> tuple[str, int]:
    """FAILED when anything failed, errored or was cut off by the deadline; PASSED otherwise."""
    if report.failed() or report.pending:
        return "FAILED", EXIT_DRIFT
    return "PASSED", EXIT_OK


def per_host(report: ContractReport, urls: dict[str, str], operations: dict[str, str]) -> dict[str, dict[str, Any]]:
    """host -> its URL and counts; `operations` maps operation name -> host."""
    hosts: dict[str, dict[str, Any]] = {}
    for host, url in sorted(urls.items()):
        mine = [r for r in report.results if r.suite == f"contract.{host}" or r.suite.startswith(f"contract.{host}.")]
        hosts[host] = {
            "url": url,
            "operations": sum(h == host for h in operations.values()),
            "cases": sum(r.count for r in mine if r.outcome != "warning") + report.generated.get(host, 0),
            "failures": sum(r.count for r in mine if r.outcome in ("failed", "error")),
            "warnings": sum(1 for r in mine if r.outcome == "warning"),
        }
    return hosts


def verdict_lines(
    report: ContractReport, settings: ContractSettings, operations: dict[str, str], verdict: str
) -> list[str]:
    """What was not validated or still pending, then the one verdict line (last), seed included."""
    lines = []
    if report.not_validated:
        listed = ", ".join(f"{what} x{n}" for what, n in sorted(report.not_validated.items()))
        lines.append(f"contract: not validated (documented answers that carry no body to check): {listed}")
    if report.pending:
        lines.append(f"contract: the DEADLINE of {settings.deadline:g} s ended the run; still pending: "
                     + "; ".join(report.pending))  # fmt: skip
    hosts = per_host(report, settings.urls, operations)
    parts = [
        f"{host} {h['url']}: {h['operations']} operations, {h['cases']} cases, {h['failures']} failures, "
        f"{h['warnings']} warnings"
        for host, h in hosts.items()
    ]
    lines.append(
        f"contract: {verdict}: " + "; ".join(parts) + f"; seed {settings.seed} (SEED={settings.seed} repeats it)"
    )
    return lines


def write_reports(
    settings: ContractSettings, report: ContractReport, operations: dict[str, str], verdict: str, code: int
) -> None:
    """junit-contract.xml (a suite per host and operation, a case per check, warnings as skipped) and summary.json."""
    redact = Redactor(settings.key)
    root = ET.Element("testsuites")
    suites: dict[str, list[CheckResult]] = {}
    for result in report.results:
        suites.setdefault(result.suite, []).append(result)
    for name, results in sorted(suites.items()):
        suite = ET.SubElement(root, "testsuite", name=name, tests=str(len(results)),
                              failures=str(sum(r.outcome == "failed" for r in results)),
                              errors=str(sum(r.outcome == "error" for r in results)),
                              skipped=str(sum(r.outcome == "warning" for r in results)))  # fmt: skip
        for result in results:
            case = ET.SubElement(suite, "testcase", classname=name, name=redact(result.name),
                                 time=f"{result.seconds:.3f}")  # fmt: skip
            repeated = f" (seen {result.count} times)" if result.count > 1 else ""
            message = redact(result.message)
            if result.outcome in ("failed", "error"):
                tag = "failure" if result.outcome == "failed" else "error"
                first = message.splitlines()[0] if message else result.outcome
                ET.SubElement(case, tag, message=first + repeated).text = message
            elif result.outcome == "warning":
                ET.SubElement(case, "skipped", message="warning: " + message + repeated)
    ET.ElementTree(root).write(settings.report_dir / "junit-contract.xml", encoding="utf-8", xml_declaration=True)
    summary = {
        "verdict": verdict,
        "exit_code": code,
        "seed": settings.seed,
        "hosts": per_host(report, settings.urls, operations),
        "not_validated": dict(sorted(report.not_validated.items())),
        "pending": report.pending,
        "problems": [
            {"suite": r.suite, "check": r.name, "outcome": r.outcome, "message": r.message, "count": r.count}
            for r in report.results
            if r.outcome != "passed"
        ],
    }
    text = redact(json.dumps(summary, indent=2, ensure_ascii=False))
    (settings.report_dir / "summary.json").write_text(text + "\n", encoding="utf-8")


def write_refusal(report_dir: Path, message: str, *, verdict: str = "usage error", code: int = EXIT_USAGE) -> None:
    """The report of a run that could not start, or broke: never a green one, and never a stale one."""
    root = ET.Element("testsuites")
    suite = ET.SubElement(root, "testsuite", name="contract", tests="1", failures="0", errors="1", skipped="0")
    case = ET.SubElement(suite, "testcase", classname="contract", name="settings")
    ET.SubElement(case, "error", message=f"{verdict}: {message}").text = message
    ET.ElementTree(root).write(report_dir / "junit-contract.xml", encoding="utf-8", xml_declaration=True)
    summary = {"verdict": verdict, "exit_code": code, "message": message}
    (report_dir / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
