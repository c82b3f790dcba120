"""Fast, strict structuring of content data into records.

Each record class gets a structuring function, worked out once from its fields' types: which
keys it accepts, which it needs, and how to check and convert each value. It is made of closures
rather than generated code, so the first load pays for neither compiling code nor importing
cattrs (generated code structures a large load about 30% faster, but compiling it for every
record class costs more than the whole bundled load). The rules are those of
the private cattrs converter in :mod:`spinekb._content.convert` (no unknown keys, exact JSON types, ranges
as numbers or ``{"min", "max"}``, enums by value); when an entry breaks one, :class:`DoesNotFitError` is
raised and the loader asks that converter to explain, with field paths. A property test holds the
two to the same answers.
"""

from __future__ import annotations

import datetime
import enum
import re
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs

from spinekb.models import Range


class DoesNotFitError(Exception):
    """The data does not fit the record; the cattrs converter says exactly where."""


Convert = Callable[[Any], Any]
_STRUCTURERS: dict[type, Convert] = {}


def structure(data: Any, cls: type) -> Any:
    """``data`` (parsed JSON) as a ``cls`` record; raises :class:`DoesNotFitError` if it does not fit."""
    return structurer(cls)(data)


def structurer(cls: type) -> Convert:
    """The function that structures ``cls`` records (worked out on first use, then kept)."""
    found = _STRUCTURERS.get(cls)
    if found is not None:
        return found
    fields = [field for field in attrs.fields(cls) if field.init]
    converters = {field.name: _converter(field.type) for field in fields}
    names = frozenset(converters)
    required = frozenset(field.name for field in fields if field.default is attrs.NOTHING)

    def structure_record(data: Any) -> Any:
        if type(data) is not dict or not names.issuperset(data) or not required.issubset(data):
            raise DoesNotFitError
        return cls(**{name: converters[name](value) for name, value in data.items()})

    _STRUCTURERS[cls] = structure_record
    return structure_record


def _converter(tp: Any) -> Convert:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if tp in (str, int, bool):
        return _exact(tp)
    if tp is Range:
        return _range
    if tp is datetime.date:
        return _date
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _enum(tp)
    if isinstance(tp, type) and attrs.has(tp):
        return structurer(tp)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        if args[0] in (str, int, bool):
            return _tuple_of_exact(args[0])
        return _tuple(_converter(args[0]))
    if origin in (typing.Union, types.UnionType) and type(None) in args:
        (inner,) = [arg for arg in args if arg is not type(None)]
        return _optional(_converter(inner))
    raise TypeError(f"no structuring rule for {tp!r}")  # a model field of a type content never uses


def _exact(kind: type) -> Convert:
    def convert(value: Any) -> Any:
        if type(value) is not kind:  # exact: True is not a whole number, 3 is not a string
            raise DoesNotFitError
        return value

    return convert


def _enum(cls: type[enum.Enum]) -> Convert:
    members = {member.value: member for member in cls}

    def convert(value: Any) -> Any:
        if type(value) is not str or value not in members:
            raise DoesNotFitError
        return members[value]

    return convert


def _tuple(inner: Convert) -> Convert:
    def convert(value: Any) -> tuple[Any, ...]:
        if type(value) is not list:
            raise DoesNotFitError
        return tuple([inner(item) for item in value])

    return convert


def _tuple_of_exact(kind: type) -> Convert:
    allowed = frozenset({kind})

    def convert(value: Any) -> tuple[Any, ...]:
        # The items' types are gathered in C: no Python call per item (tuples of ids are most lists).
        if type(value) is not list or not allowed.issuperset(map(type, value)):
            raise DoesNotFitError
        return tuple(value)

    return convert


def _optional(inner: Convert) -> Convert:
    return lambda value: None if value is None else inner(value)


def _range(value: Any) -> Range:
    if type(value) is int:
        return Range(value, value)
    if type(value) is not dict or "min" not in value or not {"min", "max"}.issuperset(value):
        raise DoesNotFitError
    low, high = value["min"], value.get("max")
    if type(low) is not int or (high is not None and type(high) is not int) or (high is not None and high < low):
        raise DoesNotFitError
    return Range(low, high)


#: A day as content writes it: year-month-day (the JSON Schema export says the same).
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _date(value: Any) -> datetime.date:
    if type(value) is not str or not DAY.fullmatch(value):
        raise DoesNotFitError
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise DoesNotFitError from None
