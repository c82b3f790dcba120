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

Equal values are shared, so a large load holds each once: ids and the references to them (fields
with ``REFERS_TO`` metadata) are interned, so every reference to an entry is its id's string;
and the tuples of references, the ranges, the days and the small records of plain values (a
worked muscle, a review) of one file are taken from a pool (``shared``, see :func:`structurer`),
which gives back an equal value already made.
Records are immutable, so nothing can tell a shared value from a copy but ``is``.
"""

from __future__ import annotations

import datetime
import enum
import re
import sys
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs

from spinekb._kinds import refers_to
from spinekb.models import Range


class DoesNotFitError(Exception):
    """The data does not fit the record; the cattrs converter says exactly where."""


#: The pool of one file: equal values made once (see the module). Its keys are tuples of ids, the
#: numbers and pairs of numbers of ranges, the text of days, and a record's class and fields.
Shared = dict[Any, Any]
Convert = Callable[[Any, Shared], Any]
_STRUCTURERS: dict[type, Convert] = {}
_intern = sys.intern


def structure(data: Any, cls: type) -> Any:
    """``data`` (parsed JSON) as a ``cls`` record; raises :class:`DoesNotFitError` if it does not fit."""
    return structurer(cls)(data, {})


def structurer(cls: type) -> Convert:
    """The function that structures ``cls`` records (worked out on first use, then kept).

    It takes the data and the pool of equal values (a dict, empty at the start of a file and
    shared by every record of it; a pool must not outlive its load, or it keeps its values alive).
    """
    found = _STRUCTURERS.get(cls)
    if found is not None:
        return found
    fields = [field for field in attrs.fields(cls) if field.init]
    converters = {
        field.name: (field.name, _converter(field.type, field.name == "id" or refers_to(field) is not None))
        for field in fields
    }
    # A small record of plain values (a worked muscle, a review's days, a citation) is shared with
    # the equal ones before it; an entry (it has an id) or a record holding records never is.
    pooled = all(field.name != "id" and _plain(field.type) for field in fields)

    def structure_record(data: Any, shared: Shared) -> Any:
        if type(data) is not dict:
            raise DoesNotFitError
        values = {}
        try:
            for key, value in data.items():
                name, convert = converters[key]
                values[name] = convert(value, shared)
        except KeyError:  # a key the record does not have (or an enum value it does not know)
            raise DoesNotFitError from None
        if pooled:
            same = (cls, *values.items())
            found = shared.get(same)
            if found is not None:
                return found
        try:
            record = cls(**values)
        except TypeError:  # a key the record needs is missing
            raise DoesNotFitError from None
        if pooled:
            shared[same] = record
        return record

    _STRUCTURERS[cls] = structure_record
    return structure_record


def _plain(tp: Any) -> bool:
    """Whether values of type ``tp`` hold no record: text, numbers, days, vocabularies, and
    tuples and optional values of those."""
    if tp in (str, int, bool, datetime.date) or (isinstance(tp, type) and issubclass(tp, enum.Enum)):
        return True
    return typing.get_origin(tp) in (tuple, typing.Union, types.UnionType) and all(
        arg is Ellipsis or arg is type(None) or _plain(arg) for arg in typing.get_args(tp)
    )


def _converter(tp: Any, ids: bool = False) -> Convert:
    """How to check and convert a value of type ``tp``; ``ids`` for an id or a reference."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if tp is str and ids:
        return _id
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
        if args[0] is str and ids:
            return _ids
        if args[0] in (str, int, bool):
            return _tuple_of_exact(args[0])
        return _tuple(_converter(args[0]))
    if origin in (typing.Union, types.UnionType) and type(None) in args:
        (inner,) = [arg for arg in args if arg is not type(None)]
        return _optional(_converter(inner, ids))
    raise TypeError(f"no structuring rule for {tp!r}")  # a model field of a type content never uses


def _exact(kind: type) -> Convert:
    def convert(value: Any, shared: Shared) -> Any:
        if type(value) is not kind:  # exact: True is not a whole number, 3 is not a string
            raise DoesNotFitError
        return value

    return convert


def _id(value: Any, shared: Shared) -> str:
    """An id or a reference, interned: every reference to an entry is then its id's string."""
    if type(value) is not str:
        raise DoesNotFitError
    return _intern(value)


_STR = frozenset({str})


def _ids(value: Any, shared: Shared) -> tuple[str, ...]:
    """A list of references, interned, as a tuple equal lists of the load share."""
    if type(value) is not list or not _STR.issuperset(map(type, value)):
        raise DoesNotFitError
    ids = tuple(map(_intern, value))
    return shared.setdefault(ids, ids)  # type: ignore[no-any-return]


def _enum(cls: type[enum.Enum]) -> Convert:
    members = {member.value: member for member in cls}

    def convert(value: Any, shared: Shared) -> Any:
        if type(value) is not str or value not in members:
            raise DoesNotFitError
        return members[value]

    return convert


def _tuple(inner: Convert) -> Convert:
    def convert(value: Any, shared: Shared) -> tuple[Any, ...]:
        if type(value) is not list:
            raise DoesNotFitError
        return tuple([inner(item, shared) for item in value])

    return convert


def _tuple_of_exact(kind: type) -> Convert:
    allowed = frozenset({kind})

    def convert(value: Any, shared: Shared) -> tuple[Any, ...]:
        # The items' types are gathered in C: no Python call per item (tuples of ids are most lists).
        if type(value) is not list or not allowed.issuperset(map(type, value)):
            raise DoesNotFitError
        return tuple(value)

    return convert


def _optional(inner: Convert) -> Convert:
    return lambda value, shared: None if value is None else inner(value, shared)


def _range(value: Any, shared: Shared) -> Range:
    if type(value) is int:
        key: Any = value
    elif type(value) is not dict or "min" not in value or not {"min", "max"}.issuperset(value):
        raise DoesNotFitError
    else:
        key = (value["min"], value.get("max"))
        low, high = key
        if type(low) is not int or (high is not None and (type(high) is not int or high < low)):
            raise DoesNotFitError
    found = shared.get(key)
    if found is None:
        found = shared[key] = Range(value, value) if type(value) is int else Range(*key)
    return found


#: A day as content writes it: year-month-day (the JSON Schema export says the same).
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _date(value: Any, shared: Shared) -> datetime.date:
    if type(value) is not str or not DAY.fullmatch(value):
        raise DoesNotFitError
    found = shared.get(value)
    if found is None:
        try:
            found = shared[value] = datetime.date.fromisoformat(value)
        except ValueError:
            raise DoesNotFitError from None
    return found
