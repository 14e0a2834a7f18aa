"""The `vast-wrapper` command: show an instance or workers (once, or --watch), wait for an instance or workers."""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from vast_wrapper._constants import WAIT_POLL_INTERVAL, WAIT_TIMEOUT

if TYPE_CHECKING:
    from vast_wrapper import Instance, VastClient, VastError, Worker
    from vast_wrapper._waiters import ProgressCallback

EXIT_OK = 0
EXIT_USAGE = 2  # also a 400 from the server
EXIT_AUTH = 3
EXIT_NOT_FOUND = 4
EXIT_RATE_LIMITED = 5
EXIT_SERVER = 6  # server error or network failure
EXIT_UNEXPECTED = 7  # an answer we cannot read, or another API error
EXIT_WAIT = 8  # wait-*: a state it will not leave, or out of time
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT
EXIT_PIPE_CLOSED = 141  # the reader of stdout went away (`| head`), as shells report SIGPIPE

WATCH_INTERVAL = 5.0

EXIT_CODES = """\
exit codes:
  0 success   2 usage error or HTTP 400   3 authentication   4 not found
  5 still rate limited after retries   6 server or network failure
  7 unexpected answer   8 a wait ended without success (timeout, exited, crashed, all workers failed)
  130 interrupted (Ctrl-C)   141 stdout closed (e.g. | head)
"""

EPILOG = f"""\
environment:
  VAST_API_KEY      your API key (required); sent only in the Authorization header
  VAST_BASE_URL     one URL for both hosts, e.g. http://127.0.0.1:4010 for the mock
  VAST_CONSOLE_URL  instance host (default https://console.vast.ai)
  VAST_RUN_URL      serverless host (default https://run.vast.ai)
  NO_COLOR          no colour in progress; TERM=dumb: no redrawing in place either

output:
  Results go to stdout. Waits show progress on stderr when it is a terminal (one line, updated
  in place) and print nothing there when it is not, unless --verbose (one line per state change).
  --json: machine-readable stdout; waits and watches print one JSON object per line.

{EXIT_CODES}
examples:
  vast-wrapper show-instance 123
  vast-wrapper show-instance 123 --watch              # redraw every 5 s until Ctrl-C
  vast-wrapper endpoint-workers 456 --json | jq '.[].status'
  vast-wrapper wait-instance 123 --status running --timeout 900 && ssh ...
  vast-wrapper wait-workers 456 --min-ready 2         # exit 0 when 2 workers are ready, 8 if they fail
  VAST_BASE_URL=http://127.0.0.1:4010 vast-wrapper autogroup-workers 1001
"""

EXAMPLES = {
    "show-instance": """\
examples:
  vast-wrapper show-instance 123
  vast-wrapper show-instance 123 --json | jq -r .actual_status
  vast-wrapper show-instance 123 --watch 10     # redraw every 10 s until Ctrl-C (exit 130)
exit codes: 0 shown, 3 bad key, 4 no such instance, 6 server/network (a watch shows it and goes on),
  130 Ctrl-C (how a watch ends)
""",
    "endpoint-workers": """\
examples:
  vast-wrapper endpoint-workers 456
  vast-wrapper endpoint-workers 456 --watch     # a table refreshed every 5 s
  vast-wrapper endpoint-workers 456 --watch 2 --json > workers.jsonl
exit codes: 0 shown, 3 bad key, 6 server/network (a watch shows it and goes on), 130 Ctrl-C
""",
    "autogroup-workers": """\
examples:
  vast-wrapper autogroup-workers 1001
  vast-wrapper autogroup-workers 1001 --watch --json | jq -c '[.time, (.workers | length)]'
exit codes: 0 shown, 3 bad key, 6 server/network (a watch shows it and goes on), 130 Ctrl-C
""",
    "wait-instance": """\
examples:
  vast-wrapper wait-instance 123                          # until running, 10 min at most
  vast-wrapper wait-instance 123 --timeout 1800 --interval 10
  vast-wrapper wait-instance 123 --json | tail -n 1 | jq .instance.ssh_host
exit codes: 0 the status was reached, 8 timed out or exited/crashed, 3 bad key, 4 no such instance,
  130 Ctrl-C
""",
    "wait-workers": """\
examples:
  vast-wrapper wait-workers 456                           # until 1 worker of endpoint 456 is ready
  vast-wrapper wait-workers 1001 --autogroup --min-ready 3 --timeout 1200
  vast-wrapper wait-workers 456 --json                    # one JSON line per change
exit codes: 0 enough workers ready, 8 timed out or every worker failed, 3 bad key, 130 Ctrl-C
""",
}


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"{text!r}: give a number of seconds above 0")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give 1 or more")
    return value


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
    add("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
        help="log each attempt and each state change on stderr")  # fmt: skip
    return common


