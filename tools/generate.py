"""Regenerate the client from openapi/vast.yaml, or check that generated/ is current.

`python tools/generate.py` rewrites generated/; `python tools/generate.py --check` generates
into a temporary folder and exits 1, listing the differences, when generated/ is stale.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "vast.yaml"
CONFIG = ROOT / "openapi" / "generator.yaml"
TEMPLATES = ROOT / "openapi" / "templates"
PACKAGE = "vast_api"
RECORD = "GENERATED.json"


def spec_facts(spec: Path) -> str:
    """What the generator ignores but the templates need, from the spec, as Jinja: spec.jinja.

    `servers`: each path's server URL (the path's own `servers`, else the document's); `hosts`:
    (name, URL) per server, named by its host's first label (console, run); `text_statuses`: the
    statuses each path documents as text/plain (Vast's plain-text 429).
    """
    document: dict[str, Any] = yaml.safe_load(spec.read_text())
    default = document["servers"][0]["url"]
    servers: dict[str, str] = {}
    text_statuses: dict[str, list[int]] = {}
    components = document.get("components", {}).get("responses", {})
    for path, item in document["paths"].items():
        servers[path] = (item.get("servers") or document["servers"])[0]["url"]
        statuses: set[int] = set()
        for key, operation in item.items():
            if key in ("servers", "parameters", "summary", "description"):
                continue
            for status, declared in operation.get("responses", {}).items():
                answer = components[declared["$ref"].rsplit("/", 1)[1]] if "$ref" in declared else declared
                if status.isdigit() and "text/plain" in answer.get("content", {}):
                    statuses.add(int(status))
        text_statuses[path] = sorted(statuses)
    hosts: dict[str, str] = {}
    for url in [default, *servers.values()]:
        parts = urlsplit(url)
        name = (parts.hostname or "").split(".")[0]
        if parts.scheme != "https" or not name.isidentifier() or hosts.get(name, url) != url:
            raise SystemExit(f"Cannot name the server {url!r} of the spec: one https host per first label.")
        hosts[name] = url
    return (
        "{# Written by tools/generate.py from the spec's servers and content types; not a source file. #}\n"
        f"{{% set servers = {json.dumps(servers)} %}}\n"
        f"{{% set hosts = {json.dumps(sorted(hosts.items()))} %}}\n"
        f"{{% set text_statuses = {json.dumps(text_statuses)} %}}\n"
    )


def generate(out_dir: Path, spec: Path = SPEC) -> None:
    """Write the generated package and its record into out_dir (which is replaced)."""
    facts = spec_facts(spec)  # Before anything is deleted: a spec that does not load leaves generated/ as it was.
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp:
        templates = Path(tmp) / "templates"
        shutil.copytree(TEMPLATES, templates)
        (templates / "spec.jinja").write_text(facts)
        _run_generator(out_dir, spec, templates)
    record = {
        "spec": "openapi/vast.yaml",
        "spec_sha256": hashlib.sha256(spec.read_bytes()).hexdigest(),
        "config_sha256": hashlib.sha256(CONFIG.read_bytes()).hexdigest(),
        "templates_sha256": hashlib.sha256(
            b"".join(p.read_bytes() for p in sorted(TEMPLATES.rglob("*.jinja")))
        ).hexdigest(),
        "generator": f"openapi-python-client {version('openapi-python-client')}",
        "command": "make generate",
    }
    (out_dir / RECORD).write_text(json.dumps(record, indent=2) + "\n")


def _run_generator(out_dir: Path, spec: Path, templates: Path) -> None:
    bin_dir = Path(sys.executable).parent
    result = subprocess.run(
        [
            str(bin_dir / "openapi-python-client"),
            "generate",
            "--path",
            str(spec),
            "--config",
            str(CONFIG),
            # Our overrides (each says why in its header), plus spec.jinja.
            "--custom-template-path",
            str(templates),
            "--meta",
            "none",
            "--output-path",
            str(out_dir / PACKAGE),
        ],
        capture_output=True,
        text=True,
        # The post-hooks find ruff and python on PATH: make them this environment's.
        env={"PATH": f"{bin_dir}:/usr/bin:/bin", "LC_ALL": "C.UTF-8"},
        check=False,
    )
    # The generator exits 0 on warnings it prints; any warning means output is missing.
    if result.returncode != 0 or "Warning" in result.stdout or "Error" in result.stdout:
        raise SystemExit(f"openapi-python-client failed:\n{result.stdout}{result.stderr}")


def differences(expected: Path, actual: Path) -> list[str]:
    """Relative paths that are missing, extra or different between two trees."""

    def files(root: Path) -> dict[str, bytes]:
        return {
            str(p.relative_to(root)): p.read_bytes()
            for p in root.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        }

    want, have = files(expected), files(actual)
    return sorted(name for name in want.keys() | have.keys() if want.get(name) != have.get(name))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if generated/ is not current")
    parser.add_argument("--spec", type=Path, default=SPEC, help="spec to generate from")
    parser.add_argument("--target", type=Path, default=ROOT / "generated", help="folder that holds the package")
    args = parser.parse_args()
    if not args.check:
        generate(args.target, args.spec)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "generated"
        generate(fresh, args.spec)
        diff = differences(fresh, args.target)
    if diff:
        print("generated/ is stale; run `make generate`. Differing files:", *diff, sep="\n  ")
        return 1
    print("generated/ is current")
    return 0


if __name__ == "__main__":
    sys.exit(main())
