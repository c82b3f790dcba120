"""JSON Schema (draft 2020-12) of the content, generated from the models (see :mod:`spinekb._export`)."""

from __future__ import annotations

import datetime
import enum
import os
import pathlib
import typing
from typing import Any

import attrs

from spinekb._content.read import DOCUMENT_FORMAT
from spinekb._content.structure import DAY
from spinekb._export.common import (
    Content,
    attribute_docs,
    check_replace,
    class_description,
    folder_path,
    is_enum,
    is_record,
    item_type,
    optional,
    pretty,
    record_fields,
    unstructure,
    write_files,
)
from spinekb._kinds import KINDS, kind_class, kind_names, refers_to
from spinekb.models import Entry, Manifest, Range

__all__ = ["DOCUMENT_SCHEMA_FILE", "ID_PATTERN", "export_schemas", "json_schema", "write_schemas"]

#: What every id, and every reference to one, looks like.
ID_PATTERN = "^[a-z0-9]+(?:-[a-z0-9]+)*$"
#: The name of the file :func:`write_schemas` writes the document's schema to.
DOCUMENT_SCHEMA_FILE = "spinekb.schema.json"

_DIALECT = "https://json-schema.org/draft/2020-12/schema"


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
        if is_enum(tp):
            return {
                "title": tp.__name__,
                "description": class_description(tp),
                "type": "string",
                "enum": [member.value for member in typing.cast("type[enum.Enum]", tp)],
            }
        return self.record(tp)

    def range(self) -> dict[str, Any]:
        docs = attribute_docs(Range)
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
        docs = attribute_docs(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in record_fields(cls):
            kinds = refers_to(field)
            schema = self.value(field.type, identifier=kinds is not None or field.name == "id")
            if field.name in docs:
                schema["description"] = docs[field.name]
            if kinds is not None:
                schema["x-spinekb-refers-to"] = list(kinds)
            if field.default is attrs.NOTHING:
                required.append(field.name)
            else:
                schema["default"] = unstructure(field.default)
            properties[field.name] = schema
        schema = {"title": cls.__name__}
        description = class_description(cls)
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
        inner = optional(tp)
        if inner is not None:
            return _nullable(self.value(inner, identifier=identifier))
        item = item_type(tp)
        if item is not None:
            return {"type": "array", "items": self.value(item, identifier=identifier)}
        if tp is str:
            return {"type": "string", "pattern": ID_PATTERN} if identifier else {"type": "string"}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is datetime.date:
            return {"type": "string", "format": "date", "pattern": f"^{DAY.pattern}$"}
        if tp is Range or is_enum(tp) or is_record(tp):
            return self.ref(tp)
        raise TypeError(f"no JSON Schema rule for the model type {tp!r}")  # a type content never uses


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if isinstance(schema.get("type"), str):
        return {**schema, "type": [schema["type"], "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


def json_schema(kind: type[Entry] | str | None = None) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) generated from the models.

    Args:
        kind: a kind (a record class, or a name as :func:`spinekb._kinds.kind_class` takes:
            ``"exercises"``, ``"red-flags"``, ``"red_flags"``, ``"red-flag"``) for the schema of one
            entry of that kind, or ``None`` for the schema of the whole content document.

    Returns a new dictionary on every call. Raises :class:`ValueError` (naming the known kinds)
    for an unknown kind and :class:`TypeError` when ``kind`` is not a string.
    """
    builder = _SchemaBuilder()
    if kind is not None:
        body = builder.record(kind_class(kind))
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


def write_schemas(folder: str | os.PathLike[str], *, replace: bool = False) -> tuple[pathlib.Path, ...]:
    """Write ``<stem>.schema.json`` for every kind and ``spinekb.schema.json`` for the document.

    The folder is made if need be. The files are written together (see
    :func:`spinekb._export.common.write_files`): all of them, or none when one fails, and none
    when one is already there and ``replace`` is false (:class:`FileExistsError`, also a
    :class:`ValueError`). Returns the paths written.
    """
    check_replace(replace)
    target = folder_path(folder, "folder")
    files: list[tuple[str, Content]] = [
        (DOCUMENT_SCHEMA_FILE if stem is None else f"{stem}.schema.json", pretty(json_schema(stem)).encode("utf-8"))
        for stem in (*kind_names(), None)
    ]
    return write_files(target, files, replace=replace)


def export_schemas(kb: object, output: pathlib.Path, replace: bool) -> tuple[pathlib.Path, ...]:
    """The ``"schema"`` format of :func:`spinekb._export.export` (the schemas need no content)."""
    return write_schemas(output, replace=replace)
