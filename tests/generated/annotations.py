"""Whether a generated model's attributes hold what their annotations say, checked at run time, strictly.

Strict as a `match` statement is: a `float` attribute holds a float (not an int), an `int` one an int
(not a bool); a list its annotated items; a model its own annotated attributes, recursively.
"""

from __future__ import annotations

import functools
import math
import types
import typing
from typing import Any

import attrs


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    module = __import__(cls.__module__.rsplit(".models.", 1)[0] + ".models", fromlist=["*"])
    return typing.get_type_hints(cls, localns=vars(module))


def mismatches(value: Any, annotation: Any = None, where: str = "") -> list[str]:  # noqa: PLR0911 - one return per kind of type.
    """Where `value` (a model, or a value annotated `annotation`) holds what its annotation forbids."""
    if annotation is None:
        annotation = type(value)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if annotation is Any:
        return []
    if origin in (typing.Union, types.UnionType):
        found = [mismatches(value, arg, where) for arg in args]
        return [] if any(not problems for problems in found) else [f"{where}: {value!r} is none of {annotation}"]
    if origin is list:
        if type(value) is not list:
            return [f"{where}: {value!r} is not a list"]
        return [p for i, item in enumerate(value) for p in mismatches(item, args[0] if args else Any, f"{where}[{i}]")]
    if origin is dict:
        if type(value) is not dict:
            return [f"{where}: {value!r} is not a dict"]
        return [p for k, item in value.items() for p in mismatches(item, args[1] if args else Any, f"{where}[{k!r}]")]
    if annotation is None or annotation is type(None):
        return [] if value is None else [f"{where}: {value!r} is not None"]
    if isinstance(annotation, type) and attrs.has(annotation):
        if not isinstance(value, annotation):
            return [f"{where}: {value!r} is not {annotation.__name__}"]
        hints = _hints(annotation)
        return [
            p
            for field in attrs.fields(annotation)
            for p in mismatches(getattr(value, field.name), hints[field.name], f"{where}.{field.name}".lstrip("."))
        ]
    if isinstance(annotation, type):
        return (
            []
            if type(value) is annotation or (annotation.__name__ == "Unset" and type(value).__name__ == "Unset")
            else [f"{where}: {value!r} ({type(value).__name__}) is not {annotation.__name__}"]
        )
    return [f"{where}: cannot check {annotation!r}"]


def same(parsed: Any, sent: Any) -> bool:
    """Equal, a numeric string sent and the number parsed counting as the same (float("0.75") == 0.75)."""
    if isinstance(sent, dict):
        return (
            isinstance(parsed, dict)
            and parsed.keys() == sent.keys()
            and all(same(parsed[k], v) for k, v in sent.items())
        )
    if isinstance(sent, list):
        return isinstance(parsed, list) and len(parsed) == len(sent) and all(map(same, parsed, sent))
    if isinstance(sent, str) and type(parsed) in (int, float):
        return bool(type(parsed)(sent) == parsed)
    if type(sent) is int and type(parsed) is float:  # An int in a number field: the nearest float.
        try:
            return float(sent) == parsed
        except OverflowError:
            return parsed == (math.inf if sent > 0 else -math.inf)
    return type(parsed) in (type(sent), float) and parsed == sent
