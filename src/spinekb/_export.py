"""Exporting the knowledge base: one JSON document, JSON Schema, CSV files and an SQLite database.

Every format is generated from the records in :mod:`spinekb.models` by walking their attrs fields
(types, defaults and the ``REFERS_TO`` metadata), so a new field or kind is exported without new
code. Only the standard library is used. :func:`export` picks a format by name.

JSON document (:func:`to_document`, :func:`write_json`)
    One object: ``{"format": "spinekb-content", "data_version": ..., "manifest": {...},
    "sources": [...], "regions": [...], ...}``, with one list for every kind in loading order
    (:data:`spinekb._loading.KINDS`). Entries are sorted by id and written exactly as in the
    content files: fields in declaration order, defaults left out, ranges in their shorthand.
    ``manifest`` is left out when the knowledge base has none, and ``data_version`` is then
    ``null``. The file is indented by two spaces, keeps UTF-8 as is and ends with a newline; the
    same knowledge base always gives the same bytes.

JSON Schema (:func:`json_schema`, :func:`write_schemas`)
    Draft 2020-12. ``json_schema("exercises")`` describes one entry of a kind; ``json_schema()``
    the whole document, with a ``$defs`` entry for every record, value type, range and enum.
    Fields without a default are required (a document needs only ``format``: as in a folder, a
    kind may be left out), unknown keys are refused, ids and references must be kebab-case, and
    each reference field names the kinds it refers to under ``x-spinekb-refers-to``. Rules that
    need the whole knowledge base (references resolve, ids are unique, a range's ``max`` is not
    below its ``min``, ``data_version`` matches the manifest's) are the loader's, not the schema's.

CSV (:func:`write_csv`)
    One UTF-8 file per kind, ``<stem>.csv``: a header of the field names in declaration order,
    then one row per entry, sorted by id. Text and whole numbers are written as they are, enums by
    value, ``true``/``false`` for yes/no values and an empty cell for a missing optional value.
    Lists of ids and lists of enum values are joined with ``"; "`` (neither can contain it).
    Everything else that is not a single value (lists of free text such as ``aliases`` and
    ``steps``, whose items may contain ``"; "``, and nested records such as ``dosage`` or
    ``benefits``) is compact JSON text, as in the content files.

SQLite (:func:`write_sqlite`)
    Open the file with ``PRAGMA foreign_keys = ON`` to have SQLite keep the references below.
    Lists and nested records are compact JSON text, which SQLite's JSON functions can read.

    ``meta(key, value)``
        ``format`` (``"spinekb-sqlite"``), ``data_version`` (NULL when unknown) and
        ``spinekb_version``.
    ``entries(id, kind, name)``
        Every entry of every kind (ids are unique across kinds): what references that may point
        to several kinds refer to.
    ``sources``, ``regions``, ``muscle_groups``, ``muscles``, ``symptoms``, ``exercises``, ...
        One table per kind, named after its file with underscores for hyphens (``red_flags``):
        ``id TEXT PRIMARY KEY`` and one column per other field, in declaration order: text, whole
        numbers, 0 or 1 for yes/no values, enums by value (checked against the allowed values),
        NULL for a missing optional value, JSON text for lists and nested records. A single
        reference (``muscles.region``) is a foreign key to its kind's table.
    ``<table>_<field>(<kind>_id, <target>_id, position)``: one link table per list of references
        For example ``exercises_primary_muscles(exercise_id, muscle_id, position)``,
        ``muscles_groups(muscle_id, muscle_group_id, position)``,
        ``conditions_red_flags(condition_id, red_flag_id, position)`` and
        ``regions_sources(region_id, source_id, position)``. ``position`` is the place in the list,
        from 0. Both ids are foreign keys. A list that may refer to several kinds
        (``exercises_contraindications``, ``topics_see_also``) has ``entry_id`` and ``kind`` in
        place of ``<target>_id``, and its foreign key is to ``entries``. A list that refers to its
        own kind names the target column ``linked_<kind>_id``.
    ``exercises_variations(exercise_id, variation_id, relation, position)``
        The variations of each exercise; both ids are foreign keys to ``exercises``.
    ``regions_links(region_id, linked_region_id, sources, position)``
        The kinetic chain: each link as listed on each end.
    ``treatments_evidence(treatment_id, source_id, verdict, context, certainty, strength, conditions, note, position)``
        One verdict per source and context; ``source_id`` is a foreign key to ``sources``.
    ``entry_references(entry_id, path, target_id, target_kind)``
        Every reference anywhere in an entry, nested ones included, with the path to it as in
        content error messages (``$.benefits[0].sources[1]``): the whole reference graph, for
        questions such as "which entries cite this source?".
    ``retired(id, replaced_by, reason, since)``
        The manifest's retired ids and their successors.
"""

