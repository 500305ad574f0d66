"""Check a record against the types in ``record/types.py``: what the tests, and anyone
scripting against records, can use to see that the contract holds."""

from __future__ import annotations

import math
import types
from typing import Any, Literal, Union, get_args, get_origin

from typing_extensions import get_type_hints, is_typeddict

from newsgraph.record.types import AnalysisRecord


def problems(value: Any, schema: Any = AnalysisRecord, where: str = "record") -> list[str]:
    """Every way ``value`` departs from ``schema`` (a TypedDict or a type), as messages."""
    if is_typeddict(schema):
        if not isinstance(value, dict):
            return [f"{where}: expected an object, got {type(value).__name__}"]
        found: list[str] = []
        hints = get_type_hints(schema)
        for key in sorted(schema.__required_keys__ - value.keys()):
            found.append(f"{where}: missing {key!r}")
        for key in sorted(value.keys() - hints.keys()):
            found.append(f"{where}: unknown field {key!r}")
        for key, item in value.items():
            if key in hints:
                found += problems(item, hints[key], f"{where}.{key}")
        return found
    origin = get_origin(schema)
    if origin is Literal:
        allowed = get_args(schema)
        return [] if value in allowed else [f"{where}: {value!r} is not one of {allowed}"]
    if origin in (Union, types.UnionType):
        options = get_args(schema)
        if any(not problems(value, option, where) for option in options):
            return []
        return [f"{where}: {value!r} matches none of {options}"]
    if origin is list:
        if not isinstance(value, list):
            return [f"{where}: expected a list, got {type(value).__name__}"]
        (item,) = get_args(schema)
        return [
            p for number, x in enumerate(value) for p in problems(x, item, f"{where}[{number}]")
        ]
    if schema is type(None):
        return [] if value is None else [f"{where}: expected null"]
    if schema is float:
        # NaN and infinities are no JSON numbers: a record holding one could not be served.
        ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
        return [] if ok else [f"{where}: expected a number, got {value!r}"]
    if schema is int and isinstance(value, bool):
        return [f"{where}: expected an integer, got {value!r}"]
    if schema is Any or isinstance(value, schema):
        return []
    return [f"{where}: expected {schema.__name__}, got {type(value).__name__}"]
