"""Records to plain JSON values and back: Decimal as string, Enum as its value, tuples as lists."""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from app.core import bounds

T = TypeVar("T")

JSON = Any


def to_json(value: object) -> JSON:
    """A record (or any nesting of records, tuples, Decimals, Enums) as JSON-able values."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind in _NAMES:
        names = _NAMES[kind]
    else:
        names = _NAMES[kind] = _field_names(value)
    if names is not None:
        return {name: to_json(getattr(value, name)) for name in names}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple | list):
        return [to_json(v) for v in value]
    return value


def _field_names(value: object) -> tuple[str, ...] | None:
    """The field names of a record's class in their order; None for anything but a record."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return tuple(f.name for f in dataclasses.fields(value))
    return None


# to_json looks up each value's class here, not dataclasses.is_dataclass and fields() on every
# value (every save encodes the records it writes, issue 21)
_PLAIN: frozenset[type] = frozenset({str, int, float, bool, type(None)})
_NAMES: dict[type, tuple[str, ...] | None] = {}


def from_json(cls: type[T], data: JSON) -> T:
    """The record of type cls from to_json's output; missing fields take their defaults."""
    return typing.cast(T, _decoder(typing.cast(Any, cls))(data))


Decoder = Callable[[JSON], Any]


@cache
def _decoder(tp: Any) -> Decoder:
    """A function decoding JSON values into type tp, built once per type."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = _decoder(next(a for a in typing.get_args(tp) if a is not type(None)))
        return lambda data: None if data is None else inner(data)
    if origin is tuple:
        item = _decoder(typing.get_args(tp)[0])
        return lambda data: tuple(item(v) for v in _listed(data))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _record_decoder(tp)
    if tp is Decimal:
        from app.core.money import yuan

        return yuan
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp
    if tp is int:
        return bounds.whole
    if tp is bool:
        return bounds.flag
    if tp is str:
        return _text
    return lambda data: data


def _text(data: JSON) -> str:
    if data is None:
        return ""
    if not isinstance(data, str):
        raise bounds.BoundsError(f"“{data!r}”不是文字")
    return bounds.text(data)


def _listed(data: JSON) -> list[Any]:
    if not isinstance(data, list):
        raise ValueError(f"应为一组值，而文件中是“{str(data)[:30]}”")
    return data


class FieldError(ValueError):
    """A stored value that does not fit its field: path (dotted field names) and reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"字段 {path}：{reason}")
        self.path = path
        self.reason = reason


def _record_decoder(cls: type) -> Decoder:
    hints = typing.get_type_hints(cls)
    fields = {f.name: _decoder(hints[f.name]) for f in dataclasses.fields(cls)}

    def decode(data: JSON) -> Any:
        if not isinstance(data, dict):
            raise ValueError(f"{cls.__name__}：应为一组字段，而文件中是“{str(data)[:30]}”")
        unknown = set(data) - fields.keys()
        if unknown:
            raise ValueError(f"{cls.__name__}: unknown fields {sorted(unknown)}")
        values = {}
        for k, v in data.items():
            try:
                values[k] = fields[k](v)
            except FieldError as exc:
                raise FieldError(f"{k}.{exc.path}", exc.reason) from None
            except (ValueError, TypeError, ArithmeticError) as exc:
                raise FieldError(k, str(exc)) from None
        return cls(**values)

    return decode
