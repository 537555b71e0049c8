"""One to/from JSON helper for the core's frozen dataclasses, driven by their fields.

Stored inputs and results are plain JSON: dates as ISO strings, Decimals as strings,
tuples as lists, floats rounded to method.FLOAT_PLACES. `from_data` reads that back by the
field's declared type, so each dataclass states its shape once, in its fields.
"""

import types
from collections.abc import Mapping
from dataclasses import MISSING, fields, is_dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

from assessments import method

T = TypeVar("T")


def to_data(value: object) -> Any:
    """JSON-serializable form of a core dataclass (or of one of its field values)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, float):
        return round(value, method.FLOAT_PLACES)
    if isinstance(value, str):
        return str(value)  # a StrEnum member as its plain value
    if isinstance(value, tuple | list):
        return [to_data(item) for item in value]
    return value


def _parse(kind: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(kind)
    if origin in (Union, types.UnionType):
        (kind,) = (arg for arg in get_args(kind) if arg is not type(None))
        return _parse(kind, value)
    if origin is tuple:
        return tuple(_parse(get_args(kind)[0], item) for item in value)
    if is_dataclass(kind) and isinstance(kind, type):
        return from_data(kind, value)
    if kind is date:
        return date.fromisoformat(value)
    if kind is Decimal or kind is float:
        return kind(value)
    return value


def from_data(cls: type[T], data: Mapping[str, Any]) -> T:
    """The dataclass `to_data` stored; a field missing from `data` takes its default."""
    assert is_dataclass(cls)
    hints = get_type_hints(cls)
    values = {}
    for f in fields(cls):
        if f.name in data:
            values[f.name] = _parse(hints[f.name], data[f.name])
        elif f.default is MISSING and f.default_factory is MISSING:
            raise KeyError(f"{cls.__name__}: {f.name!r} missing from stored data")
    return cls(**values)
