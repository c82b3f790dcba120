"""Property tests: round trips for every record kind, the loader under mutated content, and the
query functions under arguments of every wrong type."""

from __future__ import annotations

import json
import pathlib
import shutil
import tempfile
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import spinekb
from spinekb import ContentError, KnowledgeBase, SpineKBError, models
from spinekb._content.canonical import canonical_text
from spinekb._content.read import converter
from spinekb._kinds import KINDS
from tests.conftest import MINIMAL

ranges = st.one_of(
    st.builds(lambda n: models.Range(n, n), st.integers(0, 10_000)),
    st.builds(lambda n: models.Range(n, None), st.integers(0, 10_000)),
    st.builds(lambda a, b: models.Range(min(a, b), max(a, b)), st.integers(0, 10_000), st.integers(0, 10_000)),
)
st.register_type_strategy(models.Range, ranges)

RECORD_KINDS = [cls for _, cls in KINDS] + [models.Manifest]


@pytest.mark.parametrize("cls", RECORD_KINDS, ids=[cls.__name__ for cls in RECORD_KINDS])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_unstructure_then_structure_gives_the_same_record(cls: type[Any], data: st.DataObject) -> None:
    record = data.draw(st.from_type(cls))
    conv = converter()
    text = json.dumps(conv.unstructure(record), ensure_ascii=False)
    assert conv.structure(json.loads(text), cls) == record


def test_content_written_out_loads_back_identical(kb: KnowledgeBase, tmp_path: pathlib.Path) -> None:
    for stem, _ in KINDS:
        collection = getattr(kb, stem.replace("-", "_"))
        (tmp_path / f"{stem}.json").write_text(canonical_text(collection), encoding="utf-8")
    again = KnowledgeBase.from_path(tmp_path)
    for mine, theirs in zip(kb.collections, again.collections, strict=True):
        assert list(mine) == list(theirs)


# --- the fast structurer and the cattrs converter agree -------------------------------------------


def _by_both(raw: Any, cls: type[Any]) -> tuple[Any, Any]:
    """What each structurer makes of ``raw``: a record, or the exception class it raised."""
    from spinekb._content.structure import DoesNotFitError, structure

    try:
        fast: Any = structure(raw, cls)
    except DoesNotFitError:
        fast = DoesNotFitError
    try:
        slow: Any = converter().structure(raw, cls)
    except Exception:  # noqa: BLE001 - any refusal counts as a refusal
        slow = DoesNotFitError
    return fast, slow


@pytest.mark.parametrize("cls", RECORD_KINDS, ids=[cls.__name__ for cls in RECORD_KINDS])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fast_structurer_accepts_and_rejects_what_the_converter_does(cls: type[Any], data: st.DataObject) -> None:
    # What the loader sees is parsed JSON, so compare on that.
    raw = json.loads(json.dumps(converter().unstructure(data.draw(st.from_type(cls)))))
    fast, slow = _by_both(raw, cls)
    assert fast == slow
    where = data.draw(st.sampled_from(paths(raw)))
    mutated = replace_at(raw, where, data.draw(junk))
    fast, slow = _by_both(mutated, cls)
    assert fast == slow, (where, mutated)


@pytest.mark.parametrize("cls", RECORD_KINDS, ids=[cls.__name__ for cls in RECORD_KINDS])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_records_of_one_file_share_a_pool_without_mixing_up_values(cls: type[Any], data: st.DataObject) -> None:
    # The loader structures a file's records with one pool of equal values (tuples of ids, ranges,
    # days, small records): each must still come out as the converter makes it, whatever came before.
    from spinekb._content.structure import DoesNotFitError, structurer

    records = data.draw(st.lists(st.from_type(cls), min_size=2, max_size=5))
    raws = [json.loads(json.dumps(converter().unstructure(record))) for record in records]
    # Some records again, so that equal values meet in the pool; one mutated, refused on its own.
    raws += data.draw(st.lists(st.sampled_from(raws), max_size=3))
    bad = data.draw(st.sampled_from(raws))
    raws.append(replace_at(bad, data.draw(st.sampled_from(paths(bad))), data.draw(junk)))
    structure = structurer(cls)
    shared: dict[Any, Any] = {}
    for raw in raws:
        try:
            fast: Any = structure(raw, shared)
        except DoesNotFitError:
            fast = DoesNotFitError
        assert fast == _by_both(raw, cls)[1]


def test_a_load_holds_equal_values_once(tmp_path: pathlib.Path, kb: KnowledgeBase) -> None:
    # References are the referred entry's own id string; equal small records and tuples of ids
    # in one file are one object (what keeps the memory per entry down at scale).
    for stem, _ in KINDS:
        (tmp_path / f"{stem}.json").write_text(canonical_text(getattr(kb, stem.replace("-", "_"))), encoding="utf-8")
    loaded = KnowledgeBase.from_path(tmp_path)
    ids = {entry.id: entry.id for collection in loaded.collections for entry in collection}
    worked: dict[Any, Any] = {}
    met = 0
    for exercise in loaded.exercises:
        for muscle in exercise.muscles:
            assert muscle.muscle is ids[muscle.muscle]
            assert worked.setdefault(muscle, muscle) is muscle  # an equal one met before is this one
            met += 1
        for source in exercise.sources:
            assert source is ids[source]
    assert met > len(worked)  # some worked muscle was met more than once


# --- the loader under mutated content ------------------------------------------------------------

