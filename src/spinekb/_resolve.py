"""Turning what a caller passes (a record, an id, a name or alias) into a record."""

from __future__ import annotations

from typing import Any, TypeVar

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


def resolve_among(collections: tuple[Collection[Any], ...], value: object, parameter: str, what: str) -> Entry:
    """The entry that ``value`` names in one of ``collections``, tried in order.

    ``value`` may be a record of one of their kinds, an id, or a name or alias; an id wins over a
    name in any of them. ``what`` says what is expected, in words ("conditions or red flags").
    Raises :class:`TypeError` for anything else, and :class:`UnknownEntryError` (with close
    matches from every collection) when nothing matches.
    """
    if isinstance(value, Entry):
        for collection in collections:
            if value.kind == collection.kind:
                entry: Entry = resolve(collection, value, parameter)
                return entry
    elif isinstance(value, str):
        found: Entry | None = next((e for c in collections if (e := c.get(value)) is not None), None)
        if found is None:
            found = next((e for c in collections if (e := c.find(value)) is not None), None)
        if found is None:
            suggestions = tuple(dict.fromkeys(ident for c in collections for ident in c.suggest(value)))
            kinds = " or ".join(c.kind.replace("-", " ") for c in collections)
            raise UnknownEntryError(kinds, value, suggestions[:3])
        return found
    raise TypeError(f"{parameter}= expects {what} (records, ids or names), got {type(value).__name__}")
