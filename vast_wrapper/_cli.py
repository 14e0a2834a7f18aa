"""The `vast-wrapper` command: show an instance, list workers, wait for an instance."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vast_wrapper import Instance, VastClient, VastError, Worker

EXIT_OK = 0
EXIT_USAGE = 2  # also a 400 from the server
EXIT_AUTH = 3
EXIT_NOT_FOUND = 4
EXIT_RATE_LIMITED = 5
EXIT_SERVER = 6  # server error or network failure
EXIT_UNEXPECTED = 7  # an answer we cannot read, or another API error
EXIT_WAIT = 8  # wait-instance: a state it will not leave, or out of time
EXIT_INTERRUPTED = 130

EPILOG = """\
environment:
  VAST_API_KEY      your API key (required); sent only in the Authorization header
  VAST_BASE_URL     one URL for both hosts, e.g. http://127.0.0.1:4010 for the mock
  VAST_CONSOLE_URL  instance host (default https://console.vast.ai)
  VAST_RUN_URL      serverless host (default https://run.vast.ai)

exit codes:
  0 success   2 usage error or HTTP 400   3 authentication   4 not found
  5 still rate limited after retries   6 server or network failure
  7 unexpected answer   8 wait ended without the status (timeout, exited, crashed)

examples:
  vast-wrapper show-instance 123
  vast-wrapper endpoint-workers 456 --json | jq '.[].status'
  vast-wrapper wait-instance 123 --status running --timeout 900
  VAST_BASE_URL=http://127.0.0.1:4010 vast-wrapper autogroup-workers 1001
"""


def _options(*, request_timeout: bool) -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("connection and output")
    # SUPPRESS lets the options stand before or after the command without one hiding the other.
    add = group.add_argument
    add("--json", action="store_true", default=argparse.SUPPRESS, help="print machine-readable JSON")
    add("--base-url", metavar="URL", default=argparse.SUPPRESS, help="one URL for both hosts (the mock, a proxy)")
    add("--console-url", metavar="URL", default=argparse.SUPPRESS, help="instance host")
    add("--run-url", metavar="URL", default=argparse.SUPPRESS, help="serverless host")
    if request_timeout:
        add("--timeout", metavar="S", type=float, default=argparse.SUPPRESS, help="per-request timeout in seconds")
    add("--max-retries", metavar="N", type=int, default=argparse.SUPPRESS, help="retries of 429/5xx (default 2)")
    add("-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="log each attempt on stderr")
    return common


def _parser() -> argparse.ArgumentParser:
    common = _options(request_timeout=True)

    parser = argparse.ArgumentParser(
        prog="vast-wrapper",
        description="Query Vast.ai instances and serverless workers.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str, id_help: str, parent: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text, parents=[parent])
        sub.add_argument("id", type=int, help=id_help)
        return sub

    command("show-instance", "show one instance's key facts", "instance id", common)
    command("endpoint-workers", "list the GPU workers of a serverless endpoint", "endpoint id", common)
    command("autogroup-workers", "list the GPU workers of a worker group", "worker group id", common)
    # Here --timeout is how long to wait, as users of `wait` commands expect; requests keep their default.
    wait = command(
        "wait-instance", "wait until an instance reaches a status", "instance id", _options(request_timeout=False)
    )
    wait.add_argument("--status", default="running", help="actual_status to wait for (default: running)")
    wait.add_argument(
        "--timeout", dest="wait_timeout", metavar="S", type=float, default=600.0, help="give up after S seconds (600)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (the console script exits with it)."""
    args = _parser().parse_args(argv)
    options: dict[str, Any] = vars(args)
    try:
        return _run(options)
    except KeyboardInterrupt:
        print("vast-wrapper: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:
        from vast_wrapper import VastError  # noqa: PLC0415

        if not isinstance(error, VastError):
            raise
        print(f"vast-wrapper: error: {error.message}", file=sys.stderr)
        return exit_code(error)


def _run(options: dict[str, Any]) -> int:
    from vast_wrapper import VastClient  # noqa: PLC0415 - --help stays instant.

    settings: dict[str, Any] = {
        key: options[key] for key in ("base_url", "console_url", "run_url", "timeout", "max_retries") if key in options
    }
    as_json = bool(options.get("json"))
    if options.get("verbose"):
        import logging  # noqa: PLC0415 - only when asked for.

        logging.basicConfig(level=logging.DEBUG, format="vast-wrapper: %(message)s")
        logging.getLogger("httpcore").setLevel(logging.WARNING)
    with VastClient(**settings) as client:
        action = _COMMANDS[options["command"]]
        output = action(client, options, as_json)
    sys.stdout.write(output + "\n")
    return EXIT_OK


def _show_instance(client: VastClient, options: dict[str, Any], as_json: bool) -> str:
    instance = client.show_instance(options["id"])
    return _dump(instance.to_dict()) if as_json else format_instance(instance)


def _wait_instance(client: VastClient, options: dict[str, Any], as_json: bool) -> str:
    instance = client.wait_for_instance(options["id"], status=options["status"], timeout=options["wait_timeout"])
    return _dump(instance.to_dict()) if as_json else format_instance(instance)


def _workers(kind: str) -> Callable[[VastClient, dict[str, Any], bool], str]:
    def action(client: VastClient, options: dict[str, Any], as_json: bool) -> str:
        fetch = client.get_endpoint_workers if kind == "endpoint" else client.get_autogroup_workers
        workers = fetch(options["id"])
        return _dump([w.to_dict() for w in workers]) if as_json else format_workers(workers)

    return action


_COMMANDS: dict[str, Callable[[VastClient, dict[str, Any], bool], str]] = {
    "show-instance": _show_instance,
    "endpoint-workers": _workers("endpoint"),
    "autogroup-workers": _workers("autogroup"),
    "wait-instance": _wait_instance,
}


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def exit_code(error: VastError) -> int:
    """The documented exit code for an error."""
    from vast_wrapper import (  # noqa: PLC0415
        APIConnectionError,
        AuthenticationError,
        BadRequestError,
        InvalidInputError,
        NotFoundError,
        RateLimitError,
        ServerError,
        WaitError,
    )

    ladder: list[tuple[type[VastError], int]] = [
        (InvalidInputError, EXIT_USAGE),
        (BadRequestError, EXIT_USAGE),
        (AuthenticationError, EXIT_AUTH),
        (NotFoundError, EXIT_NOT_FOUND),
        (RateLimitError, EXIT_RATE_LIMITED),
        (ServerError, EXIT_SERVER),
        (APIConnectionError, EXIT_SERVER),
        (WaitError, EXIT_WAIT),
    ]
    return next((code for cls, code in ladder if isinstance(error, cls)), EXIT_UNEXPECTED)


# --- human-readable output --------------------------------------------------------------------


def format_instance(instance: Instance) -> str:
    """The instance's key facts, one per line; facts the server did not send are left out."""
    data = instance.to_dict()
    gpu, intended = data.get("gpu_name"), data.get("intended_status")
    facts = [
        ("status", _join(data.get("actual_status"), intended and f"(intended {intended})")),
        ("label", data.get("label")),
        ("gpu", gpu and _join(f"{data.get('num_gpus') or 1} x {gpu}", _percent(data.get("gpu_util")))),
        ("image", data.get("image_uuid")),
        ("ssh", data.get("ssh_host") and f"ssh -p {data.get('ssh_port')} root@{data['ssh_host']}"),
        ("public ip", data.get("public_ipaddr")),
        ("ports", _ports(data.get("ports"))),
        ("price", isinstance(data.get("dph_total"), int | float) and f"${data['dph_total']:.4f}/h"),
        ("uptime", isinstance(data.get("uptime_mins"), int | float) and f"{data['uptime_mins']:g} min"),
        ("message", data.get("status_msg")),
    ]  # fmt: skip
    lines = [f"Instance {data.get('id', '?')}"]
    lines += [f"  {name:<10} {value}" for name, value in facts if value]
    return "\n".join(lines)


def _join(*parts: Any) -> str:
    return " ".join(str(p) for p in parts if p)


def _percent(value: Any) -> str | None:
    return f"util {value:.0%}" if isinstance(value, int | float) else None


def _ports(ports: Any) -> str | None:
    if not isinstance(ports, dict):
        return None
    shown = []
    for name, bindings in sorted(ports.items()):
        host_ports = [b.get("HostPort") for b in bindings or [] if isinstance(b, dict)]
        shown.append(f"{name}->{','.join(str(p) for p in host_ports if p) or '-'}")
    return ", ".join(shown) or None


def format_workers(workers: list[Worker]) -> str:
    """A table of workers and a totals line (ready count, load, perf, requests)."""
    from vast_wrapper import State, worker_state  # noqa: PLC0415

    header = f"{'ID':<10} {'STATUS':<14} {'STATE':<9} {'LOAD':>10} {'PERF':>10} {'RELIAB':>7} {'REQS':>5}"
    rows = [header]
    load = perf = 0.0
    reqs = ready = 0
    for worker in workers:
        state = worker_state(worker)
        ready += state is State.READY
        load += _number(worker.cur_load)
        perf += _number(worker.perf)
        reqs += int(_number(worker.reqs_working))
        rows.append(
            f"{_cell(worker.id):<10} {_cell(worker.status):<14} {state.value:<9} {_num(worker.cur_load):>10} "
            f"{_num(worker.perf):>10} {_num(worker.reliability):>7} {_cell(worker.reqs_working):>5}"
        )
    rows.append(
        f"total: {len(workers)} worker{'s' if len(workers) != 1 else ''}, {ready} ready, "
        f"load {load:.2f}, perf {perf:.2f}, {reqs} requests"
    )
    return "\n".join(rows)


def _number(value: Any) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def _num(value: Any) -> str:
    return f"{value:.2f}" if isinstance(value, int | float) and not isinstance(value, bool) else "-"


def _cell(value: Any) -> str:
    return str(value) if isinstance(value, int | str) else "-"
