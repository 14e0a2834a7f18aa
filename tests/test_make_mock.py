"""`make mock` on a machine that is not ready: one line says what is too old, and a foreign .venv is made again."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tools.project import ROOT

pytestmark = pytest.mark.process


def fake_tool(bin_dir: Path, name: str, script: str) -> None:
    path = bin_dir / name
    path.write_text(f"#!/bin/sh\n{script}\n")
    path.chmod(0o755)


def check(place: Path, path_first: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`make mock-tools-check` in a copy of the Makefile, so the project's own .venv is never touched."""
    shutil.copy(ROOT / "Makefile", place / "Makefile")
    path = os.environ["PATH"] if path_first is None else f"{path_first}:{os.environ['PATH']}"
    env = {**os.environ, "PATH": path}
    return subprocess.run(["make", "--no-print-directory", "-s", "mock-tools-check"], cwd=place, env=env,
                          capture_output=True, text=True, timeout=60, check=False)  # fmt: skip


def test_a_python_too_old_is_said_in_one_line(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_tool(bin_dir, "python3", 'case "$1" in -V) echo "Python 3.10.12";; *) exit 1;; esac')
    done = check(tmp_path, bin_dir)
    assert done.returncode != 0
    assert done.stdout.strip() == "make mock needs Python 3.11 or newer; python3 is 3.10.12"


def test_a_node_too_old_is_said_in_one_line(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_tool(bin_dir, "node", 'case "$1" in -v) echo "v18.19.0";; *) exit 1;; esac')
    done = check(tmp_path, bin_dir)
    assert done.returncode != 0
    assert done.stdout.strip() == "make mock needs node 20 or newer; node is v18.19.0"


def test_a_venv_of_another_python_is_made_again(tmp_path: Path) -> None:
    venv_bin = tmp_path / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    fake_tool(venv_bin, "python", "exit 1")  # As a .venv made by Python 3.10 answers the version check.
    done = check(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == ".venv was made by another Python: making it again"
    assert not (tmp_path / ".venv").exists()


def test_a_ready_machine_passes_silently(tmp_path: Path) -> None:
    done = check(tmp_path)
    assert (done.returncode, done.stdout) == (0, "")
