"""A knowledge base is shared and crosses processes: read-only attributes, pickling, and errors
that arrive whole from a worker (issue 16, items 16 and 17)."""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor

import pytest

import spinekb
from spinekb import ContentError, KnowledgeBase, SpineKBError
from spinekb.errors import (
    ContentProblem,
    MissingExtraError,
    SeekCareFirstError,
    UnknownEntryError,
    UnknownPackError,
)


def test_the_bundled_knowledge_base_refuses_new_values_for_its_attributes() -> None:
    kb = spinekb.load()
    before = kb.exercises
    for name, value in (("exercises", kb.conditions), ("data_version", "0"), ("anything_new", 1)):
        with pytest.raises(AttributeError, match="read-only"):
            setattr(kb, name, value)
    with pytest.raises(AttributeError, match="read-only"):
        del kb.exercises
    assert spinekb.load().exercises is before
    assert spinekb.load().exercises.get("glute-bridge") is not None


def test_cached_answers_still_fill_in_after_the_knowledge_base_is_sealed(mini: KnowledgeBase) -> None:
    # The catalog files its indexes (functools.cached_property) on first use, after it is built.
    fresh = KnowledgeBase.from_path(mini.packs[0].location)
    first = next(iter(fresh.exercises))
    assert "_exercises_by_region" not in vars(fresh)
    assert first in [match.exercise for match in fresh.exercises_for(region=first.regions[0])]
    assert "_exercises_by_region" in vars(fresh)


def test_a_knowledge_base_pickles_to_an_equal_copy(mini: KnowledgeBase) -> None:
    copy = pickle.loads(pickle.dumps(mini))
    assert type(copy) is type(mini)
    assert copy.to_document() == mini.to_document()
    assert copy.packs == mini.packs
    first = next(iter(mini.exercises))
    assert copy.exercises.lookup(first.name).id == first.id  # look-ups rebuilt


def test_the_bundled_knowledge_base_pickles_and_answers_the_same() -> None:
    kb = spinekb.load()
    copy = pickle.loads(pickle.dumps(kb))
    assert copy.to_document() == kb.to_document()
    assert copy.exercises_for(muscle_group="hip-abductors") == kb.exercises_for(muscle_group="hip-abductors")


ERRORS: list[SpineKBError] = [
    ContentError([ContentProblem("a.json", "x", "$.name", "must not be empty", "pack")]),
    ContentError([ContentProblem("a.json", "", "$", "one"), ContentProblem("b.json", "#2", "$.id", "two")]),
    MissingExtraError("pandas", "to_dataframe()"),
    MissingExtraError("networkx", "to_networkx()", extra="graph"),
    UnknownEntryError("exercise", "brige", ("glute-bridge",)),
    UnknownPackError("clinc", ("clinic",), ("clinic",), note="a note"),
    SeekCareFirstError("emergency", ("saddle numbness",), "Call 999."),
]


@pytest.mark.parametrize("error", ERRORS, ids=lambda error: type(error).__name__)
def test_every_error_pickles_whole(error: SpineKBError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert vars(copy) == vars(error)


def _raise_content_error() -> None:
    spinekb.KnowledgeBase.from_path("/nonexistent/spinekb-pack")


def _raise_missing_extra() -> None:
    raise MissingExtraError("pandas", "to_dataframe()")


def _count_exercises(kb: KnowledgeBase) -> int:
    return len(kb.exercises)


def test_errors_and_knowledge_bases_cross_to_and_from_a_worker_process(mini: KnowledgeBase) -> None:
    with pytest.raises(ContentError) as expected:
        _raise_content_error()
    with ProcessPoolExecutor(max_workers=1) as pool:
        with pytest.raises(ContentError) as caught:
            pool.submit(_raise_content_error).result()
        assert caught.value.problems == expected.value.problems
        assert str(caught.value) == str(expected.value)
        with pytest.raises(MissingExtraError, match=r"pip install 'spinekb\[pandas\]'"):
            pool.submit(_raise_missing_extra).result()
        assert pool.submit(_count_exercises, mini).result() == len(mini.exercises)
