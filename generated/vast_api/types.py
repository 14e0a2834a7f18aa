# Generated from openapi/vast.yaml by openapi-python-client; do not edit.
# Regenerate with: make generate (config: openapi/generator.yaml).
"""Contains some shared types for properties"""

import json
import math
import re
from collections.abc import Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, Literal, TypeVar

from attrs import define, fields

from .errors import UnexpectedContentType, UnexpectedValue


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
    """The documented answer for this status and content type; None when there is none (see problem)."""
    problem: str | None = None
    """Why parsed is None although the status is documented: the body does not fit what the spec says."""


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


NoneType = type(None)


class _Built:
    """A Fit member: a model or enum its own from_dict already built and checked."""

    def __repr__(self) -> str:
        return "model"


BUILT = _Built()
ANY = object()
_BIG = 2**1000  # An int below this in size converts to a float without overflow.
_JSON_TYPES = (str, int, float, bool, NoneType, list, dict)


class ListOf:
    """A Fit member: a list whose items each fit `members`."""

    __slots__ = ("item",)

    def __init__(self, *members: Any) -> None:
        self.item = Fit("", *members)

    def __repr__(self) -> str:
        return f"list[{self.item.expected}]"


class Fit:
    """What one attribute may hold, checked as a model is read, so that its annotation holds.

    `fast` holds the classes stored as they are. Anything else goes through the call, which converts
    what the spec allows (an int for a float, as the nearest float; with `numbers`, the spec's pattern for numbers sent as
    strings: "0.75" -> 0.75, "123" -> 123; an integral float for an int) and raises UnexpectedValue,
    naming the attribute, for a value that fits no annotated type.
    """

    __slots__ = ("expected", "fast", "members", "numbers", "where")

    def __init__(self, where: str, *members: Any, numbers: str | None = None) -> None:
        self.where = where
        self.members = tuple(NoneType if member is None else member for member in members)
        self.numbers = re.compile(numbers) if numbers else None
        exact = {str, int, float, bool, NoneType, Unset}
        self.fast = frozenset(
            [m for m in self.members if m in exact]
            + [list for m in self.members if isinstance(m, ListOf) and m.item.members == (ANY,)]
        )
        self.expected = " | ".join(
            "None" if m is NoneType else getattr(m, "__name__", None) or repr(m) for m in self.members
        )

    def checks(self) -> tuple[frozenset[type], Any]:
        """(the classes stored as they are, the function for any other value): what from_dict calls.

        The function takes the common conversions first (an int for a float; a numeric string, its
        pattern's verdict remembered for the last 1,024 strings), without a loop: 10,000 workers.
        """
        general = self.__call__
        numbers = self.numbers
        kind = next((m for m in self.members if m in (float, int)), None)
        if kind is None:
            return self.fast, general
        match = numbers.search if numbers is not None else None
        memo: dict[str, Any] = {}

        def check(value: Any) -> Any:
            cls = value.__class__
            if cls is int and kind is float and -_BIG < value < _BIG:
                return float(value)
            if cls is str and match is not None:
                known = memo.get(value)
                if known is not None:
                    return known
                if match(value):
                    try:
                        number = kind(value)
                    except ValueError:  # Longer than int() reads: the general path says why.
                        return general(value)
                    if len(memo) >= 1024:
                        memo.clear()
                    memo[value] = number
                    return number
            return general(value)

        return self.fast, check

    def __call__(self, value: Any) -> Any:
        kind = value.__class__
        for member in self.members:
            if member is ANY or kind is member:
                return value
            if member is float:
                if kind is int:
                    try:
                        return float(value)  # Rounded to the nearest float, as json.loads reads 0.1000000000000000055.
                    except OverflowError:  # Beyond a float: infinity, as json.loads reads 1e400.
                        return math.inf if value > 0 else -math.inf
                if kind is str and self.numbers is not None and self.numbers.search(value):
                    return float(value)
            elif member is int:
                if kind is float and value.is_integer():
                    return int(value)
                if kind is str and self.numbers is not None and self.numbers.search(value):
                    try:
                        return int(value)
                    except ValueError:  # Longer than int() reads: fits no member.
                        pass
            elif member is BUILT:
                if kind not in _JSON_TYPES and not isinstance(value, Unset):
                    return value
            elif isinstance(member, ListOf) and kind is list:
                item = member.item
                try:
                    return [v if v.__class__ in item.fast else item(v) for v in value]
                except UnexpectedValue:
                    pass
        raise UnexpectedValue(self.where, self.expected, value)


def fit_list(value: Any, where: str, optional: bool) -> Any:
    """A list of models' source, checked to be a list before its items are built (a string is not)."""
    if value.__class__ is list or (optional and isinstance(value, Unset)):
        return value
    raise UnexpectedValue(where, "list", value)


def fit_object(value: Any, where: str) -> Mapping[str, Any]:
    """A model's source, checked to be a JSON object (a list of pairs is not)."""
    if value.__class__ is dict or isinstance(value, Mapping):
        return value
    raise UnexpectedValue(where, "object", value)


def explain(error: BaseException) -> str:
    """Why a documented answer could not be read, in one line."""
    if isinstance(error, UnexpectedValue | UnexpectedContentType):
        return str(error)
    if isinstance(error, json.JSONDecodeError):
        return f"the body is not JSON ({error.msg} at character {error.pos})"
    if isinstance(error, UnicodeDecodeError):
        return "the body is not UTF-8 text"
    if isinstance(error, KeyError):
        return f"a required field is missing: {error.args[0]!r}"
    if isinstance(error, RecursionError):
        return "the body nests too deeply to read"
    return f"the body does not have the documented shape ({type(error).__name__}: {error})"[:300]


def is_text(response: Any) -> bool:
    """Whether an httpx answer says it is text/*."""
    return str(response.headers.get("content-type", "")).lower().lstrip().startswith("text/")


def is_json(response: Any) -> bool:
    """Whether an httpx answer may be read as JSON: it says so (application/json, +json), or says nothing."""
    media = str(response.headers.get("content-type", "")).split(";")[0].strip().lower()
    return media in ("", "application/json") or media.endswith("+json")


__all__ = [
    "ANY",
    "BUILT",
    "UNSET",
    "File",
    "FileTypes",
    "Fit",
    "ListOf",
    "RequestFiles",
    "Response",
    "Unset",
    "explain",
    "fit_list",
    "fit_object",
    "http_status",
    "is_json",
    "is_text",
    "model_repr",
]
