"""A bounded, seeded fuzzer over the content loader (hardening issue): the shipped content, the
example pack, the tiny test pack and a content document, mutated at random.

Each case starts from one of the targets' files (parsed once), applies one to three mutations at
random places (of the JSON tree: deleted and unknown keys, keys given twice, values of other
types, numbers far out of range or not numbers at all, odd strings, deep nesting, ids that
collide or refer to nothing, defaults written out; of the bytes: truncation, invalid UTF-8, an
empty file, stray bytes; of the folder: a kind file removed, turned into a folder or a broken
link, an unknown file added), writes the result to a fresh folder and loads it. The oracle:

* a :class:`ContentError` is always an acceptable answer, provided it names at least one problem,
  each with a message and a file inside the loaded folder (or the bundled one beneath a pack);
* a load that succeeds must hold exactly what the files hold: the knowledge base exported as a
  content document (``kb.to_document()``) equals the files read independently here (strict JSON,
  the record types walked from the models, defaults left out and ranges in their shorthand: the
  canonical form that ``spinekb._content.canonical`` writes), kind by kind; content that breaks a
  rule of the format (an unknown key, a value of the wrong type, a repeated key or id, a pack
  taking an id without ``overrides``) must not load, and what loads refers only to entries
  that are there;
* any other exception is a defect.

Every case has its own seed, ``SEED:target:batch:case``, printed with any failure; replay one with
``python -c 'from tests.content.test_fuzz import replay; replay("minimal", "1116:minimal:0:7")'``
and choose another run with the ``SPINEKB_FUZZ_SEED`` environment variable.
"""

from __future__ import annotations

import datetime
import enum
import functools
import json
import os
import pathlib
import random
import re
import shutil
import tempfile
import traceback
import types
import typing
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pytest

import spinekb
from spinekb import ContentError, KnowledgeBase, models
from spinekb._bundled import read_bundled
from spinekb._content.packs import Pack
from spinekb._content.read import DOCUMENT_FORMAT, read_packs
from spinekb._kinds import KINDS, references
from spinekb._version import CHECKED_CONTENT
from tests.conftest import MINIMAL

SEED = int(os.environ.get("SPINEKB_FUZZ_SEED", "1116"))

SHIPPED = pathlib.Path(spinekb.__file__).parent / "data"
CLINIC = pathlib.Path(__file__).parents[2] / "examples" / "packs" / "clinic-extras"
DOCUMENT = "content.json"
STEMS = {f"{stem}.json": cls for stem, cls in KINDS}
MANIFEST = "manifest.json"

# --- the targets --------------------------------------------------------------------------------

#: How many batches of how many cases each target gets (a run: 1,150 cases, about 15 s).
BATCHES = {"minimal": (12, 50), "document": (4, 50), "clinic": (3, 50), "shipped": (4, 50)}


@functools.cache
def base_files(target: str) -> dict[str, bytes]:
    """The files a target's cases start from, by name."""
    if target == "document":
        document = KnowledgeBase.from_path(MINIMAL).to_document()
        document["manifest"] = {"data_version": "2026.1.0", "name": "fuzz"}
        document["data_version"] = "2026.1.0"
        return {DOCUMENT: json.dumps(document, indent=2).encode()}
    folder = {"minimal": MINIMAL, "clinic": CLINIC, "shipped": SHIPPED}[target]
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.suffix == ".json"}


@functools.cache
def base_trees(target: str) -> dict[str, Any]:
    """The parsed files (shared by every case: mutations copy what they change)."""
    return {name: json.loads(data) for name, data in base_files(target).items()}


@functools.cache
def all_ids() -> tuple[str, ...]:
    """Ids of every target, for mutations that make ids collide or point elsewhere."""
    found: set[str] = set()
    for target in ("minimal", "clinic", "shipped"):
        for name, tree in base_trees(target).items():
            if name in STEMS:
                found.update(entry["id"] for entry in tree)
    return tuple(sorted(found))


# --- the record types, walked from the models ---------------------------------------------------

DOC = object()  # the type of a content document's top level
NOTHING: Any = attrs.NOTHING


@functools.cache
def FIELDS(cls: Any) -> dict[str, attrs.Attribute[Any]]:  # noqa: N802 - a table, worked out on use
    """A record class's fields, by name, with their types resolved."""
    attrs.resolve_types(cls)
    return {field.name: field for field in attrs.fields(cls) if field.init}


