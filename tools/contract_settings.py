"""The contract suite's settings: every one checked before anything is written or sent.

Each arrives as an option or a CONTRACT_* environment variable (how `make contract` passes
them: data, never shell code). A bad one is a `SettingsError` whose one-line message names it.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from tools.project import ROOT
from vast_wrapper import MAX_ID, InvalidInputError, check_url, is_loopback

DEFAULT_REPORT_DIR = ROOT / "build" / "contract"
# The only files the suite ever writes or replaces in REPORT_DIR.
REPORT_FILES = ("junit-contract.xml", "summary.json")
DEFAULT_BUDGET = 2.0  # Seconds per answer, to its last byte; Vast's own answers take well under one.
DEFAULT_DEADLINE = 300.0  # Seconds for the whole run: every run ends by itself, with a verdict.
# Beyond 127.0.0.1 every call is paced to Vast's rate limit (about one per endpoint every 2 s).
DEFAULT_REMOTE_DEADLINE = 1200.0
DEFAULT_MAX_EXAMPLES = 25
MAX_SEED = 2**32 - 1
KNOWN_ID_VARIABLES = {
    "show_instance": "INSTANCE_ID",
    "get_endpoint_workers": "ENDPOINT_ID",
    "get_autogroup_workers": "AUTOGROUP_ID",
}
YES, NO = ("1", "yes", "true", "on"), ("0", "no", "false", "off")


class SettingsError(Exception):
    """A setting that cannot run; the message names the variable, on one line."""


@dataclass(frozen=True)
class ContractSettings:
    urls: dict[str, str]  # "console" / "run" -> URL
    known: dict[str, int]  # operation name -> id that must answer a real body
    budget: float
    deadline: float
    max_examples: int
    report_dir: Path
    key: str
    loopback: bool
    seed: int
    require_real_bodies: bool


def contract_url(value: str, variable: str) -> str:
    """The wrapper's URL rule (check_url), plus the contract's: one value, scheme://host[:port] only."""
    cleaned = value.strip()
    if not cleaned or any(c.isspace() for c in cleaned) or not cleaned.isprintable():
        raise SettingsError(f"{variable}={value!r} is not a URL like https://host[:port] (no spaces, one value)")
    try:
        url = check_url(cleaned, variable)
    except InvalidInputError as error:
        raise SettingsError(f"{variable}={value!r}: {error}") from None
    parts = urlsplit(url)
    if parts.path not in ("", "/"):
        raise SettingsError(f"{variable}={value!r} must be scheme://host[:port] only: no path")
    if parts.port == 0:
        raise SettingsError(f"{variable}={value!r} has port 0")
    return url


def check_id(value: str, variable: str) -> int:
    if not re.fullmatch(r"[0-9]{1,16}", value.strip()) or not 1 <= int(value) <= MAX_ID:
        raise SettingsError(f"{variable}={value!r} is not an id (a whole number from 1 to {MAX_ID})")
    return int(value)


def check_number(value: str, variable: str, *, whole: bool) -> float:
    pattern = r"[0-9]{1,6}" if whole else r"[0-9]{1,6}(\.[0-9]{1,3})?"
    if not re.fullmatch(pattern, value.strip()) or float(value) <= 0:
        raise SettingsError(f"{variable}={value!r} is not a {'whole ' if whole else ''}number above 0")
    return float(value)


def check_seed(value: str) -> int:
    if not re.fullmatch(r"[0-9]{1,10}", value.strip()) or int(value) > MAX_SEED:
        raise SettingsError(f"SEED={value!r} is not a whole number from 0 to {MAX_SEED}")
    return int(value)


def check_switch(value: str, variable: str) -> bool:
    if value.strip().lower() in YES:
        return True
    if value.strip().lower() in NO:
        return False
    raise SettingsError(f"{variable}={value!r} is not 1 or 0 (yes or no)")


def check_report_dir(value: str | None, *, cwd: Path | None = None) -> Path:
    """A folder the suite may write its two files in: never a file, the checkout, or a folder of other files.

    Nothing is written here; the folder is only looked at.
    """
    path = (Path(value) if value else DEFAULT_REPORT_DIR).resolve()
    shown = f"REPORT_DIR={value!r}" if value else f"the report folder {path}"
    if path.exists() and not path.is_dir():
        raise SettingsError(f"{shown} is a file, not a folder: give a new or empty folder")
    checkouts = {ROOT.resolve(), (cwd or Path.cwd()).resolve()}
    if any(path == c or path in c.parents for c in checkouts) or ".git" in path.parts:
        raise SettingsError(f"{shown} is the checkout or holds it: give a folder of its own, e.g. build/contract")
    if path.is_dir():
        others = sorted(p.name for p in path.iterdir() if p.name not in REPORT_FILES)
        if others:
            listed = ", ".join(others[:3]) + (", ..." if len(others) > 3 else "")
            raise SettingsError(
                f"{shown} holds other files ({listed}): give a new or empty folder; "
                f"the suite replaces only {' and '.join(REPORT_FILES)}"
            )
        for name in REPORT_FILES:
            if (path / name).is_symlink() or (not (path / name).is_file() and (path / name).exists()):
                raise SettingsError(f"{shown}: {name} there is not a plain file; the suite will not replace it")
    return path


