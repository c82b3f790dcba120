"""Reading content folders: files to records, all or nothing.

A content folder holds one JSON file per kind of record (see :data:`KINDS`), each a list of
entries sorted by id. The bundled content lives in ``spinekb/data`` and is read through
``importlib_resources`` so it works from wheels, zips and editable installs alike.
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from spinekb import models
from spinekb._content.packs import Pack, PackInfo, not_a_file
from spinekb._kinds import KINDS
from spinekb.errors import ContentError, ContentProblem

if TYPE_CHECKING:
    import cattrs
    from importlib_resources.abc import Traversable

Records = dict[type[models.Entry], tuple[models.Entry, ...]]
T = TypeVar("T")

#: The optional file in which a content folder describes itself.
MANIFEST = "manifest.json"


class Content:
    """Everything read from the content packs, checked (a plain class: see :class:`Pack`).

    Attributes:
        records: the entries of each kind, in file order: for the checked content, a
            :class:`LazyRecords` that structures each kind on its first use.
        manifest: the merged manifest, or ``None`` when no pack has one.
        packs: what was loaded, in order.
        names: each kind's look-up keys (normalised id, name or alias -> entry), worked out by
            the name-collision check and reused as the collections' look-up index (empty when
            the checks were not run).
        fingerprint: which bytes were loaded (see :class:`Fingerprint`).
    """

    __slots__ = ("fingerprint", "manifest", "names", "packs", "records")

    def __init__(
        self,
        records: Records | LazyRecords,
        manifest: models.Manifest | None,
        packs: tuple[PackInfo, ...] = (),
        names: dict[type[models.Entry], dict[str, models.Entry]] | None = None,
        fingerprint: str = "",
    ) -> None:
        self.records = records
        self.manifest = manifest
        self.packs = packs
        self.names = names or {}
        self.fingerprint = fingerprint


class Fingerprint:
    """A BLAKE2b digest (128 bits, in hex) of every file read, in the order read: each file's name,
    length and bytes. Equal fingerprints mean, to cryptographic certainty, the same files.

    With ``defer`` (set when the content may be the checked bundled content), the files of a
    content folder are read and taken in but not parsed: each is kept in ``deferred``, to be
    parsed and structured on first use if the fingerprint turns out to be the checked one (see
    :func:`read_packs`).
    """

    __slots__ = ("_hash", "deferred")

    def __init__(self, *, defer: bool = False) -> None:
        self.deferred: dict[type[models.Entry], Deferred] | None = {} if defer else None
        try:  # the C module behind hashlib.blake2b, without hashlib's 9 ms of OpenSSL set-up
            from _blake2 import blake2b
        except ImportError:  # pragma: no cover - CPython always has it; other Pythons may not
            from hashlib import blake2b
        self._hash = blake2b(digest_size=16)

    def add(self, name: str, data: bytes) -> None:
        """Take in one file."""
        self._hash.update(f"{name}\0{len(data)}\0".encode())
        self._hash.update(data)

    def hexdigest(self) -> str:
        """The fingerprint so far."""
        return self._hash.hexdigest()


class Deferred:
    """One kind's file of checked content: its bytes, read and fingerprinted at load, parsed and
    structured on first use (:meth:`records`), once, under a lock, so that every caller gets the
    same records. The rules are those of the eager load (the same functions); should the file
    not structure after all, :meth:`records` raises the :class:`ContentError` the eager load would."""

    __slots__ = ("_data", "_lock", "_records", "cls", "name", "pack")

    def __init__(self, name: str, data: bytes, cls: type[models.Entry], pack: str = "") -> None:
        self.name = name
        self.cls = cls
        self.pack = pack
        self._data = data
        self._lock = threading.Lock()
        self._records: tuple[models.Entry, ...] | None = None

    @property
    def structured(self) -> bool:
        """Whether the file has been structured yet."""
        return self._records is not None

    def records(self) -> tuple[models.Entry, ...]:
        """The file's entries, in file order (structured on the first call)."""
        records = self._records
        if records is None:
            with self._lock:
                records = self._records
                if records is None:
                    problems: list[ContentProblem] = []
                    with _gc_paused():
                        # Checked content is canonical, so no key repeats: parsed as the checked load parses it.
                        records = _structure_file(self.name, self._data, self.cls, problems, unique_keys=False)
                    if problems:
                        if self.pack:
                            problems = [attrs.evolve(problem, pack=self.pack) for problem in problems]
                        raise ContentError(problems)
                    self._records = records
                    self._data = b""
        return records