from __future__ import annotations

import csv
import enum
import inspect
import json
import os
import pathlib
import re
import sqlite3
import tempfile
import types
import typing
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from spinekb._knowledge import KnowledgeBase
from spinekb._loading import DOCUMENT_FORMAT, KINDS, converter
from spinekb.models import REFERS_TO, Entry, Manifest, Range

__all__ = [
    "DOCUMENT_FORMAT",
    "DOCUMENT_SCHEMA_FILE",
    "FORMATS",
    "ID_PATTERN",
    "export",
    "json_schema",
    "json_text",
    "to_document",
    "write_csv",
    "write_json",
    "write_schemas",
    "write_sqlite",
]

#: The formats :func:`export` writes.
FORMATS = ("json", "schema", "csv", "sqlite")
#: What every id, and every reference to one, looks like.
ID_PATTERN = "^[a-z0-9]+(?:-[a-z0-9]+)*$"
#: The name of the file :func:`write_schemas` writes the document's schema to.
DOCUMENT_SCHEMA_FILE = "spinekb.schema.json"

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_SEPARATOR = "; "
_STEMS: dict[str, type[Entry]] = dict(KINDS)
_TABLES: dict[str, str] = {cls.kind: stem.replace("-", "_") for stem, cls in KINDS}


def _by_id(entry: Entry) -> str:
    return entry.id


def _check_kb(kb: object) -> KnowledgeBase:
    if not isinstance(kb, KnowledgeBase):
        raise TypeError(f"expected a KnowledgeBase, got {type(kb).__name__}")
    return kb


def _as_path(value: object, what: str) -> pathlib.Path:
    if not isinstance(value, (str, os.PathLike)):
        raise TypeError(f"{what} must be a path (a string or os.PathLike), got {type(value).__name__}")
    if not os.fspath(value):
        raise ValueError(f"{what} must not be empty")
    return pathlib.Path(value)


def _file_path(value: object, what: str) -> pathlib.Path:
    path = _as_path(value, what)
    if path.is_dir():
        raise ValueError(f"{what} {str(path)!r} is a folder; give the path of a file")
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _folder_path(value: object, what: str) -> pathlib.Path:
    path = _as_path(value, what)
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


def _unstructure(value: Any) -> Any:
    return _plain(converter().unstructure(value))


