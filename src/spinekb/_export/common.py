"""What every export format shares: output paths and safe writing, records in the content format,
and the fields and documentation of the record classes, read from the models."""

from __future__ import annotations

import contextlib
import enum
import inspect
import json
import os
import pathlib
import re
import shutil
import stat
import tempfile
import types
import typing
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from spinekb._content.read import converter
from spinekb.errors import OutputExistsError
from spinekb.models import Entry, Range

if TYPE_CHECKING:
    from spinekb._query.catalog import Catalog


def by_id(entry: Entry) -> str:
    return entry.id


def check_kb(kb: object) -> Catalog:
    from spinekb._query.catalog import Catalog

    if not isinstance(kb, Catalog):
        raise TypeError(f"expected a KnowledgeBase, got {type(kb).__name__}")
    return kb


def as_path(value: object, what: str) -> pathlib.Path:
    if not isinstance(value, (str, os.PathLike)):
        raise TypeError(f"{what} must be a path (a string or os.PathLike), got {type(value).__name__}")
    if not os.fspath(value):
        raise ValueError(f"{what} must not be empty")
    return pathlib.Path(value)


def check_replace(replace: object) -> bool:
    if not isinstance(replace, bool):
        raise TypeError(f"replace must be True or False, got {type(replace).__name__}")
    return replace


def file_path(value: object, what: str, *, replace: bool) -> pathlib.Path:
    """The path of an export's one output file, checked (see :func:`check_output`); its folder is
    made if need be."""
    check_replace(replace)
    path = as_path(value, what)
    if path.is_dir() and not path.is_symlink():
        raise ValueError(f"{what} {str(path)!r} is a folder; give the path of a file")
    check_output(path, replace=replace)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def folder_path(value: object, what: str) -> pathlib.Path:
    """The path of an export's output folder, made if need be; never a symbolic link."""
    path = as_path(value, what)
    _refuse_link(path)
    if path.exists() and not path.is_dir():
        raise ValueError(f"{what} {str(path)!r} is a file; give the path of a folder")
    path.mkdir(parents=True, exist_ok=True)
    return path


# --- writing files safely -----------------------------------------------------------------------
#
# Every file is written under a temporary name in its own folder (so that the rename stays on one
# file system), flushed to disk, given the permissions of the umask and only then renamed onto its
# path: a failed or killed export never leaves a partly written output. The files of a folder
# format are all written, into one temporary folder inside the output folder, before the first is
# renamed into place.


#: What an export writes into a file: its bytes, or a function that fills the (empty) file at the
#: path it is given.
Content = bytes | Callable[[str], None]

_PROC_STATUS = "/proc/self/status"
_TEMPORARY_FOLDER = ".spinekb-export-"


def _refuse_link(path: pathlib.Path) -> None:
    if path.is_symlink():
        raise ValueError(
            f"{str(path)!r} is a symbolic link; exports never write through a link or replace one: "
            "give the path the link points to, or remove the link"
        )


def check_output(path: pathlib.Path, *, replace: bool) -> None:
    """Refuse to write ``path`` when it is a symbolic link (even a dangling one, even with
    ``replace``) or anything but a regular file, or when it is a file and ``replace`` is false.

    Raises :class:`ValueError`, or :class:`OutputExistsError` for a file that ``replace`` allows.
    """
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    _refuse_link(path)
    if stat.S_ISDIR(mode):
        raise ValueError(f"{str(path)!r} is a folder, where the export would write a file")
    if not stat.S_ISREG(mode):
        raise ValueError(f"{str(path)!r} is not a regular file (a pipe, socket or device); exports write files only")
    if not replace:
        raise _exists(path)


def _exists(path: pathlib.Path, others: int = 0) -> OutputExistsError:
    more = f" ({others} more of the files the export would write are there too)" if others else ""
    return OutputExistsError(
        f"{str(path)!r} already exists; pass replace=True (--replace on the command line) to overwrite{more}"
    )


def _umask() -> int:
    """The process's umask, read once per export."""
    try:  # Linux 4.7 and later show it without changing it
        with open(_PROC_STATUS, encoding="ascii") as status:
            for line in status:
                key, _, value = line.partition(":")
                if key == "Umask":
                    return int(value.strip(), 8)
    except (OSError, ValueError):
        pass
    # Elsewhere the umask can only be read by setting it. It is shared by every thread of the
    # process, so a file another thread makes in the instant before it is put back gets the
    # private 0o077 in place of the real umask: too private rather than too open.
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _fill(fd: int, path: str, content: Content, mode: int) -> None:
    """Write ``content`` into the new file ``fd`` at ``path`` and flush it to disk; closes ``fd``."""
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        else:  # Windows before Python 3.13
            os.chmod(path, mode)
        if isinstance(content, bytes):
            _write_all(fd, content)
        else:
            content(path)
        os.fsync(fd)  # the same file: what another descriptor wrote is flushed too
    finally:
        os.close(fd)