class LazyRecords(Mapping[type[models.Entry], tuple[models.Entry, ...]]):
    """The records of each kind of checked content, each kind's file parsed and structured on its
    first use: reading a kind here structures it; :meth:`on_first_use` gives what
    :class:`~spinekb._query.catalog.Catalog` calls when a kind's collection is first used."""

    __slots__ = ("_files",)

    def __init__(self, files: dict[type[models.Entry], Deferred]) -> None:
        self._files = files

    def __getitem__(self, cls: type[models.Entry]) -> tuple[models.Entry, ...]:
        found = self._files.get(cls)
        if found is not None:
            return found.records()
        if cls in _CLASSES:
            return ()  # a kind the folder has no file for
        raise KeyError(cls)

    def __iter__(self) -> Iterator[type[models.Entry]]:
        return iter(_CLASSES)

    def __len__(self) -> int:
        return len(_CLASSES)

    def on_first_use(self, cls: type[models.Entry]) -> Callable[[], tuple[models.Entry, ...]]:
        """What gives the entries of kind ``cls``, structuring them on its first call."""
        found = self._files.get(cls)
        return _no_entries if found is None else found.records

    def pending(self) -> tuple[type[models.Entry], ...]:
        """The kinds not structured yet, in loading order."""
        return tuple(cls for cls in _CLASSES if cls in self._files and not self._files[cls].structured)


def _no_entries() -> tuple[models.Entry, ...]:
    return ()


_CLASSES = tuple(cls for _, cls in KINDS)


_converter: cattrs.Converter | None = None


def converter() -> cattrs.Converter:
    """The library's one converter, built on first use (building it imports cattrs)."""
    global _converter
    if _converter is None:
        from spinekb._content.convert import make_converter

        _converter = make_converter()
    return _converter


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


#: The ``format`` value of a content document: the whole knowledge base in one JSON file.
DOCUMENT_FORMAT = "spinekb-content"


class _Read:
    """What one pack holds, before it is merged with the others."""

    __slots__ = ("files", "manifest", "manifest_file", "records")

    def __init__(
        self, records: Records, manifest: models.Manifest | None, manifest_file: str, files: dict[int, str]
    ) -> None:
        self.records = records
        self.manifest = manifest
        self.manifest_file = manifest_file
        self.files = files  # id() of each entry -> the file it came from


def read_folder(folder: Traversable) -> Content:
    """Read and check every content file in ``folder`` (or a content document).

    Returns the records of each kind, in file order, and the manifest. Raises
    :class:`ContentError` listing every problem found (unreadable files, bad JSON, entries that do
    not fit their record type, and broken references); nothing is returned in part.
    """
    return read_packs([Pack("", folder)])