def _optional(tp: Any) -> Any:
    """``X`` for ``X | None``, else ``None``."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType) and type(None) in typing.get_args(tp):
        (inner,) = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        return inner
    return None


def _is_tuple(tp: Any) -> bool:
    return typing.get_origin(tp) is tuple


def _is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


def _is_record(tp: Any) -> bool:
    return isinstance(tp, type) and attrs.has(tp) and tp is not models.Range


def file_type(target: str, name: str) -> Any:
    if target == "document":
        return DOC
    if name == MANIFEST:
        return models.Manifest
    return types.GenericAlias(tuple, (STEMS[name], ...)) if name in STEMS else None


def child_type(tp: Any, key: object) -> Any:
    """The type of ``value[key]`` when ``value`` is of type ``tp`` (``None``: not known)."""
    if tp is DOC:
        return {
            "manifest": models.Manifest,
            **{stem: types.GenericAlias(tuple, (cls, ...)) for stem, cls in KINDS},
        }.get(str(key))
    tp = _optional(tp) or tp
    if tp is models.Range:
        return int if key in ("min", "max") else None
    if _is_record(tp):
        field = FIELDS(tp).get(str(key))
        return field.type if field is not None else None
    if _is_tuple(tp):
        return typing.get_args(tp)[0]
    return None


class UnfitError(Exception):
    """The data breaks a rule of the content format: the loader must refuse it."""


def canonical(value: Any, tp: Any, where: str = "$") -> Any:
    """``value`` (parsed JSON) in canonical form for a field of type ``tp``: what the converter
    writes for the record the loader should make of it. Raises :class:`UnfitError` for data that
    the format's rules refuse (this is written from the models and the documented format, not
    from the loader: it is the fuzzer's second opinion)."""
    inner = _optional(tp)
    if inner is not None:
        return None if value is None else canonical(value, inner, where)
    if tp in (str, int, bool):
        if type(value) is not tp:
            raise UnfitError(f"{where}: expected {tp.__name__}, got {type(value).__name__}")
        return value
    if tp is models.Range:
        if type(value) is int:
            return value
        if type(value) is not dict or "min" not in value or not {"min", "max"}.issuperset(value):
            raise UnfitError(f"{where}: not a range")
        low, high = value["min"], value.get("max")
        if type(low) is not int or (high is not None and type(high) is not int) or (high is not None and high < low):
            raise UnfitError(f"{where}: not a range")
        return low if high == low else {"min": low} if high is None else {"min": low, "max": high}
    if tp is datetime.date:  # a day written year-month-day, a real one
        if type(value) is not str or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            raise UnfitError(f"{where}: not a date")
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            raise UnfitError(f"{where}: not a day of the calendar") from None
        return value
    if _is_enum(tp):
        if type(value) is not str or value not in {member.value for member in tp}:
            raise UnfitError(f"{where}: not a {tp.__name__}")
        return value
    if _is_tuple(tp):
        if type(value) is not list:
            raise UnfitError(f"{where}: expected a list")
        return [canonical(item, typing.get_args(tp)[0], f"{where}[{index}]") for index, item in enumerate(value)]
    if _is_record(tp):
        fields = FIELDS(tp)
        if type(value) is not dict:
            raise UnfitError(f"{where}: expected an object")
        unknown = set(value) - set(fields)
        missing = {name for name, field in fields.items() if field.default is NOTHING} - set(value)
        if unknown or missing:
            raise UnfitError(f"{where}: unknown {sorted(unknown)}, missing {sorted(missing)}")
        data = {}
        for name, field in fields.items():
            if name in value:
                item = canonical(value[name], field.type, f"{where}.{name}")
                if field.default is NOTHING or item != plain_default(field.default):
                    data[name] = item
        return data
    raise AssertionError(f"no rule for {tp!r}")  # pragma: no cover - a new kind of model field


def plain_default(value: Any) -> Any:
    """A field's default in canonical form."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [plain_default(item) for item in value]
    if isinstance(value, models.Range):
        return canonical({"min": value.min, "max": value.max}, models.Range)
    cls: Any = type(value)
    if attrs.has(cls):
        return {
            name: plain_default(getattr(value, name))
            for name, field in FIELDS(cls).items()
            if field.default is NOTHING or getattr(value, name) != field.default
        }
    return value


# --- reading the files independently ------------------------------------------------------------


class MustFailError(Exception):
    """What the files hold cannot be loaded (the message says why)."""


def _no_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        raise MustFailError("a key is repeated")
    return data


def _no_constant(text: str) -> Any:
    raise MustFailError(f"{text} is not a JSON number")


def _check_strings(value: Any) -> None:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise MustFailError("a lone surrogate") from None
    elif isinstance(value, list):
        for item in value:
            _check_strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_strings(key)
            _check_strings(item)


def parse(data: bytes) -> Any:
    """Strict JSON: UTF-8, no repeated keys, no NaN or Infinity, no lone surrogates."""
    try:
        value = json.loads(data.decode("utf-8"), object_pairs_hook=_no_repeats, parse_constant=_no_constant)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise MustFailError(f"unreadable: {type(exc).__name__}") from None
    except ValueError as exc:  # more digits than int() reads
        raise MustFailError(str(exc)) from None
    _check_strings(value)
    return value


FOLDER, LINK_NOWHERE = b"<folder>", b"<broken link>"
Layout = dict[str, bytes]  # file name -> bytes, or FOLDER / LINK_NOWHERE


@attrs.define
class Held:
    """What one pack's files hold, in canonical form."""

    kinds: dict[str, list[dict[str, Any]]]  # stem -> entries (file order)
    manifest: dict[str, Any] | None


