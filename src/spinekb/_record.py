"""The one base of spinekb's records: ``repr``, equality and hashing written once.

attrs would generate and compile a ``__repr__``, ``__eq__`` and ``__hash__`` for every record
class, about 0.3 ms a class at import, a fifth of what ``import spinekb`` costs. Records instead
subclass :class:`Record` and are declared with ``@attrs.frozen(..., repr=False, eq=False)``, which
makes attrs leave these three alone. They behave as attrs' own do for fields with attrs' default
options (no ``eq_key``, no custom ``repr``, no ``hash=False``), which a test requires of every
record.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import cast

import attrs

__all__ = ["Record"]

_VALUES: dict[type, Callable[[object], object]] = {}


def _values(record: object) -> object:
    cls = type(record)
    values = _VALUES.get(cls)
    if values is None:
        names = [field.name for field in attrs.fields(cast("type[attrs.AttrsInstance]", cls)) if field.eq]
        values = _VALUES[cls] = operator.attrgetter(*names) if names else (lambda record: ())
    return values(record)


class Record:
    """The shared ``__repr__``, ``__eq__`` and ``__hash__`` of an attrs record (see the module)."""

    __slots__ = ()

    def __repr__(self) -> str:
        """``Name(field=value, ...)``, as attrs writes it."""
        fields = ", ".join(
            f"{field.name}={getattr(self, field.name)!r}"
            for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(self)))
            if field.repr
        )
        return f"{type(self).__qualname__.rsplit('>.', 1)[-1]}({fields})"

    def __eq__(self, other: object) -> bool:
        """Equal when of the same class with equal fields, as attrs compares."""
        if other.__class__ is not self.__class__:
            return NotImplemented
        return bool(_values(self) == _values(other))

    def __hash__(self) -> int:
        """A hash of the class and the fields, consistent with ``__eq__``."""
        return hash((type(self).__qualname__, _values(self)))
