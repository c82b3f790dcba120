"""What every export format shares: output paths, records in the content format, and the
fields and documentation of the record classes, read from the models."""

from __future__ import annotations

import enum
import inspect
import json
import os
import pathlib
import re
import types
import typing
from typing import TYPE_CHECKING, Any

import attrs

from spinekb._content.read import converter
from spinekb.models import Entry, Range

if TYPE_CHECKING:
    from spinekb._query.catalog import Catalog


def by_id(entry: Entry) -> str:
    return entry.id


def check_kb(kb: object) -> Catalog:
    from spinekb._query.catalog import Catalog

    if not isinstance(kb, Catalog):
        raise TypeError(f"expected a KnowledgeBase, got {type(kb).__name__}")
    return kb


def as_path(value: object, what: str) -> pathlib.Path:
    if not isinstance(value, (str, os.PathLike)):
        raise TypeError(f"{what} must be a path (a string or os.PathLike), got {type(value).__name__}")
    if not os.fspath(value):
        raise ValueError(f"{what} must not be empty")
    return pathlib.Path(value)


def file_path(value: object, what: str) -> pathlib.Path:
    path = as_path(value, what)
    if path.is_dir():
        raise ValueError(f"{what} {str(path)!r} is a folder; give the path of a file")
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def folder_path(value: object, what: str) -> pathlib.Path:
    path = as_path(value, what)
    if path.exists() and not path.is_dir():
        raise ValueError(f"{what} {str(path)!r} is a file; give the path of a folder")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _plain(data: Any) -> Any:
    """Unstructured data with plain JSON types only: the converter leaves enum members as they are."""
    if isinstance(data, dict):
        return {key: _plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_plain(value) for value in data]
    if isinstance(data, enum.Enum):
        return data.value
    return data


def unstructure(value: Any) -> Any:
    return _plain(converter().unstructure(value))


def compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def pretty(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# --- walking the models -------------------------------------------------------------------------


_FIELDS: dict[type, tuple[attrs.Attribute[Any], ...]] = {}


def record_fields(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    """The fields of a record class, with their types resolved, in declaration order."""
    found = _FIELDS.get(cls)
    if found is None:
        attrs.resolve_types(cls)
        found = _FIELDS[cls] = tuple(field for field in attrs.fields(cls) if field.init)
    return found


def optional(tp: Any) -> Any:
    """The ``X`` of ``X | None``, or ``None`` when ``tp`` is not optional."""
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args:
        return next(arg for arg in args if arg is not type(None))
    return None


def item_type(tp: Any) -> Any:
    """The ``X`` of ``tuple[X, ...]``, or ``None`` when ``tp`` is not such a tuple."""
    args = typing.get_args(tp)
    if typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    return None


def is_enum(tp: Any) -> bool:
    # Before Python 3.11, tuple[str, ...] passes for a type; the origin check keeps it out.
    return isinstance(tp, type) and typing.get_origin(tp) is None and issubclass(tp, enum.Enum)


def is_record(tp: Any) -> bool:
    return isinstance(tp, type) and typing.get_origin(tp) is None and attrs.has(tp) and tp is not Range


# --- docstrings -------------------------------------------------------------------------------

_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")


def _words(text: str) -> str:
    """Docstring text without reStructuredText roles and literals."""
    return " ".join(_ROLE.sub(r"\1", text).replace("``", "").split())


def class_description(cls: type) -> str:
    doc = cls.__dict__.get("__doc__")
    if not doc:
        return ""
    return _words(inspect.cleandoc(doc).split("\n\n")[0])


def attribute_docs(cls: type) -> dict[str, str]:
    """The descriptions in the Attributes sections of ``cls`` and its bases."""
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        docs.update(_parse_attributes(klass.__dict__.get("__doc__")))
    return docs


_ATTRIBUTE = re.compile(r"(\w+): (.*)")


def _parse_attributes(doc: str | None) -> dict[str, str]:
    if not doc:
        return {}
    lines = inspect.cleandoc(doc).splitlines()
    if "Attributes:" not in lines:
        return {}
    found: dict[str, list[str]] = {}
    name: str | None = None
    indent: int | None = None
    for line in lines[lines.index("Attributes:") + 1 :]:
        text = line.strip()
        if not text:
            continue
        depth = len(line) - len(line.lstrip())
        if depth == 0:
            break
        indent = depth if indent is None else indent
        match = _ATTRIBUTE.fullmatch(text) if depth == indent else None
        if match:
            name = match[1]
            found[name] = [match[2]]
        elif name is not None:
            found[name].append(text)
    return {key: _words(" ".join(parts)) for key, parts in found.items()}