def read_packs(packs: list[Pack], checked: str | None = None) -> Content:
    """Read several packs, merge them in order, and check the result as a whole.

    A later pack may add entries; it replaces an earlier pack's entry only when its manifest
    lists that id in ``overrides`` (and the kinds agree). Every problem in any pack, and every
    collision or dangling reference across packs, is reported in one :class:`ContentError`
    naming pack, file, entry and field; nothing is returned in part.

    ``checked`` is the :attr:`Content.fingerprint` of content known to pass the checks that need
    the whole knowledge base (the bundled content's, recorded when the test suite checks it).
    When the files read are byte for byte that content, those checks are not run again; every
    entry is still structured strictly. For one content folder the files are then read and
    fingerprinted here, and each is parsed and structured on the first use of its kind (the
    records are a :class:`LazyRecords`); any other bytes are read again and get every check, at
    once, as without ``checked``.
    """
    problems: list[ContentProblem] = []
    reads: list[_Read] = []
    # One content folder that may be the checked content: its files are read and fingerprinted
    # first, and parsed and structured only if they turn out to be something else.
    seen = Fingerprint(defer=checked is not None and len(packs) == 1)
    with _gc_paused():
        for pack in packs:
            start = len(problems)
            reads.append(_read_location(pack.location, problems, seen))
            if pack.name:
                problems[start:] = [attrs.evolve(problem, pack=pack.name) for problem in problems[start:]]
        if seen.deferred:
            if problems or seen.hexdigest() != checked:
                return read_packs(packs)  # not the checked bytes: read again, with every check
            # The checked bytes: each kind's file is parsed and structured on its first use.
            (pack,), (read,) = packs, reads
            for deferred in seen.deferred.values():
                deferred.pack = pack.name
            manifest = _merge_manifests([read.manifest] if read.manifest is not None else [])
            return Content(LazyRecords(seen.deferred), manifest, _infos(packs, reads), {}, checked)
        if problems:
            raise ContentError(problems)

        merged: dict[type[models.Entry], list[models.Entry]] = {cls: [] for _, cls in KINDS}
        origin: dict[int, tuple[str, str]] = {}  # id() of each kept entry -> (pack, file)
        owner: dict[str, tuple[int, type[models.Entry], int]] = {}  # entry id -> (pack index, class, position)
        for index, (pack, read) in enumerate(zip(packs, reads, strict=True)):
            overrides = set(read.manifest.overrides) if read.manifest is not None else set()
            for position, ident in enumerate(read.manifest.overrides if read.manifest is not None else ()):
                if ident not in owner:
                    problems.append(
                        ContentProblem(
                            read.manifest_file,
                            "",
                            f"$.overrides[{position}]",
                            f"overrides {ident!r}, which no earlier pack has",
                            pack.name,
                        )
                    )
            for _, cls in KINDS:
                for entry in read.records.get(cls, ()):
                    file = read.files[id(entry)]
                    previous = owner.get(entry.id)
                    if previous is None or previous[0] == index:  # new, or a duplicate that validation reports
                        if previous is None:
                            owner[entry.id] = (index, cls, len(merged[cls]))
                        merged[cls].append(entry)
                        origin[id(entry)] = (pack.name, file)
                        continue
                    earlier, earlier_cls, slot = previous
                    where = packs[earlier].name or "the content"
                    if entry.id not in overrides:
                        message = (
                            f"{entry.id!r} is already an entry of {where}; to replace it, list it in this "
                            "pack's manifest under 'overrides'"
                        )
                        problems.append(ContentProblem(file, entry.id, "$.id", message, pack.name))
                    elif earlier_cls is not cls:
                        message = f"overrides a {earlier_cls.kind} of {where} with a {cls.kind}; the kinds must agree"
                        problems.append(ContentProblem(file, entry.id, "$.id", message, pack.name))
                    else:
                        merged[cls][slot] = entry
                        origin[id(entry)] = (pack.name, file)
                        owner[entry.id] = (index, cls, slot)
        records: Records = {cls: tuple(entries) for cls, entries in merged.items()}
        manifests = [(pack.name, read.manifest_file, read.manifest) for pack, read in zip(packs, reads, strict=True)]
        manifest = _merge_manifests([m for _, _, m in manifests if m is not None])
        # Collisions do not stop the checks: an author sees every problem at once.
        names: dict[type[models.Entry], dict[str, models.Entry]] = {}
        fingerprint = seen.hexdigest()
        if fingerprint != checked:
            from spinekb._content.checks import validate

            problems.extend(validate(records, lambda entry: origin[id(entry)], manifests=manifests, names=names))
    if problems:
        raise ContentError(problems)
    return Content(records, manifest, _infos(packs, reads), names, fingerprint)


def _infos(packs: list[Pack], reads: list[_Read]) -> tuple[PackInfo, ...]:
    return tuple(
        PackInfo(
            name=(read.manifest.name if read.manifest is not None and read.manifest.name else pack.name)
            or _stem(pack.location),
            data_version=read.manifest.data_version if read.manifest is not None else None,
            location=str(pack.location),
        )
        for pack, read in zip(packs, reads, strict=True)
    )


