"""Turning what a caller passes (a record, an id, a name or alias) into a record."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar, cast

from spinekb._query.collection import Collection
from spinekb.errors import UnknownEntryError
from spinekb.models import Avoided, Condition, Entry, RedFlag, Symptom

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


def avoided(
    conditions: Collection[Condition],
    red_flags: Collection[RedFlag],
    avoid: object,
    symptoms: Collection[Symptom],
) -> tuple[Avoided, ...]:
    """The conditions and red flags that an ``avoid=`` argument names (one, or several in an
    iterable), each once, in the order given; and symptoms (pregnancy), given as records or by
    id. Raises as :func:`resolve_among` does."""
    if isinstance(avoid, (str, Entry)):
        avoid = (avoid,)
    elif not isinstance(avoid, Iterable):
        raise TypeError(f"avoid= expects conditions or red flags, got {type(avoid).__name__}")
    found: dict[str, Avoided] = {}
    for item in avoid:
        entry: Avoided
        if isinstance(item, Symptom):
            entry = item
        else:
            try:
                entry = cast(
                    "Condition | RedFlag",
                    resolve_among((conditions, red_flags), item, "avoid", "conditions or red flags"),
                )
            except UnknownEntryError:
                symptom = symptoms.get(item) if isinstance(item, str) else None
                if symptom is None:
                    raise
                entry = symptom
        found.setdefault(entry.id, entry)
    return tuple(found.values())
