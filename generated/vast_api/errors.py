# Generated from openapi/vast.yaml by openapi-python-client; do not edit.
# Regenerate with: make generate (config: openapi/generator.yaml).
"""Contains shared errors types that can be raised from API functions"""

from typing import Any


class UnexpectedStatus(Exception):
    """Raised by api functions when the response status an undocumented status and Client.raise_on_unexpected_status is True"""

    def __init__(self, status_code: int, content: bytes):
        self.status_code = status_code
        self.content = content

        super().__init__(
            f"Unexpected status code: {status_code}\n\nResponse content:\n{content.decode(errors='ignore')}"
        )


class UnexpectedValue(ValueError):
    """A value in a body that fits none of its attribute's annotated types: `Model.field` is never set to it.

    from_dict raises it; the API functions catch it and give `Response(parsed=None, problem=str(error))`,
    with the whole body still in `content`.
    """

    def __init__(self, where: str, expected: str, value: Any):
        self.where, self.expected, self.value = where, expected, value
        shown = repr(value)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        super().__init__(f"{where} is {shown} ({type(value).__name__}), which fits none of: {expected}")


class UnexpectedContentType(ValueError):
    """A body of a content type the spec does not document for its status (an HTML page for a JSON-only status)."""

    def __init__(self, content_type: str, documented: str):
        self.content_type, self.documented = content_type, documented
        super().__init__(f"the body is {content_type or 'unlabelled'}; the spec documents {documented} for this status")


__all__ = ["UnexpectedContentType", "UnexpectedStatus", "UnexpectedValue"]
