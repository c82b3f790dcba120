"""The whole knowledge base as one JSON content document (see :mod:`spinekb._export`)."""

from __future__ import annotations

import os
import pathlib
from typing import TYPE_CHECKING, Any

from spinekb._content.read import DOCUMENT_FORMAT
from spinekb._export.common import by_id, check_kb, file_path, pretty, unstructure, write_file
from spinekb._kinds import KINDS

if TYPE_CHECKING:
    from spinekb._query.catalog import Catalog

__all__ = ["DOCUMENT_FORMAT", "export_json", "json_text", "to_document", "write_json"]


def to_document(kb: Catalog) -> dict[str, Any]:
    """The whole knowledge base as one JSON-ready document (see the module's description).

    Raises :class:`TypeError` when ``kb`` is not a :class:`KnowledgeBase`.
    """
    check_kb(kb)
    document: dict[str, Any] = {"format": DOCUMENT_FORMAT, "data_version": kb.data_version}
    if kb.manifest is not None:
        document["manifest"] = unstructure(kb.manifest)
    for (stem, _), collection in zip(KINDS, kb.collections, strict=True):
        document[stem] = [unstructure(entry) for entry in sorted(collection, key=by_id)]
    return document


def json_text(kb: Catalog) -> str:
    """The text :func:`write_json` writes: the document, indented by two spaces, with a final newline."""
    return pretty(to_document(kb))


def write_json(kb: Catalog, path: str | os.PathLike[str], *, replace: bool = False) -> pathlib.Path:
    """Write the knowledge base as one JSON document (UTF-8), atomically.

    The same knowledge base always gives the same bytes. Returns the path written. Raises
    :class:`TypeError` for arguments of the wrong type, :class:`FileExistsError` (also a
    :class:`ValueError`) when a file is at ``path`` and ``replace`` is false, and
    :class:`ValueError` when ``path`` is a folder, a symbolic link or not a regular file.
    """
    check_kb(kb)
    target = file_path(path, "path", replace=replace)
    return write_file(target, json_text(kb).encode("utf-8"), replace=replace)


def export_json(kb: Catalog, output: pathlib.Path, replace: bool) -> tuple[pathlib.Path, ...]:
    """The ``"json"`` format of :func:`spinekb._export.export`."""
    return (write_json(kb, output, replace=replace),)
