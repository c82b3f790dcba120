"""Reading content folders: files to records, all or nothing.

A content folder holds one JSON file per kind of record (see :data:`KINDS`), each a list of
entries sorted by id. The bundled content lives in ``spinekb/data`` and is read through
``importlib_resources`` so it works from wheels, zips and editable installs alike.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from spinekb import models
from spinekb.errors import ContentError, ContentProblem

if TYPE_CHECKING:
    import cattrs
    from importlib_resources.abc import Traversable

#: The kinds of record, in loading order: (file stem, record class).
KINDS: tuple[tuple[str, type[models.Entry]], ...] = (
    ("sources", models.Source),
    ("regions", models.Region),
    ("muscle-groups", models.MuscleGroup),
    ("muscles", models.Muscle),
    ("symptoms", models.Symptom),
    ("exercises", models.Exercise),
    ("conditions", models.Condition),
    ("treatments", models.Treatment),
    ("red-flags", models.RedFlag),
    ("topics", models.Topic),
)

Records = dict[type[models.Entry], tuple[models.Entry, ...]]
T = TypeVar("T")

#: The optional file in which a content folder describes itself.
MANIFEST = "manifest.json"


@attrs.frozen
class Content:
    """Everything read from one content folder.

    Attributes:
        records: the entries of each kind, in file order.
        manifest: the folder's manifest, or ``None`` when it has none.
    """

    records: Records
    manifest: models.Manifest | None


_converter: cattrs.Converter | None = None


def converter() -> cattrs.Converter:
    """The library's one converter, built on first use (building it imports cattrs)."""
    global _converter
    if _converter is None:
        from spinekb._convert import make_converter

        _converter = make_converter()
    return _converter


def bundled_folder() -> Traversable:
    """The content shipped inside the package."""
    import importlib_resources

    return importlib_resources.files("spinekb") / "data"


def as_traversable(folder: str | os.PathLike[str] | Traversable) -> Traversable:
    """Accept a path or anything ``importlib_resources`` can traverse."""
    if isinstance(folder, (str, os.PathLike)):
        import pathlib

        return pathlib.Path(folder)
    if callable(getattr(folder, "iterdir", None)) and callable(getattr(folder, "joinpath", None)):
        return folder
    raise TypeError(f"expected a folder path or a Traversable, got {type(folder).__name__}")


@contextmanager
def _gc_paused() -> Iterator[None]:
    # Records hold ids, not references to each other, so there are no cycles to collect; the
    # collector would only walk the growing heap again and again during a bulk load.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_folder(folder: Traversable) -> Content:
    """Read and check every content file in ``folder``.

    Returns the records of each kind, in file order, and the manifest. Raises
    :class:`ContentError` listing every problem found (unreadable files, bad JSON, entries that do
    not fit their record type, and broken references); nothing is returned in part.
    """
    from spinekb._validate import validate

    problems: list[ContentProblem] = []
    if not folder.is_dir():
        raise ContentError([ContentProblem(str(folder), "", "$", "not a folder")])
    known = {f"{stem}.json" for stem, _ in KINDS} | {MANIFEST}
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        if item.name.endswith(".json") and item.name not in known:
            expected = ", ".join(sorted(known))
            problems.append(ContentProblem(str(item), "", "$", f"unknown content file; expected one of {expected}"))

    records: Records = {}
    files: dict[type[models.Entry], str] = {}
    with _gc_paused():
        for stem, cls in KINDS:
            path = folder / f"{stem}.json"
            files[cls] = str(path)
            if not path.is_file():
                records[cls] = ()
                continue
            records[cls] = _read_file(path, cls, problems)
        manifest = _read_manifest(folder / MANIFEST, problems)
        if not problems:
            problems.extend(validate(records, files, manifest, str(folder / MANIFEST)))
    if problems:
        raise ContentError(problems)
    return Content(records, manifest)


def _read_manifest(path: Traversable, problems: list[ContentProblem]) -> models.Manifest | None:
    if not path.is_file():
        return None
    raw = _read_json(path, problems)
    if raw is _UNREADABLE:
        return None
    manifest: models.Manifest | None = _structure_one(str(path), "", raw, models.Manifest, problems)
    return manifest


def _read_file(path: Traversable, cls: type[models.Entry], problems: list[ContentProblem]) -> tuple[models.Entry, ...]:
    raw = _read_json(path, problems)
    if raw is _UNREADABLE:
        return ()
    if not isinstance(raw, list):
        problems.append(ContentProblem(str(path), "", "$", f"must hold a list of {cls.kind} entries"))
        return ()
    return _structure_entries(str(path), raw, cls, problems)


_UNREADABLE = object()


def _read_json(path: Traversable, problems: list[ContentProblem]) -> Any:
    """The parsed JSON of a file, or ``_UNREADABLE`` after reporting why it could not be read."""
    import json

    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(ContentProblem(name, "", "$", f"cannot be read ({exc.strerror or exc})"))
        return _UNREADABLE
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(ContentProblem(name, "", "$", f"is not valid UTF-8 (byte {exc.start})"))
        return _UNREADABLE
    try:
        return json.loads(text)
    except RecursionError:
        problems.append(ContentProblem(name, "", "$", "is nested too deeply to be content"))
    except json.JSONDecodeError as exc:
        problems.append(
            ContentProblem(name, "", "$", f"is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
        )
    return _UNREADABLE


def _structure_entries(
    name: str, raw: list[Any], cls: type[models.Entry], problems: list[ContentProblem]
) -> tuple[models.Entry, ...]:
    entries = (
        _structure_one(name, entry_label(item, position), item, cls, problems) for position, item in enumerate(raw)
    )
    return tuple(entry for entry in entries if entry is not None)


def _structure_one(name: str, label: str, item: Any, cls: type[T], problems: list[ContentProblem]) -> T | None:
    from spinekb._structure import DoesNotFitError, structure

    try:
        record: T = structure(item, cls)
    except (DoesNotFitError, RecursionError):
        _explain(name, label, item, cls, problems)
        return None
    return record


def _explain(name: str, label: str, item: Any, cls: type, problems: list[ContentProblem]) -> None:
    """Report where ``item`` breaks the rules of ``cls``, with field paths, using the cattrs converter."""
    from spinekb._convert import describe_error

    try:
        converter().structure(item, cls)
    except RecursionError:
        problems.append(ContentProblem(name, label, "$", "is nested too deeply to be content"))
    except Exception as exc:  # noqa: BLE001 - every structuring failure becomes a problem report
        problems.extend(ContentProblem(name, label, path, message) for path, message in describe_error(exc))
    else:
        # The two structurers follow the same rules, and a property test holds them to it; should
        # they ever disagree, the entry is still refused rather than trusted.
        problems.append(ContentProblem(name, label, "$", f"does not fit a {cls.__name__} record"))


def entry_label(item: object, position: int) -> str:
    """How a problem report names an entry: its id when it has a usable one, else ``#position``."""
    if isinstance(item, dict):
        ident = item.get("id")
        if isinstance(ident, str) and ident and len(ident) <= 80:
            return ident
    return f"#{position}"
