"""The drift check catches a spec that changed without `make generate`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import vast_api

from tests.spec import ROOT, SPEC_PATH

pytestmark = pytest.mark.process

GENERATE = ROOT / "tools" / "generate.py"


def _check(spec: Path, target: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(GENERATE), "--check", "--spec", str(spec), "--target", str(target)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_drift_check_fails_when_the_spec_changes(tmp_path: Path) -> None:
    """Editing a copy of the spec without regenerating makes the check fail and name the files."""
    spec = tmp_path / "vast.yaml"
    text = SPEC_PATH.read_text()
    spec.write_text(text.replace("summary: Show one instance", "summary: Show a single instance"))
    target = tmp_path / "generated"
    shutil.copytree(ROOT / "generated", target)

    result = _check(spec, target)

    assert result.returncode == 1
    assert "generated/ is stale" in result.stdout
    assert "vast_api/api/instances/show_instance.py" in result.stdout
    assert "GENERATED.json" in result.stdout


def test_generated_files_say_they_are_generated() -> None:
    """Every generated Python file opens with the do-not-edit line naming the spec and command."""
    package = Path(vast_api.__file__).parent
    files = sorted(package.rglob("*.py"))
    assert files
    for path in files:
        head = path.read_text().splitlines()[:2]
        assert head[0].startswith("# Generated from openapi/vast.yaml"), path
        assert "make generate" in head[1], path
    assert (package / "py.typed").exists()
