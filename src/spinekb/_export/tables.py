"""CSV: one file per kind (see :mod:`spinekb._export`)."""

from __future__ import annotations

import csv
import enum
import io
import os
import pathlib
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from spinekb._export.common import (
    Content,
    by_id,
    check_kb,
    check_replace,
    compact,
    folder_path,
    is_enum,
    item_type,
    record_fields,
    unstructure,
    write_files,
)
from spinekb._kinds import KINDS, refers_to

if TYPE_CHECKING:
    from spinekb._query.catalog import Catalog

__all__ = ["export_csv", "write_csv"]

_SEPARATOR = "; "


def _joined(field: attrs.Attribute[Any]) -> bool:
    """Whether a list field is written joined by ``"; "``: lists of ids or of enum values."""
    item = item_type(field.type)
    return item is not None and ((item is str and refers_to(field) is not None) or is_enum(item))


#: What a spreadsheet takes as the start of a formula (OWASP, "CSV Injection"), and the quote
#: that neutralises it, which is itself escaped so that one rule undoes it.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
_WHOLE_NUMBER = re.compile(r"-[0-9]+")


def _neutralised(cell: str) -> str:
    """``cell`` with a single quote in front when a spreadsheet would run it as a formula, or when
    it starts with a single quote: a reader gets the value back by dropping one leading quote.
    A whole number such as ``-3`` is a number to a spreadsheet, not a formula, and stays as it is."""
    if cell.startswith(_FORMULA_STARTS) and not _WHOLE_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def _csv_cell(value: Any, joined: bool) -> str:
    return _neutralised(_plain_cell(value, joined))


def _plain_cell(value: Any, joined: bool) -> str:
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


def _csv_text(cls: type, entries: Iterable[Any]) -> str:
    fields = record_fields(cls)
    columns = [(field.name, _joined(field)) for field in fields]
    stream = io.StringIO(newline="")
    writer = csv.writer(stream)
    writer.writerow([field.name for field in fields])
    for entry in sorted(entries, key=by_id):
        writer.writerow([_csv_cell(getattr(entry, name), joined) for name, joined in columns])
    return stream.getvalue()


def write_csv(kb: Catalog, folder: str | os.PathLike[str], *, replace: bool = False) -> tuple[pathlib.Path, ...]:
    """Write one CSV file per kind, ``<stem>.csv``, into ``folder`` (see the module's description).

    The folder is made if need be. The files are written together (see
    :func:`spinekb._export.common.write_files`): all of them, or none when one fails, and none
    when one is already there and ``replace`` is false. Returns the paths written, in loading
    order. Raises :class:`TypeError` for arguments of the wrong type, :class:`FileExistsError`
    (also a :class:`ValueError`) for a file already there, and :class:`ValueError` when
    ``folder`` is a file or a symbolic link, or one of the files is a link or not a regular file.
    """
    check_kb(kb)
    check_replace(replace)
    target = folder_path(folder, "folder")
    files: list[tuple[str, Content]] = [
        (f"{stem}.csv", _csv_text(cls, collection).encode("utf-8"))
        for (stem, cls), collection in zip(KINDS, kb.collections, strict=True)
    ]
    return write_files(target, files, replace=replace)


def export_csv(kb: Catalog, output: pathlib.Path, replace: bool) -> tuple[pathlib.Path, ...]:
    """The ``"csv"`` format of :func:`spinekb._export.export`."""
    return write_csv(kb, output, replace=replace)