def _stem(location: Traversable) -> str:
    name = location.name
    return name[: -len(".json")] if name.endswith(".json") else name


def _merge_manifests(manifests: list[models.Manifest]) -> models.Manifest | None:
    """The first manifest, with the retired ids of every pack."""
    if not manifests:
        return None
    first = manifests[0]
    retired = tuple(item for manifest in manifests for item in manifest.retired)
    return attrs.evolve(first, retired=retired, overrides=())


def _read_location(location: Traversable, problems: list[ContentProblem], seen: Fingerprint) -> _Read:
    if location.is_file() and location.name.endswith(".json"):
        return _read_document(location, problems, seen)
    if not location.is_dir():
        problems.append(ContentProblem(str(location), "", "$", "not a content folder or a .json content document"))
        return _Read({}, None, "", {})
    folder = location
    known = {f"{stem}.json" for stem, _ in KINDS} | {MANIFEST}
    try:
        listed = sorted(folder.iterdir(), key=lambda t: t.name)
    except OSError as exc:
        problems.append(ContentProblem(str(folder), "", "$", f"cannot be listed ({exc.strerror or exc})"))
        return _Read({}, None, "", {})
    for item in listed:
        if item.name.endswith(".json") and item.name not in known:
            expected = ", ".join(sorted(known))
            problems.append(ContentProblem(str(item), "", "$", f"unknown content file; expected one of {expected}"))
    records: Records = {}
    files: dict[int, str] = {}
    for stem, cls in KINDS:
        path = folder / f"{stem}.json"
        if _missing(path, problems):
            records[cls] = ()
            continue
        records[cls] = _read_file(path, cls, problems, seen)
        files.update((id(entry), str(path)) for entry in records[cls])
    manifest = _read_manifest(folder / MANIFEST, problems, seen)
    return _Read(records, manifest, str(folder / MANIFEST), files)


def _read_document(path: Traversable, problems: list[ContentProblem], seen: Fingerprint) -> _Read:
    """A content document: ``{"format": "spinekb-content", "manifest": {...}, "<kind>": [...]}``."""
    name = str(path)
    empty = _Read({}, None, name, {})
    raw = _read_json(path, problems, seen)
    if raw is _UNREADABLE:
        return empty
    if not isinstance(raw, dict):
        problems.append(ContentProblem(name, "", "$", "a content document must hold a JSON object"))
        return empty
    if raw.get("format") != DOCUMENT_FORMAT:
        problems.append(ContentProblem(name, "", "$.format", f"must be {DOCUMENT_FORMAT!r}, not {raw.get('format')!r}"))
        return empty
    stems = {stem for stem, _ in KINDS}
    for key in sorted(set(raw) - stems - {"format", "data_version", "manifest"}):
        problems.append(ContentProblem(name, "", f"$.{key}", "unknown key in a content document"))
    records: Records = {}
    files: dict[int, str] = {}
    for stem, cls in KINDS:
        entries = raw.get(stem, [])
        where = f"{name} ({stem})"
        if not isinstance(entries, list):
            problems.append(ContentProblem(name, "", f"$.{stem}", f"must hold a list of {cls.kind} entries"))
            records[cls] = ()
            continue
        records[cls] = _structure_entries(where, entries, cls, problems)
        files.update((id(entry), where) for entry in records[cls])
    manifest = None
    if "manifest" in raw:
        manifest = _structure_one(name, "manifest", raw["manifest"], models.Manifest, problems)
    version = raw.get("data_version")
    if version is not None and (manifest is None or version != manifest.data_version):
        problems.append(ContentProblem(name, "", "$.data_version", "must match the manifest's data_version"))
    return _Read(records, manifest, name, files)


def _missing(path: Traversable, problems: list[ContentProblem]) -> bool:
    """True when ``path`` holds no file to read: nothing there (a kind a pack does not have), or
    something that is not a file, which is reported (a folder, a pipe, a broken symbolic link)."""
    # Inside a zip or another importlib resource only files and folders exist.
    why = not_a_file(path) if isinstance(path, os.PathLike) else ("is a folder, not a file" if path.is_dir() else None)
    if why is not None:
        problems.append(ContentProblem(str(path), "", "$", why))
        return True
    return not path.is_file()