def _parser() -> argparse.ArgumentParser:
    common = _options(request_timeout=True)

    parser = argparse.ArgumentParser(
        prog="vast-wrapper",
        description="Query Vast.ai instances and serverless workers, once, watching, or until they are ready.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str, id_help: str, parent: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            help=help_text,
            description=help_text,
            parents=[parent],
            epilog=EXAMPLES[name],
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.add_argument("id", type=int, help=id_help)
        return sub

    for name, help_text, id_help in (
        ("show-instance", "show one instance's key facts", "instance id"),
        ("endpoint-workers", "list the GPU workers of a serverless endpoint", "endpoint id"),
        ("autogroup-workers", "list the GPU workers of a worker group", "worker group id"),
    ):
        view = command(name, help_text, id_help, common)
        view.add_argument(
            "--watch", nargs="?", const=WATCH_INTERVAL, type=_seconds, metavar="SECONDS",
            help=f"show it again every SECONDS (default {WATCH_INTERVAL:g}) until Ctrl-C; after the id",
        )  # fmt: skip

    # Here --timeout is how long to wait, as users of `wait` commands expect; requests keep their default.
    def wait_command(name: str, help_text: str, id_help: str) -> argparse.ArgumentParser:
        wait = command(name, help_text, id_help, _options(request_timeout=False))
        wait.add_argument("--timeout", dest="wait_timeout", metavar="S", type=_seconds, default=WAIT_TIMEOUT,
                          help=f"give up after S seconds (default {WAIT_TIMEOUT:g})")  # fmt: skip
        wait.add_argument("--interval", metavar="S", type=_seconds, default=WAIT_POLL_INTERVAL,
                          help=f"poll every S seconds (default {WAIT_POLL_INTERVAL:g})")  # fmt: skip
        return wait

    wait = wait_command("wait-instance", "wait until an instance reaches a status", "instance id")
    wait.add_argument("--status", default="running", help="actual_status to wait for (default: running)")
    wait = wait_command("wait-workers", "wait until an endpoint (or worker group) has ready workers",
                        "endpoint id (a worker group's with --autogroup)")  # fmt: skip
    wait.add_argument(
        "--autogroup", action="store_true", help="the id is a worker group's (autogroup), not an endpoint's"
    )
    wait.add_argument("--min-ready", metavar="N", type=_count, default=1, help="ready workers to wait for (default 1)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (the console script exits with it)."""
    try:
        options: dict[str, Any] = vars(_parser().parse_args(argv))
        return _run(options)
    except KeyboardInterrupt:
        print("vast-wrapper: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _drop_stdout()
        return EXIT_PIPE_CLOSED
    except Exception as error:
        from vast_wrapper import VastError  # noqa: PLC0415

        if not isinstance(error, VastError):
            raise
        from vast_wrapper._terminal import printable  # noqa: PLC0415

        print(f"vast-wrapper: error: {printable(error.message)}", file=sys.stderr)
        return exit_code(error)


def _drop_stdout() -> None:
    """Point stdout at /dev/null, so that flushing it at exit raises no second BrokenPipeError."""
    import os  # noqa: PLC0415

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # no file behind stdout (a test's stream): nothing to flush
        pass


def _run(options: dict[str, Any]) -> int:
    from vast_wrapper import VastClient  # noqa: PLC0415 - --help stays instant.

    settings: dict[str, Any] = {
        key: options[key] for key in ("base_url", "console_url", "run_url", "timeout", "max_retries") if key in options
    }
    if options.get("verbose"):
        import logging  # noqa: PLC0415 - only when asked for.

        logging.basicConfig(level=logging.DEBUG, format="vast-wrapper: %(message)s")
        logging.getLogger("httpcore").setLevel(logging.WARNING)
    with VastClient(**settings) as client:
        return _COMMANDS[options["command"]](client, options)


class _View:
    """A command that shows one thing: how to fetch it, print it for a person, and name it in JSON records."""

    def __init__(self, key: str, fetch: Callable[[VastClient, int], Any], text: Callable[[Any], str]) -> None:
        self.key, self.fetch, self.text = key, fetch, text

    def __call__(self, client: VastClient, options: dict[str, Any]) -> int:
        if options.get("watch") is not None:
            return self.watch(client, options)
        from vast_wrapper._terminal import printable_lines  # noqa: PLC0415

        value = self.fetch(client, options["id"])
        _print(_dump(_data(value)) if options.get("json") else printable_lines(self.text(value)))
        return EXIT_OK

    def watch(self, client: VastClient, options: dict[str, Any]) -> int:
        """Show it every `--watch` seconds until Ctrl-C; rate limits, 5xx and dropped connections do not end it."""
        from datetime import UTC, datetime  # noqa: PLC0415

        from vast_wrapper import _retry, _terminal  # noqa: PLC0415
        from vast_wrapper._waiters import TRANSIENT_ERRORS  # noqa: PLC0415

        interval = options["watch"]
        title = f"{options['command']} {options['id']}"
        display = _terminal.watch_display(sys.stdout, sys.stderr, as_json=bool(options.get("json")), key=self.key,
                                          title=title, interval=interval)  # fmt: skip
        try:
            while True:
                try:
                    value = self.fetch(client, options["id"])
                except TRANSIENT_ERRORS as error:
                    display.error(error.message, datetime.now(UTC))
                else:
                    display.refresh(self.text(value), _data(value), datetime.now(UTC))
                _retry.sleep(interval)  # the client's pacing spaces the calls further after a 429
        finally:
            display.close()


def _wait_instance(client: VastClient, options: dict[str, Any]) -> int:
    def wait(on_progress: ProgressCallback) -> Instance:
        return client.wait_for_instance(options["id"], status=options["status"], timeout=options["wait_timeout"],
                                        poll_interval=options["interval"], on_progress=on_progress)  # fmt: skip

    return _waiting(options, "instance", wait, format_instance)


def _wait_workers(client: VastClient, options: dict[str, Any]) -> int:
    def wait(on_progress: ProgressCallback) -> list[Worker]:
        return client.wait_for_workers(options["id"], min_ready=options["min_ready"], autogroup=options["autogroup"],
                                       timeout=options["wait_timeout"], poll_interval=options["interval"],
                                       on_progress=on_progress)  # fmt: skip

    return _waiting(options, "workers", wait, format_workers)


def _waiting(
    options: dict[str, Any], key: str, wait: Callable[[ProgressCallback], Any], text: Callable[[Any], str]
) -> int:
    """Run a wait with its progress shown; print the result as text or as the last JSON line."""
    from vast_wrapper import _terminal  # noqa: PLC0415

    as_json = bool(options.get("json"))
    progress = _terminal.wait_progress(sys.stdout, sys.stderr, as_json=as_json, verbose=bool(options.get("verbose")))
    try:
        value = wait(progress)
    finally:
        progress.close()
    if as_json:
        fields = _terminal.progress_fields(progress.last) if progress.last else {}
        _terminal.json_line(sys.stdout, {"event": "ready", **fields, key: _data(value)})
    else:
        _print(_terminal.printable_lines(text(value)))
    return EXIT_OK


def _fetch_instance(client: VastClient, ident: int) -> Instance:
    return client.show_instance(ident)


def _fetch_endpoint_workers(client: VastClient, ident: int) -> list[Worker]:
    return client.get_endpoint_workers(ident)


def _fetch_autogroup_workers(client: VastClient, ident: int) -> list[Worker]:
    return client.get_autogroup_workers(ident)


def _data(value: Instance | list[Worker]) -> Any:
    """What --json prints of an answer: the instance's or each worker's fields, as the server sent them."""
    return [w.to_dict() for w in value] if isinstance(value, list) else value.to_dict()


def _print(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _dump(data: Any) -> str:
    from vast_wrapper._terminal import json_text  # noqa: PLC0415

    return json_text(data, indent=2)


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


_COMMANDS: dict[str, Callable[[VastClient, dict[str, Any]], int]] = {
    "show-instance": _View("instance", _fetch_instance, format_instance),
    "endpoint-workers": _View("workers", _fetch_endpoint_workers, format_workers),
    "autogroup-workers": _View("workers", _fetch_autogroup_workers, format_workers),
    "wait-instance": _wait_instance,
    "wait-workers": _wait_workers,
}