def _compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _pretty(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# --- walking the models -------------------------------------------------------------------------


_FIELDS: dict[type, tuple[attrs.Attribute[Any], ...]] = {}


def _fields(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    """The fields of a record class, with their types resolved, in declaration order."""
    found = _FIELDS.get(cls)
    if found is None:
        attrs.resolve_types(cls)
        found = _FIELDS[cls] = tuple(field for field in attrs.fields(cls) if field.init)
    return found


def _optional(tp: Any) -> Any:
    """The ``X`` of ``X | None``, or ``None`` when ``tp`` is not optional."""
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args:
        return next(arg for arg in args if arg is not type(None))
    return None


def _item(tp: Any) -> Any:
    """The ``X`` of ``tuple[X, ...]``, or ``None`` when ``tp`` is not such a tuple."""
    args = typing.get_args(tp)
    if typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    return None


def _is_enum(tp: Any) -> bool:
    # Before Python 3.11, tuple[str, ...] passes for a type; the origin check keeps it out.
    return isinstance(tp, type) and typing.get_origin(tp) is None and issubclass(tp, enum.Enum)


def _is_record(tp: Any) -> bool:
    return isinstance(tp, type) and typing.get_origin(tp) is None and attrs.has(tp) and tp is not Range


def _refers_to(field: attrs.Attribute[Any]) -> tuple[str, ...] | None:
    kinds: tuple[str, ...] | None = field.metadata.get(REFERS_TO)
    return kinds


def _references(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every ``(path, id)`` that a record refers to, nested records included."""
    for field in _fields(type(value)):
        item = getattr(value, field.name)
        here = f"{path}.{field.name}"
        if _refers_to(field) is not None:
            if isinstance(item, tuple):
                yield from ((f"{here}[{index}]", ident) for index, ident in enumerate(item))
            elif item is not None:
                yield here, item
        elif isinstance(item, tuple):
            for index, element in enumerate(item):
                if _is_record(type(element)):
                    yield from _references(element, f"{here}[{index}]")
        elif _is_record(type(item)):
            yield from _references(item, here)


# --- docstrings -------------------------------------------------------------------------------

_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")


def _words(text: str) -> str:
    """Docstring text without reStructuredText roles and literals."""
    return " ".join(_ROLE.sub(r"\1", text).replace("``", "").split())


def _class_description(cls: type) -> str:
    doc = cls.__dict__.get("__doc__")
    if not doc:
        return ""
    return _words(inspect.cleandoc(doc).split("\n\n")[0])


def _attribute_docs(cls: type) -> dict[str, str]:
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


# --- the JSON document ------------------------------------------------------------------------


def to_document(kb: KnowledgeBase) -> dict[str, Any]:
    """The whole knowledge base as one JSON-ready document (see the module's description).

    Raises :class:`TypeError` when ``kb`` is not a :class:`KnowledgeBase`.
    """
    _check_kb(kb)
    document: dict[str, Any] = {"format": DOCUMENT_FORMAT, "data_version": kb.data_version}
    if kb.manifest is not None:
        document["manifest"] = _unstructure(kb.manifest)
    for (stem, _), collection in zip(KINDS, kb.collections, strict=True):
        document[stem] = [_unstructure(entry) for entry in sorted(collection, key=_by_id)]
    return document


def json_text(kb: KnowledgeBase) -> str:
    """The text :func:`write_json` writes: the document, indented by two spaces, with a final newline."""
    return _pretty(to_document(kb))


def write_json(kb: KnowledgeBase, path: str | os.PathLike[str]) -> pathlib.Path:
    """Write the knowledge base as one JSON document (UTF-8), replacing any file at ``path``.

    The same knowledge base always gives the same bytes. Returns the path written. Raises
    :class:`TypeError` for arguments of the wrong type and :class:`ValueError` when ``path`` is a
    folder.
    """
    _check_kb(kb)
    target = _file_path(path, "path")
    target.write_bytes(json_text(kb).encode("utf-8"))
    return target


# --- JSON Schema ------------------------------------------------------------------------------


class _SchemaBuilder:
    """Builds schemas from the models, collecting the ``$defs`` they refer to."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def sorted_defs(self) -> dict[str, dict[str, Any]]:
        return dict(sorted(self.defs.items()))

    def ref(self, tp: type) -> dict[str, Any]:
        name = tp.__name__
        if name not in self.defs:
            self.defs[name] = {}  # claim the name first, so a type that refers to itself ends
            self.defs[name] = self.define(tp)
        return {"$ref": f"#/$defs/{name}"}

    def define(self, tp: type) -> dict[str, Any]:
        if tp is Range:
            return self.range()
        if _is_enum(tp):
            return {
                "title": tp.__name__,
                "description": _class_description(tp),
                "type": "string",
                "enum": [member.value for member in typing.cast("type[enum.Enum]", tp)],
            }
        return self.record(tp)

    def range(self) -> dict[str, Any]:
        docs = _attribute_docs(Range)
        return {
            "title": "Range",
            "description": "A whole-number range, both ends included: a plain integer when exact, else an object.",
            "oneOf": [
                {"type": "integer", "description": "exactly this number"},
                {
                    "type": "object",
                    "properties": {
                        "min": {"type": "integer", "description": docs["min"]},
                        "max": {"type": ["integer", "null"], "description": docs["max"]},
                    },
                    "required": ["min"],
                    "additionalProperties": False,
                },
            ],
        }

    def record(self, cls: type) -> dict[str, Any]:
        docs = _attribute_docs(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in _fields(cls):
            kinds = _refers_to(field)
            schema = self.value(field.type, identifier=kinds is not None or field.name == "id")
            if field.name in docs:
                schema["description"] = docs[field.name]
            if kinds is not None:
                schema["x-spinekb-refers-to"] = list(kinds)
            if field.default is attrs.NOTHING:
                required.append(field.name)
            else:
                schema["default"] = _unstructure(field.default)
            properties[field.name] = schema
        schema = {"title": cls.__name__}
        description = _class_description(cls)
        if description:
            schema["description"] = description
        return {
            **schema,
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }

    def value(self, tp: Any, *, identifier: bool = False) -> dict[str, Any]:
        inner = _optional(tp)
        if inner is not None:
            return _nullable(self.value(inner, identifier=identifier))
        item = _item(tp)
        if item is not None:
            return {"type": "array", "items": self.value(item, identifier=identifier)}
        if tp is str:
            return {"type": "string", "pattern": ID_PATTERN} if identifier else {"type": "string"}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is Range or _is_enum(tp) or _is_record(tp):
            return self.ref(tp)
        raise TypeError(f"no JSON Schema rule for the model type {tp!r}")  # a type content never uses


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if isinstance(schema.get("type"), str):
        return {**schema, "type": [schema["type"], "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


def _kind_class(kind: object) -> type[Entry]:
    if not isinstance(kind, str):
        raise TypeError(f"kind must be a string such as 'exercises', got {type(kind).__name__}")
    found = _STEMS.get(kind)
    if found is None:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(_STEMS)}")
    return found


def json_schema(kind: str | None = None) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) generated from the models.

    Args:
        kind: a file stem such as ``"exercises"`` or ``"red-flags"`` for the schema of one entry of
            that kind, or ``None`` for the schema of the whole document of :func:`to_document`.

    Returns a new dictionary on every call. Raises :class:`ValueError` (naming the known kinds)
    for an unknown kind and :class:`TypeError` when ``kind`` is not a string.
    """
    builder = _SchemaBuilder()
    if kind is not None:
        body = builder.record(_kind_class(kind))
        schema: dict[str, Any] = {"$schema": _DIALECT, **body}
        if builder.defs:
            schema["$defs"] = builder.sorted_defs()
        return schema
    properties: dict[str, Any] = {
        "format": {"const": DOCUMENT_FORMAT, "description": "what the document is"},
        "data_version": {
            "type": ["string", "null"],
            "description": "the version of the content (the manifest's), or null when it is not known",
        },
        "manifest": {**builder.ref(Manifest), "description": "what the content says about itself, if anything"},
    }
    for stem, cls in KINDS:
        properties[stem] = {
            "type": "array",
            "items": builder.ref(cls),
            "description": f"every {cls.kind.replace('-', ' ')} entry, sorted by id",
        }
    return {
        "$schema": _DIALECT,
        "title": "spinekb content document",
        "description": "The whole spinekb knowledge base in one document: one list of entries per kind.",
        "type": "object",
        "properties": properties,
        "required": ["format"],  # as for a folder, a kind without entries may be left out
        "additionalProperties": False,
        "$defs": builder.sorted_defs(),
    }


def write_schemas(folder: str | os.PathLike[str]) -> tuple[pathlib.Path, ...]:
    """Write ``<stem>.schema.json`` for every kind and ``spinekb.schema.json`` for the document.

    The folder is made if need be; files already there are replaced. Returns the paths written.
    """
    target = _folder_path(folder, "folder")
    written = []
    for stem in (*_STEMS, None):
        path = target / (DOCUMENT_SCHEMA_FILE if stem is None else f"{stem}.schema.json")
        path.write_bytes(_pretty(json_schema(stem)).encode("utf-8"))
        written.append(path)
    return tuple(written)


# --- CSV --------------------------------------------------------------------------------------


def _joined(field: attrs.Attribute[Any]) -> bool:
    """Whether a list field is written joined by ``"; "``: lists of ids or of enum values."""
    item = _item(field.type)
    return item is not None and ((item is str and _refers_to(field) is not None) or _is_enum(item))


def _csv_cell(value: Any, joined: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, (str, int)):
        return str(value)
    if joined:
        return _SEPARATOR.join(str(item.value) if isinstance(item, enum.Enum) else item for item in value)
    return _compact(_unstructure(value))


def write_csv(kb: KnowledgeBase, folder: str | os.PathLike[str]) -> tuple[pathlib.Path, ...]:
    """Write one CSV file per kind, ``<stem>.csv``, into ``folder`` (see the module's description).

    The folder is made if need be; files already there are replaced. Returns the paths written, in
    loading order. Raises :class:`TypeError` for arguments of the wrong type and
    :class:`ValueError` when ``folder`` is a file.
    """
    _check_kb(kb)
    target = _folder_path(folder, "folder")
    written = []
    for (stem, cls), collection in zip(KINDS, kb.collections, strict=True):
        fields = _fields(cls)
        columns = [(field.name, _joined(field)) for field in fields]
        path = target / f"{stem}.csv"
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow([field.name for field in fields])
            for entry in sorted(collection, key=_by_id):
                writer.writerow([_csv_cell(getattr(entry, name), joined) for name, joined in columns])
        written.append(path)
    return tuple(written)


# --- SQLite -----------------------------------------------------------------------------------


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _id_column(kind: str) -> str:
    return kind.replace("-", "_") + "_id"


def _foreign_key(kinds: tuple[str, ...]) -> str:
    table = _TABLES[kinds[0]] if len(kinds) == 1 and kinds[0] in _TABLES else "entries"
    return f"REFERENCES {_quote(table)}({_quote('id')})"


@attrs.define
class _Table:
    """One table: its columns, constraints and rows."""

    name: str
    columns: list[str] = attrs.field(factory=list)
    definitions: list[str] = attrs.field(factory=list)
    constraints: list[str] = attrs.field(factory=list)
    indexes: list[str] = attrs.field(factory=list)
    rows: list[tuple[Any, ...]] = attrs.field(factory=list)

    def add(self, column: str, definition: str) -> None:
        self.columns.append(column)
        self.definitions.append(f"{_quote(column)} {definition}")

    def add_field(self, column: str, field: attrs.Attribute[Any]) -> None:
        """A column for one field of a record: its SQL type, checks and foreign key."""
        inner = _optional(field.type)
        tp = field.type if inner is None else inner
        parts = ["INTEGER" if tp in (int, bool) else "TEXT"]  # lists and records are JSON text
        if inner is None:
            parts.append("NOT NULL")
        if tp is bool:
            parts.append(f"CHECK ({_quote(column)} IN (0, 1))")
        elif _is_enum(tp):
            members = typing.cast("type[enum.Enum]", tp)
            allowed = ", ".join("'" + str(member.value).replace("'", "''") + "'" for member in members)
            parts.append(f"CHECK ({_quote(column)} IN ({allowed}))")
        kinds = _refers_to(field)
        if kinds is not None and tp is str:
            parts.append(_foreign_key(kinds))
        definition = " ".join(parts)
        self.add(column, definition)

    def statements(self) -> list[str]:
        body = ",\n  ".join(self.definitions + self.constraints)
        created = [f"CREATE TABLE {_quote(self.name)} (\n  {body}\n)"]
        created.extend(
            f"CREATE INDEX {_quote(f'{self.name}_{column}')} ON {_quote(self.name)} ({_quote(column)})"
            for column in self.indexes
        )
        return created

    def insert(self) -> str:
        marks = ", ".join("?" for _ in self.columns)
        return f"INSERT INTO {_quote(self.name)} ({', '.join(map(_quote, self.columns))}) VALUES ({marks})"


def _sql_value(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int)):
        return None if value is None else int(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, str):
        return value
    return _compact(_unstructure(value))


def _kind_table(cls: type[Entry], table: str, entries: list[Entry]) -> _Table:
    result = _Table(table)
    fields = _fields(cls)
    for field in fields:
        if field.name == "id":
            result.add("id", "TEXT PRIMARY KEY")
        else:
            result.add_field(field.name, field)
    result.rows = [tuple(_sql_value(getattr(entry, field.name)) for field in fields) for entry in entries]
    return result


def _link_table(
    cls: type[Entry], table: str, field: attrs.Attribute[Any], entries: list[Entry], kind_of: dict[str, str]
) -> _Table:
    kinds = _refers_to(field) or ()
    owner = _id_column(cls.kind)
    result = _Table(f"{table}_{field.name}")
    result.add(owner, f"TEXT NOT NULL REFERENCES {_quote(table)}({_quote('id')})")
    several = len(kinds) != 1 or kinds[0] not in _TABLES
    target = "entry_id" if several else _id_column(kinds[0])
    target = f"linked_{target}" if target == owner else target
    result.add(target, f"TEXT NOT NULL {_foreign_key(kinds)}")
    if several:
        result.add("kind", "TEXT NOT NULL")
    result.add("position", "INTEGER NOT NULL")
    result.constraints += [
        f"PRIMARY KEY ({_quote(owner)}, {_quote('position')})",
        f"UNIQUE ({_quote(owner)}, {_quote(target)})",
    ]
    result.indexes.append(target)
    for entry in entries:
        for position, ident in enumerate(getattr(entry, field.name)):
            kind = (kind_of.get(ident, ""),) if several else ()
            result.rows.append((entry.id, ident, *kind, position))
    return result


def _child_table(
    cls: type[Entry], table: str, field_name: str, entries: list[Entry], renames: dict[str, str]
) -> _Table:
    """A table of the nested records in one list field, one row per record; ``renames`` names
    the columns of its references."""
    (field,) = (field for field in _fields(cls) if field.name == field_name)
    record = _item(field.type)
    owner = _id_column(cls.kind)
    result = _Table(f"{table}_{field_name}")
    result.add(owner, f"TEXT NOT NULL REFERENCES {_quote(table)}({_quote('id')})")
    inner_fields = _fields(record)
    for inner in inner_fields:
        result.add_field(renames.get(inner.name, inner.name), inner)
    result.add("position", "INTEGER NOT NULL")
    result.constraints.append(f"PRIMARY KEY ({_quote(owner)}, {_quote('position')})")
    result.indexes += [renames[inner.name] for inner in inner_fields if inner.name in renames]
    for entry in entries:
        for position, item in enumerate(getattr(entry, field_name)):
            values = (_sql_value(getattr(item, inner.name)) for inner in inner_fields)
            result.rows.append((entry.id, *values, position))
    return result


# The nested records that common questions join on, and the names of their reference columns.
_CHILD_TABLES: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("exercises", "variations", {"exercise": "variation_id"}),
    ("regions", "links", {"region": "linked_region_id"}),
    ("treatments", "evidence", {"source": "source_id"}),
)


def _sqlite_tables(kb: KnowledgeBase) -> list[_Table]:
    from spinekb._version import __version__

    meta = _Table("meta")
    meta.add("key", "TEXT PRIMARY KEY")
    meta.add("value", "TEXT")
    meta.rows = [("format", "spinekb-sqlite"), ("data_version", kb.data_version), ("spinekb_version", __version__)]

    everything = _Table("entries")
    everything.add("id", "TEXT PRIMARY KEY")
    everything.add("kind", "TEXT NOT NULL")
    everything.add("name", "TEXT NOT NULL")
    everything.indexes.append("kind")

    by_stem = {
        stem: sorted(collection, key=_by_id) for (stem, _), collection in zip(KINDS, kb.collections, strict=True)
    }
    kind_of = {entry.id: entry.kind for entries in by_stem.values() for entry in entries}
    kinds: list[_Table] = []
    links: list[_Table] = []
    references = _Table("entry_references")
    references.add("entry_id", f"TEXT NOT NULL REFERENCES {_quote('entries')}({_quote('id')})")
    references.add("path", "TEXT NOT NULL")
    references.add("target_id", f"TEXT NOT NULL REFERENCES {_quote('entries')}({_quote('id')})")
    references.add("target_kind", "TEXT NOT NULL")
    references.constraints.append(f"PRIMARY KEY ({_quote('entry_id')}, {_quote('path')})")
    references.indexes.append("target_id")

    for stem, cls in KINDS:
        entries = by_stem[stem]
        table = stem.replace("-", "_")
        kinds.append(_kind_table(cls, table, entries))
        for field in _fields(cls):
            if _refers_to(field) is not None and _item(field.type) is not None:
                links.append(_link_table(cls, table, field, entries, kind_of))
        for entry in entries:
            everything.rows.append((entry.id, entry.kind, entry.name))
            references.rows += [
                (entry.id, path, ident, kind_of.get(ident, "")) for path, ident in _references(entry, "$")
            ]
    for table, field_name, renames in _CHILD_TABLES:
        stem = table.replace("_", "-")
        links.append(_child_table(_STEMS[stem], table, field_name, by_stem[stem], renames))

    retired = _Table("retired")
    retired.add("id", "TEXT PRIMARY KEY")
    retired.add("replaced_by", "TEXT NOT NULL")
    retired.add("reason", "TEXT NOT NULL")
    retired.add("since", "TEXT NOT NULL")
    if kb.manifest is not None:
        retired.rows = [(r.id, r.replaced_by, r.reason, r.since) for r in kb.manifest.retired]
    return [meta, everything, *kinds, *links, references, retired]


def write_sqlite(kb: KnowledgeBase, path: str | os.PathLike[str], *, replace: bool = False) -> pathlib.Path:
    """Write the knowledge base as a new SQLite database (see the module's description for the tables).

    The file is written under a temporary name and moved into place when complete, so a failed
    export leaves nothing behind. Returns the path written.

    Args:
        kb: the knowledge base.
        path: the database file to make.
        replace: replace a file that is already at ``path``; without it, such a file is an error.

    Raises :class:`TypeError` for arguments of the wrong type and :class:`ValueError` when ``path``
    is a folder, when a file is there and ``replace`` is false, or when the knowledge base's
    references do not resolve (it was not loaded through the checks of the loader).
    """
    _check_kb(kb)
    if not isinstance(replace, bool):
        raise TypeError(f"replace must be True or False, got {type(replace).__name__}")
    target = _as_path(path, "path")
    if target.is_dir():
        raise ValueError(f"path {str(target)!r} is a folder; give the path of a database file")
    if target.exists() and not replace:
        raise ValueError(f"{str(target)!r} already exists; pass replace=True to overwrite it")
    tables = _sqlite_tables(kb)
    target = _file_path(target, "path")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    try:
        _write_database(temporary, tables)
        os.replace(temporary, target)
    except BaseException:
        pathlib.Path(temporary).unlink(missing_ok=True)
        raise
    return target


def _write_database(path: str, tables: list[_Table]) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("BEGIN")
        # Tables refer to each other in both directions; check the references once, at commit.
        connection.execute("PRAGMA defer_foreign_keys = ON")
        for table in tables:
            for statement in table.statements():
                connection.execute(statement)
        for table in tables:
            connection.executemany(table.insert(), table.rows)
        connection.execute("COMMIT")
    except sqlite3.IntegrityError as exc:
        raise ValueError(f"the knowledge base cannot be written as a database: {exc}") from exc
    finally:
        connection.close()


# --- one entry point --------------------------------------------------------------------------

_WRITERS: dict[str, Callable[[KnowledgeBase, pathlib.Path, bool], tuple[pathlib.Path, ...]]] = {
    "json": lambda kb, output, _: (write_json(kb, output),),
    "schema": lambda _, output, __: write_schemas(output),
    "csv": lambda kb, output, _: write_csv(kb, output),
    "sqlite": lambda kb, output, replace: (write_sqlite(kb, output, replace=replace),),
}


def export(
    kb: KnowledgeBase, format: str, output: str | os.PathLike[str], *, replace: bool = False
) -> tuple[pathlib.Path, ...]:
    """Export the knowledge base in one of :data:`FORMATS`.

    Args:
        kb: the knowledge base.
        format: ``"json"`` (one document, ``output`` is a file), ``"schema"`` (the JSON Schemas:
            ``<stem>.schema.json`` per kind and ``spinekb.schema.json`` for the document; ``output``
            is a folder), ``"csv"`` (one file per kind; ``output`` is a folder) or ``"sqlite"``
            (``output`` is a database file).
        output: where to write.
        replace: for ``"sqlite"``, replace an existing database file. The other formats replace
            their files anyway.

    Returns the paths written. Raises :class:`ValueError` for an unknown format (naming the
    choices) or an unusable ``output``, and :class:`TypeError` for arguments of the wrong type.
    """
    _check_kb(kb)
    if not isinstance(format, str):
        raise TypeError(f"format must be a string, got {type(format).__name__}")
    if format not in _WRITERS:
        raise ValueError(f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}")
    if not isinstance(replace, bool):
        raise TypeError(f"replace must be True or False, got {type(replace).__name__}")
    return _WRITERS[format](kb, _as_path(output, "output"), replace)
