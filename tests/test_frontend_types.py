"""The frontend's TypeScript types come from the spec, are checked for drift, and type the documented example."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tools.project import NODE_BIN, ROOT, SPEC_PATH

pytestmark = pytest.mark.process

FRONTEND = ROOT / "frontend"
TYPES = FRONTEND / "vast-api.d.ts"


def run(*command: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in command], capture_output=True, text=True, timeout=120, check=False, cwd=ROOT)


@pytest.fixture
def scratch() -> Iterator[Path]:
    # Inside the project, so the copy resolves openapi-fetch from its node_modules like frontend/ does.
    place = ROOT / "build" / f"types-test-{id(object())}"
    place.mkdir(parents=True)
    yield place
    shutil.rmtree(place)


def test_the_committed_types_match_the_spec() -> None:
    checked = run(NODE_BIN / "openapi-typescript", SPEC_PATH, "--output", TYPES, "--check")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_spec_change_makes_the_types_stale(scratch: Path) -> None:
    changed = SPEC_PATH.read_text().replace(
        "        id: {type: integer, description: Instance id.}",
        "        id: {type: integer, description: Instance id.}\n        nickname: {type: string}",
    )
    assert changed != SPEC_PATH.read_text()
    (scratch / "vast.yaml").write_text(changed)
    shutil.copy(TYPES, scratch / "vast-api.d.ts")
    checked = run(
        NODE_BIN / "openapi-typescript", scratch / "vast.yaml", "--output", scratch / "vast-api.d.ts", "--check"
    )
    assert checked.returncode != 0
    assert "not up-to-date" in checked.stdout + checked.stderr


def test_the_documented_example_compiles_and_a_wrong_call_does_not(scratch: Path) -> None:
    compiled = run(NODE_BIN / "tsc", "--noEmit", "-p", FRONTEND)
    assert compiled.returncode == 0, compiled.stdout
    for name in ("tsconfig.json", "vast-api.d.ts"):
        shutil.copy(FRONTEND / name, scratch / name)
    example = (FRONTEND / "example.ts").read_text()
    wrong = example.replace("body: { id: endpoint }", "body: { id: String(endpoint) }")
    assert wrong != example
    (scratch / "example.ts").write_text(wrong)
    refused = run(NODE_BIN / "tsc", "--noEmit", "-p", scratch)
    assert refused.returncode != 0
    assert "Type 'string' is not assignable to type 'number'" in refused.stdout


PLAYWRIGHT_TSCONFIG = {
    "compilerOptions": {
        "strict": True,
        "noEmit": True,
        "target": "ES2022",
        "module": "ESNext",
        "moduleResolution": "Bundler",
        "lib": ["ESNext", "DOM"],
        "types": ["node"],
        "skipLibCheck": True,  # The example is checked against Playwright's types, not their insides.
    },
    "include": ["*.ts"],
}


def readme_playwright_example() -> str:
    """The mock README's Playwright test, as a reader copies it into tests/instance-card.spec.ts."""
    text = (ROOT / "mock" / "README.md").read_text()
    start = text.index("```ts\n// tests/instance-card.spec.ts") + len("```ts\n")
    return text[start : text.index("\n```", start) + 1]


def test_the_mock_readmes_playwright_example_compiles_and_a_misspelt_option_does_not(scratch: Path) -> None:
    """Checked against @playwright/test's own types (pinned beside the Python twin's Playwright):
    every call and fixture it uses exists as written; a misspelt option is refused by name."""
    (scratch / "tsconfig.json").write_text(json.dumps(PLAYWRIGHT_TSCONFIG))
    example = readme_playwright_example()
    (scratch / "instance-card.spec.ts").write_text(example)
    compiled = run(NODE_BIN / "tsc", "--noEmit", "-p", scratch)
    assert compiled.returncode == 0, compiled.stdout
    wrong = example.replace("extraHTTPHeaders:", "extraHeaders:")
    assert wrong != example
    (scratch / "instance-card.spec.ts").write_text(wrong)
    refused = run(NODE_BIN / "tsc", "--noEmit", "-p", scratch)
    assert refused.returncode != 0
    assert "'extraHeaders' does not exist" in refused.stdout
