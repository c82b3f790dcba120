"""The checked bundled content structures each kind on its first use (issue 17's first query): it
must be the same knowledge base as an eager load of the same folder, kind by kind and query by
query; a kind not yet used is not structured; threads racing on a first use get the same records;
``freeze=True`` leaves nothing to structure; a kind that fails to structure raises the loader's
:class:`ContentError`. Every other load stays eager. The hook the tests read is
``Collection._structured``."""

from __future__ import annotations

import json
import pathlib
import pickle
import shutil
import subprocess
import sys
import threading
import time
from typing import Any

import pytest

import spinekb
from spinekb import KnowledgeBase, models
from spinekb._bundled import read_bundled
from spinekb._content import read as _loading
from spinekb._content.packs import Pack, bundled_folder
from spinekb._kinds import KINDS
from spinekb._query.collection import Collection
from spinekb.errors import ContentError

DATA = pathlib.Path(str(bundled_folder()))
EXAMPLE_PACK = pathlib.Path(__file__).parents[1] / "examples" / "packs" / "clinic-extras"


def unstructured(kb: KnowledgeBase) -> list[str]:
    return [stem for (stem, _), collection in zip(KINDS, kb.collections, strict=True) if not collection._structured]


@pytest.fixture(scope="module")
def eager() -> KnowledgeBase:
    """The same folder as the same pack, loaded with every check and every kind structured at load."""
    content = _loading.read_packs([Pack("spinekb", bundled_folder())])
    kb = KnowledgeBase(content.records, content.manifest, content.packs, names=content.names)
    assert unstructured(kb) == []
    return kb


def test_the_bundled_load_structures_only_the_kinds_it_uses() -> None:
    kb = read_bundled()
    # The kinetic chain is built with the knowledge base, from the regions.
    assert unstructured(kb) == [stem for stem, _ in KINDS if stem != "regions"]
    kb.exercises_for("hip-abductors", chain=1)
    assert unstructured(kb) == ["sources", "symptoms", "conditions", "treatments", "red-flags", "topics", "lexicons"]
    kb.treatments_for("lumbar-spinal-stenosis")
    assert "conditions" not in unstructured(kb)
    assert "treatments" not in unstructured(kb)
    assert "lexicons" in unstructured(kb)
    assert repr(kb.lexicons) == f"<Collection of {len(kb.lexicons)} lexicon entries>"
    repr(kb)  # counts every kind
    assert unstructured(kb) == []
    # Once structured, each is a plain Collection again (whose attribute reads stay specialised).
    assert all(type(collection) is Collection for collection in kb.collections)


def test_every_other_load_is_eager() -> None:
    assert unstructured(KnowledgeBase.from_path(DATA)) == []
    assert unstructured(spinekb.load(EXAMPLE_PACK)) == []
    content = _loading.read_packs([Pack("spinekb", bundled_folder())])  # no fingerprint to match
    assert isinstance(content.records, dict)


def test_the_lazy_knowledge_base_equals_an_eager_load_kind_by_kind(eager: KnowledgeBase) -> None:
    for stem, cls in KINDS:
        lazy = read_bundled()
        collection = lazy.collection(cls)
        assert not collection._structured or stem == "regions"
        theirs = eager.collection(cls)
        assert collection.ids == theirs.ids
        assert list(collection) == list(theirs)
        assert len(collection) == len(theirs)
        assert repr(collection) == repr(theirs)
        first = next(iter(theirs))
        assert collection.get(first.id) == first
        assert collection.lookup(first.name) == first
        assert unstructured(lazy) == [s for s, _ in KINDS if s not in (stem, "regions")]
    lazy = read_bundled()
    assert repr(lazy) == repr(eager)
    assert len(lazy) == len(eager)
    assert lazy._all == eager._all
    assert list(lazy._all) == list(eager._all)
    assert [c.kind for c in lazy.collections] == [c.kind for c in eager.collections]
    assert lazy.to_document() == eager.to_document()
    assert lazy.retired == eager.retired
    assert lazy.manifest == eager.manifest
    assert lazy.packs == eager.packs


Query = tuple[str, tuple[Any, ...], dict[str, Any]]


def _queries(kb: KnowledgeBase) -> list[Query]:
    """Queries (a method's path from the knowledge base, its arguments), each of which a fresh
    lazy knowledge base answers with some kinds not yet used."""
    found: list[Query] = []
    for group in kb.muscle_groups:
        found += [("exercises_for", (group.id,), {"chain": chain}) for chain in (0, 1, 2)]
        found.append(("exercises_for", (group.id,), {"supporting": True}))
    found += [("exercises_for", (), {"muscle": muscle.id, "chain": 1}) for muscle in list(kb.muscles)[:5]]
    for region in kb.regions:
        found.append(("exercises_for", (), {"region": region.id}))
        found.append(("muscles_in", (region.id,), {}))
        found.append(("kinetic_chain.neighbours", (region.id,), {}))
    for condition in kb.conditions:
        found += [(name, (condition.id,), {}) for name in ("treatments_for", "red_flags_for", "ruled_out")]
        found.append(("exercises_for", ("hip-abductors",), {"avoid": condition.id}))
    found += [("conditions_for", (flag.id,), {}) for flag in kb.red_flags]
    for text in ("hip stretch", "glute bridge", "deep hold", "saddle numbness", "fever"):
        found += [("hits", (text,), {}), ("exercises.hits", (text,), {}), ("find", (text,), {})]
    for typo in ("glute bridg", "sadle numbness", "sciatca"):
        found += [("suggest", (typo,), {}), ("exercises.suggest", (typo,), {})]
    found += [(name, ("bird-dog",), {}) for name in ("get", "sources_of", "describe")]
    found += [
        ("screen", (["saddle numbness", "fever"],), {}),
        ("plan", ("hip-abductors",), {}),
        ("red_flags_at", ("emergency",), {}),
        ("symptoms_at", ("emergency",), {}),
        ("due_for_review", (), {}),
        ("findings_in", ("numb between my legs and I can't pee",), {}),
    ]
    return found


