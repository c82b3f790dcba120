"""Exporting the knowledge base: one JSON document, JSON Schema, CSV files and an SQLite database.

Every format is generated from the records in :mod:`spinekb.models` by walking their attrs fields
(types, defaults and the ``REFERS_TO`` metadata), so a new field or kind is exported without new
code. Only the standard library is used. :func:`export` picks a format by name.

Each format is one module: ``document`` (JSON), ``schema``, ``tables`` (CSV), ``database``
(SQLite) and ``jsonld``, with what they share in ``common``; :data:`FORMATS` is the one table of
them.

Every format writes the same way (``common.write_file`` and ``common.write_files``):

- Atomically. Each file is written under a temporary name in its own folder
  (``.<name>.<random>.tmp``; for the folder formats, schema and CSV, every file goes into one
  temporary folder ``.spinekb-export-<random>`` inside the output folder), flushed to disk
  (``fsync``) and only then renamed onto its path, so the path holds the old file or the whole
  new one, never part of one. The folder formats rename their files only when all of them are
  written; should a rename then fail (the folder has become unwritable, say), the files renamed
  before it are new and the rest old, each of them whole. A failed export removes its
  temporaries; a killed one cannot, and may leave one hidden temporary (never at the output's
  path, and never a SQLite journal: the database is built with its journal in memory), which is
  safe to delete.
- Never over an existing output unless ``replace`` is true: a file at the output's path, or for
  a folder format any one of the files it would write (other files in the folder are left
  alone), is refused with ``spinekb.OutputExistsError``, which is both a :class:`FileExistsError`
  and, as the refusal has always been for SQLite, a :class:`ValueError`. The check is made
  before anything is written, and again when the new file is put in place (a hard link, which
  fails if a file has appeared there meanwhile; a check and a rename where the file system has no
  hard links).
- With the permissions of the umask (``0o666 & ~umask``, as :func:`open` would give; the
  temporary files start private), also when replacing a file that had other permissions.
- Never through a symbolic link: an output path that is a link (even a dangling one, even with
  ``replace``), a folder format's target file that is one, or a target that is not a regular file
  (a pipe, a device) is refused with :class:`ValueError`. Links in the folders above the output
  are followed as usual.

JSON document (:func:`to_document`, :func:`write_json`)
    One object: ``{"format": "spinekb-content", "data_version": ..., "manifest": {...},
    "sources": [...], "regions": [...], ...}``, with one list for every kind in loading order
    (:data:`spinekb._kinds.KINDS`). Entries are sorted by id and written exactly as in the
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
    ``benefits``) is compact JSON text, as in the content files. A cell that a spreadsheet would
    run as a formula, one that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return,
    gets a single quote in front (OWASP's advice on CSV injection), and so does a cell that
    starts with a single quote; a whole number such as ``-3`` is left as it is. To read a value
    back, drop one leading single quote where there is one.

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
        For example ``exercises_regions(exercise_id, region_id, position)``,
        ``conditions_red_flags(condition_id, red_flag_id, position)`` and
        ``regions_sources(region_id, source_id, position)``. ``position`` is the place in the list,
        from 0. Both ids are foreign keys. A list that may refer to several kinds
        (``topics_see_also``) has ``entry_id`` and ``kind`` in
        place of ``<target>_id``, and its foreign key is to ``entries``. A list that refers to its
        own kind names the target column ``linked_<kind>_id``.
    ``exercises_muscles(exercise_id, muscle_id, role, groups, position)``
        The muscles of each exercise with their role (``target``, ``synergist``, ``stabiliser``,
        ``stretched``) and, as JSON, the groups the role is limited to (``[]`` for all).
    ``muscles_groups(muscle_id, muscle_group_id, membership, position)``
        The groups of each muscle, each as a ``prime`` or ``accessory`` member.
    ``exercises_variations(exercise_id, variation_id, relation, position)``
        The variations of each exercise; both ids are foreign keys to ``exercises``.
    ``exercises_contraindications(exercise_id, conditions, text, sources, position)``
        What each exercise should not be done with (``conditions`` as JSON ids), and why.
    ``conditions_restricted_movements(condition_id, movements, text, sources, position)``
        The movements each condition leaves out of exercise, and why.
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

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import os
    import pathlib

    from spinekb._query.catalog import Catalog

__all__ = ["FORMATS", "export"]

#: Every format :func:`export` writes: its name, and the module and function that write it (each
#: takes the knowledge base, the output path and ``replace``, and returns the paths written).
#: Importing this package imports none of them.
FORMATS: dict[str, tuple[str, str]] = {
    "json": ("document", "export_json"),
    "schema": ("schema", "export_schemas"),
    "csv": ("tables", "export_csv"),
    "sqlite": ("database", "export_sqlite"),
    "jsonld": ("jsonld", "export_jsonld"),
}


def export(
    kb: Catalog, format: str, output: str | os.PathLike[str], *, replace: bool = False
) -> tuple[pathlib.Path, ...]:
    """Export the knowledge base in one of :data:`FORMATS` (see :meth:`spinekb.KnowledgeBase.export`).

    Returns the paths written. Raises :class:`FileExistsError` (also a :class:`ValueError`) when
    the output is already there and ``replace`` is false, :class:`ValueError` for an unknown
    format (naming the choices) or an unusable ``output`` (a folder for a file or a file for a
    folder, a symbolic link, a pipe or device), :class:`TypeError` for arguments of the wrong
    type, and :class:`OSError` when writing fails (the old output, if any, is then left as it
    was; see the module's description).
    """
    from spinekb._export.common import as_path, check_kb, check_replace

    check_kb(kb)
    if not isinstance(format, str):
        raise TypeError(f"format must be a string, got {type(format).__name__}")
    if format not in FORMATS:
        raise ValueError(f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}")
    check_replace(replace)
    module, function = FORMATS[format]
    writer = getattr(importlib.import_module(f"{__name__}.{module}"), function)
    written: tuple[pathlib.Path, ...] = writer(kb, as_path(output, "output"), replace)
    return written
