"""Records to plain JSON values and back: Decimal as string, Enum as its value, tuples as lists."""

from __future__ import annotations

import dataclasses
import types
import typing
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")

JSON = Any


def to_json(value: object) -> JSON:
    """A record (or any nesting of records, tuples, Decimals, Enums) as JSON-able values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple | list):
        return [to_json(v) for v in value]
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_json(cls: type[T], data: JSON) -> T:
    """The record of type cls from to_json's output; missing fields take their defaults."""
    return typing.cast(T, _decode(cls, data))


def _decode(tp: Any, data: JSON) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if data is None:
            return None
        return _decode(args[0], data)
    if origin is tuple:
        item = typing.get_args(tp)[0]
        return tuple(_decode(item, v) for v in data)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        known = {f.name for f in dataclasses.fields(tp)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"{tp.__name__}: unknown fields {sorted(unknown)}")
        return tp(**{k: _decode(hints[k], v) for k, v in data.items()})
    if tp is Decimal:
        from app.money import yuan

        return yuan(data)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(data)
    if tp is int and not isinstance(data, bool):
        return int(data)
    if tp is bool:
        return bool(data)
    if tp is str:
        return "" if data is None else str(data)
    return data