def _entries(value: Any, cls: type[models.Entry], where: str) -> list[dict[str, Any]]:
    if type(value) is not list:
        raise MustFailError(f"{where} is not a list")
    try:
        return [canonical(item, cls, f"{where}[{index}]") for index, item in enumerate(value)]
    except UnfitError as exc:
        raise MustFailError(str(exc)) from None


def _manifest(value: Any, where: str) -> dict[str, Any]:
    try:
        data: dict[str, Any] = canonical(value, models.Manifest, where)
    except UnfitError as exc:
        raise MustFailError(str(exc)) from None
    return data


@functools.cache
def _held_file(name: str, data: bytes) -> tuple[str, Any]:
    """One unchanged file's canonical content (kept: the shipped files are read once)."""
    return name, (_manifest(parse(data), name) if name == MANIFEST else _entries(parse(data), STEMS[name], name))


def held(target: str, layout: Layout) -> Held:
    """What the files hold, read independently; raises :class:`MustFailError` when they cannot
    be content."""
    if target == "document":
        data = layout.get(DOCUMENT)
        if data is None or data == LINK_NOWHERE:
            raise MustFailError("no document")
        if data == FOLDER:  # an empty folder of that name: an empty content folder
            return Held({stem: [] for stem, _ in KINDS}, None)
        raw = parse(data)
        if type(raw) is not dict or raw.get("format") != DOCUMENT_FORMAT:
            raise MustFailError("not a content document")
        if set(raw) - {stem for stem, _ in KINDS} - {"format", "data_version", "manifest"}:
            raise MustFailError("unknown key in the document")
        kinds = {stem: _entries(raw.get(stem, []), cls, stem) for stem, cls in KINDS}
        manifest = _manifest(raw["manifest"], "manifest") if "manifest" in raw else None
        version = raw.get("data_version")
        if version is not None and (manifest is None or version != manifest["data_version"]):
            raise MustFailError("data_version disagrees with the manifest")
        return Held(kinds, manifest)
    for name in layout:
        if name.endswith(".json") and name not in STEMS and name != MANIFEST:
            raise MustFailError(f"unknown content file {name}")
    kinds, manifest = {}, None
    for name, data in layout.items():
        if data in (FOLDER, LINK_NOWHERE):
            if name in STEMS or name == MANIFEST:
                raise MustFailError(f"{name} is not a file")
        elif name == MANIFEST:
            manifest = (
                _held_file(name, data)[1] if data is base_files(target).get(name) else _manifest(parse(data), name)
            )
        elif name in STEMS:
            if data is base_files(target).get(name):
                kinds[name[: -len(".json")]] = _held_file(name, data)[1]
            else:
                kinds[name[: -len(".json")]] = _entries(parse(data), STEMS[name], name)
    return Held({stem: kinds.get(stem, []) for stem, _ in KINDS}, manifest)


def expected_document(packs: list[Held]) -> dict[str, Any]:
    """The content document of these packs merged in order, by the documented rules (a pack adds
    entries, and replaces an earlier one only when its manifest overrides the id and the kinds
    agree; ids are unique across kinds); raises :class:`MustFailError` for a merge they refuse."""
    owner: dict[str, str] = {}  # id -> stem
    merged: dict[str, dict[str, dict[str, Any]]] = {stem: {} for stem, _ in KINDS}
    for pack in packs:
        overrides = set(pack.manifest.get("overrides", ())) if pack.manifest is not None else set()
        if overrides - set(owner):
            raise MustFailError("overrides an id that no earlier pack has")
        mine: set[str] = set()
        for stem, entries in pack.kinds.items():
            for entry in entries:
                ident = entry["id"]
                if ident in mine:
                    raise MustFailError(f"duplicate id {ident!r}")
                mine.add(ident)
                if ident in owner and (ident not in overrides or owner[ident] != stem):
                    raise MustFailError(f"{ident!r} taken without a fitting override")
                owner[ident] = stem
                merged[stem][ident] = entry
    manifests = [pack.manifest for pack in packs if pack.manifest is not None]
    document: dict[str, Any] = {"format": DOCUMENT_FORMAT, "data_version": None}
    if manifests:
        manifest = {key: value for key, value in manifests[0].items() if key != "overrides"}
        retired = [item for each in manifests for item in each.get("retired", [])]
        manifest.pop("retired", None)
        if retired:
            manifest["retired"] = retired
        # Keys in the manifest's field order, as the converter writes them.
        document["manifest"] = {name: manifest[name] for name in FIELDS(models.Manifest) if name in manifest}
        document["data_version"] = manifest["data_version"]
    for stem, _ in KINDS:
        document[stem] = [merged[stem][ident] for ident in sorted(merged[stem])]
    return document


