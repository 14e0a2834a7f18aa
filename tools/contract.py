"""The contract suite: does a server (the mock, the live API, your own) answer as openapi/vast.yaml says?

    python -m tools.contract --base-url http://127.0.0.1:4010
    VAST_API_KEY=... python -m tools.contract --console-url https://console.vast.ai \\
        --run-url https://run.vast.ai --instance-id 123 --endpoint-id 456 --require-real-bodies 1

`make contract` passes its variables as CONTRACT_* environment variables, so a value is data,
never shell code. Every setting is checked first (tools/contract_settings.py); then, per host:

1. probes (tools/contract_probes.py): known ids, ids of every magnitude, a missing and a
   rejected key, each answer read to its last byte within BUDGET;
2. generated cases (tools/contract_generated.py): schemathesis, with our checks
   (tools/contract_checks.py).

A DEADLINE ends any run with a verdict naming what was pending; progress is printed at least
every 10 s. The operations are read-only, so the suite is safe against production.

Exit codes: 0 the server keeps the contract; 1 it broke it (or the run could not judge it);
2 usage error (nothing was sent); 3 a host could not be reached. Reports (junit-contract.xml,
summary.json) go to REPORT_DIR: only those two files are ever replaced there.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

import httpx

from tools.contract_generated import TAGS, host_groups, run_generated
from tools.contract_probes import HOST_OF, Prober
from tools.contract_progress import Deadline, Progress
from tools.contract_report import (
    EXIT_DRIFT,
    EXIT_UNREACHABLE,
    EXIT_USAGE,
    CheckResult,
    ContractReport,
    Redactor,
    verdict_lines,
    verdict_of,
    write_refusal,
    write_reports,
)
from tools.contract_settings import (
    ContractSettings,
    SettingsError,
    check_report_dir,
    parse,
    prepare_report_dir,
    settings_from,
)


def unreachable(settings: ContractSettings, report: ContractReport, client: httpx.Client) -> bool:
    """True, with one error per host in the report, when a host does not answer HTTP at all."""
    down = False
    for host, url in sorted(settings.urls.items()):
        try:  # Headers are enough: the body of a server's root page is not the contract's business.
            with client.stream("GET", url + "/", timeout=min(10.0, settings.deadline)):
                pass
        except httpx.HTTPError as exc:
            down = True
            message = f"{url} did not answer: {type(exc).__name__}"
            report.add(CheckResult(f"contract.{host}", "reachable", "error", message))
    return down


GeneratedRunner = Callable[[ContractSettings, ContractReport, list[str], Deadline], None]


def judge(
    settings: ContractSettings,
    report: ContractReport,
    deadline: Deadline,
    client: httpx.Client,
    generated: GeneratedRunner = run_generated,
) -> tuple[str, int]:
    """Probes, then generated cases per server, within the deadline; the verdict."""
    if unreachable(settings, report, client):
        return "UNREACHABLE", EXIT_UNREACHABLE
    prober = Prober(settings, report, deadline, client)
    prober.run()
    for group in host_groups(settings.urls):
        slow = [host for host in group if prober.over_bounds(host)]
        for host in slow:
            report.add(CheckResult(f"contract.{host}", "generated cases", "warning",
                                   "not run: the probes found answers over BUDGET or MAX_BODY_BYTES, "
                                   "and generated cases would wait on them too"))  # fmt: skip
        hosts = [host for host in group if host not in slow]
        if hosts and deadline.remaining() < settings.budget:  # Too little time left to judge anything.
            report.pending.append(f"generated cases of the {' and '.join(TAGS[h] for h in hosts)} operations")
        elif hosts:
            generated(settings, report, hosts, deadline)
    return verdict_of(report)


def run(
    settings: ContractSettings,
    transport: httpx.BaseTransport | None = None,
    generated: GeneratedRunner = run_generated,
) -> int:
    """One whole run: its lines on stdout, its two reports written, its exit code."""
    report = ContractReport()
    deadline = Deadline(settings.deadline)
    redact = Redactor(settings.key)
    print(f"contract: seed {settings.seed}, BUDGET {settings.budget:g} s per answer, DEADLINE {settings.deadline:g} s",
          flush=True)  # fmt: skip
    timeout = httpx.Timeout(settings.budget, connect=10.0)
    with Progress(deadline), httpx.Client(timeout=timeout, transport=transport) as client:
        verdict, code = judge(settings, report, deadline, client, generated)
    for result in report.results:
        if result.outcome != "passed":
            print(redact(f"contract: {result.outcome}: {result.suite} {result.name}: {result.message}"))
    write_reports(settings, report, HOST_OF, verdict, code)
    for line in verdict_lines(report, settings, HOST_OF, verdict):
        print(redact(line), flush=True)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    try:
        report_dir = check_report_dir(args.report_dir)  # Before anything is written anywhere.
    except SettingsError as error:
        print(f"contract: usage error: {error}", file=sys.stderr)
        return EXIT_USAGE
    try:
        settings = settings_from(args, report_dir)
    except SettingsError as error:
        prepare_report_dir(report_dir)
        write_refusal(report_dir, str(error))
        print(f"contract: usage error: {error}", file=sys.stderr)
        return EXIT_USAGE
    prepare_report_dir(report_dir)  # No report of an earlier run survives this one, whatever happens next.
    try:
        return run(settings)
    except Exception as error:  # noqa: BLE001 - a broken run says so in one line and a red report, never a traceback.
        message = Redactor(settings.key)(f"{type(error).__name__}: {error}")
        write_refusal(report_dir, message, verdict="error", code=EXIT_DRIFT)
        print(f"contract: error: the run broke ({message}); the verdict is not green", file=sys.stderr)
        return EXIT_DRIFT


if __name__ == "__main__":
    sys.exit(main())
