"""Run the schemathesis contract suite against any server: the mock, staging, or the real API.

    python tools/contract.py --base-url http://127.0.0.1:4010
    VAST_API_KEY=... python tools/contract.py --console-url https://console.vast.ai --run-url https://run.vast.ai

The operations are read-only (show one instance, list workers), so the suite is safe against
production. Each host gets its own run, since the instance and the serverless operations live
on different hosts. JUnit reports go to --report-dir.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from vast_wrapper._settings import is_loopback

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "vast.yaml"
CONFIG = ROOT / "tools" / "schemathesis.toml"

# A mock accepts any key, so "the server ignored a bad key" says nothing about the contract.
EXCLUDED_CHECKS = ["ignored_auth"]
SEED = 42
# Vast allows about one call per endpoint every couple of seconds; loopback has no limit.
REMOTE_RATE_LIMIT = "20/m"


def command(url: str, tag: str, *, max_examples: int, report: Path, rate_limit: str | None) -> list[str]:
    """The schemathesis command line for the operations tagged `tag` on `url` (the key is in CONFIG)."""
    bin_dir = Path(sys.executable).parent
    line = [
        str(bin_dir / "schemathesis"),
        "--config-file",
        str(CONFIG),
        "run",
        str(SPEC),
        "--url",
        url,
        "--include-tag",
        tag,
        "--checks",
        "all",
        "--exclude-checks",
        ",".join(EXCLUDED_CHECKS),
        "--mode",
        "all",
        "--max-examples",
        str(max_examples),
        "--seed",
        str(SEED),
        "--request-timeout",
        "10",
        "--no-color",
        "--report",
        "junit",
        "--report-junit-path",
        str(report),
    ]
    if rate_limit:
        line += ["--rate-limit", rate_limit]
    return line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", help="one URL serving all three operations (the mock)")
    parser.add_argument("--console-url", help="host of show_instance")
    parser.add_argument("--run-url", help="host of the worker operations")
    parser.add_argument("--max-examples", type=int, default=25)
    parser.add_argument("--report-dir", type=Path, default=ROOT / "build" / "contract")
    args = parser.parse_args(argv)

    console = args.console_url or args.base_url
    run = args.run_url or args.base_url
    if not console or not run:
        parser.error("give --base-url, or both --console-url and --run-url")
    loopback = all(is_loopback(urlsplit(u).hostname or "") for u in (console, run))
    # schemathesis reads the key from the environment (see CONFIG) and masks it in its output.
    key = os.environ.get("VAST_API_KEY") or ("mock-key" if loopback else "")
    if not key:
        parser.error("set VAST_API_KEY to run the contract suite against a real server")
    args.report_dir.mkdir(parents=True, exist_ok=True)

    failed = False
    for tag, url in (("instances", console), ("serverless", run)):
        report = args.report_dir / f"junit-{tag}.xml"
        rate_limit = None if loopback else REMOTE_RATE_LIMIT
        line = command(url, tag, max_examples=args.max_examples, report=report, rate_limit=rate_limit)
        print(f"contract: {tag} operations against {url}", flush=True)
        result = subprocess.run(line, env={**os.environ, "VAST_API_KEY": key}, check=False)
        failed |= result.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
