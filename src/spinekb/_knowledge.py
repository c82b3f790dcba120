"""The knowledge base: the query core of :class:`~spinekb._query.catalog.Catalog`, plus loading,
screening, plans, exports and display, each a one-line delegation to the layer that does it."""

from __future__ import annotations

import gc
import importlib
import os
import types
from typing import TYPE_CHECKING, Any

from spinekb._export import FORMATS
from spinekb._query.catalog import Catalog
from spinekb.errors import UnknownEntryError
from spinekb.models import Entry

if TYPE_CHECKING:
    import pathlib

    import networkx
    import pandas
    from importlib_resources.abc import Traversable

    from spinekb import _plans, _screening
    from spinekb._reading import reader as _reader

__all__ = ["KnowledgeBase", "freeze_after_load"]


def freeze_after_load(kb: KnowledgeBase, freeze: bool) -> KnowledgeBase:
    """``kb``, after :func:`gc.freeze` when ``freeze`` (see :func:`spinekb.load`): the collector
    then never walks the loaded records (and everything else alive now) again, so no query pays
    for a full collection over them. Every kind still to be structured (the checked bundled
    content structures each on first use) is structured first, so that no record is made after."""
    if freeze:
        for collection in kb.collections:
            collection._structure()
        gc.freeze()
    return kb


class _Feature:
    """A method whose implementation lives in a feature module, imported on first use.

    The function in that module is the one declaration of the method's signature, defaults and
    documentation: ``KnowledgeBase.screen`` is that function, and ``kb.screen`` that function with
    ``kb`` bound. Importing spinekb imports neither screening nor planning; the first use of the
    method does (:mod:`spinekb._bundled` reads the descriptor from the class's ``__dict__``, so
    the module-level queries import nothing either).
    """

    __slots__ = ("module", "name")

    def __init__(self, module: str) -> None:
        self.module = module
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def function(self) -> Any:
        """The implementation (importing its module)."""
        return getattr(importlib.import_module(self.module), self.name)

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        function = self.function()
        return function if instance is None else types.MethodType(function, instance)


