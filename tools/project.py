"""Where the project's files are, and how its YAML files are read: one home for what the tools, the mock,
the tests and the bench share."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = ROOT / "openapi" / "vast.yaml"
NODE_BIN = ROOT / "node_modules" / ".bin"


def read_yaml(path: Path) -> Any:
    """A YAML file (the spec, fixtures), parsed safely by libyaml when PyYAML has it: ten times faster."""
    return yaml.load(path.read_text(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