def _place(temporary: str, target: pathlib.Path, *, replace: bool) -> None:
    """Move the complete ``temporary`` onto ``target``; without ``replace``, never over anything."""
    if replace:
        os.replace(temporary, target)  # a rename: atomic, and never follows a link at target
        return
    try:
        os.link(temporary, target)  # fails if anything, a dangling link too, has appeared there
    except FileExistsError:
        raise _exists(target) from None
    except OSError:  # no hard links on this file system: check, then rename
        if os.path.lexists(target):
            raise _exists(target) from None
        os.replace(temporary, target)
        return
    with contextlib.suppress(OSError):  # the export is done; the caller removes what is left
        os.unlink(temporary)


def _sync_folder(folder: pathlib.Path) -> None:
    """Flush a folder's entries (the renames) to disk, where the system allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:  # some systems cannot open or flush a folder; the renames are done all the same
        pass


def _prefix(name: str) -> str:
    return f".{name[:64]}."


def write_file(target: pathlib.Path, content: Content, *, replace: bool) -> pathlib.Path:
    """Write one file atomically, as the section above describes; ``target`` has been checked
    with :func:`check_output` and its folder exists. Returns ``target``."""
    mode = 0o666 & ~_umask()
    fd, temporary = tempfile.mkstemp(prefix=_prefix(target.name), suffix=".tmp", dir=target.parent)
    try:
        _fill(fd, temporary, content, mode)
        _place(temporary, target, replace=replace)
    except BaseException:
        pathlib.Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)
    return target


def write_files(
    folder: pathlib.Path, files: Sequence[tuple[str, Content]], *, replace: bool
) -> tuple[pathlib.Path, ...]:
    """Write files into ``folder`` (made by :func:`folder_path`) together: all of them, or, when
    one cannot be written, none. Returns their paths, in the order given.

    Each file is checked with :func:`check_output` first, and all are refused when one of them is
    there and ``replace`` is false. The files are written into a new temporary folder in
    ``folder`` and renamed into place only when all are complete. If a rename fails part-way
    (the folder has become unwritable, say), the files renamed before it are new and the others
    as they were; each file is whole either way, and the temporary folder is removed.
    """
    check_replace(replace)
    targets = [folder / name for name, _ in files]
    found = []
    for target in targets:
        try:
            check_output(target, replace=replace)
        except OutputExistsError:
            found.append(target)
    if found:
        raise _exists(found[0], len(found) - 1)
    mode = 0o666 & ~_umask()
    staging = pathlib.Path(tempfile.mkdtemp(prefix=_TEMPORARY_FOLDER, dir=folder))
    try:
        for name, content in files:
            temporary = staging / name
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), mode)
            _fill(fd, str(temporary), content, mode)
        for (name, _), target in zip(files, targets, strict=True):
            _place(str(staging / name), target, replace=replace)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _sync_folder(folder)
    return tuple(targets)


def _plain(data: Any) -> Any:
    """Unstructured data with plain JSON types only: the converter leaves enum members as they are."""
    if isinstance(data, dict):
        return {key: _plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_plain(value) for value in data]
    if isinstance(data, enum.Enum):
        return data.value
    return data


def unstructure(value: Any) -> Any:
    return _plain(converter().unstructure(value))


def compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def pretty(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# --- walking the models -------------------------------------------------------------------------


_FIELDS: dict[type, tuple[attrs.Attribute[Any], ...]] = {}


def record_fields(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    """The fields of a record class, with their types resolved, in declaration order."""
    found = _FIELDS.get(cls)
    if found is None:
        attrs.resolve_types(cls)
        found = _FIELDS[cls] = tuple(field for field in attrs.fields(cls) if field.init)
    return found


def optional(tp: Any) -> Any:
    """The ``X`` of ``X | None``, or ``None`` when ``tp`` is not optional."""
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args:
        return next(arg for arg in args if arg is not type(None))
    return None


def item_type(tp: Any) -> Any:
    """The ``X`` of ``tuple[X, ...]``, or ``None`` when ``tp`` is not such a tuple."""
    args = typing.get_args(tp)
    if typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    return None


def is_enum(tp: Any) -> bool:
    # Before Python 3.11, tuple[str, ...] passes for a type; the origin check keeps it out.
    return isinstance(tp, type) and typing.get_origin(tp) is None and issubclass(tp, enum.Enum)


def is_record(tp: Any) -> bool:
    return isinstance(tp, type) and typing.get_origin(tp) is None and attrs.has(tp) and tp is not Range


# --- docstrings -------------------------------------------------------------------------------

_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")


def _words(text: str) -> str:
    """Docstring text without reStructuredText roles and literals."""
    return " ".join(_ROLE.sub(r"\1", text).replace("``", "").split())


def class_description(cls: type) -> str:
    doc = cls.__dict__.get("__doc__")
    if not doc:
        return ""
    return _words(inspect.cleandoc(doc).split("\n\n")[0])


def attribute_docs(cls: type) -> dict[str, str]:
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