# --- mutations ----------------------------------------------------------------------------------


class Case:
    """One case being built: its random source, its files, and what was done to them."""

    def __init__(self, target: str, seed: str) -> None:
        self.target = target
        self.rng = random.Random(seed)
        self.trees: dict[str, Any] = dict(base_trees(target))
        self.changed: set[str] = set()  # files whose tree was mutated (to be written anew)
        self.raw: dict[str, str] = {}  # placeholder string -> the JSON text it stands for
        self.done: list[str] = []

    def placeholder(self, text: str) -> str:
        """A string that, once written, is replaced by ``text`` verbatim (a key or a value)."""
        token = f"\x00raw{len(self.raw)}\x00"
        self.raw[token] = text
        return token

    def write(self, name: str) -> bytes:
        indent = self.rng.choice([2, 2, None, 4, "\t"])
        text = json.dumps(self.trees[name], indent=indent, ensure_ascii=self.rng.random() < 0.3)
        for token, raw in self.raw.items():
            text = text.replace(json.dumps(token), raw)
        return text.encode("utf-8", "surrogatepass")  # a lone surrogate character becomes bad UTF-8


DELETE = object()
ODD_STRINGS = [
    "",
    " ",
    "\t\n ",
    "\x00",
    "\x01bell\x07",
    "\x7f",
    "\u200b",
    "\ufeff",
    "\u2028",
    "a" * 20_000,
    "Боль в пояснице",
    "腰痛",
    "ألم أسفل الظهر",
    "e\u0301",
    "\U0001f600",
    "naïve İ ǅ Ⅻ ٣",
    "\ud800",  # written as a lone surrogate character: invalid UTF-8 in the file
]
RAW_STRINGS = ['"\\ud800"', '"x\\udfff"', '"\\ud83d\\ude00"', '"\\u0000"', '"\\ud800\\ud800"', '"tab\there"']
RAW_NUMBERS = [
    "9223372036854775808",
    "-9223372036854775809",
    "18446744073709551616",
    "1" + "0" * 5000,
    "-" + "9" * 4301,
    "1e400",
    "-0",
    "1.0",
    "1E2",
    "0.5",
    "NaN",
    "Infinity",
    "-Infinity",
    "00",
    "+1",
    "0x10",
    "1_000",
]
NUMBERS = [2**63, -(2**63), 2**64, 10**100, -1, 0, 1, 7, 8, 121, 521, 10**6, 2**31, int("9" * 4300), -int("9" * 4300)]


def _other_value(case: Case) -> Any:
    """A value of some JSON type, often odd."""
    rng = case.rng
    makers: list[Callable[[], Any]] = [
        lambda: rng.choice(ODD_STRINGS),
        lambda: rng.choice(NUMBERS),
        lambda: case.placeholder(rng.choice(RAW_NUMBERS)),
        lambda: case.placeholder(rng.choice(RAW_STRINGS)),
        list,
        dict,
        lambda: None,
        lambda: rng.choice([True, False]),
        lambda: 1.5,
        lambda: rng.choice(all_ids()),
        lambda: [rng.choice(all_ids())],
    ]
    return rng.choice(makers)()


def _deep(case: Case) -> Any:
    depth = case.rng.choice([40, 2_000, 100_000])
    text = "[" * depth + "]" * depth if case.rng.random() < 0.5 else '{"a":' * depth + "1" + "}" * depth
    return case.placeholder(text)


def _near_misses(value: Any, tp: Any) -> list[Any]:
    """Values of a type close to, but not, the one the field takes (``tp``: its type, or None)."""
    if tp is int or tp is models.Range:
        number = value if type(value) is int else 1
        if tp is int:
            return [True, False, float(number), str(number), [number], None]
        return [True, float(number), str(number), {"min": True}, {"min": float(number)}, {"min": number, "max": None}]
    if tp is bool:
        return [0, 1, "true", "false", None]
    if tp is datetime.date:
        return ["2026-13-01", "2026-02-30", "20261203", "2026-1-3", "2026-12-03T00:00", 20261203, None]
    if tp is str or _is_enum(tp):
        text = value if isinstance(value, str) else "x"
        return [[text], {"text": text}, 1, True, None, text.upper()]
    if _is_tuple(tp):
        return ["x", {}, None, [None], [[]], [True], [1]]
    if _is_record(tp):
        return [[], [value], "x", None, True]
    return []


