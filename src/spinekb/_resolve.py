"""Turning what a caller passes (a record, an id, a name or alias) into a record."""

from __future__ import annotations

from typing import TypeVar

from spinekb._index import Collection
from spinekb.errors import UnknownEntryError
from spinekb.models import Entry

E = TypeVar("E", bound=Entry)


def resolve(collection: Collection[E], value: object, parameter: str) -> E:
    """The entry of ``collection`` that ``value`` names.

    ``value`` may be an entry of the right kind, its id, or one of its names or aliases.
    Raises :class:`TypeError` for anything else and :class:`UnknownEntryError` (with close
    matches) when nothing matches.
    """
    kind = collection.kind.replace("-", " ")
    if isinstance(value, str):
        found = collection.get(value) or collection.find(value)
        if found is None:
            raise UnknownEntryError(collection.kind, value, collection.suggest(value))
        return found
    if isinstance(value, Entry):
        if value.kind != collection.kind:
            raise TypeError(f"{parameter}= expects a {kind}, got {type(value).__name__} {value.id!r}")
        if value not in collection:
            raise UnknownEntryError(collection.kind, value.id, collection.suggest(value.id))
        return collection[value.id]
    raise TypeError(f"{parameter}= expects a {kind}, its id or its name, got {type(value).__name__}")
