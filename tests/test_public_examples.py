"""Every answer Vast publishes, or its official client's tests quote, validates against the spec."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tools.project import read_yaml
from tools.specs import answer_problems

FIXTURES = Path(__file__).parent / "fixtures" / "public_answers.yaml"
ROUTES = {
    "show_instance": ("/api/v0/instances/{id}/", "get"),
    "get_endpoint_workers": ("/get_endpoint_workers/", "post"),
    "get_autogroup_workers": ("/get_autogroup_workers/", "post"),
}
EXAMPLES: list[dict[str, Any]] = read_yaml(FIXTURES)


def test_the_fixtures_cover_every_operation_and_name_their_source() -> None:
    assert {e["operation"] for e in EXAMPLES} == set(ROUTES)
    assert all(e["source"].startswith("vast-ai/") for e in EXAMPLES)


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["source"].split(": ", 1)[-1][:60] for e in EXAMPLES])
def test_a_published_answer_fits_the_spec(example: dict[str, Any]) -> None:
    path, method = ROUTES[example["operation"]]
    body = example["body"]
    text = example["content_type"].startswith("text/")
    content = body.encode() if text else json.dumps(body).encode()
    assert answer_problems(path, method, example["status"], example["content_type"], content) == []
