"""Where content comes from: content packs, the bundled content's folder, and installed packs.

A pack is a content folder (one JSON file per kind, as in ``spinekb/data``) or a content document
(one JSON file holding every kind), given as a path, a ``Traversable`` or the name of an installed
pack: an entry point in the ``spinekb.packs`` group whose object is a folder or a function
returning one.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from spinekb._record import Record
from spinekb.errors import UnknownPackError

if TYPE_CHECKING:
    from importlib_resources.abc import Traversable

__all__ = [
    "ENTRY_POINTS",
    "Pack",
    "PackInfo",
    "as_traversable",
    "bundled_folder",
    "find_pack",
    "installed_packs",
    "is_path_text",
]

#: The entry-point group in which installed content packs are registered.
ENTRY_POINTS = "spinekb.packs"


def bundled_folder() -> Traversable:
    """The content shipped inside the package.

    Installed on a file system (the usual case), the folder is read with plain ``os`` calls:
    ``importlib_resources`` and ``pathlib`` cost more to import than the whole bundled load
    (about 10 ms of start-up). From a zip or another importer, ``importlib_resources`` reads it.
    """
    here = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data")
    if os.path.isdir(here):
        return _Place(here)  # type: ignore[return-value]  # the part of Traversable the loader uses
    import importlib_resources

    return importlib_resources.files("spinekb") / "data"


class _Place:
    """A file or folder on disk, with the few ``Traversable`` methods the loader calls."""

    __slots__ = ("_path",)

    def __init__(self, path: str) -> None:
        self._path = path

    @property
    def name(self) -> str:
        return os.path.basename(self._path)

    def is_file(self) -> bool:
        return os.path.isfile(self._path)

    def is_dir(self) -> bool:
        return os.path.isdir(self._path)

    def iterdir(self) -> Iterator[_Place]:
        return (_Place(os.path.join(self._path, name)) for name in os.listdir(self._path))

    def __truediv__(self, part: str) -> _Place:
        return _Place(os.path.join(self._path, part))

    def read_bytes(self) -> bytes:
        with open(self._path, "rb") as file:
            return file.read()

    def __fspath__(self) -> str:
        return self._path

    def __str__(self) -> str:
        return self._path


def not_a_file(path: str | os.PathLike[str]) -> str | None:
    """Why what is at ``path`` cannot be read as a content file (a folder, a pipe, a broken or
    looping symbolic link), or ``None`` for a regular file or for nothing there at all."""
    if not os.path.lexists(path):
        return None
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if os.path.islink(path):
            return f"is a symbolic link that leads nowhere ({exc.strerror or exc})"
        return f"cannot be read ({exc.strerror or exc})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    return "is not a regular file (a pipe, device or socket)"


def as_traversable(folder: str | os.PathLike[str] | Traversable) -> Traversable:
    """Accept a path or anything ``importlib_resources`` can traverse."""
    if isinstance(folder, (str, os.PathLike)):
        import pathlib

        return pathlib.Path(folder)
    if callable(getattr(folder, "iterdir", None)) and callable(getattr(folder, "joinpath", None)):
        return folder
    raise TypeError(f"expected a folder path or a Traversable, got {type(folder).__name__}")


class Pack:
    """One content pack to load (a plain class: creating attrs classes costs start-up time).

    Attributes:
        name: the pack's name in error messages ("" when it is the only one).
        location: a content folder, or a content document (one JSON file holding every kind).
    """

    __slots__ = ("location", "name")

    def __init__(self, name: str, location: Traversable) -> None:
        self.name = name
        self.location = location

    def __repr__(self) -> str:
        return f"Pack({self.name!r}, {self.location!r})"


@attrs.frozen(repr=False, eq=False)
class PackInfo(Record):
    """A content pack that a knowledge base was loaded from.

    Attributes:
        name: the pack's name: its manifest's ``name``, else the name it was given or found by.
        data_version: the version its manifest gives, if any.
        location: where it was read from.
    """

    name: str
    data_version: str | None
    location: str


def installed_packs() -> tuple[str, ...]:
    """The names of the content packs installed as ``spinekb.packs`` entry points, sorted."""
    from importlib.metadata import entry_points

    return tuple(sorted({point.name for point in entry_points(group=ENTRY_POINTS)}))


def is_path_text(text: str) -> bool:
    """Whether a string names a path rather than an installed pack: it holds a path separator, or
    starts with ``.``, or ends with ``.json``. Anything else is a pack name."""
    separators = {"/", os.sep, os.altsep} - {None}
    return any(sep in text for sep in separators if sep) or text.startswith(".") or text.endswith(".json")


def find_pack(item: object) -> Pack:
    """The pack that ``item`` names.

    A ``pathlib.Path`` (any ``os.PathLike``) or a ``Traversable`` is always a path; a string is a
    path when :func:`is_path_text` says so (``"./clinic"``, ``"packs/clinic"``,
    ``"clinic.json"``), and otherwise the name of an installed pack, never a folder that happens
    to have that name in the working directory.

    Raises :class:`UnknownPackError` (with close matches) for a path that does not exist or a
    name that is not installed, :class:`ValueError` for an empty string, and
    :class:`TypeError` for anything else.
    """
    import pathlib
    from importlib.metadata import entry_points

    if isinstance(item, str) and not item.strip():
        raise ValueError("a pack must be a path or an installed pack's name, not an empty string")
    if isinstance(item, os.PathLike) or (isinstance(item, str) and is_path_text(item)):
        path = pathlib.Path(item)
        try:
            exists = path.exists()
        except OSError:  # a name too long to be a path on this system is no path that exists
            exists = False
        if exists:
            return Pack(path.stem if path.is_file() else path.name, path)
        raise UnknownPackError(os.fspath(item), installed_packs(), note="no such file or folder")
    if isinstance(item, str):
        found = [point for point in entry_points(group=ENTRY_POINTS) if point.name == item]
        if found:
            target = found[0].load()
            if callable(target):
                target = target()
            try:
                return Pack(item, as_traversable(target))
            except TypeError as exc:
                raise TypeError(f"the installed pack {item!r} gave no folder: {exc}") from None
        import difflib

        available = installed_packs()
        note = ""
        try:
            if pathlib.Path(item).exists():
                note = f"to load the folder or file {item!r} here, write it as a path: './{item}'"
        except OSError:
            pass
        raise UnknownPackError(item, available, tuple(difflib.get_close_matches(item, available, n=3)), note=note)
    try:
        location = as_traversable(item)  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(
            f"packs are folder or file paths, Traversables or installed pack names, got {type(item).__name__}"
        ) from None
    return Pack(location.name, location)
