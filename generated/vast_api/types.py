# Generated from openapi/vast.yaml by openapi-python-client; do not edit.
# Regenerate with: make generate (config: openapi/generator.yaml).
"""Contains some shared types for properties"""

from collections.abc import Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, Literal, TypeVar

from attrs import define, fields


class Unset:
    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus | int
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


def http_status(code: int) -> HTTPStatus | int:
    """The code as an HTTPStatus, or the plain int for a code HTTPStatus does not know (520, 499)."""
    try:
        return HTTPStatus(code)
    except ValueError:
        return code


def model_repr(model: Any) -> str:
    """`Model(field=value, ...)` with only the fields the server sent: unset ones are left out."""
    parts = [
        f"{field.name}={value!r}"
        for field in fields(type(model))
        if field.name != "additional_properties" and not isinstance(value := getattr(model, field.name), Unset)
    ]
    parts.extend(f"{name}={value!r}" for name, value in getattr(model, "additional_properties", {}).items())
    return f"{type(model).__name__}({', '.join(parts)})"


__all__ = ["UNSET", "File", "FileTypes", "RequestFiles", "Response", "Unset", "http_status", "model_repr"]