def _value_ops(case: Case, value: Any, tp: Any) -> list[tuple[str, Callable[[], Any]]]:
    """The mutations that fit this value: (name, function giving the new value or DELETE)."""
    rng = case.rng
    ops: list[tuple[str, Callable[[], Any]]] = [
        ("retype", lambda: _other_value(case)),
        ("odd string", lambda: rng.choice(ODD_STRINGS)),
        ("raw number", lambda: case.placeholder(rng.choice(RAW_NUMBERS))),
        ("deep nesting", lambda: _deep(case)),
        ("delete", lambda: DELETE),
    ]
    plain = _optional(tp) or tp
    near = _near_misses(value, plain)
    if near:  # twice: the likeliest slips of an author, and of a lenient reader
        ops += [("near-miss type", lambda: rng.choice(near))] * 2
    if isinstance(value, dict):
        if value:
            key = rng.choice(list(value))
            ops.append(("repeat key " + repr(key), lambda: {**value, case.placeholder(json.dumps(key)): value[key]}))
            ops.append(("reorder keys", lambda: dict(rng.sample(list(value.items()), len(value)))))
        unknown = rng.choice(["unknown", "Id", "id ", "", "primary_muscles", "\u00e9", "min"])
        ops.append(("unknown key " + repr(unknown), lambda: {**value, unknown: _other_value(case)}))
        if _is_record(plain):
            absent = [
                (name, field)
                for name, field in FIELDS(plain).items()
                if field.default is not NOTHING and name not in value
            ]
            if absent:
                name, field = rng.choice(absent)
                ops.append((f"write the default of {name}", lambda: {**value, name: plain_default(field.default)}))
        if plain is models.Range:
            ops.append(("range with max null", lambda: {**value, "max": None}))
    elif isinstance(value, list):
        if value:
            ops.append(("repeat an item", lambda: [*value, rng.choice(value)]))
            ops.append(("drop an item", lambda: [item for index, item in enumerate(value) if index != 0]))
            ops.append(("reorder items", lambda: rng.sample(value, len(value))))
        ops.append(("empty list", list))
    elif isinstance(value, str):
        if value in all_ids() or plain is str:
            ops.append(("another id", lambda: rng.choice(all_ids())))
            ops.append(("dangling id", lambda: "no-such-entry"))
            ops.append(("id case", lambda: rng.choice([value.upper(), f" {value}", f"{value} ", value + "-"])))
        ops.append(("other text", lambda: value + rng.choice([" (edited)", " — Боль", "\u0301", "  "])))
        if _is_enum(plain):
            ops.append(("other member", lambda: rng.choice([member.value for member in plain])))
            ops.append(("member case", lambda: value.upper()))
    elif type(value) is int:
        ops.append(("nudge number", lambda: rng.choice([value + 1, value - 1, -value, 0, value * 1000])))
        if plain is models.Range:
            ops.append(("range in full", lambda: {"min": value, "max": value}))
            ops.append(("open range", lambda: {"min": value}))
    return ops


def _descend(case: Case, tree: Any, tp: Any) -> list[tuple[object, Any]]:
    """A random path into ``tree``: (key, type of what it leads to) from the top down."""
    path: list[tuple[object, Any]] = []
    node = tree
    while isinstance(node, (dict, list)) and node:
        if case.rng.random() < (0.08 if not path else 0.3):
            break
        key: Any = case.rng.choice(list(node)) if isinstance(node, dict) else case.rng.randrange(len(node))
        tp = child_type(tp, key)
        node = node[key]
        path.append((key, tp))
    return path


def _replace(tree: Any, keys: list[object], change: Callable[[Any], Any]) -> Any:
    """``tree`` with the value at ``keys`` changed, copying only the containers on the way."""
    if not keys:
        return change(tree)
    copy: Any = dict(tree) if isinstance(tree, dict) else list(tree)
    key = keys[0]
    new = change(tree[key]) if len(keys) == 1 else _replace(tree[key], keys[1:], change)
    if new is DELETE:
        del copy[key]
    else:
        copy[key] = new
    return copy


