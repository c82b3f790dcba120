"""The library's one private cattrs converter, between records and JSON-ready data.

It is strict where cattrs is lenient by default, because a lenient reader hides mistakes in
content files: unknown keys are errors, a number is not silently turned into a string (or the
other way round), and a string is not split into a tuple of characters.
"""

from __future__ import annotations

import datetime
import enum
import re
import typing
from collections.abc import Callable
from typing import Any

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_structure_fn
from cattrs.v import transform_error

from spinekb.models import Range, Vocabulary


class WrongTypeError(TypeError):
    """A value in content data has the wrong JSON type; the message says what was expected."""


_JSON_NAMES = {str: "a string", int: "a whole number", bool: "true or false"}


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _strict(kind: type) -> Callable[[Any, type], Any]:
    def structure(value: Any, _: type) -> Any:
        # bool is a subclass of int, so True must not pass for a whole number.
        if type(value) is not kind:
            raise WrongTypeError(f"expected {_JSON_NAMES[kind]}, got {_json_type(value)}")
        return value

    return structure


def _structure_enum(value: Any, cls: type[enum.Enum]) -> enum.Enum:
    if not isinstance(value, str):
        raise WrongTypeError(f"expected a string, got {_json_type(value)}")
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(repr(member.value) for member in cls)
        raise WrongTypeError(f"{value!r} is not one of {allowed}") from None


def _structure_range(value: Any, _: type) -> Range:
    if type(value) is int:
        return Range(value, value)
    if not isinstance(value, dict):
        raise WrongTypeError(f"expected a whole number or an object with min and max, got {_json_type(value)}")
    extra = set(value) - {"min", "max"}
    if extra:
        raise WrongTypeError(f"unknown key(s) {', '.join(sorted(map(str, extra)))}; a range has min and max")
    if "min" not in value:
        raise WrongTypeError("a range needs min")
    low = value["min"]
    high = value.get("max")
    if type(low) is not int or (high is not None and type(high) is not int):
        raise WrongTypeError("min and max must be whole numbers")
    if high is not None and high < low:
        raise WrongTypeError(f"max ({high}) is below min ({low})")
    return Range(low, high)


# The same rule as the fast structurer's (``structure.DAY``), written again on purpose: this
# converter is the loader's second opinion, held to the same answers by a property test.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _structure_date(value: Any, _: type) -> datetime.date:
    if not isinstance(value, str):
        raise WrongTypeError(f"expected a date written as a string (2026-12-03), got {_json_type(value)}")
    if not _DATE.fullmatch(value):
        raise WrongTypeError(f"{value!r} is not a date written year-month-day (2026-12-03)")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise WrongTypeError(f"{value!r} is not a day of the calendar") from None


def _unstructure_date(value: datetime.date) -> str:
    return value.isoformat()


def _unstructure_range(value: Range) -> int | dict[str, int]:
    if value.max == value.min:
        return value.min
    if value.max is None:
        return {"min": value.min}
    return {"min": value.min, "max": value.max}


def _is_homogeneous_tuple(tp: Any) -> bool:
    args = typing.get_args(tp)
    return typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook_factory(tp: Any, converter: cattrs.Converter) -> Callable[[Any, type], Any]:
    inner = homogenous_tuple_structure_factory(tp, converter)

    def structure(value: Any, cls: type) -> Any:
        if not isinstance(value, list):
            raise WrongTypeError(f"expected a list, got {_json_type(value)}")
        return inner(value, cls)

    return structure


def _is_record(tp: Any) -> bool:
    return isinstance(tp, type) and attrs.has(tp)


def _record_structure_factory(cls: type, converter: cattrs.Converter) -> Callable[[Any, type], Any]:
    inner: Callable[[Any, type], Any] = make_dict_structure_fn(cls, converter)

    def structure(value: Any, tp: type) -> Any:
        if not isinstance(value, dict):
            raise WrongTypeError(f"expected an object, got {_json_type(value)}")
        return inner(value, tp)

    return structure


def _record_unstructure_factory(cls: type, converter: cattrs.Converter) -> Callable[[Any], Any]:
    # Fields in declaration order, defaults left out: this is the canonical file layout.
    fields = [(field.name, field.default) for field in attrs.fields(cls) if field.init]
    unstructure = converter.unstructure

    def to_data(record: Any) -> dict[str, Any]:
        data = {}
        for name, default in fields:
            value = getattr(record, name)
            if default is not attrs.NOTHING and value == default:
                continue
            data[name] = unstructure(value)
        return data

    return to_data


def make_converter() -> cattrs.Converter:
    """Build the strict converter. Callers keep one; building it is not free."""
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    for kind in (str, int, bool):
        converter.register_structure_hook(kind, _strict(kind))
    # The vocabularies subclass str; registering their base keeps them off the str hook above.
    converter.register_structure_hook(enum.Enum, _structure_enum)
    converter.register_structure_hook(Vocabulary, _structure_enum)
    converter.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook_factory)
    converter.register_structure_hook_factory(_is_record, _record_structure_factory)
    converter.register_unstructure_hook_factory(_is_record, _record_unstructure_factory)
    converter.register_structure_hook(Range, _structure_range)
    converter.register_unstructure_hook(Range, _unstructure_range)
    converter.register_structure_hook(datetime.date, _structure_date)
    converter.register_unstructure_hook(datetime.date, _unstructure_date)
    converter.register_unstructure_hook_func(
        lambda tp: _is_homogeneous_tuple(tp) or tp is tuple, _unstructure_tuple(converter)
    )
    return converter


def _unstructure_tuple(converter: cattrs.Converter) -> Callable[[Any], list[Any]]:
    unstructure = converter.unstructure

    def to_list(value: tuple[Any, ...]) -> list[Any]:
        return [unstructure(item) for item in value]

    return to_list


# Fields of earlier content formats, and what took their place.
_REPLACED = {
    "primary_muscles": "primary_muscles and secondary_muscles are now muscles, each with a role "
    '({"muscle": "gluteus-medius", "role": "target"}; see docs/content.md)',
}


def _format(exc: BaseException, tp: type | None) -> str:
    if isinstance(exc, WrongTypeError):
        return str(exc)
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        message = f"unknown field(s): {', '.join(sorted(exc.extra_fields))}"
        replaced = sorted(_REPLACED.keys() & exc.extra_fields)
        if replaced:
            message += "; " + "; ".join(_REPLACED[name] for name in replaced)
        return message
    if isinstance(exc, AttributeError) and "has no attribute 'items'" in str(exc):
        return "expected an object"
    if isinstance(exc, TypeError) and "argument after ** must be a mapping" in str(exc):
        return "expected an object"
    name = getattr(tp, "__name__", None) or repr(tp)
    return f"invalid value ({exc}), expected {name}" if tp is not None else f"invalid value ({exc})"


def describe_error(exc: BaseException) -> list[tuple[str, str]]:
    """Turn a structuring error into ``(field path, message)`` pairs; the path starts with ``$``."""
    if not isinstance(exc, (ClassValidationError, IterableValidationError)):
        return [("$", _format(exc, None))]
    problems = []
    for line in transform_error(exc, path="$", format_exception=_format):
        message, _, path = line.rpartition(" @ ")
        problems.append((path, message))
    return problems