def _read_manifest(path: Traversable, problems: list[ContentProblem], seen: Fingerprint) -> models.Manifest | None:
    if _missing(path, problems):
        return None
    raw = _read_json(path, problems, seen)
    if raw is _UNREADABLE:
        return None
    manifest: models.Manifest | None = _structure_one(str(path), "", raw, models.Manifest, problems)
    return manifest


def _read_file(
    path: Traversable, cls: type[models.Entry], problems: list[ContentProblem], seen: Fingerprint
) -> tuple[models.Entry, ...]:
    data = _read_bytes(path, problems, seen)
    if data is None:
        return ()
    if seen.deferred is not None:
        seen.deferred[cls] = Deferred(str(path), data, cls)
        return ()
    return _structure_file(str(path), data, cls, problems)


def _structure_file(
    name: str, data: bytes, cls: type[models.Entry], problems: list[ContentProblem], *, unique_keys: bool = True
) -> tuple[models.Entry, ...]:
    """The entries of one kind's file, from its bytes (problems reported, the entries that fit kept)."""
    raw = _parse(name, data, problems, unique_keys=unique_keys)
    if raw is _UNREADABLE:
        return ()
    if not isinstance(raw, list):
        problems.append(ContentProblem(name, "", "$", f"must hold a list of {cls.kind} entries"))
        return ()
    return _structure_entries(name, raw, cls, problems)


_UNREADABLE = object()


def _read_json(path: Traversable, problems: list[ContentProblem], seen: Fingerprint) -> Any:
    """The parsed JSON of a file, or ``_UNREADABLE`` after reporting why it could not be read."""
    data = _read_bytes(path, problems, seen)
    return _UNREADABLE if data is None else _parse(str(path), data, problems)


def _read_bytes(path: Traversable, problems: list[ContentProblem], seen: Fingerprint) -> bytes | None:
    """The bytes of a file, taken in by ``seen`` (see :attr:`Content.fingerprint`), or ``None``
    after reporting why it could not be read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(ContentProblem(str(path), "", "$", f"cannot be read ({exc.strerror or exc})"))
        return None
    seen.add(path.name, data)
    return data


def _parse(name: str, data: bytes, problems: list[ContentProblem], *, unique_keys: bool = True) -> Any:
    """The parsed JSON of a file's bytes, or ``_UNREADABLE`` after reporting why it could not be
    parsed. ``unique_keys=False`` skips the check for repeated keys (for checked content, which
    is in canonical form)."""
    import json

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(ContentProblem(name, "", "$", f"is not valid UTF-8 (byte {exc.start})"))
        return _UNREADABLE
    try:
        parsed = json.loads(text, object_pairs_hook=_unique_keys) if unique_keys else json.loads(text)
    except _DuplicateKeyError:
        _check_keys(name, text, problems)
    except (RecursionError, ValueError) as exc:
        problems.append(_unparsable(name, text, exc))
    else:
        # A lone UTF-16 surrogate can only come in as a \u escape; look for one only then (a
        # backslash is found with memchr, far quicker than the two characters of "\u").
        if "\\" not in text or not _surrogate_escape(text):
            return parsed
        lone = _lone_surrogate(parsed, "$")
        if lone is None:
            return parsed
        message = f"holds a lone surrogate ({lone[1]}), which is not a character and no export can write"
        problems.append(ContentProblem(name, "", lone[0], message))
    return _UNREADABLE


def _unparsable(name: str, text: str, exc: RecursionError | ValueError) -> ContentProblem:
    """The report for a file that ``json.loads`` refused with ``exc``."""
    import json

    if isinstance(exc, RecursionError):
        message = "is nested too deeply to be content"
    elif isinstance(exc, json.JSONDecodeError):
        message = f"is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
    else:  # a number too long for int() (Python's limit on digits); JSON has none
        message = _long_number(text)
    return ContentProblem(name, "", "$", message)


class _DuplicateKeyError(Exception):
    """A JSON object repeats a key (raised by :func:`_unique_keys`, reported by :func:`_check_keys`)."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``json.loads``' object hook: the object as a dict, refusing a key given twice."""
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _DuplicateKeyError
    return result


