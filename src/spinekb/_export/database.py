"""SQLite: one database with a table per kind and link tables for the references (see :mod:`spinekb._export`)."""

from __future__ import annotations

import enum
import functools
import os
import pathlib
import sqlite3
import typing
from typing import TYPE_CHECKING, Any

import attrs

from spinekb._export.common import (
    as_path,
    by_id,
    check_kb,
    check_replace,
    compact,
    file_path,
    is_enum,
    item_type,
    optional,
    record_fields,
    unstructure,
    write_file,
)
from spinekb._kinds import KINDS, refers_to
from spinekb._kinds import references as references_in
from spinekb._version import __version__
from spinekb.models import Entry

if TYPE_CHECKING:
    from spinekb._query.catalog import Catalog

__all__ = ["export_sqlite", "write_sqlite"]

_STEMS: dict[str, type[Entry]] = dict(KINDS)
_TABLES: dict[str, str] = {cls.kind: stem.replace("-", "_") for stem, cls in KINDS}


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
        inner = optional(field.type)
        tp = field.type if inner is None else inner
        parts = ["INTEGER" if tp in (int, bool) else "TEXT"]  # lists and records are JSON text
        if inner is None:
            parts.append("NOT NULL")
        if tp is bool:
            parts.append(f"CHECK ({_quote(column)} IN (0, 1))")
        elif is_enum(tp):
            members = typing.cast("type[enum.Enum]", tp)
            allowed = ", ".join("'" + str(member.value).replace("'", "''") + "'" for member in members)
            parts.append(f"CHECK ({_quote(column)} IN ({allowed}))")
        kinds = refers_to(field)
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
    return compact(unstructure(value))


def _kind_table(cls: type[Entry], table: str, entries: list[Entry]) -> _Table:
    result = _Table(table)
    fields = record_fields(cls)
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
    kinds = refers_to(field) or ()
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
    (field,) = (field for field in record_fields(cls) if field.name == field_name)
    record = item_type(field.type)
    owner = _id_column(cls.kind)
    result = _Table(f"{table}_{field_name}")
    result.add(owner, f"TEXT NOT NULL REFERENCES {_quote(table)}({_quote('id')})")
    inner_fields = record_fields(record)
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
    ("exercises", "muscles", {"muscle": "muscle_id"}),
    ("exercises", "variations", {"exercise": "variation_id"}),
    ("exercises", "contraindications", {}),
    ("muscles", "groups", {"group": "muscle_group_id"}),
    ("conditions", "restricted_movements", {}),
    ("regions", "links", {"region": "linked_region_id"}),
    ("treatments", "evidence", {"source": "source_id"}),
)


def _sqlite_tables(kb: Catalog) -> list[_Table]:
    meta = _Table("meta")
    meta.add("key", "TEXT PRIMARY KEY")
    meta.add("value", "TEXT")
    meta.rows = [("format", "spinekb-sqlite"), ("data_version", kb.data_version), ("spinekb_version", __version__)]

    everything = _Table("entries")
    everything.add("id", "TEXT PRIMARY KEY")
    everything.add("kind", "TEXT NOT NULL")
    everything.add("name", "TEXT NOT NULL")
    everything.indexes.append("kind")

    by_stem = {stem: sorted(collection, key=by_id) for (stem, _), collection in zip(KINDS, kb.collections, strict=True)}
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
        for field in record_fields(cls):
            if refers_to(field) is not None and item_type(field.type) is not None:
                links.append(_link_table(cls, table, field, entries, kind_of))
        for entry in entries:
            everything.rows.append((entry.id, entry.kind, entry.name))
            references.rows += [
                (entry.id, path, ident, kind_of.get(ident, "")) for path, ident, _ in references_in(entry)
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


def write_sqlite(kb: Catalog, path: str | os.PathLike[str], *, replace: bool = False) -> pathlib.Path:
    """Write the knowledge base as a new SQLite database (see the module's description for the tables).

    The database is built in a temporary file beside ``path``, with its journal in memory, and
    moved into place when complete (see :func:`spinekb._export.common.write_file`): a failed
    export leaves nothing behind, and never a partly written database at ``path``. Returns the
    path written.

    Args:
        kb: the knowledge base.
        path: the database file to make.
        replace: replace a file that is already at ``path``; without it, such a file is an error.

    Raises :class:`TypeError` for arguments of the wrong type, :class:`FileExistsError` (also a
    :class:`ValueError`) when a file is at ``path`` and ``replace`` is false, and
    :class:`ValueError` when ``path`` is a folder, a symbolic link or not a regular file, or when
    the knowledge base's references do not resolve (it was not loaded through the checks of the
    loader).
    """
    check_kb(kb)
    check_replace(replace)
    target = as_path(path, "path")
    if target.is_dir() and not target.is_symlink():
        raise ValueError(f"path {str(target)!r} is a folder; give the path of a database file")
    target = file_path(target, "path", replace=replace)
    tables = _sqlite_tables(kb)
    return write_file(target, functools.partial(_write_database, tables=tables), replace=replace)


#: The files SQLite may make beside a database: its journal, and a write-ahead log and its index.
_SIDE_FILES = ("-journal", "-wal", "-shm")


def _write_database(path: str, tables: list[_Table]) -> None:
    """Fill the new, empty file at ``path`` with the tables; on failure, remove whatever SQLite
    made beside it (the file itself is the caller's)."""
    try:
        connection = sqlite3.connect(path, isolation_level=None)
        try:
            # A journal on disk would outlive a killed export; the file is thrown away if anything
            # fails, so a rollback journal in memory is enough.
            connection.execute("PRAGMA journal_mode = MEMORY")
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
    except BaseException:
        for suffix in _SIDE_FILES:
            pathlib.Path(path + suffix).unlink(missing_ok=True)
        raise


def export_sqlite(kb: Catalog, output: pathlib.Path, replace: bool) -> tuple[pathlib.Path, ...]:
    """The ``"sqlite"`` format of :func:`spinekb._export.export`."""
    return (write_sqlite(kb, output, replace=replace),)