def ask(kb: KnowledgeBase, query: Query) -> Any:
    path, args, kwargs = query
    target: Any = kb
    for name in path.split("."):
        target = getattr(target, name)
    return target(*args, **kwargs)


def test_the_lazy_knowledge_base_answers_every_query_as_an_eager_load(eager: KnowledgeBase) -> None:
    queries = _queries(eager)
    assert len(queries) > 100
    lazy = read_bundled()
    for query in queries:
        fresh = read_bundled()  # a first use: kinds structured as the query reaches them
        mine, theirs = ask(fresh, query), ask(eager, query)
        assert mine == theirs, query
        assert repr(mine) == repr(theirs), query
        assert ask(lazy, query) == theirs, query  # and on one knowledge base that has answered the others


def test_threads_racing_on_a_first_use_get_the_same_records(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    original = _loading._structure_file

    def slow(name: str, *args: Any, **kwargs: Any) -> tuple[models.Entry, ...]:
        calls.append(pathlib.Path(name).name)
        time.sleep(0.05)  # widen the window in which another thread could start the same kind
        return original(name, *args, **kwargs)

    monkeypatch.setattr(_loading, "_structure_file", slow)
    kb = read_bundled()
    assert calls == ["regions.json"]
    threads = 8
    barrier = threading.Barrier(threads)
    seen: list[list[int]] = [[] for _ in range(threads)]
    answers: list[Any] = [None] * threads

    def use(slot: int) -> None:
        barrier.wait()
        answers[slot] = kb.exercises_for("hip-abductors", chain=1)
        seen[slot] = [id(entry) for collection in kb.collections for entry in collection]

    workers = [threading.Thread(target=use, args=(slot,)) for slot in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sorted(calls) == sorted(f"{stem}.json" for stem, _ in KINDS)  # each kind structured once
    assert all(ids == seen[0] for ids in seen)
    assert len(seen[0]) == len(kb)
    assert all(answer == answers[0] for answer in answers)
    assert all(kb.get(entry.id) is entry for collection in kb.collections for entry in collection)


def test_freeze_leaves_nothing_to_structure() -> None:
    probe = (
        "import gc, spinekb\n"
        "kb = spinekb.load(freeze=True)\n"
        "print(gc.get_freeze_count() > 0, [c.kind for c in kb.collections if not c._structured])\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[0] == "True []"


def test_a_lazy_knowledge_base_pickles_to_an_equal_copy(eager: KnowledgeBase) -> None:
    lazy = read_bundled()
    copy = pickle.loads(pickle.dumps(lazy))
    assert unstructured(copy) == []  # a copy is built from plain records
    assert copy.to_document() == eager.to_document()
    assert copy.exercises_for("hip-abductors", chain=1) == eager.exercises_for("hip-abductors", chain=1)


def test_a_kind_that_fails_to_structure_raises_the_loaders_content_error(tmp_path: pathlib.Path) -> None:
    # Checked bytes cannot fail; the code behind them could. The error is the one the eager load
    # gives for the same file, never a bare exception, and the collection stays unstructured.
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / "exercises.json"
    exercises = json.loads(path.read_text(encoding="utf-8"))
    exercises[0]["name"] = 7
    path.write_bytes(json.dumps(exercises).encode())
    with pytest.raises(ContentError) as eager_error:
        _loading.read_packs([Pack("spinekb", folder)])
    expected = [p for p in eager_error.value.problems if p.file == str(path)]
    assert expected
    deferred = _loading.Deferred(str(path), path.read_bytes(), models.Exercise, "spinekb")
    collection = Collection[models.Entry](models.Exercise, deferred.records)
    for _ in range(2):  # and again on the next use
        with pytest.raises(ContentError) as lazy_error:
            len(collection)
        assert list(lazy_error.value.problems) == expected
        assert not collection._structured
        assert not deferred.structured
    with pytest.raises(ContentError):
        _loading.LazyRecords({models.Exercise: deferred})[models.Exercise]


def test_a_collection_still_refuses_unknown_attributes() -> None:
    collection = read_bundled().exercises
    with pytest.raises(AttributeError, match="no_such_thing"):
        collection.no_such_thing  # type: ignore[attr-defined]  # noqa: B018
    assert not collection._structured


def test_the_lazy_records_are_a_complete_mapping(eager: KnowledgeBase) -> None:
    content = _loading.read_packs([Pack("spinekb", bundled_folder())], checked=_checked())
    records = content.records
    assert isinstance(records, _loading.LazyRecords)
    assert records.pending() == tuple(cls for _, cls in KINDS)
    assert list(records) == [cls for _, cls in KINDS]
    assert len(records) == len(KINDS)
    assert {entry.id for entry in records[models.Topic]} == set(eager.topics.ids)
    assert models.Topic not in records.pending()
    assert records[models.Topic] is records[models.Topic]
    with pytest.raises(KeyError):
        records[models.Manifest]  # type: ignore[index]


def _checked() -> str:
    from spinekb._version import CHECKED_CONTENT

    return CHECKED_CONTENT