def _spots(value: Any, tp: Any, keys: list[object]) -> Iterator[tuple[list[object], Any]]:
    """Every place inside ``value`` whose type is known: (keys to it, its type)."""
    yield keys, tp
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _spots(item, child_type(tp, key), [*keys, key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _spots(item, child_type(tp, index), [*keys, index])


@functools.cache
def typed_spots(target: str) -> dict[str, list[tuple[str, list[Any], Any]]]:
    """The places of a target's files whose type is known, by kind of type: (file, keys, type)."""
    found: dict[str, list[tuple[str, list[Any], Any]]] = {}
    for name, tree in sorted(base_trees(target).items()):
        for keys, tp in _spots(tree, file_type(target, name), []):
            plain = _optional(tp) or tp
            if keys and plain is not None:
                group = (
                    plain.__name__
                    if plain in (int, bool, str, models.Range)
                    else "enum"
                    if _is_enum(plain)
                    else "other"
                )
                group = "Range" if keys[-1] in ("min", "max") and plain is int else group  # a range's ends
                found.setdefault(group, []).append((name, keys, tp))
    return found


def slip(case: Case) -> None:
    """A near miss of the right type at a typed place (the random walk seldom finds the few
    whole-number and true/false fields): a kind of type, then a place of that kind."""
    spots = typed_spots(case.target)
    name, keys, tp = case.rng.choice(spots[case.rng.choice(sorted(spots))])
    node = case.trees[name]
    for key in keys:  # an earlier mutation may have changed the way there
        if not isinstance(node, (dict, list)) or (key not in node if isinstance(node, dict) else key >= len(node)):
            mutate_tree(case)
            return
        node = node[key]
    near = _near_misses(node, _optional(tp) or tp) or [None]
    value = case.rng.choice(near)
    case.trees[name] = _replace(case.trees[name], keys, lambda _: value)
    case.changed.add(name)
    case.done.append(f"{name} {keys}: near miss {str(value)[:40]!r}")


def mutate_tree(case: Case) -> None:
    name = case.rng.choice(sorted(case.trees))
    tp = file_type(case.target, name)
    path = _descend(case, case.trees[name], tp)
    keys = [key for key, _ in path]
    node_tp = path[-1][1] if path else tp
    chosen: list[str] = []

    def change(value: Any) -> Any:
        ops = _value_ops(case, value, node_tp)
        if not keys:
            ops = [op for op in ops if op[0] != "delete"]
        label, make = case.rng.choice(ops)
        chosen.append(label)
        return make()

    case.trees[name] = _replace(case.trees[name], keys, change)
    case.changed.add(name)
    where = "$" + "".join(f"[{key}]" if isinstance(key, int) else f".{key}" for key in keys)
    case.done.append(f"{name} {where[:200]}: {chosen[0]}")


def mutate_bytes(case: Case, layout: Layout) -> None:
    rng = case.rng
    files = [name for name, data in layout.items() if data not in (FOLDER, LINK_NOWHERE)]
    if not files:
        return
    name = rng.choice(files)
    data = layout[name]
    at = rng.randrange(len(data) + 1)
    ops: dict[str, Callable[[], bytes | None]] = {
        "truncate": lambda: data[:at],
        "bad UTF-8": lambda: (
            data[:at] + rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xc0\xaf", b"\x80"]) + data[at:]
        ),
        "byte order mark": lambda: b"\xef\xbb\xbf" + data,
        "empty file": lambda: b"",
        "whitespace around": lambda: b" \n\t" + data + b"\r\n \n",
        "stray byte": lambda: data[:at] + bytes([rng.choice(b'{}[],:"\\0123456789eE.-ntf ')]) + data[at:],
        "flip a byte": lambda: data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :],
        "cut a slice": lambda: data[:at] + data[at + rng.randrange(1, 64) :],
        "repeat a slice": lambda: data[:at] + data[at : at + 40] + data[at:],
        "remove the file": lambda: None,
        "turn into a folder": lambda: FOLDER,
        "turn into a broken link": lambda: LINK_NOWHERE,
    }
    if case.target != "document":
        ops["add an unknown content file"] = lambda: layout.setdefault("extra.json", b"[]") and data
        ops["add a file that is not content"] = lambda: layout.setdefault("notes.txt", b"notes") and data
    label = rng.choice(sorted(ops))
    new = ops[label]()
    if new is None:
        del layout[name]
    else:
        layout[name] = new
    case.done.append(f"{name}: {label} (at byte {at})")


def swap_ids(case: Case) -> None:
    """Two entries, of two kinds when there are two, exchange their ids."""
    spots: list[tuple[str, str | None, int]] = []  # (file, document key or None, position)
    for name, tree in sorted(case.trees.items()):
        lists = [(key, tree[key]) for key in STEMS_BY_NAME & set(tree)] if isinstance(tree, dict) else [(None, tree)]
        for key, entries in lists:
            if isinstance(entries, list) and (name in STEMS or key is not None):
                spots += [
                    (name, key, index) for index, item in enumerate(entries) if isinstance(item, dict) and "id" in item
                ]
    if len(spots) < 2:
        mutate_tree(case)
        return
    first = case.rng.choice(spots)
    others = [spot for spot in spots if spot[:2] != first[:2]] or [spot for spot in spots if spot != first]
    second = case.rng.choice(others)

    def at(spot: tuple[str, str | None, int]) -> list[Any]:
        name, key, _ = spot
        if key is None:
            case.trees[name] = entries = list(case.trees[name])
        else:
            case.trees[name] = {**case.trees[name]}
            case.trees[name][key] = entries = list(case.trees[name][key])
        case.changed.add(name)
        return entries

    one, two = at(first), at(second)  # copies (both the same list when the spots share one)
    two = one if first[:2] == second[:2] else two
    a, b = one[first[2]], two[second[2]]
    one[first[2]], two[second[2]] = {**a, "id": b["id"]}, {**b, "id": a["id"]}
    case.done.append(f"swap the ids {a['id']!r} ({first[0]} {first[1] or ''}) and {b['id']!r} ({second[0]})")


def build(target: str, seed: str) -> tuple[Case, Layout]:
    """The files of one case, and a description of what was done."""
    case = Case(target, seed)
    steps = case.rng.choice([1, 1, 2, 2, 3])
    tree_steps = [case.rng.random() < 0.75 for _ in range(steps)]
    for _ in range(sum(tree_steps)):
        step = case.rng.random()
        swap_ids(case) if step < 0.04 else slip(case) if step < 0.25 else mutate_tree(case)
    if case.rng.random() < 0.05 and case.target != "document":
        name = case.rng.choice(sorted(case.trees))
        case.changed.add(name)  # written out again in another layout: no change to what it holds
        case.done.append(f"{name}: rewritten")
    layout: Layout = {
        name: case.write(name) if name in case.changed else data for name, data in base_files(target).items()
    }
    for _ in range(steps - sum(tree_steps)):
        mutate_bytes(case, layout)
    return case, layout


# --- running a case -----------------------------------------------------------------------------


def write_layout(folder: pathlib.Path, layout: Layout) -> None:
    folder.mkdir()
    for name, data in layout.items():
        if data == FOLDER:
            (folder / name).mkdir()
        elif data == LINK_NOWHERE:
            (folder / name).symlink_to(folder / "nowhere")
        else:
            (folder / name).write_bytes(data)


def load(target: str, folder: pathlib.Path, case: Case) -> KnowledgeBase:
    if target == "document":
        return KnowledgeBase.from_path(folder / DOCUMENT)
    if target == "clinic":
        return spinekb.load(folder)
    if target == "shipped" and case.rng.random() < 0.5:  # as spinekb.load() reads the bundled content
        content = read_packs([Pack("", folder)], checked=CHECKED_CONTENT)
        return KnowledgeBase(content.records, content.manifest, content.packs, names=content.names)
    return KnowledgeBase.from_path(folder)


@functools.cache
def bundled_held() -> Held:
    return held("shipped", base_files("shipped"))


def check_error(error: ContentError, folder: pathlib.Path, location: pathlib.Path) -> list[str]:
    """What is wrong with a ContentError's report (nothing, usually). Each problem must name a
    file or folder that is there, inside the loaded folder (or the bundled one), or the path
    that was loaded itself."""
    wrong = []
    if not error.problems:
        wrong.append("a ContentError with no problems")
    places = [folder.resolve(), SHIPPED.resolve()]
    for problem in error.problems:
        if not isinstance(problem.message, str) or not problem.message.strip():
            wrong.append(f"a problem with no message: {problem!r}")
        if not problem.field.startswith("$") or not isinstance(problem.entry, str):
            wrong.append(f"a problem with no field path: {problem!r}")
        file = problem.file
        if file.endswith(")") and " (" in file:  # a content document names the kind: "x.json (exercises)"
            file = file.rsplit(" (", 1)[0]
        path = pathlib.Path(file)
        parent = path.parent.resolve()
        if path != location and not (os.path.lexists(path) and (path.resolve() in places or parent in places)):
            wrong.append(f"a problem whose file names nothing in the folder: {problem!r}")
    try:
        str(error).encode("utf-8")
    except UnicodeEncodeError:
        wrong.append("a ContentError whose message cannot be written as UTF-8")
    return wrong


def check_loaded(kb: KnowledgeBase, expected: dict[str, Any]) -> list[str]:
    """What differs between the loaded knowledge base and what the files hold."""
    wrong = []
    actual = kb.to_document()
    for key in sorted(set(actual) | set(expected)):
        if actual.get(key, "<absent>") != expected.get(key, "<absent>"):
            mine = {entry["id"]: entry for entry in actual.get(key) or ()} if key in STEMS_BY_NAME else {}
            theirs = {entry["id"]: entry for entry in expected.get(key) or ()} if key in STEMS_BY_NAME else {}
            differ = [ident for ident in sorted(set(mine) | set(theirs)) if mine.get(ident) != theirs.get(ident)]
            detail = f"; entries that differ: {differ[:5]}" if differ else ""
            shown = {ident: (mine.get(ident), theirs.get(ident)) for ident in differ[:1]} if differ else {}
            wrong.append(f"{key}: loaded differs from what the files hold{detail} {str(shown)[:600]}")
    ids = {entry.id: entry.kind for collection in kb.collections for entry in collection}
    for collection in kb.collections:
        for entry in collection:
            for path, ident, kinds in references(entry):
                if ident not in ids or (kinds != ("*",) and ids[ident] not in kinds):
                    wrong.append(f"{entry.id} {path} refers to {ident!r}, which is no {'/'.join(kinds)} here")
    return wrong


STEMS_BY_NAME = {stem for stem, _ in KINDS}


def run_case(target: str, seed: str, workdir: pathlib.Path) -> tuple[str, str | None]:
    """Build, load and judge one case: ("error" | "loaded", what went wrong or None)."""
    case, layout = build(target, seed)
    folder = workdir / "case"
    write_layout(folder, layout)
    try:
        packs = [bundled_held(), held(target, layout)] if target == "clinic" else [held(target, layout)]
        expected: dict[str, Any] | str = expected_document(packs)
    except MustFailError as exc:
        expected = str(exc)
    outcome, wrong = "loaded", []
    try:
        kb = load(target, folder, case)
    except ContentError as exc:
        outcome, wrong = "error", check_error(exc, folder, folder / DOCUMENT if target == "document" else folder)
    except Exception:  # noqa: BLE001 - every other exception is the defect the fuzzer looks for
        outcome, wrong = "crash", [traceback.format_exc(limit=-6)]
    else:
        if isinstance(expected, str):
            wrong = [f"loaded, though the files cannot be content ({expected})"]
        else:
            wrong = check_loaded(kb, expected)
    if not wrong:
        return outcome, None
    steps = "; ".join(case.done)
    return outcome, f"case {seed} ({target}: {steps}): {outcome}: " + "\n  ".join(wrong)


def replay(target: str, seed: str) -> None:
    """Run one case again and print what it does (for a failure's seed)."""
    with tempfile.TemporaryDirectory() as workdir:
        case, _ = build(target, seed)
        print("mutations:", "; ".join(case.done))
        print(run_case(target, seed, pathlib.Path(workdir)))


# --- the tests ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled_before() -> Iterator[dict[str, Any]]:
    """The bundled knowledge base's document before the fuzzer runs; after the module, a fresh
    read of the bundled content must give it still."""
    before = spinekb.load().to_document()
    yield before
    assert read_bundled().to_document() == before


BATCH_IDS = [(target, batch) for target, (batches, _) in BATCHES.items() for batch in range(batches)]


@pytest.mark.parametrize(("target", "batch"), BATCH_IDS, ids=[f"{target}-{batch}" for target, batch in BATCH_IDS])
def test_mutated_content_loads_exactly_or_raises_a_content_error(
    target: str, batch: int, tmp_path: pathlib.Path, bundled_before: dict[str, Any]
) -> None:
    cases = BATCHES[target][1]
    failures, outcomes = [], []
    for index in range(cases):
        workdir = tmp_path / str(index)
        workdir.mkdir()
        outcome, failure = run_case(target, f"{SEED}:{target}:{batch}:{index}", workdir)
        shutil.rmtree(workdir)  # the shipped content's cases would leave 100 MB behind
        outcomes.append(outcome)
        if failure is not None:
            failures.append(failure)
    replay_hint = f"replay one with: python -c 'from tests.content.test_fuzz import replay; replay({target!r}, SEED)'"
    assert not failures, f"{len(failures)} of {cases} cases failed ({replay_hint}):\n" + "\n".join(failures[:8])
    # Both answers occur (a fuzzer whose every case fails to load, or loads, tests little).
    assert {"error", "loaded"} <= set(outcomes), outcomes
    assert spinekb.load().to_document() == bundled_before


@pytest.mark.parametrize("target", sorted(BATCHES))
def test_the_oracle_reads_the_unmutated_files_as_the_loader_does(target: str, tmp_path: pathlib.Path) -> None:
    folder = tmp_path / "case"
    layout = dict(base_files(target))
    write_layout(folder, layout)
    packs = [bundled_held(), held(target, layout)] if target == "clinic" else [held(target, layout)]
    assert check_loaded(load(target, folder, Case(target, "plain")), expected_document(packs)) == []


# --- defects the fuzzer found -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("after", "message"),
    [
        ('{"name" "oops"}', "is not valid JSON: Expecting ':' delimiter (line 1, column 34)"),
        ("1" + "0" * 5000, "holds a number of more than"),
        ("[" * 100_000 + "]" * 100_000, "is nested too deeply to be content"),
    ],
    ids=["syntax error", "long number", "deep nesting"],
)
def test_a_repeated_key_before_unreadable_json_is_a_content_error(
    content: pathlib.Path, after: str, message: str
) -> None:
    # The duplicate-key hook fired first; the second parse, to find where the key repeats, then
    # met the unreadable part and its JSONDecodeError (ValueError, RecursionError) escaped.
    (content / "topics.json").write_text('[{"id": "a", "id": "b"}, ' + after + "]", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        KnowledgeBase.from_path(content)
    [problem] = caught.value.problems
    assert (pathlib.Path(problem.file).name, problem.entry, problem.field) == ("topics.json", "", "$")
    assert problem.message.startswith(message)
