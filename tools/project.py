"""Where the project's files are: one home for the paths the tools, the mock, the tests and the bench share."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = ROOT / "openapi" / "vast.yaml"
NODE_BIN = ROOT / "node_modules" / ".bin"