def prepare_report_dir(path: Path) -> None:
    """The folder made, and the reports of an earlier run removed, so no stale verdict survives this one."""
    path.mkdir(parents=True, exist_ok=True)
    for name in REPORT_FILES:
        (path / name).unlink(missing_ok=True)


def parse(argv: Sequence[str] | None, environ: dict[str, str] | None = None) -> argparse.Namespace:
    environ = dict(os.environ) if environ is None else environ
    parser = argparse.ArgumentParser(
        prog="python -m tools.contract",
        description="The contract suite: does a server answer as openapi/vast.yaml says? (README: contract suite)",
    )

    def option(flag: str, variable: str, help: str) -> None:
        # An empty make variable counts as not given, as in shells.
        parser.add_argument(flag, default=environ.get(f"CONTRACT_{variable}") or None, help=f"{help} [{variable}]")

    option("--base-url", "BASE_URL", "one URL serving all three operations (the mock, a proxy)")
    option("--console-url", "CONSOLE_URL", "host of show_instance")
    option("--run-url", "RUN_URL", "host of the worker operations")
    option("--instance-id", "INSTANCE_ID", "an instance of the key's account: must answer a real instance")
    option("--endpoint-id", "ENDPOINT_ID", "a serverless endpoint of the account: must answer a worker list")
    option("--autogroup-id", "AUTOGROUP_ID", "a worker group of the account: must answer a worker list")
    option("--budget", "BUDGET", f"seconds an answer may take, to its last byte (default {DEFAULT_BUDGET:g})")
    option(
        "--deadline",
        "DEADLINE",
        f"seconds the whole run may take (default {DEFAULT_DEADLINE:g}; {DEFAULT_REMOTE_DEADLINE:g} beyond 127.0.0.1)",
    )
    option(
        "--max-examples", "MAX_EXAMPLES", f"generated cases per operation and phase (default {DEFAULT_MAX_EXAMPLES})"
    )
    option("--seed", "SEED", "the seed of a run to repeat (default: a new one, printed in the verdict)")
    option("--require-real-bodies", "REQUIRE_REAL_BODIES", "1: fail when an operation had no real body validated")
    option("--report-dir", "REPORT_DIR", "where the two reports go (default build/contract)")
    return parser.parse_args(argv)


def settings_from(
    args: argparse.Namespace, report_dir: Path, environ: dict[str, str] | None = None
) -> ContractSettings:
    """Every setting checked before anything is sent; SettingsError names the first bad one."""
    environ = dict(os.environ) if environ is None else environ
    base = contract_url(args.base_url, "BASE_URL") if args.base_url else None
    console = contract_url(args.console_url, "CONSOLE_URL") if args.console_url else base
    run = contract_url(args.run_url, "RUN_URL") if args.run_url else base
    if console is None and run is None:
        raise SettingsError("give BASE_URL (one server), or CONSOLE_URL and RUN_URL (the two hosts)")
    if console is None or run is None:
        alone, missing = ("RUN_URL", "CONSOLE_URL") if console is None else ("CONSOLE_URL", "RUN_URL")
        raise SettingsError(f"{alone} alone covers one host: give {missing} too, or BASE_URL for both")
    ids: dict[str, str | None] = {"show_instance": args.instance_id, "get_endpoint_workers": args.endpoint_id,
                                  "get_autogroup_workers": args.autogroup_id}  # fmt: skip
    known = {name: check_id(value, KNOWN_ID_VARIABLES[name]) for name, value in ids.items() if value}
    budget = check_number(args.budget, "BUDGET", whole=False) if args.budget else DEFAULT_BUDGET
    examples = check_number(args.max_examples, "MAX_EXAMPLES", whole=True) if args.max_examples else None
    seed = check_seed(args.seed) if args.seed else secrets.randbelow(MAX_SEED + 1)
    require = check_switch(args.require_real_bodies, "REQUIRE_REAL_BODIES") if args.require_real_bodies else False
    loopback = all(is_loopback(urlsplit(u).hostname or "") for u in (console, run))
    default_deadline = DEFAULT_DEADLINE if loopback else DEFAULT_REMOTE_DEADLINE
    deadline = check_number(args.deadline, "DEADLINE", whole=False) if args.deadline else default_deadline
    key = environ.get("VAST_API_KEY") or ("mock-key" if loopback else "")
    if not key:
        raise SettingsError("VAST_API_KEY is not set: a server beyond 127.0.0.1 needs a real key")
    if not key.isprintable() or any(c.isspace() for c in key) or not key.isascii():
        raise SettingsError(
            "VAST_API_KEY holds spaces or characters that cannot go in a header; check how it was copied"
        )
    return ContractSettings(
        urls={"console": console, "run": run},
        known=known,
        budget=budget,
        deadline=deadline,
        max_examples=int(examples or DEFAULT_MAX_EXAMPLES),
        report_dir=report_dir,
        key=key,
        loopback=loopback,
        seed=seed,
        require_real_bodies=require,
    )