class KnowledgeBase(Catalog):
    """A loaded, checked knowledge base and the queries over it.

    Get the bundled one with :func:`spinekb.load`, or load a folder in the same format with
    :meth:`from_path`. Every collection (:attr:`conditions`, :attr:`exercises`, ...) is read-only;
    records are frozen. Query arguments accept a record, an id, or a name or alias.
    """

    @classmethod
    def from_path(cls, folder: str | os.PathLike[str] | Traversable, *, freeze: bool = False) -> KnowledgeBase:
        """Load and check one content folder (one JSON file per kind, as in ``spinekb/data``) or
        one content document (the single JSON file that ``spinekb export --format json`` writes),
        on its own. To add your content to the bundled content, use :func:`spinekb.load`.

        ``freeze=True`` calls :func:`gc.freeze` after the load, as :func:`spinekb.load` can: the
        garbage collector then never walks the loaded records again (process-wide; undo it with
        :func:`gc.unfreeze`).

        Raises :class:`spinekb.ContentError` naming the file, entry and field of every problem;
        nothing is loaded when any is found.
        """
        from spinekb._content.packs import as_traversable
        from spinekb._content.read import read_folder

        if not isinstance(freeze, bool):
            raise TypeError(f"freeze must be True or False, got {type(freeze).__name__}")
        content = read_folder(as_traversable(folder))
        return freeze_after_load(cls(content.records, content.manifest, content.packs, names=content.names), freeze)

    # --- features: the implementation of each declares its signature once -----------------------

    if TYPE_CHECKING:
        screen = _screening.screen
        plan = _plans.plan
        findings_in = _reader.findings_in
        screen_text = _reader.screen_text
    else:
        screen = _Feature("spinekb._screening")
        plan = _Feature("spinekb._plans")
        findings_in = _Feature("spinekb._reading.reader")
        screen_text = _Feature("spinekb._reading.reader")

    #: The formats :meth:`export` writes, by name.
    export_formats: tuple[str, ...] = tuple(FORMATS)

    def export(self, format: str, output: str | os.PathLike[str], *, replace: bool = False) -> tuple[pathlib.Path, ...]:
        """Write the knowledge base out for other tools; returns the paths written.

        ``format`` is one of:

        - ``"json"``: one content document (``output`` is a file), loadable back with
          :meth:`from_path`;
        - ``"schema"``: JSON Schema for every kind and for the document (``output`` is a folder);
        - ``"csv"``: one CSV file per kind (``output`` is a folder);
        - ``"sqlite"``: one SQLite database with a table per kind and link tables for the
          references, foreign keys on (``output`` is a file);
        - ``"jsonld"``: schema.org JSON-LD of the whole knowledge base (``output`` is a file).

        Every format writes atomically (a failed or interrupted export leaves any earlier output
        as it was), with the permissions of the umask, and refuses an output that is already there
        (for ``"schema"`` and ``"csv"``: any one of the files it would write) unless
        ``replace=True``. See ``docs/exports.md`` for the layouts and the safety rules.

        Raises :class:`spinekb.OutputExistsError` (a :class:`FileExistsError` and a
        :class:`ValueError`) for an existing output without ``replace``, :class:`ValueError` for
        an unknown format (naming the formats) or an unusable output (a symbolic link, a folder
        for a file or a file for a folder, a pipe or device), :class:`TypeError` for wrong
        argument types, and :class:`OSError` when writing fails.
        """
        from spinekb._export import export

        return export(self, format, output, replace=replace)

    def to_document(self) -> dict[str, Any]:
        """The whole knowledge base as one JSON-ready content document (see :meth:`export`)."""
        from spinekb._export.document import to_document

        return to_document(self)

    def to_json_schema(self, kind: type[Entry] | str | None = None) -> dict[str, Any]:
        """The JSON Schema (draft 2020-12) of one kind's entries (a record class or a name, as
        :meth:`collection` takes), or, without ``kind``, of the content document that
        :meth:`to_document` gives. Raises :class:`ValueError` naming the kinds for an unknown one."""
        from spinekb._export.schema import json_schema

        return json_schema(kind)

    def to_jsonld(self, entry: Entry | str | None = None, *, base: str | None = None) -> dict[str, Any]:
        """schema.org JSON-LD for a website's structured data: one entry (a condition, exercise,
        treatment, symptom, muscle or source, as a record or id) as a node document, or, without
        ``entry``, every one of them in an ``@graph``. Node ids are ``urn:spinekb:<kind>:<id>``,
        or ``<base><kind>/<id>`` when ``base`` (an absolute address ending in ``/`` or ``#``) is
        given. See ``docs/exports.md`` for the mapping."""
        from spinekb._export.jsonld import to_jsonld

        return to_jsonld(self, entry, base=base)

    # --- display ------------------------------------------------------------------------------

    def describe(self, entry: Entry | str) -> str:
        """A plain-text description of an entry for people, with referenced ids shown by name.

        ``entry`` is a record, an id, or a name or alias (the first entry, in loading order of
        kinds, that it names). Raises :class:`UnknownEntryError` with close matches otherwise."""
        from spinekb._show.text import describe

        if isinstance(entry, str):
            found = self.get(entry) or next(iter(self.find(entry)), None)
            if found is None:
                raise UnknownEntryError("entry", entry, self.suggest(entry))
            entry = found
        if not isinstance(entry, Entry):
            raise TypeError(f"expected an entry or its id, got {type(entry).__name__}")
        return describe(self, entry)

    def _repr_html_(self) -> str:
        """The data version and the number of entries of each kind, for Jupyter."""
        from spinekb._show.html import knowledge_base_html

        return knowledge_base_html(self)

    def to_dataframe(self, kind: type[Entry] | str) -> pandas.DataFrame:
        """A pandas DataFrame of one kind of record (needs ``spinekb[pandas]``).

        ``kind`` is a record class (``Exercise``) or a name: the file stem (``"exercises"``,
        ``"red-flags"``), the attribute (``"red_flags"``) or the kind (``"red-flag"``). One row
        per entry, in id order; one column per field, in field order. Vocabulary values are their
        strings, tuples stay tuples and nested records (a dosage) become dictionaries.

        Raises :class:`ValueError` for an unknown kind, :class:`TypeError` for a kind that is
        neither a class nor a string, and an :class:`ImportError` (also a
        :class:`spinekb.SpineKBError`) naming the extra when pandas is not installed.
        """
        return self.collection(kind).to_dataframe()

    def graph(self) -> networkx.Graph[str]:
        """The kinetic chain and the muscle groups as an undirected :class:`networkx.Graph`.

        The regions and links of :meth:`KineticChain.to_networkx`, plus one node per muscle group
        (``kind="muscle-group"``) joined to the regions of its muscles (edges with
        ``kind="muscles"`` and ``muscles``, their ids). Needs ``spinekb[networkx]``; raises an
        :class:`ImportError` (also a :class:`spinekb.SpineKBError`) naming the extra without it.
        """
        from spinekb._show.frames import knowledge_graph

        return knowledge_graph(self)
