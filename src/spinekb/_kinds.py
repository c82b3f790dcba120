"""The kinds of entry and the generic walks over records.

Everything that needs to know which kinds exist, what a kind's names are, or where a record
refers to other entries (the ``REFERS_TO`` field metadata) asks this module:

- :data:`KINDS`: each kind's file stem and record class, in loading order;
- :func:`kind_class`: the one resolver of kind names ("exercises", "red-flags", "red_flags",
  "red-flag", a record class);
- :func:`refers_to`, :func:`references` and :func:`cited_ids`: the one walk over references;
- :func:`plain`: the one conversion of a record to plain data.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import Any

import attrs

from spinekb import models
from spinekb.errors import UnknownKindError
from spinekb.models import REFERS_TO, Entry, Range

__all__ = ["KINDS", "cited_ids", "kind_class", "kind_names", "plain", "references", "refers_to"]

#: The kinds of record, in loading order: (file stem, record class).
KINDS: tuple[tuple[str, type[Entry]], ...] = (
    ("sources", models.Source),
    ("regions", models.Region),
    ("muscle-groups", models.MuscleGroup),
    ("muscles", models.Muscle),
    ("symptoms", models.Symptom),
    ("exercises", models.Exercise),
    ("conditions", models.Condition),
    ("treatments", models.Treatment),
    ("red-flags", models.RedFlag),
    ("topics", models.Topic),
    ("lexicons", models.Lexicon),
)

_BY_NAME: dict[str, type[Entry]] = {
    name: cls for stem, cls in KINDS for name in (stem, cls.kind, stem.replace("-", "_"), cls.kind.replace("-", "_"))
}


def kind_names() -> tuple[str, ...]:
    """The file stem of every kind, in loading order ("sources", ..., "topics", "lexicons")."""
    return tuple(stem for stem, _ in KINDS)


def kind_class(kind: object) -> type[Entry]:
    """The record class of a kind: given as its class, its file stem (``"red-flags"``), its
    attribute on a knowledge base (``"red_flags"``) or its kind (``"red-flag"``); case and
    surrounding spaces are ignored.

    Raises :class:`spinekb.UnknownKindError` (a :class:`ValueError`) naming the kinds and the
    close ones for an unknown name, and :class:`TypeError` for anything that is neither a record
    class nor a string.
    """
    if isinstance(kind, type) and issubclass(kind, Entry) and kind in _BY_NAME.values():
        return kind
    if isinstance(kind, str):
        found = _BY_NAME.get(kind.strip().lower().replace(" ", "-"))
        if found is not None:
            return found
        shown, close = repr(kind), _close_kinds(kind)
    elif isinstance(kind, type):
        shown, close = kind.__name__, ()
    else:
        raise TypeError(f"kind must be a record class or a name such as 'exercises', got {type(kind).__name__}")
    raise UnknownKindError(shown, kind_names(), close)


def _close_kinds(name: str) -> tuple[str, ...]:
    """The kinds (as file stems) with a name close to ``name``, best first."""
    import difflib  # here, not at import: only a mistake needs it

    stem_of = {known: stem for stem, cls in KINDS for known in (stem, cls.kind)}
    close = difflib.get_close_matches(name.strip().lower().replace(" ", "-").replace("_", "-"), stem_of, n=6)
    return tuple(dict.fromkeys(stem_of[known] for known in close))[:3]


# --- the walk over references -------------------------------------------------------------------

_Walk = tuple[tuple[str, tuple[str, ...] | None, bool], ...]
_WALKS: dict[type, _Walk] = {}


def refers_to(field: attrs.Attribute[Any]) -> tuple[str, ...] | None:
    """The kinds an id field may refer to ("*" for any), or ``None`` when it holds no ids."""
    kinds: tuple[str, ...] | None = field.metadata.get(REFERS_TO)
    return kinds


def _walk(cls: type) -> _Walk:
    """The fields of ``cls`` that can hold references: (name, kinds or ``None`` for nested
    records, whether it is a tuple). Worked out once per class."""
    walk = _WALKS.get(cls)
    if walk is None:
        steps: list[tuple[str, tuple[str, ...] | None, bool]] = []
        for field in attrs.fields(cls):
            kinds = refers_to(field)
            if kinds is not None:
                steps.append((field.name, kinds, False))
            elif field.name not in ("id", "name", "aliases", "summary"):
                steps.append((field.name, None, False))
        walk = _WALKS[cls] = tuple(steps)
    return walk


def references(value: Any, path: str = "$") -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """Every reference anywhere in a record, nested records included: ``(path, id, kinds)``.

    Paths are written as content error messages write them (``$.benefits[0].sources[1]``), in
    field order.
    """
    for name, kinds, _ in _walk(type(value)):
        item = getattr(value, name)
        here = f"{path}.{name}"
        if kinds is not None:
            if isinstance(item, tuple):
                yield from ((f"{here}[{index}]", ident, kinds) for index, ident in enumerate(item))
            elif item is not None:
                yield here, item, kinds
        elif isinstance(item, tuple):
            for index, element in enumerate(item):
                if _is_record(element):
                    yield from references(element, f"{here}[{index}]")
        elif _is_record(item):
            yield from references(item, here)


def cited_ids(value: Any) -> set[str]:
    """Every source id cited anywhere inside a record."""
    return {ident for _, ident, kinds in references(value) if kinds == ("source",)}


def _is_record(value: object) -> bool:
    return attrs.has(type(value)) and type(value) is not Range


# --- plain data ---------------------------------------------------------------------------------


def plain(value: Any, *, sequence: type[list[Any]] | type[tuple[Any, ...]] = list) -> Any:
    """A value as plain Python data: vocabulary values as their strings, records as dictionaries
    of every field in declaration order, and tuples as ``sequence`` (lists for JSON, tuples for
    DataFrames). Other values (text, numbers, booleans, ``None``) are returned as they are.

    This is the conversion behind DataFrames and the answers' ``to_dict()``; content files and
    exports write records in the content format (defaults left out, ranges in their shorthand)
    through the content converter instead.
    """
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return sequence(plain(item, sequence=sequence) for item in value)
    if attrs.has(type(value)):
        return {field.name: plain(getattr(value, field.name), sequence=sequence) for field in attrs.fields(type(value))}
    return value
