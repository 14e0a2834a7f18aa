"""schemathesis hooks of the contract suite (SCHEMATHESIS_HOOKS=tools.contract_checks).

`response_fits_the_spec` replaces the built-in response_schema_conformance: the same
validation, but its failure names the field's JSON path and what the spec expects there,
even inside a oneOf/anyOf, where the built-in one names only the whole value.
"""

from __future__ import annotations

from typing import Any

import schemathesis

from tools.specs import answer_problems, documented_statuses, spec


@schemathesis.check
def response_fits_the_spec(ctx: Any, response: Any, case: Any) -> bool | None:
    path, method = case.operation.path, case.method.lower()
    if method not in spec()["paths"].get(path, {}) or response.status_code not in documented_statuses(path, method):
        return None  # Another method (unsupported_method's cases) or status (status_code_conformance's).
    content_type = response.headers.get("content-type", [""])
    content_type = content_type[0] if isinstance(content_type, list) else content_type
    problems = answer_problems(path, method, response.status_code, content_type or "", response.content)
    if problems:
        raise AssertionError("; ".join(problems))
    return True
