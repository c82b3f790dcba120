"""CSV: one file per kind (see :mod:`spinekb._export`)."""

from __future__ import annotations

import csv
import enum
import os
import pathlib
from typing import TYPE_CHECKING, Any

import attrs

from spinekb._export.common import by_id, check_kb, compact, folder_path, is_enum, item_type, record_fields, unstructure
from spinekb._kinds import KINDS, refers_to

if TYPE_CHECKING:
    from spinekb._query.catalog import Catalog

__all__ = ["export_csv", "write_csv"]

_SEPARATOR = "; "


def _joined(field: attrs.Attribute[Any]) -> bool:
    """Whether a list field is written joined by ``"; "``: lists of ids or of enum values."""
    item = item_type(field.type)
    return item is not None and ((item is str and refers_to(field) is not None) or is_enum(item))


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
    return compact(unstructure(value))


def write_csv(kb: Catalog, folder: str | os.PathLike[str]) -> tuple[pathlib.Path, ...]:
    """Write one CSV file per kind, ``<stem>.csv``, into ``folder`` (see the module's description).

    The folder is made if need be; files already there are replaced. Returns the paths written, in
    loading order. Raises :class:`TypeError` for arguments of the wrong type and
    :class:`ValueError` when ``folder`` is a file.
    """
    check_kb(kb)
    target = folder_path(folder, "folder")
    written = []
    for (stem, cls), collection in zip(KINDS, kb.collections, strict=True):
        fields = record_fields(cls)
        columns = [(field.name, _joined(field)) for field in fields]
        path = target / f"{stem}.csv"
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow([field.name for field in fields])
            for entry in sorted(collection, key=by_id):
                writer.writerow([_csv_cell(getattr(entry, name), joined) for name, joined in columns])
        written.append(path)
    return tuple(written)


def export_csv(kb: Catalog, output: pathlib.Path, replace: bool) -> tuple[pathlib.Path, ...]:
    """The ``"csv"`` format of :func:`spinekb._export.export`."""
    return write_csv(kb, output)