class _Object(dict[str, Any]):
    """A parsed JSON object that remembers the first key it repeats (for the report only)."""

    repeated: str | None = None


def _marking(pairs: list[tuple[str, Any]]) -> _Object:
    result = _Object(pairs)
    if len(result) != len(pairs):
        keys: set[str] = set()
        for key, _ in pairs:
            if key in keys:
                result.repeated = key
                break
            keys.add(key)
    return result


def _check_keys(name: str, text: str, problems: list[ContentProblem]) -> None:
    """Report the first JSON object in ``text`` that repeats a key, with its path.

    JSON leaves repeated keys undefined and Python keeps the last: content that says two things
    in one place is refused rather than read one way silently.
    """
    import json

    try:
        parsed = json.loads(text, object_pairs_hook=_marking)
    except (RecursionError, ValueError) as exc:  # the repeated key comes before what makes the file unreadable
        problems.append(_unparsable(name, text, exc))
        return
    found = _repeated_key(parsed, "$")
    if found is not None:
        path, key = found
        message = f"repeats the key {key!r} in one object; give each key once"
        problems.append(ContentProblem(name, "", path, message))


def _repeated_key(value: Any, path: str) -> tuple[str, str] | None:
    if isinstance(value, _Object):
        if value.repeated is not None:
            return path, value.repeated
        items: Iterable[tuple[object, Any]] = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        found = _repeated_key(item, f"{path}[{key}]" if isinstance(key, int) else f"{path}.{key}")
        if found is not None:
            return found
    return None


def _long_number(text: str) -> str:
    """The report for a whole number with more digits than Python reads, with where it is."""
    import re
    import sys

    limit = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 4300
    match = re.search(rf"\d{{{limit + 1},}}", text)
    where = ""
    if match is not None:
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        where = f" (line {line}, column {column})"
    return f"holds a number of more than {limit} digits{where}, far beyond any value content may have"


def _surrogate_escape(text: str) -> bool:
    """Whether ``text`` holds a \\u escape of a UTF-16 surrogate (paired or not)."""
    import re  # only for text with escapes: the bundled content has none

    return re.search(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}", text) is not None


def _lone_surrogate(value: Any, path: str) -> tuple[str, str] | None:
    """The path of the first string (or key) holding a lone surrogate, and the code point."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            return path, f"U+{ord(value[exc.start]):04X}"
        return None
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _lone_surrogate(item, f"{path}[{index}]")
            if found is not None:
                return found
    elif isinstance(value, dict):
        for key, item in value.items():
            found = _lone_surrogate(key, path) or _lone_surrogate(item, f"{path}.{key}")
            if found is not None:
                return found
    return None


def _structure_entries(
    name: str, raw: list[Any], cls: type[models.Entry], problems: list[ContentProblem]
) -> tuple[models.Entry, ...]:
    from spinekb._content.structure import DoesNotFitError, Shared, structurer

    structure = structurer(cls)
    shared: Shared = {}  # the file's pool of equal values (see spinekb._content.structure)
    entries = []
    for position, item in enumerate(raw):
        try:
            entries.append(structure(item, shared))
        except (DoesNotFitError, RecursionError):
            _explain(name, entry_label(item, position), item, cls, problems)
    return tuple(entries)


def _structure_one(name: str, label: str, item: Any, cls: type[T], problems: list[ContentProblem]) -> T | None:
    from spinekb._content.structure import DoesNotFitError, structure

    try:
        record: T = structure(item, cls)
    except (DoesNotFitError, RecursionError):
        _explain(name, label, item, cls, problems)
        return None
    return record


def _explain(name: str, label: str, item: Any, cls: type, problems: list[ContentProblem]) -> None:
    """Report where ``item`` breaks the rules of ``cls``, with field paths, using the cattrs converter."""
    from spinekb._content.convert import describe_error

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