FILES = sorted(p.name for p in MINIMAL.glob("*.json"))
ORIGINAL = {name: json.loads((MINIMAL / name).read_text(encoding="utf-8")) for name in FILES}

junk = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside parsed JSON."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths(item, (*prefix, index))
    return found


def replace_at(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, *rest = path
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[head] = replace_at(value[head], tuple(rest), new)
    return copy


@st.composite
def mutated_files(draw: st.DrawFn) -> dict[str, bytes]:
    """The fixture's files with one mutation of a kind that real broken content shows."""
    name = draw(st.sampled_from(FILES))
    data = ORIGINAL[name]
    text = json.dumps(data, indent=2)
    files = {n: json.dumps(ORIGINAL[n]).encode() for n in FILES}
    mutation = draw(st.sampled_from(["truncate", "replace", "unknown-key", "huge", "deep", "bytes", "drop", "cycle"]))
    if mutation == "truncate":
        files[name] = text[: draw(st.integers(0, len(text) - 1))].encode()
    elif mutation == "replace":
        where = draw(st.sampled_from(paths(data)))
        files[name] = json.dumps(replace_at(data, where, draw(junk))).encode()
    elif mutation == "unknown-key":
        where = draw(st.sampled_from([p for p in paths(data) if isinstance(_get(data, p), dict)]))
        target = dict(_get(data, where), **{draw(st.text(min_size=1, max_size=8)): draw(junk)})
        files[name] = json.dumps(replace_at(data, where, target)).encode()
    elif mutation == "huge":
        where = draw(st.sampled_from(paths(data)))
        files[name] = json.dumps(replace_at(data, where, "x" * 1_000_000)).encode()
    elif mutation == "deep":
        depth = draw(st.sampled_from([50, 5_000, 200_000]))
        files[name] = ("[" * depth + "]" * depth).encode()
    elif mutation == "bytes":
        raw = bytearray(text.encode())
        raw[draw(st.integers(0, len(raw) - 1))] = draw(st.sampled_from([0xFF, 0xC3, 0x80, 0x00]))
        files[name] = bytes(raw)
    elif mutation == "drop":
        del files[name]
    else:  # a loop in the progression ladder
        exercises = json.loads(files["exercises.json"])
        for entry, harder in zip(exercises, exercises[1:] + exercises[:1], strict=True):
            entry["variations"] = [{"exercise": harder["id"], "relation": "harder"}]
        files["exercises.json"] = json.dumps(exercises).encode()
    return files


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        value = value[step]
    return value


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=mutated_files())
def test_mutated_content_loads_whole_or_fails_with_content_error_only(files: dict[str, bytes]) -> None:
    folder = pathlib.Path(tempfile.mkdtemp())
    try:
        for name, raw in files.items():
            (folder / name).write_bytes(raw)
        kb, error = None, None
        try:
            kb = KnowledgeBase.from_path(folder)
        except ContentError as exc:
            error = exc
        if error is not None:
            assert kb is None
            assert error.problems
            assert all(p.file and p.message for p in error.problems)
        else:  # some mutations leave valid content: then it all loaded
            assert kb is not None
            assert sum(len(c) for c in kb.collections) > 0
    finally:
        shutil.rmtree(folder)


# --- queries under wrong arguments ---------------------------------------------------------------

anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=30),
    st.binary(max_size=10),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.just(object()),
    st.just(models.Urgency.SOON),
)
QUERIES: list[tuple[str, Callable[[KnowledgeBase, Any], Any]]] = [
    ("exercises_for group", lambda kb, x: kb.exercises_for(x)),
    ("exercises_for muscle", lambda kb, x: kb.exercises_for(muscle=x)),
    ("exercises_for region", lambda kb, x: kb.exercises_for(region=x)),
    ("exercises_for chain", lambda kb, x: kb.exercises_for("hip-abductors", chain=x)),
    ("treatments_for", lambda kb, x: kb.treatments_for(x)),
    ("red_flags_for", lambda kb, x: kb.red_flags_for(x)),
    ("conditions_for", lambda kb, x: kb.conditions_for(x)),
    ("muscles_in", lambda kb, x: kb.muscles_in(x)),
    ("neighbours", lambda kb, x: kb.kinetic_chain.neighbours(x)),
    ("neighbours distance", lambda kb, x: kb.kinetic_chain.neighbours("hip", distance=x)),
    ("distance", lambda kb, x: kb.kinetic_chain.distance("hip", x)),
    ("getitem", lambda kb, x: kb.exercises[x]),
    ("get", lambda kb, x: kb.exercises.get(x)),
    ("lookup", lambda kb, x: kb.conditions.lookup(x)),
    ("search", lambda kb, x: kb.search(x)),
    ("search limit", lambda kb, x: kb.search("hip", limit=x)),
    ("find", lambda kb, x: kb.find(x)),
    ("describe", lambda kb, x: kb.describe(x)),
    ("kb getitem", lambda kb, x: kb[x]),
    ("module exercises_for", lambda kb, x: spinekb.exercises_for(x)),
]


@pytest.mark.parametrize("query", [q for _, q in QUERIES], ids=[name for name, _ in QUERIES])
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(argument=anything)
def test_queries_raise_only_type_value_or_spinekb_errors(
    kb: KnowledgeBase, query: Callable[[KnowledgeBase, Any], Any], argument: Any
) -> None:
    message = None
    try:
        query(kb, argument)
    except (TypeError, ValueError, SpineKBError) as error:
        message = str(error)
    assert message != "", "errors say what was expected"
